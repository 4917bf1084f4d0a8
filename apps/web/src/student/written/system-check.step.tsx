// The seed's "what you need": a computer with Windows or macOS, Chrome or Firefox, a camera, a
// microphone, a quiet room, and (steps 5–6) the entire screen shared. Every item says pass,
// warn or fail, and how to fix it.
import { Alert, Button, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExamView } from '@emtihan/protocol';
import { judgeBrowser, judgeOs } from '../../media/browser-os.rules';
import type { CheckOutcome, Verdict } from '../../media/check.types';
import { useMedia } from '../../media/media.context';
import { listenLevel, type DeviceFailure } from '../../media/media.devices';
import {
  canContinue,
  estimateRoomDb,
  judgeNoise,
  judgeSecondDisplay,
  judgeStorage,
  judgeUploadSpeed,
  meterLevel,
  type DisplayCode,
  type ScreenCode,
  type SpeedCode,
  type StorageCode,
} from '../../media/system-check.rules';
import { VideoPreview } from '../../media/video-preview';
import { CheckItem } from './check-item';
import type { WrittenApi } from './written.api';

const NOISE_SECONDS = 10;
const DEVICES = ['camera', 'microphone', 'screen'] as const;

type DeviceState =
  { verdict: 'pending' } | { verdict: 'pass' } | { verdict: 'fail'; failure: DeviceFailure };

function useAsyncOutcome<C extends string>(
  run: () => Promise<CheckOutcome<C>>,
): [CheckOutcome<C> | null, () => void] {
  const [outcome, setOutcome] = useState<CheckOutcome<C> | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    run().then((o) => live && setOutcome(o));
    return () => {
      live = false;
    };
  }, [run, round]);
  return [
    outcome,
    useCallback(() => {
      setOutcome(null);
      setRound((r) => r + 1);
    }, []),
  ];
}

export function SystemCheckStep({
  exam,
  api,
  onVerdicts,
}: {
  exam: ExamView;
  api: WrittenApi;
  onVerdicts: (ok: boolean) => void;
}) {
  const { t } = useTranslation();
  const media = useMedia();
  const settings = exam.settings;
  // A device the exam does not ask for has no item here and is never asked for.
  const needs = settings.media;
  const devicesNeeded = DEVICES.filter((d) => needs[d]);

  const browser = useMemo(() => judgeBrowser(navigator.userAgent), []);
  const os = useMemo(() => judgeOs(navigator.userAgent), []);

  // Camera and microphone: asked for as soon as the step opens.
  const [camera, setCamera] = useState<DeviceState>({ verdict: 'pending' });
  const [microphone, setMicrophone] = useState<DeviceState>({ verdict: 'pending' });
  const { startCamera, startMicrophone } = media;
  const askCamera = useCallback(async () => {
    const r = media.camera ? ({ ok: true } as const) : await startCamera();
    setCamera(r.ok ? { verdict: 'pass' } : { verdict: 'fail', failure: r.failure });
  }, [media.camera, startCamera]);
  const askMicrophone = useCallback(async () => {
    const r = media.microphone ? ({ ok: true } as const) : await startMicrophone();
    setMicrophone(r.ok ? { verdict: 'pass' } : { verdict: 'fail', failure: r.failure });
  }, [media.microphone, startMicrophone]);
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void Promise.resolve()
      .then(() => (needs.camera ? askCamera() : undefined))
      .then(() => (needs.microphone ? askMicrophone() : undefined));
  }, [askCamera, askMicrophone, needs.camera, needs.microphone]);

  // Microphone level and the 10-second noise estimate.
  const [level, setLevel] = useState(0);
  const [noise, setNoise] = useState<{ blocks: number[]; done: boolean }>({
    blocks: [],
    done: false,
  });
  const [noiseRound, setNoiseRound] = useState(0);
  const mic = media.microphone;
  useEffect(() => {
    if (!mic) return;
    const blocks: number[] = [];
    const started = performance.now();
    let done = false;
    const stop = listenLevel(mic, (db) => {
      setLevel(meterLevel(db));
      if (done) return;
      blocks.push(db);
      done = performance.now() - started >= NOISE_SECONDS * 1000;
      setNoise({ blocks: [...blocks], done });
    });
    return stop;
  }, [mic, noiseRound]);
  const noiseDb = estimateRoomDb(noise.blocks);
  const noiseOutcome =
    noise.done && noiseDb !== null ? judgeNoise(noiseDb, settings.noiseLimitDb) : null;
  const noiseProgress = Math.min(100, (noise.blocks.length / (NOISE_SECONDS * 10)) * 100);

  // Whole-screen sharing: only on the student's press (browsers require a gesture).
  const [screenCode, setScreenCode] = useState<ScreenCode | null>(media.screen ? 'entire' : null);
  const [sharing, setSharing] = useState(false);
  const share = async () => {
    setSharing(true);
    const r = await media.shareScreen();
    setSharing(false);
    setScreenCode(r.ok ? 'entire' : r.code);
  };
  const screenVerdict: Verdict | 'pending' =
    media.screen && screenCode === 'entire'
      ? 'pass'
      : screenCode && screenCode !== 'entire'
        ? 'fail'
        : 'pending';
  // Sharing stopped from the browser's bar: back to "not shared yet".
  const screenShown =
    media.screen && screenCode === 'entire'
      ? 'entire'
      : screenCode === 'entire'
        ? null
        : screenCode;

  const measureSpeed = useCallback(
    async (): Promise<CheckOutcome<SpeedCode>> =>
      judgeUploadSpeed(await api.measureUpload().catch(() => null)),
    [api],
  );
  const [speed, remeasureSpeed] = useAsyncOutcome(measureSpeed);

  const checkStorage = useCallback(async (): Promise<CheckOutcome<StorageCode>> => {
    const storage = navigator.storage;
    if (!storage?.persist || !storage.estimate) return judgeStorage(undefined, undefined);
    const [persisted, estimate] = await Promise.all([
      storage.persist().catch(() => false),
      storage.estimate().catch(() => undefined),
    ]);
    return judgeStorage(persisted, estimate);
  }, []);
  const [storage] = useAsyncOutcome(checkStorage);

  const display = useMemo((): CheckOutcome<DisplayCode> => {
    const extended = (window.screen as Screen & { isExtended?: boolean }).isExtended;
    return judgeSecondDisplay(
      typeof extended === 'boolean' ? extended : undefined,
      settings.secondDisplay,
    );
  }, [settings.secondDisplay]);

  const ok = canContinue(
    {
      camera: camera.verdict === 'pending' ? undefined : camera.verdict,
      microphone: microphone.verdict === 'pending' ? undefined : microphone.verdict,
      screen: screenVerdict === 'pending' ? undefined : screenVerdict,
    },
    needs,
  );
  useEffect(() => onVerdicts(ok), [ok, onVerdicts]);

  const deviceMessage = (item: 'camera' | 'microphone', s: DeviceState) =>
    s.verdict === 'pending'
      ? t(`written.check.${item}.pending`)
      : s.verdict === 'pass'
        ? t(`written.check.${item}.on`)
        : t(`written.check.${item}.${s.failure}`);

  return (
    <Stack gap="md">
      <Text>
        {needs.camera && needs.microphone && needs.screen
          ? t('written.check.intro')
          : devicesNeeded.length > 0
            ? t('examRules.checkIntro', {
                devices: devicesNeeded.map((d) => t(`examRules.device.${d}`)).join(', '),
              })
            : t('examRules.checkIntroNone')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <CheckItem
          id="browser"
          title={t('written.check.browser.title')}
          verdict={browser.verdict}
          message={t(`written.check.browser.${browser.code}`, browser.params)}
        />
        <CheckItem
          id="os"
          title={t('written.check.os.title')}
          verdict={os.verdict}
          message={t(`written.check.os.${os.code}`, os.params)}
        />
        {needs.camera ? (
          <CheckItem
            id="camera"
            title={t('written.check.camera.title')}
            verdict={camera.verdict}
            message={deviceMessage('camera', camera)}
          >
            <VideoPreview
              stream={media.camera}
              label={t('written.check.camera.preview')}
              height={160}
            />
            {camera.verdict === 'fail' ? (
              <Group>
                <Button variant="default" onClick={() => void askCamera()}>
                  {t('written.check.again')}
                </Button>
              </Group>
            ) : null}
          </CheckItem>
        ) : null}
        {needs.microphone ? (
          <>
            <CheckItem
              id="microphone"
              title={t('written.check.microphone.title')}
              verdict={microphone.verdict}
              message={deviceMessage('microphone', microphone)}
            >
              <Progress
                value={level * 100}
                aria-label={t('written.check.microphone.level')}
                size="lg"
                color={level > 0.8 ? 'red' : 'teal'}
                transitionDuration={80}
              />
              {microphone.verdict === 'fail' ? (
                <Group>
                  <Button variant="default" onClick={() => void askMicrophone()}>
                    {t('written.check.again')}
                  </Button>
                </Group>
              ) : null}
            </CheckItem>
            <CheckItem
              id="noise"
              title={t('written.check.noise.title')}
              verdict={noiseOutcome?.verdict ?? 'pending'}
              message={
                noiseOutcome
                  ? t(`written.check.noise.${noiseOutcome.code}`, noiseOutcome.params)
                  : mic
                    ? t('written.check.noise.measuring', { seconds: NOISE_SECONDS })
                    : t('written.check.noise.needsMicrophone')
              }
            >
              <Progress
                value={noiseProgress}
                aria-label={t('written.check.noise.progress')}
                size="sm"
              />
              <Text size="xs" c="dimmed">
                {t('written.check.noise.estimate')}
              </Text>
              {noise.done ? (
                <Group>
                  <Button
                    variant="default"
                    onClick={() => {
                      setNoise({ blocks: [], done: false });
                      setNoiseRound((r) => r + 1);
                    }}
                  >
                    {t('written.check.noise.again')}
                  </Button>
                </Group>
              ) : null}
            </CheckItem>
          </>
        ) : null}
        {needs.screen ? (
          <CheckItem
            id="screen"
            title={t('written.check.screen.title')}
            verdict={screenVerdict}
            message={
              screenShown
                ? t(`written.check.screen.${screenShown}`)
                : t('written.check.screen.pending')
            }
          >
            {media.screen ? (
              <VideoPreview
                stream={media.screen}
                label={t('written.check.screen.preview')}
                height={120}
                mirror={false}
              />
            ) : (
              <Group>
                <Button onClick={() => void share()} loading={sharing}>
                  {t('written.shareEntireScreen')}
                </Button>
              </Group>
            )}
          </CheckItem>
        ) : null}
        <CheckItem
          id="speed"
          title={t('written.check.speed.title')}
          verdict={speed?.verdict ?? 'pending'}
          message={
            speed
              ? t(`written.check.speed.${speed.code}`, speed.params)
              : t('written.check.speed.measuring')
          }
        >
          {speed && speed.verdict !== 'pass' ? (
            <Group>
              <Button variant="default" onClick={remeasureSpeed}>
                {t('written.check.again')}
              </Button>
            </Group>
          ) : null}
        </CheckItem>
        <CheckItem
          id="storage"
          title={t('written.check.storage.title')}
          verdict={storage?.verdict ?? 'pending'}
          message={
            storage
              ? t(`written.check.storage.${storage.code}`, storage.params)
              : t('written.check.storage.checking')
          }
        />
        <CheckItem
          id="display"
          title={t('written.check.display.title')}
          verdict={display.verdict}
          message={t(`written.check.display.${display.code}`)}
        />
      </SimpleGrid>
      {!ok ? (
        <Alert color="blue" variant="light">
          {t('written.check.needed')}
        </Alert>
      ) : null}
    </Stack>
  );
}

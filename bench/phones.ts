// The phone part of `npm run bench:detect`: each strategy of the object stage on frames with a
// phone (held, lying, in a bag) and without one (hands, faces, group photos, animals,
// landscapes, the darknet sample photos). The model runs once on the whole frame and once per
// tile; each strategy is then the merge of the candidates it would have seen, so the figures
// compare strategies on the very same model outputs.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Tensor } from '@vladmandic/human';
import type { DetectionEngine, FrameObject } from '@emtihan/detection';
import { detectionConfig, mergeObjects, objectsIn, stageConfig, tilesOf } from '@emtihan/detection';
import { imageTensor } from '@emtihan/detection/node';
import {
  darknetData,
  faceApiDemo,
  frameAround,
  handPictures,
  phoneFramingScales,
  phonePictures,
} from '../packages/detection/src/phone-pictures.fixture.ts';

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

interface Candidates {
  whole: FrameObject[];
  tiles: FrameObject[][];
}

async function candidates(engine: DetectionEngine, file: string): Promise<Candidates> {
  const { human } = engine;
  const frame = await imageTensor(human, file);
  try {
    const whole = objectsIn((await human.detect(frame, stageConfig('objects'))).object, {
      x: 0,
      y: 0,
      scale: 1,
    });
    const tiles: FrameObject[][] = [];
    for (const t of tilesOf(frame.shape[2] ?? 0, frame.shape[1] ?? 0)) {
      const part = human.tf.slice(frame, [0, t.y, t.x, 0], [1, t.h, t.w, 3]) as Tensor;
      try {
        const found = (await human.detect(part, stageConfig('objects'))).object;
        tiles.push(objectsIn(found, { x: t.x, y: t.y, scale: 1 }));
      } finally {
        human.tf.dispose(part);
      }
    }
    return { whole, tiles };
  } finally {
    human.tf.dispose(frame);
  }
}

const phoneIn = (objects: FrameObject[]) => objects.some((o) => o.label === 'cell phone');

/** What each strategy says of one frame. */
function strategies(c: Candidates) {
  const rule = detectionConfig.objects.remoteAsPhone;
  const sees = (parts: FrameObject[][], remoteAsPhone: number | null) =>
    phoneIn(mergeObjects(parts.flat(), { remoteAsPhone }));
  const passes = c.tiles.map((tile) => sees([c.whole, tile], rule));
  return {
    // What the object stage did before (ADR 0009): the whole frame, a remote stays a remote.
    wholeFrameOnly: sees([c.whole], null),
    wholeFrameWithRemoteRule: sees([c.whole], rule),
    allTilesWithoutRemoteRule: sees([c.whole, ...c.tiles], null),
    // The default (`rotate`): the whole frame and one tile per heavy pass.
    rotatingPassesThatSee: passes.filter(Boolean).length,
    rotatingWithinOneRound: passes.some(Boolean),
    allTilesWithRemoteRule: sees([c.whole, ...c.tiles], rule),
    phoneCandidates: mergeObjects([c.whole, ...c.tiles].flat())
      .filter((o) => o.label === 'cell phone')
      .map((o) => ({ score: o.score, seenAs: o.seenAs ?? 'cell phone' })),
  };
}

export async function phoneQuality(
  engine: DetectionEngine,
  dir: string,
  otherPhoneFree: { file: string; source: string }[],
  /** The darknet sample photos (Debian `darknet`, or its .deb unpacked with dpkg -x). */
  darknetDir = darknetData,
) {
  type Row = { frame?: string; source: string } & ReturnType<typeof strategies>;
  const withPhone: Row[] = [];
  for (const p of phonePictures) {
    for (const scale of phoneFramingScales) {
      const file = await frameAround(
        join(faceApiDemo, p.photo),
        p.box,
        scale,
        join(dir, `phone-${p.photo}-${p.box[0]}-${scale}.jpg`),
      );
      withPhone.push({
        frame: `${p.photo}: ${p.what}, x${scale}`,
        source: p.source,
        ...strategies(await candidates(engine, file)),
      });
    }
  }
  const phoneFree: { file: string; source: string }[] = [];
  for (const h of handPictures) {
    for (const scale of h.scales) {
      phoneFree.push({
        file: await frameAround(
          join(faceApiDemo, h.photo),
          h.box,
          scale,
          join(dir, `hand-${h.photo}-${h.box[0]}-${scale}.jpg`),
        ),
        source: `npm @vladmandic/face-api demo/${h.photo}: ${h.what}, x${scale}`,
      });
    }
  }
  if (existsSync(darknetDir)) {
    for (const f of readdirSync(darknetDir)
      .filter((f) => f.endsWith('.jpg'))
      .sort())
      phoneFree.push({ file: join(darknetDir, f), source: `Debian darknet data/${f}` });
  }
  phoneFree.push(...otherPhoneFree);
  const without: Row[] = [];
  for (const { file, source } of phoneFree)
    without.push({ source, ...strategies(await candidates(engine, file)) });

  const share = (rows: Record<string, unknown>[], key: string) =>
    round(rows.filter((r) => r[key] === true).length / Math.max(1, rows.length));
  const perPass = (rows: { rotatingPassesThatSee: number }[]) =>
    round(
      rows.reduce((n, r) => n + r.rotatingPassesThatSee, 0) /
        Math.max(1, rows.length * detectionConfig.objects.tiles.grid ** 2),
    );
  const keys = [
    'wholeFrameOnly',
    'wholeFrameWithRemoteRule',
    'allTilesWithoutRemoteRule',
    'rotatingWithinOneRound',
    'allTilesWithRemoteRule',
  ];
  return {
    framesWithPhone: withPhone.length,
    framesWithoutPhone: without.length,
    darknetPictures: existsSync(darknetDir) ? darknetDir : 'absent (apt-get install darknet)',
    foundShare: {
      ...Object.fromEntries(keys.map((k) => [k, share(withPhone, k)])),
      rotatingPerPass: perPass(withPhone),
    },
    falseAlarmShare: {
      ...Object.fromEntries(keys.map((k) => [k, share(without, k)])),
      rotatingPerPass: perPass(without),
    },
    strategyInUse: {
      tiles: detectionConfig.objects.tiles.mode,
      remoteAsPhone: detectionConfig.objects.remoteAsPhone,
      note: 'rotating: the whole frame plus one tile per heavy pass; a phone kept in view is seen enlarged within one round of grid² passes (12 s at one pass every 3 s)',
    },
    perFrameWithPhone: withPhone,
    falseAlarms: without.filter((r) => r.allTilesWithRemoteRule || r.wholeFrameOnly),
    target: { found: 0.9, falseAlarms: 0.05 },
  };
}

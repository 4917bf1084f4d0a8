// The admin's presets: university-wide starting points for new exams (settings, rules, duration).
// One may be the default, which every new exam starts from. The sections are the exam form's.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { PresetBody, type PresetView } from '@emtihan/protocol';
import { ApiError } from '../api/client';
import { AnswerSection } from '../examiner/authoring/answer.section';
import {
  blankPresetValues,
  checkPreset,
  presetToValues,
  presetValuesToBody,
  serverProblem,
  tabOf,
  type FieldProblem,
  type FormTab,
  type PresetFormValues,
} from '../examiner/authoring/exam-form.model';
import { FormStateProvider, useField } from '../examiner/authoring/form-context';
import { ProctoringSection } from '../examiner/authoring/proctoring.section';
import { RulesSection } from '../examiner/authoring/rules.section';
import { DurationFields } from '../examiner/authoring/time.section';
import { ViolationsSection } from '../examiner/authoring/violations.section';
import { useSession } from '../session/session';
import { errorMessage } from '../ui/errors';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';

const PRESET_TABS = ['basics', 'answer', 'proctoring', 'rules', 'violations'] as const;

/** The preset form's tab of a field: its name and times are on the first. */
function presetTabOf(path: string): FormTab {
  const tab = tabOf(path);
  return tab === 'time' ? 'basics' : tab;
}

export function PresetsPage() {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => api.call('listPresets', { signal }).then((r) => r.presets),
    [api],
  );
  const presets = useLoad(load);
  const [editing, setEditing] = useState<{ preset: PresetView | null } | null>(null);
  const [deleting, setDeleting] = useState<PresetView | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { reload } = presets;

  const done = (message: string) => {
    setEditing(null);
    setDeleting(null);
    setStatus(message);
    reload();
  };

  const makeDefault = async (p: PresetView) => {
    setError(null);
    try {
      await api.call('updatePreset', {
        params: { presetId: p.id },
        body: { ...presetValuesToBody(presetToValues(p)), isDefault: true },
      });
      done(t('presets.status.default', { name: p.name }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Page title={t('presets.title')} intro={<Text c="dimmed">{t('presets.intro')}</Text>}>
      <StatusMessage message={status} />
      <ErrorAlert error={error} />
      {editing ? (
        <PresetEditor
          key={editing.preset?.id ?? 'new'}
          preset={editing.preset}
          onCancel={() => setEditing(null)}
          onSaved={(p) =>
            done(
              t(editing.preset ? 'presets.status.saved' : 'presets.status.created', {
                name: p.name,
              }),
            )
          }
        />
      ) : (
        <Stack gap="md">
          <Group>
            <Button
              onClick={() => {
                setStatus(null);
                setEditing({ preset: null });
              }}
            >
              {t('presets.new')}
            </Button>
          </Group>
          {presets.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
          {presets.state === 'failed' ? <ErrorAlert error={presets.error} /> : null}
          {presets.state === 'ready' && presets.data.length === 0 ? (
            <Text>{t('presets.empty')}</Text>
          ) : null}
          {presets.state === 'ready' && presets.data.length > 0 ? (
            <Table withTableBorder striped>
              <Table.Caption>{t('presets.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('presets.col.name')}</Table.Th>
                  <Table.Th>{t('presets.col.summary')}</Table.Th>
                  <Table.Th>{t('presets.col.updated')}</Table.Th>
                  <Table.Th>{t('presets.col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {presets.data.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={500}>{p.name}</Text>
                        {p.isDefault ? (
                          <Badge variant="light" color="teal">
                            {t('presets.default')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t('presets.summary', {
                          minutes: p.durationMinutes,
                          lead: p.checkInLeadMinutes,
                        })}{' '}
                        ·{' '}
                        {t(
                          p.settings.liveProctoring
                            ? 'authoring.proctoring.live'
                            : 'authoring.proctoring.recorded',
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(p.updatedAt, language)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={t('presets.editFor', { name: p.name })}
                          onClick={() => {
                            setStatus(null);
                            setEditing({ preset: p });
                          }}
                        >
                          {t('presets.edit')}
                        </Button>
                        {p.isDefault ? null : (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('presets.makeDefaultFor', { name: p.name })}
                            onClick={() => void makeDefault(p)}
                          >
                            {t('presets.makeDefault')}
                          </Button>
                        )}
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('presets.deleteFor', { name: p.name })}
                          onClick={() => setDeleting(p)}
                        >
                          {t('presets.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </Stack>
      )}
      {deleting ? (
        <DeletePreset preset={deleting} onClose={() => setDeleting(null)} onDone={done} />
      ) : null}
    </Page>
  );
}

function DeletePreset({
  preset,
  onClose,
  onDone,
}: {
  preset: PresetView;
  onClose(): void;
  onDone(message: string): void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api.call('deletePreset', { params: { presetId: preset.id } });
      onDone(t('presets.status.deleted', { name: preset.name }));
    } catch (e) {
      setFailure(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('presets.deleteTitle', { name: preset.name })}
      centered
    >
      <Stack gap="md">
        <Text size="sm">{t('presets.deleteText')}</Text>
        {failure ? (
          <Alert color="red" variant="light" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('authoring.card.cancel')}
          </Button>
          <Button color="red" onClick={() => void remove()} loading={busy}>
            {t('presets.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PresetEditor({
  preset,
  onCancel,
  onSaved,
}: {
  preset: PresetView | null;
  onCancel(): void;
  onSaved(preset: PresetView): void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [values, setValues] = useState<PresetFormValues>(() =>
    preset ? presetToValues(preset) : blankPresetValues(),
  );
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [tab, setTab] = useState<FormTab>('basics');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  const counts: Partial<Record<FormTab, number>> = {};
  for (const p of problems) {
    const tb = presetTabOf(p.path);
    counts[tb] = (counts[tb] ?? 0) + 1;
  }
  const change = (patch: Partial<PresetFormValues>) => setValues((v) => ({ ...v, ...patch }));

  const show = (found: FieldProblem[]) => {
    setProblems(found);
    setFailure(t('authoring.status.invalid', { n: found.length }));
    if (found[0]) setTab(presetTabOf(found[0].path));
  };

  const save = async () => {
    setFailure(null);
    const found = checkPreset(values);
    if (found.length > 0) return show(found);
    setBusy(true);
    try {
      const body = presetValuesToBody(values);
      const saved = preset
        ? await api.call('updatePreset', { params: { presetId: preset.id }, body })
        : await api.call('createPreset', { body });
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) {
        show(e.issues.map((i) => serverProblem(i, PresetBody)));
      } else {
        setFailure(errorMessage(t, e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormStateProvider value={{ problems, editable: 'all', busy }}>
      <Paper withBorder p="md" component="section" aria-labelledby="preset-editor">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} size="h3" id="preset-editor">
              {preset ? t('presets.editTitle', { name: preset.name }) : t('presets.newTitle')}
            </Title>
            <Group gap="xs">
              <Button variant="default" onClick={onCancel} disabled={busy}>
                {t('authoring.card.cancel')}
              </Button>
              <Button onClick={() => void save()} loading={busy}>
                {t('presets.save')}
              </Button>
            </Group>
          </Group>
          {failure ? (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Tabs
            value={tab}
            onChange={(v) => v && setTab(v as FormTab)}
            orientation={narrow ? 'horizontal' : 'vertical'}
            variant="pills"
            keepMounted
          >
            <Tabs.List
              miw={narrow ? undefined : 190}
              mr={narrow ? 0 : 'md'}
              mb={narrow ? 'md' : 0}
              aria-label={t('authoring.tabs.label')}
            >
              {PRESET_TABS.map((tb) => (
                <Tabs.Tab
                  key={tb}
                  value={tb}
                  rightSection={
                    counts[tb] ? (
                      <Badge size="sm" color="red" circle>
                        {counts[tb]}
                      </Badge>
                    ) : null
                  }
                >
                  {t(tb === 'basics' ? 'presets.tabs.basics' : `authoring.tabs.${tb}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="basics">
              <Stack gap="md">
                <PresetName value={values.name} onChange={(name) => change({ name })} />
                <Checkbox
                  label={t('presets.isDefault')}
                  description={t('presets.isDefaultHint')}
                  checked={values.isDefault}
                  onChange={(e) => change({ isDefault: e.currentTarget.checked })}
                />
                <DurationFields values={values} onChange={change} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="answer">
              <AnswerSection values={values} onChange={change} />
            </Tabs.Panel>
            <Tabs.Panel value="proctoring">
              <ProctoringSection values={values} onChange={change} />
            </Tabs.Panel>
            <Tabs.Panel value="rules">
              <RulesSection values={values} onChange={change} />
            </Tabs.Panel>
            <Tabs.Panel value="violations">
              <ViolationsSection values={values} onChange={change} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      </Paper>
    </FormStateProvider>
  );
}

function PresetName({ value, onChange }: { value: string; onChange(name: string): void }) {
  const { t } = useTranslation();
  const field = useField('name');
  return (
    <TextInput
      {...field}
      label={t('presets.name')}
      description={t('presets.nameHint')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maxLength={120}
      required
    />
  );
}

// What every change of an accommodation asks (ADR 0018): why it is made. The reason field, the
// form's foot (what went wrong, Cancel, the action) and the removal dialog are one here, so the
// office's profiles and an examiner's arrangements ask in the same words.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ui/errors';

/**
 * After a refusal the first field in error gets the focus (the forms are longer than a screen);
 * the ref goes on the form.
 */
export function useFocusFirstProblem(problems: readonly unknown[]) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (problems.length === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus({ preventScroll: true });
    first?.scrollIntoView({ block: 'center' }); // not under the dialog's sticky title
  }, [problems]);
  return formRef;
}

export function ReasonField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t('accommodations.field.reason')}
      description={t('accommodations.field.reasonHint')}
      required
      autosize
      minRows={2}
      maxLength={500}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/** A form's end: why it failed (an alert), then Cancel and the form's action. */
export function FormFoot({
  failure,
  busy,
  onClose,
  action,
  color,
}: {
  failure: string | null;
  busy: boolean;
  onClose(): void;
  action: string;
  color?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {failure ? (
        <Alert color="red" variant="light" role="alert">
          {failure}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy} {...(color ? { color } : {})}>
          {action}
        </Button>
      </Group>
    </>
  );
}

/** Removing a profile or an arrangement: a reason is required; `remove` sends it. */
export function RemovalModal({
  title,
  text,
  action,
  onClose,
  remove,
}: {
  title: string;
  text: string;
  action: string;
  onClose(): void;
  remove(reason: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (reason.trim() === '') return setMissing(true);
    setBusy(true);
    try {
      await remove(reason.trim());
    } catch (e) {
      setFailure(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Text size="sm">{text}</Text>
          <ReasonField
            value={reason}
            onChange={(value) => {
              setReason(value);
              setMissing(false);
            }}
            error={missing ? t('accommodations.problem.reason-required') : undefined}
          />
          <FormFoot failure={failure} busy={busy} onClose={onClose} action={action} color="red" />
        </Stack>
      </form>
    </Modal>
  );
}

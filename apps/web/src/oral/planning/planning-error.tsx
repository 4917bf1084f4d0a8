import { Alert, List } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type en from '../../i18n/locales/en.json';
import { ApiError } from '../../api/client';
import { OralError } from '../oral-error';

/** Refusals of the planning rules that the page explains. */
export const PLAN_REASONS = [
  'slot-started',
  'committee-has-slots',
  'tickets-in-use',
  'booking-not-open',
  'booking-closed',
  'already-placed',
  'slot-full',
] as const;

type Field = keyof (typeof en)['oralPlan']['fields'];
type Problem = keyof (typeof en)['oralPlan']['problems'];
type PlanReason = (typeof PLAN_REASONS)[number];

/** A field's name in the page's language, or the field as the server named it. */
function fieldName(t: TFunction, i18nHas: (k: string) => boolean, field: string): string {
  const key = `oralPlan.fields.${field}`;
  return i18nHas(key) ? t(key as `oralPlan.fields.${Field}`) : field;
}

/** `body.breaks.0.afterSlot` → "Break 1: after which slot". */
function fieldLabel(t: TFunction, has: (k: string) => boolean, path: string): string {
  const parts = path.split('.').filter((p) => p !== 'body');
  const [head = '', index, sub, subIndex] = parts;
  const base = fieldName(t, has, head);
  if (index === undefined || !/^\d+$/.test(index)) return base;
  const item = `${base} ${Number(index) + 1}`;
  if (!sub) return item;
  const inner = fieldName(t, has, `${head}_${sub}`);
  return subIndex === undefined ? `${item}: ${inner}` : `${item}: ${inner} ${Number(subIndex) + 1}`;
}

/** A planning call that failed: every wrong field with its problem, or the rule's refusal. */
export function PlanningError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const has = (k: string) => i18n.exists(k);
  if (!(error instanceof ApiError)) return <OralError error={error} />;
  if (error.reason && (PLAN_REASONS as readonly string[]).includes(error.reason)) {
    return (
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={t(`oralPlan.refused.${error.reason as PlanReason}`)}
      >
        {null}
      </Alert>
    );
  }
  if (error.code !== 'bad-request' || error.issues.length === 0) return <OralError error={error} />;
  return (
    <Alert color="red" variant="light" role="alert" title={t('oralPlan.invalid')}>
      <List size="sm">
        {error.issues.map((i) => (
          <List.Item key={`${i.path}:${i.message}`}>
            {fieldLabel(t, has, i.path)}:{' '}
            {/* The rules' problems are translated; a shape error (zod's words) is "not valid". */}
            {t(
              `oralPlan.problems.${has(`oralPlan.problems.${i.message}`) ? (i.message as Problem) : 'invalid'}`,
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

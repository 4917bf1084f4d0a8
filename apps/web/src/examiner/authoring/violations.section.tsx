// When the system proposes to the proctor that the exam be stopped (the domain's ViolationPolicy).
import { NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { asNumber, shown, useField } from './form-context';
import { settingSetter, type SectionProps } from './section';

export function ViolationsSection({ values, onChange }: SectionProps) {
  const { t } = useTranslation();
  const set = settingSetter(values, onChange);
  const policy = values.settings.violationPolicy;
  const gross = useField('settings.violationPolicy.grossViolationsToProposeTermination');
  const unack = useField('settings.violationPolicy.unacknowledgedWarningsToProposeTermination');
  const ack = useField('settings.violationPolicy.warningAckLimitSeconds');
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('authoring.violations.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          {...gross}
          label={t('authoring.violations.gross')}
          description={t('authoring.violations.grossHint')}
          min={1}
          max={20}
          allowDecimal={false}
          value={shown(policy.grossViolationsToProposeTermination)}
          onChange={(v) =>
            set('violationPolicy', { ...policy, grossViolationsToProposeTermination: asNumber(v) })
          }
        />
        <NumberInput
          {...unack}
          label={t('authoring.violations.unacknowledged')}
          description={t('authoring.violations.unacknowledgedHint')}
          min={1}
          max={20}
          allowDecimal={false}
          value={shown(policy.unacknowledgedWarningsToProposeTermination)}
          onChange={(v) =>
            set('violationPolicy', {
              ...policy,
              unacknowledgedWarningsToProposeTermination: asNumber(v),
            })
          }
        />
        <NumberInput
          {...ack}
          label={t('authoring.violations.ackTime')}
          description={t('authoring.violations.ackTimeHint')}
          suffix={` ${t('authoring.secondsShort')}`}
          min={10}
          max={600}
          allowDecimal={false}
          value={shown(policy.warningAckLimitSeconds)}
          onChange={(v) =>
            set('violationPolicy', { ...policy, warningAckLimitSeconds: asNumber(v) })
          }
        />
      </SimpleGrid>
    </Stack>
  );
}

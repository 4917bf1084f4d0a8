import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '@emtihan/protocol';

/** The university's technical support, as the instructions send students there when login fails. */
export function SupportContact({ support }: { support: PublicConfig['support'] }) {
  const { t } = useTranslation();
  const tel = support.phone.replace(/[^\d+]/g, '');
  return (
    <Group gap="md" justify="center" wrap="wrap">
      <Text size="sm" fw={600}>
        {t('support.title')}
      </Text>
      <Text size="sm">
        {t('support.phone')}: <Anchor href={`tel:${tel}`}>{support.phone}</Anchor>
      </Text>
      <Text size="sm">
        {t('support.email')}: <Anchor href={`mailto:${support.email}`}>{support.email}</Anchor>
      </Text>
    </Group>
  );
}

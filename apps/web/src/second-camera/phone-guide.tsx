// Where the phone goes (ADR 0023): to the side of the student, about a metre away, in landscape,
// so the desk, the hands, the keyboard and the screen are in its view. A drawing says it faster
// than words to a student in a hurry; the words are beside it for a screen reader.
import { Card, List, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PhoneGuide() {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('phone.guide.title')}
        </Title>
        <svg
          viewBox="30 60 290 130"
          role="img"
          aria-label={t('phone.guide.picture')}
          style={{ width: '100%', maxWidth: 420, height: 'auto' }}
        >
          {/* desk */}
          <rect x="40" y="70" width="200" height="90" rx="6" fill="#e9ecef" stroke="#495057" />
          {/* laptop: screen and keyboard */}
          <rect x="95" y="78" width="90" height="8" rx="2" fill="#343a40" />
          <rect x="100" y="88" width="80" height="40" rx="3" fill="#adb5bd" stroke="#343a40" />
          {/* student */}
          <circle cx="140" cy="170" r="16" fill="#74c0fc" stroke="#1c7ed6" />
          <rect x="110" y="132" width="18" height="8" rx="4" fill="#ffd8a8" stroke="#e8590c" />
          <rect x="152" y="132" width="18" height="8" rx="4" fill="#ffd8a8" stroke="#e8590c" />
          {/* phone on a stand, to the side, about a metre away, in landscape */}
          <rect x="268" y="96" width="34" height="20" rx="3" fill="#212529" />
          <circle cx="271" cy="106" r="2" fill="#74c0fc" />
          {/* what it sees */}
          <path
            d="M268 100 L92 72 L92 150 L268 112 Z"
            fill="#40c05733"
            stroke="#2b8a3e"
            strokeDasharray="5 4"
          />
          <text x="250" y="140" fontSize="12" fill="#212529">
            ≈ 1 m
          </text>
        </svg>
        <List spacing="xs">
          <List.Item>{t('phone.guide.side')}</List.Item>
          <List.Item>{t('phone.guide.view')}</List.Item>
          <List.Item>{t('phone.guide.landscape')}</List.Item>
        </List>
      </Stack>
    </Card>
  );
}

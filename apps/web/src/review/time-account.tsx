// The sitting's time on the review page (ADR 0018): the student's work time with how it came
// about ("67 min 30 s (45 min × 1.5)"), time added during the sitting (who, when, why), the rest
// breaks taken, and the automatic checks the accommodation left out. The medical reason behind an
// accommodation is never here.
import { DataList, List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { skippedChecksText } from '../exams/my-accommodation';
import { useSession } from '../session/session';
import { formatMinutes, formatWorkTime } from '../ui/work-time';
import type { TimeAccount } from './review.timeline';

export function TimeAccountSection({
  account,
  fmt,
}: {
  account: TimeAccount;
  /** A moment as the review page writes it (time of day). */
  fmt: (ms: number) => string;
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  const addedMinutes = account.added.reduce((sum, a) => sum + a.minutes, 0);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="time-account-title">
      <Title order={2} size="h4" id="time-account-title" mb="xs">
        {t('accommodationsLive.review.title')}
      </Title>
      <DataList labelWidth="16rem">
        <DataList.Item>
          <DataList.ItemLabel>{t('accommodationsLive.review.workTime')}</DataList.ItemLabel>
          <DataList.ItemValue>{formatWorkTime(t, language, account)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('accommodationsLive.review.added')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {account.added.length === 0 ? (
              t('accommodationsLive.review.none')
            ) : (
              <>
                <Text size="sm">{formatMinutes(t, addedMinutes)}</Text>
                <List size="sm">
                  {account.added.map((a) => (
                    <List.Item key={a.at}>
                      {t('accommodationsLive.review.addedItem', {
                        time: fmt(a.at),
                        minutes: a.minutes,
                        by: a.byName ?? t(`accommodationsLive.review.role.${a.actor as 'proctor'}`),
                        reason: a.reason,
                      })}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('accommodationsLive.review.breaks')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {account.breaks.length === 0 ? (
              t('accommodationsLive.review.noBreaks')
            ) : (
              <>
                <Text size="sm">
                  {t('accommodationsLive.review.breaksTaken', {
                    count: account.breaks.length,
                    time: formatMinutes(t, account.breakTakenMs / 60_000),
                  })}
                </Text>
                <List size="sm">
                  {account.breaks.map((b) => (
                    <List.Item key={b.startedAt}>
                      {b.endedAt === null
                        ? t('accommodationsLive.review.breakOpen', { from: fmt(b.startedAt) })
                        : t('accommodationsLive.review.breakItem', {
                            from: fmt(b.startedAt),
                            to: fmt(b.endedAt),
                          })}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        {account.skippedChecks.length > 0 ? (
          <DataList.Item>
            <DataList.ItemLabel>{t('accommodationsLive.review.skipped')}</DataList.ItemLabel>
            <DataList.ItemValue>{skippedChecksText(t, account.skippedChecks)}</DataList.ItemValue>
          </DataList.Item>
        ) : null}
      </DataList>
    </Paper>
  );
}

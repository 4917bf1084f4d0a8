// The facts of one exam as a list: course, window, duration, check-in, and (oral) the slots or
// (the student's exam page) who proctors it. One component for the exam cards and the exam page.
import { DataList, List } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionTerms } from '@emtihan/domain';
import type { ExamView } from '@emtihan/protocol';
import type { Language } from '../i18n/languages';
import { formatDateTime, formatRange, formatTime } from '../ui/format';
import { UniversityTime } from '../ui/university-time';
import { formatWorkTime } from '../ui/work-time';
import { myAccommodationOf, skippedChecksText } from './my-accommodation';

export function ExamFacts({
  exam,
  language,
  checkInOpensAt,
  terms,
  children,
}: {
  exam: ExamView;
  language: Language;
  /** When check-in opens (server time, ms): shown as a time instead of "N minutes before". */
  checkInOpensAt?: number;
  /** The student's sitting's terms: their work time comes from them (ADR 0018). */
  terms?: SessionTerms;
  /** More items (`ExamFactsItem`) after the common ones. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 40em)') ?? false;
  // A student's own accommodation: their time with how it came about, breaks, checks left out.
  const mine = myAccommodationOf(exam, terms);
  return (
    <DataList labelWidth="14rem" orientation={narrow ? 'vertical' : 'horizontal'}>
      <ExamFactsItem label={t('exams.course')}>{exam.courseTitle}</ExamFactsItem>
      <ExamFactsItem label={t('exams.window')}>
        {formatRange(exam.opensAt, exam.closesAt, language)}
        {mine?.ownWindow ? ` (${t('accommodationsLive.facts.ownWindow')})` : null}
        <UniversityTime iso={exam.opensAt} />
      </ExamFactsItem>
      <ExamFactsItem label={t(mine ? 'accommodationsLive.facts.yourTime' : 'exams.duration')}>
        {mine
          ? formatWorkTime(t, language, mine)
          : t('exams.minutes', { minutes: exam.durationMinutes })}
      </ExamFactsItem>
      {mine && mine.breakMinutes > 0 ? (
        <ExamFactsItem label={t('accommodationsLive.facts.breaks')}>
          {t('accommodationsLive.facts.breaksValue', { minutes: mine.breakMinutes })}
        </ExamFactsItem>
      ) : null}
      {mine && mine.skippedChecks.length > 0 ? (
        <ExamFactsItem label={t('accommodationsLive.facts.skipped')}>
          {skippedChecksText(t, mine.skippedChecks)}
        </ExamFactsItem>
      ) : null}
      <ExamFactsItem label={t('exams.checkIn')}>
        {checkInOpensAt === undefined
          ? t('exams.checkInBefore', { minutes: exam.checkInLeadMinutes })
          : t('written.overview.checkInFrom', {
              time: formatDateTime(new Date(checkInOpensAt).toISOString(), language),
              minutes: exam.checkInLeadMinutes,
            })}
      </ExamFactsItem>
      {exam.kind === 'oral' ? (
        <ExamFactsItem label={t('exams.slots')}>
          {exam.slots.length === 0 ? (
            t('exams.noSlots')
          ) : (
            <List size="sm">
              {exam.slots.map((slot) => (
                <List.Item key={slot.id}>
                  {formatDateTime(slot.startsAt, language)} –{' '}
                  {formatTime(
                    new Date(Date.parse(slot.startsAt) + slot.lengthMinutes * 60_000).toISOString(),
                    language,
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </ExamFactsItem>
      ) : null}
      {children}
    </DataList>
  );
}

export function ExamFactsItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

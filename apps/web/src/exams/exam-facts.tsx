// The facts of one exam as a list: course, window, duration, check-in, and (oral) the slots or
// (the student's exam page) who proctors it. One component for the exam cards and the exam page.
import { DataList, List } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExamView } from '@emtihan/protocol';
import type { Language } from '../i18n/languages';
import { formatDateTime, formatRange, formatTime } from '../ui/format';
import { UniversityTime } from '../ui/university-time';

export function ExamFacts({
  exam,
  language,
  checkInOpensAt,
  children,
}: {
  exam: ExamView;
  language: Language;
  /** When check-in opens (server time, ms): shown as a time instead of "N minutes before". */
  checkInOpensAt?: number;
  /** More items (`ExamFactsItem`) after the common ones. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 40em)') ?? false;
  return (
    <DataList labelWidth="14rem" orientation={narrow ? 'vertical' : 'horizontal'}>
      <ExamFactsItem label={t('exams.course')}>{exam.courseTitle}</ExamFactsItem>
      <ExamFactsItem label={t('exams.window')}>
        {formatRange(exam.opensAt, exam.closesAt, language)}
        <UniversityTime iso={exam.opensAt} />
      </ExamFactsItem>
      <ExamFactsItem label={t('exams.duration')}>
        {t('exams.minutes', { minutes: exam.durationMinutes })}
      </ExamFactsItem>
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

// The students the office may choose for a profile (admins and the accommodations duty alike).
import { useCallback } from 'react';
import type { AccommodationStudentsResponse } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { useLoad } from '../ui/use-load';

export type StudentChoice = AccommodationStudentsResponse['students'][number];

/** The students, or null while they load (or if they could not be loaded). */
export function useStudentChoices(): readonly StudentChoice[] | null {
  const { api } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => api.call('accommodationStudents', { signal }).then((r) => r.students),
    [api],
  );
  const students = useLoad(load);
  return students.state === 'ready' ? students.data : null;
}

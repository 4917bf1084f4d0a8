import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ReviewPage } from '../review/review.page';
import { LoginPage } from '../auth/login.page';
import { ExaminerHomePage } from '../examiner/examiner-home.page';
import { ProctorHomePage } from '../proctor/proctor-home.page';
import { StudentHomePage } from '../student/student-home.page';
import { HomeRedirect, RequireRole, RequireUser } from './guards';
import { Layout } from './layout';
import { NotFoundPage } from './not-found.page';

// The admin screens load on demand: thousands of students log in on exam morning and never
// need them.
const AdminHomePage = lazy(() =>
  import('../admin/admin-home.page').then((m) => ({ default: m.AdminHomePage })),
);
const UsersPage = lazy(() => import('../admin/users.page').then((m) => ({ default: m.UsersPage })));
const ImportPage = lazy(() =>
  import('../admin/import.page').then((m) => ({ default: m.ImportPage })),
);
const CoursesPage = lazy(() =>
  import('../admin/courses.page').then((m) => ({ default: m.CoursesPage })),
);
// The written exam's flow (camera, recording, outbox) loads when a student opens an exam.
const WrittenExamPage = lazy(() =>
  import('../student/written/written-exam.page').then((m) => ({ default: m.WrittenExamPage })),
);
// The proctor's and examiner's view of one exam.
const ProctorExamPage = lazy(() =>
  import('../proctor/proctor-exam.page').then((m) => ({ default: m.ProctorExamPage })),
);
// Oral exams (ADR 0012): the examiner's schedule and room, the student's slot and room.
const OralSchedulePage = lazy(() =>
  import('../oral/oral-schedule.page').then((m) => ({ default: m.OralSchedulePage })),
);
const OralExaminerRoomPage = lazy(() =>
  import('../oral/oral-examiner-room.page').then((m) => ({ default: m.OralExaminerRoomPage })),
);
const OralStudentPage = lazy(() =>
  import('../oral/oral-student.page').then((m) => ({ default: m.OralStudentPage })),
);
const GradingPage = lazy(() =>
  import('../examiner/grading.page').then((m) => ({ default: m.GradingPage })),
);
const LtiPage = lazy(() => import('../admin/lti.page').then((m) => ({ default: m.LtiPage })));
const EnrolmentsPage = lazy(() =>
  import('../admin/enrolments.page').then((m) => ({ default: m.EnrolmentsPage })),
);

/** Every route of the site on one screen. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/"
          element={
            <RequireUser>
              <HomeRedirect />
            </RequireUser>
          }
        />
        <Route
          path="/student"
          element={
            <RequireRole role="student">
              <StudentHomePage />
            </RequireRole>
          }
        />
        <Route
          path="/student/exams/:examId"
          element={
            <Suspense fallback={<Loader />}>
              <RequireRole role="student">
                <WrittenExamPage />
              </RequireRole>
            </Suspense>
          }
        />
        <Route
          path="/proctor"
          element={
            <RequireRole role="proctor">
              <ProctorHomePage />
            </RequireRole>
          }
        />
        <Route
          path="/proctor/exams/:examId"
          element={
            <Suspense fallback={<Loader />}>
              <RequireRole role="proctor">
                <ProctorExamPage />
              </RequireRole>
            </Suspense>
          }
        />
        <Route
          path="/examiner/exams/:examId"
          element={
            <Suspense fallback={<Loader />}>
              <RequireRole role="examiner">
                <ProctorExamPage />
              </RequireRole>
            </Suspense>
          }
        />
        <Route
          path="/examiner/oral/:examId"
          element={
            <Suspense fallback={<Loader />}>
              <RequireRole role="examiner">
                <OralSchedulePage />
              </RequireRole>
            </Suspense>
          }
        />
        <Route
          path="/examiner/oral/slots/:slotId"
          element={
            <Suspense fallback={<Loader />}>
              <RequireRole role="examiner">
                <OralExaminerRoomPage />
              </RequireRole>
            </Suspense>
          }
        />
        <Route
          path="/student/oral/:examId"
          element={
            <Suspense fallback={<Loader />}>
              <RequireRole role="student">
                <OralStudentPage />
              </RequireRole>
            </Suspense>
          }
        />
        <Route
          path="/examiner/exams/:examId/grading"
          element={
            <Suspense fallback={<Loader />}>
              <RequireRole role="examiner">
                <GradingPage />
              </RequireRole>
            </Suspense>
          }
        />
        <Route
          path="/examiner"
          element={
            <RequireRole role="examiner">
              <ExaminerHomePage />
            </RequireRole>
          }
        />
        <Route
          path="/admin"
          element={
            <Suspense fallback={<Loader />}>
              <RequireRole role="admin" />
            </Suspense>
          }
        >
          <Route index element={<AdminHomePage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="courses" element={<CoursesPage />} />
          <Route path="courses/:courseId" element={<EnrolmentsPage />} />
          <Route path="lti" element={<LtiPage />} />
        </Route>
        <Route
          path="/sessions/:sessionId/review"
          element={
            <RequireUser>
              <ReviewPage />
            </RequireUser>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

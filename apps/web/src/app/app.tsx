import { lazy, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { LoginPage } from '../auth/login.page';
import { HomeRedirect, RequireRole, RequireUser } from './guards';
import { Layout } from './layout';
import { NotFoundPage } from './not-found.page';

/**
 * A page whose code loads when it is first shown (the layout's Suspense shows a loader
 * meanwhile). The login page, where every visit starts, carries only what it needs: students
 * open it on exam morning on whatever laptop they have, and the other screens, the rich-text
 * editor and the realtime client are not parsed before they are needed (ADR 0001, session 9).
 */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}

const StudentHomePage = page(() => import('../student/student-home.page'), 'StudentHomePage');
const ProctorHomePage = page(() => import('../proctor/proctor-home.page'), 'ProctorHomePage');
const ExaminerHomePage = page(() => import('../examiner/examiner-home.page'), 'ExaminerHomePage');
const AccountPage = page(() => import('../account/account.page'), 'AccountPage');
const ReviewPage = page(() => import('../review/review.page'), 'ReviewPage');
const AdminHomePage = page(() => import('../admin/admin-home.page'), 'AdminHomePage');
const UsersPage = page(() => import('../admin/users.page'), 'UsersPage');
const ImportPage = page(() => import('../admin/import.page'), 'ImportPage');
const CoursesPage = page(() => import('../admin/courses.page'), 'CoursesPage');
const EnrolmentsPage = page(() => import('../admin/enrolments.page'), 'EnrolmentsPage');
const LtiPage = page(() => import('../admin/lti.page'), 'LtiPage');
// The written exam's flow (camera, recording, outbox, editor).
const WrittenExamPage = page(
  () => import('../student/written/written-exam.page'),
  'WrittenExamPage',
);
// The proctor's and examiner's view of one exam.
const ProctorExamPage = page(() => import('../proctor/proctor-exam.page'), 'ProctorExamPage');
const GradingPage = page(() => import('../examiner/grading.page'), 'GradingPage');
// Exam authoring (ADR 0017): the form, the timetable import, the admin's presets.
const NewExamPage = page(() => import('../examiner/authoring/exam-form.page'), 'NewExamPage');
const EditExamPage = page(() => import('../examiner/authoring/exam-form.page'), 'EditExamPage');
const ExamImportPage = page(() => import('../examiner/exam-import.page'), 'ExamImportPage');
const PresetsPage = page(() => import('../admin/presets.page'), 'PresetsPage');
// Accommodations (ADR 0018): the office's profiles, an exam's arrangements for one student.
const AccommodationsPage = page(
  () => import('../accommodations/accommodations.page'),
  'AccommodationsPage',
);
const ExamAccommodationsPage = page(
  () => import('../accommodations/exam-accommodations.page'),
  'ExamAccommodationsPage',
);
// The LMS's deep-linking page: no login, the pick token in its path is the credential.
const LmsDeepLinkPage = page(
  () => import('../examiner/authoring/lms-deep-link.page'),
  'LmsDeepLinkPage',
);
// Oral exams (ADR 0012): the examiner's schedule and room, the student's slot and room.
const OralSchedulePage = page(() => import('../oral/oral-schedule.page'), 'OralSchedulePage');
const OralExaminerRoomPage = page(
  () => import('../oral/oral-examiner-room.page'),
  'OralExaminerRoomPage',
);
const OralStudentPage = page(() => import('../oral/oral-student.page'), 'OralStudentPage');
// The phone as a second camera (ADR 0023): no login, the pairing is the credential.
const PhonePage = page(() => import('../second-camera/phone.page'), 'PhonePage');

/** Who keeps students' accommodations: admins and people with the duty. */
const OFFICE_ROLES = ['admin', 'accommodations'] as const;

/** Every route of the site on one screen. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/account"
          element={
            <RequireUser>
              <AccountPage />
            </RequireUser>
          }
        />
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
            <RequireRole role="student">
              <WrittenExamPage />
            </RequireRole>
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
            <RequireRole role="proctor">
              <ProctorExamPage />
            </RequireRole>
          }
        />
        <Route
          path="/examiner/exams/:examId"
          element={
            <RequireRole role="examiner">
              <ProctorExamPage />
            </RequireRole>
          }
        />
        <Route
          path="/examiner/oral/:examId"
          element={
            <RequireRole role="examiner">
              <OralSchedulePage />
            </RequireRole>
          }
        />
        <Route
          path="/examiner/oral/slots/:slotId"
          element={
            <RequireRole role="examiner">
              <OralExaminerRoomPage />
            </RequireRole>
          }
        />
        <Route
          path="/student/oral/:examId"
          element={
            <RequireRole role="student">
              <OralStudentPage />
            </RequireRole>
          }
        />
        <Route
          path="/examiner/exams/:examId/grading"
          element={
            <RequireRole role="examiner">
              <GradingPage />
            </RequireRole>
          }
        />
        <Route
          path="/examiner/exams/:examId/accommodations"
          element={
            <RequireRole role="examiner">
              <ExamAccommodationsPage />
            </RequireRole>
          }
        />
        <Route
          path="/accommodations"
          element={
            <RequireRole role={OFFICE_ROLES}>
              <AccommodationsPage />
            </RequireRole>
          }
        />
        <Route
          path="/examiner/exams/new"
          element={
            <RequireRole role="examiner">
              <NewExamPage />
            </RequireRole>
          }
        />
        <Route
          path="/examiner/exams/:examId/edit"
          element={
            <RequireRole role="examiner">
              <EditExamPage />
            </RequireRole>
          }
        />
        <Route
          path="/examiner/exams/import"
          element={
            <RequireRole role="examiner">
              <ExamImportPage />
            </RequireRole>
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
        <Route path="/admin" element={<RequireRole role="admin" />}>
          <Route index element={<AdminHomePage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="courses" element={<CoursesPage />} />
          <Route path="courses/:courseId" element={<EnrolmentsPage />} />
          <Route path="lti" element={<LtiPage />} />
          <Route path="presets" element={<PresetsPage />} />
          <Route path="exam-import" element={<ExamImportPage />} />
        </Route>
        <Route
          path="/sessions/:sessionId/review"
          element={
            <RequireUser>
              <ReviewPage />
            </RequireUser>
          }
        />
        <Route path="/lms/deep-link/:pickId" element={<LmsDeepLinkPage />} />
        <Route path="/pair/:token" element={<PhonePage />} />
        <Route path="/pair" element={<PhonePage />} />
        <Route path="/phone" element={<PhonePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

import { Route, Routes } from 'react-router';
import { AdminHomePage } from '../admin/admin-home.page';
import { CoursesPage } from '../admin/courses.page';
import { EnrolmentsPage } from '../admin/enrolments.page';
import { ImportPage } from '../admin/import.page';
import { UsersPage } from '../admin/users.page';
import { LoginPage } from '../auth/login.page';
import { ExaminerHomePage } from '../examiner/examiner-home.page';
import { ProctorHomePage } from '../proctor/proctor-home.page';
import { StudentHomePage } from '../student/student-home.page';
import { HomeRedirect, RequireRole, RequireUser } from './guards';
import { Layout } from './layout';
import { NotFoundPage } from './not-found.page';

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
          path="/proctor"
          element={
            <RequireRole role="proctor">
              <ProctorHomePage />
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
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

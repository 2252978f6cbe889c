/** Every page of the app and where it lives. */
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/layout/app-layout';
import { AdminLayout } from './components/admin/admin-layout';
import { RequireSession } from './components/require-session';
import { AdminAuditPage } from './routes/admin/admin-audit-page';
import { AdminSupportQueuePage, AdminTicketPage } from './routes/admin/admin-support-pages';
import { AdminUserPage } from './routes/admin/admin-user-page';
import { AdminUsersPage } from './routes/admin/admin-users-page';
import { CheckEmailPage } from './routes/check-email-page';
import { ForgotPasswordPage } from './routes/forgot-password-page';
import { LandingPage } from './routes/landing-page';
import { LoginPage } from './routes/login-page';
import { ConfirmEmailChangePage, ConnectProviderPage, NotMePage, UndoEmailChangePage, UnlockPage } from './routes/mail-link-pages';
import { NotFoundPage } from './routes/not-found-page';
import { OnboardingPage } from './routes/onboarding-page';
import { FreelancerProfilePage } from './routes/freelancer-profile-page';
import { ProfileEditorPage } from './routes/profile-editor-page';
import { TalentSearchPage } from './routes/talent-search-page';
import { ProviderCallbackPage } from './routes/provider-callback-page';
import { ResetPasswordPage } from './routes/reset-password-page';
import { SecurityActivityPage } from './routes/security-activity-page';
import { SecuritySettingsPage } from './routes/security-settings-page';
import { SignupPage } from './routes/signup-page';
import { MyTicketPage, MyTicketsPage } from './routes/my-tickets-page';
import { SupportPage } from './routes/support-page';
import { SuspendedPage } from './routes/suspended-page';
import { TermsPage } from './routes/terms-page';
import { TwoStepLoginPage } from './routes/two-step-login-page';
import { VerifyEmailPage } from './routes/verify-email-page';

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      children: [
        { path: '/', element: <LandingPage /> },
        { path: '/signup', element: <SignupPage /> },
        { path: '/signup/check-email', element: <CheckEmailPage /> },
        { path: '/verify-email', element: <VerifyEmailPage /> },
        { path: '/login', element: <LoginPage /> },
        { path: '/login/two-step', element: <TwoStepLoginPage /> },
        { path: '/login/provider', element: <ProviderCallbackPage /> },
        { path: '/forgot-password', element: <ForgotPasswordPage /> },
        { path: '/reset-password', element: <ResetPasswordPage /> },
        { path: '/terms', element: <TermsPage /> },
        { path: '/support', element: <SupportPage /> },
        { path: '/suspended', element: <SuspendedPage /> },
        { path: '/unlock', element: <UnlockPage /> },
        { path: '/not-me', element: <NotMePage /> },
        { path: '/confirm-email-change', element: <ConfirmEmailChangePage /> },
        { path: '/undo-email-change', element: <UndoEmailChangePage /> },
        { path: '/connect-provider', element: <ConnectProviderPage /> },
        { path: '/freelancers/:id', element: <FreelancerProfilePage /> },
        {
          // Signed-in pages: nothing renders before the session is known.
          element: <RequireSession />,
          children: [
            { path: '/onboarding', element: <OnboardingPage /> },
            { path: '/profile', element: <ProfileEditorPage /> },
            { path: '/talent', element: <TalentSearchPage /> },
            { path: '/settings/security', element: <SecuritySettingsPage /> },
            { path: '/settings/security/activity', element: <SecurityActivityPage /> },
            { path: '/support/tickets', element: <MyTicketsPage /> },
            { path: '/support/tickets/:id', element: <MyTicketPage /> },
            {
              // The console: admins only; the server also wants a second factor and a recent sign-in.
              element: <AdminLayout />,
              children: [
                { path: '/admin', element: <AdminUsersPage /> },
                { path: '/admin/users/:id', element: <AdminUserPage /> },
                { path: '/admin/support', element: <AdminSupportQueuePage /> },
                { path: '/admin/support/:id', element: <AdminTicketPage /> },
                { path: '/admin/audit', element: <AdminAuditPage /> },
              ],
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

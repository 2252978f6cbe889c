/** /onboarding: the first stop after signing in; a placeholder that differs by role. */
import { useLocation } from 'react-router';
import type { Role } from '../../shared/contracts';
import { useSignedInSession } from '../components/require-session';
import { Notice } from '../components/ui/form-alert';
import { PageTitle } from '../components/ui/page-title';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';

const NEXT_STEPS: Record<Role, { intro: string; steps: string[] }> = {
  freelancer: {
    intro: 'Here is what comes next for freelancers on Workgate.',
    steps: [
      'Build your profile: your skills, your rate and samples of your work.',
      'Browse projects that match what you do.',
      'Send proposals and agree on a contract with the client.',
    ],
  },
  client: {
    intro: 'Here is what comes next for clients on Workgate.',
    steps: [
      'Describe your project: what you need, by when, and your budget.',
      'Compare the proposals freelancers send you.',
      'Hire the right person and work together under a contract.',
    ],
  },
};

export function OnboardingPage() {
  const { user } = useSignedInSession();
  const justVerified = (useLocation().state as { justVerified?: boolean } | null)?.justVerified === true;
  const plan = NEXT_STEPS[user.role];
  useDocumentTitle('Getting started');

  return (
    <div className="mx-auto max-w-2xl space-y-8">
      {justVerified && (
        <Notice tone="success">
          <p>Your email address is confirmed and you are signed in.</p>
        </Notice>
      )}
      <div className="space-y-3">
        <PageTitle>Welcome, {user.name}</PageTitle>
        <p className="text-lg text-ink-700">{plan.intro}</p>
      </div>
      <ol className="space-y-3">
        {plan.steps.map((step, index) => (
          <li key={step} className="flex gap-4 rounded-xl border border-ink-200 bg-white p-4">
            <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-50 font-bold text-brand-800">
              {index + 1}
            </span>
            <span className="text-base text-ink-900">{step}</span>
          </li>
        ))}
      </ol>
      <div className="space-y-2 rounded-xl border border-ink-200 bg-white p-6 text-center">
        <h2 className="text-lg font-semibold text-ink-900">{user.role === 'freelancer' ? 'Start with your profile' : 'Start with your company'}</h2>
        <p className="text-base text-ink-700">
          {user.role === 'freelancer'
            ? 'Your title, skills, rate, photo, overview and first job: a complete profile shows clients you are serious.'
            : 'Tell freelancers about your business, then find the people you need.'}
        </p>
        <p className="flex flex-wrap justify-center gap-4 text-base">
          <TextLink to="/profile">{user.role === 'freelancer' ? 'Build your profile' : 'Describe your company'}</TextLink>
          {user.role === 'client' && <TextLink to="/talent">Find talent</TextLink>}
          <TextLink to="/settings/security">Security settings</TextLink>
        </p>
      </div>
    </div>
  );
}

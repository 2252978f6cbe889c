/**
 * /signup: first the role, then the account details (/signup?role=freelancer|client). Both
 * steps also offer "Continue with Google" and the like; the role is asked again after the
 * provider, already chosen when it was chosen here.
 */
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { Role } from '../../shared/contracts';
import { useProviders } from '../api/queries';
import { ProviderSignInButtons } from '../components/login/provider-buttons';
import { parseRole, rememberSignupRole } from '../lib/roles';
import { RoleChoice } from '../components/signup/role-choice';
import { SignupForm } from '../components/signup/signup-form';
import { AuthCard } from '../components/ui/auth-card';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { loadPasswordPolicy } from '../hooks/use-password-assessment';

/** "Or sign up with …": nothing when no provider is configured. */
function ProviderSignUp({ role }: { role?: Role }) {
  const providers = useProviders();
  if (providers.length === 0) return null;
  return (
    <div className="space-y-3 border-t border-ink-200 pt-5 text-center">
      <p className="text-base text-ink-700">Or sign up with an account you already have:</p>
      <ProviderSignInButtons providers={providers} onLeave={() => rememberSignupRole(sessionStorage, role)} />
    </div>
  );
}

export function SignupPage() {
  const [params] = useSearchParams();
  const role = parseRole(params.get('role'));
  useDocumentTitle('Sign up');
  useEffect(() => {
    // Fetch the password policy (zxcvbn) while the person reads the first step.
    loadPasswordPolicy().catch(() => undefined);
  }, []);

  const footer = (
    <p>
      Already have an account? <TextLink to="/login">Log in</TextLink>
    </p>
  );

  if (!role) {
    return (
      <AuthCard title="Join Workgate" intro={<p>First, tell us what brings you to Workgate.</p>} footer={footer}>
        <RoleChoice />
        <ProviderSignUp />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={role === 'freelancer' ? 'Sign up to find work' : 'Sign up to hire'}
      intro={
        <p>
          {role === 'freelancer' ? 'You are joining as a freelancer.' : 'You are joining as a client.'}{' '}
          <TextLink to="/signup">Change role</TextLink>
        </p>
      }
      footer={footer}
    >
      <SignupForm key={role} role={role} />
      <ProviderSignUp role={role} />
    </AuthCard>
  );
}

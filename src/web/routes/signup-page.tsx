/** /signup: first the role, then the account details (/signup?role=freelancer|client). */
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { parseRole } from '../lib/roles';
import { RoleChoice } from '../components/signup/role-choice';
import { SignupForm } from '../components/signup/signup-form';
import { AuthCard } from '../components/ui/auth-card';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';
import { loadPasswordPolicy } from '../hooks/use-password-assessment';

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
    </AuthCard>
  );
}

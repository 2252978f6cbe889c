/**
 * /profile: the person's own profiles with the completeness meter and "add next" prompts.
 * The freelancer path: title, skills, rate, photo, overview, then portfolio, work history,
 * education and certifications, each listed with a way to remove it; the client path:
 * company details. ?role= picks which one is shown when the account has both.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { fetchMyProfiles } from '../api/profiles-api';
import { useSignedInSession } from '../components/require-session';
import { ClientForm } from '../components/profiles/client-form';
import { CompletenessMeter } from '../components/profiles/completeness-meter';
import { EntryLists } from '../components/profiles/entry-lists';
import { FreelancerForm } from '../components/profiles/freelancer-form';
import { PhotoUpload } from '../components/profiles/photo-upload';
import { StartRoleButton } from '../components/profiles/start-role-button';
import { LoadingState } from '../components/ui/loading-state';
import { PageTitle } from '../components/ui/page-title';
import { QueryError } from '../components/ui/query-error';
import { useDocumentTitle } from '../hooks/use-document-title';

export function ProfileEditorPage() {
  useDocumentTitle('Your profile');
  const { user } = useSignedInSession();
  const [params, setParams] = useSearchParams();
  const profiles = useQuery({ queryKey: ['my-profiles'], queryFn: fetchMyProfiles });
  if (profiles.isPending) return <LoadingState />;
  if (profiles.isError) return <QueryError error={profiles.error} onRetry={() => void profiles.refetch()} />;
  const { roles, freelancer, client } = profiles.data;
  const role = params.get('role') === 'client' || params.get('role') === 'freelancer' ? params.get('role')! : user.role;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageTitle>Your profile</PageTitle>
        {roles.length > 1 && (
          <nav aria-label="Profiles" className="flex gap-2">
            {roles.map((r) => (
              <button key={r} type="button" aria-current={r === role ? 'page' : undefined} onClick={() => setParams({ role: r })} className="rounded-full border border-ink-300 px-3 py-1 text-sm aria-[current=page]:bg-brand-700 aria-[current=page]:text-white">
                {r === 'freelancer' ? 'Freelancer' : 'Client'}
              </button>
            ))}
          </nav>
        )}
      </div>
      {role === 'freelancer' ? (
        <>
          <CompletenessMeter completeness={freelancer?.completeness} />
          {freelancer?.title && (
            <p className="text-sm text-ink-700">
              <Link to={`/freelancers/${user.id}`} className="text-brand-700 underline underline-offset-2">
                See your public profile
              </Link>
            </p>
          )}
          <FreelancerForm profile={freelancer} />
          <PhotoUpload current={freelancer?.photo ?? null} />
          <EntryLists profile={freelancer} />
          {!roles.includes('client') && <StartRoleButton adds="client" label="Start hiring too" />}
        </>
      ) : (
        <>
          {client && <CompletenessMeter completeness={client.completeness} />}
          <ClientForm profile={client} />
          <p className="text-sm text-ink-700">
            <Link to="/talent" className="text-brand-700 underline underline-offset-2">
              Find talent
            </Link>
          </p>
          {!roles.includes('freelancer') && <StartRoleButton adds="freelancer" label="Start working too" />}
        </>
      )}
    </div>
  );
}

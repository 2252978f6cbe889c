/** /freelancers/:id: a freelancer's public profile, laid out as marketplaces do (facts left, work right). */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { fetchFreelancer } from '../api/profiles-api';
import { Avatar } from '../components/profiles/avatar';
import { LoadingState } from '../components/ui/loading-state';
import { PageTitle } from '../components/ui/page-title';
import { QueryError } from '../components/ui/query-error';
import { useDocumentTitle } from '../hooks/use-document-title';
import { formatDate } from '../lib/format';
import { AVAILABILITY_WORDS, LinkifiedText, countryName, formatMoney } from '../lib/linkify';

const LEVELS: Record<string, string> = { basic: 'Basic', conversational: 'Conversational', fluent: 'Fluent', native: 'Native or bilingual' };

export function FreelancerProfilePage() {
  const { id = '' } = useParams();
  const profile = useQuery({ queryKey: ['freelancer', id], queryFn: () => fetchFreelancer(id), retry: false });
  useDocumentTitle(profile.data ? `${profile.data.name}: ${profile.data.title ?? 'Freelancer'}` : 'Freelancer');

  if (profile.isPending) return <LoadingState />;
  if (isApiError(profile.error, 'not_found')) {
    return (
      <div className="mx-auto max-w-xl space-y-3">
        <PageTitle>Profile not available</PageTitle>
        <p className="text-base text-ink-700">This profile does not exist, is private, or is shown to signed-in members only.</p>
      </div>
    );
  }
  if (profile.isError) return <QueryError error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;
  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-center gap-5 rounded-xl border border-ink-200 bg-white p-6">
        <Avatar photo={p.photo} name={p.name} size="lg" />
        <div className="min-w-0 flex-1 space-y-1">
          <PageTitle>{p.name}</PageTitle>
          <p className="text-sm text-ink-700">
            {[p.country ? countryName(p.country) : null, p.localTime ? `${p.localTime} local time` : null].filter(Boolean).join(' · ')}
          </p>
          <p className="text-sm text-ink-700">Member since {formatDate(p.memberSince)}</p>
        </div>
      </header>
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <aside className="space-y-5 rounded-xl border border-ink-200 bg-white p-5 text-sm text-ink-800">
          <section>
            <h2 className="font-semibold text-ink-900">Availability</h2>
            <p>{AVAILABILITY_WORDS[p.availability]}</p>
          </section>
          <section>
            <h2 className="font-semibold text-ink-900">Languages</h2>
            {p.languages.length === 0 ? <p>Not given</p> : (
              <ul>
                {p.languages.map((l) => (
                  <li key={l.code}>
                    {new Intl.DisplayNames(['en'], { type: 'language' }).of(l.code) ?? l.code}: {LEVELS[l.level]}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h2 className="font-semibold text-ink-900">Work history</h2>
            <p>{p.stats.jobsCompleted} jobs completed</p>
          </section>
          {p.education.length > 0 && (
            <section>
              <h2 className="font-semibold text-ink-900">Education</h2>
              <ul className="space-y-1">
                {p.education.map((e) => (
                  <li key={e.id}>
                    {e.school}
                    {e.degree ? `, ${e.degree}` : ''}
                    {e.field ? ` in ${e.field}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
        <div className="space-y-6">
          <section className="space-y-3 rounded-xl border border-ink-200 bg-white p-6">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-xl font-semibold text-ink-900">{p.title}</h2>
              {p.hourlyRate && <p className="text-lg font-semibold">{formatMoney(p.hourlyRate)}/hr</p>}
            </div>
            {p.overview && (
              <p className="text-base text-ink-800">
                <LinkifiedText text={p.overview} />
              </p>
            )}
            <ul aria-label="Skills" className="flex flex-wrap gap-2">
              {p.skills.map((s) => (
                <li key={s.id} className="rounded-full bg-ink-100 px-3 py-1 text-sm text-ink-800">
                  {s.name}
                </li>
              ))}
            </ul>
          </section>
          {p.portfolio.length > 0 && (
            <section className="space-y-3 rounded-xl border border-ink-200 bg-white p-6">
              <h2 className="text-lg font-semibold text-ink-900">Portfolio</h2>
              <ul className="grid gap-4 sm:grid-cols-2">
                {p.portfolio.map((item) => (
                  <li key={item.id} className="space-y-2 rounded-lg border border-ink-200 p-3">
                    {item.images[0]?.thumbnailUrl && <img src={item.images[0].thumbnailUrl} alt="" className="aspect-[4/3] w-full rounded object-cover" />}
                    <h3 className="font-semibold text-ink-900">{item.title}</h3>
                    {item.description && <p className="text-sm text-ink-700"><LinkifiedText text={item.description} /></p>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {p.employment.length > 0 && (
            <section className="space-y-3 rounded-xl border border-ink-200 bg-white p-6">
              <h2 className="text-lg font-semibold text-ink-900">Employment history</h2>
              <ul className="space-y-3">
                {p.employment.map((job) => (
                  <li key={job.id}>
                    <p className="font-semibold text-ink-900">
                      {job.title} | {job.company}
                    </p>
                    <p className="text-sm text-ink-700">
                      {job.startMonth} – {job.endMonth ?? 'Present'}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {p.certifications.length > 0 && (
            <section className="space-y-3 rounded-xl border border-ink-200 bg-white p-6">
              <h2 className="text-lg font-semibold text-ink-900">Certifications</h2>
              <ul className="space-y-1 text-sm text-ink-800">
                {p.certifications.map((c) => (
                  <li key={c.id}>
                    {c.name}, {c.issuer} ({c.issuedMonth})
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </article>
  );
}

/**
 * /talent: a client's talent search. Every filter lives in the address, so a search can be
 * bookmarked and Back undoes the last change; the sidebar shows how many profiles each value
 * would find with the other filters applied.
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../api/error-messages';
import { isApiError } from '../api/client';
import { searchTalent } from '../api/profiles-api';
import { FreelancerCardView } from '../components/profiles/freelancer-card';
import { FacetGroup } from '../components/profiles/facet-group';
import { StartRoleButton } from '../components/profiles/start-role-button';
import { Button } from '../components/ui/button';
import { LoadingState } from '../components/ui/loading-state';
import { PageTitle } from '../components/ui/page-title';
import { QueryError } from '../components/ui/query-error';
import { SelectField } from '../components/ui/select-field';
import { TextField } from '../components/ui/text-field';
import { useDocumentTitle } from '../hooks/use-document-title';
import { AVAILABILITY_WORDS, countryName, formatMoney } from '../lib/linkify';

const LIST_FILTERS = ['skills', 'country', 'availability'] as const;
const SORTS = [
  { value: 'relevance', label: 'Best match' },
  { value: 'newest', label: 'Newest' },
  { value: 'rate_asc', label: 'Rate: low to high' },
  { value: 'rate_desc', label: 'Rate: high to low' },
];

export function TalentSearchPage() {
  useDocumentTitle('Find talent');
  const [params, setParams] = useSearchParams();
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const query = new URLSearchParams([...params].filter(([key]) => key !== 'cursor')).toString();
  const results = useInfiniteQuery({
    queryKey: ['talent', query],
    queryFn: ({ pageParam }) => searchTalent(`${query}${pageParam ? `&cursor=${pageParam}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The sidebar stays in place while a changed filter loads, so a click never loses its checkbox.
    placeholderData: keepPreviousData,
  });

  const change = (update: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    update(next);
    setParams(next);
  };
  const selected = (key: (typeof LIST_FILTERS)[number]) => (params.get(key) ?? '').split(',').filter(Boolean);
  const toggle = (key: (typeof LIST_FILTERS)[number], value: string) =>
    change((next) => {
      const values = new Set(selected(key));
      if (values.has(value)) values.delete(value);
      else values.add(value);
      if (values.size > 0) next.set(key, [...values].join(','));
      else next.delete(key);
    });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    change((next) => (typed.trim() ? next.set('q', typed.trim()) : next.delete('q')));
  };

  if (isApiError(results.error, 'client_role_required')) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <PageTitle>Find talent</PageTitle>
        <p className="text-base text-ink-700">{errorMessage(results.error)}</p>
        <StartRoleButton adds="client" label="Start hiring" />
      </div>
    );
  }
  const first = results.data?.pages[0];
  return (
    <div className="space-y-6">
      <PageTitle>Find talent</PageTitle>
      <form role="search" onSubmit={onSearch} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField label="Search by skill, title or keyword" name="q" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} hint='Use quotes for a phrase and -word to leave a word out, e.g. "react native" -junior' />
        </div>
        <Button type="submit">Search</Button>
      </form>
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <aside aria-label="Filters" className="space-y-6">
          {first && (
            <>
              <FacetGroup legend="Skills" values={first.facets.skills.map((s) => ({ value: s.id, label: s.name, count: s.count }))} checked={selected('skills')} onToggle={(v) => toggle('skills', v)} />
              <FacetGroup legend="Freelancer location" values={first.facets.countries.map((c) => ({ value: c.code, label: countryName(c.code), count: c.count }))} checked={selected('country')} onToggle={(v) => toggle('country', v)} />
              <FacetGroup legend="Availability" values={first.facets.availability.map((a) => ({ value: a.value, label: AVAILABILITY_WORDS[a.value] ?? a.value, count: a.count }))} checked={selected('availability')} onToggle={(v) => toggle('availability', v)} />
              <fieldset className="space-y-2">
                <legend className="text-sm font-semibold text-ink-900">Hourly rate (USD)</legend>
                <ul className="space-y-1 text-sm text-ink-700">
                  {first.facets.rates.map((band) => (
                    <li key={band.min}>
                      <button
                        type="button"
                        className="underline underline-offset-2 hover:text-brand-800"
                        onClick={() =>
                          change((next) => {
                            next.set('rateMin', String(band.min));
                            if (band.max === null) next.delete('rateMax');
                            else next.set('rateMax', String(band.max - 1));
                          })
                        }
                      >
                        {formatMoney({ amount: band.min, currency: 'USD' })}
                        {band.max === null ? ' and up' : ` – ${formatMoney({ amount: band.max, currency: 'USD' })}`}
                      </button>{' '}
                      <span className="text-ink-600">({band.count})</span>
                    </li>
                  ))}
                </ul>
                {(params.has('rateMin') || params.has('rateMax')) && (
                  <Button variant="secondary" onClick={() => change((next) => (next.delete('rateMin'), next.delete('rateMax')))}>
                    Any rate
                  </Button>
                )}
              </fieldset>
            </>
          )}
        </aside>
        <section aria-label="Results" className="space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <p role="status" className="text-base text-ink-700">
              {first ? `${first.total} freelancer${first.total === 1 ? '' : 's'} found` : ''}
            </p>
            <div className="w-56">
              <SelectField label="Sort by" name="sort" value={params.get('sort') ?? 'relevance'} options={SORTS} onChange={(e) => change((next) => next.set('sort', e.target.value))} />
            </div>
          </div>
          {results.isPending ? (
            <LoadingState label="Searching…" />
          ) : results.isError ? (
            <QueryError error={results.error} onRetry={() => void results.refetch()} />
          ) : first && first.total === 0 ? (
            <p className="rounded-xl border border-dashed border-ink-300 bg-white p-6 text-base text-ink-700">No freelancers match. Remove a filter or try other words.</p>
          ) : (
            <>
              <ul className="space-y-4">
                {results.data.pages.flatMap((page) => page.results).map((card) => (
                  <li key={card.id}>
                    <FreelancerCardView card={card} />
                  </li>
                ))}
              </ul>
              {results.hasNextPage && (
                <Button variant="secondary" pending={results.isFetchingNextPage} pendingLabel="Loading more…" onClick={() => void results.fetchNextPage()}>
                  Show more
                </Button>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

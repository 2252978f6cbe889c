/**
 * The freelancer profile's lists on the editor: what is there, with a way to remove each entry,
 * and a form to add one. Portfolio items carry uploads, so they have their own form.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import type { FreelancerProfile } from '../../../shared/profiles-contracts';
import { errorMessage } from '../../api/error-messages';
import { removeEntry, type EntryKind } from '../../api/profiles-api';
import { Button } from '../ui/button';
import { EntryForm, type EntryField } from './entry-form';
import { PortfolioForm } from './portfolio-form';

const EMPLOYMENT: EntryField[] = [
  { name: 'company', label: 'Company' },
  { name: 'title', label: 'Your title there' },
  { name: 'startMonth', label: 'From (YYYY-MM)', placeholder: '2021-04' },
  { name: 'endMonth', label: 'To (YYYY-MM, empty if current)', placeholder: '2023-09', optional: true },
];
const EDUCATION: EntryField[] = [
  { name: 'school', label: 'School' },
  { name: 'degree', label: 'Degree', optional: true },
  { name: 'field', label: 'Field of study', optional: true },
  { name: 'startYear', label: 'From (year)', placeholder: '2015', numeric: true, optional: true },
  { name: 'endYear', label: 'To (year)', placeholder: '2019', numeric: true, optional: true },
];
const CERTIFICATIONS: EntryField[] = [
  { name: 'name', label: 'Certification' },
  { name: 'issuer', label: 'Issued by' },
  { name: 'issuedMonth', label: 'Issued (YYYY-MM)', placeholder: '2024-02' },
  { name: 'expiresMonth', label: 'Expires (YYYY-MM, empty if it does not)', placeholder: '2027-02', optional: true },
  { name: 'url', label: 'Link to verify it', placeholder: 'https://', optional: true },
];

const span = (from: string | number | null, to: string | number | null, open: string) => (from ? `${from} – ${to ?? open}` : to ? `${to}` : '');

export function EntryLists({ profile }: { profile: FreelancerProfile | null }) {
  return (
    <>
      <EntrySection title="Portfolio" kind="portfolio" entries={(profile?.portfolio ?? []).map((p) => ({ id: p.id, label: p.title, detail: `${p.images.length} ${p.images.length === 1 ? 'file' : 'files'}` }))}>
        <PortfolioForm />
      </EntrySection>
      <EntrySection title="Work history" kind="employment" entries={(profile?.employment ?? []).map((e) => ({ id: e.id, label: `${e.title}, ${e.company}`, detail: span(e.startMonth, e.endMonth, 'now') }))}>
        <EntryForm kind="employment" title="Add a job" fields={EMPLOYMENT} submitLabel="Add job" doneMessage="Job added." />
      </EntrySection>
      <EntrySection title="Education" kind="education" entries={(profile?.education ?? []).map((e) => ({ id: e.id, label: [e.degree, e.field].filter(Boolean).join(', ') ? `${e.school}: ${[e.degree, e.field].filter(Boolean).join(', ')}` : e.school, detail: span(e.startYear, e.endYear, '') }))}>
        <EntryForm kind="education" title="Add education" fields={EDUCATION} submitLabel="Add education" doneMessage="Education added." />
      </EntrySection>
      <EntrySection title="Certifications" kind="certifications" entries={(profile?.certifications ?? []).map((c) => ({ id: c.id, label: `${c.name}, ${c.issuer}`, detail: c.expiresMonth ? `${c.issuedMonth} – ${c.expiresMonth}` : c.issuedMonth }))}>
        <EntryForm kind="certifications" title="Add a certification" fields={CERTIFICATIONS} submitLabel="Add certification" doneMessage="Certification added." />
      </EntrySection>
    </>
  );
}

interface Entry {
  id: string;
  label: string;
  detail: string;
}

function EntrySection({ title, kind, entries, children }: { title: string; kind: EntryKind; entries: Entry[]; children: ReactNode }) {
  const id = useId();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (entryId: string) => removeEntry(kind, entryId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-profiles'] }),
  });
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4 rounded-xl border border-ink-200 bg-white p-5">
      <h2 id={`${id}-title`} className="text-lg font-semibold text-ink-900">
        {title} {entries.length > 0 && <span className="text-sm font-normal text-ink-600">({entries.length} added)</span>}
      </h2>
      {entries.length > 0 && (
        <ul className="divide-y divide-ink-100">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="min-w-0">
                <span className="block break-words font-medium text-ink-900">{entry.label}</span>
                {entry.detail && <span className="block text-sm text-ink-600">{entry.detail}</span>}
              </span>
              <Button variant="secondary" pending={remove.isPending && remove.variables === entry.id} pendingLabel="Removing…" onClick={() => !remove.isPending && remove.mutate(entry.id)} aria-label={`Remove ${entry.label}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <p role="alert" className="text-sm text-danger-700">{errorMessage(remove.error)}</p>}
      {children}
    </section>
  );
}

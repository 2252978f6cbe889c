/** How complete a profile is, and what to add next (largest gain first). */
import type { Completeness } from '../../../shared/profiles-contracts';

const WORDS: Record<string, string> = {
  photo: 'Add a profile photo',
  overview: 'Write an overview of at least 100 characters',
  skills: 'Add your skills',
  employment: 'Add your work history',
  title: 'Write a title',
  hourly_rate: 'Set your hourly rate',
  portfolio: 'Add a portfolio item',
  more_employment: 'Add a second job to your work history',
  education: 'Add your education',
  certification: 'Add a certification',
  languages: 'Add the languages you speak',
  verified_phone: 'Confirm a phone number in your security settings',
  company_name: 'Add your company name',
  description: 'Describe your business',
  industry: 'Add your industry',
  size: 'Add your company size',
  website: 'Add your website',
  country: 'Add your country',
  timezone: 'Add your time zone',
};

/** Before the first save there is no profile to measure: the meter points at the form below. */
const NOT_STARTED: Completeness = { percent: 0, missing: [] };

export function CompletenessMeter({ completeness = NOT_STARTED }: { completeness?: Completeness | undefined }) {
  return (
    <section aria-labelledby="completeness-title" className="space-y-3 rounded-xl border border-ink-200 bg-white p-5">
      <h2 id="completeness-title" className="text-lg font-semibold text-ink-900">
        Profile {completeness.percent}% complete
      </h2>
      <div role="progressbar" aria-labelledby="completeness-title" aria-valuemin={0} aria-valuemax={100} aria-valuenow={completeness.percent} className="h-3 overflow-hidden rounded-full bg-ink-100">
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${completeness.percent}%` }} />
      </div>
      {completeness === NOT_STARTED && <p className="text-sm text-ink-800">Start with a title, your skills and your rate below, then save: the meter shows what to add next.</p>}
      {completeness.missing.length > 0 && (
        <>
          <h3 className="text-sm font-semibold text-ink-900">Add next</h3>
          <ul className="space-y-1 text-sm text-ink-800">
            {completeness.missing.slice(0, 4).map((m) => (
              <li key={m.item}>
                {WORDS[m.item] ?? m.item} <span className="text-ink-600">(+{m.percent}%)</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

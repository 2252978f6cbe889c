import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/use-document-title';
import { PageTitle } from '../components/ui/page-title';

const POINTS = [
  {
    title: 'For freelancers',
    text: 'Show what you do, find projects that fit and send proposals. Get paid under clear contracts.',
  },
  {
    title: 'For clients',
    text: 'Post a project, compare proposals from people with real track records and hire with confidence.',
  },
  {
    title: 'Accounts you can trust',
    text: 'Verified email addresses, strong passwords, and a list of every device signed in to your account.',
  },
] as const;

/** What Workgate is, for someone who has never heard of it. */
export function LandingPage() {
  useDocumentTitle('Hire freelancers or find work');
  return (
    <div className="space-y-12">
      <section className="space-y-6 py-4 sm:py-8">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Open-source freelance marketplace</p>
        <PageTitle className="max-w-3xl">Where clients and freelancers get good work done together.</PageTitle>
        <p className="max-w-2xl text-lg text-ink-700">
          Workgate connects people who need a project done with independent professionals who can do it. Clients post
          jobs, freelancers send proposals, and both work together under contracts.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link
            to="/signup"
            className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-5 py-2 text-base font-semibold text-white hover:bg-brand-800"
          >
            Create your free account
          </Link>
          <Link
            to="/login"
            className="inline-flex min-h-11 items-center rounded-lg border border-ink-300 bg-white px-5 py-2 text-base font-semibold text-ink-900 hover:bg-ink-100"
          >
            I already have an account
          </Link>
        </div>
      </section>
      <section aria-labelledby="why-workgate" className="space-y-4">
        <h2 id="why-workgate" className="text-2xl font-bold text-ink-900">
          Why Workgate
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {POINTS.map((point) => (
            <li key={point.title} className="space-y-2 rounded-xl border border-ink-200 bg-white p-6">
              <h3 className="text-lg font-semibold text-ink-900">{point.title}</h3>
              <p className="text-base text-ink-700">{point.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

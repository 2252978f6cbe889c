import { PageTitle } from '../components/ui/page-title';
import { useDocumentTitle } from '../hooks/use-document-title';

/** /terms: the terms people accept at sign-up, in plain words. */
export function TermsPage() {
  useDocumentTitle('Terms of service');
  return (
    <article className="mx-auto max-w-2xl space-y-4 text-base text-ink-700">
      <PageTitle>Terms of service</PageTitle>
      <p>Workgate is open-source software. Whoever runs this instance sets its terms; these are the defaults.</p>
      <ul className="list-disc space-y-2 pl-5">
        <li>Give true information about yourself and keep your password to yourself.</li>
        <li>Treat clients and freelancers fairly, and deliver what you agree to in a contract.</li>
        <li>Do not use Workgate for anything illegal, for spam or to harm other people.</li>
        <li>We keep the data your account needs, and a record of security events such as logins, to protect it.</li>
      </ul>
    </article>
  );
}

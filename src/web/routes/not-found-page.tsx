import { PageTitle } from '../components/ui/page-title';
import { TextLink } from '../components/ui/text-link';
import { useDocumentTitle } from '../hooks/use-document-title';

/** Any path the app does not know. */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="mx-auto max-w-xl space-y-4 py-8 text-center">
      <PageTitle>We could not find that page</PageTitle>
      <p className="text-base text-ink-700">The address may be mistyped, or the page may have moved.</p>
      <p>
        <TextLink to="/">Go to the home page</TextLink>
      </p>
    </div>
  );
}

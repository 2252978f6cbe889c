/** A query that failed: the words for its error and "Try again". */
import { errorMessage } from '../../api/error-messages';
import { Button } from './button';

export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="space-y-3">
      <p className="text-base text-danger-700">{errorMessage(error)}</p>
      <Button variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}

/** A neutral "loading" placeholder: says nothing about the account being loaded. */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex min-h-40 flex-col items-center justify-center gap-3 py-12 text-ink-600">
      <span aria-hidden="true" className="size-8 animate-spin rounded-full border-4 border-ink-200 border-t-brand-700" />
      <span className="text-base">{label}</span>
    </div>
  );
}

/**
 * Live strength of a new password, from the same policy the server applies: a bar for a
 * glance and, for everyone, the verdict and zxcvbn's advice in words.
 */
import type { PasswordAssessment } from '../../shared/password-policy';

const LEVELS = [
  { label: 'Too weak', bar: 'bg-danger-700' },
  { label: 'Weak', bar: 'bg-danger-700' },
  { label: 'Fair', bar: 'bg-warning-600' },
  { label: 'Strong', bar: 'bg-brand-700' },
  { label: 'Very strong', bar: 'bg-brand-700' },
] as const;

export function PasswordStrengthMeter({ assessment }: { assessment: PasswordAssessment | null }) {
  if (!assessment) {
    return <p className="text-sm text-ink-600">Use at least 12 characters. A few unrelated words make a strong password.</p>;
  }
  const score = Math.min(4, Math.max(0, assessment.score));
  const level = assessment.acceptable ? LEVELS[score]! : LEVELS[Math.min(score, 2)]!;
  const filled = assessment.acceptable ? score + 1 : Math.max(1, score + 1);
  return (
    <div className="space-y-2">
      <div aria-hidden="true" className="flex gap-1">
        {LEVELS.map((item, index) => (
          <span key={item.label} className={`h-1.5 flex-1 rounded-full ${index < filled ? level.bar : 'bg-ink-200'}`} />
        ))}
      </div>
      <p aria-live="polite" className="text-sm text-ink-900">
        Strength: <strong>{assessment.acceptable ? level.label : `${level.label} — not accepted yet`}</strong>
      </p>
      {assessment.feedback.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-ink-700">
          {assessment.feedback.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A new-password field's errors without the advice the meter already shows under it, so
 * the same sentence is not shown (or read out) twice.
 */
export function passwordFieldErrors(errors: string[] | undefined, assessment: PasswordAssessment | null): string[] | undefined {
  if (!errors || errors.length === 0) return errors;
  const shown = new Set(assessment?.feedback ?? []);
  const remaining = errors.filter((message) => !shown.has(message));
  return remaining.length > 0 ? remaining : ['Choose a stronger password. The suggestions below can help.'];
}

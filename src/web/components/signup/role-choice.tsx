/**
 * What the person comes to Workgate for: step one of sign-up (links to the details step), and
 * the same choice as radio buttons where it is one field of a form (finishing a sign-up that
 * began at a provider).
 */
import { useId } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../../shared/contracts';
import { describedBy, FieldErrors } from '../ui/field-parts';

const CHOICES: Array<{ role: Role; title: string; text: string }> = [
  {
    role: 'freelancer',
    title: 'I want to work as a freelancer',
    text: 'Find projects, send proposals and get paid for your skills.',
  },
  {
    role: 'client',
    title: 'I want to hire for a project',
    text: 'Post a project and choose the right freelancer for it.',
  },
];

export function RoleChoice() {
  return (
    <ul className="grid gap-3">
      {CHOICES.map((choice) => (
        <li key={choice.role}>
          <Link
            to={`/signup?role=${choice.role}`}
            aria-labelledby={`role-${choice.role}-title`}
            aria-describedby={`role-${choice.role}-text`}
            className="block rounded-xl border-2 border-ink-300 bg-white p-4 hover:border-brand-700 hover:bg-brand-50"
          >
            <span id={`role-${choice.role}-title`} className="block text-lg font-semibold text-ink-900">
              {choice.title}
            </span>
            <span id={`role-${choice.role}-text`} className="mt-1 block text-base text-ink-700">
              {choice.text}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

interface RoleRadiosProps {
  value: Role | undefined;
  onChange: (role: Role) => void;
  errors?: string[] | undefined;
}

/** The role choice as a group of radio buttons named by the same words as the links above. */
export function RoleRadios({ value, onChange, errors }: RoleRadiosProps) {
  const id = useId();
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <fieldset aria-describedby={describedBy(invalid && `${id}-errors`)} className="space-y-3">
      <legend className="mb-3 text-sm font-semibold text-ink-900">What brings you to Workgate?</legend>
      {CHOICES.map((choice) => (
        <label
          key={choice.role}
          className="flex cursor-pointer items-start gap-3 rounded-xl border-2 border-ink-300 bg-white p-4 hover:border-brand-700 has-checked:border-brand-700 has-checked:bg-brand-50"
        >
          <input
            type="radio"
            name="role"
            value={choice.role}
            checked={value === choice.role}
            onChange={() => onChange(choice.role)}
            aria-invalid={invalid || undefined}
            aria-labelledby={`${id}-${choice.role}-title`}
            aria-describedby={`${id}-${choice.role}-text`}
            className="mt-1 size-5 shrink-0 accent-brand-700"
          />
          <span>
            <span id={`${id}-${choice.role}-title`} className="block text-lg font-semibold text-ink-900">
              {choice.title}
            </span>
            <span id={`${id}-${choice.role}-text`} className="mt-1 block text-base text-ink-700">
              {choice.text}
            </span>
          </span>
        </label>
      ))}
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </fieldset>
  );
}

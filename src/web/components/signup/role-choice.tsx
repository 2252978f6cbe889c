/** Step one of sign-up: what the person comes to Workgate for. */
import { Link } from 'react-router';
import type { Role } from '../../../shared/contracts';

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

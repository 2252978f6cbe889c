/** A result card: the facts a client decides on, with a link to the whole profile. */
import { Link } from 'react-router';
import type { FreelancerCard } from '../../../shared/profiles-contracts';
import { AVAILABILITY_WORDS, countryName, formatMoney } from '../../lib/linkify';
import { Avatar } from './avatar';

export function FreelancerCardView({ card }: { card: FreelancerCard }) {
  return (
    <article className="flex gap-4 rounded-xl border border-ink-200 bg-white p-4">
      <Avatar photo={card.photo} name={card.name} size="md" />
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">
            <Link to={`/freelancers/${card.id}`} className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
              {card.name}
            </Link>
          </h2>
          {card.hourlyRate && <p className="font-semibold text-ink-900">{formatMoney(card.hourlyRate)}/hr</p>}
        </div>
        <p className="font-medium text-ink-900">{card.title}</p>
        <p className="text-sm text-ink-700">
          {[card.country ? countryName(card.country) : null, AVAILABILITY_WORDS[card.availability]].filter(Boolean).join(' · ')}
        </p>
        {card.overview && <p className="line-clamp-2 text-sm text-ink-700">{card.overview}</p>}
        <ul aria-label="Skills" className="flex flex-wrap gap-2">
          {card.skills.map((skill) => (
            <li key={skill.id} className="rounded-full bg-ink-100 px-3 py-1 text-xs text-ink-800">
              {skill.name}
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}

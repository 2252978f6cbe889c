/** The freelancer profile's main facts: title, skills, rate, overview, country, languages, availability, visibility. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { FreelancerProfile } from '../../../shared/profiles-contracts';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import { saveFreelancerProfile, type SkillOption } from '../../api/profiles-api';
import { Button } from '../ui/button';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';
import { COUNTRY_OPTIONS } from '../../lib/places';
import { LanguagesField, type SpokenLanguage } from './languages-field';
import { SkillsPicker } from './skills-picker';

const AVAILABILITY = [
  { value: 'more_than_30', label: 'More than 30 hrs/week' },
  { value: 'less_than_30', label: 'Less than 30 hrs/week' },
  { value: 'as_needed', label: 'As needed' },
  { value: 'not_available', label: 'Not available now' },
];
const VISIBILITY = [
  { value: 'public', label: 'Public: anyone can see it' },
  { value: 'signed_in', label: 'Workgate members only' },
  { value: 'private', label: 'Private: only you' },
];

export function FreelancerForm({ profile }: { profile: FreelancerProfile | null }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(profile?.title ?? '');
  const [skills, setSkills] = useState<SkillOption[]>(profile?.skills ?? []);
  const [rate, setRate] = useState(profile?.hourlyRate ? String(profile.hourlyRate.amount / 100) : '');
  const [overview, setOverview] = useState(profile?.overview ?? '');
  const [country, setCountry] = useState(profile?.country ?? '');
  const [languages, setLanguages] = useState<SpokenLanguage[]>(profile?.languages ?? []);
  const [availability, setAvailability] = useState<string>(profile?.availability ?? 'as_needed');
  const [visibility, setVisibility] = useState<string>(profile?.visibility ?? 'public');
  const save = useMutation({
    mutationFn: () =>
      saveFreelancerProfile({
        title,
        skills: skills.map((s) => s.id),
        // Typed in dollars; the API takes whole cents.
        hourlyRate: rate.trim() ? { amount: Math.round(Number(rate) * 100), currency: 'USD' } : null,
        overview: overview || null,
        country: country || null,
        timezone: profile?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        languages,
        availability,
        visibility,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-profiles'] }),
  });
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5 rounded-xl border border-ink-200 bg-white p-5">
      <h2 className="text-lg font-semibold text-ink-900">Your freelancer profile</h2>
      <TextField label="Title" name="title" value={title} maxLength={70} onChange={(e) => setTitle(e.target.value)} hint="One line clients see first, e.g. “Senior React developer”." errors={errors.title} />
      <SkillsPicker value={skills} onChange={setSkills} errors={errors.skills} />
      <TextField label="Hourly rate (USD)" name="rate" inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} errors={errors['hourlyRate.amount'] ?? errors.hourlyRate} />
      <TextAreaField label="Overview" name="overview" value={overview} maxCharacters={5000} rows={6} onChange={(e) => setOverview(e.target.value)} hint="Plain text. Say what you do, for whom, and how. Links become clickable." errors={errors.overview} />
      <SelectField label="Country" name="country" value={country} options={COUNTRY_OPTIONS} onChange={(e) => setCountry(e.target.value)} errors={errors.country} />
      <LanguagesField value={languages} onChange={setLanguages} errors={errors.languages} />
      <SelectField label="Availability" name="availability" value={availability} options={AVAILABILITY} onChange={(e) => setAvailability(e.target.value)} />
      <SelectField label="Who can see your profile" name="visibility" value={visibility} options={VISIBILITY} onChange={(e) => setVisibility(e.target.value)} />
      {save.isError && !Object.keys(errors).length && <p role="alert" className="text-sm text-danger-700">{errorMessage(save.error)}</p>}
      {save.isSuccess && <p role="status" className="text-sm text-ink-700">Profile saved.</p>}
      <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
        Save profile
      </Button>
    </form>
  );
}

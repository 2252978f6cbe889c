/** The client profile: the business that hires. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ClientProfile } from '../../../shared/profiles-contracts';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import { saveClientProfile } from '../../api/profiles-api';
import { COUNTRY_OPTIONS } from '../../lib/places';
import { Button } from '../ui/button';
import { SelectField } from '../ui/select-field';
import { TextAreaField } from '../ui/text-area-field';
import { TextField } from '../ui/text-field';

const SIZES = [
  { value: '', label: 'Choose…' },
  { value: 'just_me', label: 'Just me' },
  { value: '2_9', label: '2-9 people' },
  { value: '10_99', label: '10-99 people' },
  { value: '100_999', label: '100-999 people' },
  { value: '1000_plus', label: '1,000 or more' },
];

export function ClientForm({ profile }: { profile: ClientProfile | null }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    companyName: profile?.companyName ?? '',
    size: profile?.size ?? '',
    industry: profile?.industry ?? '',
    website: profile?.website ?? '',
    description: profile?.description ?? '',
    country: profile?.country ?? '',
  });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const save = useMutation({
    mutationFn: () =>
      saveClientProfile({
        companyName: form.companyName || null,
        size: (form.size || null) as ClientProfile['size'],
        industry: form.industry || null,
        website: form.website || null,
        description: form.description || null,
        country: form.country || null,
        timezone: profile?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
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
      <h2 className="text-lg font-semibold text-ink-900">Your company</h2>
      <TextField label="Company name" name="companyName" value={form.companyName} onChange={set('companyName')} errors={errors.companyName} />
      <SelectField label="Company size" name="size" value={form.size} options={SIZES} onChange={set('size')} />
      <TextField label="Industry" name="industry" value={form.industry} onChange={set('industry')} errors={errors.industry} />
      <SelectField label="Country" name="country" value={form.country} options={COUNTRY_OPTIONS} onChange={set('country')} errors={errors.country} />
      <TextField label="Website" name="website" type="url" value={form.website} onChange={set('website')} errors={errors.website} />
      <TextAreaField label="About your business" name="description" value={form.description} maxCharacters={5000} rows={5} onChange={set('description')} errors={errors.description} />
      {save.isError && !Object.keys(errors).length && <p role="alert" className="text-sm text-danger-700">{errorMessage(save.error)}</p>}
      {save.isSuccess && <p role="status" className="text-sm text-ink-700">Company details saved.</p>}
      <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
        Save company details
      </Button>
    </form>
  );
}

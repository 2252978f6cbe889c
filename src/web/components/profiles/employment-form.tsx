/** Adds a job to the work history. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import { addEmployment } from '../../api/profiles-api';
import { Button } from '../ui/button';
import { TextField } from '../ui/text-field';

export function EmploymentForm({ count }: { count: number }) {
  const queryClient = useQueryClient();
  const [company, setCompany] = useState('');
  const [title, setTitle] = useState('');
  const [startMonth, setStart] = useState('');
  const [endMonth, setEnd] = useState('');
  const add = useMutation({
    mutationFn: () => addEmployment({ company, title, startMonth, endMonth: endMonth || null }),
    onSuccess: async () => {
      setCompany('');
      setTitle('');
      setStart('');
      setEnd('');
      await queryClient.invalidateQueries({ queryKey: ['my-profiles'] });
    },
  });
  const errors = fieldErrors(add.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!add.isPending) add.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-xl border border-ink-200 bg-white p-5">
      <h2 className="text-lg font-semibold text-ink-900">Work history {count > 0 && <span className="text-sm font-normal text-ink-600">({count} added)</span>}</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Company" name="company" value={company} onChange={(e) => setCompany(e.target.value)} errors={errors.company} />
        <TextField label="Your title there" name="jobTitle" value={title} onChange={(e) => setTitle(e.target.value)} errors={errors.title} />
        <TextField label="From (YYYY-MM)" name="startMonth" placeholder="2021-04" value={startMonth} onChange={(e) => setStart(e.target.value)} errors={errors.startMonth} />
        <TextField label="To (YYYY-MM, empty if current)" name="endMonth" placeholder="2023-09" value={endMonth} onChange={(e) => setEnd(e.target.value)} errors={errors.endMonth} />
      </div>
      {add.isError && !Object.keys(errors).length && <p role="alert" className="text-sm text-danger-700">{errorMessage(add.error)}</p>}
      {add.isSuccess && <p role="status" className="text-sm text-ink-700">Job added.</p>}
      <Button type="submit" variant="secondary" pending={add.isPending} pendingLabel="Adding…">
        Add job
      </Button>
    </form>
  );
}

/**
 * The skills picker: a React Aria combobox over GET /skills?q= (prefix and typo-tolerant
 * matching on the server), with the chosen skills as removable tags. Keyboard and screen
 * reader behaviour come from the library, not from hand-written key handling.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { searchSkills, type SkillOption } from '../../api/profiles-api';
import { FieldErrors, inputClassName } from '../ui/field-parts';

export function SkillsPicker({ value, onChange, max = 15, errors }: { value: SkillOption[]; onChange: (skills: SkillOption[]) => void; max?: number; errors?: string[] | undefined }) {
  const [text, setText] = useState('');
  const options = useQuery({ queryKey: ['skills', text], queryFn: () => searchSkills(text), enabled: text.trim().length > 0, staleTime: 60_000 });
  const chosen = new Set(value.map((s) => s.id));
  const items = (options.data?.skills ?? []).filter((s) => !chosen.has(s.id));
  const full = value.length >= max;
  return (
    <div className="space-y-2">
      <ComboBox
        aria-describedby={errors?.length ? 'skills-errors' : undefined}
        inputValue={text}
        onInputChange={setText}
        items={items}
        isDisabled={full}
        menuTrigger="input"
        // The options arrive after the typing: without this the list would stay shut.
        allowsEmptyCollection
        onSelectionChange={(key) => {
          const skill = items.find((s) => s.id === key);
          if (skill) onChange([...value, skill]);
          setText('');
        }}
        className="space-y-1.5"
      >
        <Label className="block text-sm font-semibold text-ink-900">Skills</Label>
        <Text slot="description" className="block text-sm text-ink-600">
          {full ? `You have chosen ${max}, the most a profile holds.` : `Type a skill and choose it from the list (up to ${max}).`}
        </Text>
        <Input className={inputClassName} />
        <Popover className="w-[var(--trigger-width)] rounded-lg border border-ink-200 bg-white shadow-lg">
          <ListBox className="max-h-64 overflow-auto p-1" renderEmptyState={() => <p className="p-2 text-sm text-ink-600">{options.isFetching ? 'Searching…' : 'No skill matches.'}</p>}>
            {(skill: SkillOption) => (
              <ListBoxItem id={skill.id} textValue={skill.name} className="cursor-pointer rounded px-3 py-2 text-sm text-ink-900 outline-none data-[focused]:bg-brand-50">
                {skill.name}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <FieldErrors id="skills-errors" errors={errors} />
      {value.length > 0 && (
        <ul aria-label="Chosen skills" className="flex flex-wrap gap-2">
          {value.map((skill) => (
            <li key={skill.id} className="flex items-center gap-1 rounded-full bg-brand-50 py-1 pl-3 pr-1 text-sm text-brand-900">
              {skill.name}
              <button
                type="button"
                aria-label={`Remove ${skill.name}`}
                className="rounded-full px-2 text-brand-800 hover:bg-brand-100"
                onClick={() => onChange(value.filter((s) => s.id !== skill.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

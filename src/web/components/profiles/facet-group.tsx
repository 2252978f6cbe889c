/** A filter of the talent search: values as checkboxes, each with how many it would find. */
export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export function FacetGroup({ legend, values, checked, onToggle }: { legend: string; values: FacetValue[]; checked: string[]; onToggle: (value: string) => void }) {
  if (values.length === 0) return null;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold text-ink-900">{legend}</legend>
      <ul className="max-h-72 space-y-1 overflow-y-auto">
        {values.map((facet) => (
          <li key={facet.value}>
            <label className="flex items-center gap-2 text-sm text-ink-800">
              <input type="checkbox" className="size-4 accent-brand-700" checked={checked.includes(facet.value)} onChange={() => onToggle(facet.value)} />
              <span className="flex-1">{facet.label}</span>
              <span className="text-ink-600">{facet.count}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

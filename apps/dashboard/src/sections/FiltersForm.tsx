import { useId } from 'react';
import { useLocale } from '../locale.ts';
import type { DashboardReport } from '../report.ts';
import {
  clearFilters,
  DEVICES,
  type Device,
  hasFilters,
  type Touch,
  updateView,
  VARIANTS,
  type View,
} from '../url-state.ts';

/** Date range and filters; every change becomes a new URL, so the view can be shared. */
export function FiltersForm({
  view,
  sources,
  report,
  onChange,
}: {
  readonly view: View;
  readonly sources: readonly string[];
  readonly report: DashboardReport | null;
  readonly onChange: (view: View) => void;
}) {
  const { m } = useLocale();
  const id = useId();
  const set = <K extends keyof View>(key: K, value: View[K] | undefined) =>
    onChange(updateView(view, key, value));
  const sourceOptions = view.source && !sources.includes(view.source) ? [...sources, view.source] : sources;
  const variants = new Set<string>(VARIANTS);
  for (const group of report?.funnel ?? []) if (group.key.layout) variants.add(group.key.layout);
  return (
    <form className="filters" aria-label={m.filters.legend} onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{m.filters.from}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={view.from ?? ''}
          max={view.to}
          onChange={(event) => set('from', event.target.value || undefined)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{m.filters.to}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={view.to ?? ''}
          min={view.from}
          onChange={(event) => set('to', event.target.value || undefined)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-variant`}>{m.filters.variant}</label>
        <select
          id={`${id}-variant`}
          value={view.variant ?? ''}
          onChange={(event) => set('variant', event.target.value || undefined)}
        >
          <option value="">{m.filters.all}</option>
          {[...variants].map((variant) => (
            <option key={variant} value={variant}>
              {variant}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-device`}>{m.filters.device}</label>
        <select
          id={`${id}-device`}
          value={view.device ?? ''}
          onChange={(event) => set('device', (event.target.value || undefined) as Device | undefined)}
        >
          <option value="">{m.filters.all}</option>
          {DEVICES.map((device) => (
            <option key={device} value={device}>
              {m.devices[device] ?? device}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>{m.filters.source}</label>
        <select
          id={`${id}-source`}
          value={view.source ?? ''}
          onChange={(event) => set('source', event.target.value || undefined)}
        >
          <option value="">{m.filters.allSources}</option>
          {sourceOptions.map((source) => (
            <option key={source} value={source}>
              {source}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>{m.filters.touch}</legend>
        {(['last', 'first'] as const satisfies readonly Touch[]).map((touch) => (
          <label key={touch} className="inline">
            <input
              type="radio"
              name={`${id}-touch`}
              value={touch}
              checked={view.touch === touch}
              onChange={() => set('touch', touch)}
            />
            {m.touch[touch]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-data`}>{m.filters.data}</label>
        <select
          id={`${id}-data`}
          value={view.simulated === undefined ? '' : String(view.simulated)}
          onChange={(event) => {
            const { value } = event.target;
            set('simulated', value === 'true' ? true : value === 'both' ? 'both' : undefined);
          }}
        >
          <option value="">{m.filters.real}</option>
          <option value="true">{m.filters.simulated}</option>
          <option value="both">{m.filters.both}</option>
        </select>
      </div>
      {hasFilters(view) ? (
        <button type="button" className="secondary" onClick={() => onChange(clearFilters(view))}>
          {m.filters.clear}
        </button>
      ) : null}
    </form>
  );
}

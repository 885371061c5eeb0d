import { useId, useState } from 'react';
import { FunnelChart } from '../charts/FunnelChart.tsx';
import { formatCount, formatRate } from '../format.ts';
import { useLocale } from '../locale.ts';
import { named } from '../messages.ts';
import type { FunnelGroup } from '../report.ts';

/** How far checkouts get, one chart per layout variant, by form section or by step. */
export function Funnel({ groups }: { readonly groups: readonly FunnelGroup[] }) {
  const { lang, m } = useLocale();
  const id = useId();
  const [by, setBy] = useState<'sections' | 'steps'>('sections');
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.funnel.title}</h2>
      <fieldset className="toggle">
        <legend>{m.funnel.show}</legend>
        {(['sections', 'steps'] as const).map((option) => (
          <label key={option} className="inline">
            <input
              type="radio"
              name={`${id}-by`}
              value={option}
              checked={by === option}
              onChange={() => setBy(option)}
            />
            {m.funnel[option]}
          </label>
        ))}
      </fieldset>
      {groups.length === 0 ? <p>{m.emptyRange}</p> : null}
      <div className="funnels">
        {groups.map((group) => {
          const rows = by === 'sections' ? group.sections : group.steps;
          const names = by === 'sections' ? m.sections : m.steps;
          const bars = rows.map((row) => ({
            row,
            label: named(names, row.name),
            value: m.funnel.reached(formatCount(row.reached, lang), formatRate(row.shareOfStart, lang)),
            dropOff: row.dropOff === null ? '' : m.funnel.dropOff(formatRate(row.dropOff, lang)),
          }));
          return (
            <figure key={group.label} className="card">
              <figcaption>
                <strong>
                  {m.funnel.caption(group.label, group.checkouts, formatCount(group.checkouts, lang))}
                </strong>
              </figcaption>
              <FunnelChart bars={bars} />
            </figure>
          );
        })}
      </div>
    </section>
  );
}

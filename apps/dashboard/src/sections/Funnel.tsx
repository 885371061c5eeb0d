import { useId, useState } from 'react';
import { FunnelChart } from '../charts/FunnelChart.tsx';
import { formatCount, formatRate } from '../format.ts';
import { useLocale } from '../locale.ts';
import { named } from '../messages.ts';
import type { CartFunnel, FunnelGroup, FunnelRow } from '../report.ts';

/**
 * How far shoppers get: the whole shop from the cart first (cart → checkout begun → … → purchase), then
 * one chart per layout variant from the checkout, by form section or by step.
 */
export function Funnel({
  groups,
  cart,
}: {
  readonly groups: readonly FunnelGroup[];
  readonly cart: CartFunnel;
}) {
  const { lang, m } = useLocale();
  const id = useId();
  const [by, setBy] = useState<'sections' | 'steps'>('sections');
  const bars = (rows: readonly FunnelRow[]) =>
    rows.map((row) => ({
      row,
      label: named(by === 'sections' ? m.sections : m.steps, row.name),
      value: m.funnel.reached(formatCount(row.reached, lang), formatRate(row.shareOfStart, lang)),
      dropOff: row.dropOff === null ? '' : m.funnel.dropOff(formatRate(row.dropOff, lang)),
    }));
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
      {groups.length === 0 && cart.carts === 0 ? <p>{m.emptyRange}</p> : null}
      <div className="funnels">
        {cart.carts > 0 ? (
          <figure className="card">
            <figcaption>
              <strong>{m.funnel.fromCart(cart.carts, formatCount(cart.carts, lang))}</strong>
            </figcaption>
            <FunnelChart bars={bars(by === 'sections' ? cart.sections : cart.steps)} />
            <p className="note">{m.funnel.fromCartNote}</p>
          </figure>
        ) : null}
        {groups.map((group) => {
          const rows = by === 'sections' ? group.sections : group.steps;
          return (
            <figure key={group.label} className="card">
              <figcaption>
                <strong>
                  {m.funnel.caption(group.label, group.checkouts, formatCount(group.checkouts, lang))}
                </strong>
              </figcaption>
              <FunnelChart bars={bars(rows)} />
            </figure>
          );
        })}
      </div>
    </section>
  );
}

/** @jsxRuntime automatic @jsxImportSource react */
import { type AddressOf, chosenMethod, chosenShipping } from '../controller/rules.ts';
import type { FormValues, Step, WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';
import { Heading } from './fields.tsx';
import { methodLabel } from './Payment.tsx';
import { pointAddress } from './PointPicker.tsx';
import { rareWords } from './rare-words.ts';

/** An address as typed, on one line: "Długa 5/3, 00-950 Warszawa". */
const addressLine = (form: FormValues, of: AddressOf) =>
  [
    [form[`${of}.street`], form[`${of}.buildingNumber`]].filter(Boolean).join(' ') +
      (form[`${of}.flatNumber`] ? `/${form[`${of}.flatNumber`]}` : ''),
    `${form[`${of}.postcode`]} ${form[`${of}.city`]}`,
  ].join(', ');

/** Multi-step summary: what was entered, each with a "Zmień" back to its step (nothing is lost). */
export function Review({ state }: { readonly state: WidgetState }) {
  const { t, controller, locale, name } = useUi();
  const w = rareWords[locale];
  const { form } = state;
  const option = chosenShipping(state);
  const point = [...state.points.items, state.view.delivery?.pickupPoint].find(
    (p) => p?.id === state.pickupPointId,
  );
  const where =
    option?.kind === 'locker'
      ? point
        ? `${point.id}, ${pointAddress(point)}`
        : state.pickupPointId
      : option?.kind === 'courier'
        ? addressLine(form, 'address')
        : undefined;
  const rows: [string, string, Step][] = [
    [t.contact, `${form.firstName} ${form.lastName}, ${form.email}, ${form.phone}`, 1],
    [t.delivery, [option && name(option.name), where].filter(Boolean).join(': '), 1],
  ];
  if (form['invoice.wanted']) {
    const company = `${form['invoice.companyName']}, ${t.nip} ${form['invoice.nip']}`;
    rows.push([t.invoice, `${company}, ${addressLine(form, 'invoice')}`, 2]);
  }
  rows.push([t.payment, name(methodLabel(chosenMethod(state))), 2]);
  return (
    <section class="kasa-section" aria-labelledby="kasa-review-h">
      <Heading id="kasa-review-h">{w.review}</Heading>
      <dl class="kasa-review">
        {rows.map(([label, value, step]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
            {!state.checkout.orderPlaced || label === t.payment ? (
              <dd>
                <button type="button" class="kasa-link" onClick={() => controller.goToStep(step)}>
                  {w.change}
                  <span class="kasa-visually-hidden"> {label}</span>
                </button>
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

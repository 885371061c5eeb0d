/** @jsxRuntime automatic @jsxImportSource react */
import { chosenMethod, chosenShipping } from '../controller/rules.ts';
import type { Step, WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';
import { Heading } from './fields.tsx';
import { methodLabel } from './Payment.tsx';
import { pointAddress } from './PointPicker.tsx';

/** Multi-step summary: what was entered, each with a "Zmień" back to its step (nothing is lost). */
export function Review({ state }: { readonly state: WidgetState }) {
  const { t, controller } = useUi();
  const { form } = state;
  const option = chosenShipping(state);
  const point = [...state.points.items, state.view.delivery?.pickupPoint].find(
    (p) => p?.id === state.pickupPointId,
  );
  const address = [
    [form['address.street'], form['address.buildingNumber']].filter(Boolean).join(' ') +
      (form['address.flatNumber'] ? `/${form['address.flatNumber']}` : ''),
    `${form['address.postcode']} ${form['address.city']}`,
  ].join(', ');
  const where =
    option?.kind === 'locker'
      ? point
        ? `${point.id}, ${pointAddress(point)}`
        : state.pickupPointId
      : option?.kind === 'courier'
        ? address
        : undefined;
  const rows: [string, string, Step][] = [
    [t.contact, `${form.firstName} ${form.lastName}, ${form.email}, ${form.phone}`, 1],
    [t.delivery, [option?.name, where].filter(Boolean).join(': '), 1],
    [t.payment, methodLabel(chosenMethod(state)), 2],
  ];
  return (
    <section class="kasa-section" aria-labelledby="kasa-review-h">
      <Heading id="kasa-review-h">{t.review}</Heading>
      <dl class="kasa-review">
        {rows.map(([label, value, step]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
            {!state.checkout.orderPlaced || step === 2 ? (
              <dd>
                <button type="button" class="kasa-link" onClick={() => controller.goToStep(step)}>
                  {t.change}
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

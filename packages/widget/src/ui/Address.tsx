/** @jsxRuntime automatic @jsxImportSource react */
import type { AddressOf } from '../controller/rules.ts';
import type { WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';
import { TextField } from './fields.tsx';

/**
 * An address split the way Polish carriers want it; the street is optional (villages have none).
 * `of`: the delivery address, or the company's for its invoice (the browser fills each from its own
 * autofill section).
 */
export function Address({
  state,
  of = 'address',
  legend,
}: {
  readonly state: WidgetState;
  readonly of?: AddressOf;
  readonly legend: string;
}) {
  const { t } = useUi();
  const locked = state.checkout.orderPlaced;
  const section = of === 'invoice' ? 'billing ' : 'shipping ';
  return (
    <fieldset class="kasa-group">
      <legend>{legend}</legend>
      <TextField
        state={state}
        path={`${of}.street`}
        label={t.street}
        autoComplete={`${section}address-line1`}
        hint={t.streetHint}
        optional
        readOnly={locked}
      />
      <div class="kasa-row">
        <TextField
          state={state}
          path={`${of}.buildingNumber`}
          label={t.buildingNumber}
          autoComplete="on"
          wide={false}
          readOnly={locked}
        />
        <TextField
          state={state}
          path={`${of}.flatNumber`}
          label={t.flatNumber}
          autoComplete={`${section}address-line2`}
          optional
          wide={false}
          readOnly={locked}
        />
      </div>
      <div class="kasa-row">
        <TextField
          state={state}
          path={`${of}.postcode`}
          label={t.postcode}
          autoComplete={`${section}postal-code`}
          inputMode="numeric"
          wide={false}
          readOnly={locked}
        />
        <TextField
          state={state}
          path={`${of}.city`}
          label={t.city}
          autoComplete={`${section}address-level2`}
          readOnly={locked}
        />
      </div>
    </fieldset>
  );
}

/** @jsxRuntime automatic @jsxImportSource react */
import type { WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';
import { TextField } from './fields.tsx';

/** Courier address, split the way Polish carriers want it; the street is optional (villages have none). */
export function Address({ state }: { readonly state: WidgetState }) {
  const { t } = useUi();
  const locked = state.checkout.orderPlaced;
  return (
    <fieldset class="kasa-group">
      <legend>{t.address}</legend>
      <TextField
        state={state}
        path="address.street"
        label={t.street}
        autoComplete="address-line1"
        hint={t.streetHint}
        optional
        readOnly={locked}
      />
      <div class="kasa-row">
        <TextField
          state={state}
          path="address.buildingNumber"
          label={t.buildingNumber}
          autoComplete="on"
          wide={false}
          readOnly={locked}
        />
        <TextField
          state={state}
          path="address.flatNumber"
          label={t.flatNumber}
          autoComplete="address-line2"
          optional
          wide={false}
          readOnly={locked}
        />
      </div>
      <div class="kasa-row">
        <TextField
          state={state}
          path="address.postcode"
          label={t.postcode}
          autoComplete="postal-code"
          inputMode="numeric"
          wide={false}
          readOnly={locked}
        />
        <TextField
          state={state}
          path="address.city"
          label={t.city}
          autoComplete="address-level2"
          readOnly={locked}
        />
      </div>
    </fieldset>
  );
}

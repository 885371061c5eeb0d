/** @jsxRuntime automatic @jsxImportSource react */
import { formatBlikCode } from '@kasa/core';
import type { WidgetState } from '../controller/types.ts';
import { errorIdOf, idOf, useUi } from './context.ts';
import { describedBy, FieldError } from './fields.tsx';

/** Where the caret belongs after formatting: after the same number of digits as before. */
const caretAfter = (digits: number): number => (digits > 3 ? digits + 1 : digits);

/**
 * The BLIK code field as the BLIK Level 0 checklist wants it: one field shown as "123 456", numeric
 * keyboard, digits only, no placeholder, no autocomplete, no autofocus. Pasting "123 456" or
 * "123-456" works, and the code stays a string so leading zeros survive.
 */
export function BlikField({
  state,
  onEnter,
}: {
  readonly state: WidgetState;
  readonly onEnter?: () => void;
}) {
  const { t, controller } = useUi();
  const error = state.errors.blikCode;
  const hintId = `${idOf('blikCode')}-hint`;
  return (
    <div class="kasa-field kasa-blik">
      <label for={idOf('blikCode')}>{t.blikCode}</label>
      <p id={hintId} class="kasa-hint">
        {t.blikHint}
      </p>
      <input
        id={idOf('blikCode')}
        name="blikCode"
        type="text"
        inputMode="numeric"
        pattern="[0-9 ]*"
        autocomplete="off"
        value={state.form.blikCode}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(hintId, errorIdOf('blikCode'))}
        onInput={(event) => {
          const input = event.currentTarget;
          const digitsBefore = input.value
            .slice(0, input.selectionStart ?? input.value.length)
            .replace(/\D/g, '');
          const shown = formatBlikCode(input.value);
          controller.setField('blikCode', shown);
          if (input.value !== shown) {
            input.value = shown;
            const caret = caretAfter(Math.min(digitsBefore.length, 6));
            if (document.activeElement === input) input.setSelectionRange(caret, caret);
          }
        }}
        onBlur={() => controller.blurField('blikCode')}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !onEnter) return;
          event.preventDefault();
          onEnter();
        }}
      />
      <FieldError target="blikCode" code={error} />
    </div>
  );
}

/** @jsxRuntime automatic @jsxImportSource react */

import { CONTACT_FIELDS } from '../controller/rules.ts';
import type { WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';
import { Checkbox, Heading, TextField } from './fields.tsx';
import { memoSection } from './memo-section.ts';

/** E-mail, phone and name: all a locker delivery needs besides the locker itself. */
function ContactSection({ state }: { readonly state: WidgetState }) {
  const { t } = useUi();
  const locked = state.checkout.orderPlaced;
  return (
    <section class="kasa-section" aria-labelledby="kasa-contact-h">
      <Heading id="kasa-contact-h">{t.contact}</Heading>
      <TextField
        state={state}
        path="email"
        label={t.email}
        type="email"
        autoComplete="email"
        inputMode="email"
        readOnly={locked}
      />
      <TextField
        state={state}
        path="phone"
        label={t.phone}
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        hint={t.phoneHint}
        readOnly={locked}
      />
      <div class="kasa-row">
        <TextField
          state={state}
          path="firstName"
          label={t.firstName}
          autoComplete="given-name"
          readOnly={locked}
        />
        <TextField
          state={state}
          path="lastName"
          label={t.lastName}
          autoComplete="family-name"
          readOnly={locked}
        />
      </div>
      <Checkbox state={state} path="consents.remember">
        {t.remember}
      </Checkbox>
    </section>
  );
}

export const Contact = memoSection(ContactSection, (state) => [
  ...CONTACT_FIELDS.map((path) => state.form[path]),
  state.form['consents.remember'],
]);

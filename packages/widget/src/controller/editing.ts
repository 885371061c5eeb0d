/**
 * What the shopper does to the form: type, leave a field, choose an option, change step. Checks with
 * the core validators on blur, and saves each part to the API as soon as it is complete and valid.
 */
import { type ErrorCode, type FieldName, formatBlikCode } from '@kasa/core';
import { fieldName, sectionOfField } from './analytics.ts';
import { partOf, SAVE_ORDER } from './bodies.ts';
import { type Context, requestFocus } from './context.ts';
import { blikStep, checkoutStep } from './machines.ts';
import {
  ADDRESS_PARTS,
  askedTargets,
  chosenShipping,
  INVOICE_FIELDS,
  isTextPath,
  problemWith,
  splitStreet,
  stepOf,
  tidy,
} from './rules.ts';
import type { Saver } from './saving.ts';
import type { ErrorTarget, FieldPath, FormValues, Step, WidgetState } from './types.ts';

/** The errors without these targets; the same object when none was there, so nothing re-renders. */
const without = (errors: WidgetState['errors'], ...targets: ErrorTarget[]) => {
  if (!targets.some((target) => target in errors)) return errors;
  const copy = { ...errors };
  for (const target of targets) delete copy[target];
  return copy;
};

export function createEditor(ctx: Context, saver: Saver, onActivity: () => void) {
  let lastField: FieldName | undefined;
  const { config } = ctx;

  const touch = (target: ErrorTarget) => {
    lastField = fieldName(target) ?? lastField;
    onActivity();
  };

  /** A fixed field loses its error while typing; new errors wait for blur ("reward early, punish late"). */
  const settle = (target: ErrorTarget) =>
    ctx.set((s) =>
      s.errors[target] && !problemWith(target, s, true) ? { ...s, errors: without(s.errors, target) } : s,
    );

  function setField<P extends FieldPath>(path: P, value: FormValues[P]): void {
    touch(path);
    // Only the input itself changed unless a shown error or the BLIK machine's status must move.
    const shownError = Boolean(ctx.get().errors[path]);
    if (path === 'blikCode') {
      const shown = formatBlikCode(String(value));
      const digits = shown.replace(/\D/g, '');
      const s = ctx.get();
      const fresh = ['rejected', 'timeout', 'cancelled'].includes(s.blik.status)
        ? blikStep(s, { type: 'RETRY' })
        : s;
      const next = {
        ...blikStep(fresh, { type: 'CODE_CHANGED', digits }),
        form: { ...s.form, blikCode: shown },
      };
      ctx.set(() => next, { quiet: !shownError && next.blik.status === s.blik.status });
      settle(path);
      return;
    }
    ctx.set((s) => ({ ...s, form: { ...s.form, [path]: value } }), {
      quiet: isTextPath(path) && !shownError,
    });
    if (path === 'invoice.wanted' && !value)
      ctx.set((s) => ({ ...s, errors: without(s.errors, ...INVOICE_FIELDS) }));
    // The company's address starts as the delivery address, when there is one and it is still empty.
    if (path === 'invoice.wanted' && value)
      ctx.set((s) => {
        if (chosenShipping(s)?.kind !== 'courier' || ADDRESS_PARTS.some((p) => s.form[`invoice.${p}`]))
          return s;
        const form = { ...s.form };
        for (const p of ADDRESS_PARTS) form[`invoice.${p}`] = s.form[`address.${p}`];
        return { ...s, form };
      });
    if (path === 'invoice.wanted' || path.startsWith('consents.')) {
      settle(path);
      void saver.save(partOf(path) ?? 'consents');
      return;
    }
    settle(path);
  }

  function blurField(path: FieldPath): void {
    if (!isTextPath(path) || path === 'pointQuery') return;
    const field = fieldName(path);
    const state = ctx.get();
    if (field) {
      const filled = state.form[path].trim() !== '';
      ctx.emit({ name: 'field_blur', params: { field, section: sectionOfField(path), filled } });
    }
    const of = path === 'address.street' ? 'address' : path === 'invoice.street' ? 'invoice' : undefined;
    const split = of && !state.form[`${of}.buildingNumber`] && splitStreet(state.form[path]);
    if (of && split) {
      const { street, buildingNumber, flatNumber } = split;
      ctx.set((s) => ({
        ...s,
        form: {
          ...s.form,
          [`${of}.street`]: street,
          [`${of}.buildingNumber`]: buildingNumber,
          [`${of}.flatNumber`]: s.form[`${of}.flatNumber`] || flatNumber,
        },
      }));
    }
    const code = problemWith(path, ctx.get(), false);
    if (code) {
      ctx.showErrors({ [path]: code } as Record<ErrorTarget, ErrorCode>);
      const section = sectionOfField(path);
      if (section === 'contact') ctx.set((s) => checkoutStep(s, { type: 'CONTACT_INVALIDATED' }));
      if (section === 'delivery') ctx.set((s) => checkoutStep(s, { type: 'DELIVERY_INVALIDATED' }));
      return;
    }
    ctx.set((s) => {
      const tidied = tidy(path, s.form[path]);
      // Nothing visible changes when the value was already tidy and had no error: skip the re-render.
      if (tidied === s.form[path] && !s.errors[path]) return s;
      return { ...s, form: { ...s.form, [path]: tidied }, errors: without(s.errors, path) };
    });
    const part = partOf(path);
    if (part) void saver.save(part);
  }

  function chooseShipping(id: string): void {
    touch('shippingOption');
    ctx.set((s) => ({
      ...s,
      shippingOptionId: id,
      errors: without(s.errors, 'shippingOption', 'pickupPoint'),
    }));
    void saver.save('delivery');
  }

  function choosePoint(id: string): void {
    touch('pickupPoint');
    ctx.set((s) => ({ ...s, pickupPointId: id, errors: without(s.errors, 'pickupPoint') }));
    void saver.save('delivery');
  }

  function choosePaymentMethod(id: string): void {
    touch('paymentMethod');
    ctx.set((s) => ({
      ...s,
      paymentMethodId: id,
      notice: undefined,
      errors: without(s.errors, 'paymentMethod'),
    }));
    void saver.save('payment-method');
  }

  /** Back never checks (and loses nothing); forward checks the steps before the target first. */
  function goToStep(step: Step): void {
    const state = ctx.get();
    if (step > state.step) {
      const errors: WidgetState['errors'] = {};
      for (const target of askedTargets(state, config).filter((t) => stepOf(t) < step)) {
        const code = problemWith(target, state, true);
        if (code) errors[target] = code;
      }
      if (Object.keys(errors).length > 0) {
        ctx.showErrors(errors, undefined, true);
        return;
      }
      for (const part of SAVE_ORDER) void saver.save(part);
    }
    ctx.set((s) => ({ ...s, step }));
    requestFocus(ctx, 'heading');
  }

  return {
    setField,
    blurField,
    chooseShipping,
    choosePoint,
    choosePaymentMethod,
    goToStep,
    /** The field the shopper touched last, for checkout_abandon. */
    lastField: () => lastField,
  };
}

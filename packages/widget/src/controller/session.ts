/**
 * The controller's life in the browser: restore progress from storage, keep saving it (debounced),
 * remember the last locker, and report abandonment when the page is hidden before a purchase.
 */
import type { CheckoutView, FieldName } from '@kasa/core';
import { beginCheckout, shownSection } from './analytics.ts';
import { type Context, switchLocale } from './context.ts';
import { askedTargets, CONTACT_FIELDS, chosenShipping, problemWith, stepOf, validators } from './rules.ts';
import type { Saver } from './saving.ts';
import { initialState } from './state.ts';
import {
  progressKey,
  type RememberedShopper,
  type SavedProgress,
  SHOPPER_KEY,
  sanitiseProgress,
  sanitiseShopper,
} from './storage.ts';
import type { FormValues, RestoredValues, Step, WidgetConfig, WidgetState } from './types.ts';

const SAVE_DELAY_MS = 400;

/**
 * Whether the server's view already answers a form field. Stored progress never overrides those: it
 * may be older than the server's state (an order placed, a payment started on another tab), and
 * putting it on top of a locked order left the form empty and read-only.
 */
function heldByServer(view: CheckoutView, key: string): boolean {
  if (view.order || key.startsWith('consents.')) return key !== 'pointQuery';
  if (key.startsWith('address.')) return Boolean(view.delivery);
  if (key.startsWith('invoice.')) return Boolean(view.company);
  return Boolean(view.contact) && (CONTACT_FIELDS as readonly string[]).includes(key);
}

/**
 * The furthest step up to `wanted` whose earlier steps are complete: a restored step never skips a
 * step that still asks for something. Once the order exists, the server's step stays.
 */
function reachableStep(state: WidgetState, config: WidgetConfig, wanted: Step): Step {
  if (state.view.order) return state.step;
  const targets = askedTargets(state, config);
  let step: Step = 1;
  while (step < wanted && !targets.some((t) => stepOf(t) === step && problemWith(t, state, true)))
    step = (step + 1) as Step;
  return step;
}

/**
 * Stored progress fills in only what the server does not hold yet, and only where the shopper has
 * not changed anything since the page loaded. A remembered shopper (who asked for it) then fills in
 * the contact still empty, and the last locker when no delivery is chosen.
 */
export function mergeRestored(
  state: WidgetState,
  config: WidgetConfig,
  restored: RestoredValues,
  shopper?: RememberedShopper,
): WidgetState {
  const prefill = initialState(state.view, config);
  const { view } = state;
  const form = { ...state.form } as Record<keyof FormValues, string | boolean>;
  for (const [key, value] of Object.entries(restored) as [keyof FormValues, string | boolean][]) {
    if (key in form && key !== 'blikCode' && form[key] === prefill.form[key] && !heldByServer(view, key))
      form[key] = value;
  }
  if (shopper) {
    form['consents.remember'] = true;
    for (const key of CONTACT_FIELDS) if (!form[key] && !heldByServer(view, key)) form[key] = shopper[key];
  }
  const held = {
    shippingOptionId: Boolean(view.delivery || view.order),
    pickupPointId: Boolean(view.delivery || view.order),
    paymentMethodId: Boolean(view.paymentMethodId),
  };
  const keep = <K extends keyof typeof held>(key: K) =>
    restored[key] !== undefined && state[key] === prefill[key] && !held[key] ? restored[key] : state[key];
  let shippingOptionId = keep('shippingOptionId');
  const paymentMethodId = keep('paymentMethodId');
  let pickupPointId = keep('pickupPointId');
  const lastPoint = shopper?.point;
  const offered = view.shippingOptions.some((o) => o.id === shopper?.optionId);
  if (lastPoint && offered && !shippingOptionId && !held.shippingOptionId) {
    shippingOptionId = shopper.optionId;
    pickupPointId = lastPoint.id;
  }
  const known = state.points.items.some((point) => point.id === lastPoint?.id);
  const merged: WidgetState = {
    ...state,
    form: form as FormValues,
    shippingOptionId: view.shippingOptions.some((o) => o.id === shippingOptionId)
      ? shippingOptionId
      : state.shippingOptionId,
    paymentMethodId: view.paymentMethods.some((m) => m.id === paymentMethodId)
      ? paymentMethodId
      : state.paymentMethodId,
    pickupPointId,
    points:
      lastPoint && !known ? { ...state.points, items: [lastPoint, ...state.points.items] } : state.points,
  };
  const step =
    restored.step && state.step === prefill.step ? reachableStep(merged, config, restored.step) : state.step;
  return { ...merged, step };
}

function progressOf(state: WidgetState, now: number): SavedProgress {
  const { blikCode: _never, ...form } = state.form;
  return {
    ...form,
    shippingOptionId: state.shippingOptionId,
    pickupPointId: state.pickupPointId,
    paymentMethodId: state.paymentMethodId,
    step: state.step,
    locale: state.locale,
    savedAt: now,
  };
}

export function startSession(ctx: Context, saver: Saver, lastField: () => FieldName | undefined) {
  const { storage } = ctx.options;
  const key = progressKey(ctx.get().view.id);
  let abandonArmed = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** The remembered shopper as last read or written; kept only while the shopper wants it. */
  let shopper: RememberedShopper | undefined;

  /** "Remember me" ticked: contact (the valid fields) and the locker used last; unticked: forgotten. */
  const remember = (state: WidgetState) => {
    if (!storage || (!state.form['consents.remember'] && !shopper)) return;
    if (!state.form['consents.remember']) {
      shopper = undefined;
      void storage.delete(SHOPPER_KEY).catch(() => undefined);
      return;
    }
    const option = chosenShipping(state);
    const point = [...state.points.items, state.view.delivery?.pickupPoint].find(
      (p) => p?.id === state.pickupPointId,
    );
    const valid = (path: (typeof CONTACT_FIELDS)[number]) =>
      validators[path](state.form[path]).ok ? state.form[path] : (shopper?.[path] ?? '');
    shopper = {
      email: valid('email'),
      phone: valid('phone'),
      firstName: valid('firstName'),
      lastName: valid('lastName'),
      ...(option?.kind === 'locker' && point
        ? { optionId: option.id, point }
        : shopper?.point && { optionId: shopper.optionId, point: shopper.point }),
    };
    void storage.set(SHOPPER_KEY, { ...shopper, savedAt: ctx.now() }).catch(() => undefined);
  };

  const persist = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const state = ctx.get();
    remember(state);
    if (!storage || state.checkout.section === 'paid') return;
    void storage.set(key, progressOf(state, ctx.now())).catch(() => undefined);
  };

  let last = ctx.get();
  const unsubscribe = ctx.watch(() => {
    const state = ctx.get();
    const changed =
      state.form !== last.form ||
      state.step !== last.step ||
      state.shippingOptionId !== last.shippingOptionId ||
      state.pickupPointId !== last.pickupPointId ||
      state.paymentMethodId !== last.paymentMethodId ||
      state.locale !== last.locale;
    last = state;
    if (!changed || !storage) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(persist, SAVE_DELAY_MS);
  });

  const onHide = () => {
    const state = ctx.get();
    persist();
    if (!abandonArmed || ['paying', 'paid'].includes(state.checkout.section)) return;
    abandonArmed = false;
    const field = lastField();
    ctx.emit({
      name: 'checkout_abandon',
      params: { section: shownSection(state, ctx.config), ...(field ? { last_field: field } : {}) },
    });
  };
  const onVisibility = () => {
    if (globalThis.document?.visibilityState === 'hidden') onHide();
  };
  globalThis.addEventListener?.('pagehide', onHide);
  globalThis.document?.addEventListener('visibilitychange', onVisibility);
  ctx.cleanups.add(() => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    globalThis.removeEventListener?.('pagehide', onHide);
    globalThis.document?.removeEventListener('visibilitychange', onVisibility);
  });

  ctx.emit(beginCheckout(ctx.get(), ctx.config));
  // What was actually rendered: the exposures the experiments' analyses count.
  for (const [experiment, variation] of Object.entries(ctx.config.experiments ?? {})) {
    ctx.emit({ name: 'experiment_exposure', params: { experiment, variation } });
  }
  ctx.emit({
    name: 'checkout_step_view',
    params: { section: shownSection(ctx.get(), ctx.config), layout: ctx.config.layout },
  });

  const ready = (async () => {
    if (ctx.get().checkout.section === 'paid') return;
    if (storage) {
      const [progress, remembered] = await Promise.all([
        storage.get(key).catch(() => undefined),
        storage.get(SHOPPER_KEY).catch(() => undefined),
      ]);
      const restored = sanitiseProgress(progress, ctx.now()) ?? {};
      shopper = sanitiseShopper(remembered, ctx.now());
      ctx.set((s) => mergeRestored(s, ctx.config, restored, shopper));
      // The language the shopper switched to last time on this checkout.
      if (restored.locale && restored.locale !== ctx.get().locale) await switchLocale(ctx, restored.locale);
    }
    // The server may lack what was typed before the script ran or on the last visit: save what is complete.
    await Promise.all(
      (['contact', 'delivery', 'invoice', 'consents'] as const).map((part) => saver.save(part)),
    );
  })();

  return {
    ready,
    /** The shopper is active again: a later hide counts as a new abandonment. */
    rearm: () => {
      abandonArmed = true;
    },
  };
}

/**
 * The controller's life in the browser: restore progress from storage, keep saving it (debounced),
 * remember the last locker, and report abandonment when the page is hidden before a purchase.
 */
import type { FieldName, PickupPoint } from '@kasa/core';
import { beginCheckout, shownSection } from './analytics.ts';
import type { Context } from './context.ts';
import type { Saver } from './saving.ts';
import { initialState } from './state.ts';
import {
  isPickupPoint,
  LAST_POINT_KEY,
  progressKey,
  type SavedProgress,
  sanitiseProgress,
} from './storage.ts';
import type { FormValues, RestoredValues, WidgetConfig, WidgetState } from './types.ts';

const SAVE_DELAY_MS = 400;

/** Restored values win only where the shopper has not changed anything since the page loaded. */
export function mergeRestored(
  state: WidgetState,
  config: WidgetConfig,
  restored: RestoredValues,
  lastPoint?: PickupPoint,
): WidgetState {
  const prefill = initialState(state.view, config);
  const form = { ...state.form } as Record<keyof FormValues, string | boolean>;
  for (const [key, value] of Object.entries(restored) as [keyof FormValues, string | boolean][]) {
    if (key in form && key !== 'blikCode' && form[key] === prefill.form[key]) form[key] = value;
  }
  const keep = <K extends 'shippingOptionId' | 'pickupPointId' | 'paymentMethodId'>(key: K) =>
    restored[key] !== undefined && state[key] === prefill[key] ? restored[key] : state[key];
  const shippingOptionId = keep('shippingOptionId');
  const paymentMethodId = keep('paymentMethodId');
  const pickupPointId = keep('pickupPointId');
  const known = state.points.items.some((point) => point.id === lastPoint?.id);
  return {
    ...state,
    form: form as FormValues,
    shippingOptionId: state.view.shippingOptions.some((o) => o.id === shippingOptionId)
      ? shippingOptionId
      : state.shippingOptionId,
    paymentMethodId: state.view.paymentMethods.some((m) => m.id === paymentMethodId)
      ? paymentMethodId
      : state.paymentMethodId,
    pickupPointId,
    step: restored.step && state.step === prefill.step ? restored.step : state.step,
    points:
      lastPoint && !known ? { ...state.points, items: [lastPoint, ...state.points.items] } : state.points,
  };
}

function progressOf(state: WidgetState, now: number): SavedProgress {
  const { blikCode: _never, ...form } = state.form;
  return {
    ...form,
    shippingOptionId: state.shippingOptionId,
    pickupPointId: state.pickupPointId,
    paymentMethodId: state.paymentMethodId,
    step: state.step,
    savedAt: now,
  };
}

export function startSession(ctx: Context, saver: Saver, lastField: () => FieldName | undefined) {
  const { storage } = ctx.options;
  const key = progressKey(ctx.get().view.id);
  let abandonArmed = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const persist = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const state = ctx.get();
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
      state.paymentMethodId !== last.paymentMethodId;
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
  // The layout actually rendered: the exposure the experiment's analysis counts.
  if (ctx.config.experiment) {
    ctx.emit({
      name: 'experiment_exposure',
      params: { experiment: ctx.config.experiment.key, variation: ctx.config.experiment.variation },
    });
  }
  ctx.emit({
    name: 'checkout_step_view',
    params: { section: shownSection(ctx.get(), ctx.config), layout: ctx.config.layout },
  });

  const ready = (async () => {
    if (ctx.get().checkout.section === 'paid') return;
    if (storage) {
      const [progress, point] = await Promise.all([
        storage.get(key).catch(() => undefined),
        storage.get(LAST_POINT_KEY).catch(() => undefined),
      ]);
      const restored = sanitiseProgress(progress, ctx.now()) ?? {};
      ctx.set((s) => mergeRestored(s, ctx.config, restored, isPickupPoint(point) ? point : undefined));
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

/**
 * What the controller's parts share: the state store with its listeners, the event sink, the API and
 * the few helpers every part needs (show errors, take in a fresh view from the server).
 */
import type { CheckoutView, ErrorCode } from '@kasa/core';
import { fieldName, sectionOfField, shownSection } from './analytics.ts';
import { type Api, ApiError, createApi, targetOfApiField } from './api.ts';
import { stepOf } from './rules.ts';
import type { ProgressStorage } from './storage.ts';
import type { ErrorTarget, WidgetConfig, WidgetEvent, WidgetEventListener, WidgetState } from './types.ts';

export interface ControllerOptions {
  readonly state: WidgetState;
  readonly config: WidgetConfig;
  readonly fetch?: typeof fetch;
  readonly storage?: ProgressStorage;
  readonly now?: () => number;
  readonly onEvent?: WidgetEventListener;
  /** Server rendering: no timers, no storage, no network, no events. */
  readonly ssr?: boolean;
  /** EventSource for following a payment; null forces polling (defaults to the browser's). */
  readonly eventSource?: typeof EventSource | null;
  /** Leaves the page for a payment provider (defaults to `location.assign`). */
  readonly navigate?: (url: string) => void;
  /** Fetches a language's words before the widget shows it (the UI's word chunks). */
  readonly loadWords?: (locale: WidgetConfig['locale']) => Promise<unknown>;
}

export interface Context {
  readonly config: WidgetConfig;
  readonly options: ControllerOptions;
  readonly api: Api;
  readonly now: () => number;
  get(): WidgetState;
  /**
   * Replaces the state. `quiet` skips telling the UI: typing into a text field changes only that
   * input, which already shows the new value, so re-rendering the whole form per key is wasted work
   * (measured: 50–90 ms tasks per keystroke on a 4× slowed CPU).
   */
  set(update: (state: WidgetState) => WidgetState, options?: { quiet?: boolean }): void;
  subscribe(listener: () => void): () => void;
  /** Like subscribe, but also told about quiet changes (for saving progress, not for rendering). */
  watch(listener: () => void): () => void;
  emit(event: WidgetEvent | undefined): void;
  /** Shows field errors (and a notice); with `focus`, moves focus to the first one. */
  showErrors(errors: Partial<Record<ErrorTarget, ErrorCode>>, notice?: ErrorCode, focus?: boolean): void;
  /** Shows an API refusal where it belongs; returns the field it landed on, if any. */
  showApiError(error: unknown, focus: boolean): ErrorTarget | undefined;
  takeView(view: CheckoutView): void;
  /** Every timer and listener to undo on dispose. */
  readonly cleanups: Set<() => void>;
}

export function createContext(options: ControllerOptions): Context {
  const { config } = options;
  let state = options.state;
  let lastSection = options.ssr ? undefined : shownSection(state, config);
  const listeners = new Set<() => void>();
  const watchers = new Set<() => void>();
  // A request starts in a task of its own: starting a fetch costs a few ms on a slow phone, which
  // would otherwise lengthen the task that answers the shopper's click or blur.
  const fetchImpl =
    options.fetch ??
    ((...args: Parameters<typeof fetch>) =>
      new Promise((start) => setTimeout(start)).then(() => globalThis.fetch(...args)));

  const ctx: Context = {
    config,
    options,
    api: createApi(config.api, () => state.locale, fetchImpl),
    now: options.now ?? Date.now,
    cleanups: new Set(),
    get: () => state,
    set(update, options) {
      const next = update(state);
      if (next === state) return;
      state = next;
      for (const watcher of [...watchers]) watcher();
      if (options?.quiet) return;
      const section = shownSection(state, config);
      if (lastSection !== undefined && section !== lastSection) {
        lastSection = section;
        ctx.emit({ name: 'checkout_step_view', params: { section, layout: config.layout } });
      }
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    watch(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
    emit(event) {
      if (!event || options.ssr || !options.onEvent) return;
      try {
        options.onEvent(event, { checkoutId: state.view.id, experiments: config.experiments ?? {} });
      } catch {
        // A broken listener must never break the checkout.
      }
    },
    showErrors(errors, notice, focus = false) {
      const first = Object.keys(errors)[0] as ErrorTarget | undefined;
      for (const [target, code] of Object.entries(errors) as [ErrorTarget, ErrorCode][]) {
        const field = fieldName(target);
        if (field)
          ctx.emit({ name: 'field_error', params: { field, section: sectionOfField(target), code } });
      }
      ctx.set((s) => {
        const next = { ...s, errors: { ...s.errors, ...errors }, notice: notice ?? s.notice };
        if (!focus || !(first || notice)) return next;
        // Multi-step: the field may be on an earlier step; show that step first.
        const step = first && config.layout === 'multi-step' ? stepOf(first) : s.step;
        return { ...next, step, focus: { target: first ?? 'notice', seq: (s.focus?.seq ?? 0) + 1 } };
      });
    },
    showApiError(error, focus) {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', 0);
      const issues =
        apiError.issues.length > 0 ? apiError.issues : [{ field: apiError.field ?? '', code: apiError.code }];
      const errors: Partial<Record<ErrorTarget, ErrorCode>> = {};
      for (const issue of issues) {
        const target = targetOfApiField(issue.field);
        if (target && !errors[target]) errors[target] = issue.code;
      }
      const placed = Object.keys(errors).length > 0;
      ctx.showErrors(errors, placed ? undefined : apiError.code, focus);
      return placed ? (Object.keys(errors)[0] as ErrorTarget) : undefined;
    },
    takeView(view) {
      // Most saves answer with the view the widget already shows; re-rendering it all would be wasted.
      ctx.set((s) =>
        JSON.stringify(view) === JSON.stringify(s.view)
          ? s
          : { ...s, view, payment: view.payment ?? s.payment },
      );
    },
  };
  return ctx;
}

/** Shows the checkout in another language once its words are loaded; the API answers in it too. */
export async function switchLocale(ctx: Context, locale: WidgetConfig['locale']): Promise<void> {
  try {
    await ctx.options.loadWords?.(locale);
  } catch {
    return; // The words did not come (offline): the checkout stays in the language it shows.
  }
  ctx.set((s) => (s.locale === locale ? s : { ...s, locale }));
}

/** Asks the UI to move focus somewhere (the step heading, the notice). */
export function requestFocus(ctx: Context, target: NonNullable<WidgetState['focus']>['target']): void {
  ctx.set((s) => ({ ...s, focus: { target, seq: (s.focus?.seq ?? 0) + 1 } }));
}

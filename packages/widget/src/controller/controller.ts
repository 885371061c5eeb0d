/**
 * The widget's controller: one object that owns the state, talks to the API and emits events. The
 * UI only reads its state and calls its methods, so the behaviour is testable without a DOM.
 *
 * @example
 * const controller = createController({ state: initialState(view, config), config });
 * controller.subscribe(() => render(controller.getState()));
 * controller.setField('email', 'jan@example.pl');
 * controller.blurField('email'); // validates, and saves the contact once it is complete
 */
import { ApiError } from './api.ts';
import { type ControllerOptions, createContext, switchLocale } from './context.ts';
import { createEditor } from './editing.ts';
import { createSaver } from './saving.ts';
import { startSession } from './session.ts';
import type { FieldPath, FormValues, Step, WidgetState } from './types.ts';

export type { ControllerOptions } from './context.ts';

export interface Controller {
  getState(): WidgetState;
  subscribe(listener: () => void): () => void;
  setField<P extends FieldPath>(path: P, value: FormValues[P]): void;
  blurField(path: FieldPath): void;
  chooseShipping(id: string): void;
  searchPoints(query?: string): Promise<void>;
  choosePoint(id: string): void;
  choosePaymentMethod(id: string): void;
  goToStep(step: Step): void;
  /** Switches the language (pl/en); resolves once the new words are shown. */
  setLocale(locale: WidgetState['locale']): Promise<void>;
  placeOrderAndPay(): Promise<void>;
  /** Shopify mode A (`config.handoff`): saves contact and delivery and goes to Shopify's checkout. */
  handOff(): Promise<void>;
  cancelPayment(): Promise<void>;
  retryPayment(): Promise<void>;
  dispose(): void;
  /** Resolves when every save started so far has been answered. */
  idle(): Promise<void>;
  readonly config: ControllerOptions['config'];
  /** Resolves once stored progress has been restored (at once on the server). */
  readonly ready: Promise<void>;
}

export function createController(options: ControllerOptions): Controller {
  const ctx = createContext(options);
  const saver = createSaver(ctx);
  // Parts only a shopper who has started needs come in chunks of their own (payments.ts, points.ts).
  const payments = later(() => import('./payments.ts').then((module) => module.createPayments(ctx, saver)));
  const points = later(() => import('./points.ts').then((module) => module.createPointFinder(ctx)));
  /** Runs an action once its part is there; a part that does not come reads as a network fault. */
  const when =
    <T, A extends unknown[]>(part: () => Promise<T>, act: (loaded: T, ...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      let loaded: T;
      try {
        loaded = await part();
      } catch {
        ctx.showApiError(new ApiError('upstream_unavailable', 0), true);
        return;
      }
      await act(loaded, ...args);
    };
  // The session needs the editor's last field and the editor tells the session about activity; the
  // first activity also fetches the later parts, so the locker search and "Kupuję i płacę" never wait.
  let rearm = () => {};
  const editor = createEditor(ctx, saver, () => {
    rearm();
    payments().catch(() => undefined);
    points().catch(() => undefined);
  });
  const session = options.ssr ? undefined : startSession(ctx, saver, editor.lastField);
  if (session) rearm = session.rearm;
  if (!options.ssr) {
    ctx.set((s) => ({ ...s, now: ctx.now() }));
    // A payment already under way (a reload, back from the bank) is followed at once.
    if (ctx.get().payment)
      payments().then(
        (loaded) => loaded.resume(),
        () => undefined,
      );
  }

  return {
    config: options.config,
    getState: ctx.get,
    subscribe: ctx.subscribe,
    setField: editor.setField,
    blurField: editor.blurField,
    chooseShipping: editor.chooseShipping,
    searchPoints: when(points, (finder, query?: string) => finder.search(query)),
    choosePoint: editor.choosePoint,
    choosePaymentMethod: editor.choosePaymentMethod,
    goToStep: editor.goToStep,
    setLocale: (locale) => switchLocale(ctx, locale),
    placeOrderAndPay: when(payments, (loaded) => loaded.placeOrderAndPay()),
    // A chunk of its own: only Shopify stores in mode A need it, and only once the shopper presses.
    handOff: () => import('./handoff.ts').then((module) => module.handOff(ctx, saver)),
    cancelPayment: when(payments, (loaded) => loaded.cancelPayment()),
    retryPayment: when(payments, (loaded) => loaded.retryPayment()),
    ready: session?.ready ?? Promise.resolve(),
    idle: async () => {
      await saver.idle();
    },
    dispose() {
      for (const cleanup of [...ctx.cleanups]) cleanup();
      ctx.cleanups.clear();
    },
  };
}

/** A part made once from a chunk; a fetch that failed is tried again on the next call. */
function later<T>(load: () => Promise<T>): () => Promise<T> {
  let part: Promise<T> | undefined;
  return () =>
    (part ??= load().catch((error: unknown) => {
      part = undefined;
      throw error;
    }));
}

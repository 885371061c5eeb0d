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
import { type ControllerOptions, createContext, switchLocale } from './context.ts';
import { createEditor } from './editing.ts';
import { createPayer } from './paying.ts';
import { createPointFinder } from './points.ts';
import { createSaver } from './saving.ts';
import { startSession } from './session.ts';
import type { FieldPath, FormValues, Step, WidgetState } from './types.ts';
import { createWatcher } from './watch.ts';

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
  const watcher = createWatcher(ctx);
  const payer = createPayer(ctx, saver, watcher);
  const points = createPointFinder(ctx);
  // The session needs the editor's last field and the editor tells the session about activity.
  let rearm = () => {};
  const editor = createEditor(ctx, saver, () => rearm());
  const session = options.ssr ? undefined : startSession(ctx, saver, editor.lastField);
  if (session) rearm = session.rearm;
  if (!options.ssr) watcher.resume();

  return {
    config: options.config,
    getState: ctx.get,
    subscribe: ctx.subscribe,
    setField: editor.setField,
    blurField: editor.blurField,
    chooseShipping: editor.chooseShipping,
    searchPoints: points.search,
    choosePoint: editor.choosePoint,
    choosePaymentMethod: editor.choosePaymentMethod,
    goToStep: editor.goToStep,
    setLocale: (locale) => switchLocale(ctx, locale),
    placeOrderAndPay: payer.placeOrderAndPay,
    // A chunk of its own: only Shopify stores in mode A need it, and only once the shopper presses.
    handOff: () => import('./handoff.ts').then((module) => module.handOff(ctx, saver)),
    cancelPayment: watcher.cancelPayment,
    retryPayment: watcher.retryPayment,
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

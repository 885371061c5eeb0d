/**
 * Views most shoppers see only after pressing a button or making a choice (waiting for the bank app,
 * the thanks, the multi-step review, what became of a bank payment, a courier's address, a company
 * invoice's details) come in a chunk of their own, fetched once the form is in use (mount.ts) or
 * when one is shown, so the bundle before interaction stays within its weight budget. A page that opens on one of them (a reload mid-payment, back from the bank) waits
 * for the chunk before hydrating, so the server's markup is taken over, never redrawn.
 */
import { createElement, type FunctionComponent, useEffect, useState } from 'react';
import { chosenShipping } from '../controller/rules.ts';
import type { WidgetConfig, WidgetState } from '../controller/types.ts';

type Rare = typeof import('./rare.tsx');

let rare: Rare | undefined;
let loading: Promise<unknown> | undefined;

/** Fetches the later chunk (once; a failed fetch is tried again the next time it is asked for). */
export const loadRare = (): Promise<unknown> =>
  (loading ??= import('./rare.tsx').then(
    (module) => {
      rare = module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));

/** Puts the later views in place at once (the server renderer and tests import them directly). */
export const provideRare = (module: Rare): void => {
  rare = module;
};

/**
 * Whether a first view shows a later view: everything after the order exists may, a Shopify store's
 * hand-off page (mode A) always does, and so does a courier's address or a wanted invoice.
 */
export const needsRare = (state: WidgetState, config?: Pick<WidgetConfig, 'handoff'>): boolean =>
  Boolean(state.view.order) ||
  state.step > 1 ||
  Boolean(config?.handoff) ||
  chosenShipping(state)?.kind === 'courier' ||
  state.form['invoice.wanted'];

/** A view from the later chunk: nothing until it is there, then the view. */
function later<K extends keyof Rare>(name: K) {
  type Props = Parameters<Rare[K]>[0];
  return function Later(props: Props) {
    const [, loaded] = useState(0);
    useEffect(() => {
      // A failed fetch leaves the view empty until the next render asks again.
      if (!rare)
        loadRare().then(
          () => loaded(1),
          () => undefined,
        );
    }, []);
    return rare ? createElement(rare[name] as FunctionComponent<Props>, props) : null;
  };
}

export const Address = later('Address');
export const BankNotice = later('BankNotice');
export const Done = later('Done');
export const GeowidgetMap = later('GeowidgetMap');
export const HandoffPage = later('HandoffPage');
export const InvoiceDetails = later('InvoiceDetails');
export const Review = later('Review');
export const Waiting = later('Waiting');

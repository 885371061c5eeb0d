/** @jsxRuntime automatic @jsxImportSource react */

import { type RefObject, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Controller } from '../controller/controller.ts';
import { shownTotals } from '../controller/shown-totals.ts';
import type { WidgetState } from '../controller/types.ts';
import { makeUi, UiContext, useErrorText, useUi, useWidgetState } from './context.ts';
import { isPaymentNotice } from './error-texts.ts';
import { MultiStep, OnePage } from './Layouts.tsx';
import { BankNotice, Done, HandoffPage, loadRare, Waiting } from './later.ts';
import { Lines, Summary } from './Summary.tsx';

const WAITING = ['awaiting_app_confirmation', 'cancelling', 'timeout'];

/**
 * Carries out the controller's focus requests: first error, the notice, or the new step's heading.
 * In the task that shows them, before the next frame: a shopper who sees the new step and starts
 * typing in it must not lose focus to its heading a frame later.
 */
function useFocusRequests(root: RefObject<HTMLDivElement | null>, focus: WidgetState['focus']) {
  useLayoutEffect(() => {
    const container = root.current;
    if (!focus || !container) return;
    const { target } = focus;
    const element =
      target === 'heading'
        ? container.querySelector('[data-step-heading]')
        : target === 'notice'
          ? container.querySelector('.kasa-notice')
          : (container.querySelector(`[name="${target}"]:checked`) ??
            container.querySelector(`[name="${target}"]`));
    if (element instanceof HTMLElement) element.focus();
  }, [focus?.seq]);
}

/** The notice at the top: what became of a bank payment, or a refusal that belongs to no one field. */
function Notice({ state }: { readonly state: WidgetState }) {
  const { t } = useUi();
  const { notice } = state;
  const paymentNotice = isPaymentNotice(notice);
  const text = useErrorText(paymentNotice ? undefined : notice);
  return (
    <div class="kasa-notice" role="alert" tabIndex={-1}>
      {paymentNotice ? (
        <BankNotice notice={notice} number={state.view.order?.number ?? ''} />
      ) : (
        text && (
          <p>
            <strong>{t.problem}:</strong> {text}
          </p>
        )
      )}
    </div>
  );
}

/**
 * The checkout UI. Both layouts render the same controller state; only the arrangement differs.
 *
 * @example render(<App controller={createController({ state: initialState(view, config), config })} />, root);
 */
export function App({ controller }: { readonly controller: Controller }) {
  const state = useWidgetState(controller);
  const ui = useMemo(() => makeUi(controller, state.locale), [controller, state.locale]);
  const root = useRef<HTMLDivElement>(null);
  const hydrated = useRef(false);
  useEffect(() => {
    hydrated.current = true;
  }, []);
  useFocusRequests(root, state.focus);
  // Paying or moving on a step: the views that come next are fetched now, while the API answers.
  useEffect(() => {
    if (state.busy || state.step > 1) void loadRare();
  }, [state.busy, state.step]);
  const { t, money } = ui;
  const { layout } = controller.config;
  const paid = state.checkout.section === 'paid';
  const other = ui.locale === 'pl' ? 'en' : 'pl';
  const total = money(shownTotals(state).total);
  const waiting = WAITING.includes(state.blik.status) || (state.payment?.status === 'pending' && !paid);
  return (
    <UiContext.Provider value={ui}>
      <div class="kasa" lang={ui.locale} data-layout={layout} ref={root}>
        <p class="kasa-lang">
          <button
            type="button"
            class="kasa-link"
            lang={other}
            onClick={() => void controller.setLocale(other)}
          >
            {t.otherLanguage}
          </button>
        </p>
        <Notice state={state} />
        {!paid && (
          // Phones: what is being bought and its total, one tap away at the top.
          <details class="kasa-peek">
            <summary>
              {t.showOrder} <strong>{total}</strong>
            </summary>
            <Lines state={state} />
          </details>
        )}
        <div class="kasa-layout">
          {paid ? (
            <div class="kasa-main">
              <Done state={state} focus={hydrated.current} />
            </div>
          ) : waiting ? (
            <div class="kasa-main">
              <Waiting state={state} focus={hydrated.current} />
            </div>
          ) : (
            <form class="kasa-main" noValidate onSubmit={(event) => event.preventDefault()}>
              {controller.config.handoff ? (
                <HandoffPage state={state} />
              ) : layout === 'multi-step' ? (
                <MultiStep state={state} />
              ) : (
                <OnePage state={state} />
              )}
            </form>
          )}
          <Summary state={state} />
        </div>
        {!paid && (
          <div class="kasa-bar" aria-hidden="true">
            <span>{t.total}</span> <strong>{total}</strong>
          </div>
        )}
      </div>
    </UiContext.Provider>
  );
}

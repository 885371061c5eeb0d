/** @jsxRuntime automatic @jsxImportSource react */
import { blikSecondsLeft } from '@kasa/core';
import { useEffect, useRef } from 'react';
import type { WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';
import { rareWords } from './rare-words.ts';

/** Moves focus to a heading when it first appears (not on the first render of the page). */
export function useFocusOnMount<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, []);
  return ref;
}

/**
 * After a BLIK code is accepted: confirm in the bank app, with the time left and a real "Anuluj"
 * (it cancels at the provider). When the window closes: "Kod BLIK wygasł" and a way to a new code.
 */
export function Waiting({ state, focus }: { readonly state: WidgetState; readonly focus: boolean }) {
  const { controller, locale } = useUi();
  const t = rareWords[locale];
  const heading = useFocusOnMount<HTMLHeadingElement>(focus);
  const { status } = state.blik;
  if (status === 'timeout') {
    return (
      <section class="kasa-section kasa-waiting" aria-labelledby="kasa-wait-h">
        <h2 id="kasa-wait-h" tabIndex={-1} ref={heading}>
          {t.expired}
        </h2>
        <p>{t.expiredHint}</p>
        <button type="button" class="kasa-button" onClick={() => void controller.retryPayment()}>
          {t.newCode}
        </button>
      </section>
    );
  }
  // The server renders without a clock (now = 0): no countdown until the browser has one.
  const seconds = state.now ? blikSecondsLeft(state.blik, state.now) : 0;
  const cancelling = status === 'cancelling';
  return (
    <section class="kasa-section kasa-waiting" aria-labelledby="kasa-wait-h" aria-busy="true">
      <h2 id="kasa-wait-h" tabIndex={-1} ref={heading}>
        {status === 'awaiting_app_confirmation' || cancelling ? t.confirmInApp : t.checking}
      </h2>
      {status === 'awaiting_app_confirmation' && <p>{t.confirmHint}</p>}
      {status === 'awaiting_app_confirmation' && seconds > 0 && (
        <p class="kasa-countdown" role="timer">
          {t.timeLeft(seconds)}
        </p>
      )}
      <p class="kasa-status" role="status">
        {cancelling ? t.cancelling : ''}
      </p>
      {(status === 'awaiting_app_confirmation' || cancelling) && (
        <button
          type="button"
          class="kasa-button kasa-button--secondary"
          aria-disabled={cancelling ? 'true' : undefined}
          onClick={() => void controller.cancelPayment()}
        >
          {t.cancel}
        </button>
      )}
    </section>
  );
}

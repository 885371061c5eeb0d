/** @jsxRuntime automatic @jsxImportSource react */
import type { WidgetState } from '../controller/types.ts';
import { useUi } from './context.ts';
import { rareWords } from './rare-words.ts';
import { useFocusOnMount } from './Waiting.tsx';

/** The thank-you view; an account is offered only now, after the order, never before it. */
export function Done({ state, focus }: { readonly state: WidgetState; readonly focus: boolean }) {
  const { controller, locale } = useUi();
  const t = rareWords[locale];
  const heading = useFocusOnMount<HTMLHeadingElement>(focus);
  const { accountUrl } = controller.config;
  const cod = state.view.status === 'cash_on_delivery';
  return (
    <section class="kasa-section kasa-done" aria-labelledby="kasa-done-h">
      <h2 id="kasa-done-h" tabIndex={-1} ref={heading}>
        {t.thanks(state.view.order?.number ?? '')}
      </h2>
      <p>{cod ? t.cod : t.paid}</p>
      {accountUrl && (
        <p class="kasa-account">
          <a class="kasa-button kasa-button--secondary" href={accountUrl}>
            {t.account}
          </a>{' '}
          <span class="kasa-hint">{t.accountHint}</span>
        </p>
      )}
    </section>
  );
}

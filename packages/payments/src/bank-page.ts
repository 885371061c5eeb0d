import type { Money } from '@kasa/core';
import { formatMoney } from '@kasa/core';

/** The shopper's choice on the sandbox bank page. */
export type BankDecision = 'approve' | 'reject';

export interface BankPageInput {
  readonly providerRef: string;
  readonly amount: Money;
  /** Where "Wróć do sklepu" leads; only http(s) URLs are linked. */
  readonly returnUrl: string;
  /** Where the form posts `decision=approve|reject`; by default the page's own URL. */
  readonly action?: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML content and quoted attribute values.
 *
 * @example escapeHtml('<a href="x">'); // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Escaping alone does not stop `javascript:` URLs, so only http(s) and same-origin paths are let through. */
function safeUrl(url: string): string | undefined {
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f4f5;color:#18181b}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem}
.note{background:#fef3c7;border:1px solid #b45309;padding:.5rem .75rem;border-radius:.25rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dd{margin:0;font-weight:600}
.actions{display:flex;gap:.75rem;flex-wrap:wrap}button{font:inherit;padding:.6rem 1.2rem;border-radius:.25rem;cursor:pointer}
.approve{background:#166534;color:#fff;border:0}.reject{background:#fff;color:#991b1b;border:2px solid #991b1b}
button:focus-visible,a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}`;

/**
 * The sandbox bank page for pay-by-link, card and BNPL: a form posting `decision=approve` ("Zapłać")
 * or `decision=reject` ("Odrzuć płatność"). Every interpolated value is escaped.
 *
 * @example renderBankPage({ providerRef: 'SBX1', amount: money(12300), returnUrl: 'https://shop.example/return' });
 */
export function renderBankPage(input: BankPageInput): string {
  const action = input.action === undefined ? undefined : safeUrl(input.action);
  if (input.action !== undefined && action === undefined) {
    throw new RangeError('renderBankPage: action must be an http(s) URL or a same-origin path');
  }
  const returnUrl = safeUrl(input.returnUrl);
  const amount = escapeHtml(formatMoney(input.amount));
  const ref = escapeHtml(input.providerRef);
  const actionAttr = action === undefined ? '' : ` action="${escapeHtml(action)}"`;
  const back =
    returnUrl === undefined
      ? ''
      : `\n<p><a href="${escapeHtml(returnUrl)}">Wróć do sklepu bez płacenia</a></p>`;
  return `<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Bank testowy Kasa (sandbox): płatność ${amount}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Bank testowy Kasa (sandbox)</h1>
<p class="note" id="sandbox-note">To jest testowy bank Kasy. Nie jest to prawdziwy bank i żadne pieniądze nie zostaną pobrane.</p>
<dl id="payment-details">
<dt>Kwota</dt><dd>${amount}</dd>
<dt>Numer transakcji</dt><dd>${ref}</dd>
</dl>
<form method="post"${actionAttr} aria-describedby="payment-details sandbox-note">
<div class="actions">
<button type="submit" name="decision" value="approve" class="approve">Zapłać</button>
<button type="submit" name="decision" value="reject" class="reject">Odrzuć płatność</button>
</div>
</form>${back}
</main>
</body>
</html>
`;
}

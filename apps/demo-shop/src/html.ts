import { consentBanner, consentScript } from './consent.ts';
/** HTML that is already safe to insert: produced by {@link html} or {@link raw}, never from user data. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for an HTML element body or a quoted attribute value.
 *
 * @example escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);

/** Marks a trusted string (markup written in this package) as HTML. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is {@link SafeHtml}; arrays are
 * joined, and `null`, `undefined` and `false` render as nothing.
 *
 * @example html`<p>${userName}</p>`; // userName is escaped
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

const CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0b57d0}
.skip{position:absolute;left:-9999px}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
header,footer{background:#fff;padding:.75rem 1rem;border-bottom:1px solid #d0d7de}
footer{border-top:1px solid #d0d7de;border-bottom:0;margin-top:2rem;font-size:.875rem;color:#57606a}
header a{font-weight:700;font-size:1.25rem;text-decoration:none;color:inherit;display:inline-block;min-height:44px;line-height:44px}
main{max-width:68rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:0 0 .75rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));list-style:none;padding:0;margin:0}
.card,.panel{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1rem}
.card{display:flex;flex-direction:column;gap:.5rem}.card img{width:64px;height:64px}
.card h3{font-size:1.05rem;margin:0}.card p{margin:0}
.price{font-weight:700;font-size:1.125rem}.vat,.hint{color:#57606a;font-size:.875rem}
.layout{display:grid;gap:1rem;grid-template-columns:minmax(0,2fr) minmax(16rem,1fr);align-items:start}
@media (max-width:48rem){.layout{grid-template-columns:1fr}}
button,.button{font:inherit;min-height:44px;min-width:44px;padding:.5rem 1rem;border-radius:6px;border:1px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center;justify-content:center}
button.secondary{background:#fff;color:#0b57d0}.consent{position:sticky;bottom:0;background:#fff;border-top:1px solid #767980;padding:1rem;display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}.consent[hidden]{display:none}.consent p{margin:0;flex:1 1 20rem}button:disabled{opacity:.6;cursor:wait}
input,select{font:inherit;font-size:16px;min-height:44px;padding:.5rem;border:1px solid #8c959f;border-radius:6px;max-width:100%}
input[type=radio]{min-height:auto;width:1.25rem;height:1.25rem;margin:0}
input[aria-invalid=true]{border-color:#cf222e}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
label{display:block;font-weight:600}
.field{margin-bottom:.75rem}.field input{width:100%}
.row{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap}
fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:700;margin-bottom:.5rem;padding:0}
.choice{display:flex;gap:.75rem;align-items:center;min-height:44px;padding:.5rem;border:1px solid #d0d7de;border-radius:6px;margin-bottom:.5rem;font-weight:400;background:#fff;cursor:pointer}
.choice span:last-child{margin-left:auto;white-space:nowrap}
.err{color:#cf222e;margin:.25rem 0 0;font-size:.875rem}.err:empty{display:none}
.alert{border:1px solid #cf222e;background:#ffebe9;padding:.75rem 1rem;border-radius:6px;margin-bottom:1rem}
.ok{border:1px solid #1a7f37;background:#dafbe1;padding:.75rem 1rem;border-radius:6px;margin-bottom:1rem}
.lines{list-style:none;padding:0;margin:0 0 1rem}.lines li{padding:.5rem 0;border-bottom:1px solid #eaeef2}
.sum{display:grid;grid-template-columns:1fr auto;gap:.25rem 1rem;margin:0}.sum dd{margin:0;text-align:right}
.total{font-weight:700;font-size:1.125rem}
.inline{display:inline}.qty{width:5rem}
[hidden]{display:none!important}
`;

/** A full Polish page: skip link, header, `<main>`, footer and the inline stylesheet (with the CSP nonce). */
export function layout(input: {
  title: string;
  nonce: string;
  body: SafeHtml;
  mainAttrs?: SafeHtml;
  script?: SafeHtml;
}): string {
  return html`<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} – Sklep demo Kasa</title>
<style nonce="${input.nonce}">${raw(CSS)}</style>
${consentScript(input.nonce)}
</head>
<body>
<a class="skip" href="#main">Przejdź do treści</a>
<header><a href="/">Palarnia Demo</a></header>
<main id="main" tabindex="-1"${input.mainAttrs ?? ''}>
${input.body}
</main>
${consentBanner()}
<footer><p>Sklep demonstracyjny Kasa. Nie wysyłamy prawdziwych paczek i nie pobieramy prawdziwych płatności.</p></footer>
${input.script ?? ''}
</body>
</html>
`.value;
}

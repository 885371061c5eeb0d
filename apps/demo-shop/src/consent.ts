import { html, raw, type SafeHtml } from './html.ts';

/**
 * The demo shop's consent banner, as a real shop's CMP would do it: Google Consent Mode v2
 * defaults (all denied) pushed to `dataLayer` before any tag, and an update when the shopper
 * chooses. Kasa's tracker reads these signals; without analytics consent it keeps no ids and
 * writes nothing to storage.
 */
const SCRIPT = `
window.dataLayer = window.dataLayer || [];
function consent() { window.dataLayer.push(arguments); }
consent('consent', 'default', { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
var saved = localStorage.getItem('demo_consent');
if (saved === 'granted') consent('consent', 'update', { analytics_storage: 'granted' });
document.addEventListener('DOMContentLoaded', function () {
  var banner = document.getElementById('consent');
  if (!banner) return;
  banner.hidden = saved === 'granted' || saved === 'denied';
  banner.addEventListener('click', function (event) {
    var choice = event.target && event.target.getAttribute('data-consent');
    if (!choice) return;
    localStorage.setItem('demo_consent', choice);
    if (choice === 'granted') consent('consent', 'update', { analytics_storage: 'granted' });
    banner.hidden = true;
  });
});
`;

export const consentScript = (nonce: string): SafeHtml =>
  html`<script nonce="${nonce}">${raw(SCRIPT)}</script>`;

export const consentBanner =
  (): SafeHtml => html`<section id="consent" class="consent" aria-label="Zgody na pliki cookie" hidden>
<p>Używamy analityki Kasa, żeby ulepszać kasę. Bez Twojej zgody nie zapisujemy żadnych identyfikatorów.</p>
<button type="button" data-consent="granted">Zgadzam się na analitykę</button>
<button type="button" class="secondary" data-consent="denied">Tylko niezbędne</button>
</section>`;

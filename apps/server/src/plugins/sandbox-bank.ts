import { escapeHtml, renderBankPage, type SandboxPaymentProvider } from '@kasa/payments';
import type { Hono } from 'hono';

/** The sandbox "bank" that pay-by-link, card and BNPL redirect to. Only mounted with the sandbox provider. */
export function mountSandboxBank(app: Hono, provider: SandboxPaymentProvider): void {
  const finished = `<!doctype html><p lang="pl">${escapeHtml('Ta płatność jest już zakończona.')}</p>`;
  app.get('/sandbox/bank/:ref', (c) => {
    const page = provider.bankPage(c.req.param('ref'));
    if (!page) return c.html(finished, 404);
    return c.html(renderBankPage(page));
  });
  app.post('/sandbox/bank/:ref', async (c) => {
    const ref = c.req.param('ref');
    const page = provider.bankPage(ref);
    const form = await c.req.parseBody();
    const decided = await provider.decide(ref, form.decision === 'approve' ? 'approve' : 'reject');
    if (decided === undefined) return c.html(finished, 404);
    return c.redirect(page?.returnUrl ?? '/', 303);
  });
}

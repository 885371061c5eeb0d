import { escapeHtml, renderBankPage, type SandboxPaymentProvider } from '@kasa/payments';
import type { Hono } from 'hono';

/** The sandbox "bank" that pay-by-link, card and BNPL redirect to. Only mounted with the sandbox provider. */
export function mountSandboxBank(app: Hono, provider: SandboxPaymentProvider): void {
  app.get('/sandbox/bank/:ref', (c) => {
    const page = provider.bankPage(c.req.param('ref'));
    if (!page)
      return c.html(`<!doctype html><p lang="pl">${escapeHtml('Ta płatność jest już zakończona.')}</p>`, 404);
    return c.html(renderBankPage(page));
  });
  app.post('/sandbox/bank/:ref', async (c) => {
    const ref = c.req.param('ref');
    const page = provider.bankPage(ref);
    const form = await c.req.parseBody();
    await provider.decide(ref, form.decision === 'approve' ? 'approve' : 'reject');
    return c.redirect(page?.returnUrl ?? '/', 303);
  });
}

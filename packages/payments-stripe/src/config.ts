import type { PluginSetting } from '@kasa/core';
import { z } from 'zod';

const SECRET_KEY_WHERE =
  'Stripe Dashboard › Developers › API keys › Secret key (sk_test_… in test mode, sk_live_… live; a restricted rk_… key works when it may write PaymentIntents, Refunds and Checkout Sessions)';
const WEBHOOK_SECRET_WHERE =
  'Stripe Dashboard › Developers › Webhooks › the endpoint for <publicUrl>/api/payments/notify/stripe › Signing secret (whsec_…)';
const PUBLISHABLE_KEY_WHERE =
  'Stripe Dashboard › Developers › API keys › Publishable key (pk_test_… or pk_live_…)';

/**
 * The Stripe settings (`payments` block without `provider`). Each message says where in the Stripe
 * Dashboard the value is.
 */
export const stripeConfigSchema = z
  .strictObject({
    secretKey: z
      .string({ error: `secretKey is missing: copy it from ${SECRET_KEY_WHERE}.` })
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/, {
        error: `secretKey must be a Stripe secret key (sk_test_…, sk_live_…): copy it from ${SECRET_KEY_WHERE}.`,
      }),
    webhookSecret: z
      .string({ error: `webhookSecret is missing: copy it from ${WEBHOOK_SECRET_WHERE}.` })
      .regex(/^whsec_[A-Za-z0-9]{8,}$/, {
        error: `webhookSecret must be an endpoint signing secret (whsec_…), not an API key: copy it from ${WEBHOOK_SECRET_WHERE}.`,
      }),
    publishableKey: z
      .string()
      .regex(/^pk_(test|live)_[A-Za-z0-9]{8,}$/, {
        error: `publishableKey must start with pk_test_ or pk_live_: copy it from ${PUBLISHABLE_KEY_WHERE}.`,
      })
      .optional(),
    /** Offer card payments on Stripe's own page (Checkout) besides BLIK. */
    cards: z.boolean({ error: 'cards must be true or false.' }).default(false),
    /**
     * Where the Stripe API is; only for a local fake (`kasa start` with the Stripe fake). Leave unset
     * for Stripe itself.
     */
    apiUrl: z.url({ error: 'apiUrl must be an http(s) URL such as http://127.0.0.1:12111.' }).optional(),
    timeoutMs: z
      .int({ error: 'timeoutMs must be a whole number of milliseconds.' })
      .min(1_000, { error: 'timeoutMs must be at least 1000.' })
      .max(80_000, { error: 'timeoutMs must be at most 80000 (Stripe’s own default).' })
      .default(15_000),
  })
  .superRefine((config, ctx) => {
    const mode = (key: string) => (key.includes('_live_') ? 'live' : 'test');
    if (config.publishableKey && mode(config.publishableKey) !== mode(config.secretKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['publishableKey'],
        message: `publishableKey is a ${mode(config.publishableKey)}-mode key but secretKey is a ${mode(config.secretKey)}-mode one: take both from the same mode in ${PUBLISHABLE_KEY_WHERE}.`,
      });
    }
  });

export type StripeConfig = z.output<typeof stripeConfigSchema>;

/** Where each setting comes from: the environment variable and the Dashboard page. */
export const stripeSettings: Readonly<Record<string, PluginSetting>> = {
  secretKey: { env: 'KASA_STRIPE_SECRET_KEY', where: SECRET_KEY_WHERE, secret: true },
  webhookSecret: { env: 'KASA_STRIPE_WEBHOOK_SECRET', where: WEBHOOK_SECRET_WHERE, secret: true },
  publishableKey: { env: 'KASA_STRIPE_PUBLISHABLE_KEY', where: PUBLISHABLE_KEY_WHERE },
  apiUrl: {
    env: 'KASA_STRIPE_API_URL',
    where: 'Only for a local Stripe fake; leave unset to talk to Stripe.',
  },
};

/** `test` or `live`, from the key's prefix (Stripe's keys say their mode). */
export const keyMode = (secretKey: string): 'test' | 'live' =>
  secretKey.includes('_live_') ? 'live' : 'test';

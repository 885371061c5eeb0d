/**
 * `kasa simulate --config FILE.json`: a SimulationInput of @kasa/analytics, checked before anything is
 * written. Names follow the event schema's shapes, so every simulated event passes the collector.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SimulationInput } from '@kasa/analytics';
import { fieldNameSchema, paymentKindSchema, shippingKindSchema } from '@kasa/core';
import { z } from 'zod';
import { UsageError } from './args.ts';

const token = z.string().regex(/^[a-z0-9_.-]{1,64}$/i, 'use 1–64 letters, digits, _ . or -');
const probability = z.number().min(0).max(1);
const weight = z.number().min(0);
const sections = z.enum(['contact', 'delivery', 'payment', 'review']);

const behaviourSchema = z.strictObject({
  dropOff: z.partialRecord(sections, probability).optional(),
  fieldErrorRates: z.partialRecord(fieldNameSchema, probability).optional(),
  leaveAfterError: probability.optional(),
  leaveAfterErrorByField: z.partialRecord(fieldNameSchema, probability).optional(),
  blikRejectionRate: probability.optional(),
  blikTimeoutRate: probability.optional(),
  paymentFailureRate: probability.optional(),
  retryRate: probability.optional(),
});

export const simulationInputSchema = z.strictObject({
  seed: z.number().int().optional(),
  checkouts: z.number().int().min(1).max(10_000_000).optional(),
  shopId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  /** Epoch ms or an ISO date/time. */
  startTs: z
    .union([z.number().int().min(1_500_000_000_000), z.iso.date(), z.iso.datetime({ offset: true })])
    .transform((t) => (typeof t === 'number' ? t : Date.parse(t)))
    .optional(),
  spanMs: z.number().int().min(0).optional(),
  experimentKey: token.optional(),
  layouts: z
    .array(z.strictObject({ name: token, weight: weight.optional(), behaviour: behaviourSchema.optional() }))
    .min(1)
    .refine((layouts) => layouts.some((layout) => (layout.weight ?? 1) > 0), {
      message: 'at least one layout needs a positive weight',
    })
    .optional(),
  beginRate: probability.optional(),
  invoiceRate: probability.optional(),
  lastTouchSwitchRate: probability.optional(),
  paymentMix: z.partialRecord(paymentKindSchema, weight).optional(),
  shippingMix: z.partialRecord(shippingKindSchema, weight).optional(),
  channelMix: z
    .array(
      z.strictObject({
        source: token.optional(),
        medium: token.optional(),
        campaign: z.string().max(100).optional(),
        weight,
      }),
    )
    .min(1)
    .optional(),
  deviceMix: z.partialRecord(z.enum(['mobile', 'tablet', 'desktop']), weight).optional(),
  orderValue: z
    .strictObject({ median: z.number().int().min(1), spread: z.number().min(0).max(3) })
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});

/**
 * Reads and validates a simulation file; a missing file or a bad value is a usage error that names
 * the key.
 *
 * @example
 * readSimulationInput('sim.json'); // { layouts: [{ name: 'one-page' }, { name: 'multi-step', behaviour: { dropOff: { contact: 0.12 } } }] }
 */
export function readSimulationInput(file: string): SimulationInput {
  if (!existsSync(file)) throw new UsageError(`kasa simulate: --config ${file}: no such file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`kasa simulate: --config ${file} is not JSON (${(error as Error).message})`);
  }
  const result = simulationInputSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new UsageError(`kasa simulate: --config ${file} is not a valid simulation\n${lines.join('\n')}`);
  }
  return result.data;
}

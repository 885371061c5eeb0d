/**
 * The merchant's experiments over HTTP, for the dashboard: list them with the templates and the
 * audit list, create one from a template, change its plan, start, stop and ship the winner. Under
 * /api/analytics/ so the merchant token guards them (analytics-routes.ts); every change goes
 * through the registry, which stores it with its audit entry (actor 'dashboard').
 */
import { KasaError } from '@kasa/core';
import { EXPERIMENT_TEMPLATES, type Experiment, TEMPLATE_KEYS, templateOf } from '@kasa/experiments';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { ExperimentRegistry } from '../analytics/experiment-registry.ts';
import type { ApiRouteDoc } from './openapi.ts';

export const EXPERIMENTS_PATH = '/api/analytics/experiments';
/** How many audit entries the list answers with, newest first. */
export const AUDIT_LIMIT = 200;

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

const kr = z.string().trim().min(1, 'kr must name a key result, e.g. "checkout-conversion"');
const weights = z
  .array(z.number('weights must be numbers').nonnegative('weights must be 0 or more'))
  .min(2, 'give one weight per variation, e.g. [50, 50]');
const coverage = z
  .number('coverage must be a number between 0 and 1')
  .min(0, 'coverage must be at least 0')
  .max(1, 'coverage must be at most 1');
const mde = z
  .number('mde must be a number such as 0.05 for 5%')
  .gt(0, 'mde must be above 0, e.g. 0.05 for 5%')
  .lt(1, 'mde must be below 1, e.g. 0.05 for 5%');

/** POST /api/analytics/experiments: a new draft from a template. */
export const createExperimentBody = z.strictObject({
  template: z.enum(TEMPLATE_KEYS, `template must be one of ${TEMPLATE_KEYS.join(', ')}`),
  key: z
    .string()
    .regex(KEY_PATTERN, 'key must be lowercase letters, digits and dashes, e.g. "payment-order-2"')
    .optional(),
  kr,
  weights: weights.optional(),
  coverage: coverage.optional(),
  mde: mde.optional(),
});

/** PATCH /api/analytics/experiments/:key: new weights or coverage of a started experiment start a new phase. */
export const changeExperimentBody = z.strictObject({
  kr: kr.optional(),
  weights: weights.optional(),
  coverage: coverage.optional(),
  mde: mde.optional(),
});

/** POST /api/analytics/experiments/:key/ship: the variation everyone gets from now on. */
export const shipExperimentBody = z.strictObject({
  variation: z.string().trim().min(1, 'variation must name one of the experiment’s variations'),
});

/** An experiment as the API answers it: as stored, with the template it follows (null for a hand-written one). */
export const experimentAnswer = z.object({
  key: z.string(),
  variations: z.array(z.string()),
  weights: z.array(z.number()),
  coverage: z.number(),
  hashVersion: z.union([z.literal(1), z.literal(2)]),
  status: z.enum(['draft', 'running', 'stopped', 'shipped']),
  shipped: z.string().optional(),
  startDate: z.string(),
  kr: z.string(),
  namespace: z.tuple([z.string(), z.number(), z.number()]).optional(),
  alpha: z.number(),
  sequential: z.union([z.literal(false), z.object({ tuning: z.number() })]).optional(),
  mde: z.number().optional(),
  power: z.number().optional(),
  phase: z.number().int().optional(),
  template: z.enum(TEMPLATE_KEYS).nullable(),
});

const auditAnswer = z.object({
  at: z.number().int(),
  experiment: z.string(),
  action: z.enum(['seeded', 'created', 'started', 'stopped', 'shipped', 'changed']),
  actor: z.enum(['config', 'dashboard', 'cli']),
  detail: z.record(z.string(), z.unknown()),
});

/** GET /api/analytics/experiments. */
export const experimentsAnswer = z.object({
  experiments: z.array(experimentAnswer),
  templates: z.array(z.object({ key: z.enum(TEMPLATE_KEYS), variations: z.array(z.string()) })),
  audit: z.array(auditAnswer),
});

/** The experiment with its template, as every route answers it. */
export const withTemplate = (experiment: Experiment) => ({ ...experiment, template: templateOf(experiment) });

async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let json: unknown;
  try {
    const text = await c.req.text();
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new KasaError('body_invalid', { details: { reason: 'not JSON' } });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new KasaError('body_invalid', { details: { issues } });
}

/** Mounts the experiment routes; mount it after mountAnalytics (which puts the merchant token in front). */
export function mountExperiments(app: Hono, registry: ExperimentRegistry): void {
  app.get(EXPERIMENTS_PATH, (c) =>
    c.json({
      experiments: registry.list().map(withTemplate),
      templates: TEMPLATE_KEYS.map((key) => ({ key, variations: [...EXPERIMENT_TEMPLATES[key]] })),
      audit: registry.audit(AUDIT_LIMIT),
    }),
  );
  app.post(EXPERIMENTS_PATH, async (c) => {
    const { template, ...plan } = await body(c, createExperimentBody);
    return c.json(withTemplate(registry.create(template, plan, 'dashboard')), 201);
  });
  app.patch(`${EXPERIMENTS_PATH}/:key`, async (c) => {
    const change = await body(c, changeExperimentBody);
    return c.json(withTemplate(registry.change(c.req.param('key'), change, 'dashboard')));
  });
  app.post(`${EXPERIMENTS_PATH}/:key/start`, (c) =>
    c.json(withTemplate(registry.start(c.req.param('key'), 'dashboard'))),
  );
  app.post(`${EXPERIMENTS_PATH}/:key/stop`, (c) =>
    c.json(withTemplate(registry.stop(c.req.param('key'), 'dashboard'))),
  );
  app.post(`${EXPERIMENTS_PATH}/:key/ship`, async (c) => {
    const { variation } = await body(c, shipExperimentBody);
    return c.json(withTemplate(registry.ship(c.req.param('key'), variation, 'dashboard')));
  });
}

const answer = { status: 200, description: 'The experiment as stored now', schema: experimentAnswer };

/** The OpenAPI entries of these routes (route-docs.ts puts them in the document). */
export const experimentRouteDocs: readonly ApiRouteDoc[] = [
  {
    method: 'get',
    path: EXPERIMENTS_PATH,
    summary: `The experiments as stored, the templates a new one can start from, and the latest ${AUDIT_LIMIT} changes (newest first)`,
    auth: 'merchant',
    success: { status: 200, description: 'Experiments, templates and audit list', schema: experimentsAnswer },
  },
  {
    method: 'post',
    path: EXPERIMENTS_PATH,
    summary:
      'Create a draft experiment from a template (key: the template’s, or the next free one); 409 experiment_conflict when the given key is taken',
    body: createExperimentBody,
    auth: 'merchant',
    success: { status: 201, description: 'The draft', schema: experimentAnswer },
  },
  {
    method: 'patch',
    path: `${EXPERIMENTS_PATH}/:key`,
    summary:
      'Change the KR, weights, coverage or MDE; new weights or coverage of a running or stopped experiment start a new phase (phase + 1, startDate today), analysed apart',
    body: changeExperimentBody,
    auth: 'merchant',
    success: answer,
  },
  {
    method: 'post',
    path: `${EXPERIMENTS_PATH}/:key/start`,
    summary:
      'Start a draft, or restart a stopped experiment as a new phase; 409 experiment_conflict while another experiment of the same template runs or is shipped',
    auth: 'merchant',
    success: answer,
  },
  {
    method: 'post',
    path: `${EXPERIMENTS_PATH}/:key/stop`,
    summary: 'Stop a running experiment, or take back a shipped winner: everyone gets the control',
    auth: 'merchant',
    success: answer,
  },
  {
    method: 'post',
    path: `${EXPERIMENTS_PATH}/:key/ship`,
    summary:
      'Ship the winner of a running or stopped experiment: everyone gets this variation, nobody is enrolled',
    body: shipExperimentBody,
    auth: 'merchant',
    success: answer,
  },
];

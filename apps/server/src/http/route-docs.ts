/**
 * The OpenAPI entries of the routes that their own modules mount on the app, beside the checkout
 * table: the collector (collect-routes.ts), the merchant's analytics (analytics-routes.ts) and the
 * checkout's server-rendered fragment (widget-routes.ts). The
 * schemas are the ones those routes validate with; the OpenAPI test checks that every /api route
 * the server answers is in the document, so a new route cannot be left out unnoticed.
 */
import { okrSchema } from '@kasa/analytics';
import { browserEventSchema } from '@kasa/core';
import { z } from 'zod';
import { reportQuerySchema } from '../analytics/report-query.ts';
import { dashboardReportSchema } from '../analytics/report-schema.ts';
import { merchantAlertsSchema } from '../checkout/alerts.ts';
import { refundAnswerSchema } from '../checkout/refunds.ts';
import { ALERTS_PATH, REFUND_PATH } from './alert-routes.ts';
import { batchSchema, COLLECT_PATH, MAX_EVENTS_PER_BATCH, type Rejection } from './collect-routes.ts';
import { assignmentRouteDocs } from './experiment-assignment-routes.ts';
import { experimentRouteDocs } from './experiment-routes.ts';
import { liveRouteDocs } from './live-routes.ts';
import type { ApiRouteDoc } from './openapi.ts';
import { simulatedRouteDocs } from './simulated-routes.ts';
import { fragmentQuery } from './widget-routes.ts';

/**
 * The collector's batch with each event shown as the browser event schema it is checked against
 * (one by one: a bad event is refused alone, so the batch itself takes any array).
 */
const collectBatch = batchSchema.extend({
  events: z.array(browserEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
});

const rejection = z.object({
  /** The event's index in the batch. */
  index: z.number().int(),
  code: z.enum(['event_server_only', 'event_invalid']),
  /** The first problem, naming the field. */
  reason: z.string(),
}) satisfies z.ZodType<Rejection>;

const collected = z.object({
  stored: z.number().int(),
  /** Events already stored under the same id (a retried batch). */
  duplicates: z.number().int(),
  rejected: z.array(rejection),
});

export const mountedRouteDocs: readonly ApiRouteDoc[] = [
  {
    method: 'post',
    path: COLLECT_PATH,
    summary:
      "The tracker's event batches (text/plain is what sendBeacon sends); good events are kept when others in the batch are refused, purchases and payment outcomes only ever come from the server",
    body: collectBatch,
    bodyTypes: ['application/json', 'text/plain'],
    success: {
      status: 200,
      description: 'What was stored and what was refused, by index',
      schema: collected,
    },
  },
  {
    method: 'get',
    path: '/api/checkouts/:id/fragment',
    summary:
      "The checkout's first view as HTML, for the shop's server to put in its checkout page (the layout experiment decides the layout unless `layout` forces one)",
    query: fragmentQuery,
    success: { status: 200, description: 'An HTML fragment with the widget', contentType: 'text/html' },
  },
  {
    method: 'get',
    path: '/api/analytics/report',
    summary: 'The dashboard report: KRs, funnel per layout, experiments, fields, channels, payments',
    query: reportQuerySchema,
    auth: 'merchant',
    success: { status: 200, description: 'The report under the filters', schema: dashboardReportSchema },
  },
  {
    method: 'get',
    path: '/api/analytics/okr',
    summary: 'The objectives, key results and initiatives the report measures',
    auth: 'merchant',
    success: { status: 200, description: 'The OKR configuration (dates as epoch ms)', schema: okrSchema },
  },
  {
    method: 'get',
    path: ALERTS_PATH,
    summary:
      'What the merchant must act on or know about money: payments taken whose order the shop has not confirmed yet (Kasa keeps trying), payments to refund by hand, and payments Kasa refunded in the last 7 days',
    auth: 'merchant',
    success: { status: 200, description: 'The open alerts, ids only', schema: merchantAlertsSchema },
  },
  {
    method: 'post',
    path: REFUND_PATH,
    summary:
      'Refund a paid order (`id`: the checkout id or its order id) through the payment provider that took the money, once: the refund is recorded before the provider is asked, and asking again answers it (a failed one is tried again). Nothing paid online → 409 refund_not_possible; taken by another provider than the configured one → 409 refund_provider_mismatch',
    auth: 'merchant',
    success: {
      status: 200,
      description:
        'The refund: `refunded` with the provider’s refundRef, `refund_failed` with its cause (ask again or refund in the provider’s panel), `refund_due` when the provider cannot refund through Kasa, `refund_pending` while another request is asking',
      schema: refundAnswerSchema,
    },
  },
  {
    method: 'put',
    path: '/api/analytics/okr',
    summary: 'Replace the OKR configuration (dates as epoch ms or ISO dates)',
    body: okrSchema,
    auth: 'merchant',
    success: { status: 200, description: 'The OKR configuration as saved', schema: okrSchema },
  },
  ...experimentRouteDocs,
  ...assignmentRouteDocs,
  ...liveRouteDocs,
  ...simulatedRouteDocs,
];

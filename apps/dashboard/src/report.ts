/**
 * The types of GET /api/analytics/report, from @kasa/analytics. Types only: no analytics code reaches
 * the browser bundle through this file.
 */
export type {
  CartFunnel,
  ChannelCostRow,
  Comparison,
  DashboardReport,
  ExperimentResults,
  FieldReport,
  FunnelGroup,
  FunnelRow,
  InitiativeCard,
  KrCard,
  PaymentFailureRow,
  Rate,
  TrendPoint,
  VariantResult,
} from '@kasa/analytics';

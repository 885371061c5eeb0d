/**
 * Which aggregate queries dashboardReport issues for a view, and how long each takes warm: the
 * report runs once while its calls are recorded, then every distinct call is run again and timed.
 */
import {
  type Aggregates,
  type CellQuery,
  DAY_MS,
  dashboardReport,
  type Filters,
  type MetricOptions,
  type ReportInput,
} from '@kasa/analytics';

type Method = keyof Aggregates;
interface Call {
  readonly method: Method;
  readonly args: readonly unknown[];
}

export interface Timed {
  /** What the query is, e.g. 'cells checkout by layout+furthest'. */
  readonly label: string;
  /** How many distinct calls share the label (e.g. one per trend bucket). */
  readonly calls: number;
  /** The slowest of them, warm. */
  readonly maxMs: number;
  readonly totalMs: number;
}

function recording(target: Aggregates, calls: Call[]): Aggregates {
  const record =
    <M extends Method>(method: M) =>
    (...args: Parameters<Aggregates[M]>) => {
      calls.push({ method, args });
      return (target[method] as (...a: Parameters<Aggregates[M]>) => ReturnType<Aggregates[M]>)(...args);
    };
  return {
    cells: record('cells'),
    fieldErrors: record('fieldErrors'),
    paymentTallies: record('paymentTallies'),
    timeToPurchase: record('timeToPurchase'),
  };
}

const run = (target: Aggregates, call: Call): Promise<unknown> =>
  (target[call.method] as (...args: readonly unknown[]) => Promise<unknown>)(...call.args);

/** The call in words; calls that differ only in their trend bucket share one label. */
function labelOf(call: Call, view: Filters): string {
  const query = call.method === 'cells' ? (call.args[0] as CellQuery) : undefined;
  const options = (call.method === 'cells' ? call.args[1] : call.args[0]) as MetricOptions;
  let label = call.method as string;
  if (query) {
    label = `cells ${query.base}`;
    if (query.groupBy.length) label += ` by ${query.groupBy.join('+')}`;
    if (query.touch) label += ` (${query.touch} touch)`;
    if (query.experiment) label += ` in ${query.experiment}`;
    if (query.buckets) label += query.buckets.step === DAY_MS ? ' per day' : ' per week';
  }
  const filters = options.filters ?? {};
  if (filters.simulated !== view.simulated) label += ' [simulated only]';
  if (filters.from !== view.from || filters.to !== view.to) {
    const span = (filters.to ?? 0) - (filters.from ?? 0);
    label += span <= 7 * DAY_MS + 1 ? ' [one trend bucket]' : ' [KR period]';
  }
  return label;
}

/**
 * Times the report's queries for one view on one store, and the whole report (the median of three
 * runs after the warm-up run that recorded its calls).
 *
 * @example
 * const { queries, reportMs } = await timeReport(createSqliteSummaries(db), input);
 */
export async function timeReport(
  target: Aggregates,
  input: ReportInput,
): Promise<{ queries: Timed[]; reportMs: number }> {
  const calls: Call[] = [];
  await dashboardReport(recording(target, calls), input);
  const distinct = [...new Map(calls.map((call) => [JSON.stringify(call), call])).values()];
  const byLabel = new Map<string, { label: string; calls: number; maxMs: number; totalMs: number }>();
  for (const call of distinct) {
    const started = performance.now();
    await run(target, call);
    const ms = performance.now() - started;
    const label = labelOf(call, input.filters ?? {});
    const row = byLabel.get(label) ?? { label, calls: 0, maxMs: 0, totalMs: 0 };
    byLabel.set(label, row);
    row.calls += 1;
    row.maxMs = Math.max(row.maxMs, ms);
    row.totalMs += ms;
  }
  const reports: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await dashboardReport(target, input);
    reports.push(performance.now() - started);
  }
  const reportMs = reports.sort((a, b) => a - b)[1] ?? 0;
  return { queries: [...byLabel.values()], reportMs };
}

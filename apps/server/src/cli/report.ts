/**
 * `kasa report`: the dashboard's report in the terminal, from the configured store, after folding
 * in every stored event. The same filters, input and numbers as GET /api/analytics/report.
 */
import { dashboardReport, HOUR_MS } from '@kasa/analytics';
import { localeSchema } from '@kasa/core';
import { z } from 'zod';
import { reportInput } from '../analytics/report-input.ts';
import { filtersOf, REPORT_FILTER_FIELDS, rangeInOrder } from '../analytics/report-query.ts';
import { loadConfig } from '../config.ts';
import { type CommandSpec, parseCommand, valueOptions } from './args.ts';
import { storedExperiments } from './experiment.ts';
import { createProgress } from './progress.ts';
import { formatReport } from './report-format.ts';
import { openStores, reportingSummarizer } from './stores.ts';
import { groupDigits } from './text.ts';

export const REPORT_USAGE = `Usage: kasa report [options]

Prints the dashboard report: key results, headline rates, the funnel per variant, experiment
verdicts, field drop-off, channels with costs and payment methods.

Options:
  --from YYYY-MM-DD        checkouts started on or after this day (UTC)
  --to YYYY-MM-DD          … up to and including this day
  --variant NAME           one checkout layout, e.g. multi-step
  --device KIND            mobile, tablet or desktop
  --source NAME            channel source, e.g. google or (direct)
  --touch first|last       which touch --source and the channels read (default last)
  --simulated true|both    simulated checkouts only, or real and simulated together
                           (default: real checkouts only; false says so explicitly)
  --json                   print the report as JSON (the API's answer)
  --lang pl|en             language of the text (default pl)`;

/** The API's query parameters (see analytics/report-query.ts), plus the output options. */
const reportArgs = rangeInOrder(
  z.strictObject({
    ...REPORT_FILTER_FIELDS,
    json: z.boolean().default(false),
    lang: localeSchema.default('pl'),
    positionals: z.array(z.string()).max(0, 'kasa report takes options only'),
  }),
);

export const REPORT_SPEC: CommandSpec<typeof reportArgs> = {
  command: 'report',
  schema: reportArgs,
  options: {
    ...valueOptions(...Object.keys(REPORT_FILTER_FIELDS)),
    json: { type: 'boolean' },
    lang: { type: 'string' },
  },
};

export async function report(argv: readonly string[]): Promise<number> {
  const parsed = parseCommand(argv, REPORT_SPEC);
  if (parsed.help) {
    console.log(REPORT_USAGE);
    return 0;
  }
  const { json, lang, positionals: _, ...query } = parsed.args;
  const config = loadConfig();
  const stores = await openStores(config);
  try {
    const progress = createProgress('Updating summaries', { unit: 'events' });
    const folded = await reportingSummarizer(stores.summaries, (n) => progress.update(n)).catchUp();
    progress.finish();
    if (folded > 0) console.error(`Folded ${groupDigits(folded)} new events into the summaries.`);
    const result = await dashboardReport(
      stores.summaries,
      reportInput({
        now: Date.now(),
        windowMs: config.analytics.windowHours * HOUR_MS,
        filters: filtersOf(query),
        okr: stores.settings.okr() ?? config.analytics.okr,
        experiments: storedExperiments(config),
        costs: stores.settings.costs(),
      }),
    );
    console.log(json ? JSON.stringify(result, null, 2) : formatReport(result, lang));
    return 0;
  } finally {
    await stores.close();
  }
}

import type { CostRow, Filters, OkrConfig, ReportExperiment, ReportInput } from '@kasa/analytics';
import type { Experiment } from '@kasa/experiments';

/**
 * What the report needs from the server's configuration, so the API and `kasa report` show the
 * same numbers: experiments keep their weights (for the sample-ratio check) and status.
 *
 * @example
 * reportInput({ now: Date.now(), windowMs: 86_400_000, filters: {}, okr, experiments: config.experiments, costs: [] });
 */
export function reportInput(input: {
  readonly now: number;
  readonly windowMs: number;
  readonly filters: Filters;
  readonly okr: OkrConfig;
  readonly experiments: readonly Experiment[];
  readonly costs: readonly CostRow[];
}): ReportInput {
  return {
    ...input,
    experiments: input.experiments.map(
      (experiment): ReportExperiment => ({
        key: experiment.key,
        variations: experiment.variations,
        ...(experiment.weights ? { weights: experiment.weights } : {}),
        alpha: experiment.alpha,
        ...(experiment.sequential === undefined ? {} : { sequential: experiment.sequential }),
        ...(experiment.mde === undefined ? {} : { mde: experiment.mde }),
        ...(experiment.power === undefined ? {} : { power: experiment.power }),
        startDate: experiment.startDate,
        coverage: experiment.coverage,
        status: experiment.status,
      }),
    ),
  };
}

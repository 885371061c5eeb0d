/**
 * Where shoppers give up, field by field: the last field touched in abandoned checkouts and the fields
 * that fail validation most, so a merchant sees "people leave at the NIP field".
 */
import type { FieldName } from '@kasa/core';
import { type CellQuery, type Cells, type FieldErrorTally, summaryAggregates } from './aggregates.ts';
import type { MetricOptions } from './filters.ts';
import type { CheckoutSummary } from './types.ts';

export interface LastFieldRow {
  readonly field: FieldName;
  /** Abandoned checkouts whose last field touched was this one. */
  readonly count: number;
  /** count / all abandoned checkouts (including those without a field). */
  readonly share: number;
}

export interface FieldErrorRow {
  readonly field: FieldName;
  /** Validation errors shown on this field, across checkouts. */
  readonly errors: number;
  /** Checkouts with at least one error on this field. */
  readonly checkouts: number;
  /** Of those checkouts, how many were abandoned. */
  readonly abandoned: number;
  /** abandoned / checkouts; compare with `abandonmentRate` of the report. */
  readonly abandonShare: number;
}

export interface FieldReport {
  /** Decided checkouts that did not convert within the window. */
  readonly abandoned: number;
  /** Abandoned checkouts in which no field was touched. */
  readonly withoutField: number;
  /** Abandonment across all decided checkouts, the baseline for `abandonShare`. */
  readonly abandonmentRate: number | null;
  /** Most frequent first. */
  readonly lastFields: readonly LastFieldRow[];
  /** Most errors first. */
  readonly errors: readonly FieldErrorRow[];
}

const byCountThenName =
  <T extends { readonly field: string }>(count: (row: T) => number) =>
  (a: T, b: T) =>
    count(b) - count(a) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0);

/** The cells the field report reads: decided checkouts by the field they were left at. */
export const LEAVE_FIELD_QUERY: CellQuery = { base: 'checkout', groupBy: ['leaveField'] };

/**
 * The field report from cells by `leaveField` (see {@link LEAVE_FIELD_QUERY}) and the field error tallies.
 *
 * @example
 * fieldReportFrom(await aggregates.cells(LEAVE_FIELD_QUERY, { now }), await aggregates.fieldErrors({ now })).lastFields[0];
 * // { field: 'nip', count: 41, share: 0.27 }
 */
export function fieldReportFrom(cells: Cells, fieldErrors: readonly FieldErrorTally[]): FieldReport {
  let decided = 0;
  let abandoned = 0;
  let withoutField = 0;
  const last = new Map<FieldName, number>();
  for (const cell of cells.cells) {
    const left = cell.checkouts - cell.conversions;
    const field = (cell.key.leaveField ?? null) as FieldName | null;
    decided += cell.checkouts;
    abandoned += left;
    if (field === null) withoutField += left;
    else if (left > 0) last.set(field, (last.get(field) ?? 0) + left);
  }
  return {
    abandoned,
    withoutField,
    abandonmentRate: decided ? abandoned / decided : null,
    lastFields: [...last]
      .map(([field, count]) => ({ field, count, share: count / abandoned }))
      .sort(byCountThenName((r) => r.count)),
    errors: fieldErrors
      .map((row) => ({ ...row, abandonShare: row.abandoned / row.checkouts }))
      .sort(byCountThenName((r) => r.errors)),
  };
}

/**
 * Field drop-off over decided checkouts (see `decidedCheckouts`).
 *
 * @example
 * const report = fieldDropOff(summaries, { now });
 * report.lastFields[0]; // { field: 'nip', count: 41, share: 0.27 }
 * report.errors[0]; // { field: 'nip', errors: 88, checkouts: 60, abandoned: 41, abandonShare: 0.68 }
 */
export function fieldDropOff(summaries: readonly CheckoutSummary[], options: MetricOptions): FieldReport {
  const aggregates = summaryAggregates(summaries);
  return fieldReportFrom(aggregates.cells(LEAVE_FIELD_QUERY, options), aggregates.fieldErrors(options));
}

/**
 * Where shoppers give up, field by field: the last field touched in abandoned checkouts and the fields
 * that fail validation most, so a merchant sees "people leave at the NIP field".
 */
import type { FieldName } from '@kasa/core';
import { converted, decidedCheckouts, type MetricOptions } from './filters.ts';
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

/** The field a shopper was at when leaving: the one checkout_abandon named, else the last touched. */
export const leaveField = (s: CheckoutSummary): FieldName | null => s.abandonedAt?.field ?? s.lastField;

/**
 * Field drop-off over decided checkouts (see `decidedCheckouts`).
 *
 * @example
 * const report = fieldDropOff(summaries, { now });
 * report.lastFields[0]; // { field: 'nip', count: 41, share: 0.27 }
 * report.errors[0]; // { field: 'nip', errors: 88, checkouts: 60, abandoned: 41, abandonShare: 0.68 }
 */
export function fieldDropOff(summaries: readonly CheckoutSummary[], options: MetricOptions): FieldReport {
  const { decided, windowMs } = decidedCheckouts(summaries, options);
  const last = new Map<FieldName, number>();
  const errors = new Map<FieldName, { errors: number; checkouts: number; abandoned: number }>();
  let abandoned = 0;
  let withoutField = 0;
  for (const s of decided) {
    const left = !converted(s, windowMs);
    if (left) {
      abandoned += 1;
      const field = leaveField(s);
      if (field === null) withoutField += 1;
      else last.set(field, (last.get(field) ?? 0) + 1);
    }
    for (const [field, count] of Object.entries(s.fieldErrors) as [FieldName, number][]) {
      const row = errors.get(field) ?? { errors: 0, checkouts: 0, abandoned: 0 };
      errors.set(field, {
        errors: row.errors + count,
        checkouts: row.checkouts + 1,
        abandoned: row.abandoned + (left ? 1 : 0),
      });
    }
  }
  return {
    abandoned,
    withoutField,
    abandonmentRate: decided.length ? abandoned / decided.length : null,
    lastFields: [...last]
      .map(([field, count]) => ({ field, count, share: count / abandoned }))
      .sort(byCountThenName((r) => r.count)),
    errors: [...errors]
      .map(([field, row]) => ({ field, ...row, abandonShare: row.abandoned / row.checkouts }))
      .sort(byCountThenName((r) => r.errors)),
  };
}

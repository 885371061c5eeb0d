/**
 * The OKR configuration as form fields and back: rates edited as percentages (70 for 0.7), the time
 * metric in seconds, periods as dates, ICE scores as integers. Fields are keyed by their path in the
 * configuration ('objectives.0.keyResults.1.target'), the same path the API's validation issues name.
 * Pure: tested in okr-form.test.ts.
 */
import type { Issue, OkrDocument, OkrKeyResult } from './api.ts';
import { isoDate } from './format.ts';

export type OkrFields = Readonly<Record<string, string>>;

export type Unit = 'percent' | 'seconds';
export const unitOf = (metric: string): Unit =>
  metric === 'median_time_to_purchase' ? 'seconds' : 'percent';

export const pathKey = (path: readonly (string | number)[]): string => path.join('.');

const trim = (x: number) => String(Number(x.toFixed(6)));
const toField = (value: number, unit: Unit) => trim(unit === 'percent' ? value * 100 : value / 1000);
const fromField = (value: number, unit: Unit) =>
  unit === 'percent' ? Number((value / 100).toFixed(8)) : Math.round(value * 1000);

/** An instant as written (epoch ms or ISO text) as the value of a date input. */
export function dateField(value: number | string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(ms) ? '' : isoDate(ms);
}

/**
 * The editable values of a configuration.
 *
 * @example okrToFields(config)['objectives.0.keyResults.0.baseline']; // '70'
 */
export function okrToFields(doc: OkrDocument): OkrFields {
  const fields: Record<string, string> = {};
  doc.objectives.forEach((objective, o) => {
    objective.keyResults.forEach((kr, k) => {
      const at = `objectives.${o}.keyResults.${k}`;
      const unit = unitOf(kr.metric);
      fields[`${at}.baseline`] = toField(kr.baseline, unit);
      fields[`${at}.target`] = toField(kr.target, unit);
      fields[`${at}.period.from`] = dateField(kr.period.from);
      fields[`${at}.period.to`] = dateField(kr.period.to);
    });
    (objective.initiatives ?? []).forEach((initiative, i) => {
      for (const part of ['impact', 'confidence', 'ease'] as const) {
        fields[`objectives.${o}.initiatives.${i}.ice.${part}`] = String(initiative.ice[part]);
      }
    });
  });
  return fields;
}

const parseNumber = (text: string): number | null => {
  const normalized = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return null;
  return Number(normalized);
};

/**
 * The configuration with the edited fields written back (everything else kept as it was), and the
 * fields that are not numbers or dates.
 *
 * @example fieldsToOkr(config, { ...okrToFields(config), 'objectives.0.keyResults.0.target': '45' }).config;
 */
export function fieldsToOkr(
  doc: OkrDocument,
  fields: OkrFields,
  messages: { readonly notANumber: string; readonly notADate: string },
): { readonly config: OkrDocument; readonly issues: readonly Issue[] } {
  const issues: Issue[] = [];
  const number = (path: string, unit: Unit | 'integer', fallback: number): number => {
    const parsed = parseNumber(fields[path] ?? '');
    if (parsed === null) {
      issues.push({ path: path.split('.'), message: messages.notANumber });
      return fallback;
    }
    return unit === 'integer' ? parsed : fromField(parsed, unit);
  };
  const date = (path: string, original: number | string): number | string => {
    const value = fields[path] ?? '';
    if (value === dateField(original)) return original;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      issues.push({ path: path.split('.'), message: messages.notADate });
      return original;
    }
    return value;
  };
  const objectives = doc.objectives.map((objective, o) => ({
    ...objective,
    keyResults: objective.keyResults.map((kr, k): OkrKeyResult => {
      const at = `objectives.${o}.keyResults.${k}`;
      const unit = unitOf(kr.metric);
      return {
        ...kr,
        baseline: number(`${at}.baseline`, unit, kr.baseline),
        target: number(`${at}.target`, unit, kr.target),
        period: {
          from: date(`${at}.period.from`, kr.period.from),
          to: date(`${at}.period.to`, kr.period.to),
        },
      };
    }),
    ...(objective.initiatives
      ? {
          initiatives: objective.initiatives.map((initiative, i) => {
            const at = `objectives.${o}.initiatives.${i}.ice`;
            return {
              ...initiative,
              ice: {
                impact: number(`${at}.impact`, 'integer', initiative.ice.impact),
                confidence: number(`${at}.confidence`, 'integer', initiative.ice.confidence),
                ease: number(`${at}.ease`, 'integer', initiative.ice.ease),
              },
            };
          }),
        }
      : {}),
  }));
  return { config: { ...doc, objectives }, issues };
}

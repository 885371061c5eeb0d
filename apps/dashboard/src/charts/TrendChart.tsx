import { useId } from 'react';
import { csvPercent } from '../csv.ts';
import type { Locale } from '../format.ts';
import { formatDate } from '../format.ts';
import { useLocale } from '../locale.ts';
import type { TrendPoint } from '../report.ts';
import { num, TableScroll } from '../sections/TableScroll.tsx';
import { type TrendBox, trendGeometry } from './trend-geometry.ts';

/** 320 × 168 units, drawn at the card's width (at most 360 px): fits a 390 px phone. */
const BOX: TrendBox = { width: 320, height: 168, left: 64, right: 8, top: 18, bottom: 26 };
const FONT = 11;

const MONTHS: Readonly<Record<Locale, readonly string[]>> = {
  pl: ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
/** A day under the axis: '5 sty' / '5 Jan' (UTC, as every date of the report). */
const axisDate = (ms: number, lang: Locale) => {
  const d = new Date(ms);
  return `${d.getUTCDate()}\u00a0${MONTHS[lang][d.getUTCMonth()]}`;
};

export interface TrendChartProps {
  readonly points: readonly TrendPoint[];
  readonly target: number;
  readonly baseline?: number;
  /** The metric's name, for the text alternative. */
  readonly metric: string;
  /** A value in the metric's unit: '52,5%', '2 min 30 s'. */
  readonly format: (value: number) => string;
  /** Rates are drawn within 0–100%. */
  readonly isRate: boolean;
  readonly per: 'day' | 'week';
}

/**
 * A key result's trend: the y axis in the metric's unit, dates under the x axis, the value of each day
 * or week (the unfinished one dashed, with a hollow dot), the target as a dashed line with its label
 * and the baseline as a dotted one. The text alternative is a summary (title and description) and
 * the values in a table behind "Show the values as a table".
 */
export function TrendChart({ points, target, baseline, metric, format, isRate, per }: TrendChartProps) {
  /** The raw figure for the CSV: a rate in percent, a time in seconds. */
  const csvValue = (value: number | null) =>
    isRate ? csvPercent(value) : value === null ? '' : (value / 1000).toFixed(1);
  const { lang, m } = useLocale();
  const id = useId();
  const g = trendGeometry({ points, target, isRate, ...(baseline === undefined ? {} : { baseline }) }, BOX);
  const known = g.dots;
  const summary =
    known.length === 0
      ? m.krSim.chartEmpty(metric, format(target))
      : m.krSim.chartSummary(
          metric,
          format(known[0]?.value ?? 0),
          format(known[known.length - 1]?.value ?? 0),
          format(target),
        );
  const { x0, x1, y0, y1 } = g.plot;
  const muted = { fill: 'var(--muted)', fontSize: FONT } as const;
  return (
    <div className="trend-chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        width="100%"
        style={{ maxWidth: 360, display: 'block', height: 'auto' }}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <title id={`${id}-title`}>{m.krSim.chartTitle(metric)}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {g.yTicks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={x0}
              x2={x1}
              y1={tick.y}
              y2={tick.y}
              style={{ stroke: 'var(--line)', strokeWidth: 0.5 }}
            />
            <text x={x0 - 4} y={tick.y} dy="0.35em" textAnchor="end" style={muted}>
              {format(tick.value)}
            </text>
          </g>
        ))}
        <line x1={x0} x2={x0} y1={y0} y2={y1} style={{ stroke: 'var(--muted)', strokeWidth: 1 }} />
        <line x1={x0} x2={x1} y1={y1} y2={y1} style={{ stroke: 'var(--muted)', strokeWidth: 1 }} />
        {g.xTicks.map((tick, i) => (
          <text
            key={tick.from}
            x={tick.x}
            y={y1 + FONT + 4}
            textAnchor={
              g.xTicks.length > 1 && i === 0 ? 'start' : i === g.xTicks.length - 1 && i > 0 ? 'end' : 'middle'
            }
            style={muted}
          >
            {axisDate(tick.from, lang)}
          </text>
        ))}
        {g.baselineY === null || baseline === undefined ? null : (
          <g data-testid="trend-baseline">
            <line
              x1={x0}
              x2={x1}
              y1={g.baselineY}
              y2={g.baselineY}
              style={{ stroke: 'var(--muted)', strokeWidth: 1, strokeDasharray: '1 3' }}
            />
            <text x={x0 + 3} y={g.baselineY - 3} style={muted}>
              {m.krSim.baselineLine(format(baseline))}
            </text>
          </g>
        )}
        <g data-testid="trend-target">
          <line
            x1={x0}
            x2={x1}
            y1={g.targetY}
            y2={g.targetY}
            style={{ stroke: 'var(--good)', strokeWidth: 1.5, strokeDasharray: '6 4' }}
          />
          <text
            x={x1}
            y={g.targetY - 3}
            textAnchor="end"
            style={{ fill: 'var(--good)', fontSize: FONT, fontWeight: 600 }}
          >
            {m.krSim.targetLine(format(target))}
          </text>
        </g>
        {g.segments.map((segment) => (
          <polyline
            key={segment.points}
            points={segment.points}
            fill="none"
            style={{
              stroke: 'var(--accent)',
              strokeWidth: 2,
              ...(segment.complete ? {} : { strokeDasharray: '4 3' }),
            }}
          />
        ))}
        {known.map((dot) => (
          <circle
            key={dot.from}
            cx={dot.x}
            cy={dot.y}
            r={dot.complete ? 3 : 3.5}
            style={
              dot.complete
                ? { fill: 'var(--accent)' }
                : { fill: 'var(--surface)', stroke: 'var(--accent)', strokeWidth: 1.5 }
            }
          />
        ))}
      </svg>
      <details>
        <summary>{m.krSim.showTable}</summary>
        <TableScroll
          caption={m.krSim.tableCaption(metric, per)}
          columns={[
            m.krSim.tableFrom,
            num(m.krSim.tableValue, isRate ? `${m.krSim.tableValue} (%)` : `${m.krSim.tableValue} (s)`),
          ]}
        >
          <tbody>
            {points.map((p) => (
              <tr key={p.from}>
                <th scope="row">{formatDate(p.from, lang)}</th>
                <td className="num" data-csv={csvValue(p.value)}>
                  {p.value === null ? '—' : format(p.value)}
                  {p.complete ? '' : ` (${m.krs.incomplete})`}
                </td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      </details>
    </div>
  );
}

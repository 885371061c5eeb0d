import type { FunnelRow } from '../report.ts';
import { barLength } from './geometry.ts';

const BAR = 200;

export interface FunnelBar {
  readonly row: FunnelRow;
  readonly label: string;
  /** The numbers beside the bar, e.g. '1 234 (82,0%)'. */
  readonly value: string;
  /** The drop-off from the previous row in words; '' for the first row. */
  readonly dropOff: string;
}

/**
 * Horizontal bars, one per section or step, as an ordered list: the name and numbers are text (read
 * by screen readers, legible at any width), each bar a small SVG scaled to the share of the start.
 */
export function FunnelChart({ bars }: { readonly bars: readonly FunnelBar[] }) {
  return (
    <ol className="funnel">
      {bars.map(({ row, label, value, dropOff }) => (
        <li key={row.name}>
          <span className="funnel-label">{label}</span>
          <svg className="funnel-bar" viewBox={`0 0 ${BAR} 10`} preserveAspectRatio="none" aria-hidden="true">
            <rect x={0} y={0} width={BAR} height={10} className="bar-track" />
            <rect x={0} y={0} width={barLength(row.shareOfStart, BAR)} height={10} className="bar" />
          </svg>
          <span className="funnel-value">{value}</span>
          <span className="funnel-drop">{dropOff}</span>
        </li>
      ))}
    </ol>
  );
}

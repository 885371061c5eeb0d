import type { TrendPoint } from '../report.ts';
import { sparkline } from './geometry.ts';

const WIDTH = 180;
const HEIGHT = 44;
const PAD = 4;

/**
 * A trend line: complete periods solid, the period still in progress dashed with a hollow dot.
 * `label` is the text alternative (the values in words).
 */
export function Sparkline({
  points,
  label,
}: {
  readonly points: readonly TrendPoint[];
  readonly label: string;
}) {
  const { segments, dots } = sparkline(points, WIDTH, HEIGHT, PAD);
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={label}
    >
      {segments.map((segment) => (
        <polyline
          key={segment.points}
          points={segment.points}
          className={segment.complete ? 'line' : 'line incomplete'}
          fill="none"
        />
      ))}
      {dots.map((dot) => (
        <circle
          key={`${dot.x},${dot.y}`}
          cx={dot.x}
          cy={dot.y}
          r={dot.complete ? 2.5 : 3}
          className={dot.complete ? 'dot' : 'dot incomplete'}
        />
      ))}
    </svg>
  );
}

import { centred } from './geometry.ts';

const WIDTH = 140;
const HEIGHT = 22;

/**
 * An effect and its confidence interval on an axis centred on zero (no change). The numbers are
 * written beside it, so the drawing is decoration for screen readers.
 */
export function CiBar({
  effect,
  ci,
  extent,
}: {
  readonly effect: number;
  readonly ci: readonly [number, number];
  readonly extent: number;
}) {
  const [low, high] = ci;
  const x0 = centred(0, extent, WIDTH);
  const xLow = centred(low, extent, WIDTH);
  const kind = low > 0 ? 'better' : high < 0 ? 'worse' : 'unclear';
  return (
    <svg
      className={`ci ${kind}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      aria-hidden="true"
    >
      <line x1={0} x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} className="axis" />
      <rect
        x={xLow}
        y={HEIGHT / 2 - 4}
        width={Math.max(1, centred(high, extent, WIDTH) - xLow)}
        height={8}
        className="interval"
      />
      <line x1={x0} x2={x0} y1={2} y2={HEIGHT - 2} className="zero" />
      <circle cx={centred(effect, extent, WIDTH)} cy={HEIGHT / 2} r={3.5} className="estimate" />
    </svg>
  );
}

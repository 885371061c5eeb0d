import { progressPercent } from './geometry.ts';

/** Progress from baseline (0) to target (100), as an ARIA progressbar with the value in words. */
export function ProgressBar({
  progress,
  label,
  valueText,
}: {
  readonly progress: number | null;
  readonly label: string;
  readonly valueText: string;
}) {
  const percent = progressPercent(progress);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
    >
      <div
        className={progress !== null && progress < 0 ? 'fill backwards' : 'fill'}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}

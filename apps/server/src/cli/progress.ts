/**
 * Progress of a long command on stderr: a bar redrawn in place on a terminal, plain lines every tenth
 * of the way (or every few seconds without a total) when the output goes to a file or a pipe.
 */
import { groupDigits } from './text.ts';

export interface Progress {
  /** How many units are done so far (not an increment). */
  update(done: number): void;
  /** Prints a line of its own (e.g. a wait), above the bar on a terminal. */
  note(message: string): void;
  /** Ends the bar; prints `message` on a line of its own when given. */
  finish(message?: string): void;
}

export interface ProgressOptions {
  /** Units for the numbers, e.g. 'checkouts'. */
  readonly unit: string;
  /** Unknown totals show counts only. */
  readonly total?: number;
  readonly stream?: Pick<NodeJS.WriteStream, 'write'> & {
    readonly isTTY?: boolean;
    readonly columns?: number;
  };
  /** 'lines' even on a terminal, e.g. beside a server's own output. */
  readonly mode?: 'auto' | 'lines';
  readonly now?: () => number;
}

const BAR_WIDTH = 28;

/**
 * @example
 * const progress = createProgress('Writing', { unit: 'checkouts', total: 2000 });
 * progress.update(1000); // [##############--------------]  50%  1 000 / 2 000 checkouts
 * progress.finish('Done.');
 */
export function createProgress(label: string, options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = options.mode !== 'lines' && stream.isTTY === true;
  const { total, unit } = options;
  const started = now();
  let lastDraw = 0;
  let lastStep = 0;
  let drawn = false;

  const describe = (done: number): string => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0.5 ? `, ${groupDigits(Math.round(done / seconds))}/s` : '';
    if (total === undefined || total <= 0) return `${groupDigits(done)} ${unit}${rate}`;
    const share = Math.min(1, done / total);
    return `${String(Math.floor(share * 100)).padStart(3)}%  ${groupDigits(done)} / ${groupDigits(total)} ${unit}${rate}`;
  };

  return {
    update(done) {
      const at = now();
      if (tty) {
        if (at - lastDraw < 100 && done !== total) return;
        lastDraw = at;
        const share = total ? Math.min(1, done / total) : 0;
        const filled = Math.round(share * BAR_WIDTH);
        const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ` : '';
        stream.write(`\r\x1b[2K${label} ${bar}${describe(done)}`);
        drawn = true;
        return;
      }
      // Lines: at each tenth of a known total, else every 5 seconds.
      const step = total
        ? Math.floor((Math.min(done, total) / total) * 10)
        : Math.floor((at - started) / 5_000);
      if (step <= lastStep || (total !== undefined && done >= total)) return;
      lastStep = step;
      stream.write(`${label}: ${describe(done)}\n`);
    },
    note(message) {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
      lastDraw = 0;
      stream.write(`${message}\n`);
    },
    finish(message) {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
      if (message) stream.write(`${message}\n`);
    },
  };
}

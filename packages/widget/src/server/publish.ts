import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A folder beside `outDir` for one process's build, which `publishBuild` then moves into place. */
export const stagingFolder = (outDir: string): string => `${outDir}.building-${process.pid}`;

/**
 * Moves a finished build from `staging` into `outDir`, so no process reading `outDir` (a server or
 * a test file starting beside another) ever finds it half-written or emptied. When another process
 * has published a complete build (its `marker` file) since this one began (`startedAt`), the same
 * sources made it: that one stays, and this build is dropped.
 *
 * @example publishBuild(stagingFolder(dist), dist, '.vite/compressed.json', startedAt);
 */
export function publishBuild(staging: string, outDir: string, marker: string, startedAt: number): void {
  const theirs = join(outDir, marker);
  if (existsSync(theirs) && statSync(theirs).mtimeMs >= startedAt) {
    rmSync(staging, { recursive: true, force: true });
    return;
  }
  const replaced = `${outDir}.replaced-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, replaced);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // Another process put its build there between the two moves: it stays.
    if (!existsSync(join(outDir, marker))) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(replaced, { recursive: true, force: true });
}

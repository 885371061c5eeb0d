/**
 * What the tests against real platforms on this machine share (a shop started from a platform kit's
 * `up.sh`): a lock so two test runs do not start one shop twice, the kit's `credentials.env`, and
 * whether PHP and MariaDB are here at all.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes a lock directory holding the owner's pid: waits for a live owner (up to `waitMs`), takes over
 * a dead one's. Returns the release.
 */
export async function lockFolder(path: string, waitMs: number): Promise<() => void> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(join(path, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner > 0 && !alive(owner)) {
        rmSync(path, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > waitMs) {
        throw new Error(
          `${path} is held by process ${owner}: another test run uses this shop; wait for it or remove the lock.`,
        );
      }
      await sleep(500);
    }
  }
}

/** `NAME=value` lines (quotes dropped), as the kits' `credentials.env`. */
export function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1]) out[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** True when `php` runs and has every extension named, and MariaDB's server is installed. */
export function phpAndMariaDb(extensions: readonly string[]): boolean {
  const check = extensions.map((e) => `extension_loaded(${JSON.stringify(e)})`).join(' && ');
  try {
    execFileSync('php', ['-r', `exit(${check || 'true'} ? 0 : 1);`], { stdio: 'ignore' });
  } catch {
    return false;
  }
  return existsSync('/usr/sbin/mariadbd');
}

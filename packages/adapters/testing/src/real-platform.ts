/**
 * What the tests against real platforms on this machine share (a shop started from a platform kit's
 * `up.sh`): a lock so two test runs do not start one shop twice, the kit's `credentials.env`,
 * whether PHP and MariaDB are here at all, and adapter errors that say why the shop refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KasaError } from '@kasa/core';

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

/**
 * The adapter with its errors' details (the platform's code and message) in their message, so a
 * refusal by the real shop says why in the test output. Codes are unchanged.
 */
export function withDetails<A extends object>(adapter: A): A {
  return new Proxy(adapter, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          if (error instanceof KasaError && error.details !== undefined) {
            error.message = `${error.message} ${JSON.stringify(error.details).slice(0, 600)}`;
          }
          throw error;
        }
      };
    },
  });
}

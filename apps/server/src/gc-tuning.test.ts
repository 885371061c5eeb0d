import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { singleThreadScavengeOnFewCores } from './gc-tuning.ts';

describe('singleThreadScavengeOnFewCores', () => {
  it('leaves V8 as it is on a machine of more than two cores', () => {
    expect(singleThreadScavengeOnFewCores(4)).toBe(false);
    expect(singleThreadScavengeOnFewCores(64)).toBe(false);
  });

  it('sets the flag in a running process on two cores, and collections still run after it', () => {
    // In a child process, so the test runner's collector is left alone. Not every collector flag may
    // change once V8 runs: turning parallel marking off this way stops the process at its next full
    // collection.
    const module = fileURLToPath(new URL('./gc-tuning.ts', import.meta.url));
    const script = `
      const { singleThreadScavengeOnFewCores } = await import(${JSON.stringify(module)});
      const set = singleThreadScavengeOnFewCores(2);
      let kept = [];
      for (let i = 0; i < 2_000_000; i++) {
        kept.push({ i });
        if (kept.length > 10_000) kept = [];
      }
      globalThis.gc();
      console.log(set);
    `;
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('true');
    expect(child.status).toBe(0);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KasaError } from '@kasa/core';
import { openSqlite } from '@kasa/storage';
import { afterAll, describe, expect, it } from 'vitest';
import { createExperimentRegistry } from '../analytics/experiment-registry.ts';
import { configSchema } from '../config.ts';
import { UsageError } from './args.ts';
import { experimentCommand, runExperimentCommand, storedExperiments } from './experiment.ts';

const seed = configSchema.parse({}).experiments;
const registryAt = (now: number) =>
  createExperimentRegistry(openSqlite(':memory:'), { seed, now: () => now });

describe('kasa experiment arguments', () => {
  it('reads list, start, stop and ship with their arguments', () => {
    expect(experimentCommand(['list'])).toEqual({ verb: 'list' });
    expect(experimentCommand(['stop', 'checkout-layout'])).toEqual({ verb: 'stop', key: 'checkout-layout' });
    expect(experimentCommand(['ship', 'checkout-layout', 'one-page'])).toEqual({
      verb: 'ship',
      key: 'checkout-layout',
      variation: 'one-page',
    });
  });

  it.each([[[]], [['pause', 'x']], [['start']], [['ship', 'checkout-layout']], [['list', 'extra']]])(
    'refuses %j with exit code 2 and what was expected',
    (positionals) => {
      let error: unknown;
      try {
        experimentCommand(positionals);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toMatch(/^kasa experiment: .*(list|start|stop|ship)/);
    },
  );
});

describe('kasa experiment on the store', () => {
  it('lists the experiments in a table and the latest changes', () => {
    const registry = registryAt(Date.UTC(2026, 11, 5, 9, 30));
    const text = runExperimentCommand(registry, { verb: 'list' });
    expect(text).toMatch(/Key\s+Template\s+Status\s+Phase\s+Start\s+Weights\s+KR/);
    expect(text).toMatch(
      /checkout-layout\s+checkout-layout\s+running\s+1\s+2026-11-01\s+50% \/ 50%\s+checkout-abandonment/,
    );
    expect(text).toMatch(/2026-12-05 09:30\s+checkout-layout\s+seeded\s+config/);
  });

  it('stops, restarts as a new phase and ships, recorded as the CLI', () => {
    const registry = registryAt(Date.UTC(2026, 11, 5));
    expect(runExperimentCommand(registry, { verb: 'stop', key: 'checkout-layout' })).toMatch(
      /^Stopped checkout-layout\.\n.*\n.*\n.*stopped/,
    );
    runExperimentCommand(registry, { verb: 'start', key: 'checkout-layout' });
    expect(registry.list()[0]).toMatchObject({ status: 'running', phase: 2, startDate: '2026-12-05' });
    const shipped = JSON.parse(
      runExperimentCommand(registry, { verb: 'ship', key: 'checkout-layout', variation: 'multi-step' }, true),
    );
    expect(shipped.experiment).toMatchObject({ status: 'shipped', shipped: 'multi-step' });
    expect(registry.audit(3).map((e) => `${e.action} ${e.actor}`)).toEqual([
      'shipped cli',
      'started cli',
      'stopped cli',
    ]);
  });

  it('refuses what the API refuses, with the same error', () => {
    const registry = registryAt(Date.UTC(2026, 11, 5));
    expect(() => runExperimentCommand(registry, { verb: 'start', key: 'checkout-layout' })).toThrow(
      KasaError,
    );
    expect(() => runExperimentCommand(registry, { verb: 'stop', key: 'nope' })).toThrow(
      expect.objectContaining({ code: 'experiment_not_found' }),
    );
  });
});

describe('storedExperiments (what kasa report reads)', () => {
  it('answers the stored state, seeded from the configuration only the first time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasa-stored-experiments-'));
    try {
      const config = configSchema.parse({ databaseFile: join(dir, 'kasa.db') });
      expect(storedExperiments(config).map((e) => e.status)).toEqual(['running']);
      const db = openSqlite(config.databaseFile);
      createExperimentRegistry(db, { seed: [] }).stop('checkout-layout', 'cli');
      db.close();
      expect(storedExperiments(config).map((e) => e.status)).toEqual(['stopped']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the kasa experiment command', () => {
  const cli = join(import.meta.dirname, '..', 'cli.ts');
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const dir = mkdtempSync(join(tmpdir(), 'kasa-experiment-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [tsx, cli, 'experiment', ...args], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', KASA_DB: join(dir, 'kasa.db') },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.stderr.on('data', (chunk) => {
        err += chunk;
      });
      child.on('close', (code) => resolve({ code, out, err }));
    });

  it('changes the configured database and answers refusals with exit code 1', async () => {
    const stopped = await run(['stop', 'checkout-layout']);
    expect(stopped).toMatchObject({ code: 0, err: '' });
    expect(stopped.out).toContain('Stopped checkout-layout.');
    const again = await run(['stop', 'checkout-layout']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('kasa experiment: experiment_conflict:');
    expect(again.err).toContain('"reason":"not_running"');
    const db = openSqlite(join(dir, 'kasa.db'));
    const registry = createExperimentRegistry(db, { seed: [] });
    expect(registry.list()[0]?.status).toBe('stopped');
    expect(registry.audit(5).map((e) => e.actor)).toEqual(['cli', 'config']);
    db.close();
    expect((await run(['pause'])).code).toBe(2);
  }, 60_000);
});

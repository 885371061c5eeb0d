import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const folder = (config?: unknown) => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'kasa.config.json'), JSON.stringify(config));
  return dir;
};

describe('configuration', () => {
  it('needs nothing to start: every key has a default', () => {
    const config = loadConfig({ env: {}, cwd: folder() });
    expect(config).toMatchObject({ port: 3000, databaseFile: '.kasa/kasa.db', shopId: 'demo' });
  });

  it('reads kasa.config.json and lets the environment override it', () => {
    const config = loadConfig({ env: { KASA_PORT: '8080' }, cwd: folder({ port: 4000, shopId: 'sklep' }) });
    expect(config.port).toBe(8080);
    expect(config.shopId).toBe('sklep');
  });

  it('names the bad key, where it came from and how to fix it', () => {
    expect(() => loadConfig({ env: { KASA_PORT: 'eighty' }, cwd: folder() })).toThrow(
      /port: .*environment variable KASA_PORT; correct the value/,
    );
    expect(() => loadConfig({ env: {}, cwd: folder({ rateLimit: { max: 0 } }) })).toThrow(
      /rateLimit\.max: .*kasa\.config\.json/,
    );
    expect(() => loadConfig({ env: {}, cwd: folder({ prot: 3000 }) })).toThrow(/remove "prot"/);
  });

  it('normalises allowed origins and refuses a value that is not a URL', () => {
    const config = loadConfig({
      env: { KASA_ALLOWED_ORIGINS: 'https://sklep.pl/koszyk, http://localhost:8080' },
      cwd: folder(),
    });
    expect(config.allowedOrigins).toEqual(['https://sklep.pl', 'http://localhost:8080']);
    expect(() => loadConfig({ env: { KASA_ALLOWED_ORIGINS: 'sklep.pl' }, cwd: folder() })).toThrow(
      /allowedOrigins\.0/,
    );
  });

  it('explains a config file that is not JSON', () => {
    const dir = folder();
    writeFileSync(join(dir, 'kasa.config.json'), '{ port: 1 ');
    expect(() => loadConfig({ env: {}, cwd: dir })).toThrow(/kasa\.config\.json is not a JSON object/);
  });
});

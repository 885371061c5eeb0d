import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishBuild, stagingFolder } from './publish.ts';

const MARKER = '.vite/done.json';

/** A finished build in `dir`: one script and the marker a build writes last. */
function build(dir: string, script: string): void {
  mkdirSync(join(dir, '.vite'), { recursive: true });
  writeFileSync(join(dir, 'kasa.js'), script);
  writeFileSync(join(dir, MARKER), '{}');
}

const outDirIn = () => join(mkdtempSync(join(tmpdir(), 'kasa-publish-')), 'dist');

describe('publishing a build', () => {
  it('moves the build into place where there was none, leaving no folder behind', () => {
    const outDir = outDirIn();
    build(stagingFolder(outDir), 'new');
    publishBuild(stagingFolder(outDir), outDir, MARKER, Date.now());
    expect(readFileSync(join(outDir, 'kasa.js'), 'utf8')).toBe('new');
    expect(existsSync(stagingFolder(outDir))).toBe(false);
  });

  it('replaces a build finished before this one began', () => {
    const outDir = outDirIn();
    build(outDir, 'old');
    const startedAt = Date.now();
    utimesSync(join(outDir, MARKER), new Date(startedAt - 60_000), new Date(startedAt - 60_000));
    build(stagingFolder(outDir), 'new');
    publishBuild(stagingFolder(outDir), outDir, MARKER, startedAt);
    expect(readFileSync(join(outDir, 'kasa.js'), 'utf8')).toBe('new');
    expect(existsSync(`${outDir}.replaced-${process.pid}`)).toBe(false);
  });

  it('keeps the build another process published while this one ran, and drops this one', () => {
    const outDir = outDirIn();
    const startedAt = Date.now() - 5_000;
    build(outDir, 'theirs');
    build(stagingFolder(outDir), 'ours');
    publishBuild(stagingFolder(outDir), outDir, MARKER, startedAt);
    expect(readFileSync(join(outDir, 'kasa.js'), 'utf8')).toBe('theirs');
    expect(existsSync(stagingFolder(outDir))).toBe(false);
  });
});

/**
 * Is the checkout as quick to type into as it was at an earlier revision? Times both trees by this
 * revision's method: this folder's timing files are copied into a git worktree of the revision (in
 * place of its own), and blocks of pairs (a static form load, then a checkout load) are taken in
 * each tree in turns, so the machine's drift moves both. Each tree's figure is the median of its
 * pairs' ratios, as widget/run.ts gives it.
 *
 *   pnpm --filter @kasa/bench exec tsx widget/against-revision.ts <revision> [blocks, 3] [pairs a block, 7]
 *
 * Needs git, Chromium, and the revision's dependencies in the pnpm store (it installs offline).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, middleHalf } from '../median.ts';

const [revision, blocks = '3', pairsPerBlock = '7'] = process.argv.slice(2);
if (!revision) {
  console.error('Usage: tsx widget/against-revision.ts <revision> [blocks] [pairs a block]');
  process.exit(2);
}
/** What the timing needs, copied into the other tree. */
const TIMING_FILES = ['static-form.ts', 'throttle.ts', 'typing.ts', 'typing-pairs.ts', 'typing-pairs-run.ts'];

const run = (cwd: string, command: string, args: readonly string[]) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const repo = run(import.meta.dirname, 'git', ['rev-parse', '--show-toplevel']).trim();
const other = mkdtempSync(join(tmpdir(), 'kasa-revision-'));

/** One block of pairs in the tree at `root`. */
function pairsIn(root: string): [number, number][] {
  const out = run(join(root, 'test', 'bench'), 'pnpm', [
    'exec',
    'tsx',
    'widget/typing-pairs-run.ts',
    pairsPerBlock,
  ]);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]');
}

function line(name: string, pairs: readonly [number, number][]): string {
  const ratios = pairs.map(([staticMs, checkoutMs]) => checkoutMs / staticMs);
  const [low, high] = middleHalf(ratios);
  const ms = (values: number[]) => median(values).toFixed(0);
  return `Time to type, ${name}: ${median(ratios).toFixed(2)}× a static form (middle half ${low.toFixed(2)}–${high.toFixed(2)}, ${pairs.length} pairs; static ${ms(pairs.map((p) => p[0]))} ms, checkout ${ms(pairs.map((p) => p[1]))} ms)`;
}

run(repo, 'git', ['worktree', 'add', '--detach', other, revision]);
try {
  run(other, 'pnpm', ['install', '--frozen-lockfile', '--offline']);
  for (const file of TIMING_FILES)
    cpSync(join(import.meta.dirname, file), join(other, 'test', 'bench', 'widget', file));
  const theirs: [number, number][] = [];
  const ours: [number, number][] = [];
  for (let block = 0; block < Number(blocks); block++) {
    theirs.push(...pairsIn(other));
    ours.push(...pairsIn(repo));
  }
  console.log(line(`at ${revision}`, theirs));
  console.log(line('here', ours));
} finally {
  run(repo, 'git', ['worktree', 'remove', '--force', other]);
}

#!/usr/bin/env node
// The `kasa` command from source: tsx's loader is registered in this process, then the TypeScript
// CLI runs here (workspace packages are consumed from source). No child process, so a signal
// (Ctrl+C, a process manager's SIGTERM) reaches the server itself. `pnpm build` makes
// dist/kasa.js, which runs with plain node (README, Production).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');

/**
 * The `kasa` command (bin/kasa.js runs this file through tsx). Each command lives in src/cli/ and
 * resolves to its exit code: 0 done, 1 failed (or partly, e.g. bad CSV lines), 2 called wrongly.
 */
import { UsageError } from './cli/args.ts';
import { DOCTOR_USAGE, doctor } from './cli/doctor.ts';
import { EXPERIMENT_USAGE, experiment } from './cli/experiment.ts';
import { IMPORT_COSTS_USAGE, importCosts } from './cli/import-costs.ts';
import { REFUND_USAGE, refund } from './cli/refund.ts';
import { REPORT_USAGE, report } from './cli/report.ts';
import { SIMULATE_USAGE, simulate } from './cli/simulate.ts';
import { START_USAGE, start } from './cli/start.ts';
import { USAGE } from './cli/usage.ts';
import { ConfigError } from './config.ts';

const COMMANDS: Readonly<
  Record<string, { run: (argv: readonly string[]) => Promise<number>; usage: string }>
> = {
  start: { run: start, usage: START_USAGE },
  doctor: { run: doctor, usage: DOCTOR_USAGE },
  simulate: { run: simulate, usage: SIMULATE_USAGE },
  'import-costs': { run: importCosts, usage: IMPORT_COSTS_USAGE },
  report: { run: report, usage: REPORT_USAGE },
  refund: { run: refund, usage: REFUND_USAGE },
  experiment: { run: experiment, usage: EXPERIMENT_USAGE },
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    console.log(topic?.usage ?? USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kasa: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = error.exitCode;
      return;
    }
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  },
);

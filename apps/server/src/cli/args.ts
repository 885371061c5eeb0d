/**
 * Command-line arguments: node:util parseArgs for the syntax, zod for the values. Any mistake becomes
 * a {@link UsageError} (exit code 2) that names the option and what it expects.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';

/** A mistake in how a command was called: the CLI prints the message and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}

export interface CommandSpec<S extends z.ZodType> {
  /** e.g. 'simulate', for messages. */
  readonly command: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Validates `{ ...options, positionals }`; numbers arrive as strings, so coerce them. */
  readonly schema: S;
}

/**
 * Options that each take a value (`--days 7`); numbers arrive as text, for the schema to coerce.
 *
 * @example
 * valueOptions('checkouts', 'seed'); // { checkouts: { type: 'string' }, seed: { type: 'string' } }
 */
export const valueOptions = (...names: readonly string[]): CommandSpec<z.ZodType>['options'] =>
  Object.fromEntries(names.map((name) => [name, { type: 'string' }]));

const hint = (command: string) => `Options and examples: kasa ${command} --help`;

const optionName = (message: string): string => /'(-[^']*)'/.exec(message)?.[1] ?? '';

/** What parseArgs said, in the CLI's words. */
function syntaxMessage(error: Error & { code?: string }, spec: CommandSpec<z.ZodType>): string {
  const known = Object.keys(spec.options)
    .map((name) => `--${name}`)
    .join(', ');
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${optionName(error.message) || '(?)'} (known: ${known})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = optionName(error.message).split(' ')[0] ?? '';
      if (!name) return error.message;
      return error.message.includes('does not take')
        ? `option ${name} takes no value`
        : `option ${name} needs a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(error.message)?.[1] ?? ''}`.trim();
    default:
      return error.message;
  }
}

/** `--checkouts` for an option path, `FILE` for a positional. */
const nameOf = (path: readonly PropertyKey[]): string => {
  const [first, second] = path;
  if (first === 'positionals') return second === undefined ? 'arguments' : `argument ${Number(second) + 1}`;
  return first === undefined ? 'arguments' : `--${String(first)}`;
};

/**
 * Parses and validates a command's arguments; `help: true` in the result when --help was given.
 *
 * @example
 * parseCommand(['--checkouts', '500'], simulateSpec); // { checkouts: 500, positionals: [], help: false, … }
 */
export function parseCommand<S extends z.ZodType>(
  argv: readonly string[],
  spec: CommandSpec<S>,
): { readonly help: true } | { readonly help: false; readonly args: z.output<S> } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      `kasa ${spec.command}: ${syntaxMessage(error as Error, spec)}\n${hint(spec.command)}`,
    );
  }
  const { help, ...values } = parsed.values;
  if (help) return { help: true };
  const result = spec.schema.safeParse({ ...values, positionals: parsed.positionals });
  if (result.success) return { help: false, args: result.data };
  const lines = result.error.issues.map((issue) => `  ${nameOf(issue.path)}: ${issue.message}`);
  throw new UsageError(`kasa ${spec.command}: invalid arguments\n${lines.join('\n')}\n${hint(spec.command)}`);
}

/** Argument helpers shared by the mock server's and Prism's command lines. */
import { parseArgs } from 'node:util';

/** Exit code for unusable arguments. */
export const USAGE_EXIT = 2;

/** Parses a port (0-65535); `fallback` when the value is absent, undefined when unusable. */
export function parsePort(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}

export interface ServerArgs {
  port: number;
  values: Record<string, string | boolean | undefined>;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/**
 * The command-line contract both mock servers keep: `--port`/`PORT` (0 = free port), `--quiet`,
 * `--help`, and exit 2 with the usage for anything unusable. `extra` adds a command's own flags.
 */
export function parseServerArgs(name: string, help: string, defaultPort: number, extra: Options = {}): ServerArgs {
  const fail = (message: string): never => {
    process.stderr.write(`${name}: ${message}\n\n${help}`);
    process.exit(USAGE_EXIT);
  };
  let values: ServerArgs['values'] = {};
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        ...extra,
      },
      strict: true,
      allowPositionals: false,
    }) as { values: ServerArgs['values'] });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(help);
    process.exit(0);
  }
  const raw = (values.port as string | undefined) ?? process.env.PORT;
  const port = parsePort(raw, defaultPort);
  if (port === undefined) return fail(`--port must be a whole number from 0 to 65535, got '${raw}'`);
  return { port, values };
}

/**
 * `npm run mock:prism`: Prism's mock server on the merged spec, with the same flags and ready line
 * as `npm start`, so either can stand behind the same frontend or contract run.
 */
import module from 'node:module';
import { parseArgs } from 'node:util';

module.enableCompileCache?.();
const { parsePort, USAGE_EXIT } = await import('./cli-args.ts');

const HELP = `Usage: npm run mock:prism -- [options]   (node mocks/prism-cli.ts [options])

Serves the Login API with Prism (static examples) from spec/generated/openapi.yaml on 127.0.0.1.

Options:
  -p, --port N     port to listen on (default: $PORT or 4011; 0 picks a free port)
  -q, --quiet      do not pass Prism's own log on to stderr
  -h, --help       show this help

Scenarios per request: Prefer: code=401 | example=NAME | code=401, example=NAME
Ready line on stdout: listening http://127.0.0.1:PORT
`;

function fail(message: string): never {
  process.stderr.write(`prism: ${message}\n\n${HELP}`);
  process.exit(USAGE_EXIT);
}

let values: { port?: string; quiet?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const port = parsePort(values.port ?? process.env.PORT, 4011);
if (port === undefined) fail(`--port must be a whole number from 0 to 65535, got '${values.port ?? process.env.PORT}'`);

try {
  const { startPrism } = await import('./prism.ts');
  const prism = await startPrism({
    port,
    ...(values.quiet ? {} : { onOutput: (line: string) => process.stderr.write(`${line}\n`) }),
  });
  process.stdout.write(`listening ${prism.url}\n`);
  const stop = () => {
    prism.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`prism: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/**
 * `npm run mock:prism`: Prism's mock server on the merged spec, with the same flags and ready line
 * as `npm start`, so either can stand behind the same frontend or contract run.
 */
import module from 'node:module';

module.enableCompileCache?.();
const { parseServerArgs, USAGE_EXIT } = await import('./cli-args.ts');

const HELP = `Usage: npm run mock:prism -- [options]   (node mocks/prism-cli.ts [options])

Serves the Login API with Prism (static examples) from spec/generated/openapi.yaml on 127.0.0.1.

Options:
  -p, --port N        port to listen on (default: $PORT or 4011; 0 picks a free port)
      --prefer VALUE  server-wide Prefer for requests that send none, e.g. "code=503"
                      or "delay=1500"; a request's own Prefer replaces it
  -q, --quiet         do not pass Prism's own log on to stderr
  -h, --help          show this help

Scenarios per request: Prefer: code=401 | example=NAME | code=401, example=NAME
                       | delay=MS | network-error (the last two by the front before Prism)
Ready line on stdout: listening http://127.0.0.1:PORT
`;

const { port, values } = parseServerArgs('prism', HELP, 4011, { prefer: { type: 'string' } });
const prefer = values.prefer as string | undefined;
if (prefer !== undefined) {
  const { createMockControl } = await import('./core/control.ts');
  try {
    createMockControl({ prefer });
  } catch (error) {
    process.stderr.write(`prism: --prefer: ${(error as Error).message}\n\n${HELP}`);
    process.exit(USAGE_EXIT);
  }
}

try {
  const { startPrism } = await import('./prism.ts');
  const prism = await startPrism({
    port,
    ...(prefer !== undefined ? { prefer } : {}),
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

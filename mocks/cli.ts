/**
 * `npm start`: the HTTP mock server from the command line.
 * Prints `listening http://127.0.0.1:PORT` on stdout once ready; request log lines go to stderr.
 */
import module from 'node:module';

// Node caches compiled code (and stripped TypeScript) across starts; modules loaded from here on
// benefit, which is why everything else is imported dynamically below.
module.enableCompileCache?.();
const { parseServerArgs } = await import('./cli-args.ts');

const HELP = `Usage: npm start -- [options]   (node mocks/cli.ts [options])

Serves the Login API from its OpenAPI document on 127.0.0.1.

Options:
  -p, --port N     port to listen on (default: $PORT or 4010; 0 picks a free port)
      --host H     interface to bind (default: 127.0.0.1)
      --stateful   stateful mode: demo users, credential checks, real signed JWTs
                   (signing secret: $MOCK_JWT_SECRET, else random per start)
      --replay FILE.har  answer from a HAR recording (e.g. made by npm run proxy -- --record):
                   same method and path, then the same body, else the same body shape and
                   outcome; anything not recorded gets the documented examples
  -q, --quiet      no request log lines
  -h, --help       show this help

Scenarios per request (as with Prism): Prefer: code=401 | example=NAME | delay=MS | network-error
Ready line on stdout: listening http://127.0.0.1:PORT
`;

const { port, values } = parseServerArgs('mock server', HELP, 4010, {
  host: { type: 'string' },
  stateful: { type: 'boolean' },
  replay: { type: 'string' },
});
const replay = values.replay === undefined ? undefined : await loadReplay(String(values.replay));

/** The recording for --replay, or exit 2 with the reason it cannot be used. */
async function loadReplay(file: string) {
  const { readFile } = await import('node:fs/promises');
  const { parseHar } = await import('../proxy/har.ts');
  const { createReplay } = await import('./core/replay.ts');
  const unusable = (why: string): never => {
    process.stderr.write(`mock server: --replay ${file}: ${why}\n`);
    process.exit(2);
  };
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) =>
    unusable(`cannot read it (${error.code ?? error.message})`),
  );
  const parsed = parseHar(text);
  if (!parsed.ok) return unusable(parsed.message);
  return createReplay(parsed.har);
}

// Log lines are batched per event-loop turn: one write per burst instead of one per request.
let pending = '';
function flushLog(): void {
  process.stderr.write(pending);
  pending = '';
}
function log(line: string): void {
  if (pending === '') setImmediate(flushLog);
  pending += `${line}\n`;
}

try {
  const { startMockServer } = await import('./node-server.ts');
  const server = await startMockServer({
    port,
    host: (values.host as string | undefined) ?? '127.0.0.1',
    stateful: values.stateful === true,
    ...(replay ? { replay } : {}),
    ...(process.env.MOCK_JWT_SECRET ? { jwtSecret: process.env.MOCK_JWT_SECRET } : {}),
    ...(values.quiet ? {} : { log }),
  });
  process.stdout.write(`listening ${server.url}\n`);
  if (replay) process.stderr.write(`replaying ${replay.size} recorded answers from ${values.replay}\n`);
  if (values.stateful) {
    const ids = server.model?.users.all().map((user) => user.id) ?? [];
    process.stderr.write(`stateful mode: demo users ${ids.join(', ')} (see README.md, Stateful mode)\n`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    server.close().then(() => {
      if (pending) flushLog();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    process.stderr.write(`mock server: port ${port} is in use; pick another with --port N (0 picks a free one)\n`);
  } else {
    process.stderr.write(`mock server: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
}

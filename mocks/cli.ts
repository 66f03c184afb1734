#!/usr/bin/env node
/**
 * `npm start` / `login-api-mock`: the HTTP mock server from the command line.
 * Prints `listening http://127.0.0.1:PORT` on stdout once ready; request log lines go to stderr.
 */
// First: refuse an old Node with one line, before anything else loads.
import '../common/node-floor.ts';
import module from 'node:module';
import type { MockUser } from './core/demo-users.ts';

// Read before anything slow: the shell npm started us from may be gone by the time we listen.
const parentAtStart = process.ppid;

// Node caches compiled code (and stripped TypeScript) across starts; modules loaded from here on
// benefit, which is why everything else is imported dynamically below.
module.enableCompileCache?.();
const { parseServerArgs, USAGE_EXIT } = await import('./cli-args.ts');
const { lineBatch } = await import('../common/node/line-batch.ts');

const HELP = `Usage: login-api-mock [options]   (in this repository: npm start -- [options])

Serves the Login API from its OpenAPI document on 127.0.0.1.

Options:
  -p, --port N              port to listen on (default: $PORT or 4010; 0 picks a free port)
      --host H              interface to bind (default: 127.0.0.1)
      --stateful            stateful mode: demo users, credential checks, real signed JWTs
                            (signing secret: $MOCK_JWT_SECRET, else random per start)
      --access-ttl S        stateful: access token lifetime in seconds (default: the documented one)
      --refresh-ttl S       stateful: refresh token lifetime in seconds (default: the documented one)
      --users FILE          stateful: users from a JSON or YAML file instead of the demo users,
                            a list of {user, password, passwordReset?}
      --prefer VALUE        server-wide Prefer for requests that send none, e.g. "code=503"
                            or "example=wrong-credentials, delay=800"; a request's own
                            Prefer replaces it whole
      --clock-offset S      start with the mock's clock S seconds ahead of real time
      --control / --no-control
                            answer the control endpoints under /__mock/ (server-wide Prefer,
                            clock); default: on for a loopback --host, off otherwise
      --watch               restart when spec/generated or the --users file changes, keeping
                            the signing secret, server-wide Prefer and clock (sessions survive)
      --replay FILE.har     answer from a HAR recording (e.g. made by npm run proxy -- --record):
                            same method and path, then the same body, else the same body shape
                            and outcome; anything not recorded gets the documented examples
  -q, --quiet               no request log lines
  -h, --help                show this help

Scenarios per request (as with Prism): Prefer: code=401 | example=NAME | delay=MS | network-error
Infrastructure answers on every operation: Prefer: code=429 | 500 | 502 | 503
Control endpoints: GET|PUT|DELETE /__mock/prefer  {"prefer": "code=503"}
                   GET|POST|DELETE /__mock/clock  {"advance_seconds": 1800}
Ready line on stdout: listening http://127.0.0.1:PORT
`;

/** Longest wait for open connections to close on stop. */
const CLOSE_TIMEOUT_MS = 5_000;
/** How often to check, when run by npm, that npm's shell is still there. */
const PARENT_POLL_MS = 250;

const { port, values } = parseServerArgs('mock server', HELP, 4010, {
  host: { type: 'string' },
  stateful: { type: 'boolean' },
  replay: { type: 'string' },
  'access-ttl': { type: 'string' },
  'refresh-ttl': { type: 'string' },
  users: { type: 'string' },
  prefer: { type: 'string' },
  'clock-offset': { type: 'string' },
  control: { type: 'boolean' },
  'no-control': { type: 'boolean' },
  watch: { type: 'boolean' },
});
const replay = values.replay === undefined ? undefined : await loadReplay(String(values.replay));

/** The recording for --replay, or exit 2 with the reason it cannot be used. */
async function loadReplay(file: string) {
  const { readFile } = await import('node:fs/promises');
  const { parseHar } = await import('../traffic/har.ts');
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

function usage(message: string): never {
  process.stderr.write(`mock server: ${message}\n\n${HELP}`);
  process.exit(USAGE_EXIT);
}

/** A whole number of seconds from an option, or undefined when absent. */
function seconds(name: string, min: number): number | undefined {
  const raw = values[name] as string | undefined;
  if (raw === undefined) return undefined;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < min)
    usage(`--${name} must be a whole number of seconds >= ${min}, got '${raw}'`);
  return Number(raw);
}

const accessTtl = seconds('access-ttl', 1);
const refreshTtl = seconds('refresh-ttl', 1);
const clockOffset = seconds('clock-offset', 0);
const usersFile = values.users as string | undefined;
if (!values.stateful) {
  for (const name of ['access-ttl', 'refresh-ttl', 'users']) {
    if (values[name] !== undefined) usage(`--${name} needs --stateful`);
  }
}
if (values.control && values['no-control']) usage('--control and --no-control contradict each other');

const logLines = lineBatch(process.stderr);

/** The --users file's users; exits 2 naming the problem when it is missing or unusable. */
async function readUsers(): Promise<MockUser[] | undefined> {
  if (usersFile === undefined) return undefined;
  const [{ readFile }, { parseUsersFile }] = await Promise.all([import('node:fs/promises'), import('./core/users.ts')]);
  try {
    return parseUsersFile(await readFile(usersFile, 'utf8'), usersFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return usage(code === 'ENOENT' ? `--users: no file '${usersFile}'` : `--users: ${(error as Error).message}`);
  }
}

async function serve(): Promise<void> {
  try {
    const { startMockServer } = await import('./node-server.ts');
    const users = await readUsers();
    const server = await startMockServer({
      port,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      stateful: values.stateful === true,
      ...(accessTtl !== undefined ? { accessTtl } : {}),
      ...(refreshTtl !== undefined ? { refreshTtl } : {}),
      ...(users ? { users } : {}),
      ...(values.prefer !== undefined ? { prefer: values.prefer as string } : {}),
      ...(clockOffset !== undefined ? { clockOffsetMs: clockOffset * 1000 } : {}),
      ...(values.control ? { controlEndpoints: true } : values['no-control'] ? { controlEndpoints: false } : {}),
      ...(replay ? { replay } : {}),
      ...(process.env.MOCK_JWT_SECRET ? { jwtSecret: process.env.MOCK_JWT_SECRET } : {}),
      ...(values.quiet ? {} : { log: logLines.write }),
    });
    process.stdout.write(`listening ${server.url}\n`);
    if (replay) process.stderr.write(`replaying ${replay.size} recorded answers from ${values.replay}\n`);
    if (server.model) {
      const ids = server.model.users.all().map((user) => user.user);
      const lifetimes = `tokens live ${server.model.accessTokenExpiresIn} s (access), ${server.model.refreshTokenExpiresIn} s (refresh)`;
      process.stderr.write(
        `stateful mode: ${users ? `users from ${usersFile}` : 'demo users'} ${ids.join(', ')}; ${lifetimes}\n`,
      );
    }
    if (server.control.prefer) process.stderr.write(`server-wide Prefer: ${server.control.prefer}\n`);
    if (server.controlEndpoints && !values.quiet)
      process.stderr.write(`control endpoints: ${server.url}/__mock/prefer, /__mock/clock\n`);
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(1); // a second signal: stop now
      stopping = true;
      setTimeout(() => process.exit(1), CLOSE_TIMEOUT_MS).unref();
      server.close().then(() => {
        logLines.flush();
        process.exit(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.on('SIGHUP', stop);
    // npm runs scripts and `npx` commands through `sh -c`; stopping npm signals that shell, which
    // dies without passing the signal on. So under npm, the parent going away means stop too.
    if (process.env.npm_lifecycle_event !== undefined) {
      setInterval(() => {
        if (process.ppid !== parentAtStart) stop();
      }, PARENT_POLL_MS).unref();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`mock server: port ${port} is in use; pick another with --port N (0 picks a free one)\n`);
    } else {
      process.stderr.write(`mock server: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  }
}

if (values.prefer !== undefined) {
  const { createMockControl } = await import('./core/control.ts');
  try {
    createMockControl({ prefer: values.prefer as string });
  } catch (error) {
    usage(`--prefer: ${(error as Error).message}`);
  }
}
if (values.watch) {
  const { superviseWithWatch } = await import('./cli-watch.ts');
  // The child runs the script this process was started with, whichever it is.
  await superviseWithWatch(process.argv[1] ?? import.meta.filename, process.argv.slice(2), usersFile);
} else {
  await serve();
}

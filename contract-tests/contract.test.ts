// The vitest front end of the contract suite: one test per check, the same checks and runner as
// the CLI. Point it at any server:
//   CONTRACT_BASE_URL=https://staging.example.com CONTRACT_USER=qa CONTRACT_PASSWORD=… \
//     npm run test:contract
// Without CONTRACT_BASE_URL it checks the project's stateful mock server, started on a free port.
// Inferred checks only warn (as a test annotation) unless CONTRACT_STRICT=1.
import { afterAll, beforeAll, describe, test } from 'vitest';
import { selectChecks } from '../judge/checks/index.ts';
import { formatResult } from '../report/console.ts';
import { checkList, parseCliArgs } from './args.ts';
import { startDefaultTarget, type Target } from './default-target.ts';
import { createSession, type Session } from './runner.ts';

const env = process.env;
let target: Target | undefined;
let session: Session;
let strict = false;

// CONTRACT_ONLY / CONTRACT_SKIP select checks as --only / --skip do.
const only = checkList('CONTRACT_ONLY', env.CONTRACT_ONLY ? [env.CONTRACT_ONLY] : []);
const skipped = checkList('CONTRACT_SKIP', env.CONTRACT_SKIP ? [env.CONTRACT_SKIP] : []);
if (typeof only === 'string') throw new Error(only);
if (typeof skipped === 'string') throw new Error(skipped);
const selected = selectChecks(only, skipped);

beforeAll(async () => {
  let options: {
    baseUrl: string;
    user: string;
    password: string;
    timeoutMs: number;
    runTimeoutMs: number;
    seed?: number;
    budget?: number;
  };
  if (env.CONTRACT_BASE_URL) {
    const parsed = parseCliArgs([], env);
    if (parsed.kind !== 'run') throw new Error(parsed.kind === 'error' ? parsed.message : parsed.kind);
    options = parsed.options;
    strict = parsed.options.strict;
  } else {
    target = await startDefaultTarget();
    options = {
      baseUrl: target.url,
      user: target.user,
      password: target.password,
      timeoutMs: 5000,
      runTimeoutMs: 45_000,
      ...(env.CONTRACT_SEED ? { seed: Number(env.CONTRACT_SEED) } : {}),
      ...(env.CONTRACT_BUDGET ? { budget: Number(env.CONTRACT_BUDGET) } : {}),
    };
    strict = Boolean(env.CONTRACT_STRICT && env.CONTRACT_STRICT !== '0');
  }
  session = createSession({ ...options, strict, fetch: globalThis.fetch });
});

afterAll(async () => {
  await target?.close();
});

describe('Login API contract', () => {
  for (const check of selected) {
    test(`${check.level}: ${check.id}`, { timeout: 30_000 }, async (t) => {
      const before = session.cannotJudge();
      if (before) throw new Error(`cannot judge: ${before}`);
      const result = await session.runCheck(check);
      const after = session.cannotJudge();
      if (after) throw new Error(`cannot judge: ${after}`);
      if (result.verdict === 'skip') t.skip(result.note);
      if (result.verdict === 'warn') {
        // A warning passes the test; it is shown as an annotation and on the console.
        console.warn(formatResult(result));
        await t.annotate(formatResult(result), 'warning');
      }
      if (result.verdict === 'fail') throw new Error(`\n${formatResult(result)}`);
    });
  }
});

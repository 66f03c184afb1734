/**
 * A request's own `Prefer` replaces a server-wide or fixed scenario whole: status, example, delay
 * and network error alike. One table drives every mock: the msw handlers (real msw, setupServer),
 * the HTTP mock server (real node:http on 127.0.0.1) and Prism behind its front (real Prism), each
 * with the scenario set server-wide, and the first two with it fixed in code as well.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrefer, type Scenario } from '../common/prefer.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { createHandlers } from './msw/handlers.ts';
import { startMockServer } from './node-server.ts';
import { type PrismServer, startPrism } from './prism.ts';
import { startPrismFront } from './prism-front.ts';

const LOGIN = '/v1/api/auth/login';
const MSW_ORIGIN = 'https://precedence.example';
/** Longer than any answer may take here: a wide delay that leaks into an answer shows as a timeout. */
const WIDE_DELAY_MS = 20_000;
const AT_ONCE_MS = 5_000;

const responses = openapiDocument.paths[LOGIN].post.responses as unknown as Record<
  string,
  { content: { 'application/json': { examples: Record<string, { value: unknown }> } } }
>;
/** The spec's first example of a status: what `code=N` (or nothing, for 200) answers. */
const firstExample = (status: number) =>
  Object.values(responses[String(status)]?.content['application/json'].examples ?? {})[0]?.value;

type Outcome = { status: number; atOnce?: true; atLeastMs?: number } | { networkError: true };

interface Row {
  /** The scenario for the whole mock, as a server-wide `Prefer` value. */
  wide: string;
  /** The request's own `Prefer` header, if any. */
  own?: string;
  want: Outcome;
}

const table: Row[] = [
  // The request's own Prefer wins whole: nothing of the wide scenario leaks into its answer.
  { wide: `delay=${WIDE_DELAY_MS}`, own: 'code=401', want: { status: 401, atOnce: true } },
  { wide: 'network-error', own: 'code=401', want: { status: 401, atOnce: true } },
  { wide: `code=503, delay=${WIDE_DELAY_MS}`, own: 'code=429', want: { status: 429, atOnce: true } },
  { wide: `network-error, delay=${WIDE_DELAY_MS}`, own: 'example=documented', want: { status: 200, atOnce: true } },
  { wide: 'code=503', own: 'delay=300', want: { status: 200, atLeastMs: 290 } },
  { wide: 'code=503', own: 'network-error', want: { networkError: true } },
  { wide: 'code=401, example=wrong-credentials', own: 'code=500', want: { status: 500, atOnce: true } },
  // Without a Prefer of its own (or one holding nothing a mock knows), the wide scenario applies.
  { wide: 'code=503', want: { status: 503 } },
  { wide: 'code=503', own: 'respond-async', want: { status: 503 } },
  { wide: 'network-error', want: { networkError: true } },
  { wide: 'delay=300', want: { status: 200, atLeastMs: 290 } },
  { wide: 'example=wrong-credentials', want: { status: 401 } },
];

/** Sends a valid login with the given Prefer; what came back, and how long it took. */
async function login(base: string, prefer: string | undefined) {
  const started = performance.now();
  try {
    const res = await fetch(`${base}${LOGIN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(prefer ? { prefer } : {}) },
      body: JSON.stringify({ user: 'someone', password: 'anything' }),
      signal: AbortSignal.timeout(WIDE_DELAY_MS / 2),
    });
    const body: unknown = await res.json();
    return { status: res.status, body, ms: performance.now() - started };
  } catch (error) {
    return { error: error as Error, ms: performance.now() - started };
  }
}

function check(answer: Awaited<ReturnType<typeof login>>, want: Outcome): void {
  if ('networkError' in want) {
    expect(answer).toMatchObject({ error: expect.any(TypeError) });
    expect((answer as { error: Error }).error.name).toBe('TypeError');
    return;
  }
  if (answer.error) throw new Error(`no answer: ${answer.error.name}: ${answer.error.message}`);
  expect(answer.status).toBe(want.status);
  expect(answer.body).toEqual(firstExample(want.status));
  if (want.atOnce) expect(answer.ms).toBeLessThan(AT_ONCE_MS);
  if (want.atLeastMs !== undefined) expect(answer.ms).toBeGreaterThanOrEqual(want.atLeastMs);
}

/** A mock set up with one scenario for all its requests; `close` when done. */
type Target = (wide: string) => Promise<{ base: string; close: () => Promise<void> }>;

const mswServer = setupServer();
let prism: PrismServer;

function fixedScenario(wide: string): Scenario {
  const parsed = parsePrefer(wide);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.scenario;
}

const targets: Record<string, Target> = {
  'msw handlers, prefer option': async (wide) => {
    mswServer.use(...createHandlers({ baseUrl: MSW_ORIGIN, prefer: wide }));
    return { base: MSW_ORIGIN, close: async () => mswServer.resetHandlers() };
  },
  'msw handlers, scenario fixed in code': async (wide) => {
    mswServer.use(...createHandlers({ baseUrl: MSW_ORIGIN, scenario: fixedScenario(wide) }));
    return { base: MSW_ORIGIN, close: async () => mswServer.resetHandlers() };
  },
  'HTTP mock server, prefer option': async (wide) => {
    const server = await startMockServer({ port: 0, prefer: wide });
    return { base: server.url, close: () => server.close() };
  },
  'HTTP mock server, scenario fixed in code': async (wide) => {
    const server = await startMockServer({ port: 0, scenario: fixedScenario(wide) });
    return { base: server.url, close: () => server.close() };
  },
  // One Prism process for the whole table (it takes seconds to start); each row gets a front of its own.
  'Prism behind its front, prefer option': async (wide) => {
    const front = await startPrismFront({ target: prism.prismUrl, prefer: wide });
    return { base: front.url, close: () => front.close() };
  },
};

beforeAll(async () => {
  mswServer.listen({ onUnhandledFrame: 'bypass' });
  prism = await startPrism({ port: 0 });
});
afterAll(async () => {
  mswServer.close();
  await prism?.close();
});

describe('a request’s own Prefer replaces the server-wide or fixed scenario', () => {
  describe.each(Object.entries(targets))('%s', (_target, start) => {
    it.each(table.map((row) => [`${row.wide} | ${row.own ?? '(none)'}`, row] as const))(
      'wide %s',
      async (_name, row) => {
        const mock = await start(row.wide);
        try {
          check(await login(mock.base, row.own), row.want);
        } finally {
          await mock.close();
        }
      },
    );
  });

  it('startPrism takes the server-wide Prefer and refuses an unusable one before starting Prism', async () => {
    await expect(startPrism({ port: 0, prefer: 'code=418' })).rejects.toThrow(/defined for no operation/);
    await expect(startPrismFront({ target: prism.prismUrl, prefer: 'delay=soon' })).rejects.toThrow(/delay must be/);
  });
});

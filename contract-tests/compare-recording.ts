// `contract --har FILE --compare-mock`: the recording's requests replayed, in order, to the kit's
// own mock (started here, stateful, with the users whose recorded logins succeeded), and each
// recorded answer compared with the mock's. Tokens the server handed out are swapped for the ones
// the mock handed out for the same request, so a recorded refresh reaches the mock with its token.
import { parseJsonOrUndefined } from '../common/bounded-json.ts';
import { isObject } from '../common/json.ts';
import { getPointer } from '../common/json-pointer.ts';
import { type Api, loadApi } from '../judge/api.ts';
import { driftOf } from '../judge/drift/drift.ts';
import { pairExchanges } from '../judge/drift/pair-exchanges.ts';
import { suggestOverlay } from '../judge/drift/suggest-overlay.ts';
import { judgeRejection } from '../judge/judge.ts';
import { redactDeep, type Secrets, tokensIn } from '../judge/redact.ts';
import { secretsOf as exchangeSecrets } from '../judge/secrets-of.ts';
import { entryToRecorded, type ProxyEntry, parseHar } from '../traffic/har.ts';
import { toExchange } from '../traffic/recorded-exchange.ts';
import type { MockComparison } from './compare-mock.ts';
import { createTransport, type Exchange } from './transport.ts';

/** Request headers replayed as recorded; the rest (Host, lengths, hop-by-hop, cookies) are the mock's business. */
const replayedHeaders = new Set(['content-type', 'accept', 'origin', 'prefer', 'authorization']);

/** The path of the spec operation a recorded path ends with (a target's base path before it is dropped). */
function operationPath(api: Api, url: string): string | undefined {
  const path = url.split('?')[0] ?? '';
  const known = Object.keys(api.document.paths ?? {});
  return known.find((p) => p === path) ?? known.find((p) => path.endsWith(p));
}

/** Token fields of a body (names ending in `token`), by JSON pointer. */
function tokenFields(value: unknown, pointer = '', out = new Map<string, string>(), depth = 0): Map<string, string> {
  if (depth > 12 || !isObject(value)) return out;
  for (const [key, child] of Object.entries(value)) {
    const here = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (/token$/i.test(key) && typeof child === 'string' && child !== '') out.set(here, child);
    else tokenFields(child, here, out, depth + 1);
  }
  return out;
}

const bodyOf = (exchange: Exchange | undefined) =>
  exchange?.response?.json.ok ? exchange.response.json.value : undefined;

/** The users whose recorded logins succeeded (a 2xx with tokens and no refusal), as the mock's users. */
function recordedUsers(api: Api, recorded: readonly Exchange[]) {
  const users = new Map<string, string>();
  for (const exchange of recorded) {
    if (exchange.request.path !== api.login.path || !exchange.response) continue;
    const body = parseJsonOrUndefined(exchange.request.body);
    const user = isObject(body) ? body[api.fields.user] : undefined;
    const password = isObject(body) ? body[api.fields.password] : undefined;
    const answered = bodyOf(exchange);
    const success =
      exchange.response.status < 300 &&
      judgeRejection(exchange, api) !== undefined &&
      typeof getPointer(answered, api.tokens.access.pointer) === 'string';
    if (success && typeof user === 'string' && typeof password === 'string' && !users.has(user)) {
      users.set(user, password);
    }
  }
  return [...users].map(([user, password]) => ({ user, password, passwordReset: false }));
}

export type RecordingComparison = MockComparison & { skipped: number };

/** Compares a HAR recording's answers with the mock's; a message when the text is no usable recording. */
export async function compareRecordingWithMock(
  text: string,
  options: { timeoutMs: number },
  api: Api = loadApi(),
): Promise<RecordingComparison | { error: string }> {
  const parsed = parseHar(text);
  if (!parsed.ok) return { error: parsed.message };
  const recorded: Exchange[] = [];
  let skipped = 0;
  for (const entry of parsed.har.log.entries as ProxyEntry[]) {
    const exchange = toExchange(entryToRecorded(entry), '');
    const path = operationPath(api, exchange.request.url);
    if (path === undefined) {
      skipped++;
      continue;
    }
    const label = `${exchange.request.method} ${path} #${recorded.length + 1}`;
    recorded.push({ ...exchange, request: { ...exchange.request, path, label } });
  }
  const { startMockServer } = await import('../mocks/node-server.ts');
  const mock = await startMockServer({
    port: 0,
    host: '127.0.0.1',
    stateful: true,
    users: recordedUsers(api, recorded),
    controlEndpoints: false,
  });
  try {
    const transport = createTransport({
      baseUrl: mock.url,
      fetch: globalThis.fetch,
      timeoutMs: options.timeoutMs,
      deadline: Date.now() + Math.max(60_000, recorded.length * options.timeoutMs),
    });
    /** Server token → the mock's token for the same request. */
    const swapped = new Map<string, string>();
    const swap = (value: string) => {
      let out = value;
      for (const [from, to] of swapped) if (out.includes(from)) out = out.replaceAll(from, to);
      return out;
    };
    for (const exchange of recorded) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(exchange.request.headers ?? {})) {
        if (replayedHeaders.has(name.toLowerCase())) headers[name.toLowerCase()] = swap(value);
      }
      const query = exchange.request.url.indexOf('?');
      const answer = await transport.send({
        method: exchange.request.method,
        path: exchange.request.path + (query === -1 ? '' : exchange.request.url.slice(query)),
        headers,
        ...(exchange.request.body === undefined || exchange.request.body === ''
          ? {}
          : { body: swap(exchange.request.body) }),
        label: exchange.request.label,
      });
      const mine = tokenFields(bodyOf(answer));
      for (const [pointer, token] of tokenFields(bodyOf(exchange))) {
        const theirs = mine.get(pointer);
        if (theirs !== undefined && token.length >= 8) swapped.set(token, theirs);
      }
    }
    const mockLog = transport.log.map((e) => ({
      ...e,
      request: { ...e.request, path: e.request.path.split('?')[0] ?? '' },
    }));
    const secrets: Secrets = { passwords: [], tokens: [] };
    for (const exchange of recorded) {
      const found = exchangeSecrets({
        requestHeaders: exchange.request.headers ?? {},
        requestBody: exchange.request.body ?? '',
        responseHeaders: exchange.response?.headers,
        responseText: exchange.response?.text,
      });
      secrets.passwords.push(...found.passwords);
      secrets.tokens.push(...found.tokens);
    }
    for (const e of mockLog) if (e.response?.json.ok) secrets.tokens.push(...tokensIn(e.response.json.value));
    const drift = driftOf(pairExchanges(recorded, mockLog), api);
    const suggestions = suggestOverlay(drift, api, (value) => redactDeep(value, secrets));
    return {
      drift,
      suggestions,
      secrets,
      skipped,
    };
  } finally {
    await mock.close();
  }
}

/**
 * Replay of a HAR recording over the mock's own decision, free of any platform (browser-safe).
 * For each request: recorded entries with the same method and path are candidates; one whose
 * request body is the same (as JSON, key order aside) answers; else one whose body has the same
 * shape (keys and value types) and whose answer has the same outcome as the mock planned
 * (success, or a refusal: a wrong password in the stateful mode, `Prefer: code=401`); else the
 * mock's own answer (the documented examples). Answers the proxy made itself (502/504) are not replayed.
 */

import type { Entry, Har } from 'har-format';
import { jsonLimits, parseBoundedJson } from '../../common/bounded-json.ts';
import { checkHar } from '../../common/har-check.ts';
import type { MockCore, MockRequest, MockResponse } from './plan-response.ts';

export interface Replay {
  /** The recorded answer for this request, or undefined to keep the mock's `planned` one. */
  answer(request: MockRequest, planned: MockResponse): MockResponse | undefined;
  /** How many recorded answers can be replayed. */
  readonly size: number;
}

interface Recorded {
  method: string;
  path: string;
  bodyKey: string;
  shape: string;
  outcome: Outcome;
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Outcome = 'success' | 'refusal';

/** Headers that describe the recorded connection or encoding, not the answer we send again. */
const dropped = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
]);

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  const parsed = parseBoundedJson(text);
  return parsed.ok ? parsed : { ok: false };
}

/** Members sorted by name at every level (parsed bodies are bounded, so the recursion is too). */
function canonical(value: unknown, depth = 0): unknown {
  if (depth > jsonLimits.maxDepth) return null;
  if (Array.isArray(value)) return value.map((item) => canonical(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key], depth + 1)]),
    );
  }
  return value;
}

function shapeOf(value: unknown, depth = 0): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') {
    if (depth > jsonLimits.maxDepth) return 'object';
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${key}:${shapeOf((value as Record<string, unknown>)[key], depth + 1)}`)
      .join(',')}}`;
  }
  return typeof value;
}

function mediaEssence(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Body identity and body shape of a request, for matching. */
function keys(contentType: string | undefined, body: string): { bodyKey: string; shape: string } {
  const type = mediaEssence(contentType);
  if (body.trim() === '') return { bodyKey: `${type}|`, shape: `${type}|empty` };
  const json = parse(body);
  if (!json.ok) return { bodyKey: `${type}|${body}`, shape: `${type}|not-json` };
  return { bodyKey: `${type}|${JSON.stringify(canonical(json.value))}`, shape: `${type}|${shapeOf(json.value)}` };
}

/** Success: a 2xx whose `code` (at the top or under `result`) is absent or zero. */
function outcomeOf(status: number, body: string): Outcome {
  if (status < 200 || status > 299) return 'refusal';
  const json = parse(body);
  const value = json.ok ? (json.value as { code?: unknown; result?: { code?: unknown } } | null) : undefined;
  const codes = [value?.code, value?.result?.code].filter((c) => c !== undefined);
  return codes.every((c) => c === 0 || c === '0') ? 'success' : 'refusal';
}

function text(content: Entry['response']['content']): string {
  const raw = content.text ?? '';
  if (content.encoding !== 'base64') return raw;
  return new TextDecoder().decode(Uint8Array.from(atob(raw), (c) => c.charCodeAt(0)));
}

function header(headers: { name: string; value: string }[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

function record(entry: Entry): Recorded | undefined {
  // Answers the proxy made itself, and interim (1xx) answers, are not answers to replay.
  if ((entry as { _failure?: unknown })._failure || entry.response.status < 200) return undefined;
  let url: URL;
  try {
    url = new URL(entry.request.url);
  } catch {
    return undefined;
  }
  const body = text(entry.response.content);
  const headers: Record<string, string> = {};
  for (const { name, value } of entry.response.headers ?? []) {
    const key = name.toLowerCase();
    if (!dropped.has(key)) headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return {
    method: entry.request.method.toUpperCase(),
    path: url.pathname,
    ...keys(header(entry.request.headers ?? [], 'content-type'), entry.request.postData?.text ?? ''),
    outcome: outcomeOf(entry.response.status, body),
    status: entry.response.status,
    headers,
    body,
  };
}

/**
 * Throws (at once, never while serving) when an entry cannot be used; headers no response may
 * carry (CR/LF, beyond Latin-1, bad names) are left out.
 */
export function createReplay(har: Har): Replay {
  const checked = checkHar(har);
  if (!checked.ok) throw new Error(`the recording cannot be replayed: ${checked.message}`);
  const recorded = checked.har.log.entries.flatMap((entry) => record(entry) ?? []);
  return {
    size: recorded.length,
    answer(request, planned) {
      if (planned.networkError) return undefined;
      const method = request.method.toUpperCase();
      // A recording made through a target with a base path holds `/base` + the API path.
      const candidates = recorded.filter(
        (r) => r.method === method && (r.path === request.path || r.path.endsWith(request.path)),
      );
      if (candidates.length === 0) return undefined;
      const { bodyKey, shape } = keys(request.contentType, request.body);
      const outcome = outcomeOf(planned.status, planned.body);
      const hit =
        candidates.findLast((r) => r.bodyKey === bodyKey) ??
        candidates.find((r) => r.shape === shape && r.outcome === outcome);
      if (!hit) return undefined;
      return { status: hit.status, headers: hit.headers, body: hit.body, delay: planned.delay, networkError: false };
    },
  };
}

/** The mock core with recorded answers in front of its own. */
export function withReplay(core: MockCore, replay: Replay | undefined): MockCore {
  if (!replay) return core;
  return {
    bodyLimit: core.bodyLimit,
    handle(request) {
      const planned = core.handle(request);
      return planned instanceof Promise
        ? planned.then((p) => replay.answer(request, p) ?? p)
        : (replay.answer(request, planned) ?? planned);
    },
  };
}

// What the drift comparison reads of one answer: its status, media type, the shape of its body
// (field types, never values, except the envelope's `code`), the headers clients act on, and how
// long it took in coarse classes. Tokens are reduced to their kind (JWT or opaque), never kept.
import { childPointer } from '../../common/json-pointer.ts';
import type { Exchange } from '../exchange.ts';
import { looksLikeJwt } from '../jwt.ts';

/** prompt: under a second; slow: answered later; no answer: a timeout or a dropped connection. */
export type TimingClass = 'prompt' | 'slow' | 'no answer';

export interface AnswerShape {
  /** Undefined when no answer came (then `failure` says why). */
  status?: number;
  failure?: string;
  /** Media type essence, e.g. `application/json`; undefined without a usable Content-Type. */
  mediaType?: string;
  body: 'json' | 'text' | 'empty';
  /** JSON pointer → type (`string`, `number`, `object` …; `JWT` or `opaque token` for tokens). */
  fields: Map<string, string>;
  /** JSON pointer of each scalar `code` field → its value as JSON text. */
  codes: Map<string, string>;
  /** Header (lower case) → value normalised for comparison; only the headers listed in `watchedHeaders`. */
  headers: Map<string, string>;
  timing: TimingClass;
}

/** Answers slower than this are `slow`. */
export const slowMs = 1000;
/** Bounds on the walk over a body: deeper or wider parts are summarised, never walked. */
export const maxDepth = 12;
export const maxFields = 400;
const maxArrayItems = 8;

/** The headers a client acts on: caching, when to retry, and whether a browser may read the answer. */
export const watchedHeaders = [
  'cache-control',
  'retry-after',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
] as const;

/** Headers whose value is a comma-separated list: compared as a set, case and order aside. */
const listHeaders = new Set([
  'cache-control',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
]);

function normaliseHeader(name: string, value: string, requestOrigin: string | undefined): string {
  if (listHeaders.has(name)) {
    return [
      ...new Set(
        value
          .split(',')
          .map((part) =>
            part
              .trim()
              .toLowerCase()
              .replace(/\s*=\s*/, '='),
          )
          .filter(Boolean),
      ),
    ]
      .sort()
      .join(', ');
  }
  // A changing number of seconds (or a date) is not drift; its presence and kind are.
  if (name === 'retry-after') return /^\s*\d+\s*$/.test(value) ? 'seconds' : 'a date';
  if (name === 'access-control-allow-origin' && requestOrigin !== undefined && value.trim() === requestOrigin) {
    return "the request's Origin";
  }
  return value.trim().toLowerCase();
}

function typeOf(key: string, value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') {
    if (/token$/i.test(key) && value !== '') return looksLikeJwt(value) ? 'JWT' : 'opaque token';
    return looksLikeJwt(value) ? 'JWT' : 'string';
  }
  return typeof value;
}

/** Field types and `code` values of a parsed body, bounded in depth and count. */
export function bodyShape(body: unknown): { fields: Map<string, string>; codes: Map<string, string> } {
  const fields = new Map<string, string>();
  const codes = new Map<string, string>();
  const walk = (value: unknown, key: string, pointer: string, depth: number) => {
    if (fields.size >= maxFields) return;
    const type = typeOf(key, value);
    const known = fields.get(pointer);
    // Array items share one pointer (`/list/*`): differing item types read as `string|number`.
    fields.set(
      pointer,
      known === undefined || known === type ? type : [...new Set([...known.split('|'), type])].sort().join('|'),
    );
    if (key === 'code' && (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')) {
      codes.set(pointer, JSON.stringify(value));
    }
    if (depth >= maxDepth) return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, maxArrayItems)) walk(item, '', `${pointer}/*`, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value))
        walk(child, childKey, childPointer(pointer, childKey), depth + 1);
    }
  };
  walk(body, '', '', 0);
  return { fields, codes };
}

export function timingOf(exchange: Exchange): TimingClass {
  if (!exchange.response) return 'no answer';
  return exchange.durationMs < slowMs ? 'prompt' : 'slow';
}

export function answerShape(exchange: Exchange): AnswerShape {
  const response = exchange.response;
  const timing = timingOf(exchange);
  if (!response) {
    return {
      failure: exchange.failure?.message ?? 'no answer',
      body: 'empty',
      fields: new Map(),
      codes: new Map(),
      headers: new Map(),
      timing,
    };
  }
  const origin = Object.entries(exchange.request.headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
  const headers = new Map<string, string>();
  for (const name of watchedHeaders) {
    const value = response.headers[name];
    if (value !== undefined) headers.set(name, normaliseHeader(name, value, origin));
  }
  const json = response.json;
  const { fields, codes } = json.ok ? bodyShape(json.value) : { fields: new Map(), codes: new Map() };
  return {
    status: response.status,
    ...(response.mediaType ? { mediaType: response.mediaType.essence } : {}),
    body: json.ok ? 'json' : response.text.trim() === '' ? 'empty' : 'text',
    fields,
    codes,
    headers,
    timing,
  };
}

// What one request and its answer (or its failure) look like, wherever the exchange came from: the
// active run, the proxy or a recording. Plain data, so the judge never needs a socket.
import { parseBoundedJson } from '../common/bounded-json.ts';
import type { MediaType } from '../common/media-type.ts';

export interface RequestSpec {
  method: string;
  /** Path under the base URL, e.g. `/v1/api/auth/login`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** What the request is for, in plain words ("login with a wrong password"). */
  label: string;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; error: string };

export interface ReceivedResponse {
  status: number;
  statusText: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  mediaType: MediaType | undefined;
  text: string;
  /** The body parsed as JSON (whatever the declared media type), or why it is not JSON. */
  json: JsonBody;
  truncated: boolean;
}

/** `client`: the client's request was malformed and refused (a proxy's 400), no fault of the server. */
export type FailureKind = 'timeout' | 'reset' | 'protocol' | 'unreachable' | 'not-sent' | 'client' | 'other';

export interface TransportFailure {
  kind: FailureKind;
  /** Plain words, e.g. "no answer within 5000 ms". */
  message: string;
  /** Low-level code when there is one (ECONNREFUSED, UND_ERR_SOCKET …). */
  code?: string;
}

export interface Exchange {
  request: RequestSpec & { url: string };
  response?: ReceivedResponse;
  failure?: TransportFailure;
  startedAt: number;
  durationMs: number;
  /** The request was first answered with a rate limit (429/503 + Retry-After), waited out and sent again. */
  retried?: { status: number; waitedMs: number };
}

export function parseJson(text: string, truncated: boolean): JsonBody {
  if (truncated) return { ok: false, error: 'the body is too large to read' };
  const trimmed = text.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') return { ok: false, error: 'the body is empty' };
  const parsed = parseBoundedJson(trimmed);
  if (parsed.ok) return parsed;
  // Past the limits the body is evidence in itself, never walked (a deep one would overflow the stack).
  return parsed.reason === 'invalid'
    ? { ok: false, error: `the body is not valid JSON (${parsed.message})` }
    : {
        ok: false,
        error: `${parsed.message} (the kit reads no further; no login or refresh answer comes near that)`,
      };
}

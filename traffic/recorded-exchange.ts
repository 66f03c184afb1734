// A recorded exchange (seen by the proxy, or read from a HAR file) in the contract kit's own
// Exchange shape, so the kit's judges and checks read it exactly as they read a live one.
import { parseMediaType } from '../common/media-type.ts';
import { type Exchange, parseJson, type TransportFailure } from '../judge/exchange.ts';

export interface RecordedExchange {
  method: string;
  /** Path with query string, as the client sent it. */
  url: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  requestHeaders: Record<string, string>;
  requestBody: string;
  response?: {
    status: number;
    statusText: string;
    headers: Record<string, string>;
    /** The body after any Content-Encoding is undone (what the judge reads). */
    text: string;
    truncated: boolean;
  };
  failure?: TransportFailure;
  startedAt: number;
  durationMs: number;
}

/** The path without query string. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function toExchange(recorded: RecordedExchange, label: string): Exchange {
  const response = recorded.response;
  return {
    request: {
      method: recorded.method.toUpperCase(),
      path: pathOf(recorded.url),
      headers: recorded.requestHeaders,
      body: recorded.requestBody,
      label,
      url: recorded.url,
    },
    ...(response
      ? {
          response: {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
            mediaType: parseMediaType(response.headers['content-type']),
            text: response.text,
            json: parseJson(response.text, response.truncated),
            truncated: response.truncated,
          },
        }
      : {}),
    ...(recorded.failure ? { failure: recorded.failure } : {}),
    startedAt: recorded.startedAt,
    durationMs: recorded.durationMs,
  };
}

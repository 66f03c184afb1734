// Plain words for every way a call can end, so the page never shows a raw error object.
import type { ApiResult } from '../client/login-api-client.ts';
import type { OperationId } from './scenario.ts';

export interface Notice {
  tone: 'error' | 'success' | 'info';
  title: string;
  detail: string;
}

type Failure = Exclude<ApiResult<unknown>, { ok: true }>;

/** Where the call went: the base URL, and whether it is another origin than the page's (CORS applies). */
export interface Target {
  baseUrl: string;
  crossOrigin: boolean;
}

/** Retry-After in plain words (`30 s`, or the date it names), or undefined when absent or unusable. */
export function retryAfter(response: Response): string | undefined {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return `${Number(value)} s`;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : `at ${new Date(date).toLocaleTimeString([], { hour12: false })}`;
}

export function describeFailure(operation: OperationId, failure: Failure, target: Target): Notice {
  const what = operation === 'login' ? 'Login' : 'Refresh';
  switch (failure.kind) {
    case 'http-error': {
      const answer = `HTTP ${failure.status}${failure.code !== undefined ? ` with code ${failure.code}` : ''}`;
      const detail = failure.desc
        ? `The server answered ${answer}: “${failure.desc}”.`
        : `The server answered ${answer} and gave no reason.`;
      if (failure.status === 401) {
        const title = operation === 'login' ? 'Wrong user or password' : 'Refresh token refused';
        return { tone: 'error', title, detail };
      }
      if (failure.status === 400) return { tone: 'error', title: 'Invalid request', detail };
      const wait = retryAfter(failure.response);
      const retry = wait === undefined ? ' Try again later.' : ` Try again in ${wait}.`;
      if (failure.status === 429) return { tone: 'error', title: 'Too many attempts', detail: `${detail}${retry}` };
      if (failure.status === 503) return { tone: 'error', title: 'Service unavailable', detail: `${detail}${retry}` };
      if (failure.status >= 500) return { tone: 'error', title: 'Server error', detail };
      return { tone: 'error', title: `${what} failed`, detail };
    }
    case 'api-error':
      return {
        tone: 'error',
        title: `${what} refused`,
        detail: `The server answered HTTP ${failure.status} with code ${failure.code}${failure.desc ? `: “${failure.desc}”` : ''}.`,
      };
    case 'network-error':
      return {
        tone: 'error',
        title: 'Network error',
        detail: `No answer from ${target.baseUrl}: the connection failed before any response arrived.${
          target.crossOrigin ? " Is the server running, and does it allow this page's origin (CORS)?" : ''
        }`,
      };
    case 'timeout':
      return { tone: 'error', title: 'No answer in time', detail: `${failure.desc}; the request was cancelled.` };
    case 'aborted':
      return { tone: 'info', title: `${what} cancelled`, detail: failure.desc };
    case 'bad-response':
      return { tone: 'error', title: 'Unexpected answer', detail: failure.desc };
  }
}

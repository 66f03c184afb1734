// When a run has nothing to judge, the answer is "cannot judge" (exit 2), not "violates" (exit 1):
// the server refused the given credentials, or nothing answers at the documented paths. Pure: it
// reads the exchanges of the run and says why, or undefined while the run can go on.

import { getPointer } from '../common/json-pointer.ts';
import type { Api } from './api.ts';
import type { Exchange } from './exchange.ts';
import { codePointers, describeResponse, isNonZeroCode, tokensHandedOut } from './judge.ts';

/** The valid login was refused: 401/403, or a non-zero code, and no token in the answer. */
export function credentialsRefused(login: Exchange | undefined, api: Api): string | undefined {
  const response = login?.response;
  if (!response) return undefined;
  const body = response.json.ok ? response.json.value : undefined;
  if (tokensHandedOut(body).length > 0) return undefined;
  const refusedByStatus = response.status === 401 || response.status === 403;
  const refusedByCode =
    response.status < 300 && codePointers(api).some((pointer) => isNonZeroCode(getPointer(body, pointer)));
  if (!refusedByStatus && !refusedByCode) return undefined;
  return `the server refused the given credentials; check --user/--password (the login answered ${describeResponse(response)})`;
}

const isNothingThere = (e: Exchange) => e.response?.status === 404 || e.failure?.kind === 'protocol';

/**
 * Every request of the run met a 404 or an answer that is not HTTP. `complete` says the run is
 * over; before that, the verdict waits until every documented path has been tried.
 */
export function nothingAtPaths(
  log: readonly Exchange[],
  api: Api,
  baseUrl: string,
  complete: boolean,
): string | undefined {
  const tried = log.filter((e) => e.failure?.kind !== 'not-sent');
  if (tried.length === 0 || !tried.every(isNothingThere)) return undefined;
  const paths = new Set(tried.map((e) => e.request.path));
  if (!complete && ![api.login.path, api.refresh.path].every((p) => paths.has(p))) return undefined;
  const first = tried[0] as Exchange;
  const what = first.response
    ? `${first.request.method} ${first.request.path} answered ${describeResponse(first.response)}`
    : `${first.request.method} ${first.request.path}: ${first.failure?.message}`;
  return `nothing at the documented paths under ${baseUrl}; check --base-url (${what})`;
}

/**
 * A gateway in front refuses everything: a request our API would refuse as malformed (400) got
 * 401/403 too. Then the reason is the gateway, with its first answer, not the credentials.
 */
export function gatewayRefuses(login: Exchange | undefined, malformed: Exchange): string | undefined {
  const statuses = [login?.response?.status, malformed.response?.status];
  if (!login?.response || !statuses.every((s) => s === 401 || s === 403)) return undefined;
  return `every request is refused before the API answers (a gateway or WAF in front?); check --header (the first answer: ${login.request.method} ${login.request.path} answered ${describeResponse(login.response)})`;
}

// What every answer to a generated request must honour: never a server error, never a hang, a
// refusal in a documented shape where one is due, and never tokens unless the exact valid
// credentials were sent. Returns the broken invariant as a kind (for shrinking) and a problem.
import { getPointer } from '../../common/json-pointer.ts';
import type { Api } from '../api.ts';
import type { Exchange } from '../exchange.ts';
import {
  codePointers,
  describeRequest,
  describeResponse,
  judgeRejection,
  noAnswer,
  tokensHandedOut,
} from '../judge.ts';
import type { Problem } from '../types.ts';
import type { Expectation } from './cases.ts';

/** Which invariant an answer broke: a shrunk request must break the same one. */
export type Violation = 'server-error' | 'tokens' | 'not-a-refusal' | 'no-answer';

export interface Broken {
  kind: Violation;
  problem: Problem;
}

const expectedOf: Record<Expectation, string> = {
  refusal: 'a rejection: a 4xx status, or HTTP 200 with a non-zero code; no tokens; never a 5xx',
  'not-served': 'no tokens and no success for a method the docs do not define; never a 5xx (501 is fine)',
  any: 'any answer but a server error (these are the valid credentials)',
};

export function judgeGenerated(exchange: Exchange, api: Api, expectation: Expectation): Broken | undefined {
  const expected = expectedOf[expectation];
  const response = exchange.response;
  if (!response) return { kind: 'no-answer', problem: noAnswer(exchange, expected) };
  const problem = (summary: string): Problem => ({
    summary,
    request: describeRequest(exchange),
    expected,
    actual: describeResponse(response),
  });
  const label = `"${exchange.request.label}"`;
  // A rate limit that outlasted the one retry is the server pacing us, not its answer to the request.
  if ((response.status === 429 || response.status === 503) && response.headers['retry-after'] !== undefined) {
    return undefined;
  }
  const serverError = response.status >= 500 && !(expectation === 'not-served' && response.status === 501);
  if (serverError) {
    return { kind: 'server-error', problem: problem(`${label} caused a server error (status ${response.status}).`) };
  }
  if (expectation === 'any') return undefined;
  const body = response.json.ok ? response.json.value : undefined;
  const tokens = tokensHandedOut(body);
  if (tokens.length > 0) {
    return {
      kind: 'tokens',
      problem: {
        ...problem(`${label} was answered with a token (${tokens.join(', ')}).`),
        pointer: tokens[0] as string,
      },
    };
  }
  if (expectation === 'not-served') {
    const success = codePointers(api).some((pointer) => [0, '0'].includes(getPointer(body, pointer) as number));
    return success && response.status < 300
      ? { kind: 'tokens', problem: problem(`${label} was answered as a success (code 0).`) }
      : undefined;
  }
  const rejection = judgeRejection(exchange, api);
  return rejection ? { kind: 'not-a-refusal', problem: rejection } : undefined;
}

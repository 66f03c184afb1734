// Shared by login-route and refresh-route: the documented path must exist and take the documented method.

import type { Exchange } from '../exchange.ts';
import { describeRequest, describeResponse, noAnswer } from '../judge.ts';
import { fail, type Outcome, pass } from '../types.ts';

const missing: Record<number, string> = {
  404: "the server does not know the documented path (is --base-url the server's root?)",
  405: 'the server does not accept the documented method on this path',
  501: 'the server does not implement the documented method',
};

export function judgeRoute(exchange: Exchange): Outcome {
  const expected = 'any answer other than 404, 405 or 501';
  if (!exchange.response) return fail(noAnswer(exchange, expected));
  const { status, headers } = exchange.response;
  const why = missing[status];
  if (!why) return pass();
  const { method, path } = exchange.request;
  return fail({
    summary: `${method} ${path} answered ${status}: ${why}${headers.allow ? ` (it allows ${headers.allow})` : ''}.`,
    request: describeRequest(exchange),
    expected,
    actual: describeResponse(exchange.response),
  });
}

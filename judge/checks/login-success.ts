import { getPointer } from '../../common/json-pointer.ts';
import type { Exchange } from '../exchange.ts';
import { describeRequest, judgeDocumentedSuccess } from '../judge.ts';
import { type CheckContext, defineCheck, type Problem, verdict } from '../types.ts';

/** What the schema cannot say: a token is not empty, a lifetime is a positive number of seconds. */
function usableTokens(ctx: CheckContext, exchange: Exchange): Problem[] {
  const json = exchange.response?.json;
  if (!json?.ok) return [];
  const problems: Problem[] = [];
  for (const field of [ctx.api.tokens.access, ctx.api.tokens.refresh]) {
    const token = getPointer(json.value, field.pointer);
    if (token === '') {
      problems.push({
        summary: `${field.pointer} is an empty string: there is no token to use.`,
        request: describeRequest(exchange),
        expected: `a non-empty ${field.name}`,
        actual: '""',
        pointer: field.pointer,
        rule: 'a token is not empty (the documented example carries one)',
      });
    }
    const lifetime = getPointer(json.value, field.expiresInPointer);
    if (typeof lifetime === 'number' && lifetime <= 0) {
      problems.push({
        summary: `${field.expiresInPointer} is ${lifetime}: the token would be expired on arrival.`,
        request: describeRequest(exchange),
        expected: `${field.expiresInPointer} > 0 (seconds until the token expires)`,
        actual: String(lifetime),
        pointer: field.expiresInPointer,
        rule: 'a lifetime is a positive number of seconds (the documented example: 1800, 14400)',
      });
    }
  }
  return problems;
}

export const loginSuccess = defineCheck({
  id: 'login-success',
  title: 'Login with the given credentials answers the documented 200',
  level: 'documented',
  rationale: 'The docs promise 200, application/json and {code: 0, result: {tokens…}} for valid credentials.',
  run: async (ctx) => {
    const exchange = await ctx.probes.validLogin();
    const documented = judgeDocumentedSuccess(exchange, ctx.api.login, ctx.validators.loginSuccess);
    const flagged = new Set(documented.map((p) => p.pointer));
    const extra = exchange.response?.status === ctx.api.login.successStatus ? usableTokens(ctx, exchange) : [];
    return verdict([...documented, ...extra.filter((p) => !flagged.has(p.pointer))]);
  },
});

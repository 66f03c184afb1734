import { judgeRejection } from '../judge.ts';
import { jsonRequest } from '../probes.ts';
import { defineCheck, fail, pass, skip } from '../types.ts';

export const accessTokenNotRefresh = defineCheck({
  id: 'access-token-not-refresh',
  title: 'The access token is refused as a refresh token',
  level: 'inferred',
  rationale: 'An access token is short-lived by design; if it also refreshes, a leaked access token lives for ever.',
  run: async (ctx) => {
    const issued = await ctx.probes.tokens();
    if (!issued.ok || !issued.access) return skip('login handed out no access token (see login-success)');
    if (issued.access === issued.refresh) {
      return fail({
        summary: 'The access token and the refresh token are the same string.',
        expected: 'two different tokens',
        actual: 'identical tokens',
        pointer: ctx.api.tokens.access.pointer,
      });
    }
    const exchange = await ctx.send(
      jsonRequest(
        ctx.api.refresh,
        { [ctx.api.fields.refreshToken]: issued.access },
        'refresh with the access token instead of the refresh token',
      ),
    );
    const problem = judgeRejection(exchange, ctx.api, [issued.access]);
    return problem ? fail(problem) : pass();
  },
});

import { judgeDocumentedSuccess } from '../judge.ts';
import { defineCheck, fail, verdict } from '../types.ts';

export const refreshSuccess = defineCheck({
  id: 'refresh-success',
  title: 'Refresh with the refresh token from login answers the documented 200',
  level: 'documented',
  rationale: 'The docs promise 200, application/json and {result: {code: 0, desc}} for a valid refresh token.',
  run: async (ctx) => {
    const issued = await ctx.probes.tokens();
    const exchange = await ctx.probes.refreshWithIssuedToken();
    if (!exchange) {
      return fail({
        summary: `Refresh could not be tried because login handed out no refresh token (see login-success): ${
          issued.ok ? `${ctx.api.tokens.refresh.pointer} is missing` : issued.reason
        }.`,
        expected: `a refresh token at ${ctx.api.tokens.refresh.pointer} in the login answer`,
        actual: issued.ok ? 'no refresh token' : issued.reason,
      });
    }
    return verdict(judgeDocumentedSuccess(exchange, ctx.api.refresh, ctx.validators.refreshSuccess));
  },
});

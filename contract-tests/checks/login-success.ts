import { judgeDocumentedSuccess } from '../judge.ts';
import { defineCheck, verdict } from '../types.ts';

export const loginSuccess = defineCheck({
  id: 'login-success',
  title: 'Login with the given credentials answers the documented 200',
  level: 'documented',
  rationale: 'The docs promise 200, application/json and {code: 0, result: {tokens…}} for valid credentials.',
  run: async (ctx) =>
    verdict(judgeDocumentedSuccess(await ctx.probes.validLogin(), ctx.api.login, ctx.validators.loginSuccess)),
});

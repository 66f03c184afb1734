import { rawRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const emptyBodyRejected = defineCheck({
  id: 'empty-body-rejected',
  title: 'Login with an empty body or an empty object is refused, without a server error',
  level: 'robustness',
  rationale: 'The docs require a body with user and password; an empty one must be refused cleanly.',
  run: (ctx) => {
    const type = ctx.api.login.requestMediaType;
    return rejectsAll(ctx, [
      rawRequest(ctx.api.login, '', type, 'login with an empty body'),
      rawRequest(ctx.api.login, '{}', type, 'login with an empty JSON object'),
    ]);
  },
});

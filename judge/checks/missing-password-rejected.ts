import { jsonRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const missingPasswordRejected = defineCheck({
  id: 'missing-password-rejected',
  title: 'Login without a password is refused, without a server error',
  level: 'robustness',
  rationale: 'The password field is required by the docs; leaving it out must never log anyone in or crash the server.',
  run: (ctx) =>
    rejectsAll(ctx, [jsonRequest(ctx.api.login, { [ctx.api.fields.user]: ctx.user }, 'login without a password')]),
});

import { jsonRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const missingUserRejected = defineCheck({
  id: 'missing-user-rejected',
  title: 'Login without a user is refused, without a server error',
  level: 'robustness',
  rationale: 'The user field is required by the docs; leaving it out must be refused cleanly, never crash the server.',
  run: (ctx) =>
    rejectsAll(ctx, [jsonRequest(ctx.api.login, { [ctx.api.fields.password]: ctx.password }, 'login without a user')]),
});

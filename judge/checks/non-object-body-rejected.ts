import { jsonRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const nonObjectBodyRejected = defineCheck({
  id: 'non-object-body-rejected',
  title: 'A login body that is JSON but not an object is refused, without a server error',
  level: 'robustness',
  rationale:
    'null, an array or a bare string is valid JSON but not the documented object; reading fields from it must not crash.',
  run: (ctx) =>
    rejectsAll(ctx, [
      jsonRequest(ctx.api.login, null, 'login with the JSON body null'),
      jsonRequest(ctx.api.login, [ctx.user, ctx.password], 'login with a JSON array as body'),
      jsonRequest(ctx.api.login, `${ctx.user}:${ctx.password}`, 'login with a JSON string as body'),
    ]),
});

import { jsonRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const wrongTypesRejected = defineCheck({
  id: 'wrong-types-rejected',
  title: 'Login fields of the wrong JSON type are refused, without a server error',
  level: 'robustness',
  rationale:
    'user and password are documented as strings; numbers, null, arrays or objects must be refused, not coerced (["pw"] == "pw" in JavaScript).',
  run: (ctx) => {
    const { user, password } = ctx.api.fields;
    const variants: [string, unknown, unknown][] = [
      ['a number as user', 12345, ctx.password],
      ['an array as user', [ctx.user], ctx.password],
      ['a number as password', ctx.user, 12345],
      ['null as password', ctx.user, null],
      ['the right password inside an array', ctx.user, [ctx.password]],
      ['an object as password', ctx.user, { $ne: '' }],
    ];
    return rejectsAll(
      ctx,
      variants.map(([what, u, p]) => jsonRequest(ctx.api.login, { [user]: u, [password]: p }, `login with ${what}`)),
    );
  },
});

import { rawRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const malformedJsonRejected = defineCheck({
  id: 'malformed-json-rejected',
  title: 'A login body that is not valid JSON is refused, without a server error',
  level: 'robustness',
  rationale: "A parse error is the client's mistake: it deserves a 4xx (or a non-zero code), never a 5xx or a login.",
  run: (ctx) => {
    const { user, password } = ctx.api.fields;
    const valid = JSON.stringify({ [user]: ctx.user, [password]: ctx.password });
    const type = ctx.api.login.requestMediaType;
    return rejectsAll(ctx, [
      rawRequest(ctx.api.login, valid.slice(0, -1), type, 'login with truncated JSON'),
      rawRequest(
        ctx.api.login,
        `{${user}: ${JSON.stringify(ctx.user).replaceAll('"', "'")}, ${password}: ${JSON.stringify(ctx.password).replaceAll('"', "'")}}`,
        type,
        'login with JavaScript-style (not JSON) quoting',
      ),
    ]);
  },
});

import { rawRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const wrongContentTypeRejected = defineCheck({
  id: 'wrong-content-type-rejected',
  title: 'Valid credentials under a wrong Content-Type are refused, without a server error',
  level: 'robustness',
  rationale:
    'The docs support JSON only; text/plain and form bodies are what other web sites can post without a CORS preflight (login CSRF).',
  run: (ctx) => {
    const { user, password } = ctx.api.fields;
    const json = JSON.stringify({ [user]: ctx.user, [password]: ctx.password });
    const form = new URLSearchParams({ [user]: ctx.user, [password]: ctx.password }).toString();
    return rejectsAll(ctx, [
      rawRequest(ctx.api.login, json, 'text/plain', 'login with a JSON body labelled text/plain'),
      rawRequest(ctx.api.login, form, 'application/x-www-form-urlencoded', 'login with a form-encoded body'),
    ]);
  },
});

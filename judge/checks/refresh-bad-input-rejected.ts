import { jsonRequest, rawRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { rejectsAll } from './reject-all.ts';

export const refreshBadInputRejected = defineCheck({
  id: 'refresh-bad-input-rejected',
  title: 'Refresh without a token, with a non-string token or with broken JSON is refused, without a server error',
  level: 'robustness',
  rationale: "Bad refresh input is the client's mistake: it must be refused cleanly and never count as a success.",
  run: (ctx) => {
    const field = ctx.api.fields.refreshToken;
    const type = ctx.api.refresh.requestMediaType;
    return rejectsAll(ctx, [
      jsonRequest(ctx.api.refresh, {}, 'refresh without a token'),
      jsonRequest(ctx.api.refresh, { [field]: 12345 }, 'refresh with a number as token'),
      jsonRequest(ctx.api.refresh, { [field]: ['x'] }, 'refresh with an array as token'),
      rawRequest(ctx.api.refresh, `{"${field}": `, type, 'refresh with truncated JSON'),
      rawRequest(ctx.api.refresh, '', type, 'refresh with an empty body'),
    ]);
  },
});

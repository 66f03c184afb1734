import { getPointer } from '../../common/json-pointer.ts';
import { defineCheck, fail, pass, skip } from '../types.ts';

export const tokenTypeBearer = defineCheck({
  id: 'token-type-bearer',
  title: 'token_type is Bearer (in any letter case)',
  level: 'inferred',
  rationale:
    'The docs\' example says Bearer and clients send "Authorization: Bearer …"; token types are case-insensitive (RFC 6749 §5.1).',
  run: async (ctx) => {
    const issued = await ctx.probes.tokens();
    if (!issued.ok) return skip(`no token answer to inspect: ${issued.reason}`);
    const json = issued.exchange.response?.json;
    const pointer = ctx.api.tokenTypePointer;
    const value = json?.ok ? getPointer(json.value, pointer) : undefined;
    if (typeof value === 'string' && value.toLowerCase() === 'bearer') return pass();
    return fail({
      summary: `${pointer} is ${value === undefined ? 'absent' : JSON.stringify(value)}, not Bearer.`,
      expected: `${pointer} = "Bearer" (any letter case)`,
      actual: value === undefined ? 'the field is absent' : JSON.stringify(value),
      pointer,
    });
  },
});

import { describeRequest } from '../judge.ts';
import { defineCheck, fail, pass, skip } from '../types.ts';

export const cacheControlNoStore = defineCheck({
  id: 'cache-control-no-store',
  title: 'The answer carrying tokens says Cache-Control: no-store',
  level: 'inferred',
  rationale: 'RFC 6749 §5.1: token responses must not be cached, or proxies and browsers keep the tokens.',
  run: async (ctx) => {
    const issued = await ctx.probes.tokens();
    if (!issued.ok || !issued.exchange.response) return skip('no token answer to inspect (see login-success)');
    const header = issued.exchange.response.headers['cache-control'];
    const directives = (header ?? '').split(',').map((d) => d.trim().toLowerCase());
    if (directives.includes('no-store')) return pass();
    return fail({
      summary: `The login answer carrying tokens ${header ? `says Cache-Control: ${header}` : 'has no Cache-Control header'}, so it may be cached.`,
      request: describeRequest(issued.exchange),
      expected: 'Cache-Control: no-store',
      actual: header ? `Cache-Control: ${header}` : 'no Cache-Control header',
    });
  },
});

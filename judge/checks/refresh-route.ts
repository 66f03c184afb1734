import { jsonRequest } from '../probes.ts';
import { defineCheck } from '../types.ts';
import { judgeRoute } from './route.ts';

export const refreshRoute = defineCheck({
  id: 'refresh-route',
  title: 'The documented refresh path answers POST',
  level: 'documented',
  rationale: 'The docs define POST on the refresh path; 404, 405 or 501 there means clients cannot refresh at all.',
  run: async (ctx) => {
    // With no token from login, any refresh body shows whether the route exists.
    const exchange =
      (await ctx.probes.refreshWithIssuedToken()) ??
      (await ctx.send(
        jsonRequest(
          ctx.api.refresh,
          { [ctx.api.fields.refreshToken]: 'contract-route-probe' },
          'refresh (route probe)',
        ),
      ));
    return judgeRoute(exchange);
  },
});

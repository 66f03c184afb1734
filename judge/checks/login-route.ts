import { defineCheck } from '../types.ts';
import { judgeRoute } from './route.ts';

export const loginRoute = defineCheck({
  id: 'login-route',
  title: 'The documented login path answers POST',
  level: 'documented',
  rationale: 'The docs define POST on the login path; 404, 405 or 501 there means clients cannot log in at all.',
  run: async (ctx) => judgeRoute(await ctx.probes.validLogin()),
});

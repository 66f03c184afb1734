import { sendWithin } from '../budget.ts';
import type { RequestSpec } from '../exchange.ts';
import { describeResponse } from '../judge.ts';
import { jsonRequest } from '../probes.ts';
import { defineCheck, type Problem, pass, skip, verdict } from '../types.ts';

/** Origins no deployment of the API serves: a foreign site, a sandboxed page ("null"), and a look-alike of a trusted suffix. */
export const foreignOrigins = ['https://attacker.example', 'null', 'https://example.com.attacker.example'];

export const corsNoCredentialedReflection = defineCheck({
  id: 'cors-no-credentialed-reflection',
  title: 'Cross-origin answers never reflect an arbitrary Origin together with credentials',
  level: 'robustness',
  rationale:
    'Access-Control-Allow-Origin echoing any Origin with Access-Control-Allow-Credentials: true lets every web site send credentialed requests and read the answers (OWASP WSTG-CLNT-07).',
  run: async (ctx) => {
    const { login, refresh, fields } = ctx.api;
    const requests: RequestSpec[] = foreignOrigins.flatMap((origin) => [
      {
        method: 'OPTIONS',
        path: login.path,
        headers: {
          origin,
          'access-control-request-method': login.method,
          'access-control-request-headers': 'content-type',
        },
        label: `CORS preflight of login from Origin ${origin}`,
      },
      ...(origin === foreignOrigins[0]
        ? [
            withOrigin(
              jsonRequest(
                login,
                { [fields.user]: 'cors-probe-nobody', [fields.password]: 'not-the-password' },
                `login as nobody from Origin ${origin}`,
              ),
              origin,
            ),
            withOrigin(
              jsonRequest(refresh, { [fields.refreshToken]: 'not-a-token' }, `refresh from Origin ${origin}`),
              origin,
            ),
          ]
        : []),
    ]);
    const problems: Problem[] = [];
    let sent = 0;
    for (const request of requests) {
      const exchange = await sendWithin(ctx, request);
      if (!exchange || exchange.failure?.kind === 'not-sent') break;
      sent++;
      const response = exchange.response;
      if (!response) continue;
      const origin = request.headers?.origin ?? '';
      const allowed = response.headers['access-control-allow-origin']?.trim();
      const credentials = response.headers['access-control-allow-credentials']?.trim().toLowerCase() === 'true';
      if (allowed !== origin || !credentials) continue;
      problems.push({
        summary: `"${request.label}" was answered with Access-Control-Allow-Origin: ${allowed} and Access-Control-Allow-Credentials: true, so any site can make credentialed requests and read the answers.`,
        request: `${request.method} ${request.path} (Origin: ${origin})`,
        expected: 'no Access-Control-Allow-Credentials: true for an origin the server does not trust',
        actual: `Access-Control-Allow-Origin: ${allowed}; Access-Control-Allow-Credentials: true; ${describeResponse(response)}`,
      });
    }
    if (sent === 0) return skip(`nothing was sent: ${ctx.budget?.exhausted() ?? 'no request'}`);
    return problems.length > 0 ? verdict(problems.slice(0, 3)) : pass();
  },
});

function withOrigin(spec: RequestSpec, origin: string): RequestSpec {
  return { ...spec, headers: { ...spec.headers, origin } };
}

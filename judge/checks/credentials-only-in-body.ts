import { getPointer } from '../../common/json-pointer.ts';
import { sendWithin } from '../budget.ts';
import type { Exchange, RequestSpec } from '../exchange.ts';
import { codePointers, describeRequest, describeResponse, tokensHandedOut } from '../judge.ts';
import { defineCheck, type Problem, pass, skip, verdict } from '../types.ts';

/** A login that was let in: tokens handed out, or a 2xx saying code 0. */
export function letIn(exchange: Exchange, pointers: string[]): string | undefined {
  const response = exchange.response;
  if (!response || response.status >= 300) return undefined;
  const body = response.json.ok ? response.json.value : undefined;
  const tokens = tokensHandedOut(body);
  if (tokens.length > 0) return `it handed out a token (${tokens.join(', ')})`;
  const success = pointers.find((p) => [0, '0'].includes(getPointer(body, p) as number));
  return success ? `it answered ${success} = 0 (success)` : undefined;
}

export const credentialsOnlyInBody = defineCheck({
  id: 'credentials-only-in-body',
  title: 'Credentials are accepted only in the documented JSON body by the documented method',
  level: 'documented',
  rationale:
    'The docs define credentials in a POST JSON body; a query string puts the password in server logs, proxies and browser history, and GET or another door bypasses what guards the documented one.',
  run: async (ctx) => {
    const { login, fields } = ctx.api;
    const query = new URLSearchParams({ [fields.user]: ctx.user, [fields.password]: ctx.password }).toString();
    const basic = btoa(String.fromCharCode(...new TextEncoder().encode(`${ctx.user}:${ctx.password}`)));
    ctx.addSecrets?.([basic]);
    const json = { accept: 'application/json', 'content-type': login.requestMediaType };
    const doors: RequestSpec[] = [
      {
        method: login.method,
        path: `${login.path}?${query}`,
        headers: json,
        body: '{}',
        label: 'login with the credentials in the query string and an empty JSON object',
      },
      {
        method: login.method,
        path: `${login.path}?${query}`,
        headers: { accept: 'application/json' },
        label: 'login with the credentials in the query string and no body',
      },
      {
        method: 'GET',
        path: `${login.path}?${query}`,
        headers: { accept: 'application/json' },
        label: 'login by GET with the credentials in the query string',
      },
      {
        method: login.method,
        path: login.path,
        headers: { ...json, authorization: `Basic ${basic}` },
        body: '{}',
        label: 'login with the credentials in an Authorization: Basic header and an empty JSON object',
      },
      ...['PUT', 'PATCH']
        .filter((m) => m !== login.method)
        .map((method) => ({
          method,
          path: login.path,
          headers: json,
          body: JSON.stringify({ [fields.user]: ctx.user, [fields.password]: ctx.password }),
          label: `login by ${method} with the credentials in the JSON body`,
        })),
    ];
    const problems: Problem[] = [];
    let sent = 0;
    for (const door of doors) {
      const exchange = await sendWithin(ctx, door);
      if (!exchange || exchange.failure?.kind === 'not-sent') break;
      sent++;
      const why = letIn(exchange, codePointers(ctx.api));
      if (!why || !exchange.response) continue;
      problems.push({
        summary: `"${door.label}" logged in: ${why}. Credentials must come only in the ${login.method} ${login.requestMediaType} body.`,
        request: describeRequest(exchange),
        expected: `no login: credentials are accepted only in the documented ${login.method} body`,
        actual: describeResponse(exchange.response),
      });
    }
    if (sent === 0) return skip(`nothing was sent: ${ctx.budget?.exhausted() ?? 'no request'}`);
    return problems.length > 0 ? verdict(problems) : pass();
  },
});

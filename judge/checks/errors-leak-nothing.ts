import { sendWithin } from '../budget.ts';
import type { Exchange } from '../exchange.ts';
import { createRng } from '../generate/prng.ts';
import { describeRequest } from '../judge.ts';
import { internalsIn, templateProbe } from '../leaks.ts';
import { jsonRequest, rawRequest } from '../probes.ts';
import { defineCheck, type Problem, pass, verdict } from '../types.ts';

const scanLimit = 64 * 1024;

/** The password a request sent in its JSON body, when it is a plain string worth looking for. */
function sentPassword(exchange: Exchange, fields: { user: string; password: string }): string | undefined {
  // A secret sent in the URL may come back in a "Cannot GET /path?…" page: that is the URL's fault.
  if (exchange.request.path.includes('?')) return undefined;
  try {
    const body = JSON.parse(exchange.request.body ?? '') as Record<string, unknown>;
    const password = body?.[fields.password];
    const user = body?.[fields.user];
    if (typeof password !== 'string' || !/^[\x21-\x7e]{8,64}$/.test(password)) return undefined;
    return typeof user === 'string' && user.includes(password) ? undefined : password;
  } catch {
    return undefined;
  }
}

export const errorsLeakNothing = defineCheck({
  id: 'errors-leak-nothing',
  title: 'Answers carry no stack traces, file paths, SQL or template fragments, and never echo a password',
  level: 'robustness',
  rationale:
    'Internals in an answer map the server for an attacker, an evaluated template is code execution, and an echoed password ends up in logs and caches (OWASP WSTG-ERRH-01, ASVS 7.4).',
  run: async (ctx) => {
    const { login, fields } = ctx.api;
    const rng = createRng((ctx.seed ?? 0) ^ 0x1ea4);
    const echo = `Echo${rng.int(0xffffffff).toString(36)}${rng.int(0xffffffff).toString(36)}`;
    ctx.addSecrets?.([echo]);
    const t = templateProbe.expression;
    // Provocations: the answers to these, and to every request of the run before, are searched.
    for (const spec of [
      jsonRequest(
        login,
        { [fields.user]: `'"\`;--`, [fields.password]: echo },
        'login with SQL metacharacters in the user name',
      ),
      jsonRequest(
        login,
        { [fields.user]: `{{${t}}}|\${${t}}|<%= ${t} %>|#{${t}}`, [fields.password]: echo },
        'login with template expressions in the user name',
      ),
      jsonRequest(
        login,
        { [fields.user]: ctx.user, [fields.password]: echo },
        'login with a wrong password (is it echoed?)',
      ),
      jsonRequest(login, { [fields.user]: 12345, [fields.password]: echo }, 'login with a number as the user name'),
      rawRequest(
        login,
        `{"${fields.user}": "x", "${fields.password}": `,
        login.requestMediaType,
        'login with truncated JSON',
      ),
    ]) {
      const sent = await sendWithin(ctx, spec);
      if (!sent || sent.failure?.kind === 'not-sent') break;
    }
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const exchange of ctx.log) {
      const response = exchange.response;
      if (!response) continue;
      const answer = response.text.slice(0, scanLimit);
      const headers = Object.entries(response.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n');
      const request = `${exchange.request.path}\n${exchange.request.body ?? ''}`;
      const found: string[] = [
        ...internalsIn(answer, request).map((l) => `${l.kind}: …${l.excerpt}…`),
        // A debug header carries internals as well as a body does.
        ...internalsIn(headers, request).map((l) => `${l.kind} in a header: …${l.excerpt}…`),
      ];
      if (request.includes(t) && answer.includes(templateProbe.value) && !request.includes(templateProbe.value)) {
        found.push(`an evaluated template: ${t} came back as ${templateProbe.value}`);
      }
      const secrets = [sentPassword(exchange, fields), ...(exchange.request.path.includes('?') ? [] : [ctx.password])];
      for (const secret of secrets) {
        if (!secret) continue;
        const quoted = JSON.stringify(secret);
        const echoed =
          secret.length >= 6 ? answer.includes(secret) || headers.includes(secret) : answer.includes(quoted);
        if (echoed) found.push('the password it was sent (shown here as ***)');
      }
      for (const what of found) {
        const kind = what.split(':')[0] as string;
        if (seen.has(kind)) continue;
        seen.add(kind);
        problems.push({
          summary: `The answer to "${exchange.request.label}" holds ${kind.replace(/^the password.*/, 'the submitted password')}.`,
          request: describeRequest(exchange),
          expected: 'an answer with no stack trace, file path, SQL, template fragment or submitted secret',
          actual: `status ${response.status}, ${what}`,
        });
      }
    }
    return problems.length > 0 ? verdict(problems) : pass();
  },
});

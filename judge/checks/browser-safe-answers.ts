import { sendWithin } from '../budget.ts';
import type { Exchange } from '../exchange.ts';
import { describeRequest, describeResponse } from '../judge.ts';
import { jsonRequest } from '../probes.ts';
import { defineCheck, type Problem, pass, verdict } from '../types.ts';

/** Markup a browser would run if an answer reflected it into a page. */
export const markupProbe = '<img src=x onerror=alert(7331)>';

/** Media types a browser renders as a document (scripts run), or none at all (the browser sniffs). */
function rendersAsDocument(exchange: Exchange): boolean {
  const response = exchange.response;
  if (!response) return false;
  const essence = response.mediaType?.essence;
  if (essence === undefined) return !/nosniff/i.test(response.headers['x-content-type-options'] ?? '');
  return /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml)$/.test(essence);
}

/** Markup sent in the request that the answer repeats as it is (unescaped). */
function reflectedMarkup(exchange: Exchange): string | undefined {
  const sent = `${exchange.request.path}\n${exchange.request.body ?? ''}`;
  const text = exchange.response?.text ?? '';
  if (text === '') return undefined;
  const tags = [markupProbe, ...(sent.match(/<[a-z][^<>]{0,80}>/gi) ?? [])];
  return tags.find((tag) => sent.includes(tag) && text.includes(tag));
}

/** Set-Cookie lines that carry one of the tokens without HttpOnly (script can read them). */
function readableTokenCookies(exchange: Exchange, tokens: string[]): string[] {
  const header = exchange.response?.headers['set-cookie'];
  if (!header || tokens.length === 0) return [];
  return header
    .split('\n')
    .filter((line) => tokens.some((t) => line.includes(t)) && !/;\s*httponly\b/i.test(line))
    .map((line) => line.split('=')[0]?.trim() ?? 'a cookie');
}

export const browserSafeAnswers = defineCheck({
  id: 'browser-safe-answers',
  title: 'Answers are safe in a browser: no reflected markup in a page, no tokens in script-readable cookies',
  level: 'robustness',
  rationale:
    'A refusal that repeats a submitted user name unescaped in an HTML page is reflected XSS, and a token in a cookie without HttpOnly is one script away from theft (OWASP WSTG-INPV-01, WSTG-SESS-02).',
  run: async (ctx) => {
    const { login, fields } = ctx.api;
    await sendWithin(
      ctx,
      jsonRequest(
        login,
        { [fields.user]: markupProbe, [fields.password]: 'not-the-password' },
        'login with markup in the user name',
      ),
    );
    const problems: Problem[] = [];
    const issued = await ctx.probes.tokens();
    const tokens = issued.ok ? [issued.access, issued.refresh].filter((t): t is string => t !== undefined) : [];
    let reflected = false;
    let cookies = false;
    for (const exchange of ctx.log) {
      if (!exchange.response) continue;
      const markup = !reflected && rendersAsDocument(exchange) ? reflectedMarkup(exchange) : undefined;
      if (markup) {
        reflected = true;
        problems.push({
          summary: `The answer to "${exchange.request.label}" repeats the markup it was sent, unescaped, in a ${exchange.response.mediaType?.essence ?? 'page without a media type'}: a browser runs it (reflected XSS).`,
          request: describeRequest(exchange),
          expected: 'markup from the request escaped, or the answer as JSON (or with X-Content-Type-Options: nosniff)',
          actual: `${describeResponse(exchange.response)}; holds ${markup}`,
        });
      }
      const readable = cookies ? [] : readableTokenCookies(exchange, tokens);
      if (readable.length > 0) {
        cookies = true;
        problems.push({
          summary: `The answer to "${exchange.request.label}" sets a token in cookie ${readable.join(', ')} without HttpOnly, so any script on the page can read it.`,
          request: describeRequest(exchange),
          expected: 'cookies carrying tokens marked HttpOnly (and Secure)',
          actual: `Set-Cookie without HttpOnly: ${readable.join(', ')}`,
        });
      }
    }
    return problems.length > 0 ? verdict(problems) : pass();
  },
});

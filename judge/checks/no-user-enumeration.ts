import { walkJson } from '../../common/bounded-json.ts';
import type { Exchange } from '../exchange.ts';
import { describeRequest } from '../judge.ts';
import { jsonRequest } from '../probes.ts';
import { defineCheck, fail, pass, skip } from '../types.ts';

const placeholder = '<user>';

interface Shape {
  status: number;
  mediaType: string;
  /** Leaf values by JSON pointer, or undefined when the body is not JSON. */
  fields: Map<string, string> | undefined;
  text: string;
  headers: Record<string, string>;
}

/** Headers that describe the transfer or the moment, not the refusal. */
const transferHeaders = new Set([
  'date',
  'content-length',
  'etag',
  'last-modified',
  'expires',
  'age',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

function shape(exchange: Exchange, user: string): Shape | undefined {
  const response = exchange.response;
  if (!response) return undefined;
  // An answer that echoes the user name it was sent is not a difference in itself.
  const normal = (s: string) => (user === '' ? s : s.replaceAll(user, placeholder));
  let fields: Map<string, string> | undefined;
  if (response.json.ok) {
    fields = new Map();
    const leaves = fields;
    walkJson(
      response.json.value,
      ({ value, path }) => {
        if (value === null || typeof value !== 'object')
          leaves.set(path.map((key) => `/${key}`).join(''), normal(JSON.stringify(value)));
      },
      { paths: true },
    );
  }
  const headers = Object.fromEntries(
    Object.entries(response.headers)
      .filter(([name]) => !transferHeaders.has(name))
      .map(([name, value]) => [name, normal(value)]),
  );
  return {
    status: response.status,
    mediaType: response.mediaType?.essence ?? '',
    fields,
    text: normal(response.text),
    headers,
  };
}

/**
 * Differences between two answers, ignoring what differs between two answers of the same kind
 * (`noise` another answer like `b`; `noiseA`, when given, another like `a`, for headers).
 */
export function differences(a: Shape, b: Shape, noise: Shape, noiseA?: Shape): string[] {
  const out: string[] = [];
  if (noiseA) {
    // A header counts only when each kind repeats its own value: a rate-limit counter or a
    // request id changes between two answers of one kind and says nothing about the user.
    for (const name of new Set([...Object.keys(a.headers), ...Object.keys(b.headers)])) {
      const [x, y] = [a.headers[name], b.headers[name]];
      if (x === y || x !== noiseA.headers[name] || y !== noise.headers[name]) continue;
      out.push(`header ${name}: ${x ?? '(absent)'} vs ${y ?? '(absent)'}`);
    }
  }
  if (a.status !== b.status) out.push(`status ${a.status} vs ${b.status}`);
  if (a.mediaType !== b.mediaType) out.push(`media type ${a.mediaType || 'none'} vs ${b.mediaType || 'none'}`);
  if (a.fields && b.fields) {
    const noisy = new Set<string>();
    for (const pointer of new Set([...b.fields.keys(), ...(noise.fields?.keys() ?? [])])) {
      if (b.fields.get(pointer) !== noise.fields?.get(pointer)) noisy.add(pointer);
    }
    for (const pointer of new Set([...a.fields.keys(), ...b.fields.keys()])) {
      if (noisy.has(pointer)) continue;
      const [x, y] = [a.fields.get(pointer), b.fields.get(pointer)];
      if (x !== y) out.push(`${pointer || 'body'} ${x ?? '(absent)'} vs ${y ?? '(absent)'}`);
    }
  } else if (a.fields || b.fields) {
    out.push(`${a.fields ? 'a JSON body' : 'a non-JSON body'} vs ${b.fields ? 'a JSON body' : 'a non-JSON body'}`);
  } else if (b.text === noise.text && a.text !== b.text) {
    out.push('different bodies');
  }
  return out;
}

export const noUserEnumeration = defineCheck({
  id: 'no-user-enumeration',
  title: 'A wrong password and an unknown user get the same answer',
  level: 'inferred',
  rationale: 'Different answers tell an attacker which user names exist (OWASP: authentication error messages).',
  run: async (ctx) => {
    const wrong = await ctx.probes.wrongPassword();
    const unknown = await ctx.probes.unknownUser();
    const unknownAgain = await ctx.probes.unknownUserAgain();
    const { login, fields } = ctx.api;
    const wrongAgain = await ctx.send(
      jsonRequest(
        login,
        { [fields.user]: ctx.user, [fields.password]: ctx.probes.made.wrongPassword },
        'login with a wrong password, once more',
      ),
    );
    const a = shape(wrong, ctx.user);
    const b = shape(unknown, ctx.probes.made.unknownUser);
    const noise = shape(unknownAgain, ctx.probes.made.unknownUserAgain);
    if (!a || !b || !noise) return skip('a login attempt got no answer, so there is nothing to compare');
    // Rate-limited or failed, the repeat cannot vouch for a header: then headers are not compared.
    const repeat =
      wrongAgain.response && wrongAgain.response.status === wrong.response?.status
        ? shape(wrongAgain, ctx.user)
        : undefined;
    const diff = differences(a, b, noise, repeat);
    if (diff.length === 0) return pass();
    return fail({
      summary:
        'A wrong password and an unknown user get different answers, so anyone can find out which user names exist.',
      request: `${describeRequest(wrong)}  versus  ${describeRequest(unknown)}`,
      expected: 'the same status and body for both (apart from per-request values such as timestamps)',
      actual: `wrong password vs unknown user: ${diff.slice(0, 5).join('; ')}`,
    });
  },
});

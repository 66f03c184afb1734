// Shrinking: a failing generated request is cut down, step by step, to a smaller one that still
// breaks the same invariant (fields dropped, strings shortened, nesting removed), so the report
// shows the least a developer must send to see the fault. Bounded by the attempts it may spend.
import type { Body, GeneratedCase } from './cases.ts';
import type { JsonValue } from './values.ts';

const codePoints = (s: string) => Array.from(s);

/** Shorter forms of a string: its first half, its first code point, and without its first code point. */
function shorterStrings(value: string): string[] {
  const points = codePoints(value);
  if (points.length <= 1) return [];
  return [
    ...new Set([points.slice(0, Math.ceil(points.length / 2)).join(''), points[0] as string, points.slice(1).join('')]),
  ];
}

/** Smaller forms of a JSON value, simplest first. */
function smallerValues(value: JsonValue): JsonValue[] {
  if (typeof value === 'string') return shorterStrings(value);
  if (Array.isArray(value))
    return value.length === 0 ? [] : [value[0] as JsonValue, ...(value.length > 1 ? [value.slice(0, 1)] : [])];
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const out: JsonValue[] = entries
      .map(([, child]) => child)
      .filter((child) => child !== null && typeof child === 'object');
    for (let i = 0; i < entries.length; i++) {
      const [key, child] = entries[i] as [string, JsonValue];
      out.push(Object.fromEntries(entries.filter((_, j) => j !== i)));
      for (const smaller of smallerValues(child)) out.push({ ...value, [key]: smaller });
    }
    return out;
  }
  return [];
}

function smallerBodies(body: Body): Body[] {
  if (body.kind === 'json') return smallerValues(body.value).map((value) => ({ kind: 'json', value }));
  if (body.kind === 'raw' && body.text.length > 1) {
    return [
      {
        kind: 'raw',
        text: codePoints(body.text)
          .slice(0, Math.ceil(codePoints(body.text).length / 2))
          .join(''),
      },
    ];
  }
  return [];
}

export function shrinkCandidates(c: GeneratedCase): GeneratedCase[] {
  return smallerBodies(c.body).map((body) => ({
    ...c,
    body,
    label: c.label.endsWith(' (shrunk)') ? c.label : `${c.label} (shrunk)`,
  }));
}

/**
 * Shrinks greedily: the first smaller case that still fails (per `stillFails`, which sends it) is
 * taken and shrunk again; stops when none does or `maxAttempts` requests are spent.
 */
export async function shrink(
  failing: GeneratedCase,
  stillFails: (candidate: GeneratedCase) => Promise<boolean | 'stop'>,
  maxAttempts: number,
): Promise<{ smallest: GeneratedCase; steps: number; attempts: number }> {
  let smallest = failing;
  let steps = 0;
  let attempts = 0;
  outer: for (;;) {
    for (const candidate of shrinkCandidates(smallest)) {
      if (attempts >= maxAttempts) break outer;
      attempts++;
      const result = await stillFails(candidate);
      if (result === 'stop') break outer;
      if (result) {
        smallest = candidate;
        steps++;
        continue outer;
      }
    }
    break;
  }
  return { smallest: { ...smallest, label: failing.label }, steps, attempts };
}

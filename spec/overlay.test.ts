/**
 * The overlay's shared actions reach endpoints the docs gain later: a fixture page with a new POST
 * (with a body) and a new GET (without) gets the assumed infrastructure answers, the 400 where a
 * body can be malformed, and the shared operation fields. Actions for login and refresh, absent
 * from the fixture, are skipped with a warning naming each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Overlay } from '../scripts/transcriber/apply-overlay.ts';
import { transcribeDocs } from '../scripts/transcriber/transcribe-docs.ts';

const overlayText = readFileSync(join(import.meta.dirname, 'overlay.yaml'), 'utf8');
const overlay = parse(overlayText) as Overlay;
const fixture = readFileSync(
  join(import.meta.dirname, '..', 'scripts', 'transcriber', 'fixtures', 'new-endpoints.md'),
  'utf8',
);
const { merged, warnings } = transcribeDocs(fixture, overlayText);

interface Response {
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, { schema: { $ref?: string }; examples?: Record<string, { value: { code: number } }> }>;
}
interface Operation {
  servers?: unknown;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, Response>;
}
const paths = merged.paths as Record<string, Record<string, Operation>>;
const logout = paths['/v1/api/auth/logout']?.post as Operation;
const session = paths['/v1/api/auth/session']?.get as Operation;

const INFRA = ['429', '500', '502', '503'];

describe('the overlay on endpoints new to the docs', () => {
  it.each([
    ['POST /v1/api/auth/logout', () => logout],
    ['GET /v1/api/auth/session', () => session],
  ])('%s gets the infrastructure answers, Retry-After on 429 and 503', (_name, op) => {
    for (const status of INFRA) {
      const response = op().responses[status];
      const media = response?.content?.['application/json'];
      expect(media?.schema, status).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
      expect(Object.values(media?.examples ?? {})[0]?.value.code, status).toBe(Number(status));
      expect(response?.headers?.['Retry-After'] !== undefined, status).toBe(status === '429' || status === '503');
    }
  });

  it('gives a 400 to the operation taking a body, and none to the one without', () => {
    const invalid = logout.responses['400']?.content?.['application/json'];
    expect(invalid?.schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    expect(invalid?.examples?.['invalid-request']?.value.code).toBe(400);
    expect(session.responses['400']).toBeUndefined();
  });

  it('tags every operation, says it needs no credentials, and takes the document server', () => {
    for (const op of [logout, session]) {
      expect(op).toMatchObject({ tags: ['auth'], security: [] });
      expect(op.servers).toBeUndefined();
    }
    expect(merged.servers).toEqual([
      { url: 'https://example.com' },
      expect.objectContaining({ url: expect.any(String) }),
    ]);
  });

  it('skips each action for login or refresh with a warning naming it, and no other', () => {
    const skipped = overlay.actions.flatMap((action, index) =>
      /auth\/(login|refresh)/.test(action.target)
        ? [`overlay action ${index + 1} (${action.target}) matches nothing`]
        : [],
    );
    expect(skipped.length).toBeGreaterThan(0);
    const overlayWarnings = warnings.filter((w) => w.startsWith('overlay action'));
    expect(overlayWarnings).toHaveLength(skipped.length);
    for (const expected of skipped)
      expect(
        overlayWarnings.some((w) => w.startsWith(expected)),
        expected,
      ).toBe(true);
  });
});

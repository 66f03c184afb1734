/**
 * Parity: for every documented example and every overlay scenario, msw in-process, our HTTP mock
 * server and real Prism answer with the same status, media type and deep-equal body, which is the
 * spec's example. For invalid requests, Prism answers the overlay's static 400 example and we name
 * the failing field, so parity there means the same status and bodies valid against the 400 schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../spec/generated/openapi.ts';
import { createHandlers } from './msw/handlers.ts';
import { type MockServer, startMockServer } from './node-server.ts';
import { type PrismServer, startPrism } from './prism.ts';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
}
interface Media {
  schema: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Op {
  path: string;
  id: string;
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, Media>; headers?: Record<string, { $ref?: string }> }>;
}

const doc = openapiDocument as unknown as {
  paths: Record<string, Record<string, Omit<Op, 'path' | 'id'> & { operationId: string }>>;
  components: { headers?: Record<string, { example?: unknown }> };
};

/** The spec's Retry-After example for a response (a `$ref` to components/headers), or null. */
function retryAfterOf(response: Op['responses'][string]): string | null {
  const ref = response.headers?.['Retry-After']?.$ref?.split('/').pop();
  const example = ref ? doc.components.headers?.[ref]?.example : undefined;
  return example === undefined ? null : String(example);
}
const ops: Op[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.values(item).map((op) => ({ ...op, path, id: op.operationId })),
);

/** A valid body, built from the request schema: every property, strings as 'demo'. */
function validBody(op: Op): Record<string, unknown> {
  const schema = op.requestBody?.content['application/json']?.schema;
  return Object.fromEntries(
    Object.entries(schema?.properties ?? {}).map(([name, property]) => [
      name,
      property.type === 'integer' ? 1 : 'demo',
    ]),
  );
}

function firstExample(media: Media | undefined): unknown {
  return Object.values(media?.examples ?? {})[0]?.value;
}

interface Case {
  name: string;
  op: Op;
  prefer?: string;
  status: number;
  body: unknown;
  retryAfter: string | null;
}

const cases: Case[] = ops.flatMap((op) => {
  const out: Case[] = [];
  const responses = Object.entries(op.responses).map(([code, r]) => ({
    status: Number(code),
    media: r.content?.['application/json'],
    retryAfter: retryAfterOf(r),
  }));
  const success = responses.find((r) => r.status >= 200 && r.status < 300) as (typeof responses)[number];
  out.push({
    name: `${op.id} without Prefer`,
    op,
    status: success.status,
    body: firstExample(success.media),
    retryAfter: null,
  });
  for (const { status, media, retryAfter } of responses) {
    const answer = { status, retryAfter };
    out.push({ name: `${op.id} code=${status}`, op, prefer: `code=${status}`, ...answer, body: firstExample(media) });
    for (const [example, { value }] of Object.entries(media?.examples ?? {})) {
      const prefer = `code=${status}, example=${example}`;
      out.push({ name: `${op.id} ${prefer}`, op, prefer, ...answer, body: value });
      // Prism looks for an example named alone in the success response only.
      if (status === success.status) {
        out.push({ name: `${op.id} example=${example}`, op, prefer: `example=${example}`, ...answer, body: value });
      }
    }
  }
  return out;
});

interface BadCase {
  name: string;
  op: Op;
  contentType: string;
  body: string;
}

const badCases: BadCase[] = ops.flatMap((op) => {
  const schema = op.requestBody?.content['application/json']?.schema;
  const valid = validBody(op);
  const out: BadCase[] = [];
  for (const field of schema?.required ?? []) {
    const { [field]: _dropped, ...rest } = valid;
    out.push({ name: `${op.id} without ${field}`, op, contentType: 'application/json', body: JSON.stringify(rest) });
  }
  for (const field of Object.keys(schema?.properties ?? {})) {
    out.push({
      name: `${op.id} with ${field} a number`,
      op,
      contentType: 'application/json',
      body: JSON.stringify({ ...valid, [field]: 12345 }),
    });
  }
  out.push({ name: `${op.id} as text/plain`, op, contentType: 'text/plain', body: JSON.stringify(valid) });
  out.push({ name: `${op.id} with a JSON array`, op, contentType: 'application/json', body: '[1]' });
  if (op.requestBody?.required)
    out.push({ name: `${op.id} with an empty body`, op, contentType: 'application/json', body: '' });
  // Bodies that are not JSON at all: Prism alone never answers these, its front does.
  const truncated = JSON.stringify(valid).slice(0, -8);
  out.push({ name: `${op.id} with truncated JSON`, op, contentType: 'application/json', body: truncated });
  out.push({ name: `${op.id} with text that is not JSON`, op, contentType: 'application/json', body: 'not json' });
  out.push({ name: `${op.id} with a NUL byte`, op, contentType: 'application/json', body: '\u0000' });
  out.push({
    name: `${op.id} with truncated JSON, charset=utf-8`,
    op,
    contentType: 'application/json; charset=utf-8',
    body: truncated,
  });
  out.push({
    name: `${op.id} with truncated JSON as a +json type`,
    op,
    contentType: 'application/vnd.api+json',
    body: truncated,
  });
  return out;
});

interface Exchange {
  status: number;
  mediaType: string | undefined;
  body: unknown;
  retryAfter: string | null;
}

const MSW_ORIGIN = 'https://example.com';
const msw = setupServer(...createHandlers({ baseUrl: MSW_ORIGIN }));
let node: MockServer;
let prism: PrismServer;

beforeAll(async () => {
  msw.listen({ onUnhandledFrame: 'bypass' });
  [node, prism] = await Promise.all([startMockServer({ port: 0 }), startPrism({ port: 0 })]);
});
afterAll(async () => {
  msw.close();
  await Promise.all([node?.close(), prism?.close()]);
});

async function exchange(
  origin: string,
  op: Op,
  init: { prefer?: string; contentType?: string; body?: string },
): Promise<Exchange> {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
  if (init.prefer) headers.prefer = init.prefer;
  const res = await fetch(`${origin}${op.path}`, {
    method: 'POST',
    headers,
    body: init.body ?? JSON.stringify(validBody(op)),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    mediaType: res.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase(),
    body: text ? JSON.parse(text) : undefined,
    retryAfter: res.headers.get('retry-after'),
  };
}

function all(op: Op, init: { prefer?: string; contentType?: string; body?: string }) {
  return Promise.all([exchange(MSW_ORIGIN, op, init), exchange(node.url, op, init), exchange(prism.url, op, init)]);
}

describe('parity of msw, the HTTP mock server and Prism', () => {
  it('covers every named example of the spec, and every status', () => {
    for (const op of ops) {
      for (const [code, response] of Object.entries(op.responses)) {
        expect(cases.some((c) => c.op === op && c.prefer === `code=${code}`)).toBe(true);
        for (const name of Object.keys(response.content?.['application/json']?.examples ?? {})) {
          expect(cases.some((c) => c.op === op && c.prefer === `code=${code}, example=${name}`)).toBe(true);
        }
      }
    }
    // documented login and refresh, plus the overlay's error scenarios
    expect(cases.filter((c) => c.prefer?.includes('example=')).length).toBeGreaterThanOrEqual(7);
    // the infrastructure answers, with Retry-After on 429 and 503, on every operation
    for (const op of ops) {
      for (const status of [429, 500, 502, 503]) {
        const answer = cases.find((c) => c.op === op && c.prefer === `code=${status}`);
        expect(answer?.status).toBe(status);
        expect(answer?.retryAfter !== null).toBe(status === 429 || status === 503);
      }
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const [fromMsw, fromNode, fromPrism] = await all(c.op, c.prefer ? { prefer: c.prefer } : {});
    const expected = { status: c.status, mediaType: 'application/json', body: c.body, retryAfter: c.retryAfter };
    expect(fromPrism).toEqual(expected);
    expect(fromNode).toEqual(expected);
    expect(fromMsw).toEqual(expected);
  });

  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  const errorValidator = (op: Op) =>
    ajv.compile(
      JSON.parse(
        JSON.stringify(op.responses['400']?.content?.['application/json']?.schema).replaceAll(
          '"#/components',
          '"openapi.json#/components',
        ),
      ),
    );

  it.each(badCases.map((c) => [c.name, c] as const))('invalid request: %s', async (_name, c) => {
    const started = Date.now();
    const [fromMsw, fromNode, fromPrism] = await all(c.op, { contentType: c.contentType, body: c.body });
    expect(Date.now() - started).toBeLessThan(5_000);
    const validate = errorValidator(c.op);
    for (const answer of [fromMsw, fromNode, fromPrism]) {
      expect(answer.status).toBe(400);
      expect(answer.mediaType).toBe('application/json');
      expect(validate(answer.body), ajv.errorsText(validate.errors)).toBe(true);
    }
    expect(fromMsw).toEqual(fromNode);
    expect((fromNode.body as { desc: string }).desc).toMatch(/^Invalid request: /);
  });

  it.each(ops.map((op) => [op.id, op] as const))('%s: a body over 64 KiB gets 413 from all three', async (_id, op) => {
    const body = JSON.stringify({ ...validBody(op), padding: 'x'.repeat(70 * 1024) });
    const answers = await all(op, { body });
    expect(answers.map((a) => a.status)).toEqual([413, 413, 413]);
    // Prism's front answers in Prism's own error format.
    expect(answers[2]).toMatchObject({ mediaType: 'application/problem+json', body: { status: 413 } });
  });

  it.each(
    ops.flatMap((op) =>
      ['application/json; charset=utf-16', 'application/json;;;=', 'APPLICATION/JSON'].map(
        (contentType) => [`${op.id} as ${contentType}`, op, contentType] as const,
      ),
    ),
  )('valid JSON under an odd Content-Type: %s, the same documented answer from all three', async (_n, op, type) => {
    const [fromMsw, fromNode, fromPrism] = await all(op, { contentType: type });
    expect(fromPrism).toEqual(fromNode);
    expect(fromMsw).toEqual(fromNode);
    expect(fromNode.status).toBe(200);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { standaloneSchema } from '../common/standalone-schema.ts';
import { openapiDocument } from './generated/openapi.ts';

const here = import.meta.dirname;
const merged = parse(readFileSync(join(here, 'generated', 'openapi.yaml'), 'utf8'));

/** The docs' fenced JSON blocks, read independently of the transcriber. */
const docsExamples = [
  ...readFileSync(join(here, 'login-api.gitbook.md'), 'utf8').matchAll(/```\w*\n([\s\S]*?)```/g),
].map((m) => JSON.parse(m[1] as string));

type Media = { schema: object; examples?: Record<string, { value: unknown }> };

function mediaTypes(doc: typeof merged): [string, Media][] {
  const out: [string, Media][] = [];
  for (const [path, item] of Object.entries<
    Record<string, { responses: Record<string, { content?: Record<string, Media> }> }>
  >(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [code, response] of Object.entries(op.responses)) {
        for (const [media, m] of Object.entries(response.content ?? {}))
          out.push([`${method} ${path} ${code} ${media}`, m]);
      }
    }
  }
  return out;
}

describe('merged OpenAPI document', () => {
  it('is what the module export holds', () => {
    expect(openapiDocument).toEqual(merged);
  });

  it('keeps every documented example deep-equal to a JSON block of the docs', () => {
    const documented = mediaTypes(merged).flatMap(([where, media]) =>
      media.examples?.documented ? [[where, media.examples.documented.value] as const] : [],
    );
    expect(documented.length).toBeGreaterThanOrEqual(2);
    for (const [where, value] of documented) expect(docsExamples, where).toContainEqual(value);
  });

  it('names the refresh body property refresh_token (markdown escape undone)', () => {
    const schema = merged.paths['/v1/api/auth/refresh'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(['refresh_token']);
  });

  it('makes redirect optional and keeps code and result required', () => {
    const schema = merged.paths['/v1/api/auth/login'].post.responses['200'].content['application/json'].schema;
    expect(schema.required).toEqual(['code', 'result']);
  });

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const cases = mediaTypes(merged).flatMap(([where, media]) =>
    Object.entries(media.examples ?? {}).map(
      ([name, example]) => [`${where} ${name}`, media.schema, example.value] as const,
    ),
  );

  it('has examples to validate', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });

  it.each(cases)('example %s validates against its schema', (_name, schema, value) => {
    const validate = ajv.compile(standaloneSchema(schema, merged.components?.schemas));
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
  });
});

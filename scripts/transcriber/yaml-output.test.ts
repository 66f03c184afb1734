import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { transcribeDocs } from './transcribe-docs.ts';
import { documentToYaml } from './yaml-output.ts';

describe('documentToYaml', () => {
  it('writes a document as the yaml library does when no example is large', () => {
    const document = {
      openapi: '3.1.0',
      paths: {
        '/x': {
          get: {
            responses: {
              '200': {
                description: 'OK',
                content: { 'application/json': { examples: { a: { value: { id: 476488167042580481n, s: 'x: y' } } } } },
              },
            },
          },
        },
      },
    };
    expect(documentToYaml(document)).toBe(stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }));
  });

  it('writes a large example as one line of JSON that reads back the same, big integers included', () => {
    const value = Array.from({ length: 5000 }, (_, i) => ({ id: 476488167042580481n + BigInt(i), name: `n\n"${i}"` }));
    const document = { paths: { '/x': { get: { examples: { big: { value }, small: { value: { a: 1 } } } } } } };
    const yaml = documentToYaml(document);
    expect(yaml).toContain('value: [{"id":476488167042580481,"name":"n\\n\\"0\\""}');
    expect(yaml).toContain('small:\n');
    expect(parse(yaml, { intAsBigInt: true })).toEqual(parse(stringify(document), { intAsBigInt: true }));
  });
});

describe('documentToYaml on every corpus page and the project spec', () => {
  const corpus = join(import.meta.dirname, 'fixtures', 'corpus');
  const pages = readdirSync(corpus).filter((f) => f.endsWith('.md'));
  it.each([
    ...pages.map((f) => join(corpus, f)),
    join(import.meta.dirname, '..', '..', 'spec', 'login-api.gitbook.md'),
  ])('%s is written exactly as the yaml library writes it', (file) => {
    const { document } = transcribeDocs(readFileSync(file, 'utf8'));
    expect(documentToYaml(document)).toBe(stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as generator from '../generate-spec.ts';
import { SpecDiffError } from './diff-specs.ts';
import { DOCS_FILE, EMPTY_OVERLAY, loadSpec, mergedSpec, OVERLAY_FILE, parseDocument } from './load-spec.ts';

const read = (file: string) => readFileSync(file, 'utf8');

describe('loadSpec', () => {
  it('reads the same docs and overlay files as npm run spec', () => {
    expect([DOCS_FILE, OVERLAY_FILE]).toEqual([generator.DOCS_FILE, generator.OVERLAY_FILE]);
  });

  it('merges exactly as npm run spec does (generateSpec)', async () => {
    const { merged } = await generator.generateSpec();
    expect(mergedSpec(read(DOCS_FILE), read(OVERLAY_FILE), 'test')).toEqual(merged);
    expect((await loadSpec(undefined)).document).toEqual(merged);
  });

  it('falls back to the bare transcription for a revision without an overlay', () => {
    const transcribed = parse(read(join(generator.GENERATED_DIR, 'transcribed.openapi.yaml')));
    expect(mergedSpec(read(DOCS_FILE), EMPTY_OVERLAY, 'test')).toEqual(transcribed);
  });

  it('reads an OpenAPI file relative to the given directory', async () => {
    const loaded = await loadSpec('generated/openapi.yaml', { cwd: generator.SPEC_DIR });
    expect(loaded.document).toEqual(parse(read(join(generator.GENERATED_DIR, 'openapi.yaml'))));
  });

  it('names a docs file that holds nothing to transcribe', () => {
    expect(() => mergedSpec('# No api-method block here', EMPTY_OVERLAY, 'v1.2')).toThrow(
      /cannot generate the spec of v1.2/,
    );
  });

  it.each([
    ['broken YAML', 'openapi: [', 'is not valid YAML or JSON'],
    ['a list', '- 1', 'not an object'],
    ['Swagger 2.0', 'swagger: "2.0"\npaths: {}', 'is not an OpenAPI 3.x document'],
    ['paths that are not an object', 'openapi: 3.1.0\npaths: []', '"paths" is not an object'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseDocument(text, 'x.yaml')).toThrow(SpecDiffError);
    expect(() => parseDocument(text, 'x.yaml')).toThrow(message);
  });
});

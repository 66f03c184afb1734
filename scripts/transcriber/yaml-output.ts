/**
 * The transcription as YAML text, as `npm run transcribe` writes it. The `yaml` library builds a node
 * for every value before writing, dozens of times the size of a large example; so an example body
 * larger than LARGE_EXAMPLE is written as one line of JSON (valid YAML flow, big integers digit for
 * digit) and everything else exactly as `yaml` writes it.
 * https://yaml.org/spec/1.2.2/#chapter-7-flow-style-productions
 */
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';

/** Example bodies larger than this (as JSON text) are written as JSON. */
const LARGE_EXAMPLE = 64 * 1024;

const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? rawJson(v.toString()) : v));
}

/** Every line indented by `by` spaces, except empty ones (as `yaml` writes nested block scalars). */
function indent(text: string, by: string): string {
  return text.replace(/^(?=.)/gm, by);
}

/**
 * One value written as `yaml` writes it, large examples as JSON. `nonce` keeps the stand-in for a
 * large example from meeting anything the page says.
 */
function write(value: unknown, nonce: string): string {
  const large = new Map<string, string>();
  const yaml = stringify(
    value,
    (key: unknown, v: unknown) => {
      // Only the `value` of an example object, and only a collection, can be large.
      if (key !== 'value' || typeof v !== 'object' || v === null) return v;
      const text = jsonText(v);
      if (text.length <= LARGE_EXAMPLE) return v;
      const token = `example_${nonce}_${large.size}`;
      large.set(token, text);
      return token;
    },
    { lineWidth: 0, aliasDuplicateObjects: false },
  );
  if (large.size === 0) return yaml;
  return yaml.replace(new RegExp(`example_${nonce}_\\d+`, 'g'), (token) => large.get(token) ?? token);
}

/**
 * The document as `yaml` writes it. Each path item is written on its own (and indented under
 * `paths:`), so the library's nodes exist for one path at a time, not for the whole document.
 */
export function documentToYaml(document: Record<string, unknown>): string {
  const nonce = randomBytes(6).toString('hex');
  const paths = document.paths as Record<string, unknown> | undefined;
  if (!paths || typeof paths !== 'object' || Object.keys(paths).length === 0) return write(document, nonce);
  const token = `paths_${nonce}`;
  const outline = write({ ...document, paths: token }, nonce);
  const items = Object.entries(paths).map(([path, item]) => indent(write({ [path]: item }, nonce), '  '));
  return outline.replace(`paths: ${token}\n`, () => `paths:\n${items.join('')}`);
}

/**
 * Catch-all rules, so that every change is reported: documentation-only edits (INFO), and changes
 * to fields no other rule analyses (WARN: review by hand).
 */

import { childPointer } from '../../../common/json-pointer.ts';
import { defineRule } from '../define-rule.ts';
import { isAnnotation, isObject, same } from '../schema-facts.ts';
import type { Json, Node } from '../types.ts';
import { HTTP_METHODS } from './paths.ts';

type Documented = Exclude<Node, { kind: 'servers' | 'security' }>;

/** The object whose fields are compared, per node kind (the document's annotations live in info). */
function fieldsOf(node: Documented, side: 'before' | 'after'): Json | undefined {
  const value = node[side];
  if (node.kind !== 'document') return value;
  return isObject(value?.info) ? value.info : undefined;
}

function changedKeys(before: Json, after: Json, pick: (key: string) => boolean): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => pick(key) && !same(before[key], after[key]));
}

const DOCUMENTATION_KEYS: Record<Documented['kind'], (key: string, node: Documented) => boolean> = {
  document: () => true, // every info field: title, version, description, contact, x-...
  path: (key) => ['summary', 'description'].includes(key) || key.startsWith('x-'),
  operation: (key) => ['summary', 'description', 'tags', 'externalDocs'].includes(key) || key.startsWith('x-'),
  parameter: (key) => isAnnotation(key),
  'request-body': (key) => key === 'description' || key.startsWith('x-'),
  // Named response examples are mock scenarios with rules of their own; other examples document.
  'media-type': (key, node) =>
    key.startsWith('x-') ||
    key === 'example' ||
    (key === 'examples' && node.kind === 'media-type' && node.direction === 'request'),
  response: (key) => key === 'description' || key.startsWith('x-'),
  header: (key) => isAnnotation(key),
  example: (key) => ['summary', 'description'].includes(key) || key.startsWith('x-'),
  schema: (key) => isAnnotation(key),
};

export const annotationChanged = defineRule({
  id: 'annotation-changed',
  level: 'INFO',
  kinds: Object.keys(DOCUMENTATION_KEYS) as Documented['kind'][],
  summary: 'Documentation only (description, summary, title, examples, x- extensions...).',
  check: (node) => {
    const [before, after] = [fieldsOf(node, 'before'), fieldsOf(node, 'after')];
    if (!before || !after) return;
    const keys = changedKeys(before, after, (key) => DOCUMENTATION_KEYS[node.kind](key, node));
    const what = node.kind === 'document' ? 'info' : (node as { subject?: string }).subject;
    const pointer = node.kind === 'document' ? '/info' : node.pointer;
    return (
      keys.length > 0 && {
        pointer,
        reason: `${node.where}: ${what ? `${what} ` : ''}${keys.join(', ')} changed (documentation only)`,
      }
    );
  },
});

/** Fields each kind's rules (or the walker, by descending into them) do analyse. */
const ANALYSED_FIELDS: Partial<Record<Node['kind'], string[]>> = {
  document: ['info', 'servers', 'paths', 'components', 'tags', 'externalDocs', 'security'],
  path: ['summary', 'description', 'servers', 'parameters', '$ref', ...HTTP_METHODS],
  operation: [
    'summary',
    'description',
    'tags',
    'externalDocs',
    'operationId',
    'deprecated',
    'parameters',
    'requestBody',
    'responses',
    'security',
    'servers',
  ],
  parameter: ['name', 'in', 'required', 'schema'],
  'request-body': ['description', 'content', 'required'],
  'media-type': ['schema', 'example', 'examples'],
  response: ['description', 'headers', 'content'],
  header: ['required', 'schema'],
};

const REFERENCED_COMPONENTS = ['schemas', 'parameters', 'requestBodies', 'responses', 'headers', 'examples'];

export const unclassifiedChange = defineRule({
  id: 'unclassified-change',
  level: 'WARN',
  kinds: ['document', 'path', 'operation', 'parameter', 'request-body', 'media-type', 'response', 'header'],
  summary: 'A field no rule analyses changed (style, encoding, links, callbacks, security schemes...): review it.',
  check: (node) => {
    const { before, after } = node;
    if (!before || !after) return;
    const analysed = ANALYSED_FIELDS[node.kind] ?? [];
    const keys = changedKeys(before, after, (key) => !analysed.includes(key) && !isAnnotation(key)).map((key) => [key]);
    if (node.kind === 'document') {
      // Components reached by $ref are compared where they are used; the others (security schemes,
      // links, callbacks...) are not.
      const [b, a] = [before.components, after.components];
      if (isObject(b) && isObject(a)) {
        const used = (key: string) => REFERENCED_COMPONENTS.includes(key) || isAnnotation(key);
        keys.push(...changedKeys(b, a, (key) => !used(key)).map((key) => ['components', key]));
      }
    }
    return keys.map((path) => ({
      pointer: childPointer(node.pointer, ...path),
      reason: `${node.where}: ${path.join('.')} changed, which spec:diff does not analyse; review by hand`,
    }));
  },
});

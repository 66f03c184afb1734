/**
 * Catch-all for documentation-only edits (INFO), so that every change is reported.
 */

import { defineRule } from '../define-rule.ts';
import { changedKeys, isAnnotation, isObject } from '../schema-facts.ts';
import type { Json, Node } from '../types.ts';

type Documented = Exclude<Node, { kind: 'servers' | 'security' | 'composition' }>;

/** The object whose fields are compared, per node kind (the document's annotations live in info). */
function fieldsOf(node: Documented, side: 'before' | 'after'): Json | undefined {
  const value = node[side];
  if (node.kind !== 'document') return value;
  return isObject(value?.info) ? value.info : undefined;
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

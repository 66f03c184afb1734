/**
 * Catch-all for schema keywords spec:diff does not analyse ($dynamicRef, draft-07 dependencies, ...):
 * review by hand.
 * https://spec.openapis.org/oas/v3.1.0#schema-object
 */
import { defineRule } from '../define-rule.ts';
import { ANALYSED_KEYWORDS, isAnnotation, same } from '../schema-facts.ts';

export const schemaKeywordChanged = defineRule({
  id: 'schema-keyword-changed',
  level: 'WARN',
  kinds: ['schema'],
  summary: 'A schema keyword spec:diff does not analyse changed ($dynamicRef, dependencies, ...): review it by hand.',
  check: (node) => {
    if (node.before === undefined || node.after === undefined) return;
    const { before, after } = node;
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const changed = [...keys].filter((key) => {
      if (isAnnotation(key) || same(before[key], after[key])) return false;
      return !ANALYSED_KEYWORDS.has(key);
    });
    return (
      changed.length > 0 &&
      `${node.where}: ${node.subject} changed ${changed.join(', ')}, which spec:diff does not analyse; review by hand`
    );
  },
});

import type { Finding, Level, Node, NodeKind, Rule, RuleContext } from './types.ts';

type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;

interface RuleSpec<K extends NodeKind> {
  id: string;
  level: Level;
  kinds: readonly K[];
  summary: string;
  /** Return nothing when the rule does not apply to this pair. */
  check(node: NodeOf<K>, context: RuleContext): Finding | Finding[] | undefined | false;
}

/** Types a rule's check by the node kinds it declares, and normalises what it returns. */
export function defineRule<K extends NodeKind>(spec: RuleSpec<K>): Rule {
  const kinds: readonly NodeKind[] = spec.kinds;
  return {
    id: spec.id,
    level: spec.level,
    kinds,
    summary: spec.summary,
    check(node, context = {}) {
      if (!kinds.includes(node.kind)) return [];
      const found = spec.check(node as NodeOf<K>, context);
      if (found === undefined || found === false) return [];
      return Array.isArray(found) ? found : [found];
    },
  };
}

/** The rules a rule module exports, in the order it declares them. */
export function rulesIn(module: Record<string, unknown>): Rule[] {
  return Object.values(module).filter(
    (value): value is Rule => typeof value === 'object' && value !== null && 'id' in value && 'check' in value,
  );
}

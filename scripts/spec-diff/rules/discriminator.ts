/**
 * Discriminators: the property (and its values) that tells which oneOf/anyOf alternative a payload
 * is. Validation still goes by the alternatives, whose own changes the other rules judge (a renamed
 * required property is an ERR there), so a discriminator change is a WARN for the code that
 * dispatches on it: clients sending or switching over the old name or values.
 * https://spec.openapis.org/oas/v3.1.0#discriminator-object
 */
import { defineRule } from '../define-rule.ts';
import { isObject, same } from '../schema-facts.ts';
import { type Both, both } from '../schema-pair.ts';
import type { Json, SchemaNode } from '../types.ts';

function discriminators(node: Both): [Json, Json] | undefined {
  const [b, a] = [node.before.discriminator, node.after.discriminator];
  return isObject(b) && isObject(a) ? [b, a] : undefined;
}

function mapping(discriminator: Json): Json {
  return isObject(discriminator.mapping) ? discriminator.mapping : {};
}

/** Mapping values that came, went or point elsewhere. */
function mappingMoves([b, a]: [Json, Json]) {
  const [bMap, aMap] = [mapping(b), mapping(a)];
  const keys = [...new Set([...Object.keys(bMap), ...Object.keys(aMap)])];
  return {
    added: keys.filter((k) => !(k in bMap)),
    removed: keys.filter((k) => !(k in aMap)),
    retargeted: keys.filter((k) => k in bMap && k in aMap && !same(bMap[k], aMap[k])),
  };
}

/** What may break dispatching code: requests losing values, responses gaining them, any retarget. */
function risky(node: SchemaNode): string[] {
  const side = node.direction;
  const pair = both(node, side) ? discriminators(node) : undefined;
  if (!pair) return [];
  const out: string[] = [];
  if (pair[0].propertyName !== pair[1].propertyName) {
    out.push(`property ${String(pair[0].propertyName)} → ${String(pair[1].propertyName)}`);
  }
  const moves = mappingMoves(pair);
  const lost = side === 'request' ? moves.removed : moves.added;
  out.push(...lost.map((k) => `mapping ${k} ${side === 'request' ? 'removed' : 'added'}`));
  out.push(...moves.retargeted.map((k) => `mapping ${k} points elsewhere`));
  return out;
}

export const discriminatorChanged = defineRule({
  id: 'discriminator-changed',
  level: 'WARN',
  kinds: ['schema'],
  summary:
    'A discriminator changed its property, a request mapping lost a value, a response mapping gained one, or a value points elsewhere: code dispatching on it must follow.',
  check: (node) => {
    const found = risky(node);
    return (
      found.length > 0 &&
      `${node.where}: ${node.subject} discriminator: ${found.join(', ')}; code dispatching on it must follow`
    );
  },
});

export const discriminatorExtended = defineRule({
  id: 'discriminator-changed-compatibly',
  level: 'INFO',
  kinds: ['schema'],
  summary: 'A discriminator was added or removed, or its mapping changed the compatible way.',
  check: (node) => {
    if (node.before === undefined || node.after === undefined) return;
    const [b, a] = [node.before.discriminator, node.after.discriminator];
    if (same(b, a)) return;
    if (!isObject(b) || !isObject(a)) {
      return `${node.where}: ${node.subject} discriminator ${isObject(a) ? 'added' : 'removed'}`;
    }
    const moves = mappingMoves([b, a]);
    const fine = node.direction === 'request' ? moves.added : moves.removed;
    return (
      fine.length > 0 &&
      `${node.where}: ${node.subject} discriminator mapping ${fine.join(', ')} ${node.direction === 'request' ? 'added' : 'removed'} (compatible)`
    );
  },
});

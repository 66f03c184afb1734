/**
 * Facts about JSON Schemas (OpenAPI 3.0 and 3.1 flavours) that the schema rules compare: the set of
 * types a schema admits, its enum, and how each validation keyword moved between two versions.
 * https://json-schema.org/draft/2020-12/json-schema-validation
 */
import { isObject } from '../../common/json.ts';
import type { Json } from './types.ts';

export { isObject };

/** JSON with sorted keys, so equal values compare equal however their keys were ordered. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Keys of two objects whose values differ, among those `pick` accepts. */
export function changedKeys(before: Json, after: Json, pick: (key: string) => boolean): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => pick(key) && !same(before[key], after[key]));
}

export function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : canonical(value);
}

/** Keywords that describe but do not constrain: changing them breaks nobody. */
export const ANNOTATION_KEYWORDS = new Set([
  'title',
  'description',
  'summary',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
  '$comment',
  '$id',
  '$schema',
  'contentMediaType',
  'contentEncoding',
]);

export function isAnnotation(key: string): boolean {
  return ANNOTATION_KEYWORDS.has(key) || key.startsWith('x-');
}

const ALL_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;

/** The types a schema admits, or undefined when it does not constrain the type. */
export function typeSet(schema: Json): Set<string> | undefined {
  const declared = schema.type;
  let types: string[] | undefined;
  if (typeof declared === 'string') types = [declared];
  else if (Array.isArray(declared)) types = declared.filter((t): t is string => typeof t === 'string');
  if (types === undefined) return undefined;
  const set = new Set(types);
  if (schema.nullable === true) set.add('null'); // OpenAPI 3.0
  return set;
}

/** Whether a value of type `type` validates against `set` (an integer is a number). */
export function admits(set: Set<string> | undefined, type: string): boolean {
  if (set === undefined) return true;
  return set.has(type) || (type === 'integer' && set.has('number'));
}

/** Types in `from` that `to` no longer admits. */
export function typesLost(from: Set<string> | undefined, to: Set<string> | undefined): string[] {
  const source = from ?? new Set(ALL_TYPES);
  return [...source].filter((t) => !admits(to, t));
}

export function describeTypes(set: Set<string> | undefined): string {
  return set === undefined ? 'any type' : [...set].join(' | ');
}

/** The values a schema is limited to (`enum`, or `const` as a one-value enum), if any. */
export function enumValues(schema: Json): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  return undefined;
}

/** Values of `a` missing from `b`, by deep equality. */
export function valuesMissing(a: unknown[], b: unknown[]): unknown[] {
  const inB = new Set(b.map(canonical));
  return a.filter((v) => !inB.has(canonical(v)));
}

/** How a keyword moved: tighter accepts less than before, looser accepts more. */
export type Effect = 'tighter' | 'looser' | 'incomparable';

export interface ConstraintMove {
  keyword: string;
  before: unknown;
  after: unknown;
  effect: Effect;
}

const UPPER_BOUNDS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties', 'maxContains'];
const LOWER_BOUNDS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties', 'minContains'];
export const BOUND_KEYWORDS: ReadonlySet<string> = new Set([...UPPER_BOUNDS, ...LOWER_BOUNDS]);
/** Keywords where any new or different value may reject what was accepted before. */
const OPAQUE = ['pattern', 'format', 'multipleOf'];

function boundEffect(keyword: string, before: unknown, after: unknown): Effect {
  if (before === undefined) return 'tighter';
  if (after === undefined) return 'looser';
  if (typeof before !== 'number' || typeof after !== 'number') return 'incomparable'; // 3.0 boolean exclusives
  const upper = UPPER_BOUNDS.includes(keyword);
  return after < before === upper ? 'tighter' : 'looser';
}

/**
 * `additionalProperties` as a ladder: false (none allowed) < a schema (some allowed) < true or absent
 * (anything allowed). Two schemas are compared property by property instead, by the walker.
 */
function additionalRank(value: unknown): number {
  if (value === false) return 0;
  if (isObject(value)) return 1;
  return 2;
}

/** Every validation keyword (other than type, enum and properties) whose value changed. */
export function constraintMoves(before: Json, after: Json): ConstraintMove[] {
  const moves: ConstraintMove[] = [];
  for (const keyword of [...UPPER_BOUNDS, ...LOWER_BOUNDS]) {
    const [b, a] = [before[keyword], after[keyword]];
    if (!same(b, a)) moves.push({ keyword, before: b, after: a, effect: boundEffect(keyword, b, a) });
  }
  for (const keyword of OPAQUE) {
    // An empty pattern matches every string: the same as none.
    const [b, a] = [before[keyword], after[keyword]].map((v) => (keyword === 'pattern' && v === '' ? undefined : v));
    if (same(b, a)) continue;
    const effect: Effect = b === undefined ? 'tighter' : a === undefined ? 'looser' : 'incomparable';
    moves.push({ keyword, before: b, after: a, effect });
  }
  if (Boolean(before.uniqueItems) !== Boolean(after.uniqueItems)) {
    moves.push({
      keyword: 'uniqueItems',
      before: before.uniqueItems,
      after: after.uniqueItems,
      effect: after.uniqueItems ? 'tighter' : 'looser',
    });
  }
  for (const keyword of ['additionalProperties', 'unevaluatedProperties', 'unevaluatedItems']) {
    // Two schemas are compared as schemas by the walker; only moves along the ladder count here.
    const [rb, ra] = [additionalRank(before[keyword]), additionalRank(after[keyword])];
    if (rb !== ra) {
      moves.push({ keyword, before: before[keyword], after: after[keyword], effect: ra < rb ? 'tighter' : 'looser' });
    }
  }
  const sameCondition = same(before.if, after.if);
  for (const keyword of PRESENCE) {
    const [b, a] = [before[keyword], after[keyword]];
    if (same(b, a) || ((keyword === 'then' || keyword === 'else') && !sameCondition)) continue;
    let effect: Effect = b === undefined ? 'tighter' : a === undefined ? 'looser' : 'incomparable';
    if (effect === 'incomparable' && Array.isArray(b) && Array.isArray(a)) {
      // prefixItems: the walker compares position by position; more positions constrain more.
      if (b.length === a.length) continue;
      effect = a.length > b.length ? 'tighter' : 'looser';
    } else if (effect === 'incomparable' && WALKED_SUBSCHEMAS.includes(keyword)) continue;
    moves.push({ keyword, before: b, after: a, effect });
  }
  for (const keyword of KEYED) {
    const move = keyedMove(keyword, before[keyword], after[keyword]);
    if (move) moves.push(move);
  }
  return moves;
}

/**
 * Keywords that each add a condition values must meet: adding one accepts less, removing it accepts
 * more. Changed, a sub-schema the walker descends into (contains, then...) is judged there; `if`
 * and `not` turn meaning around, so a change to them is read as both tighter and looser (as is a
 * then/else change under a changed if).
 */
const PRESENCE = ['contains', 'propertyNames', 'prefixItems', 'contentSchema', 'if', 'then', 'else', 'not'];

/** Sub-schemas the walker compares as schemas when both sides have one (then/else under the same if). */
export const WALKED_SUBSCHEMAS = [
  'contains',
  'propertyNames',
  'contentSchema',
  'then',
  'else',
  'unevaluatedProperties',
  'unevaluatedItems',
];

/** Keywords whose entries are separate conditions: each entry added accepts less, each removed more. */
const KEYED = ['dependentRequired', 'dependentSchemas', 'patternProperties'];

function keyedMove(keyword: string, before: unknown, after: unknown): ConstraintMove | undefined {
  const [b, a] = [isObject(before) ? before : {}, isObject(after) ? after : {}];
  let [tighter, looser] = [false, false];
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (same(b[key], a[key])) continue;
    if (!(key in b)) tighter = true;
    else if (!(key in a)) looser = true;
    else if (keyword === 'dependentRequired' && Array.isArray(b[key]) && Array.isArray(a[key])) {
      // More names required alongside the key is stricter; fewer is looser.
      if (valuesMissing(a[key], b[key]).length) tighter = true;
      if (valuesMissing(b[key], a[key]).length) looser = true;
    } else if (keyword === 'dependentRequired') [tighter, looser] = [true, true];
    // A dependentSchemas or patternProperties entry on both sides is compared as a schema by the walker.
  }
  if (!tighter && !looser) return undefined;
  const effect: Effect = tighter && looser ? 'incomparable' : tighter ? 'tighter' : 'looser';
  return { keyword, before, after, effect };
}

/** Keywords the schema rules and the walker understand; a change to any other one is flagged. */
export const ANALYSED_KEYWORDS = new Set([
  'type',
  'nullable',
  'enum',
  'const',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'default',
  'allOf',
  'anyOf',
  'oneOf',
  'uniqueItems',
  ...UPPER_BOUNDS,
  ...LOWER_BOUNDS,
  ...OPAQUE,
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'prefixItems',
  'contentSchema',
  'if',
  'then',
  'else',
  'not',
  'discriminator',
  ...KEYED,
]);

// JSON from the network is hostile until proven otherwise: a 10 KB body can nest 5,000 levels
// deep, and a recursive walk over it overflows the stack. Every parse of a body goes through
// `parseBoundedJson` (nesting and member count checked in one linear scan of the text, before
// JSON.parse builds anything), and every walk over parsed data goes through `walkJson`, which
// keeps its own stack and stops descending at the depth limit. Past a limit the value is
// evidence ("nested deeper than 64 levels"), never a crash.

/** Limits for one JSON document read from traffic. */
export interface JsonLimits {
  /** Deepest nesting of arrays and objects accepted. */
  maxDepth: number;
  /** Most object members plus array items, counted over the whole document. */
  maxMembers: number;
}

/** Far beyond any login or refresh body (they nest two or three levels, with a handful of fields). */
export const jsonLimits: JsonLimits = { maxDepth: 64, maxMembers: 20_000 };

export type JsonScan =
  | { ok: true; depth: number; members: number }
  | { ok: false; reason: 'too-deep' | 'too-many'; message: string };

/**
 * Nesting depth and member count of JSON text in one pass, without parsing it: brackets inside
 * strings are skipped, commas count members. Invalid JSON scans too; JSON.parse rejects it after.
 */
export function scanJson(text: string, limits: JsonLimits = jsonLimits): JsonScan {
  let depth = 0;
  let deepest = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      members++; // the first member (an empty container over-counts by one, harmlessly)
      if (depth > deepest) deepest = depth;
      if (depth > limits.maxDepth) return tooDeep(limits);
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c) {
      members++;
      if (members > limits.maxMembers) return tooMany(limits);
    }
  }
  return { ok: true, depth: deepest, members };
}

const tooDeep = (limits: JsonLimits) =>
  ({ ok: false, reason: 'too-deep', message: `it nests deeper than ${limits.maxDepth} levels` }) as const;
const tooMany = (limits: JsonLimits) =>
  ({ ok: false, reason: 'too-many', message: `it has more than ${limits.maxMembers} members and items` }) as const;

export type BoundedParse =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'invalid' | 'too-deep' | 'too-many'; message: string };

/** JSON.parse behind the limits: a document past them is refused with the reason, unparsed. */
export function parseBoundedJson(text: string, limits: JsonLimits = jsonLimits): BoundedParse {
  const scan = scanJson(text, limits);
  if (!scan.ok) return scan;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: 'invalid', message: (error as Error).message };
  }
}

/** The parsed value, or undefined when the text is not JSON or past the limits. */
export function parseJsonOrUndefined(text: string | undefined, limits: JsonLimits = jsonLimits): unknown {
  if (!text) return undefined;
  const parsed = parseBoundedJson(text, limits);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The members of a JSON object, however deep its values nest, for code that reads named fields
 * only: V8's JSON.parse does not recurse, but anything walking the result would, so a member that
 * is an array or object comes back empty (`[]` or `{}`, its kind kept). Undefined when the text is
 * not a JSON object.
 */
export function topLevelMembers(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  const bounded = parseBoundedJson(text);
  let value: unknown;
  if (bounded.ok) value = bounded.value;
  else if (bounded.reason === 'invalid') return undefined;
  else {
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (bounded.ok) return value as Record<string, unknown>;
  const members: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    members[key] = member === null || typeof member !== 'object' ? member : Array.isArray(member) ? [] : {};
  }
  return members;
}

/** One node of a walk: its member name (or array index), its value, its depth (the root is 0). */
export interface JsonNode {
  key: string | number | undefined;
  value: unknown;
  depth: number;
  /** The member names and indexes from the root, when the walk was asked to keep them. */
  path: readonly (string | number)[];
}

export interface WalkOptions {
  maxDepth?: number;
  /** Keep each node's path (costs an array per node). */
  paths?: boolean;
}

/**
 * Visits every node of a parsed value, parents before children, members in order, with its own
 * stack (no recursion). `visit` returning false skips the node's children. Children below
 * `maxDepth` are not visited; the result says whether any were cut off.
 */
export function walkJson(
  root: unknown,
  visit: (node: JsonNode) => unknown,
  options: WalkOptions = {},
): { complete: boolean } {
  const maxDepth = options.maxDepth ?? jsonLimits.maxDepth;
  let complete = true;
  const stack: JsonNode[] = [{ key: undefined, value: root, depth: 0, path: [] }];
  while (stack.length > 0) {
    const node = stack.pop() as JsonNode;
    if (visit(node) === false) continue;
    const { value, depth } = node;
    if (value === null || typeof value !== 'object') continue;
    const children: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index): [number, unknown] => [index, item])
      : Object.entries(value);
    if (children.length === 0) continue;
    if (depth >= maxDepth) {
      complete = false;
      continue;
    }
    // Pushed in reverse so they pop in order.
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, child] = children[i] as [string | number, unknown];
      stack.push({ key, value: child, depth: depth + 1, path: options.paths ? [...node.path, key] : [] });
    }
  }
  return { complete };
}

/** Deepest nesting of a parsed value, counted up to `limit + 1` (no further). */
export function depthOf(value: unknown, limit: number = jsonLimits.maxDepth): number {
  let deepest = 0;
  walkJson(
    value,
    ({ value: v, depth }) => {
      if (v !== null && typeof v === 'object' && depth + 1 > deepest) deepest = depth + 1;
    },
    { maxDepth: limit },
  );
  return deepest;
}

/**
 * JSON.stringify that never overflows: a value nested past the limit gives undefined
 * (JSON.stringify itself recurses). `space` as for JSON.stringify.
 */
export function stringifyBounded(
  value: unknown,
  space?: number,
  limit: number = jsonLimits.maxDepth * 4,
): string | undefined {
  if (depthOf(value, limit) > limit) return undefined;
  return JSON.stringify(value, null, space);
}

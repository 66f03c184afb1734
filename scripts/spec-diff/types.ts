/**
 * The shapes spec:diff works with: the nodes the walker pairs up between two OpenAPI documents,
 * the rules that judge one pair, and the changes they report.
 */

/** ERR breaks clients (fails the run); WARN may break some; INFO is compatible. oasdiff's levels. */
export type Level = 'ERR' | 'WARN' | 'INFO';

/** Which way data flows: clients send requests and read responses, so "compatible" flips. */
export type Direction = 'request' | 'response';

export type Json = Record<string, unknown>;

export interface Change {
  id: string;
  level: Level;
  /** JSON pointer into the documents, followed through `$ref`s as if they were inlined. */
  pointer: string;
  reason: string;
}

interface NodeBase {
  pointer: string;
  /** Plain-English location, e.g. `POST /v1/api/auth/login response 200 application/json`. */
  where: string;
}

/** Either side may be missing: that is how additions and removals reach the rules. */
interface Pair<T> {
  before: T | undefined;
  after: T | undefined;
}

export interface DocumentNode extends NodeBase, Pair<Json> {
  kind: 'document';
}
export interface PathNode extends NodeBase, Pair<Json> {
  kind: 'path';
  path: string;
}
export interface OperationNode extends NodeBase, Pair<Json> {
  kind: 'operation';
}
export interface ServersNode extends NodeBase, Pair<Json[]> {
  kind: 'servers';
}
export interface SecurityNode extends NodeBase, Pair<Json[]> {
  kind: 'security';
}
export interface ParameterNode extends NodeBase, Pair<Json> {
  kind: 'parameter';
  name: string;
  in: string;
}
export interface RequestBodyNode extends NodeBase, Pair<Json> {
  kind: 'request-body';
}
export interface MediaTypeNode extends NodeBase, Pair<Json> {
  kind: 'media-type';
  direction: Direction;
  mediaType: string;
  /** The media types the other side offers, to say what replaced a removed one. */
  afterMediaTypes: string[];
  /** The base's media type this one replaces (other parameters, or a more specific response type). */
  renamedFrom?: string;
  /** `became readOnly`, `is no longer writeOnly`...: why the property entered or left this direction. */
  visibility?: string;
}
export interface ResponseNode extends NodeBase, Pair<Json> {
  kind: 'response';
  status: string;
}
export interface HeaderNode extends NodeBase, Pair<Json> {
  kind: 'header';
  name: string;
}
export interface ExampleNode extends NodeBase, Pair<Json> {
  kind: 'example';
  name: string;
}

/** Set when the schema is an object property: what the parent object says about it. */
export interface PropertyFacts {
  name: string;
  requiredBefore: boolean;
  requiredAfter: boolean;
  /** The property reappears under this name with the same schema. */
  renamedTo?: string;
  /** Whether the new name is required: a rename is only a break where a removal would not be. */
  renamedToRequired?: boolean;
  renamedFrom?: string;
  /** `became readOnly`, `is no longer writeOnly`...: why the property entered or left this direction. */
  visibility?: string;
}

export interface SchemaNode extends NodeBase, Pair<Json> {
  kind: 'schema';
  direction: Direction;
  /** What the schema describes, e.g. `response body property \`result.code\``. */
  subject: string;
  property?: PropertyFacts;
  /** The nearest `$ref` this schema was reached through, named in reasons. */
  via?: string;
  /**
   * How the value travels when not as JSON: `text` in parameters, headers and non-JSON bodies
   * (every value is a string on the wire); `form` for a query or cookie parameter in exploded form
   * style, where an array also takes a single value.
   */
  wire?: Wire;
}

export type Wire = 'text' | 'form';

/** An allOf/anyOf/oneOf list, its members paired by meaning (same `$ref`, same shape, else position). */
export interface CompositionNode extends NodeBase, Pair<unknown[]> {
  kind: 'composition';
  direction: Direction;
  keyword: 'allOf' | 'anyOf' | 'oneOf';
  subject: string;
  /** Members with no counterpart on the other side, named by `$ref` or position. */
  removed: string[];
  added: string[];
  /**
   * Set when one side is a plain schema and the other a list of alternatives: the plain schema was
   * `wrapped` into the list, or `unwrapped` from it (and compared with its closest member).
   */
  wrap?: 'wrapped' | 'unwrapped';
}

export type Node =
  | DocumentNode
  | CompositionNode
  | PathNode
  | OperationNode
  | ServersNode
  | SecurityNode
  | ParameterNode
  | RequestBodyNode
  | MediaTypeNode
  | ResponseNode
  | HeaderNode
  | ExampleNode
  | SchemaNode;

export type NodeKind = Node['kind'];

/** A rule's verdict: a reason (at the node's pointer) or a reason at a more precise pointer. */
export type Finding = string | { reason: string; pointer: string };

/**
 * The opt-in deprecation policy: an operation, parameter or property may be removed once it was
 * deprecated with an `x-sunset` date that has passed; deprecating one needs a sunset at least the
 * given number of days ahead (beta: `x-stability-level: beta`; stable: everything else).
 */
export interface DeprecationPolicy {
  /** YYYY-MM-DD: the date sunsets are compared with. */
  today: string;
  betaDays: number;
  stableDays: number;
}

/** How the run was configured, for the rules whose verdict depends on it. */
export interface RuleContext {
  deprecation?: DeprecationPolicy;
}

export interface Rule {
  id: string;
  level: Level;
  kinds: readonly NodeKind[];
  /** One line for the rule catalogue. */
  summary: string;
  check(node: Node, context?: RuleContext): Finding[];
}

/**
 * Pairs up two OpenAPI documents object by object (paths, operations, parameters, bodies,
 * responses, media types, schemas down to nested properties) and asks every rule about each pair.
 * Local `$ref`s are followed on both sides, so a change to a shared component is reported at each
 * place it is used, with the pointer of that place.
 */

import { childPointer, resolveLocalRef } from '../../common/json-pointer.ts';
import { RULES } from './catalogue.ts';
import { HTTP_METHODS } from './rules/paths.ts';
import { canonical, isAnnotation, isObject, same, WALKED_SUBSCHEMAS } from './schema-facts.ts';
import type { Change, Direction, Json, Node, PropertyFacts, Rule, RuleContext, Wire } from './types.ts';

export class SpecDiffError extends Error {}

interface Resolved {
  value: Json;
  /** The last `$ref` followed to get here. */
  ref?: string;
}

/** A path item, one of its operations, and the path template it sits under. */
type Side = [item: Json, operation: Json, path: string];

interface SchemaContext {
  direction: Direction;
  where: string;
  pointer: string;
  root: string;
  path: string[];
  via?: string;
  /** `$ref` pairs being compared further up, so recursive schemas end. */
  open: ReadonlySet<string>;
  wire?: Wire;
}

const COMPOSITION = ['allOf', 'anyOf', 'oneOf'] as const;
const EMPTY_SHAPE = canonical({});

/** Every change from `base` to `head`, in document order. */
export function diffSpecs(base: Json, head: Json, rules: readonly Rule[] = RULES, context: RuleContext = {}): Change[] {
  return new Walker(base, head, rules, context).run();
}

class Walker {
  readonly #changes: Change[] = [];
  readonly #base: Json;
  readonly #head: Json;
  readonly #rules: readonly Rule[];
  readonly #context: RuleContext;

  constructor(base: Json, head: Json, rules: readonly Rule[], context: RuleContext) {
    this.#base = base;
    this.#head = head;
    this.#rules = rules;
    this.#context = context;
  }

  run(): Change[] {
    const [base, head] = [this.#base, this.#head];
    this.#emit({ kind: 'document', pointer: '', where: 'document', before: base, after: head });
    this.#servers('/servers', 'document', base.servers, head.servers);
    this.#paths();
    return this.#changes;
  }

  #emit(node: Node): void {
    for (const rule of this.#rules) {
      if (!rule.kinds.includes(node.kind)) continue;
      for (const finding of rule.check(node, this.#context)) {
        const [pointer, reason] =
          typeof finding === 'string' ? [node.pointer, finding] : [finding.pointer, finding.reason];
        const via = node.kind === 'schema' && node.via ? ` [schema ${node.via}]` : '';
        this.#changes.push({ id: rule.id, level: rule.level, pointer, reason: reason + via });
      }
    }
  }

  /** Follows `$ref`s (and turns boolean schemas into objects); undefined stays undefined. */
  #resolve(document: Json, value: unknown): Resolved | undefined {
    if (value === undefined) return undefined;
    if (value === true) return { value: {} };
    if (value === false) return { value: { not: {} } };
    let current: unknown = value;
    let ref: string | undefined;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
      if (hops > 32) throw new SpecDiffError(`$ref cycle at ${current.$ref}`);
      ref = current.$ref;
      const target = resolveLocalRef(document, ref);
      if (target === undefined) {
        throw new SpecDiffError(`cannot resolve $ref ${ref} (only local refs such as #/components/... are supported)`);
      }
      const { $ref: _, ...siblings } = current;
      current = isObject(target) ? { ...target, ...siblings } : target;
    }
    if (current === true) return { value: {}, ref };
    if (!isObject(current)) throw new SpecDiffError(`expected an object${ref ? ` at ${ref}` : ''}`);
    return { value: current, ...(ref ? { ref } : {}) };
  }

  #both(before: unknown, after: unknown) {
    return [this.#resolve(this.#base, before)?.value, this.#resolve(this.#head, after)?.value] as const;
  }

  #servers(pointer: string, where: string, before: unknown, after: unknown): void {
    if (before === undefined && after === undefined) return;
    const list = (value: unknown) => (Array.isArray(value) ? value.filter(isObject) : []);
    this.#emit({ kind: 'servers', pointer, where, before: list(before), after: list(after) });
  }

  #paths(): void {
    const index = (document: Json) => {
      const out = new Map<string, { path: string; item: unknown }>();
      const paths = isObject(document.paths) ? document.paths : {};
      // /users/{id} and /users/{userId} are the same path to a client.
      for (const [path, item] of Object.entries(paths)) out.set(path.replace(/\{[^}]*\}/g, '{}'), { path, item });
      return out;
    };
    const [before, after] = [index(this.#base), index(this.#head)];
    for (const key of union(before.keys(), after.keys())) {
      const [b, a] = [before.get(key), after.get(key)];
      const path = a?.path ?? b?.path ?? key;
      const pointer = childPointer('/paths', path);
      const [bItem, aItem] = this.#both(b?.item, a?.item);
      this.#emit({ kind: 'path', pointer, where: `path ${path}`, path, before: bItem, after: aItem });
      if (!bItem || !aItem) continue;
      this.#servers(`${pointer}/servers`, `path ${path}`, bItem.servers, aItem.servers);
      for (const method of HTTP_METHODS) {
        const [bOp, aOp] = this.#both(bItem[method], aItem[method]);
        if (!bOp && !aOp) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const opPointer = childPointer(pointer, method);
        this.#emit({ kind: 'operation', pointer: opPointer, where, before: bOp, after: aOp });
        if (bOp && aOp) {
          this.#operation(opPointer, where, pointer, [bItem, bOp, b?.path ?? path], [aItem, aOp, path]);
        }
      }
    }
  }

  #operation(pointer: string, where: string, pathPointer: string, before: Side, after: Side): void {
    const [[, bOp], [, aOp]] = [before, after];
    const security = (document: Json, op: Json) =>
      (Array.isArray(op.security) ? op.security : Array.isArray(document.security) ? document.security : []).filter(
        isObject,
      );
    this.#emit({
      kind: 'security',
      pointer: `${pointer}/security`,
      where,
      before: security(this.#base, bOp),
      after: security(this.#head, aOp),
    });
    this.#servers(`${pointer}/servers`, where, bOp.servers, aOp.servers);
    this.#parameters(pointer, where, pathPointer, before, after);

    const [bBody, aBody] = this.#both(bOp.requestBody, aOp.requestBody);
    this.#emit({ kind: 'request-body', pointer: `${pointer}/requestBody`, where, before: bBody, after: aBody });
    if (bBody && aBody) this.#content('request', `${pointer}/requestBody`, `${where} request`, bBody, aBody);

    const [bResponses, aResponses] = [bOp.responses, aOp.responses].map((r) => (isObject(r) ? r : {})) as [Json, Json];
    for (const status of union(Object.keys(bResponses), Object.keys(aResponses))) {
      const rPointer = childPointer(pointer, 'responses', status);
      const rWhere = `${where} response ${status}`;
      const [b, a] = this.#both(bResponses[status], aResponses[status]);
      this.#emit({ kind: 'response', pointer: rPointer, where: rWhere, status, before: b, after: a });
      if (!b || !a) continue;
      this.#headers(rPointer, rWhere, b, a);
      this.#content('response', rPointer, rWhere, b, a);
    }
  }

  #parameters(pointer: string, where: string, pathPointer: string, before: Side, after: Side): void {
    type Entry = { parameter: Json; pointer: string };
    const collect = (document: Json, [item, op, path]: Side) => {
      const templateNames = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
      const out = new Map<string, Entry>();
      // Operation parameters override path parameters with the same name and location.
      for (const [owner, list] of [
        [pathPointer, item.parameters],
        [pointer, op.parameters],
      ] as const) {
        if (!Array.isArray(list)) continue;
        for (const [i, raw] of list.entries()) {
          const parameter = this.#resolve(document, raw)?.value;
          if (!parameter) continue;
          const name = String(parameter.name);
          // Path parameters are matched by their place in the template: renaming {id} breaks nobody.
          const position = parameter.in === 'path' ? templateNames.indexOf(name) : -1;
          const id = position >= 0 ? `#${position}` : parameter.in === 'header' ? name.toLowerCase() : name;
          const key = `${parameter.in}:${id}`;
          out.set(key, { parameter, pointer: childPointer(owner, 'parameters', i) });
        }
      }
      return out;
    };
    const [b, a] = [collect(this.#base, before), collect(this.#head, after)];
    for (const key of union(b.keys(), a.keys())) {
      const [bEntry, aEntry] = [b.get(key), a.get(key)];
      const parameter = (aEntry ?? bEntry)?.parameter as Json;
      const pPointer = (aEntry ?? bEntry)?.pointer as string;
      const [name, location] = [String(parameter.name), String(parameter.in)];
      this.#emit({
        kind: 'parameter',
        pointer: pPointer,
        where,
        name,
        in: location,
        before: bEntry?.parameter,
        after: aEntry?.parameter,
      });
      if (bEntry && aEntry && (bEntry.parameter.schema || aEntry.parameter.schema)) {
        this.#schema(
          {
            ...this.#rootContext('request', where, `${pPointer}/schema`),
            root: `${location} parameter \`${name}\``,
            wire: parameterWire(aEntry.parameter),
          },
          bEntry.parameter.schema ?? {},
          aEntry.parameter.schema ?? {},
        );
      }
    }
  }

  #headers(pointer: string, where: string, before: Json, after: Json): void {
    const index = (response: Json) =>
      new Map(
        Object.entries(isObject(response.headers) ? response.headers : {}).map(([name, header]) => [
          name.toLowerCase(),
          { name, header },
        ]),
      );
    const [b, a] = [index(before), index(after)];
    for (const key of union(b.keys(), a.keys())) {
      const name = (a.get(key) ?? b.get(key))?.name ?? key;
      const hPointer = childPointer(pointer, 'headers', name);
      const [bHeader, aHeader] = this.#both(b.get(key)?.header, a.get(key)?.header);
      this.#emit({ kind: 'header', pointer: hPointer, where, name, before: bHeader, after: aHeader });
      if (bHeader && aHeader && (bHeader.schema || aHeader.schema)) {
        this.#schema(
          {
            ...this.#rootContext('response', where, `${hPointer}/schema`),
            root: `response header \`${name}\``,
            wire: 'text',
          },
          bHeader.schema ?? {},
          aHeader.schema ?? {},
        );
      }
    }
  }

  #content(direction: Direction, pointer: string, where: string, before: Json, after: Json): void {
    const [bContent, aContent] = [before.content, after.content].map((c) => (isObject(c) ? c : {})) as [Json, Json];
    const renamed = mediaTypeRenames(direction, Object.keys(bContent), Object.keys(aContent));
    const renamedTo = new Set(renamed.values());
    for (const mediaType of union(Object.keys(bContent), Object.keys(aContent))) {
      if (renamedTo.has(mediaType)) continue; // compared with the media type it replaced
      const newName = renamed.get(mediaType);
      const name = newName ?? mediaType;
      const mPointer = childPointer(pointer, 'content', name);
      const mWhere = `${where} ${name}`;
      const [b, a] = this.#both(bContent[mediaType], aContent[name]);
      const afterMediaTypes = Object.keys(aContent);
      this.#emit({
        kind: 'media-type',
        pointer: mPointer,
        where: mWhere,
        direction,
        mediaType: name,
        afterMediaTypes,
        ...(newName ? { renamedFrom: mediaType } : {}),
        before: b,
        after: a,
      });
      if (!b || !a) continue;
      if (b.schema !== undefined || a.schema !== undefined) {
        const wire: Wire | undefined = isJsonMediaType(name) ? undefined : 'text';
        this.#schema(
          { ...this.#rootContext(direction, mWhere, `${mPointer}/schema`), ...(wire ? { wire } : {}) },
          b.schema ?? {},
          a.schema ?? {},
        );
      }
      if (direction === 'response') this.#examples(mPointer, mWhere, b, a);
    }
  }

  #examples(pointer: string, where: string, before: Json, after: Json): void {
    const [bExamples, aExamples] = [before.examples, after.examples].map((e) => (isObject(e) ? e : {})) as [Json, Json];
    for (const name of union(Object.keys(bExamples), Object.keys(aExamples))) {
      const [b, a] = this.#both(bExamples[name], aExamples[name]);
      this.#emit({
        kind: 'example',
        pointer: childPointer(pointer, 'examples', name),
        where,
        name,
        before: b,
        after: a,
      });
    }
  }

  #rootContext(direction: Direction, where: string, pointer: string): SchemaContext {
    return { direction, where, pointer, root: `${direction} body`, path: [], open: new Set() };
  }

  #schema(context: SchemaContext, before: unknown, after: unknown, property?: PropertyFacts): void {
    const [b, a] = [this.#resolve(this.#base, before), this.#resolve(this.#head, after)];
    const refs = b?.ref || a?.ref ? `${b?.ref ?? ''}|${a?.ref ?? ''}` : undefined;
    if (refs && context.open.has(refs)) return; // a recursive schema met itself again
    const via = a?.ref ?? b?.ref ?? context.via;
    this.#emit({
      kind: 'schema',
      pointer: context.pointer,
      where: context.where,
      direction: context.direction,
      subject: subject(context.root, context.path),
      before: b?.value,
      after: a?.value,
      ...(property ? { property } : {}),
      ...(via ? { via } : {}),
      ...(context.wire ? { wire: context.wire } : {}),
    });
    if (!b || !a) return;
    const open = refs ? new Set([...context.open, refs]) : context.open;
    const child = (segments: (string | number)[], path: string[]): SchemaContext => ({
      ...context,
      pointer: childPointer(context.pointer, ...segments),
      path,
      open,
      ...(via ? { via } : {}),
      // The members of an exploded form array are single values again.
      ...(context.wire ? { wire: 'text' as const } : {}),
    });
    const wrap = wrapping(b.value, a.value);
    if (wrap) {
      this.#composition(context, child, wrap.keyword, wrap.before, wrap.after, wrap.kind);
      return;
    }
    this.#properties(context, child, b.value, a.value);
    const [bItems, aItems] = [b.value.items, a.value.items];
    if (bItems !== undefined || aItems !== undefined) {
      this.#schema(child(['items'], [...context.path, '[]']), bItems ?? {}, aItems ?? {});
    }
    const [bExtra, aExtra] = [b.value.additionalProperties, a.value.additionalProperties];
    if (isObject(bExtra) && isObject(aExtra)) {
      this.#schema(child(['additionalProperties'], [...context.path, '*']), bExtra, aExtra);
    }
    this.#subschemas(context, child, b.value, a.value);
    for (const keyword of COMPOSITION) {
      const [bList, aList] = [b.value[keyword], a.value[keyword]];
      if (!Array.isArray(bList) && !Array.isArray(aList)) continue;
      this.#composition(context, child, keyword, asList(bList), asList(aList));
    }
  }

  /**
   * The other sub-schemas present on both sides (contains, then/else under the same if,
   * unevaluated*, dependentSchemas and patternProperties entries, prefixItems positions): compared as
   * schemas, so what changed inside them is judged like any other schema change.
   */
  #subschemas(
    context: SchemaContext,
    child: (segments: (string | number)[], path: string[]) => SchemaContext,
    before: Json,
    after: Json,
  ): void {
    for (const keyword of WALKED_SUBSCHEMAS) {
      const [b, a] = [before[keyword], after[keyword]];
      if ((keyword === 'then' || keyword === 'else') && !same(before.if, after.if)) continue;
      if (isObject(b) && isObject(a)) this.#schema(child([keyword], context.path), b, a);
    }
    for (const keyword of ['dependentSchemas', 'patternProperties']) {
      const [b, a] = [before[keyword], after[keyword]];
      if (!isObject(b) || !isObject(a)) continue;
      for (const key of Object.keys(b).filter((k) => k in a)) {
        const path = keyword === 'patternProperties' ? [...context.path, `/${key}/`] : context.path;
        this.#schema(child([keyword, key], path), b[key], a[key]);
      }
    }
    const [bPrefix, aPrefix] = [before.prefixItems, after.prefixItems];
    if (Array.isArray(bPrefix) && Array.isArray(aPrefix)) {
      for (const [i, member] of bPrefix.entries()) {
        if (i < aPrefix.length)
          this.#schema(child(['prefixItems', i], [...context.path, `[${i}]`]), member, aPrefix[i]);
      }
    }
  }

  /**
   * Pairs the members of two allOf/anyOf/oneOf lists by meaning: the same `$ref`, then the same
   * shape, then (for what is left, when as many went as came) by position, as a member edited in
   * place. Paired members are compared as schemas; the rest are reported as added or removed.
   */
  #composition(
    context: SchemaContext,
    child: (segments: (string | number)[], path: string[]) => SchemaContext,
    keyword: (typeof COMPOSITION)[number],
    before: unknown[] | undefined,
    after: unknown[] | undefined,
    wrap?: 'wrapped' | 'unwrapped',
  ): void {
    const describe = (document: Json, list: unknown[] = []) =>
      list.map((raw, index) => {
        const ref = isObject(raw) && typeof raw.$ref === 'string' ? raw.$ref : undefined;
        const value = this.#resolve(document, raw)?.value;
        return { raw, index, ref, shape: canonical(shapeOf(value)), value };
      });
    const [bMembers, aMembers] = [describe(this.#base, before), describe(this.#head, after)];
    const pairs: [number, number][] = [];
    const free = (list: typeof bMembers, side: 0 | 1) => list.filter((m) => !pairs.some((p) => p[side] === m.index));
    const match = (same: (x: (typeof bMembers)[number], y: (typeof aMembers)[number]) => boolean) => {
      for (const x of free(bMembers, 0)) {
        const y = free(aMembers, 1).find((candidate) => same(x, candidate));
        if (y) pairs.push([x.index, y.index]);
      }
    };
    match((x, y) => x.ref !== undefined && x.ref === y.ref);
    match((x, y) => x.shape === y.shape);
    if (wrap) {
      // The plain schema against its closest alternative: the one sharing most property names.
      match((x, y) => y === closest(x.value, free(aMembers, 1)));
      match((x, y) => x === closest(y.value, free(bMembers, 0)));
    } else if (free(bMembers, 0).length === free(aMembers, 1).length) {
      const [bFree, aFree] = [free(bMembers, 0), free(aMembers, 1)];
      for (const [i, x] of bFree.entries()) pairs.push([x.index, (aFree[i] as (typeof aMembers)[number]).index]);
    }
    const label = (m: (typeof bMembers)[number]) => m.ref?.split('/').pop() ?? `${keyword}[${m.index}]`;
    // An allOf member of annotations only (a description, an example) holds for every value.
    const constrains = (m: (typeof bMembers)[number]) => keyword !== 'allOf' || m.shape !== EMPTY_SHAPE;
    this.#emit({
      kind: 'composition',
      pointer: context.pointer,
      where: context.where,
      direction: context.direction,
      keyword,
      subject: subject(context.root, context.path),
      before,
      after,
      removed: free(bMembers, 0).filter(constrains).map(label),
      added: free(aMembers, 1).filter(constrains).map(label),
      ...(wrap ? { wrap } : {}),
    });
    for (const [i, j] of pairs) {
      const segments = wrap === 'wrapped' || !wrap ? [keyword, j] : [];
      this.#schema(child(segments, context.path), bMembers[i]?.raw, aMembers[j]?.raw);
    }
  }

  #properties(
    context: SchemaContext,
    child: (segments: (string | number)[], path: string[]) => SchemaContext,
    before: Json,
    after: Json,
  ): void {
    const props = (schema: Json) => (isObject(schema.properties) ? schema.properties : {});
    const required = (schema: Json) => new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const [bProps, aProps, bRequired, aRequired] = [props(before), props(after), required(before), required(after)];
    // A name listed only in `required` is a property of any type.
    const names = (p: Json, r: Set<string>) => union(Object.keys(p), r);
    const renames = this.#renames(bProps, aProps);
    for (const name of union(names(bProps, bRequired), names(aProps, aRequired))) {
      const bSchema = bProps[name] ?? (bRequired.has(name) ? {} : undefined);
      const aSchema = aProps[name] ?? (aRequired.has(name) ? {} : undefined);
      // readOnly properties are not part of requests, writeOnly ones not part of responses: a
      // property turning readOnly leaves requests as if removed, and one that stops being enters.
      const flag = context.direction === 'request' ? 'readOnly' : 'writeOnly';
      const [bHidden, aHidden] = [this.#flagged(this.#base, bSchema, flag), this.#flagged(this.#head, aSchema, flag)];
      if ((bHidden || bSchema === undefined) && (aHidden || aSchema === undefined)) continue;
      const renamedTo = renames.get(name);
      const renamedFrom = [...renames].find(([, to]) => to === name)?.[0];
      const facts: PropertyFacts = {
        name,
        requiredBefore: bRequired.has(name),
        requiredAfter: aRequired.has(name),
        ...(renamedTo ? { renamedTo, renamedToRequired: aRequired.has(renamedTo) } : {}),
        ...(renamedFrom ? { renamedFrom } : {}),
        ...(bHidden !== aHidden ? { visibility: aHidden ? `became ${flag}` : `is no longer ${flag}` } : {}),
      };
      const path = [...context.path, name];
      this.#schema(
        child(['properties', name], path),
        bHidden ? undefined : bSchema,
        aHidden ? undefined : aSchema,
        facts,
      );
    }
  }

  /**
   * One property gone and one new with the same schema (annotations aside) in the same object reads
   * as a rename. Only an unambiguous pair counts.
   */
  #renames(before: Json, after: Json): Map<string, string> {
    const removed = Object.keys(before).filter((name) => !(name in after));
    const added = Object.keys(after).filter((name) => !(name in before));
    if (removed.length !== 1 || added.length !== 1) return new Map();
    const [from, to] = [removed[0] as string, added[0] as string];
    const shape = (document: Json, value: unknown) => canonical(shapeOf(this.#resolve(document, value)?.value));
    return shape(this.#base, before[from]) === shape(this.#head, after[to]) ? new Map([[from, to]]) : new Map();
  }

  #flagged(document: Json, schema: unknown, flag: 'readOnly' | 'writeOnly'): boolean {
    if (schema === undefined) return false;
    return (isObject(schema) && schema[flag] === true) || this.#resolve(document, schema)?.value[flag] === true;
  }
}

/** A schema without its annotations, for telling whether two schemas describe the same values. */
function shapeOf(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (isAnnotation(key)) continue;
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, shapeOf(property)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = shapeOf(value);
    } else if ((COMPOSITION as readonly string[]).includes(key) && Array.isArray(value)) {
      out[key] = value.map(shapeOf);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Media types that went, paired with the one that replaced them: the same type with other
 * parameters (`application/json; charset=utf-8` → `application/json`), and, for responses, a more
 * specific type (`application/json` → `application/problem+json`, `application/*` →
 * `application/json`), which clients parsing the old one still parse. Requests pair only on
 * parameters: a server taking a more specific type may refuse the general one clients send.
 */
function mediaTypeRenames(direction: Direction, before: string[], after: string[]): Map<string, string> {
  const essence = (mediaType: string) => mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  const specialises = (general: string, specific: string) => {
    const [[gType, gSub], [sType, sSub]] = [essence(general).split('/'), essence(specific).split('/')];
    if (gType === '*') return true;
    if (gType !== sType) return false;
    return gSub === '*' || (sSub ?? '').endsWith(`+${gSub}`);
  };
  const gone = before.filter((m) => !after.includes(m));
  const came = after.filter((m) => !before.includes(m));
  const pairs = new Map<string, string>();
  for (const old of gone) {
    const free = came.filter((m) => ![...pairs.values()].includes(m));
    const match =
      free.find((m) => essence(m) === essence(old)) ??
      (direction === 'response' ? free.find((m) => specialises(old, m)) : undefined);
    if (match) pairs.set(old, match);
  }
  return pairs;
}

/** JSON and its structured-suffix kin (application/problem+json...): typed on the wire. */
function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json') || essence === '*/*';
}

/** Parameters travel as text; a query or cookie parameter in (default) exploded form style also takes one value for an array. */
function parameterWire(parameter: Json): Wire {
  const inForm = parameter.in === 'query' || parameter.in === 'cookie';
  const style = parameter.style ?? (inForm ? 'form' : 'simple');
  const explode = parameter.explode ?? style === 'form';
  return inForm && style === 'form' && explode === true ? 'form' : 'text';
}

function asList(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/**
 * A plain schema on one side and only a list of alternatives on the other (`{type: object, ...}`
 * became `{oneOf: [...]}` or back): compared as a one-member list against the alternatives, not as
 * an object whose properties all vanished.
 */
function wrapping(
  before: Json,
  after: Json,
): { keyword: 'anyOf' | 'oneOf'; kind: 'wrapped' | 'unwrapped'; before: unknown[]; after: unknown[] } | undefined {
  const plain = (schema: Json) => COMPOSITION.every((k) => schema[k] === undefined) && Object.keys(schema).length > 0;
  const onlyAlternatives = (schema: Json, keyword: string) =>
    Array.isArray(schema[keyword]) &&
    ['properties', 'items', 'enum', 'const', 'allOf', ...COMPOSITION.filter((k) => k !== keyword)].every(
      (k) => schema[k] === undefined,
    );
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    if (plain(before) && onlyAlternatives(after, keyword)) {
      return { keyword, kind: 'wrapped', before: [before], after: after[keyword] as unknown[] };
    }
    if (plain(after) && onlyAlternatives(before, keyword)) {
      return { keyword, kind: 'unwrapped', before: before[keyword] as unknown[], after: [after] };
    }
  }
  return undefined;
}

/** The member sharing most property names with `schema` (the first on a tie), if any. */
function closest<T extends { value: Json | undefined }>(schema: Json | undefined, members: T[]): T | undefined {
  const names = (s: Json | undefined) => new Set(isObject(s?.properties) ? Object.keys(s.properties) : []);
  const own = names(schema);
  let best: T | undefined;
  let score = -1;
  for (const member of members) {
    const shared = [...names(member.value)].filter((n) => own.has(n)).length;
    if (shared > score) [best, score] = [member, shared];
  }
  return best;
}

/** Keys of the first list in its order, then the second list's new ones. */
function union(first: Iterable<string>, second: Iterable<string>): string[] {
  return [...new Set([...first, ...second])];
}

function subject(root: string, path: string[]): string {
  if (path.length === 0) return root;
  return `${root} property \`${path.join('.').replaceAll('.[]', '[]')}\``;
}

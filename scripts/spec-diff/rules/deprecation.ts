/**
 * The opt-in deprecation policy (`--deprecation-policy`, `--deprecation-days-beta/-stable`): an
 * operation, parameter or property is removed only after it was deprecated with an `x-sunset` date
 * that has passed, and a sunset, once announced, is a promise: it may not be dropped, made
 * unreadable or moved sooner than the notice the policy asks for. Without the policy none of these
 * rules applies and removals are judged as removals.
 */
import { defineRule } from '../define-rule.ts';
import { isObject } from '../schema-facts.ts';
import {
  addDays,
  describeSunset,
  isDeprecated,
  noticeDays,
  removalAllowed,
  sunsetDate,
  sunsetState,
} from '../sunset.ts';
import type { DeprecationPolicy, Json, Node } from '../types.ts';
import { HTTP_METHODS } from './paths.ts';

type Item = { before: Json | undefined; after: Json | undefined };

/** What is being judged: an operation, a parameter, or a property (not the body schema itself). */
function subjectOf(node: Node): string | undefined {
  if (node.kind === 'operation') return node.where;
  if (node.kind === 'parameter') return `${node.where}: ${node.in} parameter \`${node.name}\``;
  if (node.kind === 'schema' && node.property) return `${node.where}: ${node.subject}`;
  return undefined;
}

function removed(node: Node & Item): boolean {
  if (node.kind === 'schema' && node.property?.renamedTo) return false;
  return node.before !== undefined && node.after === undefined;
}

/** The operations of a path item, all of which must be past their sunset for the path to go. */
function operations(item: Json): Json[] {
  return HTTP_METHODS.map((m) => item[m]).filter(isObject);
}

export const removedAfterSunset = defineRule({
  id: 'removed-after-sunset',
  level: 'INFO',
  kinds: ['path', 'operation', 'parameter', 'schema'],
  summary:
    'With the deprecation policy: an operation, parameter or property was removed after its x-sunset date, as announced.',
  check: (node, { deprecation }) => {
    if (!deprecation || !removed(node) || !node.before) return;
    if (node.kind === 'path') {
      const ops = operations(node.before);
      return (
        ops.length > 0 &&
        ops.every((op) => removalAllowed(op, deprecation)) &&
        `path ${node.path} was removed after the sunset of every operation on it`
      );
    }
    const subject = subjectOf(node);
    return (
      subject !== undefined &&
      removalAllowed(node.before, deprecation) &&
      `${subject} was removed after its sunset ${describeSunset(node.before)}`
    );
  },
});

export const removedBeforeSunset = defineRule({
  id: 'removed-before-sunset',
  level: 'ERR',
  kinds: ['parameter', 'schema'],
  summary:
    'With the deprecation policy: a deprecated parameter or property was removed before its x-sunset date (or its sunset is no date).',
  check: (node, { deprecation }) => {
    if (!deprecation || !removed(node) || !node.before) return;
    const subject = subjectOf(node);
    const state = sunsetState(node.before, deprecation.today);
    if (subject === undefined || (state !== 'future' && state !== 'invalid')) return;
    return state === 'future'
      ? `${subject} was removed before its sunset ${describeSunset(node.before)}; clients were promised it until then`
      : `${subject} was removed, but its sunset ${describeSunset(node.before)} is not a date, so it never passed`;
  },
});

/** Both sides of a deprecated item that is still there. */
function kept(node: Node & Item): node is Node & { before: Json; after: Json } {
  return subjectOf(node) !== undefined && node.before !== undefined && node.after !== undefined;
}

export const deprecationSunsetInvalid = defineRule({
  id: 'deprecation-sunset-invalid',
  level: 'ERR',
  kinds: ['operation', 'parameter', 'schema'],
  summary: 'With the deprecation policy: an x-sunset was set or changed, and one side of it is not a date.',
  check: (node, { deprecation }) => {
    if (!deprecation || !kept(node) || !isDeprecated(node.after)) return;
    const [b, a] = [node.before['x-sunset'], node.after['x-sunset']];
    const changed = b !== a || !isDeprecated(node.before);
    const bad = [b, a].filter((v) => v !== undefined && sunsetDate(v) === undefined);
    return (
      changed &&
      bad.length > 0 &&
      `${subjectOf(node)}: x-sunset ${bad.map((v) => JSON.stringify(v)).join(' / ')} is not a date (YYYY-MM-DD or RFC 3339), so nobody can tell when it goes`
    );
  },
});

export const deprecationSunsetRemoved = defineRule({
  id: 'deprecation-sunset-removed',
  level: 'ERR',
  kinds: ['operation', 'parameter', 'schema'],
  summary: 'With the deprecation policy: the x-sunset of a still deprecated item was dropped.',
  check: (node, { deprecation }) =>
    deprecation !== undefined &&
    kept(node) &&
    isDeprecated(node.before) &&
    isDeprecated(node.after) &&
    node.before['x-sunset'] !== undefined &&
    node.after['x-sunset'] === undefined &&
    `${subjectOf(node)}: its sunset ${describeSunset(node.before)} was dropped; clients lose the date they plan by`,
});

/** The earliest sunset the policy accepts for this item now. */
function earliest(item: Json, policy: DeprecationPolicy): string {
  return addDays(policy.today, noticeDays(item, policy));
}

export const deprecationSunsetTooSoon = defineRule({
  id: 'deprecation-sunset-too-soon',
  level: 'ERR',
  kinds: ['operation', 'parameter', 'schema'],
  summary:
    'With the deprecation policy: a sunset was set or moved to a date sooner than the notice the policy asks for.',
  check: (node, { deprecation }) => {
    if (!deprecation || !kept(node) || !isDeprecated(node.after)) return;
    const after = sunsetDate(node.after['x-sunset']);
    const before = isDeprecated(node.before) ? sunsetDate(node.before['x-sunset']) : undefined;
    if (after === undefined || after === before || (before !== undefined && after > before)) return;
    const limit = earliest(node.after, deprecation);
    return (
      after < limit &&
      `${subjectOf(node)}: sunset ${after} is sooner than the policy allows (${limit}, ${noticeDays(node.after, deprecation)} days from ${deprecation.today})`
    );
  },
});

export const deprecationSunsetMissing = defineRule({
  id: 'deprecation-sunset-missing',
  level: 'ERR',
  kinds: ['operation', 'parameter', 'schema'],
  summary:
    'With the deprecation policy and a notice period: an item was deprecated without an x-sunset, so clients get no date.',
  check: (node, { deprecation }) =>
    deprecation !== undefined &&
    kept(node) &&
    !isDeprecated(node.before) &&
    isDeprecated(node.after) &&
    node.after['x-sunset'] === undefined &&
    noticeDays(node.after, deprecation) > 0 &&
    `${subjectOf(node)} was deprecated without an x-sunset; the policy asks for ${noticeDays(node.after, deprecation)} days of notice`,
});

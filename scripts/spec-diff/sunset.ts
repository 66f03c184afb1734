/**
 * Deprecation facts about an operation, parameter or property: whether it is deprecated, its
 * `x-sunset` date (the day from which it may be removed) and `x-stability-level`, and what the
 * opt-in deprecation policy makes of them.
 * https://spec.openapis.org/oas/v3.1.0#operation-object (deprecated); x-sunset and
 * x-stability-level as oasdiff reads them.
 */
import { isObject } from './schema-facts.ts';
import type { DeprecationPolicy, Json } from './types.ts';

/** Where an item stands on its way out. */
export type SunsetState = 'not-deprecated' | 'no-sunset' | 'invalid' | 'future' | 'passed';

export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;

/** YYYY-MM-DD of an `x-sunset` value (a date, or an RFC 3339 date-time), or undefined when it is none. */
export function sunsetDate(value: unknown): string | undefined {
  const text = value instanceof Date ? value.toISOString() : value;
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const day = match[1] as string;
  // 2022-02-30 matches the pattern but is no date.
  return new Date(`${day}T00:00:00Z`).toISOString().startsWith(day) ? day : undefined;
}

export function isDeprecated(item: Json | undefined): boolean {
  return isObject(item) && item.deprecated === true;
}

export function sunsetState(item: Json | undefined, today: string): SunsetState {
  if (!item || !isDeprecated(item)) return 'not-deprecated';
  if (item['x-sunset'] === undefined) return 'no-sunset';
  const day = sunsetDate(item['x-sunset']);
  if (day === undefined) return 'invalid';
  return day <= today ? 'passed' : 'future';
}

/** Whether the policy lets this item go: deprecated, with a sunset that has passed. */
export function removalAllowed(item: Json | undefined, policy: DeprecationPolicy | undefined): boolean {
  return policy !== undefined && sunsetState(item, policy.today) === 'passed';
}

/** The notice a deprecation must give, in days: betas less than stable ones, drafts and alphas none. */
export function noticeDays(item: Json, policy: DeprecationPolicy): number {
  const level = item['x-stability-level'];
  if (level === 'draft' || level === 'alpha') return 0;
  return level === 'beta' ? policy.betaDays : policy.stableDays;
}

/** `today` plus `days`, as YYYY-MM-DD. */
export function addDays(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function describeSunset(item: Json): string {
  const value = item['x-sunset'];
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? 'none');
}

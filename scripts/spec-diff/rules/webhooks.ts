/**
 * Rules on webhooks (OpenAPI 3.1): the requests the API itself sends to its subscribers. Removing
 * one stops calls receivers depend on; adding one is new; what changed inside one is not analysed
 * (its direction is the reverse of a path's) and is left to review.
 * https://spec.openapis.org/oas/v3.1.0#oasWebhooks
 */
import { childPointer } from '../../../common/json-pointer.ts';
import { defineRule } from '../define-rule.ts';
import { isObject, same } from '../schema-facts.ts';
import type { DocumentNode, Json } from '../types.ts';

function webhooks(document: Json | undefined): Json {
  return isObject(document?.webhooks) ? document.webhooks : {};
}

/** Webhook names found on one side only, or on both with different definitions. */
function compare({ before, after }: DocumentNode, pick: (b: unknown, a: unknown) => boolean) {
  const [b, a] = [webhooks(before), webhooks(after)];
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((name) => pick(b[name], a[name]))
    .map((name) => ({ name, pointer: childPointer('/webhooks', name) }));
}

export const webhookRemoved = defineRule({
  id: 'webhook-removed',
  level: 'ERR',
  kinds: ['document'],
  summary: 'A webhook was removed: subscribers stop receiving the calls they rely on.',
  check: (node) =>
    compare(node, (b, a) => b !== undefined && a === undefined).map(({ name, pointer }) => ({
      pointer,
      reason: `webhook ${name} was removed; subscribers no longer receive it`,
    })),
});

export const webhookAdded = defineRule({
  id: 'webhook-added',
  level: 'INFO',
  kinds: ['document'],
  summary: 'A webhook was added.',
  check: (node) =>
    compare(node, (b, a) => b === undefined && a !== undefined).map(({ name, pointer }) => ({
      pointer,
      reason: `webhook ${name} was added`,
    })),
});

export const webhookChanged = defineRule({
  id: 'webhook-changed',
  level: 'WARN',
  kinds: ['document'],
  summary: 'A webhook definition changed; spec:diff does not analyse inside webhooks: review by hand.',
  check: (node) =>
    compare(node, (b, a) => b !== undefined && a !== undefined && !same(b, a)).map(({ name, pointer }) => ({
      pointer,
      reason: `webhook ${name} changed, which spec:diff does not analyse; review what subscribers receive by hand`,
    })),
});

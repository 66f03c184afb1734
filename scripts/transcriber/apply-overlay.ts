/**
 * Applies an OpenAPI Overlay 1.0 document: each action's JSONPath `target` is either removed
 * (`remove: true`) or has `update` merged into it (objects merge recursively, arrays append).
 * https://spec.openapis.org/overlay/v1.0.0
 */
import { JSONPath } from 'jsonpath-plus';
import { isObject } from '../../common/json.ts';

export interface OverlayAction {
  target: string;
  description?: string;
  update?: unknown;
  remove?: boolean;
}

export interface Overlay {
  overlay: string;
  info: { title: string; version: string };
  actions: OverlayAction[];
}

type Json = Record<string, unknown>;

function merge(target: unknown, update: unknown): unknown {
  if (Array.isArray(target)) return [...target, ...(Array.isArray(update) ? update : [update])];
  if (!isObject(target) || !isObject(update)) return structuredClone(update);
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(update)) {
    out[key] = key in target && isObject(value) ? merge(target[key], value) : structuredClone(value);
  }
  return out;
}

interface Match {
  value: unknown;
  parent: Json | unknown[] | null;
  parentProperty: string | number | null;
}

/**
 * Returns a new document; the input is left as it was. An action whose target matches nothing is
 * skipped and named in `warnings`: when the docs drop an endpoint, the overlay's additions to it
 * have nothing left to apply to, and the removal must reach spec:diff as a breaking change rather
 * than stop the build.
 */
export function applyOverlay(document: Json, overlay: Overlay, warnings: string[] = []): Json {
  if (!/^1\.0\.\d+$/.test(overlay.overlay)) throw new Error(`unsupported overlay version ${overlay.overlay}`);
  const root = { $: structuredClone(document) };
  for (const [index, action] of overlay.actions.entries()) {
    const matches = JSONPath({ path: action.target, json: root.$, resultType: 'all', wrap: true }) as Match[];
    const label = `overlay action ${index + 1} (${action.target})`;
    if (matches.length === 0) {
      warnings.push(`${label} matches nothing in the document; skipped (edit or delete it in the overlay)`);
      continue;
    }
    // Remove from the end so array indexes stay valid.
    for (const match of [...matches].reverse()) {
      const { parent, parentProperty } = match;
      if (parent === null || parentProperty === null) {
        if (action.remove) throw new Error(`${label} cannot remove the document root`);
        root.$ = merge(root.$, action.update) as Json;
      } else if (action.remove) {
        if (Array.isArray(parent)) parent.splice(Number(parentProperty), 1);
        else delete (parent as Json)[parentProperty];
      } else if (action.update !== undefined) {
        (parent as Json)[parentProperty] = merge(match.value, action.update);
      } else {
        throw new Error(`${label} has neither update nor remove`);
      }
    }
  }
  return root.$;
}

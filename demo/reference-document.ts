// The merged spec, dressed for the API reference page: responses our overlay adds (`x-assumed`)
// are marked where a reader looks — a badge on the operation and a bold lead-in on the response —
// so nobody mistakes an assumption for the documented contract. The spec itself is not changed.
import { isObject } from '../common/json.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';

type Json = Record<string, unknown>;

const ASSUMED_LEAD = /^Assumed\s*[-–—:]\s*/;
// Scalar paints the badge in this colour and its text in the same colour mixed with 40% black.
export const ASSUMED_COLOR = '#fcd38d';

/** A deep copy of `document` with assumed responses marked for display. */
export function markAssumed(document: unknown = openapiDocument): Json {
  const copy: unknown = structuredClone(document);
  if (!isObject(copy)) throw new TypeError('markAssumed: the document is not an object');
  for (const item of Object.values(isObject(copy.paths) ? copy.paths : {})) {
    if (!isObject(item)) continue;
    for (const operation of Object.values(item)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      const assumed: string[] = [];
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!isObject(response) || response['x-assumed'] !== true) continue;
        assumed.push(status);
        const text = typeof response.description === 'string' ? response.description.replace(ASSUMED_LEAD, '') : '';
        response.description = `**Assumed, not in the API's docs:** ${text}`;
      }
      if (assumed.length === 0) continue;
      const badges = Array.isArray(operation['x-badges']) ? operation['x-badges'] : [];
      operation['x-badges'] = [
        ...badges,
        { name: `Assumed responses: ${assumed.join(', ')}`, color: ASSUMED_COLOR, position: 'after' },
      ];
      const listed = assumed.length > 1 ? `${assumed.slice(0, -1).join(', ')} and ${assumed.at(-1)}` : assumed[0];
      const note = `Responses ${listed} are assumed by this kit (\`x-assumed\`, spec/overlay.yaml); the API's docs define only the others.`;
      operation.description = typeof operation.description === 'string' ? `${operation.description}\n\n${note}` : note;
    }
  }
  return copy;
}

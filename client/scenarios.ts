// Named scenarios are the spec's named response examples; listing them from the document keeps the
// switcher in step with `npm run spec` instead of a hand-kept list.
import type { Scenario } from '../common/prefer.ts';
import { openapiDocument } from '../spec/generated/openapi.ts';

/** A named example of the spec a mock can answer with, described for a scenario switcher. */
export interface ListedScenario {
  operationId: string;
  method: string;
  path: string;
  /** HTTP status of the response the example belongs to. */
  status: number;
  /** Example name, sent as `Prefer: example=NAME`. */
  example: string;
  /** The example's summary, or the response description when it has none. */
  summary: string;
  /** True for responses our overlay adds (`x-assumed`); false for what the docs define. */
  assumed: boolean;
  /** What to send for it: `{ code: status, example }`, e.g. as a call's `prefer`. */
  scenario: Scenario;
}

type Json = unknown;

function record(value: Json): Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Json>) : {};
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every named example of every operation, in document order. */
export function listScenarios(document: Json = openapiDocument): ListedScenario[] {
  const scenarios: ListedScenario[] = [];
  for (const [path, item] of Object.entries(record(record(document).paths))) {
    for (const [method, operation] of Object.entries(record(item))) {
      if (!METHODS.includes(method)) continue;
      const op = record(operation);
      const operationId = typeof op.operationId === 'string' ? op.operationId : `${method} ${path}`;
      for (const [status, response] of Object.entries(record(op.responses))) {
        const res = record(response);
        for (const media of Object.values(record(res.content))) {
          for (const [example, value] of Object.entries(record(record(media).examples))) {
            const summary = record(value).summary;
            scenarios.push({
              operationId,
              method: method.toUpperCase(),
              path,
              status: Number(status),
              example,
              summary: typeof summary === 'string' ? summary : String(res.description ?? ''),
              assumed: res['x-assumed'] === true,
              // Prism looks an example up within one response, so the status travels with the name.
              scenario: { code: Number(status), example },
            });
          }
        }
      }
    }
  }
  return scenarios;
}

/** The scenarios of one operation. */
export function scenariosFor(operationId: string, document: Json = openapiDocument): ListedScenario[] {
  return listScenarios(document).filter((scenario) => scenario.operationId === operationId);
}

/** Every rule spec:diff applies, grouped by the part of the document they judge. */
import * as general from './rules/general.ts';
import * as paths from './rules/paths.ts';
import * as request from './rules/request.ts';
import * as responses from './rules/responses.ts';
import * as schema from './rules/schema.ts';
import type { Rule } from './types.ts';

function rulesIn(module: Record<string, unknown>): Rule[] {
  return Object.values(module).filter(
    (value): value is Rule => typeof value === 'object' && value !== null && 'id' in value && 'check' in value,
  );
}

export const RULES: readonly Rule[] = [
  ...rulesIn(paths),
  ...rulesIn(request),
  ...rulesIn(responses),
  ...rulesIn(schema),
  ...rulesIn(general),
];

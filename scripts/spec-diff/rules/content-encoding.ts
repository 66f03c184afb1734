/**
 * contentMediaType and contentEncoding: what a string carries (a base64 PNG, embedded JSON). JSON
 * Schema only annotates with them, but both sides of the API encode and decode by them: another
 * encoding or media type breaks senders and readers alike (oasdiff agrees). Adding or dropping one
 * only documents, and is reported as an annotation.
 * https://json-schema.org/draft/2020-12/json-schema-validation#section-8
 */
import { defineRule } from '../define-rule.ts';
import { show } from '../schema-facts.ts';

const KEYWORDS = ['contentMediaType', 'contentEncoding'] as const;

export const contentEncodingChanged = defineRule({
  id: 'content-encoding-changed',
  level: 'ERR',
  kinds: ['schema'],
  summary:
    'A string now carries another contentMediaType or contentEncoding: encoders and decoders of the old one break.',
  check: ({ before, after, where, subject }) => {
    if (!before || !after) return;
    const moved = KEYWORDS.filter((k) => k in before && k in after && before[k] !== after[k]);
    return (
      moved.length > 0 &&
      `${where}: ${subject} ${moved.map((k) => `${k} ${show(before[k])} → ${show(after[k])}`).join(', ')}; code encoding or decoding the old one breaks`
    );
  },
});

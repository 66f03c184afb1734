// The drift between two answers to the same request: where the server's answer and the mock's
// differ in a way a client notices. Field values are never compared, except the envelope `code`.
import type { AnswerShape } from './answer-shape.ts';

export type DriftAspect = 'answer' | 'status' | 'media type' | 'body' | 'code' | 'header' | 'timing';
export const driftAspects: readonly DriftAspect[] = [
  'answer',
  'status',
  'media type',
  'body',
  'code',
  'header',
  'timing',
];

export interface Difference {
  aspect: DriftAspect;
  /** What differs: `status`, a JSON pointer, a header name … */
  what: string;
  server: string;
  mock: string;
}

const absent = 'absent';
const none = '(none)';

/** `/result/extra` is covered by `/result` when `/result` is itself absent on one side. */
function coveredByParent(pointer: string, reported: Set<string>): boolean {
  for (let cut = pointer.lastIndexOf('/'); cut > 0; cut = pointer.lastIndexOf('/', cut - 1)) {
    if (reported.has(pointer.slice(0, cut))) return true;
  }
  return false;
}

function fieldDifferences(server: AnswerShape, mock: AnswerShape): Difference[] {
  const out: Difference[] = [];
  const gone = new Set<string>();
  const pointers = [...new Set([...server.fields.keys(), ...mock.fields.keys()])].sort();
  for (const pointer of pointers) {
    if (coveredByParent(pointer, gone)) continue;
    const s = server.fields.get(pointer);
    const m = mock.fields.get(pointer);
    if (s === m) continue;
    if (s === undefined || m === undefined) gone.add(pointer);
    else if (!/^(object|array)$/.test(s) || !/^(object|array)$/.test(m)) gone.add(pointer);
    out.push({ aspect: 'body', what: pointer === '' ? '(the body)' : pointer, server: s ?? absent, mock: m ?? absent });
  }
  return out;
}

export function compareAnswers(server: AnswerShape, mock: AnswerShape): Difference[] {
  if (server.status === undefined || mock.status === undefined) {
    if (server.status === undefined && mock.status === undefined) return [];
    return [
      {
        aspect: 'answer',
        what: 'answer',
        server: server.status === undefined ? `no answer (${server.failure})` : `status ${server.status}`,
        mock: mock.status === undefined ? `no answer (${mock.failure})` : `status ${mock.status}`,
      },
    ];
  }
  const out: Difference[] = [];
  if (server.status !== mock.status) {
    out.push({ aspect: 'status', what: 'status', server: String(server.status), mock: String(mock.status) });
  }
  if (server.mediaType !== mock.mediaType) {
    out.push({
      aspect: 'media type',
      what: 'Content-Type',
      server: server.mediaType ?? none,
      mock: mock.mediaType ?? none,
    });
  }
  if (server.body !== mock.body) {
    out.push({ aspect: 'body', what: '(the body)', server: server.body, mock: mock.body });
  } else if (server.body === 'json') {
    out.push(...fieldDifferences(server, mock));
    for (const [pointer, value] of server.codes) {
      const other = mock.codes.get(pointer);
      if (other !== undefined && other !== value)
        out.push({ aspect: 'code', what: pointer, server: value, mock: other });
    }
  }
  const headers = [...new Set([...server.headers.keys(), ...mock.headers.keys()])].sort();
  for (const name of headers) {
    const s = server.headers.get(name);
    const m = mock.headers.get(name);
    if (s !== m) out.push({ aspect: 'header', what: headerLabel(name), server: s ?? none, mock: m ?? none });
  }
  if (server.timing !== mock.timing)
    out.push({ aspect: 'timing', what: 'timing', server: server.timing, mock: mock.timing });
  return out;
}

/** `cache-control` → `Cache-Control`. */
export function headerLabel(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

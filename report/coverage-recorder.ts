// Counts what each exchange exercised, for every source alike (the mocks, the contract run, the
// proxy, a HAR recording). Cheap enough for the mock's hot path: the spec is read once into lookup
// tables, recording an answer is a few map lookups and counter increments, and a request body is
// only parsed to tell which kind of bad request it was when the answer was a refusal.
import { parsePrefer } from '../common/prefer.ts';
import {
  type BodyRules,
  type CoverageFile,
  type CoverageModel,
  coverageVersion,
  fullCounts,
  itemKey,
  kitCoverageModel,
  type ModelOperation,
  refusalKind,
} from './coverage-model.ts';

/** One request and what came back, as every source can tell it. */
export interface ObservedExchange {
  method: string;
  /** Path under the base URL, without the query string. */
  path: string;
  contentType?: string | undefined;
  /** The `Prefer` header in effect (the request's own, else a server-wide one). */
  prefer?: string | undefined;
  body: string;
  /** The answer's HTTP status; undefined when there was none (network error, timeout). */
  status?: number | undefined;
  responseBody?: string | undefined;
}

export interface CoverageRecorder {
  record(exchange: ObservedExchange): void;
  readonly requests: number;
  /** The coverage file so far (every item of the spec, counted or 0). */
  toJSON(): CoverageFile;
}

export interface RecorderOptions {
  /** mock, msw, contract, proxy, har … (written into the file). */
  source: string;
  model?: CoverageModel;
  /**
   * Tell bad requests apart for every request (the passive sources, which see any server), or only
   * for refused ones (the mocks, which refuse every bad request: well-formed traffic costs no parse).
   */
  classify?: 'always' | 'refusals';
  /** Also compare answers to the examples after re-serializing them (a real server's whitespace differs). */
  normalizeBodies?: boolean;
}

interface ExampleRef {
  status: number;
  slot: number;
}

interface StatusSlots {
  slot: number;
  /** The status's only example: an answer of that status that matches none stands for it. */
  only: number | undefined;
  byName: Map<string, number>;
}

interface OperationSlots {
  op: ModelOperation;
  body: BodyRules | undefined;
  statuses: Map<number, StatusSlots>;
  /** Example body text (as the mocks send it) → its status and slot. */
  byBody: Map<string, ExampleRef>;
  scenarios: Map<string, number>;
  refusals: Map<string, number>;
  undocumented: Map<number, number>;
}

/** Bodies larger than this are not re-serialized to find their example. */
const normalizeLimit = 64 * 1024;

export function createCoverageRecorder(options: RecorderOptions): CoverageRecorder {
  const model = options.model ?? kitCoverageModel();
  const classifyAll = options.classify === 'always';
  const slotOf = new Map(model.items.map((item, index) => [itemKey(item), index]));
  const counts = new Float64Array(model.items.length);
  const slot = (operation: string, kind: string, name: string) =>
    slotOf.get(`${operation}\u0000${kind}\u0000${name}`) as number;

  const exact = new Map<string, Map<string, OperationSlots>>();
  const templated: OperationSlots[] = [];
  for (const op of model.operations) {
    const statuses = new Map<number, StatusSlots>();
    for (const status of op.statuses) {
      const mine = op.examples.filter((e) => e.status === status);
      statuses.set(status, {
        slot: slot(op.id, 'status', String(status)),
        only: mine.length === 1 ? slot(op.id, 'example', mine[0]?.name ?? '') : undefined,
        byName: new Map(mine.map((e) => [e.name, slot(op.id, 'example', e.name)])),
      });
    }
    const byBody = new Map<string, ExampleRef>();
    for (const e of op.examples) {
      const text = typeof e.value === 'string' ? e.value : JSON.stringify(e.value);
      if (text !== undefined && !byBody.has(text))
        byBody.set(text, { status: e.status, slot: slot(op.id, 'example', e.name) });
    }
    const entry: OperationSlots = {
      op,
      body: op.body,
      statuses,
      byBody,
      scenarios: new Map(
        model.items
          .filter((i) => i.operation === op.id && i.kind === 'scenario')
          .map((i) => [i.name, slot(op.id, 'scenario', i.name)]),
      ),
      refusals: new Map(op.refusals.map((name) => [name, slot(op.id, 'refusal', name)])),
      undocumented: new Map(),
    };
    if (op.pattern) templated.push(entry);
    else {
      const byMethod = exact.get(op.path) ?? new Map<string, OperationSlots>();
      byMethod.set(op.method, entry);
      exact.set(op.path, byMethod);
    }
  }

  let requests = 0;
  let outside = 0;
  const bump = (index: number | undefined) => {
    if (index !== undefined) counts[index] = (counts[index] as number) + 1;
  };

  function route(method: string, path: string): OperationSlots | undefined {
    // By path, then method: no string is built per request.
    const byMethod = exact.get(path);
    const found = byMethod?.get(method) ?? byMethod?.get(method.toUpperCase());
    if (found || templated.length === 0) return found;
    const upper = method.toUpperCase();
    return templated.find((t) => t.op.method === upper && t.op.pattern?.test(path));
  }

  function example(entry: OperationSlots, status: number, asked: string | undefined, body: string | undefined) {
    const slots = entry.statuses.get(status);
    if (asked !== undefined) {
      const named = slots?.byName.get(asked);
      if (named !== undefined) return { status, slot: named };
    }
    if (body !== undefined) {
      const found = entry.byBody.get(body);
      if (found) return found;
      if (options.normalizeBodies && body.length <= normalizeLimit && body.length > 0) {
        try {
          const again = entry.byBody.get(JSON.stringify(JSON.parse(body)));
          if (again) return again;
        } catch {
          // not JSON: no example of this API
        }
      }
    }
    return slots?.only === undefined ? undefined : { status, slot: slots.only };
  }

  function record(x: ObservedExchange): void {
    requests++;
    const entry = route(x.method, x.path);
    if (!entry) {
      outside++;
      return;
    }
    let asked: string | undefined;
    if (x.prefer) {
      const parsed = parsePrefer(x.prefer);
      if (parsed.ok) {
        const s = parsed.scenario;
        if (s.code !== undefined) bump(entry.scenarios.get('code'));
        if (s.example !== undefined) {
          bump(entry.scenarios.get('example'));
          asked = s.example;
        }
        if (s.delay !== undefined) bump(entry.scenarios.get('delay'));
        if (s.networkError) bump(entry.scenarios.get('network-error'));
      }
    }
    const status = x.status;
    if (status !== undefined) {
      // An answer that is a named example counts under that example's status (a mock may send a
      // documented refusal with another HTTP status, as the server it imitates does).
      const found = example(entry, status, asked, x.responseBody);
      const counted = found?.status ?? status;
      const slots = entry.statuses.get(counted);
      if (slots) bump(slots.slot);
      else if (Number.isInteger(status) && status >= 100 && status <= 599)
        entry.undocumented.set(status, (entry.undocumented.get(status) ?? 0) + 1);
      if (found) bump(found.slot);
    }
    if (classifyAll || status === undefined || (status >= 400 && status < 500)) {
      const kind = refusalKind(entry.body, x.contentType, x.body);
      if (kind !== undefined) bump(entry.refusals.get(kind));
    }
  }

  return {
    record,
    get requests() {
      return requests;
    },
    toJSON() {
      const undocumentedStatuses: CoverageFile['undocumentedStatuses'] = {};
      for (const entry of [...[...exact.values()].flatMap((m) => [...m.values()]), ...templated]) {
        if (entry.undocumented.size === 0) continue;
        undocumentedStatuses[entry.op.id] = Object.fromEntries(
          [...entry.undocumented].map(([status, n]) => [String(status), n]),
        );
      }
      return {
        $schemaVersion: coverageVersion,
        tool: 'login-api-coverage',
        source: options.source,
        spec: { title: model.title, version: model.version },
        recordedAt: new Date().toISOString(),
        requests,
        outsideContract: outside,
        counts: fullCounts(model, (item) => counts[slotOf.get(itemKey(item)) as number] ?? 0),
        undocumentedStatuses,
      };
    },
  };
}

/** The coverage file as text (what `--coverage FILE` and `--report coverage=FILE` write). */
export function coverageText(recorder: Pick<CoverageRecorder, 'toJSON'>): string {
  return `${JSON.stringify(recorder.toJSON(), null, 2)}\n`;
}

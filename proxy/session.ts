// One proxy session: each capture is judged, counted, printed and (when recording) added to the
// HAR with its secrets masked. Shared by the command line, the tests and the benchmark.
import { performance } from 'node:perf_hooks';
import type { Har } from 'har-format';
import { type Api, loadApi } from '../judge/api.ts';
import { type Judgement, judgeExchange } from '../judge/judge-exchange.ts';
import { createSessionRedactor } from '../judge/redact.ts';
import { secretsOf } from '../judge/secrets-of.ts';
import { createValidators } from '../judge/validators.ts';
import type { RunReport } from '../judge/verdicts.ts';
import { printable } from '../report/console.ts';
import { createTally, formatJudgement, type Tally } from '../report/tally.ts';
import { type Capture, captureToRecorded, type ProxyEntry, toHar, toHarEntry } from '../traffic/har.ts';
import { createMasker } from '../traffic/placeholders.ts';
import { toExchange } from '../traffic/recorded-exchange.ts';

/** Limits of the judging backlog. */
export const backlog = { perTurn: 8, captures: 200_000, bytes: 64 * 1024 * 1024 };
/** With `deferUnderLoad`: the share of the event loop's time forwarding may take before judging waits. */
const busyShare = 0.2;

export interface SessionOptions {
  strict: boolean;
  timeoutMs: number;
  /** Keep a HAR of every exchange. */
  record: boolean;
  /**
   * Where recorded entries go as they are made (a streamed HAR file, `traffic/har-writer.ts`);
   * without one they are kept in memory for `har()`.
   */
  onEntry?: (entry: ProxyEntry) => void;
  /** Record passwords and tokens as they are (default: same-shape placeholders). */
  keepSecrets?: boolean;
  /** Receives one line per exchange. */
  onLine?: (line: string) => void;
  onJudgement?: (judgement: Judgement) => void;
  api?: Api;
  /**
   * Judge only while forwarding leaves the event loop room (or once the backlog is past its
   * limit, or on `settle`): under a saturating load verdicts wait, the traffic does not.
   */
  deferUnderLoad?: boolean;
}

export interface Session {
  capture(capture: Capture): void;
  /** Resolves once every exchange seen so far is judged. */
  settle(): Promise<void>;
  har(): Har;
  readonly tally: Tally;
  /** Requests the proxy refused as malformed (400): recorded, not judged. */
  readonly clientErrors: number;
  report(baseUrl: string): RunReport;
}

export function createSession(options: SessionOptions): Session {
  const api = options.api ?? loadApi();
  const ctx = { api, validators: createValidators(api), strict: options.strict, timeoutMs: options.timeoutMs };
  const tally = createTally();
  const masker = createMasker();
  const seen = createSessionRedactor();
  const entries: ProxyEntry[] = [];
  const startedAt = Date.now();
  let clientErrors = 0;
  // Judging and recording run off the forwarding path, a few captures per event-loop turn (with
  // `deferUnderLoad`, only while forwarding leaves room), so under load the proxy forwards first;
  // a backlog past the limit is judged at once (the proxy slows down instead of holding unbounded
  // memory).
  const queue: Capture[] = [];
  let queuedBytes = 0;
  let draining: Promise<void> | undefined;

  async function judgeAndRecord(capture: Capture): Promise<void> {
    const recorded = captureToRecorded(capture);
    const secrets = secretsOf({
      ...recorded,
      responseText: recorded.response?.text,
      responseHeaders: recorded.response?.headers,
    });
    seen.learn(secrets);
    if (options.record) {
      const keep = options.onEntry ?? ((entry: ProxyEntry) => entries.push(entry));
      if (options.keepSecrets) keep(toHarEntry(capture, (text) => text));
      else {
        masker.learn([...secrets.passwords, ...secrets.tokens], secrets.users);
        keep(toHarEntry(capture, masker.mask));
      }
    }
    if (capture.failure?.kind === 'client') {
      // The client's malformed request, refused by the proxy: recorded, never the target's violation.
      clientErrors++;
      options.onLine?.(
        printable(
          `SKIP  ${capture.method} ${recorded.url.slice(0, 120)} 400  client-error  ${capture.failure.message}`,
        ),
      );
      return;
    }
    const judged = await judgeExchange(toExchange(recorded, `${capture.method} ${recorded.url}`), ctx);
    // Masks this exchange's secrets and every one the session saw before.
    const judgement = { ...judged, redact: <T>(value: T): T => seen.redact(judged.redact(value)) };
    tally.add(judgement);
    options.onJudgement?.(judgement);
    options.onLine?.(formatJudgement(judgement));
  }

  const sizeOf = (c: Capture) => c.requestBody.length + c.response.body.length;
  // Read from `head` on; Array#shift would copy the whole backlog on every capture judged.
  let head = 0;
  const waiting = () => queue.length - head;
  // How busy the event loop was since the last look, not counting the judging itself.
  let settling = false;
  let judgingMs = 0;
  let lastLook = { elu: performance.eventLoopUtilization(), judgingMs: 0 };
  function forwardingIsBusy(): boolean {
    const elu = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(elu, lastLook.elu);
    const own = judgingMs - lastLook.judgingMs;
    lastLook = { elu, judgingMs };
    const elapsed = since.idle + since.active;
    return elapsed > 0 && (since.active - own) / elapsed > busyShare;
  }

  async function drain(): Promise<void> {
    while (waiting() > 0) {
      const overloaded = waiting() > backlog.captures || queuedBytes > backlog.bytes;
      if (options.deferUnderLoad && !overloaded && !settling && forwardingIsBusy()) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const started = performance.now();
      for (let i = 0; i < (overloaded ? waiting() : backlog.perTurn) && waiting() > 0; i++) {
        const next = queue[head] as Capture;
        queue[head++] = undefined as unknown as Capture;
        queuedBytes -= sizeOf(next);
        await judgeAndRecord(next);
      }
      judgingMs += performance.now() - started;
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      if (waiting() > 0) await new Promise((resolve) => setImmediate(resolve));
    }
    queue.length = 0;
    head = 0;
    draining = undefined;
  }

  return {
    tally,
    get clientErrors() {
      return clientErrors;
    },
    capture(capture) {
      queue.push(capture);
      queuedBytes += sizeOf(capture);
      draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drain);
    },
    async settle() {
      settling = true;
      while (draining) await draining;
      settling = false;
    },
    har: () => toHar(entries),
    report: (baseUrl) =>
      tally.report({
        baseUrl,
        startedAt,
        durationMs: Date.now() - startedAt,
        strict: options.strict,
        timeoutMs: options.timeoutMs,
      }),
  };
}

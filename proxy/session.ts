// One proxy session: each capture is judged, counted, printed and (when recording) added to the
// HAR with its secrets masked. Shared by the command line, the tests and the benchmark.
import type { Har } from 'har-format';
import { type Api, loadApi } from '../contract-tests/api.ts';
import type { RunReport } from '../contract-tests/runner.ts';
import { createValidators } from '../contract-tests/validators.ts';
import { type Capture, captureToRecorded, type ProxyEntry, toHar, toHarEntry } from './har.ts';
import { type Judgement, judgeExchange } from './judge-exchange.ts';
import { createMasker } from './placeholders.ts';
import { toExchange } from './recorded-exchange.ts';
import { secretsOf } from './secrets-of.ts';
import { createTally, formatJudgement, type Tally } from './tally.ts';

export interface SessionOptions {
  strict: boolean;
  timeoutMs: number;
  /** Keep a HAR of every exchange. */
  record: boolean;
  /** Record passwords and tokens as they are (default: same-shape placeholders). */
  keepSecrets?: boolean;
  /** Receives one line per exchange. */
  onLine?: (line: string) => void;
  onJudgement?: (judgement: Judgement) => void;
  api?: Api;
}

export interface Session {
  capture(capture: Capture): void;
  /** Resolves once every exchange seen so far is judged. */
  settle(): Promise<void>;
  har(): Har;
  readonly tally: Tally;
  report(baseUrl: string): RunReport;
}

export function createSession(options: SessionOptions): Session {
  const api = options.api ?? loadApi();
  const ctx = { api, validators: createValidators(api), strict: options.strict, timeoutMs: options.timeoutMs };
  const tally = createTally();
  const masker = createMasker();
  const entries: ProxyEntry[] = [];
  const pending = new Set<Promise<void>>();
  const startedAt = Date.now();

  return {
    tally,
    capture(capture) {
      const recorded = captureToRecorded(capture);
      if (options.record) {
        if (options.keepSecrets) entries.push(toHarEntry(capture, (text) => text));
        else {
          const { passwords, tokens } = secretsOf({
            ...recorded,
            responseText: recorded.response?.text,
            responseHeaders: recorded.response?.headers,
          });
          masker.learn([...passwords, ...tokens]);
          entries.push(toHarEntry(capture, masker.mask));
        }
      }
      const judged = judgeExchange(toExchange(recorded, `${capture.method} ${recorded.url}`), ctx).then((judgement) => {
        tally.add(judgement);
        options.onJudgement?.(judgement);
        options.onLine?.(formatJudgement(judgement));
      });
      pending.add(judged);
      void judged.finally(() => pending.delete(judged));
    },
    async settle() {
      while (pending.size > 0) await Promise.all(pending);
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

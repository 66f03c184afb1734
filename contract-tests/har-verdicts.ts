// Offline verdicts: every exchange of a HAR recording judged as the proxy judges live traffic.
import { loadApi } from '../judge/api.ts';
import { type Judgement, judgeExchange } from '../judge/judge-exchange.ts';
import { createSessionRedactor } from '../judge/redact.ts';
import { secretsOf } from '../judge/secrets-of.ts';
import { createValidators } from '../judge/validators.ts';
import type { RunReport } from '../judge/verdicts.ts';
import { createTally, type Tally } from '../report/tally.ts';
import { entryToRecorded, type ProxyEntry, parseHar } from '../traffic/har.ts';
import { toExchange } from '../traffic/recorded-exchange.ts';

export interface HarVerdictOptions {
  strict: boolean;
  timeoutMs: number;
  /** Checks to report (default all). */
  only?: readonly string[];
  baseUrl: string;
  onJudgement?: (judgement: Judgement) => void;
  /** Told of each part of the recording left out (a header that cannot be used). */
  onWarning?: (warning: string) => void;
}

export type HarVerdicts = { kind: 'report'; report: RunReport; tally: Tally } | { kind: 'invalid'; message: string };

export async function judgeHar(text: string, options: HarVerdictOptions): Promise<HarVerdicts> {
  const parsed = parseHar(text);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
  for (const warning of parsed.warnings) options.onWarning?.(warning);
  const started = Date.now();
  const api = loadApi();
  const ctx = { api, validators: createValidators(api), strict: options.strict, timeoutMs: options.timeoutMs };
  const tally = createTally(options.only);
  const seen = createSessionRedactor();
  for (const entry of parsed.har.log.entries as ProxyEntry[]) {
    // A request the proxy refused as malformed (its 400) was the client's doing: not judged.
    if (entry._failure?.kind === 'client') continue;
    const recorded = entryToRecorded(entry);
    seen.learn(
      secretsOf({ ...recorded, responseText: recorded.response?.text, responseHeaders: recorded.response?.headers }),
    );
    const judged = await judgeExchange(toExchange(recorded, `${recorded.method} ${recorded.url}`), ctx);
    // Masks this exchange's secrets and every one the recording held before.
    const judgement = { ...judged, redact: <T>(value: T): T => seen.redact(judged.redact(value)) };
    tally.add(judgement);
    options.onJudgement?.(judgement);
  }
  const report = tally.report({
    baseUrl: options.baseUrl,
    startedAt: started,
    durationMs: Date.now() - started,
    strict: options.strict,
    timeoutMs: options.timeoutMs,
  });
  return { kind: 'report', report, tally };
}

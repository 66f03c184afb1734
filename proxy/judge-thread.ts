// The forwarder's side of the judging thread (judge-worker.ts): captures go over in one message
// per event-loop turn, lines come back to print. When judging falls too far behind, `onPressure`
// asks the forwarder to stop reading from clients until it catches up: memory stays bounded.
import { Worker } from 'node:worker_threads';
import type { Capture } from './har.ts';

export interface JudgeOptions {
  target: string;
  strict: boolean;
  timeoutMs: number;
  keepSecrets?: boolean;
  /** Write the HAR here when the session ends. */
  record?: string;
  reports: { format: 'json' | 'junit'; file: string }[];
}

export type ToJudge = { type: 'captures'; captures: Capture[] } | { type: 'finish' };
export type FromJudge =
  | { type: 'judged'; count: number; lines: string }
  | { type: 'finished'; exchanges: number; violations: number; unknown: number };

/** Captures waiting to be judged before the forwarder pauses, and when it goes on again. */
export const judgeBacklog = { pauseAt: 200_000, pauseBytes: 256 * 1024 * 1024 };

export interface JudgeThread {
  capture(capture: Capture): void;
  /** Judges everything sent so far, writes the reports and the HAR, ends the thread. */
  finish(): Promise<{ exchanges: number; violations: number; unknown: number }>;
}

export function startJudgeThread(
  options: JudgeOptions,
  onLines: (lines: string) => void,
  onPressure: (paused: boolean) => void,
): JudgeThread {
  // Run from source (.ts) or from the package's compiled .js, the worker sits beside this module.
  const entry = import.meta.url.endsWith('.ts') ? './judge-worker.ts' : './judge-worker.js';
  const worker = new Worker(new URL(entry, import.meta.url), { workerData: options });
  let batch: Capture[] = [];
  let inFlight = 0;
  let inFlightBytes = 0;
  const sizes: number[] = []; // bytes of each capture in flight, oldest first
  let sizesHead = 0;
  let paused = false;
  let finished: ((result: { exchanges: number; violations: number; unknown: number }) => void) | undefined;
  let failed: ((error: Error) => void) | undefined;

  worker.on('message', (message: FromJudge) => {
    if (message.type === 'judged') {
      onLines(message.lines);
      inFlight -= message.count;
      for (let i = 0; i < message.count; i++) inFlightBytes -= sizes[sizesHead++] ?? 0;
      if (sizesHead > 4096) {
        sizes.splice(0, sizesHead);
        sizesHead = 0;
      }
      if (paused && inFlight < judgeBacklog.pauseAt / 2 && inFlightBytes < judgeBacklog.pauseBytes / 2) {
        paused = false;
        onPressure(false);
      }
    } else finished?.(message);
  });
  worker.on('error', (error) => failed?.(error));

  const send = () => {
    const captures = batch;
    batch = [];
    worker.postMessage({ type: 'captures', captures } satisfies ToJudge);
  };

  return {
    capture(capture) {
      if (batch.length === 0) setImmediate(send);
      batch.push(capture);
      const size = capture.requestBody.length + capture.response.body.length;
      sizes.push(size);
      inFlight++;
      inFlightBytes += size;
      if (!paused && (inFlight >= judgeBacklog.pauseAt || inFlightBytes >= judgeBacklog.pauseBytes)) {
        paused = true;
        onPressure(true);
      }
    },
    finish() {
      if (batch.length > 0) send();
      return new Promise((resolve, reject) => {
        finished = (result) => {
          void worker.terminate();
          resolve(result);
        };
        failed = reject;
        worker.postMessage({ type: 'finish' } satisfies ToJudge);
      });
    },
  };
}

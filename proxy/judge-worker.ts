// The judging thread of `npm run proxy`: receives the forwarder's captures in batches, judges and
// records them with an ordinary session, and answers with the lines to print. It runs at the
// lowest scheduling priority the system allows, so judging takes only the CPU that forwarding
// leaves: under load verdicts lag behind the traffic, never the other way round.
import { readlinkSync } from 'node:fs';
import module from 'node:module';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Capture } from './har.ts';
import type { FromJudge, JudgeOptions, ToJudge } from './judge-thread.ts';

module.enableCompileCache?.();
const { writeFileSync } = await import('node:fs');
const { createSession } = await import('./session.ts');
const { toJson } = await import('../contract-tests/report/json.ts');
const { toJunit } = await import('../contract-tests/report/junit.ts');

/** Linux schedules threads one by one: this thread's id is the last part of /proc/thread-self. */
function lowerOwnPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid)) setPriority(tid, 19);
  } catch {
    // Not Linux: judging shares the CPU evenly with forwarding.
  }
}

const options = workerData as JudgeOptions;
const port = parentPort;
if (!port) throw new Error('judge-worker.ts runs as a worker thread');
lowerOwnPriority();

let lines = '';
let judged = 0;
let flushing = false;
const post = (message: FromJudge) => port.postMessage(message);
function flush(): void {
  flushing = false;
  if (judged === 0) return;
  post({ type: 'judged', count: judged, lines });
  judged = 0;
  lines = '';
}
const session = createSession({
  strict: options.strict,
  timeoutMs: options.timeoutMs,
  record: options.record !== undefined,
  keepSecrets: options.keepSecrets,
  onLine(line) {
    lines += `${line}\n`;
    judged++;
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
  },
});

/** Structured cloning turns Buffers into plain Uint8Arrays. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

port.on('message', async (message: ToJudge) => {
  if (message.type === 'captures') {
    for (const capture of message.captures as Capture[]) {
      session.capture({
        ...capture,
        requestBody: asBuffer(capture.requestBody),
        response: { ...capture.response, body: asBuffer(capture.response.body) },
      });
    }
    return;
  }
  await session.settle();
  flush();
  const { tally } = session;
  const exitCode = tally.violations > 0 ? 1 : 0;
  const report = session.report(options.target);
  for (const { format, file } of options.reports) {
    writeFileSync(file, format === 'junit' ? toJunit(report) : toJson(report, exitCode));
  }
  if (options.record) writeFileSync(options.record, `${JSON.stringify(session.har(), null, 2)}\n`);
  post({ type: 'finished', exchanges: tally.exchanges, violations: tally.violations, unknown: tally.unknown });
});

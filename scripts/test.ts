/**
 * `npm test`: spec:check, docs:check, lint and lint:spec side by side, then every vitest test
 * (test:unit, which is `vitest run`); the type-check runs beside them from the start, so its few
 * seconds never add to the wall time. Its output is held back and printed at the end, so it never
 * interleaves with the tests'. Exit 1 if anything failed.
 */
import { spawn } from 'node:child_process';

/** Runs `npm run SCRIPT`; `capture` keeps its output instead of passing it through. */
function npmRun(script: string, capture = false): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const typecheck = npmRun('typecheck', true);
let failed = '';
// The four quick checks run side by side (each is mostly a Node start-up); their output is shown
// in a fixed order once all are done, then the tests run if they passed.
const quick = ['spec:check', 'docs:check', 'lint', 'lint:spec'].map((script) => ({
  script,
  run: npmRun(script, true),
}));
for (const { script, run } of quick) {
  const { code, output } = await run;
  process.stdout.write(`\n> npm run ${script}\n${output}`);
  if (code !== 0) failed ||= script;
}
if (!failed && (await npmRun('test:unit')).code !== 0) failed = 'test:unit';
const typed = await typecheck;
process.stdout.write(typed.output);
if (typed.code !== 0) failed ||= 'typecheck';
if (failed) process.stderr.write(`npm test: ${failed} failed\n`);
process.exitCode = failed ? 1 : 0;

/**
 * One transcription measured in its own process (for `npm run bench -- --only transcriber`): reads
 * the page, transcribes it and writes the YAML as `npm run transcribe` does, then prints the wall
 * time and the peak resident memory above this process's idle baseline, as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import { transcribeDocs } from '../transcriber/transcribe-docs.ts';
import { documentToYaml } from '../transcriber/yaml-output.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: transcriber-worker.ts PAGE.md');
// A small page first, so the baseline holds the loaded code, as an idle command would.
transcribeDocs('{% api-method method="get" host="https://a.test" path="/" %}\n{% endapi-method %}\n');
const idleRss = process.memoryUsage().rss;
const started = performance.now();
const markdown = readFileSync(file, 'utf8');
let operations = 0;
let warnings = 0;
let yamlBytes = 0;
let failure: string | undefined;
try {
  const result = transcribeDocs(markdown);
  operations = Object.values(result.document.paths as Record<string, object>).reduce(
    (sum, item) => sum + Object.keys(item).length,
    0,
  );
  warnings = result.warnings.length;
  yamlBytes = documentToYaml(result.merged).length;
} catch (error) {
  failure = (error as Error).message;
}
const ms = Math.round(performance.now() - started);
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({ ms, idleRss, peakRss, aboveIdle: peakRss - idleRss, operations, warnings, yamlBytes, failure }),
);

// Prints the closing "N passed, N failed" line from one or more vitest JSON reports.
// Arguments: pairs of <report file> <exit status>, one pair per run (Node versions).
// A run that stopped before vitest wrote its report (lint or type errors) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (let i = 0; i < args.length; i += 2) {
  const [report, status] = [args[i], args[i + 1]];
  let runPassed = 0;
  let runFailed = 0;
  if (report && existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    runPassed = json.numPassedTests ?? 0;
    runFailed = (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0);
    skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  }
  if (runFailed === 0 && status !== '0') runFailed = 1;
  passed += runPassed;
  failed += runFailed;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);

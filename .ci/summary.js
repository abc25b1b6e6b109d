// Prints the closing "N passed, N failed" line from vitest's JSON report.
// A run that stopped before vitest (lint or type errors) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [report, status] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
if (report && existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0);
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
}
if (failed === 0 && status !== '0') failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);

/**
 * How many cases each fast-check property tries: its base count times `PROPERTY_RUNS` (a multiplier of at
 * least 1, default 1). `npm run test:chaos` sets it to 10 to search longer with the same seeds. Never below
 * 1: the properties also check that they saw enough cases of each kind, counted for their base runs.
 */

function multiplier(): number {
  const raw = process.env['PROPERTY_RUNS'];
  if (raw === undefined || raw.trim() === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1) {
    throw new Error(
      `PROPERTY_RUNS must be a number of at least 1 (a multiplier of each property's runs), got "${raw}"`,
    );
  }
  return value;
}

/** `base` runs scaled by PROPERTY_RUNS. */
export function propertyRuns(base: number): number {
  return Math.round(base * multiplier());
}

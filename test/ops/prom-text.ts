/**
 * Reads the Prometheus text format back (what a scraper sees): samples by series, and the declared TYPE of
 * each metric. Strict: a line it does not understand throws, so a malformed exposition fails the test.
 */
export interface Exposition {
  /** Value by series: `name` or `name{a="x",b="y"}` with labels sorted by name. */
  samples: Map<string, number>;
  types: Map<string, string>;
  /** The value of a series; undefined when absent. */
  get(name: string, labels?: Record<string, string>): number | undefined;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function seriesKey(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`);
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
}

export function parseExposition(text: string): Exposition {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      if (!name || !type) throw new Error(`bad TYPE line: ${line}`);
      types.set(name, type);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const [, name = '', rawLabels = '', rawValue = ''] = match;
    const labels: Record<string, string> = {};
    for (const [, key = '', value = ''] of rawLabels.matchAll(LABEL)) labels[key] = value;
    // Prometheus reads floats as Go does: NaN in any case (prom-client writes `Nan`), ±Inf.
    const nan = /^nan$/i.test(rawValue);
    const value = nan ? Number.NaN : Number(rawValue.replace(/^([+-]?)Inf$/, '$1Infinity'));
    if (!nan && Number.isNaN(value)) throw new Error(`bad value: ${line}`);
    samples.set(seriesKey(name, labels), value);
  }
  return { samples, types, get: (name, labels = {}) => samples.get(seriesKey(name, labels)) };
}

/**
 * Split a listing feed's `dc:creator`, e.g.
 * `Ann Lee (Univ. A, Dept. B), Bo Chen, Carla Díaz (for the X Collaboration)`, into names.
 *
 * rss.arxiv.org joins authors with ", " and appends each author's affiliations in parentheses,
 * themselves comma-separated, so only commas outside parentheses separate authors. The feeds
 * never use " and " as a separator (and names such as `Zar\'and` contain it), so it is not one.
 */
export function splitCreators(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  let balanced = true;
  for (const ch of value) {
    if (ch === '(') depth += 1;
    else if (ch === ')') {
      if (depth === 0) balanced = false;
      depth = Math.max(0, depth - 1);
    }
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  if (depth !== 0 || !balanced) return naiveSplit(value);
  return parts.map(stripAffiliation).filter((n) => n !== '');
}

/** Drop the parenthesised affiliation at the end of a name; keep nested parentheses whole. */
function stripAffiliation(part: string): string {
  let s = part.replace(/\s+/g, ' ').trim();
  while (s.endsWith(')')) {
    let depth = 0;
    let open = -1;
    for (let i = s.length - 1; i >= 0; i -= 1) {
      if (s[i] === ')') depth += 1;
      else if (s[i] === '(') {
        depth -= 1;
        if (depth === 0) {
          open = i;
          break;
        }
      }
    }
    if (open <= 0) break;
    s = s.slice(0, open).trim();
  }
  return s;
}

/** Fallback for unbalanced parentheses: plain comma split, parenthesised text removed. */
function naiveSplit(value: string): string[] {
  return value
    .split(',')
    .map((s) =>
      s
        .replace(/\([^()]*\)?/g, ' ')
        .replace(/[()]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((s) => s !== '');
}

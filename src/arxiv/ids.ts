import { ID_PATTERN_SOURCE } from '../papers/ids.js';
import { announceTypes, type AnnounceType } from '../papers/paper.js';

const idCore = ID_PATTERN_SOURCE;
const inUrl = new RegExp(String.raw`/abs/(${idCore})(?:[?#].*)?$`);
const inOai = new RegExp(String.raw`^oai:arXiv\.org:(${idCore})$`, 'i');
const bare = new RegExp(String.raw`^(${idCore})$`);

/** `2205.14459v2` → `{ base: '2205.14459', version: 2 }`; no version → null. */
export function splitVersion(id: string): { base: string; version: number | null } {
  const m = /^(.*?)v(\d+)$/.exec(id);
  return m?.[1] && m[2] ? { base: m[1], version: Number(m[2]) } : { base: id, version: null };
}

/** The versionless id, the key Paperboy dedupes on. */
export function baseId(id: string): string {
  return splitVersion(id).base;
}

/**
 * The arXiv id inside whatever the source used as an identifier: an abs URL
 * (`http://arxiv.org/abs/2104.12255v1`), an OAI identifier (`oai:arXiv.org:2504.17830v1`)
 * or a bare id. Null when there is none.
 */
export function extractId(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  return inOai.exec(v)?.[1] ?? inUrl.exec(v)?.[1] ?? bare.exec(v)?.[1] ?? null;
}

export function toAnnounceType(value: string | null): AnnounceType | null {
  const v = value?.trim().toLowerCase();
  return (announceTypes as readonly string[]).includes(v ?? '') ? (v as AnnounceType) : null;
}

const prefix = new RegExp(String.raw`^\s*arXiv:(${idCore})\s+Announce Type:\s*([A-Za-z-]+)\s*(?:Abstract:[ \t]?)?`);

/**
 * Split the listing feeds' description/summary, `arXiv:<id>v<N> Announce Type: <type> \nAbstract: <text>`,
 * into its parts. Text without the prefix is returned whole as the abstract.
 */
export function splitListingDescription(description: string): {
  id: string | null;
  announceType: AnnounceType | null;
  abstract: string;
} {
  const m = prefix.exec(description);
  if (!m) return { id: null, announceType: null, abstract: description };
  return { id: m[1] ?? null, announceType: toAnnounceType(m[2] ?? null), abstract: description.slice(m[0].length) };
}

import { z } from 'zod';

export const announceTypes = ['new', 'cross', 'replace', 'replace-cross'] as const;
export type AnnounceType = (typeof announceTypes)[number];

/** A paper as Paperboy stores and prints it (spec §1); also the CLI's `--json` shape. */
export const paperSchema = z.object({
  /** Versionless arXiv id: `2205.14459`, `hep-th/9901001`. */
  id: z.string().min(1),
  version: z.number().int().min(1),
  title: z.string(),
  authors: z.array(z.string()),
  abstract: z.string(),
  categories: z.array(z.string()),
  primaryCategory: z.string(),
  comment: z.string().nullable(),
  journalRef: z.string().nullable(),
  doi: z.string().nullable(),
  venue: z.string().nullable(),
  codeUrl: z.string().nullable(),
  published: z.string(),
  updated: z.string(),
  announced: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  announceType: z.enum(announceTypes).nullable(),
  withdrawn: z.boolean(),
  absUrl: z.string(),
  pdfUrl: z.string(),
});
export type Paper = z.infer<typeof paperSchema>;

/**
 * Raw text as it came from arXiv, kept beside the cleaned Paper so that search can still
 * find LaTeX spellings (`\alpha`) that display text turns into Unicode.
 */
export interface RawText {
  title: string;
  abstract: string;
}

/** A Paper plus its raw source text: what parsers produce and the archive stores. */
export interface PaperRecord {
  paper: Paper;
  raw: RawText;
}

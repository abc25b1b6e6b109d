import { latexToUnicode } from './latex.js';
import { cleanText } from './text.js';
import { VENUES, type VenueEntry } from './venue-table.js';

/** How a paper is presented at its venue; shown beside the venue, never part of it. */
export type PresentationType = 'Best Paper' | 'Oral' | 'Spotlight' | 'Highlight' | 'Poster' | 'Demo';

/** One place in a sentence that names a venue. */
interface Mention {
  start: number;
  end: number;
  /** The table entry, or null for an acronym recognised from its context only. */
  entry: VenueEntry | null;
  /** What to show: the entry's short name, or the acronym as written. */
  label: string;
  year: number | null;
  /** A spelling that is also an ordinary word (`CASE`, `Nature`): needs a cue. */
  ambiguous: boolean;
  /** Matched by full name (`Conference on Computer Vision and Pattern Recognition`). */
  byName: boolean;
  /** Written as `<CONF>W` (`ICCVW`): a workshop of that conference. */
  workshopSuffix: boolean;
  /** A workshop's (or co-located event's) own acronym, preferred over its parent conference. */
  ownWorkshop: boolean;
  /** Context alone (not the table) says this acronym is a venue, so no year is needed. */
  trusted: boolean;
}

// ---------------------------------------------------------------------------------------------
// Compiled table

interface AcronymInfo {
  entry: VenueEntry;
  ambiguous: boolean;
  workshopSuffix: boolean;
}

/** Turn a readable name (`Phys. Rev. B`, `Speech,? and Signal`) into a tolerant pattern. */
function nameSource(name: string): string {
  const tokens = name.split(' ');
  let out = '';
  tokens.forEach((token, i) => {
    // Abbreviations may drop their dots and spaces (`Phys.Rev.B`); words may be hyphen-joined.
    if (i > 0) out += (tokens[i - 1] ?? '').endsWith('.') ? '\\s*' : '[\\s-]+';
    out += token === 'and' ? '(?:and|&)' : token.replace(/\./g, '\\.?');
  });
  return out;
}

interface NamePattern {
  entry: VenueEntry;
  regex: RegExp;
  ambiguous: boolean;
}

/** The venue table compiled for searching; built on first use (`venueTables`), so importing stays cheap. */
interface VenueTables {
  /** Every acronym spelling (as written and upper-cased, plus `<CONF>W`), to what it names. */
  readonly acronyms: ReadonlyMap<string, AcronymInfo>;
  readonly namePatterns: readonly NamePattern[];
  /**
   * Which name patterns can match a sentence, found without running them: a name whose first word
   * is plain letters (`Neural …`) matches only where that word stands as a whole word; one whose
   * first word is abbreviated (`Phys. Rev.`, which may be written `PhysRev`) only where its letters
   * up to the dot appear; the few others always run.
   */
  readonly namesByWord: ReadonlyMap<string, number[]>;
  readonly namesByPrefix: ReadonlyMap<string, number[]>;
  readonly namesAlways: readonly number[];
  /**
   * Acronyms by their leading run of letters and digits (`ECML` for `ECML PKDD`), longest first: a
   * sentence is scanned word by word and only the acronyms its words start with are compared, which
   * finds what one alternation of ~660 spellings would, at a fraction of the cost.
   */
  readonly acronymsByRun: ReadonlyMap<string, string[]>;
  /** Each acronym's place among all, longest first. */
  readonly acronymRank: ReadonlyMap<string, number>;
}

let tables: VenueTables | null = null;

/** The compiled venue table, built on the first call. */
function venueTables(): VenueTables {
  tables ??= buildTables();
  return tables;
}

function addTo(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

function buildTables(): VenueTables {
  const acronyms = new Map<string, AcronymInfo>();
  const namePatterns: NamePattern[] = [];
  const namesByWord = new Map<string, number[]>();
  const namesByPrefix = new Map<string, number[]>();
  const namesAlways: number[] = [];

  const indexName = (name: string, index: number): void => {
    const first = name.split(' ')[0] ?? '';
    if (/^[A-Za-z]+$/.test(first) && first !== 'and') addTo(namesByWord, first.toLowerCase(), index);
    else if (/^[A-Za-z]+\./.test(first)) addTo(namesByPrefix, (first.split('.')[0] ?? '').toLowerCase(), index);
    else namesAlways.push(index);
  };

  for (const entry of VENUES) {
    for (const spelling of entry.acronyms) {
      const ambiguous = spelling.startsWith('?');
      const word = ambiguous ? spelling.slice(1) : spelling;
      for (const variant of new Set([word, word.toUpperCase()])) {
        if (!acronyms.has(variant)) acronyms.set(variant, { entry, ambiguous, workshopSuffix: false });
        // `ICCVW`, `CVPRW`: the conference's workshops.
        const suffixed = `${variant}W`;
        if (entry.kind === 'conference' && /^[A-Z0-9]{3,}$/.test(variant) && !acronyms.has(suffixed)) {
          acronyms.set(suffixed, { entry, ambiguous, workshopSuffix: true });
        }
      }
    }
    for (const name of entry.names) {
      const ambiguous = typeof name === 'string' && name.startsWith('?');
      const source = typeof name === 'string' ? nameSource(ambiguous ? name.slice(1) : name) : name.source;
      if (typeof name === 'string') indexName(ambiguous ? name.slice(1) : name, namePatterns.length);
      else namesAlways.push(namePatterns.length);
      namePatterns.push({
        entry,
        regex: new RegExp(`(?<![A-Za-z])(?:${source})(?![A-Za-z])`, ambiguous ? 'g' : 'gi'),
        ambiguous,
      });
    }
  }

  const longestFirst = [...acronyms.keys()].sort((a, b) => b.length - a.length);
  const acronymsByRun = new Map<string, string[]>();
  for (const spelling of longestFirst) {
    const run = /^[A-Za-z0-9]+/.exec(spelling)?.[0];
    if (run === undefined)
      throw new Error(`venue table: acronym ${JSON.stringify(spelling)} must start with a letter or digit`);
    const list = acronymsByRun.get(run);
    if (list) list.push(spelling);
    else acronymsByRun.set(run, [spelling]);
  }
  const acronymRank = new Map(longestFirst.map((k, i) => [k, i]));
  return { acronyms, namePatterns, namesByWord, namesByPrefix, namesAlways, acronymsByRun, acronymRank };
}

const LOWER_WORD = /[a-z]+/g;

/** Indexes of the name patterns worth running on a sentence, in table order. */
function namesToTry(sentence: string): readonly number[] {
  const { namesByWord, namesByPrefix, namesAlways } = venueTables();
  const lower = sentence.toLowerCase();
  // Most sentences ("12 pages, 5 figures") start no name: then the few that always run are the answer.
  let picked: number[] | null = null;
  LOWER_WORD.lastIndex = 0;
  for (let m = LOWER_WORD.exec(lower); m; m = LOWER_WORD.exec(lower)) {
    const list = namesByWord.get(m[0]);
    if (list) (picked ??= [...namesAlways]).push(...list);
  }
  for (const [prefix, list] of namesByPrefix) if (lower.includes(prefix)) (picked ??= [...namesAlways]).push(...list);
  return picked === null ? namesAlways : [...new Set(picked)].sort((a, b) => a - b);
}

// Where an acronym may start (not inside a word, handle, path or contraction) and what may not follow it.
const WORD_START = /(?<![\w@/.&'’-])[A-Za-z0-9]+/g;
const ACRONYM_END = /^(?:[A-Za-z]|-[A-Za-z]|\.[A-Za-z]|&)/;

/** Known acronyms in a sentence, left to right, each the longest spelling that fits where it starts. */
function acronymMatches(sentence: string): { index: number; text: string }[] {
  const { acronymsByRun, acronymRank } = venueTables();
  const found: { index: number; text: string }[] = [];
  WORD_START.lastIndex = 0;
  for (let m = WORD_START.exec(sentence); m; m = WORD_START.exec(sentence)) {
    const run = m[0];
    // The spelling's own run may stop where a digit follows (`ICCV2025`).
    const spellings: string[] = [];
    for (let end = run.length; end > 0; end--) {
      if (end < run.length && !/[0-9]/.test(run[end] ?? '')) continue;
      const list = acronymsByRun.get(run.slice(0, end));
      if (list) spellings.push(...list);
    }
    if (spellings.length > 1) spellings.sort((a, b) => (acronymRank.get(a) ?? 0) - (acronymRank.get(b) ?? 0));
    const at = m.index;
    const text = spellings.find(
      (s) => sentence.startsWith(s, at) && !ACRONYM_END.test(sentence.slice(at + s.length, at + s.length + 2)),
    );
    if (text === undefined) continue;
    found.push({ index: at, text });
    WORD_START.lastIndex = at + text.length;
  }
  return found;
}

// Tokens shaped like acronyms that never name a venue on their own.
const NOT_VENUES = new Set(
  (
    'IEEE ACM CVF IEEE/CVF ASME AAAS IET IFIP USENIX SIAM ACL-ARR ARR USA US UK EU PRC AI ML NLP LLM LLMs VLM VLMs ' +
    'MLLM MLLMs CV RL DL GNN GNNs CNN CNNs GPU GPUs CPU API APIs PDF DOI DOIs URL PhD MSc BSc MS BS ArXiv ARXIV ' +
    'PMLR LNCS LNAI LNEE CCIS CEUR JEL MSC PACS CCS-ACM TBD TBA NA OK COVID COVID-19 SOTA FAQ HTML JSON UAV UAVs IoT ' +
    'XAI AGI GPT BERT CLIP SAM LoRA RAG QA VQA OCR ASR TTS AR VR XR HCI GitHub Github README NOTE TODO II III IV ' +
    'VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI XXII XXIII XXIV XXV XXX DBLP ORCID ACM-CCS CS EE ' +
    'ECE CMU MIT UCLA NYU KAIST HKUST SJTU USTC NTU NUS ETH EPFL TUM JHU UIUC UCSD NVIDIA AWS IBM TPU TPUs LaTeX ' +
    'MDPI PLOS PLoS SPIE OpenReview'
  ).split(' '),
);

// ---------------------------------------------------------------------------------------------
// Cues

const ACCEPT_CUE =
  /\b(?:ac[cept]{3,7}ed|accept(?:ance|s)?|to\s+appear|appear(?:s|ed|ing)?\s+(?:in|at|on)|published|publication|presented|presentation|proceedings?|proc\.|camera[-\s]?ready|in\s+press|forthcoming|oral|spotlight|poster|highlights?|best\s+(?:student\s+)?paper)\b/i;

// "Submitted to", "under review" before a venue: not (yet) where it was accepted, unless a later
// cue says so ("Submitted version of a paper accepted to AIME 2026").
const STATUS_NEGATION =
  /\b(?:(?:re-?)?subm\w*|under\s+(?:\w+\s+)?(?:review|revision|consideration|submission)|in\s+(?:review|submission|preparation)|for\s+(?:review|consideration)|review(?:ed)?\s+(?:from|by|at|for)|after\s+(?:\w+\s+)?review|to\s+be\s+submitted|will\s+be\s+submitted|intended\s+for|targeting|prepared\s+for|rejected|not\s+(?:yet\s+)?accepted|preprint\s+of)\b/gi;

// "Extended version of", "abridged version to appear in": the venue belongs to another version of the work.
const OTHER_VERSION =
  /\b(?:extended\s+(?:version|from)|extends?\s+(?:our|the|a|an)|extensions?|extention|(?:full|abridged|short(?:er)?|preliminary|earlier|previous|prior|longer|conference|workshop|companion)\s+version|journal\s+version\s+of|part\s+of\s+(?:this|the)\s+(?:work|paper)|based\s+on\s+(?:our|the|a|an)|supersedes?|follow[-\s]?up|tutorial|keynote|invited\s+talk|lecture\s+notes\s+for|slides)\b/i;
const OTHER_VERSION_ALL = new RegExp(OTHER_VERSION.source, 'gi');

const NEGATION_AFTER =
  /^[^,;]*?\b(?:under\s+(?:\w+\s+)?(?:review|submission|revision|consideration)|in\s+(?:review|submission)|extensions?|extention|submitted|submission|rejected|(?:feedback|decision)\s+pending)\b/i;

// Challenge entries and shared-task reports are not papers accepted at the venue they mention.
const CHALLENGE_CUE =
  /\b(?:challenge|competition|contest|(?:first|second|third|\d+(?:st|nd|rd|th))\s+place|winners?|winning|runner[-\s]?up|champion|rank(?:ed)?\s*(?:#?\s*\d|first|1st)|finalists?|leaderboard|shared\s+task|solution\s+(?:to|for)|technical\s+report\s+for)\b/i;

const VENUE_NOUN =
  /\b(?:conference|conf\.|symposium|workshops?|proceedings|proc\.|journal|transactions|congress|colloquium|meeting|summit|letters)\b/i;

const WORKSHOP_WORD = /\bworkshops?\b/i;
const FINDINGS_WORD = /\bfindings\b/i;

// Words that may sit beside a venue in a clause of its own ("ACL 2025 (Oral, Main Track)").
const FILLER =
  /\b(?:the|main|conference|track|tracks|paper|papers|version|camera[-\s]?ready|final|oral|spotlight|poster|highlights?|long|short|full|findings|of|accepted|to|at|in|by|for|appear|published|proceedings|workshops?|edition|and|industry|research|regular|demo|system|demonstrations?|datasets|benchmarks|journal|ieee|acm|cvf|ieee\/cvf|[0-9]+(?:st|nd|rd|th))\b/gi;

const ABBREVIATIONS = new Set(
  (
    'Phys Rev Lett Proc Conf Int Intl Vol vol No no pp Nat Commun Comm Astrophys Astron Math Nucl Mod Soc Trans Eur ' +
    'Appl Chem Sci Res Comput Natl Nat Acad Amer Assoc Statist Stat Probab Ann Adv Geom Topol Algebr Combin Electron ' +
    'Theor Exp Part Lect Notes Quant Quantum Grav Class Jpn Chin Lat Am Ed Eds ed eds al vs Fig Figs Eq Eqs Sec Ref Refs Dr ' +
    'Prof St Jr Inc Ltd Co Corp Dept Univ approx resp Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Not Roy ' +
    'Suppl Energ Biol Med Eng Syst Inf Inst Phil Philos Ser Sect Mech Opt Rel Relativ Gravit Cosmol Astropart Rept Rep ' +
    'Prog Invent Compos Studia Duke Accel Mater Photon Lett Mach Intell Res Dark Univ Scr J Proc cf eg ie resp Sci'
  ).split(' '),
);

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Make a comment or journal reference plain: entities, LaTeX, URLs, DOIs and arXiv ids out. */
function prepare(text: string): string {
  return plain(latexToUnicode(cleanText(text)));
}

/** `prepare` for text already made display text (`latexToUnicode(cleanText(…))`). */
function plain(display: string): string {
  let s = display;
  s = s
    // Links, DOIs and arXiv ids go, but not the punctuation after them, which may end a sentence.
    .replace(/\b(?:https?:\/\/|www\.)\S*?(?=[.,;:)\]]*(?:\s|$))/gi, ' ')
    .replace(/\b[\w.-]+\.github\.io\S*?(?=[.,;:)\]]*(?:\s|$))/gi, ' ')
    .replace(/\b10\.\d{4,9}\/\S*?(?=[.,;:)\]]*(?:\s|$))/g, ' ')
    .replace(/\barXiv:\s*[\w./-]*\w/gi, ' ')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ');
  // "Findings of the Association for Computational Linguistics: EMNLP 2025" names EMNLP's Findings.
  s = s.replace(
    /\bFindings\s+of\s+the\s+Association\s+for\s+Computational\s+Linguistics\b\s*:?\s*(?=(?:ACL|EMNLP|NAACL|EACL|AACL)\b)/gi,
    'Findings of ',
  );
  s = s.replace(/\bFindings\s+of\s+the\s+Association\s+for\s+Computational\s+Linguistics\b/gi, 'Findings of ACL');
  return s.trim();
}

function pushSentence(sentences: string[], text: string, start: number, end: number): void {
  const piece = text.slice(start, end).trim();
  if (piece !== '') sentences.push(piece);
}

/** Split a comment into sentences (`.` not after an abbreviation, `;`, `|`, ` / `). */
function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ';' || c === '|' || (c === '/' && text[i - 1] === ' ' && text[i + 1] === ' ')) {
      pushSentence(sentences, text, start, i);
      start = i + 1;
      continue;
    }
    if (c !== '.') continue;
    const next = text[i + 1];
    const previous = text[i - 1] ?? '';
    if (next !== undefined && next !== ' ') {
      // A dot glued to the next word splits only "2026.Code" or "figures.2026", not "v1.2" or "Phys.Rev".
      if (/\d/.test(previous) && /\d/.test(next)) continue;
      if (!/[A-Z0-9]/.test(next)) continue;
    }
    const word = /([A-Za-z]+)$/.exec(text.slice(Math.max(0, i - 20), i))?.[1] ?? '';
    if (word.length === 1 || ABBREVIATIONS.has(word)) continue;
    if (next !== undefined && next !== ' ' && /[A-Za-z]/.test(previous) && /[A-Z]/.test(next) && word.length <= 3)
      continue;
    pushSentence(sentences, text, start, i);
    start = i + 1;
  }
  pushSentence(sentences, text, start, text.length);
  return sentences;
}

const YEAR_TOKEN = /(?<![\d.:/])(?<!\d[-–])(?:19[89]\d|20\d\d)(?![\d]|\.\d)/g;

function expandYear(digits: string): number {
  const n = Number(digits);
  if (digits.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** A year written right after a venue: `2025`, `-2025`, `(2025)`, `'25`, `' 25`, attached `25`. */
function adjacentYear(after: string, shortForms: boolean): { year: number; length: number } | null {
  const four = /^(?:\s*[-–]?\s*\(?\s*|\s*'\s*)((?:19[89]\d|20\d\d))(?!\d)(\s*\))?/.exec(after);
  if (four?.[1]) return { year: Number(four[1]), length: four[0].length };
  // Two-digit years are a conference habit (`CVPR'25`); after a journal they are volumes (`JCAP11`).
  if (!shortForms) return null;
  const two = /^(?:\s?'\s?|-)?(\d{2})(?!\d)/.exec(after);
  if (two?.[1] && (two[0].includes("'") || !/^\s/.test(two[0])))
    return { year: expandYear(two[1]), length: two[0].length };
  return null;
}

/** An acronym-shaped token: `CoNLL`, `FLICS`, `Text2Story`, `AI4Mat`, `IDETC-CIE`. */
function looksLikeAcronym(token: string, relaxed = false): boolean {
  if (token.length < 2 || token.length > 20 || NOT_VENUES.has(token)) return false;
  if (/^\d+$/.test(token) || /^[IVXLC]+$/.test(token)) return false;
  if (!/^[A-Za-z0-9][A-Za-z0-9&+/-]*$/.test(token) || !/[A-Za-z]/.test(token)) return false;
  // "Human-AI", "Co-Creation": hyphen-joined words, not an acronym; "IDETC-CIE" is one.
  if (token.includes('-') && !token.split('-').every((part) => /[A-Z].*[A-Z]|\d/.test(part))) return false;
  const capitals = (token.match(/[A-Z]/g) ?? []).length;
  return relaxed ? /^[A-Z]/.test(token) : capitals >= 2;
}

// ---------------------------------------------------------------------------------------------
// Finding mentions

/** "Frontiers in Environmental Science": a capitalised word before a common-word name makes it another title. */
function partOfLongerName(before: string): boolean {
  const word = /([A-Z][A-Za-z-]*)\s+$/.exec(before)?.[1];
  return (
    word !== undefined &&
    !/^(?:In|At|To|By|For|The|Accepted|Published|Appeared|Appears|Appear|Forthcoming|Journal|IEEE|ACM|ASME|SIAM|USENIX)$/.test(
      word,
    )
  );
}

function tableMentions(sentence: string): Mention[] {
  const { acronyms, namePatterns } = venueTables();
  const found: Mention[] = [];
  for (const m of acronymMatches(sentence)) {
    const info = acronyms.get(m.text);
    if (!info) continue;
    const start = m.index;
    let end = start + m.text.length;
    const rest = sentence.slice(end);
    // "ACL Anthology" and "ACL Rolling Review" are not the ACL conference.
    if (/^\s+(?:Anthology|Rolling\s+Review|ARR)\b/.test(rest)) continue;
    // "Quantum AI and NLP Conference": a common word that starts a longer name is not the journal.
    if (info.ambiguous && (/^\s+[A-Z]/.test(rest) || partOfLongerName(sentence.slice(0, start)))) continue;
    const year = adjacentYear(rest, info.entry.kind !== 'journal');
    if (year) end += year.length;
    found.push({
      start,
      end,
      entry: info.entry,
      label: info.entry.name,
      year: year?.year ?? null,
      ambiguous: info.ambiguous,
      byName: false,
      workshopSuffix: info.workshopSuffix,
      ownWorkshop: false,
      trusted: false,
    });
  }
  for (const index of namesToTry(sentence)) {
    const { entry, regex, ambiguous } = namePatterns[index]!;
    // `exec` on the shared pattern, as `matchAll` would but without copying the pattern on every sentence.
    regex.lastIndex = 0;
    for (let m = regex.exec(sentence); m; m = regex.exec(sentence)) {
      if (m[0] === '') regex.lastIndex++;
      const start = m.index;
      let end = start + m[0].length;
      if (ambiguous && (/^\s+[A-Z]/.test(sentence.slice(end)) || partOfLongerName(sentence.slice(0, start)))) continue;
      const year = adjacentYear(sentence.slice(end), entry.kind !== 'journal');
      if (year) end += year.length;
      found.push({
        start,
        end,
        entry,
        label: entry.name,
        year: year?.year ?? null,
        ambiguous,
        byName: true,
        workshopSuffix: false,
        ownWorkshop: false,
        trusted: false,
      });
    }
  }
  return found;
}

function genericMention(
  start: number,
  end: number,
  label: string,
  year: number | null,
  extra: Partial<Mention> = {},
): Mention {
  return {
    start,
    end,
    entry: null,
    label,
    year,
    ambiguous: false,
    byName: false,
    workshopSuffix: false,
    ownWorkshop: false,
    trusted: false,
    ...extra,
  };
}

/** Split `FLICS2026` into `FLICS` and 2026. */
function splitGluedYear(token: string): { acronym: string; year: number | null } {
  const glued = /^(.*?[A-Za-z])((?:19[89]\d|20\d\d))$/.exec(token);
  if (glued?.[1] && glued[2] && glued[1].length >= 2) return { acronym: glued[1], year: Number(glued[2]) };
  return { acronym: token, year: null };
}

/** Whether a token is a known conference, which can have workshops and co-located events. */
function parents(token: string): boolean {
  const info = venueTables().acronyms.get(token);
  return info !== undefined && info.entry.kind === 'conference';
}

/** Venues the table does not know, recognised by how the comment talks about them. */
function contextMentions(sentence: string): Mention[] {
  const { acronyms } = venueTables();
  const found: Mention[] = [];

  // "(ACR)" or "(ACR 2025)" after a phrase naming a conference, symposium, workshop or journal.
  for (const m of sentence.matchAll(/\(\s*([^()]{2,60}?)\s*\)/g)) {
    const inside = (m[1] ?? '').split(/[,;]/)[0]?.trim() ?? '';
    const parsed =
      /^(?:the\s+)?(?:(?:IEEE\/CVF|IEEE|ACM|ASME)\s+)?([A-Za-z0-9][A-Za-z0-9&+/-]*?)(?:[\s-]*((?:19[89]\d|20\d\d))|\s*'\s*(\d\d))?$/.exec(
        inside,
      );
    if (!parsed?.[1]) continue;
    const { acronym, year: glued } = splitGluedYear(parsed[1]);
    if (acronyms.has(acronym) || !looksLikeAcronym(acronym)) continue;
    const before = sentence.slice(0, m.index);
    const phrase = before.slice(Math.max(before.lastIndexOf(')'), before.lastIndexOf('('), 0));
    const following = sentence.slice(m.index + m[0].length);
    // "the Urban Scene Modeling (USM3D) Workshop": the venue noun may also follow.
    if (!VENUE_NOUN.test(phrase) && !/^\s*(?:(?:19|20)\d\d\s+)?(?:workshop|conference|symposium)\b/i.test(following))
      continue;
    let year = parsed[2] ? Number(parsed[2]) : parsed[3] ? expandYear(parsed[3]) : glued;
    let end = m.index + m[0].length;
    const after = /^\s*,?\s*((?:19[89]\d|20\d\d))(?!\d)/.exec(sentence.slice(end));
    if (year === null && after?.[1]) {
      year = Number(after[1]);
      end += after[0].length;
    }
    found.push(genericMention(m.index, end, acronym, year, { trusted: true }));
  }

  // "ACR 2025", "ACR'25", "ACR2025" anywhere: kept only where the sentence speaks of a venue.
  for (const m of sentence.matchAll(/(?<![\w@/.&'-])([A-Z][A-Za-z0-9]*(?:[-&+/][A-Za-z0-9]+)*)/g)) {
    const raw = m[1] ?? '';
    const { acronym, year: glued } = splitGluedYear(raw);
    const before = sentence.slice(0, m.index);
    const afterOrganisation = /\b(?:IEEE|ACM|ASME)\s+$/.test(before);
    if (acronyms.has(acronym) || !looksLikeAcronym(acronym, afterOrganisation)) continue;
    let end = m.index + raw.length;
    let year = glued;
    if (year === null) {
      const adjacent = /^(?:\s*-?\s*((?:19[89]\d|20\d\d))(?!\d)|\s?'\s?(\d\d)(?!\d))/.exec(sentence.slice(end));
      if (adjacent) {
        year = adjacent[1] ? Number(adjacent[1]) : expandYear(adjacent[2] ?? '');
        end += adjacent[0].length;
      }
    }
    if (year !== null) found.push(genericMention(m.index, end, acronym, year));
  }

  const workshopPatterns: RegExp[] = [
    // "MIRA Workshop", "Text2Story 2026 Workshop", "BEA (Building Educational Applications) Workshop"
    /(?<![\w-])([A-Z][A-Za-z0-9&+-]*)(?:\s+(?:19[89]\d|20\d\d))?\s+(?:\([^()]*\)\s+)?[Ww]orkshops?\b/g,
    // "Workshop FAS", "Workshop on SVC.", "Workshop of UrbanAI (Oral)"
    /[Ww]orkshop\s+(?:on\s+|of\s+)?([A-Z][A-Za-z0-9&+-]*)(?=\s*(?:$|[,.;(]))/g,
    // "AI4Space at CVPR 2026", "SBFT @ ICSE 2024"
    /(?<![\w-])([A-Z][A-Za-z0-9&+-]*)\s+(?:at|@)\s+(?:the\s+)?(?:IEEE\/CVF\s+|IEEE\s+|ACM\s+)?([A-Z][A-Za-z0-9]*)/g,
  ];
  workshopPatterns.forEach((pattern, index) => {
    for (const m of sentence.matchAll(pattern)) {
      const acronym = m[1] ?? '';
      if (parents(acronym) || !looksLikeAcronym(acronym)) continue;
      if (index === 2 && !parents(m[2] ?? '')) continue;
      const start = m.index + m[0].indexOf(acronym);
      const known = acronyms.get(acronym);
      found.push({
        ...genericMention(start, start + acronym.length, known?.entry.name ?? acronym, null, {
          ownWorkshop: true,
          trusted: true,
        }),
        entry: known?.entry ?? null,
      });
    }
  });
  return found;
}

/** Overlapping mentions: the table beats context, then the longer span wins; same venue side by side merges. */
function score(m: Mention): number {
  return (m.entry ? 1000 : 0) + (m.ownWorkshop ? 500 : 0) + (m.end - m.start);
}

function resolve(sentence: string, mentions: Mention[]): Mention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  for (const m of sorted) {
    const last = kept.at(-1);
    if (last && m.start < last.end) {
      if (score(m) > score(last))
        kept[kept.length - 1] = { ...m, year: m.year ?? last.year, ownWorkshop: m.ownWorkshop || last.ownWorkshop };
      else if (last.year === null && m.year !== null && m.entry === last.entry) last.year = m.year;
      continue;
    }
    // "Conference on … Pattern Recognition (CVPR 2025)": one mention, with the year of either part.
    if (
      last &&
      m.entry !== null &&
      m.entry === last.entry &&
      /^[\s,:(–-]*(?:the\s+)?$/i.test(sentence.slice(last.end, m.start))
    ) {
      last.end = m.end;
      last.year = last.year ?? m.year;
      last.ownWorkshop = last.ownWorkshop || m.ownWorkshop;
      continue;
    }
    kept.push({ ...m });
  }
  return kept;
}

function assignYears(sentence: string, mentions: Mention[]): void {
  const years = [...sentence.matchAll(YEAR_TOKEN)].map((m) => ({ at: m.index, year: Number(m[0]) }));
  mentions.forEach((m, i) => {
    if (m.year !== null) return;
    const nextStart = mentions[i + 1]?.start ?? sentence.length;
    const previousEnd = mentions[i - 1]?.end ?? 0;
    const after = years.find((y) => y.at >= m.end && y.at < nextStart);
    const before = years.filter((y) => y.at < m.start && y.at >= previousEnd).at(-1);
    m.year = after?.year ?? before?.year ?? null;
  });
}

/** The comma clause around a mention holds nothing but it, a year and filler ("ACL 2025 (Oral)"). */
function standsAlone(sentence: string, m: Mention, all: Mention[]): boolean {
  const left =
    Math.max(
      sentence.lastIndexOf(',', m.start),
      sentence.lastIndexOf('(', m.start),
      sentence.lastIndexOf(':', m.start),
    ) + 1;
  const rightCandidates = [',', '(', ')', ':'].map((c) => sentence.indexOf(c, m.end)).filter((i) => i !== -1);
  const right = rightCandidates.length > 0 ? Math.min(...rightCandidates) : sentence.length;
  let clause = sentence.slice(left, right);
  for (const other of all) {
    if (other.start >= left && other.end <= right) {
      clause =
        clause.slice(0, other.start - left) + ' '.repeat(other.end - other.start) + clause.slice(other.end - left);
    }
  }
  return (
    clause
      .replace(YEAR_TOKEN, ' ')
      .replace(FILLER, ' ')
      .replace(/[\s\-–—.'"!*]+/g, '') === ''
  );
}

function isNegated(sentence: string, m: Mention): boolean {
  const before = sentence.slice(0, m.start);
  // "Extended version of X" negates X; ", accepted to Y" later in the sentence is this version's venue.
  let otherVersionEnd = -1;
  for (const v of before.matchAll(OTHER_VERSION_ALL)) otherVersionEnd = v.index + v[0].length;
  if (otherVersionEnd >= 0) {
    const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1;
    if (otherVersionEnd > clauseStart || !ACCEPT_CUE.test(before.slice(otherVersionEnd))) return true;
  }
  let lastNegation = -1;
  for (const n of before.matchAll(STATUS_NEGATION)) lastNegation = n.index + n[0].length;
  if (lastNegation >= 0 && !ACCEPT_CUE.test(before.slice(lastNegation))) return true;
  if (NEGATION_AFTER.test(sentence.slice(m.end))) return true;
  return CHALLENGE_CUE.test(sentence) && !ACCEPT_CUE.test(sentence);
}

function render(m: Mention, sentence: string): string {
  const year = m.year !== null ? ` ${m.year}` : '';
  const entry = m.entry;
  if (entry && entry.kind === 'conference' && !m.ownWorkshop) {
    const withoutSeries = sentence.replace(/\bCEUR\s+Workshop\s+Proceedings\b/gi, '');
    const coLocated = /\bco-?located\s+with\b/i.exec(sentence);
    if (m.workshopSuffix || WORKSHOP_WORD.test(withoutSeries) || (coLocated && coLocated.index < m.start)) {
      return `${entry.name}${year} Workshop`;
    }
    if (entry.findings && FINDINGS_WORD.test(sentence)) return `Findings of ${entry.name}${year}`;
  }
  return `${m.label}${year}`;
}

interface Options {
  /** A journal reference always names where the paper appeared: no cue needed, nothing negates. */
  journalRef: boolean;
}

function venueInSentence(sentence: string, options: Options): string | null {
  const mentions = resolve(sentence, [...tableMentions(sentence), ...contextMentions(sentence)]);
  assignYears(sentence, mentions);
  const workshop = WORKSHOP_WORD.test(sentence.replace(/\bCEUR\s+Workshop\s+Proceedings\b/gi, ''));
  const sentenceYear = sentence.match(YEAR_TOKEN)?.[0];
  for (const m of mentions) {
    // In a sentence about a workshop, an acronym the table does not know is most likely the workshop's own.
    if (workshop && (m.entry === null || m.entry.kind === 'workshop')) m.ownWorkshop = true;
    // A workshop's year is its parent conference's: "ICCV 2025 MIRA Workshop".
    if (m.ownWorkshop && m.year === null && sentenceYear !== undefined) m.year = Number(sentenceYear);
  }
  const cue = options.journalRef || ACCEPT_CUE.test(sentence);
  const venueContext = cue || VENUE_NOUN.test(sentence);
  const accepted = mentions.filter((m) => {
    const alone = () => standsAlone(sentence, m, mentions);
    if (m.entry === null) {
      // Named by its context ("… Workshop (VisCon)", "MIRA Workshop"): still wants a cue, a year or a clause of its own.
      if (m.trusted && !cue && m.year === null && !alone()) return false;
      // A bare "ACR 2025" counts only where the sentence speaks of a venue.
      if (!m.trusted && (m.year === null || (!venueContext && !alone()))) return false;
    } else if (m.ambiguous) {
      if (!cue && !alone()) return false;
    } else if (!m.byName && m.year === null && !m.ownWorkshop && !m.workshopSuffix) {
      if (!cue && !alone()) return false;
    }
    return options.journalRef || !isNegated(sentence, m);
  });
  const chosen = accepted.find((m) => m.ownWorkshop) ?? accepted[0];
  return chosen ? render(chosen, sentence) : null;
}

// A journal named only in words after an acceptance cue: "Published by the X Journal".
const JOURNAL_CUE =
  /\b(?:ac[cept]{3,7}ed|published|to\s+appear|appear(?:s|ed)?)\s+(?:for\s+publication\s+)?(?:in|by|at|to|for)\s+(?:the\s+)?/i;
const CAPITALISED_NAME = /^((?:[A-Z][\w&'-]*)(?:,?\s+(?:[A-Z][\w&'-]*|of|on|and|for|in|the|&))*)/;
const JOURNAL_WORD = /\b(?:Journal|Transactions|Letters|Magazine|Reviews?|Annals|Bulletin|Reports)\b/;

function namedJournal(sentence: string, whole: boolean): string | null {
  let name: string | undefined;
  const cue = JOURNAL_CUE.exec(sentence);
  const cued = cue ? CAPITALISED_NAME.exec(sentence.slice(cue.index + cue[0].length)) : null;
  if (cued?.[1]) name = cued[1];
  else if (whole) {
    const bare =
      /^(?:the\s+)?((?:[A-Z][\w&'-]*)(?:\s+(?:[A-Z][\w&'-]*|of|on|and|for|in|the|&))*)\s*,?\s*\(?(?:19[89]\d|20\d\d)?\)?\.?$/.exec(
        sentence,
      );
    name = bare?.[1];
  }
  if (!name || !JOURNAL_WORD.test(name)) return null;
  name = name.replace(/(?:\s+(?:of|on|and|for|in|the|&))+$/, '').trim();
  const year = sentence.match(YEAR_TOKEN)?.[0];
  return year ? `${name} ${year}` : name;
}

function venueFromComment(text: string): string | null {
  if (text === '') return null;
  const sentences = splitSentences(text);
  for (const sentence of sentences) {
    const venue = venueInSentence(sentence, { journalRef: false });
    if (venue) return venue;
  }
  for (const sentence of sentences) {
    const negated =
      OTHER_VERSION.test(sentence) ||
      ([...sentence.matchAll(STATUS_NEGATION)].length > 0 && !ACCEPT_CUE.test(sentence));
    if (negated) continue;
    const journal = namedJournal(sentence, sentences.length === 1 || /^[^,]*Journal/.test(sentence));
    if (journal) return journal;
  }
  return null;
}

const PUBLISHERS_ONLY =
  /^(?:IEEE|ACM|Springer|Springer-Verlag|Elsevier|Wiley|IOP|AIP|APS|MDPI|arXiv|Preprint|Proceedings|Proc|In|Vol|Volume)$/i;

function venueFromJournalRef(text: string): string | null {
  if (text === '') return null;
  const year = /\(\s*((?:19[89]\d|20\d\d))\s*\)/.exec(text)?.[1] ?? text.match(YEAR_TOKEN)?.[0] ?? null;
  for (const sentence of splitSentences(text)) {
    const venue = venueInSentence(sentence, { journalRef: true });
    if (venue) return year !== null && !/\b(?:19[89]\d|20\d\d)\b/.test(venue) ? `${venue} ${year}` : venue;
  }
  // No known journal: its name is what comes before the volume, issue, pages and year.
  let name = text.replace(/^(?:in:?|published\s+in:?)\s+/i, '');
  name =
    name.split(/\s*(?:[\d(;:]|,?\s*\b(?:vol|Vol|VOL|Volume|no\.|No\.|pp\.?|Issue|Article|issue|article)\b)/)[0] ?? '';
  name = name.split(/,\s+(?=[a-z])/)[0] ?? '';
  name = name
    .replace(
      /,\s*(?:Springer(?:-Verlag)?|Elsevier|Wiley|IOP|AIP|World Scientific|Cambridge University Press|Oxford University Press)\b.*$/i,
      '',
    )
    .replace(/[\s.,;:-]+$/, '')
    .replace(/,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*$/i, '')
    .replace(/[\s.,;:-]+$/, '')
    .replace(/(?:\s+(?:of|on|and|for|in|the|&))+$/i, '')
    .trim();
  if (name.length < 3 || !/[A-Za-z]{3}/.test(name) || PUBLISHERS_ONLY.test(name)) return null;
  if (/\b(?:Conference|Symposium|Workshop|Meeting|Congress)\b/i.test(name)) return null;
  return year !== null ? `${name} ${year}` : name;
}

/**
 * Where the paper was accepted, published or presented, in a canonical short form:
 * `CVPR 2025`, `NeurIPS 2025`, `Findings of EMNLP 2025`, `ICCV 2025 Workshop`, a workshop's own
 * acronym (`FM4LS 2026`), or a journal's usual abbreviation (`IEEE TPAMI`, `Phys. Rev. B 2006`).
 * The comment is read first, then the journal reference. "Submitted to", "under review",
 * "extended version of", challenge reports, page counts and keyword lists give null.
 */
export function extractVenue(comment: string | null, journalRef: string | null): string | null {
  return (
    (comment ? venueFromComment(prepare(comment)) : null) ??
    (journalRef ? venueFromJournalRef(prepare(journalRef)) : null)
  );
}

/**
 * {@link extractVenue} for a comment and journal reference already turned into display text
 * (`latexToUnicode(cleanText(…))`, as a Paper holds them), which saves converting them again.
 */
export function extractVenueFromDisplay(comment: string | null, journalRef: string | null): string | null {
  return (
    (comment ? venueFromComment(plain(comment)) : null) ?? (journalRef ? venueFromJournalRef(plain(journalRef)) : null)
  );
}

const PRESENTATIONS: readonly (readonly [PresentationType, RegExp])[] = [
  ['Best Paper', /\bbest\s+(?:student\s+)?paper(?:\s+award)?\b(?!\s+(?:candidate|nominee|nomination|finalist))/i],
  [
    'Oral',
    /\boral\b(?!\s+(?:cavity|cancer|health|surgery|disease|microbiome|lesions?|mucosa|squamous|cavities|hygiene|exam))/i,
  ],
  ['Spotlight', /\bspotlight\b/i],
  ['Highlight', /\bhighlights?\b/i],
  ['Poster', /\bposters?\b/i],
  ['Demo', /\b(?:demo|demonstrations?)\s+(?:track|paper|session)\b|\bsystem\s+demonstrations?\b/i],
];

/**
 * How the comment says the paper is presented (`Oral`, `Spotlight`, …), or null. When a comment
 * says several ("Spotlight Oral"), the most prominent one wins.
 */
export function presentationType(comment: string | null): PresentationType | null {
  if (!comment) return null;
  const text = prepare(comment);
  if (
    /\b(?:subm\w*|under\s+review)\b/i.test(text) &&
    !ACCEPT_CUE.test(text.replace(/\b(?:oral|spotlight|posters?|highlights?)\b/gi, ''))
  )
    return null;
  for (const [type, pattern] of PRESENTATIONS) if (pattern.test(text)) return type;
  return null;
}

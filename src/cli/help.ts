import { VERSION } from '../version.js';

/** What `paperboy <command> --help` prints about one command. */
interface CommandHelp {
  /** Everything after `paperboy `. */
  usage: string;
  /** One or two sentences; the first is also the command's line in the global help. */
  summary: string;
  options: ReadonlyArray<readonly [flag: string, text: string]>;
}

/** The commands, in the order the global help lists them. */
export const COMMAND_HELP = {
  start: {
    usage: 'start [--role gateway|worker] [--shards auto|N] [--shard-ids <list>]',
    summary: 'Run the bot: answer slash commands, fetch the arXiv listings and post digests on schedule.',
    options: [
      ['--role gateway', 'distributed mode (PostgreSQL): hold Discord shards and answer interactions'],
      ['--role worker', 'distributed mode (PostgreSQL): stand by, or lead: ingest, schedule and post digests'],
      ['--shards auto|N', 'gateway: the total number of shards (auto: Discord’s recommendation)'],
      ['--shard-ids <list>', 'gateway: the shards this process holds, e.g. 0,1 (default: all)'],
    ],
  },
  'deploy-commands': {
    usage: 'deploy-commands [--guild <id>]',
    summary: 'Register the slash commands (one bulk overwrite).',
    options: [['--guild <id>', 'register them in one server only: instant, for development']],
  },
  import: {
    usage: 'import <file>… [--json]',
    summary: 'Parse saved arXiv API/RSS responses into the archive.',
    options: [['--json', 'print the imported papers, one JSON object per line']],
  },
  fetch: {
    usage: 'fetch [--category <cat>]… [--since YYYY-MM-DD] [--json]',
    summary: 'Fetch from arXiv into the archive: the latest listing, or a backfill by submission date.',
    options: [
      ['--category <cat>', 'a category to fetch, repeatable (default: those of the topics in use)'],
      ['--since YYYY-MM-DD', 'backfill the papers submitted since that date instead'],
      ['--json', 'print the fetched papers, one JSON object per line'],
    ],
  },
  search: {
    usage: 'search <query> [--limit N] [--json]',
    summary: 'Search the archive, best match first.',
    options: [
      ['--limit N', 'at most N papers, 1 to 1000 (default 10)'],
      ['--json', 'print each paper with its score, one JSON object per line'],
    ],
  },
  digest: {
    usage:
      'digest --topic <catalog slug or query> [--category <cat>]… [--date YYYY-MM-DD] --dry-run [--json] [--html <file>] [--locale <tag>] [--guild <id>]',
    summary: 'Build the digest that would be posted, without posting anything.',
    options: [
      ['--topic <slug or query>', 'a topic of the catalog, or a query such as "contrastive learning"'],
      ['--category <cat>', "the categories to cover, repeatable (default: the catalog topic's; any for a query)"],
      ['--date YYYY-MM-DD', 'the announcement date (default: the newest listing)'],
      ['--dry-run', 'required: the CLI only builds previews'],
      ['--json', 'print each Discord message body, one JSON object per line'],
      ['--html <file>', 'also write the digest as a page that looks like the Discord message'],
      ['--locale <tag>', "the digest's language: en-US or zh-CN (default: the --guild's language, else en-US)"],
      ['--guild <id>', "write the digest in this server's language (its /settings set language, else Discord's)"],
    ],
  },
  'invite-url': {
    usage: 'invite-url',
    summary: 'The OAuth2 URL to add the bot to a server.',
    options: [],
  },
  why: {
    usage: 'why <arXiv id> [--guild <id>] [--json]',
    summary: 'Why a paper was or was not posted, for each subscription: listed, matched, posted, capped or paused.',
    options: [
      ['--guild <id>', 'only this server (default: every server with subscriptions)'],
      ['--json', 'print the explanation as one JSON object per server'],
    ],
  },
  migrate: {
    usage: 'migrate --to postgres://user@host:5432/database [--resume] [--batch N]',
    summary: 'Copy the SQLite database DATABASE_URL names into an empty PostgreSQL database, then verify the counts.',
    options: [
      ['--to <url>', 'the PostgreSQL database to fill (it must be empty unless --resume)'],
      ['--resume', 'carry on a copy that was interrupted'],
      ['--batch N', 'rows per batch, 1 to 50000 (default 2000)'],
    ],
  },
  doctor: {
    usage: 'doctor [--json] [--offline]',
    summary: "Check the configuration, the token, the database, arXiv and each server's channels and permissions.",
    options: [
      ['--offline', 'skip the arXiv request'],
      ['--json', 'print every check as one JSON object per line'],
    ],
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMAND_HELP;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_HELP, name);
}

function table(rows: ReadonlyArray<readonly [string, string]>, width: number): string {
  return rows
    .map(([left, right]) =>
      left.length < width ? `  ${left.padEnd(width)}${right}` : `  ${left}\n  ${' '.repeat(width)}${right}`,
    )
    .join('\n');
}

const firstSentence = (text: string) => text.replace(/[.:].*$/s, '').replace(/^./, (c) => c.toLowerCase());

/** `paperboy --help`: every command on a line or two. Ends with a newline. */
export function globalHelp(): string {
  const commands = Object.values(COMMAND_HELP).map((c) => [c.usage, firstSentence(c.summary)] as const);
  return `Paperboy ${VERSION} — arXiv digests for Discord

Usage: paperboy <command> [options]

Commands:
${table(commands, 40)}

Options:
${table(
  [
    ['--json', 'one JSON object per line on stdout; logs on stderr as JSON too'],
    ['-q, --quiet', 'only warnings and errors on stderr, no progress'],
    ['-v, --verbose', 'debug logs'],
    ['--help', "this text; after a command, that command's usage and options"],
  ],
  15,
)}
`;
}

/** `paperboy <command> --help`. Ends with a newline. */
export function commandHelp(name: CommandName): string {
  const { usage, summary, options } = COMMAND_HELP[name] as CommandHelp;
  const rows = [...options, ['--help', 'this text'] as const];
  return `Usage: paperboy ${usage}

${summary}

Options:
${table(rows, Math.max(...rows.map(([flag]) => flag.length)) + 2)}
`;
}

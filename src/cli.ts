import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { printer, UsageError } from './cli/common.js';
import { ConfigError, loadBotEnv, loadEnv } from './env.js';
import { createLogger } from './log.js';
import { VERSION } from './version.js';

const USAGE = `Paperboy ${VERSION} — arXiv digests for Discord

Usage: paperboy <command> [options]

Commands:
  start                                   run the bot
  deploy-commands [--guild <id>]          register the slash commands (one bulk overwrite)
  import <file>… [--json]                 parse saved arXiv API/RSS responses into the archive
  fetch [--category <cat>]… [--since YYYY-MM-DD] [--json]
                                          fetch from arXiv into the archive
  search <query> [--limit N] [--json]     search the archive
  digest --topic <catalog slug or query> [--category <cat>]… [--date YYYY-MM-DD] --dry-run [--json] [--html <file>]
                                          build the digest that would be posted; --html writes it as a
                                          page that looks like the Discord message
  invite-url                              the OAuth2 URL to add the bot to a server

Options:
  --json   one JSON object per line on stdout (logs go to stderr)
  --help   this text`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function isoDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`${flag} takes a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    console.log(VERSION);
    return 0;
  }

  switch (command) {
    case 'start': {
      parse(rest, {});
      const env = loadBotEnv();
      const { runBot } = await import('./cli/start.js');
      return runBot(env);
    }
    case 'deploy-commands': {
      const { values } = parse(rest, { guild: { type: 'string' } });
      const env = loadBotEnv();
      if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) {
        throw new UsageError(`--guild takes a server id (17–20 digits), got "${values.guild}"`);
      }
      const { deployCommands } = await import('./cli/deploy.js');
      return deployCommands(env, values.guild);
    }
    case 'invite-url': {
      parse(rest, {});
      const env = loadBotEnv({ ...process.env, DISCORD_TOKEN: process.env.DISCORD_TOKEN || 'unused' });
      const { inviteUrl } = await import('./cli/invite.js');
      console.log(inviteUrl(env.DISCORD_APPLICATION_ID));
      return 0;
    }
    case 'import': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
      if (positionals.length === 0) throw new UsageError('import needs at least one file: paperboy import <file>…');
      const files = await Promise.all(
        positionals.map(async (file) => {
          try {
            return { file, body: await readFile(file) };
          } catch (error) {
            throw new UsageError(
              `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
            );
          }
        }),
      );
      const { importFiles } = await import('./cli/archive.js');
      return importFiles(loadEnv(), files, printer(values.json ?? false));
    }
    case 'fetch': {
      const { values } = parse(rest, {
        category: { type: 'string', multiple: true },
        since: { type: 'string' },
        json: { type: 'boolean' },
      });
      const since = isoDate(values.since, '--since');
      const { fetchPapers } = await import('./cli/archive.js');
      return fetchPapers(loadEnv(), { categories: values.category ?? [], since }, printer(values.json ?? false));
    }
    case 'search': {
      const { values, positionals } = parse(rest, { limit: { type: 'string' }, json: { type: 'boolean' } });
      const query = positionals.join(' ').trim();
      if (!query) throw new UsageError('search needs a query: paperboy search "contrastive learning"');
      const limit = values.limit === undefined ? 10 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new UsageError('--limit takes a whole number from 1 to 1000');
      const { searchArchive } = await import('./cli/archive.js');
      return searchArchive(loadEnv(), query, limit, printer(values.json ?? false));
    }
    case 'digest': {
      const { values } = parse(rest, {
        topic: { type: 'string' },
        category: { type: 'string', multiple: true },
        date: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        html: { type: 'string' },
      });
      if (!values.topic) throw new UsageError('digest needs --topic <catalog slug or query>');
      if (values.html !== undefined && values.html.trim() === '')
        throw new UsageError('--html takes a file name: --html digest.html');
      if (!values['dry-run']) {
        throw new UsageError(
          'digest only builds previews from the CLI: add --dry-run (the bot posts digests on its schedule, or with /digest run)',
        );
      }
      const date = isoDate(values.date, '--date');
      const { dryRunDigest } = await import('./cli/digest.js');
      return dryRunDigest(
        loadEnv(),
        { topic: values.topic, categories: values.category ?? [], date, html: values.html },
        printer(values.json ?? false),
      );
    }
    case 'migrate':
      return (await import('./cli/migrate.js')).runMigrate(loadEnv(), rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`paperboy: ${error.message}\nRun "paperboy --help" for usage.`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    const log = createLogger(process.env.LOG_LEVEL && process.env.LOG_LEVEL !== '' ? process.env.LOG_LEVEL : 'info');
    log.fatal({ err: error }, 'command failed');
    console.error(`paperboy: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

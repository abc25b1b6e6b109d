import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { printer, UsageError } from './cli/common.js';
import { commandHelp, globalHelp, isCommandName } from './cli/help.js';
import { reportFailure, takeGlobalFlags } from './cli/output.js';
import { ConfigError, loadBotEnv, loadEnv } from './env.js';
import { VERSION } from './version.js';
import { errorMessage, errorCode } from './errors.js';
import { isLocale, LOCALES } from './i18n/index.js';
import { isCalendarDate } from './schedule/calendar.js';

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

function isoDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) {
    throw new UsageError(`${flag} takes a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    // `paperboy help <command>` is `paperboy <command> --help`.
    const about = command === 'help' ? rest[0] : undefined;
    process.stdout.write(about !== undefined && isCommandName(about) ? commandHelp(about) : globalHelp());
    return command ? 0 : 2;
  }
  if (command === '--version') {
    console.log(VERSION);
    return 0;
  }
  // `--help` anywhere before a `--` wins over every other option and check: the command's usage, exit 0.
  const end = rest.indexOf('--');
  if (isCommandName(command) && (end === -1 ? rest : rest.slice(0, end)).includes('--help')) {
    process.stdout.write(commandHelp(command));
    return 0;
  }

  switch (command) {
    case 'start': {
      const { values } = parse(rest, {
        role: { type: 'string' },
        shards: { type: 'string' },
        'shard-ids': { type: 'string' },
      });
      const role = values.role;
      if (role !== undefined && role !== 'gateway' && role !== 'worker')
        throw new UsageError(`--role takes gateway or worker, got "${role}"`);
      if (role !== 'gateway' && (values.shards !== undefined || values['shard-ids'] !== undefined))
        throw new UsageError('--shards and --shard-ids go with --role gateway');
      const shards = values.shards === undefined || values.shards === 'auto' ? 'auto' : Number(values.shards);
      if (shards !== 'auto' && (!/^\d+$/.test(values.shards ?? '') || shards < 1))
        throw new UsageError(`--shards takes "auto" or a number of shards (1 or more), got "${values.shards}"`);
      const idsText = values['shard-ids'];
      if (idsText !== undefined && !/^\d+(,\d+)*$/.test(idsText))
        throw new UsageError(`--shard-ids takes shard numbers separated by commas, e.g. 0,1; got "${idsText}"`);
      const env = loadBotEnv();
      const { runBot } = await import('./cli/start.js');
      if (role === undefined) return runBot(env);
      return runBot(env, {
        role,
        shards,
        ...(idsText === undefined ? {} : { shardIds: idsText.split(',').map(Number) }),
      });
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
            throw new UsageError(`cannot read ${file}: ${errorCode(error) ?? errorMessage(error)}`);
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
        locale: { type: 'string' },
        guild: { type: 'string' },
      });
      if (!values.topic) throw new UsageError('digest needs --topic <catalog slug or query>');
      if (values.locale !== undefined && !isLocale(values.locale))
        throw new UsageError(`--locale takes one of ${LOCALES.join(', ')}, got "${values.locale}"`);
      if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild))
        throw new UsageError(`--guild takes a server id (17–20 digits), got "${values.guild}"`);
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
        {
          topic: values.topic,
          categories: values.category ?? [],
          date,
          html: values.html,
          locale: values.locale,
          guild: values.guild,
        },
        printer(values.json ?? false),
      );
    }
    case 'why': {
      const { values, positionals } = parse(rest, { guild: { type: 'string' } });
      if (positionals.length !== 1) throw new UsageError('why needs one arXiv id: paperboy why 2205.14459');
      const { whyPaper } = await import('./cli/why.js');
      const options = { id: positionals[0] ?? '', guild: values.guild };
      return whyPaper(loadEnv(), options, printer(values.json ?? false));
    }
    case 'doctor': {
      const { values } = parse(rest, { offline: { type: 'boolean' } });
      const { runDoctor } = await import('./cli/doctor.js');
      return runDoctor(process.env, { offline: values.offline ?? false }, printer(values.json ?? false));
    }
    case 'migrate':
      return (await import('./cli/migrate.js')).runMigrate(loadEnv(), rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    return await run(takeGlobalFlags(argv));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`paperboy: ${error.message}\nRun "paperboy --help" for usage.`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    reportFailure(error, { LOG_LEVEL: process.env.LOG_LEVEL || 'info' });
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

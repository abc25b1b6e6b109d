/**
 * A real bot (fake Discord, fake arXiv, SQLite file) for throwing generated interactions at the
 * router: every slash command and subcommand of the registry with arbitrary, oversized, missing
 * and wrongly typed options, autocomplete with arbitrary focused values, and buttons with forged
 * `custom_id`s, from moderators and members. Records what the bot logs at warn level and above
 * and any unhandled rejection, so a run can prove that every interaction was answered and
 * nothing escaped the router.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandOptionType as Opt, ChannelType, PermissionFlagsBits } from 'discord.js';
import fc from 'fast-check';
import pino from 'pino';
import { commandData } from '../../commands/index.js';
import { loadBotEnv } from '../../src/env.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { FakeArxiv, apiById, rssFeedXml } from '../fakes/fake-arxiv.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import type { FakeGuildInit, InteractionInit, OptionInput } from '../fakes/fake-discord-types.js';
import { FIXTURE, FIXTURE_GUILD } from '../fakes/fake-discord-harness.js';
import { fakeEnv, makePapers, subscription, topic } from '../helpers/bot.js';
import { makeRecord } from '../store/papers.js';

export const MOD = { id: '420000000000000001', username: 'mod', roles: [FIXTURE.moderatorRole] };
export const MEMBER = { id: '420000000000000002', username: 'member' };

const OTHER = {
  guildId: '220000000000000001',
  text: '320000000000000001',
  role: '520000000000000001',
} as const;

const OTHER_GUILD: FakeGuildInit = {
  id: OTHER.guildId,
  name: 'Other group',
  roles: [{ id: OTHER.role, name: 'mods', permissions: PermissionFlagsBits.ManageGuild }],
  channels: [{ id: OTHER.text, name: 'other-papers', type: ChannelType.GuildText }],
};

/** Discord's own deadline for the first answer to an interaction. */
export const ANSWER_DEADLINE_MS = 3000;
/** How long a deferred answer may take to be edited into its final form. */
const EDIT_DEADLINE_MS = 10_000;

export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface RouterWorld {
  discord: FakeDiscord;
  bot: RunningBot;
  /** Warn and error entries the bot logged. */
  logs: LogEntry[];
  /** Unhandled rejections and uncaught exceptions seen while the world ran. */
  escaped: unknown[];
  stop(): Promise<void>;
}

const PAPER_IDS = ['2611.01000', '2611.01001', '2611.01002', 'hep-th/9901001'];

export async function startRouterWorld(): Promise<RouterWorld> {
  const discord = new FakeDiscord({
    token: FIXTURE.token,
    applicationId: FIXTURE.applicationId,
    guilds: [FIXTURE_GUILD, OTHER_GUILD],
    heartbeatIntervalMs: 30_000,
    rateLimits: { global: false },
  });
  const { apiUrl } = await discord.start();
  const arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  const papers = makePapers(3);
  arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', papers), etag: '"1"' });
  arxiv.api(null, apiById(papers));
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-router-props-'));
  const env = loadBotEnv(fakeEnv(apiUrl, arxiv, dir));

  const logs: LogEntry[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogEntry) });
  const escaped: unknown[] = [];
  const onEscape = (error: unknown): void => void escaped.push(error);
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);

  const now = Date.parse('2026-11-24T12:00:00Z');
  const bot = await startBot(env, { now: () => new Date(now), log, restTimeout: 5000 });
  bot.client.on('error', onEscape);
  await bot.client.application!.commands.set(commandData());

  // Something for the commands to find: a topic, a subscription and papers in the archive.
  await bot.app.store.state.updateGuild(FIXTURE.guildId, (state) => {
    state.topics = [topic(FIXTURE.guildId)];
    state.subscriptions = [subscription(FIXTURE.guildId)];
  });
  await bot.app.store.archive.upsert(
    PAPER_IDS.map((id, i) =>
      makeRecord({
        id,
        title: `Contrastive learning ${i}`,
        abstract: 'We study contrastive learning.',
        categories: ['cs.LG'],
      }),
    ),
  );

  return {
    discord,
    bot,
    logs,
    escaped,
    async stop() {
      process.off('unhandledRejection', onEscape);
      process.off('uncaughtException', onEscape);
      await bot.stop().catch(() => undefined);
      await discord.close();
      await arxiv.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Generated interactions

/** An option as the registry declares it. */
interface OptionDef {
  type: Opt;
  name: string;
  required?: boolean;
  autocomplete?: boolean;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  choices?: Array<{ value: string | number }>;
  options?: OptionDef[];
}

/** One command path the registry offers: `/name [group] [sub]` and its leaf options. */
interface CommandPath {
  name: string;
  group?: string;
  subcommand?: string;
  options: OptionDef[];
}

export function pathKey(path: { name: string; group?: string; subcommandGroup?: string; subcommand?: string }): string {
  return ['/' + path.name, path.group ?? path.subcommandGroup, path.subcommand].filter(Boolean).join(' ');
}

export function commandPaths(): CommandPath[] {
  const paths: CommandPath[] = [];
  for (const command of commandData()) {
    const top = (command.options ?? []) as OptionDef[];
    const subs = top.filter((o) => o.type === Opt.Subcommand || o.type === Opt.SubcommandGroup);
    if (subs.length === 0) paths.push({ name: command.name, options: top });
    for (const sub of subs) {
      if (sub.type === Opt.Subcommand)
        paths.push({ name: command.name, subcommand: sub.name, options: sub.options ?? [] });
      else
        for (const leaf of sub.options ?? [])
          paths.push({ name: command.name, group: sub.name, subcommand: leaf.name, options: leaf.options ?? [] });
    }
  }
  return paths;
}

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const control = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const tricky = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '😀',
  '@everyone',
  '<@&510000000000000001>',
  '`',
  '```',
  '*',
  '"',
  '(',
  ')',
  'OR',
  '-',
  'cat:',
  'ti:',
  'contrastive',
  'cs.LG',
  'cs',
  '2611.01000',
  '2611.01000v9',
  'hep-th/9901001',
  'arXiv:2611.01001',
  'https://arxiv.org/abs/2611.01002',
  '2026-11-24',
  '2026-02-30',
  '9999-99-99',
  '#ff0000',
  'fff',
  'zzzzzz',
  '0 14 * * 1-5',
  '14:00',
  'Europe/Paris',
  'Mars/Olympus',
  'digests',
  'all',
  '\u202e',
  'ﬃ',
  'Ω',
  '%s%n',
  '${x}',
  "'; DROP TABLE x; --",
);

/** Strings of every kind, up to and past `max` units. */
function anyString(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: tricky },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: Math.min(max, 60) }) },
    { weight: 2, arbitrary: fc.string({ unit: anyUnit, maxLength: Math.min(max, 60) }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(tricky, control, anyUnit), { maxLength: 12 }).map((xs) => xs.join('')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: max - 2, max: max + 50 }), tricky)
        .map(([n, s]) => (s + 'x'.repeat(n)).slice(0, Math.max(0, n))),
    },
  );
}

const CHANNELS = [
  FIXTURE.text,
  FIXTURE.announcement,
  FIXTURE.forum,
  FIXTURE.taggedForum,
  FIXTURE.forbidden,
  FIXTURE.hidden,
  FIXTURE.thread,
  OTHER.text,
];
const ROLES = [FIXTURE.moderatorRole, FIXTURE.guildId];
const hugeNumbers = fc.constantFrom(0, -1, -2_147_483_649, 2 ** 53 - 1, -(2 ** 53 - 1), 1e15, 101, 4001, 99);

/** A value for one option: usually of its declared type, sometimes of another type entirely. */
function optionValue(def: OptionDef): fc.Arbitrary<OptionInput> {
  const wrongType: fc.Arbitrary<OptionInput> = fc.oneof(
    anyString(40).map((value) => ({ type: Opt.String, value })),
    fc.constantFrom('NaN', 'Infinity', '-0', '1e309', '0x10', '12abc').map((value) => ({ type: Opt.String, value })),
    hugeNumbers.map((value) => ({ type: Opt.Integer, value })),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => ({ type: Opt.Number, value })),
    fc.boolean().map((value) => ({ type: Opt.Boolean, value })),
  );
  let right: fc.Arbitrary<OptionInput>;
  switch (def.type) {
    case Opt.String:
      right = fc.oneof(
        anyString(def.max_length ?? 6000),
        ...(def.choices ? [fc.constantFrom(...def.choices.map((c) => String(c.value)))] : []),
      );
      break;
    case Opt.Integer:
      right = fc.oneof(fc.integer({ min: def.min_value ?? -1000, max: def.max_value ?? 1000 }), hugeNumbers);
      break;
    case Opt.Number:
      right = fc.double({ noNaN: true, noDefaultInfinity: true });
      break;
    case Opt.Boolean:
      right = fc.boolean();
      break;
    case Opt.Channel:
      right = fc.constantFrom(...CHANNELS);
      break;
    case Opt.Role:
      right = fc.constantFrom(...ROLES);
      break;
    default:
      right = anyString(40);
  }
  return fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: wrongType });
}

/** Options for one command path: each present or not (required ones usually present). */
function optionsFor(path: CommandPath): fc.Arbitrary<Record<string, OptionInput>> {
  const entries = path.options.map((def) =>
    fc.tuple(fc.constant(def.name), fc.option(optionValue(def), { freq: def.required ? 12 : 2, nil: undefined })),
  );
  return fc.tuple(...entries).map((pairs) => {
    const options: Record<string, OptionInput> = {};
    for (const [name, value] of pairs) if (value !== undefined) options[name] = value;
    return options;
  });
}

const invoker = fc.oneof(
  fc.constant({ user: MOD }),
  fc.constant({ user: MEMBER }),
  // A member for whom an admin opened the moderator commands: Discord lets them run them.
  fc.constant({
    user: MEMBER,
    permissions: PermissionFlagsBits.UseApplicationCommands | PermissionFlagsBits.ViewChannel,
  }),
);
const fromChannel = fc.constantFrom(FIXTURE.text, FIXTURE.announcement, FIXTURE.thread, FIXTURE.forbidden);

/** A forged or stale `custom_id` (Discord caps them at 100 characters). */
const customId = fc
  .oneof(
    fc
      .tuple(
        fc.constantFrom('paper', 'digest', 'topic', 'subscription', 'settings', 'nope', ''),
        fc.array(anyString(30), { maxLength: 4 }),
      )
      .map(([name, args]) => [name, ...args].join(':')),
    fc.constantFrom(
      'paper:o:',
      'paper:p:-1:x',
      'paper:p:999999999999:x',
      'paper:s:2611.01000',
      'paper:s:../../x',
      'topic:list:-5',
      'subscription:list:NaN',
      ':::',
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }),
  )
  .map((id) => (id === '' ? ':' : id.slice(0, 100)));

export type GeneratedInteraction =
  | { kind: 'command' | 'autocomplete'; init: InteractionInit }
  | { kind: 'button' | 'select'; customId: string; values: string[]; channelId: string; user: { id: string } };

/** Every interaction the router can be sent, over all command paths. */
export function anyInteraction(): fc.Arbitrary<GeneratedInteraction> {
  const paths = commandPaths();
  const commands = paths.map((path) =>
    fc.tuple(optionsFor(path), invoker, fromChannel).map(([options, who, channelId]): GeneratedInteraction => ({
      kind: 'command',
      init: {
        kind: 'command',
        name: path.name,
        ...(path.group ? { subcommandGroup: path.group } : {}),
        ...(path.subcommand ? { subcommand: path.subcommand } : {}),
        options,
        channelId,
        ...who,
      },
    })),
  );
  const autocompletes = paths
    .filter((path) => path.options.some((o) => o.type === Opt.String))
    .map((path) => {
      const strings = path.options.filter((o) => o.type === Opt.String);
      return fc
        .tuple(optionsFor(path), fc.constantFrom(...strings), anyString(120), invoker, fromChannel)
        .map(([options, focused, value, who, channelId]): GeneratedInteraction => ({
          kind: 'autocomplete',
          init: {
            kind: 'autocomplete',
            name: path.name,
            ...(path.subcommand ? { subcommand: path.subcommand } : {}),
            ...(path.group ? { subcommandGroup: path.group } : {}),
            options: { ...options, [focused.name]: value },
            focused: focused.name,
            channelId,
            ...who,
          },
        }));
    });
  const components = fc
    .tuple(
      customId,
      fc.constantFrom('button', 'select'),
      fc.array(anyString(30), { maxLength: 3 }),
      invoker,
      fromChannel,
    )
    .map(([id, kind, values, who, channelId]): GeneratedInteraction => ({
      kind,
      customId: id,
      values,
      channelId,
      user: who.user,
    }));
  return fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...commands) },
    { weight: 2, arbitrary: fc.oneof(...autocompletes) },
    { weight: 2, arbitrary: components },
  );
}

export interface SendResult {
  kind: GeneratedInteraction['kind'];
  /** `/name [group] [subcommand]` for commands and autocomplete. */
  path: string | null;
  callbackType: number;
  ms: number;
}

/** Send one generated interaction and wait for its answer (and, when deferred, its final edit). */
export async function send(world: RouterWorld, generated: GeneratedInteraction): Promise<SendResult> {
  let init: InteractionInit;
  if ('init' in generated) {
    init = generated.init;
  } else {
    const message = world.discord.seedMessage(generated.channelId, {
      content: 'An old message with controls',
      components: [
        {
          type: 1,
          components: [
            generated.kind === 'button'
              ? { type: 2, style: 2, label: 'Go', custom_id: generated.customId }
              : { type: 3, custom_id: generated.customId, options: [{ label: 'a', value: 'a' }] },
          ],
        },
      ],
    });
    init =
      generated.kind === 'button'
        ? {
            kind: 'button',
            messageId: message.id,
            customId: generated.customId,
            channelId: generated.channelId,
            user: generated.user,
          }
        : {
            kind: 'select',
            messageId: message.id,
            customId: generated.customId,
            values: generated.values,
            channelId: generated.channelId,
            user: generated.user,
          };
  }
  const started = performance.now();
  const handle = await world.discord.interaction(init);
  const callback = await handle.response(ANSWER_DEADLINE_MS);
  const ms = performance.now() - started;
  if (callback.type === 5 || callback.type === 6) {
    // Deferred: the user sees "thinking…" until the bot edits the answer in.
    if (callback.type === 5) await handle.waitForEdit(1, EDIT_DEADLINE_MS);
  }
  const path = init.kind === 'command' || init.kind === 'autocomplete' ? pathKey(init) : null;
  return { kind: generated.kind, path, callbackType: callback.type, ms };
}

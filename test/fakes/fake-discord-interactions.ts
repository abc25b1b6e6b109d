/**
 * Interactions in the fake Discord: the INTERACTION_CREATE payloads a test sends (commands with their options
 * resolved against the registered definitions, autocomplete, buttons, selects), the callback endpoint with its
 * 3-second window, and the webhook endpoints for `@original` edits and follow-ups.
 */
import type {
  ButtonInteractionInit,
  CommandInteractionInit,
  FakeAttachment,
  FakeMessage,
  InteractionCallbackRecord,
  InteractionInit,
  OptionInput,
  WebhookEditRecord,
} from './fake-discord-types.js';
import {
  ApiError,
  invalidForm,
  isRecord,
  IssueList,
  randomToken,
  toBits,
  type JsonObject,
} from './fake-discord-util.js';
import {
  MessageFlag,
  SELECT_TYPES,
  isEmptyMessage,
  validateChoices,
  validateMessageBody,
} from './fake-discord-validate.js';
import {
  ChannelKind,
  DEFAULT_ATTACHMENT_SIZE_LIMIT,
  FAKE_DEFAULTS,
  str,
  type ChannelState,
  type DiscordModel,
  type GuildState,
  type InteractionRecord,
} from './fake-discord-model.js';
import type { Reply, RouteContext } from './fake-discord-routes.js';
import { until } from '../helpers/until.js';

/** What a handle needs of the fake: messages by id. */
interface MessageLookup {
  message(id: string): FakeMessage | undefined;
}

/** What a test holds after sending an interaction: the callback, webhook edits and follow-ups. */
export class FakeInteraction {
  readonly #record: InteractionRecord;
  readonly #fake: MessageLookup;

  /** @internal */
  constructor(record: InteractionRecord, fake: MessageLookup) {
    this.#record = record;
    this.#fake = fake;
  }

  get id(): string {
    return this.#record.id;
  }

  get token(): string {
    return this.#record.token;
  }

  get kind(): InteractionInit['kind'] {
    return this.#record.kind;
  }

  /** The INTERACTION_CREATE `d` that was dispatched. */
  get payload(): JsonObject {
    return this.#record.payload;
  }

  get acknowledged(): boolean {
    return this.#record.callback !== null;
  }

  get callback(): InteractionCallbackRecord | undefined {
    return this.#record.callback ?? undefined;
  }

  /** Resolves with the first accepted callback body (`{ type, data }`); rejects after `timeoutMs`. */
  response(timeoutMs = 2000): Promise<InteractionCallbackRecord> {
    return until(() => this.#record.callback ?? undefined, timeoutMs, `a callback to interaction ${this.id}`);
  }

  /** PATCHes of `@original` or of follow-ups, in order. */
  edits(): readonly WebhookEditRecord[] {
    return this.#record.edits;
  }

  /** Messages created through the follow-up webhook (the first one after a deferred reply is the original). */
  followups(): FakeMessage[] {
    return this.#record.followupIds.flatMap((id) => this.#fake.message(id) ?? []);
  }

  /**
   * Files the bot sent in answer: the attachments of the `@original` response and of each follow-up, in order
   * (name, content type and the uploaded bytes).
   */
  files(): FakeAttachment[] {
    const ids = [...new Set([this.#record.originalMessageId, ...this.#record.followupIds])];
    return ids.flatMap((id) => (id ? (this.#fake.message(id)?.attachments ?? []) : []));
  }

  /** The `@original` response message in its current state. */
  original(): FakeMessage | undefined {
    return this.#record.originalMessageId ? this.#fake.message(this.#record.originalMessageId) : undefined;
  }

  waitForEdit(count = 1, timeoutMs = 2000): Promise<WebhookEditRecord> {
    return until(() => this.#record.edits[count - 1], timeoutMs, `edit #${count} of interaction ${this.id}`);
  }

  waitForFollowup(count = 1, timeoutMs = 2000): Promise<FakeMessage> {
    return until(
      () => {
        const id = this.#record.followupIds[count - 1];
        return id ? this.#fake.message(id) : undefined;
      },
      timeoutMs,
      `follow-up #${count} of interaction ${this.id}`,
    );
  }
}

/** Builds interactions and answers their callback and webhook routes. */
export class InteractionDesk {
  constructor(private readonly model: DiscordModel) {}

  interactionCallback(ctx: RouteContext): Reply {
    const record = this.model.interactions.get(ctx.params['interaction_id'] ?? '');
    if (!record || record.token !== ctx.params['interaction_token']) throw new ApiError(404, 10062);
    if (record.callback) throw new ApiError(400, 40060);
    if (this.model.now() > record.expiresAt) throw new ApiError(404, 10062);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const type = body['type'];
    const data = isRecord(body['data']) ? body['data'] : undefined;
    const allowed = record.kind === 'autocomplete' ? [8] : record.kind === 'command' ? [4, 5, 9] : [4, 5, 6, 7, 9];
    const issues = new IssueList();
    if (typeof type !== 'number' || !allowed.includes(type)) {
      issues.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
      throw invalidForm(issues);
    }
    const channel = this.model.channels.get(record.channelId);
    if (!channel) throw new ApiError(404, 10003);
    const commandReply = record.kind === 'command' ? 20 : 0;
    let message: FakeMessage | undefined;

    switch (type) {
      case 4: {
        if (!data) issues.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
        else validateMessageBody(issues, data, ['data']);
        if (issues.size > 0) throw invalidForm(issues);
        const d = data as JsonObject;
        if (
          isEmptyMessage({
            content: str(d['content']) ?? '',
            embeds: Array.isArray(d['embeds']) ? d['embeds'] : [],
            components: Array.isArray(d['components']) ? d['components'] : [],
            attachments: ctx.files,
          })
        ) {
          throw new ApiError(400, 50006);
        }
        const ephemeral = typeof d['flags'] === 'number' && (d['flags'] & MessageFlag.Ephemeral) !== 0;
        message = this.model.createMessage(channel, d, {
          type: commandReply,
          ephemeral,
          interaction: record,
          files: ctx.files,
        });
        record.originalMessageId = message.id;
        break;
      }
      case 5: {
        const ephemeral = typeof data?.['flags'] === 'number' && (data['flags'] & MessageFlag.Ephemeral) !== 0;
        message = this.model.createMessage(
          channel,
          {},
          { type: commandReply, ephemeral, loading: true, interaction: record },
        );
        record.originalMessageId = message.id;
        break;
      }
      case 6:
        record.originalMessageId = record.componentMessageId;
        break;
      case 7: {
        const target = record.componentMessageId ? this.model.messages.get(record.componentMessageId) : undefined;
        if (!target) throw new ApiError(404, 10008);
        this.model.editMessage(target, data ?? {}, ['data'], ctx.files);
        record.originalMessageId = target.id;
        message = target;
        break;
      }
      case 8:
        validateChoices(issues, data, ['data']);
        if (issues.size > 0) throw invalidForm(issues);
        break;
      default:
        break;
    }

    record.callback = { type, data, withResponse: ctx.query.get('with_response') === 'true', at: this.model.now() };
    if (!record.callback.withResponse) return { status: 204 };
    const resource: JsonObject = { type };
    if (message) resource['message'] = this.model.messageJson(message);
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.payload['type'],
          activity_instance_id: null,
          response_message_id: message?.id ?? null,
          response_message_loading: type === 5,
          response_message_ephemeral: message?.ephemeral ?? false,
        },
        resource,
      },
    };
  }

  webhookInteraction(ctx: RouteContext): InteractionRecord {
    const record = this.model.interactionsByToken.get(ctx.params['webhook_token'] ?? '');
    if (ctx.params['webhook_id'] !== this.model.applicationId || !record) throw new ApiError(404, 10015);
    const lifetime = this.model.options.interactionTokenLifetimeMs ?? 15 * 60_000;
    if (this.model.now() > record.createdAt + lifetime) throw new ApiError(401, 50027);
    if (!record.callback) throw new ApiError(404, 10015);
    return record;
  }

  webhookMessage(record: InteractionRecord, target: string | undefined): FakeMessage {
    const id = target === '@original' ? record.originalMessageId : target;
    const allowedIds = [record.originalMessageId, ...record.followupIds];
    const message = id && allowedIds.includes(id) ? this.model.messages.get(id) : undefined;
    if (!message || message.deleted) throw new ApiError(404, 10008);
    return message;
  }

  webhookEdit(ctx: RouteContext): Reply {
    const record = this.webhookInteraction(ctx);
    const target = ctx.params['message_id'] ?? '';
    const message = this.webhookMessage(record, target);
    const body = isRecord(ctx.body) ? ctx.body : {};
    this.model.editMessage(message, body, [], ctx.files);
    record.edits.push({ target, messageId: message.id, body, at: this.model.now() });
    return { status: 200, body: this.model.messageJson(message) };
  }

  followup(ctx: RouteContext): Reply {
    const record = this.webhookInteraction(ctx);
    const body = isRecord(ctx.body) ? ctx.body : {};
    const issues = new IssueList();
    validateMessageBody(issues, body);
    if (issues.size > 0) throw invalidForm(issues);
    const original = record.originalMessageId ? this.model.messages.get(record.originalMessageId) : undefined;
    let message: FakeMessage;
    if (original && original.flags & MessageFlag.Loading && record.callback?.type === 5) {
      // The first follow-up after a deferred reply replaces the "thinking" message.
      this.model.editMessage(original, body, [], ctx.files);
      message = original;
    } else {
      const shape = {
        content: str(body['content']) ?? '',
        embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
        components: Array.isArray(body['components']) ? body['components'] : [],
        attachments: ctx.files,
      };
      if (isEmptyMessage(shape)) throw new ApiError(400, 50006);
      const channel = this.model.channels.get(record.channelId);
      if (!channel) throw new ApiError(404, 10003);
      const ephemeral = typeof body['flags'] === 'number' && (body['flags'] & MessageFlag.Ephemeral) !== 0;
      message = this.model.createMessage(channel, body, {
        type: record.kind === 'command' ? 20 : 0,
        ephemeral,
        interaction: record,
        files: ctx.files,
      });
    }
    record.followupIds.push(message.id);
    if (ctx.query.get('wait') !== 'true') return { status: 204 };
    return { status: 200, body: this.model.messageJson(message) };
  }

  buildInteraction(init: InteractionInit): InteractionRecord {
    const clicked = init.kind === 'button' || init.kind === 'select' ? this.#clickedComponent(init) : null;
    const channelId = init.channelId ?? clicked?.message.channelId;
    if (channelId === undefined) throw new Error('an interaction needs a channelId');
    const channel = this.model.channelOrThrow(channelId);
    if (clicked && clicked.message.channelId !== channel.id) {
      throw new Error(`message ${clicked.message.id} is in channel ${clicked.message.channelId}, not ${channel.id}`);
    }
    const id = this.model.ids.next();
    const token = Buffer.from(`interaction:${id}:${randomToken(48)}`).toString('base64url');
    const now = this.model.now();
    const place = channel.type === ChannelKind.DM ? this.#dmPlace(init, channel) : this.#guildPlace(init, channel);
    const base: JsonObject = {
      id,
      application_id: this.model.applicationId,
      token,
      version: 1,
      ...place.fields,
      channel_id: channel.id,
      locale: init.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: this.model.options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT,
    };
    if (clicked) {
      base['type'] = 3;
      base['message'] = this.model.messageJson(clicked.message);
      base['data'] = {
        custom_id: clicked.component['custom_id'],
        component_type: clicked.component['type'],
        ...(init.kind === 'select' ? { values: init.values } : {}),
      };
    } else if (init.kind === 'command' || init.kind === 'autocomplete') {
      base['type'] = init.kind === 'command' ? 2 : 4;
      // #guildPlace has resolved the guild; #dmPlace has refused commands in DMs.
      base['data'] = this.#commandData(init, this.model.guildOrThrow(place.guildId ?? ''), channel, place.userId);
    }
    return {
      id,
      token,
      kind: init.kind,
      guildId: place.guildId,
      channelId: channel.id,
      userId: place.userId,
      payload: base,
      createdAt: now,
      expiresAt: now + (init.expiresInMs ?? this.model.options.interactionResponseWindowMs ?? 3000),
      componentMessageId: clicked?.message.id ?? null,
      callback: null,
      originalMessageId: null,
      edits: [],
      followupIds: [],
    };
  }

  /** Who interacts where in a guild: `member` with permissions, `guild_id`, context 0. */
  #guildPlace(init: InteractionInit, channel: ChannelState): Place {
    const guild = this.model.guildOrThrow(init.guildId ?? channel.guildId ?? '');
    const userId = init.user?.id ?? FAKE_DEFAULTS.userId;
    const member = this.model.ensureMember(guild, { ...init.user, id: userId });
    const memberPermissions =
      init.permissions !== undefined ? toBits(init.permissions) : this.model.permissionsIn(channel, userId, guild.id);
    return {
      guildId: guild.id,
      userId,
      fields: {
        guild_id: guild.id,
        guild: { id: guild.id, locale: 'en-US', features: [] },
        channel: { ...this.model.channelJson(channel), permissions: memberPermissions.toString() },
        member: { ...this.model.memberJson(member), permissions: memberPermissions.toString() },
        app_permissions: this.model.permissionsIn(channel, this.model.botUserId, guild.id).toString(),
        guild_locale: 'en-US',
        authorizing_integration_owners: { '0': guild.id },
        context: 0,
      },
    };
  }

  /**
   * Who interacts in a DM with the bot: its recipient, as `user` (no `member`, no `guild_id`), context 1 (BOT_DM);
   * for a guild-installed app the integration owner is "0" (D interactions/receiving-and-responding.mdx).
   */
  #dmPlace(init: InteractionInit, channel: ChannelState): Place {
    if (init.kind === 'command' || init.kind === 'autocomplete') this.#refuseDmCommand(init.name);
    const userId = channel.recipientId ?? '';
    if (init.user?.id !== undefined && init.user.id !== userId) {
      throw new Error(`only user ${userId}, the recipient of DM channel ${channel.id}, can interact in it`);
    }
    if (init.guildId !== undefined) throw new Error(`DM channel ${channel.id} belongs to no guild`);
    if (this.model.users.get(userId)?.deleted) throw new Error(`user ${userId} is deleted`);
    return {
      guildId: null,
      userId,
      fields: {
        channel: this.model.channelJson(channel),
        user: this.model.userJson(userId),
        app_permissions: this.model.permissionsIn(channel, this.model.botUserId).toString(),
        authorizing_integration_owners: { '0': '0' },
        context: 1,
      },
    };
  }

  /** Slash commands in DMs: Discord does not offer guild commands or `dm_permission: false` ones there. */
  #refuseDmCommand(name: string): never {
    const global = (this.model.commands.get('global') ?? []).find((c) => c['name'] === name && (c['type'] ?? 1) === 1);
    if (!global) throw new Error(`command /${name} is not a global command, so Discord does not offer it in DMs`);
    const contexts = global['contexts'];
    if (global['dm_permission'] === false || (Array.isArray(contexts) && !contexts.includes(1))) {
      throw new Error(`command /${name} is guild-only (dm_permission false or contexts without BOT_DM)`);
    }
    throw new Error(`the fake does not deliver slash commands in DMs (/${name})`);
  }

  /**
   * The message and component a click or choice is on. Throws (a mistake in the test, not a Discord answer) when
   * the component is missing or of another kind, and with `strict` when the values don't fit the select. A disabled
   * component can still be clicked, as from a client that has not yet seen the edit that disabled it.
   */
  #clickedComponent(init: ButtonInteractionInit & { kind: 'button' | 'select'; values?: string[]; strict?: boolean }): {
    message: FakeMessage;
    component: JsonObject;
  } {
    const message = this.model.messages.get(init.messageId);
    if (!message || message.deleted) throw new Error(`unknown message ${init.messageId}`);
    const component = findComponent(message.components, init.customId);
    if (!component) throw new Error(`message ${init.messageId} has no component with custom_id ${init.customId}`);
    const type = component['type'];
    if (init.kind === 'button' && type !== 2) throw new Error(`component ${init.customId} is not a button`);
    if (init.kind === 'select') {
      if (typeof type !== 'number' || !SELECT_TYPES.has(type)) {
        throw new Error(`component ${init.customId} is not a select menu`);
      }
      if (init.strict === true) checkSelection(component, init.values ?? []);
    }
    return { message, component };
  }

  #findCommand(name: string, guildId: string): JsonObject | undefined | null {
    const guildCommands = this.model.commands.get(guildId) ?? [];
    const globalCommands = this.model.commands.get('global') ?? [];
    if (guildCommands.length === 0 && globalCommands.length === 0) return null;
    return [...guildCommands, ...globalCommands].find((c) => c['name'] === name && (c['type'] ?? 1) === 1);
  }

  #commandData(
    init: CommandInteractionInit & { kind: 'command' | 'autocomplete'; focused?: string },
    guild: GuildState,
    channel: ChannelState,
    userId: string,
  ): JsonObject {
    const definition = this.#findCommand(init.name, guild.id);
    if (definition === undefined) throw new Error(`command /${init.name} is not registered`);
    let defs: unknown[] = definition ? (Array.isArray(definition['options']) ? definition['options'] : []) : [];
    const descend = (name: string, type: number): void => {
      if (!definition) return;
      const next = defs.find((o) => isRecord(o) && o['name'] === name && o['type'] === type);
      if (!isRecord(next))
        throw new Error(`command /${init.name} has no ${type === 2 ? 'group' : 'subcommand'} ${name}`);
      defs = Array.isArray(next['options']) ? next['options'] : [];
    };
    if (init.subcommandGroup) descend(init.subcommandGroup, 2);
    if (init.subcommand) descend(init.subcommand, 1);

    const resolved: Record<string, Record<string, unknown>> = {};
    const addResolved = (kind: string, id: string, value: unknown): void => {
      resolved[kind] ??= {};
      resolved[kind][id] = value;
    };
    const entries = Object.entries(init.options ?? {});
    if (init.focused !== undefined && !entries.some(([name]) => name === init.focused))
      entries.push([init.focused, '']);
    const leaf = entries.map(([name, input]): JsonObject => {
      const def = defs.find((o) => isRecord(o) && o['name'] === name);
      if (definition && !isRecord(def)) throw new Error(`command /${init.name} has no option ${name}`);
      const type = inferOptionType(input, isRecord(def) && typeof def['type'] === 'number' ? def['type'] : undefined);
      const value = typeof input === 'object' ? input.value : input;
      const option: JsonObject = { name, type, value };
      if (name === init.focused) {
        option['focused'] = true;
        option['value'] = String(value);
        return option;
      }
      const idValue = String(value);
      if (type === 7) {
        const target = this.model.channels.get(idValue);
        if (!target) throw new Error(`unknown channel ${idValue} for option ${name}`);
        addResolved('channels', idValue, {
          ...this.model.channelJson(target),
          permissions: this.model.permissionsIn(target, userId, guild.id).toString(),
        });
      } else if (type === 8 || (type === 9 && guild.roles.has(idValue))) {
        const role = guild.roles.get(idValue);
        if (!role) throw new Error(`unknown role ${idValue} for option ${name}`);
        addResolved('roles', idValue, this.model.roleJson(role));
      } else if (type === 6 || type === 9) {
        const member = this.model.ensureMember(guild, { id: idValue });
        addResolved('users', idValue, this.model.userJson(idValue));
        const { user: _user, ...memberJson } = this.model.memberJson(member);
        const permissions = this.model.permissionsIn(channel, idValue, guild.id).toString();
        addResolved('members', idValue, { ...memberJson, permissions });
      }
      return option;
    });
    let options: JsonObject[] = leaf;
    if (init.subcommand) options = [{ name: init.subcommand, type: 1, options }];
    if (init.subcommandGroup) options = [{ name: init.subcommandGroup, type: 2, options }];

    const idKey = `${str(definition?.['guild_id']) ?? 'global'}:1:${init.name}`;
    let commandId = definition ? str(definition['id']) : this.model.commandIds.get(idKey);
    if (!commandId) {
      commandId = this.model.ids.next();
      this.model.commandIds.set(idKey, commandId);
    }
    const data: JsonObject = { id: commandId, name: init.name, type: 1, options };
    if (definition?.['guild_id']) data['guild_id'] = definition['guild_id'];
    if (Object.keys(resolved).length > 0) data['resolved'] = resolved;
    return data;
  }
}

function inferOptionType(input: OptionInput, declared: number | undefined): number {
  if (typeof input === 'object') return input.type;
  if (declared !== undefined) return declared;
  if (typeof input === 'boolean') return 5;
  if (typeof input === 'number') return Number.isInteger(input) ? 4 : 10;
  return 3;
}

interface Place {
  guildId: string | null;
  userId: string;
  fields: JsonObject;
}

/** The interactive component with `customId`, searched through rows, containers and section accessories. */
function findComponent(components: unknown, customId: string): JsonObject | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const c of components) {
    if (!isRecord(c)) continue;
    if (c['custom_id'] === customId) return c;
    if (isRecord(c['accessory']) && c['accessory']['custom_id'] === customId) return c['accessory'];
    const inner = findComponent(c['components'], customId);
    if (inner) return inner;
  }
  return undefined;
}

/** What Discord's client lets a user choose: between min_values and max_values distinct values, from the options. */
function checkSelection(select: JsonObject, values: readonly string[]): void {
  const customId = String(select['custom_id']);
  const min = typeof select['min_values'] === 'number' ? select['min_values'] : 1;
  const max = typeof select['max_values'] === 'number' ? select['max_values'] : 1;
  if (values.length < min || values.length > max) {
    throw new Error(`select ${customId} takes ${min}-${max} values, not ${values.length}`);
  }
  if (new Set(values).size !== values.length) throw new Error(`select ${customId} got a value twice`);
  if (select['type'] !== 3) return;
  const options = Array.isArray(select['options']) ? select['options'].filter(isRecord) : [];
  const unknown = values.filter((v) => !options.some((o) => o['value'] === v));
  if (unknown.length > 0) throw new Error(`select ${customId} has no option ${unknown.join(', ')}`);
}

import { DEFAULT_LOCALE, translator, type Locale, type MessageKey, type VarsArg } from '../i18n/index.js';

/** A Discord message body exactly as it is POSTed (snake_case API JSON). */
export interface MessageBody {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  allowed_mentions: { parse: string[]; roles?: string[] };
  nonce?: string;
  enforce_nonce?: boolean;
}

export type ChannelKind = 'text' | 'forum' | 'thread';

/** Where and how digests are posted; implemented on Discord in src/discord/poster.ts. */
export interface Poster {
  /** What kind of channel this is; throws {@link DeliveryError} (permanent) when it is gone. */
  channelKind(guildId: string, channelId: string): Promise<ChannelKind>;
  postMessage(channelId: string, body: MessageBody): Promise<string>;
  /** Open a thread on a posted message; returns the thread id. An existing thread is returned, not an error. */
  startThread(channelId: string, messageId: string, name: string): Promise<string>;
  /** Create a forum post whose first message is `body`; returns the thread id (= its first message id). */
  createForumPost(forumId: string, name: string, body: MessageBody): Promise<string>;
  /** An active post of the forum with this exact name, if there is one (forum posts take no nonce). */
  findForumPost(guildId: string, forumId: string, name: string): Promise<string | null>;
  /** The direct-message channel with a member (opened if need be); throws {@link DeliveryError} when refused. */
  openDm(userId: string): Promise<string>;
  /** Tell the guild's moderators something; false if no channel would take the message. */
  notifyModerators(guildId: string, text: string, avoidChannelId?: string): Promise<boolean>;
}

/**
 * Why a delivery failed: `channel` — the channel is gone or the bot lost access (pause the
 * subscription); `rejected` — Discord refused this message (give the digest up, do not retry);
 * `transient` — an outage or timeout (retry later, a bounded number of times).
 */
export type DeliveryFailure = 'channel' | 'rejected' | 'transient';

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  /** The catalog message the reason was made from ({@link DeliveryError.of}), for telling moderators in their language. */
  text: { key: MessageKey; vars: Record<string, unknown> | undefined } | undefined;

  constructor(
    message: string,
    readonly kind: DeliveryFailure,
    readonly code: number | null = null,
  ) {
    super(message);
  }

  /** A failure whose reason is a catalog message: `message` is its English text (kept in the ledger and logs). */
  static of<K extends MessageKey>(
    kind: DeliveryFailure,
    code: number | null,
    key: K,
    ...vars: VarsArg<K>
  ): DeliveryError {
    const error = new DeliveryError(translator(DEFAULT_LOCALE)(key, ...vars), kind, code);
    error.text = { key, vars: vars[0] };
    return error;
  }

  /** The reason in a locale: the catalog's words when it has them, else Discord's own message. */
  reasonIn(locale: Locale): string {
    if (this.text === undefined) return this.message;
    const { key, vars } = this.text;
    return (translator(locale) as (key: MessageKey, vars?: Record<string, unknown>) => string)(key, vars);
  }
}

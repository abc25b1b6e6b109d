import { serverLocale } from '../discord/locale.js';
import { translator, type Locale, type Translate } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../ops/metrics.js';
import type { DigestRecord, Store } from '../store/types.js';
import { isMemberGuild, memberOf, pauseMember } from '../members/digests.js';
import { digestName, isVenueUpdate } from './kinds.js';
import { markPauseNotified, pauseChannel } from './pause.js';
import { DeliveryError, type MessageBody, type Poster } from './poster.js';

/** Recorded as the message id of a message Discord refused (400): done with, never resent. */
export const REFUSED = 'refused';

export interface DeliveryDeps {
  store: Pick<Store, 'delivery' | 'state'>;
  poster: Poster;
  now: () => Date;
  log: Logger;
  /** A pending digest that failed this many times is given up and its unsent papers released. */
  maxAttempts: number;
  /** True once the bot is shutting down: stop between two messages. */
  halted: () => boolean;
  metrics?: Pick<Metrics, 'digestDelivered' | 'messagePosted' | 'messageRefused'> | undefined;
}

export interface SendOptions {
  /** An earlier attempt may have created the forum post without recording it: look for it first. */
  resumed: boolean;
}

/**
 * `sent`: every message is posted (or refused for good); `pending`: stopped or failed for now, to be
 * resumed; `failed`: given up, its unsent papers released (and the channel paused if it is gone).
 */
export type DeliveryStatus = 'sent' | 'pending' | 'failed';

/** Sends one planned digest, recording every step in the ledger, so that it is safe to call again after any crash. */
export class DigestDelivery {
  constructor(private readonly deps: DeliveryDeps) {}

  /** Send what is not sent yet. */
  async send(digest: DigestRecord, options: SendOptions): Promise<DeliveryStatus> {
    const status = await this.attempt(digest, options);
    this.deps.metrics?.digestDelivered(status);
    return status;
  }

  private async attempt(digest: DigestRecord, { resumed }: SendOptions): Promise<DeliveryStatus> {
    const { store, poster, log, metrics } = this.deps;
    try {
      const kind = await poster.channelKind(digest.guildId, digest.channelId);
      let threadId = digest.threadId;
      const wantsThread = kind === 'text' && digest.openThread;
      // A thread opens on the first message; it is (re)opened before any later one is sent.
      const refused: DeliveryError[] = [];
      const openThread = async (): Promise<void> => {
        const first = digest.messages[0]?.messageId;
        if (!wantsThread || threadId !== null || !first || first === REFUSED) return;
        threadId = await poster.startThread(digest.channelId, first, digest.threadName);
        await store.delivery.setThread(digest.key, threadId);
      };
      for (const message of digest.messages) {
        if (message.messageId !== null) continue;
        if (this.deps.halted()) return 'pending';
        await openThread();
        const body = message.body as MessageBody;
        let id: string;
        if (message.index === 0 && kind === 'forum') {
          // Forum posts take no nonce: look for the post a crash may have left before creating it.
          const found = resumed
            ? await poster.findForumPost(digest.guildId, digest.channelId, digest.threadName)
            : null;
          id = found ?? (await poster.createForumPost(digest.channelId, digest.threadName, withoutNonce(body)));
          if (!found) metrics?.messagePosted();
          threadId = id;
          await store.delivery.setThread(digest.key, id);
        } else {
          try {
            id = await poster.postMessage(threadId ?? digest.channelId, body);
            metrics?.messagePosted();
          } catch (error) {
            if (!(error instanceof DeliveryError) || error.kind !== 'rejected') throw error;
            // Discord refuses this very message: retrying cannot help. Its papers stay claimed
            // (they would be refused again) and the rest of the digest goes on.
            log.warn(
              { digest: digest.key, index: message.index, err: error.message },
              'Discord refused a digest message',
            );
            refused.push(error);
            metrics?.messageRefused();
            id = REFUSED;
          }
        }
        await store.delivery.markMessageSent(digest.key, message.index, id);
        message.messageId = id;
      }
      await openThread();
      if (refused.length > 0 && !isMemberGuild(digest.guildId)) {
        const { t, name, locale } = await this.wording(digest);
        const reason = refused[0]?.reasonIn(locale) ?? '';
        await poster
          .notifyModerators(
            digest.guildId,
            t('notice.refused', { count: refused.length, digest: name, channel: digest.channelId, reason }),
          )
          .catch(() => false);
      }
      await store.delivery.finishDigest(digest.key, 'sent');
      log.info({ digest: digest.key }, 'digest sent');
      return 'sent';
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      return this.failed(digest, error);
    }
  }

  private async failed(digest: DigestRecord, error: DeliveryError): Promise<DeliveryStatus> {
    const { store, log } = this.deps;
    if (error.kind === 'channel') {
      await this.giveUp(digest, error.message);
      await this.pause(digest, error);
      return 'failed';
    }
    const attempts = await store.delivery.recordAttempt(digest.key, error.message);
    log.warn({ digest: digest.key, attempts, err: error.message }, 'digest delivery failed; will retry');
    if (error.kind === 'rejected' || attempts >= this.deps.maxAttempts) {
      // i18n-ignore: the ledger's record of the failure (the moderators are told below, in the server's language)
      await this.giveUp(digest, `gave up after ${attempts} attempts: ${error.message}`);
      // A member's DM has no moderators to tell; its papers are offered again in the next one.
      if (isMemberGuild(digest.guildId)) return 'failed';
      const { t, name, locale } = await this.wording(digest);
      const vars = { digest: name, channel: digest.channelId, attempts, reason: error.reasonIn(locale) };
      await this.deps.poster
        .notifyModerators(
          digest.guildId,
          t(isVenueUpdate(digest) ? 'notice.gaveUpUpdate' : 'notice.gaveUpDigest', vars),
        )
        .catch(() => false);
      return 'failed';
    }
    return 'pending';
  }

  /** Notices to a server's moderators speak the server's language (src/discord/locale.ts). */
  private async wording(digest: DigestRecord): Promise<{ t: Translate; name: string; locale: Locale }> {
    const locale = serverLocale(await this.deps.store.state.getGuild(digest.guildId));
    return { t: translator(locale), name: digestName(digest, locale), locale };
  }

  /** Close a digest as failed; the papers of messages never sent go back to the pool. */
  private async giveUp(digest: DigestRecord, reason: string): Promise<void> {
    await this.deps.store.delivery.failDigest(digest.key, reason);
    this.deps.log.warn({ digest: digest.key, reason }, 'digest failed');
  }

  /** Pause every subscription of the channel and tell the moderators once (a member's DMs: pause those). */
  private async pause(digest: DigestRecord, error: DeliveryError): Promise<void> {
    const { store, poster, now } = this.deps;
    if (isMemberGuild(digest.guildId)) {
      // DMs refused for good: no more tries (no retry storm) until the member's next command tells them.
      await pauseMember(store.state, memberOf(digest.guildId), error.message, now());
      return;
    }
    const newlyPaused = await pauseChannel(store.state, digest.guildId, digest.channelId, error.message, now());
    if (newlyPaused === 0) return;
    const { t, locale } = await this.wording(digest);
    const told = await poster
      .notifyModerators(
        digest.guildId,
        t('notice.paused', { channel: digest.channelId, reason: error.reasonIn(locale) }),
        digest.channelId,
      )
      .catch(() => false);
    if (told) await markPauseNotified(store.state, digest.guildId, digest.channelId);
  }
}

function withoutNonce(body: MessageBody): MessageBody {
  const { nonce: _nonce, enforce_nonce: _enforce, ...rest } = body;
  return rest;
}

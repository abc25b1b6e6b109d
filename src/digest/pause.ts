import type { StateStore } from '../store/types.js';

/**
 * Pause every active subscription of a channel the bot can no longer post in (deleted, or access lost);
 * returns how many were paused by this call. The moderators have not been told yet (`notified: false`).
 */
export function pauseChannel(
  state: StateStore,
  guildId: string,
  channelId: string,
  reason: string,
  at: Date,
): Promise<number> {
  const since = at.toISOString();
  return state.updateGuild(guildId, (guild) => {
    let count = 0;
    for (const sub of guild.subscriptions) {
      if (sub.channelId === channelId && !sub.paused) {
        sub.paused = { reason, at: since, notified: false };
        count++;
      }
    }
    return count;
  });
}

/** Record that the moderators were told about the channel's paused subscriptions. */
export async function markPauseNotified(state: StateStore, guildId: string, channelId: string): Promise<void> {
  await state.updateGuild(guildId, (guild) => {
    for (const sub of guild.subscriptions) if (sub.channelId === channelId && sub.paused) sub.paused.notified = true;
  });
}

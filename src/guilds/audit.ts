/** Guild-scoped atomic changes with an audit trail: what every moderator command writes through. */
import type { AuditEntry, ChangeStamp, GuildState, StateStore } from '../store/types.js';

/** Audit entries kept per guild; older ones are dropped. */
export const AUDIT_LIMIT = 200;
/** Longest audit detail stored. */
const DETAIL_MAX = 500;

/** Who is acting, where and when: what every change records. */
export interface Actor {
  guildId: string;
  userId: string;
  /** ISO time of the change. */
  at: string;
}

export function stampOf(actor: Actor): ChangeStamp {
  return { by: actor.userId, at: actor.at };
}

/** What a change reports back: the audit line and whatever the caller wants to reply with. */
export interface ChangeOutcome<T> {
  detail: string;
  result: T;
}

/**
 * Apply one change to the actor's guild and append its audit entry, in one atomic `updateGuild`:
 * a UserError thrown by `change` (unknown topic, duplicate slug, limit) writes nothing.
 */
export async function changeGuild<T>(
  state: Pick<StateStore, 'updateGuild'>,
  actor: Actor,
  action: string,
  change: (state: GuildState) => ChangeOutcome<T>,
): Promise<T> {
  return state.updateGuild(actor.guildId, (guild) => {
    const { detail, result } = change(guild);
    const entry: AuditEntry = {
      guildId: actor.guildId,
      userId: actor.userId,
      action,
      detail: detail.slice(0, DETAIL_MAX),
      at: actor.at,
    };
    guild.audit = [...guild.audit, entry].slice(-AUDIT_LIMIT);
    return result;
  });
}

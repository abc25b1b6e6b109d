/** The guild services over a real in-memory store, a recording scheduler and a fixed clock. */
import { defaults } from '../../config/defaults.js';
import { defaultSettings } from '../../src/app.js';
import type { Actor } from '../../src/guilds/audit.js';
import type { GuildDeps } from '../../src/guilds/deps.js';
import { createMemoryStore, type Store } from '../../src/store/index.js';

export const GUILD = '300000000000000001';
export const OTHER_GUILD = '300000000000000002';
export const MOD = '410000000000000001';
export const TEXT = '500000000000000001';
export const FORUM = '500000000000000002';
/** Monday 23 November 2026, noon UTC. */
export const NOW = new Date('2026-11-23T12:00:00Z');

export interface GuildWorld extends GuildDeps {
  store: Store;
  synced: string[];
}

export function guildWorld(): GuildWorld {
  const synced: string[] = [];
  return {
    store: createMemoryStore(),
    defaults,
    scheduler: {
      sync(guildId) {
        synced.push(guildId);
        return Promise.resolve();
      },
    },
    settingsFor: (guildId, stored) => stored ?? defaultSettings(guildId, defaults),
    now: () => NOW,
    synced,
  };
}

export const actor: Actor = { guildId: GUILD, userId: MOD, at: NOW.toISOString() };

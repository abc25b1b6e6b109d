import type { Defaults } from '../../config/defaults.js';
import type { GuildSettings, Store } from '../store/types.js';

/** What the guild services need from the running app (src/app.ts's App provides all of it). */
export interface GuildDeps {
  store: Pick<Store, 'state' | 'archive'>;
  defaults: Pick<Defaults, 'limits'>;
  /** Re-reads a guild's schedule after its settings or subscriptions changed. */
  scheduler: { sync(guildId: string): Promise<void> };
  settingsFor(guildId: string, stored: GuildSettings | null): GuildSettings;
  now(): Date;
}

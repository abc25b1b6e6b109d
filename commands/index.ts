import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { digest } from './digest.js';
import { follow } from './follow.js';
import { paper } from './paper.js';
import { privacy } from './privacy.js';
import { settings } from './settings.js';
import { subscription } from './subscription.js';
import { topic } from './topic.js';
import type { CommandModule } from './types.js';

/** The one registry: the interaction router and deploy-commands both read it. */
export const commands: readonly CommandModule[] = [paper, digest, topic, subscription, settings, follow, privacy];

/** What `deploy-commands` registers. */
export function commandData(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((c) => c.data);
}

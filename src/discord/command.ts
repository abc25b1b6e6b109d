import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { App } from '../app.js';

/** One top-level slash command: its registration data and its handlers (commands/ implements them). */
export interface CommandModule {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Subcommands (or `true` for the whole command) that need Manage Server, checked again at run time. */
  moderatorOnly: true | readonly string[];
  /**
   * Subcommands that write to the store: the router acknowledges them (ephemeral, deferred) before
   * they run, so a slow write can never miss Discord's 3-second deadline. Their handlers edit the reply.
   */
  acknowledgeFirst?: readonly string[];
  execute(interaction: ChatInputCommandInteraction, app: App): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, app: App): Promise<void>;
  /**
   * Components (by the first part of their `custom_id` after `<command name>:`) that also work in direct
   * messages, where there is no server: the member's own DM digests carry them. Every other component, like
   * every command, is for servers only.
   */
  dmComponents?: readonly string[];
  /** Buttons and selects whose `custom_id` starts with `<command name>:`. */
  component?(interaction: MessageComponentInteraction, app: App, args: string[]): Promise<void>;
}

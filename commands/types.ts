export type { CommandModule } from '../src/discord/command.js';

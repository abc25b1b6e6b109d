import { ApplicationCommandOptionType, ChannelType, PermissionFlagsBits } from 'discord.js';

/** Shared option definitions, so that the same option reads the same in every command. */
export const Opt = ApplicationCommandOptionType;

/** Moderator commands: Manage Server by default (re-checked at run time by the router). */
export const MODERATOR_PERMISSIONS = PermissionFlagsBits.ManageGuild.toString();

export const topicSlugOption = (description: string, required = true) =>
  ({
    type: Opt.String,
    name: 'topic',
    description,
    required,
    autocomplete: true,
    max_length: 32,
  }) as const;

export const dateOption = (description: string) =>
  ({ type: Opt.String, name: 'date', description, min_length: 10, max_length: 10 }) as const;

/** Channels a digest can go to. */
export const DIGEST_CHANNEL_TYPES: Array<
  | ChannelType.GuildText
  | ChannelType.GuildAnnouncement
  | ChannelType.GuildForum
  | ChannelType.PublicThread
  | ChannelType.AnnouncementThread
> = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildForum,
  ChannelType.PublicThread,
  ChannelType.AnnouncementThread,
];

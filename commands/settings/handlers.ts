/** `/settings show` and `/settings set` (moderators only): options → src/guilds/settings.ts → reply. */
import type { APIEmbed, ChatInputCommandInteraction } from 'discord.js';
import type { App } from '../../src/app.js';
import { sanitizeMarkdown } from '../../src/discord/render/index.js';
import { codeSpan, plural } from '../../src/format.js';
import { venueUpdatesOn } from '../../src/digest/venue-updates.js';
import { readSettings, updateSettings, type SettingsView } from '../../src/guilds/settings.js';
import { describeSchedule } from '../../src/schedule/cron.js';
import { utcOffset } from '../../src/schedule/timezones.js';
import { actorOf, guildIdOf, replyPrivately } from '../shared/interaction.js';
import { changedBy, fitField, fullTime, relativeTime } from '../shared/lists.js';

const RECENT_CHANGES = 5;

function venueUpdatesText(on: boolean): string {
  return on
    ? 'on — when a new version of a paper posted in a channel brings a venue, the channel is told (one message a day).'
    : 'off — channels are not told when their papers are accepted somewhere.';
}

function nextRunText(next: Date | null, subscribed: boolean): string {
  if (next === null) return 'never: this schedule has no future date.';
  const when = `${fullTime(next.toISOString())} (${relativeTime(next.toISOString())})`;
  // The scheduler only runs guilds that have subscriptions.
  return subscribed ? when : `${when}, once a channel is subscribed (\`/subscription add\`)`;
}

/** An audit detail for display: escaped (it holds topic names), with channel ids turned back into links. */
function auditDetail(detail: string): string {
  return sanitizeMarkdown(detail.slice(0, 150)).replace(/\bchannel (\d{17,20})\b/g, '<#$1>');
}

export function settingsEmbed(view: SettingsView, now: Date): APIEmbed {
  const { settings, state } = view;
  const recent = state.audit
    .slice(-RECENT_CHANGES)
    .reverse()
    .map((e) => `${relativeTime(e.at)} <@${e.userId}> ${e.action}: ${auditDetail(e.detail)}`);
  return {
    title: 'Paperboy settings for this server',
    fields: [
      {
        name: 'Schedule',
        value: `${codeSpan(settings.schedule, 200)}: ${describeSchedule(settings.schedule)} (${settings.timezone} time)`,
      },
      { name: 'Next run', value: nextRunText(view.next, view.subscribed) },
      { name: 'Time zone', value: `${settings.timezone} (now ${utcOffset(settings.timezone, now)})`, inline: true },
      { name: 'Abstract length', value: `${settings.abstractLength} characters`, inline: true },
      { name: 'Max papers', value: `${settings.maxPapers} per digest (new subscriptions)`, inline: true },
      { name: 'Venue updates', value: venueUpdatesText(venueUpdatesOn(settings)) },
      { name: 'Last changed', value: changedBy(settings.changed) },
      ...(recent.length > 0 ? [{ name: 'Recent changes in this server', value: fitField(recent.join('\n')) }] : []),
    ],
  };
}

export async function showSettings(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const view = await readSettings(app, guildIdOf(interaction));
  await replyPrivately(interaction, { embeds: [settingsEmbed(view, app.now())] });
}

export async function setSettings(interaction: ChatInputCommandInteraction, app: App): Promise<void> {
  const { options } = interaction;
  const { settings, subscribed, patch, next } = await updateSettings(app, actorOf(interaction, app), {
    schedule: options.getString('schedule'),
    timezone: options.getString('timezone'),
    abstract_length: options.getInteger('abstract_length'),
    max_papers: options.getInteger('max_papers'),
    venue_updates: options.getBoolean('venue_updates'),
  });

  const lines = ['Settings saved.'];
  if (patch.schedule !== undefined || patch.timezone !== undefined) {
    lines.push(
      `Digests run ${describeSchedule(settings.schedule)} (${settings.timezone} time); next: ${nextRunText(next, subscribed)}.`,
    );
  }
  if (patch.abstractLength !== undefined) lines.push(`Abstracts are cut at ${settings.abstractLength} characters.`);
  if (patch.maxPapers !== undefined) {
    lines.push(
      `New subscriptions post up to ${plural(settings.maxPapers, 'paper')} per digest; existing ones keep their own cap.`,
    );
  }
  if (patch.venueUpdates !== undefined) lines.push(`Venue updates: ${venueUpdatesText(patch.venueUpdates)}`);
  await replyPrivately(interaction, { content: lines.join('\n') });
}

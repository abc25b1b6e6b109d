import type { APIEmbed } from 'discord.js';
import { embedLength, LIMITS } from './limits.js';

export interface PackOptions {
  /** Most embeds per message. Default 10. */
  maxEmbeds?: number;
  /** Most embed characters per message. Default 6000. */
  maxChars?: number;
}

/**
 * Split embeds into messages, greedily and in order: each message takes as many of the next
 * embeds as fit. For an order that must be kept this gives the fewest messages. Throws when one
 * embed alone is over `maxChars` (shrink it first; nothing is dropped here).
 */
export function packEmbeds(embeds: readonly APIEmbed[], opts: PackOptions = {}): APIEmbed[][] {
  const maxEmbeds = opts.maxEmbeds ?? LIMITS.embedsPerMessage;
  const maxChars = opts.maxChars ?? LIMITS.messageEmbedChars;
  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let chars = 0;
  embeds.forEach((embed, i) => {
    const length = embedLength(embed);
    if (length > maxChars)
      throw new RangeError(`embed ${i} has ${length} characters, more than ${maxChars} fit in a message`);
    if (current.length > 0 && (current.length >= maxEmbeds || chars + length > maxChars)) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(embed);
    chars += length;
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

import { readFileSync } from 'node:fs';
import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const envExample = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
const envSource = readFileSync(new URL('../src/env.ts', import.meta.url), 'utf8');

type CommandOption = NonNullable<(typeof commands)[number]['data']['options']>[number];

/** Subcommands with their path (`search`, `saved list`), those of subcommand groups included, in order. */
function subcommands(options: readonly CommandOption[], prefix = ''): Array<{ path: string; sub: CommandOption }> {
  return options.flatMap((o) => {
    if (o.type === ApplicationCommandOptionType.Subcommand) return [{ path: `${prefix}${o.name}`, sub: o }];
    if (o.type === ApplicationCommandOptionType.SubcommandGroup)
      return subcommands(o.options ?? [], `${prefix}${o.name} `);
    return [];
  });
}

/** The README row each registered subcommand should have. */
function expectedRows(): string[] {
  return commands.flatMap((command) =>
    subcommands(command.data.options ?? []).map(({ path, sub }) => {
      const options = 'options' in sub ? ((sub.options ?? []) as Array<{ name: string; required?: boolean }>) : [];
      const cell = options.map((o) => (o.required ? `\`${o.name}\`` : `\`[${o.name}]\``)).join(' ') || '—';
      const moderator = command.moderatorOnly === true || command.moderatorOnly.includes(sub.name);
      return `| \`/${command.data.name} ${path}\` | ${cell} | ${moderator ? 'moderators' : 'everyone'} | ${sub.description} |`;
    }),
  );
}

describe('README', () => {
  it('lists exactly the slash commands deploy-commands registers', () => {
    const rows = readme.split('\n').filter((line) => line.startsWith('| `/'));
    expect(rows).toEqual(expectedRows());
  });

  it('starts with the two set-up commands', () => {
    expect(readme).toMatch(/```sh\nnpm install\nnpm test\n```/);
  });

  it('documents every environment variable, as does .env.example', () => {
    const names = [...envSource.matchAll(/^\s{2}([A-Z][A-Z_]+):/gm)].map((m) => m[1] ?? '');
    expect(names.length).toBeGreaterThanOrEqual(9);
    for (const name of names) {
      expect(readme).toContain(`\`${name}\``);
      expect(envExample).toMatch(new RegExp(`^${name}=`, 'm'));
    }
  });
});

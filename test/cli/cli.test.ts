import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { paperSchema } from '../../src/papers/paper.js';
import { FakeArxiv, apiById, htmlResponse, latexmlPage, rssFeedXml } from '../fakes/fake-arxiv.js';
import { makePapers } from '../helpers/bot.js';
import { runPaperboy } from '../helpers/paperboy.js';

const FIXTURES = new URL('../fixtures/arxiv/', import.meta.url).pathname;

const cli = (args: string[], env: Record<string, string>) => runPaperboy(args, { env });

const jsonLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);

let dir: string;
let arxiv: FakeArxiv;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperboy-cli-'));
  arxiv = await FakeArxiv.start({ minIntervalMs: 5 });
  const contrastive = makePapers(6, { category: 'cs.LG' });
  arxiv.rss('cs.AI+cs.CL+cs.CV+cs.LG', {
    body: rssFeedXml('cs.AI+cs.CL+cs.CV+cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', contrastive),
    etag: '"a"',
  });
  arxiv.rss('cs.LG', { body: rssFeedXml('cs.LG', 'Tue, 24 Nov 2026 00:00:00 -0500', contrastive), etag: '"b"' });
  arxiv.api(null, apiById(contrastive));
  env = {
    DATABASE_URL: `sqlite://${join(dir, 'cli.sqlite')}`,
    ARXIV_API_URL: arxiv.apiUrl,
    ARXIV_RSS_URL: arxiv.rssUrl,
    ARXIV_HTML_URL: `${arxiv.baseUrl}/html`,
    ARXIV_REQUEST_INTERVAL_MS: '5',
    LOG_LEVEL: 'warn',
  };
});

afterAll(async () => {
  await arxiv.close();
  await rm(dir, { recursive: true, force: true });
});

describe('paperboy CLI', () => {
  it('imports a saved API response and prints the papers as JSON lines', async () => {
    const run = await cli(['import', join(FIXTURES, 'api-current.xml'), '--json'], env);
    expect(run.code).toBe(0);
    const papers = jsonLines(run.stdout).map((p) => paperSchema.parse(p));
    expect(papers.map((p) => `${p.id}v${p.version}`)).toEqual([
      '2501.04217v2',
      '2502.00871v1',
      '2412.19033v1',
      '2501.05520v3',
    ]);
    expect(run.stderr).toMatch(/Imported 4 papers/);
    // Importing again updates the same records instead of adding copies.
    const again = await cli(['import', join(FIXTURES, 'api-current.xml')], env);
    expect(again.stderr).toMatch(/Imported 4 papers \(0 new/);
  });

  it('imports listings in every format', async () => {
    const files = ['rss-listing.xml', 'rdf-escaped.xml', 'atom-listing.xml', 'api-legacy.xml'].map((f) =>
      join(FIXTURES, f),
    );
    const run = await cli(['import', ...files, '--json'], env);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).length).toBeGreaterThan(5);
  });

  it.each([
    [['import', '/nonexistent/file.xml'], 2, /cannot read \/nonexistent\/file.xml: ENOENT/],
    [['import'], 2, /needs at least one file/],
    [['import', join(FIXTURES, 'api-error.xml')], 1, /incorrect id format|Error/i],
    [['search'], 2, /needs a query/],
    [['search', 'x', '--limit', '0'], 2, /--limit/],
    [['digest', '--topic', 'contrastive'], 2, /--dry-run/],
    [['digest', '--topic', 'a (b', '--dry-run'], 2, /parenthes/],
    [['digest', '--topic', 'contrastive', '--dry-run', '--date', '2026-13-01'], 2, /YYYY-MM-DD/],
    [['digest', '--topic', 'contrastive', '--dry-run', '--html', ' '], 2, /--html takes a file name/],
    [['digest', '--topic', 'contrastive', '--dry-run', '--html'], 2, /--html/],
    [
      ['digest', '--topic', 'contrastive', '--dry-run', '--locale', 'fr'],
      2,
      /--locale takes one of en-US, zh-CN, got "fr"/,
    ],
    [['digest', '--topic', 'contrastive', '--dry-run', '--guild', 'x'], 2, /--guild takes a server id/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['search', 'x', '--bogus'], 2, /bogus/],
  ])('refuses %j clearly (exit %i)', async (args, code, message) => {
    const run = await cli(args, env);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });

  it.concurrent.each([
    ['start', []],
    ['deploy-commands', ['--guild']],
    ['import', ['--json']],
    ['fetch', ['--category', '--since', '--json']],
    ['search', ['--limit', '--json']],
    ['digest', ['--topic', '--category', '--date', '--dry-run', '--json', '--html', '--locale', '--guild']],
    ['invite-url', []],
  ])('prints the usage of %s for --help and exits 0', async (command, flags) => {
    const run = await cli([command, '--help'], {});
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^Usage: paperboy ${command}\\b`));
    expect(run.stdout.endsWith('\n')).toBe(true);
    for (const flag of [...flags, '--help']) expect(run.stdout).toContain(`  ${flag}`);
  });

  it('prints the usage of a command whatever else is on the line, and for `help <command>`', async () => {
    const usage = await cli(['digest', '--help'], {});
    // No configuration at all, and arguments that would be refused: --help still answers.
    const runs = await Promise.all([
      cli(['digest', '--topic', 'a (b', '--bogus', '--help'], {}),
      cli(['help', 'digest'], {}),
    ]);
    for (const run of runs) expect(run).toEqual(usage);
  });

  it('prints the global help, ending with a newline, and lists every command in it', async () => {
    const help = await cli(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Paperboy \d+\.\d+\.\d+ .*\n\nUsage: paperboy <command> \[options\]\n/);
    expect(help.stdout.endsWith("this text; after a command, that command's usage and options\n")).toBe(true);
    for (const command of ['start', 'deploy-commands', 'import', 'fetch', 'search', 'digest', 'invite-url']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    // With no command at all, the same text, as a usage error.
    expect(await cli([], {})).toEqual({ ...help, code: 2 });
    // After `--`, "--help" is an argument like any other: here a query that only leaves papers out.
    const search = await cli(['search', '--', '--help'], env);
    expect(search).toMatchObject({ code: 2, stdout: '' });
    expect(search.stderr).toMatch(/at least one word to search for/);
  });

  it('runs the same commands from the bundle npm builds and from the TypeScript sources', async () => {
    await cli(['import', join(FIXTURES, 'api-current.xml')], env);
    const bundle = await cli(['search', '"contrastive"', '--json'], env);
    const sources = await cli(['search', '"contrastive"', '--json'], { ...env, PAPERBOY_SOURCE: '1' });
    expect(bundle.code).toBe(0);
    expect(jsonLines(bundle.stdout).length).toBeGreaterThan(0);
    expect(sources).toEqual(bundle);
    const help = await cli(['--help'], env);
    expect(help.stdout).toContain('Usage: paperboy');
  });

  it('searches the archive', async () => {
    await cli(['import', join(FIXTURES, 'api-current.xml')], env);
    const run = await cli(['search', '"contrastive"', '--limit', '3', '--json'], env);
    expect(run.code).toBe(0);
    for (const line of jsonLines(run.stdout)) expect(line).toHaveProperty('score');
  });

  it('builds a digest from the fake arXiv without posting anything', async () => {
    const text = await cli(['digest', '--topic', 'contrastive', '--dry-run'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/2026-11-24: 6 of 6 matching papers/);

    const json = await cli(['digest', '--topic', 'contrastive', '--dry-run', '--json'], env);
    expect(json.code).toBe(0);
    const bodies = jsonLines(json.stdout) as Array<{ content?: string; embeds: unknown[]; allowed_mentions: unknown }>;
    expect(bodies.flatMap((b) => b.embeds)).toHaveLength(6);
    expect(bodies[0]?.allowed_mentions).toEqual({ parse: [] });
    expect(arxiv.violations).toEqual([]);
    for (const r of arxiv.requests) expect(String(r.headers['user-agent'])).toMatch(/^Paperboy\/\d+\.\d+\.\d+ \(\+/);
  });

  it('builds a digest in the language of --locale, or of the --guild, else in English', async () => {
    const args = ['digest', '--topic', '"contrastive learning"', '--date', '2026-11-24', '--dry-run', '--json'];
    const header = async (...extra: string[]) => {
      const run = await cli([...args, ...extra], env);
      expect(run.code).toBe(0);
      return (jsonLines(run.stdout)[0] as { content?: string }).content;
    };
    expect(await header('--locale', 'zh-CN')).toMatch(/ — 6 篇新论文 · 2026年11月24日$/);
    expect(await header()).toMatch(/ — 6 new papers · 2026-11-24$/);
    const guild = '210000000000000009';
    const store = await openStore(env['DATABASE_URL'] ?? '');
    await store.state.updateGuild(guild, (state) => {
      state.locale = 'zh-CN';
    });
    await store.close();
    expect(await header('--guild', guild)).toMatch(/6 篇新论文/);
    expect(await header('--guild', guild, '--locale', 'en-US')).toMatch(/6 new papers/);
  });

  it('builds a digest for an ad-hoc query over given categories', async () => {
    const run = await cli(['digest', '--topic', 'contrastive', '--category', 'cs.LG', '--dry-run'], env);
    expect(run.code).toBe(0);
    const query = await cli(['digest', '--topic', '"contrastive learning"', '--date', '2026-11-24', '--dry-run'], env);
    expect(query.stdout).toMatch(/6 of 6/);
  });

  it('writes the digest as a web page with --html, with the figures of a topic that has images on', async () => {
    const [first] = makePapers(1, { category: 'cs.LG' });
    arxiv.html(first?.id ?? '', htmlResponse(latexmlPage(first?.id ?? '', 'figure')));
    const file = join(dir, 'digest.html');
    // A fresh archive: earlier tests already looked these papers' pages up (and stored "none").
    const fresh = { ...env, DATABASE_URL: `sqlite://${join(dir, 'html.sqlite')}` };
    const before = arxiv.htmlRequests.length;
    const run = await cli(
      ['digest', '--topic', '"contrastive learning"', '--category', 'cs.LG', '--dry-run', '--html', file],
      fresh,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Wrote a preview of 1 message\(s\) to .*digest\.html/);
    const page = await readFile(file, 'utf8');
    expect(page.match(/<article class="embed"/g)).toHaveLength(6);
    expect(page.match(/<div class="embed-image">/g)).toHaveLength(1);
    expect(page).toContain(`${arxiv.baseUrl}/html/${first?.id}/x1.png`);
    // Every paper's page was asked for once; the others have no HTML version (404).
    expect(
      arxiv.htmlRequests
        .slice(before)
        .map((r) => r.path)
        .sort(),
    ).toEqual(
      makePapers(6)
        .map((p) => `/html/${p.id}`)
        .sort(),
    );
    expect(arxiv.violations).toEqual([]);
  });

  it('fetches a listing into the archive, then revalidates it (304) instead of refetching', async () => {
    const fresh = { ...env, DATABASE_URL: `sqlite://${join(dir, 'fetch.sqlite')}` };
    const run = await cli(['fetch', '--category', 'cs.LG', '--json'], fresh);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(6);
    const again = await cli(['fetch', '--category', 'cs.LG'], fresh);
    expect(again.stderr).toMatch(/has not changed/);
    const conditional = arxiv.requests.filter((r) => r.path === '/rss/cs.LG').at(-1);
    expect(conditional?.status).toBe(304);
  });

  it('prints the invite URL with the scopes and permissions the bot needs', async () => {
    const run = await cli(['invite-url'], { ...env, DISCORD_APPLICATION_ID: '110000000000000001' });
    expect(run.code).toBe(0);
    const url = new URL(run.stdout.trim());
    expect(url.searchParams.get('client_id')).toBe('110000000000000001');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(BigInt(url.searchParams.get('permissions') ?? '0')).toBeGreaterThan(0n);
  });

  it('stops at once with every configuration problem named', async () => {
    const run = await cli(['start'], { ...env, ARXIV_REQUEST_INTERVAL_MS: 'soon', DISCORD_API_URL: 'not a url' });
    expect(run.code).toBe(1);
    for (const name of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'ARXIV_REQUEST_INTERVAL_MS', 'DISCORD_API_URL']) {
      expect(run.stderr).toContain(name);
    }
    expect(run.stderr).toContain('.env.example');
  });
});

import { z } from 'zod';
import { SLUG_PATTERN } from '../src/topics/topic.js';
import { isCategory } from '../src/topics/category.js';
import { parseQuery, QueryParseError } from '../src/topics/query.js';
import { CATALOGS, type Locale } from '../src/i18n/index.js';
import enUS from '../src/i18n/locales/en-US.js';

/**
 * Ready-made topics any guild can add with `/topic add catalog:<slug>`. Validated at import so
 * that a query that no longer parses fails at start, not in a guild.
 */
export const catalogTopicSchema = z.strictObject({
  slug: z.string().regex(SLUG_PATTERN, 'slug: 2–32 of a–z, 0–9 and -, not starting with -'),
  name: z.string().trim().min(1).max(100),
  /** One line for `/topic show` and the catalog autocomplete. */
  description: z.string().trim().min(1).max(200),
  categories: z
    .array(z.string().refine(isCategory, 'not an arXiv archive or subject class in canonical spelling (cs, cs.LG)'))
    .min(1)
    .max(20),
  query: z.string().superRefine((query, ctx) => {
    try {
      parseQuery(query);
    } catch (error) {
      if (!(error instanceof QueryParseError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  }),
  crossLists: z.boolean().default(true),
  updates: z.boolean().default(false),
  images: z.boolean().default(true),
  /** 24-bit RGB. */
  color: z.number().int().min(0).max(0xffffff),
});

export const catalogSchema = z.array(catalogTopicSchema).superRefine((topics, ctx) => {
  const seen = new Set<string>();
  topics.forEach((topic, i) => {
    if (seen.has(topic.slug))
      ctx.addIssue({ code: 'custom', message: `duplicate slug ${topic.slug}`, path: [i, 'slug'] });
    seen.add(topic.slug);
  });
});

export type CatalogTopic = z.infer<typeof catalogTopicSchema>;

type CatalogSlug = keyof typeof enUS.catalogTopics;

/**
 * A topic's slug, name and description: names and descriptions live in the message catalogs (`catalogTopics`,
 * src/i18n/locales), so that every language has them; the English is what a topic added from the catalog is named.
 */
const described = (slug: CatalogSlug) => ({ slug, ...enUS.catalogTopics[slug] });

/** AND binds tighter than OR (src/topics/query.ts), so each line below is one alternative. */
const or = (...alternatives: string[]): string => alternatives.join(' OR ');

export const catalog: readonly CatalogTopic[] = catalogSchema.parse([
  {
    ...described('contrastive'),
    categories: ['cs.LG', 'cs.CV', 'cs.CL', 'cs.AI'],
    query: or(
      'ti:contrastive',
      '"contrastive learning"',
      '"contrastive loss*"',
      '"contrastive pre-train*"',
      '"contrastive represent*"',
      '"self-supervis*"',
      '"semi-supervis*"',
      'ti:unsupervis*',
      '"unsupervised learning"',
      '"unsupervised represent*"',
      '"unsupervised pre-train*"',
      '"pseudo-label*"',
      '"masked image model*"',
      '"masked autoencod*"',
      '"pretext task*"',
      '"consistency regulari*"',
      'infonce',
      'simclr',
      'moco',
      'byol',
      '"barlow twins"',
      'fixmatch',
      'dino',
      'dinov2',
    ),
    color: 0x7b61ff,
  },
  {
    ...described('llm'),
    categories: ['cs.CL', 'cs.LG', 'cs.AI'],
    query: or(
      '"language model*"',
      'llm*',
      'gpt*',
      'chatgpt',
      'llama*',
      '"instruction tun*"',
      '"in-context learning"',
      '"chain-of-thought"',
      'rlhf',
      '"preference optimi*"',
      '"retrieval-augmented"',
      '"reasoning model*"',
      '"test-time scaling"',
    ),
    color: 0x10a37f,
  },
  {
    ...described('diffusion'),
    categories: ['cs.LG', 'cs.CV', 'stat.ML', 'cs.AI'],
    query: or(
      'ti:diffusion',
      '"diffusion model*"',
      '"denoising diffusion"',
      '"latent diffusion"',
      '"stable diffusion"',
      '"diffusion transformer*"',
      '"diffusion polic*"',
      '"score-based"',
      '"score matching"',
      '"flow matching"',
      '"rectified flow*"',
      '"consistency model*"',
      'ddpm',
      'ddim',
    ),
    color: 0xf97316,
  },
  {
    ...described('rl'),
    categories: ['cs.LG', 'cs.AI', 'cs.RO', 'stat.ML'],
    query: or(
      '"reinforcement learning"',
      'rl',
      '"policy gradient*"',
      '"policy optimi*"',
      '"actor-critic"',
      '"q-learning"',
      '"temporal difference"',
      '"markov decision process*"',
      'mdp',
      'mdps',
      '"reward shaping"',
      '"multi-armed bandit*"',
      '"contextual bandit*"',
    ),
    color: 0xe11d48,
  },
  {
    ...described('graph-ml'),
    categories: ['cs.LG', 'cs.SI', 'stat.ML', 'cs.AI'],
    query: or(
      '"graph neural network*"',
      'gnn*',
      '"graph transformer*"',
      '"graph representation learning"',
      '"graph convolution*"',
      '"graph embedding*"',
      '"graph contrastive"',
      '"graph pooling"',
      '"message passing"',
      '"node classification"',
      '"link prediction"',
      '"over-smoothing"',
    ),
    color: 0x0ea5e9,
  },
  {
    ...described('quantum-computing'),
    categories: ['quant-ph', 'cs.ET'],
    query: or(
      '"quantum comput*"',
      '"quantum algorithm*"',
      '"quantum circuit*"',
      '"quantum processor*"',
      '"quantum gate*"',
      '"quantum compil*"',
      'qubit*',
      '"quantum error correct*"',
      '"error-correcting code*"',
      '"fault-tolerant"',
      '"surface code*"',
      '"variational quantum"',
      'vqe',
      'qaoa',
      'nisq',
      '"quantum advantage"',
      '"quantum supremacy"',
      '"quantum annealing"',
      '"trapped ion*"',
    ),
    color: 0x6366f1,
  },
  {
    ...described('exoplanets'),
    categories: ['astro-ph.EP'],
    query: or(
      'exoplanet*',
      '"extrasolar planet*"',
      '"hot jupiter*"',
      '"warm jupiter*"',
      '"super-earth*"',
      '"sub-neptune*"',
      '"mini-neptune*"',
      '"transiting planet*"',
      '"planet host*"',
      '"planetary system*"',
      '"habitable zone*"',
      '"radial velocit*"',
      '"transmission spectr*"',
      '"protoplanetary dis*"',
      '"planet formation"',
      'tess',
    ),
    color: 0x14b8a6,
  },
  {
    ...described('gw'),
    categories: ['gr-qc', 'astro-ph.HE', 'astro-ph.CO', 'astro-ph.IM'],
    query: or(
      '"gravitational wave*"',
      'ligo',
      '"advanced virgo"',
      'kagra',
      'lisa',
      '"einstein telescope"',
      '"cosmic explorer"',
      '"pulsar timing array*"',
      'nanograv',
      '"binary black hole*"',
      '"binary neutron star*"',
      '"compact binar*"',
      '"black hole merger*"',
      '"neutron star merger*"',
      'ringdown',
      'inspiral*',
      '"waveform model*"',
    ),
    color: 0x1e3a8a,
  },
  {
    ...described('topology'),
    categories: ['math.GT', 'math.AT', 'math.GR', 'math.DG', 'math.SG'],
    query: or(
      'cat:math.GT',
      'cat:math.AT',
      'knot*',
      'braid*',
      '"3-manifold*"',
      '"4-manifold*"',
      '"mapping class group*"',
      'homotop*',
      '"floer homolog*"',
      'khovanov',
      'heegaard',
    ),
    color: 0xd946ef,
  },
  {
    ...described('robotics'),
    categories: ['cs.RO'],
    query: or(
      '"robot learning"',
      'manipulat*',
      'grasp*',
      'dexterous',
      'locomotion',
      'humanoid*',
      '"imitation learning"',
      '"learning from demonstration*"',
      '"sim-to-real"',
      '"vision-language-action"',
      'vla',
      'embodied',
      '"reinforcement learning"',
      '"diffusion polic*"',
      '"world model*"',
    ),
    color: 0xf59e0b,
  },
  {
    ...described('interpretability'),
    categories: ['cs.LG', 'cs.AI', 'cs.CL', 'cs.CV'],
    query: or(
      'ti:(interpretab* OR explainab* OR explanation*)',
      '"mechanistic interpretab*"',
      '"explainable ai"',
      'xai',
      '"feature attribution*"',
      '"saliency map*"',
      '"sparse autoencoder*"',
      '"circuit discovery"',
      '"activation patching"',
      '"logit lens"',
      '"steering vector*"',
      '"linear probe*"',
      '"probing classifier*"',
      '"concept bottleneck*"',
      '"concept-based explanation*"',
      '"shapley value*"',
    ),
    color: 0x22c55e,
  },
  {
    ...described('cond-mat-ml'),
    categories: ['cond-mat', 'physics.comp-ph', 'physics.chem-ph'],
    query: or(
      '"machine learning"',
      '"machine-learned"',
      '"deep learning"',
      '"neural network*"',
      '"neural quantum state*"',
      '"interatomic potential*"',
      '"generative model*"',
      '"active learning"',
      '"gaussian process*"',
      '"foundation model*"',
      '"equivariant"',
    ),
    color: 0x64748b,
  },
]);

/** The catalog topic with this slug, if there is one. */
export function findCatalogTopic(slug: string): CatalogTopic | undefined {
  return catalog.find((topic) => topic.slug === slug);
}

/** A catalog topic's name and description in a locale (its own English when the locale's catalog lacks it). */
export function catalogEntryText(
  entry: Pick<CatalogTopic, 'slug' | 'name' | 'description'>,
  locale: Locale,
): { name: string; description: string } {
  const texts: Readonly<Record<string, { name: string; description: string } | undefined>> =
    CATALOGS[locale].catalogTopics;
  return texts[entry.slug] ?? { name: entry.name, description: entry.description };
}

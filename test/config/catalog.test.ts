import { describe, expect, it } from 'vitest';
import { catalog, catalogSchema, catalogTopicSchema, findCatalogTopic } from '../../config/catalog.js';
import type { Paper } from '../../src/papers/paper.js';
import { parseQuery } from '../../src/topics/query.js';
import { topicMatcher } from '../../src/topics/topic.js';
import { makePaper } from '../topics/papers.js';

const valid = {
  slug: 'example',
  name: 'Example',
  description: 'An example topic.',
  categories: ['cs.LG'],
  query: 'graph',
  color: 0x123456,
};

describe('catalogTopicSchema', () => {
  it.each([
    ['a valid topic', {}, true],
    ['a two-character slug', { slug: 'rl' }, true],
    ['a 32-character slug', { slug: 'a'.repeat(32) }, true],
    ['a Unicode name', { name: '无监督/半监督/对比学习' }, true],
    ['archives and subject classes', { categories: ['cs', 'astro-ph.EP', 'cond-mat.stat-mech', 'hep-th'] }, true],
    ['colour bounds', { color: 0xffffff }, true],
    ['a one-character slug', { slug: 'a' }, false],
    ['a 33-character slug', { slug: 'a'.repeat(33) }, false],
    ['a slug starting with -', { slug: '-ab' }, false],
    ['an upper-case slug', { slug: 'LLM' }, false],
    ['an empty name', { name: ' ' }, false],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, false],
    ['no categories', { categories: [] }, false],
    ['a lower-case subject class', { categories: ['cs.lg'] }, false],
    ['an unknown archive', { categories: ['foo.BAR'] }, false],
    ['a class on an archive without classes', { categories: ['hep-th.XX'] }, false],
    ['a query that does not parse', { query: '(graph' }, false],
    ['an empty query', { query: '' }, false],
    ['a negative colour', { color: -1 }, false],
    ['a colour above 24 bits', { color: 0x1000000 }, false],
    ['an unknown key', { extra: true }, false],
  ])('%s', (_name, overrides, ok) => {
    expect(catalogTopicSchema.safeParse({ ...valid, ...overrides }).success).toBe(ok);
  });

  it('reports where a query fails', () => {
    const result = catalogTopicSchema.safeParse({ ...valid, query: 'graph OR' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('OR needs a term on both sides (column 7)');
  });

  it('fills in defaults', () => {
    expect(catalogTopicSchema.parse(valid)).toMatchObject({ crossLists: true, updates: false, images: true });
  });

  it('refuses duplicate slugs', () => {
    expect(catalogSchema.safeParse([valid, valid]).success).toBe(false);
  });
});

describe('catalog', () => {
  it('has the seed digest topic', () => {
    const topic = findCatalogTopic('contrastive');
    expect(topic?.name).toContain('无监督/半监督/对比学习');
    expect(topic?.categories).toEqual(['cs.LG', 'cs.CV', 'cs.CL', 'cs.AI']);
  });

  it('has 9 to 13 topics with unique slugs, queries that parse, and distinct colours', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(9);
    expect(catalog.length).toBeLessThanOrEqual(13);
    expect(new Set(catalog.map((t) => t.slug)).size).toBe(catalog.length);
    expect(new Set(catalog.map((t) => t.color)).size).toBe(catalog.length);
    for (const topic of catalog) expect(() => parseQuery(topic.query)).not.toThrow();
  });

  it('finds nothing for an unknown slug', () => {
    expect(findCatalogTopic('nope')).toBeUndefined();
  });
});

const paper = (id: string, category: string, title: string, abstract: string): Paper =>
  makePaper({ id, categories: [category], primaryCategory: category, title, abstract });

function matches(slug: string, p: Paper): boolean {
  const topic = findCatalogTopic(slug);
  if (!topic) throw new Error(`no catalog topic ${slug}`);
  return topicMatcher(topic)(p) !== null;
}

describe('catalog topic "contrastive"', () => {
  it.each([
    [
      'SimCLR-style pre-training',
      paper(
        '2002.05709',
        'cs.LG',
        'A Simple Framework for Contrastive Learning of Visual Representations',
        'This paper presents SimCLR: a simple framework for contrastive learning of visual representations. ' +
          'We simplify recently proposed contrastive self-supervised learning algorithms without requiring specialized ' +
          'architectures or a memory bank.',
      ),
    ],
    [
      'semi-supervised learning with pseudo-labels',
      paper(
        '2001.07685',
        'cs.LG',
        'FixMatch: Simplifying Semi-Supervised Learning with Consistency and Confidence',
        'Semi-supervised learning (SSL) provides an effective means of leveraging unlabeled data to improve a model’s ' +
          'performance. Our algorithm first generates pseudo-labels using the model’s predictions on weakly-augmented ' +
          'unlabeled images.',
      ),
    ],
    [
      'masked autoencoders',
      paper(
        '2111.06377',
        'cs.CV',
        'Masked Autoencoders Are Scalable Vision Learners',
        'This paper shows that masked autoencoders (MAE) are scalable self-supervised learners for computer vision. ' +
          'Our MAE approach is simple: we mask random patches of the input image and reconstruct the missing pixels.',
      ),
    ],
    [
      'contrastive sentence embeddings',
      paper(
        '2104.08821',
        'cs.CL',
        'SimCSE: Simple Contrastive Learning of Sentence Embeddings',
        'This paper presents SimCSE, a simple contrastive learning framework that greatly advances state-of-the-art ' +
          'sentence embeddings. We first describe an unsupervised approach, which takes an input sentence and predicts ' +
          'itself in a contrastive objective, with only standard dropout used as noise.',
      ),
    ],
    [
      'unsupervised domain adaptation in the title',
      paper(
        '2301.00001',
        'cs.CV',
        'Unsupervised Domain Adaptation for Nighttime Segmentation',
        'We adapt a daytime model to night scenes without target labels, using style transfer and self-training.',
      ),
    ],
  ])('matches %s', (_name, p) => {
    expect(matches('contrastive', p)).toBe(true);
  });

  it.each([
    [
      'fully supervised segmentation',
      paper(
        '2301.00002',
        'cs.CV',
        'Boundary-Aware Transformers for Semantic Segmentation',
        'We propose a fully supervised semantic segmentation network trained with dense pixel-level annotations. ' +
          'A boundary-aware decoder refines object edges and improves mIoU on Cityscapes and ADE20K.',
      ),
    ],
    [
      'a language-model benchmark',
      paper(
        '2301.00003',
        'cs.CL',
        'Evaluating Long-Context Reasoning in Large Language Models',
        'We introduce a benchmark of multi-hop questions over long documents and evaluate open and proprietary ' +
          'large language models, finding that accuracy drops sharply beyond 32k tokens.',
      ),
    ],
    [
      'reinforcement learning',
      paper(
        '2301.00004',
        'cs.LG',
        'Offline Reinforcement Learning with Implicit Value Regularization',
        'We propose an offline RL algorithm that constrains the learned policy to the support of the dataset and ' +
          'report strong results on D4RL locomotion and AntMaze tasks.',
      ),
    ],
    [
      'a contrastive paper outside the categories',
      paper(
        '2301.00005',
        'q-bio.NC',
        'Contrastive learning in the visual cortex',
        'We model cortical representations with a contrastive learning objective.',
      ),
    ],
  ])('does not match %s', (_name, p) => {
    expect(matches('contrastive', p)).toBe(false);
  });
});

describe('catalog topics match their own kind of paper', () => {
  it.each([
    [
      'llm',
      'cs.CL',
      'Scaling Instruction-Tuned LLMs',
      'We study instruction tuning of large language models across 1,800 tasks.',
    ],
    [
      'diffusion',
      'cs.CV',
      'Elucidating the Design Space of Diffusion-Based Generative Models',
      'We argue that the theory and practice of diffusion-based generative models are needlessly convoluted.',
    ],
    [
      'rl',
      'cs.LG',
      'Proximal Policy Optimization Algorithms',
      'We propose a new family of policy gradient methods for reinforcement learning.',
    ],
    [
      'graph-ml',
      'cs.LG',
      'How Powerful are Graph Neural Networks?',
      'GNNs follow a neighborhood aggregation scheme, or message passing.',
    ],
    [
      'quantum-computing',
      'quant-ph',
      'Suppressing quantum errors by scaling a surface code logical qubit',
      'Practical quantum computing will require error rates below what physical qubits offer.',
    ],
    [
      'exoplanets',
      'astro-ph.EP',
      'A temperate super-Earth transiting a nearby M dwarf',
      'We report the discovery of a transiting planet found with TESS and confirmed with radial velocities.',
    ],
    [
      'gw',
      'gr-qc',
      'Observation of Gravitational Waves from a Binary Black Hole Merger',
      'On September 14, 2015 the two detectors of LIGO observed a transient gravitational-wave signal.',
    ],
    [
      'topology',
      'math.GT',
      'Surgery exact triangles in involutive Heegaard Floer homology',
      'We prove a surgery exact triangle.',
    ],
    ['topology', 'math.AT', 'The stable homotopy groups of spheres', 'We compute the stable stems through a range.'],
    [
      'robotics',
      'cs.RO',
      'Diffusion Policy: Visuomotor Policy Learning via Action Diffusion',
      'We introduce Diffusion Policy for robot manipulation tasks.',
    ],
    [
      'interpretability',
      'cs.LG',
      'Towards Monosemanticity: Decomposing Language Models With Dictionary Learning',
      'We use a sparse autoencoder to extract interpretable features.',
    ],
    [
      'cond-mat-ml',
      'cond-mat.mtrl-sci',
      'A foundation model for atomistic materials chemistry',
      'Machine-learned interatomic potentials have transformed materials simulation.',
    ],
  ])('%s: %s', (slug, category, title, abstract) => {
    expect(matches(slug, paper('2301.01000', category, title, abstract))).toBe(true);
  });

  it.each([
    ['topology', 'math.DG', 'Ricci flow on warped products', 'We study curvature pinching under the flow.'],
    ['robotics', 'cs.RO', 'A survey of SLAM back-ends', 'We compare pose-graph optimisers on standard benchmarks.'],
    ['diffusion', 'physics.flu-dyn', 'Turbulent diffusion in stratified flows', 'Diffusion models of mixing.'],
    [
      'exoplanets',
      'astro-ph.EP',
      'Thermal inertia of near-Earth asteroids',
      'We fit thermophysical models to WISE data.',
    ],
  ])('%s leaves out: %s', (slug, category, title, abstract) => {
    expect(matches(slug, paper('2301.02000', category, title, abstract))).toBe(false);
  });
});

/**
 * Seeded generator of realistic arXiv papers, for archives of 10k–200k papers.
 *
 * The shapes follow real arXiv data: titles of ~10 words, abstracts of ~181 words at the median with a wide
 * spread, 5 authors at the median with a long tail up to collaborations of a thousand and more, a Zipf-like
 * vocabulary (a few very common words, a middle of field words, a long tail of rare ones), multi-word terms
 * that phrase searches can find, 1–4 real category ids with the usual primary-category skew, comments with
 * page counts, venues and code links, announcement dates over several years, versions, cross-lists,
 * replacements and the odd withdrawal. Same (count, seed) → same papers, on every machine.
 */
import { extractCodeUrl } from '../../src/papers/code.js';
import { absUrl, pdfUrl } from '../../src/papers/ids.js';
import type { AnnounceType, Paper, PaperRecord } from '../../src/papers/paper.js';
import { extractVenue } from '../../src/papers/venue.js';
import { isWithdrawn } from '../../src/papers/withdrawn.js';
import type { SearchFilters } from '../../src/store/types.js';
import { seededRandom } from '../helpers/random.js';

type Rnd = () => number;

const words = (text: string): string[] => text.trim().split(/\s+/);

/** Function words, most frequent first (their order sets their Zipf rank). */
const FUNCTION_WORDS = words(`
  the of and a in to we is for that on with this by as are an be from our which can these it at their
  show using based both more than such also two not into its has over have between while each when
  under this all via only however first new results well then other one most where without through
  across several any thus here there may further three within those many even much often about
`);

/** General academic vocabulary shared by every field. */
const ACADEMIC_WORDS = words(`
  method approach results performance model framework analysis data problem paper propose study present
  demonstrate provide obtain achieve improve existing previous recent novel efficient effective simple general
  robust accurate significant large small high low different various multiple specific standard state
  experiments experimental numerical theoretical empirical evaluation benchmark benchmarks comparison baseline
  baselines outperforms consistent structure structures properties property behavior dynamics system systems
  process processes function functions parameters parameter estimate estimation error errors bound bounds
  condition conditions case cases class classes set sets order scale scales regime limit limits range
  distribution distributions effect effects evidence observations observed measurements measure signal
  features feature information energy space time rate rates number strong weak local global finite
  infinite linear nonlinear stable stability optimal solution solutions algorithm algorithms technique
  techniques tool tools application applications design implementation computational cost complexity
  accuracy quality efficiency scalability generalization understanding insight insights mechanism mechanisms
  role impact key important crucial challenging challenge challenges limitations limited
  derive derived prove proven establish establishes characterize characterization investigate investigated
  explore explores address addresses introduce introduces develop developed enable enables allows reveal
  reveals suggest suggests indicate indicates consider considered apply applied extend extends generalize
  leverage leverages combine combines reduce reduces increase increases capture captures identify identifies
  framework-agnostic state-of-the-art real-world large-scale long-range fine-grained high-dimensional
  low-dimensional data-driven end-to-end open-source two-dimensional three-dimensional non-trivial
`);

/** A field's own words and multi-word terms. Terms keep their spaces: they are placed as one unit. */
interface Field {
  words: string[];
  terms: string[];
}

const FIELDS: Record<string, Field> = {
  ml: {
    words: words(`
      learning neural network networks training deep representation representations transformer transformers
      attention embedding embeddings gradient gradients optimization loss supervised unsupervised
      self-supervised semi-supervised contrastive generative diffusion adversarial classifier classification
      regression clustering retrieval segmentation detection tracking reinforcement policy reward agent agents
      pretraining fine-tuning finetuning prompt prompting tokens token decoder encoder autoencoder latent
      variational bayesian stochastic kernel sparse convolutional recurrent graph graphs node nodes
      multimodal vision language speech audio video image images text corpus dataset datasets annotation
      labels label augmentation distillation pruning quantization inference sampling scaling alignment
      hallucination reasoning instruction instructions benchmarked zero-shot few-shot in-context
      out-of-distribution overfitting regularization dropout normalization batch layers layer heads
      parameters-efficient adapter adapters LoRA mixture-of-experts federated privacy fairness robustness
      interpretability explainability uncertainty calibration causal counterfactual
      α-divergence β-VAE ε-greedy λ-return
    `),
    terms: [
      'contrastive learning',
      'self-supervised learning',
      'semi-supervised learning',
      'large language models',
      'neural networks',
      'reinforcement learning',
      'diffusion models',
      'graph neural networks',
      'representation learning',
      'vision transformers',
      'knowledge distillation',
      'federated learning',
      'domain adaptation',
      'transfer learning',
      'object detection',
      'semantic segmentation',
      'stochastic gradient descent',
      'in-context learning',
      'chain of thought',
      'retrieval augmented generation',
      'generative adversarial networks',
      'variational autoencoder',
      'active learning',
      'meta-learning',
    ],
  },
  hep: {
    words: words(`
      quark quarks gluon gluons lepton leptons hadron hadrons boson bosons fermion fermions neutrino neutrinos
      collider luminosity cross-section decay decays coupling couplings gauge symmetry supersymmetry
      supersymmetric renormalization perturbative nonperturbative lattice QCD electroweak Higgs scattering
      amplitude amplitudes loop loops string strings brane branes holographic holography conformal duality
      anomaly anomalies vacuum inflation inflaton axion axions dark matter sector resonance jets jet
      calorimeter trigger detector events proton protons heavy-ion TeV GeV pp collisions
      Λ-baryon Σ-hyperon
    `),
    terms: [
      'standard model',
      'dark matter',
      'large hadron collider',
      'black hole',
      'black holes',
      'gauge theory',
      'string theory',
      'effective field theory',
      'quantum chromodynamics',
      'conformal field theory',
      'gravitational waves',
      'cosmological constant',
      'new physics',
    ],
  },
  astro: {
    words: words(`
      galaxy galaxies star stars stellar planet planets exoplanet exoplanets cosmology cosmological redshift
      halo halos cluster clusters supernova supernovae quasar quasars accretion disk disks spectroscopy
      photometry telescope survey surveys emission absorption luminosity magnitude magnetic plasma solar
      interstellar circumstellar nebula pulsar pulsars magnetar binaries binary merger mergers lensing
      CMB baryonic radio infrared X-ray ultraviolet optical spectra spectrum metallicity
    `),
    terms: [
      'dark energy',
      'dark matter',
      'star formation',
      'black hole',
      'gravitational waves',
      'cosmic microwave background',
      'active galactic nuclei',
      'weak lensing',
      'main sequence',
      'neutron star',
      'neutron stars',
      'hubble constant',
    ],
  },
  cond: {
    words: words(`
      lattice spin spins electron electrons phonon phonons magnon magnons superconducting superconductor
      superconductivity topological insulator insulators semimetal graphene moiré twisted bilayer
      monolayer heterostructure heterostructures ferromagnetic antiferromagnetic magnetization
      quasiparticle quasiparticles Hubbard Kondo Fermi Bose condensate entanglement disorder localization
      transport conductivity Hall thermal phonon-mediated excitations ordering crystal crystalline
      amorphous glass glassy polymer polymers colloidal active matter soft
    `),
    terms: [
      'phase transition',
      'phase transitions',
      'quantum Hall effect',
      'topological insulators',
      'spin liquid',
      'Bose-Einstein condensate',
      'density functional theory',
      'many-body localization',
      'critical point',
      'ground state',
    ],
  },
  quant: {
    words: words(`
      quantum qubit qubits entanglement entangled coherence decoherence superposition measurement
      circuit circuits gate gates error-correction fault-tolerant photonic photon photons cavity
      Hamiltonian Hamiltonians unitary channel channels fidelity tomography teleportation
      cryptography key distribution annealing variational eigensolver simulation simulator
      Rydberg trapped ions superconducting transmon noise noisy NISQ
    `),
    terms: [
      'quantum computing',
      'quantum computer',
      'quantum error correction',
      'quantum key distribution',
      'quantum circuits',
      'quantum advantage',
      'open quantum systems',
      'ground state',
    ],
  },
  math: {
    words: words(`
      theorem theorems lemma proof proofs conjecture manifold manifolds algebra algebras group groups
      ring rings module modules category categories functor homology cohomology topology topological
      graph graphs polynomial polynomials operator operators spectral eigenvalue eigenvalues Hilbert
      Banach Sobolev elliptic parabolic hyperbolic equation equations PDE PDEs boundary existence
      uniqueness regularity asymptotic asymptotics inequality inequalities combinatorial random
      probability martingale Brownian stochastic Markov ergodic measure measures convex convexity
      Riemannian Kähler symplectic Lie Galois modular prime primes integer integers
    `),
    terms: [
      'Navier-Stokes equations',
      'random matrices',
      'Lie algebras',
      'moduli space',
      'Brownian motion',
      'Markov chains',
      'partial differential equations',
      'convex optimization',
      'upper bound',
      'lower bound',
    ],
  },
  bio: {
    words: words(`
      protein proteins gene genes genome genomic cell cells cellular neuron neurons neural cortex cortical
      brain synaptic plasticity population populations evolutionary evolution fitness mutation mutations
      species ecological epidemic epidemics infection transmission sequencing expression regulatory
      molecular binding enzyme metabolic tissue clinical patients disease diagnosis imaging MRI EEG
    `),
    terms: [
      'gene expression',
      'single-cell RNA sequencing',
      'protein structure',
      'neural activity',
      'epidemic model',
      'deep learning',
      'functional connectivity',
    ],
  },
  eess: {
    words: words(`
      signal signals channel channels wireless antenna antennas MIMO beamforming receiver transmitter
      modulation spectrum power control controller controllers feedback estimation filter filtering
      Kalman radar sensing sensor sensors localization communication communications network latency
      grid energy battery robot robots robotic manipulation navigation planning trajectory autonomous
      vehicle vehicles drone UAV
    `),
    terms: [
      'model predictive control',
      'reconfigurable intelligent surfaces',
      'power systems',
      'motion planning',
      'autonomous driving',
      'signal processing',
      'integrated sensing and communication',
    ],
  },
};

/** Real arXiv categories: primary weight (share of primaries), the field whose words they use, usual cross-lists. */
const CATEGORIES: ReadonlyArray<{ id: string; weight: number; field: keyof typeof FIELDS; cross: string[] }> = [
  { id: 'cs.LG', weight: 14, field: 'ml', cross: ['stat.ML', 'cs.AI', 'cs.CV', 'cs.CL', 'math.OC'] },
  { id: 'cs.CV', weight: 12, field: 'ml', cross: ['cs.LG', 'cs.AI', 'eess.IV', 'cs.MM'] },
  { id: 'cs.CL', weight: 8, field: 'ml', cross: ['cs.AI', 'cs.LG', 'cs.IR'] },
  { id: 'cs.AI', weight: 5, field: 'ml', cross: ['cs.LG', 'cs.CL', 'cs.MA'] },
  { id: 'stat.ML', weight: 2, field: 'ml', cross: ['cs.LG', 'stat.ME', 'math.ST'] },
  { id: 'cs.RO', weight: 3, field: 'eess', cross: ['cs.AI', 'cs.CV', 'cs.LG', 'eess.SY'] },
  { id: 'cs.CR', weight: 2, field: 'ml', cross: ['cs.LG', 'cs.AI'] },
  { id: 'cs.IR', weight: 1, field: 'ml', cross: ['cs.CL', 'cs.LG'] },
  { id: 'cs.DS', weight: 1, field: 'math', cross: ['cs.CC', 'math.CO'] },
  { id: 'eess.SP', weight: 2, field: 'eess', cross: ['cs.IT', 'math.IT', 'eess.SY'] },
  { id: 'eess.SY', weight: 2, field: 'eess', cross: ['cs.SY', 'math.OC'] },
  { id: 'eess.IV', weight: 1, field: 'ml', cross: ['cs.CV', 'physics.med-ph'] },
  { id: 'hep-th', weight: 4, field: 'hep', cross: ['gr-qc', 'hep-ph', 'math-ph'] },
  { id: 'hep-ph', weight: 4, field: 'hep', cross: ['hep-ex', 'hep-lat', 'astro-ph.CO', 'nucl-th'] },
  { id: 'hep-ex', weight: 1, field: 'hep', cross: ['hep-ph', 'physics.ins-det'] },
  { id: 'hep-lat', weight: 0.5, field: 'hep', cross: ['hep-ph', 'nucl-th'] },
  { id: 'gr-qc', weight: 2, field: 'hep', cross: ['astro-ph.HE', 'hep-th', 'astro-ph.CO'] },
  { id: 'astro-ph.GA', weight: 2, field: 'astro', cross: ['astro-ph.CO', 'astro-ph.SR'] },
  { id: 'astro-ph.CO', weight: 2, field: 'astro', cross: ['gr-qc', 'hep-ph', 'astro-ph.GA'] },
  { id: 'astro-ph.HE', weight: 1.5, field: 'astro', cross: ['gr-qc', 'hep-ph'] },
  { id: 'astro-ph.SR', weight: 1.5, field: 'astro', cross: ['astro-ph.EP', 'astro-ph.GA'] },
  { id: 'astro-ph.EP', weight: 1, field: 'astro', cross: ['astro-ph.SR'] },
  { id: 'cond-mat.mes-hall', weight: 2, field: 'cond', cross: ['cond-mat.mtrl-sci', 'quant-ph'] },
  { id: 'cond-mat.str-el', weight: 2, field: 'cond', cross: ['cond-mat.supr-con', 'cond-mat.mes-hall'] },
  { id: 'cond-mat.mtrl-sci', weight: 2.5, field: 'cond', cross: ['cond-mat.mes-hall', 'physics.comp-ph'] },
  { id: 'cond-mat.stat-mech', weight: 1.5, field: 'cond', cross: ['cond-mat.dis-nn', 'math-ph'] },
  { id: 'cond-mat.soft', weight: 1, field: 'cond', cross: ['physics.bio-ph', 'cond-mat.stat-mech'] },
  { id: 'quant-ph', weight: 5, field: 'quant', cross: ['cond-mat.str-el', 'cs.ET', 'physics.optics', 'math-ph'] },
  { id: 'physics.optics', weight: 1.5, field: 'quant', cross: ['quant-ph', 'physics.app-ph'] },
  { id: 'math.AP', weight: 2, field: 'math', cross: ['math.DS', 'math-ph', 'math.FA'] },
  { id: 'math.CO', weight: 2, field: 'math', cross: ['cs.DM', 'math.PR'] },
  { id: 'math.PR', weight: 1.5, field: 'math', cross: ['math.ST', 'math-ph'] },
  { id: 'math.OC', weight: 1.5, field: 'math', cross: ['cs.LG', 'eess.SY', 'math.NA'] },
  { id: 'math.AG', weight: 1, field: 'math', cross: ['math.NT', 'math.RT'] },
  { id: 'math.NA', weight: 1.5, field: 'math', cross: ['cs.NA', 'math.AP'] },
  { id: 'math.DG', weight: 1, field: 'math', cross: ['math.AP', 'math.GT'] },
  { id: 'q-bio.NC', weight: 1, field: 'bio', cross: ['cs.NE', 'q-bio.QM'] },
  { id: 'q-bio.PE', weight: 0.5, field: 'bio', cross: ['physics.soc-ph'] },
  { id: 'physics.bio-ph', weight: 0.5, field: 'bio', cross: ['q-bio.BM', 'cond-mat.soft'] },
  { id: 'econ.EM', weight: 0.5, field: 'math', cross: ['stat.ME', 'econ.TH'] },
  { id: 'stat.ME', weight: 1.5, field: 'math', cross: ['stat.AP', 'stat.ML'] },
];

const FIRST_NAMES = words(`
  Wei Jing Li Yang Hao Xin Yu Chen Lei Jun Min Hui Tao Yan Ying Zhi Ming Feng Jian Ling
  Anna Maria John David Michael James Robert Daniel Thomas Sarah Laura Emma Julia Peter Paul Mark Andrew
  Alexander Sergey Dmitry Ivan Olga Elena Natalia Mikhail Andrei Pavel
  Hiroshi Takashi Yuki Kenji Satoshi Akira Naoki Haruka
  Ji-hoon Min-jun Seo-yeon Hyun Jae-won Soo-jin
  Rahul Priya Amit Anil Sanjay Deepak Ananya Arjun Vikram Neha
  José María Luis Carlos Ana Pablo Javier Lucía Andrés Sofía
  François Jérôme Hélène Chloé Léa Étienne Zoë Björn Søren Jürgen Günter Ömer Łukasz Mónica
  Giovanni Marco Luca Francesca Giulia Matteo Mohammed Ahmed Fatima Omar Yusuf Ali Leila
  Kwame Amara Chinedu Ngozi Tendai Oluwaseun
`);

const LAST_NAMES = words(`
  Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo
  Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson
  Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson
  Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schrödinger Köhler
  Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Petrov
  Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Sato Kato
  Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim
  Sharma Gupta Singh Kumar Patel Reddy Iyer Nair Das Mukherjee
  García Rodríguez Martínez López González Hernández Pérez Sánchez Ramírez Núñez
  Dubois Lefèvre Moreau Laurent Girard Rossi Russo Ferrari Esposito Bianchi Romano Colombo
  Nielsen Jensen Hansen Andersson Johansson Karlsson Nowak Kowalski Wiśniewski Novák Dvořák Horváth
  Okafor Mensah Adeyemi Mwangi Haddad Khalil Hassan Yilmaz Kaya Demir
  Cohen Levi Friedman Silva Santos Oliveira Costa Pereira Ferreira Almeida
`);

const COLLABORATIONS = [
  'ATLAS Collaboration',
  'CMS Collaboration',
  'LHCb Collaboration',
  'ALICE Collaboration',
  'IceCube Collaboration',
  'LIGO Scientific Collaboration',
  'Belle II Collaboration',
  'DESI Collaboration',
  'Fermi-LAT Collaboration',
  'KM3NeT Collaboration',
];

const VENUES_ML = [
  'NeurIPS',
  'ICML',
  'ICLR',
  'CVPR',
  'ICCV',
  'ECCV',
  'ACL',
  'EMNLP',
  'NAACL',
  'AAAI',
  'IJCAI',
  'KDD',
  'WWW',
  'SIGIR',
  'AISTATS',
  'UAI',
  'COLT',
  'CoRL',
  'ICRA',
  'IROS',
  'WACV',
  'BMVC',
  'MICCAI',
  'COLING',
];
const ACCEPT_PHRASES = [
  'Accepted at',
  'Accepted to',
  'To appear in',
  'Accepted by',
  'Published at',
  'Camera-ready version for',
];
const JOURNALS_PHYS: ReadonlyArray<readonly [string, string]> = [
  ['Phys. Rev. D', 'Phys. Rev. D'],
  ['Phys. Rev. B', 'Phys. Rev. B'],
  ['Phys. Rev. Lett.', 'Phys. Rev. Lett.'],
  ['JHEP', 'JHEP'],
  ['Astrophys. J.', 'Astrophys. J.'],
  ['Mon. Not. R. Astron. Soc.', 'MNRAS'],
  ['Nucl. Phys. B', 'Nucl. Phys. B'],
  ['Eur. Phys. J. C', 'Eur. Phys. J. C'],
  ['Quantum', 'Quantum'],
];
const GITHUB_OWNERS = words(`
  facebookresearch google-research microsoft openai deepmind nvlabs huggingface allenai
  tsinghua-ml pku-lab mit-han-lab stanford-crfm berkeley-ai cmu-ml ethz-asl epfl-ml
  lab-anon ml-group vision-lab nlp-group robot-lab qiskit-community astro-tools hep-software
`);

/** Zipf-like sampler over `items` (rank r has weight 1 / (r + offset)^s), O(log n) per draw. */
function zipf<T>(items: readonly T[], s = 1.05, offset = 2.7): (rnd: Rnd) => T {
  const cumulative = new Float64Array(items.length);
  let sum = 0;
  for (let r = 0; r < items.length; r++) {
    sum += 1 / Math.pow(r + offset, s);
    cumulative[r] = sum;
  }
  return (rnd) => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  };
}

function weighted<T>(items: readonly T[], weightOf: (item: T) => number): (rnd: Rnd) => T {
  return zipfLike(items.map(weightOf), items);
}

function zipfLike<T>(weights: readonly number[], items: readonly T[]): (rnd: Rnd) => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return (rnd) => {
    const x = rnd() * sum;
    const i = cumulative.findIndex((c) => c > x);
    return items[i === -1 ? items.length - 1 : i] as T;
  };
}

const pick = <T>(items: readonly T[], rnd: Rnd): T => items[Math.floor(rnd() * items.length)] as T;

/** Standard normal (Box–Muller). */
function normal(rnd: Rnd): number {
  const u = 1 - rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** Log-normal integer with the given median, clamped. */
function logNormal(rnd: Rnd, med: number, sigma: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(med * Math.exp(sigma * normal(rnd)))));
}

const SYLLABLES = words(
  'ka lo mi tre sen pho qua dri vel nor ast gen tic ber mon zu fal ex ion ter pra cul dis ven ro mat syn',
);

/** Rare words: made up but pronounceable, fixed for every seed (so a query from one seed has a meaning). */
const RARE_WORDS: string[] = (() => {
  const rnd = seededRandom(0x5eed);
  const out = new Set<string>();
  while (out.size < 24_000) {
    const n = 2 + Math.floor(rnd() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += pick(SYLLABLES, rnd);
    out.add(w);
  }
  return [...out];
})();

/** The word lists, as query generators and tests use them. */
export const vocabulary = {
  functionWords: FUNCTION_WORDS,
  academicWords: ACADEMIC_WORDS,
  fieldWords: Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, f.words])) as Record<string, string[]>,
  fieldTerms: Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, f.terms])) as Record<string, string[]>,
  rareWords: RARE_WORDS,
  firstNames: FIRST_NAMES,
  lastNames: LAST_NAMES,
  categories: CATEGORIES.map((c) => c.id),
};

const drawFunction = zipf(FUNCTION_WORDS, 1.0, 1.5);
const drawAcademic = zipf(ACADEMIC_WORDS, 1.0, 3);
const drawRare = zipf(RARE_WORDS, 1.1, 10);
const drawField = Object.fromEntries(
  Object.entries(FIELDS).map(([k, f]) => [k, { word: zipf(f.words, 0.9, 3), term: zipf(f.terms, 0.8, 2) }]),
) as Record<string, { word: (rnd: Rnd) => string; term: (rnd: Rnd) => string }>;
const drawPrimary = weighted(CATEGORIES, (c) => c.weight);
const drawFirst = zipf(FIRST_NAMES, 0.6, 5);
const drawLast = zipf(LAST_NAMES, 0.7, 5);

/** One word of running text: function words, academic words, field words and terms, the rare tail. */
function textWord(rnd: Rnd, field: string): string {
  const x = rnd();
  const f = drawField[field] ?? drawField.ml!;
  if (x < 0.42) return drawFunction(rnd);
  if (x < 0.68) return drawAcademic(rnd);
  if (x < 0.9) return f.word(rnd);
  if (x < 0.95) return f.term(rnd);
  return drawRare(rnd);
}

/** Words in a word or multi-word term. */
function wordCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) n++;
  return n;
}

function sentences(rnd: Rnd, field: string, count: number): string {
  const out: string[] = [];
  let sentence: string[] = [];
  let length = 0;
  let target = logNormal(rnd, 22, 0.4, 6, 60);
  while (length < count) {
    const word = textWord(rnd, field);
    sentence.push(word);
    length += wordCount(word);
    if (sentence.length >= target || length >= count) {
      const text = sentence.join(' ');
      out.push(text.charAt(0).toUpperCase() + text.slice(1) + '.');
      sentence = [];
      target = logNormal(rnd, 22, 0.4, 6, 60);
    }
  }
  return out.join(' ');
}

function title(rnd: Rnd, field: string): string {
  const n = logNormal(rnd, 10, 0.3, 3, 28);
  const f = drawField[field] ?? drawField.ml!;
  const parts: string[] = [];
  let length = 0;
  while (length < n) {
    const x = rnd();
    const word =
      x < 0.25
        ? drawFunction(rnd)
        : x < 0.45
          ? drawAcademic(rnd)
          : x < 0.75
            ? f.word(rnd)
            : x < 0.93
              ? f.term(rnd)
              : drawRare(rnd);
    parts.push(word);
    length += wordCount(word);
  }
  const text = parts.join(' ');
  // Some titles have the "Name: what it does" shape.
  if (rnd() < 0.15) return `${pick(RARE_WORDS, rnd).toUpperCase().slice(0, 6)}: ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function authorName(rnd: Rnd): string {
  const first = drawFirst(rnd);
  const x = rnd();
  if (x < 0.12) return `${first.charAt(0)}. ${drawLast(rnd)}`;
  if (x < 0.2) return `${first} ${String.fromCharCode(65 + Math.floor(rnd() * 26))}. ${drawLast(rnd)}`;
  return `${first} ${drawLast(rnd)}`;
}

/** Author count: 5 at the median, a tail of big teams, and the odd collaboration of a thousand and more. */
function authorCount(rnd: Rnd, primary: string): number {
  const x = rnd();
  const collaborationShare =
    primary === 'hep-ex' ? 0.35 : primary.startsWith('astro-ph') || primary === 'gr-qc' ? 0.02 : 0.001;
  if (x < collaborationShare) return logNormal(rnd, 700, 0.6, 150, 3000);
  if (x < collaborationShare + 0.03) return logNormal(rnd, 35, 0.5, 15, 150);
  return logNormal(rnd, 4.6, 0.55, 1, 40);
}

function authors(rnd: Rnd, primary: string): string[] {
  const n = authorCount(rnd, primary);
  const out: string[] = [];
  if (n >= 150 && rnd() < 0.5) out.push(pick(COLLABORATIONS, rnd));
  while (out.length < n) out.push(authorName(rnd));
  return out;
}

function categories(rnd: Rnd): { primary: string; field: string; all: string[] } {
  const primary = drawPrimary(rnd);
  const x = rnd();
  const extra = x < 0.45 ? 0 : x < 0.8 ? 1 : x < 0.95 ? 2 : 3;
  const all = [primary.id];
  for (let i = 0; i < extra; i++) {
    const c = pick(primary.cross, rnd);
    if (!all.includes(c)) all.push(c);
  }
  return { primary: primary.id, field: primary.field, all };
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2019, 0, 1);
const LAST_DAY = Date.UTC(2026, 10, 27);

/** arXiv's announcement days (Monday–Friday) between the first and last day. */
const ANNOUNCE_DAYS: number[] = (() => {
  const days: number[] = [];
  for (let t = FIRST_DAY; t <= LAST_DAY; t += DAY_MS) {
    const weekday = new Date(t).getUTCDay();
    if (weekday >= 1 && weekday <= 5) days.push(t);
  }
  return days;
})();

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

interface CommentParts {
  comment: string | null;
  journalRef: string | null;
  /** The parts that decide the venue, without the numbers that vary from paper to paper. */
  venueKey: { sentence: string | null; journalRef: string | null };
  doi: string | null;
  codeInAbstract: string | null;
}

function githubUrl(rnd: Rnd): string {
  const repo = `${pick(RARE_WORDS, rnd)}${rnd() < 0.3 ? `-${pick(SYLLABLES, rnd)}` : ''}`;
  return `https://github.com/${pick(GITHUB_OWNERS, rnd)}/${repo}`;
}

function commentParts(rnd: Rnd, field: string, year: number): CommentParts {
  const parts: string[] = [];
  let venueSentence: string | null = null;
  let venueJournal: string | null = null;
  let journalRef: string | null = null;
  let doi: string | null = null;
  let codeInAbstract: string | null = null;
  if (rnd() < 0.45) parts.push(`${logNormal(rnd, 14, 0.5, 2, 120)} pages, ${logNormal(rnd, 6, 0.6, 1, 40)} figures`);
  const venueYear = year + (rnd() < 0.6 ? 0 : 1);
  if (field === 'ml' || field === 'eess') {
    const v = rnd();
    if (v < 0.13) venueSentence = `${pick(ACCEPT_PHRASES, rnd)} ${pick(VENUES_ML, rnd)} ${venueYear}`;
    else if (v < 0.16) venueSentence = `${pick(VENUES_ML, rnd)} ${venueYear}${rnd() < 0.5 ? ' (Oral)' : ' Spotlight'}`;
    else if (v < 0.2) venueSentence = `Under review at ${pick(VENUES_ML, rnd)} ${venueYear}`;
    if (venueSentence !== null) parts.push(venueSentence);
    const c = rnd();
    if (c < 0.07) parts.push(`Code: ${githubUrl(rnd)}`);
    else if (c < 0.1) parts.push(`Code is available at ${githubUrl(rnd)}`);
    else if (c < 0.16) codeInAbstract = githubUrl(rnd);
    else if (c < 0.17) parts.push(`Project page: https://${pick(RARE_WORDS, rnd)}.github.io`);
  } else if (field === 'hep' || field === 'astro' || field === 'cond' || field === 'quant') {
    if (rnd() < 0.14) {
      const [journal] = pick(JOURNALS_PHYS, rnd);
      journalRef = `${journal} ${logNormal(rnd, 100, 0.5, 1, 999)}, ${String(Math.floor(rnd() * 99_999)).padStart(5, '0')} (${venueYear})`;
      venueJournal = `${journal} 1, 00001 (${venueYear})`;
      doi = `10.1103/PhysRev.${Math.floor(rnd() * 1e6)}`;
    }
    if (rnd() < 0.04) {
      venueSentence = `Accepted for publication in ${pick(JOURNALS_PHYS, rnd)[1]}`;
      parts.push(venueSentence);
    }
    if (rnd() < 0.03) parts.push(`Code: ${githubUrl(rnd)}`);
  } else if (rnd() < 0.04) {
    parts.push(`Comments welcome`);
  }
  return {
    comment: parts.length > 0 ? parts.join('. ') : null,
    journalRef,
    venueKey: { sentence: venueSentence, journalRef: venueJournal },
    doi,
    codeInAbstract,
  };
}

const venueCache = new Map<string, string | null>();

/**
 * The venue the project's own extractor reads from the deciding parts of the comment and journal reference
 * (page counts and code links around them do not change it), computed once per distinct key.
 */
function venueOf(key: CommentParts['venueKey']): string | null {
  if (key.sentence === null && key.journalRef === null) return null;
  const cacheKey = `${key.sentence ?? ''}|${key.journalRef ?? ''}`;
  let venue = venueCache.get(cacheKey);
  if (venue === undefined) {
    venue = extractVenue(key.sentence, key.journalRef);
    venueCache.set(cacheKey, venue);
  }
  return venue;
}

const ANNOUNCE_TYPES: ReadonlyArray<AnnounceType> = ['new', 'cross', 'replace', 'replace-cross'];
const drawAnnounceType = zipfLike([70, 18, 10, 2], ANNOUNCE_TYPES);
const drawVersion = zipfLike([64, 23, 8, 3, 1.2, 0.5, 0.3], [1, 2, 3, 4, 5, 6, 7]);

/** A paper stream: paper i of `count` gets the i-th share of the announcement days, so ids and dates ascend. */
function* papers(count: number, seed: number): Generator<Paper> {
  const rnd = seededRandom(seed);
  const perMonth = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const day = ANNOUNCE_DAYS[Math.floor((i * ANNOUNCE_DAYS.length) / Math.max(1, count))] ?? FIRST_DAY;
    const cats = categories(rnd);
    // Submitted the working day(s) before the announcement.
    const submitted = day - DAY_MS * (1 + Math.floor(rnd() * 2)) + Math.floor(rnd() * DAY_MS * 0.8);
    const date = new Date(submitted);
    const yymm = `${String(date.getUTCFullYear() % 100).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
    const n = (perMonth.get(yymm) ?? 0) + 1;
    perMonth.set(yymm, n);
    const id = `${yymm}.${String(n).padStart(5, '0')}`;
    const version = drawVersion(rnd);
    const announceType =
      version > 1 ? (cats.all.length > 1 && rnd() < 0.2 ? 'replace-cross' : 'replace') : drawAnnounceType(rnd);
    const parts = commentParts(rnd, cats.field, date.getUTCFullYear());
    let abstract = sentences(rnd, cats.field, logNormal(rnd, 181, 0.38, 25, 330));
    if (parts.codeInAbstract) abstract += ` Our code is available at ${parts.codeInAbstract}.`;
    let comment = parts.comment;
    const withdrawnNow = rnd() < 0.003;
    if (withdrawnNow) {
      comment = 'This paper has been withdrawn by the authors due to an error in the main proof';
      abstract = 'This paper has been withdrawn by the authors.';
    }
    const published = new Date(Math.floor(submitted / 1000) * 1000).toISOString();
    const updated =
      version === 1 ? published : new Date(submitted + DAY_MS * logNormal(rnd, 40, 1, 1, 900)).toISOString();
    yield {
      id,
      version,
      title: title(rnd, cats.field),
      authors: authors(rnd, cats.primary),
      abstract,
      categories: cats.all,
      primaryCategory: cats.primary,
      comment,
      journalRef: parts.journalRef,
      doi: parts.doi,
      venue: withdrawnNow ? extractVenue(comment, parts.journalRef) : venueOf(parts.venueKey),
      codeUrl:
        (comment !== null && comment.includes('://')) || parts.codeInAbstract !== null
          ? extractCodeUrl(abstract, comment)
          : null,
      published,
      updated,
      announced: isoDay(day),
      announceType,
      withdrawn: withdrawnNow && isWithdrawn(comment, abstract),
      absUrl: absUrl(id),
      pdfUrl: pdfUrl(id, version),
    };
  }
}

/** `count` papers for `seed`; identical on every call. */
export function generatePapers(count: number, seed: number): Paper[] {
  return [...papers(count, seed)];
}

/** The same papers as {@link generatePapers}, in batches, so 200k papers never sit in memory at once. */
export function* paperBatches(count: number, seed: number, batchSize: number): Generator<Paper[]> {
  let batch: Paper[] = [];
  for (const paper of papers(count, seed)) {
    batch.push(paper);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const GREEK_TO_LATEX: Record<string, string> = {
  α: '\\alpha',
  β: '\\beta',
  ε: '\\epsilon',
  λ: '\\lambda',
  Λ: '\\Lambda',
  Σ: '\\Sigma',
};
const GREEK_RE = /[αβελΛΣ]/g;

/** A paper as a parser hands it to the archive: the raw text has LaTeX where the display text has Unicode. */
export function toRecord(paper: Paper): PaperRecord {
  const raw = (text: string) => text.replace(GREEK_RE, (g) => `$${GREEK_TO_LATEX[g] ?? g}$`);
  return { paper, raw: { title: raw(paper.title), abstract: raw(paper.abstract) } };
}

export type QueryKind = 'one word' | '2–3 words' | 'phrase' | 'prefix' | 'words + author';
export const QUERY_KINDS: readonly QueryKind[] = ['one word', '2–3 words', 'phrase', 'prefix', 'words + author'];

export interface SampleQuery {
  kind: QueryKind;
  query: string;
  filters: SearchFilters;
}

/** A word a user would search for: a field or academic word, sometimes a rarer one. */
function searchWord(rnd: Rnd, field: string): string {
  const f = drawField[field] ?? drawField.ml!;
  const x = rnd();
  const word = x < 0.6 ? f.word(rnd) : x < 0.9 ? drawAcademic(rnd) : drawRare(rnd);
  // Greek-prefixed words are searched by their ASCII part.
  return word.replace(/^[^\p{L}]*[αβελΛΣ]-/u, '');
}

/**
 * `count` search strings of the five kinds, round-robin, as users type them: one word, 2–3 words, a quoted
 * phrase, a `stem*` prefix, and words with an author filter (a common surname).
 */
export function sampleQueries(seed: number, count: number): SampleQuery[] {
  const rnd = seededRandom(seed ^ 0x9e3779b9);
  const fields = Object.keys(FIELDS);
  const out: SampleQuery[] = [];
  for (let i = 0; i < count; i++) {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length] as QueryKind;
    const field = rnd() < 0.5 ? 'ml' : pick(fields, rnd);
    const f = drawField[field] ?? drawField.ml!;
    switch (kind) {
      case 'one word':
        out.push({ kind, query: searchWord(rnd, field), filters: {} });
        break;
      case '2–3 words': {
        const n = rnd() < 0.6 ? 2 : 3;
        const ws = Array.from({ length: n }, () => searchWord(rnd, field));
        out.push({ kind, query: ws.join(' '), filters: {} });
        break;
      }
      case 'phrase':
        out.push({ kind, query: `"${f.term(rnd)}"`, filters: {} });
        break;
      case 'prefix': {
        let word = f.word(rnd).replace(/[^\p{L}].*$/u, '');
        if (word.length < 5) word = f.word(rnd).replace(/[^\p{L}].*$/u, '');
        const stem = word.slice(0, Math.max(3, Math.min(word.length - 1, 4 + Math.floor(rnd() * 4))));
        out.push({ kind, query: `${stem.length >= 3 ? stem : 'learn'}*`, filters: {} });
        break;
      }
      case 'words + author':
        out.push({ kind, query: searchWord(rnd, field), filters: { author: drawLast(rnd) } });
        break;
    }
  }
  return out;
}

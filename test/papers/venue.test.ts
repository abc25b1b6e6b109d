import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VENUES } from '../../src/papers/venue-table.js';
import { latexToUnicode } from '../../src/papers/latex.js';
import { cleanText } from '../../src/papers/text.js';
import { extractVenue, extractVenueFromDisplay, presentationType } from '../../src/papers/venue.js';
import { propertyRuns } from '../helpers/property-runs.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// [comment, expected venue]; comments are modelled on real arXiv comments (abridged, reworded).
const fromComment: readonly (readonly [string, string | null])[] = [
  // plain conference + year, in every spelling authors use
  ['Accepted to CVPR 2025', 'CVPR 2025'],
  ['Accepted to CVPR2025', 'CVPR 2025'],
  ['CVPR25', 'CVPR 2025'],
  ["CVPR'25", 'CVPR 2025'],
  ['CVPR 2025', 'CVPR 2025'],
  ['NeurIPS (2025)', 'NeurIPS 2025'],
  ["NeurIPS'25 camera-ready", 'NeurIPS 2025'],
  ['Neurips 2025', 'NeurIPS 2025'],
  ['NIPS 2017', 'NeurIPS 2017'],
  ["Accepted by CIKM' 25", 'CIKM 2025'],
  ["Accepted by KDD'26", 'KDD 2026'],
  ['Accepted at ICC-2026, Montreal', 'ICC 2026'],
  ['Accepted by WACV2025', 'WACV 2025'],
  ['ICLR 2025', 'ICLR 2025'],
  ['AAAI 2025', 'AAAI 2025'],
  ['Accepted at ICDAR 2024', 'ICDAR 2024'],
  ['Accepted by 3DV 2025', '3DV 2025'],
  ['CVPR2025 accepted', 'CVPR 2025'],
  ['Published at ECML PKDD 2022', 'ECML PKDD 2022'],
  ['Accepted by ACM MM 2022. The code is available at https://github.com/a/b', 'ACM MM 2022'],
  ['ACM International Conference on Multimedia 2025', 'ACM MM 2025'],
  ['To appear in SIGGRAPH Asia 2025', 'SIGGRAPH Asia 2025'],
  ['3 pages, 4 figures. SIGGRAPH 2025 Poster', 'SIGGRAPH 2025'],
  ['Accepted for SEMEVAL 2026', 'SemEval 2026'],
  ['Accepted to CoNLL 2026', 'CoNLL 2026'],
  ['IEEE ICRA 2026', 'ICRA 2026'],
  ['In proceedings of IROS 2025', 'IROS 2025'],
  ['Early accept to MICCAI 2026, 13 pages', 'MICCAI 2026'],
  ['19 pages, 13 figures, KDD 2026', 'KDD 2026'],
  ['ECCV 2024', 'ECCV 2024'],
  ['EMBC 2025', 'EMBC 2025'],
  ['CVPR 2026 - Computer Vision and Pattern Recognition', 'CVPR 2026'],
  ['Accepted at the IEEE ITSC 2026', 'ITSC 2026'],
  ['Accepted at the XXIV Annual Conference on Sensors and Microsystems (AISEM) 2026', 'AISEM 2026'],

  // typos in the acceptance verb still count
  ['Acceptted by CVPR 2025', 'CVPR 2025'],
  ['Accpeted at NeurIPS (2025) Main Conference', 'NeurIPS 2025'],
  ['Acepted to ICML 2026', 'ICML 2026'],
  ['Accepected by CVPR 2026', 'CVPR 2026'],
  ['ACCEPTED for publication as a REGULAR paper in the IEEE Transactions on Image Processing (T-IP)', 'IEEE TIP'],

  // full names, with or without the acronym beside them
  ['Accepted by the IEEE/CVF Conference on Computer Vision and Pattern Recognition 2025 (CVPR 2025)', 'CVPR 2025'],
  ['This paper is accepted at the CVPR Conference on Computer Vision and Pattern Recognition 2025', 'CVPR 2025'],
  ['Accepted to the 35th International Joint Conference on Artificial Intelligence (IJCAI 2026)', 'IJCAI 2026'],
  [
    'This paper has been accepted by the Fourteenth International Conference on Learning Representations (ICLR 2026)',
    'ICLR 2026',
  ],
  ['To appear in the Proceedings of the 43rd International Conference on Machine Learning (ICML 2026)', 'ICML 2026'],
  [
    'Accepted to the IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS 2025). 8 pages, 7 figures',
    'IROS 2025',
  ],
  ['Accepted to IEEE 2025 Conference on Games', 'CoG 2025'],
  [
    'Accepted to the 64th Annual Meeting of the Association for Computational Linguistics (ACL 2026), Main Conference',
    'ACL 2026',
  ],
  [
    'Accepted to the Proceedings of the 64th Annual Meeting of the Association for Computational Linguistics (Long Paper)',
    'ACL',
  ],
  ['Chinese Conference on Pattern Recognition and Computer Vision (PRCV), Oral', 'PRCV'],
  ['Accepted at the Reinforcement Learning Conference (RLC) 2026. 40 pages, 5 figures', 'RLC 2026'],
  ['Published in Working Notes of the Conference and Labs of the Evaluation Forum (CLEF 2024)', 'CLEF 2024'],
  [
    'Accepted at the International Conference on Software Testing, Verification and Validation (ICST) 2025',
    'ICST 2025',
  ],
  ['Accepted at the 10th IEEE International Conference on Software Testing, Verification and Validation', 'ICST'],
  ['The 32nd International Computing and Combinatorics Conference', 'COCOON'],

  // venues the table does not know, recognised from context
  ['Accepted to AICCC 2025', 'AICCC 2025'],
  ['3 pages, 2 figures, accepted by MIND 2025', 'MIND 2025'],
  ['Accepted ICIR 2025, camera-ready version', 'ICIR 2025'],
  ['7 pages, 1 figure, FLTA 2025', 'FLTA 2025'],
  ['Agents4Science 2025 (Spotlight)', 'Agents4Science 2025'],
  ['Accepted In IEEE India Geoscience and Remote Sensing Symposium (InGARSS) 2024', 'InGARSS 2024'],
  [
    '2025 IEEE Conference on Computational Intelligence in Bioinformatics and Computational Biology (CIBCB)',
    'CIBCB 2025',
  ],
  [
    'Accepted to the 2nd International Conference on Federated Learning and Intelligent Computing Systems (FLICS2026)',
    'FLICS 2026',
  ],
  ['accepted to The 19th International Symposium on Combinatorial Search (SoCS2026)', 'SoCS 2026'],
  ['Accepted in Journal of Computational Vision and Imaging Systems (JCVIS)', 'JCVIS'],
  ['This paper has been accepted for publication in the proceedings of ASME IDETC-CIE 2026', 'IDETC-CIE 2026'],
  [
    'Accepted for the 21st International Symposium on Applied Reconfigurable Computing ARC 2025, Sevilla, Spain',
    'ARC 2025',
  ],
  [
    '20 pages. Accepted for publication in DBSec 2026. The final publication will be available at Springer',
    'DBSec 2026',
  ],
  [
    '9 pages, 4 figures.2026 International Conference on Big Data Applications in Education and Engineering (ICBDAEE 2026)',
    'ICBDAEE 2026',
  ],
  ['Accepted to CLPsych2026', 'CLPsych 2026'],
  ["MET'24: 9th ACM International Workshop on Metamorphic Testing", 'MET 2024'],

  // Findings
  ['Findings of EMNLP 2025, 5 pages', 'Findings of EMNLP 2025'],
  [
    'Accepted to EMNLP 2025 (Findings). This version fixes a typo in the camera-ready version',
    'Findings of EMNLP 2025',
  ],
  ['Accepted by Findings of ACL 2026', 'Findings of ACL 2026'],
  ['Accepted to Findings of the Association for Computational Linguistics: ACL 2026', 'Findings of ACL 2026'],
  ['Findings of the Association for Computational Linguistics: EMNLP 2025', 'Findings of EMNLP 2025'],
  [
    'Accepted by the 2025 Conference on Empirical Methods in Natural Language Processing (EMNLP 2025) as a findings long paper',
    'Findings of EMNLP 2025',
  ],
  ['NAACL 2025 Findings', 'Findings of NAACL 2025'],
  ['EMNLP 2025 Main', 'EMNLP 2025'],

  // workshops known only by their parent
  ['Accepted to ICCV 2025 Workshop', 'ICCV 2025 Workshop'],
  ['Accepted at ICCVW 2025', 'ICCV 2025 Workshop'],
  ['CVPRW 2024', 'CVPR 2024 Workshop'],
  ['Accepted at International Conference on Computer Vision (ICCV) 2025 Workshops', 'ICCV 2025 Workshop'],
  ['Accepted to ICLR 2025 Generative Models for Robot Learning Workshop', 'ICLR 2025 Workshop'],
  ['Reliable ML and Regulatable ML workshops, Neurips 2025', 'NeurIPS 2025 Workshop'],
  [
    'Accepted to the NeurIPS 2025 Workshop on Multi-Turn Interactions in Large Language Models',
    'NeurIPS 2025 Workshop',
  ],
  [
    'Presented at the Workshop on the Application of LLM Explainability to Reasoning and Planning at COLM 2025 (non-archival)',
    'COLM 2025 Workshop',
  ],
  ['Accepted to CIKM 2025 Workshop on Human Centric AI', 'CIKM 2025 Workshop'],
  ['accepted to The Eleventh Workshop on Fine-Grained Visual Categorization in CVPR 2024', 'CVPR 2024 Workshop'],
  ['Accepted at CVPR Workshop-2026. First two authors contributed equally', 'CVPR 2026 Workshop'],
  ['Reliable Autonomy Workshop at ICLR 2026', 'ICLR 2026 Workshop'],
  [
    'Accepted to the Workshop on Generative AI, Creativity, and Human-AI Co-Creation @ ICML 2026 (non-archival)',
    'ICML 2026 Workshop',
  ],
  [
    'Accepted to the Annual Conference on Neural Information Processing Systems (NeurIPS 2026) Workshop',
    'NeurIPS 2026 Workshop',
  ],
  [
    'Camera-ready. Accepted to the 5th International Workshop on Scientific Knowledge; co-located with The 24th International Semantic Web Conference, ISWC 2025',
    'ISWC 2025 Workshop',
  ],

  // workshops with their own acronym
  ['8 pages, 8 figures, accepted at ICCV 2025 MIRA Workshop', 'MIRA 2025'],
  ['ICCV 2025 Workshop FAS', 'FAS 2025'],
  ['NeurIPS 2025 Workshop of UrbanAI (Oral)', 'UrbanAI 2025'],
  ['Accepted at SPIGM Workshop, ICML 2026', 'SPIGM 2026'],
  ['Accepted at CVPR 2026 Workshop MORSE', 'MORSE 2026'],
  ['Accepted to CVPR 2026 Workshop on SVC. Published in CVPR Workshops proceedings', 'SVC 2026'],
  ['CVPR 2026, VidLLMs workshop', 'VidLLMs 2026'],
  ['CVPR 2026 E2E3D Workshop; GitHub at https://github.com/a/b', 'E2E3D 2026'],
  ['Accepted at the IEEE/CVF CVPR 2026 Workshop on Visual Concepts (VisCon). 25 pages', 'VisCon 2026'],
  ['Accepted at the ICML 2026 3rd Workshop on Multi-modal Foundation Models for Life Sciences (FM4LS)', 'FM4LS 2026'],
  ['Presented at the 3rd Urban Scene Modeling (USM3D) Workshop at CVPR 2026', 'USM3D 2026'],
  ['Accepted to the AI for Accelerated Materials Design (AI4Mat) Workshop at Neurips 2025', 'AI4Mat 2025'],
  [
    'To appear at the Second Workshop on Agents in the Wild: Safety, Security, and Beyond (AIWILD) at ICML 2026',
    'AIWILD 2026',
  ],
  ['Accepted to AI4Space at CVPR 2026', 'AI4Space 2026'],
  ['Accepted by CVPR - DriveX Workshop', 'DriveX'],
  ['BEA (Building Educational Applications) Workshop 2026', 'BEA 2026'],
  [
    'To be presented at the Text2Story 2026 Workshop (Delft, 29 March 2026); CEUR Workshop Proceedings (forthcoming)',
    'Text2Story 2026',
  ],
  [
    'Accepted at PsyDefDetect, a shared task at the 25th BioNLP Workshop (BioNLP 2026), co-located with ACL 2026',
    'BioNLP 2026',
  ],
  [
    '5 pages, published as proceeding of the "2024 14th Workshop on Hyperspectral Imaging and Signal Processing (WHISPERS)"',
    'WHISPERS 2024',
  ],

  // journals
  ['Accepted by IEEE Transactions on Geoscience and Remote Sensing', 'IEEE TGRS'],
  ['Accepted by TNNLS', 'IEEE TNNLS'],
  ['Accepted by TMLR. Code is available at https://github.com/a/b', 'TMLR'],
  ['Final version published in IEEE Transactions on Pattern Analysis and Machine Intelligence (TPAMI).', 'IEEE TPAMI'],
  ['Accepted by IEEE Transactions on Pattern Analysis and Machine Intelligence (T-PAMI) in 2026', 'IEEE TPAMI 2026'],
  ['Accepted by IEEE Transactions on Image Processing (TIP2026). More modifications may be performed', 'IEEE TIP 2026'],
  ['13 Pages, accepted for publication in IEEE Journal on Selected Areas in Communications', 'IEEE JSAC'],
  [
    'This manuscript has been accepted to the IEEE Transactions on Intelligent Transportation Systems as a regular paper',
    'IEEE T-ITS',
  ],
  ['Accepted and Published in IEEE Geoscience and Remote Sensing Letters (GRSL)', 'IEEE GRSL'],
  ['Neurocomputing', 'Neurocomputing'],
  ['Accepted to Pattern Recognition', 'Pattern Recognition'],
  ['18 pages, published in Computer Graphics Forum 2026', 'CGF 2026'],
  ['ApJ accepted', 'ApJ'],
  ['Accepted for publication in MNRAS. 12 pages, 9 figures', 'MNRAS'],
  ['Published in Phys. Rev. Lett.', 'Phys. Rev. Lett.'],
  ['19 pages, to appear in Mathematische Zeitschrift', 'Math. Z.'],
  ['14 pages; to appear in "Algorithmica". Part of this work was presented at a workshop', 'Algorithmica'],
  ['Journal of Applied Remote Sensing, 2025', 'Journal of Applied Remote Sensing 2025'],
  [
    'Published by the Machine Learning and Knowledge Extraction Journal',
    'Machine Learning and Knowledge Extraction Journal',
  ],
  [
    'Full version of a conference paper that appeared at Allerton 2009. To appear in IEEE Transactions on Information Theory',
    'IEEE TIT',
  ],
  ['This is the journal version of our ICCV 2023 paper, accepted to TPAMI', 'IEEE TPAMI'],
  ['Accepted by IEEE Access', 'IEEE Access'],
  ['Published in Scientific Reports', 'Sci. Rep.'],
  ['Accepted to ACM SIGKDD 2025 (research track)', 'KDD 2025'],

  // presentation type is not part of the venue
  ['ACL 2025 (Oral, Industry Track)', 'ACL 2025'],
  ['Accepted as a Spotlight Paper at NeurIPS 2025', 'NeurIPS 2025'],
  ['ICCV 2025 (Highlights)', 'ICCV 2025'],
  ['CVPR 2026 (Highlight) Camera ready', 'CVPR 2026'],
  ['Accepted at ICML 2026 (Oral & Spotlight); PMLR vol. 306. 9 pages, 4 figures', 'ICML 2026'],
  ['Accepted at ACL 2026 System Demonstrations Track. 8 pages, 6 figures', 'ACL 2026'],
  ['To be published in NeurIPS 2025 Track on Datasets and Benchmarks', 'NeurIPS 2025'],
  ['ICML 2026 Main track', 'ICML 2026'],
  ['7 pages, 2 figures, ACL', 'ACL'],

  // not venues: submissions, reviews, other versions, challenge reports, page counts
  ['This paper has been submitted to IROS 2025', null],
  ['Submiited to journal', null],
  ['Under review', null],
  ['IROS2025 under review', null],
  ['Under review at ICLR 2026.Code and benchmark: https://github.com/a/b', null],
  ['11 pages, 13 figures, Submitted to IEEE Transactions on Communications (Under Review)', null],
  [
    'This work has been submitted to the IEEE Transactions on Intelligent Transportation Systems (T-ITS) for possible publication',
    null,
  ],
  ['33 pages, 20 figures. Submitted ACL ARR 2025 October (under review)', null],
  ['will be submitted to AAAI-2026 workshop', null],
  ['Submitted to NeurIPS 2026 main conference and the ICML 2026 mechanistic interpretability workshop', null],
  ['4 pages, 7 figures, submitted to CVPR (feedback pending)', null],
  ['This paper has 10 pages and is version 2 after its review from ACL 2026', null],
  ['extended version of VISAPP2025', null],
  ['revised and extended version of ICCV2025', null],
  ['MICCAI2025 extention', null],
  ['Extended version of ECCV 2024 paper arXiv:2407.01872. The dataset and code are released', null],
  ['Extended version of the CVPR 2026 paper *MindPower*', null],
  ['53 pages. Abridged version to appear in Symposium on Discrete Algorithms (SODA), 2021', null],
  ['First prize winner in the Smart City Challenge in the 16th ACM WSDM conference (WSDM), 2023', null],
  ['Technical report for the VRR Challenge at the VideoLLMs Workshop, CVPR 2026', null],
  ['4 pages, 1 figure, CVPR 2026 8th UG2+ Challenge Track 3', null],
  ['The runner-up solution for the Action Anticipation Challenge at the CVPR EgoVis Workshop 2026', null],
  ['First place in both tracks of the MindGames Arena at NeurIPS 2025', null],
  ['10 pages, 6 figures', null],
  ['47 pages, 10 figures, 13 tables', null],
  ['Preprint', null],
  ['Work in progress', null],
  ['13 pages, work was completed in 2023', null],
  ['10 pages, 5 figures, conference', null],
  ['Keywords: hypothesis testing, COVID-19, group testing design', null],
  ['Bayes, Distribution, Gamma, GPD, Hypothesis Testing, Objective Bayes, p-value', null],
  ['16 pages. arXiv admin note: substantial text overlap with arXiv:2504.11110', null],
  ['Accepted, presented, and to appear in the Proceedings of the Quantum AI and NLP 2025 Conference', null],
  ['Project page: https://cvpr2025.github.io/demo', null],
  ['A conference version appeared at ICML 2020', null],
  ['Submitted to Remote Sensing', null],
  ['We thank the reviewers; code for the AI4Science workshop coming soon', null],
  ['This work has been submitted to the IEEE for possible publication', null],
  ['Tech report. Achieves 80.8 HOTA on SportsMOT', null],
];

// [comment, journal reference, expected]: the journal reference speaks when the comment does not.
const fromJournalRef: readonly (readonly [string | null, string, string | null])[] = [
  [null, 'Phys. Rev. B 74, 024520 (2006)', 'Phys. Rev. B 2006'],
  [null, 'Physical Review B 82, 060515(R) (2010)', 'Phys. Rev. B 2010'],
  [null, 'Phys. Rev. Lett. 133 (2024) 226302', 'Phys. Rev. Lett. 2024'],
  [null, 'Phys.Lett.B573:94-100,2003', 'Phys. Lett. B 2003'],
  [null, 'JCAP11(2024)042', 'JCAP 2024'],
  [null, 'J. High Energ. Phys. 2024, 143 (2024)', 'JHEP 2024'],
  [null, 'The Astrophysical Journal, 976(2), 225 (2024)', 'ApJ 2024'],
  [null, 'Astrophysical Journal Supplement Series, 2024, Vol. 273, No. 2', 'ApJS 2024'],
  [null, 'A&A 691, A35 (2024)', 'A&A 2024'],
  [null, 'Nature Communications 15, 10121 (2024)', 'Nat. Commun. 2024'],
  [null, 'Annals of Physics 324, 523 (2009).', 'Ann. Phys. 2009'],
  [null, 'Mathematische Zeitschrift 280, 1185-1202, 2015', 'Math. Z. 2015'],
  [null, 'IEEE Transactions on Information Theory ( Volume: 65 , Issue: 4 , April 2019 )', 'IEEE TIT 2019'],
  [
    null,
    'IEEE/ACM Transactions on Audio, Speech, and Language Processing, vol. 32, pp. 4661-4675, 2024',
    'IEEE/ACM TASLP 2024',
  ],
  [null, 'International Conference on Machine Learning (ICML) 2024', 'ICML 2024'],
  [
    null,
    'The Thirty-eight Conference on Neural Information Processing Systems Datasets and Benchmarks Track (2024)',
    'NeurIPS 2024',
  ],
  [null, '2022 IEEE International Conference on Cloud Engineering (IC2E 2022)', 'IC2E 2022'],
  [
    null,
    '2023 IEEE International Conference on Software Testing, Verification and Validation Workshops (ICSTW)',
    'ICST 2023 Workshop',
  ],
  [
    null,
    'Deep Generative Models. DGM4MICCAI 2024. Lecture Notes in Computer Science, vol 15224. Springer, Cham',
    'DGM4MICCAI 2024',
  ],
  [
    null,
    'Sustainable Energy, Grids and Networks, Volume 39, 2024, 101477, ISSN 2352-4677',
    'Sustainable Energy, Grids and Networks 2024',
  ],
  [null, 'Frontiers in Environmental Science(2024)', 'Frontiers in Environmental Science 2024'],
  [null, 'Acta Astronautica, Volume 226, Part 1, 2025, Pages 542-554', 'Acta Astronautica 2025'],
  [
    null,
    "S\\'eminaire Lotharingien de Combinatoire, Issue 58 (2008), Article",
    'Séminaire Lotharingien de Combinatoire 2008',
  ],
  [null, 'IEEE, 10.23919 (2024)', null],
  [null, 'Vol. 1 No. 1 (2024): AI-Linguistica', null],
  ['Under review', 'Neurocomputing, Volume 639, 28 July 2025, Article 130211', 'Neurocomputing 2025'],
  ['Accepted to CVPR 2025', 'Phys. Rev. B 74, 024520 (2006)', 'CVPR 2025'],
  ['12 pages, 4 figures', 'Physics of Fluids 36, 117158 (2024)', 'Phys. Fluids 2024'],
];

describe('extractVenue', () => {
  it.each(fromComment)('%j → %j', (comment, expected) => {
    expect(extractVenue(comment, null)).toBe(expected);
  });

  it.each(fromJournalRef)('comment %j, journal ref %j → %j', (comment, journalRef, expected) => {
    expect(extractVenue(comment, journalRef)).toBe(expected);
  });

  it('returns null without any text', () => {
    expect(extractVenue(null, null)).toBeNull();
    expect(extractVenue('', '')).toBeNull();
    expect(extractVenue('   ', null)).toBeNull();
  });

  it('never throws on arbitrary text and stays fast on long text', () => {
    const words = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'Accepted',
            'to',
            'CVPR',
            '2025',
            "'25",
            '(',
            ')',
            ',',
            '.',
            ';',
            'Workshop',
            'Findings',
            'of',
          ),
          fc.constantFrom(
            'submitted',
            'under review',
            'IEEE',
            'Transactions on',
            'Phys. Rev.',
            'https://x.y/',
            ' ',
            '\\',
            '$',
          ),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(words, fc.option(words), (comment, journalRef) => {
        const venue = extractVenue(comment, journalRef);
        expect(venue === null || (typeof venue === 'string' && venue.trim() === venue && venue !== '')).toBe(true);
        presentationType(comment);
      }),
      { numRuns: propertyRuns(1_000) },
    );
    const long = 'Accepted to the Workshop on ( CVPR 2025, submitted; '.repeat(2_000);
    const started = performance.now();
    extractVenue(long, long);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('recognises every acronym spelling in the table, glued to its year or not', () => {
    const spellings = VENUES.flatMap((entry) => entry.acronyms.map((a) => [entry, a.replace(/^\?/, '')] as const));
    expect(spellings.length).toBeGreaterThan(300);
    for (const [entry, spelling] of spellings) {
      expect(extractVenue(`Accepted at ${spelling} 2025`, null), spelling).toMatch(
        new RegExp(`^${escape(entry.name)}(?![A-Za-z]).*2025`),
      );
      expect(extractVenue(`Accepted at ${spelling}2025.`, null), spelling).toMatch(
        new RegExp(`^${escape(entry.name)}(?![A-Za-z]).*2025`),
      );
    }
  });

  it.each([
    ['Accepted at FAT* 2019', null, 'FAccT 2019'],
    ['Published in PhysRev B', null, 'Phys. Rev. B'],
    [null, 'Phys.Rev.B 12, 3 (2020)', 'Phys. Rev. B 2020'],
    ['ICCVW-2023 accepted', null, 'ICCV 2023 Workshop'],
    ['Accepted to the Conference on Empirical Methods in Natural Language Processing 2023', null, 'EMNLP 2023'],
    ['Accepted at XICCV 2025 and ICCVx', null, null],
  ])('finds names and acronyms only as whole words: %j, %j → %j', (comment, journalRef, expected) => {
    expect(extractVenue(comment, journalRef)).toBe(expected);
  });

  it('reads LaTeX and HTML entities in the comment', () => {
    expect(extractVenue('Accepted to \\textbf{CVPR 2025}', null)).toBe('CVPR 2025');
    expect(extractVenue('Accepted to IEEE Transactions on Knowledge &amp; Data Engineering', null)).toBe('IEEE TKDE');
  });
});

const presentation: readonly (readonly [string | null, string | null])[] = [
  ['AAAI 2025 Oral', 'Oral'],
  ['ACL 2025 (Oral, Industry Track)', 'Oral'],
  ['Accepted as a Spotlight Paper at NeurIPS 2025', 'Spotlight'],
  ['Accepted as a Spotlight Oral at the ICML 2026 Workshop', 'Oral'],
  ['ICCV 2025 (Highlights)', 'Highlight'],
  ['Accepted at NeurIPS 2025 (poster). This is the camera-ready version', 'Poster'],
  ['Accepted at ACL 2026 System Demonstrations Track', 'Demo'],
  ['Best Paper Award at CVPR 2025', 'Best Paper'],
  ['Accepted to CVPR 2025', null],
  ['Camera-ready version, main track', null],
  ['A study of oral cancer screening', null],
  ['Submitted to NeurIPS 2025 as an oral', null],
  [null, null],
];

describe('extractVenueFromDisplay', () => {
  const display = (s: string): string => latexToUnicode(cleanText(s));

  it('finds in display text what extractVenue finds in the raw text', () => {
    const withJournal = fromComment.map(([comment]) => [comment, 'Phys.\\ Rev.\\ B \\textbf{73}, 1 (2006)'] as const);
    for (const [comment, journalRef] of [...fromComment.map(([c]) => [c, null] as const), ...withJournal]) {
      const venue = extractVenueFromDisplay(display(comment), journalRef === null ? null : display(journalRef));
      expect(venue, comment).toBe(extractVenue(comment, journalRef));
    }
  });

  it('agrees with extractVenue on arbitrary text with entities and LaTeX', () => {
    const words = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'Accepted',
            'at',
            'NeurIPS',
            '2025',
            '\\emph{ICLR}',
            '&amp;',
            '<i>CVPR</i>',
            '$2025$',
            'Workshop',
            '--',
            'J.\\ Phys.',
          ),
          fc.string({ maxLength: 5 }),
        ),
        { maxLength: 25 },
      )
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(words, fc.option(words), (comment, journalRef) => {
        const shown = display(comment);
        const shownRef = journalRef === null ? null : display(journalRef);
        // A Paper holds '' as null: both ways then read the journal reference alone.
        const venue = extractVenueFromDisplay(shown === '' ? null : shown, shownRef === '' ? null : shownRef);
        expect(venue).toBe(extractVenue(comment, journalRef));
      }),
      { numRuns: propertyRuns(500), seed: 20251128 },
    );
  });
});

describe('presentationType', () => {
  it.each(presentation)('%j → %j', (comment, expected) => {
    expect(presentationType(comment)).toBe(expected);
  });
});

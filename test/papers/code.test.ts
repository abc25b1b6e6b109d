import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractCodeUrl } from '../../src/papers/code.js';
import { propertyRuns } from '../helpers/property-runs.js';

// [abstract, comment, expected code link]; texts are modelled on real abstracts and comments.
const cases: readonly (readonly [string | null, string | null, string | null])[] = [
  // plain repository links, with the sentence punctuation after them
  ['Our code is available at https://github.com/taco-group/DecAlign.', null, 'https://github.com/taco-group/DecAlign'],
  ['Code: https://github.com/ruc-datalab/DeepAnalyze', null, 'https://github.com/ruc-datalab/DeepAnalyze'],
  [
    'We release everything. https://github.com/zhu-xlab/Copernicus-FM.',
    null,
    'https://github.com/zhu-xlab/Copernicus-FM',
  ],
  ['Available at https://www.github.com/sremedios/eclare.', null, 'https://www.github.com/sremedios/eclare'],
  ['Code and models are released at http://github.com/hustvl/MaTVLM.', null, 'http://github.com/hustvl/MaTVLM'],
  ['Code is available at https://github.com/valeoai/Alpine/', null, 'https://github.com/valeoai/Alpine'],
  ['See https://github.com/a/b; it has everything.', null, 'https://github.com/a/b'],
  ['Code (https://github.com/a/b) is public.', null, 'https://github.com/a/b'],
  ['Code is public (see https://github.com/a/b).', null, 'https://github.com/a/b'],
  ['Code at https://github.com/a/b!', null, 'https://github.com/a/b'],
  ['Is the code at https://github.com/a/b?', null, 'https://github.com/a/b'],
  ['Code: "https://github.com/a/b".', null, 'https://github.com/a/b'],
  ['Code: https://github.com/a/b-c_d.e', null, 'https://github.com/a/b-c_d.e'],
  [
    'We publish it at https://github.com/SCZwangxiao/video-FlexReduc.git.',
    null,
    'https://github.com/SCZwangxiao/video-FlexReduc',
  ],
  [
    'Code: https://github.com/EIT-NLP/StreamingLLM/tree/main/ProactiveLLM.',
    null,
    'https://github.com/EIT-NLP/StreamingLLM/tree/main/ProactiveLLM',
  ],
  ['See https://en.wikipedia.org/wiki/Foo_(bar) and code at https://github.com/a/b.', null, 'https://github.com/a/b'],

  // other forges and anonymous review mirrors
  ['Our code is in https://anonymous.4open.science/r/EHNet.', null, 'https://anonymous.4open.science/r/EHNet'],
  [
    'Benchmark at https://anonymous.4open.science/r/LongInsightBench-910F/.',
    null,
    'https://anonymous.4open.science/r/LongInsightBench-910F',
  ],
  [
    'A version based on YOLOv9 is available at https://gitlab.com/goncalo/tracker/-/tree/7e0f11f6',
    null,
    'https://gitlab.com/goncalo/tracker/-/tree/7e0f11f6',
  ],
  ['Code: https://codeberg.org/someone/tool', null, 'https://codeberg.org/someone/tool'],
  ['Implementation: https://bitbucket.org/team/repo.', null, 'https://bitbucket.org/team/repo'],
  ['Software at https://sourceforge.net/projects/foo/', null, 'https://sourceforge.net/projects/foo'],
  ['Code: https://git.rwth-aachen.de/group/project', null, 'https://git.rwth-aachen.de/group/project'],
  ['Install from https://pypi.org/project/paperboy-tools/', null, 'https://pypi.org/project/paperboy-tools'],
  ['Code is on https://gitee.com/org/repo.', null, 'https://gitee.com/org/repo'],

  // LaTeX around links
  ['Code is available at \\href{https://github.com/NJU-PCALab/ERR}{here}.', null, 'https://github.com/NJU-PCALab/ERR'],
  [
    'Code: \\href{https://github.com/x/causal-imt}{https://github.com/x/causal-imt}.',
    null,
    'https://github.com/x/causal-imt',
  ],
  [
    'Our code will be made public at \\href{https://github.com/PepperCS/RPCASSM}{RPCASSM}.',
    null,
    'https://github.com/PepperCS/RPCASSM',
  ],
  [
    'Our code is \\href{https://anonymous.4open.science/r/Set-Distance-BFDA}{available}.',
    null,
    'https://anonymous.4open.science/r/Set-Distance-BFDA',
  ],
  ['Code: \\url{https://github.com/foo/bar_baz}.', null, 'https://github.com/foo/bar_baz'],
  ['Code: https://github.com/foo/bar\\_baz', null, 'https://github.com/foo/bar_baz'],
  [
    'robust in OOD settings\\footnote{https://github.com/bort64/ood\\_code}.',
    null,
    'https://github.com/bort64/ood_code',
  ],
  ['Code: \\textcolor{red}{https://github.com/yiyscut/VIO-IPNet.git}.', null, 'https://github.com/yiyscut/VIO-IPNet'],
  ['Project: \\url{https://www.cs.example.edu/\\~{}smith/code/}, code inside.', null, null],
  ['Our code is at https://www.cs.example.edu/\\~{}smith/code/.', null, 'https://www.cs.example.edu/~smith/code/'],
  ['Code is at https://www.cs.example.edu/$\\sim$smith/tool', null, 'https://www.cs.example.edu/~smith/tool'],
  [
    'MCP-Persona is publicly available at https://github.com/wwh0411/MCP-Persona}{https://github.com/wwh0411/MCP-Persona.',
    null,
    'https://github.com/wwh0411/MCP-Persona',
  ],
  [
    'Technical Report; Project Page: \\href{https://github.com/Shopee-MUG/MUG-V}',
    null,
    'https://github.com/Shopee-MUG/MUG-V',
  ],
  ['Code and data are available at &lt;https://github.com/a/b&gt;.', null, 'https://github.com/a/b'],

  // scheme-less links get https://
  ['Code will be at github.com/Xu3XiWang/CAD-GD.', null, 'https://github.com/Xu3XiWang/CAD-GD'],
  ['Code: www.github.com/a/b', null, 'https://www.github.com/a/b'],
  ['Code and data: human-as-robot.github.io', null, 'https://human-as-robot.github.io'],

  // hard line wraps of legacy abstracts
  [
    'Code is available at https://github.com/some-group/\n  long-repository-name.',
    null,
    'https://github.com/some-group/long-repository-name',
  ],
  [
    'Code is available at https://github.com/some-group/long-\n  repository-name.',
    null,
    'https://github.com/some-group/long-repository-name',
  ],
  ['Code is available at https://github.com\n  /some-group/tool.', null, 'https://github.com/some-group/tool'],
  ['Code: https://github.com/a/b\nThe results show gains.', null, 'https://github.com/a/b'],

  // project pages count only when the text says the code is there
  ['Code and data: https://human-as-robot.github.io/', null, 'https://human-as-robot.github.io/'],
  [
    'The dataset, model, and code are available on our website: https://accident-dataset.github.io.',
    null,
    'https://accident-dataset.github.io',
  ],
  [
    'Our code will be available at the project page: {\\hypersetup{urlcolor=blue}https://panfei-cheng.github.io/SSH-Pose}.',
    null,
    'https://panfei-cheng.github.io/SSH-Pose',
  ],
  ['Dataset and code are available at: https://url.fzi.de/SlimComm.', null, 'https://url.fzi.de/SlimComm'],
  [null, '6 pages, 5 figures, code: https://zs1314.github.io/DMSR', 'https://zs1314.github.io/DMSR'],
  ['Project page: https://byeongjun-park.github.io/SteerX/', null, null],
  [null, 'Project page: https://www.projectaria.com/scenescript/', null],
  ['Video results are available at https://junwon.me/StressDream/.', null, null],
  ['Our dataset has been made publicly available at https://www.ipb.uni-bonn.de/data/hops/.', null, null],
  ['Project page: https://a.github.io. Code: https://github.com/a/b.', null, 'https://github.com/a/b'],
  [
    'Code and pre-trained models are available at: https://drive.google.com/drive/folders/18B2YbxtV0',
    null,
    'https://drive.google.com/drive/folders/18B2YbxtV0',
  ],
  ['Pretrained weights: https://drive.google.com/file/d/abc/view', null, null],
  [
    'Video, code and data are on the project website: https://sites.google.com/view/breathless',
    null,
    'https://sites.google.com/view/breathless',
  ],
  ['The dataset and pretrained models are available at https://doi.org/10.34735/ped.2024.2.', null, null],

  // dataset and model hubs, demos, papers and videos are not code
  [null, 'for the associated iris database, see https://huggingface.co/datasets/fatdove/Iris_Database', null],
  ['Code and data: https://huggingface.co/datasets/overthelex/citation-eval', null, null],
  ['We release three models with inference code at https://huggingface.co/collections/Zyphra/zamba2-vl.', null, null],
  ['Weights: https://huggingface.co/RUC-DataLab/DeepAnalyze-8B', null, null],
  [null, 'Live interactive demo: https://huggingface.co/spaces/Squagghy/axiom-solver.', null],
  [null, 'Code for the demo: https://huggingface.co/spaces/someone/app', 'https://huggingface.co/spaces/someone/app'],
  ['Code and data are on Zenodo: https://zenodo.org/records/123456.', null, null],
  ['Data: https://www.kaggle.com/datasets/someone/thing', null, null],
  ['Sentence embedding model at https://tfhub.dev/google/LaBSE.', null, null],
  ['Demos are available at https://www.youtube.com/watch?v=zY_YI9giZSA.', null, null],
  ['Please fill in the form (https://docs.google.com/forms/d/e/1FAIpQ/viewform?usp=dialog).', null, null],
  ['Extended version of https://arxiv.org/abs/2401.00001.', null, null],
  ['Xplore link: https://ieeexplore.ieee.org/document/11199360', null, null],
  ['See https://github.com/features/actions for CI.', null, null],

  // promises without a link are not links
  ['The code will be released upon acceptance.', null, null],
  ['Code will be made publicly available.', 'Code coming soon', null],
  ['We use GitHub Actions and open-source tools.', null, null],
  ['', '', null],
  [null, null, null],

  // which link wins
  [
    'Code is available at https://github.com/a/abstract.',
    'Code: https://github.com/a/comment',
    'https://github.com/a/abstract',
  ],
  ['Project page: https://a.github.io', 'Code: https://github.com/a/b', 'https://github.com/a/b'],
  [
    'Our method is built upon https://github.com/facebookresearch/detectron2. Code: https://github.com/me/mine',
    null,
    'https://github.com/me/mine',
  ],
  [
    'Our method is based on https://github.com/facebookresearch/detectron2.',
    null,
    'https://github.com/facebookresearch/detectron2',
  ],
  ['Project page: https://a.github.io. https://github.com/a/b', null, 'https://github.com/a/b'],
  [
    null,
    'Accepted to CVPR 2025. Project page: https://x.github.io/p/. Code: https://github.com/x/p',
    'https://github.com/x/p',
  ],
  [
    'Code and data: https://human-as-robot.github.io/, built upon https://github.com/other/base',
    null,
    'https://human-as-robot.github.io/',
  ],
  [
    null,
    'survey resource at https://github.com/yaotingwangofficial/Awesome-MCoT; 12 figures',
    'https://github.com/yaotingwangofficial/Awesome-MCoT',
  ],
];

describe('extractCodeUrl', () => {
  it.each(cases)('abstract %j, comment %j → %j', (abstract, comment, expected) => {
    expect(extractCodeUrl(abstract, comment)).toBe(expected);
  });

  it('returns either null or an absolute http(s) URL, for any text', () => {
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'https://',
            'github.com/',
            'a/b',
            '.',
            ')',
            '(',
            '\\href{',
            '}{',
            '}',
            '\\_',
            '\n',
            ' ',
            'Code:',
          ),
          fc.constantFrom('huggingface.co/datasets/x', 'x.github.io', 'www.', '\\url{', '\\~{}', '$\\sim$'),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.option(text), fc.option(text), (abstract, comment) => {
        const url = extractCodeUrl(abstract, comment);
        if (url !== null) expect(() => new URL(url)).not.toThrow();
        if (url !== null) expect(url).toMatch(/^https?:\/\//);
      }),
      { numRuns: propertyRuns(2_000) },
    );
  });
});

/** 简体中文 (Simplified Chinese). */
import type { Catalog } from '../types.js';

export default {
  // ── common: Shared words, and the interaction router's own replies (src/discord/router.ts).
  common: {
    genericFailure: 'Paperboy 这边出了点问题。管理员可以在机器人的日志里查看详情。',
    serversOnly: 'Paperboy 只能在服务器内使用。',
    staleOptions: '此命令的选项与当前版本的 Paperboy 不一致。管理员可以运行 `paperboy deploy-commands` 重新注册命令。',
    unknownCommand: '当前版本的 Paperboy 不认识这个命令。',
    unknownSubcommand: '当前版本的 Paperboy 不认识这个子命令。',
    staleButton: '这个按钮已不再可用，请重新运行命令。',
    moderatorsOnly: '只有拥有 **管理服务器** 权限的成员才能这样做。',
    dmsPaused:
      'Paperboy 无法给你发送私信（{{reason}}），因此你的关注已暂停。请在隐私设置中允许来自本服务器成员的私信，然后运行 `/follow resume`。',
  },

  // ── shared: Lists, times and audit lines shared by several commands (commands/shared).
  shared: {},

  // ── settings: /settings and its service (commands/settings*, src/guilds/settings.ts).
  settings: {},

  // ── topic: /topic and its service (commands/topic*, src/guilds/topics.ts).
  topic: {},

  // ── query: Topic query and category errors (src/topics).
  query: {},

  // ── subscription: /subscription and its service (commands/subscription*, src/guilds/subscriptions.ts).
  subscription: {},

  // ── paper: /paper search, show and saved (commands/paper*).
  paper: {},

  // ── digestCommand: /digest today, why and run (commands/digest*).
  digestCommand: {},

  // ── follow: /follow (commands/follow*, src/members).
  follow: {},

  // ── privacy: /privacy (commands/privacy.ts, src/members/privacy.ts).
  privacy: {},

  // ── digest: Digest messages: headers, paper embeds, fields, footers (src/discord/render).
  digest: {},

  // ── notice: Notices to moderators and members (src/digest).
  notice: {},

  // ── venue: Venue updates (src/discord/render/venue-updates.ts).
  venue: {},

  // ── preview: The HTML preview (src/discord/render/preview-html.ts).
  preview: {},

  // ── commands: Discord-side names and descriptions of commands, options and choices (deploy-commands).
  commands: {
    paper: {
      name: '论文',
      description: '搜索论文库、查看单篇论文，或打开你的收藏',
      options: {
        search: {
          name: '搜索',
          description: '在标题、作者、摘要和会议/期刊中全文搜索，按相关度排序',
          options: {
            query: {
              name: '关键词',
              description: '词语、"精确短语"、前缀*',
            },
            author: {
              name: '作者',
              description: '只看有这位作者的论文',
            },
            topic: {
              name: '主题',
              description: '只看符合这个主题的论文',
            },
            since: {
              name: '起始日期',
              description: '在这一天或之后公布（YYYY-MM-DD）',
            },
            has_code: {
              name: '有代码',
              description: '只看附有代码链接的论文',
            },
            scope: {
              name: '范围',
              description: '本服务器论文推送里发过的论文（默认），或整个论文库',
              choices: {
                digests: { name: '本服务器发过的' },
                all: { name: '整个论文库' },
              },
            },
            public: {
              name: '公开',
              description: '让频道里的所有人都看到结果',
            },
          },
        },
        show: {
          name: '查看',
          description: '以完整的嵌入消息显示一篇论文',
          options: {
            id: {
              name: '编号',
              description: 'arXiv 编号或链接：2205.14459、arXiv:2205.14459v2、abs/pdf 网址',
            },
          },
        },
        saved: {
          name: '收藏',
          description: '你的收藏：从论文推送和 /paper show 里收藏的论文',
          options: {
            list: {
              name: '列表',
              description: '你收藏的论文，最新的在前（只有你能看到）',
              options: {
                page: {
                  name: '页码',
                  description: '要看的页（1 是最新的一页）',
                },
              },
            },
            export: {
              name: '导出',
              description: '把收藏的论文导出为 BibTeX 文件（Zotero 可直接导入）',
            },
          },
        },
      },
    },
    digest: {
      name: '论文推送',
      description: '今天的论文推送，或立即发出本频道的论文推送',
      options: {
        today: {
          name: '今天',
          description: '本服务器今天（或某一天）发了什么，或今天论文推送的预览',
          options: {
            topic: {
              name: '主题',
              description: '只看这个主题',
            },
            date: {
              name: '日期',
              description: '换一天（YYYY-MM-DD）',
            },
          },
        },
        run: {
          name: '立即推送',
          description: '立即为本频道订阅的主题发出论文推送（管理员）',
          options: {
            topic: {
              name: '主题',
              description: '只推送这个主题',
            },
          },
        },
        why: {
          name: '原因',
          description: '一篇论文为什么在本服务器推送了或没有推送（管理员）',
          options: {
            id: {
              name: '编号',
              description: 'arXiv 编号或链接',
            },
          },
        },
      },
    },
    topic: {
      name: '主题',
      description: '主题：arXiv 分类加上关键词查询',
      options: {
        add: {
          name: '添加',
          description: '新建主题，或用 catalog:（目录）添加一个现成的主题',
          options: {
            slug: {
              name: '短名',
              description: '主题的短名（a-z、0-9、-）',
            },
            name: {
              name: '名称',
              description: '显示名称（任何语言均可）',
            },
            categories: {
              name: '分类',
              description: 'arXiv 分类，用逗号分隔：cs.LG, cs.CV, stat',
            },
            query: {
              name: '查询',
              description: '关键词查询：词语、"短语"、OR、-词语、ti: abs: au: cat:',
            },
            cross_lists: {
              name: '交叉列表',
              description: '包含交叉列出的论文（默认包含）',
            },
            updates: {
              name: '新版本',
              description: '包含论文的新版本（默认不包含）',
            },
            color: {
              name: '颜色',
              description: '嵌入消息的颜色：#RRGGBB 或 #RGB',
            },
            images: {
              name: '配图',
              description: '显示每篇论文的第一张图（默认显示）',
            },
            catalog: {
              name: '目录',
              description: '从目录中添加一个现成的主题',
            },
          },
        },
        edit: {
          name: '修改',
          description: '修改一个主题',
          options: {
            slug: {
              name: '短名',
              description: '主题的短名（a-z、0-9、-）',
            },
            name: {
              name: '名称',
              description: '显示名称（任何语言均可）',
            },
            categories: {
              name: '分类',
              description: 'arXiv 分类，用逗号分隔：cs.LG, cs.CV, stat',
            },
            query: {
              name: '查询',
              description: '关键词查询：词语、"短语"、OR、-词语、ti: abs: au: cat:',
            },
            cross_lists: {
              name: '交叉列表',
              description: '包含交叉列出的论文（默认包含）',
            },
            updates: {
              name: '新版本',
              description: '包含论文的新版本（默认不包含）',
            },
            color: {
              name: '颜色',
              description: '嵌入消息的颜色：#RRGGBB 或 #RGB',
            },
            images: {
              name: '配图',
              description: '显示每篇论文的第一张图（默认显示）',
            },
          },
        },
        remove: {
          name: '删除',
          description: '删除一个主题，并结束它的所有订阅',
          options: {
            slug: {
              name: '短名',
              description: '主题的短名（a-z、0-9、-）',
            },
          },
        },
        list: {
          name: '列表',
          description: '本服务器的主题',
        },
        show: {
          name: '查看',
          description: '查看一个主题，并预览最近符合它的论文',
          options: {
            slug: {
              name: '短名',
              description: '主题的短名（a-z、0-9、-）',
            },
          },
        },
      },
    },
    subscription: {
      name: '订阅',
      description: '哪些频道接收哪些主题的论文推送',
      options: {
        add: {
          name: '添加',
          description: '让一个频道订阅一个主题',
          options: {
            topic: {
              name: '主题',
              description: '要推送的主题',
            },
            channel: {
              name: '频道',
              description: '频道（默认：当前频道）',
            },
            mention: {
              name: '提及',
              description: '每次论文推送时提及的身份组',
            },
            max_papers: {
              name: '论文上限',
              description: '每次论文推送最多几篇论文（1–100，默认 25）',
            },
            thread: {
              name: '子区',
              description: '每次论文推送开一个子区（文字频道；论坛频道总是发帖）',
            },
          },
        },
        remove: {
          name: '取消',
          description: '取消一个频道对某个主题的订阅',
          options: {
            topic: {
              name: '主题',
              description: '主题',
            },
            channel: {
              name: '频道',
              description: '频道（默认：当前频道）',
            },
          },
        },
        list: {
          name: '列表',
          description: '本服务器的订阅',
        },
      },
    },
    settings: {
      name: '设置',
      description: '服务器设置：推送时间、时区、摘要长度、论文上限、会议/期刊更新',
      options: {
        show: {
          name: '查看',
          description: '查看本服务器的设置',
        },
        set: {
          name: '修改',
          description: '修改本服务器的设置',
          options: {
            schedule: {
              name: '推送时间',
              description: 'Cron 表达式，例如 30 7 * * 1-5（周一至周五 07:30）',
            },
            timezone: {
              name: '时区',
              description: 'IANA 时区，例如 Asia/Shanghai',
            },
            abstract_length: {
              name: '摘要长度',
              description: '每篇论文显示多少个字符的摘要（100–4000）',
            },
            max_papers: {
              name: '论文上限',
              description: '每次论文推送默认最多几篇论文（1–100）',
            },
            venue_updates: {
              name: '会议期刊更新',
              description: '频道里发过的论文被会议/期刊录用时通知该频道（默认开启）',
            },
            language: {
              name: '语言',
              description: '论文推送和通知使用的语言（默认：服务器自己的语言）',
            },
          },
        },
      },
    },
    follow: {
      name: '关注',
      description: '你自己的关注：通过私信接收某位作者或某个方向的新论文',
      options: {
        add: {
          name: '添加',
          description: '关注一位作者、一个主题查询或一些分类（可任意组合，须全部符合）',
          options: {
            author: {
              name: '作者',
              description: 'arXiv 上的作者名，例如 Yann LeCun',
            },
            query: {
              name: '查询',
              description: '主题查询，例如 "contrastive learning" OR self-supervis*',
            },
            categories: {
              name: '分类',
              description: 'arXiv 分类，例如 cs.LG stat.ML',
            },
          },
        },
        list: {
          name: '列表',
          description: '你的关注（只有你能看到）',
        },
        remove: {
          name: '取消',
          description: '取消一项关注',
          options: {
            follow: {
              name: '关注',
              description: '哪一项关注（见 /follow list）',
            },
          },
        },
        pause: {
          name: '暂停',
          description: '停止私信（你的关注会保留）',
        },
        resume: {
          name: '恢复',
          description: '重新开始私信',
        },
      },
    },
    privacy: {
      name: '隐私',
      description: '你在 Paperboy 里的数据：导出或删除（回复只有你能看到）',
      options: {
        export: {
          name: '导出',
          description: 'Paperboy 保存的关于你的全部数据，导出为 JSON 文件',
        },
        delete: {
          name: '删除',
          description: '删除 Paperboy 保存的关于你的全部数据（会先请你确认）',
        },
      },
    },
  },

  // ── catalogTopics: Names and descriptions of the ready-made topics (config/catalog.ts).
  catalogTopics: {
    contrastive: {
      name: '无监督/半监督/对比学习',
      description: '从无标注或部分标注的数据中学习：自监督与对比预训练、伪标签、掩码建模。',
    },
    llm: {
      name: '大语言模型',
      description: '大语言模型的训练、对齐、提示与推理、检索增强和评测。',
    },
    diffusion: {
      name: '扩散与基于分数的生成模型',
      description: '去噪扩散、分数匹配、流匹配与一致性模型，用于图像及更多领域。',
    },
    rl: {
      name: '强化学习',
      description: '策略优化、基于价值和基于模型的强化学习、离线强化学习、多臂老虎机。',
    },
    'graph-ml': {
      name: '图机器学习',
      description: '图神经网络、图 Transformer、消息传递、节点与链接预测。',
    },
    'quantum-computing': {
      name: '量子计算',
      description: '量子算法、量子线路与硬件、量子纠错与容错。',
    },
    exoplanets: {
      name: '系外行星',
      description: '太阳系外行星的探测与表征，以及它们在哪里形成。',
    },
    gw: {
      name: '引力波',
      description: '波源、探测器与数据分析：LIGO–Virgo–KAGRA、LISA、脉冲星计时阵列。',
    },
    topology: {
      name: '拓扑学',
      description: '几何拓扑与代数拓扑的全部论文，以及从相邻领域交叉列出的纽结、流形与同伦论论文。',
    },
    robotics: {
      name: '机器人学习 · 操作、运动、具身智能',
      description: '基于学习的机器人：操作与抓取、足式与人形机器人运动、模仿学习、从仿真到现实。',
    },
    interpretability: {
      name: '可解释性',
      description: '机制可解释性、归因与探测、基于概念的解释和事后解释。',
    },
    'cond-mat-ml': {
      name: '凝聚态与材料的机器学习',
      description: '神经网络势、神经量子态、机器学习驱动的材料发现与模拟。',
    },
  },
} as const satisfies Catalog;

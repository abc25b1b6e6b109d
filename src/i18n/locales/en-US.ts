/**
 * English (United States): the default locale and the source of every key. Other locales mirror its shape
 * (src/i18n/types.ts); `{{name}}` is a variable, `_one`/`_other` are plural forms chosen by `count`.
 */
export default {
  // ── common: Shared words, and the interaction router's own replies (src/discord/router.ts).
  common: {
    genericFailure: 'Something went wrong on Paperboy’s side. The moderators can find the details in the bot’s logs.',
    serversOnly: 'Paperboy works inside servers only.',
    staleOptions:
      'This command’s options do not match this version of Paperboy. A moderator can register the commands again with `paperboy deploy-commands`.',
    unknownCommand: 'That command is not known to this version of Paperboy.',
    unknownSubcommand: 'That subcommand is not known to this version of Paperboy.',
    staleButton: 'This button is no longer supported. Run the command again.',
    moderatorsOnly: 'Only members with the **Manage Server** permission can do that.',
    dmsPaused:
      'Paperboy could not send you a direct message ({{reason}}), so your follows are paused. Allow direct messages from this server’s members (Privacy Settings), then run `/follow resume`.',
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
      name: 'paper',
      description: 'Search the paper archive, show one paper, or your reading list',
      options: {
        search: {
          name: 'search',
          description: 'Ranked full-text search over titles, authors, abstracts and venues',
          options: {
            query: {
              name: 'query',
              description: 'Words, "exact phrases", prefix*',
            },
            author: {
              name: 'author',
              description: 'Only papers with this author',
            },
            topic: {
              name: 'topic',
              description: 'Only papers matching this topic',
            },
            since: {
              name: 'since',
              description: 'Announced on or after (YYYY-MM-DD)',
            },
            has_code: {
              name: 'has_code',
              description: 'Only papers with a code link',
            },
            scope: {
              name: 'scope',
              description: 'Papers posted in this server’s digests (default) or the whole archive',
              choices: {
                digests: { name: 'posted in this server' },
                all: { name: 'whole archive' },
              },
            },
            public: {
              name: 'public',
              description: 'Show the results to everyone in the channel',
            },
          },
        },
        show: {
          name: 'show',
          description: 'Show one paper as its full embed',
          options: {
            id: {
              name: 'id',
              description: 'arXiv id or link: 2205.14459, arXiv:2205.14459v2, an abs/pdf URL',
            },
          },
        },
        saved: {
          name: 'saved',
          description: 'Your reading list: papers you saved from digests and /paper show',
          options: {
            list: {
              name: 'list',
              description: 'Your saved papers, newest first (only you see them)',
              options: {
                page: {
                  name: 'page',
                  description: 'Page to show (1: the newest)',
                },
              },
            },
            export: {
              name: 'export',
              description: 'Your saved papers as a BibTeX file (Zotero imports it as is)',
            },
          },
        },
      },
    },
    digest: {
      name: 'digest',
      description: 'Today’s digests, or post this channel’s digest now',
      options: {
        today: {
          name: 'today',
          description: 'What was posted today (or on a date) in this server, or a preview of today’s',
          options: {
            topic: {
              name: 'topic',
              description: 'Only this topic',
            },
            date: {
              name: 'date',
              description: 'Another day (YYYY-MM-DD)',
            },
          },
        },
        run: {
          name: 'run',
          description: 'Post the digest for this channel’s subscriptions now (moderators)',
          options: {
            topic: {
              name: 'topic',
              description: 'Only this topic',
            },
          },
        },
        why: {
          name: 'why',
          description: 'Why a paper was or was not posted in this server (moderators)',
          options: {
            id: {
              name: 'id',
              description: 'arXiv id or link',
            },
          },
        },
      },
    },
    topic: {
      name: 'topic',
      description: 'Topics: arXiv categories plus a keyword query',
      options: {
        add: {
          name: 'add',
          description: 'Create a topic, or add a ready-made one with catalog:',
          options: {
            slug: {
              name: 'slug',
              description: 'Short id of the topic (a-z, 0-9, -)',
            },
            name: {
              name: 'name',
              description: 'Display name (any language)',
            },
            categories: {
              name: 'categories',
              description: 'arXiv categories, comma-separated: cs.LG, cs.CV, stat',
            },
            query: {
              name: 'query',
              description: 'Keyword query: words, "phrases", OR, -word, ti: abs: au: cat:',
            },
            cross_lists: {
              name: 'cross_lists',
              description: 'Include cross-listed papers (default yes)',
            },
            updates: {
              name: 'updates',
              description: 'Include new versions of papers (default no)',
            },
            color: {
              name: 'color',
              description: 'Embed colour: #RRGGBB or #RGB',
            },
            images: {
              name: 'images',
              description: 'Show each paper’s first figure (default yes)',
            },
            catalog: {
              name: 'catalog',
              description: 'Add a ready-made topic from the catalog',
            },
          },
        },
        edit: {
          name: 'edit',
          description: 'Change a topic',
          options: {
            slug: {
              name: 'slug',
              description: 'Short id of the topic (a-z, 0-9, -)',
            },
            name: {
              name: 'name',
              description: 'Display name (any language)',
            },
            categories: {
              name: 'categories',
              description: 'arXiv categories, comma-separated: cs.LG, cs.CV, stat',
            },
            query: {
              name: 'query',
              description: 'Keyword query: words, "phrases", OR, -word, ti: abs: au: cat:',
            },
            cross_lists: {
              name: 'cross_lists',
              description: 'Include cross-listed papers (default yes)',
            },
            updates: {
              name: 'updates',
              description: 'Include new versions of papers (default no)',
            },
            color: {
              name: 'color',
              description: 'Embed colour: #RRGGBB or #RGB',
            },
            images: {
              name: 'images',
              description: 'Show each paper’s first figure (default yes)',
            },
          },
        },
        remove: {
          name: 'remove',
          description: 'Delete a topic and end its subscriptions',
          options: {
            slug: {
              name: 'slug',
              description: 'Short id of the topic (a-z, 0-9, -)',
            },
          },
        },
        list: {
          name: 'list',
          description: 'Topics of this server',
        },
        show: {
          name: 'show',
          description: 'One topic, with a preview of matching recent papers',
          options: {
            slug: {
              name: 'slug',
              description: 'Short id of the topic (a-z, 0-9, -)',
            },
          },
        },
      },
    },
    subscription: {
      name: 'subscription',
      description: 'Which channels get which topics’ digests',
      options: {
        add: {
          name: 'add',
          description: 'Subscribe a channel to a topic',
          options: {
            topic: {
              name: 'topic',
              description: 'Topic to post',
            },
            channel: {
              name: 'channel',
              description: 'Channel (default: this one)',
            },
            mention: {
              name: 'mention',
              description: 'Role to mention with each digest',
            },
            max_papers: {
              name: 'max_papers',
              description: 'At most this many papers per digest (1–100, default 25)',
            },
            thread: {
              name: 'thread',
              description: 'Open a thread per digest (text channels; forums always get a post)',
            },
          },
        },
        remove: {
          name: 'remove',
          description: 'Unsubscribe a channel from a topic',
          options: {
            topic: {
              name: 'topic',
              description: 'Topic',
            },
            channel: {
              name: 'channel',
              description: 'Channel (default: this one)',
            },
          },
        },
        list: {
          name: 'list',
          description: 'Subscriptions of this server',
        },
      },
    },
    settings: {
      name: 'settings',
      description: 'Server settings: schedule, time zone, abstract length, paper cap, venue updates',
      options: {
        show: {
          name: 'show',
          description: 'Show this server’s settings',
        },
        set: {
          name: 'set',
          description: 'Change this server’s settings',
          options: {
            schedule: {
              name: 'schedule',
              description: 'Cron expression, e.g. 30 7 * * 1-5 (07:30 Monday–Friday)',
            },
            timezone: {
              name: 'timezone',
              description: 'IANA time zone, e.g. Europe/Berlin',
            },
            abstract_length: {
              name: 'abstract_length',
              description: 'Characters of abstract per paper (100–4000)',
            },
            max_papers: {
              name: 'max_papers',
              description: 'Default paper cap per digest (1–100)',
            },
            venue_updates: {
              name: 'venue_updates',
              description: 'Tell a channel when a paper posted there is accepted at a venue (default on)',
            },
            language: {
              name: 'language',
              description: 'Language of digests and notices (default: the server’s own)',
            },
          },
        },
      },
    },
    follow: {
      name: 'follow',
      description: 'Your own follows: new papers by an author or on a subject, by direct message',
      options: {
        add: {
          name: 'add',
          description: 'Follow an author, a topic query or categories (any of them; all must match)',
          options: {
            author: {
              name: 'author',
              description: 'Author as on arXiv, e.g. Yann LeCun',
            },
            query: {
              name: 'query',
              description: 'Topic query, e.g. "contrastive learning" OR self-supervis*',
            },
            categories: {
              name: 'categories',
              description: 'arXiv categories, e.g. cs.LG stat.ML',
            },
          },
        },
        list: {
          name: 'list',
          description: 'Your follows (only you see them)',
        },
        remove: {
          name: 'remove',
          description: 'Stop following something',
          options: {
            follow: {
              name: 'follow',
              description: 'Which follow (see /follow list)',
            },
          },
        },
        pause: {
          name: 'pause',
          description: 'Stop direct messages (your follows are kept)',
        },
        resume: {
          name: 'resume',
          description: 'Direct messages on again',
        },
      },
    },
    privacy: {
      name: 'privacy',
      description: 'Your own data in Paperboy: export it or delete it (only you see the answers)',
      options: {
        export: {
          name: 'export',
          description: 'Everything Paperboy keeps about you, as a JSON file',
        },
        delete: {
          name: 'delete',
          description: 'Delete everything Paperboy keeps about you (asks to confirm)',
        },
      },
    },
  },

  // ── catalogTopics: Names and descriptions of the ready-made topics (config/catalog.ts).
  catalogTopics: {
    contrastive: {
      name: '无监督/半监督/对比学习 · Unsupervised / semi-supervised / contrastive learning',
      description:
        'Learning from unlabelled or partly labelled data: self-supervised and contrastive pre-training, pseudo-labels, masked modelling.',
    },
    llm: {
      name: 'Large language models',
      description: 'LLMs: training, alignment, prompting and reasoning, retrieval augmentation, evaluation.',
    },
    diffusion: {
      name: 'Diffusion & score-based generative models',
      description: 'Denoising diffusion, score matching, flow matching and consistency models, for images and beyond.',
    },
    rl: {
      name: 'Reinforcement learning',
      description: 'Policy optimisation, value-based and model-based RL, offline RL, bandits.',
    },
    'graph-ml': {
      name: 'Machine learning on graphs',
      description: 'Graph neural networks, graph transformers, message passing, node and link prediction.',
    },
    'quantum-computing': {
      name: 'Quantum computing',
      description: 'Quantum algorithms, circuits and hardware, error correction and fault tolerance.',
    },
    exoplanets: {
      name: 'Exoplanets',
      description: 'Detection and characterisation of planets beyond the Solar System, and where they form.',
    },
    gw: {
      name: 'Gravitational waves',
      description: 'Sources, detectors and data analysis: LIGO–Virgo–KAGRA, LISA, pulsar timing arrays.',
    },
    topology: {
      name: 'Topology',
      description:
        'Everything in geometric and algebraic topology, plus knots, manifolds and homotopy theory cross-listed from nearby fields.',
    },
    robotics: {
      name: 'Robot learning · manipulation, locomotion, embodied AI',
      description:
        'Learning-based robotics: manipulation and grasping, legged and humanoid locomotion, imitation learning, sim-to-real.',
    },
    interpretability: {
      name: 'Interpretability & explainability',
      description: 'Mechanistic interpretability, attribution and probing, concept-based and post-hoc explanations.',
    },
    'cond-mat-ml': {
      name: 'Machine learning for condensed matter & materials',
      description: 'Neural-network potentials, neural quantum states, ML-driven materials discovery and simulation.',
    },
  },
} as const;

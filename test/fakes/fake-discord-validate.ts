/**
 * Request-body validation with Discord's limits and error codes (docs/discord.md §1, §3, §4, §5).
 * Lengths are JS string lengths (UTF-16 units), the conservative side of Discord's counting.
 */
import { isRecord, type IssueList, type IssuePath, type JsonObject } from './fake-discord-util.js';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  nonce: 25,
  rows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectValues: 25,
  optionText: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  HasThread: 1 << 5,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  ComponentsV2: 1 << 15,
} as const;

const maxLength = (n: number): [string, string] => ['BASE_TYPE_MAX_LENGTH', `Must be ${n} or fewer in length.`];
const badLength = (a: number, b: number): [string, string] => [
  'BASE_TYPE_BAD_LENGTH',
  `Must be between ${a} and ${b} in length.`,
];
const REQUIRED: [string, string] = ['BASE_TYPE_REQUIRED', 'This field is required'];

function add(issues: IssueList, path: IssuePath, [code, message]: [string, string]): void {
  issues.add(path, code, message);
}

/** Checks an optional/required embed text and returns its trimmed length for the 6000 total. */
function embedText(issues: IssueList, value: unknown, path: IssuePath, max: number, required: boolean): number {
  if (value === undefined || value === null) {
    if (required) add(issues, path, REQUIRED);
    return 0;
  }
  if (typeof value !== 'string') {
    issues.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return 0;
  }
  const length = value.trim().length;
  if (required && length === 0) add(issues, path, REQUIRED);
  else if (length > max) add(issues, path, maxLength(max));
  return length;
}

function checkUrl(
  issues: IssueList,
  value: unknown,
  path: IssuePath,
  allowAttachment: boolean,
  required = false,
): void {
  if (value === undefined || value === null) {
    if (required) add(issues, path, REQUIRED);
    return;
  }
  if (typeof value !== 'string') {
    issues.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    issues.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    return;
  }
  const schemes = allowAttachment ? ['http:', 'https:', 'attachment:'] : ['http:', 'https:'];
  if (!schemes.includes(url.protocol)) {
    issues.add(
      path,
      'URL_TYPE_INVALID_SCHEME',
      `Scheme "${url.protocol.replace(':', '')}" is not supported. Scheme must be one of (${schemes
        .map((s) => `'${s.replace(':', '')}'`)
        .join(', ')}).`,
    );
  }
}

export function validateEmbeds(issues: IssueList, embeds: unknown, at: IssuePath): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    issues.add(at, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (embeds.length > LIMITS.embeds) add(issues, at, maxLength(LIMITS.embeds));
  let total = 0;
  embeds.forEach((embed: unknown, index) => {
    const p = [...at, index];
    if (!isRecord(embed)) {
      issues.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    total += embedText(issues, embed['title'], [...p, 'title'], LIMITS.title, false);
    total += embedText(issues, embed['description'], [...p, 'description'], LIMITS.description, false);
    checkUrl(issues, embed['url'], [...p, 'url'], false);
    const color = embed['color'];
    if (color !== undefined && color !== null) {
      if (typeof color !== 'number' || !Number.isInteger(color) || color < 0) {
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any JSON value, printed as Discord prints it
        issues.add([...p, 'color'], 'NUMBER_TYPE_COERCE', `Value "${String(color)}" is not int.`);
      } else if (color > 0xffffff) {
        issues.add([...p, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
      }
    }
    const fields = embed['fields'];
    if (fields !== undefined && fields !== null) {
      if (!Array.isArray(fields)) {
        issues.add([...p, 'fields'], 'BASE_TYPE_ARRAY', 'Must be an array.');
      } else {
        if (fields.length > LIMITS.fields) add(issues, [...p, 'fields'], maxLength(LIMITS.fields));
        fields.forEach((field: unknown, f) => {
          const fp = [...p, 'fields', f];
          if (!isRecord(field)) {
            issues.add(fp, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
            return;
          }
          total += embedText(issues, field['name'], [...fp, 'name'], LIMITS.fieldName, true);
          total += embedText(issues, field['value'], [...fp, 'value'], LIMITS.fieldValue, true);
        });
      }
    }
    const footer = embed['footer'];
    if (isRecord(footer)) {
      total += embedText(issues, footer['text'], [...p, 'footer', 'text'], LIMITS.footer, true);
      checkUrl(issues, footer['icon_url'], [...p, 'footer', 'icon_url'], true);
    }
    const author = embed['author'];
    if (isRecord(author)) {
      total += embedText(issues, author['name'], [...p, 'author', 'name'], LIMITS.authorName, true);
      checkUrl(issues, author['url'], [...p, 'author', 'url'], false);
      checkUrl(issues, author['icon_url'], [...p, 'author', 'icon_url'], true);
    }
    for (const key of ['image', 'thumbnail'] as const) {
      const media = embed[key];
      if (isRecord(media)) checkUrl(issues, media['url'], [...p, key, 'url'], true, true);
    }
  });
  if (total > LIMITS.embedTotal) {
    issues.add(at, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
}

function checkCustomId(issues: IssueList, value: unknown, path: IssuePath, seen: Set<string>): void {
  if (typeof value !== 'string' || value.length < 1 || value.length > LIMITS.customId) {
    add(issues, path, badLength(1, LIMITS.customId));
    return;
  }
  if (seen.has(value)) issues.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  seen.add(value);
}

function optionalText(issues: IssueList, value: unknown, path: IssuePath, min: number, max: number): void {
  if (value === undefined || value === null) {
    if (min > 0) add(issues, path, REQUIRED);
    return;
  }
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    add(issues, path, min > 0 ? badLength(min, max) : maxLength(max));
  }
}

/** A select's `min_values` (at least 0) or `max_values` (at least 1), at most 25; null when absent or invalid. */
function selectCount(issues: IssueList, value: unknown, path: IssuePath, lowest: number): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any JSON value, printed as Discord prints it
    issues.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
    return null;
  }
  if (value < lowest) {
    issues.add(path, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${lowest}.`);
    return null;
  }
  if (value > LIMITS.selectValues) {
    issues.add(path, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${LIMITS.selectValues}.`);
    return null;
  }
  return value;
}

/** String, user, role, mentionable and channel selects. */
export const SELECT_TYPES: ReadonlySet<number> = new Set([3, 5, 6, 7, 8]);

function validateInteractive(issues: IssueList, component: JsonObject, path: IssuePath, seen: Set<string>): void {
  const type = component['type'];
  if (type === 2) {
    const style = component['style'];
    if (style === 5) {
      checkUrl(issues, component['url'], [...path, 'url'], false, true);
      if (component['custom_id'] !== undefined) {
        issues.add(
          [...path, 'custom_id'],
          'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
          'A custom id cannot be set on a link button',
        );
      }
    } else if (style !== 6) {
      checkCustomId(issues, component['custom_id'], [...path, 'custom_id'], seen);
    }
    if (component['label'] !== undefined)
      optionalText(issues, component['label'], [...path, 'label'], 0, LIMITS.buttonLabel);
  } else if (typeof type === 'number' && SELECT_TYPES.has(type)) {
    checkCustomId(issues, component['custom_id'], [...path, 'custom_id'], seen);
    optionalText(issues, component['placeholder'], [...path, 'placeholder'], 0, 150);
    const min = selectCount(issues, component['min_values'], [...path, 'min_values'], 0);
    const max = selectCount(issues, component['max_values'], [...path, 'max_values'], 1);
    if (min !== null && max !== null && min > max) {
      issues.add([...path, 'min_values'], 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
    }
    if (type === 3) {
      const options = component['options'];
      if (!Array.isArray(options) || options.length < 1 || options.length > LIMITS.selectOptions) {
        add(issues, [...path, 'options'], badLength(1, LIMITS.selectOptions));
      } else {
        const values = new Set<unknown>();
        options.forEach((option: unknown, o) => {
          const op = [...path, 'options', o];
          if (!isRecord(option)) {
            issues.add(op, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
            return;
          }
          optionalText(issues, option['label'], [...op, 'label'], 1, LIMITS.optionText);
          optionalText(issues, option['value'], [...op, 'value'], 1, LIMITS.optionText);
          optionalText(issues, option['description'], [...op, 'description'], 0, LIMITS.optionText);
          if (values.has(option['value'])) {
            issues.add(
              [...op, 'value'],
              'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
              'Select component option values must be unique',
            );
          }
          values.add(option['value']);
        });
        // Nobody could pick more values than there are options.
        if (max !== null && max > options.length) {
          issues.add(
            [...path, 'max_values'],
            'NUMBER_TYPE_MAX',
            `int value should be less than or equal to ${options.length}.`,
          );
        }
      }
    }
  }
}

/** Components V2 nest freely; only ids and interactive pieces are checked. */
function walkV2(issues: IssueList, list: unknown[], path: IssuePath, seen: Set<string>): void {
  list.forEach((component: unknown, i) => {
    if (!isRecord(component)) return;
    const p = [...path, i];
    validateInteractive(issues, component, p, seen);
    if (Array.isArray(component['components'])) walkV2(issues, component['components'], [...p, 'components'], seen);
    if (isRecord(component['accessory']))
      validateInteractive(issues, component['accessory'], [...p, 'accessory'], seen);
  });
}

export function validateComponents(issues: IssueList, components: unknown, at: IssuePath, flags: number): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    issues.add(at, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  const seen = new Set<string>();
  if (flags & MessageFlag.ComponentsV2) {
    walkV2(issues, components, at, seen);
    return;
  }
  if (components.length > LIMITS.rows) add(issues, at, maxLength(LIMITS.rows));
  components.forEach((row: unknown, r) => {
    const rp = [...at, r];
    if (!isRecord(row) || row['type'] !== 1) {
      issues.add([...rp, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    const children = row['components'];
    if (!Array.isArray(children) || children.length < 1 || children.length > LIMITS.rowButtons) {
      add(issues, [...rp, 'components'], badLength(1, LIMITS.rowButtons));
      return;
    }
    const hasSelect = children.some(
      (c: unknown) => isRecord(c) && typeof c['type'] === 'number' && SELECT_TYPES.has(c['type']),
    );
    if (hasSelect && children.length > 1) {
      issues.add(
        [...rp, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    children.forEach((child: unknown, c) => {
      if (isRecord(child)) validateInteractive(issues, child, [...rp, 'components', c], seen);
    });
  });
}

function validateAllowedMentions(issues: IssueList, value: unknown, at: IssuePath): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    issues.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const parse = Array.isArray(value['parse']) ? (value['parse'] as unknown[]) : [];
  for (const key of ['users', 'roles'] as const) {
    const list = value[key];
    if (!Array.isArray(list)) continue;
    if (list.length > 100) add(issues, [...at, key], maxLength(100));
    if (list.length > 0 && parse.includes(key)) {
      issues.add(
        at,
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`,
      );
    }
  }
}

/**
 * Field checks shared by every way of writing a message (channel message, thread starter, interaction
 * callback, webhook edit/follow-up). `at` prefixes every issue path (e.g. `['data']`).
 */
export function validateMessageBody(issues: IssueList, body: JsonObject, at: IssuePath = []): void {
  const content = body['content'];
  if (content !== undefined && content !== null) {
    if (typeof content !== 'string') issues.add([...at, 'content'], 'BASE_TYPE_STRING', 'Must be a string.');
    else if (content.length > LIMITS.content) add(issues, [...at, 'content'], maxLength(LIMITS.content));
  }
  const nonce = body['nonce'];
  if (nonce !== undefined && nonce !== null) {
    if (typeof nonce === 'string') {
      if (nonce.length > LIMITS.nonce) add(issues, [...at, 'nonce'], maxLength(LIMITS.nonce));
    } else if (typeof nonce !== 'number' || !Number.isSafeInteger(nonce)) {
      issues.add([...at, 'nonce'], 'BASE_TYPE_NONCE', 'Must be an integer or a string of at most 25 characters.');
    }
  }
  const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  validateEmbeds(issues, body['embeds'], [...at, 'embeds']);
  validateComponents(issues, body['components'], [...at, 'components'], flags);
  validateAllowedMentions(issues, body['allowed_mentions'], [...at, 'allowed_mentions']);
  if (flags & MessageFlag.ComponentsV2) {
    for (const key of ['content', 'embeds'] as const) {
      const v = body[key];
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '') {
        issues.add(
          [...at, key],
          'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
          `The '${key}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
        );
      }
    }
  }
}

export interface MessageShape {
  content: string;
  embeds: readonly unknown[];
  components: readonly unknown[];
  attachments: readonly unknown[];
  stickers?: readonly unknown[];
  poll?: unknown;
}

/** Discord refuses (50006) a message with no visible part; whitespace-only content counts as empty. */
export function isEmptyMessage(message: MessageShape): boolean {
  return (
    message.content.trim().length === 0 &&
    message.embeds.length === 0 &&
    message.components.length === 0 &&
    message.attachments.length === 0 &&
    (message.stickers?.length ?? 0) === 0 &&
    (message.poll === undefined || message.poll === null)
  );
}

export function validateChoices(issues: IssueList, data: unknown, at: IssuePath): void {
  if (!isRecord(data)) {
    add(issues, at, REQUIRED);
    return;
  }
  const choices = data['choices'];
  if (!Array.isArray(choices)) {
    add(issues, [...at, 'choices'], REQUIRED);
    return;
  }
  if (choices.length > LIMITS.choices) add(issues, [...at, 'choices'], maxLength(LIMITS.choices));
  choices.forEach((choice: unknown, i) => {
    const p = [...at, 'choices', i];
    if (!isRecord(choice)) {
      issues.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    optionalText(issues, choice['name'], [...p, 'name'], 1, LIMITS.choiceName);
    const value = choice['value'];
    if (typeof value === 'string') {
      if (value.length > LIMITS.choiceValue) add(issues, [...p, 'value'], maxLength(LIMITS.choiceValue));
    } else if (typeof value !== 'number') {
      add(issues, [...p, 'value'], REQUIRED);
    }
  });
}

export function validateThreadName(issues: IssueList, name: unknown, at: IssuePath = ['name']): void {
  if (name === undefined || name === null) add(issues, at, REQUIRED);
  else if (typeof name !== 'string' || name.length < 1 || name.length > 100) add(issues, at, badLength(1, 100));
}

export function validateAutoArchive(issues: IssueList, value: unknown): void {
  if (value === undefined || value === null) return;
  if (![60, 1440, 4320, 10080].includes(value as number)) {
    issues.add(['auto_archive_duration'], 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
  }
}

// Application command definitions (docs/discord.md §3).
const NAME_RE = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkCommandName(issues: IssueList, name: unknown, path: IssuePath, lowercase: boolean): void {
  if (typeof name !== 'string' || !NAME_RE.test(name) || (lowercase && name !== name.toLowerCase())) {
    issues.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function textSize(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (isRecord(value)) return Object.values(value).reduce<number>((n, v) => n + textSize(v), 0);
  return 0;
}

function optionSize(option: JsonObject): number {
  let size = textSize(option['name']) + textSize(option['description']);
  size += textSize(option['name_localizations']) + textSize(option['description_localizations']);
  for (const choice of Array.isArray(option['choices']) ? option['choices'] : []) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any JSON value, printed as Discord prints it
    if (isRecord(choice)) size += textSize(choice['name']) + textSize(String(choice['value'] ?? ''));
  }
  for (const child of Array.isArray(option['options']) ? option['options'] : []) {
    if (isRecord(child)) size += optionSize(child);
  }
  return size;
}

function validateOptions(issues: IssueList, options: unknown, at: IssuePath, parentType: number): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    issues.add(at, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) add(issues, at, maxLength(25));
  let sawOptional = false;
  let sawSub = false;
  let sawPlain = false;
  const names = new Set<string>();
  options.forEach((option: unknown, i) => {
    const p = [...at, i];
    if (!isRecord(option)) return;
    const type = option['type'];
    checkCommandName(issues, option['name'], [...p, 'name'], true);
    if (typeof option['name'] === 'string') {
      if (names.has(option['name'])) {
        issues.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      }
      names.add(option['name']);
    }
    optionalText(issues, option['description'], [...p, 'description'], 1, 100);
    if (typeof type !== 'number' || type < 1 || type > 11) {
      issues.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.');
      return;
    }
    const isSub = type === 1 || type === 2;
    if (isSub) sawSub = true;
    else sawPlain = true;
    if (parentType === 2 && type !== 1) {
      issues.add(
        [...p, 'type'],
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Sub-command groups may only contain sub-commands',
      );
    }
    if (parentType === 1 && isSub) {
      issues.add([...p, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands cannot be nested');
    }
    if (isSub) {
      validateOptions(issues, option['options'], [...p, 'options'], type);
      return;
    }
    if (option['required'] === true) {
      if (sawOptional) {
        issues.add(
          at,
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
    } else {
      sawOptional = true;
    }
    const choices = option['choices'];
    if (Array.isArray(choices)) {
      if (option['autocomplete'] === true && choices.length > 0) {
        issues.add(
          [...p, 'autocomplete'],
          'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES',
          'Autocomplete cannot be set on options with choices',
        );
      }
      validateChoices(issues, { choices }, p);
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const v = option[key];
      if (v !== undefined && (typeof v !== 'number' || v < (key === 'min_length' ? 0 : 1) || v > 6000)) {
        issues.add([...p, key], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 6000.');
      }
    }
  });
  if (sawSub && sawPlain) {
    issues.add(
      at,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-commands and groups cannot be mixed with other options',
    );
  }
}

/** Validates a bulk-overwrite body; issue paths start with the command's index, as Discord's do. */
export function validateCommandList(issues: IssueList, list: unknown): void {
  if (!Array.isArray(list)) {
    issues.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  const seen = new Set<string>();
  let chatInput = 0;
  list.forEach((command: unknown, i) => {
    if (!isRecord(command)) {
      issues.add([i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    const type = typeof command['type'] === 'number' ? command['type'] : 1;
    if (type === 1) chatInput += 1;
    checkCommandName(issues, command['name'], [i, 'name'], type === 1);
    const key = `${type}:${String(command['name'])}`;
    if (seen.has(key))
      issues.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    seen.add(key);
    if (type === 1) optionalText(issues, command['description'], [i, 'description'], 1, 100);
    validateOptions(issues, command['options'], [i, 'options'], 0);
    const dmp = command['default_member_permissions'];
    if (dmp !== undefined && dmp !== null && (typeof dmp !== 'string' || !/^\d+$/.test(dmp))) {
      issues.add([i, 'default_member_permissions'], 'BASE_TYPE_STRING', 'Must be a permission bitfield string.');
    }
    if (optionSize(command) > 8000) {
      issues.add([i], 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (8000)');
    }
  });
  if (chatInput > 100) add(issues, [], maxLength(100));
}

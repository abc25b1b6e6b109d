import { DEFAULT_LOCALE, t, translator, type Locale, type MessageKey, type VarsArg } from './i18n/index.js';

/**
 * An expected refusal (bad input, unknown topic, a limit): shown to the user as a short ephemeral
 * message by the interaction router, not logged as an error. Services throw it; only the router
 * and the commands turn it into a reply.
 */
export class UserError extends Error {
  override name = 'UserError';
  /** The catalog message it was made from (UserError.of); an error made from a plain text shows that text. */
  readonly text: { key: MessageKey; vars: Record<string, unknown> | undefined } | undefined;

  constructor(message: string, options?: ErrorOptions & { text?: UserError['text'] }) {
    super(message, options);
    this.text = options?.text;
  }

  /** A refusal in the catalog's words: `message` holds the English text (for logs), messageIn any locale's. */
  static of<K extends MessageKey>(key: K, ...vars: VarsArg<K>): UserError {
    return new UserError(t(DEFAULT_LOCALE, key, ...vars), { text: { key, vars: vars[0] } });
  }

  /** What to tell the user, in their locale. */
  messageIn(locale: Locale): string {
    if (this.text === undefined) return this.message;
    const { key, vars } = this.text;
    return (translator(locale) as (key: MessageKey, vars?: Record<string, unknown>) => string)(key, vars);
  }
}

/**
 * A refusal written from several catalog messages (a list of problems, a message around another one): `compose`
 * runs again in the reader's locale.
 */
export class ComposedUserError extends UserError {
  constructor(private readonly compose: (locale: Locale) => string) {
    super(compose(DEFAULT_LOCALE));
  }

  /** Several refusals as one, a line each. */
  static lines(errors: readonly UserError[]): ComposedUserError {
    return new ComposedUserError((locale) => errors.map((e) => e.messageIn(locale)).join('\n'));
  }

  override messageIn(locale: Locale): string {
    return this.compose(locale);
  }
}

/** The message of anything thrown: an Error's message, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The `code` of anything thrown (Node's `ECONNRESET`, a driver's SQLSTATE), when it has a string one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The `name` of anything thrown, when it is an Error. */
export function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

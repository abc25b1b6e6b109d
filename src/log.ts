import pino, { type Logger } from 'pino';

export type { Logger };

// A bot token: base64 of the bot's id, a timestamp part and an HMAC, dot-separated.
const BOT_TOKEN = /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}/g;
// Interaction and webhook tokens travel in URL paths (`/interactions/<id>/<token>/callback`,
// `/webhooks/<application id>/<token>/messages/@original`), and error objects carry those URLs.
const PATH_TOKEN = /(\/(?:interactions|webhooks)\/\d{17,20}\/)[^/?#"\s\\]+/g;

/** Remove every bot, interaction or webhook token from a line of log output, wherever it sits in it. */
export function scrubSecrets(line: string): string {
  return line.replace(BOT_TOKEN, '[redacted]').replace(PATH_TOKEN, '$1[redacted]');
}

/** Structured logs on stderr, so that the CLI's stdout stays clean for `--json`. */
export function createLogger(level: string = 'info'): Logger {
  return pino(
    {
      level,
      base: { app: 'paperboy' },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'err.requestBody.json.token'],
        censor: '[redacted]',
      },
      // Paths cannot reach a token inside an error's message, URL or stack: scrub the written line too.
      hooks: { streamWrite: scrubSecrets },
    },
    pino.destination(2),
  );
}

/** A logger that drops everything, for tests and library defaults. */
export const silentLogger: Logger = pino({ level: 'silent' });

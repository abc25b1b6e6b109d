import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

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

/** `json`: one JSON object per line (for machines and log shippers); `pretty`: one readable line per entry. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  /** Default `json`. */
  format?: LogFormat;
  /** Where lines go; default stderr (fd 2), so that the CLI's stdout stays clean for `--json`. */
  destination?: NodeJS.WritableStream;
  /** Colours in `pretty` lines; default when the destination is a terminal. */
  colorize?: boolean;
}

/** Readable on a terminal, JSON otherwise or when asked: how the CLI and the bot pick their log format. */
export function chooseLogFormat(options: { json: boolean; isTTY: boolean | undefined }): LogFormat {
  return options.json || !options.isTTY ? 'json' : 'pretty';
}

/**
 * A pino-pretty stream, in this process and synchronous, so that nothing is lost when a command exits. Loaded
 * only when asked for: the bot under a process manager logs JSON and never pays for it.
 */
function prettyStream(destination: NodeJS.WritableStream | number, colorize: boolean): DestinationStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pretty({
    destination,
    sync: true,
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app',
    singleLine: true,
  });
}

/** Structured logs on stderr, so that the CLI's stdout stays clean for `--json`. Secrets never reach the output. */
export function createLogger(level: string = 'info', options: LoggerOptions = {}): Logger {
  const target = options.destination;
  const isTTY = (target ?? process.stderr) as { isTTY?: boolean };
  const destination =
    options.format === 'pretty'
      ? prettyStream(target ?? 2, options.colorize ?? isTTY.isTTY === true)
      : // Synchronous: a line is on stderr before the next statement runs (and before a crash or exit), in order
        // with what the process writes itself; the bot logs a few lines per digest, not enough for this to cost.
        (target ?? pino.destination({ dest: 2, sync: true }));
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
    destination,
  );
}

/** A logger that drops everything, for tests and library defaults. */
export const silentLogger: Logger = pino({ level: 'silent' });

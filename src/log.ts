import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured logs on stderr, so that the CLI's stdout stays clean for `--json`. */
export function createLogger(level: string = 'info'): Logger {
  return pino(
    {
      level,
      base: { app: 'paperboy' },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}

/** A logger that drops everything, for tests and library defaults. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** A mistake in the command line: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Writes CLI output on stdout: JSON lines with --json, text otherwise. Logs and notes go to stderr. */
export function printer(json: boolean) {
  return {
    json,
    line: (text: string) => process.stdout.write(`${text}\n`),
    record: (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`),
  };
}

export type Printer = ReturnType<typeof printer>;

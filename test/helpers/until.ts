/**
 * The one polling helper of the tests: wait until `check` returns something other than
 * undefined or false (sync or async), and get that value back.
 */

export interface UntilOptions {
  /** How often `check` runs, in ms. Default 5. */
  everyMs?: number;
  /** On timeout resolve with false instead of throwing (the caller goes on either way). */
  orFalse?: boolean;
}

type Check<T> = () => T | undefined | false | PromiseLike<T | undefined | false>;

/**
 * Resolves with the first value of `check` that is neither undefined nor false, polling every
 * few ms. Rejects with "timed out after N ms waiting for <what>" after `timeoutMs` (or resolves
 * false with `orFalse`); an exception from `check` rejects at once.
 */
export function until<T>(
  check: Check<T>,
  timeoutMs: number,
  what: string,
  options: UntilOptions & { orFalse: true },
): Promise<T | false>;
export function until<T>(check: Check<T>, timeoutMs?: number, what?: string, options?: UntilOptions): Promise<T>;
export async function until<T>(
  check: Check<T>,
  timeoutMs = 2000,
  what = 'a condition',
  options: UntilOptions = {},
): Promise<T | false> {
  const { everyMs = 5, orFalse = false } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) {
      if (orFalse) return false;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

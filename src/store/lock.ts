/** Runs tasks one at a time per key, in the order they were queued; a failed task does not block the next. */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Resolves once everything queued so far (under any key) has finished. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}

const owned = new WeakMap<object, KeyedMutex>();

/**
 * The one KeyedMutex of `owner` (a store, a running app), made on first use: separate objects
 * working on the same owner queue on the same locks.
 */
export function mutexOf(owner: object): KeyedMutex {
  let mutex = owned.get(owner);
  if (!mutex) {
    mutex = new KeyedMutex();
    owned.set(owner, mutex);
  }
  return mutex;
}

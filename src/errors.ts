/**
 * An expected refusal (bad input, unknown topic, a limit): shown to the user as a short ephemeral
 * message by the interaction router, not logged as an error. Services throw it; only the router
 * and the commands turn it into a reply.
 */
export class UserError extends Error {
  override name = 'UserError';
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

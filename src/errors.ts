/**
 * An expected refusal (bad input, unknown topic, a limit): shown to the user as a short ephemeral
 * message by the interaction router, not logged as an error. Services throw it; only the router
 * and the commands turn it into a reply.
 */
export class UserError extends Error {
  override name = 'UserError';
}

// How long the store lets a call to the payment provider take, and how much one sweep takes on, named once.

/**
 * A payment read while someone waits: the shopper on /success (the read must leave room for the
 * confirm) or the provider for a webhook's answer (inside its 10 s, with the lock wait and the database
 * work around the read).
 */
export const WAITED_READ_DEADLINE_MS = 5_000;

/** A payment read or confirm in the background (the sweeper), where nobody waits but a sweep must end. */
export const BACKGROUND_CALL_DEADLINE_MS = 10_000;

/** Rows one sweep takes of each kind (unpaid orders, stuck confirms, due virtual accounts, pending refunds). */
export const SWEEP_BATCH_SIZE = 50;

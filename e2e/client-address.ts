/**
 * The e2e store runs as if behind a proxy that names the client in this header: a spec that tests
 * a per-address rule sends an address of its own, so the rest of the suite, all from 127.0.0.1,
 * neither fills its count nor is held back by it. Requests without the header have no address,
 * and per-address limits skip them.
 */
export const E2E_CLIENT_ADDRESS_HEADER = "x-e2e-client-address";

/** Unpaid orders holding stock one address may have open in the e2e store. */
export const E2E_UNPAID_ORDERS_PER_ADDRESS = 2;

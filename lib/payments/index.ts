import "server-only";
import { tossClient } from "./toss/client";
import { createTossProvider } from "./toss/provider";
import type { PaymentProvider } from "./types";

export type * from "./types";

// The provider resolver: the one module outside lib/payments/<provider>/ that names a provider.
// A second provider adds its adapter folder and one entry here, chosen by configuration.

let toss: PaymentProvider | undefined;

/** The store's payment provider, configured from the environment on first use (TossPayments today). */
export function paymentProvider(): PaymentProvider {
  toss ??= createTossProvider(tossClient());
  return toss;
}

/** The provider that took a stored payment (payments.provider); today every payment is Toss's. */
export function providerOf(name: string): PaymentProvider {
  if (name !== "toss") throw new Error(`No payment provider named ${name} is configured`);
  return paymentProvider();
}

import type { PaymentProvider } from "@/lib/payments/types";
import type { TossClient } from "./client";
import { classifyTossError } from "./errors";
import { tossShopperFailureReason } from "./failures";
import { PROVIDER_LABEL, PROVIDER_NAME, snapshotOfRaw, toSnapshot } from "./snapshot";
import { parseTossWebhook, tossWebhookHeaders } from "./webhook";

/** TossPayments behind the store's payment interface (lib/payments/types.ts). */
export function createTossProvider(client: TossClient): PaymentProvider {
  return {
    name: PROVIDER_NAME,
    label: PROVIDER_LABEL,
    async confirm({ reference, orderId, amount }, options) {
      return toSnapshot(await client.confirmPayment({ paymentKey: reference, orderId, amount }, options));
    },
    async read(reference, options) {
      return toSnapshot(await client.getPayment(reference, options));
    },
    async readByOrder(orderId, options) {
      return toSnapshot(await client.getPaymentByOrderId(orderId, options));
    },
    async cancel(reference, { reason, amount, expectedBalance, refundAccount }, options) {
      const input = { cancelReason: reason, cancelAmount: amount, refundableAmount: expectedBalance, ...(refundAccount && { refundReceiveAccount: refundAccount }) };
      return toSnapshot(await client.cancelPayment(reference, input, options));
    },
    classifyError: classifyTossError,
    snapshotOf: snapshotOfRaw,
    shopperFailureReason: tossShopperFailureReason,
    webhooks: { parse: parseTossWebhook, headers: tossWebhookHeaders },
  };
}

import { expect } from "vitest";
import { TossError } from "@/lib/payments/toss/errors";

/** The TossError a call failed with; fails the test if it succeeded or threw something else. */
export async function tossFailure(promise: Promise<unknown>): Promise<TossError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TossError);
  return error as TossError;
}

/**
 * PostgreSQL's error code of a failed query, on either driver: postgres.js puts it on the error,
 * Drizzle wraps that error as its `cause`; PGlite does the same. Also the Node network codes
 * (ECONNREFUSED …) of a connection that failed.
 */
export function postgresErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

/** 23505 unique_violation: another row already holds this key. */
export function isUniqueViolation(error: unknown): boolean {
  return postgresErrorCode(error) === "23505";
}

/** 40P01 deadlock_detected, 40001 serialization_failure: the transaction did nothing and may run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code === "40P01" || code === "40001";
}

/** 55P03 lock_not_available: a lock_timeout (or NOWAIT) ran out waiting for a row lock. */
export function isLockTimeout(error: unknown): boolean {
  return postgresErrorCode(error) === "55P03";
}

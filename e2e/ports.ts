/**
 * Ports of the e2e run, apart from the dev defaults (3000/4100) so both can run at once;
 * E2E_APP_PORT / E2E_SANDBOX_PORT move them so that two checkouts can run their suites side by side.
 */
function portFrom(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
}

export const e2ePorts = {
  app: portFrom("E2E_APP_PORT", 3100),
  sandbox: portFrom("E2E_SANDBOX_PORT", 4200),
} as const;
export const e2eUrls = {
  app: `http://localhost:${e2ePorts.app}`,
  sandbox: `http://127.0.0.1:${e2ePorts.sandbox}`,
} as const;

/** Ports of the e2e run, apart from the dev defaults (3000/4100) so both can run at once. */
export const e2ePorts = { app: 3100, sandbox: 4200 } as const;
export const e2eUrls = {
  app: `http://localhost:${e2ePorts.app}`,
  sandbox: `http://127.0.0.1:${e2ePorts.sandbox}`,
} as const;

/**
 * The e2e build is made as one release of several servers would be (README, "Several instances behind a load balancer"):
 * with a fixed server-actions key and deployment id, so e2e/two-servers.spec.ts can start more
 * servers on it. Test values, for this build only.
 */
export const e2eRelease = {
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.from("jangteo-e2e-only-actions-key-32b").toString("base64"),
  NEXT_DEPLOYMENT_ID: "e2e",
} as const;

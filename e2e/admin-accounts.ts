/** Back-office accounts of the e2e store, created by e2e/start.ts before the server starts. */
export const adminAccounts = {
  owner: { email: "owner@e2e.jangteo.test", password: "owner-password-e2e", role: "owner" },
  staff: { email: "staff@e2e.jangteo.test", password: "staff-password-e2e", role: "staff" },
  // Locked out by its own test, so that the others keep signing in.
  lockout: { email: "lockout@e2e.jangteo.test", password: "lockout-password-e2e", role: "staff" },
} as const;

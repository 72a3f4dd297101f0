export async function register() {
  // Only the Node.js server process owns the database; builds never open it.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installSocketAddressHeader } = await import("./lib/client-address");
  installSocketAddressHeader();
  const { startServer } = await import("./lib/server-start");
  await startServer();
}

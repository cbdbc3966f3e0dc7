// Runs once when the server starts: fill an empty draft with homey's configuration and
// let long-lived services (the deploy runner) recover from a crash.
export async function register() {
  // NEXT_RUNTIME is Next's own (set per bundle at build time), not a homey-admin setting.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/startup");
  await startServer();
}

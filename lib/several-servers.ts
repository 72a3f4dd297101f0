import { readFileSync } from "node:fs";
import { join } from "node:path";

/** What of the running build start-up can compare with the configuration. */
export type BuildFacts = { buildId: string | null; deploymentId: string | null; actionsKey: string | null };

const deploymentIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Several servers behind one load balancer share one cache in Redis (REDIS_URL), and then must
 * be one release: the same server-actions key (a form rendered by one server is posted to
 * another), the same deployment id and the same build (the cache keys are the build's, and
 * next.config.mjs makes the deployment id the build id). Returns what is missing or differs, in
 * one line, or null. Without REDIS_URL a server runs alone and nothing here applies.
 */
export function severalServersProblem(source: Record<string, string | undefined>, build: BuildFacts): string | null {
  if (!source.REDIS_URL?.trim() || source.NODE_ENV !== "production") return null;
  const key = source.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY?.trim();
  const deploymentId = source.NEXT_DEPLOYMENT_ID?.trim();
  const intro = "REDIS_URL is set, so this server shares its cache with others:";
  if (!key) return `${intro} set NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (openssl rand -base64 32), the same on every server, before \`npm run build\` and \`npm start\``;
  const keyBytes = Buffer.from(key, "base64").length;
  if (![16, 24, 32].includes(keyBytes)) return `${intro} NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be 16, 24 or 32 bytes in base64 (openssl rand -base64 32)`;
  if (!deploymentId) return `${intro} set NEXT_DEPLOYMENT_ID (for example the release's git commit), the same on every server, before \`npm run build\` and \`npm start\``;
  if (!deploymentIdPattern.test(deploymentId)) return `${intro} NEXT_DEPLOYMENT_ID may hold only letters, digits, '.', '_' and '-' (up to 64)`;
  if (build.actionsKey !== null && build.actionsKey !== key) return `${intro} this build was made with another NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: build again with the one every server uses`;
  if (build.deploymentId !== deploymentId || build.buildId !== deploymentId) {
    return `${intro} this build was made with NEXT_DEPLOYMENT_ID=${build.deploymentId ?? "(unset)"}, not ${deploymentId}: build again with it set, or copy the one build to every server`;
  }
  return null;
}

/** Reads the facts from a `next build` output directory (`.next`); what is absent is null. */
export function readBuildFacts(distDir = join(process.cwd(), ".next")): BuildFacts {
  const read = (file: string): string | null => {
    try {
      return readFileSync(join(distDir, file), "utf8");
    } catch {
      return null;
    }
  };
  const json = (file: string): Record<string, unknown> | null => {
    const text = read(file);
    try {
      return text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const config = json("required-server-files.json")?.config as { deploymentId?: unknown } | undefined;
  const actions = json("server/server-reference-manifest.json");
  return {
    buildId: read("BUILD_ID")?.trim() ?? null,
    deploymentId: typeof config?.deploymentId === "string" && config.deploymentId ? config.deploymentId : null,
    actionsKey: typeof actions?.encryptionKey === "string" ? actions.encryptionKey : null,
  };
}

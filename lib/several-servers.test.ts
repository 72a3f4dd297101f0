import { describe, expect, it } from "vitest";
import { severalServersProblem, type BuildFacts } from "./several-servers";

const key = Buffer.alloc(32, 7).toString("base64");
const release = { REDIS_URL: "redis://127.0.0.1:6379", NODE_ENV: "production", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key, NEXT_DEPLOYMENT_ID: "r42" };
const build: BuildFacts = { buildId: "r42", deploymentId: "r42", actionsKey: key };

describe("start-up of one of several servers (REDIS_URL set)", () => {
  it("starts a server that is one release with the others", () => {
    expect(severalServersProblem(release, build)).toBeNull();
  });

  it("asks nothing of a server that runs alone, or of `next dev`", () => {
    expect(severalServersProblem({ NODE_ENV: "production" }, { buildId: "x", deploymentId: null, actionsKey: "other" })).toBeNull();
    expect(severalServersProblem({ ...release, NODE_ENV: "development", NEXT_DEPLOYMENT_ID: undefined }, build)).toBeNull();
  });

  it("refuses without one shared server-actions key, or with one the build was not made with", () => {
    expect(severalServersProblem({ ...release, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined }, build)).toMatch(/set NEXT_SERVER_ACTIONS_ENCRYPTION_KEY/);
    expect(severalServersProblem({ ...release, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "c2hvcnQ=" }, build)).toMatch(/16, 24 or 32 bytes/);
    expect(severalServersProblem(release, { ...build, actionsKey: Buffer.alloc(32, 8).toString("base64") })).toMatch(/another NEXT_SERVER_ACTIONS_ENCRYPTION_KEY/);
  });

  it("refuses without a deployment id, or on a build made for another one", () => {
    expect(severalServersProblem({ ...release, NEXT_DEPLOYMENT_ID: "" }, build)).toMatch(/set NEXT_DEPLOYMENT_ID/);
    expect(severalServersProblem({ ...release, NEXT_DEPLOYMENT_ID: "r 42" }, build)).toMatch(/only letters/);
    expect(severalServersProblem(release, { ...build, deploymentId: null, buildId: "Xa8f" })).toMatch(/NEXT_DEPLOYMENT_ID=\(unset\), not r42/);
    expect(severalServersProblem(release, { ...build, deploymentId: "r41", buildId: "r41" })).toMatch(/NEXT_DEPLOYMENT_ID=r41, not r42/);
  });
});

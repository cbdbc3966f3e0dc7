import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";
import { startAppServer, type AppServer } from "./app-server";

/** The headers Caddy adds after Authelia's forward_auth. */
export function proxyHeaders(user: string, groups: string[], extra: Record<string, string> = {}): Record<string, string> {
  return { "Remote-User": user, "Remote-Groups": groups.join(","), "Remote-Name": `${user} Example`, "Remote-Email": `${user}@example.org`, ...extra };
}

export const ADMIN = proxyHeaders("alice", ["users", "admins"]);

export async function contextAs(browser: Browser, app: AppServer, headers: Record<string, string>): Promise<BrowserContext> {
  return browser.newContext({ baseURL: app.url, extraHTTPHeaders: headers });
}

type WorkerFixtures = { app: AppServer };

export const test = base.extend<object, WorkerFixtures>({
  app: [
    async ({}, use, workerInfo) => {
      const server = await startAppServer(3400 + workerInfo.workerIndex * 10 + (workerInfo.project.name === "phone" ? 5 : 0));
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 90_000 },
  ],
  baseURL: async ({ app }, use) => use(app.url),
  extraHTTPHeaders: async ({}, use) => use(ADMIN),
});

export { expect };

/** A name no other test in the same worker will use. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

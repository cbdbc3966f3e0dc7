// Edit → the pending page shows the form-level change and the Nix diff → Apply → the commit
// is in the remote, authored by the admin, and Nix parses every file it committed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, unique } from "./support/fixtures";

test("an edited vhost is applied as a commit by the admin, pushed, and parses as Nix", async ({ page, app }) => {
  const remote = app.remote!;
  const sub = unique("books").toLowerCase();
  await page.goto("/vhosts/new");
  await page.getByLabel("Subdomain").fill(sub);
  await page.getByLabel("Upstream port").fill("8234");
  await page.getByRole("button", { name: "Create virtual host" }).click();
  await expect(page.getByRole("status").first()).toContainText(`Saved ${sub}`);

  await page.goto("/changes");
  await expect(page.getByTestId("change-summary")).toContainText(sub);
  const vhostDiff = page.getByTestId("file-diff").filter({ has: page.locator("summary code", { hasText: /\/vhosts\.nix$/ }) });
  await expect(vhostDiff).toContainText(`${sub} = {`);
  await expect(vhostDiff).toContainText("port = 8234;");

  // Apply is at the top and at the bottom of the page (one form): this is the bottom one.
  await page.getByRole("button", { name: /^Apply/ }).last().click();
  await expect(page.getByTestId("commit-sha")).toBeVisible({ timeout: 30_000 });
  const sha = (await page.getByTestId("commit-sha").textContent())!.trim();

  const [fullSha, author] = remote.git("log", "-1", "--format=%H%n%an <%ae>", "main").split("\n");
  expect(fullSha.startsWith(sha)).toBe(true);
  expect(author).toBe("alice Example <alice@example.org>");
  const vhosts = remote.git("show", "main:generated/vhosts.nix");
  expect(vhosts).toContain(`${sub} = {`);
  expect(vhosts).not.toContain("example.org");

  // Every file homey-admin committed is valid Nix.
  const dir = mkdtempSync(path.join(tmpdir(), "homey-parse-"));
  try {
    for (const file of remote.git("ls-tree", "--name-only", "main", "generated/").split("\n")) {
      const target = path.join(dir, path.basename(file));
      writeFileSync(target, remote.git("show", `main:${file}`));
      execFileSync("nix-instantiate", ["--store", "dummy://", "--parse", target], { stdio: "pipe" });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.goto("/changes");
  await expect(page.getByTestId("nothing-to-apply")).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("last-commit")).toContainText(sha.slice(0, 7));
});

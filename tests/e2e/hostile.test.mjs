// The hostile dossier (tests/fixtures/hostile) in a real browser, run by tests/browser.rs with
// SITE_HOSTILE naming its built site. Every page is loaded, hovered, focused and searched; no
// script from a source may run (the fixture's scripts all set window.__pwned or open dialogs)
// and no request may leave the local server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, serve } from "./lib.mjs";

const SITE = process.env.SITE_HOSTILE;
assert.ok(SITE && fs.existsSync(path.join(SITE, "index.html")), "SITE_HOSTILE must name a built site");

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve(SITE, "/");
});
after(async () => {
  await browser.close();
  await server.close();
});

function htmlPages(dir) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.relative(dir, path.join(e.parentPath || e.path, e.name)))
    .sort();
}

// Opens `url` with every request watched: anything not served by the local server is recorded
// (and aborted), as are dialogs; returns the page and what it tried.
async function openWatched(context, url, origin) {
  const page = await context.newPage();
  const attempts = { remote: [], dialogs: [] };
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith("data:") && u.startsWith("data:image/svg")) return route.continue();
    attempts.remote.push(u);
    return route.abort();
  });
  page.on("dialog", (d) => { attempts.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("popup", (p) => attempts.remote.push(`popup ${p.url()}`));
  await page.goto(url, { waitUntil: "load" });
  return { page, attempts };
}

test("no source script runs and nothing is requested from elsewhere, on any page", async () => {
  const origin = server.base.replace(/\/$/, "");
  const pages = htmlPages(SITE);
  assert.ok(pages.length >= 8, `expected the hostile site's pages, found ${pages.length}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    for (const rel of pages) {
      const { page, attempts } = await openWatched(context, server.base + rel, origin);
      // Provoke handlers a source might have smuggled in: hover and focus what can be.
      for (const q of (await page.locator("main .quote, main .mention, main a, main h1, main p").all()).slice(0, 40)) {
        await q.hover({ timeout: 500 }).catch(() => {});
      }
      for (let i = 0; i < 15; i++) await page.keyboard.press("Tab");
      await page.waitForTimeout(100);
      const pwned = await page.evaluate(() => window.__pwned);
      assert.equal(pwned, undefined, `${rel}: a source's script ran (${pwned})`);
      assert.deepEqual(attempts.dialogs, [], `${rel}: dialogs opened`);
      assert.deepEqual(attempts.remote, [], `${rel}: requests left the site`);
      await page.close();
    }
    // Search results show the sources' titles and text: as text, never as markup.
    const { page, attempts } = await openWatched(context, server.base + "search/index.html", origin);
    for (const query of ["Mallory", "script", "pwned", "onerror"]) {
      await page.locator("#q").fill(query);
      await page.locator("#q").press("Enter");
      await page.waitForFunction(() => /result|Nothing found/.test(document.getElementById("search-status").textContent));
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, `search "${query}" ran a source's script`);
      assert.equal(await page.locator(".result img, .result script, .result iframe").count(), 0, `search "${query}" rendered markup from a source`);
    }
    assert.deepEqual(attempts.remote, [], "search requested something from elsewhere");
    assert.deepEqual(attempts.dialogs, [], "search opened a dialog");
  } finally {
    await context.close();
  }
});

// Screenshots of every page kind of a built site at 1280 and 390 px, plus the interactive
// states (a quote's speaker card on focus, search results, the table filtered) in light, dark
// and print. For looking at the site, not a test:
//   node tests/e2e/shots.mjs SITE_DIR OUT_DIR
import fs from "node:fs";
import path from "node:path";
import { launch, serve, pageKinds } from "./lib.mjs";

const [dir, out] = process.argv.slice(2).map((p) => path.resolve(p));
if (!dir || !out) { console.error("usage: node shots.mjs SITE_DIR OUT_DIR"); process.exit(2); }
fs.mkdirSync(out, { recursive: true });
const server = await serve(dir);
const browser = await launch();
const slug = (s) => s.replace(/[^a-z0-9]+/gi, "-");
try {
  for (const [width, extra] of [[1280, {}], [390, { isMobile: true, hasTouch: true }]]) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme, ...extra });
      for (const [kind, rel] of pageKinds(dir)) {
        if (scheme === "dark" && !["overview", "source", "search"].includes(kind)) continue;
        const page = await context.newPage();
        await page.goto(server.base + rel + (kind === "search" ? "?q=Peskow" : ""));
        await page.waitForTimeout(kind === "search" ? 400 : 100);
        await page.screenshot({ path: path.join(out, `${slug(kind)}-${width}${scheme === "dark" ? "-dark" : ""}.png`), fullPage: true });
        await page.close();
      }
      await context.close();
    }
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const source = pageKinds(dir).find(([k]) => k === "source")[1];
  await page.goto(server.base + source);
  // Keyboard focus on the first quote: its speaker card shows.
  await page.locator(".article-text .quote-speech").first().evaluate((q) => {
    const target = q.matches("[tabindex]") ? q : q.querySelector(".quote-card a");
    target.focus();
    q.scrollIntoView({ block: "center" });
  });
  await page.screenshot({ path: path.join(out, "state-quote-focus.png") });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: path.join(out, "state-source-print.png"), fullPage: true });
  await page.goto(server.base + "compare/index.html");
  await page.emulateMedia({ media: "screen" });
  await page.locator("thead th").nth(2).locator("button").click();
  await page.locator("[data-filter=text]").fill("putin");
  await page.screenshot({ path: path.join(out, "state-compare-sorted-filtered.png"), fullPage: true });
  await context.close();
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await server.close();
}

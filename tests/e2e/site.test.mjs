// Browser tests of built dossier sites, run by tests/browser.rs (which builds the sites and
// passes their folders in the environment):
//   SITE_ROOT   the example built for a domain root
//   SITE_SUB    the example built with --base-url SITE_PREFIX (served under that path)
//   SITE_BRIEF  a small dossier with shared quotes, built with `theme: brief`
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { launch, serve, pageKinds, openPage } from "./lib.mjs";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU = require.resolve("vnu-jar/build/dist/vnu.jar");

const SITES = {
  root: { dir: process.env.SITE_ROOT, prefix: "/" },
  sub: { dir: process.env.SITE_SUB, prefix: process.env.SITE_PREFIX || "/dossiers/putin/" },
  brief: { dir: process.env.SITE_BRIEF, prefix: "/" },
};
for (const [name, s] of Object.entries(SITES)) {
  assert.ok(s.dir && fs.existsSync(path.join(s.dir, "index.html")), `SITE_${name.toUpperCase()} must name a built site`);
}

let browser;
before(async () => {
  browser = await launch();
  for (const s of Object.values(SITES)) s.server = await serve(s.dir, s.prefix);
});
after(async () => {
  await browser.close();
  for (const s of Object.values(SITES)) await s.server.close();
});

async function withContext(options, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  try { return await fn(context); } finally { await context.close(); }
}

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".html")) out.push(path.join(entry.parentPath || entry.path, entry.name));
  }
  return out;
}

test("every page kind loads without console errors, at a root, under a sub-path and from disk", async () => {
  for (const [name, site] of Object.entries(SITES)) {
    const kinds = pageKinds(site.dir);
    assert.ok(kinds.length >= 12, `${name}: expected the page kinds, found ${kinds.map((k) => k[0])}`);
    await withContext({}, async (context) => {
      for (const [kind, rel] of kinds) {
        const { page, problems } = await openPage(context, site.server.base + rel);
        await page.waitForTimeout(50);
        assert.deepEqual(problems, [], `${name} ${kind} (${rel})`);
        assert.ok(await page.locator("main h1, main .note h1, main .prose h1").count() >= 1, `${name} ${kind}: a heading`);
        await page.close();
      }
    });
  }
  // Opened from disk: every page but the 404 page (which links from the server's root).
  await withContext({}, async (context) => {
    for (const [kind, rel] of pageKinds(SITES.root.dir).filter(([k]) => k !== "not found")) {
      const { page, problems } = await openPage(context, pathToFileURL(path.join(SITES.root.dir, rel)).href);
      assert.deepEqual(problems, [], `from disk: ${kind}`);
      const css = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.notEqual(css, "rgba(0, 0, 0, 0)", `from disk: ${kind} is styled`);
      await page.close();
    }
  });
});

test("links between pages resolve under a sub-path", async () => {
  const site = SITES.sub;
  await withContext({}, async (context) => {
    const seen = new Set();
    for (const [, rel] of pageKinds(site.dir).filter(([k]) => k !== "not found")) {
      const { page } = await openPage(context, site.server.base + rel);
      const hrefs = await page.$$eval("a[href], link[href], script[src]", (els) =>
        els.map((e) => e.href || e.src).filter((u) => u.startsWith(location.origin)));
      await page.close();
      for (const href of hrefs) {
        const url = href.split("#")[0];
        if (seen.has(url)) continue;
        seen.add(url);
        assert.ok(new URL(url).pathname.startsWith(site.prefix), `${rel} links outside the sub-path: ${url}`);
        const response = await context.request.get(url);
        assert.equal(response.status(), 200, `${rel} → ${url}`);
      }
    }
    assert.ok(seen.size > 30, `checked ${seen.size} links`);
  });
});

test("the Nu Html Checker reports no errors on any page", () => {
  const files = Object.values(SITES).flatMap((s) => htmlFiles(s.dir));
  let out;
  try {
    out = execFileSync("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    out = e.stderr || e.stdout;
  }
  const messages = JSON.parse(out || '{"messages":[]}').messages.filter((m) => m.type === "error" || m.subType === "fatal");
  assert.deepEqual(messages.map((m) => `${m.url}:${m.lastLine}: ${m.message}`), [], `${files.length} files checked`);
});

test("axe finds no serious or critical violations on any page kind, light and dark", async () => {
  for (const [name, site] of Object.entries(SITES)) {
    for (const colorScheme of ["light", "dark"]) {
      await withContext({ colorScheme, bypassCSP: true }, async (context) => {
        for (const [kind, rel] of pageKinds(site.dir)) {
          const page = await context.newPage();
          await page.goto(site.server.base + rel + (kind === "search" ? "?q=Peskow" : ""));
          if (kind === "search") await page.waitForSelector(".result");
          await page.addScriptTag({ content: AXE });
          const violations = await page.evaluate(async () => {
            const r = await window.axe.run(document, { resultTypes: ["violations"] });
            return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
              .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
          });
          assert.deepEqual(violations, [], `${name} ${colorScheme} ${kind} (${rel})`);
          await page.close();
        }
      });
    }
  }
});

test("the comparison table sorts, filters and hides columns", async () => {
  await withContext({}, async (context) => {
    const { page, problems } = await openPage(context, SITES.root.server.base + "compare/index.html");
    const table = page.locator("table.comparison");
    const visibleRows = () => table.locator("tbody tr:not(.section-row):visible");
    const total = await visibleRows().count();
    assert.ok(total >= 5);
    assert.ok(await page.locator(".table-tools").isVisible(), "the tools appear with JavaScript");

    // Sort by a numeric column, both ways, within each event's section.
    const wordsHeader = table.locator("thead th[data-col=words]");
    const sections = async () => table.locator("tbody").evaluateAll((bodies) => bodies.map((tb) =>
      [...tb.querySelectorAll("tr:not(.section-row) td[data-col=words]")].map((td) => Number(td.dataset.sort))));
    await wordsHeader.locator("button").click();
    assert.equal(await wordsHeader.getAttribute("aria-sort"), "ascending");
    for (const s of await sections()) assert.deepEqual(s, [...s].sort((a, b) => a - b));
    await wordsHeader.locator("button").click();
    assert.equal(await wordsHeader.getAttribute("aria-sort"), "descending");
    for (const s of await sections()) assert.deepEqual(s, [...s].sort((a, b) => b - a));
    // Text sort on the outlet.
    await table.locator("thead th[data-col=outlet] button").click();
    for (const s of await table.locator("tbody").evaluateAll((bodies) => bodies.map((tb) =>
      [...tb.querySelectorAll("tr:not(.section-row) td[data-col=outlet]")].map((td) => td.dataset.sort)))) {
      assert.deepEqual(s, [...s].sort((a, b) => a.localeCompare(b)));
    }

    // Filters: each select keeps only matching rows; words match anywhere in the row.
    for (const key of ["outlet", "language", "event"]) {
      const select = page.locator(`[data-filter=${key}]`);
      const values = await select.locator("option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      assert.ok(values.length >= 2, `${key} has choices`);
      await select.selectOption(values[0]);
      const kept = await visibleRows().evaluateAll((trs, k) => trs.map((tr) => tr.dataset[k]), key);
      assert.ok(kept.length >= 1 && kept.length < total, `${key}=${values[0]} keeps some rows`);
      assert.ok(kept.every((v) => v === values[0]), `${key}=${values[0]}: ${kept}`);
      await select.selectOption("");
    }
    const headline = await visibleRows().first().locator("th a").textContent();
    const word = headline.split(/\s+/).filter((w) => w.length > 5)[0];
    await page.locator("[data-filter=text]").fill(word.toUpperCase());
    const matching = await visibleRows().allTextContents();
    assert.ok(matching.length >= 1 && matching.every((t) => t.toLowerCase().includes(word.toLowerCase())));
    assert.match(await page.locator(".table-status").textContent(), /Showing \d+ of \d+ sources/);
    await page.locator("[data-reset]").click();
    assert.equal(await visibleRows().count(), total);

    // Columns: hide "Words", show it again.
    await page.locator(".column-picker summary").click();
    await page.locator("[data-column=words]").uncheck();
    assert.equal(await table.locator("[data-col=words]:visible").count(), 0);
    await page.locator("[data-column=words]").check();
    assert.equal(await table.locator("[data-col=words]:visible").count(), total + 1);
    // The header stays in view while the table scrolls.
    assert.equal(await table.locator("thead th").first().evaluate((th) => getComputedStyle(th).position), "sticky");
    assert.deepEqual(problems, []);
  });
});

test("without JavaScript the table is complete and the tools stay hidden", async () => {
  await withContext({ javaScriptEnabled: false }, async (context) => {
    const page = await context.newPage();
    await page.goto(SITES.root.server.base + "compare/index.html");
    const sources = fs.readdirSync(path.join(SITES.root.dir, "sources")).length;
    assert.equal(await page.locator("table.comparison tbody tr:not(.section-row)").count(), sources);
    assert.equal(await page.locator(".table-tools").isVisible(), false);
    assert.ok(await page.locator("table.comparison thead th[data-col=event]").isVisible());
  });
});

async function runSearch(page, query) {
  await page.locator("#q").fill(query);
  await page.locator("#q").press("Enter");
  await page.waitForFunction(() => /result|Nothing found/.test(document.getElementById("search-status").textContent));
  return page.locator(".result").evaluateAll((lis) => lis.map((li) => ({
    kind: li.closest("ol").className.replace(/.*results-/, ""),
    text: li.textContent,
    href: li.querySelector("a").getAttribute("href"),
  })));
}

test("search finds Peskow and a quote, over HTTP and from disk", async () => {
  // A quote from a source page's own list, so the test follows the data.
  const source = pageKinds(SITES.root.dir).find(([k]) => k === "source")[1];
  const html = fs.readFileSync(path.join(SITES.root.dir, source), "utf8");
  const quote = html.match(/<li class="quote-speech"><a href="#(q\d+)"[^>]*>“([^”]+)”/);
  assert.ok(quote, "the source page lists a speech quote");
  const words = quote[2].replace(/&#39;|&quot;|&amp;/g, " ").split(/\s+/).filter((w) => /^\p{L}{5,}$/u.test(w)).slice(0, 4).join(" ");

  for (const where of ["http", "disk"]) {
    await withContext({}, async (context) => {
      const url = where === "http" ? SITES.root.server.base + "search/index.html"
        : pathToFileURL(path.join(SITES.root.dir, "search/index.html")).href;
      const { page, problems } = await openPage(context, url);
      const peskow = await runSearch(page, "Peskow");
      assert.ok(peskow.some((r) => r.kind === "entity" && /Peskov/.test(r.text)), `${where}: the entity: ${JSON.stringify(peskow)}`);
      assert.ok(peskow.some((r) => r.kind === "source"), `${where}: a source naming him`);
      await runSearch(page, "putin");
      assert.ok(await page.locator(".result mark").count() > 0, "the words are marked");
      const found = await runSearch(page, words);
      assert.ok(found.some((r) => r.kind === "quote" && r.href.endsWith(`${source}#${quote[1]}`)),
        `${where}: “${words}” finds ${source}#${quote[1]}: ${JSON.stringify(found.slice(0, 5))}`);
      // Following the result lands on the highlighted quote.
      await page.locator(`.results-quote a[href$="#${quote[1]}"]`).first().click();
      await page.waitForLoadState("load");
      assert.equal(await page.evaluate(() => document.querySelector(":target")?.className), "quote quote-speech");
      await page.goto(url);
      assert.equal((await runSearch(page, "zzqxjv")).length, 0);
      assert.match(await page.locator("#search-status").textContent(), /Nothing found/);
      assert.deepEqual(problems, [], where);
    });
  }
});

test("the header search box leads to results, with accents and case folded", async () => {
  await withContext({}, async (context) => {
    const { page } = await openPage(context, SITES.sub.server.base + "index.html");
    await page.locator("#site-q").fill("PESKÓW");
    await page.locator("#site-q").press("Enter");
    await page.waitForSelector(".result");
    assert.ok(new URL(page.url()).pathname.startsWith(SITES.sub.prefix + "search/"));
    assert.ok(await page.locator(".results-entity .result").count() >= 1);
  });
});

test("a quote shows its speaker on hover and on keyboard focus, and links to its group", async () => {
  await withContext({}, async (context) => {
    for (const site of [SITES.root, SITES.brief]) {
      const source = pageKinds(site.dir).find(([k]) => k === "source")[1];
      const { page } = await openPage(context, site.server.base + source);
      const quote = page.locator(".article-text .quote-speech").first();
      const card = quote.locator(".quote-card");
      const cardWidth = () => card.evaluate((c) => c.getBoundingClientRect().width);
      if (site === SITES.root) {
        assert.ok(await cardWidth() <= 1, "hidden at rest");
        await quote.hover();
        assert.ok(await cardWidth() > 20, "shown on hover");
        await page.mouse.move(0, 0);
        await page.waitForTimeout(500);
        assert.ok(await cardWidth() <= 1, "hidden again");
        await quote.evaluate((q) => (q.matches("[tabindex]") ? q : q.querySelector(".quote-card a")).focus());
        assert.ok(await cardWidth() > 20, "shown on focus");
      } else {
        assert.ok(await cardWidth() > 20, "the brief theme names every speaker inline");
      }
      assert.match(await card.textContent(), /Said by|Speaker not stated/);
    }
    // Quotes that belong to a group link to it from the card (the brief fixture has one).
    const withGroup = pageKinds(SITES.brief.dir).find(([k]) => k === "quote group");
    assert.ok(withGroup, "the fixture has a quote group");
    const sources = fs.readdirSync(path.join(SITES.brief.dir, "sources"));
    const linked = sources.some((file) => fs.readFileSync(path.join(SITES.brief.dir, "sources", file), "utf8")
      .match(/class="quote-card">[^]*?<a href="\.\.\/quotes\/[^"\/]+\.html">quoted in \d+ sources<\/a>/));
    assert.ok(linked, "a quote card links to its group");
  });
});

test("the cite box downloads BibTeX and CSL-JSON named after the source, over HTTP and from disk", async () => {
  const source = pageKinds(SITES.root.dir).find(([k]) => k === "source")[1];
  const id = path.basename(source, ".html");
  for (const url of [SITES.root.server.base + source, pathToFileURL(path.join(SITES.root.dir, source)).href]) {
    await withContext({ acceptDownloads: true }, async (context) => {
      const { page, problems } = await openPage(context, url);
      for (const [ext, check] of [
        ["bib", (text) => assert.ok(text.startsWith(`@article{${id},`), text.slice(0, 80))],
        ["json", (text) => assert.equal(JSON.parse(text)[0].type, "article-newspaper")],
      ]) {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.locator(`.cite-box a[download="${id}.${ext}"]`).click(),
        ]);
        assert.equal(download.suggestedFilename(), `${id}.${ext}`, url);
        check(fs.readFileSync(await download.path(), "utf8"));
      }
      assert.deepEqual(problems, [], url);
    });
  }
});

test("the keyboard reaches every link and control, with visible focus", async () => {
  await withContext({}, async (context) => {
    for (const [kind, rel] of pageKinds(SITES.root.dir)) {
      const { page } = await openPage(context, SITES.root.server.base + rel);
      if (kind === "search") await runSearch(page, "Putin");
      const expected = await page.evaluate(() => {
        const all = document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]");
        return [...all].filter((el) => {
          if (el.tabIndex < 0 || el.disabled) return false;
          if (el.closest("[hidden], details:not([open]) > :not(summary)")) return false;
          // Rendered at all: no ancestor with display: none, not visibility: hidden.
          return el.checkVisibility({ visibilityProperty: true });
        }).map((el, i) => { el.dataset.kbd = String(i); return i; }).length;
      });
      const reached = new Set();
      let unseenFocus = 0;
      for (let i = 0; i < expected + 5 && reached.size < expected; i++) {
        await page.keyboard.press("Tab");
        const info = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || !el.dataset.kbd) return null;
          const r = el.getBoundingClientRect();
          return { id: el.dataset.kbd, visible: r.width > 1 && r.height > 1 };
        });
        if (info) { reached.add(info.id); if (!info.visible) unseenFocus++; }
      }
      assert.equal(reached.size, expected, `${kind}: Tab reached ${reached.size} of ${expected} focusable elements`);
      assert.equal(unseenFocus, 0, `${kind}: every focused element is visible`);
      // What must be reachable is: every quote in the text (itself, or its card's link), every
      // sorting button, the scrolling table, the search box.
      const musts = await page.evaluate(() => {
        const key = (el) => el && el.dataset.kbd;
        const out = [];
        // (A quote whose speaker is always shown, as on the printable page, needs no focus.)
        document.querySelectorAll(".article-text .quote-speech").forEach((q, i) => {
          const card = q.querySelector(".quote-card");
          const cardLinks = [...card.querySelectorAll("a")].filter((a) => a.checkVisibility({ visibilityProperty: true }));
          if (document.activeElement !== q && card.getBoundingClientRect().width > 1 && cardLinks.length === 0) return;
          out.push([`quote ${i + 1}`, key(q) || key(cardLinks[0])]);
        });
        document.querySelectorAll("th:not([hidden]) > .sort-button").forEach((b, i) => out.push([`sort ${i + 1}`, key(b)]));
        document.querySelectorAll(".table-wrap").forEach((w) => out.push(["table region", key(w)]));
        const box = document.querySelector("#site-q, #q");
        if (box) out.push(["search box", key(box)]);
        return out;
      });
      for (const [what, id] of musts) assert.ok(id !== undefined && reached.has(id), `${kind}: ${what} is reachable by keyboard`);
      await page.close();
    }
  });
});

test("print: no navigation chrome, addresses after external links, each source on a new page", async () => {
  await withContext({}, async (context) => {
    const source = pageKinds(SITES.root.dir).find(([k]) => k === "source")[1];
    const { page } = await openPage(context, SITES.root.server.base + source);
    await page.emulateMedia({ media: "print" });
    for (const sel of [".site-header", ".site-footer", ".site-search"]) {
      assert.equal(await page.locator(sel).first().evaluate((e) => getComputedStyle(e).display), "none", sel);
    }
    const card = page.locator(".article-text .quote-card").first();
    assert.ok(await card.evaluate((c) => c.getBoundingClientRect().width) > 20, "the speaker is printed before the quote");
    const external = page.locator("main a[href^='http']").first();
    if (await external.count()) {
      const after = await external.evaluate((a) => getComputedStyle(a, "::after").content);
      assert.ok(after.includes("http"), `the address follows the link: ${after}`);
    }
    // The printable dossier: every source, each starting a new page.
    await page.goto(SITES.root.server.base + "print/index.html");
    const sources = fs.readdirSync(path.join(SITES.root.dir, "sources")).length;
    const breaks = await page.locator("article.print-source").evaluateAll((as) => as.map((a) => getComputedStyle(a).breakBefore));
    assert.equal(breaks.length, sources);
    assert.ok(breaks.every((b) => b === "page"), `${breaks}`);
    const pdf = await page.pdf({ format: "A4" });
    assert.ok(pdf.length > 20_000);
  });
});

test("the brief theme replaces the look and the overview, and inherits the rest", async () => {
  await withContext({}, async (context) => {
    const { page } = await openPage(context, SITES.brief.server.base + "index.html");
    assert.equal(await page.locator(".kicker").first().textContent(), "Brief");
    assert.equal(await page.locator("table.comparison").count(), 0, "a list per event instead of the big table");
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(font, /system-ui|sans/);
    await page.goto(SITES.brief.server.base + "compare/index.html");
    assert.equal(await page.locator("table.comparison").count(), 1, "the comparison page comes from the default theme");
  });
});

test("the Atom feed is well-formed XML and every entry links to a page that exists", async () => {
  await withContext({}, async (context) => {
    for (const site of [SITES.root, SITES.sub]) {
      const { page } = await openPage(context, site.server.base + "index.html");
      const feedUrl = await page.locator("link[rel=alternate][type='application/atom+xml']").evaluate((l) => l.href);
      const entries = await page.evaluate(async (url) => {
        const xml = new DOMParser().parseFromString(await (await fetch(url)).text(), "application/xml");
        if (xml.querySelector("parsererror")) return null;
        return [...xml.getElementsByTagName("entry")].map((e) =>
          new URL(e.querySelector("link[rel=alternate]").getAttribute("href"), url).href);
      }, feedUrl);
      assert.ok(entries && entries.length >= 1, "parses, with entries");
      for (const href of entries) {
        assert.equal((await context.request.get(href)).status(), 200, href);
      }
      await page.close();
    }
  });
});

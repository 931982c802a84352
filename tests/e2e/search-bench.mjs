// Measures search in Chromium: bytes downloaded and time per query, each query in a fresh page
// (nothing cached), for dossier's own index and, optionally, a Pagefind index of the same site.
//   node tests/e2e/search-bench.mjs SITE_DIR [PAGEFIND_DIR] -- QUERY...
// The numbers in docs/search.md come from this script.
import path from "node:path";
import { launch, serve } from "./lib.mjs";

const args = process.argv.slice(2);
const dash = args.indexOf("--");
const [siteDir, pagefindDir] = (dash === -1 ? args : args.slice(0, dash)).map((p) => path.resolve(p));
const queries = dash === -1 ? ["Peskow"] : args.slice(dash + 1);

const site = await serve(siteDir, "/", pagefindDir ? { "/pagefind/": pagefindDir } : {});
const pf = pagefindDir ? { base: site.base + "pagefind/" } : null;
const browser = await launch();

// Bytes of every response body the page received (counted from the network, so requests made
// by WebAssembly or workers count too).
function meter(page) {
  const m = { bytes: 0, pending: [] };
  page.on("requestfinished", (req) => {
    m.pending.push(req.sizes().then((s) => { m.bytes += s.responseBodySize; }).catch(() => {}));
  });
  return async () => { await Promise.all(m.pending); return m.bytes; };
}

const rows = [];
try {
  for (const q of queries) {
    // dossier: the search page's own UI, from submitting to the results drawn.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bytes = meter(page);
      await page.goto(site.base + "search/index.html");
      const before = await bytes();
      const ms = await page.evaluate(async (query) => {
        const t0 = performance.now();
        document.getElementById("q").value = query;
        document.getElementById("search-form").requestSubmit();
        await new Promise((resolve) => {
          const check = () => (/result|Nothing found/.test(document.getElementById("search-status").textContent) ? resolve() : setTimeout(check, 2));
          check();
        });
        return performance.now() - t0;
      }, q);
      const warm = await page.evaluate(async (query) => {
        const t0 = performance.now();
        await window.dossierSearch.query(query);
        return performance.now() - t0;
      }, q);
      const results = Number((await page.locator("#search-status").textContent()).match(/^\d+/)?.[0] || 0);
      rows.push({ engine: "dossier", query: q, ms: Math.round(ms), warm_ms: Math.round(warm), kb: Math.round((await bytes() - before) / 1024), results });
      await context.close();
    }
    if (pf) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bytes = meter(page);
      await page.goto(site.base + "index.html");
      const before = await bytes();
      const r = await page.evaluate(async ({ base, query }) => {
        const t0 = performance.now();
        const pagefind = await import(base + "pagefind.js");
        await pagefind.options({ basePath: base });
        await pagefind.init();
        const search = await pagefind.search(query);
        await Promise.all(search.results.slice(0, 10).map((x) => x.data()));
        const cold = performance.now() - t0;
        const t1 = performance.now();
        const again = await pagefind.search(query);
        await Promise.all(again.results.slice(0, 10).map((x) => x.data()));
        return { cold, warm: performance.now() - t1, results: search.results.length };
      }, { base: pf.base, query: q });
      rows.push({ engine: "pagefind", query: q, ms: Math.round(r.cold), warm_ms: Math.round(r.warm), kb: Math.round((await bytes() - before) / 1024), results: r.results });
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
console.table(rows);

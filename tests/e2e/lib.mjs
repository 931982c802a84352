// Shared by the browser tests and the screenshot script: a static server for a built site,
// Debian's Chromium driven by playwright-core, and the list of page kinds of a site.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const { chromium } = require("playwright-core");

export const CHROMIUM = process.env.DOSSIER_CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run",
  // Nothing leaves the machine: a page that needs the network fails visibly.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain", ".bib": "text/plain; charset=utf-8",
  ".png": "image/png", ".svg": "image/svg+xml",
};

// Serves `dir` under `prefix` (e.g. "/dossiers/putin/") on a free port; missing files get the
// site's 404.html with status 404, as a static host would. `mounts` serves other folders at
// other paths of the same origin ({"/pagefind/": DIR}).
export function serve(siteDir, sitePrefix = "/", mounts = {}) {
  const server = http.createServer((req, res) => {
    let url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let [dir, prefix] = [siteDir, sitePrefix];
    for (const [at, other] of Object.entries(mounts)) {
      if (url.startsWith(at)) [dir, prefix] = [other, at];
    }
    if (!url.startsWith(prefix)) { res.writeHead(404); res.end("outside the site"); return; }
    let rel = url.slice(prefix.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, rel);
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) {
        const notFound = path.join(dir, "404.html");
        res.writeHead(404, { "content-type": TYPES[".html"] });
        res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : "not found");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const base = `http://127.0.0.1:${server.address().port}${sitePrefix}`;
      resolve({ base, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// The first page under `sub/` (by name), preferring one whose HTML contains `prefer`: a
// file `sub/<id>.html` (sources, entities, quote groups, events) or a folder
// `sub/<id>/index.html` (notes); the kind's list, `sub/index.html`, is not one.
function firstPage(dir, sub, prefer) {
  const d = path.join(dir, sub);
  if (!fs.existsSync(d)) return null;
  const pages = fs
    .readdirSync(d)
    .map((n) =>
      n.endsWith(".html") ? (n === "index.html" ? null : `${sub}/${n}`) : `${sub}/${n}/index.html`,
    )
    .filter((p) => p && fs.existsSync(path.join(dir, p)))
    .sort();
  const best = prefer && pages.find((p) => fs.readFileSync(path.join(dir, p), "utf8").includes(prefer));
  return best || pages[0] || null;
}

// One page of every kind the site has: [kind, path relative to the site root].
export function pageKinds(dir) {
  const kinds = [
    ["overview", "index.html"],
    ["source", firstPage(dir, "sources", 'class="quote quote-speech"')],
    ["note", firstPage(dir, "notes")],
    ["compare", "compare/index.html"],
    ["entities", "entities/index.html"],
    ["entity", firstPage(dir, "entities")],
    ["quotes", "quotes/index.html"],
    ["quote group", firstPage(dir, "quotes")],
    ["events", "events/index.html"],
    ["event", firstPage(dir, "events")],
    ["claims", "claims/index.html"],
    ["timeline", "timeline/index.html"],
    ["search", "search/index.html"],
    ["print", "print/index.html"],
    ["not found", "404.html"],
  ];
  return kinds.filter(([, p]) => p && fs.existsSync(path.join(dir, p)));
}

// Opens `url`, collecting console errors, page errors and failed requests.
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  page.on("requestfailed", (r) => {
    const why = r.failure() && r.failure().errorText;
    // A navigation (following a link) cancels the requests still in flight: not a fault.
    if (why !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== "document") problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, problems };
}

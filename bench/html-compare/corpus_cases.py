#!/usr/bin/env python3
"""Turns the HTML pages of a gen-corpus dossier into html-compare cases.

usage: corpus_cases.py CORPUS_DIR OUT_DIR

The expected body of a generated page is what its generator put in the article body element
(`class="article-body"` or the `<article>`'s paragraphs): paragraphs, sub-headings and list
items, without the asides, figures and share bars nested in it, and without the headline.
"""
import html.parser, pathlib, shutil, sys

SKIP = {"aside", "figure", "figcaption", "script", "style", "nav", "form", "button"}
BLOCK = {"p", "h2", "h3", "h4", "li", "blockquote"}

class Body(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth_body = 0      # >0 while inside the article body element
        self.skip = 0
        self.stack = []
        self.out, self.cur = [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "") + " " + (a.get("id") or "")
        if tag in ("br", "img", "meta", "link", "input", "hr"):
            return
        self.stack.append(tag)
        if self.depth_body:
            self.depth_body += 1
            if tag in SKIP or any(k in cls for k in ("share", "related", "newsletter", "caption", "byline")):
                self.skip += 1
                self.stack[-1] = ("SKIP", tag)
        elif "article-body" in cls or "articleBody" in cls:
            self.depth_body = 1
    def handle_endtag(self, tag):
        if not self.stack:
            return
        top = self.stack.pop()
        if isinstance(top, tuple):
            self.skip -= 1
        if self.depth_body:
            self.depth_body -= 1
            if top in BLOCK and not self.skip:
                t = " ".join("".join(self.cur).split())
                if t:
                    self.out.append(t)
                self.cur = []
    def handle_data(self, data):
        if self.depth_body and not self.skip:
            self.cur.append(data)

src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
n = 0
for page in sorted((src / "content" / "sources").glob("*.html")):
    p = Body()
    p.feed(page.read_text(encoding="utf-8"))
    if len(p.out) < 3:
        continue
    shutil.copy(page, out / page.name)
    (out / page.with_suffix(".expected.txt").name).write_text("\n".join(p.out) + "\n", encoding="utf-8")
    n += 1
print(f"{n} cases written to {out}")

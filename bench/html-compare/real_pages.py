#!/usr/bin/env python3
"""Real saved news pages for html-compare: fetches them and writes the evaluation cases.

usage:
  real_pages.py fetch OUT_DIR        download the pages named in real-pages.json and write, per
                                     page, NAME.html, NAME.expected.txt and NAME.snippets.json
  real_pages.py make-spec PAGES_DIR  (re)write real-pages.json from pages already fetched

The pages and their expected article text are third-party files: they stay outside the repo
(fetch them into /tmp). The repo keeps only the spec: where each page comes from and the
snippets the extracted body must contain ("with") and must not contain ("without"),
trafilatura's evaluation format.

Source: the test data of the newspaper4k package on PyPI (sdist, `tests/data/html/*.html` with
the article text in `tests/data/txt/*.txt`): real news pages saved by the newspaper projects,
in nine languages. They are fetched with pip, the ordinary client of that registry.

Snippets are chosen mechanically, never by looking at any extractor's output:
- with: the first, a middle and the last sentence-sized piece of the expected article text;
- without: up to four visible texts of the page (not in scripts, styles or templates) that do
  not occur in the expected text and are not the page's title, 20-100 characters long, spread
  over the page from top to bottom (menus, teasers, footers, captions...).
"""
import html.parser
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
SPEC = HERE / "real-pages.json"
PACKAGE, VERSION = "newspaper4k", "0.9.6"
# Pages with a stated article text; left out: home pages and redirects (no article), and
# video_article_01 (the same file as cleveland.com1).
PAGES = {
    "arabic_article": "ar", "article_with_br": "en", "article_with_divs": "en",
    "burmese_article": "my", "chinese_article": "zh", "chinese_article_001": "zh",
    "chinese_article_002": "zh", "cleveland.com1": "en", "cnn_001": "en", "cnn_002": "en",
    "cnn_article": "en", "cnn_test_nlp": "en", "fox13now_001": "en", "japanese_article": "ja",
    "japanese_article2": "ja", "latvian_article": "lv", "spanish_article": "es",
    "thai_article": "th", "time_001": "en", "video_article_02": "en", "wired_001": "en",
    "yna_co_kr": "en",
}


def squash(s):
    return " ".join(s.split())


class Visible(html.parser.HTMLParser):
    """Visible text nodes in document order."""

    SKIP = {"script", "style", "noscript", "template", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_title = False
        self.texts = []
        self.titles = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        self.in_title = tag == "title"
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name") or "").endswith("title"):
            self.titles.append(squash(a.get("content") or ""))

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.titles.append(squash(data))
        elif not self.skip and data.strip():
            self.texts.append(squash(data))


def pieces(text):
    """Sentence-sized pieces of the expected text (CJK and Thai have no spaces to split on)."""
    out = []
    for para in text.split("\n"):
        for s in re.split(r"(?<=[.!?。！？])\s*", para.strip()):
            unspaced = sum(1 for c in s if ord(c) > 0x2E80) > len(s) // 2
            if len(s) >= (12 if unspaced else 25):
                out.append(squash(s)[:80].strip())
    return out


def make_snippets(html, expected):
    gold = squash(expected)
    ps = pieces(expected)
    with_ = [ps[0], ps[len(ps) // 2], ps[-1]] if len(ps) >= 3 else ps
    parser = Visible()
    parser.feed(html)
    # The headline may stand above the article: never a "without" snippet.
    titles = [t for t in parser.titles if t]
    cands = [
        t for t in parser.texts
        if 20 <= len(t) <= 100 and t[:30] not in gold and not any(t in w or w in t for w in with_)
        and not any(t[:30] in h or h[:30] in t for h in titles)
    ]
    cands = list(dict.fromkeys(cands))
    without = []
    if cands:
        n = min(4, len(cands))
        without = [cands[round(i * (len(cands) - 1) / max(n - 1, 1))] for i in range(n)]
    return list(dict.fromkeys(with_)), list(dict.fromkeys(without))


def download(tmp):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"{PACKAGE}=={VERSION}", "--no-deps",
         "--no-binary", ":all:", "-d", str(tmp)],
        check=True,
    )
    sdist = next(pathlib.Path(tmp).glob(f"{PACKAGE}-{VERSION}.tar.gz"))
    with tarfile.open(sdist) as t:
        t.extractall(tmp, filter="data")
    return pathlib.Path(tmp) / f"{PACKAGE}-{VERSION}" / "tests" / "data"


def fetch(out):
    out.mkdir(parents=True, exist_ok=True)
    spec = json.loads(SPEC.read_text())
    with tempfile.TemporaryDirectory() as tmp:
        data = download(tmp)
        for page in spec["pages"]:
            name = page["file"].removesuffix(".html")
            shutil.copy(data / page["source_path"], out / page["file"])
            shutil.copy(data / page["expected_path"], out / f"{name}.expected.txt")
            (out / f"{name}.snippets.json").write_text(
                json.dumps({"with": page["with"], "without": page["without"]}, ensure_ascii=False)
            )
    print(f"{len(spec['pages'])} pages in {out}")


def make_spec(pages_dir):
    pages = []
    for name, lang in PAGES.items():
        html = (pages_dir / f"np-{name}.html").read_text()
        expected = (pages_dir / f"np-{name}.expected.txt").read_text()
        with_, without = make_snippets(html, expected)
        pages.append({
            "file": f"np-{name}.html",
            "language": lang,
            "source_path": f"html/{name}.html",
            "expected_path": f"txt/{name}.txt",
            "with": with_,
            "without": without,
        })
    spec = {
        "source": f"PyPI sdist {PACKAGE}=={VERSION}, tests/data (fetch with: real_pages.py fetch DIR)",
        "pages": pages,
    }
    SPEC.write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(pages)} pages written to {SPEC}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("fetch", "make-spec"):
        sys.exit(__doc__)
    (fetch if sys.argv[1] == "fetch" else make_spec)(pathlib.Path(sys.argv[2]))

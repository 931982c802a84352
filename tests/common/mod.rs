//! Helpers shared by the integration tests: run the binary, build dossiers into temp folders.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where the example dossier lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `dossier` binary with `args`.
pub fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("run dossier")
}

/// Runs `dossier` and panics with its output unless it succeeds.
pub fn dossier_ok(args: &[&str]) -> String {
    let out = dossier(args);
    assert!(
        out.status.success(),
        "dossier {args:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Builds the example dossier into a fresh temporary output folder.
pub fn build_example(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let repo = repo();
    let mut args = vec![
        "--root",
        repo.to_str().unwrap(),
        "build",
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    dossier_ok(&args);
    (tmp, out)
}

/// Reads a file of a built site as text.
pub fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of the first `<tag>…</tag>` in `html`, tags inside removed.
pub fn first_element_text(html: &str, tag: &str) -> Option<String> {
    let open = html.find(&format!("<{tag}"))?;
    let start = open + html[open..].find('>')? + 1;
    let end = start + html[start..].find(&format!("</{tag}>"))?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(unescape(text.trim()))
}

/// Undoes the HTML escapes the templates apply.
pub fn unescape(s: &str) -> String {
    s.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Builds the dossier at `root` into `out`, panicking with its output unless it succeeds.
pub fn build_into(root: &Path, out: &Path) {
    dossier_ok(&[
        "--root",
        root.to_str().unwrap(),
        "build",
        "--output",
        out.to_str().unwrap(),
    ]);
}

/// Builds a copy of the example dossier whose manifest ends with `manifest_extra` (a setting
/// to try, e.g. `theme: brief`), into a fresh temporary folder.
pub fn build_example_with(manifest_extra: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    let repo = repo();
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        let to = root.join(entry.path().strip_prefix(&repo).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let manifest = read(&repo, "dossier.yaml");
    std::fs::write(
        root.join("dossier.yaml"),
        format!("{manifest}\n{manifest_extra}"),
    )
    .unwrap();
    let out = tmp.path().join("site");
    build_into(&root, &out);
    (tmp, out)
}

/// `../shared/tools/gen-corpus`, when it and python3 are there (tests using it skip otherwise).
pub fn gen_corpus() -> Option<PathBuf> {
    let path = repo().join("../shared/tools/gen-corpus");
    let python = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (path.is_file() && python).then_some(path)
}

/// Every value of `attr="…"` in `html`.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let start = i + needle.len();
            &html[start..start + html[start..].find('"').unwrap()]
        })
        .collect()
}

/// `href` (relative to the page at `from`) as a path from the site root, fragment dropped.
pub fn resolve_href(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('#').next().unwrap().split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The first link of each item of the lists (`<ul>`, `<ol>`) of class `class` on the page at
/// `path`, as paths from the site root (an item's other links, e.g. sentences, are left out).
pub fn listed(out: &Path, path: &str, class: &str) -> Vec<String> {
    let html = read(out, path);
    let open = format!(" class=\"{class}\">");
    let mut links = Vec::new();
    for (i, _) in html.match_indices(&open) {
        let end = ["</ul>", "</ol>"]
            .iter()
            .filter_map(|close| html[i..].find(close))
            .min()
            .unwrap();
        for item in html[i..i + end].split("<li>").skip(1) {
            if let Some(href) = attr_values(item, "href").first() {
                links.push(resolve_href(path, href));
            }
        }
    }
    links
}

/// The parts of a page split in parts, found by following the pagers from its first part
/// (just the page when it has no pager), in part order, as paths from the site root. A pager
/// need not list every part (long ones skip some): each part's pager is read.
pub fn pager_parts(out: &Path, first: &str) -> Vec<String> {
    let mut parts: std::collections::BTreeMap<usize, String> = Default::default();
    let mut queue = vec![first.to_string()];
    let mut seen: BTreeSet<String> = BTreeSet::from([first.to_string()]);
    while let Some(page) = queue.pop() {
        for (number, part) in pager_links(out, &page) {
            if let Some(known) = parts.insert(number, part.clone()) {
                assert_eq!(known, part, "part {number} has two addresses");
            }
            if seen.insert(part.clone()) {
                queue.push(part);
            }
        }
    }
    if parts.is_empty() {
        return vec![first.to_string()];
    }
    parts.into_values().collect()
}

/// The links of `page`'s pager: each part's number and path from the site root.
pub fn pager_links(out: &Path, page: &str) -> Vec<(usize, String)> {
    let html = read(out, page);
    let Some(start) = html.find("<nav class=\"pager\"") else {
        return Vec::new();
    };
    let pager = &html[start..start + html[start..].find("</nav>").unwrap()];
    pager
        .split("<a ")
        .skip(1)
        .map(|link| {
            let href = attr_values(&format!("<a {link}"), "href")
                .remove(0)
                .to_string();
            let text = &link[link.find('>').unwrap() + 1..link.find("</a>").unwrap()];
            (text.trim().parse().unwrap(), resolve_href(page, &href))
        })
        .collect()
}

//! Helpers shared by the integration tests: run the binary, build dossiers into temp folders.
#![allow(dead_code)]

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

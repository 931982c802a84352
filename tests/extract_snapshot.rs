//! Extraction changes only on purpose: the full `Document` (clean text, blocks, metadata with
//! origins, quotes with speakers and cues, mentions, dates) of
//!
//! - every file under `testdata/extract/text` and `testdata/extract/quotes` (text dumps, HTML and
//!   Markdown in seven languages, the quote and attribution cases), without a manifest;
//! - the example dossier and a small generated one (`testdata/extract/snapshot/gen-8`, made by
//!   `gen-corpus --sources 8 --seed 8`), as `dossier build` extracts them (manifest entries and
//!   gazetteer);
//! - mangled variants of the text files (lines reversed; one long line with other quote marks),
//!
//! is compared with `testdata/extract/snapshot/expected.jsonl`. It guards speed work on the
//! extractors (which must not change what they find) and shows what an intended change changed.
//!
//! After an intended change: `UPDATE_EXTRACT_SNAPSHOT=1 cargo test --test extract_snapshot`,
//! then review `git diff testdata/extract/snapshot/expected.jsonl`.

use std::path::{Path, PathBuf};

use dossier::extract::{self, Gazetteer};
use dossier::load::{self, SourceFormat, source_from_text};
use serde_json::Value;

const EXPECTED: &str = "testdata/extract/snapshot/expected.jsonl";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One extracted document as JSON, its `file` replaced by `name` (no machine paths).
fn record(name: &str, doc: &extract::Document) -> Value {
    let mut v = serde_json::to_value(doc).expect("a document serialises");
    v["file"] = Value::String(name.to_string());
    serde_json::json!({ "name": name, "document": v })
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| SourceFormat::from_path(p).is_some())
        .collect();
    files.sort();
    files
}

/// Every source of the dossier at `dir`, extracted as the build does.
fn dossier_records(label: &str, dir: &Path, out: &mut Vec<Value>) {
    let manifest = dossier::manifest::read(dir)
        .unwrap_or_else(|p| panic!("{}: manifest: {p:?}", dir.display()));
    let (loaded, problems) = load::load(&manifest);
    assert!(!problems.has_errors(), "{}: {problems:?}", dir.display());
    let gazetteer = Gazetteer::new(&manifest.manifest.entities);
    for source in &loaded.sources {
        let doc = extract::extract(source, &gazetteer);
        out.push(record(&format!("{label}/{}", source.id), &doc));
    }
}

fn actual() -> Vec<Value> {
    let root = root();
    let mut out = Vec::new();
    let none = Gazetteer::default();
    let mut texts = Vec::new();
    for sub in ["testdata/extract/text", "testdata/extract/quotes"] {
        for path in files_under(&root.join(sub)) {
            let source = load::load_file(&path).expect("test file loads");
            let name = format!("{sub}/{}", path.file_name().unwrap().to_string_lossy());
            out.push(record(&name, &extract::extract(&source, &none)));
            if source.format == SourceFormat::Text {
                texts.push((name, source.text.clone()));
            }
        }
    }
    dossier_records("example", &root, &mut out);
    dossier_records(
        "gen-8",
        &root.join("testdata/extract/snapshot/gen-8"),
        &mut out,
    );
    for (name, text) in texts {
        let reversed: Vec<&str> = text.lines().rev().collect();
        let one_line = text
            .lines()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('“', "« ")
            .replace('”', " »")
            .replace('"', "„");
        for (variant, text) in [("reversed", reversed.join("\n")), ("one-line", one_line)] {
            let name = format!("{name}#{variant}");
            let source = source_from_text(&name, SourceFormat::Text, &text);
            out.push(record(&name, &extract::extract(&source, &none)));
        }
    }
    out
}

/// The first place two JSON values differ, as a path.
fn first_difference(path: String, a: &Value, b: &Value) -> Option<(String, String, String)> {
    let short = |v: &Value| {
        let s = v.to_string();
        if s.chars().count() > 300 {
            format!("{}…", s.chars().take(300).collect::<String>())
        } else {
            s
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => {
                        if let Some(d) = first_difference(format!("{path}.{k}"), va, vb) {
                            return Some(d);
                        }
                    }
                    None => return Some((format!("{path}.{k}"), short(va), "(missing)".into())),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| (format!("{path}.{k}"), "(missing)".into(), short(&y[k])))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(format!("{path}[{i}]"), va, vb) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| {
                (
                    format!("{path} (length)"),
                    x.len().to_string(),
                    y.len().to_string(),
                )
            })
        }
        _ => (a != b).then(|| (path, short(a), short(b))),
    }
}

#[test]
fn extraction_matches_the_snapshot() {
    let actual = actual();
    let path = root().join(EXPECTED);
    if std::env::var_os("UPDATE_EXTRACT_SNAPSHOT").is_some() {
        let lines: Vec<String> = actual.iter().map(Value::to_string).collect();
        std::fs::write(&path, lines.join("\n") + "\n").expect("snapshot written");
        return;
    }
    let expected: Vec<Value> = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (UPDATE_EXTRACT_SNAPSHOT=1 writes it)",
                path.display()
            )
        })
        .lines()
        .map(|l| serde_json::from_str(l).expect("snapshot lines are JSON"))
        .collect();
    let name = |v: &Value| v["name"].as_str().unwrap_or("").to_string();
    let mut problems = Vec::new();
    let expected_names: Vec<String> = expected.iter().map(name).collect();
    let actual_names: Vec<String> = actual.iter().map(name).collect();
    if expected_names != actual_names {
        problems.push(format!(
            "documents differ: expected {expected_names:?}, got {actual_names:?}"
        ));
    }
    for (e, a) in expected.iter().zip(&actual) {
        if let Some((at, want, got)) = first_difference(String::new(), e, a) {
            problems.push(format!(
                "{}: at {at}\n  expected {want}\n  got      {got}",
                name(e)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} documents differ from {EXPECTED} (after an intended change: \
         UPDATE_EXTRACT_SNAPSHOT=1 cargo test --test extract_snapshot, then review the diff):\n{}",
        problems.len(),
        actual.len(),
        problems.join("\n")
    );
}

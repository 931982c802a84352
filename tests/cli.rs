//! The CLI's editing commands and theme overrides, end to end.

mod common;
use common::*;

#[test]
fn add_copies_the_file_and_appends_an_entry_keeping_comments() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    dossier_ok(&["init", root.to_str().unwrap()]);
    let manifest_before = std::fs::read_to_string(root.join("dossier.yaml")).unwrap();
    let article = tmp.path().join("Saved Article.html");
    std::fs::write(&article, "<html><body><article><h1>Council votes on the bridge again</h1><p>\"We are ready,\" the mayor said on Monday.</p></article></body></html>").unwrap();
    let out = dossier_ok(&[
        "--root",
        root.to_str().unwrap(),
        "add",
        article.to_str().unwrap(),
        "--outlet",
        "Example Gazette",
        "--published",
        "2024-05-03",
        "--url",
        "https://example.org/a",
    ]);
    assert!(out.contains("`saved-article`"), "{out}");
    assert!(root.join("content/sources/saved-article.html").exists());
    let manifest_after = std::fs::read_to_string(root.join("dossier.yaml")).unwrap();
    // Everything that was there is still there, comments included, in order.
    let kept: Vec<&str> = manifest_before.lines().collect();
    let mut it = manifest_after.lines();
    for line in &kept {
        assert!(it.any(|l| l == *line), "line lost or reordered: {line:?}");
    }
    assert!(manifest_after.contains("  - id: \"saved-article\"\n    file: \"content/sources/saved-article.html\"\n    outlet: \"Example Gazette\""), "{manifest_after}");
    // The dossier still builds, with the new page.
    dossier_ok(&["--root", root.to_str().unwrap(), "build"]);
    let page = read(&root.join("output"), "sources/saved-article.html");
    assert!(page.contains("Council votes on the bridge again"));
    assert!(page.contains("Example Gazette"));
    // Adding the same file again gets a new id rather than clobbering the first.
    let again = dossier_ok(&[
        "--root",
        root.to_str().unwrap(),
        "add",
        article.to_str().unwrap(),
    ]);
    assert!(again.contains("`saved-article-2`"), "{again}");
}

#[test]
fn add_refuses_bad_input_without_touching_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    dossier_ok(&["init", root.to_str().unwrap()]);
    let before = std::fs::read_to_string(root.join("dossier.yaml")).unwrap();
    let article = tmp.path().join("a.txt");
    std::fs::write(&article, "Headline of a text\n\nBody.\n").unwrap();
    for args in [
        vec!["--published", "2024-02-30"],
        vec!["--url", "javascript:alert(1)"],
        vec!["--id", "../escape"],
        vec!["--id", "example-article"],
    ] {
        let mut full = vec![
            "--root",
            root.to_str().unwrap(),
            "add",
            article.to_str().unwrap(),
        ];
        full.extend(args.iter());
        let out = dossier(&full);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
    assert_eq!(
        std::fs::read_to_string(root.join("dossier.yaml")).unwrap(),
        before
    );
    assert!(!root.join("content/sources/a.txt").exists());
}

#[test]
fn a_dossier_template_overrides_the_theme_file_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    dossier_ok(&["init", root.to_str().unwrap()]);
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/note.html"),
        "{% extends \"base.html\" %}{% block content %}<article class=\"my-note\"><h1>{{ note_title }}</h1>{{ note_html | safe }}</article>{% endblock %}",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("static/assets")).unwrap();
    std::fs::write(root.join("static/assets/extra.txt"), "mine").unwrap();
    dossier_ok(&["--root", root.to_str().unwrap(), "build"]);
    let out = root.join("output");
    assert!(read(&out, "notes/introduction/index.html").contains("<article class=\"my-note\">"));
    // Other templates and static files still come from the theme.
    assert!(read(&out, "sources/example-article.html").contains("<h1"));
    assert!(out.join("assets/dossier.css").exists());
    assert_eq!(read(&out, "assets/extra.txt"), "mine");
}

#[test]
fn schema_prints_a_json_schema_of_the_manifest() {
    let out = dossier_ok(&["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(schema["properties"]["sources"].is_object());
    assert!(out.contains("\"facts\""));
}

#[test]
fn extract_prints_one_json_object_per_file() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.txt");
    std::fs::write(
        &a,
        "A headline for extraction\n\n\"We will win,\" the minister said.\n",
    )
    .unwrap();
    let b = tmp.path().join("b.html");
    std::fs::write(&b, "<html lang=\"de\"><body><article><h1>Eine Überschrift hier</h1><p>„Wir gewinnen“, sagte die Ministerin am Montag in Berlin.</p></article></body></html>").unwrap();
    let out = dossier_ok(&["extract", a.to_str().unwrap(), b.to_str().unwrap()]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for record in &lines {
        for key in ["file", "metadata", "text", "quotes", "entities"] {
            assert!(record.get(key).is_some(), "{key} missing in {record}");
        }
        let text = record["text"].as_str().unwrap();
        for q in record["quotes"].as_array().unwrap() {
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s <= e);
        }
    }
    assert_eq!(lines[0]["quotes"][0]["text"], "We will win,");
    assert_eq!(lines[1]["metadata"]["language"], "de");
}

#[test]
fn the_committed_schema_matches_the_manifest_types() {
    let out = dossier_ok(&["schema"]);
    let committed = std::fs::read_to_string(repo().join("dossier.schema.json")).unwrap();
    assert_eq!(
        committed.trim(),
        out.trim(),
        "dossier.schema.json is stale: run `cargo run -- schema > dossier.schema.json`"
    );
}

//! Clean text and metadata on our own test material (`testdata/extract/text/`): realistic text
//! dumps and saved pages in seven languages, each with its expected body (every block after the
//! headline, in order), metadata and strings that must not survive (chrome). Plus property tests:
//! extraction never panics and block ranges always slice the text on character boundaries.

use std::path::{Path, PathBuf};

use dossier::extract::{self, BlockKind, Gazetteer};
use dossier::load::{SourceFormat, source_from_text};
use proptest::prelude::*;

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/extract/text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/extract/text exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .collect();
    files.sort();
    files
}

fn extract_file(path: &Path) -> extract::Document {
    let text = std::fs::read_to_string(path).unwrap();
    let format = SourceFormat::from_path(path).unwrap();
    let source = source_from_text(&path.file_name().unwrap().to_string_lossy(), format, &text);
    extract::extract(&source, &Gazetteer::default())
}

fn field(value: &Option<extract::Field<String>>) -> serde_json::Value {
    value.as_ref().map(|f| f.value.clone()).into()
}

fn date(value: &Option<extract::Field<chrono::NaiveDate>>) -> serde_json::Value {
    value
        .as_ref()
        .map(|f| f.value.format("%Y-%m-%d").to_string())
        .into()
}

#[test]
fn own_material_body_and_metadata() {
    let files = cases();
    assert!(files.len() >= 10, "test material present");
    let mut failures = Vec::new();
    let mut languages = std::collections::BTreeSet::new();
    for path in &files {
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let doc = extract_file(path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let m = &doc.metadata;
        let got = [
            ("title", field(&m.title)),
            ("outlet", field(&m.outlet)),
            ("byline", field(&m.byline)),
            ("published", date(&m.published)),
            ("language", field(&m.language)),
            ("event_date", date(&m.event_date)),
        ];
        for (key, value) in got {
            if expected[key] != value {
                failures.push(format!(
                    "{name}: {key} = {value}, expected {}",
                    expected[key]
                ));
            }
        }
        languages.insert(expected["language"].as_str().unwrap().to_string());
        let body: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Title)
            .map(|b| &doc.text[b.start..b.end])
            .collect();
        let want: Vec<&str> = expected["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        if body != want {
            failures.push(format!("{name}: body\n  got  {body:#?}\n  want {want:#?}"));
        }
        for gone in expected["dropped"].as_array().unwrap() {
            let gone = gone.as_str().unwrap();
            if doc.text.contains(gone) {
                failures.push(format!("{name}: chrome {gone:?} kept"));
            }
        }
        let title_blocks = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .count();
        if title_blocks != 1 {
            failures.push(format!("{name}: {title_blocks} title blocks"));
        }
    }
    for lang in ["en", "fr", "es", "pt", "cs", "zh", "de"] {
        assert!(languages.contains(lang), "material in {lang}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn headings_and_list_items_keep_their_kinds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/extract/text");
    let doc = extract_file(&dir.join("de_kliniken.txt"));
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds[0], BlockKind::Title);
    assert!(kinds.contains(&BlockKind::Heading));
    assert_eq!(
        kinds.iter().filter(|k| **k == BlockKind::ListItem).count(),
        2
    );
    let doc = extract_file(&dir.join("en_wildfires.html"));
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Heading));
}

#[test]
fn manifest_values_win_and_keep_their_origin() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/extract/text");
    let path = dir.join("en_harbour_bridge.txt");
    let mut source = source_from_text(
        "en_harbour_bridge.txt",
        SourceFormat::Text,
        &std::fs::read_to_string(&path).unwrap(),
    );
    source.entry.outlet = Some("Editor's Outlet".into());
    let doc = extract::extract(&source, &Gazetteer::default());
    let outlet = doc.metadata.outlet.unwrap();
    assert_eq!(outlet.value, "Editor's Outlet");
    assert_eq!(outlet.origin, extract::Origin::Manifest);
    assert_eq!(
        doc.metadata.published.unwrap().origin,
        extract::Origin::Text
    );
    assert_eq!(
        doc.metadata.language.unwrap().origin,
        extract::Origin::Detected
    );
}

/// Cleaning and metadata alone (quotes, speakers and entities have their own property tests).
fn clean_and_read_metadata(format: SourceFormat, text: &str) -> Result<(), TestCaseError> {
    let source = source_from_text("prop.txt", format, text);
    let page = match format {
        SourceFormat::Html => extract::html::extract_page(&source.text),
        SourceFormat::Markdown => extract::clean::from_markdown(&source.text),
        SourceFormat::Text => extract::clean::from_text_dump(&source.text),
    };
    for b in &page.blocks {
        prop_assert!(b.start <= b.end && b.end <= page.text.len());
        prop_assert!(page.text.is_char_boundary(b.start) && page.text.is_char_boundary(b.end));
    }
    let meta = extract::metadata::extract(&source, &page);
    let published = meta.published.map(|p| p.value);
    let dates = extract::dates::find_dates(&page.text, published, "en");
    for d in &dates {
        prop_assert!(page.text.is_char_boundary(d.start) && page.text.is_char_boundary(d.end));
    }
    let _ = extract::dates::event_date(&page.text, &page.blocks, &dates, published, "en");
    Ok(())
}

/// Lines of page-like material: words in several scripts, chrome words, dates, bullets, tags.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-zÀ-ž一-龥 .,!?:;'\"“”«»„()/-]{0,80}",
        Just("Read more: x".to_string()),
        Just("00:49".to_string()),
        Just("• item".to_string()),
        Just("By Jane Doe, Example News".to_string()),
        Just("Tue, 31 Dec 2019 10:30 GMT".to_string()),
        Just("2021年3月3日".to_string()),
        Just("© 2020 X".to_string()),
        Just("<p>para <b>bold</b></p><script>x</script>".to_string()),
        Just("<h1>T</h1><article><p>é</p></article>".to_string()),
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_and_blocks_slice_on_char_boundaries(
        lines in proptest::collection::vec(page_line(), 0..30),
        format in prop_oneof![Just(SourceFormat::Text), Just(SourceFormat::Html), Just(SourceFormat::Markdown)],
    ) {
        clean_and_read_metadata(format, &lines.join("\n"))?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        for format in [SourceFormat::Text, SourceFormat::Html, SourceFormat::Markdown] {
            clean_and_read_metadata(format, &text)?;
        }
    }
}

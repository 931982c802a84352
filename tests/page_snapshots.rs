//! Snapshot tests of rendered pages: the example dossier is built and one page of every kind is
//! compared with its committed snapshot (`tests/snapshots/`), so any change to what a reader
//! sees shows up as a reviewable diff. After a deliberate change, review and accept with
//! `INSTA_UPDATE=always cargo test --test page_snapshots` (or `cargo insta review`).

mod common;
use common::*;

/// One page of every kind, by its path in the built site.
const PAGES: &[(&str, &str)] = &[
    ("index", "index.html"),
    ("source_en", "sources/dw-2017-12-17.html"),
    ("source_de", "sources/nau-2017-12-18.html"),
    ("note", "notes/method/index.html"),
    ("compare", "compare/index.html"),
    ("entities", "entities/index.html"),
    ("entity_person", "entities/vladimir-putin.html"),
    ("quotes", "quotes/index.html"),
    ("events", "events/index.html"),
    ("event", "events/new-year-2019.html"),
    ("claims", "claims/index.html"),
    ("timeline", "timeline/index.html"),
    ("not_found", "404.html"),
];

#[test]
fn every_page_kind_matches_its_snapshot() {
    let (_tmp, out) = build_example(&[]);
    for (name, path) in PAGES {
        let html = read(&out, path);
        insta::with_settings!({ snapshot_suffix => "", description => *path, omit_expression => true }, {
            insta::assert_snapshot!(*name, html);
        });
    }
    // The one page of shared quotes whose path depends on the quote: the first, whichever.
    let group = std::fs::read_dir(out.join("quotes"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "index.html"))
        .min()
        .expect("the example has a quote quoted by several outlets");
    let html = std::fs::read_to_string(group).unwrap();
    insta::with_settings!({ description => "quotes/<first group>.html", omit_expression => true }, {
        insta::assert_snapshot!("quote_group", html);
    });
}

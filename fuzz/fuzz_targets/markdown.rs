#![no_main]
//! Markdown sources (front matter included) through extraction, and editorial Markdown through
//! the sanitising renderer: never panics, never lets a script tag through.
use std::sync::LazyLock;

use dossier::extract::{Gazetteer, extract};
use dossier::load::{SourceFormat, source_from_text};
use dossier::render::MarkdownRenderer;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

static RENDERER: LazyLock<MarkdownRenderer> = LazyLock::new(|| MarkdownRenderer::new(false));

fuzz_target!(|data: &str| {
    let source = source_from_text("fuzz", SourceFormat::Markdown, data);
    common::check_document(&extract(&source, &Gazetteer::default()));
    let html = RENDERER.render(data, "").html;
    // Read as a browser would: no script element, no attribute holding a javascript: URL
    // (the words "javascript:" in a note's text are harmless and stay).
    let doc = scraper::Html::parse_fragment(&html);
    for node in doc.tree.nodes() {
        if let Some(element) = node.value().as_element() {
            assert!(element.name() != "script", "script tag survived sanitising: {html}");
            for (name, value) in element.attrs() {
                let value: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    !value.to_ascii_lowercase().starts_with("javascript:"),
                    "javascript: URL survived sanitising in {name}: {html}"
                );
            }
        }
    }
});

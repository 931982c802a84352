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
    let html = RENDERER.render(data, "").html.to_ascii_lowercase();
    assert!(!html.contains("<script"), "script tag survived sanitising");
    // In an attribute, not as words of the text ("javascript:" written in a note is harmless).
    for attribute in ["=\"javascript:", "='javascript:", "=javascript:"] {
        assert!(!html.contains(attribute), "javascript: URL survived sanitising");
    }
});

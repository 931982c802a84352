#![no_main]
//! HTML decoding, main-content extraction and metadata on arbitrary pages.
use dossier::extract::{Gazetteer, extract};
use dossier::load::{SourceFormat, decode, source_from_text};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data, true) else { return };
    let source = source_from_text("fuzz", SourceFormat::Html, &decoded.text);
    common::check_document(&extract(&source, &Gazetteer::default()));
});

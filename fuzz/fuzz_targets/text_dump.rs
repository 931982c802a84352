#![no_main]
//! Text-dump cleaning and the whole extraction on plain text (bytes decoded as the loader does).
use dossier::extract::{Gazetteer, extract};
use dossier::load::{SourceFormat, decode, source_from_text};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data, false) else { return };
    let source = source_from_text("fuzz", SourceFormat::Text, &decoded.text);
    common::check_document(&extract(&source, &Gazetteer::default()));
});

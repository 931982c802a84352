#![no_main]
//! Quotes, speakers and entities on arbitrary text, with a gazetteer so matching runs too.
use std::sync::LazyLock;

use dossier::extract::{Gazetteer, extract};
use dossier::load::{SourceFormat, source_from_text};
use dossier::manifest::{EntityDef, EntityKind};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let def = |name: &str, kind, aliases: &[&str]| EntityDef {
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        description: None,
    };
    Gazetteer::new(&[
        def("Vladimir Putin", EntityKind::Person, &["Putin", "Wladimir Putin"]),
        def("Kremlin", EntityKind::Organization, &["Kreml"]),
        def("St. Petersburg", EntityKind::Place, &["St Petersburg"]),
        def("Ünïcödé Ørg", EntityKind::Organization, &["ÜÖ", "北京"]),
    ])
});

fuzz_target!(|data: &str| {
    // Paragraph-shaped input exercises quotes across blocks.
    let source = source_from_text("fuzz", SourceFormat::Text, &format!("A headline for the fuzzer\n\n{data}"));
    common::check_document(&extract(&source, &GAZETTEER));
});

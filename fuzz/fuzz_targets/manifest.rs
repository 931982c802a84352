#![no_main]
//! The manifest loader on arbitrary text: never panics; every located problem points inside it.
use dossier::manifest::{ManifestFile, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = ManifestFile::new("dossier.yaml", text.as_ref());
    let (_, problems) = parse(&file);
    for p in problems.iter() {
        if let Some(l) = p.location {
            assert!(l.offset <= text.len() && text.is_char_boundary(l.offset));
        }
    }
});

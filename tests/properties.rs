//! Invariants that hold for any input: the manifest parser, the decoder, slugs and front matter
//! never panic, and what they produce is safe to use as paths.

use dossier::load::{SourceFormat, decode, source_from_text};
use dossier::manifest::{ManifestFile, parse};
use dossier::slug::{is_safe_id, slugify};
use proptest::prelude::*;

/// YAML-ish text: keys the manifest knows, punctuation YAML cares about, and noise.
fn yamlish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "title: ",
        "sources:\n",
        "  - id: ",
        "    file: ",
        "dir: ",
        "glob: ",
        "published: ",
        "2019-02-30",
        "2019-12-29",
        "events:\n",
        "  - {id: e, title: t, date: 2020-01-01}\n",
        "entities:\n",
        "kind: person",
        "aliases: [a, b]",
        "compare:\n",
        "  - label: L\n    pattern: '(x'\n",
        "claims:\n",
        "{",
        "}",
        "[",
        "]",
        ":",
        "- ",
        "\n",
        "  ",
        "\t",
        "'",
        "\"",
        "#",
        "&a ",
        "*a",
        "!!str ",
        "---\n",
        "../../etc/passwd",
        "é",
        "\u{feff}",
        "x",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn manifest_parsing_never_panics_and_locates_every_problem(text in yamlish()) {
        let file = ManifestFile::new("dossier.yaml", text.as_str());
        let (manifest, problems) = parse(&file);
        if problems.has_errors() {
            prop_assert!(manifest.is_none() || problems.iter().any(|p| p.is_error()));
        }
        for p in problems.iter() {
            if let Some(l) = p.location {
                prop_assert!(l.line >= 1 && l.column >= 1);
                prop_assert!(l.offset <= text.len());
                prop_assert!(text.is_char_boundary(l.offset));
            }
            prop_assert!(!p.message.is_empty());
        }
    }

    #[test]
    fn manifest_parsing_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
        let file = ManifestFile::new("dossier.yaml", text.as_str());
        let _ = parse(&file);
    }

    #[test]
    fn decoding_never_panics_and_yields_lf_text(bytes in prop::collection::vec(any::<u8>(), 0..2000), html in any::<bool>()) {
        if let Ok(d) = decode(&bytes, html) {
            prop_assert!(!d.text.contains('\r'));
            prop_assert!(!d.text.contains('\0'));
        }
    }

    #[test]
    fn slugs_are_safe_path_components(text in "\\PC{0,120}") {
        let s = slugify(&text);
        prop_assert!(!s.is_empty());
        prop_assert!(is_safe_id(&s), "{s:?}");
        prop_assert!(!s.contains('/') && !s.contains('\\') && s != "." && s != "..");
        prop_assert_eq!(slugify(&s), s.clone(), "slugify is idempotent");
    }

    #[test]
    fn front_matter_never_panics(text in "(---\n)?\\PC{0,200}(\n---\n)?\\PC{0,50}") {
        let s = source_from_text("fm", SourceFormat::Markdown, &text);
        prop_assert!(s.text.len() <= text.len());
    }
}

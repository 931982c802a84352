//! Helpers of the `serve` tests: compare a served site with a full build, edit a source.
#![allow(dead_code)]

use std::path::Path;

use dossier::pipeline::{self, BuildOptions};

/// Every file of a site folder with its bytes (the build marker left out).
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() != ".dossier-output")
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Builds the dossier from scratch beside it and checks the served site has the same files,
/// byte for byte.
pub fn assert_same_as_full_build(root: &Path, served: &Path, step: &str) {
    let full = root
        .parent()
        .unwrap()
        .join(format!("full-{}", step.replace(' ', "-")));
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: Some(full.clone()),
        base_url: Some("/".into()),
    };
    pipeline::build(&opts).unwrap_or_else(|p| panic!("{step}: full build failed: {p:?}"));
    let (a, b) = (tree(served), tree(&full));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "{step}: the same files");
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{step}: {name} differs from a full build");
    }
}

/// Replaces the first `from` in the file with `to` (which must be there).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

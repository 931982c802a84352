//! How long the search index takes to build and how big it is, on a dossier named by
//! `DOSSIER_SCALE_ROOT` (e.g. one made by `gen-corpus --sources 10000`). A measurement, not a
//! check of speed: ignored by default.
//!
//! `DOSSIER_SCALE_ROOT=/tmp/site/g10k cargo test --release --test site_search_scale -- --ignored --nocapture`

use std::time::Instant;

#[test]
#[ignore]
fn measure_the_search_index() {
    let Some(root) = std::env::var_os("DOSSIER_SCALE_ROOT") else {
        eprintln!("set DOSSIER_SCALE_ROOT to a dossier folder");
        return;
    };
    let prepared = dossier::pipeline::prepare(std::path::Path::new(&root), None)
        .unwrap_or_else(|p| panic!("{p:?}"));
    let titles = dossier::render::views::note_titles(&prepared.dossier);
    let start = Instant::now();
    let index = dossier::render::search::build(&prepared.dossier, &titles);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let terms: usize = index.term_shards.iter().map(String::len).sum();
    let docs: usize = (0..index.doc_shard_count())
        .map(|k| {
            index
                .doc_shard(k, &prepared.dossier, &titles)
                .map_or(0, |s| s.len())
        })
        .sum();
    eprintln!(
        "sources={} documents={} terms={} build_ms={ms:.0} bytes: manifest={} terms={terms} in {} shards, documents={docs} in {} shards",
        prepared.dossier.documents.len(),
        index.docs,
        index.terms,
        index.manifest.len(),
        index.term_shards.len(),
        index.doc_shard_count(),
    );
    assert!(index.docs >= prepared.dossier.documents.len());
}

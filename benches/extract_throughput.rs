//! Throughput of clean-text and metadata extraction, in MB/s on one core, for text dumps and
//! saved HTML pages (and of the whole extraction stage, quotes and entities included, for
//! reference). A benchmark, not a test: `cargo bench --bench extract_throughput`.
//!
//! Inputs: the files of `testdata/extract/text/`, plus every `.txt`/`.html` file under the
//! folder named by `EXTRACT_BENCH_DIR` (e.g. a gen-corpus `content/sources`), if set.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier::extract::{self, Gazetteer};
use dossier::load::{Source, SourceFormat, source_from_text};

fn inputs() -> Vec<(SourceFormat, Source)> {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/extract/text")];
    if let Ok(extra) = std::env::var("EXTRACT_BENCH_DIR") {
        dirs.push(PathBuf::from(extra));
    }
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for path in files {
            let Some(format @ (SourceFormat::Text | SourceFormat::Html)) =
                SourceFormat::from_path(&path)
            else {
                continue;
            };
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            out.push((
                format,
                source_from_text(&path.file_name().unwrap().to_string_lossy(), format, &text),
            ));
        }
    }
    out
}

fn clean_and_metadata(source: &Source) -> usize {
    let page = match source.format {
        SourceFormat::Html => extract::html::extract_page(&source.text),
        _ => extract::clean::from_text_dump(&source.text),
    };
    let meta = extract::metadata::extract(source, &page);
    page.text.len() + usize::from(meta.title.is_some())
}

fn whole_stage(source: &Source) -> usize {
    extract::extract(source, &Gazetteer::default()).text.len()
}

/// Runs `f` over the sources until at least `budget` has passed; returns MB/s.
fn measure(sources: &[&Source], f: fn(&Source) -> usize, budget: Duration) -> (f64, usize) {
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut sink = 0usize;
    for s in sources {
        sink = sink.wrapping_add(f(s)); // warm-up
    }
    let start = Instant::now();
    let mut rounds = 0usize;
    while start.elapsed() < budget {
        for s in sources {
            sink = sink.wrapping_add(f(s));
        }
        rounds += 1;
    }
    std::hint::black_box(sink);
    (
        bytes as f64 * rounds as f64 / 1e6 / start.elapsed().as_secs_f64(),
        bytes,
    )
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let budget = Duration::from_millis(if quick { 50 } else { 3000 });
    let all = inputs();
    println!("| input | files | bytes | clean + metadata MB/s | whole extract stage MB/s |");
    println!("|---|---|---|---|---|");
    for (label, format) in [
        ("text dumps", SourceFormat::Text),
        ("HTML pages", SourceFormat::Html),
    ] {
        let sources: Vec<&Source> = all
            .iter()
            .filter(|(f, _)| *f == format)
            .map(|(_, s)| s)
            .collect();
        if sources.is_empty() {
            continue;
        }
        let (clean, bytes) = measure(&sources, clean_and_metadata, budget);
        let (whole, _) = measure(&sources, whole_stage, budget);
        println!(
            "| {label} | {} | {bytes} | {clean:.1} | {whole:.1} |",
            sources.len()
        );
    }
}

//! Runs the pipeline up to cross-linking on a dossier (no pages rendered) and writes
//! `dossier.json` plus the link timings, for `bench/link_eval.py` to score against a
//! gen-corpus truth file.
//!
//! ```sh
//! cargo run --release --example link_eval -- DOSSIER_DIR OUT.json
//! ```

use std::io::BufWriter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, out] = args.as_slice() else {
        eprintln!("usage: link_eval DOSSIER_DIR OUT.json");
        std::process::exit(2);
    };
    let prepared = match dossier::pipeline::prepare(std::path::Path::new(root), None) {
        Ok(p) => p,
        Err(problems) => {
            for p in &problems.0 {
                eprintln!("{}: {}", p.file.display(), p.message);
            }
            std::process::exit(1);
        }
    };
    let file = std::fs::File::create(out).unwrap_or_else(|e| {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    });
    let s = std::time::Instant::now();
    dossier::render::export_json::write(&prepared.dossier, BufWriter::new(file)).unwrap_or_else(
        |e| {
            eprintln!("{out}: {e}");
            std::process::exit(1);
        },
    );
    let export_ms = s.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{}",
        serde_json::json!({
            "sources": prepared.dossier.documents.len(),
            "extract_ms": prepared.timings.extract_ms,
            "link_ms": prepared.timings.link_ms,
            "link": prepared.timings.link,
            "export_ms": export_ms,
        })
    );
}

//! Runs the pipeline up to cross-linking on a dossier (no pages rendered) and writes
//! `dossier.json` plus the timings, for `bench/link_eval.py` to score against a gen-corpus
//! truth file. Besides the wall-clock time of each linking step (`link`, as `build --timings`
//! prints them), it reports the CPU time of the whole link stage (`link_cpu_ms`, Linux only),
//! which a busy shared machine disturbs much less.
//!
//! ```sh
//! cargo run --release --example link_eval -- DOSSIER_DIR OUT.json
//! ```

use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

/// CPU time of the calling thread in milliseconds (user + system), from /proc.
fn thread_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which may hold spaces) end with `) `.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name.
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0) // USER_HZ is 100 on Linux
}

fn fail(message: String) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, out] = args.as_slice() else {
        eprintln!("usage: link_eval DOSSIER_DIR OUT.json");
        std::process::exit(2);
    };
    let report = |problems: dossier::diagnostics::Problems| -> ! {
        for p in &problems.0 {
            eprintln!("{}: {}", p.file.display(), p.message);
        }
        std::process::exit(1);
    };
    let manifest = dossier::manifest::read(Path::new(root)).unwrap_or_else(|p| report(p));
    let (loaded, problems) = dossier::load::load(&manifest);
    if problems.has_errors() {
        report(problems);
    }
    let s = Instant::now();
    let gazetteer = dossier::extract::Gazetteer::new(&manifest.manifest.entities);
    let documents: Vec<_> = loaded
        .sources
        .par_iter()
        .map(|src| dossier::extract::extract(src, &gazetteer))
        .collect();
    let extract_ms = s.elapsed().as_secs_f64() * 1000.0;

    let cpu = thread_cpu_ms();
    let s = Instant::now();
    let (dossier, timings) = dossier::link::link(&manifest.manifest, documents, loaded.notes);
    let link_ms = s.elapsed().as_secs_f64() * 1000.0;
    let link_cpu_ms = cpu.zip(thread_cpu_ms()).map(|(a, b)| b - a);

    let file = std::fs::File::create(out).unwrap_or_else(|e| fail(format!("{out}: {e}")));
    let s = Instant::now();
    dossier::render::export_json::write(&dossier, BufWriter::new(file))
        .unwrap_or_else(|e| fail(format!("{out}: {e}")));
    let export_ms = s.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{}",
        serde_json::json!({
            "sources": dossier.documents.len(),
            "extract_ms": extract_ms,
            "link_ms": link_ms,
            "link_cpu_ms": link_cpu_ms,
            "link": timings,
            "export_ms": export_ms,
        })
    );
}

//! Throughput of clean-text and metadata extraction, in MB/s on one core, for text dumps and
//! saved HTML pages (and of the whole extraction stage, quotes and entities included). A
//! benchmark, not a test: `cargo bench --bench extract_throughput`.
//!
//! Each figure is given per second of the thread's CPU time (what "per core" means, and steady
//! on a machine other jobs share) and, in brackets, per second of wall time (lower when the
//! thread waits for a core). CPU time is read from `/proc/thread-self/stat` (Linux, 10 ms
//! ticks over a 3 s run); elsewhere only wall time is given.
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

/// CPU time this thread has used (user and system), if the platform says.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which may hold spaces) close with ')'.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel's USER_HZ is 100 on every Linux we run on.
    Some(Duration::from_millis(ticks * 10))
}

/// Throughput in MB/s per second of CPU time (if known) and per second of wall time.
struct Rate {
    cpu: Option<f64>,
    wall: f64,
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.cpu {
            Some(cpu) => write!(f, "{cpu:.1} ({:.1})", self.wall),
            None => write!(f, "({:.1})", self.wall),
        }
    }
}

/// Runs `f` over the sources until at least `budget` has passed.
fn measure(sources: &[&Source], f: fn(&Source) -> usize, budget: Duration) -> (Rate, usize) {
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut sink = 0usize;
    for s in sources {
        sink = sink.wrapping_add(f(s)); // warm-up
    }
    let start = Instant::now();
    let cpu_start = thread_cpu_time();
    let mut rounds = 0usize;
    while start.elapsed() < budget {
        for s in sources {
            sink = sink.wrapping_add(f(s));
        }
        rounds += 1;
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_start
        .zip(thread_cpu_time())
        .map(|(a, b)| (b - a).as_secs_f64())
        .filter(|&t| t > 0.0);
    std::hint::black_box(sink);
    let mb = bytes as f64 * rounds as f64 / 1e6;
    (
        Rate {
            cpu: cpu.map(|t| mb / t),
            wall: mb / wall,
        },
        bytes,
    )
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let budget = Duration::from_millis(if quick { 50 } else { 3000 });
    let all = inputs();
    println!(
        "| input | files | bytes | clean + metadata MB/s per core (wall) | whole extract stage MB/s per core (wall) |"
    );
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

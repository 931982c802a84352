//! The `dossier` command line: parses arguments and calls the library. Exit status: 0 on
//! success, 1 on input errors, 2 on usage errors.

#![allow(clippy::result_large_err)]

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::commands::{add, extract as extract_cmd, init};
use dossier::diagnostics::{Problem, Problems, render_report};
use dossier::pipeline::{self, BuildOptions};
use dossier::progress::{BarProgress, LineProgress, NoProgress};

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build a cross-linked static site from a dossier of news coverage"
)]
struct Cli {
    /// The dossier's folder (holding dossier.yaml).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new dossier that builds as it is.
    Init {
        /// Where to create it (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// Build the site into output/ (atomically: a failed build leaves the previous site).
    Build {
        /// Where to write the site (default: ROOT/output).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Where the site will be published, e.g. https://example.org/dossiers/putin/ or /putin/.
        #[arg(long)]
        base_url: Option<String>,
        /// Print how long each stage took (and peak memory), as JSON on standard error.
        #[arg(long)]
        timings: bool,
        /// How to show progress: a bar in a terminal (auto: when standard error is a terminal
        /// and not in CI), one line per stage, or nothing.
        #[arg(long, value_enum, default_value_t = ProgressMode::Auto)]
        progress: ProgressMode,
    },
    /// Build, serve on http://127.0.0.1:PORT/, rebuild what an edit affects and reload the browser.
    Serve {
        /// The port (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 0.0.0.0 makes the preview reachable from other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
    /// Validate everything (manifest, files, templates) and report all problems; write nothing.
    Check,
    /// Copy a file into content/sources/ and list it in dossier.yaml (comments kept).
    Add {
        file: PathBuf,
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        outlet: Option<String>,
        #[arg(long)]
        url: Option<String>,
        /// Publication date, YYYY-MM-DD.
        #[arg(long)]
        published: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Extract text, metadata, quotes and entities from files; one JSON object per line.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// A dossier.yaml whose entities (gazetteer) to use.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Also write one FILE_STEM.json per file into this folder.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// Print the JSON Schema of dossier.yaml (for editor completion).
    Schema,
}

/// How a build shows its progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ProgressMode {
    Auto,
    Bar,
    Lines,
    None,
}

impl ProgressMode {
    /// Auto means a bar for a person at a terminal, nothing in CI logs and pipes.
    fn resolve(self) -> ProgressMode {
        match self {
            ProgressMode::Auto => {
                let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
                if std::io::stderr().is_terminal() && !ci {
                    ProgressMode::Bar
                } else {
                    ProgressMode::None
                }
            }
            other => other,
        }
    }
}

/// Runs a build with the chosen progress display.
fn build_with_progress(
    opts: &BuildOptions,
    mode: ProgressMode,
) -> Result<(pipeline::BuildReport, pipeline::Built), Problems> {
    match mode.resolve() {
        ProgressMode::Bar => {
            let bar = BarProgress::new();
            let result = pipeline::build_keeping(opts, &bar);
            bar.clear();
            result
        }
        ProgressMode::Lines => pipeline::build_keeping(opts, &LineProgress::default()),
        _ => pipeline::build_keeping(opts, &NoProgress),
    }
}

/// jemalloc instead of the system allocator: a build makes and drops millions of small strings
/// on every core, and glibc's malloc was ~9 % of its CPU time (10k sources: 9.1 → 7.5 s wall).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts (before `main`): freed pages go back to the system
/// after 50 ms instead of 10 s. Each stage frees most of what the previous one built (sources,
/// indexes, search postings); kept for 10 s, those pages pushed the peak past 1 GiB at 50,000
/// sources, and returning them at once (0 ms) doubled the system time (`madvise`).
/// `_RJEM_MALLOC_CONF` in the environment still overrides these.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &[u8] = b"dirty_decay_ms:50,muzzy_decay_ms:0\0";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            eprint!("{}", render_report(&problems.0, color));
            let n = problems.error_count();
            eprintln!(
                "{n} error{} found; nothing was written.",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}

fn print_warnings(problems: &Problems) {
    if !problems.is_empty() {
        eprint!(
            "{}",
            render_report(&problems.0, std::io::stderr().is_terminal())
        );
    }
}

fn run(cli: Cli) -> Result<(), Problems> {
    let one = |p: Problem| Problems(vec![p]);
    match cli.command {
        Command::Init { dir } => {
            let dir = dir.unwrap_or_else(|| cli.root.clone());
            let created = init::init(&dir).map_err(one)?;
            println!(
                "Created a dossier in {} ({} files). Next: dossier --root {} build",
                dir.display(),
                created.len(),
                dir.display()
            );
            Ok(())
        }
        Command::Build {
            output,
            base_url,
            timings,
            progress,
        } => {
            let opts = BuildOptions {
                root: cli.root.clone(),
                output,
                base_url,
            };
            let (report, built) = build_with_progress(&opts, progress)?;
            // The process ends right after this: the operating system takes the memory back at
            // once, while freeing the model piece by piece would cost a big dossier seconds.
            std::mem::forget(built);
            print_warnings(&report.warnings);
            if timings {
                eprintln!(
                    "{}",
                    serde_json::to_string_pretty(&report.timings).unwrap_or_default()
                );
            }
            println!(
                "Built {} into {}: {} pages ({} written, {} unchanged) in {:.2} s.",
                match report.sources {
                    1 => "1 source".to_string(),
                    n => format!("{n} sources"),
                },
                report.output.display(),
                report.write.files(),
                report.write.written,
                report.write.unchanged,
                report.timings.total_ms / 1000.0
            );
            Ok(())
        }
        Command::Serve { port, bind } => dossier::serve::serve(&dossier::serve::ServeOptions {
            root: cli.root.clone(),
            bind,
            port,
        }),
        Command::Check => {
            let problems = pipeline::check(&cli.root);
            if problems.has_errors() {
                return Err(problems);
            }
            print_warnings(&problems);
            println!(
                "No problems found{}.",
                if problems.is_empty() {
                    String::new()
                } else {
                    format!(" ({} warnings)", problems.warning_count())
                }
            );
            Ok(())
        }
        Command::Add {
            file,
            id,
            outlet,
            url,
            published,
            title,
            event,
            note,
        } => {
            let added = add::add(
                &cli.root,
                &file,
                &add::AddOptions {
                    id,
                    outlet,
                    url,
                    published,
                    title,
                    event,
                    note,
                },
            )
            .map_err(one)?;
            println!(
                "Added {} as `{}` ({}).",
                file.display(),
                added.id,
                added.copied_to.display()
            );
            Ok(())
        }
        Command::Extract {
            files,
            manifest,
            out_dir,
        } => {
            let gazetteer = match manifest {
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| one(Problem::error(&path, format!("cannot read: {e}"))))?;
                    let file = dossier::manifest::ManifestFile::new(&path, text);
                    let (m, problems) = dossier::manifest::parse(&file);
                    match m {
                        Some(m) if !problems.has_errors() => {
                            dossier::extract::Gazetteer::new(&m.entities)
                        }
                        _ => return Err(problems),
                    }
                }
                None => dossier::extract::Gazetteer::default(),
            };
            if let Some(dir) = &out_dir {
                std::fs::create_dir_all(dir)
                    .map_err(|e| one(Problem::error(dir, format!("cannot create: {e}"))))?;
            }
            let mut problems = Problems::default();
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let extracted = extract_cmd::extract_files(&files, &gazetteer);
            for (file, result) in files.iter().zip(extracted) {
                match result {
                    Ok(json) => {
                        let _ = writeln!(out, "{json}");
                        if let Some(dir) = &out_dir {
                            let stem = file
                                .file_stem()
                                .and_then(|s| s.to_str())
                                .unwrap_or("source");
                            let path = dir.join(format!("{stem}.json"));
                            if let Err(e) = std::fs::write(&path, &json) {
                                problems.push(Problem::error(&path, format!("cannot write: {e}")));
                            }
                        }
                    }
                    Err(p) => problems.push(p),
                }
            }
            if problems.has_errors() {
                Err(problems)
            } else {
                Ok(())
            }
        }
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&dossier::manifest::json_schema()).unwrap_or_default()
            );
            Ok(())
        }
    }
}

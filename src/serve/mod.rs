//! `dossier serve`: builds the site into a temporary folder, serves it over HTTP, watches the
//! dossier and rebuilds only what a change affects, and reloads open browsers.
//!
//! - HTTP: tiny_http (small, synchronous, maintained; no async runtime for a local preview
//!   server), one thread per request so that long-polling browsers do not block page loads.
//! - Watching: notify, keeping only events that change files (inotify also reports every
//!   read, including the rebuild's own), and collecting a burst of them (an editor's temporary
//!   file, rename, metadata) into one rebuild.
//! - State: a [`site::Site`] value owned by the rebuild loop; the HTTP threads only read files
//!   and a [`http::Status`] shared through an `Arc`. No global state.

pub mod deps;
pub mod http;
pub mod site;

use std::collections::HashSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::diagnostics::{Problems, render_report};
use site::{Changes, Edit, RebuildReport, Site, canonical_root, plain_problem};

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
}

/// How long the watcher waits for an editor's writes to settle.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// The wait after a file was closed from writing: the write is complete, so only what an
/// editor does in the same instant (a second file, a rename) is gathered.
const DEBOUNCE_AFTER_CLOSE: Duration = Duration::from_millis(4);
/// The longest wait for a file written to be closed (a writer that stalls, not one that
/// never closes, which inotify cannot tell apart).
const MAX_WAIT_FOR_CLOSE: Duration = Duration::from_secs(2);

/// What a file event says about a write in progress.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Write {
    /// Bytes written (or the file truncated): more may follow until it is closed.
    Data,
    /// Closed after writing: the write is complete.
    Closed,
    /// Anything else (created, renamed, removed).
    Other,
}

enum Message {
    /// Paths an event changed, and what it says about writes in progress.
    Files(Vec<PathBuf>, Write),
    WatchError(String),
    Stop,
}

/// Sorts changed paths into what they mean for the site; paths of no interest are dropped.
pub fn classify(site: &Site, paths: &[PathBuf]) -> Changes {
    let root = site.root();
    let mut changes = Changes::default();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        let first = parts.next().unwrap_or_default();
        // Build output, hidden folders (.git, the spare tree), editor backups.
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if first == "output"
            || rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            || name.ends_with('~')
            || name.ends_with(".swp")
        {
            continue;
        }
        if rel == Path::new(crate::manifest::MANIFEST_FILE) {
            changes.manifest = true;
        } else if matches!(first.as_ref(), "templates" | "static" | "themes") {
            changes.theme = true;
        } else if site.is_source(path) {
            changes.sources.insert(path.clone());
        } else if site.is_note(path) || crate::load::SourceFormat::from_path(path).is_some() {
            changes.other = true;
        }
    }
    changes
}

/// Whether an event may change a file's content (reads and metadata-only changes do not).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// Tracks files being written (`writing`); returns whether the event closed a write.
fn note_write(writing: &mut HashSet<PathBuf>, paths: &[PathBuf], write: Write) -> bool {
    match write {
        Write::Data => writing.extend(paths.iter().cloned()),
        Write::Closed => {
            for path in paths {
                writing.remove(path);
            }
        }
        Write::Other => {}
    }
    write == Write::Closed
}

fn print_problems(problems: &Problems) {
    use std::io::IsTerminal;
    eprint!(
        "{}",
        render_report(&problems.0, std::io::stderr().is_terminal())
    );
}

fn print_rebuilt(r: &RebuildReport) {
    println!(
        "Rebuilt in {:.0} ms (link {:.0} ms, search and shared parts {:.0} ms, dependencies {:.0} ms, render and write {:.0} ms): {} source{} extracted, {} pages rendered ({} written, {} removed).",
        r.total_ms,
        r.link_ms,
        r.parts_ms,
        r.deps_ms,
        r.render_ms,
        r.extracted,
        if r.extracted == 1 { "" } else { "s" },
        r.rendered,
        r.write.written,
        r.removed
    );
}

/// Phase two of the pending edits: the rest of the site catches up, browsers reload again.
fn settle(site: &mut Site, status: &http::Status, error: &mut Option<String>) {
    match site.settle() {
        Ok(r) => {
            print_rebuilt(&r);
            status.update(error.clone(), false);
        }
        Err(problems) => {
            print_problems(&problems);
            eprintln!("The rest of the site could not be updated.");
            *error = Some(site::report_text(&problems));
            status.update(error.clone(), false);
        }
    }
}

/// Builds, serves and rebuilds until Ctrl-C.
pub fn serve(opts: &ServeOptions) -> Result<(), Problems> {
    let root = canonical_root(&opts.root);
    let tmp = tempfile::Builder::new()
        .prefix("dossier-serve-")
        .tempdir()
        .map_err(|e| plain_problem(format!("cannot create a temporary folder: {e}")))?;
    let out = tmp.path().join("site");
    let started = std::time::Instant::now();
    let mut site = Site::build(&root, &out, Some("/"))?;
    if !site.warnings.is_empty() {
        print_problems(&site.warnings);
    }
    let server = tiny_http::Server::http((opts.bind, opts.port))
        .map_err(|e| plain_problem(format!("cannot listen on {}:{}: {e}", opts.bind, opts.port)))?;
    let addr = server
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let status = Arc::new(http::Status::default());

    let (tx, rx) = mpsc::channel::<Message>();
    let watch_tx = tx.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let message = match res {
            Ok(event) if changes_content(&event.kind) => {
                let write = match event.kind {
                    EventKind::Access(AccessKind::Close(AccessMode::Write)) => Write::Closed,
                    EventKind::Modify(ModifyKind::Data(_)) => Write::Data,
                    _ => Write::Other,
                };
                Message::Files(event.paths, write)
            }
            Ok(_) => return,
            Err(e) => Message::WatchError(e.to_string()),
        };
        let _ = watch_tx.send(message);
    })
    .map_err(|e| plain_problem(format!("cannot watch the dossier: {e}")))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| plain_problem(format!("cannot watch {}: {e}", root.display())))?;
    let stop_tx = tx.clone();
    // Ctrl-C ends the loop so the temporary folder is removed.
    let _ = ctrlc::set_handler(move || {
        let _ = stop_tx.send(Message::Stop);
    });

    let server = Arc::new(server);
    {
        let (server, out, status) = (server.clone(), out.clone(), status.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (out, status) = (out.clone(), status.clone());
                std::thread::spawn(move || http::handle(request, &out, &status));
            }
        });
    }
    println!(
        "Built {} sources in {:.2} s. Serving on http://{addr}/ (Ctrl-C to stop)",
        site.dossier().documents.len(),
        started.elapsed().as_secs_f64()
    );

    // The error of the last edit, shown until an edit builds again.
    let mut error: Option<String> = None;
    loop {
        // With phase two pending, edits already queued go first (their pages are served at
        // once); phase two runs when none is waiting. Edits made during phase two queue in
        // the channel and are taken on the next turn: none is lost.
        let message = if site.has_pending() {
            match rx.try_recv() {
                Ok(m) => Some(m),
                Err(mpsc::TryRecvError::Empty) => None,
                Err(mpsc::TryRecvError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => break,
            }
        };
        let Some(message) = message else {
            settle(&mut site, &status, &mut error);
            continue;
        };
        let (mut paths, write) = match message {
            Message::Files(p, w) => (p, w),
            Message::WatchError(e) => {
                eprintln!("dossier serve: watching failed: {e}");
                continue;
            }
            Message::Stop => break,
        };
        // Everything until the writes settle is one rebuild. A file written to and not yet
        // closed is still being written (a stalled writer must not be read half-way, which
        // would look like an emptied source): wait for its close, then briefly.
        let mut writing: HashSet<PathBuf> = HashSet::new();
        let mut closed = note_write(&mut writing, &paths, write);
        let burst = std::time::Instant::now();
        let mut stop = false;
        loop {
            let wait = if !writing.is_empty() && burst.elapsed() < MAX_WAIT_FOR_CLOSE {
                DEBOUNCE
            } else if closed {
                DEBOUNCE_AFTER_CLOSE
            } else {
                DEBOUNCE
            };
            match rx.recv_timeout(wait) {
                Ok(Message::Files(p, w)) => {
                    closed = note_write(&mut writing, &p, w);
                    paths.extend(p);
                }
                Ok(Message::Stop) => {
                    stop = true;
                    break;
                }
                Ok(Message::WatchError(_)) => {}
                Err(mpsc::RecvTimeoutError::Timeout)
                    if !writing.is_empty() && burst.elapsed() < MAX_WAIT_FOR_CLOSE => {}
                Err(_) => break,
            }
        }
        if stop {
            break;
        }
        let changes = classify(&site, &paths);
        if changes.is_empty() {
            continue;
        }
        match site.edit(&changes) {
            Ok(Edit::Served(r)) => {
                println!(
                    "Served in {:.0} ms: {} source{} extracted, {} of {} pages written; updating the rest of the site.",
                    r.total_ms,
                    r.extracted,
                    if r.extracted == 1 { "" } else { "s" },
                    r.pages,
                    if r.extracted == 1 { "its" } else { "their" },
                );
                error = None;
                status.update(None, true);
            }
            Ok(Edit::Rebuilt(r)) => {
                if !site.warnings.is_empty() {
                    print_problems(&site.warnings);
                }
                print_rebuilt(&r);
                error = None;
                status.update(None, site.has_pending());
            }
            Ok(Edit::Unchanged) => {}
            Err(problems) => {
                print_problems(&problems);
                eprintln!("The site still shows the last good build.");
                error = Some(site::report_text(&problems));
                status.update(error.clone(), site.has_pending());
            }
        }
    }
    server.unblock();
    drop(watcher);
    drop(tmp);
    Ok(())
}

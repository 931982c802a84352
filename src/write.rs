//! Stage 6: pages → `output/`, atomically. The site is built in a temporary folder beside
//! `output/` and swapped in with one rename, so a failed or interrupted build (an error, Ctrl-C,
//! kill -9) leaves the previous `output/` exactly as it was. Files whose bytes did not change are
//! hard-linked from the previous build, keeping their timestamps for sync tools.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostics::{Problem, Problems};
use crate::progress::Progress;

/// A marker file that says a folder was written by dossier, so it may be replaced.
pub const MARKER: &str = ".dossier-output";

/// What a write did.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    /// Files written with new bytes.
    pub written: usize,
    /// Files whose bytes were the same as in the previous build (kept, not rewritten).
    pub unchanged: usize,
    pub bytes: u64,
    /// Time spent rendering and writing, summed over the worker threads (ms).
    pub render_ms: f64,
    pub io_ms: f64,
    /// Time to swap the new site in and remove the previous one (ms).
    pub swap_ms: f64,
}

impl WriteStats {
    pub fn files(&self) -> usize {
        self.written + self.unchanged
    }
}

/// A file's bytes as the renderer hands them over: in memory, or produced straight into the
/// file (a big export: `dossier.json` of 50,000 sources is 115 MB, which held in memory was
/// the largest single allocation of the build).
pub enum Content<'a> {
    Bytes(Vec<u8>),
    Stream(Produce<'a>),
}

/// Writes a file's bytes to the writer it is given.
pub type Produce<'a> = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()> + 'a>;

impl Content<'_> {
    /// The bytes, produced in memory when streamed.
    pub fn into_bytes(self) -> std::io::Result<Vec<u8>> {
        match self {
            Content::Bytes(b) => Ok(b),
            Content::Stream(produce) => {
                let mut out = Vec::new();
                produce(&mut out)?;
                Ok(out)
            }
        }
    }
}

impl From<Vec<u8>> for Content<'_> {
    fn from(bytes: Vec<u8>) -> Self {
        Content::Bytes(bytes)
    }
}

/// Writes to a file while hashing what passes, so a streamed file gets its ledger entry
/// without being read back.
struct HashingWriter<W: std::io::Write> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The hash of a file's bytes as [`content_hash`] gives it, read in pieces.
fn file_hash(path: &Path) -> std::io::Result<u128> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.digest128())
}

/// A file to write: a relative path with `/` separators.
pub trait OutputFile: Sync {
    fn path(&self) -> &str;

    /// A file that takes one thread long to produce (an export of the whole dossier): the
    /// writer starts these first, so that no core is left waiting on one at the end.
    fn slow_to_produce(&self) -> bool {
        false
    }
}

impl OutputFile for crate::render::Page {
    fn path(&self) -> &str {
        &self.path
    }

    fn slow_to_produce(&self) -> bool {
        self.kind.is_whole_dossier_export()
    }
}

/// What the last build wrote, kept beside `output/` (`.output.ledger`, not published): each
/// file's length, modification time and a 128-bit hash of its bytes. A rebuild compares a page
/// with the ledger instead of reading the live file, which on a machine that keeps little in
/// the page cache meant reading the whole site back from disk (10k sources: 600 MB; the
/// rebuild took longer than the first build). A live file whose length or time differs from
/// its entry (edited by hand, written by `serve`) is read and compared as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LedgerEntry {
    len: u64,
    mtime_ns: i128,
    hash: u128,
}

type Ledger = rustc_hash::FxHashMap<String, LedgerEntry>;

fn ledger_path(output: &Path) -> PathBuf {
    beside(output, "ledger")
}

/// The ledger's first line: it names the hash, so that a ledger written with another one (an
/// older dossier's) is not read — its pages are compared by reading them instead.
const LEDGER_HEADER: &str = "dossier ledger 2 xxh3-128";

fn content_hash(content: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(content)
}

fn mtime_ns(meta: &std::fs::Metadata) -> Option<i128> {
    let t = meta.modified().ok()?;
    Some(match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    })
}

/// Reads the ledger; a missing or unreadable one is empty (every page is then compared by
/// reading it).
fn read_ledger(output: &Path) -> Ledger {
    let Ok(text) = std::fs::read_to_string(ledger_path(output)) else {
        return Ledger::default();
    };
    let mut lines = text.lines();
    if lines.next() != Some(LEDGER_HEADER) {
        return Ledger::default();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            let mtime_ns = parts.next()?.parse().ok()?;
            let path = parts.next()?.to_string();
            Some((
                path,
                LedgerEntry {
                    len,
                    mtime_ns,
                    hash,
                },
            ))
        })
        .collect()
}

/// Writes the ledger of the site now live (to a temporary name, then renamed over the old one).
fn write_ledger(output: &Path, entries: &[(String, LedgerEntry)]) {
    use std::fmt::Write;
    let mut text = String::with_capacity(entries.len() * 80);
    text.push_str(LEDGER_HEADER);
    text.push('\n');
    for (path, e) in entries {
        // Straight into the text (a site has tens of thousands of lines).
        let _ = writeln!(text, "{:032x} {} {} {path}", e.hash, e.len, e.mtime_ns);
    }
    let path = ledger_path(output);
    let tmp = sibling(output, "ledger");
    if std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .is_err()
    {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&path);
    }
}

/// `.output.TAG` beside `output/` (named after the output folder): the spare tree, the ledger.
fn beside(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    output.with_file_name(format!(".{name}.{tag}"))
}

/// `.output.TAG-PID`: a file or folder of this build beside `output/`, which [`recover`] removes
/// when its build died.
fn sibling(output: &Path, tag: &str) -> PathBuf {
    beside(output, &format!("{tag}-{}", std::process::id()))
}

/// Checks that `output` may be replaced: not the dossier itself or a folder holding it, and
/// either absent, empty, or written by dossier before.
pub fn check_output(output: &Path, root: &Path) -> Result<(), Problem> {
    let out_abs = absolute(output);
    let root_abs = absolute(root);
    if root_abs.starts_with(&out_abs) {
        return Err(
            Problem::error(output, "the output folder would contain the dossier itself")
                .with_hint("choose a folder inside the dossier such as `output`, or elsewhere"),
        );
    }
    if output.exists() {
        if !output.is_dir() {
            return Err(
                Problem::error(output, "the output path exists and is not a folder")
                    .with_hint("remove it or choose another --output"),
            );
        }
        let marked = output.join(MARKER).exists();
        let empty = std::fs::read_dir(output)
            .map(|mut r| r.next().is_none())
            .unwrap_or(false);
        if !marked && !empty {
            return Err(Problem::error(
                output,
                "this folder holds files dossier did not write; it will not be replaced",
            )
            .with_hint("choose an empty or new folder for --output, or empty this one yourself"));
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Normalise `.` and `..` without touching the file system (the path may not exist yet).
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    std::fs::canonicalize(&out).unwrap_or(out)
}

/// A page path is relative, with no `..`, no root and no drive: it cannot leave the output.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !path.contains('\\')
}

/// Removes temporary folders left by builds that were killed (their process is gone), and
/// restores `output/` if a build died between the two renames of the fallback swap.
pub fn recover(output: &Path) {
    let Some(parent) = output.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return;
    };
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().to_string();
        let Some(rest) = file.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let Some((tag, pid)) = rest.rsplit_once('-') else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if alive || !(tag == "tmp" || tag == "old" || tag == "ledger") {
            continue;
        }
        if tag == "ledger" {
            let _ = std::fs::remove_file(e.path());
        } else if tag == "old" && !output.exists() && e.path().join(MARKER).exists() {
            let _ = std::fs::rename(e.path(), output);
        } else {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Renders every file with `render` (in parallel) into a staging folder, then swaps it in.
/// On any error `output/` is left untouched. Pages are written as they are rendered, so the
/// site is never held in memory.
///
/// The staging folder is the previous build's tree, kept beside `output/` (`.output.spare`)
/// after each swap instead of being deleted: deleting a whole site costs more than building it
/// on file systems with slow unlinks (ext4 mounted with `discard` took 5 s to delete 2,000
/// files here). Each build brings the spare up to date — unchanged pages become hard links to
/// the live ones, changed pages are written as new files (never through a shared link), pages
/// that are gone are removed — and swaps it with `output/`. A second build running at the same
/// time finds the spare locked and stages into a fresh folder of its own.
pub fn write_site<'r, F, P, C>(
    output: &Path,
    files: &[P],
    render: F,
    progress: &dyn Progress,
) -> Result<WriteStats, Problems>
where
    P: OutputFile,
    F: Fn(&P) -> Result<C, Problem> + Sync,
    C: Into<Content<'r>>,
{
    recover(output);
    let (stage, lock, reused) = match lock_spare(output) {
        Some((dir, lock)) => (dir, Some(lock), true),
        None => {
            let tmp = sibling(output, "tmp");
            let _ = std::fs::remove_dir_all(&tmp);
            std::fs::create_dir_all(&tmp).map_err(|e| {
                one(Problem::error(
                    &tmp,
                    format!("cannot create the temporary output folder: {e}"),
                )
                .with_hint("check that the output's parent folder is writable"))
            })?;
            (tmp, None, false)
        }
    };
    // A fresh folder is removed on failure; the spare is kept (it is only ever the spare).
    let guard = (!reused).then(|| TempGuard(&stage));
    if reused {
        remove_unplanned(&stage, files);
    }

    let counters = Counters::default();
    let ledger = read_ledger(output);
    // A first build (no live site yet) has nothing to compare with: no lookups per page.
    let live_site = output.is_dir().then_some(output);
    // The slow files are started first, each a task of its own, beside the others (in
    // order); the results are put back in the files' order.
    let (slow, quick): (Vec<usize>, Vec<usize>) =
        (0..files.len()).partition(|&i| files[i].slow_to_produce());
    let write = |i: &usize| {
        let f = &files[*i];
        let result = write_one(live_site, &stage, !reused, f, &render, &ledger, &counters);
        progress.advance(1);
        (*i, result.map(|entry| (f.path().to_string(), entry)))
    };
    let (mut done, quick_done): (Vec<_>, Vec<_>) = rayon::join(
        || slow.par_iter().with_max_len(1).map(write).collect(),
        || quick.par_iter().map(write).collect(),
    );
    done.extend(quick_done);
    done.sort_unstable_by_key(|(i, _)| *i);
    let results = done.into_iter().map(|(_, r)| r);
    let mut entries = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(e) => entries.push(e),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let marker = stage.join(MARKER);
    let _ = std::fs::remove_file(&marker);
    std::fs::write(
        &marker,
        "This folder was written by dossier and is replaced on every build.\n",
    )
    .map_err(|e| one(Problem::error(&stage, format!("cannot write: {e}"))))?;
    let s = Instant::now();
    // The ledger describes the live site: gone before the swap, rewritten after it, so that a
    // build that dies in between leaves none (and the next one reads pages to compare).
    let _ = std::fs::remove_file(ledger_path(output));
    swap_in(&stage, output, reused).map_err(one)?;
    write_ledger(output, &entries);
    drop(guard);
    drop(lock);
    let mut stats = counters.stats();
    stats.swap_ms = s.elapsed().as_secs_f64() * 1000.0;
    Ok(stats)
}

/// The spare tree beside `output/`, created if missing and locked for this build; None when
/// another build holds it (or locks are not available).
fn lock_spare(output: &Path) -> Option<(PathBuf, std::fs::File)> {
    output.file_name()?;
    let spare = beside(output, "spare");
    std::fs::create_dir_all(&spare).ok()?;
    let lock = std::fs::File::open(&spare).ok()?;
    lock.try_lock().ok()?;
    Some((spare, lock))
}

/// Removes from the spare every file that is not to be written this time, and the folders
/// left empty, so that the swapped-in site holds exactly the planned files.
fn remove_unplanned<P: OutputFile>(spare: &Path, files: &[P]) {
    let planned: HashSet<&str> = files.iter().map(|f| f.path()).collect();
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(spare)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        if entry.file_type().is_dir() {
            folders.push(path.to_path_buf());
            continue;
        }
        let keep = path
            .strip_prefix(spare)
            .ok()
            .and_then(|r| r.to_str())
            .is_some_and(|r| planned.contains(r.replace('\\', "/").as_str()));
        if !keep {
            let _ = std::fs::remove_file(path);
        }
    }
    // Deepest first; a folder that still holds files is not removed.
    for folder in folders.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
}

/// Counts what the writer threads did.
#[derive(Default)]
struct Counters {
    written: AtomicUsize,
    unchanged: AtomicUsize,
    bytes: AtomicU64,
    render_ns: AtomicU64,
    io_ns: AtomicU64,
}

impl Counters {
    fn stats(&self) -> WriteStats {
        WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            render_ms: self.render_ns.load(Ordering::Relaxed) as f64 / 1e6,
            io_ms: self.io_ns.load(Ordering::Relaxed) as f64 / 1e6,
            swap_ms: 0.0,
        }
    }
}

fn nanos(since: Instant) -> u64 {
    since.elapsed().as_nanos() as u64
}

/// Runs `op`, which creates the file `dest`; when `dest`'s folder is missing, creates it and
/// runs `op` again. Folders are made by the writer threads as they need them, rather than all
/// beforehand on one thread (a site of 10,000 sources has over 10,000 folders).
fn in_folder(dest: &Path, mut op: impl FnMut() -> std::io::Result<()>) -> std::io::Result<()> {
    match op() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            op()
        }
        other => other,
    }
}

/// Renders one file into the staging folder: a hard link to the live file when the bytes are
/// equal (nothing to do when the staged file already is that link), else a new file. Returns
/// the file's ledger entry. In a `fresh` (new, empty) staging folder no link can be there
/// already, which saves a lookup per unchanged file in folders of tens of thousands of pages;
/// without a `live_site` (the first build) every file is new.
fn write_one<'r, F, P, C>(
    live_site: Option<&Path>,
    stage: &Path,
    fresh: bool,
    f: &P,
    render: &F,
    ledger: &Ledger,
    counters: &Counters,
) -> Result<LedgerEntry, Problem>
where
    P: OutputFile,
    F: Fn(&P) -> Result<C, Problem>,
    C: Into<Content<'r>>,
{
    let rel = f.path();
    if !is_safe_relative(rel) {
        return Err(
            Problem::error(rel, "refusing to write outside the output folder")
                .with_hint("this is a bug in a page path; please report it"),
        );
    }
    let s = Instant::now();
    let content = render(f);
    counters.render_ns.fetch_add(nanos(s), Ordering::Relaxed);
    let content = content?.into();
    let s = Instant::now();
    let dest = stage.join(rel);
    let live = live_site.map(|output| output.join(rel));
    // The ledger answers for a live file still as the last build left it.
    let recorded = live.as_ref().and_then(|live| {
        ledger.get(rel).filter(|e| {
            std::fs::metadata(live)
                .is_ok_and(|m| m.is_file() && m.len() == e.len && mtime_ns(&m) == Some(e.mtime_ns))
        })
    });
    let result = match content {
        Content::Bytes(content) => {
            counters
                .bytes
                .fetch_add(content.len() as u64, Ordering::Relaxed);
            let hash = content_hash(&content);
            let unchanged = live.as_ref().filter(|live| match recorded {
                Some(e) => e.hash == hash && e.len == content.len() as u64,
                None => same_bytes(live, &content),
            });
            if let Some(live) = unchanged {
                counters.unchanged.fetch_add(1, Ordering::Relaxed);
                link_live(live, &dest, fresh)
                    .map(|()| None)
                    .or_else(|_| write_new(&dest, &content).map(Some))
            } else {
                counters.written.fetch_add(1, Ordering::Relaxed);
                write_new(&dest, &content).map(Some)
            }
            .map(|meta| (hash, meta))
        }
        Content::Stream(produce) => {
            write_stream(&dest, produce).map(|(hash, len, meta)| {
                counters.bytes.fetch_add(len, Ordering::Relaxed);
                let unchanged = live.as_ref().filter(|live| match recorded {
                    Some(e) => e.hash == hash && e.len == len,
                    None => {
                        std::fs::metadata(live).is_ok_and(|m| m.is_file() && m.len() == len)
                            && file_hash(live).is_ok_and(|h| h == hash)
                    }
                });
                if let Some(live) = unchanged {
                    counters.unchanged.fetch_add(1, Ordering::Relaxed);
                    // The new file has the same bytes: the live one's link keeps its time.
                    if link_live(live, &dest, false).is_ok() {
                        return (hash, None);
                    }
                } else {
                    counters.written.fetch_add(1, Ordering::Relaxed);
                }
                (hash, Some(meta))
            })
        }
    };
    // The entry's length and time: of the file just written, else (a link) looked up.
    let result = result.and_then(|(hash, meta)| {
        let meta = match meta {
            Some(m) => m,
            None => std::fs::metadata(&dest)?,
        };
        Ok(LedgerEntry {
            len: meta.len(),
            mtime_ns: mtime_ns(&meta).unwrap_or_default(),
            hash,
        })
    });
    counters.io_ns.fetch_add(nanos(s), Ordering::Relaxed);
    result.map_err(|e| {
        Problem::error(&dest, format!("cannot write: {e}"))
            .with_hint("check free disk space and permissions")
    })
}

/// Makes the staged `dest` the live file (a hard link), unless it already is. In a `fresh`
/// staging folder there is nothing at `dest` yet.
fn link_live(live: &Path, dest: &Path, fresh: bool) -> std::io::Result<()> {
    if !fresh {
        if same_file(live, dest) {
            return Ok(());
        }
        let _ = std::fs::remove_file(dest);
    }
    in_folder(dest, || std::fs::hard_link(live, dest))
}

/// Unlinks `path` if it exists (a staged file may be a hard link to a live page: it is
/// replaced, never written through).
fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes a new file at `path` with what `produce` writes, returning its hash, length and
/// metadata; what was there is replaced, as by [`write_new`].
fn write_stream(
    path: &Path,
    produce: Produce<'_>,
) -> std::io::Result<(u128, u64, std::fs::Metadata)> {
    use std::io::Write;
    let file = create_new(path)?;
    let mut w = HashingWriter {
        inner: std::io::BufWriter::with_capacity(1 << 18, file),
        hasher: xxhash_rust::xxh3::Xxh3::new(),
        len: 0,
    };
    produce(&mut w)?;
    w.flush()?;
    let hash = w.hasher.digest128();
    let meta = w.inner.get_ref().metadata()?;
    Ok((hash, w.len, meta))
}

/// Writes a new file at `path`, replacing (unlinking) what was there: a staged file may be a
/// hard link to a live page, which must not change. Returns the written file's metadata (from
/// the open file: no second lookup).
fn write_new(path: &Path, content: &[u8]) -> std::io::Result<std::fs::Metadata> {
    use std::io::Write;
    let mut file = create_new(path)?;
    file.write_all(content)?;
    file.metadata()
}

/// Creates the file `path` (and its folder), never opening one that is there (`O_EXCL`): what
/// is there (a staged hard link to a live page) is unlinked and the file created again. Most
/// pages go to a name where nothing is, and cost one call.
fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let create = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = None;
    in_folder(path, || {
        file = Some(match create() {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                remove_if_present(path)?;
                create()?
            }
            other => other?,
        });
        Ok(())
    })?;
    Ok(file.expect("created above"))
}

/// Whether two paths are the same file (one inode), e.g. a staged hard link to a live page.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Brings an existing site folder up to date in place: renders `files` (in parallel), writes
/// those whose bytes changed and removes `stale` ones. Each file is written to a temporary
/// name and renamed over the old one, so a server reading the folder never sees half a page.
/// All pages are rendered before anything is written: if one fails, nothing changes.
pub fn update_site<'r, F, P, C>(
    output: &Path,
    files: &[P],
    stale: &[String],
    render: F,
) -> Result<WriteStats, Problems>
where
    P: OutputFile,
    F: Fn(&P) -> Result<C, Problem> + Sync,
    C: Into<Content<'r>>,
{
    let counters = Counters::default();
    // Per file: its new bytes when they differ from what is on disk.
    type Rendered<'a> = Result<Option<(&'a str, Vec<u8>)>, Problem>;
    let rendered: Vec<Rendered> = files
        .par_iter()
        .map(|f| {
            let rel = f.path();
            if !is_safe_relative(rel) {
                return Err(Problem::error(
                    rel,
                    "refusing to write outside the output folder",
                ));
            }
            let s = Instant::now();
            let content = render(f);
            let content = content?
                .into()
                .into_bytes()
                .map_err(|e| Problem::error(output.join(rel), format!("cannot render: {e}")))?;
            counters.render_ns.fetch_add(nanos(s), Ordering::Relaxed);
            counters
                .bytes
                .fetch_add(content.len() as u64, Ordering::Relaxed);
            if same_bytes(&output.join(rel), &content) {
                counters.unchanged.fetch_add(1, Ordering::Relaxed);
                Ok(None)
            } else {
                Ok(Some((rel, content)))
            }
        })
        .collect();
    let mut problems = Vec::new();
    let mut changed = Vec::new();
    for r in rendered {
        match r {
            Ok(Some(c)) => changed.push(c),
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let s = Instant::now();
    let pid = std::process::id();
    let problems: Vec<Problem> = changed
        .par_iter()
        .filter_map(|(rel, content)| {
            let dest = output.join(rel);
            let tmp = output.join(format!("{rel}.{pid}.partial"));
            let result = dest
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&tmp, content))
                .and_then(|()| std::fs::rename(&tmp, &dest));
            match result {
                Ok(()) => {
                    counters.written.fetch_add(1, Ordering::Relaxed);
                    None
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    Some(Problem::error(&dest, format!("cannot write: {e}")))
                }
            }
        })
        .collect();
    for rel in stale.iter().filter(|r| is_safe_relative(r)) {
        let path = output.join(rel);
        if std::fs::remove_file(&path).is_ok() {
            // Remove the page's folder too when it is now empty (`sources/<id>/`).
            let mut dir = path.parent();
            while let Some(d) = dir {
                if d == output || std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
    }
    counters.io_ns.fetch_add(nanos(s), Ordering::Relaxed);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    Ok(counters.stats())
}

fn one(p: Problem) -> Problems {
    Problems(vec![p])
}

fn same_bytes(path: &Path, content: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == content.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == content)
        }
        _ => false,
    }
}

/// Puts `stage` in place of `output`: one atomic exchange where the system has it, else two
/// renames. The previous site becomes the spare when `keep` (else it is deleted).
fn swap_in(stage: &Path, output: &Path, keep: bool) -> Result<(), Problem> {
    if !output.exists() {
        return std::fs::rename(stage, output).map_err(|e| {
            Problem::error(output, format!("cannot move the new site into place: {e}"))
        });
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, stage, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            // `stage` now holds the previous site.
            if !keep {
                let _ = std::fs::remove_dir_all(stage);
            }
            return Ok(());
        }
    }
    let old = sibling(output, "old");
    std::fs::rename(output, &old)
        .map_err(|e| Problem::error(output, format!("cannot move the previous site aside: {e}")))?;
    if let Err(e) = std::fs::rename(stage, output) {
        let _ = std::fs::rename(&old, output);
        return Err(Problem::error(
            output,
            format!("cannot move the new site into place: {e}"),
        ));
    }
    if !(keep && std::fs::rename(&old, stage).is_ok()) {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Removes the temporary folder when a build fails or panics.
struct TempGuard<'a>(&'a Path);

impl Drop for TempGuard<'_> {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_quiet<F2>(out: &Path, files: &[F], render: F2) -> Result<WriteStats, Problems>
    where
        F2: Fn(&F) -> Result<Vec<u8>, Problem> + Sync,
    {
        write_site(out, files, render, &crate::progress::NoProgress)
    }

    struct F(&'static str);
    impl OutputFile for F {
        fn path(&self) -> &str {
            self.0
        }
    }

    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn swaps_in_and_keeps_unchanged_files() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        let files = [F("index.html"), F("a/b.html")];
        let s = write_quiet(&out, &files, |f| Ok(f.0.as_bytes().to_vec())).unwrap();
        assert_eq!((s.written, s.unchanged), (2, 0));
        let s = write_quiet(&out, &files, |f| {
            Ok(if f.0 == "index.html" {
                b"new".to_vec()
            } else {
                f.0.as_bytes().to_vec()
            })
        })
        .unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"new");
        // Nothing is left beside the output but the spare tree and the ledger.
        let mut names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [".output.ledger", ".output.spare", "output"]);
    }

    #[test]
    fn the_ledger_answers_for_untouched_pages_and_never_for_edited_ones() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        let files = [F("index.html"), F("a/b.html")];
        let render = |f: &F| Ok(format!("page {}", f.0).into_bytes());
        write_quiet(&out, &files, render).unwrap();
        let ledger = read_ledger(&out);
        assert_eq!(ledger.len(), 2);
        assert_eq!(
            ledger["a/b.html"].hash,
            content_hash(b"page a/b.html"),
            "{ledger:?}"
        );

        // Other bytes of the same length as a new file with the old one's time: what the
        // ledger cannot tell from the page it recorded.
        let tamper_keeping_length_and_time = |page: &Path| {
            let meta = std::fs::metadata(page).unwrap();
            std::fs::remove_file(page).unwrap();
            std::fs::write(page, b"PAGE index.html").unwrap();
            std::fs::File::options()
                .write(true)
                .open(page)
                .unwrap()
                .set_modified(meta.modified().unwrap())
                .unwrap();
        };

        // Edited by hand (same length, new time): read, found different, written again.
        let page = out.join("index.html");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&page, b"PAGE index.html").unwrap();
        let s = write_quiet(&out, &files, render).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(std::fs::read(&page).unwrap(), b"page index.html");

        // A live page whose length and time are as the ledger says is taken at its word,
        // without reading it (as rsync's quick check does): proof that pages are not read.
        tamper_keeping_length_and_time(&page);
        let s = write_quiet(&out, &files, render).unwrap();
        assert_eq!((s.written, s.unchanged), (0, 2));

        // Without a ledger (deleted, or a build died before writing it) pages are read.
        std::fs::remove_file(ledger_path(&out)).unwrap();
        let s = write_quiet(&out, &files, render).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(std::fs::read(&page).unwrap(), b"page index.html");

        // A ledger of another hash (an older dossier's, without this header) is not read: the
        // same entries without the header, and the tampered page is read and found different.
        let text = std::fs::read_to_string(ledger_path(&out)).unwrap();
        let old = text.strip_prefix(&format!("{LEDGER_HEADER}\n")).unwrap();
        std::fs::write(ledger_path(&out), old).unwrap();
        assert!(read_ledger(&out).is_empty());
        tamper_keeping_length_and_time(&page);
        let s = write_quiet(&out, &files, render).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(std::fs::read(&page).unwrap(), b"page index.html");
    }

    #[test]
    fn a_new_file_never_writes_through_a_link() {
        let d = tempfile::tempdir().unwrap();
        let live = d.path().join("live.html");
        std::fs::write(&live, b"live").unwrap();
        let staged = d.path().join("stage/page.html");
        std::fs::create_dir_all(staged.parent().unwrap()).unwrap();
        std::fs::hard_link(&live, &staged).unwrap();
        write_new(&staged, b"new").unwrap();
        assert_eq!(std::fs::read(&staged).unwrap(), b"new");
        assert_eq!(std::fs::read(&live).unwrap(), b"live");
        // A missing folder is made.
        let deep = d.path().join("a/b/c.html");
        let meta = write_new(&deep, b"abc").unwrap();
        assert_eq!(meta.len(), 3);
        assert_eq!(std::fs::read(&deep).unwrap(), b"abc");
    }

    #[test]
    fn streamed_files_are_written_hashed_and_kept_when_unchanged() {
        use std::os::unix::fs::MetadataExt;
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        let files = [F("index.html"), F("data/big.json")];
        let build = |big: &'static str| {
            write_site(
                &out,
                &files,
                move |f: &F| {
                    Ok(if f.0 == "index.html" {
                        Content::Bytes(b"page".to_vec())
                    } else {
                        Content::Stream(Box::new(move |w: &mut dyn std::io::Write| {
                            // Many small writes, as a serialiser makes them.
                            for piece in big.as_bytes().chunks(3) {
                                w.write_all(piece)?;
                            }
                            Ok(())
                        }))
                    })
                },
                &crate::progress::NoProgress,
            )
            .unwrap()
        };
        let s = build("{\"sources\": [1, 2, 3]}");
        assert_eq!((s.written, s.unchanged, s.bytes), (2, 0, 4 + 22));
        let big = out.join("data/big.json");
        assert_eq!(std::fs::read(&big).unwrap(), b"{\"sources\": [1, 2, 3]}");
        assert_eq!(
            read_ledger(&out)["data/big.json"].hash,
            content_hash(b"{\"sources\": [1, 2, 3]}")
        );
        let inode = std::fs::metadata(&big).unwrap().ino();

        // The same bytes again: kept (the live file itself, linked into the new site).
        let s = build("{\"sources\": [1, 2, 3]}");
        assert_eq!((s.written, s.unchanged), (0, 2));
        assert_eq!(std::fs::metadata(&big).unwrap().ino(), inode);

        // Without a ledger the live file is read and hashed to find it unchanged.
        std::fs::remove_file(ledger_path(&out)).unwrap();
        let s = build("{\"sources\": [1, 2, 3]}");
        assert_eq!((s.written, s.unchanged), (0, 2));
        assert_eq!(std::fs::metadata(&big).unwrap().ino(), inode);

        // Other bytes of the same length: written.
        let s = build("{\"sources\": [1, 2, 4]}");
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(std::fs::read(&big).unwrap(), b"{\"sources\": [1, 2, 4]}");
    }

    #[test]
    fn a_failed_build_leaves_the_previous_output_byte_identical() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        write_quiet(&out, &[F("index.html"), F("x/y.html")], |f| {
            Ok(f.0.as_bytes().to_vec())
        })
        .unwrap();
        let before = tree(&out);
        let err = write_quiet(&out, &[F("index.html"), F("bad.html")], |f| {
            if f.0 == "bad.html" {
                Err(Problem::error("t.html", "boom"))
            } else {
                Ok(b"changed".to_vec())
            }
        });
        assert!(err.is_err());
        assert_eq!(tree(&out), before);
        let mut names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [".output.ledger", ".output.spare", "output"]);
        // The next build still works from the spare the failed one left half-written.
        write_quiet(&out, &[F("index.html")], |_| Ok(b"v2".to_vec())).unwrap();
        let names: Vec<_> = tree(&out).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, [".dossier-output", "index.html"]);
    }

    /// A file that says whether it is slow to produce.
    struct MaybeSlow(String, bool);
    impl OutputFile for MaybeSlow {
        fn path(&self) -> &str {
            &self.0
        }
        fn slow_to_produce(&self) -> bool {
            self.1
        }
    }

    #[test]
    fn slow_files_start_first_and_results_keep_the_files_order() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        let files: Vec<MaybeSlow> = (0..40)
            .map(|i| MaybeSlow(format!("p{i:02}.html"), i % 7 == 3))
            .collect();
        let started = std::sync::Mutex::new(Vec::new());
        // One thread: the order in which files are started is the writer's order.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let result = pool.install(|| {
            write_site(
                &out,
                &files,
                |f: &MaybeSlow| {
                    started.lock().unwrap().push(f.0.clone());
                    if f.0 == "p11.html" || f.0 == "p31.html" {
                        Err(Problem::error(&f.0, "boom"))
                    } else {
                        Ok(f.0.as_bytes().to_vec())
                    }
                },
                &crate::progress::NoProgress,
            )
        });
        let started = started.into_inner().unwrap();
        let slow: Vec<&str> = files.iter().filter(|f| f.1).map(|f| f.path()).collect();
        assert_eq!(&started[..slow.len()], slow.as_slice());
        assert_eq!(started.len(), files.len());
        // Problems are reported in the files' order (p11 is quick, p31 slow).
        let problems = result.unwrap_err().0;
        let where_: Vec<String> = problems
            .iter()
            .map(|p| p.file.display().to_string())
            .collect();
        assert_eq!(where_, ["p11.html", "p31.html"]);
        // And a build without failures writes every file with its own bytes.
        write_site(
            &out,
            &files,
            |f: &MaybeSlow| Ok(f.0.as_bytes().to_vec()),
            &crate::progress::NoProgress,
        )
        .unwrap();
        let written = tree(&out);
        for f in &files {
            assert!(
                written.contains(&(f.0.clone(), f.0.as_bytes().to_vec())),
                "{}",
                f.0
            );
        }
    }

    #[test]
    fn the_reused_spare_never_changes_the_live_site_through_a_link() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        let files = [F("index.html"), F("a/index.html"), F("b/index.html")];
        // Generations: every file's content, in turn; `a` changes every build, `b` never.
        for generation in 0..5 {
            let planned: &[F] = if generation == 3 { &files[..2] } else { &files };
            write_quiet(&out, planned, |f| {
                Ok(match f.0 {
                    "a/index.html" => format!("a{generation}").into_bytes(),
                    other => other.as_bytes().to_vec(),
                })
            })
            .unwrap();
            let mut expected = vec![
                (
                    ".dossier-output".to_string(),
                    std::fs::read(out.join(MARKER)).unwrap(),
                ),
                (
                    "a/index.html".to_string(),
                    format!("a{generation}").into_bytes(),
                ),
                ("index.html".to_string(), b"index.html".to_vec()),
            ];
            if generation != 3 {
                expected.insert(2, ("b/index.html".into(), b"b/index.html".to_vec()));
            }
            assert_eq!(tree(&out), expected, "generation {generation}");
        }
    }

    #[test]
    fn refuses_unsafe_paths_and_foreign_folders() {
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../b"));
        assert!(is_safe_relative("sources/a.html"));
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("mine");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("thesis.docx"), b"precious").unwrap();
        assert!(check_output(&out, d.path()).is_err());
        assert!(check_output(d.path(), &d.path().join("sub")).is_err());
    }

    #[test]
    fn recovers_from_a_build_killed_mid_way() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        write_quiet(&out, &[F("index.html")], |_| Ok(b"v1".to_vec())).unwrap();
        // A temporary folder of a process that no longer exists.
        let stale = d.path().join(".output.tmp-999999999");
        std::fs::create_dir_all(stale.join("half")).unwrap();
        recover(&out);
        assert!(!stale.exists());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v1");
    }

    #[test]
    fn updates_in_place_only_what_changed() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        write_quiet(
            &out,
            &[F("index.html"), F("a/b/index.html"), F("c.html")],
            |f| Ok(f.0.as_bytes().to_vec()),
        )
        .unwrap();
        let kept = std::fs::metadata(out.join("c.html"))
            .unwrap()
            .modified()
            .unwrap();
        let s = update_site(
            &out,
            &[F("index.html"), F("c.html")],
            &["a/b/index.html".into()],
            |f| {
                Ok(if f.0 == "index.html" {
                    b"v2".to_vec()
                } else {
                    f.0.as_bytes().to_vec()
                })
            },
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v2");
        assert_eq!(
            std::fs::metadata(out.join("c.html"))
                .unwrap()
                .modified()
                .unwrap(),
            kept
        );
        // The stale page and its emptied folders are gone; no temporary file is left.
        assert!(!out.join("a").exists());
        let names: Vec<_> = tree(&out).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, [".dossier-output", "c.html", "index.html"]);
        // A failing render changes nothing.
        let err = update_site(&out, &[F("index.html"), F("c.html")], &[], |f| {
            if f.0 == "c.html" {
                Err(Problem::error("t.html", "boom"))
            } else {
                Ok(b"v3".to_vec())
            }
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v2");
    }
}

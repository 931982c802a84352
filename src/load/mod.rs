//! Stage 2: the manifest's `sources:` and `notes:` → [`Source`]s and [`NoteSource`]s: files found
//! (one file, a folder walked with walkdir, a glob), checked (inside the dossier, not too big, not
//! binary), decoded to UTF-8 text and, for Markdown, split from their YAML front matter.

mod decode;
mod front_matter;

pub use decode::{DecodeError, Decoded, decode, normalize_newlines};
pub use front_matter::FrontMatter;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Location, Problem, Problems, display_path};
use crate::manifest::{LoadedManifest, ManifestFile, SourceEntry, note_id_from_file};
use crate::slug::slugify;

/// What kind of file a source is, which decides how its text is cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Plain text, typically a scraped page dump with site chrome in it.
    Text,
    /// Markdown, possibly with YAML front matter.
    Markdown,
    /// A saved web page.
    Html,
}

impl SourceFormat {
    /// The format a file's extension says, or None for files that are not sources.
    pub fn from_path(path: &Path) -> Option<SourceFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(SourceFormat::Text),
            "md" | "markdown" => Some(SourceFormat::Markdown),
            "html" | "htm" | "xhtml" => Some(SourceFormat::Html),
            _ => None,
        }
    }
}

/// A source file read and decoded, with what the editor said about it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The page name (`sources/<id>/`): the manifest id, or the file name's slug.
    pub id: String,
    /// The file as the user knows it (relative to the dossier root).
    pub file: PathBuf,
    pub format: SourceFormat,
    /// The decoded text with `\n` line ends; for Markdown, without its front matter.
    pub text: String,
    /// The encoding the bytes were in (`UTF-8`, `windows-1252`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// The manifest's entry for this source (for `dir`/`glob` items, the shared fields).
    pub entry: SourceEntry,
    /// Markdown front matter, lower priority than the manifest.
    pub front_matter: FrontMatter,
    /// Where the entry is in the manifest (`sources[3]`), for messages.
    pub manifest_path: Option<String>,
}

/// A Markdown note of the dossier, read but not yet rendered.
#[derive(Debug, Clone, Serialize)]
pub struct NoteSource {
    /// The page name (`notes/<id>/`).
    pub id: String,
    pub file: PathBuf,
    /// The title from the manifest, else from front matter (the first heading is found at render).
    pub title: Option<String>,
    pub markdown: String,
}

/// Everything the load stage read: the sources (or what [`load_each`] made of them) and notes.
#[derive(Debug)]
pub struct Loaded<S = Source> {
    pub sources: Vec<S>,
    pub notes: Vec<NoteSource>,
}

/// One file to read, found from a manifest entry.
struct Found {
    id: String,
    path: PathBuf,
    entry_index: usize,
}

/// Reads every source and note the manifest lists, collecting every problem on the way.
pub fn load(m: &LoadedManifest) -> (Loaded, Problems) {
    load_each(m, |_| {}, |source| source)
}

/// [`load`], handing each source to `each` (on the shared pool) as soon as it is read, and
/// keeping what `each` returns instead: the build extracts each source there, so the texts of
/// a whole dossier (360 MB at 50,000 sources) are never in memory at once. `found_count` is told
/// how many source files the manifest lists before reading starts.
pub fn load_each<S: Send>(
    m: &LoadedManifest,
    found_count: impl FnOnce(usize),
    each: impl Fn(Source) -> S + Sync,
) -> (Loaded<S>, Problems) {
    let mut problems = Problems::default();
    let mut reals = RealPaths::new(&m.root);
    let found = find_sources(m, &mut reals, &mut problems);
    found_count(found.len());

    // Each source read, with its front matter's problems (warnings) taken out first.
    type Read = Result<Option<(Source, Vec<Problem>)>, Problem>;
    let read = |f: &Found| -> Read {
        let entry = &m.manifest.sources[f.entry_index];
        let shown = display_path(&m.root, &f.path);
        let manifest_path = format!("sources[{}]", f.entry_index);
        read_source(&f.path, &shown, m.manifest.build.max_source_bytes).map(|read| {
            read.map(|(format, decoded, front_matter)| {
                let warnings = front_matter.problems.clone();
                let source = Source {
                    id: f.id.clone(),
                    file: shown.clone(),
                    format,
                    text: decoded.text,
                    encoding: decoded.encoding,
                    entry: entry_fields(entry),
                    front_matter,
                    manifest_path: Some(manifest_path),
                };
                (source, warnings)
            })
        })
    };
    type Made<S> = Result<Option<(S, Vec<Problem>)>, Problem>;
    let make = |r: Read| -> Made<S> { r.map(|o| o.map(|(source, w)| (each(source), w))) };
    // Reading waits on the disk more than it computes: with the texts out of the page cache
    // (a big dossier, a machine that reclaims memory) a few readers per core keep the disk
    // busy, and a prefetcher asks the system to start reading the next files before the
    // readers get to them. The readers hand each source over a short queue to `each`, which
    // runs on the shared pool (one thread per core: more threads computing only compete for
    // the caches).
    let readers = std::thread::available_parallelism()
        .map_or(4, |n| n.get() * 4)
        .min(16);
    // Sources go over in batches: each hand-over may wake a sleeping thread (a system call, and
    // on a virtual machine an exit), 1 % of a 10k build's time one by one.
    const BATCH: usize = 8;
    let batches = found.len().div_ceil(BATCH);
    // The next batch to read: readers take batches in order, so the prefetcher, which walks the
    // files in order, stays just ahead of them.
    let next_batch = AtomicUsize::new(0);
    let results: Vec<Made<S>> = if found.len() > 64 {
        std::thread::scope(|scope| {
            let (next_batch, found, read) = (&next_batch, &found, &read);
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<Read>)>(readers);
            let named = |name: String| std::thread::Builder::new().name(name);
            let _ = named("dossier-prefetch".into()).spawn_scoped(scope, move || {
                prefetch(found, || next_batch.load(Ordering::Relaxed) * BATCH)
            });
            let mut started = 0;
            for i in 0..readers {
                let tx = tx.clone();
                let reader = named(format!("dossier-read-{i}")).spawn_scoped(scope, move || {
                    loop {
                        let c = next_batch.fetch_add(1, Ordering::Relaxed);
                        if c >= batches {
                            break;
                        }
                        let batch = &found[c * BATCH..((c + 1) * BATCH).min(found.len())];
                        // A closed queue means the other side stopped (a panic): stop too.
                        if tx
                            .send((c * BATCH, batch.iter().map(read).collect()))
                            .is_err()
                        {
                            next_batch.store(batches, Ordering::Relaxed);
                            break;
                        }
                    }
                });
                if reader.is_err() {
                    break;
                }
                started += 1;
            }
            drop(tx);
            if started == 0 {
                // No thread to be had: the shared pool reads, as for a small dossier.
                next_batch.store(batches, Ordering::Relaxed);
                return found.par_iter().map(|f| make(read(f))).collect();
            }
            let mut made: Vec<(usize, Made<S>)> = rx
                .into_iter()
                .par_bridge()
                .flat_map_iter(|(first, reads)| {
                    (reads.into_iter().enumerate()).map(move |(k, r)| (first + k, make(r)))
                })
                .collect();
            made.sort_unstable_by_key(|x| x.0);
            made.into_iter().map(|x| x.1).collect()
        })
    } else {
        found.par_iter().map(|f| make(read(f))).collect()
    };
    let mut sources = Vec::with_capacity(results.len());
    let mut front_matter_problems = Vec::new();
    for (r, f) in results.into_iter().zip(&found) {
        match r {
            Ok(Some((s, warnings))) => {
                sources.push(s);
                front_matter_problems.extend(warnings);
            }
            Ok(None) => {}
            Err(p) => {
                let entry = &m.manifest.sources[f.entry_index];
                let key = if entry.file.is_some() {
                    "file"
                } else if entry.dir.is_some() {
                    "dir"
                } else {
                    "glob"
                };
                let key = format!("sources[{}].{key}", f.entry_index);
                problems.push(at_listing(&m.file, p, &key));
            }
        }
    }
    // Front-matter problems are warnings carried on the source; surface them.
    problems.extend(front_matter_problems);

    let mut notes = Vec::new();
    for (i, n) in m.manifest.notes.iter().enumerate() {
        let path_key = format!("notes[{i}].file");
        let Some((path, _)) = resolve(
            &m.file,
            &m.root,
            &n.file,
            &path_key,
            m.manifest.build.allow_outside_root,
            &mut reals,
            &mut problems,
        ) else {
            continue;
        };
        let shown = display_path(&m.root, &path);
        match read_source(&path, &shown, m.manifest.build.max_source_bytes) {
            Ok(Some((_, decoded, fm))) => notes.push(NoteSource {
                id: slugify(n.id.as_deref().unwrap_or(&note_id_from_file(&n.file))),
                file: shown,
                title: n.title.clone().or(fm.title.clone()),
                markdown: decoded.text,
            }),
            Ok(None) => {}
            Err(p) => problems.push(at_listing(&m.file, p, &path_key)),
        }
    }
    (Loaded { sources, notes }, problems)
}

/// A problem with a listed file, shown at the manifest line that lists it (so the message has
/// a line and column to go to) and naming the file in its text.
fn at_listing(file: &ManifestFile, problem: Problem, key: &str) -> Problem {
    let message = format!("`{}`: {}", problem.file.display(), problem.message);
    let placed = if problem.is_error() {
        file.error_at(key, message)
    } else {
        file.warning_at(key, message)
    };
    match problem.hint {
        Some(hint) => placed.with_hint(hint),
        None => placed,
    }
}

/// A copy of the entry's descriptive fields (the file/dir/glob keys are the loader's business).
fn entry_fields(entry: &SourceEntry) -> SourceEntry {
    SourceEntry {
        file: None,
        dir: None,
        glob: None,
        ..entry.clone()
    }
}

/// Expands `file`, `dir` and `glob` entries into files with ids, refusing unsafe paths.
fn find_sources(m: &LoadedManifest, reals: &mut RealPaths, problems: &mut Problems) -> Vec<Found> {
    let allow_outside = m.manifest.build.allow_outside_root;
    let mut found: Vec<Found> = Vec::new();
    let mut explicit: HashSet<PathBuf> = HashSet::new();
    // Explicit `file:` entries first: a folder walk does not list them a second time.
    for (i, e) in m.manifest.sources.iter().enumerate() {
        if let (Some(file), Some(id)) = (&e.file, &e.id)
            && let Some((path, real)) = resolve(
                &m.file,
                &m.root,
                file,
                &format!("sources[{i}].file"),
                allow_outside,
                reals,
                problems,
            )
        {
            if real.is_dir {
                problems.push(
                    m.file
                        .error_at(
                            &format!("sources[{i}].file"),
                            format!("`{file}` is a folder, not a file"),
                        )
                        .with_hint("list a folder with `dir:` instead of `file:`"),
                );
                continue;
            }
            if SourceFormat::from_path(&path).is_none() {
                problems.push(
                    m.file
                        .error_at(
                            &format!("sources[{i}].file"),
                            format!("`{file}` is not a source format dossier reads"),
                        )
                        .with_hint(
                            "sources are .txt, .md or .html files; save the page as HTML or text",
                        ),
                );
                continue;
            }
            explicit.insert(real.path);
            found.push(Found {
                id: slugify(id),
                path,
                entry_index: i,
            });
        }
    }
    for (i, e) in m.manifest.sources.iter().enumerate() {
        let files = if let Some(dir) = &e.dir {
            let key = format!("sources[{i}].dir");
            let Some((path, real)) =
                resolve(&m.file, &m.root, dir, &key, allow_outside, reals, problems)
            else {
                continue;
            };
            if !real.is_dir {
                problems.push(
                    m.file
                        .error_at(&key, format!("`{dir}` is not a folder"))
                        .with_hint("use `file:` for a single file"),
                );
                continue;
            }
            walk(&m.file, &m.root, &path, &key, problems)
        } else if let Some(pattern) = &e.glob {
            let key = format!("sources[{i}].glob");
            let files = glob(&m.root, pattern, &m.file, &key, problems);
            if files.is_empty() {
                problems.push(m.file.warning_at(&key, format!("no source file matches `{pattern}`")).with_hint("patterns are relative to the dossier root, e.g. `content/sources/*.txt`"));
            }
            files
        } else {
            continue;
        };
        for path in files {
            let real = reals.of(&path).map_or_else(|_| path.clone(), |r| r.path);
            if explicit.contains(&real) {
                continue;
            }
            if !allow_outside && !real.starts_with(&reals.root) {
                problems.push(outside_root(
                    &m.file,
                    &format!("sources[{i}]"),
                    &display_path(&m.root, &path),
                ));
                continue;
            }
            explicit.insert(real);
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("source");
            found.push(Found {
                id: slugify(stem),
                path,
                entry_index: i,
            });
        }
    }
    // Two files may not share a page.
    let mut by_id: HashMap<&str, &Found> = HashMap::new();
    let mut clashes = Vec::new();
    for f in &found {
        if let Some(first) = by_id.insert(&f.id, f) {
            clashes.push((
                f.id.clone(),
                first.path.clone(),
                f.path.clone(),
                f.entry_index,
            ));
        }
    }
    for (id, a, b, entry) in &clashes {
        problems.push(
            m.file
                .error_at(
                    &format!("sources[{entry}]"),
                    format!(
                        "`{}` and `{}` would share the page sources/{id}.html",
                        display_path(&m.root, a).display(),
                        display_path(&m.root, b).display()
                    ),
                )
                .with_hint("rename one of the files, or list one with `file:` and its own `id:`"),
        );
    }
    if !clashes.is_empty() {
        let bad: HashSet<String> = clashes.into_iter().map(|c| c.0).collect();
        found.retain(|f| !bad.contains(&f.id));
    }
    found
}

/// Resolves a manifest path against the root, refusing paths outside it (unless allowed) and
/// reporting missing files at the manifest line that names them: the path as listed, and
/// what it really is.
fn resolve(
    file: &ManifestFile,
    root: &Path,
    relative: &str,
    key: &str,
    allow_outside: bool,
    reals: &mut RealPaths,
    problems: &mut Problems,
) -> Option<(PathBuf, Real)> {
    let path = root.join(relative);
    match reals.of(&path) {
        Ok(real) => {
            if !allow_outside && !real.path.starts_with(&reals.root) {
                problems.push(outside_root(file, key, Path::new(relative)));
                return None;
            }
            Some((path, real))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let hint = match nearby_name(&path) {
                Some(s) => format!("did you mean `{s}`?"),
                None => {
                    "check the path: it is relative to the folder holding dossier.yaml".to_string()
                }
            };
            problems.push(
                file.error_at(key, format!("`{relative}` does not exist"))
                    .with_hint(hint),
            );
            None
        }
        Err(e) => {
            problems.push(
                file.error_at(key, format!("cannot open `{relative}`: {e}"))
                    .with_hint("check the file's permissions"),
            );
            None
        }
    }
}

/// Real (absolute, symbolic-link-free) paths of files, each folder resolved once: a dossier's
/// thousands of sources sit in a few folders, and `canonicalize` on each file asks the file
/// system about every folder on its way again (a dozen calls a source, twice).
struct RealPaths {
    /// The dossier's root, real: what "inside the dossier" means.
    root: PathBuf,
    folders: HashMap<PathBuf, PathBuf>,
}

impl RealPaths {
    fn new(root: &Path) -> RealPaths {
        RealPaths {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            folders: HashMap::new(),
        }
    }

    /// What `std::fs::canonicalize(path)` gives, errors included, and whether it is a folder
    /// (learnt from the same call to the file system).
    fn of(&mut self, path: &Path) -> std::io::Result<Real> {
        let meta = std::fs::symlink_metadata(path)?;
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Real::following(path);
        };
        if meta.file_type().is_symlink() || parent.as_os_str().is_empty() {
            return Real::following(path);
        }
        let is_dir = meta.is_dir();
        if let Some(real) = self.folders.get(parent) {
            return Ok(Real {
                path: real.join(name),
                is_dir,
            });
        }
        let real = std::fs::canonicalize(parent)?;
        let file = real.join(name);
        self.folders.insert(parent.to_path_buf(), real);
        Ok(Real { path: file, is_dir })
    }
}

/// A file's real path, and whether it is a folder.
struct Real {
    path: PathBuf,
    is_dir: bool,
}

impl Real {
    /// A path through a symbolic link, or without a parent: the system resolves it.
    fn following(path: &Path) -> std::io::Result<Real> {
        let path = std::fs::canonicalize(path)?;
        Ok(Real {
            is_dir: path.is_dir(),
            path,
        })
    }
}

fn outside_root(file: &ManifestFile, key: &str, shown: &Path) -> Problem {
    file.error_at(key, format!("`{}` is outside the dossier folder", shown.display())).with_hint(
        "copy the file into the dossier (e.g. `dossier add FILE`), or set `build: {allow_outside_root: true}` if you mean it",
    )
}

/// A file in the same folder with a similar name, for "did you mean".
fn nearby_name(path: &Path) -> Option<String> {
    let dir = path.parent()?;
    let want = path.file_name()?.to_str()?;
    let names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let best = crate::diagnostics::did_you_mean(want, names.iter().map(String::as_str))?;
    let parent = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|p| p.to_str());
    Some(match parent {
        Some(_) => {
            let rel = Path::new(path).with_file_name(best);
            rel.file_name()
                .and_then(|f| f.to_str())
                .unwrap_or(best)
                .to_string()
        }
        None => best.to_string(),
    })
}

/// Source files under `dir`, sorted; loops and unreadable entries are reported, never followed.
fn walk(
    file: &ManifestFile,
    root: &Path,
    dir: &Path,
    key: &str,
    problems: &mut Problems,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for item in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match item {
            Ok(e) if e.file_type().is_file() => {
                if SourceFormat::from_path(e.path()).is_some() && !is_hidden(e.path(), dir) {
                    out.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(err) => {
                let where_ = err
                    .path()
                    .map(|p| display_path(root, p).display().to_string())
                    .unwrap_or_default();
                let problem = if err.loop_ancestor().is_some() {
                    file.warning_at(
                        key,
                        format!("symbolic link loop at `{where_}`: not followed"),
                    )
                    .with_hint("remove the link that points back to a parent folder")
                } else {
                    file.error_at(
                        key,
                        format!(
                            "cannot read `{where_}`: {}",
                            err.io_error().map(|e| e.to_string()).unwrap_or_default()
                        ),
                    )
                    .with_hint("check the permissions of the file or folder")
                };
                problems.push(problem);
            }
        }
    }
    out
}

fn is_hidden(path: &Path, base: &Path) -> bool {
    path.strip_prefix(base)
        .map(|rel| {
            rel.components()
                .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')))
        })
        .unwrap_or(false)
}

/// Files matching `pattern` (relative to the root), walking only below its literal prefix.
fn glob(
    root: &Path,
    pattern: &str,
    file: &ManifestFile,
    key: &str,
    problems: &mut Problems,
) -> Vec<PathBuf> {
    let Ok(glob) = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
    else {
        return Vec::new(); // reported by manifest validation
    };
    let matcher = glob.compile_matcher();
    let literal: PathBuf = Path::new(pattern)
        .components()
        .take_while(|c| {
            !c.as_os_str()
                .to_string_lossy()
                .contains(['*', '?', '[', '{'])
        })
        .collect();
    let base = root.join(&literal);
    let base = if base.is_dir() {
        base
    } else {
        base.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| root.to_path_buf())
    };
    walk(file, root, &base, key, problems)
        .into_iter()
        .filter(|p| p.strip_prefix(root).is_ok_and(|rel| matcher.is_match(rel)))
        .collect()
}

/// How many files ahead of the readers the prefetcher asks for.
const PREFETCH_AHEAD: usize = 1024;

/// Asks the system to read `found`'s files into its cache, in order, up to
/// [`PREFETCH_AHEAD`] files past `reading()` (the first file not yet taken by a reader). The
/// system reads many files at once this way, where each reader waits for one file at a time: a
/// build whose sources are not in the page cache spent 7 % of its time (10,000 sources) with
/// extraction waiting for the disk.
fn prefetch(found: &[Found], reading: impl Fn() -> usize) {
    for (i, f) in found.iter().enumerate() {
        let at = loop {
            let at = reading();
            if at >= found.len() {
                return;
            }
            if i < at + PREFETCH_AHEAD {
                break at;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        };
        // A file a reader has taken already is not asked for.
        if i >= at {
            will_need(&f.path);
        }
    }
}

/// Starts reading a file into the system's cache, without waiting for it.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
fn will_need(path: &Path) {
    if let Ok(file) = open_without_waiting(path) {
        let _ = rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::WillNeed);
    }
}

/// Elsewhere the readers alone read.
#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
fn will_need(_: &Path) {}

/// A source file's metadata, and the file opened for reading when it is a regular file, with
/// one path lookup where the system allows: a source is opened without waiting (a named pipe
/// listed by mistake opens at once, where a plain open waits for a writer) and asked for its
/// metadata, rather than looked up, then opened.
#[cfg(unix)]
fn open_source(path: &Path) -> std::io::Result<(std::fs::Metadata, Option<std::fs::File>)> {
    let file = open_without_waiting(path)?;
    let meta = file.metadata()?;
    Ok((meta, Some(file)))
}

/// Opens a file for reading with `O_NONBLOCK`: a named pipe opens at once instead of waiting
/// for a writer (reading a regular file is not affected).
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

/// Elsewhere the metadata comes first, and only a regular file is opened.
#[cfg(not(unix))]
fn open_source(path: &Path) -> std::io::Result<(std::fs::Metadata, Option<std::fs::File>)> {
    let meta = std::fs::metadata(path)?;
    let file = if meta.is_file() {
        Some(std::fs::File::open(path)?)
    } else {
        None
    };
    Ok((meta, file))
}

/// Reads and decodes one file. An empty file is an `Err` holding a warning: skipped, not fatal.
fn read_source(
    path: &Path,
    shown: &Path,
    max_bytes: u64,
) -> Result<Option<(SourceFormat, Decoded, FrontMatter)>, Problem> {
    let format = SourceFormat::from_path(path).unwrap_or(SourceFormat::Text);
    let cannot_read = |e: std::io::Error| {
        Problem::error(shown, format!("cannot read: {e}")).with_hint("check the file's permissions")
    };
    let (meta, file) = open_source(path).map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(Problem::error(shown, "this is a folder, not a file")
            .with_hint("list a folder with `dir:` instead of `file:`"));
    }
    if !meta.is_file() {
        // A pipe, socket or device: reading it could block forever or never end.
        return Err(Problem::error(
            shown,
            "this is not a regular file (a pipe, socket or device)",
        )
        .with_hint("list the saved article file itself"));
    }
    if meta.len() > max_bytes {
        return Err(Problem::error(
            shown,
            format!(
                "the file is {:.1} MB, over the limit of {:.1} MB",
                meta.len() as f64 / 1e6,
                max_bytes as f64 / 1e6
            ),
        )
        .with_hint(
            "if it really is one article, raise `build: {max_source_bytes: …}` in dossier.yaml",
        ));
    }
    // Read through `take`, which asks no second time for the length (`File` does, for a size
    // hint that `with_capacity` already gives).
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    let file = file.expect("a regular file is open");
    std::io::Read::read_to_end(&mut std::io::Read::take(file, u64::MAX), &mut bytes)
        .map_err(cannot_read)?;
    let decoded = decode(&bytes, format == SourceFormat::Html).map_err(|_| {
        Problem::error(
            shown,
            "this is not a text file (it looks binary: an image, PDF or archive?)",
        )
        .with_hint("save the article as HTML, Markdown or plain text and list that file instead")
    })?;
    if decoded.text.trim().is_empty() {
        // A warning, not an error: the build goes on without this file.
        return Err(Problem::warning(shown, "the file is empty: skipped")
            .with_hint("paste the article's text into it, or remove it from dossier.yaml"));
    }
    let (decoded, front_matter) = if format == SourceFormat::Markdown {
        let (fm, body) = front_matter::split(&decoded.text, shown);
        (
            Decoded {
                text: body.to_string(),
                encoding: decoded.encoding,
            },
            fm,
        )
    } else {
        (decoded, FrontMatter::default())
    };
    Ok(Some((format, decoded, front_matter)))
}

/// Reads one file without a manifest (for `dossier extract`): id from the file name.
pub fn load_file(path: &Path) -> Result<Source, Problem> {
    let shown = path.to_path_buf();
    let (format, decoded, front_matter) = read_source(path, &shown, u64::MAX)?
        .ok_or_else(|| Problem::error(&shown, "the file is empty"))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("source");
    Ok(Source {
        id: slugify(stem),
        file: shown,
        format,
        text: decoded.text,
        encoding: decoded.encoding,
        entry: SourceEntry::default(),
        front_matter,
        manifest_path: None,
    })
}

/// A source built from text in memory (tests, fuzzing, `extract` from standard input).
pub fn source_from_text(id: &str, format: SourceFormat, text: &str) -> Source {
    let text = normalize_newlines(text);
    let (front_matter, body) = if format == SourceFormat::Markdown {
        let (fm, body) = front_matter::split(&text, Path::new(id));
        (fm, body.to_string())
    } else {
        (FrontMatter::default(), text)
    };
    Source {
        id: slugify(id),
        file: PathBuf::from(id),
        format,
        text: body,
        encoding: "UTF-8",
        entry: SourceEntry::default(),
        front_matter,
        manifest_path: None,
    }
}

/// Locates a byte offset of a source's text, for problems about its content.
pub fn locate_in(text: &Arc<str>, offset: usize) -> Location {
    Location::of_range(text, offset, 1)
}

#[cfg(test)]
mod tests;

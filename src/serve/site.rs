//! The site as `serve` keeps it between edits: the manifest, every source's extraction, the
//! linked dossier and the compiled theme, so that an edit re-does only what it affects. This is
//! a plain value owned by the serve loop (no global state); each rebuild takes `&mut self` and
//! either applies completely or leaves the last good site as it was.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::{Problem, Problems};
use crate::extract::Gazetteer;
use crate::link::Dossier;
use crate::load::{self, NoteSource, Source};
use crate::manifest::{self, LoadedManifest};
use crate::pipeline::{self, NoProgress, ms};
use crate::render::{Page, Renderer, SiteParts};
use crate::write::{self, WriteStats};

use super::deps::{LinkFacts, affected_pages};

/// What changed on disk, as the watcher classifies it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// dossier.yaml.
    pub manifest: bool,
    /// Templates, static files or a theme folder.
    pub theme: bool,
    /// Files of known sources (absolute paths).
    pub sources: HashSet<PathBuf>,
    /// Anything else that may be a source or a note (a new file, a note, a removed file).
    pub other: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.manifest && !self.theme && !self.other && self.sources.is_empty()
    }
}

/// What a rebuild did, for the terminal and the benchmarks.
#[derive(Debug, Clone, Default)]
pub struct RebuildReport {
    /// Sources read and extracted again.
    pub extracted: usize,
    /// Pages rendered (changed or not) and files written or removed.
    pub rendered: usize,
    pub write: WriteStats,
    pub removed: usize,
    pub total_ms: f64,
    pub link_ms: f64,
    pub render_ms: f64,
}

/// One source as last read: its path, a fingerprint of everything extraction reads, and the
/// manifest entry it came from.
struct SourceState {
    id: String,
    path: PathBuf,
    fingerprint: u64,
}

/// The served site and everything needed to rebuild part of it.
pub struct Site {
    root: PathBuf,
    /// Where the site is written (served from there).
    out: PathBuf,
    base_url: Option<String>,
    manifest: LoadedManifest,
    renderer: Renderer,
    sources: Vec<SourceState>,
    /// Source path → index into `sources`.
    by_path: HashMap<PathBuf, usize>,
    /// Manifest `file:` entries by path: a changed file is read again alone.
    entry_by_path: HashMap<PathBuf, usize>,
    notes: Vec<NoteSource>,
    dossier: Dossier,
    pages: Vec<Page>,
    parts: SiteParts,
    /// Problems that did not stop the build.
    pub warnings: Problems,
}

/// A path with `.` and `..` resolved lexically, for matching watcher paths to sources.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The canonical dossier root (watcher events carry canonical paths).
pub fn canonical_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| normalize(root))
}

fn fingerprint(s: &Source) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.id.hash(&mut h);
    s.file.hash(&mut h);
    s.text.hash(&mut h);
    s.encoding.hash(&mut h);
    format!("{:?}{:?}{:?}", s.format, s.entry, s.front_matter).hash(&mut h);
    h.finish()
}

fn gazetteer_key(m: &LoadedManifest) -> String {
    serde_json::to_string(&m.manifest.entities).unwrap_or_default()
}

impl Site {
    /// Builds the whole site into `out` (atomically, like `build`).
    pub fn build(root: &Path, out: &Path, base_url: Option<&str>) -> Result<Site, Problems> {
        let root = canonical_root(root);
        let manifest = manifest::read(&root)?;
        let (loaded, mut problems) = load::load(&manifest);
        let renderer = match pipeline::make_renderer(&root, &manifest) {
            Ok(r) => Some(r),
            Err(p) => {
                problems.extend(p.0);
                None
            }
        };
        if problems.has_errors() {
            return Err(problems);
        }
        let renderer = renderer.expect("no errors means a renderer");
        let gazetteer = Gazetteer::new(&manifest.manifest.entities);
        let documents = pipeline::extract_all(&loaded.sources, &gazetteer, &NoProgress);
        let sources = states(&root, &loaded.sources);
        let (dossier, _) =
            pipeline::link_documents(&manifest, base_url, documents, loaded.notes.clone());
        let parts = renderer.site_parts(&dossier);
        let pages = renderer.plan(&dossier, &parts);
        write::check_output(out, &root).map_err(|p| Problems(vec![p]))?;
        write::write_site(
            out,
            &pages,
            |p| renderer.render_with(&parts, &dossier, p),
            &NoProgress,
        )?;
        let mut site = Site {
            entry_by_path: entries_by_path(&root, &manifest),
            by_path: HashMap::new(),
            root,
            out: out.to_path_buf(),
            base_url: base_url.map(str::to_string),
            manifest,
            renderer,
            sources,
            notes: loaded.notes,
            dossier,
            pages,
            parts,
            warnings: problems,
        };
        site.index_paths();
        Ok(site)
    }

    fn index_paths(&mut self) {
        self.by_path = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.path.clone(), i))
            .collect();
    }

    /// The canonical dossier root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the site is written.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Whether `path` is a file of a known source.
    pub fn is_source(&self, path: &Path) -> bool {
        self.by_path.contains_key(path)
    }

    /// Whether `path` is a note file.
    pub fn is_note(&self, path: &Path) -> bool {
        self.notes
            .iter()
            .any(|n| normalize(&self.root.join(&n.file)) == path)
    }

    /// The linked dossier as served now.
    pub fn dossier(&self) -> &Dossier {
        &self.dossier
    }

    /// Rebuilds what `changes` affect. On error nothing changes: the last good site stays.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<RebuildReport, Problems> {
        let start = Instant::now();
        if changes.manifest || changes.other || changes.theme {
            return self.rebuild_all(changes, start);
        }
        // Only known sources changed: read them again alone, when each is a `file:` entry.
        let mut fresh: Vec<Source> = Vec::new();
        let mut problems = Problems::default();
        for path in &changes.sources {
            let Some(&entry) = self.entry_by_path.get(path) else {
                return self.rebuild_all(changes, start);
            };
            match self.load_entry(entry) {
                Ok(mut loaded) => fresh.append(&mut loaded),
                Err(p) => problems.extend(p.0),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        // A file emptied or unreadable as a source: let the full path report or drop it.
        if fresh.len() != changes.sources.len() {
            return self.rebuild_all(changes, start);
        }
        let fresh: Vec<Source> = fresh
            .into_iter()
            .filter(|s| {
                self.by_path
                    .get(&normalize(&self.root.join(&s.file)))
                    .is_none_or(|&i| self.sources[i].fingerprint != fingerprint(s))
            })
            .collect();
        if fresh.is_empty() {
            return Ok(RebuildReport {
                total_ms: ms(start),
                ..RebuildReport::default()
            });
        }
        self.relink(fresh, false, start)
    }

    /// Reads manifest entry `index` again, alone.
    fn load_entry(&mut self, index: usize) -> Result<Vec<Source>, Problems> {
        let m = &mut self.manifest.manifest;
        let all_sources = std::mem::take(&mut m.sources);
        let all_notes = std::mem::take(&mut m.notes);
        m.sources = vec![all_sources[index].clone()];
        let (loaded, problems) = load::load(&self.manifest);
        let m = &mut self.manifest.manifest;
        m.sources = all_sources;
        m.notes = all_notes;
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(loaded.sources)
    }

    /// Re-extracts `fresh` sources (replacing those of the same id), re-links everything and
    /// renders the affected pages (all pages when `all_pages`).
    fn relink(
        &mut self,
        fresh: Vec<Source>,
        all_pages: bool,
        start: Instant,
    ) -> Result<RebuildReport, Problems> {
        let gazetteer = Gazetteer::new(&self.manifest.manifest.entities);
        let extracted = pipeline::extract_all(&fresh, &gazetteer, &NoProgress);
        let changed: HashSet<String> = fresh.iter().map(|s| s.id.clone()).collect();
        let rows = self.renderer.options().rows_per_page;
        let old_facts = (!all_pages).then(|| LinkFacts::of(&self.dossier, &self.pages, rows));
        let old_paths: HashSet<String> = self.pages.iter().map(|p| p.path.clone()).collect();

        // The documents go from the old dossier into the new one (no copy of the others).
        let s = Instant::now();
        let mut documents = std::mem::take(&mut self.dossier.documents);
        let mut slot: HashMap<String, usize> = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        for doc in extracted {
            match slot.get(&doc.id) {
                Some(&i) => documents[i] = doc,
                None => {
                    slot.insert(doc.id.clone(), documents.len());
                    documents.push(doc);
                }
            }
        }
        let (dossier, _) = pipeline::link_documents(
            &self.manifest,
            self.base_url.as_deref(),
            documents,
            self.notes.clone(),
        );
        let link_ms = ms(s);
        let parts = self.renderer.site_parts(&dossier);
        let pages = self.renderer.plan(&dossier, &parts);
        let targets: Vec<Page> = match old_facts {
            Some(old) if parts.chrome == self.parts.chrome => {
                let new = LinkFacts::of(&dossier, &pages, rows);
                let wanted = affected_pages(&old, &new, &changed, &old_paths, &pages);
                pages
                    .iter()
                    .filter(|p| wanted.contains(&p.path))
                    .cloned()
                    .collect()
            }
            _ => pages.clone(),
        };
        let new_paths: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        let stale: Vec<String> = old_paths
            .iter()
            .filter(|p| !new_paths.contains(p.as_str()))
            .cloned()
            .collect();
        let s = Instant::now();
        let render = |p: &Page| self.renderer.render_with(&parts, &dossier, p);
        // Every page: staged and swapped in (streaming, all or nothing). Some: in place.
        let result = if targets.len() == pages.len() {
            write::write_site(&self.out, &pages, render, &NoProgress)
        } else {
            write::update_site(&self.out, &targets, &stale, render)
        };
        let render_ms = ms(s);
        // Keep the new state even when a page failed to render: the sources are read, and
        // the next edit (of the template, say) renders against them.
        self.dossier = dossier;
        self.pages = pages;
        self.parts = parts;
        let write = result?;
        Ok(RebuildReport {
            extracted: fresh.len(),
            rendered: targets.len(),
            write,
            removed: stale.len(),
            total_ms: ms(start),
            link_ms,
            render_ms,
        })
    }

    /// Reads the manifest, the theme and every source again; extracts only sources whose
    /// fingerprint changed (all when the gazetteer changed) and renders every page.
    fn rebuild_all(
        &mut self,
        changes: &Changes,
        start: Instant,
    ) -> Result<RebuildReport, Problems> {
        let manifest = manifest::read(&self.root)?;
        let (loaded, mut problems) = load::load(&manifest);
        let renderer = if changes.theme || changes.manifest {
            match pipeline::make_renderer(&self.root, &manifest) {
                Ok(r) => Some(r),
                Err(p) => {
                    problems.extend(p.0);
                    None
                }
            }
        } else {
            None
        };
        if problems.has_errors() {
            return Err(problems);
        }
        let gazetteer_changed = gazetteer_key(&manifest) != gazetteer_key(&self.manifest);
        let new_states = states(&self.root, &loaded.sources);
        let old: HashMap<&str, u64> = self
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.fingerprint))
            .collect();
        let keep: HashSet<String> = loaded.sources.iter().map(|s| s.id.clone()).collect();
        let fresh: Vec<Source> = loaded
            .sources
            .into_iter()
            .zip(&new_states)
            .filter(|(s, st)| gazetteer_changed || old.get(s.id.as_str()) != Some(&st.fingerprint))
            .map(|(s, _)| s)
            .collect();
        // Sources removed from the manifest leave the dossier.
        self.dossier.documents.retain(|d| keep.contains(&d.id));
        self.manifest = manifest;
        if let Some(r) = renderer {
            self.renderer = r;
        }
        self.entry_by_path = entries_by_path(&self.root, &self.manifest);
        self.sources = new_states;
        self.notes = loaded.notes;
        self.index_paths();
        self.warnings = problems;
        self.relink(fresh, true, start)
    }
}

fn states(root: &Path, sources: &[Source]) -> Vec<SourceState> {
    sources
        .iter()
        .map(|s| SourceState {
            id: s.id.clone(),
            path: normalize(&root.join(&s.file)),
            fingerprint: fingerprint(s),
        })
        .collect()
}

fn entries_by_path(root: &Path, m: &LoadedManifest) -> HashMap<PathBuf, usize> {
    m.manifest
        .sources
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.file.as_ref().map(|f| (normalize(&root.join(f)), i)))
        .collect()
}

/// A problem for the browser overlay and the terminal, as plain text.
pub fn report_text(problems: &Problems) -> String {
    crate::diagnostics::render_report(&problems.0, false)
}

/// A problem that has no file (a watcher or server failure).
pub fn plain_problem(message: impl Into<String>) -> Problems {
    Problems(vec![Problem::error("dossier serve", message)])
}

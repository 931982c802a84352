//! The site as `serve` keeps it between edits: the manifest, every source's extraction, the
//! linked dossier and the compiled theme, so that an edit re-does only what it affects. This is
//! a plain value owned by the serve loop (no global state); each rebuild takes `&mut self` and
//! either applies completely or leaves the last good site as it was.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::{Problem, Problems};
use crate::extract::{Document, Gazetteer};
use crate::link::{DocLinks, Dossier};
use crate::load::{self, NoteSource, Source};
use crate::manifest::{self, LoadedManifest};
use crate::pipeline::{self, NoProgress, ms};
use crate::render::{Page, PageKind, Renderer, SiteParts};
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

/// What phase one of an edit did: the edited sources' own pages, written at once.
#[derive(Debug, Clone, Default)]
pub struct PreviewReport {
    /// Sources read and extracted again.
    pub extracted: usize,
    /// Their pages written (source pages and citation files).
    pub pages: usize,
    pub total_ms: f64,
}

/// What an edit did right away: served its own pages (phase two pending), rebuilt everything
/// that needed it, or nothing (the files' content did not change).
#[derive(Debug, Clone)]
pub enum Edit {
    Served(PreviewReport),
    Rebuilt(RebuildReport),
    Unchanged,
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
    /// The search index and the other parts every page shares.
    pub parts_ms: f64,
    /// Working out which pages the edit affects.
    pub deps_ms: f64,
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
    /// A digest of each search document shard as last written ([`SearchIndex::doc_shard_digests`]).
    doc_shards: Vec<u64>,
    /// The manifest's entities compiled once (rebuilt when the manifest changes).
    gazetteer: Gazetteer,
    /// Source id → index into `dossier.documents` (a map lookup, not a scan, per edit).
    doc_index: HashMap<String, usize>,
    /// Phase one's edits not linked yet: each edited source's new document, by id.
    pending: HashMap<String, Document>,
    /// What phase one replaced in `dossier` (position, document, links), restored before
    /// linking so that the link stage and the dependency rules see the last linked state.
    replaced: HashMap<String, (usize, Document, DocLinks)>,
    /// The link facts of `dossier` as last linked, kept for the next edit's comparison.
    facts: Option<LinkFacts>,
    /// The last write failed: the folder may not match `dossier`, so the next rebuild
    /// renders every page instead of trusting what it holds.
    output_stale: bool,
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
            |p| renderer.render_content(&parts, &dossier, p),
            &NoProgress,
        )?;
        let doc_shards = (parts.search).doc_shard_digests(&dossier, &parts.chrome.note_titles);
        let mut site = Site {
            doc_shards,
            entry_by_path: entries_by_path(&root, &manifest),
            gazetteer,
            doc_index: HashMap::new(),
            pending: HashMap::new(),
            replaced: HashMap::new(),
            facts: None,
            output_stale: false,
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
        site.index_documents();
        Ok(site)
    }

    fn index_documents(&mut self) {
        self.doc_index = self
            .dossier
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
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

    /// Whether phase one served edits that are not linked yet: until [`Site::settle`] runs,
    /// the edited pages show their new text but the rest of the site does not know of it.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Both phases of an edit at once: what `changes` affect is rebuilt and the whole site is
    /// consistent when this returns. On error nothing changes: the last good site stays.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<RebuildReport, Problems> {
        let start = Instant::now();
        let served = match self.edit(changes)? {
            Edit::Rebuilt(r) => return Ok(r),
            Edit::Served(p) => Some(p),
            Edit::Unchanged => None,
        };
        if !self.has_pending() {
            return Ok(RebuildReport {
                total_ms: ms(start),
                ..RebuildReport::default()
            });
        }
        let mut report = self.settle()?;
        report.extracted = report.extracted.max(served.map_or(0, |p| p.extracted));
        report.total_ms = ms(start);
        Ok(report)
    }

    /// Phase one of an edit: edited sources are read and extracted alone and their own pages
    /// written at once against the current dossier (links carried over where they still
    /// apply); the rest waits for [`Site::settle`]. A change of the manifest, theme or file
    /// set rebuilds everything here instead. On error the served site is unchanged.
    pub fn edit(&mut self, changes: &Changes) -> Result<Edit, Problems> {
        let start = Instant::now();
        if changes.manifest || changes.other || changes.theme {
            return self.rebuild_all(changes, start).map(Edit::Rebuilt);
        }
        // Only known sources changed: read them again alone, when each is a `file:` entry.
        let mut fresh: Vec<Source> = Vec::new();
        let mut problems = Problems::default();
        for path in &changes.sources {
            let Some(&entry) = self.entry_by_path.get(path) else {
                return self.rebuild_all(changes, start).map(Edit::Rebuilt);
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
            return self.rebuild_all(changes, start).map(Edit::Rebuilt);
        }
        // Only what differs from the last read (an editor's save without changes is nothing).
        let mut changed = Vec::with_capacity(fresh.len());
        for source in fresh {
            let print = fingerprint(&source);
            match self.by_path.get(&normalize(&self.root.join(&source.file))) {
                Some(&i) if self.sources[i].fingerprint == print => {}
                Some(&i) => {
                    self.sources[i].fingerprint = print;
                    changed.push(source);
                }
                None => changed.push(source),
            }
        }
        if changed.is_empty() {
            return Ok(Edit::Unchanged);
        }
        let documents = pipeline::extract_all(&changed, &self.gazetteer, &NoProgress);
        self.preview(documents, start).map(Edit::Served)
    }

    /// Puts each edited document in the dossier in place of the last linked one (its links
    /// carried over) and writes its own pages. Sources new to the dossier wait for phase two.
    fn preview(
        &mut self,
        documents: Vec<Document>,
        start: Instant,
    ) -> Result<PreviewReport, Problems> {
        let extracted = documents.len();
        let mut targets: Vec<Page> = Vec::new();
        for doc in documents {
            if let Some(&i) = self.doc_index.get(&doc.id) {
                // Carried over from the last linked version, not from a provisional one.
                let (shown, links) = match self.replaced.get(&doc.id) {
                    Some((_, old, old_links)) => provisional(old, old_links, &doc),
                    None => provisional(&self.dossier.documents[i], &self.dossier.links[i], &doc),
                };
                let old = std::mem::replace(&mut self.dossier.documents[i], shown);
                let old_links = std::mem::replace(&mut self.dossier.links[i], links);
                self.replaced
                    .entry(doc.id.clone())
                    .or_insert((i, old, old_links));
                targets.push(Page {
                    path: crate::render::views::source_path(&doc.id),
                    kind: PageKind::Source(i),
                });
            }
            self.pending.insert(doc.id.clone(), doc);
        }
        let (renderer, parts, dossier) = (&self.renderer, &self.parts, &self.dossier);
        write::update_site(&self.out, &targets, &[], |p| {
            renderer.render_with(parts, dossier, p)
        })?;
        Ok(PreviewReport {
            extracted,
            pages: targets.len(),
            total_ms: ms(start),
        })
    }

    /// Puts back what phase one replaced: the dossier is the last linked one again.
    fn restore(&mut self) {
        for (_, (i, doc, links)) in self.replaced.drain() {
            self.dossier.documents[i] = doc;
            self.dossier.links[i] = links;
        }
    }

    /// Phase two: links the dossier again with every pending edit and renders every page they
    /// affect, so that the site equals a full build. Nothing to do when nothing is pending.
    pub fn settle(&mut self) -> Result<RebuildReport, Problems> {
        let start = Instant::now();
        if !self.has_pending() {
            return Ok(RebuildReport::default());
        }
        self.restore();
        let documents: Vec<Document> = std::mem::take(&mut self.pending).into_values().collect();
        self.relink(documents, false, start)
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

    /// Puts `extracted` documents in the dossier (replacing those of the same id), re-links
    /// everything and renders the affected pages (all pages when `all_pages`).
    fn relink(
        &mut self,
        extracted: Vec<Document>,
        all_pages: bool,
        start: Instant,
    ) -> Result<RebuildReport, Problems> {
        use crate::render::exports::{source_bibtex, source_csl};
        let all_pages = all_pages || self.output_stale;
        let changed: HashSet<String> = extracted.iter().map(|d| d.id.clone()).collect();
        let count = extracted.len();
        let rows = self.renderer.options().rows_per_page;
        let s = Instant::now();
        let old_facts = match self.facts.take() {
            _ if all_pages => None,
            Some(facts) => Some(facts),
            None => Some(LinkFacts::of(&self.dossier, &self.pages, rows)),
        };
        let old_paths: HashSet<String> = self.pages.iter().map(|p| p.path.clone()).collect();
        // The edited sources' citations, to tell whether the citation lists change.
        let cites = |d: &Dossier, i: usize| (source_csl(d, i), source_bibtex(d, i));
        let old_cites: HashMap<&str, _> = changed
            .iter()
            .filter_map(|id| {
                let i = *self.doc_index.get(id)?;
                Some((id.as_str(), cites(&self.dossier, i)))
            })
            .collect();
        let mut deps_ms = ms(s);

        // The documents go from the old dossier into the new one (no copy of the others).
        let s = Instant::now();
        let mut documents = std::mem::take(&mut self.dossier.documents);
        for doc in extracted {
            match self.doc_index.get(&doc.id) {
                Some(&i) if documents.get(i).is_some_and(|d| d.id == doc.id) => documents[i] = doc,
                _ => documents.push(doc),
            }
        }
        let (dossier, _) = pipeline::link_documents(
            &self.manifest,
            self.base_url.as_deref(),
            documents,
            self.notes.clone(),
        );
        let link_ms = ms(s);
        let s = Instant::now();
        let parts = self.renderer.site_parts(&dossier);
        let pages = self.renderer.plan(&dossier, &parts);
        let parts_ms = ms(s);
        let s = Instant::now();
        let doc_index: HashMap<String, usize> = dossier
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let mut new_facts = None;
        let doc_shards = (parts.search).doc_shard_digests(&dossier, &parts.chrome.note_titles);
        let targets: Vec<Page> = match old_facts {
            Some(old) if parts.chrome == self.parts.chrome => {
                let new = LinkFacts::of(&dossier, &pages, rows);
                let wanted = affected_pages(&old, &new, &changed, &old_paths, &pages);
                // Data files whose bytes are known to be the same as those written: search
                // shards equal to the last ones, and the citation lists when no edited
                // source's citation changed and the sources kept their order.
                let cites_same = old.same_order(&new)
                    && changed.iter().all(|id| {
                        let now = doc_index.get(id).map(|&i| cites(&dossier, i));
                        now.is_some() && old_cites.get(id.as_str()) == now.as_ref()
                    });
                let (was, now) = (&self.parts.search, &parts.search);
                let unchanged = |kind: PageKind| match kind {
                    PageKind::SearchManifest => was.manifest == now.manifest,
                    PageKind::SearchTerms(k) => was.term_shards.get(k) == now.term_shards.get(k),
                    PageKind::SearchDocs(k) => self.doc_shards.get(k) == doc_shards.get(k),
                    PageKind::CiteSources(_) => cites_same,
                    _ => false,
                };
                new_facts = Some(new);
                pages
                    .iter()
                    .filter(|p| wanted.contains(&p.path) && !unchanged(p.kind))
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
        deps_ms += ms(s);
        let s = Instant::now();
        let render = |p: &Page| self.renderer.render_content(&parts, &dossier, p);
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
        self.doc_shards = doc_shards;
        self.doc_index = doc_index;
        self.facts = new_facts;
        self.output_stale = result.is_err();
        let write = result?;
        Ok(RebuildReport {
            extracted: count,
            rendered: targets.len(),
            write,
            removed: stale.len(),
            total_ms: ms(start),
            link_ms,
            parts_ms,
            deps_ms,
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
        // Phase one's edits join the dossier as they are (their fingerprints are recorded).
        self.restore();
        for (id, doc) in std::mem::take(&mut self.pending) {
            match self.doc_index.get(&id) {
                Some(&i) => self.dossier.documents[i] = doc,
                None => self.dossier.documents.push(doc),
            }
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
        if gazetteer_changed {
            self.gazetteer = Gazetteer::new(&self.manifest.manifest.entities);
        }
        if let Some(r) = renderer {
            self.renderer = r;
        }
        self.entry_by_path = entries_by_path(&self.root, &self.manifest);
        self.sources = new_states;
        self.notes = loaded.notes;
        self.index_paths();
        self.index_documents();
        self.warnings = problems;
        let extracted = pipeline::extract_all(&fresh, &self.gazetteer, &NoProgress);
        self.relink(extracted, true, start)
    }
}

/// The edited document `new` as phase one shows it, with the links of its last linked
/// version `old` carried over where they still apply: a quote keeps the group (and speaker
/// entity) of an old quote with the same words, a mention the entity of an old mention of the
/// same name and kind. Mentions with no such entity are left out of the page until phase two
/// links them; the event and related sources stay as they were. Every index is into the
/// current dossier's lists, so nothing can point past them.
fn provisional(old: &Document, old_links: &DocLinks, new: &Document) -> (Document, DocLinks) {
    let mut groups: HashMap<&str, Option<usize>> = HashMap::new();
    let mut speakers: HashMap<&str, usize> = HashMap::new();
    for (q, quote) in old.quotes.iter().enumerate() {
        groups
            .entry(quote.text.as_str())
            .or_insert_with(|| old_links.quote_groups.get(q).copied().flatten());
        if let (Some(name), Some(Some(e))) =
            (&quote.speaker_entity, old_links.quote_speakers.get(q))
        {
            speakers.entry(name.as_str()).or_insert(*e);
        }
    }
    let mut entities: HashMap<(&str, crate::manifest::EntityKind), usize> = HashMap::new();
    for (m, &e) in old.mentions.iter().zip(&old_links.mention_entities) {
        entities.entry((&*m.entity, m.kind)).or_insert(e);
    }
    let mut shown = new.clone();
    let mut mention_entities = Vec::with_capacity(shown.mentions.len());
    shown
        .mentions
        .retain(|m| match entities.get(&(&*m.entity, m.kind)) {
            Some(&e) => {
                mention_entities.push(e);
                true
            }
            None => false,
        });
    let links = DocLinks {
        event: old_links.event,
        quote_groups: new
            .quotes
            .iter()
            .map(|q| groups.get(q.text.as_str()).copied().flatten())
            .collect(),
        mention_entities,
        quote_speakers: new
            .quotes
            .iter()
            .map(|q| {
                q.speaker_entity
                    .as_deref()
                    .and_then(|n| speakers.get(n).copied())
            })
            .collect(),
        related: old_links.related.clone(),
    };
    (shown, links)
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

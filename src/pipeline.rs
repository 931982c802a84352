//! The build, top to bottom: manifest → load → extract → link → render → write. Each stage is
//! its own module; this one only calls them in order, times them and gathers their problems.
//! The steps are public functions so that `serve` can run them again on part of the input.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Problem, Problems};
use crate::extract::{self, Gazetteer};
use crate::link::{self, Dossier, LinkTimings};
use crate::load::{self, NoteSource, Source};
use crate::manifest::{self, LoadedManifest};
use crate::render::{self, Page, RenderOptions, Renderer, SiteParts};
use crate::write::{self, WriteStats};

pub use crate::progress::{NoProgress, Progress};

/// What `build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The dossier's folder (holding dossier.yaml).
    pub root: PathBuf,
    /// Where the site goes; default `ROOT/output`.
    pub output: Option<PathBuf>,
    /// Overrides the manifest's `base_url`.
    pub base_url: Option<String>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
        }
    }
    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }
}

/// How long each stage took, in milliseconds of wall time, and the memory high-water mark
/// after it (MiB, Linux only), so benchmarks can tell which stage is slow or memory-hungry.
#[derive(Debug, Default, Clone, Serialize)]
pub struct StageTimings {
    pub manifest_ms: f64,
    /// Finding the source files the manifest lists.
    pub load_ms: f64,
    /// Reading and extracting them (each source extracted as soon as it is read).
    pub extract_ms: f64,
    pub link_ms: f64,
    pub link: LinkTimings,
    pub templates_ms: f64,
    /// What every page shares (the search index above all) and the plan of the pages.
    pub site_ms: f64,
    pub render_write_ms: f64,
    /// Time spent in rendering and in file writes, summed over the worker threads.
    pub render_thread_ms: f64,
    pub write_thread_ms: f64,
    /// Swapping the new site in and removing the previous one.
    pub swap_ms: f64,
    pub total_ms: f64,
    /// Peak resident memory after load, extract, link and write.
    pub peak_rss_mib: PeakRss,
}

/// The process's peak resident memory (VmHWM) after each stage, in MiB.
#[derive(Debug, Default, Clone, Serialize)]
pub struct PeakRss {
    pub load: Option<f64>,
    pub extract: Option<f64>,
    pub link: Option<f64>,
    pub write: Option<f64>,
}

/// Gives memory freed by a stage back to the system before the next one starts: what one stage
/// freed (the linking's indexes, the search index's postings) would otherwise still count as
/// resident while the next one allocates. jemalloc (`main.rs`) returns freed pages after 50 ms
/// anyway; this returns them now, whatever `_RJEM_MALLOC_CONF` says.
pub fn release_freed_memory() {
    #[cfg(not(target_env = "msvc"))]
    // SAFETY: "arena.4096.purge" (4096: all arenas) takes and returns nothing; it only returns
    // jemalloc's unused dirty pages to the system.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            c"arena.4096.purge".as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}

/// The process's peak resident memory so far, in MiB (None where /proc is not available).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub sources: usize,
    pub pages: usize,
    pub write: WriteStats,
    pub timings: StageTimings,
    /// Warnings (the build went on).
    pub warnings: Problems,
    pub output: PathBuf,
}

/// A dossier read, extracted and linked, with its renderer: everything but the writing.
pub struct Prepared {
    /// The manifest, without its list of sources: the documents carry each entry's fields.
    pub manifest: LoadedManifest,
    pub dossier: Dossier,
    pub renderer: Renderer,
    pub pages: Vec<Page>,
    /// Site-wide parts of every page, rendered once.
    pub site: SiteParts,
    pub warnings: Problems,
    pub timings: StageTimings,
}

/// Milliseconds since `since`.
pub fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Compiles the theme the manifest names (layered with the dossier's overrides).
pub fn make_renderer(root: &Path, loaded: &LoadedManifest) -> Result<Renderer, Problems> {
    let m = &loaded.manifest;
    let theme_name = m.theme.as_deref().unwrap_or(render::theme::DEFAULT_THEME);
    render::theme::resolve(root, theme_name)
        .map_err(|p| {
            let located = loaded.file.error_at("theme", p.message.clone());
            Problems(vec![match p.hint {
                Some(h) => located.with_hint(h),
                None => located,
            }])
        })
        .and_then(|theme| {
            Renderer::new(
                theme,
                RenderOptions {
                    allow_raw_html: m.build.allow_raw_html,
                    rows_per_page: m.build.rows_per_page.max(1),
                },
            )
        })
}

/// Extracts every source in parallel, in the sources' order.
pub fn extract_all(
    sources: &[Source],
    gazetteer: &Gazetteer,
    progress: &dyn Progress,
) -> Vec<extract::Document> {
    progress.stage("extract", sources.len());
    let documents = sources
        .par_iter()
        .map(|src| {
            let doc = extract::extract(src, gazetteer);
            progress.advance(1);
            doc
        })
        .collect();
    progress.finish();
    documents
}

/// Cross-links documents under the manifest, with `base_url` overriding the manifest's.
pub fn link_documents(
    loaded: &LoadedManifest,
    base_url: Option<&str>,
    documents: Vec<extract::Document>,
    notes: Vec<NoteSource>,
) -> (Dossier, LinkTimings) {
    match base_url {
        Some(b) => {
            let mut m = loaded.manifest.clone();
            m.base_url = Some(b.to_string());
            link::link(&m, documents, notes)
        }
        None => link::link(&loaded.manifest, documents, notes),
    }
}

/// Runs every stage up to rendering; collects all problems of a stage before stopping.
pub fn prepare(root: &Path, base_url: Option<&str>) -> Result<Prepared, Problems> {
    prepare_with(root, base_url, &NoProgress)
}

/// [`prepare`], reporting progress.
pub fn prepare_with(
    root: &Path,
    base_url: Option<&str>,
    progress: &dyn Progress,
) -> Result<Prepared, Problems> {
    let mut t = StageTimings::default();
    let start = Instant::now();

    // The extractors' patterns and tables are built on an idle core while this thread reads
    // the manifest (one thread: serde_yaml has no parallel mode).
    rayon::spawn(extract::warm_up);
    let s = Instant::now();
    let mut loaded_manifest = manifest::read(root)?;
    t.manifest_ms = ms(s);

    // Problems with the theme are found before the (longer) reading and extraction.
    let s = Instant::now();
    let renderer = make_renderer(root, &loaded_manifest);
    t.templates_ms = ms(s);
    if let Err(theme_problems) = renderer {
        // Reported with every problem of the sources, which are read (not extracted) for it.
        let mut problems = loaded_manifest.warnings.clone();
        problems.extend(load::load(&loaded_manifest).1.0);
        problems.extend(theme_problems.0);
        return Err(problems);
    }

    // Each source is extracted as soon as it is read, and its text dropped: see
    // [`load::load_each`].
    let s = Instant::now();
    let gazetteer = Gazetteer::new(&loaded_manifest.manifest.entities);
    let (loaded, load_problems) = load::load_each(
        &loaded_manifest,
        |n| {
            t.load_ms = ms(s);
            t.peak_rss_mib.load = peak_rss_mib();
            progress.stage("extract", n);
        },
        |source| {
            let doc = extract::extract(&source, &gazetteer);
            progress.advance(1);
            doc
        },
    );
    progress.finish();
    let mut problems = loaded_manifest.warnings.clone();
    problems.extend(load_problems.0);
    if problems.has_errors() {
        return Err(problems);
    }
    let renderer = renderer.expect("a theme error returned above");
    // Each source's entry lives on in its document (notes, tags, facts): the manifest's list
    // is not read again, and at 50,000 sources it holds 40 MB.
    loaded_manifest.manifest.sources = Vec::new();
    release_freed_memory();
    t.extract_ms = ms(s) - t.load_ms;
    t.peak_rss_mib.extract = peak_rss_mib();
    let documents = loaded.sources;

    let s = Instant::now();
    progress.stage("link", 0);
    let (dossier, link_timings) =
        link_documents(&loaded_manifest, base_url, documents, loaded.notes);
    progress.finish();
    t.link = link_timings;
    t.link_ms = ms(s);
    t.peak_rss_mib.link = peak_rss_mib();

    release_freed_memory();
    let s = Instant::now();
    let site = renderer.site_parts(&dossier);
    let pages = renderer.plan(&dossier, &site);
    release_freed_memory();
    t.site_ms = ms(s);
    t.total_ms = ms(start);
    Ok(Prepared {
        manifest: loaded_manifest,
        dossier,
        renderer,
        pages,
        site,
        warnings: problems,
        timings: t,
    })
}

/// Builds the site into the output folder, atomically.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Problems> {
    build_with(opts, &NoProgress)
}

/// [`build`], reporting progress.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, Problems> {
    build_keeping(opts, progress).map(|(report, _built)| report)
}

/// What a build holds in memory when it is done: the linked dossier, the compiled theme and
/// the plan of the pages. Freeing a big dossier's model takes a noticeable time (hundreds of
/// thousands of small allocations), which a command about to exit can skip by leaking it.
pub struct Built {
    pub manifest: LoadedManifest,
    pub dossier: Dossier,
    pub renderer: Renderer,
    pub pages: Vec<Page>,
    pub site: SiteParts,
}

/// [`build_with`], handing back what the build holds in memory instead of freeing it.
pub fn build_keeping(
    opts: &BuildOptions,
    progress: &dyn Progress,
) -> Result<(BuildReport, Built), Problems> {
    let start = Instant::now();
    let output = opts.output_dir();
    write::check_output(&output, &opts.root).map_err(|p| Problems(vec![p]))?;
    let prepared = prepare_with(&opts.root, opts.base_url.as_deref(), progress)?;
    let Prepared {
        manifest,
        dossier,
        renderer,
        pages,
        site,
        warnings,
        mut timings,
    } = prepared;
    let s = Instant::now();
    progress.stage("write", pages.len());
    let stats = write::write_site(
        &output,
        &pages,
        |page| renderer.render_content(&site, &dossier, page),
        progress,
    );
    progress.finish();
    let stats = stats?;
    timings.render_write_ms = ms(s);
    timings.render_thread_ms = stats.render_ms;
    timings.write_thread_ms = stats.io_ms;
    timings.swap_ms = stats.swap_ms;
    timings.peak_rss_mib.write = peak_rss_mib();
    timings.total_ms = ms(start);
    let report = BuildReport {
        sources: dossier.documents.len(),
        pages: pages.len(),
        write: stats,
        timings,
        warnings,
        output,
    };
    Ok((
        report,
        Built {
            manifest,
            dossier,
            renderer,
            pages,
            site,
        },
    ))
}

/// Validates everything a build would do, rendering every page (in memory, or for the big
/// exports into nothing); writes nothing.
pub fn check(root: &Path) -> Problems {
    match prepare(root, None) {
        Err(problems) => problems,
        Ok(p) => {
            let mut problems = p.warnings;
            let errors: Vec<Problem> = p
                .pages
                .par_iter()
                .filter_map(|page| {
                    // The big exports are produced into nothing rather than into memory.
                    match p.renderer.render_content(&p.site, &p.dossier, page) {
                        Err(problem) => Some(problem),
                        Ok(write::Content::Bytes(_)) => None,
                        Ok(write::Content::Stream(produce)) => produce(&mut std::io::sink())
                            .err()
                            .map(|e| Problem::error(&page.path, format!("cannot render: {e}"))),
                    }
                })
                .collect();
            // One template error shows up on every page that uses the template: report it once.
            let mut seen = std::collections::HashSet::new();
            problems.extend(errors.into_iter().filter(|e| seen.insert(e.to_string())));
            problems
        }
    }
}

//! The build, top to bottom: manifest → load → extract → link → render → write. Each stage is
//! its own module; this one only calls them in order, times them and gathers their problems.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Problem, Problems};
use crate::extract::{self, Gazetteer};
use crate::link::{self, Dossier, LinkTimings};
use crate::load;
use crate::manifest::{self, LoadedManifest};
use crate::render::{self, Page, RenderOptions, Renderer};
use crate::write::{self, WriteStats};

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

/// How long each stage took, in milliseconds.
#[derive(Debug, Default, Clone, Serialize)]
pub struct StageTimings {
    pub manifest_ms: f64,
    pub load_ms: f64,
    pub extract_ms: f64,
    pub link_ms: f64,
    pub link: LinkTimings,
    pub templates_ms: f64,
    pub render_write_ms: f64,
    pub total_ms: f64,
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
    pub manifest: LoadedManifest,
    pub dossier: Dossier,
    pub renderer: Renderer,
    pub pages: Vec<Page>,
    pub warnings: Problems,
    pub timings: StageTimings,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Runs every stage up to rendering; collects all problems of a stage before stopping.
pub fn prepare(root: &Path, base_url: Option<&str>) -> Result<Prepared, Problems> {
    let mut t = StageTimings::default();
    let start = Instant::now();

    let s = Instant::now();
    let loaded_manifest = manifest::read(root)?;
    t.manifest_ms = ms(s);

    let s = Instant::now();
    let (loaded, load_problems) = load::load(&loaded_manifest);
    let mut problems = loaded_manifest.warnings.clone();
    problems.extend(load_problems.0);
    t.load_ms = ms(s);

    // Problems with the theme are found before the (longer) extraction.
    let s = Instant::now();
    let m = &loaded_manifest.manifest;
    let theme_name = m.theme.as_deref().unwrap_or(render::theme::DEFAULT_THEME);
    let renderer = render::theme::resolve(root, theme_name)
        .map_err(|p| {
            let located = loaded_manifest.file.error_at("theme", p.message.clone());
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
        });
    t.templates_ms = ms(s);
    let renderer = match renderer {
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

    let s = Instant::now();
    let gazetteer = Gazetteer::new(&m.entities);
    let documents: Vec<extract::Document> = loaded
        .sources
        .par_iter()
        .map(|src| extract::extract(src, &gazetteer))
        .collect();
    drop(loaded.sources);
    t.extract_ms = ms(s);

    let s = Instant::now();
    let mut manifest_for_link = m.clone();
    if let Some(b) = base_url {
        manifest_for_link.base_url = Some(b.to_string());
    }
    let (dossier, link_timings) = link::link(&manifest_for_link, documents, loaded.notes);
    t.link = link_timings;
    t.link_ms = ms(s);

    let pages = renderer.plan(&dossier);
    t.total_ms = ms(start);
    Ok(Prepared {
        manifest: loaded_manifest,
        dossier,
        renderer,
        pages,
        warnings: problems,
        timings: t,
    })
}

/// Builds the site into the output folder, atomically.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Problems> {
    let start = Instant::now();
    let output = opts.output_dir();
    write::check_output(&output, &opts.root).map_err(|p| Problems(vec![p]))?;
    let prepared = prepare(&opts.root, opts.base_url.as_deref())?;
    let Prepared {
        dossier,
        renderer,
        pages,
        warnings,
        mut timings,
        ..
    } = prepared;
    let s = Instant::now();
    let stats = write::write_site(&output, &pages, |page| renderer.render(&dossier, page))?;
    timings.render_write_ms = ms(s);
    timings.total_ms = ms(start);
    Ok(BuildReport {
        sources: dossier.documents.len(),
        pages: pages.len(),
        write: stats,
        timings,
        warnings,
        output,
    })
}

/// Validates everything a build would do, rendering every page in memory; writes nothing.
pub fn check(root: &Path) -> Problems {
    match prepare(root, None) {
        Err(problems) => problems,
        Ok(p) => {
            let mut problems = p.warnings;
            let errors: Vec<Problem> = p
                .pages
                .par_iter()
                .filter_map(|page| p.renderer.render(&p.dossier, page).err())
                .collect();
            // One template error shows up on every page that uses the template: report it once.
            let mut seen = std::collections::HashSet::new();
            problems.extend(errors.into_iter().filter(|e| seen.insert(e.to_string())));
            problems
        }
    }
}

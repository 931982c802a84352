//! Stage 5: the [`Dossier`] → pages. A [`Renderer`] holds the compiled Tera templates (theme
//! layered with the dossier's overrides), the Markdown renderer and the static files; it plans
//! every page ([`Page`]) and renders each on demand, so pages can be rendered in parallel and
//! written as they come without holding the whole site in memory.

pub mod body;
pub mod export_json;
pub mod exports;
pub mod markdown;
pub mod search;
pub mod theme;
pub mod views;

use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Location, Problem, Problems};
use crate::link::Dossier;

pub use markdown::MarkdownRenderer;
pub use theme::ThemeFiles;

/// What a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "kebab-case")]
pub enum PageKind {
    Index,
    Source(usize),
    Note(usize),
    /// A page of the comparison table (0-based).
    Compare(usize),
    Entities,
    /// Part `k` (0-based) of entity `e`'s page: the sources naming it are listed
    /// [`RenderOptions::rows_per_page`] at a time, so a name in every source stays browsable.
    Entity(usize, usize),
    /// Part `k` (0-based) of the quotes index (statements listed `rows_per_page` at a time).
    Quotes(usize),
    QuoteGroup(usize),
    Events,
    Event(usize),
    Claims,
    Timeline,
    NotFound,
    /// The generated stylesheet for highlighted code.
    SyntaxCss,
    /// A file of the theme's `static/` folder (index into the sorted statics).
    Static(usize),
    /// Every source's text in one document for printing (page `k` of them).
    Print(usize),
    /// The search page.
    Search,
    /// The search index's manifest (shard boundaries).
    SearchManifest,
    /// A shard of the search index's terms.
    SearchTerms(usize),
    /// A shard of the search index's documents (what results show).
    SearchDocs(usize),
    /// The Atom feed of the sources.
    Feed,
    /// `sitemap.xml` (a sitemap index when the site has more pages than one sitemap may list).
    Sitemap,
    /// Part `k` of a sitemap split in parts.
    SitemapPart(usize),
    /// `robots.txt`.
    Robots,
    /// The dossier itself as a citation.
    CiteDossier(exports::CitationFormat),
    /// Every source as citations.
    CiteSources(exports::CitationFormat),
    /// `dossier.json`: the cross-linked model for other tools.
    DossierJson,
}

impl PageKind {
    /// The exports that hold every source (`dossier.json`, the feed, the sources' citations):
    /// each is one long task for one thread.
    pub fn is_whole_dossier_export(&self) -> bool {
        matches!(
            self,
            PageKind::DossierJson | PageKind::Feed | PageKind::CiteSources(_)
        )
    }
}

/// A page to write: its path in the output and what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Page {
    /// Relative path with `/` separators, e.g. `sources/dw.html`.
    pub path: String,
    pub kind: PageKind,
}

/// Settings that change how pages are rendered.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Keep raw HTML in editorial Markdown (else sanitised).
    pub allow_raw_html: bool,
    /// Rows per page of the comparison table, and items per page of the other lists that grow
    /// with the dossier (the sources naming an entity, the quotes index).
    pub rows_per_page: usize,
}

/// What every page shows that does not depend on the page (the site description, the notes'
/// titles in the navigation). Rendering these Markdown texts for every page took half of the
/// build's time, so they are rendered once per build and shared by all pages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteChrome {
    pub description_html: String,
    /// For each note of the dossier, its title (from the manifest or its first heading).
    pub note_titles: Vec<String>,
}

/// Everything computed once per build for all pages: the shared chrome and the search index
/// (whose files are pages of their own). Built by [`Renderer::site_parts`].
#[derive(Debug, Clone, Default)]
pub struct SiteParts {
    pub chrome: SiteChrome,
    pub search: std::sync::Arc<search::SearchIndex>,
    /// Each source's editorial note as HTML (and whether it has headings, whose ids depend on
    /// the page), rendered by the first page that shows it: the source page and the printable
    /// dossier both show it, and Markdown with sanitising is a large part of rendering them.
    notes_html: Vec<OnceLock<(String, bool)>>,
    /// The distinct outlets and languages the comparison table filters by, shared by its pages.
    table_filters: OnceLock<(Vec<String>, Vec<String>)>,
    /// The quote groups in the quotes index's order, shared by its pages.
    quotes_index_order: OnceLock<Vec<usize>>,
    /// What a list shows of each source, by document index.
    source_listings: Vec<SourceListing>,
}

/// What lists show of a source besides its metadata fields (its page, headline, date), worked
/// out once per build: a source is listed on the pages of its entities, quote groups and event
/// and in the timeline, thousands of times in all at 10,000 sources.
#[derive(Debug, Clone, Default)]
pub struct SourceListing {
    /// The source page's path from the site root.
    pub path: String,
    /// The headline, or the source's id when it has none.
    pub title: String,
    /// The publication date as `YYYY-MM-DD`, or empty.
    pub published: String,
    /// The source's link as lists show it on pages one folder deep, built by the first page
    /// that shows it (see `views::Ctx::source_link`).
    pub link: OnceLock<tera::Value>,
}

impl SiteParts {
    /// Source `d`'s editorial `note` as HTML, heading ids prefixed with `id_prefix`.
    pub fn note_html(
        &self,
        markdown: &MarkdownRenderer,
        d: usize,
        note: &str,
        id_prefix: &str,
    ) -> String {
        const SHARED_PREFIX: &str = "n-";
        let Some(cell) = self.notes_html.get(d) else {
            return markdown.render(note, id_prefix).html;
        };
        let (html, has_headings) = cell.get_or_init(|| {
            let r = markdown.render(note, SHARED_PREFIX);
            (r.html, !r.headings.is_empty())
        });
        if *has_headings && id_prefix != SHARED_PREFIX {
            markdown.render(note, id_prefix).html
        } else {
            html.clone()
        }
    }

    /// The comparison table's filter values, computed by the first page that needs them.
    pub fn table_filters(
        &self,
        compute: impl FnOnce() -> (Vec<String>, Vec<String>),
    ) -> &(Vec<String>, Vec<String>) {
        self.table_filters.get_or_init(compute)
    }

    /// The quotes index's order of the quote groups, computed by the first page that needs it.
    pub fn quotes_index_order(&self, compute: impl FnOnce() -> Vec<usize>) -> &[usize] {
        self.quotes_index_order.get_or_init(compute)
    }

    /// What lists show of source `d`.
    pub fn source_listing(&self, d: usize) -> &SourceListing {
        &self.source_listings[d]
    }
}

/// The room the first page of a template starts with: most pages are 5 to 40 KB.
const PAGE_CAPACITY: usize = 16 * 1024;

/// Compiled templates and everything needed to render any page of a dossier.
pub struct Renderer {
    tera: tera::Tera,
    theme: ThemeFiles,
    statics: Vec<String>,
    markdown: MarkdownRenderer,
    options: RenderOptions,
    syntax_css: String,
    /// The size of the last page rendered from each required template (by its index in
    /// [`REQUIRED_TEMPLATES`]): the next page's buffer starts that big, so that a 30 KB page
    /// is not copied as it grows from 16 KB.
    last_page_size: [std::sync::atomic::AtomicUsize; REQUIRED_TEMPLATES.len()],
}

/// The templates every theme must provide (the default theme provides them all).
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "source.html",
    "note.html",
    "compare.html",
    "entities.html",
    "entity.html",
    "quotes.html",
    "quote.html",
    "events.html",
    "event.html",
    "claims.html",
    "timeline.html",
    "404.html",
    "search.html",
    "print.html",
];

impl Renderer {
    /// Compiles the theme's templates once; template syntax errors name the template and line.
    pub fn new(theme: ThemeFiles, options: RenderOptions) -> Result<Renderer, Problems> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        let mut problems = Problems::default();
        // All at once: includes and `extends` are resolved across the whole set.
        let all: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(n, f)| (n.as_str(), f.source.as_str()))
            .collect();
        if tera.add_raw_templates(all).is_err() {
            problems.extend(template_set_problems(&theme));
        }
        for required in REQUIRED_TEMPLATES {
            if !theme.templates.contains_key(*required) {
                problems.push(
                    Problem::error(
                        format!("templates/{required}"),
                        "the theme has no such template",
                    )
                    .with_hint("copy it from the default theme (themes/default/templates/)"),
                );
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let statics = theme.statics.keys().cloned().collect();
        Ok(Renderer {
            tera,
            theme,
            statics,
            markdown: MarkdownRenderer::new(options.allow_raw_html),
            options,
            syntax_css: markdown::syntax_css(),
            last_page_size: std::array::from_fn(|_| {
                std::sync::atomic::AtomicUsize::new(PAGE_CAPACITY)
            }),
        })
    }

    /// Every page of the site, in a stable order.
    pub fn plan(&self, dossier: &Dossier, site: &SiteParts) -> Vec<Page> {
        let mut pages = vec![
            Page {
                path: "index.html".into(),
                kind: PageKind::Index,
            },
            Page {
                path: "404.html".into(),
                kind: PageKind::NotFound,
            },
            Page {
                path: "entities/index.html".into(),
                kind: PageKind::Entities,
            },
            Page {
                path: "events/index.html".into(),
                kind: PageKind::Events,
            },
            Page {
                path: "timeline/index.html".into(),
                kind: PageKind::Timeline,
            },
            Page {
                path: "assets/syntax.css".into(),
                kind: PageKind::SyntaxCss,
            },
            Page {
                path: "dossier.json".into(),
                kind: PageKind::DossierJson,
            },
        ];
        if !dossier.claims.is_empty() {
            pages.push(Page {
                path: "claims/index.html".into(),
                kind: PageKind::Claims,
            });
        }
        for k in 0..self.compare_pages(dossier) {
            pages.push(Page {
                path: views::compare_path(k),
                kind: PageKind::Compare(k),
            });
        }
        pages.extend(dossier.documents.iter().enumerate().map(|(i, d)| Page {
            path: views::source_path(&d.id),
            kind: PageKind::Source(i),
        }));
        pages.extend(dossier.notes.iter().enumerate().map(|(i, n)| Page {
            path: format!("notes/{}/index.html", n.id),
            kind: PageKind::Note(i),
        }));
        for k in 0..self.quotes_index_pages(dossier) {
            pages.push(Page {
                path: views::quotes_index_path(k),
                kind: PageKind::Quotes(k),
            });
        }
        for (i, e) in dossier.entities.iter().enumerate() {
            pages.extend((0..self.entity_pages(e)).map(|k| Page {
                path: views::entity_path(&e.slug, k),
                kind: PageKind::Entity(i, k),
            }));
        }
        pages.extend(dossier.quote_groups.iter().enumerate().map(|(i, g)| Page {
            path: views::quote_group_path(&g.id),
            kind: PageKind::QuoteGroup(i),
        }));
        pages.extend(dossier.events.iter().enumerate().map(|(i, e)| Page {
            path: views::event_path(&e.id),
            kind: PageKind::Event(i),
        }));
        pages.extend(self.statics.iter().enumerate().map(|(i, s)| Page {
            path: s.clone(),
            kind: PageKind::Static(i),
        }));
        self.plan_search_and_exports(dossier, site, &mut pages);
        pages
    }

    /// The search page and index, the feed, sitemap, robots.txt and citation files.
    fn plan_search_and_exports(&self, dossier: &Dossier, site: &SiteParts, pages: &mut Vec<Page>) {
        use exports::CitationFormat::{Bibtex, CslJson};
        let index = &site.search;
        let print_pages = dossier
            .documents
            .len()
            .div_ceil(views::PRINT_SOURCES_PER_PAGE)
            .max(1);
        pages.extend((0..print_pages).map(|k| Page {
            path: views::print_path(k),
            kind: PageKind::Print(k),
        }));
        pages.push(Page {
            path: "search/index.html".into(),
            kind: PageKind::Search,
        });
        pages.push(Page {
            path: search::MANIFEST_PATH.into(),
            kind: PageKind::SearchManifest,
        });
        pages.extend((0..index.term_shards.len()).map(|k| Page {
            path: search::term_shard_path(k),
            kind: PageKind::SearchTerms(k),
        }));
        pages.extend((0..index.doc_shard_count()).map(|k| Page {
            path: search::doc_shard_path(k),
            kind: PageKind::SearchDocs(k),
        }));
        pages.push(Page {
            path: "feed.xml".into(),
            kind: PageKind::Feed,
        });
        pages.push(Page {
            path: "robots.txt".into(),
            kind: PageKind::Robots,
        });
        let html: Vec<String> = pages
            .iter()
            .filter(|p| p.path.ends_with(".html"))
            .map(|p| p.path.clone())
            .collect();
        let parts = exports::sitemap_chunks(&dossier.site.base_url, &html).len();
        if parts >= 1 {
            pages.push(Page {
                path: "sitemap.xml".into(),
                kind: PageKind::Sitemap,
            });
        }
        if parts > 1 {
            pages.extend((0..parts).map(|k| Page {
                path: exports::sitemap_part_path(k),
                kind: PageKind::SitemapPart(k),
            }));
        }
        for f in [CslJson, Bibtex] {
            pages.push(Page {
                path: format!("cite/dossier.{}", f.extension()),
                kind: PageKind::CiteDossier(f),
            });
            pages.push(Page {
                path: format!("cite/sources.{}", f.extension()),
                kind: PageKind::CiteSources(f),
            });
        }
    }

    /// The bytes of an export or search file, or `None` for a templated page.
    fn render_data(&self, dossier: &Dossier, site: &SiteParts, page: &Page) -> Option<Vec<u8>> {
        use exports::citation_file_of;
        Some(match page.kind {
            PageKind::SearchManifest => site.search.manifest.clone().into_bytes(),
            PageKind::SearchTerms(k) => site.search.term_shards.get(k)?.clone().into_bytes(),
            PageKind::SearchDocs(k) => (site.search)
                .doc_shard(k, dossier, &site.chrome.note_titles)?
                .into_bytes(),
            PageKind::Robots => exports::robots_txt(&dossier.site.base_url).into_bytes(),
            PageKind::Sitemap | PageKind::SitemapPart(_) => {
                let html: Vec<String> = self
                    .plan(dossier, site)
                    .into_iter()
                    .filter(|p| p.path.ends_with(".html"))
                    .map(|p| p.path)
                    .collect();
                let chunks = exports::sitemap_chunks(&dossier.site.base_url, &html);
                match page.kind {
                    PageKind::SitemapPart(k) => exports::sitemap_xml(chunks.get(k)?),
                    _ if chunks.len() > 1 => {
                        exports::sitemap_index_xml(&dossier.site.base_url, chunks.len())
                    }
                    _ => exports::sitemap_xml(chunks.first()?),
                }
                .into_bytes()
            }
            PageKind::CiteDossier(f) => citation_file_of(
                f,
                std::iter::once(()),
                |()| exports::dossier_csl(dossier),
                |()| exports::dossier_bibtex(dossier),
            ),
            _ => return None,
        })
    }

    /// How many pages the comparison table takes.
    pub fn compare_pages(&self, dossier: &Dossier) -> usize {
        dossier
            .documents
            .len()
            .div_ceil(self.options.rows_per_page)
            .max(1)
    }

    /// How many pages the quotes index takes.
    pub fn quotes_index_pages(&self, dossier: &Dossier) -> usize {
        dossier
            .quote_groups
            .len()
            .div_ceil(self.options.rows_per_page)
            .max(1)
    }

    /// How many pages an entity's page takes (none for an entity no source names).
    pub fn entity_pages(&self, entity: &crate::link::Entity) -> usize {
        entity.sources.len().div_ceil(self.options.rows_per_page)
    }

    /// What every page shares, computed once per build: the chrome (the description, rendered
    /// from Markdown, and the notes' titles) and the search index.
    pub fn site_parts(&self, dossier: &Dossier) -> SiteParts {
        let note_titles = views::note_titles(dossier);
        let search = std::sync::Arc::new(search::build(dossier, &note_titles));
        SiteParts {
            chrome: SiteChrome {
                description_html: self.markdown.render(&dossier.site.description, "d-").html,
                note_titles,
            },
            search,
            notes_html: (0..dossier.documents.len())
                .map(|_| OnceLock::new())
                .collect(),
            table_filters: OnceLock::new(),
            quotes_index_order: OnceLock::new(),
            source_listings: dossier
                .documents
                .par_iter()
                .map(views::source_listing)
                .collect(),
        }
    }

    /// The files that grow with the whole dossier (`dossier.json`, the feed, the list of every
    /// source's citation), as producers that write them out piece by piece; None for others.
    fn streamed<'a>(&self, dossier: &'a Dossier, page: &Page) -> Option<crate::write::Produce<'a>> {
        Some(match page.kind {
            PageKind::DossierJson => Box::new(move |w| export_json::write(dossier, w)),
            PageKind::Feed => Box::new(move |w| exports::write_atom_feed(dossier, w)),
            PageKind::CiteSources(f) => Box::new(move |w| {
                exports::write_citation_file(
                    w,
                    f,
                    0..dossier.documents.len(),
                    |d| exports::source_csl(dossier, d),
                    |d| exports::source_bibtex(dossier, d),
                )
            }),
            _ => return None,
        })
    }

    /// [`Renderer::render_with`] for the writer: the big files are handed over as streams
    /// written straight to disk.
    pub fn render_content<'a>(
        &'a self,
        site: &'a SiteParts,
        dossier: &'a Dossier,
        page: &Page,
    ) -> Result<crate::write::Content<'a>, Problem> {
        match self.streamed(dossier, page) {
            Some(produce) => Ok(crate::write::Content::Stream(produce)),
            None => self
                .render_with(site, dossier, page)
                .map(crate::write::Content::Bytes),
        }
    }

    /// Renders one page to bytes with site-wide parts computed once for the whole build.
    pub fn render_with(
        &self,
        site: &SiteParts,
        dossier: &Dossier,
        page: &Page,
    ) -> Result<Vec<u8>, Problem> {
        let ctx = views::Ctx::new(dossier, self, page, site);
        if let Some(produce) = self.streamed(dossier, page) {
            let mut out = Vec::new();
            produce(&mut out)
                .map_err(|e| Problem::error(&page.path, format!("cannot render: {e}")))?;
            return Ok(out);
        }
        if let Some(bytes) = self.render_data(dossier, site, page) {
            return Ok(bytes);
        }
        let (template, context) = match page.kind {
            PageKind::Static(i) => return Ok(self.theme.statics[&self.statics[i]].clone()),
            PageKind::SyntaxCss => return Ok(self.syntax_css.clone().into_bytes()),
            PageKind::Search => ("search.html", ctx.search()),
            PageKind::Print(k) => ("print.html", ctx.print(k)),
            PageKind::Index => ("index.html", ctx.index()),
            PageKind::Source(d) => ("source.html", ctx.source(d)),
            PageKind::Note(n) => ("note.html", ctx.note(n)),
            PageKind::Compare(k) => ("compare.html", ctx.compare(k)),
            PageKind::Entities => ("entities.html", ctx.entities()),
            PageKind::Entity(e, k) => ("entity.html", ctx.entity(e, k)),
            PageKind::Quotes(k) => ("quotes.html", ctx.quotes(k)),
            PageKind::QuoteGroup(g) => ("quote.html", ctx.quote_group(g)),
            PageKind::Events => ("events.html", ctx.events()),
            PageKind::Event(e) => ("event.html", ctx.event(e)),
            PageKind::Claims => ("claims.html", ctx.claims()),
            PageKind::Timeline => ("timeline.html", ctx.timeline()),
            PageKind::NotFound => ("404.html", ctx.not_found()),
            _ => return Err(Problem::error(&page.path, "no such page in this dossier")),
        };
        // Rendered to bytes: `Tera::render` would check the whole page as UTF-8 again to hand
        // back a String, and the page is written out as bytes anyway.
        use std::sync::atomic::Ordering::Relaxed;
        let size_of_last = REQUIRED_TEMPLATES
            .iter()
            .position(|t| *t == template)
            .map(|k| &self.last_page_size[k]);
        let capacity = size_of_last.map_or(PAGE_CAPACITY, |s| s.load(Relaxed) + 1024);
        let mut out = Vec::with_capacity(capacity);
        self.tera
            .render_to(template, &context, &mut out)
            .map(|()| {
                if let Some(s) = size_of_last {
                    s.store(out.len(), Relaxed);
                }
                out
            })
            .map_err(|e| match self.theme.templates.get(template) {
                Some(file) => template_problem(&e, file),
                None => Problem::error(template, e.to_string()),
            })
    }

    pub fn options(&self) -> &RenderOptions {
        &self.options
    }
}

/// A Tera error as a problem naming the template file and line.
/// Every template at fault in a set that failed to compile. Tera stops at the first error, so
/// the template it names is set aside and the rest compiled again, until the rest compiles.
fn template_set_problems(theme: &ThemeFiles) -> Vec<Problem> {
    let mut left: Vec<(&str, &theme::TemplateFile)> = theme
        .templates
        .iter()
        .map(|(name, file)| (name.as_str(), file))
        .collect();
    let mut problems = Vec::new();
    while let Err(e) =
        tera::Tera::new().add_raw_templates(left.iter().map(|(name, f)| (*name, f.source.as_str())))
    {
        let at_fault = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                Some(r.filename().to_string())
            }
            tera::ErrorKind::MissingParent { current, .. } => Some(current.clone()),
            tera::ErrorKind::CircularExtend { tpl, .. }
            | tera::ErrorKind::CircularInclude { tpl, .. } => Some(tpl.clone()),
            // Checks run over the whole set report as text: "--> name.html:LINE:COL".
            _ => report_location(&e.to_string()).map(|(name, _, _)| name),
        };
        match at_fault.and_then(|name| left.iter().position(|(n, _)| *n == name)) {
            Some(i) => {
                let (_, file) = left.remove(i);
                // A child of a template set aside fails for that alone: not reported twice.
                let parent_gone = matches!(e.kind(), tera::ErrorKind::MissingParent { parent, .. }
                    if theme.templates.contains_key(parent.as_str()));
                if !parent_gone {
                    problems.push(template_problem(&e, file));
                }
            }
            None => {
                problems.push(
                    Problem::error("templates", format!("template error: {e}"))
                        .with_hint("check `extends` and `include` names"),
                );
                break;
            }
        }
    }
    problems
}

fn template_problem(e: &tera::Error, file: &theme::TemplateFile) -> Problem {
    let (message, span) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            (r.message().to_string(), Some(r.span().clone()))
        }
        _ => (e.to_string(), None),
    };
    let mut p = Problem::error(&file.origin, format!("template error: {message}"))
        .with_hint("fix the template, or delete your copy to fall back to the theme's");
    let text: std::sync::Arc<str> = file.source.clone().into();
    if let Some(span) = span {
        let mut loc = Location::of_line_column(&text, span.start_line, span.start_col + 1);
        loc.len = span.range.len().max(1);
        p = p.at(&text, loc);
    } else if let Some((_, line, column)) = report_location(&message) {
        // A report given as text: keep its first line as the message and place it.
        let first = message.lines().next().unwrap_or_default();
        let first = first.strip_prefix("error: ").unwrap_or(first);
        p.message = format!("template error: {first}");
        p = p.at(&text, Location::of_line_column(&text, line, column));
    }
    p
}

/// The template, line and column of a Tera report given as text (`  --> name.html:3:7`).
fn report_location(report: &str) -> Option<(String, usize, usize)> {
    let rest = &report[report.find("--> ")? + 4..];
    let rest = rest.lines().next()?.trim();
    let mut parts = rest.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, column))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped_html(&mut out, s);
    out
}

/// [`escape_html`] appended to `out`: page bodies are built piece by piece, and a string per
/// piece would be copied twice. pulldown-cmark's escaper (already here through pulldown-cmark,
/// SIMD on x86-64) finds the five special bytes a vector at a time and copies the runs between
/// them whole.
pub fn push_escaped_html(out: &mut String, s: &str) {
    pulldown_cmark_escape::escape_html(out, s).expect("writing to a String cannot fail");
}

/// The relative prefix from a page at `path` back to the site root (`entities/x/2.html` → `../../`).
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Whether `root` holds a theme folder or templates of the dossier's own (for messages).
pub fn has_overrides(root: &Path) -> bool {
    root.join("templates").is_dir() || root.join("static").is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What escaping means, one character at a time.
    fn escape_char_by_char(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    proptest! {
        // Long strings too: the vector search works on 16-byte blocks with a scalar tail.
        #[test]
        fn escaping_is_the_char_by_char_replacement(s in "[a-z<>&\"' é中\\n]{0,70}|\\PC{0,40}") {
            prop_assert_eq!(escape_html(&s), escape_char_by_char(&s));
            let mut out = String::from("kept: ");
            push_escaped_html(&mut out, &s);
            prop_assert_eq!(out, format!("kept: {}", escape_char_by_char(&s)));
        }
    }
}

//! Stage 5: the [`Dossier`] → pages. A [`Renderer`] holds the compiled Tera templates (theme
//! layered with the dossier's overrides), the Markdown renderer and the static files; it plans
//! every page ([`Page`]) and renders each on demand, so pages can be rendered in parallel and
//! written as they come without holding the whole site in memory.

pub mod body;
pub mod export_json;
pub mod markdown;
pub mod theme;
pub mod views;

use std::path::Path;

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
    Entity(usize),
    Quotes,
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
    /// `dossier.json`: the cross-linked model for other tools.
    DossierJson,
}

/// A page to write: its path in the output and what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Page {
    /// Relative path with `/` separators, e.g. `sources/dw/index.html`.
    pub path: String,
    pub kind: PageKind,
}

/// Settings that change how pages are rendered.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Keep raw HTML in editorial Markdown (else sanitised).
    pub allow_raw_html: bool,
    /// Rows per page of the comparison table.
    pub rows_per_page: usize,
}

/// Compiled templates and everything needed to render any page of a dossier.
pub struct Renderer {
    tera: tera::Tera,
    theme: ThemeFiles,
    statics: Vec<String>,
    markdown: MarkdownRenderer,
    options: RenderOptions,
    syntax_css: String,
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
        if let Err(e) = tera.add_raw_templates(all) {
            // Find the template at fault by adding them alone (syntax errors name their file).
            let mut found = false;
            for (name, file) in &theme.templates {
                if let Err(single) = tera::Tera::new().add_raw_template(name, &file.source) {
                    problems.push(template_problem(&single, file));
                    found = true;
                }
            }
            if !found {
                let origin = theme.templates.values().find(|f| {
                    e.to_string().contains(
                        f.origin
                            .file_name()
                            .and_then(|n| n.to_str())
                            .unwrap_or("\0"),
                    )
                });
                problems.push(match origin {
                    Some(f) => template_problem(&e, f),
                    None => Problem::error("templates", format!("template error: {e}"))
                        .with_hint("check `extends` and `include` names"),
                });
            }
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
        })
    }

    /// Every page of the site, in a stable order.
    pub fn plan(&self, dossier: &Dossier) -> Vec<Page> {
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
                path: "quotes/index.html".into(),
                kind: PageKind::Quotes,
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
            path: format!("sources/{}/index.html", d.id),
            kind: PageKind::Source(i),
        }));
        pages.extend(dossier.notes.iter().enumerate().map(|(i, n)| Page {
            path: format!("notes/{}/index.html", n.id),
            kind: PageKind::Note(i),
        }));
        pages.extend(
            dossier
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.sources.is_empty())
                .map(|(i, e)| Page {
                    path: format!("entities/{}/index.html", e.slug),
                    kind: PageKind::Entity(i),
                }),
        );
        pages.extend(dossier.quote_groups.iter().enumerate().map(|(i, g)| Page {
            path: format!("quotes/{}/index.html", g.id),
            kind: PageKind::QuoteGroup(i),
        }));
        pages.extend(dossier.events.iter().enumerate().map(|(i, e)| Page {
            path: format!("events/{}/index.html", e.id),
            kind: PageKind::Event(i),
        }));
        pages.extend(self.statics.iter().enumerate().map(|(i, s)| Page {
            path: s.clone(),
            kind: PageKind::Static(i),
        }));
        pages
    }

    /// How many pages the comparison table takes.
    pub fn compare_pages(&self, dossier: &Dossier) -> usize {
        dossier
            .comparison
            .rows
            .len()
            .div_ceil(self.options.rows_per_page)
            .max(1)
    }

    /// Renders one page to bytes.
    pub fn render(&self, dossier: &Dossier, page: &Page) -> Result<Vec<u8>, Problem> {
        let ctx = views::Ctx {
            dossier,
            renderer: self,
            page,
        };
        let (template, context) = match page.kind {
            PageKind::Static(i) => return Ok(self.theme.statics[&self.statics[i]].clone()),
            PageKind::SyntaxCss => return Ok(self.syntax_css.clone().into_bytes()),
            PageKind::DossierJson => return Ok(export_json::render(dossier)),
            PageKind::Index => ("index.html", ctx.index()),
            PageKind::Source(d) => ("source.html", ctx.source(d)),
            PageKind::Note(n) => ("note.html", ctx.note(n)),
            PageKind::Compare(k) => ("compare.html", ctx.compare(k)),
            PageKind::Entities => ("entities.html", ctx.entities()),
            PageKind::Entity(e) => ("entity.html", ctx.entity(e)),
            PageKind::Quotes => ("quotes.html", ctx.quotes()),
            PageKind::QuoteGroup(g) => ("quote.html", ctx.quote_group(g)),
            PageKind::Events => ("events.html", ctx.events()),
            PageKind::Event(e) => ("event.html", ctx.event(e)),
            PageKind::Claims => ("claims.html", ctx.claims()),
            PageKind::Timeline => ("timeline.html", ctx.timeline()),
            PageKind::NotFound => ("404.html", ctx.not_found()),
        };
        self.tera
            .render(template, &context)
            .map(String::into_bytes)
            .map_err(|e| match self.theme.templates.get(template) {
                Some(file) => template_problem(&e, file),
                None => Problem::error(template, e.to_string()),
            })
    }

    /// The Markdown renderer (shared with exports that need HTML).
    pub fn markdown(&self) -> &MarkdownRenderer {
        &self.markdown
    }

    pub fn options(&self) -> &RenderOptions {
        &self.options
    }
}

/// A Tera error as a problem naming the template file and line.
fn template_problem(e: &tera::Error, file: &theme::TemplateFile) -> Problem {
    let (message, span) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            (r.message().to_string(), Some(r.span().clone()))
        }
        _ => (e.to_string(), None),
    };
    let mut p = Problem::error(&file.origin, format!("template error: {message}"))
        .with_hint("fix the template, or delete your copy to fall back to the theme's");
    if let Some(span) = span {
        let text: std::sync::Arc<str> = file.source.clone().into();
        let mut loc = Location::of_line_column(&text, span.start_line, span.start_col + 1);
        loc.len = span.range.len().max(1);
        p = p.at(&text, loc);
    }
    p
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The relative prefix from a page at `path` back to the site root (`sources/x/index.html` → `../../`).
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Whether `root` holds a theme folder or templates of the dossier's own (for messages).
pub fn has_overrides(root: &Path) -> bool {
    root.join("templates").is_dir() || root.join("static").is_dir()
}

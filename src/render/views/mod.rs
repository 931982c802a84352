//! View models: for each page kind, the plain values its template displays, computed here so
//! that templates never compute (links are already relative, dates already formatted).
//! This module holds what every page shares; each page kind has its own submodule.

mod claims;
mod entities;
mod events;
mod pages;
mod quotes;
mod source;
mod timeline;

use serde::Serialize;
use tera::Context;

use super::{Page, PageKind, Renderer, body, escape_html, root_prefix};
use crate::extract::{Document, Field, Origin, QuoteKind};
use crate::link::{Dossier, QuoteRef, Stance, TimelineKind, kind_heading};
use crate::manifest::EntityKind;

/// Page `k` (0-based) of a page split in parts: the first at `{dir}/index.html`, the others
/// at `{more}/{k + 1}/index.html`.
fn part_path(dir: &str, more: &str, k: usize) -> String {
    if k == 0 {
        format!("{dir}/index.html")
    } else {
        format!("{more}/{}/index.html", k + 1)
    }
}

/// The path of page `k` (0-based) of the comparison table.
pub fn compare_path(k: usize) -> String {
    part_path("compare", "compare", k)
}

/// The path of page `k` (0-based) of the quotes index. Its further pages live in folders under
/// `quotes/page/`, where no group's page (a file, `quotes/<id>.html`) can be.
pub fn quotes_index_path(k: usize) -> String {
    part_path("quotes", "quotes/page", k)
}

/// The path of source `id`'s page. The page kinds that come one per source, statement, entity
/// or event (tens of thousands in a large dossier) are files, `sources/<id>.html`, rather than
/// folders holding an `index.html`: on ext4 creating a folder costs more than writing a page
/// (a from-scratch build of 10,000 sources made 16,000 folders).
pub fn source_path(id: &str) -> String {
    // Joined, not `format!`ed, here and in the other paths: pages make them by the thousand.
    ["sources/", id, ".html"].concat()
}

/// The path of quote group `id`'s page (see [`source_path`]). No group is called `index`
/// ([`crate::slug::dedupe`]), the quotes index's file.
pub fn quote_group_path(id: &str) -> String {
    ["quotes/", id, ".html"].concat()
}

/// The path of event `id`'s page (see [`source_path`]; no event is called `index`).
pub fn event_path(id: &str) -> String {
    ["events/", id, ".html"].concat()
}

/// The path of page `k` (0-based) of the entity with `slug` (see [`source_path`]; no entity is
/// called `index`): the first at `entities/<slug>.html`, the others in a folder of their own,
/// `entities/<slug>/2.html`, which no other entity's page can be.
pub fn entity_path(slug: &str, k: usize) -> String {
    if k == 0 {
        ["entities/", slug, ".html"].concat()
    } else {
        format!("entities/{slug}/{}.html", k + 1)
    }
}

/// Each note's title as its page shows it: the manifest's, else its first heading, else its id.
pub fn note_titles(dossier: &Dossier) -> Vec<String> {
    dossier
        .notes
        .iter()
        .map(|n| {
            n.title.clone().unwrap_or_else(|| {
                super::markdown::first_heading(&n.markdown).unwrap_or_else(|| n.id.clone())
            })
        })
        .collect()
}

/// Links to the machine-readable exports, shown in every page's footer.
#[derive(Serialize)]
struct ExportLinks {
    feed: String,
    cite_bib: String,
    cite_json: String,
    sources_bib: String,
    sources_json: String,
    print: String,
}

/// Sources per page of the printable dossier: enough to print a dossier in a few documents,
/// few enough that each page stays a reasonable download.
pub const PRINT_SOURCES_PER_PAGE: usize = 50;

/// The path of page `k` (0-based) of the printable dossier.
pub fn print_path(k: usize) -> String {
    part_path("print", "print", k)
}

/// What every page needs to build its context.
pub struct Ctx<'a> {
    pub dossier: &'a Dossier,
    pub renderer: &'a Renderer,
    pub page: &'a Page,
    /// Site-wide parts rendered once per build.
    pub site: &'a super::SiteParts,
    /// The way from this page back to the site root (`../` for `sources/x.html`), worked out
    /// once: a page makes thousands of links.
    root: String,
}

#[derive(Serialize)]
struct NavItem {
    label: &'static str,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description_html: String,
    language: &'a str,
    base_url: &'a str,
    author: Option<&'a str>,
    generator: &'static str,
}

/// The root of the pages whose source links [`Ctx::source_link`] shares.
const SHARED_LINK_ROOT: &str = "../";

/// A link to a source with what identifies it in a list.
#[derive(Serialize)]
pub struct SourceLink<'a> {
    id: &'a str,
    href: String,
    title: &'a str,
    outlet: &'a str,
    published: &'a str,
    language: &'a str,
}

/// What lists show of `doc` besides its fields, for [`super::SiteParts`].
pub fn source_listing(doc: &Document) -> super::SourceListing {
    let m = &doc.metadata;
    super::SourceListing {
        path: source_path(&doc.id),
        title: m
            .title
            .as_ref()
            .map_or_else(|| doc.id.clone(), |t| t.value.clone()),
        published: m
            .published
            .as_ref()
            .map(|p| date(p.value))
            .unwrap_or_default(),
        link: std::sync::OnceLock::new(),
    }
}

#[derive(Serialize)]
struct EntityLink {
    href: String,
    name: String,
    kind: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct EventLink {
    href: String,
    title: String,
    date: String,
    sources: usize,
}

/// A labelled value (facts, table-of-contents entries).
#[derive(Serialize)]
struct KeyValue {
    key: String,
    value: String,
}

#[derive(Serialize)]
struct MetaRow {
    label: &'static str,
    value: String,
    origin: &'static str,
    href: Option<String>,
}

#[derive(Serialize)]
struct QuoteView {
    number: usize,
    href: String,
    text: String,
    kind: &'static str,
    speaker: String,
    cue: String,
    group_href: Option<String>,
    group_size: usize,
}

#[derive(Serialize)]
struct CellView {
    text: String,
    sort: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct RowView {
    id: String,
    event: String,
    outlet: String,
    language: String,
    cells: Vec<CellView>,
}

#[derive(Serialize)]
struct SectionView {
    title: String,
    href: Option<String>,
    date: String,
    rows: Vec<RowView>,
}

/// One link of a pager; `gap_before` when the pager skips the parts just before this one.
#[derive(Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
    gap_before: bool,
}

#[derive(Serialize)]
struct ColumnView {
    label: String,
    key: String,
    numeric: bool,
}

#[derive(Serialize)]
struct TableView {
    columns: Vec<ColumnView>,
    sections: Vec<SectionView>,
    pages: Vec<PageLink>,
    total_rows: usize,
    shown_rows: usize,
    events: Vec<String>,
    outlets: Vec<String>,
    languages: Vec<String>,
}

/// The path part of the base URL (`https://x.org/a/` → `/a/`), for pages served at any depth.
pub fn base_path(base_url: &str) -> String {
    let path = match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => base_url,
    };
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

fn date(d: chrono::NaiveDate) -> String {
    crate::text::iso_date(d)
}

fn field_str(f: &Option<Field<String>>) -> String {
    f.as_ref().map(|f| f.value.clone()).unwrap_or_default()
}

impl<'a> Ctx<'a> {
    /// The context builder of `page`.
    pub fn new(
        dossier: &'a Dossier,
        renderer: &'a Renderer,
        page: &'a Page,
        site: &'a super::SiteParts,
    ) -> Ctx<'a> {
        let root = if page.kind == PageKind::NotFound {
            // Served for any missing path: links must not depend on where it is shown.
            base_path(&dossier.site.base_url)
        } else {
            root_prefix(&page.path)
        };
        Ctx {
            dossier,
            renderer,
            page,
            site,
            root,
        }
    }

    fn root(&self) -> &str {
        &self.root
    }

    /// A link from this page to `path` (from the site root), built in one allocation of its
    /// size: pages make thousands of links, and `format!` grows its string as it goes.
    fn href(&self, path: &str) -> String {
        [self.root.as_str(), path].concat()
    }

    /// The context every template gets: site, root, navigation, title, canonical URL.
    fn base(&self, title: &str, lang: &str) -> Context {
        let d = self.dossier;
        let root = self.root();
        let current = |k: &str| {
            matches!(
                (k, self.page.kind),
                ("index", PageKind::Index)
                    | ("compare", PageKind::Compare(_))
                    | ("entities", PageKind::Entities | PageKind::Entity(..))
                    | ("quotes", PageKind::Quotes(_) | PageKind::QuoteGroup(_))
                    | ("events", PageKind::Events | PageKind::Event(_))
                    | ("timeline", PageKind::Timeline)
                    | ("claims", PageKind::Claims)
            )
        };
        let mut nav = vec![
            NavItem {
                label: "Overview",
                href: self.href("index.html"),
                current: current("index"),
            },
            NavItem {
                label: "Compare",
                href: self.href("compare/index.html"),
                current: current("compare"),
            },
            NavItem {
                label: "Entities",
                href: self.href("entities/index.html"),
                current: current("entities"),
            },
            NavItem {
                label: "Quotes",
                href: self.href("quotes/index.html"),
                current: current("quotes"),
            },
            NavItem {
                label: "Events",
                href: self.href("events/index.html"),
                current: current("events"),
            },
            NavItem {
                label: "Timeline",
                href: self.href("timeline/index.html"),
                current: current("timeline"),
            },
        ];
        if !d.claims.is_empty() {
            nav.push(NavItem {
                label: "Claims",
                href: self.href("claims/index.html"),
                current: current("claims"),
            });
        }
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteView {
                title: &d.site.title,
                description_html: self.site.chrome.description_html.clone(),
                language: &d.site.language,
                base_url: &d.site.base_url,
                author: d.site.author.as_deref(),
                generator: concat!("dossier ", env!("CARGO_PKG_VERSION")),
            },
        );
        ctx.insert("root", &root);
        ctx.insert("nav", &nav);
        ctx.insert("page_title", title);
        ctx.insert("lang", lang);
        let canonical_path = self.page.path.trim_end_matches("index.html");
        let canonical = if d.site.base_url.starts_with("http") {
            format!("{}{}", d.site.base_url, canonical_path)
        } else {
            String::new()
        };
        ctx.insert("canonical", &canonical);
        ctx.insert("notes", &self.note_links());
        ctx.insert(
            "exports",
            &ExportLinks {
                feed: self.href("feed.xml"),
                cite_bib: self.href("cite/dossier.bib"),
                cite_json: self.href("cite/dossier.json"),
                sources_bib: self.href("cite/sources.bib"),
                sources_json: self.href("cite/sources.json"),
                print: self.href("print/index.html"),
            },
        );
        ctx.insert("search_href", &self.href("search/index.html"));
        ctx.insert("is_search", &(self.page.kind == PageKind::Search));
        ctx
    }

    /// Links to some of the `count` parts of a page split in parts (none when there is one),
    /// `current` marked; `path` gives part `k`'s path from the site root. Which parts:
    /// [`pager_numbers`], so that a pager stays small however many parts there are.
    fn part_links(
        &self,
        count: usize,
        current: usize,
        path: impl Fn(usize) -> String,
    ) -> Vec<PageLink> {
        if count <= 1 {
            return Vec::new();
        }
        let mut previous = 0;
        pager_numbers(count, current + 1)
            .into_iter()
            .map(|number| {
                let link = PageLink {
                    number,
                    href: self.href(&path(number - 1)),
                    current: number == current + 1,
                    gap_before: number > previous + 1,
                };
                previous = number;
                link
            })
            .collect()
    }

    fn note_links(&self) -> Vec<EventLink> {
        let root = self.root();
        self.dossier
            .notes
            .iter()
            .zip(&self.site.chrome.note_titles)
            .map(|(n, title)| EventLink {
                href: [root, "notes/", &n.id, "/index.html"].concat(),
                title: title.clone(),
                date: String::new(),
                sources: 0,
            })
            .collect()
    }

    /// Source `d`'s link as a Tera value. Lists link a source from many pages (its entities',
    /// its quote groups', its event's, its related sources'), hundreds of thousands of times
    /// at 10,000 sources; the pages one folder deep (all of those) share one value per source,
    /// built once and shared by reference, as Tera's values are.
    fn source_link(&self, d: usize) -> tera::Value {
        if self.root == SHARED_LINK_ROOT {
            self.site
                .source_listing(d)
                .link
                .get_or_init(|| tera::Value::from_serializable(&self.source_link_view(d)))
                .clone()
        } else {
            tera::Value::from_serializable(&self.source_link_view(d))
        }
    }

    /// The link from this page to source `d`'s page.
    fn source_href(&self, d: usize) -> String {
        self.href(&self.site.source_listing(d).path)
    }

    fn source_link_view(&self, d: usize) -> SourceLink<'a> {
        let doc = &self.dossier.documents[d];
        let m = &doc.metadata;
        let listing = self.site.source_listing(d);
        SourceLink {
            id: &doc.id,
            href: self.href(&listing.path),
            title: &listing.title,
            outlet: m.outlet.as_ref().map_or("", |f| f.value.as_str()),
            published: &listing.published,
            language: m.language.as_ref().map_or("", |f| f.value.as_str()),
        }
    }

    fn entity_link(&self, e: usize, count: usize) -> EntityLink {
        let entity = &self.dossier.entities[e];
        EntityLink {
            href: self.href(&entity_path(&entity.slug, 0)),
            name: entity.name.clone(),
            kind: entity.kind.plural(),
            count,
        }
    }

    fn event_link(&self, e: usize) -> EventLink {
        let ev = &self.dossier.events[e];
        EventLink {
            href: self.href(&event_path(&ev.id)),
            title: ev.title.clone(),
            date: ev.date.map(date).unwrap_or_default(),
            sources: ev.sources.len(),
        }
    }

    fn quote_href(&self, r: QuoteRef) -> String {
        [
            self.root.as_str(),
            &self.site.source_listing(r.doc).path,
            "#q",
            itoa::Buffer::new().format(r.quote + 1),
        ]
        .concat()
    }

    /// Rows `[from, to)` of the comparison table in section order, with links from this page.
    fn table(&self, from: usize, to: usize) -> TableView {
        let d = self.dossier;
        let c = &d.comparison;
        let root = self.root();
        let mut sections = Vec::new();
        let mut index = 0usize;
        for s in &c.sections {
            let mut rows = Vec::new();
            for &r in &s.rows {
                if index >= from && index < to {
                    let row = c.row(r, &d.documents, &d.links, &d.events);
                    let doc = &d.documents[r];
                    let cells = row
                        .cells
                        .into_iter()
                        .enumerate()
                        .map(|(i, cell)| CellView {
                            text: cell.text,
                            sort: cell.sort,
                            href: if i == 0 {
                                Some(self.href(&source_path(&doc.id)))
                            } else {
                                cell.offset.map(|o| {
                                    format!(
                                        "{root}{}#{}",
                                        source_path(&doc.id),
                                        body::block_anchor(doc, o)
                                    )
                                })
                            },
                        })
                        .collect();
                    rows.push(RowView {
                        id: doc.id.clone(),
                        event: s
                            .event
                            .map(|e| d.events[e].title.clone())
                            .unwrap_or_default(),
                        outlet: field_str(&doc.metadata.outlet),
                        language: field_str(&doc.metadata.language),
                        cells,
                    });
                }
                index += 1;
            }
            if !rows.is_empty() {
                sections.push(SectionView {
                    title: s
                        .event
                        .map(|e| d.events[e].title.clone())
                        .unwrap_or_else(|| "Not assigned to an event".into()),
                    href: s.event.map(|e| self.href(&event_path(&d.events[e].id))),
                    date: s
                        .event
                        .and_then(|e| d.events[e].date)
                        .map(date)
                        .unwrap_or_default(),
                    rows,
                });
            }
        }
        let n_pages = self.renderer.compare_pages(d);
        let current = from / self.renderer.options.rows_per_page;
        let pages = self.part_links(n_pages, current, compare_path);
        let distinct = |f: &dyn Fn(&Document) -> String| {
            let mut v: Vec<String> = d
                .documents
                .iter()
                .map(f)
                .filter(|s| !s.is_empty())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let filters = self.site.table_filters(|| {
            (
                distinct(&|doc: &Document| field_str(&doc.metadata.outlet)),
                distinct(&|doc: &Document| field_str(&doc.metadata.language)),
            )
        });
        TableView {
            columns: c
                .columns
                .iter()
                .map(|col| ColumnView {
                    label: col.label.clone(),
                    key: col.key.clone(),
                    numeric: col.numeric,
                })
                .collect(),
            sections,
            pages,
            total_rows: d.documents.len(),
            shown_rows: to.min(d.documents.len()) - from.min(d.documents.len()),
            events: d
                .events
                .iter()
                .filter(|e| !e.sources.is_empty())
                .map(|e| e.title.clone())
                .collect(),
            outlets: filters.0.clone(),
            languages: filters.1.clone(),
        }
    }

    pub fn not_found(&self) -> Context {
        self.base("Page not found", &self.dossier.site.language)
    }
}

/// The part numbers (1-based) a pager on part `current` of `count` links to: all of them up to
/// [`PAGER_ALL`] parts; beyond, the first and last, the three either side of the current one,
/// and at each power of ten below `count` the two multiples on either side. Every part is then
/// a few clicks away, and a pager has O(log count) links: listing every part on every part
/// would make the site grow with the square of its parts (a 50,000-source printable dossier
/// has 1,000 parts).
pub fn pager_numbers(count: usize, current: usize) -> Vec<usize> {
    if count <= PAGER_ALL {
        return (1..=count).collect();
    }
    let mut numbers = vec![1, count];
    numbers.extend(current.saturating_sub(3).max(1)..=(current + 3).min(count));
    let mut scale = 10;
    while scale < count {
        let below = current / scale * scale;
        for m in [
            below.saturating_sub(scale),
            below,
            below + scale,
            below + 2 * scale,
        ] {
            if (1..=count).contains(&m) {
                numbers.push(m);
            }
        }
        scale *= 10;
    }
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// Up to this many parts, a pager links to every one.
const PAGER_ALL: usize = 12;

#[cfg(test)]
mod pager_tests {
    use super::pager_numbers;

    #[test]
    fn a_short_pager_lists_every_part() {
        assert_eq!(pager_numbers(1, 1), vec![1]);
        assert_eq!(pager_numbers(12, 5), (1..=12).collect::<Vec<_>>());
    }

    #[test]
    fn a_long_pager_stays_small_and_reaches_every_part_in_a_few_clicks() {
        for count in [13, 99, 250, 1000, 4321] {
            // Breadth-first over the pagers from part 1: every part is reached, and soon.
            let mut clicks = vec![usize::MAX; count + 1];
            clicks[1] = 0;
            let mut queue = std::collections::VecDeque::from([1]);
            let mut largest = 0;
            while let Some(part) = queue.pop_front() {
                let numbers = pager_numbers(count, part);
                largest = largest.max(numbers.len());
                assert!(
                    numbers.contains(&part) && numbers.contains(&1) && numbers.contains(&count)
                );
                assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
                assert!(numbers.contains(&(part + 1).min(count)));
                assert!(numbers.contains(&part.saturating_sub(1).max(1)));
                for n in numbers {
                    if clicks[n] == usize::MAX {
                        clicks[n] = clicks[part] + 1;
                        queue.push_back(n);
                    }
                }
            }
            let deepest = clicks[1..].iter().max().copied().unwrap();
            assert!(deepest <= 12, "{count} parts: {deepest} clicks");
            assert!(largest <= 24, "{count} parts: a pager of {largest} links");
        }
    }
}

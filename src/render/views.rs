//! View models: for each page kind, the plain values its template displays, computed here so
//! that templates never compute (links are already relative, dates already formatted).

use serde::Serialize;
use tera::Context;

use super::{Page, PageKind, Renderer, body, escape_html, root_prefix};
use crate::extract::{Document, Field, Origin, QuoteKind};
use crate::link::{Dossier, QuoteRef, Stance, TimelineKind, kind_heading};
use crate::manifest::EntityKind;

/// The path of page `k` (0-based) of the comparison table.
pub fn compare_path(k: usize) -> String {
    if k == 0 {
        "compare/index.html".into()
    } else {
        format!("compare/{}/index.html", k + 1)
    }
}

/// What every page needs to build its context.
pub struct Ctx<'a> {
    pub dossier: &'a Dossier,
    pub renderer: &'a Renderer,
    pub page: &'a Page,
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

/// A link to a source with what identifies it in a list.
#[derive(Serialize)]
pub struct SourceLink {
    id: String,
    href: String,
    title: String,
    outlet: String,
    published: String,
    language: String,
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

#[derive(Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
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
    d.format("%Y-%m-%d").to_string()
}

fn field_str(f: &Option<Field<String>>) -> String {
    f.as_ref().map(|f| f.value.clone()).unwrap_or_default()
}

impl Ctx<'_> {
    fn root(&self) -> String {
        if self.page.kind == PageKind::NotFound {
            // Served for any missing path: links must not depend on where it is shown.
            return base_path(&self.dossier.site.base_url);
        }
        root_prefix(&self.page.path)
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
                    | ("entities", PageKind::Entities | PageKind::Entity(_))
                    | ("quotes", PageKind::Quotes | PageKind::QuoteGroup(_))
                    | ("events", PageKind::Events | PageKind::Event(_))
                    | ("timeline", PageKind::Timeline)
                    | ("claims", PageKind::Claims)
            )
        };
        let mut nav = vec![
            NavItem {
                label: "Overview",
                href: format!("{root}index.html"),
                current: current("index"),
            },
            NavItem {
                label: "Compare",
                href: format!("{root}compare/index.html"),
                current: current("compare"),
            },
            NavItem {
                label: "Entities",
                href: format!("{root}entities/index.html"),
                current: current("entities"),
            },
            NavItem {
                label: "Quotes",
                href: format!("{root}quotes/index.html"),
                current: current("quotes"),
            },
            NavItem {
                label: "Events",
                href: format!("{root}events/index.html"),
                current: current("events"),
            },
            NavItem {
                label: "Timeline",
                href: format!("{root}timeline/index.html"),
                current: current("timeline"),
            },
        ];
        if !d.claims.is_empty() {
            nav.push(NavItem {
                label: "Claims",
                href: format!("{root}claims/index.html"),
                current: current("claims"),
            });
        }
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteView {
                title: &d.site.title,
                description_html: self
                    .renderer
                    .markdown
                    .render(&d.site.description, "d-")
                    .html,
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
        ctx
    }

    fn note_links(&self) -> Vec<EventLink> {
        let root = self.root();
        self.dossier
            .notes
            .iter()
            .map(|n| EventLink {
                href: format!("{root}notes/{}/index.html", n.id),
                title: n.title.clone().unwrap_or_else(|| {
                    self.renderer
                        .markdown
                        .render(&n.markdown, "")
                        .first_heading
                        .unwrap_or_else(|| n.id.clone())
                }),
                date: String::new(),
                sources: 0,
            })
            .collect()
    }

    fn source_link(&self, d: usize) -> SourceLink {
        let doc = &self.dossier.documents[d];
        let m = &doc.metadata;
        SourceLink {
            id: doc.id.clone(),
            href: format!("{}sources/{}/index.html", self.root(), doc.id),
            title: m
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_else(|| doc.id.clone()),
            outlet: field_str(&m.outlet),
            published: m
                .published
                .as_ref()
                .map(|p| date(p.value))
                .unwrap_or_default(),
            language: field_str(&m.language),
        }
    }

    fn entity_link(&self, e: usize, count: usize) -> EntityLink {
        let entity = &self.dossier.entities[e];
        EntityLink {
            href: format!("{}entities/{}/index.html", self.root(), entity.slug),
            name: entity.name.clone(),
            kind: entity.kind.plural(),
            count,
        }
    }

    fn event_link(&self, e: usize) -> EventLink {
        let ev = &self.dossier.events[e];
        EventLink {
            href: format!("{}events/{}/index.html", self.root(), ev.id),
            title: ev.title.clone(),
            date: ev.date.map(date).unwrap_or_default(),
            sources: ev.sources.len(),
        }
    }

    fn quote_href(&self, r: QuoteRef) -> String {
        format!(
            "{}sources/{}/index.html#{}",
            self.root(),
            self.dossier.documents[r.doc].id,
            body::quote_anchor(r)
        )
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
                    let row = &c.rows[r];
                    let doc = &d.documents[row.doc];
                    let cells = row
                        .cells
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| CellView {
                            text: cell.text.clone(),
                            sort: cell.sort.clone(),
                            href: if i == 0 {
                                Some(format!("{root}sources/{}/index.html", doc.id))
                            } else {
                                cell.offset.map(|o| {
                                    format!(
                                        "{root}sources/{}/index.html#{}",
                                        doc.id,
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
                    href: s
                        .event
                        .map(|e| format!("{root}events/{}/index.html", d.events[e].id)),
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
        let pages = if n_pages > 1 {
            (0..n_pages)
                .map(|k| PageLink {
                    number: k + 1,
                    href: format!("{root}{}", compare_path(k)),
                    current: k == current,
                })
                .collect()
        } else {
            Vec::new()
        };
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
            total_rows: c.rows.len(),
            shown_rows: to.min(c.rows.len()) - from.min(c.rows.len()),
            events: d
                .events
                .iter()
                .filter(|e| !e.sources.is_empty())
                .map(|e| e.title.clone())
                .collect(),
            outlets: distinct(&|doc: &Document| field_str(&doc.metadata.outlet)),
            languages: distinct(&|doc: &Document| field_str(&doc.metadata.language)),
        }
    }

    pub fn index(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base(&d.site.title, &d.site.language);
        let per_page = self.renderer.options.rows_per_page;
        ctx.insert("table", &self.table(0, per_page));
        ctx.insert(
            "events",
            &(0..d.events.len())
                .filter(|&e| !d.events[e].sources.is_empty())
                .map(|e| self.event_link(e))
                .collect::<Vec<_>>(),
        );
        ctx.insert("source_count", &d.documents.len());
        ctx.insert(
            "entity_count",
            &d.entities.iter().filter(|e| !e.sources.is_empty()).count(),
        );
        ctx.insert(
            "quote_count",
            &d.documents
                .iter()
                .map(|doc| {
                    doc.quotes
                        .iter()
                        .filter(|q| q.kind == QuoteKind::Speech)
                        .count()
                })
                .sum::<usize>(),
        );
        ctx.insert("group_count", &d.quote_groups.len());
        ctx
    }

    pub fn source(&self, i: usize) -> Context {
        let d = self.dossier;
        let doc = &d.documents[i];
        let links = &d.links[i];
        let root = self.root();
        let m = &doc.metadata;
        let title = m
            .title
            .as_ref()
            .map(|t| t.value.clone())
            .unwrap_or_else(|| doc.id.clone());
        let lang = m
            .language
            .as_ref()
            .map(|l| l.value.clone())
            .unwrap_or_else(|| d.site.language.clone());
        let mut ctx = self.base(&title, &d.site.language);
        let origin = |o: Origin| o.label();
        let mut meta = Vec::new();
        let mut row = |label: &'static str, f: Option<(String, Origin)>, href: Option<String>| {
            if let Some((value, o)) = f {
                meta.push(MetaRow {
                    label,
                    value,
                    origin: origin(o),
                    href,
                });
            }
        };
        row(
            "Outlet",
            m.outlet.as_ref().map(|f| (f.value.clone(), f.origin)),
            None,
        );
        row(
            "Byline",
            m.byline.as_ref().map(|f| (f.value.clone(), f.origin)),
            None,
        );
        row(
            "Published",
            m.published.as_ref().map(|f| (date(f.value), f.origin)),
            None,
        );
        row(
            "Event date",
            m.event_date.as_ref().map(|f| (date(f.value), f.origin)),
            None,
        );
        row(
            "Language",
            m.language.as_ref().map(|f| (f.value.clone(), f.origin)),
            None,
        );
        row(
            "Original",
            m.url.as_ref().map(|f| (f.value.clone(), f.origin)),
            m.url.as_ref().map(|f| f.value.clone()),
        );
        let quotes: Vec<QuoteView> = doc
            .quotes
            .iter()
            .enumerate()
            .map(|(q, quote)| {
                let group = links.quote_groups.get(q).copied().flatten();
                QuoteView {
                    number: q + 1,
                    href: format!("#q{}", q + 1),
                    text: quote.text.clone(),
                    kind: match quote.kind {
                        QuoteKind::Speech => "speech",
                        QuoteKind::Term => "term",
                    },
                    speaker: quote.speaker.clone().unwrap_or_default(),
                    cue: quote.cue.clone().unwrap_or_default(),
                    group_href: group
                        .map(|g| format!("{root}quotes/{}/index.html", d.quote_groups[g].id)),
                    group_size: group.map(|g| d.quote_groups[g].members.len()).unwrap_or(0),
                }
            })
            .collect();
        let mut entity_counts: std::collections::HashMap<usize, usize> =
            std::collections::HashMap::new();
        for &e in &links.mention_entities {
            *entity_counts.entry(e).or_default() += 1;
        }
        #[derive(Serialize)]
        struct EntityGroup {
            heading: &'static str,
            items: Vec<EntityLink>,
        }
        let entity_groups: Vec<EntityGroup> = [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ]
        .into_iter()
        .map(|kind| {
            let mut ids: Vec<usize> = entity_counts
                .keys()
                .copied()
                .filter(|&e| d.entities[e].kind == kind)
                .collect();
            ids.sort_by(|a, b| {
                entity_counts[b]
                    .cmp(&entity_counts[a])
                    .then(d.entities[*a].name.cmp(&d.entities[*b].name))
            });
            EntityGroup {
                heading: kind_heading(kind),
                items: ids
                    .into_iter()
                    .map(|e| self.entity_link(e, d.entities[e].sources.len()))
                    .collect(),
            }
        })
        .filter(|g| !g.items.is_empty())
        .collect();
        #[derive(Serialize)]
        struct RelatedView {
            source: SourceLink,
            reasons: Vec<String>,
        }
        let related: Vec<RelatedView> = links
            .related
            .iter()
            .map(|r| {
                let mut reasons = Vec::new();
                if r.same_event {
                    reasons.push("same event".to_string());
                }
                if r.shared_quotes > 0 {
                    reasons.push(format!(
                        "{} shared quote{}",
                        r.shared_quotes,
                        if r.shared_quotes == 1 { "" } else { "s" }
                    ));
                }
                if r.shared_entities > 0 {
                    reasons.push(format!(
                        "{} shared entit{}",
                        r.shared_entities,
                        if r.shared_entities == 1 { "y" } else { "ies" }
                    ));
                }
                RelatedView {
                    source: self.source_link(r.doc),
                    reasons,
                }
            })
            .collect();
        #[derive(Serialize)]
        struct SourceView {
            id: String,
            title: String,
            title_origin: &'static str,
            lang: String,
            meta: Vec<MetaRow>,
            note_html: String,
            body_html: String,
            quotes: Vec<QuoteView>,
            speech_count: usize,
            entity_groups: Vec<EntityGroup>,
            related: Vec<RelatedView>,
            event: Option<EventLink>,
            file: String,
            format: &'static str,
            encoding: &'static str,
            word_count: usize,
            tags: Vec<String>,
            facts: Vec<KeyValue>,
        }
        let view = SourceView {
            id: doc.id.clone(),
            title,
            title_origin: m.title.as_ref().map(|t| origin(t.origin)).unwrap_or(""),
            lang,
            meta,
            note_html: doc
                .editorial
                .note
                .as_deref()
                .map(|n| self.renderer.markdown.render(n, "n-").html)
                .unwrap_or_default(),
            body_html: body::body_html(d, i, &root),
            speech_count: doc
                .quotes
                .iter()
                .filter(|q| q.kind == QuoteKind::Speech)
                .count(),
            quotes,
            entity_groups,
            related,
            event: links.event.map(|e| self.event_link(e)),
            file: doc.file.display().to_string(),
            format: match doc.format {
                crate::load::SourceFormat::Text => "text",
                crate::load::SourceFormat::Markdown => "Markdown",
                crate::load::SourceFormat::Html => "HTML",
            },
            encoding: doc.encoding,
            word_count: doc.word_count,
            tags: doc.editorial.tags.clone(),
            facts: doc
                .editorial
                .facts
                .iter()
                .map(|(k, v)| KeyValue {
                    key: k.clone(),
                    value: v.0.clone(),
                })
                .collect(),
        };
        ctx.insert("source", &view);
        ctx
    }

    pub fn note(&self, n: usize) -> Context {
        let note = &self.dossier.notes[n];
        let rendered = self.renderer.markdown.render(&note.markdown, "");
        let title = note
            .title
            .clone()
            .or(rendered.first_heading.clone())
            .unwrap_or_else(|| note.id.clone());
        let mut ctx = self.base(&title, &self.dossier.site.language);
        // The first heading is the page's <h1> when it is the title: do not repeat it.
        let starts_with_title = rendered
            .headings
            .first()
            .is_some_and(|h| h.0 == 1 && h.2 == title);
        ctx.insert("note_title", &title);
        ctx.insert("note_html", &rendered.html);
        ctx.insert("repeats_title", &starts_with_title);
        ctx.insert(
            "toc",
            &rendered
                .headings
                .iter()
                .filter(|h| h.0 == 2)
                .map(|h| KeyValue {
                    key: format!("#{}", h.1),
                    value: h.2.clone(),
                })
                .collect::<Vec<_>>(),
        );
        ctx
    }

    pub fn compare(&self, k: usize) -> Context {
        let per_page = self.renderer.options.rows_per_page;
        let pages = self.renderer.compare_pages(self.dossier);
        let title = if pages > 1 {
            format!("Comparison of sources (page {} of {pages})", k + 1)
        } else {
            "Comparison of sources".to_string()
        };
        let mut ctx = self.base(&title, &self.dossier.site.language);
        ctx.insert("table", &self.table(k * per_page, (k + 1) * per_page));
        ctx
    }

    pub fn entities(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("People, organisations and places", &d.site.language);
        #[derive(Serialize)]
        struct KindView {
            heading: &'static str,
            id: &'static str,
            items: Vec<EntityLink>,
        }
        let kinds: Vec<KindView> = [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
        ]
        .into_iter()
        .map(|kind| {
            let mut ids: Vec<usize> = (0..d.entities.len())
                .filter(|&e| d.entities[e].kind == kind && !d.entities[e].sources.is_empty())
                .collect();
            ids.sort_by(|a, b| {
                d.entities[*b]
                    .sources
                    .len()
                    .cmp(&d.entities[*a].sources.len())
                    .then(d.entities[*a].name.cmp(&d.entities[*b].name))
            });
            KindView {
                heading: kind_heading(kind),
                id: kind.plural(),
                items: ids
                    .into_iter()
                    .map(|e| self.entity_link(e, d.entities[e].sources.len()))
                    .collect(),
            }
        })
        .collect();
        ctx.insert("kinds", &kinds);
        ctx
    }

    pub fn entity(&self, e: usize) -> Context {
        let d = self.dossier;
        let entity = &d.entities[e];
        let mut ctx = self.base(&entity.name, &d.site.language);
        #[derive(Serialize)]
        struct Sentence {
            html: String,
            href: String,
        }
        #[derive(Serialize)]
        struct Mentioning {
            source: SourceLink,
            sentences: Vec<Sentence>,
            count: usize,
        }
        let mut mentioning: Vec<Mentioning> = Vec::new();
        for m in &entity.mentions {
            if mentioning
                .last()
                .is_none_or(|x| x.source.id != d.documents[m.doc].id)
            {
                mentioning.push(Mentioning {
                    source: self.source_link(m.doc),
                    sentences: Vec::new(),
                    count: 0,
                });
            }
            let last = mentioning.last_mut().unwrap();
            last.count += 1;
            if last.sentences.len() < 2
                && last.sentences.iter().all(|s| {
                    !s.href.ends_with(&format!(
                        "#{}",
                        body::block_anchor(&d.documents[m.doc], m.start)
                    ))
                })
            {
                let text = &d.documents[m.doc].text;
                let html = format!(
                    "{}<mark>{}</mark>{}",
                    escape_html(&text[m.sentence_start..m.start]),
                    escape_html(&text[m.start..m.end]),
                    escape_html(&text[m.end..m.sentence_end])
                );
                last.sentences.push(Sentence {
                    html,
                    href: format!(
                        "{}#{}",
                        last.source.href,
                        body::block_anchor(&d.documents[m.doc], m.start)
                    ),
                });
            }
        }
        #[derive(Serialize)]
        struct SpokenQuote {
            text: String,
            href: String,
            source: SourceLink,
        }
        let quotes: Vec<SpokenQuote> = entity
            .quotes
            .iter()
            .map(|&r| SpokenQuote {
                text: d.documents[r.doc].quotes[r.quote].text.clone(),
                href: self.quote_href(r),
                source: self.source_link(r.doc),
            })
            .collect();
        #[derive(Serialize)]
        struct EntityView {
            name: String,
            kind: &'static str,
            kind_heading: &'static str,
            aliases: Vec<String>,
            description_html: String,
            source_count: usize,
            mentioning: Vec<Mentioning>,
            quotes: Vec<SpokenQuote>,
            co_occurring: Vec<EntityLink>,
        }
        ctx.insert(
            "entity",
            &EntityView {
                name: entity.name.clone(),
                kind: entity.kind.plural(),
                kind_heading: kind_heading(entity.kind),
                aliases: entity.aliases.clone(),
                description_html: entity
                    .description
                    .as_deref()
                    .map(|t| self.renderer.markdown.render(t, "e-").html)
                    .unwrap_or_default(),
                source_count: entity.sources.len(),
                mentioning,
                quotes,
                co_occurring: entity
                    .co_occurring
                    .iter()
                    .map(|&(o, n)| self.entity_link(o, n))
                    .collect(),
            },
        );
        ctx
    }

    pub fn quotes(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("The same quote across outlets", &d.site.language);
        #[derive(Serialize)]
        struct GroupLink {
            href: String,
            text: String,
            speaker: String,
            renderings: usize,
            outlets: Vec<String>,
        }
        let groups: Vec<GroupLink> = d
            .quote_groups
            .iter()
            .map(|g| {
                let mut outlets: Vec<String> = g
                    .members
                    .iter()
                    .map(|m| field_str(&d.documents[m.doc].metadata.outlet))
                    .filter(|o| !o.is_empty())
                    .collect();
                outlets.dedup();
                GroupLink {
                    href: format!("{}quotes/{}/index.html", self.root(), g.id),
                    text: g.text.clone(),
                    speaker: g.speaker.clone().unwrap_or_default(),
                    renderings: g.members.len(),
                    outlets,
                }
            })
            .collect();
        ctx.insert("groups", &groups);
        ctx
    }

    pub fn quote_group(&self, g: usize) -> Context {
        let d = self.dossier;
        let group = &d.quote_groups[g];
        let mut ctx = self.base(
            &format!("“{}”", crate::text::truncate_words(&group.text, 12)),
            &d.site.language,
        );
        #[derive(Serialize)]
        struct Rendering {
            text: String,
            speaker: String,
            cue: String,
            href: String,
            source: SourceLink,
        }
        let renderings: Vec<Rendering> = group
            .members
            .iter()
            .map(|&r| {
                let q = &d.documents[r.doc].quotes[r.quote];
                Rendering {
                    text: q.text.clone(),
                    speaker: q.speaker.clone().unwrap_or_default(),
                    cue: q.cue.clone().unwrap_or_default(),
                    href: self.quote_href(r),
                    source: self.source_link(r.doc),
                }
            })
            .collect();
        ctx.insert("group", &serde_json::json!({"text": group.text, "speaker": group.speaker, "renderings": renderings}));
        ctx
    }

    pub fn events(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Events", &d.site.language);
        ctx.insert(
            "events",
            &(0..d.events.len())
                .map(|e| self.event_link(e))
                .collect::<Vec<_>>(),
        );
        ctx
    }

    pub fn event(&self, e: usize) -> Context {
        let d = self.dossier;
        let ev = &d.events[e];
        let mut ctx = self.base(&ev.title, &d.site.language);
        #[derive(Serialize)]
        struct ValueView {
            value: String,
            sources: Vec<SourceLink>,
        }
        #[derive(Serialize)]
        struct DisagreementView {
            fact: String,
            values: Vec<ValueView>,
        }
        let disagreements: Vec<DisagreementView> = ev
            .disagreements
            .iter()
            .map(|dis| DisagreementView {
                fact: dis.fact.clone(),
                values: dis
                    .values
                    .iter()
                    .map(|(v, ds)| ValueView {
                        value: v.clone(),
                        sources: ds.iter().map(|&x| self.source_link(x)).collect(),
                    })
                    .collect(),
            })
            .collect();
        ctx.insert(
            "event",
            &serde_json::json!({
                "title": ev.title,
                "date": ev.date.map(date).unwrap_or_default(),
                "description_html": ev.description.as_deref().map(|t| self.renderer.markdown.render(t, "ev-").html).unwrap_or_default(),
                "from_manifest": ev.from_manifest,
                "sources": ev.sources.iter().map(|&s| self.source_link(s)).collect::<Vec<_>>(),
                "disagreements": disagreements,
            }),
        );
        ctx
    }

    pub fn claims(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Claims", &d.site.language);
        #[derive(Serialize)]
        struct CellView {
            stance: &'static str,
            evidence: String,
            href: Option<String>,
        }
        #[derive(Serialize)]
        struct RowView {
            source: SourceLink,
            cells: Vec<CellView>,
        }
        let rows: Vec<RowView> = (0..d.documents.len())
            .map(|i| RowView {
                source: self.source_link(i),
                cells: d
                    .claims
                    .iter()
                    .map(|c| {
                        let cell = &c.cells[i];
                        let doc = &d.documents[i];
                        CellView {
                            stance: match cell.stance {
                                Stance::Supports => "supports",
                                Stance::Mentions => "mentions",
                                Stance::Silent => "silent",
                            },
                            evidence: cell
                                .evidence
                                .map(|(s, e)| doc.text[s..e].to_string())
                                .unwrap_or_default(),
                            href: cell.evidence.map(|(s, _)| {
                                format!(
                                    "{}sources/{}/index.html#{}",
                                    self.root(),
                                    doc.id,
                                    body::block_anchor(doc, s)
                                )
                            }),
                        }
                    })
                    .collect(),
            })
            .collect();
        ctx.insert(
            "claims",
            &d.claims
                .iter()
                .map(|c| serde_json::json!({"id": c.id, "statement": c.statement}))
                .collect::<Vec<_>>(),
        );
        ctx.insert("rows", &rows);
        ctx
    }

    pub fn timeline(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("Timeline", &d.site.language);
        #[derive(Serialize)]
        struct Entry {
            date: String,
            kind: &'static str,
            label: String,
            href: String,
        }
        let entries: Vec<Entry> = d
            .timeline
            .entries
            .iter()
            .filter_map(|t| {
                let (kind, label, href) = match t.kind {
                    TimelineKind::Event => {
                        let l = self.event_link(t.event?);
                        ("event", l.title, l.href)
                    }
                    TimelineKind::Publication => {
                        let s = self.source_link(t.doc?);
                        (
                            "publication",
                            format!(
                                "{} publishes “{}”",
                                if s.outlet.is_empty() {
                                    "A source"
                                } else {
                                    &s.outlet
                                },
                                s.title
                            ),
                            s.href,
                        )
                    }
                    TimelineKind::Mention => {
                        let doc = &d.documents[t.doc?];
                        let (s, e) = t.span?;
                        let (a, b) = crate::link::sentence_around(&doc.text, s, e);
                        (
                            "mention",
                            doc.text[a..b].to_string(),
                            format!(
                                "{}sources/{}/index.html#{}",
                                self.root(),
                                doc.id,
                                body::block_anchor(doc, s)
                            ),
                        )
                    }
                };
                Some(Entry {
                    date: date(t.date),
                    kind,
                    label,
                    href,
                })
            })
            .collect();
        ctx.insert("entries", &entries);
        ctx
    }

    pub fn not_found(&self) -> Context {
        self.base("Page not found", &self.dossier.site.language)
    }
}

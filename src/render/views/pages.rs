//! The overview, the comparison table and the notes.

use super::*;

/// Events listed on the overview.
const OVERVIEW_EVENTS: usize = 50;

impl Ctx<'_> {
    pub fn index(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base(&d.site.title, &d.site.language);
        let per_page = self.renderer.options.rows_per_page;
        ctx.insert("table", &self.table(0, per_page));
        // The events with the most sources, in event order: the overview stays one screenful
        // at any size (the events page lists them all).
        let mut events: Vec<usize> = (0..d.events.len())
            .filter(|&e| !d.events[e].sources.is_empty())
            .collect();
        let event_count = events.len();
        if events.len() > OVERVIEW_EVENTS {
            events.select_nth_unstable_by_key(OVERVIEW_EVENTS - 1, |&e| {
                (std::cmp::Reverse(d.events[e].sources.len()), e)
            });
            events.truncate(OVERVIEW_EVENTS);
            events.sort_unstable();
        }
        ctx.insert(
            "events",
            &events
                .into_iter()
                .map(|e| self.event_link(e))
                .collect::<Vec<_>>(),
        );
        ctx.insert("event_count", &event_count);
        ctx.insert(
            "events_not_shown",
            &(event_count - event_count.min(OVERVIEW_EVENTS)),
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

    /// The search page: the form, and where the index and the site root are from here.
    pub fn search(&self) -> Context {
        let mut ctx = self.base("Search", &self.dossier.site.language);
        let index = &self.site.search;
        ctx.insert("search_docs", &index.docs);
        ctx
    }

    /// Page `k` of the printable dossier: each source's header, facts, note and text.
    pub fn print(&self, k: usize) -> Context {
        let d = self.dossier;
        let per = PRINT_SOURCES_PER_PAGE;
        let pages = d.documents.len().div_ceil(per).max(1);
        let title = if pages > 1 {
            format!("Every source, printable (part {} of {pages})", k + 1)
        } else {
            "Every source, printable".to_string()
        };
        let mut ctx = self.base(&title, &d.site.language);
        #[derive(Serialize)]
        struct PrintSource {
            link: tera::Value,
            anchor: String,
            meta: Vec<KeyValue>,
            note_html: String,
            body_html: String,
            reference: String,
        }
        let root = self.root();
        let sources: Vec<PrintSource> = (k * per..((k + 1) * per).min(d.documents.len()))
            .map(|i| {
                let doc = &d.documents[i];
                let m = &doc.metadata;
                let meta = [
                    ("Outlet", m.outlet.as_ref().map(|f| f.value.clone())),
                    ("Byline", m.byline.as_ref().map(|f| f.value.clone())),
                    ("Published", m.published.as_ref().map(|f| date(f.value))),
                    ("Language", m.language.as_ref().map(|f| f.value.clone())),
                    ("Original", m.url.as_ref().map(|f| f.value.clone())),
                ]
                .into_iter()
                .filter_map(|(k, v)| {
                    v.map(|value| KeyValue {
                        key: k.to_string(),
                        value,
                    })
                })
                .collect();
                PrintSource {
                    link: self.source_link(i),
                    anchor: format!("s-{}", doc.id),
                    meta,
                    note_html: doc
                        .editorial
                        .note
                        .as_deref()
                        .map(|n| {
                            self.site
                                .note_html(&self.renderer.markdown, i, n, &format!("n{i}-"))
                        })
                        .unwrap_or_default(),
                    body_html: body::body_html_with(
                        d,
                        i,
                        root,
                        &format!("s{i}-"),
                        body::BodyStyle::Print,
                    ),
                    reference: crate::render::exports::source_reference(d, i),
                }
            })
            .collect();
        ctx.insert("sources", &sources);
        ctx.insert("print_pages", &self.part_links(pages, k, print_path));
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
}

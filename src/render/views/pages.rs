//! The overview, the comparison table and the notes.

use super::*;

impl Ctx<'_> {
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
        let index = self.renderer.search_index(self.dossier);
        ctx.insert("search_docs", &index.docs);
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

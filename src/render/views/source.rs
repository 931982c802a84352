//! A source page: metadata with provenance, the editor's note, the marked-up text, quotes, entities, related sources.

use super::*;

impl Ctx<'_> {
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
                    href: ["#q", itoa::Buffer::new().format(q + 1)].concat(),
                    text: quote.text.clone(),
                    kind: match quote.kind {
                        QuoteKind::Speech => "speech",
                        QuoteKind::Term => "term",
                    },
                    speaker: quote.speaker.clone().unwrap_or_default(),
                    cue: quote.cue.clone().unwrap_or_default(),
                    group_href: group.map(|g| self.href(&quote_group_path(&d.quote_groups[g].id))),
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
            source: tera::Value,
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
                    reasons.push(counted(r.shared_quotes, " shared quote", " shared quotes"));
                }
                if r.shared_entities > 0 {
                    reasons.push(counted(
                        r.shared_entities,
                        " shared entity",
                        " shared entities",
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
            cite: CiteView,
            /// Outlet, date and byline under the headline: what a reader looks for first.
            dateline: Vec<String>,
        }
        /// The "cite this" box: a reference to copy and the citation to import, carried in the
        /// page itself as `data:` downloads (two files per source were half of a big site's
        /// files, and file creation dominated its build).
        #[derive(Serialize)]
        struct CiteView {
            reference: String,
            bibtex: String,
            bib_href: String,
            bib_name: String,
            json_href: String,
            json_name: String,
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
                .map(|n| self.site.note_html(&self.renderer.markdown, i, n, "n-"))
                .unwrap_or_default(),
            body_html: body::body_html(d, i, root),
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
            dateline: [
                m.outlet.as_ref().map(|o| o.value.clone()),
                m.published
                    .as_ref()
                    .map(|p| p.value.format("%-d %B %Y").to_string()),
                m.byline.as_ref().map(|b| b.value.clone()),
            ]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect(),
            cite: {
                use crate::render::exports::{self, CitationFormat};
                let bibtex = exports::source_bibtex(d, i);
                let csl = exports::citation_file_of(
                    CitationFormat::CslJson,
                    std::iter::once(i),
                    |i| exports::source_csl(d, i),
                    |i| exports::source_bibtex(d, i),
                );
                CiteView {
                    reference: exports::source_reference(d, i),
                    bib_href: exports::data_uri("application/x-bibtex", bibtex.as_bytes()),
                    bib_name: format!("{}.bib", doc.id),
                    json_href: exports::data_uri("application/vnd.citationstyles.csl+json", &csl),
                    json_name: format!("{}.json", doc.id),
                    bibtex,
                }
            },
        };
        ctx.insert("source", &view);
        ctx
    }
}

/// `n` then the singular or the plural ("1 shared quote", "3 shared entities").
fn counted(n: usize, one: &str, many: &str) -> String {
    [
        itoa::Buffer::new().format(n),
        if n == 1 { one } else { many },
    ]
    .concat()
}

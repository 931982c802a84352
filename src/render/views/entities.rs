//! The entity index (by kind) and one page per person, organisation or place: the sources that
//! name it with the sentence, the quotes it spoke, the entities it appears with.

use super::*;

/// A link to the place of byte `offset` in a source page: its block's anchor, or the page
/// itself for the headline (the page's `<h1>`, which has no block anchor).
pub(super) fn place_href(source_href: &str, doc: &Document, offset: usize) -> String {
    let b = doc.blocks.partition_point(|b| b.end < offset);
    match doc.blocks.get(b) {
        Some(block) if block.kind == crate::extract::BlockKind::Title => source_href.to_string(),
        _ => [source_href, "#", &body::block_anchor(doc, offset)].concat(),
    }
}

/// Sources listed with their sentences on an entity page; further ones are listed as links.
const SOURCES_WITH_SENTENCES: usize = 100;
/// Sentences shown per source.
const SENTENCES_PER_SOURCE: usize = 2;
/// Quotes listed on an entity page.
const MAX_QUOTES: usize = 200;

impl Ctx<'_> {
    pub fn entities(&self) -> Context {
        let d = self.dossier;
        let mut ctx = self.base("People, organisations and places", &d.site.language);
        #[derive(Serialize)]
        struct Item {
            link: EntityLink,
            ambiguous: bool,
            quotes: usize,
        }
        #[derive(Serialize)]
        struct KindView {
            heading: &'static str,
            id: &'static str,
            items: Vec<Item>,
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
                    .map(|e| Item {
                        link: self.entity_link(e, d.entities[e].sources.len()),
                        ambiguous: d.entities[e].ambiguous,
                        quotes: d.entities[e].quotes.len(),
                    })
                    .collect(),
            }
        })
        .collect();
        ctx.insert("kinds", &kinds);
        ctx
    }

    /// Part `k` of entity `e`'s page: its header on every part, the sources naming it
    /// `rows_per_page` at a time, and on the first part what it said and who it is named with.
    pub fn entity(&self, e: usize, k: usize) -> Context {
        let d = self.dossier;
        let entity = &d.entities[e];
        let pages = self.renderer.entity_pages(entity);
        let mut ctx = if pages > 1 {
            self.base(
                &format!("{} (page {} of {pages})", entity.name, k + 1),
                &d.site.language,
            )
        } else {
            self.base(&entity.name, &d.site.language)
        };
        #[derive(Serialize)]
        struct Sentence {
            html: String,
            href: String,
        }
        #[derive(Serialize)]
        struct Mentioning {
            source: tera::Value,
            sentences: Vec<Sentence>,
            count: usize,
            /// The names this source uses for the entity.
            names: Vec<String>,
        }
        // The mentions are in source order, each source's together: this part's sources are
        // those from `first` on, and their mentions start where the first one's do.
        let per_page = self.renderer.options.rows_per_page;
        let first = (k * per_page).min(entity.sources.len());
        let shown_sources = &entity.sources[first..((k + 1) * per_page).min(entity.sources.len())];
        let from = shown_sources.first().map_or(entity.mentions.len(), |&s| {
            entity.mentions.partition_point(|m| m.doc() < s)
        });
        let mut mentioning: Vec<Mentioning> = Vec::new();
        let mut last_doc = usize::MAX;
        let mut last_href = String::new();
        for em in &entity.mentions[from..] {
            let doc = &d.documents[em.doc()];
            let m = em.in_doc(&d.documents);
            if em.doc() != last_doc {
                if mentioning.len() == shown_sources.len() {
                    break;
                }
                last_doc = em.doc();
                last_href = self.source_href(last_doc);
                mentioning.push(Mentioning {
                    source: self.source_link(em.doc()),
                    sentences: Vec::new(),
                    count: 0,
                    names: Vec::new(),
                });
            }
            let with_sentences = first + mentioning.len() <= SOURCES_WITH_SENTENCES;
            let last = mentioning.last_mut().expect("pushed above");
            last.count += 1;
            let surface = &doc.text[m.start..m.end];
            if !last.names.iter().any(|n| n == surface) {
                last.names.push(surface.to_string());
            }
            if !with_sentences || last.sentences.len() >= SENTENCES_PER_SOURCE {
                continue;
            }
            let href = place_href(&last_href, doc, m.start);
            if last.sentences.iter().all(|s| s.href != href) {
                let text = &doc.text;
                let (sentence_start, sentence_end) =
                    crate::text::sentence_around(text, m.start, m.end);
                last.sentences.push(Sentence {
                    html: format!(
                        "{}<mark>{}</mark>{}",
                        escape_html(&text[sentence_start..m.start]),
                        escape_html(&text[m.start..m.end]),
                        escape_html(&text[m.end..sentence_end])
                    ),
                    href,
                });
            }
        }
        #[derive(Serialize)]
        struct SpokenQuote {
            text: String,
            href: String,
            source: tera::Value,
            group_href: Option<String>,
            group_sources: usize,
        }
        // What it said and who it is named with: on the first part only.
        let quotes_shown = if k == 0 { MAX_QUOTES } else { 0 };
        let quotes: Vec<SpokenQuote> = entity
            .quotes
            .iter()
            .take(quotes_shown)
            .map(|&r| {
                let group = d.links[r.doc].quote_groups.get(r.quote).copied().flatten();
                SpokenQuote {
                    text: d.documents[r.doc].quotes[r.quote].text.clone(),
                    href: self.quote_href(r),
                    source: self.source_link(r.doc),
                    group_href: group.map(|g| self.href(&quote_group_path(&d.quote_groups[g].id))),
                    group_sources: group.map_or(0, |g| {
                        let mut s: Vec<usize> =
                            d.quote_groups[g].members.iter().map(|m| m.doc).collect();
                        s.dedup();
                        s.len()
                    }),
                }
            })
            .collect();
        #[derive(Serialize)]
        struct EntityView {
            name: String,
            kind: &'static str,
            kind_heading: &'static str,
            aliases: Vec<String>,
            ambiguous: bool,
            description_html: String,
            source_count: usize,
            mention_count: usize,
            mentioning: Vec<Mentioning>,
            /// Which of its sources this part lists (1-based, inclusive).
            shown_from: usize,
            shown_to: usize,
            sentences_shown_for: usize,
            sentences_limited: bool,
            quotes: Vec<SpokenQuote>,
            more_quotes: usize,
            quote_count: usize,
            co_occurring: Vec<EntityLink>,
        }
        ctx.insert(
            "entity",
            &EntityView {
                name: entity.name.clone(),
                kind: entity.kind.plural(),
                kind_heading: kind_heading(entity.kind),
                aliases: entity.aliases.clone(),
                ambiguous: entity.ambiguous,
                description_html: entity
                    .description
                    .as_deref()
                    .map(|t| self.renderer.markdown.render(t, "e-").html)
                    .unwrap_or_default(),
                source_count: entity.sources.len(),
                mention_count: entity.mentions.len(),
                sentences_shown_for: SOURCES_WITH_SENTENCES.min(entity.sources.len()),
                sentences_limited: k == 0 && entity.sources.len() > SOURCES_WITH_SENTENCES,
                more_quotes: if k == 0 {
                    entity.quotes.len().saturating_sub(MAX_QUOTES)
                } else {
                    0
                },
                shown_from: first + 1,
                shown_to: first + mentioning.len(),
                mentioning,
                quote_count: entity.quotes.len(),
                quotes,
                co_occurring: if k == 0 {
                    entity
                        .co_occurring
                        .iter()
                        .map(|&(o, n)| self.entity_link(o, n))
                        .collect()
                } else {
                    Vec::new()
                },
            },
        );
        ctx.insert(
            "pages",
            &self.part_links(pages, k, |p| entity_path(&entity.slug, p)),
        );
        ctx
    }
}

//! The entity index and one page per person, organisation or place.

use super::*;

impl Ctx<'_> {
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
}

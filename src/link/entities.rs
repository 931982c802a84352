//! The entity index: one [`Entity`] per canonical name and kind, with every mention, the sources
//! that name it, the quotes it spoke and the entities it appears with.

use std::collections::HashMap;

use serde::Serialize;

use super::{DocLinks, QuoteRef, sentence_around};
use crate::extract::Document;
use crate::manifest::{EntityKind, Manifest};
use crate::slug::{dedupe, slugify};

/// A mention of an entity in a source, with the sentence around it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EntityMention {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    pub sentence_start: usize,
    pub sentence_end: usize,
}

/// A person, organisation or place, across every source and language.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// The page name (`entities/<slug>/`).
    pub slug: String,
    pub name: String,
    pub kind: EntityKind,
    /// Other names it goes by (the gazetteer's, and surface forms found in the text).
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub in_gazetteer: bool,
    pub mentions: Vec<EntityMention>,
    /// Documents that mention it, in dossier order, without repeats.
    pub sources: Vec<usize>,
    /// Quotes it spoke.
    pub quotes: Vec<QuoteRef>,
    /// Entities named in the same sources, most shared first: (entity, number of sources).
    pub co_occurring: Vec<(usize, usize)>,
}

/// Builds the entity index and fills each document's mention → entity links.
pub fn build(manifest: &Manifest, docs: &[Document], links: &mut [DocLinks]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<(EntityKind, String), usize> = HashMap::new();
    for def in &manifest.entities {
        index
            .entry((def.kind, def.name.clone()))
            .or_insert_with(|| {
                entities.push(Entity {
                    slug: String::new(),
                    name: def.name.clone(),
                    kind: def.kind,
                    aliases: def.aliases.clone(),
                    description: def.description.clone(),
                    in_gazetteer: true,
                    mentions: Vec::new(),
                    sources: Vec::new(),
                    quotes: Vec::new(),
                    co_occurring: Vec::new(),
                });
                entities.len() - 1
            });
    }
    for (d, doc) in docs.iter().enumerate() {
        let mut ids = Vec::with_capacity(doc.mentions.len());
        for m in &doc.mentions {
            let id = *index.entry((m.kind, m.entity.clone())).or_insert_with(|| {
                entities.push(Entity {
                    slug: String::new(),
                    name: m.entity.clone(),
                    kind: m.kind,
                    aliases: Vec::new(),
                    description: None,
                    in_gazetteer: false,
                    mentions: Vec::new(),
                    sources: Vec::new(),
                    quotes: Vec::new(),
                    co_occurring: Vec::new(),
                });
                entities.len() - 1
            });
            let (sentence_start, sentence_end) = sentence_around(&doc.text, m.start, m.end);
            let e = &mut entities[id];
            e.mentions.push(EntityMention {
                doc: d,
                start: m.start,
                end: m.end,
                sentence_start,
                sentence_end,
            });
            if e.sources.last() != Some(&d) {
                e.sources.push(d);
            }
            let surface = &doc.text[m.start..m.end];
            if surface != e.name && !e.aliases.iter().any(|a| a == surface) {
                e.aliases.push(surface.to_string());
            }
            ids.push(id);
        }
        for (q, quote) in doc.quotes.iter().enumerate() {
            if let Some(name) = &quote.speaker_entity
                && let Some(&id) = index
                    .get(&(EntityKind::Person, name.clone()))
                    .or_else(|| index.get(&(EntityKind::Organization, name.clone())))
            {
                entities[id].quotes.push(QuoteRef { doc: d, quote: q });
            }
        }
        links[d].mention_entities = ids;
    }
    // Co-occurrence: per document, each pair of its (few) distinct entities.
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    for l in links.iter() {
        let mut distinct: Vec<usize> = l.mention_entities.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for (i, &a) in distinct.iter().enumerate() {
            for &b in &distinct[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    for ((a, b), n) in pairs {
        entities[a].co_occurring.push((b, n));
        entities[b].co_occurring.push((a, n));
    }
    for e in &mut entities {
        e.co_occurring
            .sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        e.co_occurring.truncate(12);
    }
    let mut slugs: Vec<String> = entities.iter().map(|e| slugify(&e.name)).collect();
    dedupe(&mut slugs);
    for (e, s) in entities.iter_mut().zip(slugs) {
        e.slug = s;
    }
    entities
}

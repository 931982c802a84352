//! The entity index: one [`Entity`] per person, organisation or place across every source and
//! language, with every mention, the sources that name it, the quotes it spoke and the entities
//! it appears with.
//!
//! Extraction reports each mention under a canonical name: the gazetteer's when it knew the
//! name, else the surface form. Here those names are merged with transliteration-aware keys
//! ([`super::names`]): "Wladimir Putin" joins "Vladimir Putin" even when the gazetteer does not
//! list that spelling, and a surname on its own ("Peskow") joins the one full name it can stand
//! for — first among the people the same source names, then across the dossier — and stays
//! apart when several people share it.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use serde::Serialize;

use super::names::{NameParts, compatible_people, name_key, name_parts};
use super::{DocLinks, QuoteRef};
use crate::extract::Document;
use crate::manifest::{EntityKind, Manifest};
use crate::slug::{dedupe, slugify};

/// A mention of an entity in a source: `documents[doc].mentions[mention]`. Two 32-bit
/// indexes, because a big dossier has millions of mentions (the text's offsets and sentence
/// are read from the document where a page shows them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EntityMention {
    pub doc: u32,
    pub mention: u32,
}

impl EntityMention {
    /// The document's index.
    pub fn doc(&self) -> usize {
        self.doc as usize
    }
    /// The mention as the document holds it (its offsets in the text).
    pub fn in_doc<'a>(&self, docs: &'a [Document]) -> &'a crate::extract::Mention {
        &docs[self.doc as usize].mentions[self.mention as usize]
    }
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
    /// A surname that several people of the dossier share, kept apart from all of them.
    pub ambiguous: bool,
    /// Every mention, in source order with each source's together (entity pages are cut in
    /// parts by source and find a part's first mention by binary search).
    pub mentions: Vec<EntityMention>,
    /// Documents that mention it, in dossier order, without repeats.
    pub sources: Vec<usize>,
    /// Quotes it spoke.
    pub quotes: Vec<QuoteRef>,
    /// Entities named in the same sources, most shared first: (entity, number of sources).
    pub co_occurring: Vec<(usize, usize)>,
}

impl Entity {
    fn new(name: &str, kind: EntityKind) -> Entity {
        Entity {
            slug: String::new(),
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            description: None,
            in_gazetteer: false,
            ambiguous: false,
            mentions: Vec::new(),
            sources: Vec::new(),
            quotes: Vec::new(),
            co_occurring: Vec::new(),
        }
    }
}

/// How many other names an entity page lists (inflected forms can be many).
const MAX_ALIASES: usize = 24;
/// How many co-occurring entities each entity keeps.
const MAX_CO_OCCURRING: usize = 12;
/// Documents naming more distinct entities than this add only their most named ones to the
/// co-occurrence counts (keeps the pair count linear in the number of documents).
const MAX_CO_OCCURRING_PER_DOC: usize = 40;

/// The key a name is merged under: people by given names + surname (titles dropped), others by
/// every word.
fn key_of(kind: EntityKind, name: &str) -> Option<String> {
    match kind {
        EntityKind::Person => name_parts(name).map(|p| p.full_key()),
        _ => Some(name_key(name)).filter(|k| !k.is_empty()),
    }
}

/// Where a name resolves before looking at the document it is in.
#[derive(Debug, Clone)]
enum Resolution {
    Entity(usize),
    /// A surname alone: resolved per document.
    Surname(String),
}

/// Names by kind, looked up without allocating.
#[derive(Default)]
struct NameMap([FxHashMap<String, Resolution>; 3]);

impl NameMap {
    fn slot(kind: EntityKind) -> usize {
        match kind {
            EntityKind::Person => 0,
            EntityKind::Organization => 1,
            EntityKind::Place => 2,
        }
    }
    fn get(&self, kind: EntityKind, name: &str) -> Option<&Resolution> {
        self.0[Self::slot(kind)].get(name)
    }
    fn insert(&mut self, kind: EntityKind, name: String, r: Resolution) {
        self.0[Self::slot(kind)].insert(name, r);
    }
}

/// Resolves names to entities; built once, then asked per document.
pub struct Resolver {
    /// Names exactly as extraction reported them.
    by_name: NameMap,
    /// Keys of every entity's name and aliases (unique ones only).
    by_key: FxHashMap<(EntityKind, String), usize>,
    /// Surname key → people with a full name (given names known) of that surname.
    full_names_by_surname: FxHashMap<String, Vec<usize>>,
    /// Surname key → the entity standing for that surname when it cannot be resolved.
    surname_entities: FxHashMap<String, usize>,
    /// Name parts of each person entity (for comparing speakers).
    pub parts: Vec<Option<NameParts>>,
}

const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
];

impl Resolver {
    /// The entity a name of `kind` stands for in a document naming the full-name people
    /// `doc_people`.
    fn resolve(&self, kind: EntityKind, name: &str, doc_people: &[usize]) -> Option<usize> {
        match self.by_name.get(kind, name)? {
            Resolution::Entity(e) => Some(*e),
            Resolution::Surname(key) => self.resolve_surname(key, doc_people),
        }
    }

    /// A surname alone: the one person of that surname the document names, else the one the
    /// dossier names, else the entity standing for the (shared or unknown) surname.
    fn resolve_surname(&self, key: &str, doc_people: &[usize]) -> Option<usize> {
        let mut in_doc = doc_people.iter().copied().filter(|&p| {
            self.parts
                .get(p)
                .and_then(Option::as_ref)
                .is_some_and(|n| n.surname == key)
        });
        match (in_doc.next(), in_doc.next()) {
            (Some(one), None) => Some(one),
            (Some(_), Some(_)) => self.surname_entities.get(key).copied(),
            (None, _) => match self.full_names_by_surname.get(key).map(Vec::as_slice) {
                Some([one]) => Some(*one),
                _ => self.surname_entities.get(key).copied(),
            },
        }
    }

    /// The known entity a quote's speaker stands for ("Kremlin spokesman Dmitri Peskow",
    /// "the Kremlin"); `None` for unnamed speakers ("a witness") and names the dossier never
    /// mentions. A full name as written wins over extraction's resolution (which may have
    /// followed the wrong person of a shared surname); a surname alone follows extraction.
    pub fn speaker(
        &self,
        speaker_entity: Option<&str>,
        speaker: Option<&str>,
        doc_people: &[usize],
    ) -> Option<usize> {
        if let Some(surface) = speaker {
            let words: Vec<&str> = surface.split_whitespace().collect();
            // The longest run of final words that is a known person's full name.
            for from in 0..words.len().saturating_sub(1) {
                let tail = words[from..].join(" ");
                if let Some(e) = self
                    .resolve(EntityKind::Person, &tail, doc_people)
                    .or_else(|| {
                        let key = name_parts(&tail)
                            .filter(|p| !p.given.is_empty())?
                            .full_key();
                        self.by_key.get(&(EntityKind::Person, key)).copied()
                    })
                {
                    return Some(e);
                }
            }
        }
        for name in [speaker_entity, speaker].into_iter().flatten() {
            if let Some(e) = KINDS
                .iter()
                .find_map(|&k| self.resolve(k, name, doc_people))
            {
                return Some(e);
            }
            if let Some(e) = KINDS
                .iter()
                .find_map(|&k| key_of(k, name).and_then(|key| self.by_key.get(&(k, key)).copied()))
            {
                return Some(e);
            }
            if let Some(parts) = name_parts(name)
                && parts.given.is_empty()
                && name.chars().next().is_some_and(char::is_uppercase)
                && let Some(e) = self.resolve_surname(&parts.surname, doc_people)
            {
                return Some(e);
            }
        }
        None
    }
}

/// The entity index and, per document, each mention's entity and each quote's speaker entity.
pub struct EntityIndex {
    pub entities: Vec<Entity>,
    pub resolver: Resolver,
}

/// Builds the entity index and fills each document's mention → entity and quote → speaker links.
pub fn build(manifest: &Manifest, docs: &[Document], links: &mut [DocLinks]) -> EntityIndex {
    let site_language = manifest.language.as_str();
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_name = NameMap::default();
    // Keys of the gazetteer's names and aliases; `None` where two entries share a key.
    let mut gazetteer_keys: FxHashMap<(EntityKind, String), Option<usize>> = FxHashMap::default();
    for def in &manifest.entities {
        let id = match by_name.get(def.kind, &def.name) {
            Some(Resolution::Entity(id)) => *id,
            _ => {
                let mut e = Entity::new(&def.name, def.kind);
                e.aliases = def.aliases.clone();
                e.description = def.description.clone();
                e.in_gazetteer = true;
                entities.push(e);
                let id = entities.len() - 1;
                by_name.insert(def.kind, def.name.clone(), Resolution::Entity(id));
                id
            }
        };
        for n in std::iter::once(&def.name).chain(&def.aliases) {
            if let Some(k) = key_of(def.kind, n) {
                gazetteer_keys
                    .entry((def.kind, k))
                    .and_modify(|v| {
                        if *v != Some(id) {
                            *v = None
                        }
                    })
                    .or_insert(Some(id));
            }
        }
    }

    // Every distinct name extraction reported, with how often (to name merged entities), in
    // the order first seen; hashed with Fx rather than SipHash (one lookup per mention: two
    // million at 50,000 sources, on one thread).
    let mut seen: indexmap::IndexMap<(EntityKind, &str), f64, rustc_hash::FxBuildHasher> =
        indexmap::IndexMap::default();
    for doc in docs {
        let in_site_language = doc
            .metadata
            .language
            .as_ref()
            .is_none_or(|l| l.value == site_language);
        for m in &doc.mentions {
            *seen.entry((m.kind, &*m.entity)).or_default() +=
                if in_site_language { 1.5 } else { 1.0 };
        }
    }
    // Full names first: exact gazetteer names, then gazetteer keys, then merged by key.
    let mut new_by_key: FxHashMap<(EntityKind, String), Vec<(String, f64)>> = FxHashMap::default();
    let mut surnames: Vec<(EntityKind, String, String)> = Vec::new();
    for ((kind, name), weight) in &seen {
        if by_name.get(*kind, name).is_some() {
            continue;
        }
        let Some(key) = key_of(*kind, name) else {
            continue;
        };
        if let Some(Some(id)) = gazetteer_keys.get(&(*kind, key.clone())) {
            by_name.insert(*kind, name.to_string(), Resolution::Entity(*id));
            continue;
        }
        let surname_only = *kind == EntityKind::Person && !key.contains(' ');
        if surname_only {
            surnames.push((*kind, name.to_string(), key));
        } else {
            new_by_key
                .entry((*kind, key))
                .or_default()
                .push((name.to_string(), *weight));
        }
    }
    let mut new_keys: Vec<(EntityKind, String)> = new_by_key.keys().cloned().collect();
    new_keys.sort();
    for k in new_keys {
        let mut names = new_by_key.remove(&k).unwrap_or_default();
        names.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        entities.push(Entity::new(&names[0].0, k.0));
        let id = entities.len() - 1;
        for (n, _) in names {
            by_name.insert(k.0, n, Resolution::Entity(id));
        }
    }

    // People known by a full name, by surname.
    let mut parts: Vec<Option<NameParts>> = entities
        .iter()
        .map(|e| {
            (e.kind == EntityKind::Person)
                .then(|| name_parts(&e.name))
                .flatten()
        })
        .collect();
    let mut full_names_by_surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (id, p) in parts.iter().enumerate() {
        if let Some(p) = p
            && !p.given.is_empty()
        {
            full_names_by_surname
                .entry(p.surname.clone())
                .or_default()
                .push(id);
        }
    }

    let mut surname_entities: FxHashMap<String, usize> = FxHashMap::default();
    for (kind, name, key) in surnames {
        let known = full_names_by_surname.get(&key).map_or(0, Vec::len);
        if known != 1 && !surname_entities.contains_key(&key) {
            let mut e = Entity::new(&name, kind);
            e.ambiguous = known > 1;
            entities.push(e);
            parts.push(name_parts(&name));
            surname_entities.insert(key.clone(), entities.len() - 1);
        }
        by_name.insert(kind, name, Resolution::Surname(key));
    }
    // Every entity's name and aliases by key, for speakers that were never mentions.
    let mut by_key: FxHashMap<(EntityKind, String), Option<usize>> = FxHashMap::default();
    for (id, e) in entities.iter().enumerate() {
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            if let Some(k) = key_of(e.kind, n) {
                by_key
                    .entry((e.kind, k))
                    .and_modify(|v| {
                        if *v != Some(id) {
                            *v = None
                        }
                    })
                    .or_insert(Some(id));
            }
        }
    }
    let by_key = by_key
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
    let resolver = Resolver {
        by_name,
        by_key,
        full_names_by_surname,
        surname_entities,
        parts,
    };

    // Each document's mentions and speakers resolved, in parallel (the resolver only reads; a
    // name with no letters to key on is marked `UNKEYED`), then entered document by document.
    const UNKEYED: usize = usize::MAX;
    let resolved: Vec<(Vec<usize>, Vec<Option<usize>>)> = docs
        .par_iter()
        .map(|doc| {
            let mut doc_people: Vec<usize> = doc
                .mentions
                .iter()
                .filter(|m| m.kind == EntityKind::Person)
                .filter_map(|m| match resolver.by_name.get(m.kind, &m.entity) {
                    Some(Resolution::Entity(e)) => Some(*e),
                    _ => None,
                })
                .filter(|&e| {
                    resolver.parts[e]
                        .as_ref()
                        .is_some_and(|p| !p.given.is_empty())
                })
                .collect();
            doc_people.sort_unstable();
            doc_people.dedup();
            let ids = doc
                .mentions
                .iter()
                .map(|m| {
                    resolver
                        .resolve(m.kind, &m.entity, &doc_people)
                        .unwrap_or(UNKEYED)
                })
                .collect();
            let speakers = doc
                .quotes
                .iter()
                .map(|q| {
                    resolver.speaker(
                        q.speaker_entity.as_deref(),
                        q.speaker.as_deref(),
                        &doc_people,
                    )
                })
                .collect();
            (ids, speakers)
        })
        .collect();
    let mut unkeyed: FxHashMap<(EntityKind, String), usize> = FxHashMap::default();
    for (d, (doc, (mut ids, speakers))) in docs.iter().zip(resolved).enumerate() {
        for (i, (m, id)) in doc.mentions.iter().zip(ids.iter_mut()).enumerate() {
            if *id == UNKEYED {
                // A name with no letters to key on: an entity of its own.
                *id = *unkeyed
                    .entry((m.kind, m.entity.to_string()))
                    .or_insert_with(|| {
                        entities.push(Entity::new(&m.entity, m.kind));
                        entities.len() - 1
                    });
            }
            let e = &mut entities[*id];
            e.mentions.push(EntityMention {
                doc: d as u32,
                mention: i as u32,
            });
            if e.sources.last() != Some(&d) {
                e.sources.push(d);
            }
            let surface = doc.text[m.start..m.end].trim();
            if surface != e.name
                && e.aliases.len() < MAX_ALIASES
                && !e.aliases.iter().any(|a| a == surface)
            {
                e.aliases.push(surface.to_string());
            }
        }
        for (q, s) in speakers.iter().enumerate() {
            if let Some(e) = *s
                && doc.quotes[q].kind == crate::extract::QuoteKind::Speech
            {
                entities[e].quotes.push(QuoteRef { doc: d, quote: q });
            }
        }
        links[d].quote_speakers = speakers;
        links[d].mention_entities = ids;
    }
    co_occurrence(&mut entities, links);
    let mut slugs: Vec<String> = entities.iter().map(|e| slugify(&e.name)).collect();
    dedupe(&mut slugs);
    for (e, s) in entities.iter_mut().zip(slugs) {
        e.slug = s;
    }
    EntityIndex { entities, resolver }
}

/// Counts, for each entity, the sources it shares with each other entity.
fn co_occurrence(entities: &mut [Entity], links: &[DocLinks]) {
    let mut pairs: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    for l in links {
        let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
        for &e in &l.mention_entities {
            *counts.entry(e).or_default() += 1;
        }
        let mut distinct: Vec<(usize, usize)> = counts.into_iter().collect();
        distinct.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        distinct.truncate(MAX_CO_OCCURRING_PER_DOC);
        let mut ids: Vec<usize> = distinct.into_iter().map(|(e, _)| e).collect();
        ids.sort_unstable();
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    for ((a, b), n) in pairs {
        entities[a].co_occurring.push((b, n));
        entities[b].co_occurring.push((a, n));
    }
    for e in entities.iter_mut() {
        e.co_occurring
            .sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        e.co_occurring.truncate(MAX_CO_OCCURRING);
    }
}

/// Whether two entities can be the same speaker: the same entity, people whose names are
/// compatible (a surname entity and a full name), or a person and an organisation (a spokesperson
/// speaks for it). Two different organisations, or two different people, cannot.
pub fn compatible_speakers(
    a: usize,
    b: usize,
    entities: &[Entity],
    parts: &[Option<NameParts>],
) -> bool {
    if a == b {
        return true;
    }
    let (ea, eb) = (&entities[a], &entities[b]);
    match (ea.kind == EntityKind::Person, eb.kind == EntityKind::Person) {
        (true, true) => match (
            parts.get(a).and_then(Option::as_ref),
            parts.get(b).and_then(Option::as_ref),
        ) {
            (Some(x), Some(y)) => compatible_people(x, y),
            _ => false,
        },
        (false, false) => false,
        _ => true,
    }
}

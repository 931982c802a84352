//! Stage 4: the extracted [`Document`]s → a cross-linked [`Dossier`]: entities across sources
//! and languages, the same quote across outlets, events, claims, the comparison table, the
//! timeline and related sources. Every index here is built in near-linear time.

pub mod claims;
pub mod compare;
pub mod entities;
pub mod events;
pub mod figures;
pub mod names;
pub mod quotes;
pub mod related;
pub mod timeline;

use chrono::NaiveDate;
use serde::Serialize;

use crate::extract::Document;
use crate::load::NoteSource;
use crate::manifest::{EntityKind, Manifest};

pub use claims::{Claim, ClaimCell, Stance};
pub use compare::{Cell, Column, Comparison, ComparisonRow, EventSection};
pub use entities::{Entity, EntityMention};
pub use events::{Disagreement, DisagreementValue, Event};
pub use quotes::QuoteGroup;
pub use related::Related;
pub use timeline::{Timeline, TimelineEntry, TimelineKind};

/// A quote of one document: `documents[doc].quotes[quote]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct QuoteRef {
    pub doc: usize,
    pub quote: usize,
}

/// The dossier's own description, for every page's header and the exports.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    pub author: Option<String>,
}

/// Per document: which event, quote groups, entities and related sources it links to.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocLinks {
    pub event: Option<usize>,
    /// For each quote of the document, its group (an index into [`Dossier::quote_groups`]).
    pub quote_groups: Vec<Option<usize>>,
    /// For each mention of the document, its entity (an index into [`Dossier::entities`]).
    pub mention_entities: Vec<usize>,
    /// For each quote of the document, the entity of its speaker when known.
    pub quote_speakers: Vec<Option<usize>>,
    pub related: Vec<Related>,
}

/// Everything the site shows, computed once; render only displays it.
#[derive(Debug, Serialize)]
pub struct Dossier {
    pub site: SiteInfo,
    pub documents: Vec<Document>,
    pub links: Vec<DocLinks>,
    pub notes: Vec<NoteSource>,
    pub entities: Vec<Entity>,
    pub quote_groups: Vec<QuoteGroup>,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
    pub comparison: Comparison,
    pub timeline: Timeline,
}

/// How long each cross-linking step took, for `--timings` and the benchmarks.
#[derive(Debug, Default, Clone, Serialize)]
pub struct LinkTimings {
    pub entities_ms: f64,
    pub quotes_ms: f64,
    pub events_ms: f64,
    pub claims_ms: f64,
    pub compare_ms: f64,
    pub timeline_ms: f64,
    pub related_ms: f64,
}

/// Cross-links the documents under the manifest's events, entities, claims and columns.
pub fn link(
    manifest: &Manifest,
    mut documents: Vec<Document>,
    notes: Vec<NoteSource>,
) -> (Dossier, LinkTimings) {
    let mut t = LinkTimings::default();
    let clock = std::time::Instant::now;
    // Stable order: by publication date, then id, so pages and tables read chronologically.
    documents.sort_by(|a, b| {
        let da = a.metadata.published.as_ref().map(|f| f.value);
        let db = b.metadata.published.as_ref().map(|f| f.value);
        da.is_none()
            .cmp(&db.is_none())
            .then(da.cmp(&db))
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut links: Vec<DocLinks> = documents
        .iter()
        .map(|d| DocLinks {
            quote_groups: vec![None; d.quotes.len()],
            ..DocLinks::default()
        })
        .collect();

    let s = clock();
    let entities::EntityIndex { entities, resolver } =
        entities::build(manifest, &documents, &mut links);
    t.entities_ms = ms(s);

    // Events first from dates, entities and words; then quotes matched within them; then
    // events again with the shared quotes, and quotes grouped within the final events.
    let s = clock();
    let lead_words = events::lead_words(&documents);
    let first_events = events::assign(manifest, &documents, &entities, &lead_words, &mut links);
    let event_of: Vec<Option<usize>> = links.iter().map(|l| l.event).collect();
    drop(first_events);
    t.events_ms = ms(s);

    let s = clock();
    let matches = quotes::find_matches(
        &documents,
        &entities,
        &resolver.parts,
        &links,
        Some(&event_of),
    );
    quotes::group(
        &matches,
        &documents,
        &entities,
        &resolver.parts,
        Some(&event_of),
        &mut links,
    );
    t.quotes_ms = ms(s);

    let s = clock();
    let mut events = events::assign(manifest, &documents, &entities, &lead_words, &mut links);
    drop(lead_words);
    events::find_disagreements(&documents, &mut events);
    t.events_ms += ms(s);

    // Then within events: a statement re-used in coverage of another event is another quote.
    let s = clock();
    let event_of: Vec<Option<usize>> = links.iter().map(|l| l.event).collect();
    let quote_groups = quotes::group(
        &matches,
        &documents,
        &entities,
        &resolver.parts,
        Some(&event_of),
        &mut links,
    );
    for (g, group) in quote_groups.iter().enumerate() {
        if let Some(e) = links[group.reference.doc].event {
            events[e].quote_groups.push(g);
        }
    }
    t.quotes_ms += ms(s);

    let s = clock();
    let claims = claims::evaluate(&manifest.claims, &documents);
    t.claims_ms = ms(s);

    let s = clock();
    let comparison = compare::build(manifest, &documents, &links, &events);
    t.compare_ms = ms(s);

    let s = clock();
    let timeline = timeline::build(&documents, &events);
    t.timeline_ms = ms(s);

    let s = clock();
    related::rank(&documents, &entities, &quote_groups, &events, &mut links);
    t.related_ms = ms(s);

    let site = SiteInfo {
        title: manifest.title.clone(),
        description: manifest.description.clone(),
        language: manifest.language.clone(),
        base_url: normalize_base_url(manifest.base_url.as_deref().unwrap_or("/")),
        author: manifest.author.clone(),
    };
    (
        Dossier {
            site,
            documents,
            links,
            notes,
            entities,
            quote_groups,
            events,
            claims,
            comparison,
            timeline,
        },
        t,
    )
}

/// Reads each of `count` documents with `read` (in parallel, a chunk at a time: all of a big
/// dossier's words at once would take hundreds of megabytes) and hands the results to `number`
/// in document order, so that what it numbers does not depend on the threads. `number` is one
/// thread's work; it runs while the pool reads the next chunk.
pub(crate) fn read_then_number<T: Send>(
    count: usize,
    read: impl Fn(usize) -> T + Sync,
    mut number: impl FnMut(usize, T) + Send,
) {
    use rayon::prelude::*;
    const CHUNK: usize = 1024;
    let read_chunk = |from: usize| -> (usize, Vec<T>) {
        let to = (from + CHUNK).min(count);
        (from, (from..to).into_par_iter().map(&read).collect())
    };
    let mut chunks = (0..count).step_by(CHUNK);
    let mut read_ahead = chunks.next().map(read_chunk);
    while let Some((from, chunk)) = read_ahead.take() {
        let next = chunks.next();
        read_ahead = rayon::join(
            || next.map(read_chunk),
            || {
                for (d, item) in (from..).zip(chunk) {
                    number(d, item);
                }
            },
        )
        .0;
    }
}

fn ms(since: std::time::Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// `https://x.org/a` → `https://x.org/a/`; `` → `/`.
pub fn normalize_base_url(raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_empty() {
        return "/".into();
    }
    if raw.ends_with('/') {
        raw.to_string()
    } else {
        format!("{raw}/")
    }
}

pub use crate::text::sentence_around;

/// The day a document is dated by, as days since the common era: its publication date, else the
/// date of the event it reports. For date windows.
pub fn doc_day(doc: &Document) -> Option<i32> {
    use chrono::Datelike;
    doc.metadata
        .published
        .as_ref()
        .or(doc.metadata.event_date.as_ref())
        .map(|f| f.value.num_days_from_ce())
}

/// The earliest of some dates.
pub fn earliest(dates: impl IntoIterator<Item = NaiveDate>) -> Option<NaiveDate> {
    dates.into_iter().min()
}

/// The kind's display heading.
pub fn kind_heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organisations",
        EntityKind::Place => "Places",
    }
}

#[cfg(test)]
pub mod testing;
#[cfg(test)]
mod tests;

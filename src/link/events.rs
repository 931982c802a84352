//! Events: sources grouped by the event they report — the manifest's events where the editor
//! assigned them, otherwise clustered from dates and content — and, where sources of one event
//! disagree on a fact or a figure, the disagreement side by side.
//!
//! Clustering is single-pass with refinement, near-linear in the number of sources:
//!
//! 1. Each source becomes a sparse vector of what identifies an event: the entities it names
//!    (the lead counts double), the quote groups it shares with other sources, and the
//!    distinctive words of its headline and lead, each weighted by inverse document frequency.
//! 2. Dated sources, in date order, join the most similar open cluster (cosine against the
//!    cluster's summed vector) among those reachable through an inverted index of features and
//!    open in time (its dates within [`JOIN_AFTER_DAYS`] of the source's), or start a new one.
//! 3. Undated sources join the most similar cluster of any date, or start their own; then every
//!    undated source is placed again against the final clusters.
//! 4. Clusters of one source are left unassigned (a lone source is no event).
//!
//! Sources the editor assigned to a manifest event stay there; those clusters take part in the
//! clustering, so unassigned sources can join the editor's events.

use rustc_hash::FxHashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::DocLinks;
use super::entities::Entity;
use super::figures;
use crate::extract::{BlockKind, Document};
use crate::manifest::Manifest;
use crate::slug::{dedupe, slugify};

/// One value of a disputed fact and the sources giving it.
#[derive(Debug, Clone, Serialize)]
pub struct DisagreementValue {
    pub value: String,
    pub sources: Vec<usize>,
    /// Per source: how it puts it ("two Russians") and the sentence's byte range, for figures
    /// read from the text.
    pub evidence: Vec<Option<(String, (usize, usize))>>,
}

/// One fact on which the sources of an event disagree: each value with the sources giving it.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub fact: String,
    /// Read from the texts (a figure) rather than the editor's `facts:`.
    pub from_text: bool,
    pub values: Vec<DisagreementValue>,
}

/// An event and the sources that report it.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub description: Option<String>,
    /// Documents reporting it, in dossier order.
    pub sources: Vec<usize>,
    /// Whether the editor defined it (else it was clustered).
    pub from_manifest: bool,
    pub disagreements: Vec<Disagreement>,
    /// Statements its sources share (indexes into [`super::Dossier::quote_groups`]).
    pub quote_groups: Vec<usize>,
}

/// A dated source may join a cluster whose latest source is at most this many days older.
pub const JOIN_AFTER_DAYS: i32 = 14;
/// … or whose earliest source is at most this many days newer.
pub const JOIN_BEFORE_DAYS: i32 = 7;
/// Minimum cosine similarity for a dated source to join a cluster.
const JOIN_DATED: f64 = 0.25;
/// Minimum cosine similarity for an undated source (no date to confirm it).
const JOIN_UNDATED: f64 = 0.3;
/// Features shared by more clusters than this are not used to find candidates.
const MAX_POSTING: usize = 200;
/// How many of a source's strongest features are used to find candidate clusters.
const PROBE_FEATURES: usize = 16;
/// How many candidate clusters are compared in full with a source.
const MAX_CANDIDATES: usize = 32;
/// Words of the lead (after the headline) that describe the event.
const LEAD_WORDS: usize = 120;

/// Words too common to say anything about an event (English and German).
const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "also",
    "although",
    "among",
    "another",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "could",
    "does",
    "during",
    "each",
    "from",
    "further",
    "have",
    "having",
    "here",
    "into",
    "just",
    "more",
    "most",
    "much",
    "must",
    "only",
    "other",
    "over",
    "said",
    "says",
    "same",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "your",
    "according",
    "told",
    "reported",
    "statement",
    "news",
    "people",
    "first",
    "last",
    "year",
    "years",
    "week",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "aber",
    "alle",
    "allem",
    "also",
    "auch",
    "auf",
    "aus",
    "bei",
    "bereits",
    "bisher",
    "damit",
    "dann",
    "dass",
    "dem",
    "den",
    "der",
    "des",
    "die",
    "dies",
    "diese",
    "dieser",
    "doch",
    "durch",
    "eine",
    "einem",
    "einen",
    "einer",
    "eines",
    "gegen",
    "habe",
    "haben",
    "hatte",
    "hatten",
    "heute",
    "immer",
    "ihre",
    "jetzt",
    "kann",
    "kein",
    "keine",
    "mehr",
    "nach",
    "nicht",
    "noch",
    "nur",
    "oder",
    "ohne",
    "schon",
    "sein",
    "seine",
    "sich",
    "sind",
    "soll",
    "sollen",
    "sowie",
    "sagte",
    "teilte",
    "über",
    "unter",
    "viele",
    "vom",
    "von",
    "vor",
    "wegen",
    "weil",
    "wenn",
    "werden",
    "wird",
    "wurde",
    "wurden",
    "zum",
    "zur",
    "zwischen",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "woche",
    "jahr",
    "jahren",
];

// FxHash rather than SipHash: this is asked for the lead words of every source, and the keys
// are this fixed list, not input to defend against.
static STOPWORD_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// A sparse vector: (feature, weight), sorted by feature, L2-normalised.
type Vector = Vec<(u32, f32)>;

fn dot(a: &Vector, b: &FxHashMap<u32, f32>) -> f64 {
    a.iter()
        .map(|(f, w)| b.get(f).map_or(0.0, |c| (*w * *c) as f64))
        .sum()
}

/// A cluster being built: the sum of its members' vectors and its dates.
struct Cluster {
    sum: FxHashMap<u32, f32>,
    norm2: f64,
    members: Vec<usize>,
    first: Option<i32>,
    last: Option<i32>,
}

impl Cluster {
    fn new() -> Cluster {
        Cluster {
            sum: FxHashMap::default(),
            norm2: 0.0,
            members: Vec::new(),
            first: None,
            last: None,
        }
    }
    /// Adds a member; returns the features the cluster did not have before.
    fn add(&mut self, d: usize, v: &Vector, day: Option<i32>) -> Vec<u32> {
        let mut new = Vec::new();
        for &(f, w) in v {
            let c = self.sum.entry(f).or_insert_with(|| {
                new.push(f);
                0.0
            });
            self.norm2 += (2.0 * *c * w + w * w) as f64;
            *c += w;
        }
        self.members.push(d);
        if let Some(day) = day {
            self.first = Some(self.first.map_or(day, |f| f.min(day)));
            self.last = Some(self.last.map_or(day, |l| l.max(day)));
        }
        new
    }
    fn remove(&mut self, d: usize, v: &Vector) {
        for &(f, w) in v {
            if let Some(c) = self.sum.get_mut(&f) {
                self.norm2 += (w * w - 2.0 * *c * w) as f64;
                *c -= w;
            }
        }
        self.members.retain(|&m| m != d);
    }
    fn similarity(&self, v: &Vector) -> f64 {
        if self.norm2 <= 1e-12 {
            return 0.0;
        }
        dot(v, &self.sum) / self.norm2.sqrt()
    }
    /// Whether a source of `day` can belong to it in time.
    fn open_to(&self, day: Option<i32>) -> bool {
        match (day, self.first, self.last) {
            (Some(d), Some(first), Some(last)) => {
                d >= first - JOIN_BEFORE_DAYS && d <= last + JOIN_AFTER_DAYS
            }
            _ => true,
        }
    }
}

/// For a source without a date: the first day of the year before the latest year its text
/// names. An article naming 2020 is unlikely to report an event of 2017 — but it may name a
/// future year ("targets for 2030"), so this only breaks near-ties between clusters.
fn undated_floor(doc: &Document) -> Option<i32> {
    static YEAR: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\b(19[5-9][0-9]|20[0-9][0-9])\b").unwrap());
    let latest: i32 = YEAR
        .find_iter(&doc.text)
        .filter_map(|m| m.as_str().parse().ok())
        .max()?;
    NaiveDate::from_ymd_opt(latest - 1, 1, 1).map(|d| d.num_days_from_ce())
}

/// How much a cluster that ended before an undated source's floor counts against it.
const BEFORE_FLOOR_FACTOR: f64 = 0.95;

/// The similarity used to choose among clusters for an undated source: a cluster whose sources
/// all lie before the years the text names loses a near-tie.
fn undated_score(cluster: &Cluster, similarity: f64, floor: Option<i32>) -> f64 {
    match (floor, cluster.last) {
        (Some(f), Some(last)) if last < f => similarity * BEFORE_FLOOR_FACTOR,
        _ => similarity,
    }
}

/// The day a source is about: the date of the event it reports when extraction found one close
/// before publication, else its publication date.
fn event_day(doc: &Document) -> Option<i32> {
    let published = doc.metadata.published.as_ref().map(|f| f.value);
    let event = doc.metadata.event_date.as_ref().map(|f| f.value);
    match (event, published) {
        (Some(e), Some(p)) if e <= p && (p - e).num_days() <= 60 => Some(e),
        (_, Some(p)) => Some(p),
        (Some(e), None) => Some(e),
        (None, None) => None,
    }
    .map(|d| d.num_days_from_ce())
}

/// A word reduced to a crude stem, so inflections of one word meet ("holidays" = "holiday").
fn stem(w: &str) -> &str {
    let n = w.chars().count();
    if n > 5 {
        for suffix in ["ies", "es", "s", "ed", "en", "er", "e"] {
            if let Some(stem) = w.strip_suffix(suffix)
                && stem.chars().count() >= 4
            {
                return stem;
            }
        }
    }
    w
}

/// The words of the headline and lead that can tell events apart, and the pairs of adjacent
/// words among them: events are often named by two ("New Year", "drone strike").
fn lead_terms(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut budget = LEAD_WORDS;
    for b in &doc.blocks {
        let title = b.kind == BlockKind::Title;
        if !title && !matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading) {
            continue;
        }
        let mut previous: Option<String> = None;
        for w in doc.text[b.start..b.end].split(|c: char| !c.is_alphanumeric()) {
            if !title {
                if budget == 0 {
                    return out;
                }
                budget -= 1;
            }
            if w.is_empty() {
                continue;
            }
            if w.chars().count() < 3 || w.chars().any(|c| c.is_ascii_digit()) {
                previous = None;
                continue;
            }
            let lower = w.to_lowercase();
            if STOPWORD_SET.contains(lower.as_str()) {
                previous = None;
                continue;
            }
            let word = stem(&lower).to_string();
            if let Some(p) = previous.take() {
                out.push(format!("{p} {word}"));
            }
            if lower.chars().count() >= 4 {
                out.push(word.clone());
            }
            previous = Some(word);
        }
    }
    out
}

/// Each document's lead words as (word number, occurrences), words numbered in order of first
/// appearance across the documents. Events are clustered twice (before and after quotes are
/// grouped) and the words are the same both times: read and numbered once.
pub struct LeadWords {
    per_doc: Vec<Vec<(u32, f32)>>,
    /// How many distinct words there are (their numbers are below it).
    count: u32,
}

/// Reads every document's lead words and numbers them in document order
/// ([`super::read_then_number`]: at 50,000 sources reading and numbering one after the other
/// took 0.84 s).
pub fn lead_words(docs: &[Document]) -> LeadWords {
    let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
    let mut per_doc: Vec<Vec<(u32, f32)>> = Vec::with_capacity(docs.len());
    super::read_then_number(
        docs.len(),
        |d| lead_terms(&docs[d]),
        |_, lead| {
            let mut counts: FxHashMap<u32, f32> = FxHashMap::default();
            for w in lead {
                let n = numbers.len() as u32;
                let number = *numbers.entry(w).or_insert(n);
                *counts.entry(number).or_insert(0.0) += 1.0;
            }
            per_doc.push(counts.into_iter().collect());
        },
    );
    LeadWords {
        per_doc,
        count: numbers.len() as u32,
    }
}

/// Feature vectors of every document.
fn vectors(
    docs: &[Document],
    links: &[DocLinks],
    n_entities: usize,
    lead_words: &LeadWords,
) -> (Vec<Vector>, u32) {
    use rayon::prelude::*;
    // Feature ids: entities first, then quote groups, then words.
    let n_groups = links
        .iter()
        .flat_map(|l| l.quote_groups.iter().flatten())
        .max()
        .map_or(0, |g| g + 1);
    let word_base = (n_entities + n_groups) as u32;
    // (feature, term frequency) per document (in parallel), turned into the weights in place
    // below.
    let raw: Vec<Vector> = (docs.par_iter().enumerate())
        .zip(&lead_words.per_doc)
        .map(|((d, doc), lead)| {
            let mut counts: FxHashMap<u32, f32> = FxHashMap::default();
            // The lead: mentions before the end of the first three paragraphs count double.
            let lead_end = doc
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Paragraph)
                .nth(2)
                .map_or(doc.text.len(), |b| b.end);
            for (m, &e) in doc.mentions.iter().zip(&links[d].mention_entities) {
                *counts.entry(e as u32).or_insert(0.0) +=
                    if m.start < lead_end { 2.0 } else { 1.0 };
            }
            for g in links[d].quote_groups.iter().flatten() {
                counts.entry((n_entities + g) as u32).or_insert(1.0);
            }
            for &(w, n) in lead {
                *counts.entry(word_base + w).or_insert(0.0) += n;
            }
            counts.into_iter().collect()
        })
        .collect();
    // Document frequencies by feature id (the ids are dense).
    let mut df: Vec<u32> = vec![0; (word_base + lead_words.count) as usize];
    for r in &raw {
        for &(f, _) in r {
            df[f as usize] += 1;
        }
    }
    let n = docs.len().max(1) as f32;
    // How much a kind of feature counts: a shared quote most, then an entity, then a word.
    let family = |f: u32| {
        if f < n_entities as u32 {
            1.0
        } else if f < word_base {
            2.0
        } else {
            0.6
        }
    };
    // In place: a second set of vectors beside the counts took 60 MB at 50,000 sources.
    let mut vectors = raw;
    vectors.par_iter_mut().for_each(|v| {
        v.retain(|&(f, _)| df[f as usize] >= 2);
        for (f, w) in v.iter_mut() {
            let idf = (n / df[*f as usize] as f32).ln_1p();
            *w = (1.0 + w.max(1.0).ln()) * idf * family(*f);
        }
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in v.iter_mut() {
                x.1 /= norm;
            }
        }
        v.sort_by_key(|x| x.0);
        v.shrink_to_fit();
    });
    (vectors, word_base)
}

/// A vector's strongest features: the ones used to find candidate clusters.
fn probe(v: &Vector) -> Vec<(u32, f32)> {
    let mut top: Vec<(u32, f32)> = v.clone();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(PROBE_FEATURES);
    top
}

/// Feature → clusters holding it.
#[derive(Default)]
struct Index(FxHashMap<u32, Vec<usize>>);

impl Index {
    fn add(&mut self, c: usize, features: &[u32]) {
        for f in features {
            self.0.entry(*f).or_default().push(c);
        }
    }
    /// The clusters sharing the most of the vector's strongest features (by weight), keeping
    /// in the postings only clusters for which `keep` holds (closed clusters leave for good).
    fn candidates(&mut self, v: &Vector, out: &mut Vec<usize>, keep: impl Fn(usize) -> bool) {
        let mut score: FxHashMap<usize, f32> = FxHashMap::default();
        for (f, w) in probe(v) {
            if let Some(p) = self.0.get_mut(&f) {
                p.retain(|&c| keep(c));
                if p.len() <= MAX_POSTING {
                    for &c in p.iter() {
                        *score.entry(c).or_default() += w;
                    }
                }
            }
        }
        let mut ranked: Vec<(usize, f32)> = score.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(MAX_CANDIDATES);
        out.clear();
        out.extend(ranked.into_iter().map(|(c, _)| c));
    }
}

/// Assigns each document to an event: the manifest's `event:` when given, else a clustered
/// event. Fills `links[d].event`; the events' disagreements are left to
/// [`find_disagreements`].
pub fn assign(
    manifest: &Manifest,
    docs: &[Document],
    entities: &[Entity],
    lead_words: &LeadWords,
    links: &mut [DocLinks],
) -> Vec<Event> {
    let by_id: FxHashMap<&str, usize> = manifest
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    for l in links.iter_mut() {
        l.event = None;
    }
    let (vectors, word_base) = vectors(docs, links, entities.len(), lead_words);
    let days: Vec<Option<i32>> = docs.iter().map(event_day).collect();
    let floors: Vec<Option<i32>> = docs
        .iter()
        .zip(&days)
        .map(|(doc, day)| {
            if day.is_none() {
                undated_floor(doc)
            } else {
                None
            }
        })
        .collect();
    let mut clusters: Vec<Cluster> = manifest
        .events
        .iter()
        .enumerate()
        .map(|_| Cluster::new())
        .collect();
    let mut cluster_of: Vec<Option<usize>> = vec![None; docs.len()];
    let mut pinned = vec![false; docs.len()];
    for (d, doc) in docs.iter().enumerate() {
        if let Some(&e) = doc.editorial.event.as_deref().and_then(|e| by_id.get(e)) {
            let _ = clusters[e].add(d, &vectors[d], days[d]);
            cluster_of[d] = Some(e);
            pinned[d] = true;
        }
    }
    // Dated sources in date order, against the clusters still open in time; then undated
    // ones against every cluster.
    let mut order: Vec<usize> = (0..docs.len()).filter(|&d| !pinned[d]).collect();
    order.sort_by_key(|&d| (days[d].is_none(), days[d], d));
    let mut index = Index::default();
    for (c, cl) in clusters.iter().enumerate() {
        index.add(c, &cl.sum.keys().copied().collect::<Vec<_>>());
    }
    let mut seen = Vec::new();
    let mut full_index = false;
    for &d in &order {
        let day = days[d];
        if day.is_none() && !full_index {
            // From here on every cluster is a candidate: index them all again.
            index = Index::default();
            for (c, cl) in clusters.iter().enumerate() {
                index.add(c, &cl.sum.keys().copied().collect::<Vec<_>>());
            }
            full_index = true;
        }
        let threshold = if day.is_some() {
            JOIN_DATED
        } else {
            JOIN_UNDATED
        };
        {
            let clusters = &clusters;
            index.candidates(&vectors[d], &mut seen, |c| match (day, clusters[c].last) {
                (Some(day), Some(last)) => last + JOIN_AFTER_DAYS >= day,
                _ => true,
            });
        }
        let best = seen
            .iter()
            .filter(|&&c| clusters[c].open_to(day))
            .map(|&c| (c, clusters[c].similarity(&vectors[d])))
            .filter(|&(_, s)| s >= threshold)
            .map(|(c, s)| (c, undated_score(&clusters[c], s, floors[d])))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let c = match best {
            Some((c, _)) => c,
            None => {
                clusters.push(Cluster::new());
                clusters.len() - 1
            }
        };
        let new = clusters[c].add(d, &vectors[d], day);
        index.add(c, &new);
        cluster_of[d] = Some(c);
    }
    // Undated sources were placed against the clusters formed so far; place them again against
    // the final clusters (twice: a move can make another one better).
    if full_index {
        for _ in 0..2 {
            for &d in order.iter().filter(|&&d| days[d].is_none()) {
                let own = cluster_of[d].expect("placed");
                clusters[own].remove(d, &vectors[d]);
                index.candidates(&vectors[d], &mut seen, |_| true);
                let best = seen
                    .iter()
                    .filter(|&&c| c == own || !clusters[c].members.is_empty())
                    .map(|&c| (c, clusters[c].similarity(&vectors[d])))
                    .filter(|&(c, s)| s >= JOIN_UNDATED || c == own)
                    .map(|(c, s)| (c, undated_score(&clusters[c], s, floors[d])))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map_or(own, |(c, _)| c);
                let new = clusters[best].add(d, &vectors[d], None);
                index.add(best, &new);
                cluster_of[d] = Some(best);
            }
        }
    }

    merge_language_halves(
        &mut clusters,
        &mut cluster_of,
        manifest.events.len(),
        word_base,
    );

    // Events: the manifest's (in manifest order), then clustered ones of two or more sources in
    // date order.
    let mut events: Vec<Event> = manifest
        .events
        .iter()
        .map(|e| Event {
            id: slugify(&e.id),
            title: e.title.clone(),
            date: e.date.map(|d| d.0),
            description: e.description.clone(),
            sources: Vec::new(),
            from_manifest: true,
            disagreements: Vec::new(),
            quote_groups: Vec::new(),
        })
        .collect();
    let mut clustered: Vec<usize> = (manifest.events.len()..clusters.len())
        .filter(|&c| clusters[c].members.len() >= 2)
        .collect();
    clustered.sort_by_key(|&c| (clusters[c].first.is_none(), clusters[c].first, c));
    let mut event_of_cluster: FxHashMap<usize, usize> =
        (0..manifest.events.len()).map(|c| (c, c)).collect();
    for &c in &clustered {
        event_of_cluster.insert(c, events.len());
        events.push(describe(
            &clusters[c].members,
            &clusters[c].sum,
            docs,
            &vectors,
            manifest,
        ));
    }
    for (d, c) in cluster_of.iter().enumerate() {
        if let Some(e) = c.and_then(|c| event_of_cluster.get(&c)) {
            events[*e].sources.push(d);
            links[d].event = Some(*e);
        }
    }
    let mut ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    dedupe(&mut ids);
    for (e, id) in events.iter_mut().zip(ids) {
        e.id = id;
    }
    for e in &mut events {
        e.sources.sort_unstable();
        if e.date.is_none() {
            e.date = event_date(docs, &e.sources);
        }
    }
    events
}

/// Fills in each event's [`Event::disagreements`]: done once, for the final events (reading
/// figures from every text is the costliest part of events), and in parallel across events.
pub fn find_disagreements(docs: &[Document], events: &mut [Event]) {
    use rayon::prelude::*;
    events
        .par_iter_mut()
        .for_each(|e| e.disagreements = disagreements(docs, &e.sources));
}

/// Minimum cosine of two clusters' entities and shared quotes for them to be one event.
const MERGE_ENTITIES: f64 = 0.6;

/// Joins clusters of one event that words kept apart — coverage in two languages shares
/// entities and dates but no words — or that started a day apart: clusters open at the same
/// time whose entities and shared quotes (words left out) are alike. Candidates come from an
/// index of each cluster's strongest entities, so this stays near-linear.
fn merge_language_halves(
    clusters: &mut [Cluster],
    cluster_of: &mut [Option<usize>],
    manifest_events: usize,
    word_base: u32,
) {
    let entity_vector = |c: &Cluster| -> Vector {
        let mut v: Vector = c
            .sum
            .iter()
            .filter(|(f, w)| **f < word_base && **w > 0.0)
            .map(|(&f, &w)| (f, w))
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= norm);
        }
        v.sort_by_key(|x| x.0);
        v
    };
    let live: Vec<usize> = (manifest_events..clusters.len())
        .filter(|&c| !clusters[c].members.is_empty())
        .collect();
    let vectors: FxHashMap<usize, Vector> = live
        .iter()
        .map(|&c| (c, entity_vector(&clusters[c])))
        .collect();
    let mut index = Index::default();
    for &c in &live {
        index.add(
            c,
            &probe(&vectors[&c]).iter().map(|x| x.0).collect::<Vec<_>>(),
        );
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    let mut seen = Vec::new();
    for &c in &live {
        index.candidates(&vectors[&c], &mut seen, |_| true);
        for &o in seen.iter().filter(|&&o| o > c) {
            let (a, b) = (&clusters[c], &clusters[o]);
            let overlapping = match (a.first, a.last, b.first, b.last) {
                (Some(a0), Some(a1), Some(b0), Some(b1)) => {
                    b0 <= a1 + JOIN_AFTER_DAYS && a0 <= b1 + JOIN_AFTER_DAYS
                }
                _ => true,
            };
            if !overlapping {
                continue;
            }
            let sim: f64 = vectors[&c]
                .iter()
                .map(|(f, w)| {
                    vectors[&o]
                        .binary_search_by_key(f, |x| x.0)
                        .map_or(0.0, |i| (*w * vectors[&o][i].1) as f64)
                })
                .sum();
            if sim >= MERGE_ENTITIES {
                pairs.push((sim, c, o));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Union, most alike first; a merged cluster keeps within the time an event spans.
    let mut parent: Vec<usize> = (0..clusters.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut span: Vec<(Option<i32>, Option<i32>)> =
        clusters.iter().map(|c| (c.first, c.last)).collect();
    for (_, a, b) in pairs {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra == rb {
            continue;
        }
        let first = span[ra].0.into_iter().chain(span[rb].0).min();
        let last = span[ra].1.into_iter().chain(span[rb].1).max();
        if let (Some(f), Some(l)) = (first, last)
            && l - f > MAX_EVENT_DAYS
        {
            continue;
        }
        let (keep, gone) = (ra.min(rb), ra.max(rb));
        parent[gone] = keep;
        span[keep] = (first, last);
    }
    for c in live {
        let r = root(&mut parent, c);
        if r != c {
            let members = std::mem::take(&mut clusters[c].members);
            let sum = std::mem::take(&mut clusters[c].sum);
            for &d in &members {
                cluster_of[d] = Some(r);
            }
            let target = &mut clusters[r];
            for (f, w) in sum {
                *target.sum.entry(f).or_insert(0.0) += w;
            }
            target.norm2 = target.sum.values().map(|w| (*w as f64) * (*w as f64)).sum();
            target.members.extend(members);
            target.first = span[r].0;
            target.last = span[r].1;
        }
    }
}

/// A merged event spans at most this many days between its first and last source.
const MAX_EVENT_DAYS: i32 = 45;

/// The date of a clustered event: the date its sources most often give for it, else the
/// earliest publication.
fn event_date(docs: &[Document], sources: &[usize]) -> Option<NaiveDate> {
    let mut votes: FxHashMap<NaiveDate, usize> = FxHashMap::default();
    for &d in sources {
        if let Some(e) = &docs[d].metadata.event_date {
            *votes.entry(e.value).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(d, _)| d)
        .or_else(|| {
            sources
                .iter()
                .filter_map(|&d| docs[d].metadata.published.as_ref().map(|f| f.value))
                .min()
        })
}

/// A clustered event's title and id: the headline closest to the cluster's centre (in the
/// dossier's language when one is), dated.
fn describe(
    members: &[usize],
    sum: &FxHashMap<u32, f32>,
    docs: &[Document],
    vectors: &[Vector],
    manifest: &Manifest,
) -> Event {
    let mut sources = members.to_vec();
    sources.sort_unstable();
    let representative = sources
        .iter()
        .copied()
        .filter(|&d| docs[d].metadata.title.is_some())
        .max_by(|&a, &b| {
            let score = |d: usize| {
                let in_language = docs[d]
                    .metadata
                    .language
                    .as_ref()
                    .is_none_or(|l| l.value == manifest.language);
                dot(&vectors[d], sum) * if in_language { 1.5 } else { 1.0 }
            };
            score(a).total_cmp(&score(b)).then(b.cmp(&a))
        });
    let title = representative
        .and_then(|d| docs[d].metadata.title.as_ref())
        .map(|t| t.value.clone())
        .unwrap_or_else(|| format!("Event reported by {} sources", sources.len()));
    let date = event_date(docs, &sources);
    let slug_title = slugify(&crate::text::truncate_words(&title, 6).replace('…', ""));
    Event {
        id: match date {
            Some(d) => format!("{}-{}", d.format("%Y-%m-%d"), slug_title),
            None => slug_title,
        },
        title,
        date,
        description: None,
        sources: Vec::new(),
        from_manifest: false,
        disagreements: Vec::new(),
        quote_groups: Vec::new(),
    }
}

/// Facts (the manifest's `facts:`) and figures (read from the texts) that the event's sources
/// state differently.
fn disagreements(docs: &[Document], sources: &[usize]) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let mut facts: indexmap::IndexMap<&str, indexmap::IndexMap<&str, Vec<usize>>> =
        indexmap::IndexMap::new();
    for &d in sources {
        for (k, v) in &docs[d].editorial.facts {
            facts
                .entry(k.as_str())
                .or_default()
                .entry(v.0.as_str())
                .or_default()
                .push(d);
        }
    }
    for (fact, values) in facts {
        if values.len() > 1 {
            out.push(Disagreement {
                fact: fact.to_string(),
                from_text: false,
                values: values
                    .into_iter()
                    .map(|(v, ds)| DisagreementValue {
                        value: v.to_string(),
                        evidence: vec![None; ds.len()],
                        sources: ds,
                    })
                    .collect(),
            });
        }
    }
    // Figures from the text, where the editor gave no fact of that name.
    let mut figures_by_kind: indexmap::IndexMap<&str, indexmap::IndexMap<u64, DisagreementValue>> =
        indexmap::IndexMap::new();
    for &d in sources {
        for f in figures::find(&docs[d]) {
            let v = figures_by_kind
                .entry(f.kind)
                .or_default()
                .entry(f.value)
                .or_insert_with(|| DisagreementValue {
                    value: f.value.to_string(),
                    sources: Vec::new(),
                    evidence: Vec::new(),
                });
            v.sources.push(d);
            v.evidence.push(Some((f.phrase, f.sentence)));
        }
    }
    for (kind, mut values) in figures_by_kind {
        if values.len() > 1 && !out.iter().any(|x: &Disagreement| x.fact == kind) {
            values.sort_keys();
            out.push(Disagreement {
                fact: kind.to_string(),
                from_text: true,
                values: values.into_values().collect(),
            });
        }
    }
    out
}

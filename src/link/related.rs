//! Related sources for each source page: same event, shared quotes, shared entities, ranked.
//!
//! Near-linear: candidates come only from the document's event, its quote groups and the few
//! most specific entities it names (each through a bounded posting list); the exact number of
//! shared entities is counted only for the sources finally listed.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{DocLinks, Event, QuoteGroup, doc_day, entities::Entity};
use crate::extract::Document;

/// A related source and why.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub doc: usize,
    pub score: f64,
    pub same_event: bool,
    pub shared_quotes: usize,
    pub shared_entities: usize,
}

/// How many related sources each page lists.
const TOP: usize = 6;
/// Entities named by more sources than this are too common to relate sources by.
const COMMON_ENTITY_LIMIT: usize = 150;
/// How many of a document's most specific entities find candidates.
const PROBE_ENTITIES: usize = 10;
/// At most this many members of one event are considered (the closest in date).
const EVENT_LIMIT: usize = 200;
const SAME_EVENT: f64 = 3.0;
const SHARED_QUOTE: f64 = 4.0;

/// Ranks related sources for every document (never comparing all pairs).
pub fn rank(
    docs: &[Document],
    entities: &[Entity],
    groups: &[QuoteGroup],
    events: &[Event],
    links: &mut [DocLinks],
) {
    let n = docs.len().max(1) as f64;
    let idf = |e: usize| (n / entities[e].sources.len().max(1) as f64).ln().max(0.1);
    let doc_entities: Vec<Vec<usize>> = links
        .iter()
        .map(|l| {
            let mut v = l.mention_entities.clone();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let days: Vec<Option<i32>> = docs.iter().map(doc_day).collect();
    // Each document's ranking reads the others' links and writes nothing shared: in parallel,
    // each worker with a score table of its own.
    let ranked_all: Vec<Vec<Related>> = (0..docs.len())
        .into_par_iter()
        .map_init(FxHashMap::<usize, (f64, usize)>::default, |scores, d| {
            scores.clear();
            // Shared quote groups.
            let mut gs: Vec<usize> = links[d].quote_groups.iter().flatten().copied().collect();
            gs.sort_unstable();
            gs.dedup();
            for g in gs {
                // Like common entities: a statement repeated by hundreds of sources says little
                // about relatedness, and scoring it for each member is quadratic in its size.
                if groups[g].members.len() > COMMON_ENTITY_LIMIT {
                    continue;
                }
                let mut seen_docs: Vec<usize> = groups[g].members.iter().map(|m| m.doc).collect();
                seen_docs.dedup();
                for o in seen_docs {
                    if o != d {
                        let s = scores.entry(o).or_default();
                        s.0 += SHARED_QUOTE;
                        s.1 += 1;
                    }
                }
            }
            // The same event: its members closest in date.
            if let Some(e) = links[d].event {
                let members = &events[e].sources;
                let chosen: Vec<usize> = if members.len() <= EVENT_LIMIT {
                    members.clone()
                } else {
                    let mut by_gap: Vec<usize> = members.clone();
                    let gap = |o: usize| match (days[d], days[o]) {
                        (Some(a), Some(b)) => (a - b).abs(),
                        _ => i32::MAX,
                    };
                    by_gap.select_nth_unstable_by_key(EVENT_LIMIT, |&o| (gap(o), o));
                    by_gap.truncate(EVENT_LIMIT);
                    by_gap
                };
                for o in chosen {
                    if o != d {
                        scores.entry(o).or_default().0 += SAME_EVENT;
                    }
                }
            }
            // The most specific entities.
            let mut specific: Vec<usize> = doc_entities[d]
                .iter()
                .copied()
                .filter(|&e| entities[e].sources.len() <= COMMON_ENTITY_LIMIT)
                .collect();
            specific.sort_by(|&a, &b| idf(b).total_cmp(&idf(a)).then(a.cmp(&b)));
            specific.truncate(PROBE_ENTITIES);
            for e in specific {
                let w = idf(e) / n.ln().max(1.0);
                for &o in &entities[e].sources {
                    if o != d {
                        scores.entry(o).or_default().0 += w;
                    }
                }
            }
            let mut ranked: Vec<(usize, f64, usize)> =
                scores.iter().map(|(&o, &(s, q))| (o, s, q)).collect();
            // Closer in date first among equals, then dossier order.
            let gap = |o: usize| match (days[d], days[o]) {
                (Some(a), Some(b)) => (a - b).abs(),
                _ => i32::MAX,
            };
            ranked.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then(gap(a.0).cmp(&gap(b.0)))
                    .then(a.0.cmp(&b.0))
            });
            ranked.truncate(TOP);
            ranked
                .into_iter()
                .map(|(o, score, shared_quotes)| Related {
                    doc: o,
                    score,
                    same_event: links[d].event.is_some() && links[d].event == links[o].event,
                    shared_quotes,
                    shared_entities: count_shared(&doc_entities[d], &doc_entities[o]),
                })
                .collect()
        })
        .collect();
    for (l, r) in links.iter_mut().zip(ranked_all) {
        l.related = r;
    }
}

/// How many items two sorted lists share.
fn count_shared(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

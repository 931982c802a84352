//! Related sources for each source page: same event, shared quotes, shared entities, ranked.

use std::collections::HashMap;

use serde::Serialize;

use super::{DocLinks, QuoteGroup, entities::Entity};
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
/// Entities named by more sources than this say little about relatedness and are skipped.
const COMMON_ENTITY_LIMIT: usize = 200;

/// Ranks related sources for every document, using the entity and quote-group indexes
/// (never comparing all pairs).
pub fn rank(docs: &[Document], entities: &[Entity], groups: &[QuoteGroup], links: &mut [DocLinks]) {
    let n = docs.len();
    for d in 0..n {
        let mut scores: HashMap<usize, (f64, bool, usize, usize)> = HashMap::new();
        let mut seen_entities: Vec<usize> = links[d].mention_entities.clone();
        seen_entities.sort_unstable();
        seen_entities.dedup();
        for &e in &seen_entities {
            let sources = &entities[e].sources;
            if sources.len() > COMMON_ENTITY_LIMIT {
                continue;
            }
            let weight = 1.0 / (sources.len() as f64).ln().max(1.0);
            for &o in sources {
                if o != d {
                    let s = scores.entry(o).or_default();
                    s.0 += weight;
                    s.3 += 1;
                }
            }
        }
        let mut gs: Vec<usize> = links[d].quote_groups.iter().flatten().copied().collect();
        gs.sort_unstable();
        gs.dedup();
        for g in gs {
            // Like common entities: a statement repeated by hundreds of sources says little
            // about relatedness, and scoring it for each member is quadratic in its size.
            if groups[g].members.len() > COMMON_ENTITY_LIMIT {
                continue;
            }
            for m in &groups[g].members {
                if m.doc != d {
                    let s = scores.entry(m.doc).or_default();
                    s.0 += 3.0;
                    s.2 += 1;
                }
            }
        }
        let mut ranked: Vec<Related> = scores
            .into_iter()
            .map(|(o, (score, _, q, e))| {
                let same_event = links[d].event.is_some() && links[d].event == links[o].event;
                Related {
                    doc: o,
                    score: score + if same_event { 5.0 } else { 0.0 },
                    same_event,
                    shared_quotes: q,
                    shared_entities: e,
                }
            })
            .collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        ranked.truncate(TOP);
        links[d].related = ranked;
    }
}

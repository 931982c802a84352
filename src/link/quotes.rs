//! The same statement across outlets: quotes that several sources render, grouped.

use std::collections::HashMap;

use serde::Serialize;

use super::entities::Entity;
use super::{DocLinks, QuoteRef};
use crate::extract::{Document, QuoteKind};

/// Renderings of one statement by different sources.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteGroup {
    /// The page name (`quotes/<id>/`).
    pub id: String,
    pub members: Vec<QuoteRef>,
    /// The speaker most members name.
    pub speaker: Option<String>,
    /// The longest rendering, shown as the group's title.
    pub text: String,
}

/// Normalised words of a quote: lowercase, letters and digits only.
pub fn normalize(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups speech quotes whose words are identical after normalisation.
pub fn group(docs: &[Document], _entities: &[Entity], links: &mut [DocLinks]) -> Vec<QuoteGroup> {
    let mut by_text: HashMap<String, Vec<QuoteRef>> = HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for (q, quote) in doc.quotes.iter().enumerate() {
            if quote.kind == QuoteKind::Speech {
                by_text
                    .entry(normalize(&quote.text))
                    .or_default()
                    .push(QuoteRef { doc: d, quote: q });
            }
        }
    }
    let mut groups: Vec<Vec<QuoteRef>> = by_text
        .into_values()
        .filter(|m| {
            let mut docs: Vec<usize> = m.iter().map(|r| r.doc).collect();
            docs.dedup();
            docs.len() >= 2
        })
        .collect();
    groups.sort();
    groups
        .into_iter()
        .enumerate()
        .map(|(i, members)| {
            for r in &members {
                links[r.doc].quote_groups[r.quote] = Some(i);
            }
            let first = &docs[members[0].doc].quotes[members[0].quote];
            QuoteGroup {
                id: format!("q{}", i + 1),
                speaker: first
                    .speaker_entity
                    .clone()
                    .or_else(|| first.speaker.clone()),
                text: first.text.clone(),
                members,
            }
        })
        .collect()
}

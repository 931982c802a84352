//! Events: sources grouped by the event they report, from the manifest when it lists events,
//! and where sources of one event disagree on a fact, the disagreement side by side.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::DocLinks;
use crate::extract::Document;
use crate::manifest::Manifest;
use crate::slug::slugify;

/// One fact on which the sources of an event disagree: each value with the sources giving it.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub fact: String,
    pub values: Vec<(String, Vec<usize>)>,
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
}

/// Assigns each document to an event: the manifest's `event:` when given, else by month.
pub fn assign(manifest: &Manifest, docs: &[Document], links: &mut [DocLinks]) -> Vec<Event> {
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
        })
        .collect();
    let by_id: std::collections::HashMap<&str, usize> = manifest
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut by_month: std::collections::HashMap<(i32, u32), usize> =
        std::collections::HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        let idx = match doc.editorial.event.as_deref().and_then(|e| by_id.get(e)) {
            Some(&i) => Some(i),
            None if manifest.events.is_empty() => {
                let date = doc
                    .metadata
                    .event_date
                    .as_ref()
                    .or(doc.metadata.published.as_ref())
                    .map(|f| f.value);
                date.map(|date| {
                    *by_month
                        .entry((date.year(), date.month()))
                        .or_insert_with(|| {
                            events.push(Event {
                                id: format!("{}-{:02}", date.year(), date.month()),
                                title: format!("Events of {}", date.format("%B %Y")),
                                date: None,
                                description: None,
                                sources: Vec::new(),
                                from_manifest: false,
                                disagreements: Vec::new(),
                            });
                            events.len() - 1
                        })
                })
            }
            None => None,
        };
        if let Some(i) = idx {
            events[i].sources.push(d);
            links[d].event = Some(i);
        }
    }
    for e in &mut events {
        if e.date.is_none() {
            e.date = e
                .sources
                .iter()
                .filter_map(|&d| docs[d].metadata.event_date.as_ref().map(|f| f.value))
                .min();
        }
        e.disagreements = disagreements(docs, &e.sources);
    }
    events
}

/// Facts (from the manifest's `facts:`) that the event's sources state differently.
fn disagreements(docs: &[Document], sources: &[usize]) -> Vec<Disagreement> {
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
    facts
        .into_iter()
        .filter(|(_, values)| values.len() > 1)
        .map(|(fact, values)| Disagreement {
            fact: fact.to_string(),
            values: values
                .into_iter()
                .map(|(v, ds)| (v.to_string(), ds))
                .collect(),
        })
        .collect()
}

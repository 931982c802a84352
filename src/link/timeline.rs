//! The timeline: publications, events and the dates sources mention, in date order.

use chrono::NaiveDate;
use serde::Serialize;

use super::Event;
use crate::extract::Document;

/// What a timeline entry marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimelineKind {
    Event,
    Publication,
    Mention,
}

/// One dated thing.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub kind: TimelineKind,
    pub doc: Option<usize>,
    pub event: Option<usize>,
    /// For mentions: the byte range of the date in the document's text.
    pub span: Option<(usize, usize)>,
}

/// Every entry, in date order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timeline {
    pub entries: Vec<TimelineEntry>,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// Collects the dated entries.
pub fn build(docs: &[Document], events: &[Event]) -> Timeline {
    let mut entries = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if let Some(date) = e.date {
            entries.push(TimelineEntry {
                date,
                kind: TimelineKind::Event,
                doc: None,
                event: Some(i),
                span: None,
            });
        }
    }
    for (d, doc) in docs.iter().enumerate() {
        if let Some(p) = &doc.metadata.published {
            entries.push(TimelineEntry {
                date: p.value,
                kind: TimelineKind::Publication,
                doc: Some(d),
                event: None,
                span: None,
            });
        }
        for m in &doc.dates {
            entries.push(TimelineEntry {
                date: m.date,
                kind: TimelineKind::Mention,
                doc: Some(d),
                event: None,
                span: Some((m.start, m.end)),
            });
        }
    }
    entries.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.kind.cmp(&b.kind))
            .then(a.doc.cmp(&b.doc))
    });
    Timeline {
        first: entries.first().map(|e| e.date),
        last: entries.last().map(|e| e.date),
        entries,
    }
}

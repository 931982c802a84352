//! The comparison table: a row per source (headline, outlet, date, language, event, words, quotes,
//! speakers, entities) plus the manifest's `compare:` columns, grouped by event.

use regex::{Regex, RegexBuilder};
use serde::Serialize;

use super::{DocLinks, Event};
use crate::extract::{Document, QuoteKind};
use crate::manifest::Manifest;

/// A column of the table.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub label: String,
    /// A stable key for the column (CSS class, JS hooks, hiding).
    pub key: String,
    /// Sort numerically rather than alphabetically.
    pub numeric: bool,
}

/// One cell: what is shown, how it sorts, and for text rules the excerpt around the match.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    pub text: String,
    pub sort: String,
    /// Byte offset of the matched text in the document, to link to it.
    pub offset: Option<usize>,
}

/// A source's row.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonRow {
    pub doc: usize,
    pub cells: Vec<Cell>,
}

/// Rows of one event (or of sources without an event).
#[derive(Debug, Clone, Serialize)]
pub struct EventSection {
    pub event: Option<usize>,
    /// The rows, by document index (the table has one row per source).
    pub rows: Vec<usize>,
}

/// The whole table: its columns and sections. A row's cells are made when a page shows it
/// ([`Comparison::row`]): held for every source at once they were 77 MB of a 50,000-source
/// build.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Comparison {
    pub columns: Vec<Column>,
    pub sections: Vec<EventSection>,
    /// The manifest's extra columns, compiled.
    #[serde(skip)]
    rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
enum Rule {
    Fact(String),
    Text(Regex),
}

/// Builds the table for every document, in dossier order, sectioned by event.
pub fn build(
    manifest: &Manifest,
    docs: &[Document],
    links: &[DocLinks],
    events: &[Event],
) -> Comparison {
    let col = |label: &str, key: &str, numeric: bool| Column {
        label: label.to_string(),
        key: key.to_string(),
        numeric,
    };
    let mut columns = vec![
        col("Headline", "headline", false),
        col("Outlet", "outlet", false),
        col("Published", "published", false),
        col("Language", "language", false),
        col("Event", "event", false),
        col("Words", "words", true),
        col("Direct quotes", "quotes", true),
        col("Speakers quoted", "speakers", false),
        col("Entities named", "entities", false),
    ];
    let rules: Vec<Rule> = manifest
        .compare
        .iter()
        .map(|c| {
            if let Some(f) = &c.fact {
                Rule::Fact(f.clone())
            } else if let Some(p) = &c.pattern {
                Rule::Text(Regex::new(p).unwrap_or_else(|_| Regex::new("$^").unwrap()))
            } else {
                let alternatives: Vec<String> =
                    c.keywords.iter().map(|k| regex::escape(k)).collect();
                let pattern = format!(r"\b(?:{})\b", alternatives.join("|"));
                Rule::Text(
                    RegexBuilder::new(&pattern)
                        .case_insensitive(true)
                        .build()
                        .unwrap_or_else(|_| Regex::new("$^").unwrap()),
                )
            }
        })
        .collect();
    for (i, c) in manifest.compare.iter().enumerate() {
        let numeric = c.fact.as_ref().is_some_and(|f| {
            docs.iter()
                .filter_map(|d| d.editorial.facts.get(f))
                .all(|v| v.0.trim().parse::<f64>().is_ok())
        });
        columns.push(col(&c.label, &format!("c{}", i + 1), numeric));
    }

    let mut sections: Vec<EventSection> = events
        .iter()
        .enumerate()
        .map(|(i, _)| EventSection {
            event: Some(i),
            rows: Vec::new(),
        })
        .collect();
    let mut loose = EventSection {
        event: None,
        rows: Vec::new(),
    };
    for (d, l) in links.iter().enumerate().take(docs.len()) {
        match l.event {
            Some(e) => sections[e].rows.push(d),
            None => loose.rows.push(d),
        }
    }
    sections.retain(|s| !s.rows.is_empty());
    if !loose.rows.is_empty() {
        sections.push(loose);
    }
    Comparison {
        columns,
        sections,
        rules,
    }
}

impl Comparison {
    /// Source `d`'s row.
    pub fn row(
        &self,
        d: usize,
        docs: &[Document],
        links: &[DocLinks],
        events: &[Event],
    ) -> ComparisonRow {
        let doc = &docs[d];
        let rules = &self.rules;
        let m = &doc.metadata;
        let text_cell = |s: Option<&String>| {
            let t = s.cloned().unwrap_or_default();
            Cell {
                sort: t.to_lowercase(),
                text: t,
                offset: None,
            }
        };
        let num_cell = |n: usize| Cell {
            text: n.to_string(),
            sort: format!("{n:010}"),
            offset: None,
        };
        let speech: Vec<_> = doc
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Speech)
            .collect();
        let mut speakers: Vec<String> = Vec::new();
        for q in &speech {
            if let Some(s) = q.speaker_entity.as_ref().or(q.speaker.as_ref())
                && !speakers.contains(s)
            {
                speakers.push(s.clone());
            }
        }
        let n_entities = doc.entities.people.len()
            + doc.entities.organizations.len()
            + doc.entities.places.len();
        let mut entity_names: Vec<&str> = doc
            .entities
            .people
            .iter()
            .chain(&doc.entities.organizations)
            .chain(&doc.entities.places)
            .map(|n| &**n)
            .collect();
        entity_names.truncate(8);
        let mut entities_text = entity_names.join(", ");
        if n_entities > 8 {
            entities_text.push_str(&format!(" and {} more", n_entities - 8));
        }
        let event = links[d].event.map(|e| events[e].title.clone());
        let published = m.published.as_ref().map(|p| crate::text::iso_date(p.value));
        let mut cells = vec![
            text_cell(m.title.as_ref().map(|f| &f.value)),
            text_cell(m.outlet.as_ref().map(|f| &f.value)),
            Cell {
                sort: published.clone().unwrap_or_else(|| "9999".into()),
                text: published.unwrap_or_default(),
                offset: None,
            },
            text_cell(m.language.as_ref().map(|f| &f.value)),
            text_cell(event.as_ref()),
            num_cell(doc.word_count),
            num_cell(speech.len()),
            Cell {
                sort: speakers.len().to_string(),
                text: speakers.join(", "),
                offset: None,
            },
            Cell {
                sort: format!("{n_entities:06}"),
                text: entities_text,
                offset: None,
            },
        ];
        for rule in rules {
            cells.push(match rule {
                Rule::Fact(key) => {
                    let v = doc
                        .editorial
                        .facts
                        .get(key)
                        .map(|v| v.0.clone())
                        .unwrap_or_default();
                    let sort = v
                        .trim()
                        .parse::<f64>()
                        .map(|n| format!("{:020.6}", n + 1e12))
                        .unwrap_or_else(|_| v.to_lowercase());
                    Cell {
                        text: v,
                        sort,
                        offset: None,
                    }
                }
                Rule::Text(re) => match re.find(&doc.text) {
                    Some(found) => {
                        let excerpt = excerpt(&doc.text, found.start(), found.end(), 8);
                        Cell {
                            sort: excerpt.to_lowercase(),
                            text: excerpt,
                            offset: Some(found.start()),
                        }
                    }
                    None => Cell::default(),
                },
            });
        }
        ComparisonRow { doc: d, cells }
    }
}

/// The match with up to `words` words either side, marked with ellipses where cut.
pub fn excerpt(text: &str, start: usize, end: usize, words: usize) -> String {
    let before: Vec<&str> = text[..start].split_whitespace().collect();
    let after: Vec<&str> = text[end..].split_whitespace().collect();
    let b = &before[before.len().saturating_sub(words)..];
    let a = &after[..after.len().min(words)];
    let mut out = String::new();
    if before.len() > b.len() {
        out.push('…');
    }
    out.push_str(&b.join(" "));
    if !b.is_empty() && !text[..start].ends_with(char::is_whitespace) {
        // The match continues a word: no space.
    } else if !b.is_empty() {
        out.push(' ');
    }
    out.push_str(&text[start..end]);
    if !a.is_empty() {
        if text[end..].starts_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(&a.join(" "));
    }
    if after.len() > a.len() {
        out.push('…');
    }
    out.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_keeps_words_around_the_match() {
        let text = "one two three four five six seven eight nine ten";
        let s = text.find("five").unwrap();
        assert_eq!(excerpt(text, s, s + 4, 2), "…three four five six seven…");
        assert_eq!(excerpt(text, 0, 3, 1), "one two…");
    }
}

//! `output/dossier.json`: the whole cross-linked model for other tools — sources with their
//! metadata and quotes (speaker, group), entities with the sources that name them, quote
//! groups, events, claims. No full texts, so it stays a manageable size at tens of thousands of
//! sources; one source, entity, group, event or claim per line, so it can be read line by line.
//! The schema is documented in `docs/dossier-json.md`.

use std::io::{self, Write};

use serde::Serialize;

use super::body;
use crate::extract::QuoteKind;
use crate::link::{Dossier, Stance};

/// The format's version; bumped when a field changes meaning or disappears (additions keep it).
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Header<'a> {
    format: &'static str,
    version: u32,
    generator: &'static str,
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    text: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_entity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    block: String,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    file: String,
    words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    quotes: Vec<QuoteOut<'a>>,
    entities: Vec<&'a str>,
    related: Vec<&'a str>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
    in_gazetteer: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ambiguous: bool,
    mentions: usize,
    quotes: usize,
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_entity: Option<&'a str>,
    languages: &'a [String],
    /// `[source id, index into that source's quotes]`.
    members: Vec<(&'a str, usize)>,
}

#[derive(Serialize)]
struct ValueOut<'a> {
    value: &'a str,
    sources: Vec<&'a str>,
    /// Per source, how it states a figure read from its text (`null` for editor facts).
    phrases: Vec<Option<&'a str>>,
}

#[derive(Serialize)]
struct DisagreementOut<'a> {
    fact: &'a str,
    from_text: bool,
    values: Vec<ValueOut<'a>>,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    from_manifest: bool,
    sources: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    disagreements: Vec<DisagreementOut<'a>>,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    source: &'a str,
    evidence: &'a str,
    block: String,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    statement: &'a str,
    supports: Vec<EvidenceOut<'a>>,
    mentions: Vec<EvidenceOut<'a>>,
}

/// Writes the model as JSON: a header object's fields, then each section as an array with one
/// item per line.
pub fn write(dossier: &Dossier, mut w: impl Write) -> io::Result<()> {
    let d = dossier;
    let id = |doc: usize| d.documents[doc].id.as_str();
    let header = Header {
        format: "dossier-json",
        version: VERSION,
        generator: concat!("dossier ", env!("CARGO_PKG_VERSION")),
        title: &d.site.title,
        description: &d.site.description,
        language: &d.site.language,
        base_url: &d.site.base_url,
        author: d.site.author.as_deref(),
    };
    let head = serde_json::to_string(&header)?;
    // The header's fields open the top-level object; the sections follow.
    w.write_all(&head.as_bytes()[..head.len() - 1])?;

    section(
        &mut w,
        "sources",
        d.documents.iter().enumerate(),
        |(i, doc)| {
            let m = &doc.metadata;
            let links = &d.links[i];
            let mut entities: Vec<usize> = links.mention_entities.clone();
            entities.sort_unstable();
            entities.dedup();
            SourceOut {
                id: &doc.id,
                title: m.title.as_ref().map(|f| f.value.as_str()),
                outlet: m.outlet.as_ref().map(|f| f.value.as_str()),
                byline: m.byline.as_ref().map(|f| f.value.as_str()),
                published: m.published.as_ref().map(|f| f.value.to_string()),
                event_date: m.event_date.as_ref().map(|f| f.value.to_string()),
                language: m.language.as_ref().map(|f| f.value.as_str()),
                url: m.url.as_ref().map(|f| f.value.as_str()),
                file: doc.file.to_string_lossy().replace('\\', "/"),
                words: doc.word_count,
                event: links.event.map(|e| d.events[e].id.as_str()),
                tags: &doc.editorial.tags,
                quotes: doc
                    .quotes
                    .iter()
                    .enumerate()
                    .map(|(q, quote)| QuoteOut {
                        text: &quote.text,
                        kind: match quote.kind {
                            QuoteKind::Speech => "speech",
                            QuoteKind::Term => "term",
                        },
                        speaker: quote.speaker.as_deref(),
                        speaker_entity: links
                            .quote_speakers
                            .get(q)
                            .copied()
                            .flatten()
                            .map(|e| d.entities[e].slug.as_str()),
                        group: links
                            .quote_groups
                            .get(q)
                            .copied()
                            .flatten()
                            .map(|g| d.quote_groups[g].id.as_str()),
                        block: body::block_anchor(doc, quote.start),
                    })
                    .collect(),
                entities: entities
                    .into_iter()
                    .map(|e| d.entities[e].slug.as_str())
                    .collect(),
                related: links.related.iter().map(|r| id(r.doc)).collect(),
            }
        },
    )?;

    section(
        &mut w,
        "entities",
        d.entities.iter().filter(|e| !e.sources.is_empty()),
        |e| EntityOut {
            id: &e.slug,
            name: &e.name,
            kind: e.kind.plural(),
            aliases: &e.aliases,
            in_gazetteer: e.in_gazetteer,
            ambiguous: e.ambiguous,
            mentions: e.mentions.len(),
            quotes: e.quotes.len(),
            sources: e.sources.iter().map(|&s| id(s)).collect(),
        },
    )?;

    section(&mut w, "quote_groups", d.quote_groups.iter(), |g| {
        GroupOut {
            id: &g.id,
            text: &g.text,
            speaker: g.speaker.as_deref(),
            speaker_entity: g.speaker_entity.map(|e| d.entities[e].slug.as_str()),
            languages: &g.languages,
            members: g.members.iter().map(|r| (id(r.doc), r.quote)).collect(),
        }
    })?;

    section(&mut w, "events", d.events.iter(), |e| EventOut {
        id: &e.id,
        title: &e.title,
        date: e.date.map(|x| x.to_string()),
        from_manifest: e.from_manifest,
        sources: e.sources.iter().map(|&s| id(s)).collect(),
        disagreements: e
            .disagreements
            .iter()
            .map(|dis| DisagreementOut {
                fact: &dis.fact,
                from_text: dis.from_text,
                values: dis
                    .values
                    .iter()
                    .map(|v| ValueOut {
                        value: &v.value,
                        sources: v.sources.iter().map(|&s| id(s)).collect(),
                        phrases: v
                            .evidence
                            .iter()
                            .map(|e| e.as_ref().map(|(p, _)| p.as_str()))
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    })?;

    section(&mut w, "claims", d.claims.iter(), |c| {
        let evidence = |stance: Stance| {
            c.cells
                .iter()
                .enumerate()
                .filter(|(_, cell)| cell.stance == stance)
                .filter_map(|(doc, cell)| {
                    let (s, e) = cell.evidence?;
                    let document = &d.documents[doc];
                    Some(EvidenceOut {
                        source: id(doc),
                        evidence: &document.text[s..e],
                        block: body::block_anchor(document, s),
                    })
                })
                .collect()
        };
        ClaimOut {
            id: &c.id,
            statement: &c.statement,
            supports: evidence(Stance::Supports),
            mentions: evidence(Stance::Mentions),
        }
    })?;
    w.write_all(b"\n}\n")?;
    w.flush()
}

/// `,"name": [` then one serialised item per line, then `]`.
fn section<W: Write, I, T: Serialize>(
    w: &mut W,
    name: &str,
    items: impl Iterator<Item = I>,
    convert: impl Fn(I) -> T,
) -> io::Result<()> {
    write!(w, ",\n\"{name}\": [")?;
    for (n, item) in items.enumerate() {
        w.write_all(if n == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, &convert(item))?;
    }
    w.write_all(b"\n]")
}

//! Hand-made documents for the link stage's tests, so they do not depend on extraction.

use chrono::NaiveDate;

use crate::extract::{
    Block, BlockKind, Document, Editorial, EntityNames, Field, Mention, Metadata, Origin, Quote,
    QuoteKind,
};
use crate::manifest::{EntityDef, EntityKind, Manifest};

/// A document whose paragraphs are separated by blank lines; the first paragraph is the
/// headline when `title` is set.
pub struct DocBuilder {
    doc: Document,
}

impl DocBuilder {
    pub fn new(id: &str, text: &str) -> DocBuilder {
        let mut blocks = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                start,
                end: start + part.len(),
            });
            start += part.len() + 2;
        }
        DocBuilder {
            doc: Document {
                id: id.into(),
                file: format!("{id}.txt").into(),
                format: crate::load::SourceFormat::Text,
                encoding: "UTF-8",
                metadata: Metadata::default(),
                text: text.into(),
                blocks,
                quotes: Vec::new(),
                mentions: Vec::new(),
                entities: EntityNames::default(),
                dates: Vec::new(),
                word_count: text.split_whitespace().count(),
                editorial: Editorial::default(),
            },
        }
    }
    /// The first block is the headline.
    pub fn title(mut self) -> Self {
        let b = &mut self.doc.blocks[0];
        b.kind = BlockKind::Title;
        self.doc.metadata.title = Some(Field::new(
            self.doc.text[b.start..b.end].to_string(),
            Origin::Text,
        ));
        self
    }
    pub fn published(mut self, date: &str) -> Self {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a test date");
        self.doc.metadata.published = Some(Field::new(d, Origin::Manifest));
        self
    }
    pub fn language(mut self, lang: &str) -> Self {
        self.doc.metadata.language = Some(Field::new(lang.into(), Origin::Manifest));
        self
    }
    pub fn outlet(mut self, outlet: &str) -> Self {
        self.doc.metadata.outlet = Some(Field::new(outlet.into(), Origin::Manifest));
        self
    }
    pub fn event(mut self, event: &str) -> Self {
        self.doc.editorial.event = Some(event.into());
        self
    }
    /// Every occurrence of `surface` as a mention of `entity`.
    pub fn mention(mut self, surface: &str, entity: &str, kind: EntityKind) -> Self {
        let mut from = 0;
        while let Some(i) = self.doc.text[from..].find(surface) {
            let start = from + i;
            self.doc.mentions.push(Mention {
                start,
                end: start + surface.len(),
                entity: entity.into(),
                kind,
            });
            from = start + surface.len();
        }
        self.doc.mentions.sort_by_key(|m| m.start);
        self.doc.entities = EntityNames::from_mentions(&self.doc.mentions);
        self
    }
    /// The first occurrence of `words` (without marks) as a speech quote.
    pub fn quote(mut self, words: &str, speaker: Option<&str>) -> Self {
        let start = self.doc.text.find(words).expect("the quote is in the text");
        let end = start + words.len();
        self.doc.quotes.push(Quote {
            start,
            end,
            outer_start: start.saturating_sub(1),
            outer_end: (end + 1).min(self.doc.text.len()),
            text: words.into(),
            kind: QuoteKind::Speech,
            speaker: speaker.map(str::to_string),
            speaker_entity: None,
            cue: Some("said".into()),
        });
        self.doc.quotes.sort_by_key(|q| q.start);
        self
    }
    pub fn build(self) -> Document {
        self.doc
    }
}

/// A manifest with these gazetteer entries (name, kind, aliases) and nothing else.
pub fn manifest(entities: &[(&str, EntityKind, &[&str])]) -> Manifest {
    let mut m: Manifest = serde_yaml::from_str("title: test").expect("a minimal manifest");
    m.entities = entities
        .iter()
        .map(|(name, kind, aliases)| EntityDef {
            name: name.to_string(),
            kind: *kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            description: None,
        })
        .collect();
    m
}

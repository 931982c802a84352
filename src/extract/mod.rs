//! Stage 3: a loaded [`Source`] → a [`Document`]: clean article text (site chrome removed),
//! metadata with where each value came from, direct quotations with their speakers, and entity
//! mentions. Pure functions of the source and the gazetteer: no I/O, no templates.

pub mod boilerplate;
pub mod clean;
pub mod cues;
pub mod dates;
pub mod entities;
pub mod html;
pub mod language;
pub mod lexicon;
pub mod metadata;
pub mod names;
mod near;
pub mod outlet;
pub mod quotes;
pub mod sentences;
pub mod speakers;
mod warm;

pub use entities::Gazetteer;
pub use warm::warm_up;

use std::path::PathBuf;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::Serialize;

use crate::load::{Source, SourceFormat};
use crate::manifest::{EntityKind, Scalar};

/// Where a metadata value came from, shown on the source page so readers know what to trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The editor wrote it in dossier.yaml.
    Manifest,
    /// The Markdown file's front matter.
    FrontMatter,
    /// An HTML `<meta>` tag, `<title>` or `<time>` element.
    HtmlMeta,
    /// Schema.org JSON-LD in the page.
    JsonLd,
    /// Read from the article's text (dateline, byline, headline).
    Text,
    /// Inferred statistically (language detection).
    Detected,
}

impl Origin {
    /// A short label for the page ("from the manifest", "from the text").
    pub fn label(self) -> &'static str {
        match self {
            Origin::Manifest => "manifest",
            Origin::FrontMatter => "front matter",
            Origin::HtmlMeta => "page metadata",
            Origin::JsonLd => "page metadata (JSON-LD)",
            Origin::Text => "extracted from the text",
            Origin::Detected => "detected",
        }
    }
}

/// A metadata value and its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Field<T> {
    pub fn new(value: T, origin: Origin) -> Field<T> {
        Field { value, origin }
    }
}

/// What a source is: headline, outlet, byline, dates, language, address.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    pub title: Option<Field<String>>,
    pub outlet: Option<Field<String>>,
    pub byline: Option<Field<String>>,
    pub published: Option<Field<NaiveDate>>,
    /// ISO 639-1 code.
    pub language: Option<Field<String>>,
    /// The date of the main event the article reports, when the text lets one work it out.
    pub event_date: Option<Field<NaiveDate>>,
    pub url: Option<Field<String>>,
}

/// The structural role of a run of clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// The headline as printed at the top of the article.
    Title,
    Heading,
    Paragraph,
    ListItem,
    /// A block quotation (indented or `>` quoted).
    BlockQuote,
}

/// A block of the clean text: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

/// Whether quoted words are someone's words or a term held at arm's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words attributed to a person or body, fragments included.
    Speech,
    /// Scare quotes, names ("Islamic State"), titles, slogans.
    Term,
}

/// A direct quotation in the clean text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Byte range of the words inside the marks, in [`Document::text`].
    pub start: usize,
    pub end: usize,
    /// Byte range including the quotation marks.
    pub outer_start: usize,
    pub outer_end: usize,
    /// The words without the marks, whitespace collapsed.
    pub text: String,
    pub kind: QuoteKind,
    /// The speaker as the text names them ("the Kremlin", "Dmitri Peskow").
    pub speaker: Option<String>,
    /// The canonical entity the speaker resolves to, when known.
    pub speaker_entity: Option<String>,
    /// The attribution cue ("said", "according to", "sagte").
    pub cue: Option<String>,
}

/// An entity named in the clean text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// The canonical name (the gazetteer's, or the normalised surface form), shared by the
    /// document's mentions of one name (a big dossier has millions of mentions).
    pub entity: std::sync::Arc<str>,
    pub kind: EntityKind,
}

/// A date the text mentions, for the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// Canonical entity names by kind, in order of first mention.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EntityNames {
    pub people: Vec<std::sync::Arc<str>>,
    pub organizations: Vec<std::sync::Arc<str>>,
    pub places: Vec<std::sync::Arc<str>>,
}

impl EntityNames {
    /// The names of one kind.
    pub fn of(&self, kind: EntityKind) -> &[std::sync::Arc<str>] {
        match kind {
            EntityKind::Person => &self.people,
            EntityKind::Organization => &self.organizations,
            EntityKind::Place => &self.places,
        }
    }
    /// Builds the lists from mentions, first mention first, without repeats.
    pub fn from_mentions(mentions: &[Mention]) -> EntityNames {
        let mut names = EntityNames::default();
        let mut seen = rustc_hash::FxHashSet::default();
        for m in mentions {
            if seen.insert((m.kind, &*m.entity)) {
                match m.kind {
                    // The mentions' own copy of the name, shared.
                    EntityKind::Person => names.people.push(m.entity.clone()),
                    EntityKind::Organization => names.organizations.push(m.entity.clone()),
                    EntityKind::Place => names.places.push(m.entity.clone()),
                }
            }
        }
        names
    }
}

/// What the editor said about the source, carried through for pages and the comparison table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Editorial {
    pub note: Option<String>,
    pub event: Option<String>,
    pub tags: Vec<String>,
    pub facts: IndexMap<String, Scalar>,
}

/// A source after extraction: everything later stages need, nothing they must recompute.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: String,
    pub file: PathBuf,
    pub format: SourceFormat,
    pub encoding: &'static str,
    pub metadata: Metadata,
    /// The article's clean text: blocks separated by blank lines.
    pub text: String,
    pub blocks: Vec<Block>,
    pub quotes: Vec<Quote>,
    pub mentions: Vec<Mention>,
    pub entities: EntityNames,
    pub dates: Vec<DateMention>,
    pub word_count: usize,
    pub editorial: Editorial,
}

/// Runs every extractor on one source.
pub fn extract(source: &Source, gazetteer: &Gazetteer) -> Document {
    let page = match source.format {
        SourceFormat::Html => html::extract_page(&source.text),
        SourceFormat::Markdown => clean::from_markdown(&source.text),
        SourceFormat::Text => clean::from_text_dump(&source.text),
    };
    let mut metadata = metadata::extract(source, &page);
    let language = metadata
        .language
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_else(|| "en".into());
    let text = page.text;
    let blocks = page.blocks;
    let tokens = names::block_tokens(&text, &blocks);
    let mentions = entities::find_mentions_in(&text, &blocks, &tokens, gazetteer, &language);
    let mut quotes = quotes::find_quotes(&text, &blocks, &language);
    speakers::attribute_in(
        &text,
        &blocks,
        &tokens,
        &mut quotes,
        &mentions,
        gazetteer,
        &language,
    );
    drop(tokens);
    let dates = dates::find_dates(
        &text,
        metadata.published.as_ref().map(|p| p.value),
        &language,
    );
    if metadata.event_date.is_none() {
        metadata.event_date = dates::event_date(
            &text,
            &blocks,
            &dates,
            metadata.published.as_ref().map(|p| p.value),
            &language,
        )
        .map(|d| Field::new(d, Origin::Text));
    }
    let entities = EntityNames::from_mentions(&mentions);
    // The document lives until the site is written, beside tens of thousands of others: drop
    // the spare capacity its growing left behind (a quarter of a big dossier's memory).
    let (mut text, mut blocks, mut quotes, mut mentions, mut dates) =
        (text, blocks, quotes, mentions, dates);
    text.shrink_to_fit();
    blocks.shrink_to_fit();
    quotes.shrink_to_fit();
    mentions.shrink_to_fit();
    dates.shrink_to_fit();
    let word_count = blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Title)
        .map(|b| text[b.start..b.end].split_whitespace().count())
        .sum();
    Document {
        id: source.id.clone(),
        file: source.file.clone(),
        format: source.format,
        encoding: source.encoding,
        metadata,
        text,
        blocks,
        quotes,
        mentions,
        entities,
        dates,
        word_count,
        editorial: Editorial {
            note: source.entry.note.clone(),
            event: source.entry.event.clone(),
            tags: if source.entry.tags.is_empty() {
                source.front_matter.tags.clone()
            } else {
                source.entry.tags.clone()
            },
            facts: source.entry.facts.clone(),
        },
    }
}

/// The body of a page after boilerplate removal, with what the page itself said about it.
#[derive(Debug, Clone, Default)]
pub struct CleanPage {
    /// Blocks joined by blank lines.
    pub text: String,
    pub blocks: Vec<Block>,
    /// Lines dropped as site chrome, with why and where (kept: they name the outlet, hold the
    /// dateline and the byline).
    pub chrome: Vec<boilerplate::ChromeLine>,
    /// Metadata the page's markup states (HTML meta, JSON-LD, `<time>`).
    pub meta: metadata::PageMeta,
}

impl CleanPage {
    /// Appends a block, separating blocks with a blank line.
    pub fn push(&mut self, kind: BlockKind, content: &str) {
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(content);
        self.blocks.push(Block {
            kind,
            start,
            end: self.text.len(),
        });
    }
}

impl CleanPage {
    /// Records a dropped line.
    pub fn drop_line(
        &mut self,
        text: &str,
        kind: boilerplate::ChromeKind,
        zone: boilerplate::Zone,
    ) {
        let text = collapse_whitespace(text);
        if !text.is_empty() {
            self.chrome
                .push(boilerplate::ChromeLine { text, kind, zone });
        }
    }
}

/// Whether `c` is a CJK ideograph, kana or hangul: such text has no spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Whitespace runs collapsed to one space.
pub fn collapse_whitespace(s: &str) -> String {
    collapsed(s).into_owned()
}

/// [`collapse_whitespace`], borrowing `s` when it is collapsed already (most lines are).
pub fn collapsed(s: &str) -> std::borrow::Cow<'_, str> {
    if is_collapsed(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `s` has no whitespace but single spaces between words (most lines already are).
///
/// Read a byte at a time: a character is decoded only at the four lead bytes that begin the
/// non-ASCII whitespace (U+0085 and U+00A0: 0xC2; U+1680: 0xE1; U+2000–U+205F: 0xE2; U+3000:
/// 0xE3), not at every letter of a non-English line.
fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut previous_space = true; // no space may open the text
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' => {
                if previous_space {
                    return false;
                }
                previous_space = true;
                i += 1;
            }
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let c = s[i..].chars().next().expect("a character starts here");
                if c.is_whitespace() {
                    return false;
                }
                previous_space = false;
                i += c.len_utf8();
            }
            _ => {
                previous_space = false;
                i += 1;
            }
        }
    }
    !previous_space || s.is_empty()
}

/// The next byte, at or after a position, that is one of six (two sets of three): where a
/// scanner looks for the few characters it cares about (the first bytes of sentence ends, of
/// quotation marks) and jumps there instead of stepping over every character. Each set is
/// searched with `memchr`, a vector at a time, and its find is kept until the scan passes it, so
/// a scan that only moves forward reads each byte at most once per set.
pub(crate) struct NextOfSix {
    sets: [[u8; 3]; 2],
    found: [Option<usize>; 2],
}

impl NextOfSix {
    pub(crate) fn new(sets: [[u8; 3]; 2]) -> NextOfSix {
        NextOfSix {
            sets,
            found: [None; 2],
        }
    }

    /// The first offset at or after `from` in `bytes` (the same slice on every call) holding one
    /// of the six, or `bytes.len()`.
    pub(crate) fn at_or_after(&mut self, bytes: &[u8], from: usize) -> usize {
        for (found, [a, b, c]) in self.found.iter_mut().zip(self.sets) {
            if found.is_none_or(|n| n < from) {
                *found = Some(
                    memchr::memchr3(a, b, c, &bytes[from..]).map_or(bytes.len(), |k| from + k),
                );
            }
        }
        self.found[0].min(self.found[1]).unwrap_or(bytes.len())
    }
}

/// Byte ranges asked "does any of you overlap this range?" many times: sorted by start, with
/// the furthest end so far, so each question is a binary search rather than a scan.
pub(crate) struct Spans {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl Spans {
    pub(crate) fn new(spans: impl Iterator<Item = (usize, usize)>) -> Spans {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let furthest_end = spans
            .iter()
            .map(|&(_, e)| {
                furthest = furthest.max(e);
                furthest
            })
            .collect();
        Spans {
            starts: spans.iter().map(|&(s, _)| s).collect(),
            furthest_end,
        }
    }

    /// Whether some span `(s, e)` has `s < end && start < e`.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.starts.partition_point(|&s| s < end);
        before_end > 0 && self.furthest_end[before_end - 1] > start
    }
}

/// The bytes of a text inside some non-empty span, one bit each: "does this token overlap a
/// span?" answered by a word or two of bits. Entity detection asks it of every capitalised
/// word, twice, where [`Spans`]' binary search was a third of its own time.
pub(crate) struct CoveredBytes {
    bits: Vec<u64>,
}

impl CoveredBytes {
    /// The bytes of `spans` (each non-empty) in a text of `len` bytes.
    pub(crate) fn new(len: usize, spans: impl Iterator<Item = (usize, usize)>) -> CoveredBytes {
        let mut bits = vec![0u64; len.div_ceil(64)];
        for (start, end) in spans {
            debug_assert!(start < end && end <= len, "a non-empty span of the text");
            for b in start..end {
                bits[b / 64] |= 1 << (b % 64);
            }
        }
        CoveredBytes { bits }
    }

    /// Whether a byte of the non-empty range `start..end` is covered: [`Spans::overlaps`] for
    /// non-empty spans and ranges.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        let (first, last) = (start / 64, (end - 1) / 64);
        (first..=last).any(|w| {
            let from = if w == first { start % 64 } else { 0 };
            let to = if w == last { (end - 1) % 64 } else { 63 };
            // Bits from..=to of word w.
            let mask = (u64::MAX >> (63 - to)) & (u64::MAX << from);
            self.bits.get(w).is_some_and(|bits| bits & mask != 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        /// The shortcut for text already collapsed changes nothing.
        #[test]
        fn collapsing_is_split_and_join(s in "[ a-zé\t\n\r\x0b\x0c\u{a0}\u{3000}\u{85}\x1c\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{a9}\u{1e9e}\u{201c}\u{3001}]{0,30}|\\PC{0,20}") {
            proptest::prop_assert_eq!(
                collapse_whitespace(&s),
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            // Collapsed text is left as it is (cleaning relies on it: its lines are not
            // collapsed twice).
            let once = collapse_whitespace(&s);
            proptest::prop_assert!(matches!(collapsed(&once), std::borrow::Cow::Borrowed(_)));
        }

        /// The bitmap answers as the binary search does, for non-empty spans and ranges.
        #[test]
        fn covered_bytes_overlap_as_spans_do(
            spans in proptest::collection::vec((0usize..300, 1usize..80), 0..12),
            queries in proptest::collection::vec((0usize..300, 1usize..140), 1..20),
        ) {
            let len = 400;
            let spans: Vec<(usize, usize)> =
                spans.into_iter().map(|(s, n)| (s, (s + n).min(len))).collect();
            let covered = CoveredBytes::new(len, spans.iter().copied());
            let sorted = Spans::new(spans.iter().copied());
            for (s, n) in queries {
                let e = (s + n).min(len);
                proptest::prop_assert_eq!(covered.overlaps(s, e), sorted.overlaps(s, e), "{}..{}", s, e);
            }
        }
    }
}

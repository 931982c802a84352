//! The search index: an inverted index over sources, quotes, entities, notes and events, cut
//! into small shards written as JavaScript files (`search/*.js`). The search page loads them
//! with `<script>` elements, which works offline and from disk (`file://` pages cannot
//! `fetch()`), and loads only the shards a query needs, so the download stays small however
//! big the dossier: a manifest of shard boundaries, one term shard per query word, and the
//! document shards holding the results shown. Why not Pagefind: see docs/search.md.
//!
//! Tokens are folded the same way here and in `assets/search.js`: lowercase, compatibility
//! decomposition with combining marks dropped (é → e, ö → o), ß → ss; runs of letters and digits
//! are words; Chinese, Japanese and Korean runs (no spaces between words) become overlapping
//! character pairs. No stemming (the dossier mixes languages); the client matches prefixes.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::extract::{BlockKind, QuoteKind};
use crate::link::Dossier;
use crate::render::views;

/// Documents per document shard: the results shown on a page come from a handful of these.
pub const DOCS_PER_SHARD: usize = 32;
/// A term shard is closed once it holds about this many bytes.
pub const TERM_SHARD_BYTES: usize = 24_000;
/// Longest word indexed (longer runs are identifiers or junk).
const MAX_TOKEN_CHARS: usize = 40;
/// A term found in more than this share of the documents of a big dossier is not indexed (like
/// "the", "der"): its postings would be the biggest download and rank nothing.
const COMMON_SHARE: f64 = 0.35;
/// Below this many documents every term is indexed.
const COMMON_MIN_DOCS: usize = 2_000;
/// Weights: a word in a title counts more than one in the body; one document's weight is capped.
const TITLE_WEIGHT: u32 = 5;
const MAX_WEIGHT: u32 = 15;

/// What a search result is, in the order of [`KIND_NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Source = 0,
    Quote = 1,
    Entity = 2,
    Note = 3,
    Event = 4,
}

/// The kinds' names as the client shows them.
pub const KIND_NAMES: [&str; 5] = ["source", "quote", "entity", "note", "event"];

/// The built index, ready to write: the term files' JavaScript text, and what each document
/// row shows, rendered into its shard only when that shard is written (holding every row's
/// text for the whole build took more memory than any other part of a big dossier's index).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// `search/manifest.js`.
    pub manifest: String,
    /// `search/t{k}.js`.
    pub term_shards: Vec<String>,
    /// The indexed things in document-number order; `search/d{k}.js` shows a run of them.
    rows: Vec<Row>,
    /// Number of documents and of distinct terms indexed (for docs and tests).
    pub docs: usize,
    pub terms: usize,
}

impl SearchIndex {
    /// How many document shards (`search/d{k}.js`) the index has.
    pub fn doc_shard_count(&self) -> usize {
        self.docs.div_ceil(DOCS_PER_SHARD)
    }

    /// The text of document shard `k`, read from the dossier the index was built from.
    pub fn doc_shard(&self, k: usize, dossier: &Dossier, note_titles: &[String]) -> Option<String> {
        let start = k.checked_mul(DOCS_PER_SHARD)?;
        let chunk = self
            .rows
            .get(start..(start + DOCS_PER_SHARD).min(self.rows.len()))
            .filter(|c| !c.is_empty())?;
        let docs: Vec<Doc> = chunk
            .iter()
            .map(|&row| row_doc(dossier, note_titles, row))
            .collect();
        Some(doc_shard_text(k, &docs))
    }

    /// A digest of every document shard's text: `serve` keeps these instead of the texts to
    /// tell, after linking again, which shards changed.
    pub fn doc_shard_digests(&self, dossier: &Dossier, note_titles: &[String]) -> Vec<u64> {
        use std::hash::{Hash, Hasher};
        (0..self.doc_shard_count())
            .into_par_iter()
            .map(|k| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                self.doc_shard(k, dossier, note_titles).hash(&mut h);
                h.finish()
            })
            .collect()
    }
}

/// The path of term shard `k`.
pub fn term_shard_path(k: usize) -> String {
    format!("search/t{k}.js")
}

/// The path of document shard `k`.
pub fn doc_shard_path(k: usize) -> String {
    format!("search/d{k}.js")
}

/// The path of the manifest.
pub const MANIFEST_PATH: &str = "search/manifest.js";

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Folds one character to its searchable form (lowercase, marks dropped) and calls `emit`.
fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        if lower == 'ß' {
            emit('s');
            emit('s');
            continue;
        }
        for d in std::iter::once(lower).nfkd() {
            if !is_combining_mark(d) {
                emit(d);
            }
        }
    }
}

/// Splits text into folded search tokens (the client does exactly the same).
pub fn tokenize(text: &str, mut each: impl FnMut(&str)) {
    let mut t = Tokens::default();
    for c in text.chars() {
        if c.is_ascii() {
            // Most text is ASCII: folding is lowercasing, and only letters and digits are words.
            let d = c.to_ascii_lowercase();
            if d.is_ascii_alphanumeric() {
                if !t.cjk.is_empty() {
                    t.flush_cjk(&mut each);
                }
                t.word.push(d);
                t.word_chars += 1;
            } else {
                t.flush_word(&mut each);
                t.flush_cjk(&mut each);
            }
        } else {
            fold_char(c, &mut |d| t.step(d, &mut each));
        }
    }
    t.flush_word(&mut each);
    t.flush_cjk(&mut each);
}

/// The tokenizer's state over the folded characters: the word being read (and its length in
/// characters) and the run of Chinese, Japanese or Korean characters being read.
#[derive(Default)]
struct Tokens {
    word: String,
    word_chars: usize,
    cjk: Vec<char>,
}

impl Tokens {
    /// Reads one folded character.
    fn step(&mut self, c: char, each: &mut impl FnMut(&str)) {
        if is_cjk(c) {
            self.flush_word(each);
            self.cjk.push(c);
        } else if c.is_alphanumeric() {
            self.flush_cjk(each);
            self.word.push(c);
            self.word_chars += 1;
        } else {
            self.flush_word(each);
            self.flush_cjk(each);
        }
    }

    /// Emits the word read so far when it is a token: not too long, and a single character only
    /// when it is a digit.
    fn flush_word(&mut self, each: &mut impl FnMut(&str)) {
        let n = self.word_chars;
        if n > 0 && n <= MAX_TOKEN_CHARS && (n > 1 || self.word.chars().all(|c| c.is_numeric())) {
            each(&self.word);
        }
        self.word.clear();
        self.word_chars = 0;
    }

    /// Emits a run of CJK characters as overlapping pairs (a lone character as itself).
    fn flush_cjk(&mut self, each: &mut impl FnMut(&str)) {
        if self.cjk.is_empty() {
            return;
        }
        let mut buf = String::new();
        if self.cjk.len() == 1 {
            buf.push(self.cjk[0]);
            each(&buf);
        }
        for pair in self.cjk.windows(2) {
            buf.clear();
            buf.extend(pair);
            each(&buf);
        }
        self.cjk.clear();
    }
}

/// One searchable thing: what the result list shows, and its words with their weights.
struct Doc {
    kind: DocKind,
    url: String,
    title: String,
    sub: String,
    /// The title's language, when it is a source's or a quote's (for `lang` on the result).
    lang: String,
}

/// One searchable thing of the dossier, by index: documents are numbered in the order of the
/// rows, kind by kind (sources, their speech quotes, entities, notes, events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Source(u32),
    Quote { doc: u32, quote: u32 },
    Entity(u32),
    Note(u32),
    Event(u32),
}

impl Row {
    fn kind(self) -> DocKind {
        match self {
            Row::Source(_) => DocKind::Source,
            Row::Quote { .. } => DocKind::Quote,
            Row::Entity(_) => DocKind::Entity,
            Row::Note(_) => DocKind::Note,
            Row::Event(_) => DocKind::Event,
        }
    }
}

/// Each term's postings while the index is built: a big dossier's index holds tens of millions
/// of them, so each term keeps them as the gaps between its documents' numbers (varint bytes,
/// one or two for most), each followed by one byte of weight.
#[derive(Default)]
struct Postings {
    lists: FxHashMap<String, TermPostings>,
}

/// One term's postings, in document order.
#[derive(Default)]
struct TermPostings {
    /// For each document holding the term: the gap from the previous one (from 0 for the
    /// first) as a varint, then its weight.
    bytes: Vec<u8>,
    /// The last document's number.
    last: u32,
    count: u32,
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The varint at the start of `bytes` and its length.
fn read_varint(bytes: &[u8]) -> (u32, usize) {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        n |= u32::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return (n, i + 1);
        }
    }
    (n, bytes.len())
}

impl TermPostings {
    /// Adds `weight` for document `id`, which is this term's last document or a later one.
    fn add(&mut self, id: u32, weight: u32) {
        if self.count > 0 && self.last == id {
            let w = self
                .bytes
                .last_mut()
                .expect("a posting ends with its weight");
            *w = (u32::from(*w) + weight).min(MAX_WEIGHT) as u8;
            return;
        }
        push_varint(
            &mut self.bytes,
            id - if self.count > 0 { self.last } else { 0 },
        );
        self.bytes.push(weight.min(MAX_WEIGHT) as u8);
        self.last = id;
        self.count += 1;
    }

    /// Appends the postings of `later` (documents after this term's last).
    fn append(&mut self, later: TermPostings) {
        if self.count == 0 {
            *self = later;
            return;
        }
        let (first, n) = read_varint(&later.bytes);
        push_varint(&mut self.bytes, first - self.last);
        self.bytes.extend_from_slice(&later.bytes[n..]);
        self.last = later.last;
        self.count += later.count;
    }

    /// (document, weight) of every posting, in order.
    fn decode(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = 0;
        let mut doc = 0u32;
        std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            let (gap, n) = read_varint(&self.bytes[at..]);
            doc += gap;
            let w = u32::from(self.bytes[at + n]);
            at += n + 1;
            Some((doc, w))
        })
    }
}

impl Postings {
    /// Indexes the words of `text` as document `id`'s, each occurrence counting `weight`; a
    /// document's weight for a term is capped at [`MAX_WEIGHT`]. Documents come in order.
    fn index(&mut self, id: u32, text: &str, weight: u32) {
        tokenize(text, |tok| {
            let list = match self.lists.get_mut(tok) {
                Some(list) => list,
                None => self.lists.entry(tok.to_string()).or_default(),
            };
            list.add(id, weight);
        });
    }

    /// Adds the postings of documents indexed after this set's (in parallel, by another worker).
    fn merge(mut self, other: Postings) -> Postings {
        if self.lists.len() < other.lists.len() {
            return other.merge_before(self);
        }
        for (term, list) in other.lists {
            match self.lists.get_mut(&term) {
                Some(mine) => mine.append(list),
                None => {
                    self.lists.insert(term, list);
                }
            }
        }
        self
    }

    /// Adds the postings of documents indexed before this set's.
    fn merge_before(mut self, earlier: Postings) -> Postings {
        for (term, mut list) in earlier.lists {
            match self.lists.get_mut(&term) {
                Some(mine) => {
                    list.append(std::mem::take(mine));
                    *mine = list;
                }
                None => {
                    self.lists.insert(term, list);
                }
            }
        }
        self
    }
}

#[derive(Default)]
struct Builder {
    /// Each document's kind, in document-number order.
    kinds: Vec<DocKind>,
    postings: Postings,
}

/// Documents one indexing task reads before it hands its postings on: fewer, bigger tasks
/// hold fewer copies of the vocabulary at once.
const DOCS_PER_TASK: usize = 2_048;

impl Builder {
    /// Adds a document whose `title` and `body` texts are indexed. Documents must come kind by
    /// kind, in the order of [`DocKind`].
    #[cfg(test)]
    fn add(&mut self, kind: DocKind, title: &[&str], body: &[&str]) {
        debug_assert!(self.kinds.last().is_none_or(|&k| k as u8 <= kind as u8));
        let id = self.kinds.len() as u32;
        for t in title {
            self.postings.index(id, t, TITLE_WEIGHT);
        }
        for t in body {
            self.postings.index(id, t, 1);
        }
        self.kinds.push(kind);
    }

    /// Indexes the words of every row, read from the dossier in parallel.
    fn from_rows(dossier: &Dossier, note_titles: &[String], rows: &[Row]) -> Builder {
        let postings = rows
            .par_iter()
            .enumerate()
            .with_min_len(DOCS_PER_TASK)
            .fold(Postings::default, |mut p, (id, &row)| {
                row_texts(dossier, note_titles, row, |text, weight| {
                    p.index(id as u32, text, weight)
                });
                p
            })
            .reduce(Postings::default, Postings::merge);
        Builder {
            kinds: rows.iter().map(|r| r.kind()).collect(),
            postings,
        }
    }

    /// The term shards and the manifest; the document shards are rendered from `rows`.
    fn finish(self, rows: Vec<Row>) -> SearchIndex {
        let n_docs = self.kinds.len();
        let common_limit = if n_docs >= COMMON_MIN_DOCS {
            (n_docs as f64 * COMMON_SHARE) as usize
        } else {
            usize::MAX
        };
        let mut terms: Vec<(String, TermPostings)> = self.postings.lists.into_iter().collect();
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Each term's postings as JSON text (None for a common term), in parallel.
        let entries: Vec<(String, Option<String>)> = terms
            .into_par_iter()
            .map(|(term, list)| {
                if list.count as usize > common_limit {
                    return (term, None);
                }
                let mut encoded = String::with_capacity(list.bytes.len() * 2);
                let mut prev = 0u32;
                for (doc, w) in list.decode() {
                    encode_base36(doc - prev, &mut encoded);
                    encoded.push((b'A' + (w.clamp(1, 26) as u8 - 1)) as char);
                    prev = doc;
                }
                let entry = format!("{}:{}", json_str(&term), json_str(&encoded));
                (term, Some(entry))
            })
            .collect();
        let mut common: Vec<String> = Vec::new();
        let mut shards: Vec<String> = Vec::new();
        let mut firsts: Vec<String> = Vec::new();
        let mut body = String::new();
        let mut kept = 0usize;
        for (term, entry) in entries {
            let Some(entry) = entry else {
                common.push(term);
                continue;
            };
            kept += 1;
            if body.is_empty() {
                firsts.push(term);
            } else {
                body.push(',');
            }
            body.push_str(&entry);
            if body.len() >= TERM_SHARD_BYTES {
                shards.push(close_shard('t', shards.len(), &body));
                body.clear();
            }
        }
        if !body.is_empty() || shards.is_empty() {
            if firsts.len() == shards.len() {
                firsts.push(String::new());
            }
            shards.push(close_shard('t', shards.len(), &body));
        }
        // Documents are numbered kind by kind, so a result's kind is known before its shard
        // is loaded: the client loads rows only for the results it shows.
        let kind_starts: Vec<usize> = (0..KIND_NAMES.len())
            .map(|k| self.kinds.partition_point(|&d| (d as usize) < k))
            .collect();
        let manifest = format!(
            "dossierSearch.m({});\n",
            serde_json::json!({
                "version": 1,
                "docs": n_docs,
                "kindStarts": kind_starts,
                "docsPerShard": DOCS_PER_SHARD,
                "docShards": n_docs.div_ceil(DOCS_PER_SHARD),
                "shards": firsts,
                "common": common,
                "kinds": KIND_NAMES,
            })
        );
        SearchIndex {
            manifest,
            term_shards: shards,
            rows,
            docs: n_docs,
            terms: kept,
        }
    }
}

/// The JavaScript text of document shard `k` holding `docs`.
fn doc_shard_text(k: usize, docs: &[Doc]) -> String {
    let mut s = format!("dossierSearch.d({k},[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            s.push_str(",\n");
        }
        s.push('[');
        s.push_str(itoa::Buffer::new().format(d.kind as u8));
        for field in [&d.url, &d.title, &d.sub] {
            s.push(',');
            s.push_str(&json_str(field));
        }
        if !d.lang.is_empty() {
            s.push(',');
            s.push_str(&json_str(&d.lang));
        }
        s.push(']');
    }
    s.push_str("]);\n");
    s
}

fn close_shard(letter: char, k: usize, body: &str) -> String {
    format!("dossierSearch.{letter}({k},{{{body}}});\n")
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn encode_base36(mut n: u32, out: &mut String) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 8];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// Builds the index of a dossier. `note_titles[i]` is note `i`'s title as its page shows it.
pub fn build(dossier: &Dossier, note_titles: &[String]) -> SearchIndex {
    let mut rows: Vec<Row> = (0..dossier.documents.len() as u32)
        .map(Row::Source)
        .collect();
    for (d, doc) in dossier.documents.iter().enumerate() {
        rows.extend(
            doc.quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.kind == QuoteKind::Speech)
                .map(|(q, _)| Row::Quote {
                    doc: d as u32,
                    quote: q as u32,
                }),
        );
    }
    rows.extend(
        (dossier.entities.iter().enumerate())
            .filter(|(_, e)| !e.sources.is_empty())
            .map(|(e, _)| Row::Entity(e as u32)),
    );
    rows.extend((0..dossier.notes.len() as u32).map(Row::Note));
    rows.extend(
        (dossier.events.iter().enumerate())
            .filter(|(_, e)| !e.sources.is_empty())
            .map(|(e, _)| Row::Event(e as u32)),
    );
    Builder::from_rows(dossier, note_titles, &rows).finish(rows)
}

fn iso_date(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(crate::text::iso_date)
}

/// Calls `each` with every text of `row` that is indexed, and its weight.
fn row_texts(dossier: &Dossier, note_titles: &[String], row: Row, mut each: impl FnMut(&str, u32)) {
    match row {
        Row::Source(d) => {
            let doc = &dossier.documents[d as usize];
            let m = &doc.metadata;
            each(
                m.title.as_ref().map_or(doc.id.as_str(), |t| &t.value),
                TITLE_WEIGHT,
            );
            for bl in doc.blocks.iter().filter(|bl| bl.kind != BlockKind::Title) {
                each(&doc.text[bl.start..bl.end], 1);
            }
            for text in [
                m.outlet.as_ref().map(|o| o.value.as_str()),
                m.byline.as_ref().map(|x| x.value.as_str()),
                doc.editorial.note.as_deref(),
            ]
            .into_iter()
            .flatten()
            {
                each(text, 1);
            }
            for tag in &doc.editorial.tags {
                each(tag, 1);
            }
        }
        Row::Quote { doc, quote } => {
            let quote = &dossier.documents[doc as usize].quotes[quote as usize];
            each(&quote.text, TITLE_WEIGHT);
            each(quote.speaker.as_deref().unwrap_or(""), 1);
        }
        Row::Entity(e) => {
            let e = &dossier.entities[e as usize];
            each(&e.name, TITLE_WEIGHT);
            for alias in &e.aliases {
                each(alias, TITLE_WEIGHT);
            }
            each(e.description.as_deref().unwrap_or(""), 1);
        }
        Row::Note(n) => {
            let note = &dossier.notes[n as usize];
            each(
                note_titles.get(n as usize).unwrap_or(&note.id),
                TITLE_WEIGHT,
            );
            each(&super::exports::plain_text(&note.markdown), 1);
        }
        Row::Event(e) => {
            let e = &dossier.events[e as usize];
            each(&e.title, TITLE_WEIGHT);
            each(e.description.as_deref().unwrap_or(""), 1);
        }
    }
}

/// What the result list shows for `row`.
fn row_doc(dossier: &Dossier, note_titles: &[String], row: Row) -> Doc {
    let language = |d: u32| {
        (dossier.documents[d as usize].metadata.language.as_ref())
            .map(|l| l.value.clone())
            .unwrap_or_default()
    };
    match row {
        Row::Source(d) => {
            let doc = &dossier.documents[d as usize];
            let m = &doc.metadata;
            let title = m.title.as_ref().map_or(doc.id.as_str(), |t| &t.value);
            let outlet = m.outlet.as_ref().map(|o| o.value.as_str()).unwrap_or("");
            let sub = [
                Some(outlet.to_string()).filter(|s| !s.is_empty()),
                iso_date(m.published.as_ref().map(|p| p.value)),
                m.language.as_ref().map(|l| l.value.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            Doc {
                kind: DocKind::Source,
                url: views::source_path(&doc.id),
                title: title.to_string(),
                sub,
                lang: language(d),
            }
        }
        Row::Quote { doc: d, quote: q } => {
            let doc = &dossier.documents[d as usize];
            let quote = &doc.quotes[q as usize];
            let speaker = quote.speaker.as_deref().unwrap_or("");
            let origin = [
                doc.metadata.outlet.as_ref().map(|o| o.value.clone()),
                iso_date(doc.metadata.published.as_ref().map(|p| p.value)),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let sub = match (speaker.is_empty(), origin.is_empty()) {
                (false, false) => format!("{speaker} — {origin}"),
                (false, true) => speaker.to_string(),
                (true, _) => origin,
            };
            Doc {
                kind: DocKind::Quote,
                url: [
                    &views::source_path(&doc.id),
                    "#q",
                    itoa::Buffer::new().format(q + 1),
                ]
                .concat(),
                title: super::exports::truncate_words(&quote.text, 220),
                sub,
                lang: language(d),
            }
        }
        Row::Entity(e) => {
            let e = &dossier.entities[e as usize];
            let n = e.sources.len();
            Doc {
                kind: DocKind::Entity,
                url: views::entity_path(&e.slug, 0),
                title: e.name.clone(),
                sub: format!(
                    "{} · named in {n} source{}",
                    crate::link::kind_heading(e.kind),
                    if n == 1 { "" } else { "s" }
                ),
                lang: String::new(),
            }
        }
        Row::Note(n) => {
            let note = &dossier.notes[n as usize];
            let text = super::exports::plain_text(&note.markdown);
            Doc {
                kind: DocKind::Note,
                url: format!("notes/{}/index.html", note.id),
                title: note_titles.get(n as usize).unwrap_or(&note.id).clone(),
                sub: super::exports::truncate_words(&text, 160),
                lang: String::new(),
            }
        }
        Row::Event(e) => {
            let e = &dossier.events[e as usize];
            let n = e.sources.len();
            let mut sub = format!("{n} source{}", if n == 1 { "" } else { "s" });
            if let Some(d) = iso_date(e.date) {
                sub = format!("{d} · {sub}");
            }
            Doc {
                kind: DocKind::Event,
                url: views::event_path(&e.id),
                title: e.title.clone(),
                sub,
                lang: String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokenize(s, |t| v.push(t.to_string()));
        v
    }

    #[test]
    fn tokens_fold_case_accents_and_eszett() {
        assert_eq!(
            tokens("Peskow sagte: „Größe“ — Müller's café, 2019!"),
            ["peskow", "sagte", "grosse", "muller", "cafe", "2019"]
        );
        assert_eq!(tokens("Песков"), ["песков"]);
    }

    #[test]
    fn cjk_runs_become_pairs() {
        assert_eq!(tokens("普京感谢"), ["普京", "京感", "感谢"]);
        assert_eq!(tokens("a 京 b7"), ["京", "b7"]);
    }

    #[test]
    fn term_postings_round_trip_through_gaps_and_merges() {
        let mut a = TermPostings::default();
        a.add(3, 1);
        a.add(3, 5);
        a.add(200, 20);
        let mut b = TermPostings::default();
        b.add(70_000, 1);
        b.add(70_001, 2);
        a.append(b);
        let all: Vec<(u32, u32)> = a.decode().collect();
        assert_eq!(all, [(3, 6), (200, MAX_WEIGHT), (70_000, 1), (70_001, 2)]);
        assert_eq!((a.count, a.last), (4, 70_001));
        // Most gaps take one byte, each weight one more.
        assert_eq!(a.bytes.len(), 1 + 1 + 2 + 1 + 3 + 1 + 1 + 1);
    }

    #[test]
    fn postings_are_delta_encoded_with_weights() {
        let mut b = Builder::default();
        for i in 0..40 {
            let title = if i == 37 { "Peskow" } else { "other" };
            b.add(DocKind::Source, &[title], &["body words"]);
        }
        let index = b.finish(Vec::new());
        let all: String = index.term_shards.concat();
        // Document 37, weight 5 (title) → "11" in base 36 then 'E'.
        assert!(all.contains("\"peskow\":\"11E\""), "{all}");
        assert_eq!(index.doc_shard_count(), 2);
        assert!(index.manifest.contains("\"kindStarts\":[0,40,40,40,40]"));
        assert!(index.manifest.contains("\"docs\":40"));
    }

    #[test]
    fn shards_stay_small_and_their_first_terms_are_listed() {
        let mut b = Builder::default();
        for i in 0..3000 {
            let body = format!("word{i} shared{} common", i % 50);
            b.add(DocKind::Source, &[], &[&body]);
        }
        let index = b.finish(Vec::new());
        assert!(index.term_shards.len() > 1);
        assert!(
            index
                .term_shards
                .iter()
                .all(|s| s.len() < TERM_SHARD_BYTES * 2)
        );
        // "common" is in every document of a big dossier: left out and listed.
        assert!(index.manifest.contains("\"common\":[\"common\"]"));
        let m: serde_json::Value = serde_json::from_str(
            index
                .manifest
                .trim()
                .strip_prefix("dossierSearch.m(")
                .and_then(|s| s.strip_suffix(");"))
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            m["shards"].as_array().unwrap().len(),
            index.term_shards.len()
        );
    }
}

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

use std::borrow::Cow;
use std::fmt::Write;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::extract::{BlockKind, QuoteKind};
use crate::link::Dossier;

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

/// The built index, ready to write: every file's JavaScript text.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// `search/manifest.js`.
    pub manifest: String,
    /// `search/t{k}.js`.
    pub term_shards: Vec<String>,
    /// `search/d{k}.js`.
    pub doc_shards: Vec<String>,
    /// Number of documents and of distinct terms indexed (for docs and tests).
    pub docs: usize,
    pub terms: usize,
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

/// Each term's postings: (document, weight) for every document holding it.
#[derive(Default)]
struct Postings {
    lists: FxHashMap<String, Vec<(u32, u32)>>,
}

impl Postings {
    /// Indexes the words of `texts` as document `id`'s, each occurrence counting `weight`; a
    /// document's weight for a term is capped at [`MAX_WEIGHT`].
    fn index<S: AsRef<str>>(&mut self, id: u32, texts: &[S], weight: u32) {
        for text in texts {
            tokenize(text.as_ref(), |tok| {
                let list = match self.lists.get_mut(tok) {
                    Some(list) => list,
                    None => self.lists.entry(tok.to_string()).or_default(),
                };
                match list.last_mut() {
                    // Documents are indexed one after the other: its entry, if any, is last.
                    Some((doc, w)) if *doc == id => *w = (*w + weight).min(MAX_WEIGHT),
                    _ => list.push((id, weight.min(MAX_WEIGHT))),
                }
            });
        }
    }

    /// Adds the postings of documents indexed after this set's (in parallel, by another worker).
    fn merge(mut self, other: Postings) -> Postings {
        if self.lists.len() < other.lists.len() {
            return other.merge_before(self);
        }
        for (term, mut list) in other.lists {
            match self.lists.get_mut(&term) {
                Some(mine) => mine.append(&mut list),
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
                    list.append(mine);
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
    docs: Vec<Doc>,
    postings: Postings,
}

/// A document to index, with the texts of its title and body (borrowed from the dossier where
/// they can be), so that the words of all documents can be read in parallel.
struct Pending<'a> {
    doc: Doc,
    title: Vec<Cow<'a, str>>,
    body: Vec<Cow<'a, str>>,
}

impl Builder {
    /// Adds a document whose `title` and `body` texts are indexed. Documents must come kind by
    /// kind, in the order of [`DocKind`].
    #[cfg(test)]
    fn add(&mut self, doc: Doc, title: &[&str], body: &[&str]) {
        debug_assert!(
            self.docs
                .last()
                .is_none_or(|d| d.kind as u8 <= doc.kind as u8)
        );
        let id = self.docs.len() as u32;
        self.postings.index(id, title, TITLE_WEIGHT);
        self.postings.index(id, body, 1);
        self.docs.push(doc);
    }

    /// Indexes every pending document, reading their words in parallel. Documents must come
    /// kind by kind, in the order of [`DocKind`].
    fn from_pending(pending: Vec<Pending<'_>>) -> Builder {
        debug_assert!(
            pending
                .windows(2)
                .all(|w| w[0].doc.kind as u8 <= w[1].doc.kind as u8)
        );
        let postings = pending
            .par_iter()
            .enumerate()
            .fold(Postings::default, |mut p, (id, item)| {
                p.index(id as u32, &item.title, TITLE_WEIGHT);
                p.index(id as u32, &item.body, 1);
                p
            })
            .reduce(Postings::default, Postings::merge);
        Builder {
            docs: pending.into_iter().map(|p| p.doc).collect(),
            postings,
        }
    }

    fn finish(self) -> SearchIndex {
        let n_docs = self.docs.len();
        let common_limit = if n_docs >= COMMON_MIN_DOCS {
            (n_docs as f64 * COMMON_SHARE) as usize
        } else {
            usize::MAX
        };
        let mut terms: Vec<(String, Vec<(u32, u32)>)> = self.postings.lists.into_iter().collect();
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Each term's postings as JSON text (None for a common term), in parallel.
        let entries: Vec<(String, Option<String>)> = terms
            .into_par_iter()
            .map(|(term, mut list)| {
                if list.len() > common_limit {
                    return (term, None);
                }
                list.sort_unstable();
                let mut encoded = String::with_capacity(list.len() * 3);
                let mut prev = 0u32;
                for (doc, w) in list {
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
        let doc_shards: Vec<String> = self
            .docs
            .par_chunks(DOCS_PER_SHARD)
            .enumerate()
            .map(|(k, chunk)| {
                let mut s = format!("dossierSearch.d({k},[");
                for (i, d) in chunk.iter().enumerate() {
                    if i > 0 {
                        s.push_str(",\n");
                    }
                    let _ = write!(
                        s,
                        "[{},{},{},{}",
                        d.kind as u8,
                        json_str(&d.url),
                        json_str(&d.title),
                        json_str(&d.sub)
                    );
                    if !d.lang.is_empty() {
                        let _ = write!(s, ",{}", json_str(&d.lang));
                    }
                    s.push(']');
                }
                s.push_str("]);\n");
                s
            })
            .collect();
        // Documents are numbered kind by kind, so a result's kind is known before its shard
        // is loaded: the client loads rows only for the results it shows.
        let kind_starts: Vec<usize> = (0..KIND_NAMES.len())
            .map(|k| self.docs.partition_point(|d| (d.kind as usize) < k))
            .collect();
        let manifest = format!(
            "dossierSearch.m({});\n",
            serde_json::json!({
                "version": 1,
                "docs": n_docs,
                "kindStarts": kind_starts,
                "docsPerShard": DOCS_PER_SHARD,
                "docShards": doc_shards.len(),
                "shards": firsts,
                "common": common,
                "kinds": KIND_NAMES,
            })
        );
        SearchIndex {
            manifest,
            term_shards: shards,
            doc_shards,
            docs: n_docs,
            terms: kept,
        }
    }
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
    let mut pending: Vec<Pending> = Vec::new();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    for doc in &dossier.documents {
        let m = &doc.metadata;
        let title = m
            .title
            .as_ref()
            .map_or(doc.id.as_str(), |t| t.value.as_str());
        let outlet = m.outlet.as_ref().map(|o| o.value.as_str()).unwrap_or("");
        let published = date(m.published.as_ref().map(|p| p.value));
        let sub = [
            Some(outlet.to_string()).filter(|s| !s.is_empty()),
            published.clone(),
            m.language.as_ref().map(|l| l.value.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let body: Vec<Cow<str>> = doc
            .blocks
            .iter()
            .filter(|bl| bl.kind != BlockKind::Title)
            .map(|bl| &doc.text[bl.start..bl.end])
            .chain([
                outlet,
                m.byline.as_ref().map(|x| x.value.as_str()).unwrap_or(""),
                doc.editorial.note.as_deref().unwrap_or(""),
            ])
            .chain(doc.editorial.tags.iter().map(String::as_str))
            .map(Cow::Borrowed)
            .collect();
        pending.push(Pending {
            doc: Doc {
                kind: DocKind::Source,
                url: format!("sources/{}/index.html", doc.id),
                title: title.to_string(),
                sub,
                lang: m
                    .language
                    .as_ref()
                    .map(|l| l.value.clone())
                    .unwrap_or_default(),
            },
            title: vec![Cow::Borrowed(title)],
            body,
        });
    }
    for doc in &dossier.documents {
        let lang = doc
            .metadata
            .language
            .as_ref()
            .map(|l| l.value.clone())
            .unwrap_or_default();
        let outlet = doc.metadata.outlet.as_ref().map(|o| o.value.as_str());
        let published = date(doc.metadata.published.as_ref().map(|p| p.value));
        for (q, quote) in doc.quotes.iter().enumerate() {
            if quote.kind != QuoteKind::Speech {
                continue;
            }
            let speaker = quote.speaker.as_deref().unwrap_or("");
            let origin = [outlet.map(str::to_string), published.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let sub = match (speaker.is_empty(), origin.is_empty()) {
                (false, false) => format!("{speaker} — {origin}"),
                (false, true) => speaker.to_string(),
                (true, _) => origin,
            };
            pending.push(Pending {
                doc: Doc {
                    kind: DocKind::Quote,
                    url: format!("sources/{}/index.html#q{}", doc.id, q + 1),
                    title: super::exports::truncate_words(&quote.text, 220),
                    sub,
                    lang: lang.clone(),
                },
                title: vec![Cow::Borrowed(&quote.text)],
                body: vec![Cow::Borrowed(speaker)],
            });
        }
    }
    for e in dossier.entities.iter().filter(|e| !e.sources.is_empty()) {
        let n = e.sources.len();
        let mut title: Vec<Cow<str>> = vec![Cow::Borrowed(&e.name)];
        title.extend(e.aliases.iter().map(|a| Cow::Borrowed(a.as_str())));
        pending.push(Pending {
            doc: Doc {
                kind: DocKind::Entity,
                url: format!("entities/{}/index.html", e.slug),
                title: e.name.clone(),
                sub: format!(
                    "{} · named in {n} source{}",
                    crate::link::kind_heading(e.kind),
                    if n == 1 { "" } else { "s" }
                ),
                lang: String::new(),
            },
            title,
            body: vec![Cow::Borrowed(e.description.as_deref().unwrap_or(""))],
        });
    }
    for (i, note) in dossier.notes.iter().enumerate() {
        let title = note_titles.get(i).unwrap_or(&note.id);
        let text = super::exports::plain_text(&note.markdown);
        let sub = super::exports::truncate_words(&text, 160);
        pending.push(Pending {
            doc: Doc {
                kind: DocKind::Note,
                url: format!("notes/{}/index.html", note.id),
                title: title.clone(),
                sub,
                lang: String::new(),
            },
            title: vec![Cow::Borrowed(title)],
            body: vec![Cow::Owned(text)],
        });
    }
    for e in dossier.events.iter().filter(|e| !e.sources.is_empty()) {
        let n = e.sources.len();
        let mut sub = format!("{n} source{}", if n == 1 { "" } else { "s" });
        if let Some(d) = date(e.date) {
            sub = format!("{d} · {sub}");
        }
        pending.push(Pending {
            doc: Doc {
                kind: DocKind::Event,
                url: format!("events/{}/index.html", e.id),
                title: e.title.clone(),
                sub,
                lang: String::new(),
            },
            title: vec![Cow::Borrowed(&e.title)],
            body: vec![Cow::Borrowed(e.description.as_deref().unwrap_or(""))],
        });
    }
    Builder::from_pending(pending).finish()
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
    fn postings_are_delta_encoded_with_weights() {
        let mut b = Builder::default();
        for i in 0..40 {
            let title = if i == 37 { "Peskow" } else { "other" };
            b.add(
                Doc {
                    kind: DocKind::Source,
                    url: format!("s{i}"),
                    title: title.into(),
                    sub: String::new(),
                    lang: String::new(),
                },
                &[title],
                &["body words"],
            );
        }
        let index = b.finish();
        let all: String = index.term_shards.concat();
        // Document 37, weight 5 (title) → "11" in base 36 then 'E'.
        assert!(all.contains("\"peskow\":\"11E\""), "{all}");
        assert_eq!(index.doc_shards.len(), 2);
        assert!(index.manifest.contains("\"kindStarts\":[0,40,40,40,40]"));
        assert!(index.manifest.contains("\"docs\":40"));
    }

    #[test]
    fn shards_stay_small_and_their_first_terms_are_listed() {
        let mut b = Builder::default();
        for i in 0..3000 {
            let body = format!("word{i} shared{} common", i % 50);
            b.add(
                Doc {
                    kind: DocKind::Source,
                    url: format!("s{i}"),
                    title: String::new(),
                    sub: String::new(),
                    lang: String::new(),
                },
                &[],
                &[&body],
            );
        }
        let index = b.finish();
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

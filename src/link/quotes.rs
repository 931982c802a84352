//! The same statement across outlets and languages: quotes that several sources render — word
//! for word, reworded, cut to a fragment, or translated — grouped.
//!
//! Near-linear: word-for-word copies (same event, same speaker) join their first copy through
//! a hash map, so that a statement quoted by hundreds of sources costs one lookup per copy and
//! its variants still find each other; the first copies' word 3-grams go into an inverted index
//! (per event); each looks up the quotes that share its rarest 3-grams (frequent ones only
//! within a date window, and at most a bounded number of them), verifies the best few by word
//! alignment (longest common subsequence), and joins them with a union-find. Kinds of match:
//!
//! - **renderings**: most words shared both ways (Dice ≥ 0.7) → the same group;
//! - **fragments**: a short quote whose words nearly all appear, in order, in a longer one →
//!   joins the longer one's group, unless it fits several groups equally (a stock phrase);
//! - both only when the words that differ are a word swapped here and there or words added or
//!   left out, not a run of other words ([`substituted_words`]): different statements with one
//!   stock ending stay apart;
//! - **short quotes** (two or three words, "Enough is enough!") only word for word, one speaker,
//!   one event;
//! - **translations**: a quote in another language by the same resolved speaker in the same
//!   event, with names, numbers or cognates in common ([`anchors`]), joins a group only when
//!   each group is the other's clear best candidate (more anchors in common than any other).
//!
//! Quotes are grouped only when their speakers can be the same (two different people never
//! are; a person and an organisation can be), and, when both sources are dated, when they were
//! published within [`WINDOW_DAYS`] of each other.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use serde::Serialize;

use super::entities::{Entity, compatible_speakers};
use super::names::{NameParts, compatible_people, name_parts};
use super::{DocLinks, QuoteRef, doc_day};
use crate::extract::{Document, QuoteKind};
use crate::manifest::EntityKind;
use crate::slug::{dedupe, slugify};

/// Renderings of one statement by different sources.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteGroup {
    /// The page name (`quotes/<id>/`).
    pub id: String,
    /// Every rendering, in dossier order.
    pub members: Vec<QuoteRef>,
    /// The speaker most members name (the entity's name when resolved).
    pub speaker: Option<String>,
    /// The speaker's entity, when the members' speakers resolve to one.
    pub speaker_entity: Option<usize>,
    /// The fullest rendering, shown as the group's title and used as the base of the diffs.
    pub text: String,
    pub reference: QuoteRef,
    /// Languages of the renderings (ISO 639-1), without repeats.
    pub languages: Vec<String>,
}

/// Quotes shorter than this (in words) are too generic to match by their words alone
/// ("terrorist act").
pub const MIN_WORDS: usize = 4;
/// Shorter quotes ("Enough is enough!") down to this many words are grouped only word for
/// word, when one speaker (named, or described alike) says them in one event.
pub const MIN_COPY_WORDS: usize = 2;
/// Sources further apart than this (when both are dated) do not share a rendering.
pub const WINDOW_DAYS: i32 = 30;
/// Renderings: Dice coefficient of the aligned words.
const RENDERING_DICE: f64 = 0.7;
/// Short renderings where one speaker is unknown need more alike words: nothing else vouches
/// for them, and short stock phrases recur.
const UNKNOWN_SPEAKER_DICE: f64 = 0.85;
/// Quotes of this many words or more are specific enough to match without a known speaker.
const LONG_QUOTE_WORDS: usize = 12;
/// Fragments: share of the shorter quote's words found in order in the longer one.
const FRAGMENT_CONTAINMENT: f64 = 0.85;
/// Postings longer than this are read only within the date window.
const POSTING_CAP: usize = 64;

/// At most this many posting entries are read for one quote, rarest shingles first (quotes made
/// only of stock phrases would otherwise read long postings).
const CANDIDATE_BUDGET: usize = 640;
/// A quote keeps at most this many matches (the most alike first): a group needs only a few
/// links per member, and stock phrases would otherwise match hundreds of quotes each.
const MAX_MATCHES: usize = 16;
/// How many of a quote's rarest shingles are looked up.
const PROBE_SHINGLES: usize = 8;
/// At most this many entries of one posting are read for one quote.
const WINDOW_CAP: usize = 256;
/// At most this many candidates per quote are verified by alignment.
const VERIFY_TOP: usize = 64;
/// Words beyond this are ignored when aligning (very long block quotations).
const MAX_ALIGN_WORDS: usize = 160;
/// Words of at least this many letters count as possible cognates in [`anchors`].
const COGNATE_MIN_LETTERS: usize = 5;
/// … compared by this many first letters ("informat…").
const COGNATE_STEM_LETTERS: usize = 6;
/// Translations: a quote in another language, same speaker and event, with at least this many
/// anchors in common …
const TRANSLATION_ANCHORS: usize = 1;
/// … and lengths (in words) no further apart than this factor.
const TRANSLATION_LENGTH_RATIO: f64 = 1.8;
/// Anchors (per event and speaker) shared by more quotes than this are stock and not looked up.
const TRANSLATION_POSTING_CAP: usize = 48;
/// Word-for-word copies of one text by this many different speakers are told apart; copies by
/// yet more speakers are matched through the index like any quote.
const MAX_FIRST_COPIES: usize = 8;
/// Renderings and fragments have at most this many words in place of others (more in long
/// quotes, see [`substitution_allowance`]).
const MAX_SUBSTITUTION: usize = 2;

/// Normalised words of a quote: lowercase, letters and digits only.
pub fn normalize(text: &str) -> String {
    words(text).join(" ")
}

/// The words of a text, lowercased, punctuation dropped.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Which words of a text are salient: numbers, and — unless the language capitalises its nouns —
/// capitalised words that do not start a sentence ("Tehran" in "The people of Tehran").
pub fn salient_words(text: &str, nouns_capitalised: bool) -> Vec<bool> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    let mut word = String::new();
    let mut flush = |word: &mut String, sentence_start: &mut bool| {
        if word.is_empty() {
            return;
        }
        let digit = word.chars().any(|c| c.is_numeric());
        let capital =
            word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() > 1;
        out.push(digit || (capital && !*sentence_start && !nouns_capitalised));
        *sentence_start = false;
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut sentence_start);
            if matches!(c, '.' | '!' | '?' | ':' | ';' | '"' | '“' | '„' | '«' | '»') {
                sentence_start = true;
            }
        }
    }
    flush(&mut word, &mut sentence_start);
    out
}

/// Who said a quote, as far as it can be compared.
#[derive(Debug, Clone)]
enum Speaker {
    Unknown,
    Entity(usize),
    Named(NameParts),
    /// "a police spokesperson", "ein Diplomat": the words after the article, lowercase.
    Described(String),
}

fn speaker_of(quote: &crate::extract::Quote, resolved: Option<usize>) -> Speaker {
    if let Some(e) = resolved {
        return Speaker::Entity(e);
    }
    let Some(s) = quote.speaker.as_deref().or(quote.speaker_entity.as_deref()) else {
        return Speaker::Unknown;
    };
    let first = s.split_whitespace().next().unwrap_or("");
    let article = matches!(
        first.to_lowercase().as_str(),
        "a" | "an"
            | "the"
            | "one"
            | "ein"
            | "eine"
            | "einer"
            | "der"
            | "die"
            | "das"
            | "un"
            | "une"
            | "le"
            | "la"
            | "les"
    );
    if !article
        && first.chars().next().is_some_and(char::is_uppercase)
        && let Some(p) = name_parts(s)
    {
        return Speaker::Named(p);
    }
    let rest: Vec<String> = words(s).into_iter().skip(usize::from(article)).collect();
    Speaker::Described(rest.join(" "))
}

/// Whether two known speakers can be the same: the same or compatible people, a person and an
/// organisation (a spokesperson speaks for it), two unnamed speakers; never a named and an
/// unnamed one, two different people or two different organisations.
fn compatible(a: &Speaker, b: &Speaker, entities: &[Entity], parts: &[Option<NameParts>]) -> bool {
    use Speaker::*;
    let person = |e: usize| entities[e].kind == EntityKind::Person;
    let parts_of = |e: usize| parts.get(e).and_then(Option::as_ref);
    match (a, b) {
        (Unknown, _) | (_, Unknown) | (Described(_), Described(_)) => true,
        (Described(_), _) | (_, Described(_)) => false,
        (Entity(x), Entity(y)) => compatible_speakers(*x, *y, entities, parts),
        (Entity(e), Named(p)) | (Named(p), Entity(e)) => {
            !person(*e) || parts_of(*e).is_none_or(|q| compatible_people(p, q))
        }
        (Named(p), Named(q)) => compatible_people(p, q),
    }
}

/// Distinct speakers by id (0 is the unknown speaker), with their compatibility remembered:
/// grouping asks about the same few pairs again and again.
struct Compat<'a> {
    speakers: &'a [Speaker],
    entities: &'a [Entity],
    parts: &'a [Option<NameParts>],
    memo: std::cell::RefCell<FxHashMap<(u32, u32), bool>>,
}

impl Compat<'_> {
    fn ok(&self, a: u32, b: u32) -> bool {
        if a == 0 || b == 0 || a == b {
            return true;
        }
        let key = (a.min(b), a.max(b));
        if let Some(&known) = self.memo.borrow().get(&key) {
            return known;
        }
        let v = compatible(
            &self.speakers[a as usize],
            &self.speakers[b as usize],
            self.entities,
            self.parts,
        );
        self.memo.borrow_mut().insert(key, v);
        v
    }
}

/// Interns a speaker: equal speakers get one id; the unknown speaker is 0.
fn intern(speaker: Speaker, speakers: &mut Vec<Speaker>, ids: &mut FxHashMap<String, u32>) -> u32 {
    let key = match &speaker {
        Speaker::Unknown => return 0,
        Speaker::Entity(e) => format!("e{e}"),
        Speaker::Named(p) => format!("n{}", p.full_key()),
        Speaker::Described(words) => format!("d{words}"),
    };
    *ids.entry(key).or_insert_with(|| {
        speakers.push(speaker);
        speakers.len() as u32 - 1
    })
}

/// One statement being grouped: a speech quote, or the two halves of a quotation split around
/// its attribution.
struct Item {
    /// The (first) quote.
    r: QuoteRef,
    /// 2 when the next quote of the document continues this one.
    parts: u8,
    day: Option<i32>,
    tokens: Vec<u32>,
    /// Words that tell statements apart however alike the rest is: numbers, and names
    /// (capitalised words inside a sentence, in languages that do not capitalise nouns).
    salient: Vec<u32>,
    speaker: Speaker,
    /// The speaker's id in [`Matches::speakers`] (0: unknown).
    sid: u32,
    /// The source's language (an index into the dossier's languages), when known.
    language: Option<u16>,
    /// What survives translation: the entities named inside the quote, its numbers and the
    /// stems of its longer words (cognates: "Informationen", "information"); see [`anchors`].
    anchors: Vec<u64>,
}

/// The document's speech quotes as statements: a quotation split around its attribution
/// (`“A,” she said. “B.”`) is one statement of two quotes. Quote indexes, in order.
pub fn statement_units(doc: &Document) -> Vec<Vec<usize>> {
    let speech: Vec<usize> = (0..doc.quotes.len())
        .filter(|&q| doc.quotes[q].kind == QuoteKind::Speech)
        .collect();
    let block_of = |offset: usize| doc.blocks.partition_point(|b| b.end < offset);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut i = 0;
    while i < speech.len() {
        let q = speech[i];
        if let Some(&next) = speech.get(i + 1) {
            let (a, b) = (&doc.quotes[q], &doc.quotes[next]);
            let gap = doc.text.get(a.outer_end..b.outer_start).unwrap_or("");
            let continues = next == q + 1
                && block_of(a.start) == block_of(b.start)
                && !a.text.trim_end().ends_with(['.', '!', '?'])
                && (1..=10).contains(&gap.split_whitespace().count())
                && (a.speaker.is_none() || b.speaker.is_none() || a.speaker == b.speaker);
            if continues {
                out.push(vec![q, next]);
                i += 2;
                continue;
            }
        }
        out.push(vec![q]);
        i += 1;
    }
    out
}

/// Union-find over items, keeping per set the known speakers and the date span, so that a
/// quote of unknown speaker or date never bridges two incompatible groups.
struct Sets {
    parent: Vec<usize>,
    speakers: Vec<Vec<u32>>,
    span: Vec<Option<(i32, i32)>>,
    event: Vec<Option<usize>>,
}

impl Sets {
    fn new(items: &[Item], events: Option<&[Option<usize>]>) -> Sets {
        Sets {
            event: items
                .iter()
                .map(|it| events.and_then(|e| e[it.r.doc]))
                .collect(),
            parent: (0..items.len()).collect(),
            speakers: items
                .iter()
                .map(|it| {
                    if it.sid == 0 {
                        Vec::new()
                    } else {
                        vec![it.sid]
                    }
                })
                .collect(),
            span: items.iter().map(|it| it.day.map(|d| (d, d))).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    /// Joins the sets of `a` and `b` when their speakers are compatible and their dates stay
    /// within the window; says whether they are now one set.
    fn union(&mut self, a: usize, b: usize, compat: &Compat) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return true;
        }
        let event = match (self.event[a], self.event[b]) {
            (Some(x), Some(y)) if x != y => return false,
            (x, y) => x.or(y),
        };
        let span = match (self.span[a], self.span[b]) {
            (Some((a0, a1)), Some((b0, b1))) => {
                let s = (a0.min(b0), a1.max(b1));
                if s.1 - s.0 > WINDOW_DAYS {
                    return false;
                }
                Some(s)
            }
            (x, y) => x.or(y),
        };
        if !self.speakers[a]
            .iter()
            .all(|&x| self.speakers[b].iter().all(|&y| compat.ok(x, y)))
        {
            return false;
        }
        let (root, child) = (a.min(b), a.max(b));
        self.parent[child] = root;
        self.span[root] = span;
        self.event[root] = event;
        let moved = std::mem::take(&mut self.speakers[child]);
        for s in moved {
            if !self.speakers[root].contains(&s) && self.speakers[root].len() < 16 {
                self.speakers[root].push(s);
            }
        }
        true
    }
}

/// Length of the longest common subsequence of two word sequences.
pub fn lcs(a: &[u32], b: &[u32]) -> usize {
    let (a, b) = (
        &a[..a.len().min(MAX_ALIGN_WORDS)],
        &b[..b.len().min(MAX_ALIGN_WORDS)],
    );
    let mut prev = vec![0u16; b.len() + 1];
    let mut cur = vec![0u16; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// Each word's positions in a sequence of at most 128 words, as bits, sorted by word: for the
/// bit-parallel longest common subsequence.
fn position_masks(words: &[u32]) -> Option<Vec<(u32, u128)>> {
    if words.len() > 128 {
        return None;
    }
    let mut masks: Vec<(u32, u128)> = Vec::with_capacity(words.len());
    for (i, &w) in words.iter().enumerate() {
        masks.push((w, 1u128 << i));
    }
    masks.sort_unstable_by_key(|m| m.0);
    masks.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 |= later.1;
            true
        } else {
            false
        }
    });
    Some(masks)
}

/// The longest common subsequence of `a` (given by its position masks and length) and `b`,
/// bit-parallel (Hyyrö): one pass over `b`.
fn lcs_bits(masks: &[(u32, u128)], a_len: usize, b: &[u32]) -> usize {
    let full: u128 = if a_len == 128 {
        u128::MAX
    } else {
        (1u128 << a_len) - 1
    };
    let mut v: u128 = full;
    for &y in b {
        if let Ok(k) = masks.binary_search_by_key(&y, |m| m.0) {
            let u = v & masks[k].1;
            v = (v.wrapping_add(u) | v.wrapping_sub(u)) & full;
        }
    }
    a_len - v.count_ones() as usize
}

/// How many words one quote has in place of others of the other, along a longest common
/// subsequence of the two: in each gap between common words (and before the first), the
/// smaller of the two sides' unmatched words, summed. A rewording swaps a word here and there,
/// and outlets add or leave out words (one side of a gap empty); two different statements
/// that end in one stock phrase ("… and we will not stop until we know the truth") have other
/// words in place of each other before it, however many small words they happen to share.
/// The words after the last common one are left out: cutting a quote short is no rewording.
pub fn substituted_words(a: &[u32], b: &[u32]) -> usize {
    let (a, b) = (
        &a[..a.len().min(MAX_ALIGN_WORDS)],
        &b[..b.len().min(MAX_ALIGN_WORDS)],
    );
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    // Suffix table: at [i * w + j] the common subsequence length of a[i..] and b[j..].
    let mut table = vec![0u16; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * w + j] = if a[i] == b[j] {
                table[(i + 1) * w + j + 1] + 1
            } else {
                table[(i + 1) * w + j].max(table[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut gap_a, mut gap_b, mut substituted) = (0, 0, 0);
    while i < n && j < m && table[i * w + j] > 0 {
        if a[i] == b[j] && table[i * w + j] == table[(i + 1) * w + j + 1] + 1 {
            substituted += gap_a.min(gap_b);
            (gap_a, gap_b) = (0, 0);
            i += 1;
            j += 1;
        } else if table[(i + 1) * w + j] >= table[i * w + j + 1] {
            gap_a += 1;
            i += 1;
        } else {
            gap_b += 1;
            j += 1;
        }
    }
    substituted
}

/// How many words a rendering may have in place of others (see [`substituted_words`]) for
/// quotes of `len` words (the shorter): a word or two, a little more in long quotes.
fn substitution_allowance(len: usize) -> usize {
    MAX_SUBSTITUTION.max(len / 8)
}

/// What a quote and its translation share, as keys: the entities named inside the quote (by
/// entity, so "Syrien" is "Syria"), its numbers, and the first letters of its longer words
/// with spelling differences of related languages folded (c/k, ph/f, accents), which catch
/// cognates ("Sanktionen", "sanctions"; "Demokratie", "democracy"). Sorted, without repeats.
pub fn anchors(text: &str, entities: impl IntoIterator<Item = usize>) -> Vec<u64> {
    let mut out: Vec<u64> = entities
        .into_iter()
        .map(|e| hash_str("e", &e.to_string()) & !3)
        .collect();
    for w in words(text) {
        if w.chars().any(|c| c.is_numeric()) {
            out.push(hash_str("n", &w) & !3 | NUMBER_ANCHOR);
            continue;
        }
        let folded: String = fold_cognate(&w);
        if folded.chars().count() >= COGNATE_MIN_LETTERS {
            let stem: String = folded.chars().take(COGNATE_STEM_LETTERS).collect();
            out.push(hash_str("w", &stem) & !3);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The low bits of an anchor that is a number (a translation gives the same numbers).
const NUMBER_ANCHOR: u64 = 1;

/// A lowercase word with the spellings that differ between related languages made alike.
fn fold_cognate(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            'ä' | 'à' | 'á' | 'â' => out.push('a'),
            'ö' | 'ó' | 'ô' => out.push('o'),
            'ü' | 'ú' | 'û' => out.push('u'),
            'é' | 'è' | 'ê' => out.push('e'),
            'ß' => out.push_str("ss"),
            'c' | 'q' => out.push('k'),
            'z' => out.push('s'),
            _ => out.push(c),
        }
    }
    // Most words have neither pair: no copies for them.
    if out.contains("ph") {
        out = out.replace("ph", "f");
    }
    if out.contains("th") {
        out = out.replace("th", "t");
    }
    out
}

fn hash_str(kind: &str, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in kind.bytes().chain([0]).chain(s.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// An inverted index from hashed keys (shingles, anchors) to the statements holding them,
/// built once and then only read: one array of statement numbers cut by key. A map of small
/// lists took three times the memory (a big dossier's quotes have millions of shingles, most
/// of them held by one statement).
struct PostingIndex {
    /// Key → (start, length) in `items`.
    slots: FxHashMap<u64, (u32, u32)>,
    items: Vec<u32>,
}

impl PostingIndex {
    /// From (key, statement) pairs; each key's statements end up in ascending order.
    fn new(mut pairs: Vec<(u64, u32)>) -> PostingIndex {
        // Millions of pairs at 50,000 sources: sorted on every core (whole tuples, so the
        // order is the same whatever the threads).
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut slots = FxHashMap::default();
        let mut items = Vec::with_capacity(pairs.len());
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            slots.insert(run[0].0, (items.len() as u32, run.len() as u32));
            items.extend(run.iter().map(|p| p.1));
        }
        PostingIndex { slots, items }
    }

    /// The statements holding `key`, in ascending order (none for an unknown key).
    fn get(&self, key: u64) -> &[u32] {
        self.slots.get(&key).map_or(&[], |&(start, len)| {
            &self.items[start as usize..start as usize + len as usize]
        })
    }
}

/// The distinct word 3-grams of a statement, hashed: what the index finds candidates by.
/// Computed when needed rather than kept per statement (a big dossier has hundreds of
/// thousands of statements).
fn shingles(tokens: &[u32]) -> Vec<u64> {
    let mut shingles: Vec<u64> = tokens.windows(3).map(hash_words).collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

fn hash_words(words: &[u32]) -> u64 {
    // FNV-1a over the word ids: fast and good enough for an index key.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The statements of a dossier and the verified matches between them: the expensive part of
/// grouping, done once and grouped again when events are known.
pub struct Matches {
    items: Vec<Item>,
    /// Distinct speakers; an item's `sid` indexes them.
    speakers: Vec<Speaker>,
    /// (Dice, item, item), strongest first.
    renderings: Vec<(f32, u32, u32)>,
    /// (fragment, longer item), sorted.
    fragments: Vec<(u32, u32)>,
    /// Possible translations (item, item in another language, anchors in common), sorted.
    translations: Vec<(u32, u32, u16)>,
}

/// Finds every pair of statements that render one another, through the shingle index.
/// With `events` (each document's event, from a first clustering), a quote looks for matches
/// only among quotes of its own event and of sources in no event: far fewer candidates, and
/// the same words said on another occasion no longer crowd out the right ones.
pub fn find_matches(
    docs: &[Document],
    entities: &[Entity],
    parts: &[Option<NameParts>],
    links: &[DocLinks],
    events: Option<&[Option<usize>]>,
) -> Matches {
    /// A statement as read from its document, before its words and speaker are numbered.
    struct Draft {
        unit: Vec<usize>,
        words: Vec<String>,
        salient: Vec<bool>,
        speaker: Speaker,
        anchors: Vec<u64>,
    }
    // Each document's statements are read in parallel (a chunk of documents at a time, to
    // bound the words held at once); their words, speakers and languages are numbered below
    // in document order, so the numbers do not depend on the threads.
    let read_statements = |d: usize, doc: &Document| -> Vec<Draft> {
        let capitalises_nouns = doc
            .metadata
            .language
            .as_ref()
            .is_some_and(|l| matches!(l.value.as_str(), "de" | "lb"));
        let mut drafts = Vec::new();
        for unit in statement_units(doc) {
            let text: String = unit
                .iter()
                .map(|&q| doc.quotes[q].text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let ws = words(&text);
            if ws.len() < MIN_COPY_WORDS {
                continue;
            }
            let salient = salient_words(&text, capitalises_nouns);
            let speaker = unit
                .iter()
                .map(|&q| {
                    let resolved = links[d].quote_speakers.get(q).copied().flatten();
                    speaker_of(&doc.quotes[q], resolved)
                })
                .find(|s| !matches!(s, Speaker::Unknown))
                .unwrap_or(Speaker::Unknown);
            // Translations are looked for only between quotes of resolved speakers.
            let anchors =
                if doc.metadata.language.is_some() && matches!(speaker, Speaker::Entity(_)) {
                    let inside = unit.iter().flat_map(|&q| {
                        let quote = &doc.quotes[q];
                        let from = doc.mentions.partition_point(|m| m.start < quote.start);
                        doc.mentions[from..]
                            .iter()
                            .zip(&links[d].mention_entities[from..])
                            .take_while(move |(m, _)| m.start < quote.end)
                            .filter(move |(m, _)| m.end <= quote.end)
                            .map(|(_, &e)| e)
                    });
                    anchors(&text, inside)
                } else {
                    Vec::new()
                };
            drafts.push(Draft {
                unit,
                words: ws,
                salient,
                speaker,
                anchors,
            });
        }
        drafts
    };
    let mut vocabulary: FxHashMap<String, u32> = FxHashMap::default();
    let mut items: Vec<Item> = Vec::new();
    let mut speakers: Vec<Speaker> = vec![Speaker::Unknown];
    let mut speaker_ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut languages: Vec<String> = Vec::new();
    super::read_then_number(
        docs.len(),
        |d| read_statements(d, &docs[d]),
        |d, doc_drafts| {
            let doc = &docs[d];
            let day = doc_day(doc);
            let language = doc.metadata.language.as_ref().map(|l| {
                let at = languages.iter().position(|x| *x == l.value);
                at.unwrap_or_else(|| {
                    languages.push(l.value.clone());
                    languages.len() - 1
                }) as u16
            });
            for draft in doc_drafts {
                let tokens: Vec<u32> = draft
                    .words
                    .into_iter()
                    .map(|w| {
                        let n = vocabulary.len() as u32;
                        *vocabulary.entry(w).or_insert(n)
                    })
                    .collect();
                let mut salient: Vec<u32> = draft
                    .salient
                    .into_iter()
                    .zip(&tokens)
                    .filter(|(s, _)| *s)
                    .map(|(_, &t)| t)
                    .collect();
                salient.sort_unstable();
                salient.dedup();
                let sid = intern(draft.speaker.clone(), &mut speakers, &mut speaker_ids);
                items.push(Item {
                    language,
                    anchors: draft.anchors,
                    sid,
                    r: QuoteRef {
                        doc: d,
                        quote: draft.unit[0],
                    },
                    parts: draft.unit.len() as u8,
                    day,
                    tokens,
                    salient,
                    speaker: draft.speaker,
                });
            }
        },
    );
    // Dated first, by date: postings are then in date order and windows are slices.
    items.sort_by_key(|it| (it.day.is_none(), it.day, it.r));
    // Each quote's shingles under its event (key 0: no event), and under no event at all for
    // the quotes of sources in no event, which may match any.
    let event_key =
        |it: &Item| -> u64 { events.and_then(|e| e[it.r.doc]).map_or(0, |e| e as u64 + 1) };
    let keyed = |s: u64, key: u64| -> u64 {
        if key == 0 {
            s
        } else {
            s ^ key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        }
    };
    // Word-for-word copies (same event, or else same month, and same speaker) join their first
    // copy at once; only the first copy of each text is indexed and looks for matches. A
    // much-quoted statement then needs a few links between its variants rather than many
    // between identical copies, which would otherwise fill every quote's bounded list of matches
    // and leave the variants (a synonym, a dropped word) in separate groups. Quotes too short to
    // match by their words are grouped here or not at all.
    let mut renderings: Vec<(f32, u32, u32)> = Vec::new();
    let mut unindexed: Vec<bool> = vec![false; items.len()];
    let compat = Compat {
        speakers: &speakers,
        entities,
        parts,
        memo: Default::default(),
    };
    // Copies have one speaker: the same, or two names of one person; described speakers
    // ("a witness") alike; an unknown speaker only with other unknown ones.
    let same_speaker = |a: u32, b: u32| {
        a == b
            || (a != 0
                && b != 0
                && !matches!(speakers[a as usize], Speaker::Described(_))
                && !matches!(speakers[b as usize], Speaker::Described(_))
                && compat.ok(a, b))
    };
    {
        let mut first_copies: FxHashMap<(u64, Option<i32>, u64), Vec<u32>> = FxHashMap::default();
        for (i, it) in items.iter().enumerate() {
            let event = event_key(it);
            let short = it.tokens.len() < MIN_WORDS;
            if short {
                unindexed[i] = true;
                if event == 0 || it.sid == 0 {
                    continue;
                }
            }
            let month = if event == 0 {
                it.day.map(|d| d.div_euclid(WINDOW_DAYS))
            } else {
                None
            };
            let firsts = first_copies
                .entry((event, month, hash_words(&it.tokens)))
                .or_default();
            let first = firsts.iter().copied().find(|&f| {
                let other = &items[f as usize];
                other.tokens == it.tokens && same_speaker(other.sid, it.sid)
            });
            match first {
                Some(f) => {
                    renderings.push((1.0, f, i as u32));
                    unindexed[i] = true;
                }
                None if firsts.len() < MAX_FIRST_COPIES => firsts.push(i as u32),
                None => {}
            }
        }
    }
    // Each statement's shingles under its event, then (in a second pass, so that only one list
    // of pairs is in memory at a time) under no event for sources in an event.
    // In parallel: the index sorts its pairs, so their order here does not matter.
    let indexed = || {
        (items.par_iter().enumerate())
            .filter(|&(i, _)| !unindexed[i])
            .map(|(i, it)| (i as u32, event_key(it), shingles(&it.tokens)))
    };
    let postings = PostingIndex::new(
        indexed()
            .flat_map_iter(|(i, key, sh)| sh.into_iter().map(move |s| (keyed(s, key), i)))
            .collect(),
    );
    let all = PostingIndex::new(
        indexed()
            .filter(|&(_, key, _)| key != 0)
            .flat_map_iter(|(i, _, sh)| sh.into_iter().map(move |s| (s, i)))
            .collect(),
    );

    // Candidate pairs through the index, verified by alignment: each quote's on its own, in
    // parallel (every thread with its own scratch and speaker memo); the matches are sorted
    // below, so they do not depend on the threads.
    /// One quote's matches: renderings (alignment score, quote, other) and fragments (the
    /// fragment, the longer quote).
    type ItemMatches = (Vec<(f32, u32, u32)>, Vec<(u32, u32)>);
    struct Scratch<'a> {
        /// Shared-shingle counts per candidate: a dense array reset through the touched list.
        shared: Vec<u32>,
        touched: Vec<u32>,
        compat: Compat<'a>,
    }
    let match_one = |sc: &mut Scratch, i: usize| -> ItemMatches {
        let mut renderings: Vec<(f32, u32, u32)> = Vec::new();
        let mut fragments: Vec<(u32, u32)> = Vec::new();
        if unindexed[i] {
            return (renderings, fragments);
        }
        let Scratch {
            shared,
            touched,
            compat,
        } = sc;
        for &j in touched.iter() {
            shared[j as usize] = 0;
        }
        touched.clear();
        let mut budget = CANDIDATE_BUDGET;
        let it = &items[i];
        // The quote's rarest shingles find its candidates (prefix filtering): a rendering or a
        // fragment shares them, and rare postings are short.
        // (A shingle only this quote has finds nothing.)
        let key = event_key(it);
        let it_shingles = shingles(&it.tokens);
        let mut probes: Vec<&[u32]> = Vec::with_capacity(it_shingles.len() * 2);
        for s in it_shingles {
            if key != 0 {
                // Its own event, and sources in no event.
                probes.push(postings.get(keyed(s, key)));
                probes.push(postings.get(s));
            } else {
                probes.push(postings.get(s));
                probes.push(all.get(s));
            }
        }
        probes.retain(|p| p.len() > 1 || p.first().is_some_and(|&j| j as usize != i));
        probes.sort_by_key(|p| p.len());
        probes.truncate(PROBE_SHINGLES);
        for p in probes {
            if budget == 0 {
                break;
            }
            let range: &[u32] = if p.len() <= POSTING_CAP {
                p
            } else if let Some(day) = it.day {
                // Dated items come first, in date order: the window is a slice.
                let from = p.partition_point(|&j| {
                    items[j as usize].day.is_some_and(|d| d < day - WINDOW_DAYS)
                });
                let to = p.partition_point(|&j| {
                    items[j as usize]
                        .day
                        .is_some_and(|d| d <= day + WINDOW_DAYS)
                });
                let window = &p[from..to];
                let cap = WINDOW_CAP.min(budget);
                if window.len() <= cap {
                    window
                } else {
                    // The entries closest to this quote.
                    let at = window.partition_point(|&j| (j as usize) < i);
                    let lo = at.saturating_sub(cap / 2).min(window.len() - cap);
                    &window[lo..lo + cap]
                }
            } else {
                continue;
            };
            budget = budget.saturating_sub(range.len());
            for &j in range {
                if j as usize != i {
                    if shared[j as usize] == 0 {
                        touched.push(j);
                    }
                    shared[j as usize] += 1;
                }
            }
        }
        // The most shared shingles first, among equals the closest in time (likelier the same
        // occasion); cheap checks (date window, speakers) before aligning.
        let mut candidates: Vec<(u32, i32, u32)> = touched
            .iter()
            .map(|&j| {
                let gap = match (it.day, items[j as usize].day) {
                    (Some(a), Some(b)) => (a - b).abs(),
                    _ => WINDOW_DAYS,
                };
                (shared[j as usize], gap, j)
            })
            .filter(|&(_, gap, _)| gap <= WINDOW_DAYS)
            .collect();
        candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
        let candidates = candidates
            .into_iter()
            .map(|(_, _, j)| (j, ()))
            .filter(|&(j, _)| compat.ok(it.sid, items[j as usize].sid))
            .take(VERIFY_TOP);
        let masks = position_masks(&it.tokens);
        let mut accepted = 0;
        for (j, _) in candidates {
            let other = &items[j as usize];
            let common = if it.tokens == other.tokens {
                it.tokens.len()
            } else {
                match &masks {
                    Some(m) => lcs_bits(
                        m,
                        it.tokens.len(),
                        &other.tokens[..other.tokens.len().min(MAX_ALIGN_WORDS)],
                    ),
                    None => lcs(&it.tokens, &other.tokens),
                }
            };
            if common < MIN_WORDS {
                continue;
            }
            let (la, lb) = (
                it.tokens.len().min(MAX_ALIGN_WORDS),
                other.tokens.len().min(MAX_ALIGN_WORDS),
            );
            let dice = 2.0 * common as f64 / (la + lb) as f64;
            let containment = common as f64 / la.min(lb) as f64;
            // The shorter quote's names and numbers must all be in the longer one.
            let (short, long) = if la <= lb { (it, other) } else { (other, it) };
            if !short.salient.iter().all(|w| long.tokens.contains(w)) {
                continue;
            }
            let unknown =
                matches!(it.speaker, Speaker::Unknown) || matches!(other.speaker, Speaker::Unknown);
            let needed = if unknown && la.min(lb) < LONG_QUOTE_WORDS {
                UNKNOWN_SPEAKER_DICE
            } else {
                RENDERING_DICE
            };
            let rendering = dice >= needed;
            let fragment = !rendering
                && containment >= FRAGMENT_CONTAINMENT
                && la.min(lb) > MIN_WORDS
                && !matches!(short.speaker, Speaker::Unknown);
            if !(rendering || fragment) {
                continue;
            }
            // Where they differ: a word swapped here and there, words added or left out, not a
            // run of other words in place of the same number (another statement, same ending).
            if common < la.max(lb)
                && substituted_words(&it.tokens, &other.tokens) > substitution_allowance(la.min(lb))
            {
                continue;
            }
            if rendering {
                renderings.push((dice as f32, i as u32, j));
            } else if la < lb {
                fragments.push((i as u32, j));
            } else {
                fragments.push((j, i as u32));
            }
            accepted += 1;
            if accepted >= MAX_MATCHES {
                break;
            }
        }
        (renderings, fragments)
    };
    let found: Vec<ItemMatches> = {
        // Tasks of 2,048 statements: each starts with a zeroed array of counts as long as the
        // list of statements.
        (0..items.len())
            .into_par_iter()
            .with_min_len(2_048)
            .map_init(
                || Scratch {
                    shared: vec![0; items.len()],
                    touched: Vec::new(),
                    compat: Compat {
                        speakers: &speakers,
                        entities,
                        parts,
                        memo: Default::default(),
                    },
                },
                match_one,
            )
            // Most statements match nothing: only the others are kept.
            .filter(|(r, f)| !r.is_empty() || !f.is_empty())
            .collect()
    };
    let mut fragments: Vec<(u32, u32)> = Vec::new();
    for (r, f) in found {
        renderings.extend(r);
        fragments.extend(f);
    }
    drop((postings, all));
    let translations = find_translations(&items, &unindexed, &event_key);
    // Strongest matches first, so that weak ones cannot pull groups together before them.
    renderings.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    fragments.sort_unstable();
    Matches {
        items,
        speakers,
        renderings,
        fragments,
        translations,
    }
}

/// Pairs of quotes in different languages that may be one statement translated: one resolved
/// speaker, one event (from the first clustering), lengths alike, the same numbers, and
/// [`anchors`] in common, found through an index of anchors per event and speaker. Whether
/// a pair is taken is decided between whole groups (see [`group`]).
fn find_translations(
    items: &[Item],
    unindexed: &[bool],
    event_key: &dyn Fn(&Item) -> u64,
) -> Vec<(u32, u32, u16)> {
    let key = |it: &Item, anchor: u64| -> Option<u64> {
        let Speaker::Entity(e) = it.speaker else {
            return None;
        };
        let event = event_key(it);
        (event != 0).then(|| {
            anchor
                ^ (event.wrapping_mul(0x9E37_79B9_7F4A_7C15))
                ^ ((e as u64 + 1).wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
        })
    };
    let postings = PostingIndex::new(
        (items.iter().enumerate())
            .filter(|&(i, it)| !unindexed[i] && it.language.is_some())
            .flat_map(|(i, it)| {
                (it.anchors.iter()).filter_map(move |&a| key(it, a).map(|k| (k, i as u32)))
            })
            .collect(),
    );
    let numbers = |it: &Item| -> Vec<u64> {
        it.anchors
            .iter()
            .copied()
            .filter(|a| a & 3 == NUMBER_ANCHOR)
            .collect()
    };
    let mut out = Vec::new();
    let mut shared: Vec<u32> = vec![0; items.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if unindexed[i] || it.language.is_none() {
            continue;
        }
        for &a in &it.anchors {
            let Some(p) = key(it, a).map(|k| postings.get(k)) else {
                continue;
            };
            if p.len() > TRANSLATION_POSTING_CAP {
                continue;
            }
            for &j in p {
                if j as usize > i && items[j as usize].language != it.language {
                    if shared[j as usize] == 0 {
                        touched.push(j);
                    }
                    shared[j as usize] += 1;
                }
            }
        }
        for &j in &touched {
            let n = std::mem::take(&mut shared[j as usize]) as usize;
            let other = &items[j as usize];
            let (la, lb) = (it.tokens.len() as f64, other.tokens.len() as f64);
            if n >= TRANSLATION_ANCHORS
                && la.max(lb) <= TRANSLATION_LENGTH_RATIO * la.min(lb)
                && numbers(it) == numbers(other)
            {
                out.push((i as u32, j, n.min(u16::MAX as usize) as u16));
            }
        }
        touched.clear();
    }
    out.sort_unstable();
    out
}

/// Groups the matched statements; fills each document's quote → group links. Groups span at
/// least two sources; with `events` (each document's event), never two events.
pub fn group(
    matches: &Matches,
    docs: &[Document],
    entities: &[Entity],
    parts: &[Option<NameParts>],
    events: Option<&[Option<usize>]>,
    links: &mut [DocLinks],
) -> Vec<QuoteGroup> {
    let Matches {
        items,
        speakers,
        renderings,
        fragments,
        translations,
    } = matches;
    let compat = Compat {
        speakers,
        entities,
        parts,
        memo: Default::default(),
    };
    let mut sets = Sets::new(items, events);
    for &(_, i, j) in renderings {
        sets.union(i as usize, j as usize, &compat);
    }
    // Fragments join the group of the longer quotes they fit, when those are one group.
    let mut f = 0;
    while f < fragments.len() {
        let fragment = fragments[f].0 as usize;
        let mut end = f;
        while end < fragments.len() && fragments[end].0 as usize == fragment {
            end += 1;
        }
        let own = sets.find(fragment);
        let mut roots: Vec<usize> = fragments[f..end]
            .iter()
            .map(|&(_, c)| sets.find(c as usize))
            .filter(|&r| r != own)
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [only] = roots.as_slice() {
            sets.union(fragment, *only, &compat);
        }
        f = end;
    }

    // Translations join a group in another language when each is the other's clear best
    // candidate (more anchors in common than any other): one speaker may have said two things
    // with the same name or number in them.
    let mut pairs: FxHashMap<(usize, usize), u16> = FxHashMap::default();
    for &(a, b, n) in translations {
        let (a, b) = (sets.find(a as usize), sets.find(b as usize));
        if a != b {
            let e = pairs.entry((a.min(b), a.max(b))).or_default();
            *e = (*e).max(n);
        }
    }
    let mut pairs: Vec<((usize, usize), u16)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    // Per group: its best partner, that partner's anchors, and the runner-up's.
    let mut best: FxHashMap<usize, (usize, u16, u16)> = FxHashMap::default();
    for &((a, b), n) in &pairs {
        for (x, y) in [(a, b), (b, a)] {
            let e = best.entry(x).or_insert((y, 0, 0));
            if n > e.1 {
                *e = (y, n, e.1);
            } else if y != e.0 {
                e.2 = e.2.max(n);
            }
        }
    }
    let clear = |x: usize, y: usize| {
        best.get(&x)
            .is_some_and(|&(p, n, runner)| p == y && n > runner)
    };
    for &((a, b), _) in &pairs {
        if clear(a, b) && clear(b, a) {
            sets.union(a, b, &compat);
        }
    }

    // Groups spanning at least two sources, in dossier order of their first member.
    let mut clusters: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..items.len() {
        let root = sets.find(i);
        clusters.entry(root).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = clusters
        .into_values()
        .filter(|m| {
            let first = items[m[0]].r.doc;
            m.iter().any(|&i| items[i].r.doc != first)
        })
        .collect();
    groups
        .par_iter_mut()
        .for_each(|g| g.sort_by_key(|&i| items[i].r));
    groups.sort_by_key(|g| items[g[0]].r);

    // Each group described and named on its own, in parallel (in the groups' order).
    let mut out: Vec<QuoteGroup> = groups
        .into_par_iter()
        .map(|members| describe(&members, items, docs, entities))
        .collect();
    let mut slugs: Vec<String> = out
        .par_iter()
        .map(|g| slugify(&crate::text::truncate_words(&g.text, 6).replace('…', "")))
        .collect();
    dedupe(&mut slugs);
    for l in links.iter_mut() {
        l.quote_groups.iter_mut().for_each(|g| *g = None);
    }
    for (i, (g, slug)) in out.iter_mut().zip(slugs).enumerate() {
        g.id = slug;
        for r in &g.members {
            links[r.doc].quote_groups[r.quote] = Some(i);
        }
    }
    out
}

/// A group's title, speaker and languages from its members.
fn describe(
    members: &[usize],
    items: &[Item],
    docs: &[Document],
    entities: &[Entity],
) -> QuoteGroup {
    let reference = members
        .iter()
        .copied()
        .max_by_key(|&i| (items[i].tokens.len(), std::cmp::Reverse(items[i].r)))
        .expect("a group has members");
    let mut entity_votes: FxHashMap<usize, usize> = FxHashMap::default();
    let mut name_votes: FxHashMap<String, usize> = FxHashMap::default();
    let mut languages: Vec<String> = Vec::new();
    for &i in members {
        let r = items[i].r;
        let q = &docs[r.doc].quotes[r.quote];
        if let Speaker::Entity(e) = items[i].speaker {
            *entity_votes.entry(e).or_default() += 1;
        }
        if let Some(s) = q.speaker_entity.as_ref().or(q.speaker.as_ref()) {
            *name_votes.entry(s.clone()).or_default() += 1;
        }
        if let Some(l) = &docs[r.doc].metadata.language
            && !languages.contains(&l.value)
        {
            languages.push(l.value.clone());
        }
    }
    let speaker_entity = entity_votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(e, _)| e);
    let speaker = speaker_entity
        .map(|e| entities[e].name.clone())
        .or_else(|| {
            name_votes
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(n, _)| n)
        });
    let r = items[reference].r;
    QuoteGroup {
        id: String::new(),
        members: members
            .iter()
            .flat_map(|&i| {
                let r = items[i].r;
                (0..items[i].parts as usize).map(move |k| QuoteRef {
                    doc: r.doc,
                    quote: r.quote + k,
                })
            })
            .collect(),
        speaker,
        speaker_entity,
        text: (0..items[reference].parts as usize)
            .map(|k| docs[r.doc].quotes[r.quote + k].text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        reference: r,
        languages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_parallel_lcs_agrees_with_the_table() {
        let mut seed: u64 = 7;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..500 {
            let a: Vec<u32> = (0..1 + next(128)).map(|_| next(12) as u32).collect();
            let b: Vec<u32> = (0..1 + next(60)).map(|_| next(12) as u32).collect();
            let masks = position_masks(&a).unwrap();
            assert_eq!(lcs_bits(&masks, a.len(), &b), lcs(&a, &b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn split_quotations_are_one_statement() {
        use super::super::testing::DocBuilder;
        let doc = DocBuilder::new(
            "d",
            "\"It is early,\" she said. \"We will see.\" Later: \"Fine.\"",
        )
        .quote("It is early,", Some("Ann"))
        .quote("We will see.", Some("Ann"))
        .quote("Fine.", Some("Ann"))
        .build();
        assert_eq!(statement_units(&doc), vec![vec![0, 1], vec![2]]);
    }
}

//! Speakers: for each speech quote, who said it and the attribution cue.
//!
//! The quote's own sentence is read first (its quotations blanked): the attribution cue nearest
//! the quote ("…," the Kremlin said / said Kremlsprecher Dmitri Peskow / according to X / X quoted
//! Y as saying / X表示), then the phrase that is the cue's subject, read backwards, forwards
//! (inverted "sagte X"), or, for participles ("…, noting"), the sentence's first phrase.
//! Pronouns and dropped subjects ("he said", "dijo.", "dodal.") go to the last fitting person
//! or role named before. A quote with no cue in its sentence keeps the speaker of the sentence
//! before (split quotes, "a quote right after a sentence about a speaker", continued
//! paragraphs). Surnames become the full name the article gave.

use regex::Regex;
use rustc_hash::FxHashMap;
use std::cell::{RefCell, RefMut};
use std::sync::LazyLock;

use super::cues::{self, LEXICON};
use super::names::{self, Phrase, Token};
use super::near::WholeWords;
use super::quotes::{blank_quotes, is_unclosed};
use super::sentences;
use super::{Block, BlockKind, Gazetteer, Mention, Quote, QuoteKind, is_cjk};
use crate::manifest::EntityKind;

static CUE: LazyLock<WholeWords> = LazyLock::new(|| {
    let mut all: Vec<&str> = cues::SPEECH_VERBS.to_vec();
    all.extend(cues::PREP_CUES);
    all.extend([
        "quoted", "cited", "citing", "quoting", "zitierte", "zitiert", "citó", "citou", "citoval",
        "citovala", "cité", "citée", "adding", "saying", "telling",
    ]);
    // Verbs that report a judgement in someone's words ("dismissed the report as '…'").
    all.extend([
        "called",
        "described",
        "dismissed",
        "denounced",
        "condemned",
        "praised",
        "hailed",
        "criticised",
        "criticized",
        "slammed",
        "rejected",
        "accused",
        "bezeichnete",
        "nannte",
        "qualifié",
        "calificó",
        "classificou",
        "označil",
        "označila",
    ]);
    all.extend(cues::JUDGEMENT_VERBS);
    all.extend(cues::SPOKE_OF);
    cues::whole_words(all)
});

/// A new clause between a quote and a later cue: the cue belongs to the new clause.
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,;]\s*(?:while|whereas|but|and|während|aber|tandis que|alors que|mais|mientras|pero|enquanto|mas|zatímco|ale)\b").expect("clause regex")
});

/// Cues that say where words were said, not who said them: they mark speech, name nobody.
const NON_SPEAKER_CUES: &[&str] = &[
    "in a statement",
    "in an interview",
    "quoted",
    "cited",
    "citing",
    "quoting",
];

/// Cues whose subject is the medium that quotes and whose object is the speaker ("„…“, zitierte
/// die Nachrichtenagentur AFP Präsidentin Rachel Abramow").
const QUOTING_CUES: &[&str] = &[
    "zitierte", "zitiert", "citó", "citou", "citoval", "citovala", "cité", "citée",
];

/// A resolved speaker: what to print, the entity, where the text names them.
#[derive(Debug, Clone)]
struct Speaker {
    name: String,
    entity: Option<String>,
    #[allow(dead_code)]
    start: usize,
    end: usize,
    /// A woman (`Some(true)`), a man, or not said.
    gender: Option<bool>,
    person: bool,
}

/// One sentence of the body.
#[derive(Debug, Clone, Copy)]
struct Sentence {
    start: usize,
    end: usize,
    block: usize,
}

struct Context<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    /// Whether `mentions` are in text order (as `find_mentions` gives them): then the mentions
    /// inside a phrase are found by binary search.
    mentions_sorted: bool,
    spans: Vec<(usize, usize)>,
    language: &'a str,
    /// People and roles named in the text outside quotations, in text order: antecedents.
    antecedents: Vec<Speaker>,
    /// For each person, the longest form of their name the text gives ([`full_name`]).
    full_names: FxHashMap<&'a str, String>,
    /// The buffer sentence frames are placed in ([`Context::place_frame`]).
    padding: RefCell<String>,
}

impl<'a> Context<'a> {
    /// The mentions that start in `start..=end`, in text order (all of them, if they are not
    /// in order).
    fn mentions_starting_in(&self, start: usize, end: usize) -> &'a [Mention] {
        if !self.mentions_sorted {
            return self.mentions;
        }
        let from = self.mentions.partition_point(|m| m.start < start);
        let to = self.mentions.partition_point(|m| m.start <= end);
        &self.mentions[from..to.max(from)]
    }

    /// A sentence's frame (its quotations blanked) at its own byte offset in a text-long run
    /// of spaces, so token offsets are those of the text and nothing before the sentence can be
    /// read. One buffer serves every sentence of the document: placing a frame costs its own
    /// length, not the length of the text before it.
    fn place_frame(&self, frame: &str, start: usize) -> PlacedFrame<'_> {
        let mut buf = self.padding.borrow_mut();
        let end = start + frame.len();
        if buf.len() < end {
            let missing = end - buf.len();
            buf.extend(std::iter::repeat_n(' ', missing));
        }
        buf.replace_range(start..end, frame);
        PlacedFrame { buf, start, end }
    }
}

/// A frame placed in the padding buffer; the buffer is blanked again when it is dropped.
struct PlacedFrame<'a> {
    buf: RefMut<'a, String>,
    start: usize,
    end: usize,
}

impl std::ops::Deref for PlacedFrame<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.buf[..self.end]
    }
}

impl Drop for PlacedFrame<'_> {
    fn drop(&mut self) {
        let blank = " ".repeat(self.end - self.start);
        self.buf.replace_range(self.start..self.end, &blank);
    }
}

/// For each person the mentions name, the longest form of the name the text gives (most words,
/// then most bytes; the later of equals).
fn longest_names<'a>(text: &str, mentions: &'a [Mention]) -> FxHashMap<&'a str, String> {
    let mut out: FxHashMap<&'a str, String> = FxHashMap::default();
    for m in mentions.iter().filter(|m| m.kind == EntityKind::Person) {
        let surface = names::strip_possessive(&text[m.start..m.end]);
        let key = |s: &str| (s.split_whitespace().count(), s.len());
        match out.get_mut(&*m.entity) {
            Some(best) if key(surface) < key(best) => {}
            Some(best) => *best = surface.to_string(),
            None => {
                out.insert(&m.entity, surface.to_string());
            }
        }
    }
    out
}

/// Fills `speaker`, `speaker_entity` and `cue` of speech quotes.
pub fn attribute(
    text: &str,
    blocks: &[Block],
    quotes: &mut [Quote],
    mentions: &[Mention],
    gazetteer: &Gazetteer,
    language: &str,
) {
    let tokens = names::block_tokens(text, blocks);
    attribute_in(text, blocks, &tokens, quotes, mentions, gazetteer, language);
}

/// [`attribute`] with each block's tokens ([`names::block_tokens`]) given: entity detection
/// reads the same tokens.
pub fn attribute_in(
    text: &str,
    blocks: &[Block],
    tokens: &[Vec<Token>],
    quotes: &mut [Quote],
    mentions: &[Mention],
    _gazetteer: &Gazetteer,
    language: &str,
) {
    let spans: Vec<(usize, usize)> = quotes
        .iter()
        .map(|q| (q.outer_start, q.outer_end))
        .collect();
    let (body, body_tokens): (Vec<&Block>, Vec<&[Token]>) = blocks
        .iter()
        .zip(tokens)
        .filter(|(b, _)| b.kind != BlockKind::Title)
        .map(|(b, t)| (b, t.as_slice()))
        .unzip();
    let mut sents: Vec<Sentence> = Vec::new();
    for (n, b) in body.iter().enumerate() {
        let inside: Vec<(usize, usize)> = spans
            .iter()
            .copied()
            .filter(|&(s, e)| s >= b.start && e <= b.end)
            .collect();
        for (s, e) in sentences::split(text, b.start, b.end, &inside) {
            sents.push(Sentence {
                start: s,
                end: e,
                block: n,
            });
        }
    }
    let mut ctx = Context {
        text,
        mentions,
        mentions_sorted: mentions.windows(2).all(|w| w[0].start <= w[1].start),
        spans,
        language,
        antecedents: Vec::new(),
        full_names: longest_names(text, mentions),
        padding: RefCell::new(String::new()),
    };
    ctx.antecedents = antecedents(&ctx, &body_tokens);
    let mut sentence_speaker: Vec<Option<Speaker>> = vec![None; sents.len()];
    let normalised_texts: Vec<String> = quotes.iter().map(|q| normalised(&q.text)).collect();
    let mut last: Option<Speaker> = None;
    let mut previous_quote: Option<(usize, Option<Speaker>)> = None;
    for qi in 0..quotes.len() {
        let q = &quotes[qi];
        let nested = ctx
            .spans
            .iter()
            .any(|&(s, e)| s < q.outer_start && e >= q.outer_end);
        if q.kind != QuoteKind::Speech || nested {
            continue;
        }
        // Sentences are disjoint and in order: the one holding the quote's start, if any.
        let Some(si) = sents
            .partition_point(|s| s.start <= q.outer_start)
            .checked_sub(1)
            .filter(|&i| q.outer_start < sents[i].end)
        else {
            continue;
        };
        let sent = sents[si];
        let mut found = attribution_in_sentence(&ctx, sent, Some(q), &last);
        // "La Commission a appelé au dialogue : « … »": the subject before the colon.
        if found.is_none() {
            let before = blank_quotes(text, sent.start, q.outer_start, &ctx.spans);
            if before.trim_end().ends_with([':', '：']) {
                found = subject_of(
                    &ctx,
                    Sentence {
                        start: sent.start,
                        end: q.outer_start,
                        block: sent.block,
                    },
                )
                .or_else(|| {
                    let ftext = ctx.place_frame(&before, sent.start);
                    let tokens = names::tokenize(&ftext, sent.start, q.outer_start);
                    let p = first_phrase(&ftext, &tokens, 0, tokens.len().min(6))?;
                    resolve_phrase(&ctx, &p).filter(|_| p.has_name && !p.pronoun)
                })
                .map(|sp| (sp, None));
            }
        }
        if found.is_none() {
            found = incise_in_quote(&ctx, q, &last);
        }
        // A quotation repeated (a pull-quote) keeps the speaker it had.
        if found.is_none() {
            let key = &normalised_texts[qi];
            if let Some(earlier) = quotes[..qi]
                .iter()
                .zip(&normalised_texts)
                .rev()
                .find(|(o, n)| o.speaker.is_some() && *n == key)
                .map(|(o, _)| o)
            {
                found = Some((
                    Speaker {
                        name: earlier.speaker.clone().unwrap_or_default(),
                        entity: earlier.speaker_entity.clone(),
                        start: earlier.outer_start,
                        end: earlier.outer_end,
                        gender: None,
                        person: false,
                    },
                    earlier.cue.clone(),
                ));
            }
        }
        // "…?" Mayor X said. — an attribution standing as its own short sentence right after.
        if found.is_none()
            && let Some(next) = sents.get(si + 1)
            && next.block == sent.block
            && q.outer_end <= next.start
            && text[q.outer_end..next.start].trim().is_empty()
            && !ctx
                .spans
                .iter()
                .any(|&(s, _)| s >= next.start && s < next.end)
            && text[next.start..next.end].split_whitespace().count() <= 10
        {
            found = attribution_in_sentence(&ctx, *next, None, &last);
        }
        // A paragraph continuing an unclosed quotation keeps its speaker.
        if found.is_none()
            && let Some((pq, Some(sp))) = &previous_quote
            && is_unclosed(text, &quotes[*pq])
            && sents[si].block > 0
            && text[body[sent.block].start..q.outer_start]
                .trim()
                .is_empty()
            && quotes[*pq].outer_end <= body[sent.block - 1].end
            && quotes[*pq].outer_end >= body[sent.block - 1].start
        {
            found = Some((sp.clone(), None));
        }
        // Otherwise the sentence before speaks for it: "…," X said. "…" / X sagte … . «…»
        if found.is_none() && si > 0 {
            let prev = sents[si - 1];
            let near = prev.block == sent.block || prev.block + 1 == sent.block;
            if near {
                if let Some(sp) = &sentence_speaker[si - 1] {
                    found = Some((sp.clone(), None));
                } else if let Some((sp, cue)) = attribution_in_sentence(&ctx, prev, None, &last) {
                    found = Some((sp, cue));
                } else if is_standalone(&ctx, sent, q)
                    && let Some(sp) = subject_of(&ctx, prev)
                {
                    found = Some((sp, None));
                }
            }
        }
        let q = &mut quotes[qi];
        match found {
            Some((sp, cue)) => {
                q.speaker = Some(sp.name.clone());
                q.speaker_entity = sp.entity.clone();
                if q.cue.is_none() {
                    q.cue = cue;
                }
                sentence_speaker[si] = Some(sp.clone());
                if sp.person {
                    last = Some(sp.clone());
                }
                previous_quote = Some((qi, Some(sp)));
            }
            None => previous_quote = Some((qi, None)),
        }
    }
}

/// A quote's words for comparison: letters and digits only, lowercase.
fn normalised(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the sentence is the quotation alone.
fn is_standalone(ctx: &Context, sent: Sentence, q: &Quote) -> bool {
    let before = &ctx.text[sent.start..q.outer_start];
    let after = &ctx.text[q.outer_end.min(sent.end)..sent.end];
    !before.chars().any(char::is_alphanumeric) && !after.chars().any(char::is_alphanumeric)
}

/// The attribution in a sentence: for a quote, the cue nearest to it; for a plain sentence
/// (reported speech before a quote), its last cue.
fn attribution_in_sentence(
    ctx: &Context,
    sent: Sentence,
    q: Option<&Quote>,
    last: &Option<Speaker>,
) -> Option<(Speaker, Option<String>)> {
    let text = ctx.text;
    let frame = blank_quotes(text, sent.start, sent.end, &ctx.spans);
    let mut found: Vec<(usize, usize, bool)> = CUE
        .find_iter(&frame)
        .into_iter()
        .map(|m| (sent.start + m.start(), sent.start + m.end(), false))
        .collect();
    if frame.chars().any(is_cjk) {
        found.extend(
            cues::ZH_CUE
                .find_iter(&frame)
                .filter(|m| {
                    let next = frame[m.end()..].chars().next().unwrap_or(' ');
                    // 说法 "claim", 说明 "explain", 称为 "be called": nouns and term cues.
                    !(matches!(m.as_str(), "说" | "称")
                        && matches!(next, '法' | '明' | '服' | '为' | '之' | '赞'))
                })
                .map(|m| (sent.start + m.start(), sent.start + m.end(), true)),
        );
    }
    for c in cues::language_cues(ctx.language) {
        let lower = frame.to_lowercase();
        if lower.len() == frame.len() {
            for (i, _) in lower.match_indices(c) {
                let before = lower[..i].chars().next_back();
                let after = lower[i + c.len()..].chars().next();
                if before.is_some_and(|b| b == ' ')
                    && after.is_some_and(|a| a == ' ')
                    && lower[..i].trim_end().ends_with([',', '“', '"', '«', '»'])
                {
                    found.push((sent.start + i, sent.start + i + c.len(), false));
                }
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    // Order the cues: nearest to the quote first, an attribution right after the quote
    // ("…," X said) before one far before it.
    let order: Vec<(usize, usize, bool)> = match q {
        Some(q) => {
            let words_between =
                |a: usize, b: usize| frame_words(&frame, a - sent.start, b - sent.start);
            let mut v: Vec<(usize, (usize, usize, bool))> = found
                .iter()
                .filter(|c| c.1 <= q.outer_start || c.0 >= q.outer_end)
                .filter(|c| {
                    c.0 < q.outer_end
                        || !CLAUSE_BREAK
                            .is_match(&frame[q.outer_end - sent.start..c.0 - sent.start])
                })
                .map(|&c| {
                    let d = if c.0 >= q.outer_end {
                        let w = words_between(q.outer_end, c.0);
                        if w <= 4 { w } else { w + 3 }
                    } else {
                        words_between(c.1, q.outer_start) + 1
                    };
                    (d, c)
                })
                .collect();
            v.sort_by_key(|x| x.0);
            v.into_iter().map(|x| x.1).collect()
        }
        None => found.iter().rev().copied().collect(),
    };
    let ftext = ctx.place_frame(&frame, sent.start);
    let tokens = names::tokenize(&ftext, sent.start, sent.end);
    for (cs, ce, zh) in order {
        let cue_text = text[cs..ce].to_string();
        let lower = cue_text.to_lowercase();
        if NON_SPEAKER_CUES.contains(&lower.as_str()) {
            continue;
        }
        if QUOTING_CUES.contains(&lower.as_str()) {
            let clause_end = text[ce..sent.end]
                .find([',', ';', '.', ':'])
                .map_or(sent.end, |i| ce + i);
            let person = ctx
                .mentions
                .iter()
                .rev()
                .find(|m| m.kind == EntityKind::Person && m.start >= ce && m.end <= clause_end);
            if let Some(m) = person {
                let p = Phrase {
                    start: m.start,
                    end: m.end,
                    has_name: true,
                    has_role: false,
                    pronoun: false,
                };
                if let Some(sp) = resolve_phrase(ctx, &p) {
                    return Some((sp, Some(cue_text)));
                }
            }
            continue;
        }
        let inverted = !zh
            && q.is_some_and(|q| {
                cs >= q.outer_end && !text[q.outer_end..cs].chars().any(char::is_alphanumeric)
            });
        if inverted
            && !cues::PREP_CUES.contains(&lower.as_str())
            && !matches!(lower.as_str(), "told" | "tells" | "telling")
            && let Some(sp) = named_after_cue(ctx, ce, sent.end)
        {
            return Some((sp, Some(cue_text)));
        }
        let phrase = if zh {
            zh_speaker(&ftext, sent.start, cs, ce)
        } else {
            speaker_phrase(&ftext, &tokens, sent, cs, ce, &lower, q)
        };
        match phrase {
            Some(PhraseOrPronoun::Phrase(p)) => {
                if let Some(sp) = resolve_phrase(ctx, &p) {
                    return Some((sp, Some(cue_text)));
                }
            }
            Some(PhraseOrPronoun::Pronoun(gender, at)) => {
                if let Some(sp) = resolve_pronoun(ctx, at, gender, last) {
                    return Some((sp, Some(cue_text)));
                }
            }
            None => {}
        }
    }
    None
}

/// Prepositions that make the name after them a complement, not the speaker ("a spokesman for
/// Chancellor X", "the lawyer of X").
const GOVERNING_PREPOSITIONS: &[&str] = &[
    "for", "of", "to", "with", "from", "by", "für", "von", "mit", "des", "der", "de", "du", "del",
    "da", "do", "dos", "das", "avec", "con", "com", "pour", "para", "por", "pro", "od", "s", "se",
];

/// "„…," řekl předseda odborů v nemocnici Tomáš Procházka" / "escribió en redes su portavoz,
/// Ernesto Galán" / "a assuré l'Élysée": after a cue that follows its quotation, the first
/// person named within a few words of the clause (not one governed by a preposition), or a body
/// named right after the cue.
fn named_after_cue(ctx: &Context, ce: usize, end: usize) -> Option<Speaker> {
    let text = ctx.text;
    let rest = &text[ce..end];
    let first_word = rest
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())?;
    if cues::pronoun(first_word).is_some() {
        return None;
    }
    // The clause ends at a full stop after a lowercase word, a semicolon or a quotation.
    let mut stop = end;
    let mut prev: Option<char> = None;
    for (i, c) in rest.char_indices() {
        let ends = match c {
            ';' | '?' | '!' | '"' | '“' | '”' | '„' | '«' | '»' | '「' => true,
            '.' => {
                let word: String = rest[..i]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                word.chars().last().is_some_and(char::is_lowercase) || word.chars().count() > 3
            }
            _ => false,
        };
        if ends && prev.is_some() {
            stop = ce + i;
            break;
        }
        prev = Some(c);
    }
    for m in ctx.mentions_starting_in(ce, stop) {
        if m.start < ce
            || m.start >= stop
            || ctx.spans.iter().any(|&(a, b)| a < m.start && m.start < b)
        {
            continue;
        }
        let between = &text[ce..m.start];
        let words: Vec<&str> = between
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() > 8 {
            break;
        }
        match m.kind {
            EntityKind::Person => {
                let governed = words
                    .iter()
                    .rev()
                    .find(|w| !names::is_capitalised(w))
                    .is_some_and(|w| {
                        let l = w.to_lowercase();
                        GOVERNING_PREPOSITIONS.contains(&l.as_str())
                    })
                    && words.last().is_some_and(|w| {
                        !w.chars().next().is_some_and(char::is_lowercase) || {
                            let l = w.to_lowercase();
                            GOVERNING_PREPOSITIONS.contains(&l.as_str())
                        }
                    });
                let after = text[m.end..].trim_start();
                let possessive = after.starts_with("'s") || after.starts_with("’s");
                if governed || possessive {
                    continue;
                }
                let gender = words
                    .iter()
                    .rev()
                    .find_map(|w| cues::role_gender(&w.to_lowercase()));
                return Some(Speaker {
                    name: full_name(ctx, m),
                    entity: Some(m.entity.to_string()),
                    start: m.start,
                    end: m.end,
                    gender,
                    person: true,
                });
            }
            // The body alone, an article allowed before it: "a assuré l'Élysée.", "so ein
            // Sprecher der Polizei." (not "UN-Gesandter X").
            EntityKind::Organization
                if words.len() <= 1
                    && words.iter().all(|w| {
                        let l = w.to_lowercase();
                        cues::DETERMINERS.contains(&l.as_str()) || l == "l'" || l == "l’"
                    })
                    && text[m.end..stop]
                        .trim_start()
                        .chars()
                        .next()
                        .is_none_or(|c| matches!(c, ',' | '.' | ';' | '(' | ')')) =>
            {
                let from = if words.is_empty() {
                    m.start
                } else {
                    ce + between.find(|c: char| c.is_alphanumeric()).unwrap_or(0)
                };
                return Some(Speaker {
                    name: text[from..m.end].to_string(),
                    entity: Some(m.entity.to_string()),
                    start: m.start,
                    end: m.end,
                    gender: None,
                    person: false,
                });
            }
            _ => {}
        }
    }
    None
}

/// "« Nos hommes ont travaillé, a-t-il poursuivi. Nous … »": an attribution set inside the
/// quotation marks, between commas (French and Spanish incises).
fn incise_in_quote(
    ctx: &Context,
    q: &Quote,
    last: &Option<Speaker>,
) -> Option<(Speaker, Option<String>)> {
    let text = ctx.text;
    let inner_start = text[q.outer_start..]
        .chars()
        .next()
        .map_or(q.outer_start, |c| q.outer_start + c.len_utf8());
    let inner_end = text[..q.outer_end]
        .chars()
        .next_back()
        .map_or(q.outer_end, |c| q.outer_end - c.len_utf8());
    if inner_start >= inner_end {
        return None;
    }
    let inner = &text[inner_start..inner_end];
    for m in CUE.find_iter(inner) {
        let before = inner[..m.start()].trim_end();
        if !before.ends_with([',', '—', '–']) {
            continue;
        }
        let cue = m.as_str().to_lowercase();
        if cues::PREP_CUES.contains(&cue.as_str()) {
            continue;
        }
        // The incise closes within a few words: "…, raconte Sylvie Marchand, 58 ans. …".
        let tail = &inner[m.end()..];
        let close = tail.find(['.', ',', ';', '—', '–']).unwrap_or(tail.len());
        if tail[..close].split_whitespace().count() > 5 {
            continue;
        }
        let gender = if cue.ends_with("-il") || cue.ends_with("-ils") {
            Some(Some(false))
        } else if cue.ends_with("-elle") || cue.ends_with("-elles") {
            Some(Some(true))
        } else {
            tail[..close]
                .split_whitespace()
                .next()
                .and_then(cues::pronoun)
        };
        let cue_text = m.as_str().to_string();
        if let Some(g) = gender {
            return resolve_pronoun(ctx, q.outer_start, g, last).map(|sp| (sp, Some(cue_text)));
        }
        let at = inner_start + m.end();
        if let Some(p) = ctx
            .mentions_starting_in(at, at + close)
            .iter()
            .find(|p| p.kind == EntityKind::Person && p.start >= at && p.end <= at + close)
        {
            let sp = Speaker {
                name: full_name(ctx, p),
                entity: Some(p.entity.to_string()),
                start: p.start,
                end: p.end,
                gender: None,
                person: true,
            };
            return Some((sp, Some(cue_text)));
        }
    }
    None
}

fn frame_words(frame: &str, a: usize, b: usize) -> usize {
    if a >= b || b > frame.len() {
        return 0;
    }
    frame.get(a..b).map_or(0, |s| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    })
}

enum PhraseOrPronoun {
    Phrase(Phrase),
    /// A pronoun or a dropped subject: resolve to the last fitting speaker before `usize`.
    Pronoun(Option<bool>, usize),
}

/// The phrase a cue attributes to.
fn speaker_phrase(
    text: &str,
    tokens: &[Token],
    sent: Sentence,
    cs: usize,
    ce: usize,
    cue_lower: &str,
    q: Option<&Quote>,
) -> Option<PhraseOrPronoun> {
    let first = tokens.iter().position(|t| t.start >= cs)?;
    let after = tokens
        .iter()
        .position(|t| t.start >= ce)
        .unwrap_or(tokens.len());
    // French inverted pronouns: "a-t-il déclaré", "dit-elle".
    if cue_lower.ends_with("-il") || cue_lower.ends_with("-ils") {
        return Some(PhraseOrPronoun::Pronoun(Some(false), cs));
    }
    if cue_lower.ends_with("-elle") || cue_lower.ends_with("-elles") {
        return Some(PhraseOrPronoun::Pronoun(Some(true), cs));
    }
    let clause_start = tokens[..first]
        .iter()
        .rposition(|t| {
            !t.word
                && matches!(
                    &text[t.start..t.end],
                    "," | ";" | ":" | "\"" | "(" | ")" | "—" | "–"
                )
        })
        .map_or(0, |k| k + 1);
    let _ = sent;
    // Sources after a preposition: "according to X", "selon X", "podle X".
    if cues::PREP_CUES.contains(&cue_lower) || cue_lower.starts_with("nach angaben") {
        // "podle něj", "segundo ele", "selon lui": the pronoun's antecedent.
        if let Some(t) = tokens.get(after).filter(|t| t.word)
            && let Some(gender) = object_pronoun(t.text(text))
        {
            return Some(PhraseOrPronoun::Pronoun(gender, cs));
        }
        return source_after(text, tokens, after).map(PhraseOrPronoun::Phrase);
    }
    if cues::POSTPOSITION_CUES.contains(&cue_lower) {
        return names::phrase_before(text, tokens, first).map(PhraseOrPronoun::Phrase);
    }
    // "X quoted Y as saying": Y.
    if cue_lower == "as saying" {
        let quoting = tokens[..first].iter().rposition(|t| {
            matches!(
                t.text(text).to_lowercase().as_str(),
                "quoted" | "cited" | "quoting" | "citing" | "quotes" | "cites"
            )
        })?;
        let end = tokens[..first]
            .iter()
            .rposition(|t| t.word && t.text(text) != "(")?;
        let _ = end;
        return names::phrase_after(text, tokens, quoting + 1).map(PhraseOrPronoun::Phrase);
    }
    // Participles after a comma: the sentence's subject ("The Kremlin announced …, noting").
    if cue_lower.ends_with("ing") && first > 0 && !tokens[first - 1].word {
        let head = first_phrase(text, tokens, 0, first);
        return head.map(PhraseOrPronoun::Phrase);
    }
    // "X, who …, said" / "La Confédération paysanne, plus à gauche, a dénoncé": a clause set
    // off by commas between the sentence's subject and its verb.
    if first >= 3
        && text[tokens[first - 1].start..tokens[first - 1].end] == *","
        && tokens[first - 2].word
        && let Some(c) = tokens[..first - 1]
            .iter()
            .position(|t| text[t.start..t.end] == *",")
        && (2..=8).contains(&c)
        && let Some(p) = names::phrase_before(text, tokens, c)
        && p.start == tokens[0].start
        && p.is_speaker_like()
        && !p.pronoun
    {
        let next = &tokens[c];
        // "One resident, Paul Morgan, said": the name set off between the commas.
        let k = tokens
            .iter()
            .position(|t| t.start == next.start)
            .unwrap_or(first);
        let inner = &tokens[k + 1..first - 1];
        if !inner.is_empty()
            && inner.len() <= 4
            && inner
                .iter()
                .all(|t| t.word && names::is_capitalised(t.text(text)))
        {
            return Some(PhraseOrPronoun::Phrase(Phrase {
                start: inner[0].start,
                end: inner[inner.len() - 1].end,
                has_name: true,
                has_role: false,
                pronoun: false,
            }));
        }
        return Some(PhraseOrPronoun::Phrase(p));
    }
    // Subject right before the verb.
    if let Some(p) = names::phrase_before(text, tokens, first)
        && p.start >= tokens.get(clause_start).map_or(0, |t| t.start)
    {
        if p.pronoun {
            let g = cues::pronoun(&text[p.start..p.end]).flatten();
            return Some(PhraseOrPronoun::Pronoun(g, p.start));
        }
        if p.is_speaker_like() {
            return Some(PhraseOrPronoun::Phrase(p));
        }
    }
    // Inverted: "…," said X / sagte X / a déclaré X / dijo X / řekl X.
    if let Some(p) = names::phrase_after(text, tokens, after) {
        if p.pronoun {
            let g = cues::pronoun(&text[p.start..p.end]).flatten();
            return Some(PhraseOrPronoun::Pronoun(g, p.start));
        }
        if p.is_speaker_like() {
            let p = if p.has_role {
                appositive_name(text, tokens, &p).unwrap_or(p)
            } else {
                p
            };
            return Some(PhraseOrPronoun::Phrase(p));
        }
    }
    // The subject further back in the clause ("Trump emerged to tell reporters").
    if let Some(p) = names::last_phrase_in(text, tokens, clause_start, first)
        && !matches!(q, Some(q) if p.start > q.outer_start && p.end < q.outer_end)
    {
        return Some(PhraseOrPronoun::Phrase(p));
    }
    // Nothing: a dropped subject ("dijo.", "dodal.") right after a quote.
    let right_after_quote = tokens[..first].last().is_some_and(|t| !t.word);
    let gender =
        if cue_lower.ends_with('a') && cue_lower.chars().count() > 3 && !cue_lower.ends_with("ía")
        {
            // Czech feminine past tense ("řekla", "uvedla").
            if cue_lower.ends_with("la") {
                Some(true)
            } else {
                None
            }
        } else {
            None
        };
    right_after_quote.then_some(PhraseOrPronoun::Pronoun(gender, cs))
}

/// Object pronouns after "according to" in our languages, with their gender when they tell it.
fn object_pronoun(word: &str) -> Option<Option<bool>> {
    Some(match word.to_lowercase().as_str() {
        "him" | "lui" | "él" | "ele" | "něj" | "něho" | "ihm" => Some(false),
        "her" | "elle" | "ella" | "ela" | "ní" | "ihr" => Some(true),
        "them" | "eux" | "ellos" | "eles" | "nich" | "ihnen" => None,
        _ => return None,
    })
}

/// The first speaker-like phrase in `tokens[from..to]`.
fn first_phrase(text: &str, tokens: &[Token], from: usize, to: usize) -> Option<Phrase> {
    (from + 1..=to).find_map(|k| {
        names::phrase_before(text, tokens, k)
            .filter(|p| p.is_speaker_like() && !p.pronoun && p.start >= tokens[from].start)
    })
}

/// The source named after "according to": everything to the clause's end, at most ten words.
fn source_after(text: &str, tokens: &[Token], from: usize) -> Option<Phrase> {
    let mut end = from;
    let mut words = 0;
    while end < tokens.len() && tokens[end].word && words < 10 {
        words += 1;
        end += 1;
    }
    if end == from {
        return None;
    }
    let p = names::phrase_after(text, tokens, from);
    // Prefer the whole stretch when it starts like a phrase ("a diplomat familiar with the talks").
    let whole = Phrase {
        start: tokens[from].start,
        end: tokens[end - 1].end,
        has_name: tokens[from..end]
            .iter()
            .any(|t| names::is_capitalised(t.text(text))),
        has_role: tokens[from..end]
            .iter()
            .any(|t| cues::is_role(&t.text(text).to_lowercase())),
        pronoun: false,
    };
    match p {
        Some(p) if p.pronoun => Some(p),
        _ if whole.has_name || whole.has_role || words <= 6 => Some(whole),
        p => p,
    }
}

/// "der russische Botschafter in den USA, Anatoli Antonow": the name after a role phrase.
fn appositive_name(text: &str, tokens: &[Token], p: &Phrase) -> Option<Phrase> {
    let after = tokens.iter().position(|t| t.start >= p.end)?;
    let comma = (after..tokens.len().min(after + 6))
        .find(|&k| text[tokens[k].start..tokens[k].end] == *",")?;
    let mut end = comma + 1;
    while end < tokens.len() && tokens[end].word && names::is_capitalised(tokens[end].text(text)) {
        end += 1;
    }
    let closes =
        end == tokens.len() || matches!(&text[tokens[end].start..tokens[end].end], "." | "," | ";");
    (end > comma + 2 && closes).then(|| Phrase {
        start: tokens[comma + 1].start,
        end: tokens[end - 1].end,
        has_name: true,
        has_role: false,
        pronoun: false,
    })
}

/// Chinese: the speaker is the run of text between the last punctuation and the cue.
fn zh_speaker(text: &str, _sent_start: usize, cs: usize, ce: usize) -> Option<PhraseOrPronoun> {
    let cue = &text[cs..ce];
    if cue == "据" {
        let rest = &text[ce..];
        let end = rest
            .find(['，', ',', '。', '：', ':', '"', ' '])
            .map_or(rest.len(), |i| i);
        let mut src = &rest[..end];
        for tail in ["报道称", "报道", "消息", "称"] {
            if let Some(s) = src.strip_suffix(tail) {
                src = s;
                break;
            }
        }
        return (!src.is_empty()).then(|| {
            PhraseOrPronoun::Phrase(Phrase {
                start: ce,
                end: ce + src.len(),
                has_name: true,
                has_role: false,
                pronoun: false,
            })
        });
    }
    let before = &text[..cs];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            matches!(
                c,
                '，' | ',' | '。' | '：' | ':' | '；' | '"' | '“' | '”' | '」' | '「' | '！' | '？'
            ) || c.is_whitespace()
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut chunk = &text[start..cs];
    for _ in 0..3 {
        let trimmed = [
            "还",
            "也",
            "则",
            "又",
            "都",
            "再次",
            "进一步",
            "同时",
            "随后",
            "当天",
            "日前",
            "曾",
            "在会上",
            "对此",
        ]
        .iter()
        .find_map(|t| chunk.strip_suffix(t));
        match trimmed {
            Some(t) => chunk = t,
            None => break,
        }
    }
    if chunk.is_empty() {
        return None;
    }
    if let Some(g) = cues::pronoun(chunk) {
        return Some(PhraseOrPronoun::Pronoun(g, start));
    }
    if chunk.starts_with(['他', '她']) && chunk.chars().count() <= 2 {
        return Some(PhraseOrPronoun::Pronoun(
            cues::pronoun(&chunk[..3]).flatten(),
            start,
        ));
    }
    Some(PhraseOrPronoun::Phrase(Phrase {
        start,
        end: start + chunk.len(),
        has_name: true,
        has_role: false,
        pronoun: false,
    }))
}

/// The subject of a sentence about someone ("Moscow's spokeswoman reminded the West …").
fn subject_of(ctx: &Context, sent: Sentence) -> Option<Speaker> {
    let frame = blank_quotes(ctx.text, sent.start, sent.end, &ctx.spans);
    let ftext = ctx.place_frame(&frame, sent.start);
    let tokens = names::tokenize(&ftext, sent.start, sent.end);
    let n = tokens.len().min(8);
    let p = first_phrase(&ftext, &tokens, 0, n)?;
    let sp = resolve_phrase(ctx, &p)?;
    let names_person = ctx
        .mentions_starting_in(p.start, p.end)
        .iter()
        .any(|m| m.kind == EntityKind::Person && m.start >= p.start && m.end <= p.end);
    (names_person || p.has_role).then_some(sp)
}

/// A phrase as a speaker: a person named in it (full name), else its name without titles, else
/// the phrase itself ("the FSB", "Putin's office", "a government spokesman").
fn resolve_phrase(ctx: &Context, p: &Phrase) -> Option<Speaker> {
    let text = ctx.text;
    let mut p = p.clone();
    if let Some(m) = ctx.mentions_starting_in(p.start, p.end).iter().find(|m| {
        m.start >= p.start && m.start < p.end && m.end > p.end && m.kind == EntityKind::Organization
    }) {
        p.end = m.end;
    }
    let p = &p;
    let inside: Vec<&Mention> = ctx
        .mentions_starting_in(p.start, p.end)
        .iter()
        .filter(|m| m.start >= p.start && m.end <= p.end)
        .collect();
    let person = inside.iter().rev().find(|m| {
        m.kind == EntityKind::Person
            && !names::is_possessive(
                text[m.start..text.floor_char_boundary((m.end + 3).min(p.end))]
                    .split_whitespace()
                    .next()
                    .unwrap_or(""),
            )
    });
    let phrase_text = text[p.start..p.end]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    if phrase_text.is_empty() {
        return None;
    }
    let lower_words: Vec<String> = phrase_text
        .split_whitespace()
        .map(|w| names::strip_possessive(&w.to_lowercase()).to_string())
        .collect();
    let head_is_role = lower_words.iter().any(|w| cues::is_role(w));
    let gender = lower_words.iter().rev().find_map(|w| cues::role_gender(w));
    if let Some(m) = person {
        return Some(Speaker {
            name: full_name(ctx, m),
            entity: Some(m.entity.to_string()),
            start: m.start,
            end: m.end,
            gender,
            person: true,
        });
    }
    if let Some((s, e)) = names::name_in_phrase(text, p.start, p.end)
        && (head_is_role
            || lower_words
                .iter()
                .any(|w| LEXICON.titles.contains(w.as_str()))
            || s == p.start)
    {
        let name = &text[s..e];
        let is_org = ctx
            .mentions
            .iter()
            .any(|m| m.start <= s && m.end >= e && m.kind != EntityKind::Person);
        if !is_org {
            return Some(Speaker {
                name: expand_surname(ctx, name),
                entity: None,
                start: s,
                end: e,
                gender,
                person: true,
            });
        }
    }
    let entity = if head_is_role {
        None
    } else {
        inside
            .iter()
            .rev()
            .find(|m| m.kind == EntityKind::Organization)
            .map(|m| m.entity.to_string())
    };
    let person_like = head_is_role
        && !lower_words
            .iter()
            .any(|w| LEXICON.bodies.contains(w.as_str()) && !cues::is_role(w));
    // "o ministro", "der Minister", "the minister": the person the text introduced in that role.
    if person_like
        && lower_words.len() <= 2
        && lower_words
            .first()
            .is_some_and(|w| DEFINITE_ARTICLES.contains(&w.as_str()))
        && let Some(role) = lower_words.iter().rev().find(|w| cues::is_role(w))
        && let Some(m) = introduced_in_role(ctx, role, p.start)
    {
        return Some(Speaker {
            name: full_name(ctx, m),
            entity: Some(m.entity.to_string()),
            start: p.start,
            end: p.end,
            gender,
            person: true,
        });
    }
    Some(Speaker {
        name: phrase_text,
        entity,
        start: p.start,
        end: p.end,
        gender,
        person: person_like,
    })
}

/// Articles that make a bare role refer back to someone already introduced.
const DEFINITE_ARTICLES: &[&str] = &[
    "the", "der", "die", "den", "dem", "le", "la", "l'", "el", "o", "a", "il",
];

/// The person last named before `before` next to the role word ("O ministro da Fazenda, Carlos
/// Mendes", "Bundesverkehrsminister Volker Wissing"), looking a sentence's length either side.
fn introduced_in_role<'c>(ctx: &Context<'c>, role: &str, before: usize) -> Option<&'c Mention> {
    if role.chars().count() < 5 {
        return None;
    }
    let text = ctx.text;
    ctx.mentions
        .iter()
        .rev()
        .filter(|m| m.kind == EntityKind::Person && m.end <= before)
        .take(12)
        .find(|m| {
            let from = text.floor_char_boundary(m.start.saturating_sub(60));
            let to = text.floor_char_boundary((m.end + 60).min(before));
            let left = text[from..m.start].rsplit(['.', '\n']).next().unwrap_or("");
            let right = text[m.end..to.max(m.end)]
                .split(['.', '\n'])
                .next()
                .unwrap_or("");
            left.to_lowercase().contains(role)
                || (right.trim_start().starts_with(',') && right.to_lowercase().contains(role))
        })
}

/// The longest form of a person's name the text gives ("Trump" → "Donald Trump").
fn full_name(ctx: &Context, m: &Mention) -> String {
    match ctx.full_names.get(&*m.entity) {
        Some(name) => name.clone(),
        None => ctx.text[m.start..m.end].to_string(),
    }
}

/// A surname expanded to a full name the text gives elsewhere.
fn expand_surname(ctx: &Context, name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or(name);
    ctx.mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| names::strip_possessive(&ctx.text[m.start..m.end]))
        .filter(|s| s.split_whitespace().last() == Some(last) && s.len() > name.len())
        .max_by_key(|s| s.len())
        .map_or_else(|| name.to_string(), str::to_string)
}

/// The last person or role named before `at`, outside quotations, that fits the pronoun.
fn resolve_pronoun(
    ctx: &Context,
    at: usize,
    gender: Option<bool>,
    last: &Option<Speaker>,
) -> Option<Speaker> {
    let candidate = ctx
        .antecedents
        .iter()
        .rev()
        .filter(|c| c.end <= at)
        .find(|c| gender.is_none() || c.gender.is_none() || c.gender == gender)
        .cloned();
    match (candidate, last) {
        (Some(c), Some(l))
            if l.end > c.end && (gender.is_none() || l.gender.is_none() || l.gender == gender) =>
        {
            Some(l.clone())
        }
        (Some(c), _) => Some(c),
        (None, l) => l.clone(),
    }
}

/// People (mentions) and role phrases ("a police spokeswoman") outside quotations, in order.
fn antecedents(ctx: &Context, body_tokens: &[&[Token]]) -> Vec<Speaker> {
    let text = ctx.text;
    // Strictly inside a quotation: `a < s < b`, i.e. `s` in `a + 1..b`.
    let quoted = super::Spans::new(ctx.spans.iter().map(|&(a, b)| (a + 1, b)));
    let in_quote = |s: usize| quoted.overlaps(s, s + 1);
    let mut out: Vec<Speaker> = ctx
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && !in_quote(m.start))
        .map(|m| Speaker {
            name: full_name(ctx, m),
            entity: Some(m.entity.to_string()),
            start: m.start,
            end: m.end,
            gender: None,
            person: true,
        })
        .collect();
    for &tokens in body_tokens {
        for (k, t) in tokens.iter().enumerate() {
            if !t.word {
                continue;
            }
            let l = names::lowercase(t.text(text));
            if !cues::is_role(&l) || in_quote(t.start) || cues::is_body(&l) || l.chars().count() < 4
            {
                continue;
            }
            let next_is_name = tokens
                .get(k + 1)
                .is_some_and(|n| n.word && names::is_capitalised(n.text(text)));
            if next_is_name {
                continue;
            }
            if let Some(p) = names::phrase_before(text, tokens, k + 1)
                && !appositive_to_person(ctx, tokens, &p)
                && let Some(mut sp) = resolve_phrase(ctx, &p)
            {
                if sp.gender.is_none() {
                    sp.gender = cues::role_gender(&l);
                }
                sp.person = true;
                out.push(sp);
            }
        }
    }
    out.sort_by_key(|s| s.end);
    out
}

/// "Sophie Garnier, secrétaire générale du syndicat": a role set off after a person's name
/// describes that person and is no antecedent of its own.
fn appositive_to_person(ctx: &Context, tokens: &[Token], p: &Phrase) -> bool {
    let Some(k) = tokens.iter().position(|t| t.start >= p.start) else {
        return false;
    };
    k >= 2
        && ctx.text[tokens[k - 1].start..tokens[k - 1].end] == *","
        && ctx
            .mentions
            .iter()
            .any(|m| m.kind == EntityKind::Person && m.end == tokens[k - 2].end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quotes::find_quotes;

    /// (quote text, speaker) pairs for `text`, with person mentions from the auto-detector.
    fn speakers(text: &str, language: &str) -> Vec<(String, Option<String>)> {
        let mut blocks = Vec::new();
        let mut pos = 0;
        for para in text.split("\n\n") {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                start: pos,
                end: pos + para.len(),
            });
            pos += para.len() + 2;
        }
        let gaz = Gazetteer::default();
        let mentions = crate::extract::entities::find_mentions(text, &blocks, &gaz, language);
        let mut quotes = find_quotes(text, &blocks, language);
        attribute(text, &blocks, &mut quotes, &mentions, &gaz, language);
        quotes
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Speech)
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    fn speaker_list(text: &str, language: &str) -> Vec<Option<String>> {
        speakers(text, language).into_iter().map(|x| x.1).collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn english_attribution_patterns() {
        assert_eq!(
            speaker_list("“We will rebuild,” the mayor said.", "en"),
            [s("the mayor")]
        );
        assert_eq!(
            speaker_list("“We will rebuild,” said Maria Lopez, the mayor.", "en"),
            [s("Maria Lopez")]
        );
        assert_eq!(
            speaker_list("Maria Lopez told reporters: “We will rebuild.”", "en"),
            [s("Maria Lopez")]
        );
        assert_eq!(
            speaker_list(
                "The plan is “a waste of money,” according to the opposition party.",
                "en"
            ),
            [s("the opposition party")]
        );
        assert_eq!(
            speaker_list(
                "Local media quoted Interior Minister Jan Novak as saying the attackers were “well trained and armed”.",
                "en"
            ),
            [s("Jan Novak")]
        );
        assert_eq!(
            speaker_list(
                "The agency announced the results, noting that prices “rose faster than expected.”",
                "en"
            ),
            [s("The agency")]
        );
    }

    #[test]
    fn split_quotes_and_pronouns_keep_the_speaker() {
        let text = "Defence Minister Anna Berg visited the base on Monday.\n\n“We are ready,” she said. “Nobody should doubt it.”";
        assert_eq!(speaker_list(text, "en"), [s("Anna Berg"), s("Anna Berg")]);
        let text = "Anna Berg spoke first. Then Tom Hale arrived.\n\n“It is over,” Berg said.";
        assert_eq!(speaker_list(text, "en"), [s("Anna Berg")]);
    }

    #[test]
    fn a_quote_after_a_sentence_about_a_speaker_keeps_it() {
        let text = "Die Lage sei ernst, sagte Regierungssprecher Klaus Weber am Montag. «Wir müssen handeln.»";
        assert_eq!(speaker_list(text, "de"), [s("Klaus Weber")]);
    }

    #[test]
    fn continuation_paragraphs_keep_the_speaker() {
        let text = "“We will rebuild every house,” said Mayor Ines Costa. “It will take years.\n\n“But we will do it together.”";
        assert_eq!(
            speaker_list(text, "en"),
            [s("Ines Costa"), s("Ines Costa"), s("Ines Costa")]
        );
    }

    #[test]
    fn german_patterns() {
        assert_eq!(
            speaker_list(
                "„Wir werden nicht nachgeben“, sagte Kanzlerin Petra Lang.",
                "de"
            ),
            [s("Petra Lang")]
        );
        assert_eq!(
            speaker_list(
                "„Die Lage ist stabil“, teilte das Innenministerium mit.",
                "de"
            ),
            [s("das Innenministerium")]
        );
        assert_eq!(
            speaker_list("„Es gibt keine Gefahr“, so ein Sprecher der Polizei.", "de"),
            [s("ein Sprecher der Polizei")]
        );
        assert_eq!(
            speaker_list("Der Minister erklärte: „Das ist ein Erfolg.“", "de"),
            [s("Der Minister")]
        );
    }

    #[test]
    fn french_patterns() {
        assert_eq!(
            speaker_list(
                "« Nous ne céderons pas », a déclaré le Premier ministre Jean Moreau.",
                "fr"
            ),
            [s("Jean Moreau")]
        );
        assert_eq!(
            speaker_list(
                "Claire Dubois est arrivée mardi. « La situation est grave », a-t-elle affirmé.",
                "fr"
            ),
            [s("Claire Dubois")]
        );
        assert_eq!(
            speaker_list(
                "Selon le porte-parole du gouvernement, « rien n’est décidé ».",
                "fr"
            ),
            [s("le porte-parole du gouvernement")]
        );
    }

    #[test]
    fn spanish_and_portuguese_patterns() {
        assert_eq!(
            speaker_list("“No vamos a ceder”, dijo el ministro Carlos Ruiz.", "es"),
            [s("Carlos Ruiz")]
        );
        assert_eq!(
            speaker_list(
                "Según la portavoz Ana Gómez, “la situación está bajo control”.",
                "es"
            ),
            [s("Ana Gómez")]
        );
        assert_eq!(
            speaker_list(
                "Carlos Ruiz habló el lunes. “Es un día triste”, afirmó.",
                "es"
            ),
            [s("Carlos Ruiz")]
        );
        assert_eq!(
            speaker_list("“Não vamos recuar”, disse o ministro João Silva.", "pt"),
            [s("João Silva")]
        );
        assert_eq!(
            speaker_list("Segundo a polícia, “a situação está controlada”.", "pt"),
            [s("a polícia")]
        );
    }

    #[test]
    fn inverted_cue_finds_the_person_a_few_words_on() {
        assert_eq!(
            speaker_list(
                "„Jsme na hraně,“ řekl předseda lékařských odborů v nemocnici Tomáš Procházka.",
                "cs"
            ),
            [s("Tomáš Procházka")]
        );
        assert_eq!(
            speaker_list(
                "“Es un ataque”, escribió en redes sociales su portavoz, Ernesto Galán.",
                "es"
            ),
            [s("Ernesto Galán")]
        );
        assert_eq!(
            speaker_list("« Il sera présent », a assuré l'Élysée.", "fr"),
            [s("l'Élysée")]
        );
    }

    #[test]
    fn pronoun_after_according_to_is_resolved() {
        assert_eq!(
            speaker_list(
                "Tomáš Procházka dodal, že petici podepsalo 400 lékařů. Podle něj by to „ochromilo chod nemocnice“.",
                "cs"
            ),
            [s("Tomáš Procházka")]
        );
        assert_eq!(
            speaker_list(
                "O prefeito Sebastião Melo pediu ajuda. Segundo ele, o sistema “chegou ao limite”.",
                "pt"
            ),
            [s("Sebastião Melo")]
        );
    }

    #[test]
    fn incise_inside_the_quotation_marks() {
        assert_eq!(
            speaker_list(
                "« On a pris les papiers, raconte Sylvie Marchand, 58 ans. Le feu avançait. »",
                "fr"
            ),
            [s("Sylvie Marchand")]
        );
        assert_eq!(
            speaker_list(
                "Le colonel Marc Aubry a parlé aux journalistes. « Nos hommes ont travaillé toute la nuit, a-t-il poursuivi. Nous avons protégé les maisons. »",
                "fr"
            ),
            [s("Marc Aubry")]
        );
    }

    #[test]
    fn subject_before_a_clause_set_off_by_commas() {
        assert_eq!(
            speaker_list(
                "The Environmental Protection Agency, which brought the case, said in a statement that it \"continues to support the manager's work\".",
                "en"
            ),
            [s("The Environmental Protection Agency")]
        );
        assert_eq!(
            speaker_list(
                "One resident, Paul Morgan, said: \"It lasted twenty minutes.\"",
                "en"
            ),
            [s("Paul Morgan")]
        );
    }

    #[test]
    fn a_bare_role_refers_to_the_person_introduced_in_it() {
        assert_eq!(
            speaker_list(
                "O ministro da Fazenda, Carlos Mendes, evitou criticar o BC. “O Banco Central é autônomo”, disse o ministro a jornalistas.",
                "pt"
            ),
            [s("Carlos Mendes")]
        );
        assert_eq!(
            speaker_list(
                "Bundesverkehrsminister Volker Wissing rief zur Mäßigung auf. „Ich erwarte Gespräche“, sagte der Minister am Montag.",
                "de"
            ),
            [s("Volker Wissing")]
        );
    }

    #[test]
    fn czech_patterns() {
        assert_eq!(
            speaker_list("„Nebudeme ustupovat,“ řekl ministr Petr Novák.", "cs"),
            [s("Petr Novák")]
        );
        assert_eq!(
            speaker_list("Jana Malá přijela v pondělí. „Je to vážné,“ uvedla.", "cs"),
            [s("Jana Malá")]
        );
        assert_eq!(
            speaker_list("Podle mluvčího policie „nikdo nebyl zraněn“.", "cs"),
            [s("mluvčího policie")]
        );
    }

    #[test]
    fn chinese_patterns() {
        assert_eq!(
            speaker_list("外交部发言人汪洋表示：“我们坚决反对。”", "zh"),
            [s("外交部发言人汪洋")]
        );
        assert_eq!(speaker_list("“我们坚决反对。”王刚说。", "zh"), [s("王刚")]);
    }
}

//! Direct quotations: every span between quotation marks in the article's blocks, in the mark
//! styles of English, German, French, Swiss, Spanish, Portuguese, Czech and CJK text, told apart
//! into speech and terms.
//!
//! Rules (the gold conventions): a quotation interrupted by its attribution gives two items; one
//! that runs over paragraphs (no closing mark at a paragraph's end, the next paragraph opening
//! with a mark) gives one item per paragraph; a nested quotation is listed right after the one
//! that encloses it. Apostrophes ("Russia's", "don’t", "the players’ union") are not marks.

use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use super::cues;
use super::near::WholeWords;
use super::sentences;
use super::{Block, BlockKind, NextOfSix, Quote, QuoteKind, collapse_whitespace, is_cjk};

/// The closing marks that can end a quote opened by `open`.
fn closers(open: char) -> &'static [char] {
    match open {
        '“' => &['”', '“'],
        '„' => &['“', '”'],
        '"' => &['"'],
        '＂' => &['＂'],
        '«' => &['»'],
        '»' => &['«', '»'],
        '‚' => &['‘', '’'],
        '‘' => &['’'],
        '\'' => &['\''],
        '「' => &['」'],
        '『' => &['』'],
        '‹' => &['›'],
        '›' => &['‹'],
        _ => &[],
    }
}

/// Whether `c` is a mark that can open a quotation.
pub fn is_opener(c: char) -> bool {
    !closers(c).is_empty()
}

/// Marks whose quotation may run on past the end of a paragraph.
fn may_run_over(open: char) -> bool {
    matches!(open, '"' | '“' | '„' | '«' | '»' | '「' | '『' | '＂')
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c))
}

/// Whether `c` at byte `i` can open a quote (an apostrophe cannot).
fn can_open(text: &str, i: usize, c: char) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    let Some(next) = next else { return false };
    match c {
        '«' | '「' | '『' => true,
        '»' | '›' => !is_word(prev) && (next.is_alphanumeric() || is_opener(next)),
        '\'' | '‘' => {
            // Not after a letter, not before a space, not '90s.
            !(is_word(prev) || next.is_whitespace() || (next.is_ascii_digit() && c == '\''))
        }
        '"' | '＂' => !is_word(prev) && !next.is_whitespace(),
        _ => !next.is_whitespace(),
    }
}

/// Whether `c` at byte `i` can close a quote (not an apostrophe inside a word).
fn can_close(text: &str, i: usize, c: char) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    if !matches!(c, '»' | '«' | '」' | '』' | '›' | '‹') && prev.is_none_or(char::is_whitespace)
    {
        return false;
    }
    match c {
        '\'' | '’' | '"' | '＂' => !is_word(next),
        _ => true,
    }
}

/// A possessive plural ("the players’ union"): an apostrophe after an s, before a lowercase word.
fn looks_possessive(text: &str, j: usize, d: char) -> bool {
    if !matches!(d, '’' | '\'') {
        return false;
    }
    let prev = text[..j].chars().next_back();
    let rest = &text[j + d.len_utf8()..];
    prev.is_some_and(|p| p == 's' || p == 'z')
        && rest.starts_with(' ')
        && rest[1..].chars().next().is_some_and(char::is_lowercase)
}

/// A quoted span found by the scanner, before classification.
#[derive(Debug, Clone)]
struct Span {
    outer_start: usize,
    outer_end: usize,
    inner_start: usize,
    inner_end: usize,
    /// The byte range the span's classification reads: the block, or the enclosing quote.
    context: (usize, usize),
    /// Opens a paragraph that continues an unclosed quotation of the paragraph before.
    continuation: bool,
    /// Runs to the end of its paragraph without a closing mark.
    unclosed: bool,
}

/// Finds the quotations in each block (paragraph, list item, heading, block quote; not the title).
pub fn find_quotes(text: &str, blocks: &[Block], language: &str) -> Vec<Quote> {
    let body: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Title)
        .collect();
    let mut spans: Vec<Span> = Vec::new();
    let mut previous_unclosed = false;
    for (n, b) in body.iter().enumerate() {
        let next_opens = body
            .get(n + 1)
            .and_then(|nb| text[nb.start..nb.end].trim_start().chars().next())
            .is_some_and(is_opener);
        let first = spans.len();
        scan::<true>(
            text,
            b.start,
            b.end,
            None,
            next_opens,
            (b.start, b.end),
            &mut spans,
        );
        if previous_unclosed
            && let Some(s) = spans.get_mut(first)
            && text[b.start..s.outer_start].trim().is_empty()
        {
            s.continuation = true;
        }
        previous_unclosed = spans[first..]
            .iter()
            .any(|s| s.unclosed && s.context == (b.start, b.end));
    }
    // The quotations of each context (a block or an enclosing quotation), masked when its
    // sentences are split, and those sentences: worked out once per context, not per quote.
    let mut masked_in: FxHashMap<(usize, usize), Vec<(usize, usize)>> = FxHashMap::default();
    for o in &spans {
        if o.outer_start >= o.context.0 && o.outer_end <= o.context.1 {
            masked_in
                .entry(o.context)
                .or_default()
                .push((o.outer_start, o.outer_end));
        }
    }
    let mut sentences_in: FxHashMap<(usize, usize), Vec<(usize, usize)>> = FxHashMap::default();
    let mut out = Vec::with_capacity(spans.len());
    for (n, s) in spans.iter().enumerate() {
        let raw = &text[s.inner_start..s.inner_end];
        let words = collapse_whitespace(raw);
        let start = s.inner_start + (raw.len() - raw.trim_start().len());
        let end = s.inner_end - (raw.len() - raw.trim_end().len());
        let masked: &[(usize, usize)] = masked_in.get(&s.context).map_or(&[], Vec::as_slice);
        let kind = if s.continuation {
            out.iter()
                .rev()
                .find(|q: &&Quote| q.outer_end <= s.outer_start)
                .map_or(QuoteKind::Speech, |q| q.kind)
        } else {
            let sents = sentences_in
                .entry(s.context)
                .or_insert_with(|| sentences::split(text, s.context.0, s.context.1, masked));
            classify(text, s, masked, sents, language)
        };
        let _ = n;
        out.push(Quote {
            start,
            end,
            outer_start: s.outer_start,
            outer_end: s.outer_end,
            text: words,
            kind,
            speaker: None,
            speaker_entity: None,
            cue: None,
        });
    }
    out
}

/// Whether a quote ran to the end of its paragraph without a closing mark (its speaker carries
/// over to the next paragraph's quote).
pub fn is_unclosed(text: &str, q: &Quote) -> bool {
    let open = text[q.outer_start..].chars().next().unwrap_or(' ');
    let last = text[..q.outer_end].chars().next_back().unwrap_or(' ');
    !closers(open).contains(&last) || q.outer_end == q.end
}

/// The first bytes of the marks that can open a quotation: '"', '\'', then the lead bytes of
/// '«' and '»' (C2); of '“', '„', '‚', '‘', '‹', '›' (E2); of '「', '『' (E3); of '＂' (EF).
const OPENER_LEADS: [[u8; 3]; 2] = [[b'"', b'\'', 0xC2], [0xE2, 0xE3, 0xEF]];

/// Scans `text[start..end]` for quotations, pushing each, then the ones nested inside it;
/// jumping (`JUMP`) from one byte that may start a mark to the next, a vector at a time, or
/// stepping over every character (what the jumps must find, in the tests).
fn scan<const JUMP: bool>(
    text: &str,
    start: usize,
    end: usize,
    outer: Option<char>,
    allow_unclosed: bool,
    context: (usize, usize),
    out: &mut Vec<Span>,
) {
    let bytes = &text.as_bytes()[..end];
    let mut openers = NextOfSix::new(OPENER_LEADS);
    let mut i = start;
    while i < end {
        if JUMP {
            i = openers.at_or_after(bytes, i);
        }
        let Some(c) = text[i..end].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        let excluded = outer.is_some_and(|o| o == c || closers(o).contains(&c));
        if !is_opener(c) || excluded || !can_open(&text[..end], i, c) {
            i += clen;
            continue;
        }
        let inner_start = i + clen;
        let mut close: Option<(usize, char)> = None;
        let mut j = inner_start;
        // The first bytes of this mark's closers (one or two).
        let lead = |d: &char| d.encode_utf8(&mut [0; 4]).as_bytes()[0];
        let marks = closers(c);
        let (lead_a, lead_b) = (lead(&marks[0]), lead(&marks[marks.len() - 1]));
        while j < end {
            if JUMP {
                j = memchr::memchr2(lead_a, lead_b, &bytes[j..]).map_or(end, |k| j + k);
                if j >= end {
                    break;
                }
            }
            let d = text[j..end].chars().next().unwrap_or(' ');
            if closers(c).contains(&d) && can_close(&text[..end], j, d) {
                if close.is_none() && looks_possessive(&text[..end], j, d) {
                    // Keep it as a fallback; a later closer is more likely the real one.
                    close = Some((j, d));
                    j += d.len_utf8();
                    let mut later = None;
                    let mut k = j;
                    while k < end {
                        let e = text[k..end].chars().next().unwrap_or(' ');
                        if closers(c).contains(&e) && can_close(&text[..end], k, e) {
                            later = Some((k, e));
                            break;
                        }
                        if e == '\n' {
                            break;
                        }
                        k += e.len_utf8();
                    }
                    if later.is_some() {
                        close = later;
                    }
                    break;
                }
                close = Some((j, d));
                break;
            }
            j += d.len_utf8();
        }
        let at_block_start = text[context.0..i].trim().is_empty();
        let (inner_end, outer_end, unclosed) = match close {
            Some((j, d)) => (j, j + d.len_utf8(), false),
            None if outer.is_none() && may_run_over(c) && (allow_unclosed || at_block_start) => {
                (end, end, true)
            }
            None => {
                i += clen;
                continue;
            }
        };
        let inner = &text[inner_start..inner_end];
        if inner.trim().is_empty() || !inner.chars().any(char::is_alphanumeric) {
            i = outer_end.max(i + clen);
            continue;
        }
        out.push(Span {
            outer_start: i,
            outer_end,
            inner_start,
            inner_end,
            context,
            continuation: false,
            unclosed,
        });
        scan::<JUMP>(
            text,
            inner_start,
            inner_end,
            Some(c),
            false,
            (inner_start, inner_end),
            out,
        );
        i = outer_end.max(i + clen);
    }
}

static SPEECH_CUE: LazyLock<WholeWords> =
    LazyLock::new(|| cues::whole_words(cues::SPEECH_VERBS.to_vec()));

/// Whether `frame` (a sentence with its quotations blanked) holds an attribution cue.
pub fn has_speech_cue(frame: &str, language: &str) -> bool {
    SPEECH_CUE.is_match(frame)
        || (frame.chars().any(is_cjk) && cues::ZH_CUE.is_match(frame))
        || cues::language_cues(language).iter().any(|c| {
            frame
                .to_lowercase()
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w == *c)
        })
}

/// A sentence's text with every quotation replaced by a same-length placeholder, so that cue
/// and name searches never read the quoted words and offsets stay those of the text.
pub fn blank_quotes(text: &str, start: usize, end: usize, quotes: &[(usize, usize)]) -> String {
    let mut frame = String::with_capacity(end - start);
    let mut pos = start;
    let mut spans: Vec<(usize, usize)> = quotes
        .iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .copied()
        .collect();
    spans.sort();
    for (s, e) in spans {
        if s < pos {
            continue;
        }
        frame.push_str(&text[pos..s]);
        frame.push('"');
        frame.extend(std::iter::repeat_n(' ', e - s - 2));
        frame.push('"');
        pos = e;
    }
    frame.push_str(&text[pos..end]);
    frame
}

/// The word count of quoted words (CJK: two characters count as a word).
fn word_count(words: &str) -> usize {
    let cjk = words.chars().filter(|c| is_cjk(*c)).count();
    words
        .split_whitespace()
        .filter(|w| !w.chars().all(is_cjk))
        .count()
        + cjk.div_ceil(2)
}

const ARTICLES: &[&str] = &[
    "a", "an", "the", "ein", "eine", "einer", "einem", "einen", "eines", "der", "die", "das",
    "den", "dem", "un", "une", "le", "la", "les", "una", "uno", "el", "um", "uma", "o",
];

/// Whether the words just before a quote (lowercase) end with a term cue, an article allowed
/// in between ("spoke of a 'war'").
fn ends_with_term_cue(before: &str) -> bool {
    let mut lower = before.trim_end().to_lowercase();
    for _ in 0..2 {
        if cues::TERM_BEFORE.iter().any(|c| {
            lower.ends_with(c) && {
                let head = &lower[..lower.len() - c.len()];
                head.chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric() || is_cjk(p))
            }
        }) {
            return true;
        }
        let last = lower
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_string();
        if ARTICLES.contains(&last.as_str()) {
            lower.truncate(lower.len() - last.len());
            lower = lower.trim_end().to_string();
        } else {
            break;
        }
    }
    false
}

static DESCRIBED_AS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:described|characteri[sz]ed|referred to|branded|labell?ed|regarded|classified|designated|bezeichnete[n]?|bezeichnet|qualifi[ée]e?s?|calificó|calificado|descreveu|classificou|označil[ai]?)\b[^.;:]{0,60}\b(?:as|als|de|como|za)\s*(?:an?|the|ein|eine|einer|un|une|una|um|uma)?\s*$").expect("described-as regex")
});

static JUDGEMENT: LazyLock<WholeWords> = LazyLock::new(|| {
    let mut verbs: Vec<&str> = cues::JUDGEMENT_VERBS.to_vec();
    verbs.extend(cues::SPOKE_OF);
    verbs.extend(cues::THANK_VERBS);
    cues::whole_words(verbs)
});

/// Auxiliaries that make the verb after them passive ("was described as"): no speaker stated.
const PASSIVE_AUXILIARIES: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "wurde", "wurden", "worden", "fue",
    "fueron", "foi", "foram", "été", "est", "sont", "byl", "byla", "bylo", "byly", "je", "jsou",
];

/// Whether the words before a quotation hold a judgement or speaking verb in the active voice,
/// with words before it (its subject): "Bell called the plan '…'", "la CNI parle d'une « … »".
fn judged_by_subject(before: &str) -> bool {
    let Some(m) = JUDGEMENT.find_iter(before).pop() else {
        return false;
    };
    let head = before[..m.start()].trim_end();
    let previous = head
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    // A clause break between the verb and the quote ("…, and the report read '…'") leaves the
    // quote without that verb.
    let between = &before[m.end()..];
    head.chars().any(char::is_alphanumeric)
        && !PASSIVE_AUXILIARIES.contains(&previous.as_str())
        && !between.contains(['.', ';', '!', '?'])
        && between.split_whitespace().count() <= 8
}

/// Whether the words before a quote end with a "spoke of" verb, an article allowed between.
fn ends_with_spoke_of(before: &str) -> bool {
    let lower = before.trim_end().to_lowercase();
    let trimmed = match lower.rsplit_once(char::is_whitespace) {
        Some((head, last)) if ARTICLES.contains(&last) => head.trim_end(),
        _ => lower.as_str(),
    };
    cues::SPOKE_OF.iter().any(|c| {
        trimmed.ends_with(c) || {
            // French elision: "parle d'une", "a parlé d’un".
            let t = trimmed.trim_end_matches(|ch: char| ch.is_alphabetic());
            (t.ends_with("d'") || t.ends_with("d’"))
                && t[..t.len() - t.chars().last().map_or(0, char::len_utf8) - 1]
                    .trim_end()
                    .ends_with(c.trim_end_matches(" de"))
        }
    })
}

/// Speech or term, from the words and the sentence around them.
fn classify(
    text: &str,
    s: &Span,
    masked: &[(usize, usize)],
    sents: &[(usize, usize)],
    language: &str,
) -> QuoteKind {
    let words = collapse_whitespace(&text[s.inner_start..s.inner_end]);
    let n = word_count(&words);
    // The sentence around the quote, within its context (block or enclosing quote): `sents`.
    let (ss, se) = sents
        .iter()
        .copied()
        .find(|&(a, b)| s.outer_start >= a && s.outer_start < b)
        .unwrap_or(s.context);
    let se = se.max(s.outer_end).min(s.context.1);
    let frame_before = blank_quotes(text, ss, s.outer_start, masked);
    let frame_after = blank_quotes(text, s.outer_end, se, masked);
    let after_lower = frame_after.to_lowercase();
    if ends_with_term_cue(&frame_before)
        || cues::TERM_AFTER.iter().any(|c| after_lower.starts_with(c))
    {
        return QuoteKind::Term;
    }
    let ends_with_punct = words.ends_with(['.', ',', '!', '?', '…', '。', '，', '！', '？']);
    let title_case = is_title_case(&words, language) && !ends_with_punct;
    // "X called it 'a disgrace'", "X spoke of a 'historic caesura'": a named speaker's words.
    // Passive ("was described as 'X'") or title case ("spoke of 'Fake News'") stays a term.
    let judged = !title_case && judged_by_subject(&frame_before);
    if n <= 4 && DESCRIBED_AS.is_match(&frame_before) && !judged {
        return QuoteKind::Term;
    }
    if title_case {
        return QuoteKind::Term;
    }
    // One word stays a label ("calificó el plan de «insuficiente»"): annotators disagree there.
    if judged && n >= 2 {
        return QuoteKind::Speech;
    }
    if ends_with_spoke_of(&frame_before) {
        return QuoteKind::Term;
    }
    let standalone = !frame_before.chars().any(char::is_alphanumeric)
        && !frame_after.chars().any(char::is_alphanumeric);
    if standalone && (n >= 2 || ends_with_punct) {
        return QuoteKind::Speech;
    }
    let colon_before = frame_before.trim_end().ends_with([':', '：']);
    let cue = colon_before
        || has_speech_cue(&frame_before, language)
        || has_speech_cue(&frame_after, language);
    if cue && (n >= 2 || ends_with_punct || colon_before) {
        return QuoteKind::Speech;
    }
    let short = n <= 3;
    if short || (n <= 5 && !cue && !ends_with_punct) {
        QuoteKind::Term
    } else {
        QuoteKind::Speech
    }
}

const SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "de", "du", "la", "le",
    "des", "del", "y", "e", "et", "von", "der", "und", "für", "da", "do", "dos", "das",
];

/// Names and titles ("Islamic State", "The Art of the Deal"): every word capitalised. German
/// capitalises every noun, so there the test needs a capitalised function word too.
fn is_title_case(words: &str, language: &str) -> bool {
    let tokens: Vec<&str> = words.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 8 || words.chars().any(is_cjk) {
        return false;
    }
    let content: Vec<&&str> = tokens
        .iter()
        .filter(|t| !SMALL_WORDS.contains(&t.to_lowercase().as_str()))
        .collect();
    if content.is_empty() {
        return false;
    }
    let all_caps = content.iter().all(|t| {
        t.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    });
    if !all_caps {
        return false;
    }
    if language == "de" {
        // Nouns are capitalised anyway: only a capitalised adjective or several words tell.
        return tokens.len() >= 2
            && tokens.iter().any(|t| {
                let l = t.to_lowercase();
                l.ends_with("er") || l.ends_with("e") || l.ends_with("es") || l.ends_with("en")
            })
            && tokens.len() <= 4;
    }
    // One capitalised word that starts a sentence-like quote is not a title ("Never.").
    tokens.len() >= 2 || words.chars().filter(|c| c.is_uppercase()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A span's fields, to compare two scans.
    fn span_fields(s: &Span) -> (usize, usize, usize, usize, (usize, usize), bool, bool) {
        (
            s.outer_start,
            s.outer_end,
            s.inner_start,
            s.inner_end,
            s.context,
            s.continuation,
            s.unclosed,
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        /// Jumping from mark byte to mark byte finds the quotations that stepping over every
        /// character finds: nested and unclosed marks of every kind, apostrophes, dashes and
        /// other characters sharing the marks' first bytes (E2 for '—' and '…', C2 for a
        /// no-break space), inside a block cut from the text.
        #[test]
        fn jumping_to_marks_finds_what_stepping_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "\"", "'", "“", "”", "„", "‚", "‘", "’", "«", "»", "‹", "›", "「", "」", "『", "』",
                "＂", "—", "…", "\u{a0}", "Putin said", " ", "it's", "x", "é", "。", "\n", "Ü",
                "(", ")", "1",
            ]), 0..24),
            trim in (0usize..8, 0usize..8),
            allow_unclosed: bool,
        ) {
            let text: String = pieces.concat();
            let start = text.floor_char_boundary(trim.0.min(text.len()));
            let end = text.floor_char_boundary(text.len().saturating_sub(trim.1)).max(start);
            let (mut jumping, mut stepping) = (Vec::new(), Vec::new());
            scan::<true>(&text, start, end, None, allow_unclosed, (start, end), &mut jumping);
            scan::<false>(&text, start, end, None, allow_unclosed, (start, end), &mut stepping);
            proptest::prop_assert_eq!(
                jumping.iter().map(span_fields).collect::<Vec<_>>(),
                stepping.iter().map(span_fields).collect::<Vec<_>>()
            );
        }
    }

    fn quotes_in(text: &str, language: &str) -> Vec<Quote> {
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
        find_quotes(text, &blocks, language)
    }

    fn quotes_of(text: &str) -> Vec<(String, QuoteKind)> {
        quotes_in(text, "en")
            .into_iter()
            .map(|q| (q.text, q.kind))
            .collect()
    }

    #[test]
    fn finds_quotes_in_many_mark_styles() {
        let cases = [
            ("He said \"we will win.\"", "we will win."),
            ("He said “we will win.”", "we will win."),
            ("Er sagte: „Wir werden gewinnen.“", "Wir werden gewinnen."),
            (
                "«Genau solche Standards müssen wir anstreben.»",
                "Genau solche Standards müssen wir anstreben.",
            ),
            ("»Wir werden gewinnen«, sagte er.", "Wir werden gewinnen"),
            ("Il a dit « nous gagnerons ».", "nous gagnerons"),
            ("Řekl: „Vyhrajeme to.“", "Vyhrajeme to."),
            (
                "Podle něj je to ‚zásadní změna‘ v politice.",
                "zásadní změna",
            ),
            ("他说「我们会赢的」。", "我们会赢的"),
            ("他说“我们会赢的”。", "我们会赢的"),
            ("他在书中写道『我们会赢的』。", "我们会赢的"),
            ("She said ‘we will win’ and left.", "we will win"),
            ("She said 'we will win' and left.", "we will win"),
        ];
        for (text, want) in cases {
            let q = quotes_of(text);
            assert_eq!(q.first().map(|x| x.0.as_str()), Some(want), "{text}");
        }
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes_of("It's Russia's second city and the Kremlin's view.").is_empty());
        assert!(quotes_of("It’s the players’ union that won’t sign in the ’90s.").is_empty());
        let q = quotes_of("Marco Rubio: 'Vladimir Putin chose to interfere in US elections'");
        assert_eq!(q[0].0, "Vladimir Putin chose to interfere in US elections");
        let q = quotes_of("The workers’ leader said ‘the bosses’ offer is an insult’ today.");
        assert_eq!(q[0].0, "the bosses’ offer is an insult");
    }

    #[test]
    fn interrupted_quotes_are_two_items() {
        let q = quotes_of("\"We will not stop,\" the minister said. \"Never.\"");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1], ("Never.".to_string(), QuoteKind::Speech));
    }

    #[test]
    fn quotes_running_over_paragraphs_give_one_item_per_paragraph() {
        let text = "“We will rebuild every house,” the mayor said. “It will take years.\n\n“But we will do it together.”";
        let q = quotes_of(text);
        assert_eq!(
            q.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            [
                "We will rebuild every house,",
                "It will take years.",
                "But we will do it together."
            ]
        );
        assert!(q.iter().all(|x| x.1 == QuoteKind::Speech));
    }

    #[test]
    fn a_stray_mark_opens_nothing() {
        let q = quotes_of("The 6\" pipe burst. Nobody was hurt.\n\nThe repair began.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn nested_quotes_follow_their_enclosing_quote() {
        let q = quotes_of(
            "“They keep calling it a ‘special operation’ but it is a war,” the envoy said.",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].0, "special operation");
        assert_eq!(q[1].1, QuoteKind::Term);
        let q = quotes_in(
            "« Il a parlé d’une “guerre hybride” hier », a-t-il dit.",
            "fr",
        );
        assert_eq!(q[1].text, "guerre hybride");
        let q = quotes_in("„Er nannte das ‚völlig inakzeptabel‘“, sagte sie.", "de");
        assert_eq!(q[1].text, "völlig inakzeptabel");
    }

    #[test]
    fn terms_are_told_from_speech() {
        let q = quotes_of(
            "an attack by \"Islamic State\" (IS) assailants, \"the killing of citizens\" in a series",
        );
        assert_eq!(q[0], ("Islamic State".to_string(), QuoteKind::Term));
        let cases = [
            (
                "en",
                "Militants of the so-called “Islamic State” were blamed.",
                QuoteKind::Term,
            ),
            (
                "en",
                "Officials have so far avoided the term “fake news”.",
                QuoteKind::Term,
            ),
            (
                "en",
                "The phrase “peace plan” has since appeared on banners.",
                QuoteKind::Term,
            ),
            (
                "en",
                "The FSB said it had foiled “the killing of citizens” on Friday.",
                QuoteKind::Speech,
            ),
            (
                "en",
                "Trump told reporters the talks were “none of your business.”",
                QuoteKind::Speech,
            ),
            (
                "en",
                "Thousands marched under the slogan “Bread and Peace”.",
                QuoteKind::Term,
            ),
            (
                "de",
                "Kritiker sprachen von einer „Fake News“, die nur auf dem Papier existiere.",
                QuoteKind::Term,
            ),
            (
                "de",
                "Den Begriff „hybride Kriegsführung“ vermeiden die Behörden bislang.",
                QuoteKind::Term,
            ),
            (
                "de",
                "„Das ist inakzeptabel“, sagte der Minister.",
                QuoteKind::Speech,
            ),
            (
                "fr",
                "Le groupe dit « État islamique » a revendiqué l’attaque.",
                QuoteKind::Term,
            ),
            (
                "fr",
                "« C’est inacceptable », a déclaré le ministre.",
                QuoteKind::Speech,
            ),
            (
                "es",
                "El llamado “Estado Islámico” reivindicó el ataque.",
                QuoteKind::Term,
            ),
            (
                "es",
                "“No vamos a ceder”, dijo el portavoz.",
                QuoteKind::Speech,
            ),
            (
                "pt",
                "O chamado “Estado Islâmico” reivindicou o ataque.",
                QuoteKind::Term,
            ),
            (
                "pt",
                "“Não vamos recuar”, disse o ministro.",
                QuoteKind::Speech,
            ),
            (
                "cs",
                "Takzvaný „Islámský stát“ se k útoku přihlásil.",
                QuoteKind::Term,
            ),
            (
                "cs",
                "„Nebudeme ustupovat,“ řekl ministr.",
                QuoteKind::Speech,
            ),
            ("zh", "所谓“伊斯兰国”宣称对袭击负责。", QuoteKind::Term),
            ("zh", "他表示：“我们不会让步。”", QuoteKind::Speech),
        ];
        for (lang, text, want) in cases {
            let q = quotes_in(text, lang);
            assert_eq!(q[0].kind, want, "{text}");
        }
    }

    #[test]
    fn fragments_judged_by_a_named_speaker_are_speech() {
        let cases = [
            (
                "en",
                "Bell called the plan “a waste of public money”.",
                QuoteKind::Speech,
            ),
            (
                "en",
                "The plan was described as “a waste of money”.",
                QuoteKind::Term,
            ),
            (
                "de",
                "Die Deutsche Bahn spricht von einer „völlig unnötigen Eskalation“.",
                QuoteKind::Speech,
            ),
            (
                "de",
                "Kritiker sprachen von einer „Fake News“.",
                QuoteKind::Term,
            ),
            (
                "fr",
                "La présidente a salué « un premier pas » mardi.",
                QuoteKind::Speech,
            ),
            (
                "fr",
                "Son voisin parle d'une « vision d'apocalypse ».",
                QuoteKind::Speech,
            ),
            (
                "es",
                "Galán calificó el decreto de “populismo de manual”.",
                QuoteKind::Speech,
            ),
            (
                "es",
                "La oposición calificó el plan de “insuficiente”.",
                QuoteKind::Term,
            ),
            (
                "pt",
                "O Copom indicou ainda um ajuste “de mesma magnitude”.",
                QuoteKind::Speech,
            ),
            (
                "cs",
                "Havlíček ji označil za „nebezpečný experiment“.",
                QuoteKind::Speech,
            ),
            (
                "en",
                "Residents call it the so-called “brown water plan”.",
                QuoteKind::Term,
            ),
        ];
        for (lang, text, want) in cases {
            let q = quotes_in(text, lang);
            assert_eq!(q[0].kind, want, "{text}");
        }
    }

    #[test]
    fn offsets_slice_the_text() {
        let text = "Er sagte: „Wir werden gewinnen.“ Dann ging er.";
        let q = &quotes_in(text, "de")[0];
        assert_eq!(&text[q.start..q.end], "Wir werden gewinnen.");
        assert_eq!(&text[q.outer_start..q.outer_end], "„Wir werden gewinnen.“");
        let text = "Il a dit « nous gagnerons ».";
        let q = &quotes_in(text, "fr")[0];
        assert_eq!(&text[q.start..q.end], "nous gagnerons");
    }
}

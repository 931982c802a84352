//! Sentences of a block, for attribution: a quotation's speaker stands in its own sentence or the
//! one before. Full stops inside quotation marks do not end the surrounding sentence, and
//! abbreviations ("Mr.", "U.S.", "St.") do not end one either.

use super::{NextOfSix, is_cjk};

/// Abbreviations whose full stop does not end a sentence (lowercase, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "gov", "col", "lt", "jr", "sr",
    "inc", "ltd", "co", "corp", "vs", "etc", "no", "nr", "hr", "mme", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dipl", "ing", "mgr", "bc", "tzv",
    "sv", "resp", "cca", "tj", "např", "atd", "apod", "tel", "ca", "bzw", "vgl", "z.b", "u.a",
    "sra", "sres", "av", "pres", "min", "vol",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '”' | '“' | '’' | '\'' | '»' | '«' | '」' | '』' | ')' | ']' | '›' | '‹'
    )
}

fn is_opening_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '„' | '‘' | '‚' | '\'' | '«' | '»' | '「' | '『' | '(' | '[' | '‹' | '›'
    )
}

/// The sentences of `text[start..end]` as byte ranges, skipping boundaries inside `masked`
/// ranges (the quotations' outer spans).
pub fn split(
    text: &str,
    start: usize,
    end: usize,
    masked: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut sentence_start = start;
    let block = &text[start..end];
    let bytes = block.as_bytes();
    let mut pos = 0;
    // Only '.', '!', '?' and the three-byte '…', '。', '！', '？' end sentences: the search jumps
    // from one of those bytes or the first byte of the others ('…' starts with E2, '。' with E3,
    // '！' and '？' with EF) to the next, and decodes only there.
    let mut candidates = NextOfSix::new([[b'.', b'!', b'?'], [0xE2, 0xE3, 0xEF]]);
    loop {
        let i = candidates.at_or_after(bytes, pos);
        if i >= bytes.len() {
            break;
        }
        let c = block[i..].chars().next().expect("a character starts here");
        pos = i + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        match after_terminator(block, start, i, c, masked) {
            AfterTerminator::BlockEnd => break,
            AfterTerminator::Inside => continue,
            AfterTerminator::Boundary { end, next } => {
                out.push((sentence_start, start + end));
                sentence_start = start + next;
                pos = next;
            }
        }
    }
    if sentence_start < end {
        out.push((sentence_start, end));
    }
    out
}

/// What a terminator does to the sentence it stands in.
enum AfterTerminator {
    /// Only closing marks and spaces follow it to the block's end: the last sentence runs on to
    /// the end.
    BlockEnd,
    /// It ends no sentence: no space after it ("3.5"), an abbreviation or initial, a lowercase
    /// word next, or the boundary would fall inside a masked range.
    Inside,
    /// The sentence ends at `end` (after the closing marks) and the next starts at `next` (after
    /// the spaces), both offsets into the block.
    Boundary { end: usize, next: usize },
}

/// What the terminator `c` at `block[i..]` does: end the block, end a sentence, or neither (the
/// block starts at `start` in the text, where the `masked` ranges are).
fn after_terminator(
    block: &str,
    start: usize,
    i: usize,
    c: char,
    masked: &[(usize, usize)],
) -> AfterTerminator {
    // Skip closing marks and further terminators after the terminator.
    let mut j = i + c.len_utf8();
    while let Some(d) = block[j..].chars().next() {
        if is_closing_mark(d) || is_terminator(d) {
            j += d.len_utf8();
        } else {
            break;
        }
    }
    let cjk_stop = matches!(c, '。' | '！' | '？');
    let mut k = j;
    while let Some(d) = block[k..].chars().next() {
        if d.is_whitespace() {
            k += d.len_utf8();
        } else {
            break;
        }
    }
    if k == block.len() {
        return AfterTerminator::BlockEnd;
    }
    if !cjk_stop && k == j {
        return AfterTerminator::Inside; // no space after: "3.5", "U.S."
    }
    let next = block[k..].chars().next().unwrap_or(' ');
    // Chinese puts the full stop inside the quote and the attribution after it:
    // “……。”王刚说。 is one sentence.
    if cjk_stop && j > i + c.len_utf8() && !is_opening_mark(next) {
        return AfterTerminator::Inside;
    }
    if !(cjk_stop
        || next.is_uppercase()
        || next.is_numeric()
        || is_opening_mark(next)
        || is_cjk(next))
    {
        return AfterTerminator::Inside;
    }
    if c == '.' && is_abbreviation(&block[..i]) {
        return AfterTerminator::Inside;
    }
    let boundary = start + k;
    if masked.iter().any(|&(s, e)| boundary > s && boundary < e) {
        return AfterTerminator::Inside;
    }
    AfterTerminator::Boundary { end: j, next: k }
}

/// Whether the word ending `before` (a full stop follows) is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    // The trailing run of letters, digits and dots, borrowed.
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let lower = super::names::lowercase(&before[start..]);
    let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && lower.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true; // an initial: "Donald J. Trump", "U.S."
    }
    if lower.contains('.') && lower.split('.').all(|p| p.chars().count() <= 2) {
        return true; // "U.S", "z.B"
    }
    ABBREVIATIONS.contains(&lower.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences<'a>(text: &'a str, masked: &[(usize, usize)]) -> Vec<&'a str> {
        split(text, 0, text.len(), masked)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_at_full_stops_but_not_abbreviations() {
        let t = "Mr. Smith went to St. Petersburg. He met U.S. officials. Then he left.";
        assert_eq!(
            sentences(t, &[]),
            [
                "Mr. Smith went to St. Petersburg.",
                "He met U.S. officials.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn quotes_hide_their_full_stops() {
        let t = "\"We won. They lost,\" he said. \"Next.\"";
        let masked = [(0, 20), (31, 38)];
        assert_eq!(
            sentences(t, &masked),
            ["\"We won. They lost,\" he said.", "\"Next.\""]
        );
    }

    #[test]
    fn splits_chinese_after_full_width_stops() {
        let t = "他来了。这是第二句。";
        assert_eq!(sentences(t, &[]).len(), 2);
    }

    /// `split` as first written, stepping over `char_indices`: the version that jumps from one
    /// terminator byte to the next must find the same sentences.
    fn split_char_by_char(
        text: &str,
        start: usize,
        end: usize,
        masked: &[(usize, usize)],
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut sentence_start = start;
        let block = &text[start..end];
        let mut iter = block.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if !is_terminator(c) {
                continue;
            }
            match after_terminator(block, start, i, c, masked) {
                AfterTerminator::BlockEnd => break,
                AfterTerminator::Inside => continue,
                AfterTerminator::Boundary { end, next } => {
                    out.push((sentence_start, start + end));
                    sentence_start = start + next;
                    while iter.peek().is_some_and(|&(p, _)| p < next) {
                        iter.next();
                    }
                }
            }
        }
        if sentence_start < end {
            out.push((sentence_start, end));
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        #[test]
        fn sentences_are_those_of_the_char_by_char_splitter(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "The minister said", "Mr.", "U.S.", "St.", "3.5", ".", "!", "?", "…", "...", "?!",
                "。", "！", "？", "“", "”", "\"", "'", "»", "«", ")", "(", "「", "」", " ", "  ",
                "\n", "\u{a0}", "He left", "Then", "1999", "王刚说", "é", "Über", "x", "—", "z.B.",
            ]), 0..40),
            mask_from in 0usize..200,
            mask_len in 0usize..60,
            trim in (0usize..12, 0usize..12),
        ) {
            let text: String = pieces.concat();
            let from = text.floor_char_boundary(mask_from.min(text.len()));
            let to = text.floor_char_boundary((from + mask_len).min(text.len()));
            let masked = [(from, to)];
            proptest::prop_assert_eq!(
                split(&text, 0, text.len(), &masked),
                split_char_by_char(&text, 0, text.len(), &masked)
            );
            // A block inside the text: up to a dozen bytes off each end.
            let start = text.floor_char_boundary(trim.0.min(text.len()));
            let end = text.floor_char_boundary(text.len().saturating_sub(trim.1)).max(start);
            proptest::prop_assert_eq!(
                split(&text, start, end, &masked),
                split_char_by_char(&text, start, end, &masked)
            );
        }
    }
}

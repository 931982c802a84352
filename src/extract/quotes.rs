//! Direct quotations: every span between quotation marks in the article's blocks, in the mark
//! styles of English, German, French, Swiss, Spanish, Portuguese, Czech and CJK text, told apart
//! into speech and terms.

use super::{Block, BlockKind, Quote, QuoteKind, collapse_whitespace};

/// The closing marks that can end a quote opened by `open`.
fn closers(open: char) -> &'static [char] {
    match open {
        '“' => &['”', '“'],
        '„' => &['“', '”'],
        '"' => &['"'],
        '«' => &['»'],
        '»' => &['«'],
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

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Whether `c` at byte `i` can open a quote (an apostrophe cannot).
fn can_open(text: &str, i: usize, c: char) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    if next.is_none_or(char::is_whitespace) && !matches!(c, '«' | '»' | '「' | '『') {
        return false;
    }
    match c {
        '\'' | '‘' | '’' => !is_word(prev),
        '»' => !is_word(prev) || prev == Some(' '),
        _ => true,
    }
}

/// Whether `c` at byte `i` can close a quote (not an apostrophe inside a word).
fn can_close(text: &str, i: usize, c: char) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    if prev.is_none_or(char::is_whitespace) && !matches!(c, '»' | '«' | '」' | '』') {
        return false;
    }
    match c {
        '\'' | '’' => !is_word(next),
        _ => true,
    }
}

/// Finds the quotations in each block (paragraph, list item, heading, block quote; not the title).
pub fn find_quotes(text: &str, blocks: &[Block], _language: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    for b in blocks.iter().filter(|b| b.kind != BlockKind::Title) {
        scan_block(text, b.start, b.end, &mut out);
    }
    out
}

fn scan_block(text: &str, start: usize, end: usize, out: &mut Vec<Quote>) {
    let block = &text[start..end];
    let mut i = 0;
    while i < block.len() {
        let c = block[i..].chars().next().unwrap();
        let clen = c.len_utf8();
        if closers(c).is_empty() || !can_open(block, i, c) {
            i += clen;
            continue;
        }
        // Find the first fitting closer; an unclosed quote runs to the end of the block.
        let inner_start = i + clen;
        let mut j = inner_start;
        let mut close: Option<(usize, char)> = None;
        while j < block.len() {
            let d = block[j..].chars().next().unwrap();
            if closers(c).contains(&d) && can_close(block, j, d) {
                close = Some((j, d));
                break;
            }
            j += d.len_utf8();
        }
        let (inner_end, outer_end) = match close {
            Some((j, d)) => (j, j + d.len_utf8()),
            None if matches!(c, '"' | '“' | '„' | '«' | '»') => (block.len(), block.len()),
            None => {
                i += clen;
                continue;
            }
        };
        let raw = &block[inner_start..inner_end];
        let words = collapse_whitespace(raw);
        if !words.is_empty() {
            let quote_start = start + inner_start + (raw.len() - raw.trim_start().len());
            let quote_end = start + inner_end - (raw.len() - raw.trim_end().len());
            out.push(Quote {
                start: quote_start,
                end: quote_end,
                outer_start: start + i,
                outer_end: start + outer_end,
                kind: classify(&block[..i], &words),
                text: words,
                speaker: None,
                speaker_entity: None,
                cue: None,
            });
            // Nested quotes: scan the inside for other mark styles.
            let before = out.len();
            scan_nested(text, start + inner_start, start + inner_end, c, out);
            let _ = before;
        }
        i = outer_end.max(i + clen);
    }
}

fn scan_nested(text: &str, start: usize, end: usize, outer: char, out: &mut Vec<Quote>) {
    let inner = &text[start..end];
    if inner
        .chars()
        .any(|c| !closers(c).is_empty() && c != outer && !closers(outer).contains(&c))
    {
        let mut nested = Vec::new();
        scan_block(text, start, end, &mut nested);
        nested.retain(|q| !text[q.outer_start..q.outer_start + 1].starts_with(outer));
        out.extend(nested);
    }
}

/// Speech or term: short capitalised names and scare-quoted words are terms.
fn classify(before: &str, words: &str) -> QuoteKind {
    let n = words.split_whitespace().count();
    let lead = before.trim_end().to_lowercase();
    let term_cue = [
        "so-called",
        "sogenannte",
        "sogenannten",
        "as a",
        "as an",
        "described as",
        "labelled",
        "dubbed",
        "termed",
        "the term",
        "by",
        "called",
        "named",
    ]
    .iter()
    .any(|c| lead.ends_with(c));
    let ends_like_speech = words.ends_with(['.', ',', '!', '?', '…']);
    if term_cue || (n <= 3 && !ends_like_speech) {
        QuoteKind::Term
    } else {
        QuoteKind::Speech
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes_of(text: &str) -> Vec<(String, QuoteKind)> {
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        find_quotes(text, &blocks, "en")
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
            ("他说「我们会赢的」。", "我们会赢的"),
        ];
        for (text, want) in cases {
            let q = quotes_of(text);
            assert_eq!(q.first().map(|x| x.0.as_str()), Some(want), "{text}");
        }
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes_of("It's Russia's second city and the Kremlin's view.").is_empty());
        let q = quotes_of("Marco Rubio: 'Vladimir Putin chose to interfere in US elections'");
        assert_eq!(q[0].0, "Vladimir Putin chose to interfere in US elections");
    }

    #[test]
    fn terms_are_told_from_speech() {
        let q = quotes_of(
            "an attack by \"Islamic State\" (IS) assailants, \"the killing of citizens\" in a series",
        );
        assert_eq!(q[0], ("Islamic State".to_string(), QuoteKind::Term));
    }

    #[test]
    fn offsets_slice_the_text() {
        let text = "Er sagte: „Wir werden gewinnen.“ Dann ging er.";
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        let q = &find_quotes(text, &blocks, "de")[0];
        assert_eq!(&text[q.start..q.end], "Wir werden gewinnen.");
        assert_eq!(&text[q.outer_start..q.outer_end], "„Wir werden gewinnen.“");
    }
}

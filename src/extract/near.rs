//! Patterns searched only near cheaper ones. A pattern with a Unicode `\b` runs on the regex
//! engine's slow NFA paths whenever its haystack holds a non-ASCII character (the DFAs cannot
//! look at Unicode word boundaries), and its cost grows with the haystack. When every match of
//! such a pattern holds a hit of a cheap pattern (its keywords without the `\b`s, or digits),
//! reaches a bounded number of characters around that hit and never holds certain characters,
//! the pattern only needs to run on small windows around the hits; run there as below, it finds
//! exactly what it finds in the whole text (each use is property-tested against the whole-text
//! search).

use regex::{Captures, Match, Regex};

/// A pattern and the cheap pattern whose hits every match of it holds.
pub(crate) struct Near {
    pub pattern: &'static Regex,
    /// Matches wherever `pattern` matches (at least inside each of its matches); typically the
    /// pattern without its `\b`s or the words around its keywords. Must run fast (no `\b`).
    pub keyword: Regex,
    /// How many characters other than whitespace a match of `pattern` reaches beyond the
    /// keyword hit it holds, on either side (whitespace runs count as nothing), plus the
    /// length of any keyword hit that could overlap it.
    pub reach: usize,
    /// Characters no match of `pattern` holds.
    pub breaks: fn(char) -> bool,
}

impl Near {
    fn windows(&self, text: &str) -> Vec<(usize, usize)> {
        let hits = self.keyword.find_iter(text).map(|m| (m.start(), m.end()));
        windows_around(text, hits, self.reach, self.breaks)
    }

    /// `pattern.find_iter(text)`.
    pub fn find_iter<'h>(&self, text: &'h str) -> Vec<Match<'h>> {
        let mut out = Vec::new();
        for w in self.windows(text) {
            for_each_find_in(self.pattern, text, w, |m| {
                out.push(m);
                true
            });
        }
        out
    }

    /// `f` on each of `pattern.captures_iter(text)`.
    pub fn for_each_captures<'h>(&self, text: &'h str, mut f: impl FnMut(&Captures<'h>)) {
        for w in self.windows(text) {
            for_each_captures_in(self.pattern, text, w, &mut f);
        }
    }
}

/// Windows around `hits` (byte ranges in text order): each hit widened by `reach` characters
/// other than whitespace on each side (whitespace runs count as nothing), never across a
/// character for which `breaks` holds; overlapping or touching windows merged. A pattern whose
/// every match holds a hit, reaches no further than `reach` such characters beyond it and never
/// holds a breaking character has all its matches inside these windows.
pub(crate) fn windows_around(
    text: &str,
    hits: impl IntoIterator<Item = (usize, usize)>,
    reach: usize,
    breaks: fn(char) -> bool,
) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (at, end) in hits {
        let mut start = at;
        let mut budget = reach;
        while let Some(c) = text[..start].chars().next_back() {
            if breaks(c) || !c.is_whitespace() && budget == 0 {
                break;
            }
            if !c.is_whitespace() {
                budget -= 1;
            }
            start -= c.len_utf8();
        }
        let mut stop = end;
        let mut budget = reach;
        for c in text[end..].chars() {
            if breaks(c) || !c.is_whitespace() && budget == 0 {
                break;
            }
            if !c.is_whitespace() {
                budget -= 1;
            }
            stop += c.len_utf8();
        }
        match spans.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(stop),
            _ => spans.push((start, stop)),
        }
    }
    spans
}

/// The byte one character past `end`, where searches in a window stop: what the pattern's
/// final `\b` needs to see.
fn cut_after(text: &str, end: usize) -> usize {
    text[end..]
        .chars()
        .next()
        .map_or(text.len(), |c| end + c.len_utf8())
}

/// Calls `f` on every match of `re` that starts inside the window `(start, end)`, as
/// `re.captures_iter(text)` finds them (matches must not be empty). The search sees the text up
/// to one character past the window (the look-behind of `\b` sees the text before it); a match
/// reaching that end might owe its final `\b` to the cut, and is searched again in the whole
/// text.
pub(crate) fn for_each_captures_in<'h>(
    re: &Regex,
    text: &'h str,
    (start, end): (usize, usize),
    mut f: impl FnMut(&Captures<'h>),
) {
    let cut = cut_after(text, end);
    let mut at = start;
    while at < end {
        let Some(mut caps) = re.captures_at(&text[..cut], at) else {
            break;
        };
        if caps.get(0).unwrap().end() == cut && cut < text.len() {
            match re.captures_at(text, at) {
                Some(full) => caps = full,
                None => break,
            }
        }
        let m = caps.get(0).unwrap();
        if m.start() >= end {
            break;
        }
        f(&caps);
        at = m.end();
    }
}

/// [`for_each_captures_in`] without the groups; `f` returns whether to go on.
pub(crate) fn for_each_find_in<'h>(
    re: &Regex,
    text: &'h str,
    (start, end): (usize, usize),
    mut f: impl FnMut(Match<'h>) -> bool,
) {
    let cut = cut_after(text, end);
    let mut at = start;
    while at < end {
        let Some(mut m) = re.find_at(&text[..cut], at) else {
            break;
        };
        if m.end() == cut && cut < text.len() {
            match re.find_at(text, at) {
                Some(full) => m = full,
                None => break,
            }
        }
        if m.start() >= end || !f(m) {
            break;
        }
        at = m.end();
    }
}

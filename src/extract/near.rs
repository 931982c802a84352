//! Patterns searched only near cheaper ones. A pattern with a Unicode `\b` runs on the regex
//! engine's slow NFA paths whenever its haystack holds a non-ASCII character (the DFAs cannot
//! look at Unicode word boundaries), and its cost grows with the haystack. When every match of
//! such a pattern holds a hit of a cheap pattern (its keywords without the `\b`s, or digits),
//! reaches a bounded number of characters around that hit and never holds certain characters,
//! the pattern only needs to run on small windows around the hits; run there as below, it finds
//! exactly what it finds in the whole text (each use is property-tested against the whole-text
//! search).

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Captures, Match, Regex};
use rustc_hash::FxHashSet;

/// The longest run of ASCII characters in `word` (the first of equally long ones).
fn longest_ascii_run(word: &str) -> &str {
    word.split(|c: char| !c.is_ascii()).fold(
        "",
        |best, run| if run.len() > best.len() { run } else { best },
    )
}

/// Any of a list of words or phrases as whole words, case-blind: `(?i)\b(?:w1|w2|…)\b`, longest
/// first (so a verb is not cut short by a shorter one it starts with). The cue lists are searched
/// in this shape, sentence by sentence, and most sentences hold a non-ASCII character (a curly
/// quote, a dash): the whole-word pattern then ran on the regex engine's backtracker, which
/// clears a bitmap of the haystack's length times its thousands of states for every search. Here a piece
/// of each word is found first by a prebuilt automaton, and the pattern runs only around them.
pub(crate) struct WholeWords {
    /// The whole-word pattern: what every search answers as (its `\b`s checked by hand in
    /// windows).
    regex: Bounded,
    /// The longest run of ASCII characters of each word, found ASCII-case-blind: every match of
    /// `regex` holds one (Unicode case folding maps only the Kelvin sign and the long s onto
    /// ASCII letters; a text holding either is searched whole). The regex engine's lazy DFA
    /// for the words themselves, case-folded, kept building states on every new sentence.
    pieces: AhoCorasick,
    /// The longest word, in characters other than whitespace: how far a match reaches beyond
    /// (or overlaps past) a piece.
    reach: usize,
    /// The characters other than letters, digits and whitespace that the words hold.
    inner_marks: FxHashSet<char>,
    /// A word has no ASCII piece (Chinese): every text is searched whole.
    always_whole: bool,
}

impl WholeWords {
    pub(crate) fn new(mut words: Vec<&str>) -> WholeWords {
        words.sort_by_key(|v| std::cmp::Reverse(v.len()));
        words.dedup();
        let alternation = words
            .iter()
            .map(|v| regex::escape(v))
            .collect::<Vec<_>>()
            .join("|");
        let regex = Bounded::new("(?i)", &alternation, true, |p| {
            Regex::new(p).expect("word list")
        });
        let pieces: Vec<&str> = words.iter().map(|w| longest_ascii_run(w)).collect();
        let always_whole = pieces.iter().any(|p| p.is_empty());
        let pieces = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(pieces)
            .expect("word pieces");
        let reach = words
            .iter()
            .map(|w| w.chars().filter(|c| !c.is_whitespace()).count())
            .max()
            .unwrap_or(0);
        let inner_marks = words
            .iter()
            .flat_map(|w| w.chars())
            .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
            .collect();
        WholeWords {
            regex,
            pieces,
            reach,
            inner_marks,
            always_whole,
        }
    }

    /// Whether the text is best searched whole: ASCII (where the regex engine's DFA sees word
    /// boundaries), or holding a character that case-folds onto an ASCII letter.
    fn search_whole(&self, text: &str) -> bool {
        self.always_whole || text.is_ascii() || text.contains(['\u{212A}', '\u{17F}'])
    }

    /// Characters no match holds (a match is made of the words' characters, case-folded:
    /// letters, digits, whitespace and the marks some words hold).
    fn breaks(&self, c: char) -> bool {
        !(c.is_alphanumeric() || c.is_whitespace() || self.inner_marks.contains(&c))
    }

    fn windows(&self, text: &str) -> Vec<(usize, usize)> {
        let hits = self.pieces.find_iter(text).map(|m| (m.start(), m.end()));
        windows_around(text, hits, self.reach, |c| self.breaks(c))
    }

    /// `regex.find_iter(text)`.
    pub(crate) fn find_iter<'h>(&self, text: &'h str) -> Vec<Match<'h>> {
        if self.search_whole(text) {
            return self.regex.exact().find_iter(text).collect();
        }
        let mut out = Vec::new();
        for w in self.windows(text) {
            for_each_find_in(&self.regex, text, w, |m| {
                out.push(m);
                true
            });
        }
        out
    }

    /// `regex.is_match(text)`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if self.search_whole(text) {
            return self.regex.exact().is_match(text);
        }
        let mut found = false;
        for w in self.windows(text) {
            for_each_find_in(&self.regex, text, w, |_| {
                found = true;
                false
            });
            if found {
                break;
            }
        }
        found
    }
}

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

/// Something that finds the leftmost match at or after a position, looking at the text before
/// it for context (as [`Regex::find_at`] does).
pub(crate) trait FindAt {
    fn find_at<'h>(&self, haystack: &'h str, at: usize) -> Option<Match<'h>>;
}

impl FindAt for Regex {
    fn find_at<'h>(&self, haystack: &'h str, at: usize) -> Option<Match<'h>> {
        Regex::find_at(self, haystack, at)
    }
}

/// A pattern between word boundaries (`\b…\b`, or `\b…`), its boundaries checked by hand. With
/// a Unicode `\b`, the regex engine runs its DFA only on ASCII text; a window holding a curly
/// quote or an accented letter sent the date patterns and the cue lists to its backtracker (7 %
/// of the 10k corpus's extraction instructions, 40 % of that clearing its bitmap of states
/// times haystack). Without the `\b`s the pattern runs on the DFA on any text. Each match of the
/// pattern is a match of the bare one, so the bare one's leftmost match starts no later; where
/// a word boundary stands at its start (a fact about that position alone) both patterns weigh
/// the same alternatives there in the same order, and if its end is a boundary too (or the
/// pattern has none there), it is the pattern's match. No boundary at its start: the pattern has
/// no match there, and the search goes on from the next character. No boundary at its end: the
/// pattern as written answers (seldom: a word running on past a cue).
pub(crate) struct Bounded {
    exact: Regex,
    bare: Regex,
    trailing: bool,
}

impl Bounded {
    /// `flags` (such as `(?i)`), a `\b`, `body`, and a `\b` when `trailing`, compiled by `build`.
    pub(crate) fn new(
        flags: &str,
        body: &str,
        trailing: bool,
        build: impl Fn(&str) -> Regex,
    ) -> Bounded {
        let end = if trailing { r"\b" } else { "" };
        Bounded {
            exact: build(&format!(r"{flags}\b(?:{body}){end}")),
            bare: build(&format!("{flags}(?:{body})")),
            trailing,
        }
    }

    /// The pattern as written: what every search answers as.
    pub(crate) fn exact(&self) -> &Regex {
        &self.exact
    }
}

impl FindAt for Bounded {
    fn find_at<'h>(&self, haystack: &'h str, mut at: usize) -> Option<Match<'h>> {
        loop {
            let m = self.bare.find_at(haystack, at)?;
            if !is_word_boundary(haystack, m.start()) {
                at = m.start()
                    + haystack[m.start()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                if at > haystack.len() {
                    return None;
                }
                continue;
            }
            if !self.trailing || is_word_boundary(haystack, m.end()) {
                return Some(m);
            }
            return self.exact.find_at(haystack, m.start());
        }
    }
}

/// Whether a Unicode `\b` holds at byte `i` of `text`: a word character on one side only.
fn is_word_boundary(text: &str, i: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    word(text[..i].chars().next_back()) != word(text[i..].chars().next())
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
    breaks: impl Fn(char) -> bool,
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
    re: &impl FindAt,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> WholeWords {
        WholeWords::new(vec![
            "said",
            "says",
            "sagte",
            "erklärte",
            "according to",
            "in a statement",
            "told",
            "dijo",
            "řekl",
            "uvedl",
            "a déclaré",
            "so-called",
            "k",
            "Stoß",
            "spoke",
        ])
    }

    #[test]
    fn pieces_are_the_longest_ascii_runs() {
        assert_eq!(longest_ascii_run("erklärte"), "erkl");
        assert_eq!(longest_ascii_run("řekl"), "ekl");
        assert_eq!(longest_ascii_run("a déclaré"), "clar");
        assert_eq!(longest_ascii_run("表示"), "");
    }

    #[test]
    fn finds_whole_words_in_non_ascii_text() {
        let w = words();
        let text = "„Wir sind bereit“, ERKLÄRTE er – und sagte: „Nein.“ Unsaid, résaid, řekl.";
        let found: Vec<&str> = w.find_iter(text).iter().map(|m| m.as_str()).collect();
        assert_eq!(found, ["ERKLÄRTE", "sagte", "řekl"]);
        assert!(w.is_match("– said"));
        assert!(!w.is_match("– unsaid"));
        // The Kelvin sign case-folds onto k; the long s onto s.
        assert!(w.is_match("– \u{212A} –"));
        assert!(w.is_match("– \u{17F}aid –"));
        assert!(WholeWords::new(vec!["表示", "said"]).is_match("“…” 表示"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        /// Searching around the pieces finds what the whole-word pattern finds in the whole text.
        #[test]
        fn finds_what_the_whole_text_search_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "said", "SAID", "Said", "sa", "id", "says", "sagte", "erklärte", "ERKLÄRTE",
                "erkl", "ärte", "according", " to", "according to", "in a", " statement",
                "told", "dijo", "řekl", "ŘEKL", "ekl", "uvedl", "a déclaré", "déclaré",
                "so-called", "so", "-", "called", "k", "K", "\u{212A}", "\u{17F}", "Stoß",
                "STOSS", "spoke", "ſpoke", " ", "  ", "\u{a0}", ",", ".", "“", "”", "„", "«",
                "é", "x", "1", "_", "'", "’", "\n", "表示", "de",
            ]), 0..24),
        ) {
            let text: String = pieces.concat();
            let w = words();
            let whole: Vec<(usize, usize)> =
                w.regex.exact().find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let near: Vec<(usize, usize)> =
                w.find_iter(&text).iter().map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(&near, &whole);
            proptest::prop_assert_eq!(w.is_match(&text), !whole.is_empty());
        }

        /// Boundaries checked by hand find what the pattern with `\b`s finds, from any
        /// position: patterns whose alternatives end inside words, start with non-word
        /// characters or are cut short by a boundary, with and without the final `\b`.
        #[test]
        fn bounded_finds_what_the_pattern_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "said", "saidx", "sa", "id", "Said", "-said", "said-", "12", "1", "2017", "x",
                "é", "É", "\u{301}", "\u{200d}", "_", "٣", " ", "  ", ",", ".", "“", "”",
                "-", "'", "a", "ab", "abc", "表示", "表", "\n",
            ]), 0..20),
            at in 0usize..60,
        ) {
            let text: String = pieces.concat();
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            for (body, trailing) in [
                ("said|sa|saidx?|-said|said-|a|ab", true),
                ("\\d{1,2}|\\d{4}|\\d+x", true),
                ("said|sa|saidx?|-said|said-|a|ab", false),
                ("\\pL{2,3}", false),
                ("表示|表|.", true),
            ] {
                let b = Bounded::new("(?i)", body, trailing, |p| Regex::new(p).unwrap());
                let hand: Option<(usize, usize)> =
                    b.find_at(&text, at).map(|m| (m.start(), m.end()));
                let exact = b.exact().find_at(&text, at).map(|m| (m.start(), m.end()));
                proptest::prop_assert_eq!(hand, exact, "{:?} {} in {:?} from {}", body, trailing, text, at);
            }
        }
    }
}

//! Figures a source states about an event — how many were detained, killed, injured, missing,
//! evacuated — read from its sentences in English and German, so that an event page can show
//! where its sources disagree even when the editor wrote no `facts:`.
//!
//! A figure is a number (digits or a number word: "seven", "zwei") within a few words of a
//! keyword of its kind ("detained", "festgenommen") in one sentence. The phrase is kept as
//! written ("two Russians", "seven members") with the sentence as evidence.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::extract::{BlockKind, Document};
use crate::text::sentence_around;

/// A figure one source states.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What was counted: `detained`, `killed`, `injured`, `missing`, `evacuated`.
    pub kind: &'static str,
    pub value: u64,
    /// The number and the words after it, as written ("two Russians").
    pub phrase: String,
    /// The sentence's byte range.
    pub sentence: (usize, usize),
}

/// Kinds of figures and the word stems that announce them.
const KINDS: &[(&str, &[&str])] = &[
    (
        "detained",
        &[
            "detain",
            "arrest",
            "custody",
            "festgenommen",
            "festnahme",
            "verhaftet",
            "verhaftung",
            "inhaftiert",
            "apprehended",
        ],
    ),
    (
        "killed",
        &[
            "killed",
            "dead",
            "died",
            "deaths",
            "death toll",
            "getötet",
            "tote",
            "ums leben",
            "starben",
            "lives",
        ],
    ),
    (
        "injured",
        &["injur", "wounded", "hurt", "verletzt", "verwundet"],
    ),
    ("missing", &["missing", "vermisst"]),
    (
        "evacuated",
        &["evacuat", "evakuiert", "in sicherheit gebracht"],
    ),
];

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("dozen", 12),
    ("twenty", 20),
    ("thirty", 30),
    ("fifty", 50),
    ("hundred", 100),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("zwanzig", 20),
    ("dutzend", 12),
];

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<&str> = NUMBER_WORDS.iter().map(|(w, _)| *w).collect();
    Regex::new(&format!(
        r"(?i)\b(\d{{1,3}}(?:[,.]\d{{3}})*|\d+|{})\b((?:\s+[\p{{L}}-]+){{1,2}})",
        words.join("|")
    ))
    .expect("the number pattern compiles")
});

/// Words after a number that make it something other than a count of people (a date, an age,
/// a time, money, a distance).
const NOT_COUNTS: &[&str] = &[
    "years",
    "year",
    "jahre",
    "jahren",
    "jahr",
    "days",
    "day",
    "tage",
    "tagen",
    "hours",
    "stunden",
    "minutes",
    "minuten",
    "weeks",
    "wochen",
    "months",
    "monate",
    "monaten",
    "percent",
    "prozent",
    "per",
    "million",
    "millionen",
    "billion",
    "dollars",
    "euro",
    "euros",
    "kilometres",
    "kilometers",
    "km",
    "metres",
    "meters",
    "times",
    "mal",
    "am",
    "pm",
    "uhr",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "of",
    "in",
    "on",
    "at",
    "to",
    "and",
    "or",
    "und",
    "oder",
];

fn number_value(raw: &str) -> Option<u64> {
    let lower = raw.to_lowercase();
    if let Some((_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some(*v);
    }
    lower.replace([',', '.'], "").parse().ok()
}

/// Every stem of every kind, for one fast pass over the text.
static STEMS: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut kinds = Vec::new();
    for (kind, stems) in KINDS {
        for stem in *stems {
            patterns.push(*stem);
            kinds.push(*kind);
        }
    }
    let matcher = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("the stems compile");
    (matcher, kinds)
});

/// The figures of a document, at most one per kind (the first stated). Only sentences holding a
/// keyword are read for numbers, so this costs one automaton pass over the text.
pub fn find(doc: &Document) -> Vec<Figure> {
    let (matcher, kinds) = &*STEMS;
    let mut out: Vec<Figure> = Vec::new();
    let mut last_sentence = (usize::MAX, usize::MAX);
    for block in doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))
    {
        let block_text = &doc.text[block.start..block.end];
        for hit in matcher.find_iter(block_text) {
            if !starts_word(block_text, hit.start()) {
                continue;
            }
            let at = block.start + hit.start();
            let (s, e) = sentence_around(&doc.text, at, block.start + hit.end());
            if (s, e) == last_sentence {
                continue;
            }
            last_sentence = (s, e);
            // Every keyword of the sentence, with its kind, as offsets into the sentence.
            let keywords: Vec<(usize, &'static str)> = matcher
                .find_iter(&doc.text[s..e])
                .filter(|m| starts_word(&doc.text[s..e], m.start()))
                .map(|m| (m.start(), kinds[m.pattern().as_usize()]))
                .collect();
            for figure in numbers_in(&doc.text[s..e], &keywords) {
                if !out.iter().any(|f| f.kind == figure.0) {
                    out.push(Figure {
                        kind: figure.0,
                        value: figure.1,
                        phrase: figure.2,
                        sentence: (s, e),
                    });
                }
            }
        }
    }
    out
}

fn starts_word(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The counts of one sentence: (kind, value, phrase) for each number near a keyword.
fn numbers_in(
    sentence: &str,
    keywords: &[(usize, &'static str)],
) -> Vec<(&'static str, u64, String)> {
    let mut out = Vec::new();
    for c in NUMBER.captures_iter(sentence) {
        let number = c.get(1).expect("group 1");
        let after = c.get(2).expect("group 2").as_str();
        let first_after = after.split_whitespace().next().unwrap_or("").to_lowercase();
        if NOT_COUNTS.contains(&first_after.as_str()) {
            continue;
        }
        // A year or a day of the month is no count.
        let prev = sentence[..number.start()].trim_end();
        if prev.ends_with(|c: char| c.is_ascii_digit())
            || (number.as_str().len() == 4 && number.as_str().starts_with(['1', '2']))
        {
            continue;
        }
        let Some(value) = number_value(number.as_str()) else {
            continue;
        };
        // The nearest keyword within about eight words.
        let near = keywords
            .iter()
            .filter_map(|&(k, kind)| {
                let (a, b) = if k < number.start() {
                    (k, number.start())
                } else {
                    (number.end(), k)
                };
                let words = sentence.get(a..b)?.split_whitespace().count();
                (words <= 8).then_some((words, kind))
            })
            .min();
        let Some((_, kind)) = near else {
            continue;
        };
        let noun = after.split_whitespace().next().unwrap_or("");
        out.push((kind, value, format!("{} {}", number.as_str(), noun)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Block, Editorial, EntityNames, Metadata};

    fn doc(text: &str) -> Document {
        Document {
            id: "d".into(),
            file: "d.txt".into(),
            format: crate::load::SourceFormat::Text,
            encoding: "UTF-8",
            metadata: Metadata::default(),
            text: text.into(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                start: 0,
                end: text.len(),
            }],
            quotes: vec![],
            mentions: vec![],
            entities: EntityNames::default(),
            dates: vec![],
            word_count: 0,
            editorial: Editorial::default(),
        }
    }

    #[test]
    fn reads_counts_near_their_keyword() {
        let f = find(&doc(
            "On Friday, the FSB said it had arrested seven members of a terror group. \
             In 2017, 15 people were killed in an explosion.",
        ));
        assert_eq!(f.len(), 2);
        assert_eq!(
            (f[0].kind, f[0].value, f[0].phrase.as_str()),
            ("detained", 7, "seven members")
        );
        assert_eq!((f[1].kind, f[1].value), ("killed", 15));
    }

    #[test]
    fn reads_german_and_digits() {
        let f = find(&doc("Die Polizei hat zwei Verdächtige festgenommen."));
        assert_eq!((f[0].kind, f[0].value), ("detained", 2));
        let f = find(&doc(
            "Local media reported that 2 people had been detained.",
        ));
        assert_eq!(
            (f[0].kind, f[0].value, f[0].phrase.as_str()),
            ("detained", 2, "2 people")
        );
    }

    #[test]
    fn skips_dates_ages_and_unrelated_numbers() {
        assert!(find(&doc("He was arrested on 12 December 2019.")).is_empty());
        assert!(find(&doc("The 22 year old was detained.")).is_empty());
        assert!(find(&doc("Around 40 households lost power.")).is_empty());
    }
}

//! Dates in running text: datelines in many styles and languages, and the main event's date.

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

use super::near::{self, Near};
use super::{Block, DateMention};

/// Month names (and abbreviations) in the languages we read, lowercase, to month numbers.
fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    const MONTHS: &[(&[&str], u32)] = &[
        (
            &[
                "january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro",
                "leden", "ledna", "gennaio",
            ],
            1,
        ),
        (
            &[
                "february",
                "feb",
                "februar",
                "février",
                "févr",
                "fevrier",
                "febrero",
                "fevereiro",
                "fev",
                "únor",
                "února",
                "febbraio",
            ],
            2,
        ),
        (
            &[
                "march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "březen",
                "března",
            ],
            3,
        ),
        (
            &[
                "april", "apr", "avril", "abril", "abr", "duben", "dubna", "aprile",
            ],
            4,
        ),
        (
            &["may", "mai", "mayo", "maio", "květen", "května", "maggio"],
            5,
        ),
        (
            &[
                "june", "jun", "juni", "juin", "junio", "junho", "červen", "června", "giugno",
            ],
            6,
        ),
        (
            &[
                "july",
                "jul",
                "juli",
                "juillet",
                "juil",
                "julio",
                "julho",
                "červenec",
                "července",
                "luglio",
            ],
            7,
        ),
        (
            &[
                "august", "aug", "août", "aout", "agosto", "ago", "srpen", "srpna",
            ],
            8,
        ),
        (
            &[
                "september",
                "sep",
                "sept",
                "septembre",
                "septiembre",
                "setembro",
                "set",
                "září",
                "settembre",
            ],
            9,
        ),
        (
            &[
                "october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out",
                "říjen", "října", "ottobre",
            ],
            10,
        ),
        (
            &[
                "november",
                "nov",
                "novembre",
                "noviembre",
                "novembro",
                "listopad",
                "listopadu",
            ],
            11,
        ),
        (
            &[
                "december",
                "dec",
                "dezember",
                "dez",
                "décembre",
                "decembre",
                "déc",
                "diciembre",
                "dic",
                "dezembro",
                "prosinec",
                "prosince",
                "dicembre",
            ],
            12,
        ),
    ];
    MONTHS
        .iter()
        .find(|(names, _)| names.contains(&w.as_str()))
        .map(|(_, n)| *n)
}

/// A date pattern between word boundaries: found with its `\b`s checked by hand
/// ([`near::Bounded`]: a Unicode `\b` kept the regex engine off its DFA in every window holding
/// a non-ASCII character), and split into its groups by a second pattern held to the match.
struct DatePattern {
    /// `\b(?:shape)\b` (or without the final `\b`): what the pattern finds.
    find: near::Bounded,
    /// `^(?:shape)$`, a month word any run of characters but whitespace, digits, full stops and
    /// commas ([`MONTH_IN_MATCH`]). Within a match the two split alike: the shape's word
    /// boundaries only hold at its ends, and the month word lies between whitespace (or the
    /// match's start) and a full stop, comma, whitespace or the match's end, and is made of
    /// letters, so the wider class takes the same characters. Splitting with the pattern as
    /// found ran the backtracker over the thousands of states of ten Unicode letter classes in a
    /// row.
    groups: Regex,
}

impl DatePattern {
    /// `shape` with [`MONTH_WORD`] at `MONTH` (if any), between a `\b` and, when `trailing`, a
    /// `\b`. Compiled with an 8 MB DFA cache: with the default 2 MB, the repeated Unicode letter
    /// class filled the lazy DFA's cache window after window until it gave up for the NFA (1k
    /// extraction on one thread: the date patterns' time 47 → 33 ms).
    fn new(shape: &str, trailing: bool) -> DatePattern {
        let find = near::Bounded::new("", &shape.replace("MONTH", MONTH_WORD), trailing, |p| {
            regex::RegexBuilder::new(p)
                .dfa_size_limit(8 << 20)
                .build()
                .expect("built-in date pattern")
        });
        let groups = Regex::new(&format!("^(?:{})$", shape.replace("MONTH", MONTH_IN_MATCH)))
            .expect("built-in date pattern");
        DatePattern { find, groups }
    }
}

/// A month name or abbreviation: Latin letters with the accents our languages use.
static MONTH_WORD: &str = r"[\p{L}]{3,10}\.?";
/// [`MONTH_WORD`] inside a match of a pattern holding it: see [`DatePattern::groups`].
static MONTH_IN_MATCH: &str = r"[^\s\d.,]{3,10}\.?";

static DAY_MONTH_YEAR: LazyLock<DatePattern> = LazyLock::new(|| {
    DatePattern::new(
        r"(\d{1,2})(?:\.|st|nd|rd|th|er|º|°)?\s+(?:de\s+)?(MONTH),?\s+(?:de\s+|del\s+)?(\d{4})",
        true,
    )
});
static MONTH_DAY_YEAR: LazyLock<DatePattern> =
    LazyLock::new(|| DatePattern::new(r"(MONTH)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", true));
static ISO: LazyLock<DatePattern> =
    LazyLock::new(|| DatePattern::new(r"(\d{4})-(\d{2})-(\d{2})", true));
static YEAR_FIRST: LazyLock<DatePattern> =
    LazyLock::new(|| DatePattern::new(r"(\d{4})[./](\d{1,2})[./](\d{1,2})", true));
static NUMERIC_DMY: LazyLock<DatePattern> =
    LazyLock::new(|| DatePattern::new(r"(\d{1,2})\s?([./])\s?(\d{1,2})\s?[./]\s?(\d{4})", true));
static CJK_FULL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]").unwrap());
static DAY_MONTH: LazyLock<DatePattern> = LazyLock::new(|| {
    DatePattern::new(
        r"(\d{1,2})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+|of\s+)?(MONTH)",
        false,
    )
});
static MONTH_DAY: LazyLock<DatePattern> =
    LazyLock::new(|| DatePattern::new(r"(MONTH)\s+(\d{1,2})(?:st|nd|rd|th)?", true));
static CJK_MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]").unwrap());

/// Every date the text states, in order: full dates in any of the styles we read, and, when
/// the publication date is known, day-and-month dates ("December 29th", "am 29. Dezember",
/// "12月29日") with the year that puts them nearest to it.
///
/// Every date pattern holds a digit, so the patterns only run on short windows around the
/// text's digits ([`date_windows`]); the result is what running each pattern over the whole
/// text gives, at a fraction of the cost (their Unicode `\b` keeps the regex engine off its DFA).
pub fn find_dates(text: &str, published: Option<NaiveDate>, _language: &str) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    for w in date_windows(text) {
        // Dates of other windows never overlap this window's: only these are compared.
        let from = out.len();
        let mut push = |date: Option<NaiveDate>, start: usize, end: usize| {
            if let Some(date) = date
                && (1900..=2100).contains(&date.year())
                && !out[from..].iter().any(|d| d.start < end && start < d.end)
            {
                out.push(DateMention { date, start, end });
            }
        };
        let year = w.four_digits;
        if year && w.dash {
            for_each_date_match(&ISO, text, &w, |m, c| {
                push(ymd(&c[1], &c[2], &c[3]), m.start(), m.end());
            });
        }
        if year && w.nian && w.yue {
            for_each_match(&CJK_FULL, text, &w, |c| {
                let m = c.get(0).unwrap();
                push(ymd(&c[1], &c[2], &c[3]), m.start(), m.end());
            });
        }
        if year && w.letter {
            for_each_date_match(&DAY_MONTH_YEAR, text, &w, |m, c| {
                push(
                    month_number(&c[2]).and_then(|mo| ymd_n(&c[3], mo, &c[1])),
                    m.start(),
                    m.end(),
                );
            });
            for_each_date_match(&MONTH_DAY_YEAR, text, &w, |m, c| {
                push(
                    month_number(&c[1]).and_then(|mo| ymd_n(&c[3], mo, &c[2])),
                    m.start(),
                    m.end(),
                );
            });
        }
        if year && w.dot_or_slash {
            for_each_date_match(&YEAR_FIRST, text, &w, |m, c| {
                push(ymd(&c[1], &c[2], &c[3]), m.start(), m.end());
            });
            for_each_date_match(&NUMERIC_DMY, text, &w, |m, c| {
                let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
                // Day first (the European order) unless only the American order is possible.
                let date = if a > 12 || b <= 12 || &c[2] == "." {
                    ymd(&c[4], &c[3], &c[1])
                } else {
                    ymd(&c[4], &c[1], &c[3])
                };
                push(date, m.start(), m.end());
            });
        }
        if let Some(published) = published {
            if w.yue {
                for_each_match(&CJK_MONTH_DAY, text, &w, |c| {
                    let m = c.get(0).unwrap();
                    let date = c[1]
                        .parse()
                        .ok()
                        .zip(c[2].parse().ok())
                        .and_then(|(mo, d)| nearest_year(mo, d, published));
                    push(date, m.start(), m.end());
                });
            }
            if w.letter {
                for_each_date_match(&DAY_MONTH, text, &w, |m, c| {
                    if yearless_month(&c[2]).is_some() && !followed_by_year(text, m.end()) {
                        let date = yearless_month(&c[2])
                            .zip(c[1].parse().ok())
                            .and_then(|(mo, d)| nearest_year(mo, d, published));
                        push(date, m.start(), m.end());
                    }
                });
                for_each_date_match(&MONTH_DAY, text, &w, |m, c| {
                    if yearless_month(&c[1]).is_some() && !followed_by_year(text, m.end()) {
                        let date = yearless_month(&c[1])
                            .zip(c[2].parse().ok())
                            .and_then(|(mo, d)| nearest_year(mo, d, published));
                        push(date, m.start(), m.end());
                    }
                });
            }
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

/// How far (in characters other than whitespace) a date pattern's match reaches beyond a run of
/// digits it holds: at most 11 before its first digit (a month word and its full stop, "Sept.
/// 17") and 19 between two runs or after its last one ("17th de septiembre, del 2017"). Kept
/// above both bounds.
const DATE_REACH: usize = 24;

/// A stretch of text that holds every date match near some digits, and which patterns can match
/// in it at all (each pattern needs four digits in a row, a letter, a dash, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DateWindow {
    start: usize,
    end: usize,
    four_digits: bool,
    letter: bool,
    dash: bool,
    dot_or_slash: bool,
    /// 年 and 月, for Chinese dates.
    nian: bool,
    yue: bool,
}

/// A character no date pattern's match contains: the patterns are made of digits, letters,
/// whitespace, `.`, `,`, `-`, `/` and the ordinal marks `º` and `°`.
fn breaks_dates(c: char) -> bool {
    !(c.is_alphanumeric() || c.is_whitespace() || matches!(c, '.' | ',' | '-' | '/' | '°' | 'º'))
}

/// The windows of `text` a date can lie in, in order and disjoint: around each run of digits,
/// [`DATE_REACH`] non-space characters on each side (whitespace runs count as nothing), cut at
/// characters no date contains; overlapping windows merged. Every match of a date pattern holds
/// a digit, and from there reaches no further than that, so it lies inside one window.
fn date_windows(text: &str) -> Vec<DateWindow> {
    near::windows_around(text, digit_runs(text), DATE_REACH, breaks_dates)
        .into_iter()
        .map(|(start, end)| {
            let mut w = DateWindow {
                start,
                end,
                four_digits: false,
                letter: false,
                dash: false,
                dot_or_slash: false,
                nian: false,
                yue: false,
            };
            let mut digits = 0;
            for c in text[start..end].chars() {
                if c.is_numeric() {
                    digits += 1;
                    w.four_digits |= digits >= 4;
                    continue;
                }
                digits = 0;
                match c {
                    '-' => w.dash = true,
                    '.' | '/' => w.dot_or_slash = true,
                    '年' => w.nian = true,
                    '月' => w.yue = true,
                    _ => {}
                }
                w.letter |= c.is_alphabetic();
            }
            w
        })
        .collect()
}

/// The byte ranges of the runs of numeric characters (any script) in `text`, in order.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes are decided without decoding; other characters are looked up.
        let (numeric, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_digit(), 1)
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            (c.is_numeric(), c.len_utf8())
        };
        if numeric {
            match runs.last_mut() {
                Some(last) if last.1 == i => last.1 = i + len,
                _ => runs.push((i, i + len)),
            }
        }
        i += len;
    }
    runs
}

/// Calls `f` on every match of `re` that starts inside the window, as `re.captures_iter(text)`
/// would find them. The search sees the text only up to one character past the window (the
/// look-behind of `\b` sees the text before it); a match reaching that end might owe its final
/// `\b` to the cut, and is searched again in the whole text.
fn for_each_match(re: &Regex, text: &str, w: &DateWindow, f: impl FnMut(&regex::Captures)) {
    near::for_each_captures_in(re, text, (w.start, w.end), f);
}

/// [`for_each_match`] of a [`DatePattern`]: each match with its groups.
fn for_each_date_match(
    pattern: &DatePattern,
    text: &str,
    w: &DateWindow,
    mut f: impl FnMut(regex::Match, &regex::Captures),
) {
    near::for_each_find_in(&pattern.find, text, (w.start, w.end), |m| {
        let c = pattern
            .groups
            .captures(m.as_str())
            .expect("a match splits into its pattern's groups");
        f(m, &c);
        true
    });
}

/// A month word trusted without a year next to it: a full name, or an abbreviation with its
/// full stop ("Dec."), so that "may", "mar" or "set" in running text are not read as months.
fn yearless_month(word: &str) -> Option<u32> {
    let n = month_number(word)?;
    let bare = word.trim_end_matches('.');
    let ambiguous = ["may", "set", "out", "ago", "mar", "sep"].contains(&bare);
    let full =
        bare.chars().count() >= 4 || word.ends_with('.') || ["May", "mai", "Mai"].contains(&bare);
    (full && !ambiguous).then_some(n)
}

fn followed_by_year(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = rest.trim_start_matches([',', ' ', '.']);
    let rest = rest.strip_prefix("de ").unwrap_or(rest);
    rest.chars().take(4).filter(|c| c.is_ascii_digit()).count() == 4
}

/// The date with this month and day nearest to `anchor` (a December date read in January
/// belongs to the year before).
fn nearest_year(month: u32, day: u32, anchor: NaiveDate) -> Option<NaiveDate> {
    [anchor.year(), anchor.year() - 1, anchor.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - anchor).num_days().abs())
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn ymd_n(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?)
}

/// The first date stated in `line`, if the line is essentially a dateline.
pub fn dateline(line: &str) -> Option<NaiveDate> {
    let found = find_dates(line, None, "");
    let first = found.first()?;
    // A dateline is short: the date and little else (a weekday, a time, a place).
    (super::boilerplate::word_weight(line) <= 12.0).then_some(first.date)
}

/// A dateline's head: the place, then the date (group 1), an agency, a dash. Read by
/// [`lead_dateline_head`], which finds what this pattern finds without running it.
#[cfg(test)]
static LEAD_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Lu}][\p{L} .'/-]{1,40},?\s+(.{6,40}?)\s*(?:\([^)]{1,30}\)\s*)?[-–—:]\s")
        .unwrap()
});

/// At most this many characters other than whitespace in a dateline head (it has 115: the
/// place's 41, the date's 40, the agency's 32, the dash; its whitespace runs are unbounded).
const LEAD_DATELINE_REACH: usize = 128;

/// The dateline head opening a paragraph, as the pattern
/// `^[\p{Lu}][\p{L} .'/-]{1,40},?\s+(.{6,40}?)\s*(?:\([^)]{1,30}\)\s*)?[-–—:]\s` matches it: its
/// date part (the group) and where it ends; `None` also when the date part holds no digit (no
/// caller wants a head without a date). The pattern's counted Unicode classes put hundreds of
/// thousands of states in the regex engine's NFA and cost tens of microseconds per paragraph;
/// this walks the same choices in the same order (greedy parts longest first, the lazy date
/// part shortest first, the optional agency present first), so the first head it completes is
/// the one the pattern matches. The two letter classes are read with small regexes.
fn lead_dateline_head(paragraph: &str) -> Option<(&str, usize)> {
    static UPPER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Lu}").unwrap());
    static PLACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{L} .'/-]+").unwrap());
    // Cheap refusals first: no capital, no dash or colon before whitespace, or no digit in
    // the opening (the head lies inside it).
    if !paragraph.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let mut chars: Vec<(usize, char)> = Vec::new();
    let mut seen = 0;
    let mut dash_then_space = false;
    let mut digit = false;
    let mut previous = ' ';
    for (i, c) in paragraph.char_indices() {
        if !c.is_whitespace() {
            if seen == LEAD_DATELINE_REACH {
                break;
            }
            seen += 1;
        }
        dash_then_space |= c.is_whitespace() && matches!(previous, '-' | '–' | '—' | ':');
        digit |= c.is_numeric();
        previous = c;
        chars.push((i, c));
    }
    if !dash_then_space || !digit || !UPPER.is_match(paragraph) {
        return None;
    }
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| chars.get(k).map_or(paragraph.len(), |&(i, _)| i);
    let spaces_from = |k: usize| (k..n).take_while(|&j| chars[j].1.is_whitespace()).count();
    // [\p{L} .'/-]{1,40} after the capital: at most the run of such characters there.
    let first_len = chars[0].1.len_utf8();
    let run_bytes = PLACE.find(&paragraph[first_len..]).map_or(0, |m| m.end());
    let run = chars[1..]
        .iter()
        .take_while(|&&(i, _)| i < first_len + run_bytes)
        .count();
    // The end of `[-–—:]\s` at `k`, if it is there.
    let dash_end = |k: usize| {
        (at(k).is_some_and(|c| matches!(c, '-' | '–' | '—' | ':'))
            && at(k + 1).is_some_and(char::is_whitespace))
        .then_some(k + 2)
    };
    // The end of `(?:\([^)]{1,30}\)\s*)?[-–—:]\s` at `k`: the agency first, then without it.
    let tail_end = |k: usize| {
        if at(k) == Some('(') {
            // [^)]{1,30} then `)`: the only length that can be followed by `)` is the distance
            // to the first `)`.
            if let Some(len) = (k + 1..n).position(|j| chars[j].1 == ')')
                && (1..=30).contains(&len)
            {
                let after = k + 1 + len + 1;
                for spaces in (0..=spaces_from(after)).rev() {
                    if let Some(end) = dash_end(after + spaces) {
                        return Some(end);
                    }
                }
            }
        }
        dash_end(k)
    };
    for place in (1..=run.min(40)).rev() {
        let after_place = 1 + place;
        for comma in [true, false] {
            if comma && at(after_place) != Some(',') {
                continue;
            }
            let date_start_min = after_place + usize::from(comma);
            for spaces in (1..=spaces_from(date_start_min)).rev() {
                let date_start = date_start_min + spaces;
                // (.{6,40}?): any characters but a newline, the fewest first.
                for date_len in 6..=40 {
                    let date_end = date_start + date_len;
                    if date_end > n || chars[date_start..date_end].iter().any(|&(_, c)| c == '\n') {
                        break;
                    }
                    for gap in (0..=spaces_from(date_end)).rev() {
                        if let Some(end) = tail_end(date_end + gap) {
                            let date = &paragraph[byte(date_start)..byte(date_end)];
                            if !date.chars().any(char::is_numeric) {
                                return None;
                            }
                            return Some((date, byte(end)));
                        }
                    }
                }
            }
        }
    }
    None
}

/// A dateline opening the first paragraph: "WASHINGTON, Dec. 29, 2019 (Reuters) —",
/// "Berlin, 17. Dezember 2017 (dpa) -", "PRAHA 3. března 2021 (ČTK) –".
pub fn lead_dateline(paragraph: &str) -> Option<NaiveDate> {
    let (date, _) = lead_dateline_head(paragraph)?;
    let found = find_dates(date, None, "");
    found.first().map(|d| d.date)
}

/// Where a paragraph's opening dateline ends, if it has one.
fn lead_dateline_end(paragraph: &str) -> Option<usize> {
    let (date, end) = lead_dateline_head(paragraph)?;
    find_dates(date, None, "").first()?;
    Some(end)
}

/// Weekday names in the languages we read (Monday = 0).
fn weekday_index(word: &str) -> Option<u32> {
    const DAYS: &[&[&str]] = &[
        &[
            "monday",
            "montag",
            "lundi",
            "lunes",
            "segunda",
            "segunda-feira",
            "pondělí",
            "周一",
            "星期一",
            "礼拜一",
        ],
        &[
            "tuesday",
            "dienstag",
            "mardi",
            "martes",
            "terça",
            "terça-feira",
            "úterý",
            "周二",
            "星期二",
            "礼拜二",
        ],
        &[
            "wednesday",
            "mittwoch",
            "mercredi",
            "miércoles",
            "quarta",
            "quarta-feira",
            "středu",
            "středa",
            "周三",
            "星期三",
            "礼拜三",
        ],
        &[
            "thursday",
            "donnerstag",
            "jeudi",
            "jueves",
            "quinta",
            "quinta-feira",
            "čtvrtek",
            "周四",
            "星期四",
            "礼拜四",
        ],
        &[
            "friday",
            "freitag",
            "vendredi",
            "viernes",
            "sexta",
            "sexta-feira",
            "pátek",
            "周五",
            "星期五",
            "礼拜五",
        ],
        &[
            "saturday",
            "samstag",
            "sonnabend",
            "samedi",
            "sábado",
            "sobotu",
            "sobota",
            "周六",
            "星期六",
            "礼拜六",
        ],
        &[
            "sunday",
            "sonntag",
            "dimanche",
            "domingo",
            "neděli",
            "neděle",
            "周日",
            "星期日",
            "星期天",
            "周天",
            "礼拜天",
        ],
    ];
    let w = word.to_lowercase();
    DAYS.iter()
        .position(|names| names.contains(&w.as_str()))
        .map(|i| i as u32)
}

/// "on Sunday", "Sunday's call", "am Sonntag", "dimanche", "el domingo", "no domingo",
/// "v neděli", "周日": a day of the last week named by its weekday. "Since Thursday" and the
/// like are not a day something happened on.
static WEEKDAY_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(since|seit|depuis|desde|od|until|bis|jusqu'à|hasta|até|do|next|nächsten|prochain|próximo|this|diesen|ce)\s+)?(?:\b(?:on|am|le|el|la|no|na|ne|v|ve|in\s+der\s+nacht\s+(?:zum|auf)|last|vergangenen|letzten|dernier)\s+)?\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|pondělí|úterý|středu|čtvrtek|pátek|sobotu|neděli)(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?\b('s)?|(周[一二三四五六日天]|星期[一二三四五六日天])",
    )
    .unwrap()
});

/// Words for the day before and the day of publication.
static RELATIVE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy|ontem|hoje|včera|dnes)\b|(昨天|昨日|今天|今日)").unwrap()
});

/// [`WEEKDAY_REF`] searched near its weekday names (the pattern's names without the `\b`s and
/// the words before them: every match holds one). A match reaches at most 21 characters other
/// than whitespace before its name ("nächsten in der Nacht zum") and 12 after
/// ("nachmittag's"), and an overlapping name is at most 13 long: 32 covers them all. Matches are
/// made of letters, whitespace and apostrophes.
static WEEKDAY_REF_NEAR: LazyLock<Near> = LazyLock::new(|| {
    Near {
    pattern: &WEEKDAY_REF,
    keyword: Regex::new(
        r"(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|pondělí|úterý|středu|čtvrtek|pátek|sobotu|neděli|周[一二三四五六日天]|星期[一二三四五六日天]",
    )
    .unwrap(),
    reach: 32,
    breaks: breaks_day_words,
}
});

/// [`RELATIVE_DAY`] searched near its words (see [`WEEKDAY_REF_NEAR`]).
static RELATIVE_DAY_NEAR: LazyLock<Near> = LazyLock::new(|| {
    Near {
    pattern: &RELATIVE_DAY,
    keyword: Regex::new(r"(?i)(yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy|ontem|hoje|včera|dnes)|(昨天|昨日|今天|今日)").unwrap(),
    reach: 32,
    breaks: breaks_day_words,
}
});

/// A character no [`WEEKDAY_REF`] or [`RELATIVE_DAY`] match holds: they are made of letters,
/// whitespace and apostrophes.
fn breaks_day_words(c: char) -> bool {
    !(c.is_alphabetic() || c.is_whitespace() || c == '\'')
}

/// A weekday reference: where it starts, its weekday name, and whether it is "since …" or
/// "next …" (not a day something happened on).
struct WeekdayRef<'h> {
    start: usize,
    name: &'h str,
    since_or_next: bool,
}

/// The matches of [`WEEKDAY_REF`] in the paragraph, as `captures_iter` finds them.
fn weekday_refs(paragraph: &str) -> Vec<WeekdayRef<'_>> {
    let mut out = Vec::new();
    WEEKDAY_REF_NEAR.for_each_captures(paragraph, |c| {
        out.push(WeekdayRef {
            start: c.get(0).unwrap().start(),
            name: c.get(2).or(c.get(4)).map(|m| m.as_str()).unwrap_or(""),
            since_or_next: c.get(1).is_some(),
        })
    });
    out
}

/// The matches of [`RELATIVE_DAY`] in the paragraph (start and word), as `find_iter` finds
/// them.
fn relative_days(paragraph: &str) -> Vec<(usize, &str)> {
    RELATIVE_DAY_NEAR
        .find_iter(paragraph)
        .into_iter()
        .map(|m| (m.start(), m.as_str()))
        .collect()
}

/// The date of the main event, when the text lets one work it out: the first day the article's
/// opening paragraphs place something on, a full date as written, a day and month with the year
/// of publication, or a weekday or "yesterday" resolved against the publication date (never
/// without one).
pub fn event_date(
    text: &str,
    blocks: &[Block],
    dates: &[DateMention],
    published: Option<NaiveDate>,
    _language: &str,
) -> Option<NaiveDate> {
    let lead = blocks
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                super::BlockKind::Paragraph | super::BlockKind::ListItem
            )
        })
        .take(5);
    for block in lead {
        let para = &text[block.start..block.end];
        // "MADRID, 3 de marzo de 2021 (EFE) -": the dateline dates the report, not the event.
        let skip_to = lead_dateline_end(para).unwrap_or(0);
        let mut refs: Vec<(usize, NaiveDate)> = dates
            .iter()
            .filter(|d| d.start >= block.start && d.end <= block.end)
            .filter(|d| published.is_none_or(|p| (d.date - p).num_days().abs() <= 366))
            .map(|d| (d.start - block.start, d.date))
            .collect();
        if let Some(published) = published {
            for r in weekday_refs(para) {
                if r.since_or_next {
                    continue; // "since Thursday", "next Monday"
                }
                if let Some(day) = weekday_index(r.name) {
                    let back = (published.weekday().num_days_from_monday() + 7 - day) % 7;
                    refs.push((r.start, published - chrono::Days::new(back.into())));
                }
            }
            for (start, word) in relative_days(para) {
                let word = word.to_lowercase();
                let back = match word.as_str() {
                    "yesterday" | "gestern" | "hier" | "ayer" | "ontem" | "včera" | "昨天"
                    | "昨日" => 1,
                    _ => 0,
                };
                refs.push((start, published - chrono::Days::new(back)));
            }
        }
        refs.retain(|(at, _)| *at >= skip_to);
        if let Some((_, date)) = refs.into_iter().min_by_key(|(at, _)| *at) {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_dates_in_several_styles() {
        let cases = [
            ("December 17, 2017", "2017-12-17"),
            ("Tue, 31 Dec 2019 10:30 GMT", "2019-12-31"),
            ("17. Dezember 2017", "2017-12-17"),
            ("le 3 mars 2021", "2021-03-03"),
            ("el 5 de mayo de 2020", "2020-05-05"),
            ("2019-12-29", "2019-12-29"),
        ];
        for (text, want) in cases {
            let found = find_dates(text, None, "");
            assert_eq!(found.first().map(|x| x.date), Some(d(want)), "{text}");
        }
    }

    #[test]
    fn ignores_impossible_dates() {
        assert!(find_dates("February 30, 2019", None, "").is_empty());
    }

    /// The date patterns as first written, each a whole regex with its `\b`s (`{M}`: the
    /// month word): what the windows, the boundaries checked by hand and the groups split by
    /// a second pattern must add up to.
    struct AsWritten {
        iso: Regex,
        day_month_year: Regex,
        month_day_year: Regex,
        year_first: Regex,
        numeric_dmy: Regex,
        day_month: Regex,
        month_day: Regex,
    }

    static AS_WRITTEN: LazyLock<AsWritten> = LazyLock::new(|| {
        let written = |p: &str| Regex::new(&p.replace("{M}", MONTH_WORD)).unwrap();
        AsWritten {
            iso: written(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
            day_month_year: written(
                r"\b(\d{1,2})(?:\.|st|nd|rd|th|er|º|°)?\s+(?:de\s+)?({M}),?\s+(?:de\s+|del\s+)?(\d{4})\b",
            ),
            month_day_year: written(r"\b({M})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"),
            year_first: written(r"\b(\d{4})[./](\d{1,2})[./](\d{1,2})\b"),
            numeric_dmy: written(r"\b(\d{1,2})\s?([./])\s?(\d{1,2})\s?[./]\s?(\d{4})\b"),
            day_month: written(r"\b(\d{1,2})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+|of\s+)?({M})"),
            month_day: written(r"\b({M})\s+(\d{1,2})(?:st|nd|rd|th)?\b"),
        }
    });

    /// `find_dates` as it was written first: every pattern over the whole text. The windowed
    /// version must find exactly the same dates.
    fn find_dates_whole_text(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
        let mut out: Vec<DateMention> = Vec::new();
        let mut push = |date: Option<NaiveDate>, start: usize, end: usize| {
            if let Some(date) = date
                && (1900..=2100).contains(&date.year())
                && !out.iter().any(|d| d.start < end && start < d.end)
            {
                out.push(DateMention { date, start, end });
            }
        };
        for c in AS_WRITTEN.iso.captures_iter(text) {
            let m = c.get(0).unwrap();
            push(ymd(&c[1], &c[2], &c[3]), m.start(), m.end());
        }
        for c in CJK_FULL.captures_iter(text) {
            let m = c.get(0).unwrap();
            push(ymd(&c[1], &c[2], &c[3]), m.start(), m.end());
        }
        for c in AS_WRITTEN.day_month_year.captures_iter(text) {
            let m = c.get(0).unwrap();
            push(
                month_number(&c[2]).and_then(|mo| ymd_n(&c[3], mo, &c[1])),
                m.start(),
                m.end(),
            );
        }
        for c in AS_WRITTEN.month_day_year.captures_iter(text) {
            let m = c.get(0).unwrap();
            push(
                month_number(&c[1]).and_then(|mo| ymd_n(&c[3], mo, &c[2])),
                m.start(),
                m.end(),
            );
        }
        for c in AS_WRITTEN.year_first.captures_iter(text) {
            let m = c.get(0).unwrap();
            push(ymd(&c[1], &c[2], &c[3]), m.start(), m.end());
        }
        for c in AS_WRITTEN.numeric_dmy.captures_iter(text) {
            let m = c.get(0).unwrap();
            let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
            let date = if a > 12 || b <= 12 || &c[2] == "." {
                ymd(&c[4], &c[3], &c[1])
            } else {
                ymd(&c[4], &c[1], &c[3])
            };
            push(date, m.start(), m.end());
        }
        if let Some(published) = published {
            for c in CJK_MONTH_DAY.captures_iter(text) {
                let m = c.get(0).unwrap();
                let date = c[1]
                    .parse()
                    .ok()
                    .zip(c[2].parse().ok())
                    .and_then(|(mo, d)| nearest_year(mo, d, published));
                push(date, m.start(), m.end());
            }
            for c in AS_WRITTEN.day_month.captures_iter(text) {
                let m = c.get(0).unwrap();
                if yearless_month(&c[2]).is_some() && !followed_by_year(text, m.end()) {
                    let date = yearless_month(&c[2])
                        .zip(c[1].parse().ok())
                        .and_then(|(mo, d)| nearest_year(mo, d, published));
                    push(date, m.start(), m.end());
                }
            }
            for c in AS_WRITTEN.month_day.captures_iter(text) {
                let m = c.get(0).unwrap();
                if yearless_month(&c[1]).is_some() && !followed_by_year(text, m.end()) {
                    let date = yearless_month(&c[1])
                        .zip(c[2].parse().ok())
                        .and_then(|(mo, d)| nearest_year(mo, d, published));
                    push(date, m.start(), m.end());
                }
            }
        }
        out.sort_by_key(|d| d.start);
        out
    }

    #[test]
    fn windows_find_what_the_whole_text_scan_finds() {
        let published = Some(d("2020-01-10"));
        for text in [
            "On 17 December 2017 and on Dec. 29, 2019; also 2019-12-29 and 3/4/2021.",
            "Sept.          17,\n\n  2017 was a Sunday (December 29th).",
            "17th de septiembre, del 2017 — 3 de marzo de 2021, 2021年3月3日 und 3月3日",
            "a\u{301}17 December 2017_ 12 May 2019\u{301} x17. Dezember 2017",
            "PRAHA 3. března 2021 (ČTK) – Vláda ve středu 29. prosince schválila",
        ] {
            assert_eq!(
                find_dates(text, published, ""),
                find_dates_whole_text(text, published),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Texts made of what dates are made of (digits, month words in several languages and
        /// cases, ordinals, separators, odd whitespace), mixed with characters that break
        /// them, word characters that are not letters, and CJK.
        #[test]
        fn windowed_search_equals_whole_text_search(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "1", "17", "3", "12", "29", "2017", "2019", "20210", "١٢", "２０２１",
                "December", "dec.", "Dez", "März", "března", "prosince", "mayo", "May", "mai",
                "Sept.", "set", "janvier", "people", "Monday", "abcdefghijkl",
                "de", "del", "of", "st", "th", "er", "º", "°", ".", ",", "-", "/", ":", ";",
                "(", ")", "\"", "“", "'", "_", "\u{301}", "\u{200d}", "ſ", "K", "é",
                "年", "月", "日", "号", "中", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u{a0}",
                "          ", "x", "Ab",
                "17 December 2017", "December 17, 2017", "Dec.   29,\n 2019", "17. Dezember",
                "2019-12-29", "3/4/2021", "13.04.2021", "2021/3/3", "2021年3月3日", "3月3日",
                "29th of May", "3 de marzo de 2021", "5 de mayo", "am 29. Dezember 2017",
                "le 3 mars 2021", "Tue, 31 Dec 2019 10:30", "17th de septiembre, del 2017",
                "17 December, 2017", "3 Dec., 2019", "Dez.,", "mars,", "19 Sept.,",
            ]), 0..40),
            with_published in proptest::bool::ANY,
        ) {
            let text: String = pieces.concat();
            let published = with_published.then(|| d("2020-01-10"));
            proptest::prop_assert_eq!(
                find_dates(&text, published, ""),
                find_dates_whole_text(&text, published)
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Weekday and relative-day references found around their words are those the
        /// patterns find in the whole paragraph.
        #[test]
        fn day_words_found_in_windows_as_in_the_whole_paragraph(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Monday", "sunday", "SONNTAG", "Montagabend", "Sonntagmorgen", "sonnabend",
                "mercredi", "miércoles", "segunda-feira", "quarta", "středu", "neděli", "pátek",
                "周日", "星期天", "周", "星期", "昨天", "今日", "yesterday", "Today", "hier",
                "hierarchy", "aujourd'hui", "včera", "dnes", "since", "seit", "next", "jusqu'à",
                "on", "am", "el", "no", "ve", "v", "in der Nacht zum", "in  der\nNacht auf",
                "last", "vergangenen", "dernier", "'s", "'", "’s", "abend", "x", "é", "ſ", "K",
                "_", "\u{301}", "1", ".", ",", "-", "(", "\"", " ", " ", " ", "   ", "\n",
                "\u{a0}", "On Sunday's call", "since Thursday", "am Montagabend",
            ]), 0..30),
        ) {
            let para: String = pieces.concat();
            let whole: Vec<(usize, String, bool)> = WEEKDAY_REF
                .captures_iter(&para)
                .map(|c| {
                    (
                        c.get(0).unwrap().start(),
                        c.get(2).or(c.get(4)).map(|m| m.as_str()).unwrap_or("").to_string(),
                        c.get(1).is_some(),
                    )
                })
                .collect();
            let windowed: Vec<(usize, String, bool)> = weekday_refs(&para)
                .into_iter()
                .map(|r| (r.start, r.name.to_string(), r.since_or_next))
                .collect();
            proptest::prop_assert_eq!(windowed, whole);
            let whole: Vec<(usize, &str)> = RELATIVE_DAY
                .find_iter(&para)
                .map(|m| (m.start(), m.as_str()))
                .collect();
            proptest::prop_assert_eq!(relative_days(&para), whole);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// The dateline head read from the paragraph's opening is the one the pattern finds in
        /// the whole paragraph.
        #[test]
        fn dateline_head_from_the_opening_equals_the_whole_paragraph(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "WASHINGTON", "Berlin", "PRAHA", "São Paulo", "New York", "MADRID", "a", "é",
                "Dec. 29, 2019", "17. Dezember 2017", "3 de marzo de 2021", "Tuesday", "x",
                "(Reuters)", "(dpa)", "(EFE)", "(ČTK)", "(", ")", ",", ".", "'", "/",
                " - ", " – ", " — ", ": ", "-", ":", "—", " ", " ", "   ", "\n", "\t",
                "\u{a0}", "The minister said", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "RIO DE JANEIRO E NITERÓI DO SUL, ", "3 de marzo de 2021, martes a las 10 ",
                "(Agência Brasil e Reuters / AFP) ", "SAN JOSÉ DE LAS LAJAS Y MÁS, ",
                "BERLIN,   17. Dezember 2017 (dpa) - ", "WASHINGTON  Dec. 29, 2019 — ",
                "PRAHA 3. března 2021 (ČTK) – ", "Paris,\t\t3 mars 2021 : ",
            ]), 0..40),
        ) {
            let para: String = pieces.concat();
            let whole = LEAD_DATELINE
                .captures(&para)
                .filter(|c| c[1].chars().any(char::is_numeric))
                .map(|c| (c.get(1).unwrap().as_str(), c.get(0).unwrap().end()));
            proptest::prop_assert_eq!(lead_dateline_head(&para), whole);
            // What callers read: the date in the head and where the head ends.
            let whole = LEAD_DATELINE.captures(&para).and_then(|c| {
                let date = find_dates(&c[1], None, "").first().map(|d| d.date)?;
                Some((date, c.get(0).unwrap().end()))
            });
            let head = lead_dateline(&para).zip(lead_dateline_end(&para));
            proptest::prop_assert_eq!(head, whole);
        }
    }
}

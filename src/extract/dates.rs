//! Dates in running text: datelines in many styles and languages, and the main event's date.

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

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

static MONTH_WORD: &str = r"[A-Za-zÀ-ÿčěřšžůúý]{3,10}\.?";

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:de\s+)?({MONTH_WORD})\s+(?:de\s+)?(\d{{4}})\b"
    ))
    .unwrap()
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({MONTH_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").unwrap());
static NUMERIC_DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b").unwrap());

/// Every full date (day, month, year) the text states, in order.
pub fn find_dates(text: &str, _published: Option<NaiveDate>, _language: &str) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    let mut push = |date: Option<NaiveDate>, start: usize, end: usize| {
        if let Some(date) = date
            && (1900..=2100).contains(&date.year())
            && !out.iter().any(|d| d.start < end && start < d.end)
        {
            out.push(DateMention { date, start, end });
        }
    };
    for c in ISO.captures_iter(text) {
        let m = c.get(0).unwrap();
        push(ymd(&c[1], &c[2], &c[3]), m.start(), m.end());
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let m = c.get(0).unwrap();
        push(
            month_number(&c[2]).and_then(|mo| ymd_n(&c[3], mo, &c[1])),
            m.start(),
            m.end(),
        );
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        let m = c.get(0).unwrap();
        push(
            month_number(&c[1]).and_then(|mo| ymd_n(&c[3], mo, &c[2])),
            m.start(),
            m.end(),
        );
    }
    for c in NUMERIC_DMY.captures_iter(text) {
        let m = c.get(0).unwrap();
        push(ymd(&c[3], &c[2], &c[1]), m.start(), m.end());
    }
    out.sort_by_key(|d| d.start);
    out
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
    (line.split_whitespace().count() <= 12).then_some(first.date)
}

/// The date of the main event, when the text lets one work it out.
pub fn event_date(
    _text: &str,
    _blocks: &[Block],
    _dates: &[DateMention],
    _published: Option<NaiveDate>,
    _language: &str,
) -> Option<NaiveDate> {
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
}

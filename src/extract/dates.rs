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

/// A month name or abbreviation: Latin letters with the accents our languages use.
static MONTH_WORD: &str = r"[\p{L}]{3,10}\.?";

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:\.|st|nd|rd|th|er|º|°)?\s+(?:de\s+)?({MONTH_WORD}),?\s+(?:de\s+|del\s+)?(\d{{4}})\b"
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
static YEAR_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[./](\d{1,2})[./](\d{1,2})\b").unwrap());
static NUMERIC_DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\s?([./])\s?(\d{1,2})\s?[./]\s?(\d{4})\b").unwrap());
static CJK_FULL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]").unwrap());
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+|of\s+)?({MONTH_WORD})"
    ))
    .unwrap()
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({MONTH_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    ))
    .unwrap()
});
static CJK_MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]").unwrap());

/// Every date the text states, in order: full dates in any of the styles we read, and, when
/// the publication date is known, day-and-month dates ("December 29th", "am 29. Dezember",
/// "12月29日") with the year that puts them nearest to it.
pub fn find_dates(text: &str, published: Option<NaiveDate>, _language: &str) -> Vec<DateMention> {
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
    for c in CJK_FULL.captures_iter(text) {
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
    for c in YEAR_FIRST.captures_iter(text) {
        let m = c.get(0).unwrap();
        push(ymd(&c[1], &c[2], &c[3]), m.start(), m.end());
    }
    for c in NUMERIC_DMY.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        // Day first (the European order) unless only the American order is possible.
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
        for c in DAY_MONTH.captures_iter(text) {
            let m = c.get(0).unwrap();
            if yearless_month(&c[2]).is_some() && !followed_by_year(text, m.end()) {
                let date = yearless_month(&c[2])
                    .zip(c[1].parse().ok())
                    .and_then(|(mo, d)| nearest_year(mo, d, published));
                push(date, m.start(), m.end());
            }
        }
        for c in MONTH_DAY.captures_iter(text) {
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

/// A dateline opening the first paragraph: "WASHINGTON, Dec. 29, 2019 (Reuters) —",
/// "Berlin, 17. Dezember 2017 (dpa) -", "PRAHA 3. března 2021 (ČTK) –".
pub fn lead_dateline(paragraph: &str) -> Option<NaiveDate> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\p{Lu}][\p{L} .'/-]{1,40},?\s+(.{6,40}?)\s*(?:\([^)]{1,30}\)\s*)?[-–—:]\s")
            .unwrap()
    });
    let caps = LEAD.captures(paragraph)?;
    let found = find_dates(&caps[1], None, "");
    found.first().map(|d| d.date)
}

/// Where a paragraph's opening dateline ends, if it has one.
fn lead_dateline_end(paragraph: &str) -> Option<usize> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\p{Lu}][\p{L} .'/-]{1,40},?\s+.{6,40}?\s*(?:\([^)]{1,30}\)\s*)?[-–—:]\s")
            .unwrap()
    });
    let m = LEAD.find(paragraph)?;
    lead_dateline(paragraph).map(|_| m.end())
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
            for c in WEEKDAY_REF.captures_iter(para) {
                if c.get(1).is_some() {
                    continue; // "since Thursday", "next Monday"
                }
                let word = c.get(2).or(c.get(4)).map(|m| m.as_str()).unwrap_or("");
                if let Some(day) = weekday_index(word) {
                    let back = (published.weekday().num_days_from_monday() + 7 - day) % 7;
                    refs.push((
                        c.get(0).unwrap().start(),
                        published - chrono::Days::new(back.into()),
                    ));
                }
            }
            for c in RELATIVE_DAY.captures_iter(para) {
                let word = c.get(0).unwrap().as_str().to_lowercase();
                let back = match word.as_str() {
                    "yesterday" | "gestern" | "hier" | "ayer" | "ontem" | "včera" | "昨天"
                    | "昨日" => 1,
                    _ => 0,
                };
                refs.push((
                    c.get(0).unwrap().start(),
                    published - chrono::Days::new(back),
                ));
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
}

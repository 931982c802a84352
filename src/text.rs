//! Small text helpers shared by stages.

/// A date as `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it, digit by digit: pages, the
/// search index and the exports write hundreds of thousands of dates, and chrono's formatter
/// parses its format string every time.
pub fn iso_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return d.format("%Y-%m-%d").to_string();
    }
    let digits = [
        year / 1000,
        year / 100 % 10,
        year / 10 % 10,
        year % 10,
        -1,
        d.month() as i32 / 10,
        d.month() as i32 % 10,
        -1,
        d.day() as i32 / 10,
        d.day() as i32 % 10,
    ];
    digits
        .iter()
        .map(|&n| if n < 0 { '-' } else { (b'0' + n as u8) as char })
        .collect()
}

/// The first `n` words of `text`, with an ellipsis when cut.
pub fn truncate_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{}…", words[..n].join(" "))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn iso_dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2019, 12, 5),
            (1, 1, 1),
            (0, 2, 29),
            (9999, 12, 31),
            (10000, 1, 2),
            (-44, 3, 15),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(super::iso_date(date), date.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn truncates_on_words() {
        assert_eq!(super::truncate_words("a b c", 2), "a b…");
        assert_eq!(super::truncate_words("a  b", 2), "a b");
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "st", "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "maj", "jr", "sr", "inc", "ltd", "co", "corp", "no", "nr", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "hr", "fr", "frau", "herr",
    "bzw", "ca", "vgl", "z.b", "u.a", "sr", "sra", "sta", "av", "dir",
];

/// Whether the full stop at byte `dot` of `text` ends a sentence: it is followed by a space and
/// something that can start one, and it does not close an abbreviation or an initial.
pub fn is_sentence_end(text: &str, dot: usize) -> bool {
    let bytes = text.as_bytes();
    let c = bytes[dot];
    let after = &text[dot + 1..];
    // Closing quotes and brackets may follow the stop: `… lives."`
    let after_closers = after.trim_start_matches(['"', '”', '’', '\'', '»', '«', '“', ')']);
    let Some(rest) = after_closers.strip_prefix(|ch: char| ch.is_whitespace()) else {
        return after_closers.is_empty();
    };
    let next = rest.trim_start().chars().next();
    if next.is_none_or(|n| n.is_lowercase()) {
        return next.is_none();
    }
    if c != b'.' {
        return true;
    }
    let word_start = text[..dot]
        .rfind(|ch: char| ch.is_whitespace() || ch == '(')
        .map_or(0, |i| i + 1);
    let word = text[word_start..dot].trim_start_matches(['"', '“', '(', '„', '«']);
    let lower = word.to_lowercase();
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: "Donald J. Trump"
    }
    if word.contains('.') && word.len() <= 5 {
        return false; // "U.S."
    }
    !ABBREVIATIONS.contains(&lower.as_str())
}

/// The sentence of `text` holding bytes `start..end`: from the previous sentence end (or line
/// break) to the next. Never narrower than `start..end`.
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let mut s = line_start;
    for (i, c) in text[line_start..start].char_indices() {
        if matches!(c, '.' | '!' | '?') && is_sentence_end(text, line_start + i) {
            let after = &text[line_start + i + 1..start];
            let skipped = after.len()
                - after
                    .trim_start_matches(['"', '”', '’', '\'', '»', '«', '“', ')'])
                    .trim_start()
                    .len();
            s = line_start + i + 1 + skipped;
        }
    }
    let mut e = line_end;
    for (i, c) in text[end..line_end].char_indices() {
        if matches!(c, '.' | '!' | '?') && is_sentence_end(text, end + i) {
            let after = &text[end + i + 1..line_end];
            let closers = after.len()
                - after
                    .trim_start_matches(['"', '”', '’', '\'', '»', '«', '“', ')'])
                    .len();
            e = end + i + 1 + closers;
            break;
        }
    }
    (s.min(start), e.max(end))
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let t = "He went to St. Petersburg. Donald J. Trump said so. The U.S. agreed.";
        let at = t.find("Petersburg").unwrap();
        assert_eq!(
            &t[{
                let (s, e) = sentence_around(t, at, at + 10);
                s..e
            }],
            "He went to St. Petersburg."
        );
        let at = t.find("Trump").unwrap();
        assert_eq!(
            &t[{
                let (s, e) = sentence_around(t, at, at + 5);
                s..e
            }],
            "Donald J. Trump said so."
        );
        let at = t.find("agreed").unwrap();
        assert_eq!(
            &t[{
                let (s, e) = sentence_around(t, at, at + 6);
                s..e
            }],
            "The U.S. agreed."
        );
    }

    #[test]
    fn quotes_after_a_stop_stay_with_their_sentence() {
        let t = "It said \"yes.\" Then it left.";
        let at = t.find("yes").unwrap();
        assert_eq!(
            &t[{
                let (s, e) = sentence_around(t, at, at + 3);
                s..e
            }],
            "It said \"yes.\""
        );
        let at = t.find("left").unwrap();
        assert_eq!(
            &t[{
                let (s, e) = sentence_around(t, at, at + 4);
                s..e
            }],
            "Then it left."
        );
    }

    #[test]
    fn never_narrower_than_the_range() {
        let t = "Ends here. Next";
        let (s, e) = sentence_around(t, 5, 14);
        assert!(s <= 5 && e >= 14);
    }
}

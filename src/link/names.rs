//! Transliteration-aware name keys, so that one person written in several languages and
//! romanisations ("Dmitri Peskow", "Dmitry Peskov"; "Jewgeni Saizew", "Yevgeny Zaitsev") is one
//! entity even when the gazetteer lists only one spelling.
//!
//! A key folds the spellings that German, English and French romanisations of the same sound
//! use (w/v, j/y/i, tsch/ch, sch/sh/zh, ch/kh, z/ts/s, ß/ss, doubled letters, diacritics) into
//! one. It is deliberately coarse inside one token and strict across tokens: two names match
//! only when every token's key matches, and a surname on its own joins a full name only when
//! that is unambiguous (see [`super::entities`]).

/// Words that stand before a name without being part of it ("President Putin").
const TITLES: &[&str] = &[
    "president",
    "prasident",
    "prasidentin",
    "vice",
    "prime",
    "minister",
    "ministerin",
    "foreign",
    "chancellor",
    "kanzler",
    "kanzlerin",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "herr",
    "frau",
    "general",
    "gen",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "sprecher",
    "sprecherin",
    "ambassador",
    "botschafter",
    "botschafterin",
    "secretary",
    "king",
    "queen",
    "pope",
    "sir",
    "lord",
    "chief",
    "mayor",
    "burgermeister",
    "judge",
    "richter",
    "colonel",
    "captain",
    "commissioner",
    "director",
];

/// Lowercase particles that belong to the surname ("bin Laden", "von der Leyen").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "von", "van", "der", "den", "de", "del", "da", "di", "la", "le",
    "du", "ter", "zu",
];

/// Spelling variants folded into one, longest first at each position. Upper-case letters in the
/// output stand for the folded sound classes (`C`: ch/tsch/kh, `S`: sh/sch/zh).
const RULES: &[(&str, &str)] = &[
    ("tsch", "C"),
    ("shch", "S"),
    ("sch", "S"),
    ("tch", "C"),
    ("zh", "S"),
    ("sh", "S"),
    ("ch", "C"),
    ("kh", "C"),
    ("ts", "s"),
    ("tz", "s"),
    ("ph", "f"),
    ("ck", "k"),
    ("ae", "a"),
    ("oe", "o"),
    ("ue", "u"),
    ("ou", "u"),
    ("q", "k"),
    ("x", "ks"),
    ("c", "k"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
    ("z", "s"),
];

/// The key of one word: `Peskow` and `Peskov` → `peskov`; `Tkatschenko` and `Tkachenko` →
/// `tkaCenko`. Empty when the word has no letters or digits.
pub fn token_key(word: &str) -> String {
    let ascii: String = deunicode::deunicode(word)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let bytes = ascii.as_bytes();
    let mut folded = String::with_capacity(ascii.len());
    let mut i = 0;
    'outer: while i < bytes.len() {
        for (from, to) in RULES {
            if ascii[i..].starts_with(from) {
                folded.push_str(to);
                i += from.len();
                continue 'outer;
            }
        }
        folded.push(bytes[i] as char);
        i += 1;
    }
    // Doubled letters (Hoffmann/Hofmann, Jussuf/Yusuf, -ij/-iy endings), then `ie` → `e`
    // (Jewgeni/Yevgeny/Evgeny all → evgeni).
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    if out.contains("ie") {
        out.replace("ie", "e")
    } else {
        out
    }
}

/// A person's name split into the parts that matter for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    /// Keys of the given names (possibly none), in order.
    pub given: Vec<String>,
    /// The key of the surname, particles included (`al-Rashid` → `alraSid`).
    pub surname: String,
}

impl NameParts {
    /// The key of the whole name: given names and surname.
    pub fn full_key(&self) -> String {
        let mut k = self.given.join(" ");
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(&self.surname);
        k
    }
}

/// Splits a name as written into given names and surname, dropping leading titles
/// ("President Vladimir Putin" → \[vladimir\] + putin). `None` when nothing name-like is left.
pub fn name_parts(name: &str) -> Option<NameParts> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    // Everything up to the last title word describes the person ("Kremlin spokesman …").
    let start = words[..words.len().saturating_sub(1)]
        .iter()
        .rposition(|w| TITLES.contains(&token_key_plain(w).as_str()))
        .map_or(0, |i| i + 1);
    let words = &words[start..];
    if words.len() == 1 && TITLES.contains(&token_key_plain(words[0]).as_str()) {
        return None;
    }
    if words.is_empty() {
        return None;
    }
    let mut surname_from = words.len() - 1;
    while surname_from > 0 && PARTICLES.contains(&token_key_plain(words[surname_from - 1]).as_str())
    {
        surname_from -= 1;
    }
    let surname: String = words[surname_from..].iter().map(|w| token_key(w)).collect();
    if surname.is_empty() {
        return None;
    }
    Some(NameParts {
        given: words[..surname_from]
            .iter()
            .map(|w| token_key(w))
            .filter(|k| !k.is_empty())
            .collect(),
        surname,
    })
}

/// The key of any name (organisations and places too): every word's key, titles kept.
pub fn name_key(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .map(token_key)
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase ASCII letters of a word, for comparing with the word lists above.
fn token_key_plain(word: &str) -> String {
    deunicode::deunicode(word)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether two people's names can name the same person: same surname key, and given names
/// that agree where both are given (a given name may be an initial). Different people who share
/// a surname ("Yevgeny Moreau", "David Moreau") are never compatible.
pub fn compatible_people(a: &NameParts, b: &NameParts) -> bool {
    if a.surname != b.surname {
        return false;
    }
    match (a.given.first(), b.given.first()) {
        (Some(x), Some(y)) => x == y || (x.len() == 1 || y.len() == 1) && x[..1] == y[..1],
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        name_key(a) == name_key(b)
    }

    #[test]
    fn romanisations_of_one_name_share_a_key() {
        for (a, b) in [
            ("Dmitri Peskow", "Dmitry Peskov"),
            ("Wladimir Putin", "Vladimir Putin"),
            ("Anatoli Antonow", "Anatoly Antonov"),
            ("Jewgeni Saizew", "Yevgeny Zaitsev"),
            ("Jussuf Saizew", "Yusuf Zaitsev"),
            ("Nikolaj Tkatschenko", "Nikolai Tkachenko"),
            ("Emre Chalil", "Emre Khalil"),
            ("Michael al-Raschid", "Michael Al-Rashid"),
            ("Sergej Orlow", "Sergei Orlov"),
            ("Wladimir Jegorow", "Vladimir Yegorov"),
            ("Tatjana Marchetti", "Tatiana Marchetti"),
            ("Amélie Hoffmann", "Amelie Hofmann"),
            ("Jewgeni Moreau", "Evgeny Moreau"),
            ("Dmitrij", "Dmitriy"),
            ("Straße", "Strasse"),
            ("Ayşe", "Ayse"),
        ] {
            assert!(same(a, b), "{a} / {b}: {} vs {}", name_key(a), name_key(b));
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        for (a, b) in [
            ("Yevgeny Moreau", "David Moreau"),
            ("Vladimir Putin", "Vladimir Fischer"),
            ("Peskov", "Pesko"),
            ("Orlov", "Orlova"),
            ("Kremlin", "Kreml"),
        ] {
            assert!(!same(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn titles_are_dropped_and_particles_kept() {
        let p = name_parts("President Vladimir Putin").unwrap();
        assert_eq!(p.given, ["vladimir"]);
        assert_eq!(p.surname, "putin");
        let p = name_parts("Michael al-Raschid").unwrap();
        assert_eq!(p.surname, name_parts("Al-Rashid").unwrap().surname);
        let p = name_parts("Ursula von der Leyen").unwrap();
        assert_eq!(p.given, ["ursula"]);
        assert_eq!(p.surname, name_parts("von der Leyen").unwrap().surname);
        assert!(name_parts("President").is_none());
        assert_eq!(
            name_parts("Kremlin spokesman Dmitri Peskow")
                .unwrap()
                .surname,
            "peskov"
        );
    }

    #[test]
    fn people_sharing_a_surname_are_not_compatible() {
        let p = |s: &str| name_parts(s).unwrap();
        assert!(compatible_people(&p("Moreau"), &p("David Moreau")));
        assert!(compatible_people(&p("D. Moreau"), &p("David Moreau")));
        assert!(compatible_people(&p("Dmitri Peskow"), &p("Dmitry Peskov")));
        assert!(!compatible_people(&p("Yevgeny Moreau"), &p("David Moreau")));
        assert!(!compatible_people(&p("Putin"), &p("Peskov")));
    }
}

//! The outlet and the byline when the page's markup does not state them: read from the text's
//! own furniture. Three signals, most specific first:
//!
//! 1. a byline naming the publication ("By Jane Doe, Example News", "Jane Doe | Example News");
//! 2. a bureau line right before the dateline ("Example24 London", then "Tue, 31 Dec 2019");
//! 3. a name the page chrome keeps repeating ("Skip to more X sites", "X's Top Story", "More
//!    stories from X", the "X journalists report …" self-description) that the article itself
//!    never uses.

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use super::boilerplate::{self as bp, ChromeKind, ChromeLine, Zone};

static BYLINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|von|par|por|door|di|autor|autorka|autoři|text|texte|written\s+by|story\s+by|words\s+by|记者|作者|文|本报记者|新华社记者)\s*[:：|｜]?\s*")
        .unwrap()
});

/// Words that say what a person does, not where they publish ("By Jane Doe, Moscow
/// correspondent").
const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "reporter",
    "editor",
    "writer",
    "columnist",
    "contributor",
    "staff",
    "producer",
    "analyst",
    "journalist",
    "korrespondent",
    "korrespondentin",
    "redakteur",
    "redakteurin",
    "redaktion",
    "correspondant",
    "correspondante",
    "envoyé",
    "envoyée",
    "spécial",
    "corresponsal",
    "redactor",
    "redactora",
    "enviado",
    "enviada",
    "repórter",
    "correspondente",
    "zpravodaj",
    "zpravodajka",
    "redaktor",
    "redaktorka",
    "and",
    "und",
    "et",
    "y",
    "e",
    "a",
];

/// Wire services, accepted as the outlet on their own (one word, like a city would be).
const AGENCIES: &[&str] = &[
    "Reuters",
    "AFP",
    "AP",
    "dpa",
    "EFE",
    "Lusa",
    "ČTK",
    "ANSA",
    "Xinhua",
    "Bloomberg",
    "Interfax",
    "TASS",
    "KNA",
    "epd",
    "APA",
    "SDA",
    "Keystone-SDA",
    "Europa Press",
    "Agência Brasil",
];

/// The person (or people) a byline names: "By Jane Doe, Example News" → "Jane Doe".
pub fn byline_name(line: &str) -> Option<String> {
    let rest = BYLINE_PREFIX.replace(line.trim(), "");
    let name = rest
        .split(['|', '｜', ',', '·', '—', '–'])
        .next()
        .unwrap_or("")
        .trim();
    // Drop a date or time glued to the byline.
    let name = name
        .split(" - ")
        .next()
        .unwrap_or(name)
        .trim()
        .trim_end_matches(['.', ':']);
    let words = bp::word_weight(name);
    ((1.0..=8.0).contains(&words) && !name.chars().any(|c| c.is_ascii_digit()))
        .then(|| name.to_string())
}

/// The publication a byline names after the person: "By Jane Doe, Example News",
/// "Jane Doe | Example News". Roles are not outlets, and neither is a single word the article
/// itself uses: that is the city the reporter writes from ("Von Max Muster, Berlin").
pub fn outlet_from_byline(line: &str, body: &str) -> Option<String> {
    let rest = BYLINE_PREFIX.replace(line.trim(), "");
    let mut parts = rest.split(['|', '｜', ',']).map(str::trim);
    parts.next()?;
    let candidate = parts.next()?.trim_end_matches(['.', ':']).trim();
    if candidate.is_empty()
        || bp::is_date_line(candidate)
        || candidate.chars().any(|c| c.is_ascii_digit()) && !brand_shaped(candidate)
    {
        return None;
    }
    let words: Vec<&str> = candidate.split_whitespace().collect();
    let capitalised = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || is_particle(w)
    });
    let role = words
        .iter()
        .any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()));
    let looks_like_outlet = words.len() >= 2
        || brand_shaped(candidate)
        || AGENCIES.contains(&candidate)
        || !body
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| w == candidate);
    (capitalised && !role && looks_like_outlet && words.len() <= 6).then(|| candidate.to_string())
}

/// Small words inside names ("Folha de S.Paulo", "The Times of India").
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "do"
            | "da"
            | "dos"
            | "das"
            | "del"
            | "du"
            | "des"
            | "di"
            | "of"
            | "the"
            | "and"
            | "&"
            | "für"
            | "der"
            | "die"
            | "la"
            | "le"
            | "les"
            | "el"
            | "los"
            | "las"
            | "y"
            | "e"
            | "z"
    )
}

/// Names shaped like brands rather than words: acronyms, digits, inner capitals, dots, slashes
/// ("DW", "RFE/RL", "Nau.ch", "7Dnews", "iDNES.cz").
pub fn brand_shaped(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() || name.contains(' ') {
        return false;
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    (letters.len() >= 2 && upper == letters.len())
        || name.chars().any(|c| c.is_ascii_digit())
        || name.contains(['/', '.'])
        || name.chars().skip(1).any(char::is_uppercase)
}

/// Whether a word is a place the built-in lexicon knows, in any of its languages.
fn is_known_place(word: &str) -> bool {
    static PLACES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
        super::lexicon::ENTRIES
            .iter()
            .filter(|e| e.kind == super::EntityKind::Place)
            .flat_map(|e| std::iter::once(e.name.clone()).chain(e.aliases.iter().cloned()))
            .collect()
    });
    PLACES.contains(word)
}

/// A bureau line before the dateline: "Example24 London" (then "Tue, 31 Dec 2019 10:30 GMT")
/// names the outlet followed by a city. Only read between the headline and the article.
pub fn outlet_before_dateline(chrome: &[ChromeLine]) -> Option<String> {
    chrome.windows(2).find_map(|w| {
        let (line, next) = (&w[0], &w[1]);
        if line.zone != Zone::ArticleHead
            || next.kind != ChromeKind::Date
            || line.kind == ChromeKind::Byline
        {
            return None;
        }
        let words: Vec<&str> = line.text.split_whitespace().collect();
        if !(2..=4).contains(&words.len())
            || !words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
            || bp::is_ui_line(&line.text)
        {
            return None;
        }
        // "<Outlet> <City>": a brand-shaped first word, or one word before a known city (a
        // reporter's name on its own line, "Jana Kučerová", is two capitalised words too).
        (brand_shaped(words[0])
            || AGENCIES.contains(&words[0])
            || words.len() == 2 && is_known_place(words[1]))
        .then(|| words[0].to_string())
    })
}

/// The owner a copyright line names: "© 2024 Example News", "Copyright (c) 2020 Le Courrier.
/// All rights reserved." → the publication.
pub fn outlet_from_copyright(chrome: &[ChromeLine]) -> Option<String> {
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:copyright\s*|tous\s+droits\s+réservés\s*|all\s+rights\s+reserved\.?\s*|版权所有\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?([^.,|©]+?)(?:\s*[.,|]\s*(?:all\s+rights|alle\s+rechte|tous\s+droits|todos\s+los|todos\s+os|všechna\s+práva).*|\s*[.,]?\s*$)")
            .unwrap()
    });
    chrome
        .iter()
        .rev()
        .filter(|l| l.zone == Zone::Tail || l.kind == ChromeKind::Footer)
        .find_map(|l| {
            static NAME_FIRST: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"^([^©.,|]{2,60}?)\s*©\s*\d{4}").unwrap());
            let name = COPYRIGHT
                .captures(&l.text)
                .or_else(|| NAME_FIRST.captures(&l.text))?
                .get(1)?
                .as_str()
                .trim();
            let name = name.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
            let ok = !name.is_empty()
                && bp::word_weight(name) <= 6.0
                && name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || bp::is_cjk(c));
            ok.then(|| name.to_string())
        })
}

/// A name the page's own furniture repeats (menus, section headers, footers, the outlet's
/// self-description) in at least two different lines, and that the article never uses.
pub fn outlet_from_chrome(chrome: &[ChromeLine], body: &str) -> Option<String> {
    let mut lines_with: FxHashMap<String, FxHashSet<String>> = FxHashMap::default();
    let mut alone: FxHashSet<String> = FxHashSet::default();
    for line in chrome {
        if !matches!(
            line.kind,
            ChromeKind::Navigation | ChromeKind::Promo | ChromeKind::Footer | ChromeKind::Other
        ) {
            continue;
        }
        let key = bp::normalise_for_repeat(&line.text);
        let names = capitalised_names(&line.text);
        if names.len() == 1 && names[0] == line.text.trim() {
            alone.insert(names[0].clone());
        }
        for name in names {
            lines_with.entry(name).or_default().insert(key.clone());
        }
    }
    // Only names in two lines or more compete; the article's words are gathered only for them.
    lines_with.retain(|_, lines| lines.len() >= 2);
    if lines_with.is_empty() {
        return None;
    }
    let body_words: FxHashSet<&str> = body
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”')
        })
        .map(|w| {
            w.trim_end_matches(['.', '\'', '’'])
                .trim_end_matches("'s")
                .trim_end_matches("’s")
        })
        .collect();
    lines_with
        .into_iter()
        .filter(|(name, _)| !name.split_whitespace().any(|w| body_words.contains(w)))
        .map(|(name, lines)| {
            let score =
                lines.len() + usize::from(alone.contains(&name)) + usize::from(brand_shaped(&name));
            (score, lines.len(), name)
        })
        .max_by(|a, b| {
            (a.0, a.1, std::cmp::Reverse(&a.2)).cmp(&(b.0, b.1, std::cmp::Reverse(&b.2)))
        })
        .map(|(_, _, name)| name)
}

/// Runs of capitalised (or brand-shaped) words, possessives dropped, menu words left out:
/// "Skip next section DW's Top Story" → ["DW"].
fn capitalised_names(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, out: &mut Vec<String>| {
        if !run.is_empty() {
            out.push(run.join(" "));
            run.clear();
        }
    };
    for raw in line.split_whitespace() {
        let possessive = raw.ends_with("'s") || raw.ends_with("’s");
        let w = raw
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '.' && c != '&')
            .trim_end_matches('.');
        let starts_upper = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let is_name = starts_upper && w.chars().any(char::is_alphabetic) && !bp::is_ui_line(w);
        if is_name {
            run.push(w.to_string());
        } else {
            flush(&mut run, &mut out);
        }
        if possessive || raw.ends_with([',', ';', ':', '.']) {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out.retain(|n| n.split_whitespace().count() <= 4);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrome(lines: &[(&str, ChromeKind, Zone)]) -> Vec<ChromeLine> {
        lines
            .iter()
            .map(|(t, k, z)| ChromeLine {
                text: t.to_string(),
                kind: *k,
                zone: *z,
            })
            .collect()
    }

    #[test]
    fn bylines_name_people_and_outlets() {
        assert_eq!(
            byline_name("By Jane Doe, Example News").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            outlet_from_byline("By Jane Doe, Example News", "").as_deref(),
            Some("Example News")
        );
        assert_eq!(
            outlet_from_byline("Par Jean Dupont | Le Courrier du Sud", "").as_deref(),
            Some("Le Courrier du Sud")
        );
        assert_eq!(
            outlet_from_byline("Von Max Muster, Berlin", "Die Polizei in Berlin sagte"),
            None
        );
        assert_eq!(
            outlet_from_byline("By Jane Doe, Moscow correspondent", ""),
            None
        );
        assert_eq!(
            outlet_from_byline("By Jane Doe, Reuters", "").as_deref(),
            Some("Reuters")
        );
        assert_eq!(byline_name("记者 张伟").as_deref(), Some("张伟"));
        assert_eq!(
            outlet_from_byline("Von Maria Weber, Tagespost", "Die Polizei sagte").as_deref(),
            Some("Tagespost")
        );
    }

    #[test]
    fn copyright_lines_name_the_outlet() {
        let c = chrome(&[("© 2016 The Daily Example", ChromeKind::Caption, Zone::Tail)]);
        assert_eq!(
            outlet_from_copyright(&c).as_deref(),
            Some("The Daily Example")
        );
        let c = chrome(&[(
            "Copyright (c) 2020 Le Courrier. Tous droits réservés.",
            ChromeKind::Promo,
            Zone::Tail,
        )]);
        assert_eq!(outlet_from_copyright(&c).as_deref(), Some("Le Courrier"));
        let c = chrome(&[("© AFP", ChromeKind::Caption, Zone::Body)]);
        assert_eq!(outlet_from_copyright(&c), None);
    }

    #[test]
    fn bureau_line_before_the_dateline() {
        let c = chrome(&[
            ("New York", ChromeKind::Other, Zone::BeforeTitle),
            (
                "Mon, 3 Feb 2020 06:22 GMT",
                ChromeKind::Date,
                Zone::BeforeTitle,
            ),
            ("Newsline24 Paris", ChromeKind::Other, Zone::ArticleHead),
            (
                "Sun, 2 Feb 2020 10:30 GMT",
                ChromeKind::Date,
                Zone::ArticleHead,
            ),
        ]);
        assert_eq!(outlet_before_dateline(&c).as_deref(), Some("Newsline24"));
        // City names before a site clock are not outlets.
        assert_eq!(outlet_before_dateline(&c[..2]), None);
        // Nor is a reporter's name on its own line above the date.
        let c = chrome(&[
            ("Jana Kučerová", ChromeKind::Other, Zone::ArticleHead),
            ("6. března 2025 14:20", ChromeKind::Date, Zone::ArticleHead),
        ]);
        assert_eq!(outlet_before_dateline(&c), None);
        let c = chrome(&[
            ("Example London", ChromeKind::Other, Zone::ArticleHead),
            ("6 March 2025", ChromeKind::Date, Zone::ArticleHead),
        ]);
        assert_eq!(outlet_before_dateline(&c).as_deref(), Some("Example"));
    }

    #[test]
    fn a_name_the_chrome_repeats() {
        let c = chrome(&[
            (
                "Skip to more XYZ sites",
                ChromeKind::Navigation,
                Zone::BeforeTitle,
            ),
            (
                "Skip next section XYZ's Top Story",
                ChromeKind::Promo,
                Zone::Tail,
            ),
            (
                "Skip next section More stories from XYZ",
                ChromeKind::Promo,
                Zone::Tail,
            ),
            ("Foto: Anna Berg", ChromeKind::Caption, Zone::Body),
            ("Foto: Anna Berg", ChromeKind::Caption, Zone::Body),
        ]);
        assert_eq!(
            outlet_from_chrome(&c, "The minister spoke.").as_deref(),
            Some("XYZ")
        );
        // A name the article uses is a subject, not the outlet.
        assert_eq!(outlet_from_chrome(&c, "XYZ reported."), None);
    }
}

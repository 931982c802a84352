//! Entity mentions: names from the manifest's gazetteer (with aliases in any language, German
//! inflections included: "den Vereinten Nationen", "Russlands"), then places and organisations of
//! the built-in lexicon, then names detected from the text itself (capitalised sequences after a
//! title or role, organisation patterns, acronyms), each resolved to one canonical entity.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, Match, MatchKind, StartKind,
};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use super::cues::{self, LEXICON};
use super::{Block, BlockKind, Mention, is_cjk, lexicon, names};
use crate::manifest::{EntityDef, EntityKind};

/// One canonical entity the gazetteer knows.
#[derive(Debug, Clone)]
pub struct GazetteerEntry {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
}

/// The manifest's entities, compiled for fast matching.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazetteerEntry>,
    matcher: Option<WordStartMatcher>,
    /// For each pattern, the entries it may name (an alias such as "Moreau" can be shared).
    pattern_entries: Vec<Vec<usize>>,
    /// The people's names by their last word, in entry order: what a surname alone can stand
    /// for, worked out once rather than for every document.
    people_by_surname: FxHashMap<String, Vec<String>>,
}

impl Gazetteer {
    /// Compiles the gazetteer from the manifest's `entities:`.
    pub fn new(defs: &[EntityDef]) -> Gazetteer {
        let entries: Vec<GazetteerEntry> = defs
            .iter()
            .map(|d| GazetteerEntry {
                name: d.name.clone(),
                kind: d.kind,
                aliases: d.aliases.clone(),
            })
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entries: Vec<Vec<usize>> = Vec::new();
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            let forms: Vec<String> = std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .flat_map(|s| inflected_forms(s.trim()))
                .collect();
            for surface in &forms {
                let surface = surface.trim();
                if surface.chars().count() < 2 {
                    continue;
                }
                match index.get(surface) {
                    Some(&p) => {
                        if !pattern_entries[p].contains(&i) {
                            pattern_entries[p].push(i);
                        }
                    }
                    None => {
                        index.insert(surface.to_string(), patterns.len());
                        patterns.push(surface.to_string());
                        pattern_entries.push(vec![i]);
                    }
                }
            }
        }
        let matcher = (!patterns.is_empty())
            .then(|| WordStartMatcher::new(&patterns).expect("gazetteer patterns compile"));
        let mut people_by_surname: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for e in entries.iter().filter(|e| e.kind == EntityKind::Person) {
            if let Some(last) = e.name.split_whitespace().last() {
                people_by_surname
                    .entry(last.to_string())
                    .or_default()
                    .push(e.name.clone());
            }
        }
        Gazetteer {
            entries,
            matcher,
            pattern_entries,
            people_by_surname,
        }
    }

    /// Whether the gazetteer is empty (extraction without a manifest).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose name or alias is exactly `surface`.
    pub fn lookup(&self, surface: &str) -> Option<&GazetteerEntry> {
        let m = self.matcher.as_ref()?.longest_at(surface, 0)?;
        (m.end() == surface.len())
            .then(|| &self.entries[self.pattern_entries[m.pattern().as_usize()][0]])
    }
}

/// A surface form and the forms German inflection gives it: adjective endings on every word
/// but the last ("Vereinte Nationen" → "Vereinten Nationen", "Islamischer Staat" → "Islamischen
/// Staat"). Endings on the last word are accepted at match time ([`inflection_ok`]).
pub fn inflected_forms(surface: &str) -> Vec<String> {
    let mut out = vec![surface.to_string()];
    let words: Vec<&str> = surface.split(' ').collect();
    if words.len() < 2 {
        return out;
    }
    for (k, w) in words[..words.len() - 1].iter().enumerate() {
        let lower = w.to_lowercase();
        if w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
            continue;
        }
        let stem = if let Some(s) = lower
            .strip_suffix("er")
            .or(lower.strip_suffix("es"))
            .or(lower.strip_suffix("en"))
            .or(lower.strip_suffix("em"))
        {
            &w[..s.len()]
        } else if lower.ends_with('e') {
            &w[..w.len() - 1]
        } else {
            continue;
        };
        for ending in ["e", "en", "er", "es", "em"] {
            let form = format!("{stem}{ending}");
            if form == *w {
                continue;
            }
            let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
            v[k] = form;
            out.push(v.join(" "));
        }
    }
    out
}

/// Whether letters right after a match are an inflectional ending of the name ("Russlands",
/// "Putins", "Rusku"): German genitive and dative endings, Czech case endings.
fn inflection_ok(pattern: &str, ending: &str, language: &str) -> bool {
    if pattern.chars().count() < 4 || !pattern.chars().last().is_some_and(char::is_alphabetic) {
        return false;
    }
    match language {
        "de" => matches!(ending, "s" | "es" | "n" | "en"),
        "cs" | "sk" | "pl" => {
            !pattern.ends_with(['a', 'e', 'o', 'y', 'i'])
                && matches!(
                    ending,
                    "a" | "u"
                        | "e"
                        | "ě"
                        | "y"
                        | "em"
                        | "ou"
                        | "ovi"
                        | "i"
                        | "ech"
                        | "ům"
                        | "ové"
                        | "ů"
                        | "ách"
                )
        }
        _ => false,
    }
}

/// Names (the gazetteer's, the lexicon's) found where a word may start.
///
/// A name only counts as a whole word, so the automaton runs anchored at the places a word may
/// start and whose first two bytes begin some name, rather than unanchored over every byte of
/// every block. Anchored, it needs no failure links: a contiguous NFA of the names' trie (0.15
/// MB for a generated corpus's 759 gazetteer names, 0.45 MB for the lexicon's 2,208) stays in
/// the cache, where the unanchored full DFAs (3.7 and 15.7 MB) missed it on most bytes. It
/// also keeps a name inside a word ("FooBar Baz" holding "Bar Baz") from hiding the name after
/// it ("Baz").
#[derive(Debug)]
struct WordStartMatcher {
    matcher: AhoCorasick,
    /// Which pairs of bytes begin some name (a bit per pair): most words pass by on this alone,
    /// where a table of first bytes would let through every word starting with "t" for
    /// "talibans".
    first_pairs: Box<[u64; 1024]>,
}

impl WordStartMatcher {
    fn new<P: AsRef<str>>(patterns: &[P]) -> Result<WordStartMatcher, aho_corasick::BuildError> {
        let mut first_pairs = Box::new([0u64; 1024]);
        for p in patterns {
            // Every name has two characters or more, so two bytes or more.
            if let [a, b, ..] = *p.as_ref().as_bytes() {
                let pair = usize::from(a) << 8 | usize::from(b);
                first_pairs[pair / 64] |= 1 << (pair % 64);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            // Against a full DFA: faster per call in a 10k build's profile (1.9 % of samples against
            // 2.7 %), at a thirtieth of the memory.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns.iter().map(|p| p.as_ref()))?;
        Ok(WordStartMatcher {
            matcher,
            first_pairs,
        })
    }

    /// The longest name starting at `text[at..]`.
    fn longest_at(&self, text: &str, at: usize) -> Option<Match> {
        self.matcher
            .find(Input::new(text).range(at..).anchored(Anchored::Yes))
    }

    /// The longest name at each place in `text` where a word may start (after a character that
    /// is not a letter or digit, or a CJK character, or at a CJK character: CJK names need no
    /// space before them), left to right without overlaps: each match's text is passed over,
    /// kept or not by the caller.
    fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Match> + 't {
        let bytes = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at + 1 < bytes.len() {
                let here = at;
                at += 1;
                let pair = usize::from(bytes[here]) << 8 | usize::from(bytes[here + 1]);
                // A name's first byte starts a character, so `here` is a character boundary.
                if self.first_pairs[pair / 64] & (1 << (pair % 64)) == 0
                    || !may_start_word(text, here)
                {
                    continue;
                }
                if let Some(m) = self.longest_at(text, here) {
                    at = m.end();
                    return Some(m);
                }
            }
            None
        })
    }
}

/// Whether a name may start at `text[at..]` (a character boundary): what [`whole_word_end`]
/// would not reject for what comes before it.
fn may_start_word(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let starts_cjk = || bytes[at] >= 0x80 && text[at..].chars().next().is_some_and(is_cjk);
    match at.checked_sub(1).map(|i| bytes[i]) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric() || starts_cjk(),
        Some(_) => {
            let before = text[..at].chars().next_back().unwrap_or(' ');
            !before.is_alphanumeric() || is_cjk(before) || starts_cjk()
        }
    }
}

/// The built-in lexicon compiled: its surfaces, and for each the lexicon entry.
struct LexiconMatcher {
    matcher: WordStartMatcher,
    entry_of: Vec<usize>,
}

static LEXICON_MATCHER: LazyLock<LexiconMatcher> = LazyLock::new(|| {
    let (patterns, entry_of) = lexicon_surfaces();
    LexiconMatcher {
        matcher: WordStartMatcher::new(&patterns).expect("lexicon patterns compile"),
        entry_of,
    }
});

/// Every surface of the lexicon (names, aliases, their inflections; once each), with the entry
/// each belongs to.
fn lexicon_surfaces() -> (Vec<String>, Vec<usize>) {
    let mut patterns: Vec<String> = Vec::new();
    let mut entry_of = Vec::new();
    let mut seen = FxHashSet::default();
    for (i, e) in lexicon::ENTRIES.iter().enumerate() {
        for surface in std::iter::once(&e.name).chain(e.aliases.iter()) {
            for form in inflected_forms(surface) {
                if form.chars().count() >= 2 && seen.insert(form.clone()) {
                    patterns.push(form);
                    entry_of.push(i);
                }
            }
        }
    }
    (patterns, entry_of)
}

/// A match of `pattern` at `block[s..e]` stands as a whole word (or with an inflection): the end
/// it really has in the text, or `None`.
fn whole_word_end(block: &str, s: usize, e: usize, language: &str) -> Option<usize> {
    let pattern = &block[s..e];
    let cjk = pattern.chars().all(is_cjk);
    let before = block[..s].chars().next_back();
    if cjk {
        // "美国人" is a demonym, not the country.
        return (!block[e..].starts_with('人')).then_some(e);
    }
    if before.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c)) {
        return None;
    }
    let rest = &block[e..];
    let ending: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic() && !is_cjk(*c))
        .collect();
    if ending.is_empty() {
        if rest.chars().next().is_some_and(|c| c.is_numeric()) {
            return None;
        }
        return Some(e);
    }
    inflection_ok(pattern, &ending, language).then_some(e + ending.len())
}

/// Every entity named in the text's blocks (the headline excluded), each resolved to one entity:
/// gazetteer names first (a shared alias goes to the entity whose full name the text used last),
/// then the built-in lexicon, then names detected in the text.
pub fn find_mentions(
    text: &str,
    blocks: &[Block],
    gazetteer: &Gazetteer,
    language: &str,
) -> Vec<Mention> {
    let tokens = names::block_tokens(text, blocks);
    find_mentions_in(text, blocks, &tokens, gazetteer, language)
}

/// [`find_mentions`] with each block's tokens ([`names::block_tokens`]) given: speaker
/// attribution reads the same tokens.
pub fn find_mentions_in(
    text: &str,
    blocks: &[Block],
    tokens: &[Vec<names::Token>],
    gazetteer: &Gazetteer,
    language: &str,
) -> Vec<Mention> {
    let (body, body_tokens): (Vec<&Block>, Vec<&[names::Token]>) = blocks
        .iter()
        .zip(tokens)
        .filter(|(b, _)| b.kind != BlockKind::Title && !is_byline(&text[b.start..b.end]))
        .map(|(b, t)| (b, t.as_slice()))
        .unzip();
    let mut out: Vec<Mention> = Vec::new();
    // 1. The gazetteer.
    if let Some(matcher) = &gazetteer.matcher {
        let mut last_seen: FxHashMap<usize, usize> = FxHashMap::default();
        for b in &body {
            let block = &text[b.start..b.end];
            for m in matcher.find_iter(block) {
                let Some(end) = whole_word_end(block, m.start(), m.end(), language) else {
                    continue;
                };
                let candidates = &gazetteer.pattern_entries[m.pattern().as_usize()];
                let entry = if candidates.len() == 1 {
                    candidates[0]
                } else {
                    *candidates
                        .iter()
                        .max_by_key(|c| last_seen.get(c).copied().unwrap_or(0))
                        .unwrap_or(&candidates[0])
                };
                last_seen.insert(entry, b.start + m.start() + 1);
                let e = &gazetteer.entries[entry];
                out.push(Mention {
                    start: b.start + m.start(),
                    end: b.start + end,
                    entity: e.name.as_str().into(),
                    kind: e.kind,
                });
            }
        }
    }
    // 2. The built-in lexicon, where the gazetteer said nothing; a lexicon entity the gazetteer
    // knows under another name takes the gazetteer's name.
    let lex = &*LEXICON_MATCHER;
    for b in &body {
        let block = &text[b.start..b.end];
        for m in lex.matcher.find_iter(block) {
            let Some(end) = whole_word_end(block, m.start(), m.end(), language) else {
                continue;
            };
            let (s, e) = (b.start + m.start(), b.start + end);
            if out.iter().any(|o| o.start < e && s < o.end) {
                continue;
            }
            let entry = &lexicon::ENTRIES[lex.entry_of[m.pattern().as_usize()]];
            let known = std::iter::once(&entry.name)
                .chain(entry.aliases.iter())
                .find_map(|a| gazetteer.lookup(a).filter(|g| g.kind == entry.kind));
            let (entity, kind) = match known {
                Some(g) => (g.name.clone(), g.kind),
                None => (entry.name.clone(), entry.kind),
            };
            out.push(Mention {
                start: s,
                end: e,
                entity: entity.into(),
                kind,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    // 3. Names detected in the text.
    let detected = detect(text, &body_tokens, &out, gazetteer, language);
    out.extend(detected);
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(out.len());
    // The mentions of one name share one copy of it.
    let mut names: FxHashSet<std::sync::Arc<str>> = Default::default();
    for mut m in out {
        if kept.last().is_some_and(|k| m.start < k.end) {
            continue;
        }
        match names.get(&*m.entity) {
            Some(name) => m.entity = name.clone(),
            None => {
                names.insert(m.entity.clone());
            }
        }
        kept.push(m);
    }
    kept
}

/// A byline or credit line ("By Anna Weber | The Daily Sentinel"): its names are journalists,
/// not people the article is about.
fn is_byline(block: &str) -> bool {
    let b = block.trim_start_matches(['*', '_', ' ']);
    block.len() < 120
        && [
            "By ",
            "Von ",
            "Par ",
            "Por ",
            "Autor: ",
            "Autorka: ",
            "Text: ",
            "记者",
        ]
        .iter()
        .any(|p| b.starts_with(p))
}

/// Words that make a capitalised sequence an organisation ("Federal Security Service").
const ORG_WORDS: &[&str] = &[
    "ministry",
    "agency",
    "service",
    "services",
    "council",
    "party",
    "committee",
    "army",
    "senate",
    "parliament",
    "congress",
    "court",
    "office",
    "bank",
    "union",
    "organization",
    "organisation",
    "institute",
    "university",
    "police",
    "commission",
    "assembly",
    "department",
    "bureau",
    "foundation",
    "front",
    "movement",
    "group",
    "corporation",
    "company",
    "forces",
    "guard",
    "navy",
    "fund",
    "association",
    "federation",
    "authority",
    "administration",
    "network",
    "tribunal",
    "brigade",
    "brigades",
    "battalion",
    "regiment",
    "coalition",
    "alliance",
    "platform",
    "league",
    "cabinet",
    "government",
    "duma",
    "times",
    "post",
    "news",
    "press",
    "media",
    "television",
    "radio",
    "broadcasting",
    "airlines",
    "systems",
    "energy",
    "capital",
    "maritime",
    "logistics",
    "labs",
    "relief",
    "observatory",
    "centre",
    "center",
    "watch",
    "initiative",
    "ministerium",
    "partei",
    "amt",
    "bundesamt",
    "behörde",
    "rat",
    "kommission",
    "gericht",
    "polizei",
    "armee",
    "regierung",
    "verband",
    "stiftung",
    "institut",
    "universität",
    "staatsanwaltschaft",
    "ministère",
    "agence",
    "conseil",
    "parti",
    "cour",
    "assemblée",
    "sénat",
    "armée",
    "gendarmerie",
    "banque",
    "fondation",
    "université",
    "ministerio",
    "agencia",
    "consejo",
    "partido",
    "comisión",
    "congreso",
    "senado",
    "ejército",
    "policía",
    "gobierno",
    "fundación",
    "universidad",
    "ministério",
    "agência",
    "conselho",
    "comissão",
    "exército",
    "polícia",
    "governo",
    "fundação",
    "universidade",
    "ministerstvo",
    "agentura",
    "rada",
    "strana",
    "komise",
    "soud",
    "sněmovna",
    "senát",
    "armáda",
    "policie",
    "úřad",
    "služba",
    "vláda",
    "univerzita",
    // heads of organisation names in Romance languages and Czech
    "banco",
    "banque",
    "asociación",
    "associação",
    "association",
    "sindicato",
    "syndicat",
    "confederación",
    "confederação",
    "confédération",
    "comité",
    "comitê",
    "organización",
    "organização",
    "instituto",
    "federación",
    "federação",
    "fédération",
    "cámara",
    "câmara",
    "chambre",
    "ministère",
    "ministério",
    "tribunal",
    "defensoría",
    "defesa",
    "comisión",
    "komora",
    "svaz",
    "ústav",
    "inspekce",
    "sdružení",
    "agentur",
    "gewerkschaft",
    "konzern",
    "kanzlei",
    "präsidentschaftskanzlei",
];

/// Words that make a capitalised sequence a place ("Kazan Cathedral", "Plaza de Mayo").
const PLACE_WORDS: &[&str] = &[
    "cathedral",
    "church",
    "mosque",
    "synagogue",
    "temple",
    "monastery",
    "square",
    "bridge",
    "airport",
    "station",
    "street",
    "avenue",
    "park",
    "palace",
    "castle",
    "tower",
    "stadium",
    "museum",
    "island",
    "islands",
    "river",
    "lake",
    "sea",
    "ocean",
    "mountains",
    "valley",
    "province",
    "region",
    "oblast",
    "county",
    "district",
    "peninsula",
    "strait",
    "gulf",
    "bay",
    "kathedrale",
    "kirche",
    "dom",
    "moschee",
    "platz",
    "brücke",
    "flughafen",
    "bahnhof",
    "straße",
    "schloss",
    "cathédrale",
    "église",
    "place",
    "pont",
    "aéroport",
    "gare",
    "palais",
    "catedral",
    "iglesia",
    "plaza",
    "puente",
    "aeropuerto",
    "estación",
    "palacio",
    "praça",
    "ponte",
    "aeroporto",
    "estação",
    "palácio",
    "igreja",
    "katedrála",
    "chrám",
    "kostel",
    "náměstí",
    "most",
    "letiště",
    "nádraží",
    "hrad",
    "zámek",
];

/// Words that make a capitalised sequence an event, a law or a holiday: not an entity.
const EVENT_WORDS: &[&str] = &[
    "war",
    "day",
    "year",
    "cup",
    "games",
    "olympics",
    "summit",
    "conference",
    "festival",
    "championship",
    "eve",
    "holidays",
    "holiday",
    "act",
    "law",
    "treaty",
    "agreement",
    "accord",
    "award",
    "prize",
    "revolution",
    "crisis",
    "christmas",
    "easter",
    "ramadan",
    "week",
    "month",
    "krieg",
    "tag",
    "jahr",
    "gipfel",
    "weihnachten",
    "guerre",
    "jour",
    "année",
    "sommet",
    "guerra",
    "día",
    "año",
    "cumbre",
    "dia",
    "ano",
    "válka",
    "den",
    "rok",
];

/// Capitalised words that open sentences and phrases but never names.
const COMMON_STARTS: &[&str] = &[
    "local",
    "many",
    "several",
    "some",
    "most",
    "all",
    "both",
    "few",
    "each",
    "every",
    "other",
    "such",
    "only",
    "even",
    "more",
    "less",
    "hundreds",
    "thousands",
    "dozens",
    "viele",
    "beide",
    "einige",
    "alle",
    "hunderte",
    "tausende",
    "mehrere",
    "bereits",
    "über",
    "für",
    "örtliche",
    "zahl",
    "angaben",
    "nach",
    "zahlreiche",
    "weitere",
    "plusieurs",
    "beaucoup",
    "varios",
    "muchos",
    "vários",
    "muitos",
    "několik",
    "mnoho",
    // Possessives, "neither", numbers and quantities open noun phrases, never names
    // ("Unser Land", "Neither the People's Defence Front", "Zwei Tage").
    "our",
    "their",
    "neither",
    "either",
    "unser",
    "unsere",
    "unseren",
    "unserem",
    "unserer",
    "ihre",
    "seine",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "ganze",
    "ganzen",
    "jede",
    "jeder",
    "jedes",
    "manche",
    "wenige",
    "andere",
    "anderen",
];

/// Acronyms that are not organisations.
const NOT_ACRONYMS: &[&str] = &[
    "AM", "PM", "GMT", "UTC", "CET", "TV", "OK", "CEO", "PDF", "II", "III", "IV", "VI", "VII",
    "VIII", "IX", "XI", "XX", "XXI", "DNA", "GDP", "BIP", "PIB", "HDP", "COVID", "ID", "FAQ",
    "URL", "PS", "CV", "VIP", "AI", "KI", "IA", "UI", "A", "I", "PR", "ET", "EST", "PST", "MEZ",
];

const MONTHS: &[&str] = &[
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
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "leden",
    "únor",
    "březen",
    "duben",
    "květen",
    "červen",
    "červenec",
    "srpen",
    "září",
    "říjen",
    "listopad",
    "prosinec",
];

fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    let len = w.chars().count();
    (2..=6).contains(&len)
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '/' || c == '&')
        && (upper >= 2 || (upper == 1 && letters == 1 && len >= 2))
        && !NOT_ACRONYM_SET.contains(w)
        && !w.chars().all(|c| c.is_ascii_digit())
}

/// A word list as a set: the lists are asked about every capitalised word.
type WordSet = LazyLock<FxHashSet<&'static str>>;

fn word_set(words: &[&'static str]) -> FxHashSet<&'static str> {
    words.iter().copied().collect()
}

static ORG_SET: WordSet = LazyLock::new(|| word_set(ORG_WORDS));
static PLACE_SET: WordSet = LazyLock::new(|| word_set(PLACE_WORDS));
static EVENT_SET: WordSet = LazyLock::new(|| word_set(EVENT_WORDS));
static COMMON_START_SET: WordSet = LazyLock::new(|| word_set(COMMON_STARTS));
static NOT_ACRONYM_SET: WordSet = LazyLock::new(|| word_set(NOT_ACRONYMS));
static MONTH_SET: WordSet = LazyLock::new(|| word_set(MONTHS));
static FUNCTION_WORD_SET: WordSet = LazyLock::new(|| word_set(names::FUNCTION_WORDS));

fn lower_is(list: &WordSet, w: &str) -> bool {
    list.contains(names::lowercase(w).as_ref())
}

/// Names in the text that neither the gazetteer nor the lexicon knows.
fn detect(
    text: &str,
    block_tokens: &[&[names::Token]],
    known: &[Mention],
    gazetteer: &Gazetteer,
    language: &str,
) -> Vec<Mention> {
    let known_spans = super::CoveredBytes::new(text.len(), known.iter().map(|m| (m.start, m.end)));
    let covered = |s: usize, e: usize| known_spans.overlaps(s, e);
    let mut out: Vec<Mention> = Vec::new();
    // Acronyms introduced in parentheses: "Central Intelligence Agency (CIA)".
    let mut acronym_of: FxHashMap<String, (String, EntityKind)> = FxHashMap::default();
    for &tokens in block_tokens {
        // Token k starts a sentence: the first, or one after a full stop, colon, mark or
        // bracket.
        let sentence_start = |k: usize| {
            k == 0
                || tokens.get(k - 1).is_some_and(|t| {
                    !t.word
                        && matches!(
                            t.text(text),
                            "." | "!" | "?" | ":" | "\"" | "“" | "„" | "«" | "»" | "("
                        )
                })
        };
        let mut k = 0;
        while k < tokens.len() {
            let t = tokens[k];
            let w = t.text(text);
            if !t.word
                || !names::is_capitalised(w)
                || covered(t.start, t.end)
                || w.chars().all(is_cjk)
            {
                k += 1;
                continue;
            }
            // The run of capitalised words (with connectors between them).
            let mut end = k + 1;
            while end < tokens.len() {
                let n = tokens[end];
                let nw = n.text(text);
                let before = tokens[end - 1].text(text);
                // A possessive ends a name ("Putin's Kremlin"), except the people's of a body's
                // name ("People's Defence Front").
                let possessive_break = names::is_possessive(before)
                    && !matches!(
                        names::lowercase(names::strip_possessive(before)).as_ref(),
                        "people"
                    );
                if n.word
                    && names::is_capitalised(nw)
                    && !covered(n.start, n.end)
                    && !possessive_break
                    // "im Kurznachrichtendienst X. Die Polizei": the dot ended the sentence (as
                    // it does after a body's name: bodies have no middle initials).
                    && !(is_single_initial(before)
                        && (opens_clause(nw)
                            || tokens[k..end - 1]
                                .iter()
                                .any(|t| is_org_word(&names::lowercase(t.text(text))))))
                {
                    end += 1;
                } else if n.word
                    && matches!(
                        nw,
                        "of" | "for"
                            | "the"
                            | "de"
                            | "du"
                            | "des"
                            | "del"
                            | "la"
                            | "von"
                            | "van"
                            | "der"
                            | "für"
                            | "al"
                            | "bin"
                            | "da"
                            | "do"
                            | "dos"
                            | "e"
                            | "y"
                            | "and"
                    )
                    && tokens.get(end + 1).is_some_and(|x| {
                        x.word && names::is_capitalised(x.text(text)) && !covered(x.start, x.end)
                    })
                    && !names::is_possessive(&text[tokens[end - 1].start..tokens[end - 1].end])
                {
                    end += 2;
                } else if n.word
                    && is_name_particle(nw)
                    && tokens.get(end + 1).is_some_and(|x| {
                        x.word
                            && matches!(x.text(text), "der" | "den" | "la" | "le" | "los" | "las")
                    })
                    && tokens.get(end + 2).is_some_and(|x| {
                        x.word && names::is_capitalised(x.text(text)) && !covered(x.start, x.end)
                    })
                    && !names::is_possessive(before)
                {
                    // Two particles: "Ursula von der Leyen", "Maria de la Cruz".
                    end += 3;
                } else {
                    break;
                }
            }
            // A body's name then a role and a name ("die Nachrichtenagentur AFP Militärsprecherin
            // Tatjana Marchetti"): two runs, the body's and the titled person's.
            if let Some(role_at) = (k + 1..end).find(|&i| {
                let l = names::lowercase(tokens[i].text(text));
                (cues::is_role(&l) || LEXICON.titles.contains(l.as_ref()))
                    && tokens[k..i].iter().any(|t| {
                        let w = t.text(text);
                        is_acronym(w) || is_org_word(&names::lowercase(w))
                    })
            }) {
                end = role_at;
            }
            let run = &tokens[k..end];
            let prev = k.checked_sub(1).map(|p| tokens[p]);
            if let Some(m) =
                classify_run(text, run, prev, sentence_start(k), &tokens[end..], language)
            {
                // An acronym in parentheses right after names the same thing.
                if let (Some(open), Some(acr), Some(close)) =
                    (tokens.get(end), tokens.get(end + 1), tokens.get(end + 2))
                    && open.text(text) == "("
                    && close.text(text) == ")"
                    && is_acronym(acr.text(text))
                    && m.kind != EntityKind::Person
                {
                    acronym_of.insert(acr.text(text).to_string(), (m.entity.to_string(), m.kind));
                }
                out.push(m);
            }
            k = end;
        }
    }
    // Acronyms defined above resolve to their full names.
    for m in &mut out {
        let surface = &text[m.start..m.end];
        if let Some((full, kind)) = acronym_of.get(surface) {
            m.entity = full.as_str().into();
            m.kind = *kind;
        }
    }
    // People: the surname alone is the person the text named in full ("Trump" → Donald Trump).
    let mut full_names: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for m in out.iter().filter(|m| m.kind == EntityKind::Person) {
        let words: Vec<&str> = m.entity.split_whitespace().collect();
        if words.len() >= 2 {
            full_names
                .entry(words[words.len() - 1].to_string())
                .or_default()
                .push(m.entity.to_string());
        }
    }
    // The full name a surname stands for: among the full names the text gives, then the
    // gazetteer's people, the most frequent, the first given on a tie. Worked out once per
    // surname asked about.
    let mut canonical_of: FxHashMap<String, Option<String>> = FxHashMap::default();
    let mut canonical = |surname: &str| -> Option<String> {
        let in_text = full_names.get(surname);
        let in_gazetteer = gazetteer.people_by_surname.get(surname);
        if in_text.is_none() && in_gazetteer.is_none() {
            return None; // most capitalised words
        }
        if let Some(known) = canonical_of.get(surname) {
            return known.clone();
        }
        let list: Vec<&String> = in_text.into_iter().chain(in_gazetteer).flatten().collect();
        let mut counts: FxHashMap<&String, (usize, usize)> = FxHashMap::default();
        for (i, n) in list.iter().enumerate() {
            counts.entry(n).or_insert((0, i)).0 += 1;
        }
        let best = list
            .iter()
            .max_by_key(|n| {
                let (count, first) = counts[*n];
                (count, std::cmp::Reverse(first))
            })
            .map(|n| (*n).clone());
        canonical_of.insert(surname.to_string(), best.clone());
        best
    };
    for m in &mut out {
        if m.kind == EntityKind::Person && !m.entity.contains(' ') {
            if let Some(full) = canonical(&m.entity) {
                m.entity = full.into();
            }
        } else if m.kind == EntityKind::Person
            && let Some(full) = canonical(m.entity.split_whitespace().last().unwrap_or(""))
            && full.split_whitespace().count() > m.entity.split_whitespace().count()
        {
            m.entity = full.into();
        }
    }
    // Surnames used alone elsewhere in the body.
    let mut extra = Vec::new();
    let detected_spans = super::CoveredBytes::new(text.len(), out.iter().map(|m| (m.start, m.end)));
    for &tokens in block_tokens {
        for &t in tokens {
            let w = names::strip_possessive(t.text(text));
            if !t.word
                || !names::is_capitalised(w)
                || covered(t.start, t.end)
                || detected_spans.overlaps(t.start, t.end)
            {
                continue;
            }
            if let Some(full) = canonical(w) {
                extra.push(Mention {
                    start: t.start,
                    end: t.start + w.len(),
                    entity: full.into(),
                    kind: EntityKind::Person,
                });
            }
        }
    }
    out.extend(extra);
    // A detected name the gazetteer knows under another form takes its canonical name.
    for m in &mut out {
        if let Some(g) = gazetteer.lookup(&m.entity) {
            m.entity = g.name.as_str().into();
            m.kind = g.kind;
        }
    }
    out
}

/// The lowercase particles of people's names ("Otto von Bismarck", "Luiz da Silva",
/// "Ursula von der Leyen" with a second one after it).
fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "von"
            | "van"
            | "de"
            | "da"
            | "di"
            | "del"
            | "della"
            | "dos"
            | "das"
            | "du"
            | "zu"
            | "ter"
            | "ten"
    )
}

/// German nouns (and endings of compounds) saying what kind of body the name after them is:
/// "Nachrichtenagentur", "Fernsehsender", "Tageszeitung", "Geheimdienst", "Partei".
const DESCRIPTORS_DE: &[&str] = &[
    "agentur",
    "sender",
    "zeitung",
    "magazin",
    "portal",
    "plattform",
    "dienst",
    "partei",
    "gewerkschaft",
    "organisation",
    "konzern",
    "unternehmen",
];

/// Whether a (lowercase) word names a kind of organisation ("ministry", "Partei",
/// "Nachrichtenagentur", "Geheimdienst").
fn is_org_word(w: &str) -> bool {
    ORG_SET.contains(w)
        || w.rsplit_once('-')
            .is_some_and(|(_, tail)| ORG_SET.contains(tail))
        || (w.chars().count() > 9
            && [
                "ministerium",
                "partei",
                "behörde",
                "gericht",
                "agentur",
                "verband",
                "gewerkschaft",
                "kanzlei",
                "institut",
                "kommission",
                "dienst",
            ]
            .iter()
            .any(|s| w.ends_with(s)))
}

/// "X.", "J.": a single capital and its dot (a middle initial, or a letter ending a sentence).
fn is_single_initial(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.next() == Some('.')
        && chars.next().is_none()
}

/// Whether a capitalised word starts a clause rather than continuing a name: a function word,
/// determiner, quantity, role or title ("X. Die Polizei", "AFP Militärsprecherin …").
fn opens_clause(w: &str) -> bool {
    let l = names::lowercase(w);
    lower_is(&FUNCTION_WORD_SET, &l)
        || LEXICON.determiners.contains(l.as_ref())
        || lower_is(&COMMON_START_SET, &l)
        || cues::is_role(&l)
        || LEXICON.titles.contains(l.as_ref())
}

/// Words joining the parts of a name ("House of Representatives", "Banco de España").
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "the"
            | "de"
            | "du"
            | "des"
            | "del"
            | "la"
            | "von"
            | "van"
            | "der"
            | "für"
            | "da"
            | "do"
            | "dos"
            | "das"
    )
}

/// Prepositions after which a capitalised name is a place ("in Jackson", "em Canoas", "à
/// Mimizan", "v Ostravě"). Lowercase.
const PLACE_PREPOSITIONS: &[&str] = &["in", "à", "em", "nach", "v", "ve", "aus", "en"];

/// What a run of capitalised words names, if anything.
fn classify_run(
    text: &str,
    run: &[names::Token],
    prev: Option<names::Token>,
    sentence_start: bool,
    rest: &[names::Token],
    language: &str,
) -> Option<Mention> {
    let words: Vec<&str> = run.iter().map(|t| t.text(text)).collect();
    let lower: Vec<std::borrow::Cow<str>> = words
        .iter()
        .map(|w| names::lowercase(names::strip_possessive(w)))
        .collect();
    if lower.iter().any(|w| EVENT_SET.contains(w.as_ref())) {
        return None;
    }
    // Leading function words ("The", "In") and everything up to the last title ("Russian
    // President Vladimir Putin") go; a title or role word before the name makes it a person.
    let mut from = 0;
    while from < run.len()
        && (lower_is(&FUNCTION_WORD_SET, &lower[from])
            || LEXICON.determiners.contains(lower[from].as_ref())
            || lower_is(&COMMON_START_SET, &lower[from]))
    {
        from += 1;
    }
    let sentence_start = sentence_start && from == 0;
    // Only titles and roles ("Interior Minister", "Government Spokesperson"): no name here.
    let is_title_word =
        |l: &str| LEXICON.titles.contains(l) || cues::is_role(l) || LEXICON.modifiers.contains(l);
    if lower[from..].iter().all(|l| is_title_word(l)) {
        return None;
    }
    if lower.last().is_some_and(|l| cues::is_role(l)) {
        return None;
    }
    let prev_role = prev.is_some_and(|p| {
        let l = names::lowercase(p.text(text));
        p.word && (cues::is_role(&l) || LEXICON.titles.contains(l.as_ref())) && l != "the"
    });
    let mut titled = prev_role;
    let mut stripped_title: Option<usize> = None;
    let org_at = lower.iter().position(|w| is_org_word(w));
    let place_at = lower.iter().position(|w| PLACE_SET.contains(w.as_ref()));
    if let Some(last_title) = (from..run.len()).rev().find(|&i| {
        let l = &lower[i];
        (LEXICON.titles.contains(l.as_ref()) || cues::is_role(l)) && l != "the"
    }) && last_title + 1 < run.len()
        && org_at.is_none_or(|o| o > last_title + 1)
        && place_at.is_none_or(|p| p > last_title + 1)
        && (org_at.is_none() && place_at.is_none()
            || lower.get(last_title + 1).is_some_and(|l| is_connector(l)))
    {
        from = last_title + 1;
        titled = true;
        stripped_title = Some(last_title);
    }
    // A run that now opens with a connector ("of Representatives", "der Deutschen
    // Presse-Agentur") either lost its head ("House") or follows a role: without the connector
    // after a role, with the stripped word otherwise.
    if from < run.len() && is_connector(&lower[from]) {
        if let Some(t) = stripped_title.filter(|_| org_at.is_none() && place_at.is_none()) {
            // "House of Representatives": the title word heads a body's name.
            from = t;
            titled = prev_role;
        } else {
            while from < run.len() && is_connector(&lower[from]) {
                from += 1;
            }
        }
    }
    if from >= run.len() {
        return None;
    }
    // "Trump and Putin", "Republican and Democratic": two names or adjectives, not one name.
    if lower[from..]
        .iter()
        .any(|w| matches!(w.as_ref(), "and" | "und" | "et" | "y" | "e" | "a"))
        && org_at.is_none_or(|i| i < from)
    {
        return None;
    }
    // German adjectives of nationality or participles before a noun ("Russische
    // Sicherheitskräfte", "Vereinter Kampf"): declined adjectives, not first names.
    if language == "de"
        && !titled
        && run.len() - from == 2
        && org_at.is_none()
        && place_at.is_none()
        && (["ische", "ischer", "ischen", "isches", "ischem"]
            .iter()
            .any(|e| lower[from].ends_with(e))
            || (sentence_start
                && ["ter", "te", "tes", "ten", "tem"]
                    .iter()
                    .any(|e| lower[from].ends_with(e))
                && lower[from].chars().count() > 6))
    {
        return None;
    }
    // "em Porto Alegre", "in Jackson", "v Ostravě": a name after a preposition of place.
    let after_place_preposition = prev.is_some_and(|p| {
        p.word && PLACE_PREPOSITIONS.contains(&names::lowercase(p.text(text)).as_ref())
    });
    // German capitalises every noun ("in Kürze", "in Zukunft"): not there.
    if after_place_preposition
        && language != "de"
        && !titled
        && org_at.is_none()
        && place_at.is_none()
        && run.len() - from <= 3
        && lower[from..]
            .iter()
            .all(|w| !lower_is(&MONTH_SET, w) && !lower_is(&FUNCTION_WORD_SET, w))
        && words[from..].iter().all(|w| {
            let b = names::strip_possessive(w);
            !is_acronym(b) && b.chars().all(|c| c.is_alphabetic() || c == '-')
        })
        && !names::is_possessive(words[run.len() - 1])
    {
        let start = run[from].start;
        let last = run[run.len() - 1];
        return Some(Mention {
            start,
            end: last.end,
            entity: text[start..last.end].into(),
            kind: EntityKind::Place,
        });
    }
    // German names a medium or body after saying what it is ("die Nachrichtenagentur AFP",
    // "der Sender CNN", "der Inlandsgeheimdienst FSB", "die Partei AfD"): the name is what
    // follows the noun.
    if language == "de"
        && from + 1 < run.len()
        && DESCRIPTORS_DE.iter().any(|d| lower[from].ends_with(d))
        && !is_connector(&lower[from + 1])
        && !lower_is(&FUNCTION_WORD_SET, &lower[from + 1])
        && !LEXICON.determiners.contains(lower[from + 1].as_ref())
        && lower[from + 1..].iter().all(|w| !is_org_word(w))
        && words[from + 1..].iter().all(|w| {
            names::strip_possessive(w)
                .trim_end_matches('.')
                .chars()
                .count()
                >= 2
        })
    {
        let start = run[from + 1].start;
        let last = run[run.len() - 1];
        let end = last.start + names::strip_possessive(last.text(text)).len();
        return Some(Mention {
            start,
            end,
            entity: text[start..end].into(),
            kind: EntityKind::Organization,
        });
    }
    // An article opened the run (stripped above): "Eine Stellungnahme von der Terrormiliz".
    let after_article = from > 0 && LEXICON.determiners.contains(lower[from - 1].as_ref());
    let run = &run[from..];
    let words = &words[from..];
    let lower = &lower[from..];
    let start = run[0].start;
    let last = run[run.len() - 1];
    let mut end = last.start + names::strip_possessive(last.text(text)).len();
    // A name ends before a final initial's dot: it ended the sentence.
    if run.len() > 1 && is_single_initial(last.text(text)) {
        end -= 1;
    }
    let surface = &text[start..end];
    let mention = |kind| {
        Some(Mention {
            start,
            end,
            entity: surface.into(),
            kind,
        })
    };
    // A lone generic word ("Police", "Region") names nothing.
    if words.len() == 1 && (org_at.is_some() || place_at.is_some()) {
        return None;
    }
    // Organisations and places by their head words.
    if org_at.is_some_and(|i| i >= from) {
        return mention(EntityKind::Organization);
    }
    if place_at.is_some_and(|i| i >= from) {
        return mention(EntityKind::Place);
    }
    // A lowercase body noun after the name: "Foreign ministry", "FSB security service".
    let next_words: Vec<String> = rest
        .iter()
        .take(2)
        .take_while(|t| t.word)
        .map(|t| t.text(text).to_lowercase())
        .collect();
    if !names::is_possessive(last.text(text)) {
        let extend_to = if next_words.first().is_some_and(|w| is_org_word(w)) {
            Some(0)
        } else if next_words.len() == 2
            && LEXICON.modifiers.contains(next_words[0].as_str())
            && is_org_word(&next_words[1])
        {
            Some(1)
        } else {
            None
        };
        let bare_start =
            words.len() == 1 && sentence_start && !is_acronym(names::strip_possessive(words[0]));
        let generic = words
            .iter()
            .all(|w| LEXICON.modifiers.contains(names::lowercase(w).as_ref()));
        if let Some(n) = extend_to
            && !titled
            && !bare_start
            && !generic
        {
            let e = rest[n].end;
            return Some(Mention {
                start,
                end: e,
                entity: text[start..e].into(),
                kind: EntityKind::Organization,
            });
        }
    }
    if words.len() == 1 {
        let w = names::strip_possessive(words[0]);
        if is_acronym(w) {
            return mention(EntityKind::Organization);
        }
        if titled && !lower_is(&MONTH_SET, w) && w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return mention(EntityKind::Person);
        }
        return None;
    }
    // Two to four name-like words (and the particles between them): a person.
    let name_like = |w: &&str| {
        let b = names::strip_possessive(w);
        b.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'' || c == '’')
            && !is_acronym(b)
            && !lower_is(&MONTH_SET, b)
            && !lower_is(&FUNCTION_WORD_SET, b)
    };
    let particle_inside = |i: usize| {
        i > 0
            && i + 1 < words.len()
            && (is_name_particle(words[i])
                || (is_name_particle(words[i - 1])
                    && matches!(words[i], "der" | "den" | "la" | "le" | "los" | "las")))
    };
    let particles = (0..words.len()).filter(|&i| particle_inside(i)).count();
    // A German noun and "von" ("die Stellungnahme von der Terrormiliz"): no name's particles.
    let noun_of = language == "de"
        && particles > 0
        && (after_article
            || prev.is_some_and(|p| {
                p.word
                    && LEXICON
                        .determiners
                        .contains(names::lowercase(p.text(text)).as_ref())
            }));
    let connectors = lower
        .iter()
        .filter(|w| matches!(w.as_ref(), "of" | "for" | "the" | "and" | "y" | "e"))
        .count();
    // German capitalises every noun: "Die Ermittlungen", "Stimmung der Fassungslosigkeit" are
    // no names. Nouns there carry articles and noun endings; names do not.
    // "Anfang des Jahres", "Anhänger der Gruppe": a noun and its genitive (a name's "der"
    // follows "von", "van" or "de": "Ursula von der Leyen").
    let genitive = (1..lower.len()).any(|i| {
        matches!(lower[i].as_ref(), "des" | "der" | "dem" | "den")
            && !matches!(
                lower[i - 1].as_ref(),
                "von" | "van" | "de" | "zu" | "ter" | "ten"
            )
    });
    // "um 20 Uhr Ortszeit", "40 Prozent": nouns of measure after a number.
    let after_number = prev.is_some_and(|p| p.text(text).chars().all(|c| c.is_ascii_digit()));
    let looks_like_nouns = language == "de"
        && !titled
        && (genitive
            || after_number
            || prev.is_some_and(|p| {
                p.word
                    && LEXICON
                        .determiners
                        .contains(p.text(text).to_lowercase().as_str())
            })
            || lower.iter().any(|w| {
                [
                    "ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "nis", "en", "ern",
                    "chen", "lung",
                ]
                .iter()
                .any(|s| w.ends_with(s) && w.chars().count() > 5)
            }));
    if (2..=4).contains(&(words.len() - particles))
        && connectors == 0
        && (0..words.len()).all(|i| particle_inside(i) || name_like(&words[i]))
        && !looks_like_nouns
        && !noun_of
    {
        return mention(EntityKind::Person);
    }
    if words.iter().any(|w| is_acronym(w)) || connectors > 0 {
        return mention(EntityKind::Organization);
    }
    None
}
#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        let def = |name: &str, kind, aliases: &[&str]| EntityDef {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            description: None,
        };
        Gazetteer::new(&[
            def(
                "Vladimir Putin",
                EntityKind::Person,
                &["Putin", "Wladimir Putin"],
            ),
            def("Yevgeny Moreau", EntityKind::Person, &["Moreau"]),
            def("David Moreau", EntityKind::Person, &["Moreau"]),
            def("Kremlin", EntityKind::Organization, &["Kreml"]),
        ])
    }

    #[test]
    fn aliases_resolve_to_the_canonical_name() {
        let text = "Wladimir Putin sprach im Kreml. Putin lobte die Kremlin-Linie nicht.";
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        let m = find_mentions(text, &blocks, &gaz(), "de");
        let names: Vec<&str> = m.iter().map(|m| &*m.entity).collect();
        // "Kremlin-Linie" counts: a hyphen is a word boundary.
        assert_eq!(
            names,
            ["Vladimir Putin", "Kremlin", "Vladimir Putin", "Kremlin"]
        );
        assert_eq!(&text[m[0].start..m[0].end], "Wladimir Putin");
    }

    #[test]
    fn shared_aliases_follow_the_last_full_name() {
        let text = "David Moreau arrived. Later, Moreau spoke.";
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        let m = find_mentions(text, &blocks, &gaz(), "en");
        assert_eq!(&*m[1].entity, "David Moreau");
    }

    fn detected(text: &str, language: &str) -> Vec<(EntityKind, String)> {
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        find_mentions(text, &blocks, &Gazetteer::default(), language)
            .into_iter()
            .map(|m| (m.kind, m.entity.to_string()))
            .collect()
    }

    #[test]
    fn adjectives_and_joined_names_make_no_entity() {
        let found = detected(
            "Russische Sicherheitskräfte hatten den Anschlag verhindert. Vereinter Kampf gegen Terror sei wichtig.",
            "de",
        );
        assert!(found.is_empty(), "{found:?}");
        let found = detected(
            "Lawmakers said Republican and Democratic members agreed. Later Trump and Putin spoke.",
            "en",
        );
        assert!(found.iter().all(|(_, e)| !e.contains(" and ")), "{found:?}");
    }

    #[test]
    fn names_keep_their_head_and_lose_a_role_before_them() {
        let found = detected(
            "A committee set up by the House of Representatives met.",
            "en",
        );
        assert!(
            found.contains(&(EntityKind::Organization, "House of Representatives".into())),
            "{found:?}"
        );
        let found = detected("Das sagte der Minister der Deutschen Presse-Agentur.", "de");
        assert!(
            found.contains(&(EntityKind::Organization, "Deutschen Presse-Agentur".into())),
            "{found:?}"
        );
        let found = detected("Lo anunció la Asociación de Propietarios ayer.", "es");
        assert!(
            found.contains(&(
                EntityKind::Organization,
                "Asociación de Propietarios".into()
            )),
            "{found:?}"
        );
    }

    #[test]
    fn german_noun_phrases_are_no_names() {
        let found = detected(
            "Bereits Anfang des Jahres hatte es Warnungen gegeben. Anhänger der Gruppe \
             protestierten. Zwei Tage später schlossen die Wahllokale um 20 Uhr Ortszeit. \
             Ganze Dörfer waren abgeschnitten. »Unser Land wird sich nicht einschüchtern lassen.«",
            "de",
        );
        assert!(found.is_empty(), "{found:?}");
        // A body's name keeps its genitive.
        let found = detected("Das sagte ein Sprecher der Partei der Arbeit.", "de");
        assert!(
            found.contains(&(EntityKind::Organization, "Partei der Arbeit".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_sentence_ending_in_an_initial_ends_the_name_there() {
        let found = detected(
            "Das schrieb ein Sprecher im Kurznachrichtendienst X. Die Nachrichtenagentur KNA \
             bestätigte es.",
            "de",
        );
        assert!(
            found.contains(&(EntityKind::Organization, "Kurznachrichtendienst X".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(EntityKind::Organization, "KNA".into())),
            "{found:?}"
        );
        assert_eq!(found.len(), 2, "{found:?}");
        // A middle initial is part of the name.
        let found = detected("Then George W. Bush spoke.", "en");
        assert!(
            found.contains(&(EntityKind::Person, "George W. Bush".into())),
            "{found:?}"
        );
    }

    #[test]
    fn names_keep_their_particles() {
        let found = detected(
            "Commission President Ursula von der Leyen spoke. Historians recalled Otto von \
             Bismarck on Tuesday. Maria de la Cruz agreed.",
            "en",
        );
        for name in [
            "Ursula von der Leyen",
            "Otto von Bismarck",
            "Maria de la Cruz",
        ] {
            assert!(
                found.contains(&(EntityKind::Person, name.into())),
                "{name}: {found:?}"
            );
        }
        // A particle is never a name's first or last word; a German noun takes "von" too.
        let found = detected(
            "Sie kamen von der Grenze. Eine Stellungnahme von der Terrormiliz lag nicht vor.",
            "de",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_german_body_is_named_after_what_it_is() {
        let found = detected(
            "Das meldete die Nachrichtenagentur AFP. Der Sender CNN und der \
             Inlandsgeheimdienst FSB schwiegen. Die Stiftung Warentest prüfte.",
            "de",
        );
        for name in ["AFP", "CNN", "FSB", "Stiftung Warentest"] {
            assert!(
                found.contains(&(EntityKind::Organization, name.into())),
                "{name}: {found:?}"
            );
        }
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn a_body_then_a_role_and_a_name_are_two_entities() {
        let found = detected(
            "Das zitierte die Nachrichtenagentur AFP Militärsprecherin Tatjana Marchetti.",
            "de",
        );
        assert_eq!(
            found,
            vec![
                (EntityKind::Organization, "AFP".into()),
                (EntityKind::Person, "Tatjana Marchetti".into()),
            ]
        );
        let found = detected(
            "Neither the People's Defence Front nor the government commented.",
            "en",
        );
        assert_eq!(
            found,
            vec![(EntityKind::Organization, "People's Defence Front".into())]
        );
    }

    #[test]
    fn a_name_after_a_preposition_of_place_is_a_place() {
        let found = detected("Residents of west Jackson met in Jackson on Monday.", "en");
        assert!(
            found.contains(&(EntityKind::Place, "Jackson".into())),
            "{found:?}"
        );
        let found = detected("Voluntários improvisam resgates em Canoas.", "pt");
        assert!(
            found.contains(&(EntityKind::Place, "Canoas".into())),
            "{found:?}"
        );
        // Not in German, where every noun is capitalised.
        let found = detected("Das wird sich in Zukunft zeigen.", "de");
        assert!(found.is_empty(), "{found:?}");
    }

    /// The longest name at each word start, left to right, found the slow way: every pattern
    /// tried at every place.
    fn word_start_matches_by_hand(patterns: &[&str], text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let longest = (text.is_char_boundary(at) && may_start_word(text, at))
                .then(|| {
                    (patterns.iter())
                        .filter(|p| text[at..].starts_with(**p))
                        .map(|p| p.len())
                        .max()
                })
                .flatten();
            match longest {
                Some(len) => {
                    out.push((at, at + len));
                    at += len;
                }
                None => at += 1,
            }
        }
        out
    }

    #[test]
    fn names_are_looked_for_where_words_start() {
        let patterns = ["Bar Baz", "Baz", "US", "al-Qaida", "美国", "Putin"];
        let matcher = WordStartMatcher::new(&patterns).unwrap();
        let found = |text: &str| -> Vec<String> {
            (matcher.find_iter(text))
                .map(|m| text[m.start()..m.end()].to_string())
                .collect()
        };
        // A name inside a word is no name, and does not hide the name after it.
        assert_eq!(found("FooBar Baz"), ["Baz"]);
        assert_eq!(found("BUS, US"), ["US"]);
        assert_eq!(found("Bar Baz and Baz"), ["Bar Baz", "Baz"]);
        // After a hyphen, a quote or a CJK character; CJK names with no space before them.
        assert_eq!(
            found("pro-Putin „Putin“ 普京Putin"),
            ["Putin", "Putin", "Putin"]
        );
        assert_eq!(found("对美国人"), ["美国"]);
        assert_eq!(found("the al-Qaida cell, totally"), ["al-Qaida"]);
        assert_eq!(found("Putinism"), ["Putin"]);
        assert!(found("").is_empty() && found("U").is_empty() && found("3US 4Baz").is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Names found at word starts as by trying every name at every word start, with the whole
        /// lexicon's thousands of names: text of their pieces, accents, CJK and marks.
        #[test]
        fn lexicon_matches_are_every_longest_name_at_a_word_start(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Russia", "Russland", "Rus", "Ukrajin", "Ukrajině", "美国", "国人", "Česk", "České",
                "republice", "Vereinigte", "Staaten", "Vereinigten", "al-Qaida", "al", "Ös", "Österreich",
                "É", "États-Unis", "Ét", "ž", "ř", "“", "”", "—", "é", "ü", "ß", "中", "文", " ", "-", ".",
                "x", "1", "U.S.", "U.", "S", "Ne", "New York", "Yor",
            ]), 0..16),
        ) {
            let text: String = pieces.concat();
            let (patterns, _) = lexicon_surfaces();
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let found: Vec<(usize, usize)> = (LEXICON_MATCHER.matcher.find_iter(&text))
                .map(|m| (m.start(), m.end()))
                .collect();
            proptest::prop_assert_eq!(found, word_start_matches_by_hand(&patterns, &text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        /// The pair table and the word-start test in front of the automaton change nothing:
        /// names glued to letters, marks, CJK and each other are found as by trying every name
        /// at every word start.
        #[test]
        fn word_start_matches_are_every_longest_name_at_a_word_start(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Bar", "Bar Baz", "Baz", "US", "U", "S", "al-Qaida", "al", "-", "美国", "人", "普京",
                "Putin", "Putins", "x", "é", "Ü", "1", " ", ".", "„", "\u{301}", "Ba", "z",
            ]), 0..12),
        ) {
            let patterns = ["Bar Baz", "Baz", "US", "al-Qaida", "美国", "Putin", "Ba"];
            let matcher = WordStartMatcher::new(&patterns).unwrap();
            let text: String = pieces.concat();
            let found: Vec<(usize, usize)> =
                matcher.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(found, word_start_matches_by_hand(&patterns, &text));
        }
    }

    #[test]
    fn matches_whole_words_only() {
        let text = "Putinism is not Putin.";
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: text.len(),
        }];
        assert_eq!(find_mentions(text, &blocks, &gaz(), "en").len(), 1);
    }
}

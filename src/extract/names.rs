//! Words and noun phrases: the shallow parsing that speaker attribution and entity detection
//! share. A phrase is read backwards from an attribution verb ("the FSB said") or forwards from
//! it ("said Kremlsprecher Dmitri Peskow am Montag"), over determiners, capitalised words,
//! possessives, role and body nouns and the modifiers that go with them.

use super::cues::{self, LEXICON};
use super::is_cjk;

/// A word or a punctuation mark of a text, by byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// A word (letters, digits, inner apostrophes, hyphens and dots) rather than punctuation.
    pub word: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The words and punctuation marks of `text[start..end]`. CJK characters are one token each run.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let s = &text[start..end];
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 4);
    let mut i = 0;
    while i < s.len() {
        let b = bytes[i];
        // ASCII spaces and punctuation are told apart without decoding (`char::is_whitespace`
        // of ASCII is `\t`..`\r` and the space).
        if matches!(b, b'\t'..=b'\r' | b' ') {
            i += 1;
            continue;
        }
        let (c, clen) = char_at(s, i);
        if !c.is_ascii() && c.is_whitespace() {
            i += clen;
            continue;
        }
        if c.is_alphanumeric() {
            let cjk = is_cjk(c);
            let mut j = i + clen;
            loop {
                if !cjk {
                    // ASCII letters and digits join any word but a CJK run: skipped a byte at a
                    // time, without decoding (most of a Latin-script text).
                    j += bytes[j..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                }
                if j >= s.len() {
                    break;
                }
                if !cjk && bytes[j] < 0x80 && !matches!(bytes[j], b'\'' | b'-' | b'.') {
                    // Any other ASCII byte after a word ends it.
                    break;
                }
                let (d, dlen) = char_at(s, j);
                let joins = if cjk {
                    is_cjk(d)
                } else if d.is_alphanumeric() && !is_cjk(d) {
                    true
                } else if matches!(d, '\'' | '’' | '-' | '.' | '‑') {
                    // Inner apostrophe, hyphen or dot: only between letters ("U.S.", "Al-Rashid").
                    let after = s[j + dlen..].chars().next();
                    after.is_some_and(|a| a.is_alphanumeric() && !is_cjk(a))
                        || (d == '.' && is_initialism(&s[i..j]))
                } else {
                    false
                };
                if !joins {
                    break;
                }
                j += dlen;
            }
            out.push(Token {
                start: start + i,
                end: start + j,
                word: true,
            });
            i = j;
        } else {
            out.push(Token {
                start: start + i,
                end: start + i + clen,
                word: false,
            });
            i += clen;
        }
    }
    out
}

/// The tokens of each block, in the blocks' order.
pub fn block_tokens(text: &str, blocks: &[super::Block]) -> Vec<Vec<Token>> {
    blocks
        .iter()
        .map(|b| tokenize(text, b.start, b.end))
        .collect()
}

/// The character at byte `i` of `s` and its length, without decoding ASCII.
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().expect("a character starts here");
        (c, c.len_utf8())
    }
}

/// "U.S" before its last dot, "J" of "J.": dotted initials keep their final dot.
fn is_initialism(s: &str) -> bool {
    s.split('.').all(|p| {
        let mut chars = p.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    })
}

/// `word` in lowercase, borrowed when it already is (most words): lowercasing every word of a
/// text only to look it up costs an allocation each.
pub fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// Whether a word starts with a capital letter (or is an acronym like "G20").
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A surname with a lowercase particle: "al-Raschid", "d’Estaing", "bin-Salman".
pub fn is_particle_name(word: &str) -> bool {
    [
        "al-", "el-", "bin-", "d'", "d’", "ad-", "as-", "an-", "ibn-",
    ]
    .iter()
    .any(|p| {
        word.strip_prefix(p)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    })
}

/// The word without a possessive ending ("Putin's" → "Putin").
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(w) = word.strip_suffix(suffix)
            && !w.is_empty()
        {
            return w;
        }
    }
    word
}

pub fn is_possessive(word: &str) -> bool {
    strip_possessive(word) != word
}

/// Whether a (lowercase) word is one of [`FUNCTION_WORDS`].
pub fn is_function_word(word_lower: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());
    SET.contains(word_lower)
}

/// Capitalised words that start sentences or clauses but never names (lowercase).
pub const FUNCTION_WORDS: &[&str] = &[
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "when",
    "while",
    "after",
    "before",
    "as",
    "since",
    "meanwhile",
    "however",
    "also",
    "yesterday",
    "today",
    "tomorrow",
    "later",
    "earlier",
    "then",
    "there",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "his",
    "her",
    "their",
    "our",
    "we",
    "they",
    "he",
    "she",
    "i",
    "you",
    "if",
    "so",
    "for",
    "with",
    "from",
    "by",
    "of",
    "to",
    "what",
    "who",
    "why",
    "how",
    "where",
    "both",
    "all",
    "some",
    "many",
    "most",
    "no",
    "not",
    "among",
    "during",
    "despite",
    "although",
    "though",
    "because",
    "until",
    "about",
    "over",
    "under",
    "like",
    "unlike",
    "last",
    "next",
    "unterdessen",
    "am",
    "im",
    "auf",
    "aus",
    "bei",
    "mit",
    "nach",
    "seit",
    "von",
    "vor",
    "zu",
    "zum",
    "zur",
    "und",
    "aber",
    "als",
    "auch",
    "doch",
    "dies",
    "diese",
    "dieser",
    "dieses",
    "es",
    "er",
    "sie",
    "wir",
    "ihr",
    "sein",
    "seine",
    "trotz",
    "wie",
    "wenn",
    "dass",
    "dank",
    "laut",
    "dans",
    "sur",
    "pour",
    "avec",
    "sans",
    "selon",
    "mais",
    "et",
    "ou",
    "il",
    "elle",
    "ils",
    "elles",
    "nous",
    "ce",
    "cette",
    "ces",
    "en",
    "dont",
    "où",
    "après",
    "avant",
    "depuis",
    "pendant",
    "lors",
    "ainsi",
    "cependant",
    "según",
    "pero",
    "y",
    "para",
    "con",
    "sin",
    "desde",
    "durante",
    "tras",
    "este",
    "esta",
    "estos",
    "estas",
    "ese",
    "esa",
    "su",
    "sus",
    "no",
    "em",
    "na",
    "nas",
    "nos",
    "no",
    "com",
    "sem",
    "mas",
    "segundo",
    "após",
    "durante",
    "seu",
    "sua",
    "seus",
    "suas",
    "ele",
    "ela",
    "v",
    "ve",
    "na",
    "po",
    "podle",
    "při",
    "pro",
    "před",
    "za",
    "od",
    "do",
    "ale",
    "a",
    "i",
    "že",
    "když",
    "to",
    "ten",
    "ta",
    "tento",
    "tato",
    "toto",
    "jeho",
    "její",
    "jejich",
    "s",
    "se",
    "z",
    "ze",
    "k",
    "ke",
    "o",
    "u",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// Auxiliaries and adverbs that may stand between a subject and its verb ("Trump had told").
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "also",
    "then",
    "later",
    "again",
    "previously",
    "once",
    "repeatedly",
    "earlier",
    "then",
    "had",
    "reportedly",
    "recently",
    "first",
    "further",
    "publicly",
    "privately",
    "separately",
    "subsequently",
    "himself",
    "herself",
    "itself",
    "only",
    "already",
    "still",
    "hat",
    "habe",
    "hatte",
    "auch",
    "bereits",
    "nun",
    "später",
    "a",
    "avait",
    "aussi",
    "également",
    "ha",
    "había",
    "también",
    "tem",
    "também",
    "také",
    "již",
    "už",
    "then",
    "only",
    "never",
    "not",
    "often",
    "还",
    "也",
    "则",
    "又",
    "曾",
    "再次",
    "进一步",
    "同时",
    "此前",
    "随后",
    "当天",
    "日前",
];

/// Words of a phrase boundary going forward: prepositions of time and place, conjunctions.
const FORWARD_STOPS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "to",
    "that",
    "who",
    "which",
    "when",
    "while",
    "and",
    "but",
    "as",
    "with",
    "from",
    "by",
    "am",
    "im",
    "in",
    "an",
    "bei",
    "nach",
    "vor",
    "gegenüber",
    "der",
    "dass",
    "und",
    "mit",
    "auf",
    "lors",
    "dans",
    "à",
    "au",
    "aux",
    "en",
    "pendant",
    "après",
    "avant",
    "devant",
    "que",
    "qui",
    "et",
    "con",
    "ante",
    "tras",
    "y",
    "el",
    "em",
    "no",
    "na",
    "nos",
    "nas",
    "ao",
    "aos",
    "à",
    "perante",
    "durante",
    "v",
    "ve",
    "při",
    "po",
    "před",
    "pro",
    "že",
    "a",
    "ve",
    "během",
    "jeho",
    "her",
    "his",
    "their",
    "its",
];

/// Prepositions that continue a role phrase ("a spokesperson for the Platform", "Sprecher des
/// Ministeriums", "porte-parole du gouvernement").
const ROLE_PREPOSITIONS: &[&str] = &[
    "for", "of", "at", "des", "der", "von", "du", "de", "del", "da", "do", "dos", "das", "d'",
    "d’", "de la", "pro",
];

/// The lowercase form of a token's text.
fn lower(text: &str, t: &Token) -> String {
    t.text(text).to_lowercase()
}

/// What a word is for phrase building.
fn word_role(text: &str, t: &Token) -> WordRole {
    if !t.word {
        return WordRole::Stop;
    }
    let w = t.text(text);
    let l = w.to_lowercase();
    let base = strip_possessive(&l);
    if cues::pronoun(&l).is_some() {
        return WordRole::Pronoun;
    }
    if LEXICON.determiners.contains(l.as_str()) {
        return WordRole::Determiner;
    }
    if cues::is_role(base) || cues::is_body(base) {
        return WordRole::Head;
    }
    if w.chars().all(is_cjk) {
        return WordRole::Name;
    }
    if is_capitalised(w)
        || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || is_particle_name(w)
    {
        if is_function_word(&l) || LEXICON.verbs.contains(l.as_str()) {
            return WordRole::Function;
        }
        return WordRole::Name;
    }
    if LEXICON.modifiers.contains(l.as_str()) {
        return WordRole::Modifier;
    }
    WordRole::Other
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordRole {
    Stop,
    Pronoun,
    Determiner,
    Head,
    Name,
    Modifier,
    Function,
    Other,
}

/// A noun phrase that can name a speaker: byte range and what it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    /// Holds a capitalised name.
    pub has_name: bool,
    /// Ends in (or holds) a role noun: "spokesman", "Kremlsprecher".
    pub has_role: bool,
    /// Is a personal pronoun.
    pub pronoun: bool,
}

impl Phrase {
    /// Whether the phrase can name a speaker (a name, role, body or pronoun; not "the two men").
    pub fn is_speaker_like(&self) -> bool {
        self.has_name || self.has_role || self.pronoun
    }
}

fn phrase_of(text: &str, tokens: &[Token]) -> Option<Phrase> {
    let first = tokens.first()?;
    let last = tokens.last()?;
    let roles: Vec<WordRole> = tokens.iter().map(|t| word_role(text, t)).collect();
    Some(Phrase {
        start: first.start,
        end: last.end,
        has_name: roles.contains(&WordRole::Name),
        has_role: roles.contains(&WordRole::Head),
        pronoun: tokens.len() == 1 && roles[0] == WordRole::Pronoun,
    })
}

/// The phrase that ends right before token `at` (a verb), read backwards: "Russia's FSB security
/// service", "White House Deputy Press Secretary Hogan Gidley", "she".
pub fn phrase_before(text: &str, tokens: &[Token], at: usize) -> Option<Phrase> {
    let mut j = at;
    // Skip auxiliaries and adverbs ("had told", "also said").
    while j > 0
        && tokens[j - 1].word
        && BETWEEN_SUBJECT_AND_VERB.contains(&lower(text, &tokens[j - 1]).as_str())
    {
        j -= 1;
    }
    let end = j;
    let mut start = j;
    let mut unknown = 0;
    while start > 0 {
        let t = &tokens[start - 1];
        let role = word_role(text, t);
        match role {
            WordRole::Pronoun if start == end => {
                start -= 1;
                break;
            }
            WordRole::Name | WordRole::Head | WordRole::Modifier => start -= 1,
            WordRole::Determiner
                if start >= 3
                    && ROLE_PREPOSITIONS.contains(&lower(text, &tokens[start - 2]).as_str())
                    && matches!(
                        word_role(text, &tokens[start - 3]),
                        WordRole::Head | WordRole::Name
                    ) =>
            {
                start -= 2;
            }
            WordRole::Determiner => {
                start -= 1;
                break;
            }
            WordRole::Other | WordRole::Function
                if start >= 2
                    && ROLE_PREPOSITIONS.contains(&lower(text, t).as_str())
                    && word_role(text, &tokens[start - 2]) == WordRole::Head =>
            {
                start -= 1;
            }
            WordRole::Other
                if unknown == 0
                    && start < end
                    && matches!(
                        word_role(text, &tokens[start]),
                        WordRole::Head | WordRole::Modifier
                    ) =>
            {
                unknown += 1;
                start -= 1;
            }
            _ => break,
        }
    }
    // Drop leading function words (a capitalised "When" is not part of a name).
    while start < end && word_role(text, &tokens[start]) == WordRole::Function {
        start += 1;
    }
    if start == end {
        return None;
    }
    let p = phrase_of(text, &tokens[start..end])?;
    // A phrase of only modifiers is no speaker ("the local").
    (p.has_name || p.has_role || p.pronoun || has_body(text, &tokens[start..end])).then_some(p)
}

fn has_body(text: &str, tokens: &[Token]) -> bool {
    tokens
        .iter()
        .any(|t| cues::is_body(strip_possessive(&lower(text, t))))
}

/// The phrase that starts at token `from` (after an inverted verb): "Kremlsprecher Dmitri
/// Peskow" in "sagte Kremlsprecher Dmitri Peskow am Montag", "a spokesperson for the Civic
/// Justice Platform", "der Kreml" in "teilte der Kreml mit".
pub fn phrase_after(text: &str, tokens: &[Token], from: usize) -> Option<Phrase> {
    let mut end = from;
    let mut has_head = false;
    let mut unknown = 0;
    while end < tokens.len() {
        let t = &tokens[end];
        let l = lower(text, t);
        let role = word_role(text, t);
        if end == from && role == WordRole::Pronoun {
            end += 1;
            break;
        }
        let joins_role = end > from
            && has_head
            && ROLE_PREPOSITIONS.contains(&l.as_str())
            && tokens.get(end + 1).is_some_and(|n| {
                matches!(
                    word_role(text, n),
                    WordRole::Determiner | WordRole::Name | WordRole::Head
                ) || (n.word
                    && LEXICON
                        .bodies
                        .contains(n.text(text).to_lowercase().as_str()))
            });
        if joins_role && role != WordRole::Name {
            end += 1;
            continue;
        }
        match role {
            WordRole::Determiner
                if end == from || (end > from && is_preposition_joined(text, tokens, end)) =>
            {
                end += 1
            }
            WordRole::Name | WordRole::Modifier => {
                if end > from
                    && FORWARD_STOPS.contains(&l.as_str())
                    && !is_capitalised(t.text(text))
                {
                    break;
                }
                end += 1
            }
            WordRole::Head => {
                has_head = true;
                end += 1
            }
            WordRole::Other | WordRole::Function
                if end > from
                    && has_head
                    && ROLE_PREPOSITIONS.contains(&l.as_str())
                    && tokens.get(end + 1).is_some_and(|n| {
                        matches!(
                            word_role(text, n),
                            WordRole::Determiner | WordRole::Name | WordRole::Head
                        )
                    }) =>
            {
                end += 1
            }
            WordRole::Other
                if has_head
                    && !FORWARD_STOPS.contains(&l.as_str())
                    && (1..=3).any(|d| {
                        tokens
                            .get(end + d)
                            .is_some_and(|n| n.word && is_capitalised(n.text(text)))
                            && tokens[end..end + d]
                                .iter()
                                .all(|m| m.word && !is_capitalised(m.text(text)))
                    }) =>
            {
                end += 1
            }
            WordRole::Other
                if unknown == 0
                    && !FORWARD_STOPS.contains(&l.as_str())
                    && tokens
                        .get(end + 1)
                        .is_some_and(|n| word_role(text, n) == WordRole::Head) =>
            {
                unknown += 1;
                end += 1
            }
            _ => break,
        }
    }
    // Trailing determiners or prepositions do not end a phrase.
    while end > from
        && matches!(
            word_role(text, &tokens[end - 1]),
            WordRole::Determiner | WordRole::Other | WordRole::Function
        )
    {
        end -= 1;
    }
    if end == from {
        return None;
    }
    let p = phrase_of(text, &tokens[from..end])?;
    (p.has_name || p.has_role || p.pronoun || has_body(text, &tokens[from..end])).then_some(p)
}

fn is_preposition_joined(text: &str, tokens: &[Token], at: usize) -> bool {
    at > 0 && ROLE_PREPOSITIONS.contains(&lower(text, &tokens[at - 1]).as_str())
}

/// The last speaker-like phrase among `tokens[from..to]` (a fallback when the verb's subject is
/// not right before it: "when Trump emerged to tell reporters").
pub fn last_phrase_in(text: &str, tokens: &[Token], from: usize, to: usize) -> Option<Phrase> {
    let mut k = to;
    while k > from {
        if let Some(p) = phrase_before(text, tokens, k)
            && p.start >= tokens[from].start
            && p.is_speaker_like()
            && !p.pronoun
        {
            return Some(p);
        }
        k -= 1;
    }
    None
}

/// The person's name inside a speaker phrase: the capitalised words after its last title or
/// role ("White House Deputy Press Secretary Hogan Gidley" → "Hogan Gidley", "Kremlsprecher
/// Dmitri Peskow" → "Dmitri Peskow", "Russia's Vladimir Putin" → "Vladimir Putin").
pub fn name_in_phrase(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let tokens = tokenize(text, start, end);
    let mut name_start = None;
    let mut complement = false;
    for (k, t) in tokens.iter().enumerate() {
        let w = t.text(text);
        let l = w.to_lowercase();
        // Words after "of"/"des"/"da" complete a role ("ministre des Transports"), not a name.
        if ROLE_PREPOSITIONS.contains(&l.as_str()) && k > 0 {
            complement = true;
        }
        if complement {
            name_start = None;
            continue;
        }
        let titled = LEXICON.titles.contains(l.as_str())
            || cues::is_role(&l)
            || LEXICON.bodies.contains(l.as_str());
        if !t.word || titled || is_possessive(w) || !is_capitalised(w) {
            name_start = None;
            continue;
        }
        if name_start.is_none() {
            name_start = Some(k);
        }
    }
    let k = name_start?;
    let last = tokens.last()?;
    if !is_capitalised(last.text(text)) || is_possessive(last.text(text)) {
        return None;
    }
    Some((tokens[k].start, last.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str, verb: &str) -> Option<String> {
        let tokens = tokenize(text, 0, text.len());
        let at = tokens.iter().position(|t| t.text(text) == verb)?;
        phrase_before(text, &tokens, at).map(|p| text[p.start..p.end].to_string())
    }

    fn after(text: &str, verb: &str) -> Option<String> {
        let tokens = tokenize(text, 0, text.len());
        let at = tokens.iter().position(|t| t.text(text) == verb)?;
        phrase_after(text, &tokens, at + 1).map(|p| text[p.start..p.end].to_string())
    }

    #[test]
    fn tokens_keep_abbreviations_and_possessives() {
        let t = "U.S. President Donald J. Trump's office, Al-Rashid.";
        let words: Vec<&str> = tokenize(t, 0, t.len())
            .iter()
            .filter(|x| x.word)
            .map(|x| x.text(t))
            .collect();
        assert_eq!(
            words,
            [
                "U.S.",
                "President",
                "Donald",
                "J.",
                "Trump's",
                "office",
                "Al-Rashid"
            ]
        );
    }

    #[test]
    fn subjects_read_backwards() {
        assert_eq!(
            before("On Friday, Russia's FSB security service said", "said").as_deref(),
            Some("Russia's FSB security service")
        );
        assert_eq!(
            before(
                "\" White House Deputy Press Secretary Hogan Gidley said",
                "said"
            )
            .as_deref(),
            Some("White House Deputy Press Secretary Hogan Gidley")
        );
        assert_eq!(
            before("Both leaders, Putin's office said", "said").as_deref(),
            Some("Putin's office")
        );
        assert_eq!(
            before("the White House said that Trump had told Putin", "told").as_deref(),
            Some("Trump")
        );
        assert_eq!(before("what the two men said", "said"), None);
        assert_eq!(
            before("\" a local shop owner said", "said").as_deref(),
            Some("a local shop owner")
        );
        assert_eq!(
            before("Moscows Foreign ministry spokeswoman reminded", "reminded").as_deref(),
            Some("Moscows Foreign ministry spokeswoman")
        );
    }

    #[test]
    fn inverted_subjects_read_forwards() {
        assert_eq!(
            after(
                "sagte Kremlsprecher Dmitri Peskow am Montag in Moskau.",
                "sagte"
            )
            .as_deref(),
            Some("Kremlsprecher Dmitri Peskow")
        );
        assert_eq!(
            after("sagte der russische Botschafter in den USA", "sagte").as_deref(),
            Some("der russische Botschafter")
        );
        assert_eq!(
            after(
                "said a spokesperson for the Civic Justice Platform.",
                "said"
            )
            .as_deref(),
            Some("a spokesperson for the Civic Justice Platform")
        );
        assert_eq!(
            after("teilte der Kreml mit.", "teilte").as_deref(),
            Some("der Kreml")
        );
        assert_eq!(
            after(
                "a déclaré le porte-parole du gouvernement, Paul Martin.",
                "déclaré"
            )
            .as_deref(),
            Some("le porte-parole du gouvernement")
        );
        assert_eq!(
            after("dijo el portavoz del Ministerio de Defensa.", "dijo").as_deref(),
            Some("el portavoz del Ministerio de Defensa")
        );
    }

    #[test]
    fn names_lose_their_titles() {
        let t = "White House Deputy Press Secretary Hogan Gidley";
        let (s, e) = name_in_phrase(t, 0, t.len()).unwrap();
        assert_eq!(&t[s..e], "Hogan Gidley");
        let t = "Kremlsprecher Dmitri Peskow";
        let (s, e) = name_in_phrase(t, 0, t.len()).unwrap();
        assert_eq!(&t[s..e], "Dmitri Peskow");
        let t = "Putin's office";
        assert_eq!(name_in_phrase(t, 0, t.len()), None);
    }

    /// `tokenize` as first written, over `char_indices`: the byte-stepping version must agree.
    fn tokenize_char_by_char(text: &str, start: usize, end: usize) -> Vec<Token> {
        let mut out = Vec::new();
        let s = &text[start..end];
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphanumeric() {
                let cjk = is_cjk(c);
                let mut j = i + c.len_utf8();
                while let Some(&(k, d)) = iter.peek() {
                    let joins = if cjk {
                        is_cjk(d)
                    } else if d.is_alphanumeric() && !is_cjk(d) {
                        true
                    } else if matches!(d, '\'' | '’' | '-' | '.' | '‑') {
                        // Inner apostrophe, hyphen or dot: only between letters ("U.S.", "Al-Rashid").
                        let after = s[k + d.len_utf8()..].chars().next();
                        after.is_some_and(|a| a.is_alphanumeric() && !is_cjk(a))
                            || (d == '.' && is_initialism(&s[i..k]))
                    } else {
                        false
                    };
                    if !joins {
                        break;
                    }
                    j = k + d.len_utf8();
                    iter.next();
                }
                out.push(Token {
                    start: start + i,
                    end: start + j,
                    word: true,
                });
            } else {
                out.push(Token {
                    start: start + i,
                    end: start + i + c.len_utf8(),
                    word: false,
                });
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        #[test]
        fn tokens_are_those_of_the_char_by_char_tokenizer(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Putin", "U.S.", "J.", "Al-Rashid", "d’Estaing", "it's", "3.5", "G20", "'", "’",
                "-", "‑", ".", ",", "“", "”", "«", "»", " ", "  ", "\n", "\t", "\u{a0}", "\u{3000}",
                "王刚", "说", "。", "美国人", "é", "Ünter", "x", "A", "b", "_", "\u{301}", "١٢",
                "ſ", "K", "😀", "a.b", "A.B.C", "...",
            ]), 0..40),
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(
                tokenize(&text, 0, text.len()),
                tokenize_char_by_char(&text, 0, text.len())
            );
        }
    }
}

//! The claims matrix: each claim × each source → supports / mentions / silent, with the sentence
//! that decided it.

use regex::{Regex, RegexBuilder};
use serde::Serialize;

use super::sentence_around;
use crate::extract::Document;
use crate::manifest::{ClaimDef, MatchRule};

/// What a source does with a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Mentions,
    Silent,
}

/// One cell of the matrix: the stance and the evidence sentence's byte range.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimCell {
    pub stance: Stance,
    pub evidence: Option<(usize, usize)>,
}

/// A claim with a cell per document (in document order).
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub id: String,
    pub statement: String,
    pub cells: Vec<ClaimCell>,
}

struct Compiled {
    regex: Regex,
    all_terms: Vec<Regex>,
    language: Option<String>,
}

/// A term as a case-insensitive whole-word pattern; a term of four or more letters that ends
/// in a letter also matches its inflected forms (`thank` → thanks, thanked, thanking).
pub fn term_pattern(term: &str) -> String {
    let t = term.trim();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut p = String::new();
    if word(t.chars().next()) {
        p.push_str(r"\b");
    }
    p.push_str(&regex::escape(t));
    if word(t.chars().next_back()) {
        if t.chars().count() >= 4 && t.chars().next_back().is_some_and(char::is_alphabetic) {
            p.push_str(r"\w{0,3}");
        }
        p.push_str(r"\b");
    }
    p
}

fn compile(rule: &MatchRule) -> Compiled {
    // Patterns are checked when the manifest is read; one that still fails matches nothing.
    let never = || Regex::new("$^").expect("an empty pattern compiles");
    let term = |t: &str| {
        RegexBuilder::new(&term_pattern(t))
            .case_insensitive(true)
            .build()
            .unwrap_or_else(|_| never())
    };
    Compiled {
        regex: rule
            .pattern
            .as_deref()
            .and_then(|p| Regex::new(p).ok())
            .unwrap_or_else(never),
        all_terms: rule.terms.iter().map(|t| term(t)).collect(),
        language: rule.language.clone(),
    }
}

/// The first sentence of `doc` that a rule matches.
fn first_match(doc: &Document, rules: &[Compiled]) -> Option<(usize, usize)> {
    let lang = doc
        .metadata
        .language
        .as_ref()
        .map(|l| l.value.as_str())
        .unwrap_or("");
    let mut best: Option<(usize, usize)> = None;
    for r in rules {
        if r.language.as_deref().is_some_and(|l| !lang.starts_with(l)) {
            continue;
        }
        let found = if r.all_terms.is_empty() {
            r.regex
                .find(&doc.text)
                .map(|m| sentence_around(&doc.text, m.start(), m.end()))
        } else {
            // All terms in one sentence: walk the sentences holding the first term.
            r.all_terms[0]
                .find_iter(&doc.text)
                .map(|m| sentence_around(&doc.text, m.start(), m.end()))
                .find(|&(s, e)| r.all_terms[1..].iter().all(|t| t.is_match(&doc.text[s..e])))
        };
        if let Some(f) = found
            && best.is_none_or(|b| f.0 < b.0)
        {
            best = Some(f);
        }
    }
    best
}

/// Evaluates every claim against every document.
pub fn evaluate(claims: &[ClaimDef], docs: &[Document]) -> Vec<Claim> {
    claims
        .iter()
        .map(|c| {
            let supports: Vec<Compiled> = c.supports.iter().map(compile).collect();
            let mentions: Vec<Compiled> = c.mentions.iter().map(compile).collect();
            let cells = docs
                .iter()
                .map(|d| {
                    if let Some(ev) = first_match(d, &supports) {
                        ClaimCell {
                            stance: Stance::Supports,
                            evidence: Some(ev),
                        }
                    } else if let Some(ev) = first_match(d, &mentions) {
                        ClaimCell {
                            stance: Stance::Mentions,
                            evidence: Some(ev),
                        }
                    } else {
                        ClaimCell {
                            stance: Stance::Silent,
                            evidence: None,
                        }
                    }
                })
                .collect();
            Claim {
                id: c.id.clone(),
                statement: c.statement.clone(),
                cells,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Block, BlockKind, Editorial, EntityNames, Field, Metadata, Origin};

    fn doc(text: &str, language: &str) -> Document {
        Document {
            id: "d".into(),
            file: "d.txt".into(),
            format: crate::load::SourceFormat::Text,
            encoding: "UTF-8",
            metadata: Metadata {
                language: Some(Field::new(language.into(), Origin::Manifest)),
                ..Metadata::default()
            },
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

    fn claim() -> ClaimDef {
        let terms = |t: &[&str], language: Option<&str>| MatchRule {
            terms: t.iter().map(|s| s.to_string()).collect(),
            pattern: None,
            language: language.map(str::to_string),
        };
        ClaimDef {
            id: "tip".into(),
            statement: "US intelligence supplied the tip.".into(),
            supports: vec![
                terms(&["intelligence", "thank"], None),
                terms(&["Geheimdienst", "gedankt"], Some("de")),
            ],
            mentions: vec![terms(&["intelligence"], None)],
        }
    }

    #[test]
    fn all_terms_in_one_sentence_support() {
        let docs = [
            doc(
                "Nothing here. Putin thanked the US for intelligence. More.",
                "en",
            ),
            doc("US intelligence was mentioned. Putin thanked Trump.", "en"),
            doc("Silence.", "en"),
            doc("Putin hat dem Geheimdienst gedankt.", "de"),
            doc("Putin hat dem Geheimdienst gedankt.", "en"),
        ];
        let c = &evaluate(&[claim()], &docs)[0];
        let stances: Vec<Stance> = c.cells.iter().map(|c| c.stance).collect();
        assert_eq!(
            stances,
            [
                Stance::Supports,
                Stance::Mentions,
                Stance::Silent,
                Stance::Supports,
                Stance::Silent
            ]
        );
        let (s, e) = c.cells[0].evidence.unwrap();
        assert_eq!(
            &docs[0].text[s..e],
            "Putin thanked the US for intelligence."
        );
        let (s, e) = c.cells[1].evidence.unwrap();
        assert_eq!(&docs[1].text[s..e], "US intelligence was mentioned.");
    }

    #[test]
    fn terms_match_whole_words_and_inflections() {
        let re = |t: &str| {
            RegexBuilder::new(&term_pattern(t))
                .case_insensitive(true)
                .build()
                .unwrap()
        };
        assert!(re("thank").is_match("He thanked them"));
        assert!(re("CIA").is_match("the CIA said"));
        assert!(!re("CIA").is_match("the CIAO bar"));
        assert!(!re("IS").is_match("this island"));
        assert!(re("U.S.").is_match("the U.S. said"));
        assert!(re("special services").is_match("via the Special Services"));
    }
}

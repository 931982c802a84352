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

fn compile(rule: &MatchRule) -> Compiled {
    let term = |t: &str| {
        RegexBuilder::new(&format!(r"\b{}\b", regex::escape(t)))
            .case_insensitive(true)
            .build()
            .unwrap_or_else(|_| Regex::new("$^").unwrap())
    };
    Compiled {
        regex: rule
            .pattern
            .as_deref()
            .and_then(|p| Regex::new(p).ok())
            .unwrap_or_else(|| Regex::new("$^").unwrap()),
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

//! Speakers: for each speech quote, who said it and the attribution cue, from the same sentence
//! ("…," the Kremlin said), the sentence before, or the last named speaker.

use regex::Regex;
use std::sync::LazyLock;

use super::{Block, Gazetteer, Mention, Quote, QuoteKind};

static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(said|says|told reporters|told|added|noted|stated|wrote|according to|sagte|erklärte|betonte|a déclaré|a dit|dijo|afirmó|disse|řekl|řekla)\b").unwrap()
});

static NAME_AFTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:said|says|sagte|erklärte|told reporters)?\s*((?:the\s+|der\s+|die\s+)?(?:[A-Z][\w'’.-]+\s+){0,4}[A-Z][\w'’.-]+)").unwrap()
});

static NAME_BEFORE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:the\s+|The\s+)?(?:[A-Z][\w'’.-]+\s+){0,4}[A-Z][\w'’.-]+|[Hh]e|[Ss]he|[Ee]r|[Ss]ie)\s+(?:said|says|told|added|wrote|noted|sagte|erklärte)\b").unwrap()
});

/// Fills `speaker`, `speaker_entity` and `cue` of speech quotes.
pub fn attribute(
    text: &str,
    _blocks: &[Block],
    quotes: &mut [Quote],
    mentions: &[Mention],
    gazetteer: &Gazetteer,
    _language: &str,
) {
    let mut last_speaker: Option<String> = None;
    for q in quotes.iter_mut().filter(|q| q.kind == QuoteKind::Speech) {
        let after_end = text[q.outer_end..]
            .find(['\n'])
            .map_or(text.len(), |i| q.outer_end + i);
        let after = &text[q.outer_end..after_end];
        let after_sentence = after
            .split_inclusive(['.', '!', '?'])
            .next()
            .unwrap_or(after);
        let line_start = text[..q.outer_start].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..q.outer_start];
        let mut speaker = None;
        let mut cue = None;
        if let Some(c) = CUE.find(after_sentence) {
            cue = Some(c.as_str().to_string());
            if let Some(m) = NAME_BEFORE_CUE.captures(after_sentence) {
                speaker = Some(m[1].to_string());
            } else if let Some(m) = NAME_AFTER_CUE.captures(&after_sentence[c.end()..]) {
                speaker = Some(m[1].to_string());
            }
        } else if let Some(c) = CUE.find_iter(before).last() {
            cue = Some(c.as_str().to_string());
            if let Some(m) = NAME_BEFORE_CUE.captures_iter(before).last() {
                speaker = Some(m[1].to_string());
            } else if let Some(m) = NAME_AFTER_CUE.captures(&before[c.end()..]) {
                speaker = Some(m[1].to_string());
            }
        }
        let speaker = match speaker.as_deref() {
            Some("he" | "He" | "she" | "She" | "er" | "Er" | "sie" | "Sie") => last_speaker.clone(),
            Some(s) => Some(s.trim().to_string()),
            None => None,
        };
        if let Some(s) = &speaker {
            last_speaker = Some(s.clone());
            q.speaker_entity = mentions
                .iter()
                .find(|m| s.contains(&text[m.start..m.end]))
                .map(|m| m.entity.clone())
                .or_else(|| gazetteer.lookup(s).map(|e| e.name.clone()));
        }
        q.speaker = speaker;
        q.cue = cue;
    }
}

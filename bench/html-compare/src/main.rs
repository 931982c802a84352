//! Measures HTML main-content extractors on saved pages: ours (`dossier`), rs-trafilatura,
//! trafilatura (the Rust port of go-trafilatura) and dom_smoothie (Readability).
//!
//! usage: cargo run --release -- CASES_DIR [REPEAT]      (VERBOSE=1: one line per page)
//!        cargo run --release -- --dump EXTRACTOR FILE   (one extractor's body text)
//!        cargo run --release -- --path FILE SNIPPET     (the elements above a text)
//!
//! A case is `NAME.html` with either `NAME.expected.txt` (the article body, headline excluded;
//! scored by token F1: lower-cased word multisets) or `NAME.snippets.json` (`{"with": [...],
//! "without": [...]}`, trafilatura's evaluation format: strings the body must and must not
//! contain). Prints per-extractor F1 (micro over tokens / snippets) and speed in MB/s on one
//! core.

use std::collections::HashMap;
use std::time::{Duration, Instant};

type Extractor = fn(&str) -> String;

fn ours(html: &str) -> String {
    let page = dossier::extract::html::extract_page(html);
    page.blocks
        .iter()
        .filter(|b| b.kind != dossier::extract::BlockKind::Title)
        .map(|b| &page.text[b.start..b.end])
        .collect::<Vec<_>>()
        .join("\n")
}

fn rs_trafilatura(html: &str) -> String {
    rs_trafilatura::extract(html)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn trafilatura_port(html: &str) -> String {
    trafilatura::extract(html, &trafilatura::Options::default())
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn dom_smoothie(html: &str) -> String {
    dom_smoothie::Readability::new(html, None, None)
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

/// Scripts written without spaces between words: each character counts as a token there, so
/// one missed sentence costs its characters, not one giant "word".
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // CJK ideographs
    )
}

fn tokens(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    let mut word = String::new();
    let flush = |w: &mut String, m: &mut HashMap<String, usize>| {
        if !w.is_empty() {
            *m.entry(w.to_lowercase()).or_default() += 1;
            w.clear();
        }
    };
    for c in s.chars() {
        if unspaced(c) {
            flush(&mut word, &mut m);
            *m.entry(c.to_string()).or_default() += 1;
        } else if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut m);
        }
    }
    flush(&mut word, &mut m);
    m
}

/// (true positives, predicted, expected) over tokens.
fn token_counts(pred: &str, gold: &str) -> (usize, usize, usize) {
    let (p, g) = (tokens(pred), tokens(gold));
    let tp = p
        .iter()
        .map(|(t, n)| (*n).min(*g.get(t).unwrap_or(&0)))
        .sum();
    (tp, p.values().sum(), g.values().sum())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Tally {
    tp: usize,
    pred: usize,
    gold: usize,
    snip_tp: usize,
    snip_fn: usize,
    snip_fp: usize,
    f1_per_page: Vec<f64>,
    time: Duration,
    bytes: usize,
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--dump") {
        // --dump EXTRACTOR_PREFIX FILE: print one extractor's body text, to see why it scores so.
        let which = std::env::args().nth(2).expect("--dump EXTRACTOR FILE");
        let file = std::env::args().nth(3).expect("--dump EXTRACTOR FILE");
        let html = std::fs::read_to_string(&file).unwrap();
        let f: Extractor = match which.as_str() {
            "dossier" => ours,
            "rs-trafilatura" => rs_trafilatura,
            "trafilatura" => trafilatura_port,
            _ => dom_smoothie,
        };
        println!("{}", f(&html));
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("--path") {
        // --path FILE SNIPPET: the chain of elements (tag.class#id) above the text holding SNIPPET.
        let file = std::env::args().nth(2).expect("--path FILE SNIPPET");
        let needle = std::env::args().nth(3).expect("--path FILE SNIPPET");
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        for node in doc.tree.nodes() {
            if let scraper::Node::Text(t) = node.value()
                && t.contains(needle.as_str())
            {
                let chain: Vec<String> = node
                    .ancestors()
                    .filter_map(scraper::ElementRef::wrap)
                    .map(|e| {
                        let v = e.value();
                        format!(
                            "{}.{}#{}",
                            v.name(),
                            v.attr("class").unwrap_or(""),
                            v.attr("id").unwrap_or("")
                        )
                    })
                    .collect();
                println!(
                    "{}",
                    chain.into_iter().rev().collect::<Vec<_>>().join("\n  > ")
                );
                println!("--");
            }
        }
        return;
    }
    let dir = std::env::args()
        .nth(1)
        .expect("usage: html-compare CASES_DIR [REPEAT]");
    let repeat: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let extractors: [(&str, Extractor); 4] = [
        ("dossier (ours)", ours),
        ("rs-trafilatura 0.2", rs_trafilatura),
        ("trafilatura 0.6", trafilatura_port),
        ("dom_smoothie 0.19", dom_smoothie),
    ];
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    cases.sort();
    let mut tallies: Vec<Tally> = extractors.iter().map(|_| Tally::default()).collect();
    let verbose = std::env::var("VERBOSE").is_ok();
    for path in &cases {
        let html = std::fs::read_to_string(path).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("expected.txt")).ok();
        let snippets: Option<serde_json::Value> =
            std::fs::read_to_string(path.with_extension("snippets.json"))
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok());
        for ((name, f), t) in extractors.iter().zip(tallies.iter_mut()) {
            let start = Instant::now();
            let mut out = String::new();
            for _ in 0..repeat {
                out = f(&html);
            }
            t.time += start.elapsed();
            t.bytes += html.len() * repeat;
            let mut line = format!(
                "{:<36} {name:<20}",
                path.file_name().unwrap().to_string_lossy()
            );
            if let Some(gold) = &expected {
                let (tp, p, g) = token_counts(&out, gold);
                t.tp += tp;
                t.pred += p;
                t.gold += g;
                let (pr, rc) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
                let f1 = if pr + rc > 0.0 {
                    2.0 * pr * rc / (pr + rc)
                } else {
                    0.0
                };
                t.f1_per_page.push(f1);
                line += &format!(" P={pr:.3} R={rc:.3} F1={f1:.3}");
            }
            if let Some(s) = &snippets {
                let text = squash(&out);
                let (mut found, mut with, mut leaked, mut without) = (0, 0, 0, 0);
                for w in s["with"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str())
                {
                    with += 1;
                    if text.contains(&squash(w)) {
                        found += 1
                    }
                }
                for w in s["without"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str())
                {
                    without += 1;
                    if text.contains(&squash(w)) {
                        leaked += 1
                    }
                }
                t.snip_tp += found;
                t.snip_fn += with - found;
                t.snip_fp += leaked;
                line += &format!(" with={found}/{with} without-leaked={leaked}/{without}");
            }
            if verbose {
                println!("{line}");
            }
        }
    }
    println!(
        "| extractor | token P | token R | token F1 (micro) | F1 mean per page | snippet P | snippet R | snippet F1 | MB/s (1 core) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for ((name, _), t) in extractors.iter().zip(&tallies) {
        let (p, r) = (
            t.tp as f64 / t.pred.max(1) as f64,
            t.tp as f64 / t.gold.max(1) as f64,
        );
        let f1 = 2.0 * p * r / (p + r).max(1e-9);
        let mean = t.f1_per_page.iter().sum::<f64>() / t.f1_per_page.len().max(1) as f64;
        let (sp, sr) = (
            t.snip_tp as f64 / (t.snip_tp + t.snip_fp).max(1) as f64,
            t.snip_tp as f64 / (t.snip_tp + t.snip_fn).max(1) as f64,
        );
        let sf = 2.0 * sp * sr / (sp + sr).max(1e-9);
        let mbs = t.bytes as f64 / 1e6 / t.time.as_secs_f64();
        println!(
            "| {name} | {p:.3} | {r:.3} | {f1:.3} | {mean:.3} | {sp:.3} | {sr:.3} | {sf:.3} | {mbs:.1} |"
        );
    }
    println!(
        "({} pages: {} with expected text, {} with snippets)",
        cases.len(),
        cases
            .iter()
            .filter(|p| p.with_extension("expected.txt").exists())
            .count(),
        cases
            .iter()
            .filter(|p| p.with_extension("snippets.json").exists())
            .count()
    );
}

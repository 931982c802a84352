//! Cross-linking on a small generated dossier (`../shared/tools/gen-corpus`) without its
//! events, scored against the generator's truth: events clustered with high purity, quote
//! groups mostly right. Skips (passing) when the generator or python3 is not there.

mod common;

use std::collections::HashMap;
use std::process::Command;

fn norm(t: &str) -> String {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn c2(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

#[test]
fn a_generated_dossier_without_events_is_clustered_and_its_quotes_grouped() {
    let Some(gen_corpus) = common::gen_corpus() else {
        eprintln!("skipped: ../shared/tools/gen-corpus (or python3) is not available");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let truth_path = tmp.path().join("truth.json");
    let status = Command::new("python3")
        .arg(&gen_corpus)
        .args(["--sources", "240", "--seed", "7", "--out"])
        .arg(&dir)
        .arg("--truth")
        .arg(&truth_path)
        .output()
        .expect("run gen-corpus");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    // No events in the manifest: drop the section and every `event:` line.
    let yaml = std::fs::read_to_string(dir.join("dossier.yaml")).unwrap();
    let mut stripped = String::new();
    let mut skipping = false;
    for line in yaml.lines() {
        if line.starts_with("events:") {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.starts_with('-')) {
            continue;
        }
        skipping = false;
        if !line.trim_start().starts_with("event:") {
            stripped.push_str(line);
            stripped.push('\n');
        }
    }
    std::fs::write(dir.join("dossier.yaml"), stripped).unwrap();

    let prepared = match dossier::pipeline::prepare(&dir, None) {
        Ok(p) => p,
        Err(problems) => panic!("{problems:?}"),
    };
    let d = &prepared.dossier;
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&truth_path).unwrap()).unwrap();
    let truth_sources: HashMap<&str, &serde_json::Value> = truth["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s))
        .collect();

    // Events: purity and inverse purity over sources (unassigned sources are clusters of one).
    let n = d.documents.len();
    let mut cells: HashMap<(String, &str), usize> = HashMap::new();
    for (i, doc) in d.documents.iter().enumerate() {
        let tool = d.links[i]
            .event
            .map_or(format!("none:{}", doc.id), |e| d.events[e].id.clone());
        let t = truth_sources[doc.id.as_str()]["event"].as_str().unwrap();
        *cells.entry((tool, t)).or_default() += 1;
    }
    let mut best_cluster: HashMap<&String, usize> = HashMap::new();
    let mut best_class: HashMap<&str, usize> = HashMap::new();
    for ((c, t), k) in &cells {
        let b = best_cluster.entry(c).or_default();
        *b = (*b).max(*k);
        let b = best_class.entry(t).or_default();
        *b = (*b).max(*k);
    }
    let purity = best_cluster.values().sum::<usize>() as f64 / n as f64;
    let inverse = best_class.values().sum::<usize>() as f64 / n as f64;
    assert!(
        purity >= 0.95 && inverse >= 0.9,
        "purity {purity}, inverse purity {inverse}"
    );
    assert!(
        d.events
            .iter()
            .all(|e| !e.from_manifest && !e.title.is_empty())
    );

    // Quote groups: pairs of quotes in one tool group that the truth also groups.
    let mut label: HashMap<(usize, usize), String> = HashMap::new();
    for (i, doc) in d.documents.iter().enumerate() {
        let tq = truth_sources[doc.id.as_str()]["quotes"].as_array().unwrap();
        let mut used = vec![false; tq.len()];
        for (k, q) in doc.quotes.iter().enumerate() {
            let text = norm(&q.text);
            if let Some(j) =
                (0..tq.len()).find(|&j| !used[j] && norm(tq[j]["text"].as_str().unwrap()) == text)
            {
                used[j] = true;
                if let Some(g) = tq[j]["group"].as_str() {
                    label.insert((i, k), g.to_string());
                }
            }
        }
    }
    let (mut predicted, mut hits) = (0usize, 0usize);
    for g in &d.quote_groups {
        predicted += c2(g.members.len());
        let mut by_label: HashMap<&String, usize> = HashMap::new();
        for m in &g.members {
            if let Some(l) = label.get(&(m.doc, m.quote)) {
                *by_label.entry(l).or_default() += 1;
            }
        }
        hits += by_label.values().map(|&k| c2(k)).sum::<usize>();
    }
    let precision = hits as f64 / predicted.max(1) as f64;
    let mut per_label: HashMap<&String, usize> = HashMap::new();
    for l in label.values() {
        *per_label.entry(l).or_default() += 1;
    }
    let truth_pairs: usize = per_label.values().map(|&k| c2(k)).sum();
    let recall = hits as f64 / truth_pairs.max(1) as f64;
    eprintln!("quote pairs: precision {precision:.3}, recall {recall:.3}");
    assert!(
        d.quote_groups.len() >= 20,
        "{} groups",
        d.quote_groups.len()
    );
    assert!(
        precision >= 0.6,
        "pair precision {precision} ({hits}/{predicted})"
    );
    assert!(recall >= 0.7, "pair recall {recall} ({hits}/{truth_pairs})");
}

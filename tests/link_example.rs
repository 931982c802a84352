//! Cross-linking end to end on the example dossier: entity pages across languages, the same
//! quote across outlets, events with and without the manifest's `events:`, the claims matrix,
//! the timeline and `dossier.json`.

mod common;
use common::*;

use std::path::Path;

fn json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&read(out, "dossier.json")).expect("dossier.json is JSON")
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

const ALL: [&str; 5] = [
    "7dnews-2019-12-31",
    "breitbart-2019-12-30",
    "dw-2017-12-17",
    "nau-2017-12-18",
    "rferl-2019-12-29",
];

#[test]
fn putins_page_lists_all_five_sources_the_german_one_through_its_spelling() {
    let (_tmp, out) = build_example(&[]);
    let page = read(&out, "entities/vladimir-putin.html");
    for id in ALL {
        assert!(
            page.contains(&format!("sources/{id}.html")),
            "Putin's page links {id}"
        );
    }
    assert!(
        page.contains("Wladimir Putin"),
        "the German spelling is shown"
    );
    assert!(
        page.contains("lang=\"de\""),
        "the German sentence is marked as German"
    );
    // Every mention in a source page links to its entity page.
    let nau = read(&out, "sources/nau-2017-12-18.html");
    assert!(nau.contains("href=\"../entities/vladimir-putin.html\">Wladimir Putin</a>"));
    let d = json(&out);
    let putin = d["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "vladimir-putin")
        .unwrap();
    assert_eq!(ids(&putin["sources"]), ALL);
    assert_eq!(putin["kind"], "people");
}

#[test]
fn the_kremlin_thanks_are_one_group_with_both_renderings_and_a_diff() {
    let (_tmp, out) = build_example(&[]);
    let d = json(&out);
    let groups = d["quote_groups"].as_array().unwrap();
    let thanks = groups
        .iter()
        .find(|g| g["text"].as_str().unwrap().contains("special services"))
        .expect("a group for the Kremlin's thanks");
    let members: Vec<&str> = thanks["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m[0].as_str().unwrap())
        .collect();
    assert!(members.contains(&"rferl-2019-12-29") && members.contains(&"breitbart-2019-12-30"));
    let page = read(
        &out,
        &format!("quotes/{}.html", thanks["id"].as_str().unwrap()),
    );
    assert!(
        page.contains("<ins>transmitted</ins>") || page.contains("<del>transmitted</del>"),
        "a word-level diff"
    );
    assert!(page.contains("sources/rferl-2019-12-29.html#q"));
    assert!(page.contains("sources/breitbart-2019-12-30.html#q"));
    // The source page's quote links to the group.
    let rferl = read(&out, "sources/rferl-2019-12-29.html");
    assert!(rferl.contains(&format!("quotes/{}.html", thanks["id"].as_str().unwrap())));
    // Each quote in dossier.json names its group.
    let src = d["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "rferl-2019-12-29")
        .unwrap();
    assert!(
        src["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["group"] == thanks["id"])
    );
}

/// The example dossier copied without its `events:` section and `event:` lines.
fn example_without_events() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let repo = repo();
    let yaml = std::fs::read_to_string(repo.join("dossier.yaml")).unwrap();
    let mut out = String::new();
    let mut skipping = false;
    for line in yaml.lines() {
        if line.starts_with("events:") {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.starts_with('-') || line.trim().is_empty()) {
            continue;
        }
        skipping = false;
        if line.trim_start().starts_with("event:") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    assert!(
        !out.lines()
            .any(|l| l.starts_with("events:") || l.trim_start().starts_with("event:"))
    );
    std::fs::write(tmp.path().join("dossier.yaml"), out).unwrap();
    for entry in walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .flatten()
    {
        let rel = entry.path().strip_prefix(&repo).unwrap();
        let dest = tmp.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    tmp
}

#[test]
fn without_events_in_the_manifest_the_example_still_has_its_two_events() {
    let dir = example_without_events();
    let out = dir.path().join("site");
    dossier_ok(&[
        "--root",
        dir.path().to_str().unwrap(),
        "build",
        "--output",
        out.to_str().unwrap(),
    ]);
    let d = json(&out);
    let mut events: Vec<Vec<String>> = d["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| ids(&e["sources"]))
        .collect();
    events.sort();
    assert_eq!(
        events,
        [
            vec![
                "7dnews-2019-12-31",
                "breitbart-2019-12-30",
                "rferl-2019-12-29"
            ],
            vec!["dw-2017-12-17", "nau-2017-12-18"],
        ]
    );
    for e in d["events"].as_array().unwrap() {
        assert_eq!(e["from_manifest"], false);
        let id = e["id"].as_str().unwrap();
        let page = read(&out, &format!("events/{id}.html"));
        assert!(page.contains("grouped automatically"));
        assert!(!e["title"].as_str().unwrap().is_empty());
    }
    // The 2017 event is dated from its dated source.
    let kazan = d["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| ids(&e["sources"]).contains(&"dw-2017-12-17".to_string()))
        .unwrap();
    assert_eq!(kazan["date"], "2017-12-17");
}

#[test]
fn events_show_where_sources_disagree() {
    let (_tmp, out) = build_example(&[]);
    let page = read(&out, "events/new-year-2019.html");
    assert!(page.contains("Where the sources disagree"));
    assert!(page.contains("call initiated by"));
    assert!(
        page.contains("<th scope=\"row\">Russia</th>")
            && page.contains("<th scope=\"row\">Putin</th>")
    );
}

#[test]
fn the_claims_matrix_links_evidence_to_its_place() {
    let (_tmp, out) = build_example(&[]);
    let page = read(&out, "claims/index.html");
    assert!(page.contains("class=\"stance-supports\""));
    assert!(page.contains("<th scope=\"col\">"));
    // Evidence links to a block of the source page, which exists there.
    let link = page.split("href=\"../sources/").nth(1).unwrap();
    if let Some((path, rest)) = link.split_once("#b") {
        let anchor: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let source = read(&out, &format!("sources/{path}"));
        assert!(
            source.contains(&format!("id=\"b{anchor}\"")),
            "{path}#b{anchor}"
        );
    }
    let d = json(&out);
    let cia = d["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "cia-tip")
        .unwrap();
    assert!(!cia["supports"].as_array().unwrap().is_empty());
    assert!(cia["supports"][0]["evidence"].as_str().unwrap().len() > 10);
}

#[test]
fn the_timeline_is_an_accessible_svg_with_a_list() {
    let (_tmp, out) = build_example(&[]);
    let page = read(&out, "timeline/index.html");
    assert!(page.contains("<svg") && page.contains("role=\"img\""));
    assert!(page.contains("<title id=\"tl-title\">") && page.contains("<desc id=\"tl-desc\">"));
    assert!(
        page.contains("Kazan Cathedral plot foiled"),
        "events are labelled"
    );
    // Drawn at build time: the drawing itself holds no script (the site's own scripts only add
    // search and table tools to every page).
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    let handler = svg
        .split(|c: char| c.is_whitespace() || c == '<')
        .any(|w| w.starts_with("on") && w.contains("=\""));
    assert!(!svg.contains("<script") && !handler, "no JavaScript needed");
    assert!(page.contains("<time datetime=\"2017-12-17\">"));
}

#[test]
fn dossier_json_holds_the_model_without_full_texts() {
    let (_tmp, out) = build_example(&[]);
    let d = json(&out);
    assert_eq!(d["format"], "dossier-json");
    assert_eq!(d["sources"].as_array().unwrap().len(), 5);
    let dw = d["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "dw-2017-12-17")
        .unwrap();
    assert_eq!(dw["event"], "kazan-2017");
    assert_eq!(dw["outlet"], "DW");
    assert!(dw.get("text").is_none(), "no full texts");
    assert!(dw["quotes"][0]["text"].is_string() && dw["quotes"][0]["block"].is_string());
    assert!(
        dw["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "kazan-cathedral")
    );
    assert_eq!(d["events"].as_array().unwrap().len(), 2);
    let raw = read(&out, "dossier.json");
    assert!(raw.len() < 40_000, "{} bytes", raw.len());
    // One item per line, so it can be read line by line.
    assert!(
        raw.lines()
            .any(|l| l.starts_with("{\"id\":\"dw-2017-12-17\""))
    );
}

//! The pages' HTML on the example dossier, without a browser: nothing loaded from elsewhere,
//! quotes marked with their speakers, mentions linking to pages that exist, the comparison table
//! ready for its script and complete without it.

mod common;
use common::*;

use std::path::Path;

fn html_files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn nothing_is_loaded_from_elsewhere_so_the_site_works_offline() {
    let (_tmp, out) = build_example(&[]);
    for file in html_files(&out) {
        let html = std::fs::read_to_string(&file).unwrap();
        for src in attr_values(&html, "src") {
            assert!(
                !src.contains("://") && !src.starts_with("//"),
                "{}: script from {src}",
                file.display()
            );
        }
        for tag in html.split("<link ").skip(1) {
            let tag = &tag[..tag.find('>').unwrap()];
            if tag.contains("rel=\"stylesheet\"") || tag.contains("rel=\"icon\"") {
                assert!(!tag.contains("://"), "{}: {tag}", file.display());
            }
        }
    }
    for css in ["assets/dossier.css", "assets/theme.css"] {
        let text = read(&out, css);
        assert!(
            !text.contains("@import") && !text.contains("url(http") && !text.contains("@font-face"),
            "{css}"
        );
    }
}

#[test]
fn quotes_carry_their_speaker_and_mentions_link_to_entity_pages_that_exist() {
    let (_tmp, out) = build_example(&[]);
    let mut quotes = 0;
    let mut entity_links = 0;
    for entry in std::fs::read_dir(out.join("sources")).unwrap() {
        let file = entry.unwrap().path();
        let dir = file.parent().unwrap().to_path_buf();
        let page = std::fs::read_to_string(&file).unwrap();
        assert!(
            page.contains("<h1 id=\"title\""),
            "links into the headline land on it"
        );
        for part in page.split("<span class=\"quote quote-speech\"").skip(1) {
            quotes += 1;
            let card = &part[part
                .find("<span class=\"quote-card\">")
                .expect("a speaker card")..];
            let card = &card[..card.find("</span></span>").unwrap_or(card.len())];
            assert!(
                card.contains("Said by <b>") || card.contains("Speaker not stated"),
                "{card}"
            );
            // Focusable itself, or through the link to its group.
            assert!(
                part[..part.find('>').unwrap()].contains("tabindex=\"0\"")
                    || card.contains("<a href=\"../quotes/")
            );
        }
        for href in attr_values(&page, "href")
            .into_iter()
            .filter(|h| h.starts_with("../entities/"))
        {
            let target = dir.join(href.split('#').next().unwrap());
            assert!(target.is_file(), "{} → {href}", file.display());
            entity_links += 1;
        }
    }
    assert!(
        quotes >= 5,
        "the example's speech quotes are marked ({quotes})"
    );
    assert!(entity_links >= 10, "{entity_links} links to entity pages");
}

#[test]
fn the_comparison_table_is_complete_without_script_and_ready_for_it() {
    let (_tmp, out) = build_example(&[]);
    let page = read(&out, "compare/index.html");
    let sources = std::fs::read_dir(out.join("sources")).unwrap().count();
    assert_eq!(
        page.matches("<tr data-event=").count(),
        sources,
        "a row per source"
    );
    // The tools are hidden until the script shows them; every cell names its column and sort key.
    assert!(page.contains("<div class=\"table-tools\" hidden>"));
    let header = &page[page.find("<thead>").unwrap()..page.find("</thead>").unwrap()];
    let columns = header.matches("<th scope=\"col\"").count();
    let body = &page[page.find("</thead>").unwrap()..page.find("</table>").unwrap()];
    assert_eq!(body.matches("data-sort=").count(), columns * sources);
    assert_eq!(attr_values(header, "data-col").len(), columns);
    for select in [
        "data-filter=\"event\"",
        "data-filter=\"outlet\"",
        "data-filter=\"language\"",
        "data-filter=\"text\"",
    ] {
        assert!(page.contains(select), "{select}");
    }
    assert!(page.contains("src=\"../assets/dossier.js\" defer"));
}

#[test]
fn an_entity_page_is_cut_in_parts_that_together_list_every_source_once() {
    let manifest = read(&repo(), "dossier.yaml");
    assert!(
        !manifest.contains("\nbuild:"),
        "the example sets no build settings"
    );
    let (_tmp, out) = build_example_with("build:\n  rows_per_page: 2\n");

    // An entity named in every source: its sources, two a page, each exactly once.
    let sources = std::fs::read_dir(out.join("sources")).unwrap().count();
    let entity_parts = pager_parts(&out, "entities/vladimir-putin.html");
    assert_eq!(entity_parts.len(), sources.div_ceil(2));
    assert_eq!(entity_parts[0], "entities/vladimir-putin.html");
    assert_eq!(entity_parts[1], "entities/vladimir-putin/2.html");
    let mut listed_sources: Vec<String> = Vec::new();
    for (k, part) in entity_parts.iter().enumerate() {
        let html = read(&out, part);
        let links = listed(&out, part, "mention-list");
        assert!(!links.is_empty() && links.len() <= 2, "{part}: {links:?}");
        assert!(
            html.contains(&format!("(page {} of {})", k + 1, entity_parts.len())),
            "{part} says which part it is"
        );
        // Who it is named with is shown once, on the first part.
        assert_eq!(html.contains("id=\"with-h\""), k == 0, "{part}");
        listed_sources.extend(links);
    }
    let mut unique = listed_sources.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        listed_sources.len(),
        "no source twice: {listed_sources:?}"
    );
    assert_eq!(
        listed_sources.len(),
        sources,
        "every source once: {listed_sources:?}"
    );
}

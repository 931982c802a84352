//! The site's machine-readable files and search index on the example dossier: the Atom feed,
//! sitemap and robots.txt with and without an absolute base URL, citations, the search shards,
//! the printable dossier, and the second theme.

mod common;
use common::*;

use std::path::Path;

fn exists(dir: &Path, rel: &str) -> bool {
    dir.join(rel).exists()
}

fn source_ids(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(dir.join("sources"))
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            name.strip_suffix(".html").unwrap_or(&name).to_string()
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn with_an_absolute_base_url_the_feed_and_sitemap_use_absolute_urls() {
    let base = "https://example.org/dossiers/putin/";
    let (_tmp, out) = build_example(&["--base-url", base]);
    let feed = read(&out, "feed.xml");
    let ids = source_ids(&out);
    assert_eq!(feed.matches("<entry>").count(), ids.len());
    for id in &ids {
        let url = format!("{base}sources/{id}.html");
        assert!(
            feed.contains(&format!(
                "<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
            )),
            "{id}"
        );
        assert!(feed.contains(&format!("<id>{url}</id>")), "{id}");
    }
    assert!(feed.contains(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{base}feed.xml\"/>"
    )));
    // Every entry has an `updated` date (Atom requires it); dated entries come newest first.
    assert_eq!(feed.matches("<updated>").count(), ids.len() + 1);
    let published: Vec<&str> = feed
        .split("<published>")
        .skip(1)
        .map(|s| &s[..10])
        .collect();
    assert!(!published.is_empty());
    let mut sorted = published.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, sorted);

    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{base}</loc>")));
    for id in &ids {
        assert!(sitemap.contains(&format!("<loc>{base}sources/{id}.html</loc>")));
    }
    assert!(!sitemap.contains("404"), "the error page is not listed");
    assert!(!sitemap.contains("<loc>/") && !sitemap.contains("href=\"/"));
    let robots = read(&out, "robots.txt");
    assert!(robots.contains(&format!("Sitemap: {base}sitemap.xml")));
    assert!(
        robots.contains("root of a host"),
        "under a sub-path it says where robots.txt must go"
    );
}

#[test]
fn with_a_bare_path_there_is_no_sitemap_and_the_feed_is_relative() {
    let (_tmp, out) = build_example(&["--base-url", "/dossiers/putin/"]);
    assert!(!exists(&out, "sitemap.xml"), "sitemaps need absolute URLs");
    let robots = read(&out, "robots.txt");
    assert!(!robots.contains("Sitemap:") && robots.contains("base_url"));
    let feed = read(&out, "feed.xml");
    assert!(
        feed.contains("href=\"sources/"),
        "links relative to the feed's address"
    );
    assert!(!feed.contains("href=\"/"));
    let ids: Vec<&str> = feed
        .split("<id>")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    assert!(
        ids.iter()
            .all(|id| id.starts_with("urn:uuid:") && id.len() == 45),
        "{ids:?}"
    );
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    // Stable across builds.
    let (_tmp2, again) = build_example(&["--base-url", "/dossiers/putin/"]);
    assert_eq!(read(&again, "feed.xml"), feed);
    // The 404 page, served at any depth, links from the base path.
    let not_found = read(&out, "404.html");
    assert!(not_found.contains("href=\"/dossiers/putin/assets/dossier.css\""));
    assert!(not_found.contains("action=\"/dossiers/putin/search/index.html\""));
}

#[test]
fn every_source_and_the_dossier_can_be_cited_as_csl_json_and_bibtex() {
    let (_tmp, out) = build_example(&[]);
    // The page carries its citation as two `data:` downloads named after the source.
    let download = |page: &str, name: &str| -> String {
        let html = scraper::Html::parse_document(page);
        let sel = scraper::Selector::parse(&format!("a[download=\"{name}\"]")).unwrap();
        let href = html
            .select(&sel)
            .next()
            .unwrap_or_else(|| panic!("no download named {name}"))
            .attr("href")
            .unwrap()
            .to_string();
        let data = href
            .split_once(";charset=utf-8,")
            .filter(|(head, _)| head.starts_with("data:"))
            .unwrap_or_else(|| panic!("not a data URL: {href}"))
            .1;
        percent_encoding::percent_decode_str(data)
            .decode_utf8()
            .unwrap()
            .into_owned()
    };
    for id in source_ids(&out) {
        let page = read(&out, &format!("sources/{id}.html"));
        assert!(!exists(&out, &format!("sources/{id}/cite.json")));
        let csl: serde_json::Value =
            serde_json::from_str(&download(&page, &format!("{id}.json"))).unwrap();
        let item = &csl[0];
        assert_eq!(item["type"], "article-newspaper", "{id}");
        assert!(
            item["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{id}"
        );
        assert!(item["container-title"].is_string(), "{id}: the outlet");
        let bib = download(&page, &format!("{id}.bib"));
        assert!(bib.starts_with(&format!("@article{{{id},\n")), "{bib}");
        assert_eq!(
            bib.matches('{').count() - bib.matches("\\{").count(),
            bib.matches('}').count() - bib.matches("\\}").count(),
            "{id}: braces balance"
        );
        // And a reference to copy, and the BibTeX to read.
        assert!(page.contains("id=\"cite-ref\""));
        assert!(page.contains("class=\"cite-bibtex\""));
    }
    let all: serde_json::Value = serde_json::from_str(&read(&out, "cite/sources.json")).unwrap();
    assert_eq!(all.as_array().unwrap().len(), source_ids(&out).len());
    assert_eq!(
        read(&out, "cite/sources.bib").matches("@article{").count(),
        source_ids(&out).len()
    );
    let dossier: serde_json::Value =
        serde_json::from_str(&read(&out, "cite/dossier.json")).unwrap();
    assert_eq!(dossier[0]["title"], "Putin thanks Trump for CIA tips");
    assert!(read(&out, "cite/dossier.bib").starts_with("@misc{dossier,"));
}

/// The search index: a manifest, term shards and document shards, all loadable as scripts.
#[test]
fn the_search_index_is_sharded_scripts_covering_every_kind() {
    let (_tmp, out) = build_example(&[]);
    let manifest = read(&out, "search/manifest.js");
    let json = manifest
        .trim()
        .strip_prefix("dossierSearch.m(")
        .and_then(|s| s.strip_suffix(");"))
        .unwrap();
    let m: serde_json::Value = serde_json::from_str(json).unwrap();
    let shards = m["shards"].as_array().unwrap().len();
    assert!(shards >= 1);
    let mut terms = String::new();
    for k in 0..shards {
        let shard = read(&out, &format!("search/t{k}.js"));
        assert!(shard.starts_with(&format!("dossierSearch.t({k},{{")));
        terms.push_str(&shard);
    }
    // Folded terms from every language of the dossier.
    assert!(
        terms.contains("\"peskow\":"),
        "the German spelling is searchable"
    );
    let mut docs = String::new();
    for k in 0..m["docShards"].as_u64().unwrap() {
        docs.push_str(&read(&out, &format!("search/d{k}.js")));
    }
    for id in source_ids(&out) {
        assert!(
            docs.contains(&format!("\"sources/{id}.html\"")),
            "{id} is a result"
        );
    }
    for kind in 0..=4 {
        assert!(
            docs.contains(&format!("[{kind},\"")),
            "results of kind {kind}"
        );
    }
    assert!(
        docs.contains("#q1\""),
        "quotes link to their place in the text"
    );
    let page = read(&out, "search/index.html");
    assert!(
        page.contains("data-index=\"../search/\"") && page.contains("src=\"../assets/search.js\"")
    );
}

#[test]
fn the_printable_dossier_holds_every_source() {
    let (_tmp, out) = build_example(&[]);
    let print = read(&out, "print/index.html");
    let ids = source_ids(&out);
    assert_eq!(
        print
            .matches("<article class=\"source print-source\"")
            .count(),
        ids.len()
    );
    for id in &ids {
        assert!(print.contains(&format!("id=\"s-{id}\"")));
    }
    // Ids inside each source's text are made unique on the one page.
    assert!(!print.contains(" id=\"b1\""));
    // Made for paper: every quote's speaker named, but no links into the site from the texts
    // (entity pages, quote groups) and no keyboard stops, which the source pages carry.
    assert!(
        print.contains("Said by <b>Donald Trump</b>"),
        "speakers named"
    );
    assert!(print.contains("class=\"quote quote-speech\""));
    assert!(!print.contains("class=\"mention"), "no entity links");
    assert_eq!(
        print.matches("quotes/").count(),
        print.matches("quotes/index.html").count(),
        "no quote-group links (the navigation's link to the quotes page aside)"
    );
    assert!(!print.contains("class=\"quote-also"));
    assert!(!print.contains("tabindex"));
    let page = read(&out, &format!("sources/{}.html", ids[0]));
    assert!(page.contains("class=\"mention") && page.contains("../quotes/"));
}

#[test]
fn one_line_in_the_manifest_switches_to_the_brief_theme() {
    let (_tmp, out) = build_example_with("theme: brief\n");
    let theme_css = read(&out, "assets/theme.css");
    assert!(theme_css.contains("brief:"), "the brief theme's look");
    assert!(read(&out, "index.html").contains("class=\"kicker\">Brief<"));
    // Inherited from the default theme.
    assert!(exists(&out, "assets/dossier.js") && exists(&out, "assets/search.js"));
    assert!(read(&out, "compare/index.html").contains("class=\"comparison\""));
}

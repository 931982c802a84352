//! Hostile sources: nothing from a source (or from raw HTML in editorial Markdown) can run
//! script, submit a form, embed a frame or load a remote resource in the built site. Every HTML
//! file of the hostile fixture's output is parsed and checked element by element.

mod common;
use common::*;

use scraper::{Html, Selector};

/// Attributes that make the browser fetch something.
const LOADING_ATTRIBUTES: &[&str] = &[
    "src",
    "srcset",
    "poster",
    "data",
    "background",
    "formaction",
    "action",
    "ping",
];

fn is_remote(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("//")
        || u.starts_with("http:")
        || u.starts_with("https:")
        || u.starts_with("ftp:")
}

fn is_script_url(url: &str) -> bool {
    let u: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    u.starts_with("javascript:") || u.starts_with("vbscript:") || u.starts_with("data:text/html")
}

/// Every violation in one page, as readable lines.
fn violations(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for el in doc.select(&Selector::parse("*").unwrap()) {
        let v = el.value();
        let name = v.name();
        if matches!(
            name,
            "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base" | "portal"
        ) {
            found.push(format!("<{name}> element"));
        }
        if name == "meta"
            && v.attr("http-equiv")
                .is_some_and(|h| h.eq_ignore_ascii_case("refresh"))
        {
            found.push("meta refresh".into());
        }
        if name == "script" {
            let data_only = v.attr("type").is_some_and(|t| t.contains("json"));
            match v.attr("src") {
                Some(src) if is_remote(src) || is_script_url(src) => {
                    found.push(format!("remote script {src}"))
                }
                Some(src) if !src.contains("assets/") => {
                    found.push(format!("script outside the theme's assets: {src}"))
                }
                None if !data_only => {
                    found.push(format!("inline script: {}", el.text().collect::<String>()))
                }
                _ => {}
            }
        }
        if name == "form"
            && v.attr("action")
                .is_some_and(|a| is_remote(a) || is_script_url(a))
        {
            found.push(format!("form posting to {:?}", v.attr("action")));
        }
        if name == "link"
            && v.attr("href").is_some_and(is_remote)
            && v.attr("rel").is_some_and(|r| {
                !r.split_whitespace()
                    .all(|r| r == "canonical" || r == "alternate")
            })
        {
            found.push(format!("remote <link> {:?}", v.attr("href")));
        }
        if name == "style" && el.text().collect::<String>().contains("url(") {
            found.push("<style> with url()".into());
        }
        for (attr, value) in v.attrs() {
            let a = attr.to_ascii_lowercase();
            if a.starts_with("on") {
                found.push(format!("event handler {a} on <{name}>"));
            }
            if a == "style" && value.contains("url(") {
                found.push(format!("style url() on <{name}>"));
            }
            if LOADING_ATTRIBUTES.contains(&a.as_str())
                && (is_remote(value) || is_script_url(value))
            {
                found.push(format!("<{name} {a}={value:?}> loads from elsewhere"));
            }
            if (a == "href" || a == "xlink:href") && is_script_url(value) {
                found.push(format!("<{name} {a}={value:?}> runs script"));
            }
        }
    }
    found
}

#[test]
fn the_hostile_dossier_builds_into_a_harmless_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let root = repo().join("tests/fixtures/hostile");
    build_into(&root, &out);
    let mut pages = 0;
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => {
                pages += 1;
                let html = std::fs::read_to_string(path).unwrap();
                for v in violations(&html) {
                    problems.push(format!(
                        "{}: {v}",
                        path.strip_prefix(&out).unwrap().display()
                    ));
                }
            }
            Some("css") => {
                let css = std::fs::read_to_string(path).unwrap();
                if css.contains("url(http") || css.contains("url(//") || css.contains("@import") {
                    problems.push(format!("{}: remote url() in CSS", path.display()));
                }
            }
            _ => {}
        }
    }
    assert!(pages >= 8, "only {pages} pages built");
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The markup in the sources is shown as text, not dropped silently where it is text.
    let text_page = read(&out, "sources/evil-text.html");
    assert!(
        text_page.contains("&lt;script&gt;window.__pwned="),
        "literal markup in a text dump is shown escaped"
    );
    let html_page = read(&out, "sources/evil-page.html");
    assert!(
        html_page.contains("Mallory strikes again"),
        "the hostile page's article is still there"
    );
    assert!(
        html_page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "escaped markup in an HTML page stays escaped text"
    );
    assert!(
        !html_page.contains("document.write"),
        "script bodies never become text"
    );
}

#[test]
fn the_checker_itself_catches_each_kind_of_attack() {
    let cases = [
        "<script>alert(1)</script>",
        "<script src=\"https://evil.example/x.js\"></script>",
        "<img src=\"https://evil.example/x.png\">",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" java\tscript:alert(1)\">x</a>",
        "<iframe src=\"x\"></iframe>",
        "<form action=\"https://evil.example/\"></form>",
        "<div style=\"background:url(https://evil.example/)\"></div>",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
        "<object data=\"x.swf\"></object>",
        "<video poster=\"https://evil.example/p.jpg\"></video>",
    ];
    for case in cases {
        assert!(
            !violations(&format!(
                "<!DOCTYPE html><html><head></head><body>{case}</body></html>"
            ))
            .is_empty(),
            "{case}"
        );
    }
    let fine = "<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"https://example.org/\"><script src=\"../assets/site.js\"></script></head><body><a href=\"https://example.org/\">ok</a><img src=\"../assets/x.png\"></body></html>";
    assert_eq!(violations(fine), Vec::<String>::new());
}

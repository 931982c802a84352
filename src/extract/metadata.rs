//! Metadata with provenance: the manifest first, then front matter, then the page's markup
//! (meta tags, JSON-LD, `<time>`), then the text itself (headline, dateline, byline).

use chrono::NaiveDate;
use scraper::{Html, Selector};

use super::boilerplate::{self as bp, ChromeKind, ChromeLine, Zone};
use super::{BlockKind, CleanPage, Field, Metadata, Origin, dates, language, outlet};
use crate::load::Source;

/// What a web page's markup says about itself.
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    pub title: Option<Field<String>>,
    pub site_name: Option<String>,
    pub author: Option<Field<String>>,
    pub published: Option<Field<NaiveDate>>,
    pub language: Option<String>,
    pub url: Option<String>,
}

impl PageMeta {
    /// Reads `<meta>`, JSON-LD, `<time>`, `<title>` and `<html lang>`.
    pub fn from_document(doc: &Html) -> PageMeta {
        let mut meta = PageMeta::default();
        let sel = |s: &str| Selector::parse(s).unwrap();
        let meta_content = |names: &[&str]| -> Option<String> {
            for name in names {
                let s = sel(&format!(
                    "meta[property=\"{name}\"], meta[name=\"{name}\"], meta[itemprop=\"{name}\"]"
                ));
                if let Some(v) = doc
                    .select(&s)
                    .find_map(|e| e.value().attr("content"))
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                {
                    return Some(v.to_string());
                }
            }
            None
        };
        // JSON-LD first: it is the most structured statement a page makes.
        for script in doc.select(&sel("script[type=\"application/ld+json\"]")) {
            let raw: String = script.text().collect();
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) {
                read_json_ld(&value, &mut meta);
            }
        }
        if meta.title.is_none()
            && let Some(t) = meta_content(&["og:title", "twitter:title", "headline"])
        {
            meta.title = Some(Field::new(t, Origin::HtmlMeta));
        }
        if meta.site_name.is_none() {
            meta.site_name = meta_content(&["og:site_name", "application-name", "publisher"]);
        }
        if meta.author.is_none()
            && let Some(a) = meta_content(&[
                "author",
                "article:author",
                "byl",
                "parsely-author",
                "dc.creator",
            ])
            && !a.starts_with("http")
        {
            meta.author = Some(Field::new(
                a.trim_start_matches("By ").to_string(),
                Origin::HtmlMeta,
            ));
        }
        if meta.published.is_none() {
            let raw = meta_content(&[
                "article:published_time",
                "datePublished",
                "pubdate",
                "publish-date",
                "date",
                "dc.date",
                "sailthru.date",
            ])
            .or_else(|| {
                doc.select(&sel("time[datetime]"))
                    .next()
                    .and_then(|t| t.value().attr("datetime"))
                    .map(str::to_string)
            });
            meta.published = raw
                .as_deref()
                .and_then(parse_iso_date)
                .map(|d| Field::new(d, Origin::HtmlMeta));
        }
        meta.language = doc
            .select(&sel("html"))
            .next()
            .and_then(|h| h.value().attr("lang"))
            .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
            .filter(|l| (2..=3).contains(&l.len()));
        meta.url = meta_content(&["og:url"]).or_else(|| {
            doc.select(&sel("link[rel=\"canonical\"]"))
                .next()
                .and_then(|l| l.value().attr("href"))
                .map(str::to_string)
        });
        meta.url = meta
            .url
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        if meta.title.is_none()
            && let Some(t) = doc.select(&sel("title")).next()
        {
            let t: String = t.text().collect();
            let t = t.trim();
            if !t.is_empty() {
                meta.title = Some(Field::new(t.to_string(), Origin::HtmlMeta));
            }
        }
        meta
    }
}

fn read_json_ld(value: &serde_json::Value, meta: &mut PageMeta) {
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| read_json_ld(v, meta)),
        serde_json::Value::Object(obj) => {
            if let Some(graph) = obj.get("@graph") {
                read_json_ld(graph, meta);
            }
            let ty = obj.get("@type").map(|t| t.to_string()).unwrap_or_default();
            if !(ty.contains("Article") || ty.contains("Posting") || ty.contains("Report")) {
                return;
            }
            let text = |v: Option<&serde_json::Value>| -> Option<String> {
                match v? {
                    serde_json::Value::String(s) => {
                        Some(s.trim().to_string()).filter(|s| !s.is_empty())
                    }
                    serde_json::Value::Object(o) => {
                        o.get("name").and_then(|n| n.as_str()).map(str::to_string)
                    }
                    serde_json::Value::Array(a) => {
                        let names: Vec<String> = a
                            .iter()
                            .filter_map(|x| {
                                x.as_str()
                                    .map(str::to_string)
                                    .or_else(|| x.get("name")?.as_str().map(str::to_string))
                            })
                            .collect();
                        (!names.is_empty()).then(|| names.join(", "))
                    }
                    _ => None,
                }
            };
            if meta.title.is_none()
                && let Some(h) = text(obj.get("headline"))
            {
                meta.title = Some(Field::new(h, Origin::JsonLd));
            }
            if meta.author.is_none()
                && let Some(a) = text(obj.get("author"))
            {
                meta.author = Some(Field::new(a, Origin::JsonLd));
            }
            if meta.site_name.is_none() {
                meta.site_name = text(obj.get("publisher"));
            }
            if meta.published.is_none()
                && let Some(d) = text(obj.get("datePublished"))
                    .as_deref()
                    .and_then(parse_iso_date)
            {
                meta.published = Some(Field::new(d, Origin::JsonLd));
            }
        }
        _ => {}
    }
}

/// The date part of an ISO 8601 timestamp (`2019-12-31T10:30:00Z` → 2019-12-31).
pub fn parse_iso_date(raw: &str) -> Option<NaiveDate> {
    let day = raw.trim().get(..10)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Merges what the manifest, front matter, markup and text say, in that order of trust.
pub fn extract(source: &Source, page: &CleanPage) -> Metadata {
    let e = &source.entry;
    let fm = &source.front_matter;
    let pm = &page.meta;
    let from = |m: &Option<String>, f: &Option<String>| -> Option<Field<String>> {
        m.clone()
            .map(|v| Field::new(v, Origin::Manifest))
            .or_else(|| f.clone().map(|v| Field::new(v, Origin::FrontMatter)))
    };
    let title = from(&e.title, &fm.title).or_else(|| headline(page));
    let body = body_text(page);
    let outlet = from(&e.outlet, &fm.outlet)
        .or_else(|| {
            pm.site_name
                .clone()
                .map(|s| Field::new(s, Origin::HtmlMeta))
        })
        .or_else(|| text_outlet(page, &body).map(|o| Field::new(o, Origin::Text)));
    let byline = from(&e.byline, &fm.byline)
        .or_else(|| pm.author.clone())
        .or_else(|| {
            head_lines(page)
                .filter(|l| l.kind == ChromeKind::Byline)
                .find_map(|l| outlet::byline_name(&l.text))
                .map(|b| Field::new(b, Origin::Text))
        });
    let published = e
        .published
        .map(|d| Field::new(d.0, Origin::Manifest))
        .or_else(|| fm.published.map(|d| Field::new(d, Origin::FrontMatter)))
        .or_else(|| pm.published.clone())
        .or_else(|| text_published(page).map(|d| Field::new(d, Origin::Text)));
    // Detection (the costliest part of metadata) only when nothing states the language.
    let language = from(&e.language, &fm.language)
        .or_else(|| language::detect(&body).map(|l| Field::new(l.to_string(), Origin::Detected)))
        .or_else(|| pm.language.clone().map(|l| Field::new(l, Origin::HtmlMeta)));
    let url =
        from(&e.url, &fm.url).or_else(|| pm.url.clone().map(|u| Field::new(u, Origin::HtmlMeta)));
    Metadata {
        title,
        outlet,
        byline,
        published,
        language,
        event_date: None,
        url,
    }
}

/// The clean text without the headline: what the article says, for language detection and for
/// telling the outlet (never named in its own article) from the article's subjects.
fn body_text(page: &CleanPage) -> String {
    page.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Title)
        .map(|b| &page.text[b.start..b.end])
        .collect::<Vec<_>>()
        .join("\n")
}

/// Dropped lines from the top of the page: the site header and the article's head.
fn head_lines(page: &CleanPage) -> impl Iterator<Item = &ChromeLine> {
    page.chrome
        .iter()
        .filter(|l| matches!(l.zone, Zone::BeforeTitle | Zone::ArticleHead))
}

/// The headline: the page's `<h1>`/title line, unless the markup's headline disagrees with it
/// (a logo in `<h1>`); then the markup's, without the " | Site" suffix.
fn headline(page: &CleanPage) -> Option<Field<String>> {
    let text_title = page
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| page.text[b.start..b.end].to_string());
    let markup = page.meta.title.clone();
    match (text_title, markup) {
        (Some(t), Some(m)) if !similar_titles(&t, &m.value) && bp::word_weight(&t) < 3.0 => {
            Some(Field::new(
                strip_site_suffix(&m.value, page.meta.site_name.as_deref()),
                m.origin,
            ))
        }
        (Some(t), _) => Some(Field::new(t, Origin::Text)),
        (None, Some(m)) => Some(Field::new(
            strip_site_suffix(&m.value, page.meta.site_name.as_deref()),
            m.origin,
        )),
        (None, None) => None,
    }
}

fn similar_titles(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a.contains(&b) || b.contains(&a) || strsim::normalized_levenshtein(&a, &b) > 0.8
}

/// "Headline | Site", "Headline - Site", "Headline – Site" → "Headline".
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (&title[..at], &title[at + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| tail.eq_ignore_ascii_case(s))
                || bp::word_weight(tail) <= 4.0 && bp::word_weight(head) >= 3.0;
            if tail_is_site {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The outlet as the text names it: a byline, a bureau line before the dateline, or the name
/// the page chrome repeats.
fn text_outlet(page: &CleanPage, body: &str) -> Option<String> {
    head_lines(page)
        .filter(|l| l.kind == ChromeKind::Byline)
        .find_map(|l| outlet::outlet_from_byline(&l.text, body))
        .or_else(|| outlet::outlet_before_dateline(&page.chrome))
        .or_else(|| outlet::outlet_from_copyright(&page.chrome))
        .or_else(|| outlet::outlet_from_chrome(&page.chrome, body))
}

/// A date above the headline, unless it is a site clock: a time with its zone in a strip of
/// short names (the edition's cities: "Abu Dhabi", "New York", "Thu, 23 Jan 2020 06:22 GMT").
fn above_headline_date(page: &CleanPage) -> Option<NaiveDate> {
    static ZONED_TIME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\d{1,2}[:.h]\d{2}\s*(?:GMT|UTC|CET|CEST|BST|EST|EDT|ET|PT|MSK|GST|[+-]\d{2}:?\d{2})\b").unwrap()
    });
    let head: Vec<&ChromeLine> = page
        .chrome
        .iter()
        .filter(|l| l.zone == Zone::BeforeTitle)
        .collect();
    head.iter().enumerate().find_map(|(i, l)| {
        if l.kind != ChromeKind::Date {
            return None;
        }
        let strip = i >= 2
            && head[i - 2..i]
                .iter()
                .all(|p| p.kind == ChromeKind::Other && bp::word_weight(&p.text) <= 3.0);
        if strip && ZONED_TIME.is_match(&l.text) {
            return None;
        }
        dates::find_dates(&l.text, None, "").first().map(|d| d.date)
    })
}

/// The publication date as the text states it: a dateline in the article's head (the earliest,
/// as "Updated" stamps come later), else a dateline opening the first paragraph, else one
/// above the headline. Dates above the headline lose to any below it: pages put their clock
/// there; dates after the article belong to related stories.
fn text_published(page: &CleanPage) -> Option<NaiveDate> {
    let dated = |zone: Zone| -> Option<NaiveDate> {
        let found: Vec<(bool, NaiveDate)> = page
            .chrome
            .iter()
            .filter(|l| l.zone == zone && matches!(l.kind, ChromeKind::Date | ChromeKind::Byline))
            .filter_map(|l| {
                let d = if l.kind == ChromeKind::Date {
                    dates::find_dates(&l.text, None, "").first().map(|d| d.date)
                } else {
                    dates::dateline(&l.text)
                };
                d.map(|d| (bp::is_update_stamp(&l.text), d))
            })
            .collect();
        found
            .iter()
            .filter(|(updated, _)| !updated)
            .map(|(_, d)| *d)
            .min()
            .or_else(|| found.iter().map(|(_, d)| *d).min())
    };
    let lead = page
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .and_then(|b| dates::lead_dateline(&page.text[b.start..b.end]));
    dated(Zone::ArticleHead)
        .or(lead)
        .or_else(|| above_headline_date(page))
}

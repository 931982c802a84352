//! Metadata with provenance: the manifest first, then front matter, then the page's markup
//! (meta tags, JSON-LD, `<time>`), then the text itself (headline, dateline, byline).

use chrono::NaiveDate;
use scraper::{Html, Selector};

use super::{BlockKind, CleanPage, Field, Metadata, Origin, dates, language};
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
    let text_title = page
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| Field::new(page.text[b.start..b.end].to_string(), Origin::Text));
    let title = from(&e.title, &fm.title)
        .or_else(|| text_title.clone())
        .or_else(|| pm.title.clone());
    let outlet = from(&e.outlet, &fm.outlet).or_else(|| {
        pm.site_name
            .clone()
            .map(|s| Field::new(s, Origin::HtmlMeta))
    });
    let byline = from(&e.byline, &fm.byline).or_else(|| pm.author.clone());
    let published = e
        .published
        .map(|d| Field::new(d.0, Origin::Manifest))
        .or_else(|| fm.published.map(|d| Field::new(d, Origin::FrontMatter)))
        .or_else(|| pm.published.clone())
        .or_else(|| {
            page.chrome
                .iter()
                .map(String::as_str)
                .chain(
                    page.blocks
                        .iter()
                        .take(4)
                        .map(|b| &page.text[b.start..b.end]),
                )
                .find_map(dates::dateline)
                .map(|d| Field::new(d, Origin::Text))
        });
    let language = from(&e.language, &fm.language)
        .or_else(|| {
            language::detect(&page.text).map(|l| Field::new(l.to_string(), Origin::Detected))
        })
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

//! YAML front matter of Markdown sources (`---` … `---`), read leniently: keys written by other
//! tools (Hugo's `draft`, `categories`) are ignored; the known ones feed the metadata.

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostics::{Location, Problem};
use crate::manifest::parse_date;

/// What a Markdown file says about itself; the manifest's values win over these.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    /// Warnings about the front matter (bad YAML, bad date): reported, not fatal.
    pub problems: Vec<Problem>,
}

/// Splits `text` into front matter and body. Text without front matter is all body.
pub fn split<'a>(text: &'a str, file: &Path) -> (FrontMatter, &'a str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (FrontMatter::default(), text);
    };
    let (yaml, body) = match rest.find("\n---\n") {
        Some(end) => (&rest[..end], &rest[end + 5..]),
        None => match rest.strip_suffix("\n---") {
            Some(y) => (y, ""),
            None => return (FrontMatter::default(), text),
        },
    };
    let mut fm = FrontMatter::default();
    let value: serde_yaml::Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => {
            let arc: std::sync::Arc<str> = text.into();
            let mut p = Problem::warning(
                file,
                format!(
                    "front matter ignored: {}",
                    e.to_string().split(" at line").next().unwrap_or("")
                ),
            )
            .with_hint(
                "front matter is YAML between two `---` lines; quote values containing `: `",
            );
            if let Some(l) = e.location() {
                p = p.at(
                    &arc,
                    Location::of_line_column(&arc, l.line() + 1, l.column()),
                );
            }
            fm.problems.push(p);
            return (fm, body);
        }
    };
    let get = |keys: &[&str]| keys.iter().find_map(|k| value.get(*k)).and_then(scalar);
    fm.title = get(&["title", "headline"]);
    fm.outlet = get(&["outlet", "publisher", "source", "site_name"]);
    fm.byline = get(&["byline", "author"]).or_else(|| {
        value
            .get("authors")
            .and_then(|v| v.as_sequence())
            .map(|s| s.iter().filter_map(scalar).collect::<Vec<_>>().join(", "))
    });
    fm.language = get(&["language", "lang"]);
    fm.url = get(&["url", "link", "canonical"])
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    if let Some(raw) = get(&["published", "date"]) {
        // Accept full timestamps (2019-12-31T10:30:00Z) by their date part.
        let day = raw.get(..10).unwrap_or(&raw);
        match parse_date(day) {
            Ok(d) => fm.published = Some(d),
            Err(msg) => fm.problems.push(
                Problem::warning(file, format!("front matter date ignored: {msg}"))
                    .with_hint("write dates as YYYY-MM-DD"),
            ),
        }
    }
    if let Some(tags) = value.get("tags").and_then(|v| v.as_sequence()) {
        fm.tags = tags.iter().filter_map(scalar).collect();
    }
    (fm, body)
}

fn scalar(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_reads_known_keys() {
        let (fm, body) = split(
            "---\ntitle: A\ndate: 2019-12-31T10:30:00Z\ndraft: true\ntags: [x]\n---\n# Body\n",
            Path::new("a.md"),
        );
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert_eq!(fm.published.unwrap().to_string(), "2019-12-31");
        assert_eq!(fm.tags, ["x"]);
        assert_eq!(body, "# Body\n");
        assert!(fm.problems.is_empty());
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let (fm, body) = split("# Title\n---\nx", Path::new("a.md"));
        assert!(fm.title.is_none());
        assert_eq!(body, "# Title\n---\nx");
    }

    #[test]
    fn bad_yaml_is_a_located_warning() {
        let (fm, body) = split("---\ntitle: [unclosed\n---\nbody\n", Path::new("a.md"));
        assert_eq!(body, "body\n");
        assert_eq!(fm.problems.len(), 1);
        assert!(!fm.problems[0].is_error());
    }
}

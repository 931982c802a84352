//! Machine-readable exports: the Atom feed, `sitemap.xml`, `robots.txt`, and citations (CSL-JSON
//! and BibTeX, both importable into Zotero) for each source and for the dossier.
//!
//! Absolute URLs come from `base_url`. When it is a bare path (`/dossiers/putin/`) or absent,
//! the feed uses relative links, which Atom resolves against the feed's own address (RFC 4287
//! §2), and ids that are stable `urn:uuid:`s; the sitemap is not written at all, because the
//! sitemap protocol only allows absolute URLs; `robots.txt` says so. See docs/publishing.md.

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

use crate::extract::Document;
use crate::link::Dossier;
use crate::render::views;

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;

/// Which citation format a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationFormat {
    /// CSL-JSON (Zotero, Mendeley, pandoc `--citeproc`).
    CslJson,
    /// BibTeX (LaTeX, Zotero, JabRef).
    Bibtex,
}

impl CitationFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            CitationFormat::CslJson => "json",
            CitationFormat::Bibtex => "bib",
        }
    }
}

/// Whether `base_url` is absolute (`https://…`): only then can the sitemap and absolute feed
/// links be written.
pub fn is_absolute(base_url: &str) -> bool {
    let lower = base_url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The public URL of a page path (`entities/index.html` → `https://…/entities/`), or the
/// path relative to the site root when the base URL is not absolute.
pub fn public_url(base_url: &str, page_path: &str) -> String {
    let path = page_path.strip_suffix("index.html").unwrap_or(page_path);
    if is_absolute(base_url) {
        format!("{base_url}{path}")
    } else if path.is_empty() {
        "./".to_string()
    } else {
        path.to_string()
    }
}

/// A stable id for an Atom entry: the page's absolute URL, else a name-based UUID of the
/// dossier's title and the page path (the same on every build, unique per dossier).
fn atom_id(dossier: &Dossier, page_path: &str) -> String {
    if is_absolute(&dossier.site.base_url) {
        return public_url(&dossier.site.base_url, page_path);
    }
    let name = format!("{}\u{0}{}", dossier.site.title, page_path);
    let a = fnv1a(name.as_bytes(), 0xcbf2_9ce4_8422_2325);
    let b = fnv1a(name.as_bytes(), 0x6c62_272e_07bb_0142);
    // Version 8 (custom) and the RFC 4122 variant bits.
    let a = (a & !0xf000) | 0x8000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed;
    for &byte in bytes {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Escapes text for XML element content and attribute values; drops characters XML forbids.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn headline(doc: &Document) -> String {
    doc.metadata
        .title
        .as_ref()
        .map(|t| t.value.clone())
        .unwrap_or_else(|| doc.id.clone())
}

fn rfc3339(d: NaiveDate) -> String {
    crate::text::iso_date(d) + "T00:00:00Z"
}

/// Markdown reduced to one line of plain text (for summaries and citations' notes).
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of `text`, cut at a word, with an ellipsis when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
    )
}

/// A source's summary: the editor's note, else the opening of its text.
fn summary(doc: &Document) -> String {
    if let Some(note) = doc.editorial.note.as_deref() {
        return truncate_words(&plain_text(note), 400);
    }
    let body = doc
        .blocks
        .iter()
        .find(|b| b.kind != crate::extract::BlockKind::Title)
        .map(|b| &doc.text[b.start..b.end])
        .unwrap_or("");
    truncate_words(&body.split_whitespace().collect::<Vec<_>>().join(" "), 300)
}

/// The Atom feed: one entry per source, newest first, written as it is made (at 50,000
/// sources the feed is 36 MB).
pub fn write_atom_feed(dossier: &Dossier, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let site = &dossier.site;
    let absolute = is_absolute(&site.base_url);
    let dated = |i: usize| {
        dossier.documents[i]
            .metadata
            .published
            .as_ref()
            .map(|f| f.value)
    };
    let latest = (0..dossier.documents.len()).filter_map(dated).max();
    let mut order: Vec<usize> = (0..dossier.documents.len()).collect();
    // Newest first; undated sources last, in dossier order.
    order.sort_by(|&a, &b| {
        dated(b)
            .cmp(&dated(a))
            .then(dated(a).is_none().cmp(&dated(b).is_none()))
            .then(a.cmp(&b))
    });
    // A feed needs an `updated` date: the newest source's (stable across builds), else a fixed one.
    let feed_updated = latest
        .map(rfc3339)
        .unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    if !absolute {
        x.push_str(
            "<!-- base_url is not an absolute URL: links are relative to this feed's own address \
             (RFC 4287), ids are stable urn:uuid values. Set base_url to https://… for absolute links. -->\n",
        );
    }
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape_xml(&site.language)
    ));
    x.push_str(&format!("  <title>{}</title>\n", escape_xml(&site.title)));
    if !site.description.trim().is_empty() {
        x.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_xml(&plain_text(&site.description))
        ));
    }
    x.push_str(&format!(
        "  <id>{}</id>\n",
        escape_xml(&atom_id(dossier, ""))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_xml(&public_url(&site.base_url, "index.html"))
    ));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_xml(&public_url(&site.base_url, "feed.xml"))
    ));
    x.push_str(&format!("  <updated>{feed_updated}</updated>\n"));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape_xml(site.author.as_deref().unwrap_or(&site.title))
    ));
    x.push_str(&format!(
        "  <generator version=\"{}\">dossier</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for i in order {
        let doc = &dossier.documents[i];
        let m = &doc.metadata;
        let path = views::source_path(&doc.id);
        let updated = dated(i)
            .map(rfc3339)
            .unwrap_or_else(|| feed_updated.clone());
        x.push_str("  <entry>\n");
        x.push_str(&format!(
            "    <title>{}</title>\n",
            escape_xml(&headline(doc))
        ));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape_xml(&public_url(&site.base_url, &path))
        ));
        if let Some(url) = &m.url {
            x.push_str(&format!(
                "    <link rel=\"via\" type=\"text/html\" href=\"{}\"/>\n",
                escape_xml(&url.value)
            ));
        }
        x.push_str(&format!(
            "    <id>{}</id>\n",
            escape_xml(&atom_id(dossier, &path))
        ));
        if let Some(p) = dated(i) {
            x.push_str(&format!("    <published>{}</published>\n", rfc3339(p)));
        }
        x.push_str(&format!("    <updated>{updated}</updated>\n"));
        let authors = m
            .byline
            .as_ref()
            .map(|b| parse_byline(&b.value))
            .unwrap_or_default();
        for a in &authors {
            x.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape_xml(&a.display())
            ));
        }
        if authors.is_empty()
            && let Some(outlet) = &m.outlet
        {
            x.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape_xml(&outlet.value)
            ));
        }
        for tag in &doc.editorial.tags {
            x.push_str(&format!("    <category term=\"{}\"/>\n", escape_xml(tag)));
        }
        x.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape_xml(&summary(doc))
        ));
        x.push_str("  </entry>\n");
        if x.len() >= 1 << 16 {
            w.write_all(x.as_bytes())?;
            x.clear();
        }
    }
    x.push_str("</feed>\n");
    w.write_all(x.as_bytes())
}

/// The public URLs of `html_pages` (output paths), for the sitemap, in groups of at most
/// [`SITEMAP_LIMIT`]. Empty when the base URL is not absolute (no sitemap then).
pub fn sitemap_chunks(base_url: &str, html_pages: &[String]) -> Vec<Vec<String>> {
    if !is_absolute(base_url) {
        return Vec::new();
    }
    let urls: Vec<String> = html_pages
        .iter()
        .filter(|p| p.ends_with(".html") && p.as_str() != "404.html")
        .map(|p| public_url(base_url, p))
        .collect();
    urls.chunks(SITEMAP_LIMIT).map(<[String]>::to_vec).collect()
}

/// One sitemap file's XML.
pub fn sitemap_xml(urls: &[String]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        x.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(u)));
    }
    x.push_str("</urlset>\n");
    x
}

/// The sitemap index pointing at `count` sitemap files (for sites over [`SITEMAP_LIMIT`] pages).
pub fn sitemap_index_xml(base_url: &str, count: usize) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for k in 0..count {
        x.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape_xml(&format!("{base_url}{}", sitemap_part_path(k)))
        ));
    }
    x.push_str("</sitemapindex>\n");
    x
}

/// The path of sitemap part `k` when the sitemap is split.
pub fn sitemap_part_path(k: usize) -> String {
    format!("sitemap-{}.xml", k + 1)
}

/// `robots.txt`: everything may be crawled; the sitemap's address when there is one.
pub fn robots_txt(base_url: &str) -> String {
    let mut s = String::from("# Written by dossier.\nUser-agent: *\nAllow: /\n");
    if is_absolute(base_url) {
        s.push_str(&format!("Sitemap: {base_url}sitemap.xml\n"));
        if super::views::base_path(base_url) != "/" {
            s.push_str(
                "# Crawlers read robots.txt only at the root of a host: under a sub-path, copy the\n\
                 # Sitemap line above into the host's own robots.txt.\n",
            );
        }
    } else {
        s.push_str(
            "# No sitemap: the sitemap protocol needs absolute URLs. Set base_url in dossier.yaml\n\
             # (or --base-url) to the site's full address, e.g. https://example.org/dossier/.\n",
        );
    }
    s
}

/// A person or body named as an author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    /// A personal name split into family and given names.
    Person { family: String, given: String },
    /// A name kept whole (an agency, a desk, a one-word name).
    Literal(String),
}

impl Author {
    /// "Given Family" or the literal name.
    pub fn display(&self) -> String {
        match self {
            Author::Person { family, given } => format!("{given} {family}"),
            Author::Literal(s) => s.clone(),
        }
    }
}

/// Splits a byline ("By Jane Doe and John Smith", "Von A. Müller, B. Roth") into authors.
pub fn parse_byline(byline: &str) -> Vec<Author> {
    let mut text = byline.trim();
    for prefix in ["by ", "By ", "BY ", "von ", "Von ", "VON ", "par ", "Par "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest;
            break;
        }
    }
    // Split by each separator in turn, as slices of the byline (a source's byline is parsed
    // for its page's citations, the feed and the citation files).
    let mut names: Vec<&str> = vec![text];
    for sep in [" and ", " und ", " et ", " & ", ";", ","] {
        if names.iter().any(|n| n.contains(sep)) {
            names = names.iter().flat_map(|n| n.split(sep)).collect();
        }
    }
    names
        .iter()
        .map(|n| n.trim().trim_end_matches('.').trim())
        .filter(|n| !n.is_empty())
        .map(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            let looks_personal = words.len() >= 2
                && words.len() <= 4
                && words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && !n
                    .chars()
                    .any(|c| c.is_ascii_digit() || c == '/' || c == '@');
            if looks_personal {
                Author::Person {
                    family: words[words.len() - 1].to_string(),
                    given: words[..words.len() - 1].join(" "),
                }
            } else {
                Author::Literal(n.to_string())
            }
        })
        .collect()
}

/// The BibTeX/CSL key of a source: its id with anything unusual replaced.
pub fn citation_key(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn date_parts(d: NaiveDate) -> Value {
    json!({ "date-parts": [[d.year(), d.month(), d.day()]] })
}

/// A source as a CSL-JSON item (`article-newspaper`).
pub fn source_csl(dossier: &Dossier, d: usize) -> Value {
    let doc = &dossier.documents[d];
    let m = &doc.metadata;
    let mut item = serde_json::Map::new();
    item.insert("id".into(), json!(citation_key(&doc.id)));
    item.insert("type".into(), json!("article-newspaper"));
    item.insert("title".into(), json!(headline(doc)));
    if let Some(o) = &m.outlet {
        item.insert("container-title".into(), json!(o.value));
    }
    if let Some(b) = &m.byline {
        let authors: Vec<Value> = parse_byline(&b.value)
            .into_iter()
            .map(|a| match a {
                Author::Person { family, given } => json!({ "family": family, "given": given }),
                Author::Literal(s) => json!({ "literal": s }),
            })
            .collect();
        if !authors.is_empty() {
            item.insert("author".into(), Value::Array(authors));
        }
    }
    if let Some(p) = &m.published {
        item.insert("issued".into(), date_parts(p.value));
    }
    if let Some(l) = &m.language {
        item.insert("language".into(), json!(l.value));
    }
    if let Some(u) = &m.url {
        item.insert("URL".into(), json!(u.value));
    }
    item.insert(
        "note".into(),
        json!(format!(
            "In the dossier “{}”: {}",
            dossier.site.title,
            public_url(&dossier.site.base_url, &views::source_path(&doc.id))
        )),
    );
    if !doc.editorial.tags.is_empty() {
        item.insert("keyword".into(), json!(doc.editorial.tags.join(", ")));
    }
    Value::Object(item)
}

/// The dossier itself as a CSL-JSON item (`webpage`).
pub fn dossier_csl(dossier: &Dossier) -> Value {
    let site = &dossier.site;
    let mut item = serde_json::Map::new();
    item.insert("id".into(), json!("dossier"));
    item.insert("type".into(), json!("webpage"));
    item.insert("title".into(), json!(site.title));
    if let Some(a) = &site.author {
        item.insert("author".into(), json!([{ "literal": a }]));
    }
    if !site.description.trim().is_empty() {
        item.insert("abstract".into(), json!(plain_text(&site.description)));
    }
    item.insert("language".into(), json!(site.language));
    if is_absolute(&site.base_url) {
        item.insert("URL".into(), json!(site.base_url));
    }
    item.insert(
        "genre".into(),
        json!(format!(
            "Dossier of {} source{}",
            dossier.documents.len(),
            if dossier.documents.len() == 1 {
                ""
            } else {
                "s"
            }
        )),
    );
    Value::Object(item)
}

/// Escapes text for a braced BibTeX field: the characters LaTeX treats specially.
pub fn escape_bibtex(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped_bibtex(&mut out, s);
    out
}

/// [`escape_bibtex`] onto the end of `out`.
fn push_escaped_bibtex(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A field's start, `  name      = `: the name padded to nine columns, as BibTeX files align
/// them. Pushed piece by piece: a source's record is built on its page, in the feed and in
/// the sources' citation file, and `format!` with padding was most of its cost.
fn push_bib_name(out: &mut String, name: &str) {
    out.push_str("  ");
    out.push_str(name);
    for _ in name.chars().count()..9 {
        out.push(' ');
    }
    out.push_str(" = ");
}

fn bib_field(out: &mut String, name: &str, value: &str) {
    push_bib_name(out, name);
    out.push('{');
    push_escaped_bibtex(out, value);
    out.push_str("},\n");
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A source as a BibTeX `@article` (the outlet as journal), with biblatex's `date` and `url`.
pub fn source_bibtex(dossier: &Dossier, d: usize) -> String {
    let doc = &dossier.documents[d];
    let m = &doc.metadata;
    let mut b = String::with_capacity(512);
    b.push_str("@article{");
    b.push_str(&citation_key(&doc.id));
    b.push_str(",\n");
    // Double braces keep the headline's capitals as written.
    push_bib_name(&mut b, "title");
    b.push_str("{{");
    push_escaped_bibtex(&mut b, &headline(doc));
    b.push_str("}},\n");
    if let Some(by) = &m.byline {
        let authors = parse_byline(&by.value);
        if !authors.is_empty() {
            push_bib_name(&mut b, "author");
            b.push('{');
            for (k, a) in authors.into_iter().enumerate() {
                if k > 0 {
                    b.push_str(" and ");
                }
                match a {
                    Author::Person { family, given } => {
                        push_escaped_bibtex(&mut b, &family);
                        b.push_str(", ");
                        push_escaped_bibtex(&mut b, &given);
                    }
                    Author::Literal(s) => {
                        b.push('{');
                        push_escaped_bibtex(&mut b, &s);
                        b.push('}');
                    }
                }
            }
            b.push_str("},\n");
        }
    }
    if let Some(o) = &m.outlet {
        bib_field(&mut b, "journal", &o.value);
    }
    if let Some(p) = &m.published {
        let p = p.value;
        bib_field(&mut b, "year", &p.year().to_string());
        push_bib_name(&mut b, "month");
        b.push_str(MONTHS[p.month0() as usize]);
        b.push_str(",\n");
        bib_field(&mut b, "date", &crate::text::iso_date(p));
    }
    if let Some(u) = &m.url {
        bib_field(&mut b, "url", &u.value);
    }
    if let Some(l) = &m.language {
        bib_field(&mut b, "langid", &l.value);
    }
    bib_field(
        &mut b,
        "note",
        &format!(
            "In the dossier ``{}'': {}",
            dossier.site.title,
            public_url(&dossier.site.base_url, &views::source_path(&doc.id))
        ),
    );
    if !doc.editorial.tags.is_empty() {
        bib_field(&mut b, "keywords", &doc.editorial.tags.join(", "));
    }
    b.push_str("}\n");
    b
}

/// The dossier itself as a BibTeX `@misc`.
pub fn dossier_bibtex(dossier: &Dossier) -> String {
    let site = &dossier.site;
    let mut b = String::from("@misc{dossier,\n");
    b.push_str(&format!(
        "  {:<9} = {{{{{}}}}},\n",
        "title",
        escape_bibtex(&site.title)
    ));
    if let Some(a) = &site.author {
        b.push_str(&format!(
            "  {:<9} = {{{{{}}}}},\n",
            "author",
            escape_bibtex(a)
        ));
    }
    if is_absolute(&site.base_url) {
        bib_field(&mut b, "url", &site.base_url);
        bib_field(&mut b, "howpublished", &site.base_url);
    }
    if !site.description.trim().is_empty() {
        bib_field(&mut b, "abstract", &plain_text(&site.description));
    }
    bib_field(&mut b, "langid", &site.language);
    bib_field(
        &mut b,
        "note",
        &format!(
            "Dossier of {} source{}",
            dossier.documents.len(),
            if dossier.documents.len() == 1 {
                ""
            } else {
                "s"
            }
        ),
    );
    b.push_str("}\n");
    b
}

/// A one-line reference to a source for the "cite this" box: Outlet. “Headline.” Byline, date. URL.
pub fn source_reference(dossier: &Dossier, d: usize) -> String {
    let doc = &dossier.documents[d];
    let m = &doc.metadata;
    // Pushed piece by piece: every source page carries its reference.
    let mut r = String::with_capacity(256);
    if let Some(by) = &m.byline {
        let names = parse_byline(&by.value);
        if !names.is_empty() {
            for (k, a) in names.iter().enumerate() {
                if k > 0 {
                    r.push_str(", ");
                }
                r.push_str(&a.display());
            }
            r.push_str(". ");
        }
    }
    let title = headline(doc);
    r.push('“');
    r.push_str(&title);
    if !title.ends_with(['.', '?', '!']) {
        r.push('.');
    }
    r.push('”');
    let date = |r: &mut String, p: &chrono::NaiveDate| {
        use std::fmt::Write;
        let _ = write!(r, "{}", p.format("%-d %B %Y"));
    };
    if let Some(o) = &m.outlet {
        r.push(' ');
        r.push_str(&o.value);
        if let Some(p) = &m.published {
            r.push_str(", ");
            date(&mut r, &p.value);
        }
        r.push('.');
    } else if let Some(p) = &m.published {
        r.push(' ');
        date(&mut r, &p.value);
        r.push('.');
    }
    if let Some(u) = &m.url {
        r.push(' ');
        r.push_str(&u.value);
    }
    r
}

/// A whole citation file of `items` in `format`: CSL-JSON is an array of items, BibTeX a list
/// of entries. Only that format's entries are computed (`csl` or `bibtex` of each item).
pub fn citation_file_of<I: Copy>(
    format: CitationFormat,
    items: impl Iterator<Item = I>,
    csl: impl Fn(I) -> Value,
    bibtex: impl Fn(I) -> String,
) -> Vec<u8> {
    let mut out = Vec::new();
    write_citation_file(&mut out, format, items, csl, bibtex)
        .expect("writing to memory cannot fail");
    out
}

/// [`citation_file_of`] written item by item: the list of every source's citation is tens of
/// megabytes in a big dossier, and as one JSON value several times that.
pub fn write_citation_file<I: Copy>(
    w: &mut dyn std::io::Write,
    format: CitationFormat,
    items: impl Iterator<Item = I>,
    csl: impl Fn(I) -> Value,
    bibtex: impl Fn(I) -> String,
) -> std::io::Result<()> {
    match format {
        CitationFormat::CslJson => {
            // The array as `serde_json::to_string_pretty` prints it: each item pretty-printed
            // and indented one level (JSON text has no raw line breaks inside strings).
            let mut any = false;
            for item in items {
                w.write_all(if any { b",\n" } else { b"[\n" })?;
                any = true;
                let text = serde_json::to_string_pretty(&csl(item)).unwrap_or_default();
                for (n, line) in text.lines().enumerate() {
                    if n > 0 {
                        w.write_all(b"\n")?;
                    }
                    w.write_all(b"  ")?;
                    w.write_all(line.as_bytes())?;
                }
            }
            w.write_all(if any { b"\n]\n" } else { b"[]\n" })
        }
        CitationFormat::Bibtex => {
            for (n, item) in items.enumerate() {
                if n > 0 {
                    w.write_all(b"\n")?;
                }
                w.write_all(bibtex(item).as_bytes())?;
            }
            Ok(())
        }
    }
}

/// A `data:` URL holding `content`, for a download link that needs no file of its own (and works
/// from disk). Only what may not appear in a URL is percent-encoded, so the text stays short.
pub fn data_uri(media_type: &str, content: &[u8]) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, percent_encode};
    const UNSAFE: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'\'')
        .add(b'\\')
        .add(b'^')
        .add(b'[')
        .add(b']')
        .add(b'{')
        .add(b'}')
        .add(b'|')
        .add(b'&');
    // Chunk by chunk into room reserved up front: through `format!` each escaped byte was a
    // formatter call, and every source page carries two of these.
    let mut uri = String::with_capacity(32 + media_type.len() + content.len() * 2);
    uri.push_str("data:");
    uri.push_str(media_type);
    uri.push_str(";charset=utf-8,");
    for chunk in percent_encode(content, UNSAFE) {
        uri.push_str(chunk);
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_uri_round_trips_and_holds_only_characters_valid_in_a_url() {
        let text = "@article{k,\n  title = {{“Grüße” & <b>[1] 50% #1}}},\n}\n";
        let uri = data_uri("application/x-bibtex", text.as_bytes());
        let data = uri
            .strip_prefix("data:application/x-bibtex;charset=utf-8,")
            .unwrap();
        assert_eq!(
            percent_encoding::percent_decode_str(data)
                .decode_utf8()
                .unwrap(),
            text
        );
        assert!(
            data.chars()
                .all(|c| c.is_ascii_graphic() && !"\"#<>[]{}|\\^`'&".contains(c)),
            "{data}"
        );
    }

    #[test]
    fn bylines_split_into_people_and_bodies() {
        assert_eq!(
            parse_byline("By Jane Doe and John A. Smith"),
            vec![
                Author::Person {
                    family: "Doe".into(),
                    given: "Jane".into()
                },
                Author::Person {
                    family: "Smith".into(),
                    given: "John A.".into()
                },
            ]
        );
        assert_eq!(
            parse_byline("Reuters, dpa/AFP"),
            vec![
                Author::Literal("Reuters".into()),
                Author::Literal("dpa/AFP".into())
            ]
        );
    }

    #[test]
    fn bibtex_specials_are_escaped() {
        assert_eq!(escape_bibtex("50% & {x}_#"), "50\\% \\& \\{x\\}\\_\\#");
    }

    #[test]
    fn urls_are_absolute_only_with_an_absolute_base() {
        assert_eq!(
            public_url("https://x.org/a/", "entities/index.html"),
            "https://x.org/a/entities/"
        );
        assert_eq!(public_url("/a/", "entities/index.html"), "entities/");
        assert_eq!(
            public_url("https://x.org/a/", "sources/s.html"),
            "https://x.org/a/sources/s.html"
        );
        assert!(sitemap_chunks("/a/", &["index.html".into()]).is_empty());
        assert_eq!(
            sitemap_chunks("https://x.org/", &["index.html".into(), "404.html".into()]),
            vec![vec!["https://x.org/".to_string()]]
        );
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate_words("one two three four", 9), "one two…");
        assert_eq!(truncate_words("short", 9), "short");
    }
}

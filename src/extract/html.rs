//! Main-content extraction from saved web pages: the article's blocks, without navigation,
//! asides, captions, scripts or forms, plus the metadata the page's markup states.

use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

use super::metadata::PageMeta;
use super::{BlockKind, CleanPage, collapse_whitespace};

static SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "form",
    "button",
    "iframe",
    "svg",
    "template",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
];

/// Extracts the article body and the page's own metadata.
pub fn extract_page(html: &str) -> CleanPage {
    let doc = Html::parse_document(html);
    let mut page = CleanPage {
        meta: PageMeta::from_document(&doc),
        ..CleanPage::default()
    };
    static ROOTS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
        ["article", "main", "[role=main]", "body"]
            .iter()
            .map(|s| Selector::parse(s).unwrap())
            .collect()
    });
    let root = ROOTS.iter().find_map(|sel| doc.select(sel).next());
    if let Some(root) = root {
        walk(root, &mut page, false);
    }
    page
}

fn is_hidden(el: &ElementRef) -> bool {
    let v = el.value();
    v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
        || v.attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
        || v.attr("role").is_some_and(|r| {
            matches!(
                r,
                "navigation" | "banner" | "contentinfo" | "complementary" | "dialog"
            )
        })
        || v.attr("class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            [
                "related",
                "share",
                "social",
                "newsletter",
                "cookie",
                "advert",
                "promo",
                "comment",
                "byline",
                "caption",
                "breadcrumb",
            ]
            .iter()
            .any(|k| c.contains(k))
        })
}

fn walk(el: ElementRef, page: &mut CleanPage, in_quote: bool) {
    for child in el.children() {
        let Some(child_el) = ElementRef::wrap(child) else {
            continue;
        };
        let name = child_el.value().name();
        if SKIP.contains(&name) || is_hidden(&child_el) {
            continue;
        }
        let kind = match name {
            "h1" => Some(if page.blocks.iter().any(|b| b.kind == BlockKind::Title) {
                BlockKind::Heading
            } else {
                BlockKind::Title
            }),
            "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
            "p" => Some(if in_quote {
                BlockKind::BlockQuote
            } else {
                BlockKind::Paragraph
            }),
            "li" => Some(BlockKind::ListItem),
            _ => None,
        };
        match kind {
            Some(kind) => {
                let text = collapse_whitespace(&inline_text(child_el));
                page.push(kind, &text);
            }
            None if name == "blockquote" => walk(child_el, page, true),
            None => walk(child_el, page, in_quote),
        }
    }
}

/// The visible text of an element, skipping scripts and hidden parts.
fn inline_text(el: ElementRef) -> String {
    let mut out = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if e.name() == "br" {
                    out.push(' ');
                } else if let Some(c) = ElementRef::wrap(child)
                    && !SKIP.contains(&e.name())
                {
                    out.push_str(&inline_text(c));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_the_rest() {
        let html = r#"<html lang="de"><head><title>T | Site</title><meta property="og:site_name" content="Site"></head>
        <body><nav><a>Home</a></nav><article><h1>Headline here</h1><figure><figcaption>Caption</figcaption></figure>
        <p>First <b>paragraph</b>.</p><aside class="related"><p>Other story</p></aside><p>Second.</p>
        <script>alert(1)</script></article><footer>About us</footer></body></html>"#;
        let page = extract_page(html);
        let texts: Vec<&str> = page
            .blocks
            .iter()
            .map(|b| &page.text[b.start..b.end])
            .collect();
        assert_eq!(texts, ["Headline here", "First paragraph.", "Second."]);
        assert_eq!(page.meta.site_name.as_deref(), Some("Site"));
        assert_eq!(page.meta.language.as_deref(), Some("de"));
    }
}

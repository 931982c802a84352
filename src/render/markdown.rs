//! Editorial Markdown → HTML: pulldown-cmark with tables, footnotes, strikethrough and heading
//! anchors; fenced code highlighted by syntect with CSS classes (the stylesheet is generated);
//! raw HTML sanitised by ammonia unless the manifest allows it.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::slug::slugify;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Markdown rendering with one loaded syntax set (loading it is the slow part).
pub struct MarkdownRenderer {
    syntaxes: SyntaxSet,
    allow_raw_html: bool,
    sanitizer: ammonia::Builder<'static>,
}

/// A rendered Markdown document: its HTML and its first heading (a default title).
#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub first_heading: Option<String>,
    /// Headings (level, id, text), for a table of contents.
    pub headings: Vec<(u8, String, String)>,
}

impl MarkdownRenderer {
    pub fn new(allow_raw_html: bool) -> MarkdownRenderer {
        let mut sanitizer = ammonia::Builder::default();
        sanitizer
            .add_generic_attributes(["id", "class", "title", "lang", "dir"])
            .add_tags([
                "input",
                "details",
                "summary",
                "figure",
                "figcaption",
                "mark",
                "abbr",
                "section",
            ])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("noopener noreferrer"))
            .attribute_filter(|_element, attribute, value| match attribute {
                // The site works offline: nothing may load from elsewhere.
                "src" | "srcset" | "poster" | "data" if is_remote(value) => None,
                // Tables align their cells; any other inline style could load a url().
                "style" => is_alignment(value).then(|| value.into()),
                _ => Some(value.into()),
            });
        MarkdownRenderer {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            allow_raw_html,
            sanitizer,
        }
    }

    /// Renders `markdown`; `id_prefix` keeps heading ids unique when several notes share a page.
    pub fn render(&self, markdown: &str, id_prefix: &str) -> RenderedMarkdown {
        let mut events: Vec<Event> = Parser::new_ext(markdown, OPTIONS).collect();
        let mut out = RenderedMarkdown::default();

        // Heading anchors: the heading's text, slugified, unique within the document.
        let mut used: HashSet<String> = HashSet::new();
        let mut i = 0;
        while i < events.len() {
            if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
                let level = *level;
                let explicit = id.clone();
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    push_heading_text(&mut text, &events[j]);
                    j += 1;
                }
                let base = explicit
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| format!("{id_prefix}{}", slugify(&text)));
                let mut anchor = base.clone();
                let mut n = 2;
                while !used.insert(anchor.clone()) {
                    anchor = format!("{base}-{n}");
                    n += 1;
                }
                if out.first_heading.is_none() {
                    out.first_heading = Some(text.clone());
                }
                out.headings
                    .push((heading_number(level), anchor.clone(), text));
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                    *id = Some(CowStr::from(anchor));
                }
                i = j;
            }
            i += 1;
        }

        // Fenced code: highlighted with classes; the language decides the syntax.
        let mut rendered: Vec<Event> = Vec::with_capacity(events.len());
        let mut code: Option<(String, String)> = None;
        for event in events {
            match (&mut code, event) {
                (None, Event::Start(Tag::CodeBlock(kind))) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(l) => {
                            l.split([' ', ',']).next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                (Some((_, buf)), Event::Text(t)) => buf.push_str(&t),
                (Some(_), Event::End(TagEnd::CodeBlock)) => {
                    let (lang, buf) = code.take().unwrap();
                    rendered.push(Event::Html(CowStr::from(self.highlight(&lang, &buf))));
                }
                (_, e) => rendered.push(e),
            }
        }
        let rendered = remote_images_as_links(rendered);
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, rendered.into_iter());
        out.html = if self.allow_raw_html {
            html
        } else {
            images_without_source_as_text(&self.sanitizer.clean(&html).to_string())
        };
        out
    }

    fn highlight(&self, lang: &str, code: &str) -> String {
        let syntax = (!lang.is_empty())
            .then(|| self.syntaxes.find_syntax_by_token(lang))
            .flatten()
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text());
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!("<pre><code>{}</code></pre>", super::escape_html(code));
            }
        }
        let lang_class = if lang.is_empty() {
            String::new()
        } else {
            format!(" language-{}", slugify(lang))
        };
        format!(
            "<pre class=\"code{lang_class}\"><code>{}</code></pre>\n",
            generator.finalize()
        )
    }
}

/// The Markdown extensions notes and descriptions may use.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_SMART_PUNCTUATION);

/// A heading's text as a title and an anchor read it: its text and code, without markup.
fn push_heading_text(text: &mut String, event: &Event) {
    if let Event::Text(t) | Event::Code(t) = event {
        text.push_str(t);
    }
}

/// The text of the first heading, as [`MarkdownRenderer::render`] finds it, without rendering
/// (highlighting code and cleaning the HTML are the slow part): a note's default title.
pub fn first_heading(markdown: &str) -> Option<String> {
    let mut events = Parser::new_ext(markdown, OPTIONS);
    events.find(|e| matches!(e, Event::Start(Tag::Heading { .. })))?;
    let mut text = String::new();
    for event in events.take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_)))) {
        push_heading_text(&mut text, &event);
    }
    Some(text)
}

/// Whether a URL points off the site (a scheme, or protocol-relative `//host`).
fn is_remote(url: &str) -> bool {
    let u = url.trim_start();
    u.starts_with("//")
        || u.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

fn is_alignment(style: &str) -> bool {
    let s = style.trim().trim_end_matches(';').replace(' ', "");
    matches!(
        s.as_str(),
        "text-align:left" | "text-align:right" | "text-align:center"
    )
}

/// `![alt](https://…)` becomes a link to the image: the site loads nothing from elsewhere.
fn remote_images_as_links(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut open_remote: Vec<bool> = Vec::new();
    for e in events {
        match e {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let remote = is_remote(&dest_url);
                open_remote.push(remote);
                if remote {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                    out.push(Event::Text(CowStr::from("[image] ")));
                } else {
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                out.push(if open_remote.pop().unwrap_or(false) {
                    Event::End(TagEnd::Link)
                } else {
                    Event::End(TagEnd::Image)
                });
            }
            e => out.push(e),
        }
    }
    out
}

/// Raw `<img>` tags whose remote source was removed are shown as their alt text.
fn images_without_source_as_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find('>') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let tag = &rest[i..i + end + 1];
        if tag.contains(" src=") {
            out.push_str(tag);
        } else {
            let alt = tag
                .split(" alt=\"")
                .nth(1)
                .and_then(|a| a.split('"').next())
                .unwrap_or("");
            out.push_str(&format!(
                "<span class=\"image-removed\">[image{}{}]</span>",
                if alt.is_empty() { "" } else { ": " },
                alt
            ));
        }
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one for dark mode.
pub fn syntax_css() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
        .unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
        .unwrap_or_default();
    format!(
        "/* generated by dossier from syntect's themes */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The title found without rendering is the one rendering finds, whatever the heading
    /// holds and wherever it is.
    #[test]
    fn first_heading_without_rendering_is_the_rendered_one() {
        let renderer = MarkdownRenderer::new(false);
        for md in [
            "# Method\n\nText.",
            "Intro paragraph.\n\n## The *second* `level` -- \"quoted\"\n\n# Later",
            "```md\n# not a heading\n```\n\nSetext title\n============\n",
            "> # In a quote\n",
            "# Heading with [a link](https://example.org) and ![an image](x.png) {#custom}\n",
            "No heading at all.\n",
            "",
            "#\n\n# Second",
        ] {
            assert_eq!(
                first_heading(md),
                renderer.render(md, "").first_heading,
                "{md:?}"
            );
        }
        assert_eq!(
            first_heading("Text\n\n## Glossary\n"),
            Some("Glossary".into())
        );
        assert_eq!(first_heading("Text only"), None);
    }

    #[test]
    fn renders_tables_footnotes_strikethrough_and_anchors() {
        let md = "# Intro\n\nText with ~~old~~ and a note.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Intro\n\n[^1]: The footnote.\n";
        let r = MarkdownRenderer::new(false).render(md, "");
        assert!(r.html.contains("<h1 id=\"intro\">Intro</h1>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"intro-2\">"), "{}", r.html);
        assert!(r.html.contains("<del>old</del>"), "{}", r.html);
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
        assert_eq!(r.first_heading.as_deref(), Some("Intro"));
    }

    #[test]
    fn highlights_code_with_classes() {
        let r = MarkdownRenderer::new(false).render("```rust\nfn main() {}\n```\n", "");
        assert!(
            r.html.contains("<pre class=\"code language-rust\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("class=\"hl-"), "{}", r.html);
        assert!(syntax_css().contains(".hl-"));
    }

    #[test]
    fn raw_html_is_sanitised_unless_allowed() {
        let md = "Hi <script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))\n\n<iframe src=\"https://evil\"></iframe>\n";
        let safe = MarkdownRenderer::new(false).render(md, "").html;
        assert!(!safe.contains("<script"), "{safe}");
        assert!(!safe.contains("onerror"), "{safe}");
        assert!(!safe.contains("javascript:"), "{safe}");
        assert!(!safe.contains("<iframe"), "{safe}");
        let md = "![pixel](https://evil.example/p.png) ![local](img/a.png) <img src=\"https://evil.example/x.gif\" alt=\"tracker\"> <p style=\"background:url(https://evil.example/b.png)\">s</p>\n\n| a |\n|:-:|\n| 1 |\n";
        let safe = MarkdownRenderer::new(false).render(md, "").html;
        assert!(!safe.contains("src=\"https://"), "{safe}");
        assert!(!safe.contains("url("), "{safe}");
        assert!(safe.contains("<a href=\"https://evil.example/p.png\" rel=\"noopener noreferrer\">[image] pixel</a>"), "{safe}");
        assert!(
            safe.contains("<img src=\"img/a.png\" alt=\"local\">"),
            "{safe}"
        );
        assert!(safe.contains("[image: tracker]"), "{safe}");
        assert!(safe.contains("style=\"text-align: center\""), "{safe}");
        let raw = MarkdownRenderer::new(true)
            .render("<b class=x>ok</b>", "")
            .html;
        assert!(raw.contains("<b class=x>ok</b>"), "{raw}");
    }
}

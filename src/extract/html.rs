//! Main-content extraction from saved web pages: the article's blocks, without navigation,
//! asides, captions, scripts or forms, plus the metadata the page's markup states.

use rustc_hash::{FxHashMap, FxHashSet};
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

use super::boilerplate::{ChromeKind, Zone};

use super::metadata::PageMeta;
use super::{BlockKind, CleanPage, collapse_whitespace};

static SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "figure",
    "figcaption",
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

/// Class and id words of page furniture (matched inside the attribute, as trafilatura does).
const BOILERPLATE_HINTS: &[&str] = &[
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "cookie",
    "consent",
    "advert",
    "promo",
    "comment",
    "byline",
    "author",
    "caption",
    "breadcrumb",
    "sidebar",
    "widget",
    "teaser",
    "recommend",
    "more-stories",
    "most-read",
    "mostread",
    "popular",
    "trending",
    "tags",
    "author-bio",
    "authorbio",
    "subscribe",
    "signup",
    "sign-up",
    "paywall",
    "banner",
    "popup",
    "modal",
    "footer",
    "masthead",
    "navbar",
    "nav-",
    "-nav",
    "menu",
    "skip",
    "print-only",
    "visually-hidden",
    "sr-only",
    "screen-reader",
    "hidden",
    "ad-slot",
    "ad-container",
    "adslot",
    "outbrain",
    "taboola",
    "read-more",
    "readmore",
    "see-also",
    "also-read",
    "lesen-sie",
    "lire-aussi",
    "leia-tambem",
    "video-player",
    "player",
    "gallery",
    "slideshow",
    "credit",
    "copyright",
    "disclaimer",
    "toolbar",
    "pagination",
    "rating",
];

/// Class and id words that mark the article's own text: they override a boilerplate word in
/// the same attribute ("article-body-share" is still furniture, "article-body" is not).
const CONTENT_HINTS: &[&str] = &[
    "article-body",
    "articlebody",
    "article__body",
    "article-content",
    "articlecontent",
    "story-body",
    "storybody",
    "post-content",
    "entry-content",
    "post-body",
    "content-body",
    "article-text",
    "articletext",
    "body-text",
    "text-body",
    "main-content",
    "story-content",
];

/// Paragraph-bearing text below an element, and how much of it sits in links.
#[derive(Debug, Clone, Copy, Default)]
struct Density {
    /// Characters of text in paragraphs, list items, headings, quotes and text-bearing divs.
    text: usize,
    /// Characters of that text inside links.
    linked: usize,
    /// Text of the blocks that are not mostly links, less twice their link text, summed block by
    /// block: a link-heavy menu elsewhere in the element does not cancel a paragraph's text.
    useful: usize,
}

/// Extracts the article body and the page's own metadata.
///
/// The body is found by text density: starting from `<body>`, the walk descends into the child
/// that holds most (three quarters) of the paragraph text, and stops where the text is spread
/// over several children: that element is the article container. `<article>`, `<main>` and
/// `itemprop=articleBody` only help when they hold the text. The headline is the `<h1>` (inside
/// the container or before it), checked against the page's own title.
pub fn extract_page(html: &str) -> CleanPage {
    let doc = Html::parse_document(html);
    let mut page = CleanPage {
        meta: PageMeta::from_document(&doc),
        ..CleanPage::default()
    };
    static BODY: LazyLock<Selector> = LazyLock::new(|| Selector::parse("body").unwrap());
    let Some(body) = doc.select(&BODY).next() else {
        return page;
    };
    let hidden = hidden_by_names(body);
    let mut density = FxHashMap::default();
    measure(body, false, &hidden, &mut density);
    let container = find_container(body, &density);
    let headline = find_headline(&doc, container, &page.meta, &hidden);
    if let Some((_, h)) = &headline {
        page.push(BlockKind::Title, h);
    }
    let mut walker = Walker {
        page: &mut page,
        density: &density,
        hidden: &hidden,
        headline: headline.as_ref().map(|(_, h)| h.as_str()),
    };
    if let Some((h1, _)) = headline {
        walker.walk_article_head(h1, container);
    }
    walker.walk(container, false);
    drop_chrome_blocks(&mut page);
    collect_head_and_footer(&doc, &mut page, &hidden);
    page
}

/// Datelines, bylines and footers, kept as chrome for metadata: short texts in elements whose
/// class says date, time, byline, author or info, and the page footer's lines.
fn collect_head_and_footer(doc: &Html, page: &mut CleanPage, hidden: &FxHashSet<ego_tree::NodeId>) {
    use super::boilerplate as bp;
    static HEAD: LazyLock<Selector> = LazyLock::new(|| {
        Selector::parse("time, [class*=date], [class*=Date], [class*=time], [class*=byline], [class*=author], [class*=info], [class*=meta], [class*=dateline], [rel=author]").unwrap()
    });
    static FOOT: LazyLock<Selector> = LazyLock::new(|| {
        Selector::parse("footer, [role=contentinfo], [class*=footer], [id*=footer]").unwrap()
    });
    let mut seen = FxHashSet::default();
    for el in doc.select(&HEAD) {
        let text = collapse_whitespace(&inline_text(el, hidden));
        if text.is_empty() || bp::word_weight(&text) > 20.0 || !seen.insert(text.clone()) {
            continue;
        }
        let hints = format!(
            "{} {}",
            el.value().attr("class").unwrap_or(""),
            el.value().attr("rel").unwrap_or("")
        )
        .to_lowercase();
        if bp::is_date_line(&text) {
            page.drop_line(&text, ChromeKind::Date, Zone::ArticleHead);
        } else if bp::is_byline(&text)
            || ((hints.contains("author") || hints.contains("byline"))
                && bp::word_weight(&text) <= 6.0)
        {
            page.drop_line(&text, ChromeKind::Byline, Zone::ArticleHead);
        }
    }
    for el in doc.select(&FOOT) {
        for line in el.text().map(str::trim).filter(|t| !t.is_empty()) {
            let line = collapse_whitespace(line);
            if bp::word_weight(&line) <= 30.0 && seen.insert(line.clone()) {
                page.drop_line(&line, ChromeKind::Footer, Zone::Tail);
            }
        }
    }
}

/// Elements hidden by their class or id words ("related", "share", "promo", …) on this page.
///
/// A word only counts when it does not cover most of the page's text: sites wrap the whole
/// article in boxes named for something else ("int-nav" variants, "advert-content-wrap",
/// "node-promoted", paragraphs marked "paywall"), and a name never outweighs where the text is.
/// Coverage is measured with the markup-hidden parts (scripts, `hidden`, nav roles) left out.
fn hidden_by_names(body: ElementRef) -> FxHashSet<ego_tree::NodeId> {
    let none = FxHashSet::default();
    let mut raw = FxHashMap::default();
    let total = useful(measure(body, false, &none, &mut raw));
    let mut coverage: FxHashMap<&'static str, usize> = FxHashMap::default();
    // Document order: an element's named ancestors are recorded before it.
    let mut named: FxHashMap<ego_tree::NodeId, Vec<&'static str>> = FxHashMap::default();
    for el in body.descendants().filter_map(ElementRef::wrap) {
        if !raw.contains_key(&el.id()) {
            continue;
        }
        let words = furniture_words(&el);
        if words.is_empty() {
            continue;
        }
        for w in &words {
            // Count each word's text once: not again below an element already named so.
            let nested = el
                .ancestors()
                .filter_map(|a| named.get(&a.id()))
                .any(|above| above.contains(w));
            if !nested {
                *coverage.entry(w).or_default() += useful(raw[&el.id()]);
            }
        }
        named.insert(el.id(), words);
    }
    let meaningless =
        |w: &&str| total > 0 && coverage.get(w).copied().unwrap_or(0) * 5 >= total * 3;
    named
        .into_iter()
        .filter(|(_, words)| words.iter().any(|w| !meaningless(w)))
        .map(|(id, _)| id)
        .collect()
}

/// Paragraph text that is not link text: what an article has and a menu has not.
fn useful(d: Density) -> usize {
    d.useful
}

/// Skipped by tag, by markup that hides it, or by a furniture name that means it on this page.
fn is_skipped(el: &ElementRef, hidden: &FxHashSet<ego_tree::NodeId>) -> bool {
    SKIP.contains(&el.value().name()) || is_site_header(el) || is_hidden(el, hidden)
}

/// A `<header>` is the site's masthead, unless it heads an `<article>`: then it holds the
/// headline and the standfirst (bylines and datelines in it are dropped as chrome lines).
fn is_site_header(el: &ElementRef) -> bool {
    el.value().name() == "header"
        && !el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "article")
}

fn is_hidden(el: &ElementRef, hidden: &FxHashSet<ego_tree::NodeId>) -> bool {
    hidden_by_markup(el) || hidden.contains(&el.id())
}

/// Hidden by attributes: `hidden`, `aria-hidden`, inline `display:none`, landmark roles of
/// page furniture.
fn hidden_by_markup(el: &ElementRef) -> bool {
    let v = el.value();
    if v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
        || v.attr("style").is_some_and(|s| {
            let s = s.replace(' ', "").to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
        || v.attr("role").is_some_and(|r| {
            matches!(
                r,
                "navigation"
                    | "banner"
                    | "contentinfo"
                    | "complementary"
                    | "dialog"
                    | "alert"
                    | "search"
            )
        })
    {
        return true;
    }
    false
}

/// The furniture words in an element's class and id (none when they also say article body).
/// A `<form>` counts as named furniture too: search boxes and sign-ups are forms, but some
/// sites (ASP.NET pages) wrap the whole page in one, and then it covers most of the text.
fn furniture_words(el: &ElementRef) -> Vec<&'static str> {
    let v = el.value();
    if v.name() == "body" || v.name() == "html" {
        return Vec::new();
    }
    if v.name() == "form" {
        return vec!["<form>"];
    }
    let (class, id) = (v.attr("class").unwrap_or(""), v.attr("id").unwrap_or(""));
    if class.is_empty() && id.is_empty() {
        return Vec::new();
    }
    let hints = format!("{class} {id}").to_ascii_lowercase();
    if CONTENT_HINTS.iter().any(|k| hints.contains(k)) {
        return Vec::new();
    }
    BOILERPLATE_HINTS
        .iter()
        .copied()
        .filter(|k| hints.contains(k))
        .collect()
}

fn is_text_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "dd"
    )
}

/// Post-order pass: paragraph text and linked text below each element. `in_link`: the element
/// sits inside a link (a teaser card wrapped in `<a>`), so all its text is link text.
fn measure(
    el: ElementRef,
    in_link: bool,
    hidden: &FxHashSet<ego_tree::NodeId>,
    out: &mut FxHashMap<ego_tree::NodeId, Density>,
) -> Density {
    let mut d = Density::default();
    if is_skipped(&el, hidden) {
        out.insert(el.id(), d);
        return d;
    }
    let name = el.value().name();
    let in_link = in_link || name == "a";
    if is_text_block(name) {
        let (text, linked) = text_and_links(el);
        let linked = if in_link { text } else { linked };
        d = Density {
            text,
            linked,
            useful: text.saturating_sub(linked * 2),
        };
    } else {
        let mut direct_text = 0;
        for child in el.children() {
            match child.value() {
                Node::Text(t) => direct_text += t.trim().chars().count(),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        let cd = measure(c, in_link, hidden, out);
                        d.text += cd.text;
                        d.linked += cd.linked;
                        d.useful += cd.useful;
                    }
                }
                _ => {}
            }
        }
        // Text written straight into a <div> (with <br>s) is text too.
        if direct_text >= 80 {
            d.text += direct_text;
            if in_link {
                d.linked += direct_text;
            } else {
                d.useful += direct_text;
            }
        }
    }
    out.insert(el.id(), d);
    d
}

/// Visible characters below an element and how many of them are link text.
fn text_and_links(el: ElementRef) -> (usize, usize) {
    let mut text = 0;
    let mut linked = 0;
    for node in el.descendants() {
        if let Node::Text(t) = node.value() {
            let hidden = node
                .ancestors()
                .take_while(|a| a.id() != el.id())
                .any(|a| ElementRef::wrap(a).is_some_and(|e| SKIP.contains(&e.value().name())));
            if hidden {
                continue;
            }
            let n = t.trim().chars().count();
            text += n;
            if node
                .ancestors()
                .take_while(|a| a.id() != el.id())
                .any(|a| ElementRef::wrap(a).is_some_and(|e| e.value().name() == "a"))
            {
                linked += n;
            }
        }
    }
    (text, linked)
}

/// Descends from `<body>` into the child holding most of the (unlinked) paragraph text.
fn find_container<'a>(
    body: ElementRef<'a>,
    density: &FxHashMap<ego_tree::NodeId, Density>,
) -> ElementRef<'a> {
    let get = |e: &ElementRef| density.get(&e.id()).copied().unwrap_or_default();
    let useful = |e: &ElementRef| get(e).useful;
    // The same, less the region's link text: a footer or a channel box mixes some prose
    // (licences, blurbs) with many links, an article body has few.
    let plain = |e: &ElementRef| get(e).useful.saturating_sub(get(e).linked);
    let mut current = body;
    loop {
        let total = useful(&current);
        if total == 0 {
            return current;
        }
        let children = || {
            current
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| !is_text_block(c.value().name()))
        };
        let plain_total: usize = current
            .children()
            .filter_map(ElementRef::wrap)
            .map(|c| plain(&c))
            .sum();
        let best = children().max_by_key(|c| useful(c));
        let best_plain = children().max_by_key(|c| plain(c));
        current = match (best, best_plain) {
            (Some(child), _) if useful(&child) * 4 >= total * 3 => child,
            (_, Some(child)) if plain_total > 0 && plain(&child) * 4 >= plain_total * 3 => child,
            _ => return current,
        };
    }
}

/// The article's headline: the `<h1>` inside the container, else the `<h1>` that agrees with
/// the page's stated title, else the first `<h1>` of `<main>`/`<article>`, else none (the page
/// title is then used by metadata).
fn find_headline<'a>(
    doc: &'a Html,
    container: ElementRef<'a>,
    meta: &PageMeta,
    hidden: &FxHashSet<ego_tree::NodeId>,
) -> Option<(ElementRef<'a>, String)> {
    static H1: LazyLock<Selector> = LazyLock::new(|| Selector::parse("h1").unwrap());
    static MAIN_H1: LazyLock<Selector> =
        LazyLock::new(|| Selector::parse("main h1, article h1, [role=main] h1").unwrap());
    let with_text = |e: ElementRef<'a>| {
        let t = collapse_whitespace(&inline_text(e, hidden));
        (!t.is_empty()).then_some((e, t))
    };
    let visible = |e: &ElementRef| {
        !e.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| is_hidden(&a, hidden))
            && !is_hidden(e, hidden)
    };
    if let Some(h) = container.select(&H1).find(visible) {
        return with_text(h);
    }
    let stated = meta.title.as_ref().map(|t| t.value.to_lowercase());
    let h1s: Vec<(ElementRef, String)> = doc
        .select(&H1)
        .filter(visible)
        .filter_map(with_text)
        .collect();
    if let Some(stated) = &stated
        && let Some(h) = h1s.iter().find(|(_, h)| {
            let h = h.to_lowercase();
            stated.contains(&h) || h.contains(stated.as_str())
        })
    {
        return Some(h.clone());
    }
    doc.select(&MAIN_H1).find(visible).and_then(with_text)
}

struct Walker<'p, 'd> {
    page: &'p mut CleanPage,
    density: &'d FxHashMap<ego_tree::NodeId, Density>,
    hidden: &'d FxHashSet<ego_tree::NodeId>,
    headline: Option<&'d str>,
}

/// How many levels above the container the headline may sit for the text between them to be
/// the article's head (standfirst) rather than a page region.
const HEAD_ZONE_LEVELS: usize = 4;

impl Walker<'_, '_> {
    /// The text between the headline and the article container, when the headline sits outside
    /// it: the standfirst (and bylines, datelines, credits, which the chrome rules drop).
    /// Taken only when it is near (a common ancestor a few levels up) and short next to the
    /// body, so a sidebar that happens to come between them in the markup stays out.
    fn walk_article_head(&mut self, h1: ElementRef, container: ElementRef) {
        use ego_tree::iter::Edge;
        let Some(common) = h1
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.descendants().any(|d| d.id() == container.id()))
        else {
            return;
        };
        if h1.ancestors().any(|a| a.id() == container.id())
            || !container
                .ancestors()
                .take(HEAD_ZONE_LEVELS)
                .any(|a| a.id() == common.id())
        {
            return;
        }
        let mut blocks: Vec<String> = Vec::new();
        let mut after_h1 = false;
        let mut skip_until: Option<ego_tree::NodeId> = None;
        for edge in common.traverse() {
            match edge {
                Edge::Open(node) => {
                    if node.id() == container.id() {
                        break;
                    }
                    if skip_until.is_some() || !after_h1 {
                        continue;
                    }
                    let Some(el) = ElementRef::wrap(node) else {
                        continue;
                    };
                    let name = el.value().name();
                    let leaf = el
                        .children()
                        .filter_map(ElementRef::wrap)
                        .all(|c| INLINE.contains(&c.value().name()) || c.value().name() == "br");
                    if is_skipped(&el, self.hidden) {
                        skip_until = Some(el.id());
                    } else if is_text_block(name) || (leaf && !INLINE.contains(&name)) {
                        let (chars, linked) = text_and_links(el);
                        let in_link = el
                            .ancestors()
                            .filter_map(ElementRef::wrap)
                            .any(|a| a.value().name() == "a");
                        let text = collapse_whitespace(&inline_text(el, self.hidden));
                        if !text.is_empty() && !in_link && linked * 2 <= chars {
                            blocks.push(text);
                        }
                        skip_until = Some(el.id());
                    }
                }
                Edge::Close(node) => {
                    if node.id() == h1.id() {
                        after_h1 = true;
                    }
                    if skip_until == Some(node.id()) {
                        skip_until = None;
                    }
                }
            }
        }
        let body = self
            .density
            .get(&container.id())
            .map(|d| d.useful)
            .unwrap_or(0);
        let head: usize = blocks.iter().map(|b| b.chars().count()).sum();
        if head * 2 > body {
            return;
        }
        for text in blocks {
            // A standfirst is a sentence; datelines, bylines, labels and highlight lists that
            // sit in the same place are not.
            let sentence = text
                .trim_end_matches(['"', '”', '’', '»', '」'])
                .ends_with(['.', '!', '?', '…', '。', '！', '？']);
            if sentence && super::boilerplate::word_weight(&text) >= 8.0 {
                self.page.push(BlockKind::Paragraph, &text);
            } else {
                // The other lines of the head (bylines, datelines, labels) are chrome.
                let kind = super::boilerplate::chrome_kind(&text).unwrap_or(ChromeKind::Other);
                self.page.drop_line(&text, kind, Zone::ArticleHead);
            }
        }
    }

    fn walk(&mut self, el: ElementRef, in_quote: bool) {
        let mut direct = String::new();
        for child in el.children() {
            if let Node::Text(t) = child.value() {
                direct.push_str(t);
                continue;
            }
            let Some(child_el) = ElementRef::wrap(child) else {
                continue;
            };
            let name = child_el.value().name();
            if is_skipped(&child_el, self.hidden) {
                continue;
            }
            if matches!(
                name,
                "br" | "a"
                    | "b"
                    | "strong"
                    | "i"
                    | "em"
                    | "span"
                    | "small"
                    | "mark"
                    | "abbr"
                    | "cite"
                    | "q"
                    | "sup"
                    | "sub"
                    | "u"
                    | "time"
                    | "font"
            ) {
                direct.push_str(&inline_text(child_el, self.hidden));
                if name == "br" {
                    direct.push('\n');
                }
                continue;
            }
            self.flush_direct(&mut direct, in_quote);
            let kind = match name {
                "h1" => Some(BlockKind::Heading),
                "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
                "p" | "pre" | "dd" => Some(if in_quote {
                    BlockKind::BlockQuote
                } else {
                    BlockKind::Paragraph
                }),
                "li" => Some(BlockKind::ListItem),
                _ => None,
            };
            match kind {
                Some(kind) => {
                    if name == "li"
                        && child_el
                            .children()
                            .filter_map(ElementRef::wrap)
                            .any(|c| matches!(c.value().name(), "p" | "ul" | "ol"))
                    {
                        self.walk(child_el, in_quote);
                        continue;
                    }
                    let text = collapse_whitespace(&inline_text(child_el, self.hidden));
                    let d = self
                        .density
                        .get(&child_el.id())
                        .copied()
                        .unwrap_or_default();
                    // Link lists (related stories, tags) are not text.
                    if d.text > 0 && d.linked * 2 > d.text && kind != BlockKind::Heading {
                        self.page.drop_line(&text, ChromeKind::Related, Zone::Body);
                        continue;
                    }
                    if kind == BlockKind::Heading
                        && (Some(text.as_str()) == self.headline || d.linked * 2 > d.text)
                    {
                        continue;
                    }
                    self.page.push(kind, &text);
                }
                None if name == "blockquote" => self.walk(child_el, true),
                // Layout tables hold whole articles on older sites; data tables keep their
                // longer cells (short ones fall below the paragraph threshold).
                None => self.walk(child_el, in_quote),
            }
        }
        self.flush_direct(&mut direct, in_quote);
    }

    /// Text written straight into a container, split at line breaks.
    fn flush_direct(&mut self, direct: &mut String, in_quote: bool) {
        for part in direct.split("\n\n").chain(std::iter::empty()) {
            let text = collapse_whitespace(part);
            if super::boilerplate::word_weight(&text) >= 8.0 {
                let kind = if in_quote {
                    BlockKind::BlockQuote
                } else {
                    BlockKind::Paragraph
                };
                self.page.push(kind, &text);
            }
        }
        direct.clear();
    }
}

/// Blocks that are chrome whatever their markup ("Read more: …", credits, share prompts),
/// and a trailing run of headings without text after them.
fn drop_chrome_blocks(page: &mut CleanPage) {
    let old = std::mem::take(&mut page.blocks);
    let text = std::mem::take(&mut page.text);
    let mut kept: Vec<(BlockKind, &str)> = Vec::new();
    for b in &old {
        let t = &text[b.start..b.end];
        if b.kind != BlockKind::Title
            && let Some(kind) = super::boilerplate::chrome_kind(t)
        {
            page.drop_line(t, kind, Zone::Body);
            continue;
        }
        kept.push((b.kind, t));
    }
    while kept.last().is_some_and(|(k, _)| *k == BlockKind::Heading) {
        let (_, t) = kept.pop().unwrap();
        page.drop_line(t, ChromeKind::Other, Zone::Tail);
    }
    for (kind, t) in kept {
        page.push(kind, t);
    }
}

/// Elements that run on inside a line of text.
const INLINE: &[&str] = &[
    "a", "b", "strong", "i", "em", "span", "small", "mark", "abbr", "cite", "q", "sup", "sub", "u",
    "time", "font", "code", "s", "del", "ins", "bdi", "bdo", "data", "dfn", "kbd", "var",
];

/// The visible text of an element, skipping scripts and hidden parts.
fn inline_text(el: ElementRef, hidden: &FxHashSet<ego_tree::NodeId>) -> String {
    let mut out = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if e.name() == "br" {
                    out.push(' ');
                } else if let Some(c) = ElementRef::wrap(child)
                    && !SKIP.contains(&e.name())
                    && !is_hidden(&c, hidden)
                {
                    // Block-level children are separated; inline ones run on ("First <b>x</b>.").
                    let inline = INLINE.contains(&e.name());
                    if !inline {
                        out.push(' ');
                    }
                    out.push_str(&inline_text(c, hidden));
                    if !inline {
                        out.push(' ');
                    }
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

//! A source's clean text as HTML: blocks as paragraphs, headings, lists and block quotes; every
//! quotation marked with its speaker and linked to its group; every entity mention linked to its
//! page. Spans are nested properly: a span that would cross another is left out.

use crate::extract::{BlockKind, Document, QuoteKind};
use crate::link::{Dossier, QuoteRef};

use super::{push_escaped_html, views};

struct Span {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

/// The HTML of document `d`'s body (the title block is the page's `<h1>`, not repeated).
pub fn body_html(dossier: &Dossier, d: usize, root: &str) -> String {
    body_html_with(dossier, d, root, "", BodyStyle::Page)
}

/// How much of the web a body carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyStyle {
    /// A source page: mentions link to entity pages, quotes to their groups, and a quote
    /// without a group is a keyboard stop (its speaker shows on focus).
    Page,
    /// The printable dossier: quotes marked and their speakers named, but no links and no
    /// keyboard stops. Paper shows neither, and a big dossier's print pages are a fifth of
    /// its bytes, most of them links.
    Print,
}

/// [`body_html`] with every id prefixed by `id_prefix` (several bodies on one page, as in the
/// printable dossier), in the given style.
pub fn body_html_with(
    dossier: &Dossier,
    d: usize,
    root: &str,
    id_prefix: &str,
    style: BodyStyle,
) -> String {
    let linked = style == BodyStyle::Page;
    let doc = &dossier.documents[d];
    let links = &dossier.links[d];
    let mut spans: Vec<Span> = Vec::with_capacity(doc.quotes.len() + doc.mentions.len());
    for (q, quote) in doc.quotes.iter().enumerate() {
        let group = links.quote_groups.get(q).copied().flatten();
        let open = match quote.kind {
            QuoteKind::Term => format!(
                "<span class=\"quote quote-term\" id=\"{id_prefix}q{}\">",
                q + 1
            ),
            QuoteKind::Speech => {
                let group_href = group.filter(|_| linked).map(|g| {
                    let path = views::quote_group_path(&dossier.quote_groups[g].id);
                    (
                        [root, &path].concat(),
                        dossier.quote_groups[g].members.len(),
                    )
                });
                speech_open(q, quote.speaker.as_deref(), group_href, id_prefix, linked)
            }
        };
        spans.push(Span {
            start: quote.outer_start,
            end: quote.outer_end,
            open,
            close: "</span>",
        });
    }
    for (m, mention) in doc.mentions.iter().enumerate().filter(|_| linked) {
        let Some(&e) = links.mention_entities.get(m) else {
            continue;
        };
        let entity = &dossier.entities[e];
        // Joined into a string of the right size (`format!` grows its string as it goes, and a
        // source has dozens of mentions).
        let path = views::entity_path(&entity.slug, 0);
        let open = [
            "<a class=\"mention mention-",
            entity.kind.plural(),
            "\" href=\"",
            root,
            &path,
            "\">",
        ]
        .concat();
        spans.push(Span {
            start: mention.start,
            end: mention.end,
            open,
            close: "</a>",
        });
    }
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));

    let mut html = String::with_capacity(doc.text.len() * 2);
    let mut span_i = 0;
    let mut in_list = false;
    for (b, block) in doc.blocks.iter().enumerate() {
        // Skip spans that start before this block (they belonged to a skipped title block).
        while span_i < spans.len() && spans[span_i].start < block.start {
            span_i += 1;
        }
        if block.kind == BlockKind::Title {
            continue;
        }
        if in_list && block.kind != BlockKind::ListItem {
            html.push_str("</ul>\n");
            in_list = false;
        }
        let (open, close) = match block.kind {
            BlockKind::Heading => ("<h2", "</h2>"),
            BlockKind::ListItem => {
                if !in_list {
                    html.push_str("<ul>\n");
                    in_list = true;
                }
                ("<li", "</li>")
            }
            BlockKind::BlockQuote => ("<blockquote", "</blockquote>"),
            _ => ("<p", "</p>"),
        };
        html.push_str(open);
        html.push_str(" id=\"");
        html.push_str(id_prefix);
        html.push('b');
        html.push_str(itoa::Buffer::new().format(b + 1));
        html.push_str("\">");
        let first = span_i;
        while span_i < spans.len() && spans[span_i].start < block.end {
            span_i += 1;
        }
        inline(
            &doc.text,
            block.start,
            block.end,
            &spans[first..span_i],
            &mut html,
        );
        html.push_str(close);
        html.push('\n');
    }
    if in_list {
        html.push_str("</ul>\n");
    }
    html
}

/// Writes `text[start..end]` with the spans that nest properly.
fn inline(text: &str, start: usize, end: usize, spans: &[Span], html: &mut String) {
    let mut stack: Vec<&Span> = Vec::new();
    let mut pos = start;
    let close_until = |at: usize, pos: &mut usize, stack: &mut Vec<&Span>, html: &mut String| {
        while let Some(top) = stack.last() {
            if top.end > at {
                break;
            }
            push_escaped_html(html, &text[*pos..top.end]);
            *pos = top.end;
            html.push_str(top.close);
            stack.pop();
        }
    };
    for s in spans {
        if s.end > end || s.start < pos || s.start >= s.end {
            continue;
        }
        close_until(s.start, &mut pos, &mut stack, html);
        if stack.last().is_some_and(|top| s.end > top.end) {
            continue; // would cross the enclosing span
        }
        push_escaped_html(html, &text[pos..s.start]);
        pos = s.start;
        html.push_str(&s.open);
        stack.push(s);
    }
    close_until(end, &mut pos, &mut stack, html);
    push_escaped_html(html, &text[pos..end]);
}

/// The id a source page gives its headline: the title block is shown as the page's `<h1>`
/// rather than in the text, so links into it land there.
pub const TITLE_ANCHOR: &str = "title";

/// The id of the block holding byte `offset` of document text, for deep links (`#b3`).
pub fn block_anchor(doc: &Document, offset: usize) -> String {
    let b = doc
        .blocks
        .partition_point(|b| b.end < offset)
        .min(doc.blocks.len().saturating_sub(1));
    match doc.blocks.get(b) {
        Some(block) if block.kind == BlockKind::Title => TITLE_ANCHOR.to_string(),
        _ => ["b", itoa::Buffer::new().format(b + 1)].concat(),
    }
}

/// The opening of a direct quotation: a highlighted span whose first child is a small card
/// naming the speaker. CSS shows the card on hover and on keyboard focus (`:focus-within`):
/// when the quote belongs to a group, the card holds the link to it and that link is the
/// keyboard stop; otherwise the quote itself takes focus. Without CSS the card reads inline
/// ("Said by the Kremlin “…”"), so the speaker is never lost.
fn speech_open(
    q: usize,
    speaker: Option<&str>,
    group: Option<(String, usize)>,
    id_prefix: &str,
    focusable: bool,
) -> String {
    // Pushed piece by piece (a source has dozens of quotes, and `format!` is slow at this).
    let mut open = String::with_capacity(256);
    open.push_str("<span class=\"quote quote-speech\" id=\"");
    open.push_str(id_prefix);
    open.push('q');
    open.push_str(itoa::Buffer::new().format(q + 1));
    open.push('"');
    if group.is_none() && focusable {
        open.push_str(" tabindex=\"0\"");
    }
    open.push_str("><span class=\"quote-card\">");
    match speaker.filter(|s| !s.trim().is_empty()) {
        Some(s) => {
            open.push_str("Said by <b>");
            push_escaped_html(&mut open, s);
            open.push_str("</b>");
        }
        None => open.push_str("Speaker not stated"),
    }
    if let Some((href, members)) = group {
        open.push_str("<span class=\"quote-also\"> · <a href=\"");
        open.push_str(&href);
        open.push_str("\">quoted in ");
        open.push_str(itoa::Buffer::new().format(members));
        open.push_str(" sources</a></span>");
    }
    open.push_str("<span class=\"sep\">: </span></span>");
    open
}

/// The anchor of a quote on its source page.
pub fn quote_anchor(r: QuoteRef) -> String {
    ["q", itoa::Buffer::new().format(r.quote + 1)].concat()
}

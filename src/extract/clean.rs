//! Clean article text from scraped text dumps and Markdown: site chrome (skip links, menus,
//! captions, credits, "Read more:" lines, video-player text) dropped, every article paragraph kept.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

use super::{BlockKind, CleanPage, collapse_whitespace};

static CHROME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            \d+\.\s*skip\s+to\b.* | skip\s+(?:to|next)\b.* | accessibility\s+links | breaking\s+news
          | read\s+more\s*:.* | related\s*:.* | see\s+also\s*:.* | mehr\s+zum\s+thema.* | lesen\s+sie\s+auch.*
          | (?:image|photo|picture|bild|foto)\s*:.* | this\s+browser\s+does\s+not\s+support.*
          | \d{1,2}:\d{2}(?::\d{2})? | share(?:\s+this)?(?:\s+on\s+\w+)? | (?:tweet|email|print|facebook|twitter|whatsapp)
          | advertisement | anzeige | werbung | comments? | updated | (?:xs|sm|md|lg|xl)
          | please\s+let\s+us\s+know.* | sign\s+up\s+for.* | subscribe.* | with\s+reporting\s+by.*
        )$",
    )
    .unwrap()
});

/// Clean blocks from a scraped dump: one block per non-empty line, chrome lines dropped, the
/// headline marked.
pub fn from_text_dump(text: &str) -> CleanPage {
    let mut page = CleanPage::default();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut title_found = false;
    for line in lines {
        let line = line.trim_start_matches(['•', '·', '*', '-', '–']).trim();
        if line.is_empty() {
            continue;
        }
        if CHROME_LINE.is_match(line) || looks_like_credit(line) {
            page.chrome.push(line.to_string());
            continue;
        }
        let words = line.split_whitespace().count();
        let sentence_like =
            line.ends_with(['.', '!', '?', '"', '”', '“', '»', '«', ':']) || words >= 12;
        if !title_found {
            if words >= 4 && !sentence_like {
                page.push(BlockKind::Title, &collapse_whitespace(line));
                title_found = true;
            } else {
                page.chrome.push(line.to_string());
            }
            continue;
        }
        if words <= 3 && !sentence_like {
            page.chrome.push(line.to_string());
            continue;
        }
        let kind = if sentence_like {
            BlockKind::Paragraph
        } else {
            BlockKind::Heading
        };
        page.push(kind, &collapse_whitespace(line));
    }
    page
}

/// Agency credit lines such as `dm/tj (AP, Reuters, AFP, dpa)`.
fn looks_like_credit(line: &str) -> bool {
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[a-z]{1,4}(?:/[a-z]{1,4})*\s*\([A-Za-z,\s/]+\)$").unwrap());
    CREDIT.is_match(line)
}

/// Clean blocks from Markdown: headings, paragraphs, list items and block quotes as plain text.
pub fn from_markdown(markdown: &str) -> CleanPage {
    let mut page = CleanPage::default();
    let mut current = String::new();
    let mut kind = BlockKind::Paragraph;
    let mut quote_depth = 0usize;
    let mut title_found = false;
    let mut in_code = false;
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::all()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                kind = if level == pulldown_cmark::HeadingLevel::H1 && !title_found {
                    title_found = true;
                    BlockKind::Title
                } else {
                    BlockKind::Heading
                };
            }
            Event::Start(Tag::Item) => kind = BlockKind::ListItem,
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) if quote_depth > 0 => kind = BlockKind::BlockQuote,
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if !in_code => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                let text = collapse_whitespace(&current);
                // Emphasis-only lines right under the title are bylines and datelines: chrome.
                page.push(kind, &text);
                current.clear();
                kind = BlockKind::Paragraph;
            }
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        page.push(kind, &collapse_whitespace(&current));
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_chrome_and_keeps_paragraphs() {
        let dump = "1. Skip to content\nPolitics\n\nPutin thanks Trump for helping foil attack\n\nDecember 17, 2017\n\nThe Kremlin said it was grateful.\n\nRead more: Something else\n\n00:49\n\nThis browser does not support the video element.\n\nIt was the second call.\n\ndm/tj (AP, Reuters, AFP, dpa)\n";
        let page = from_text_dump(dump);
        let texts: Vec<&str> = page
            .blocks
            .iter()
            .map(|b| &page.text[b.start..b.end])
            .collect();
        assert_eq!(
            texts,
            [
                "Putin thanks Trump for helping foil attack",
                "The Kremlin said it was grateful.",
                "It was the second call."
            ]
        );
        assert_eq!(page.blocks[0].kind, BlockKind::Title);
    }

    #[test]
    fn markdown_blocks_have_kinds() {
        let page = from_markdown(
            "# Title here\n\nA paragraph with *emphasis*.\n\n> “A pull quote.”\n\n- an item\n",
        );
        let kinds: Vec<_> = page.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::BlockQuote,
                BlockKind::ListItem
            ]
        );
        assert_eq!(
            &page.text[page.blocks[1].start..page.blocks[1].end],
            "A paragraph with emphasis."
        );
    }
}

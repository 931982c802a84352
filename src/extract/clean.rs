//! Clean article text from scraped text dumps and Markdown: site chrome (skip links, menus,
//! captions, credits, "Read more:" lines, video-player text) dropped, every article paragraph kept.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rustc_hash::{FxHashMap, FxHashSet};

use super::boilerplate::{self as bp, ChromeKind, Zone};
use super::{BlockKind, CleanPage, collapse_whitespace};

/// What a line of a dump is, first on its own, then refined by its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Chrome(ChromeKind),
    Byline,
    Date,
    /// A sentence or paragraph.
    Para,
    /// Anything else: headlines, sub-headings, labels, captions without credit.
    Label,
}

/// One non-empty line of a dump.
#[derive(Debug)]
struct Line {
    text: String,
    /// [`bp::word_weight`] of `text`, asked for many times per line.
    weight: f32,
    /// Written as a list item (•, *, -, "1.").
    bullet: bool,
    class: Class,
}

impl Line {
    fn weight(&self) -> f32 {
        self.weight
    }
    fn is_content(&self) -> bool {
        matches!(self.class, Class::Para | Class::Label)
    }
    /// A paragraph, or a list item written as a sentence: what articles are made of.
    fn is_body_text(&self) -> bool {
        self.class == Class::Para
    }
}

fn strip_bullet(line: &str) -> (bool, &str) {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix(['•', '·', '*', '-', '–', '▪', '►', '◦', '■', '●'])
    {
        return (true, rest.trim());
    }
    // "1. item" / "2) item", but not "1. Skip to content" (a skip link, classified later).
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))
            && !bp::is_skip_link(t)
            && !bp::is_date_line(t)
            && rest.chars().next().is_some_and(char::is_alphabetic)
        {
            return (true, rest.trim());
        }
    }
    (false, t)
}

/// Whether a line reads like a headline: a handful of words, not closed by a full stop.
fn headline_like(line: &Line) -> bool {
    if !line.is_content() || bp::is_ui_line(&line.text) {
        return false;
    }
    let t = line.text.trim_end();
    let cjk = t.chars().filter(|c| bp::is_cjk(*c)).count();
    let ok_len = if cjk * 2 > t.chars().count() {
        (6..=60).contains(&cjk)
    } else {
        (2.0..=30.0).contains(&line.weight())
    };
    // A sentence may end inside its closing quotation mark: `…分歧。”`, `…lives."`.
    let core = t.trim_end_matches(['"', '”', '“', '»', '«', '’', '\'', '」', '』', ')', '）']);
    ok_len
        && !core.ends_with(['.', ':', ';', ',', '。', '：', '；', '，', '！', '？'])
        && !core.contains('。')
        && !single_sentence_end_inside(t)
}

/// "First sentence. Second sentence": a paragraph, not a headline. Abbreviations ("St.",
/// "U.S.", "Dr.") do not end sentences.
fn single_sentence_end_inside(t: &str) -> bool {
    let trimmed = t.trim_end_matches(['?', '!', '"', '”', '»', '\'', '’']);
    let mut rest = trimmed;
    while let Some(at) = rest.find(". ") {
        let before = rest[..at].rsplit(char::is_whitespace).next().unwrap_or("");
        let letters: Vec<char> = before.chars().filter(|c| c.is_alphabetic()).collect();
        let abbreviation = before.contains('.')
            || letters.len() <= 3 && letters.first().is_some_and(|c| c.is_uppercase());
        let next_upper = rest[at + 2..].starts_with(char::is_uppercase);
        if !abbreviation && next_upper && !letters.is_empty() {
            return true;
        }
        rest = &rest[at + 2..];
    }
    false
}

/// Clean blocks from a scraped dump (the text of a web page as a browser or scraper renders
/// it): the headline, every paragraph, sub-heading and list item of the article; menus,
/// captions, credits, video text, related links, prompts and footers dropped into `chrome`.
///
/// Works on the page's structure rather than on known phrases: the headline is the headline-like
/// line before the first paragraph (preferring one followed by a byline or dateline); the article
/// runs from the first paragraph to the last one before an end credit; inside it, short lines
/// are sub-headings only when a paragraph follows, lines next to credits or video durations are
/// captions, and lines the page repeats are furniture.
pub fn from_text_dump(text: &str) -> CleanPage {
    let mut lines: Vec<Line> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (bullet, rest) = strip_bullet(l);
            let text = collapse_whitespace(rest);
            Line {
                weight: bp::word_weight(&text),
                text,
                bullet,
                class: Class::Label,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect();
    classify_alone(&mut lines);
    classify_in_context(&mut lines);
    assemble(&lines)
}

fn classify_alone(lines: &mut [Line]) {
    let keys: Vec<String> = lines
        .iter()
        // `normalise_for_repeat`'s lowercasing alone: the lines are collapsed already.
        .map(|l| l.text.to_lowercase())
        .collect();
    let mut seen: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
    for key in &keys {
        *seen.entry(key).or_default() += 1;
    }
    let mut first_seen: FxHashSet<&str> =
        FxHashSet::with_capacity_and_hasher(keys.len(), Default::default());
    for (l, key) in lines.iter_mut().zip(&keys) {
        let repeated = seen[key.as_str()] > 1;
        let first = first_seen.insert(key);
        let w = l.weight;
        l.class = if let Some(kind) = bp::chrome_kind_weighed(&l.text, w) {
            Class::Chrome(kind)
        } else if bp::is_byline_weighed(&l.text, w) {
            Class::Byline
        } else if bp::is_date_line(&l.text) {
            Class::Date
        } else if repeated
            && (!bp::is_sentence_like_weighed(&l.text, w) || l.text.chars().count() < 120 || !first)
        {
            // Duplicated captions and teasers; a long paragraph keeps its first copy.
            Class::Chrome(ChromeKind::Repeated)
        } else if bp::has_caption_marker(&l.text) && w <= 40.0 {
            Class::Chrome(ChromeKind::Caption)
        } else if bp::is_sentence_like_weighed(&l.text, w) {
            Class::Para
        } else {
            Class::Label
        };
    }
}

fn classify_in_context(lines: &mut [Line]) {
    let n = lines.len();
    for i in 0..n {
        // A caption stands right before its credit line.
        if lines[i].class == Class::Chrome(ChromeKind::Caption)
            && i > 0
            && lines[i - 1].class == Class::Label
            && lines[i - 1].weight() <= 40.0
            && !lines[i - 1].bullet
        {
            lines[i - 1].class = Class::Chrome(ChromeKind::Caption);
        }
    }
    let mut i = 0;
    while i < n {
        if lines[i].class != Class::Chrome(ChromeKind::Video) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && lines[i].class == Class::Chrome(ChromeKind::Video) {
            i += 1;
        }
        // A player (duration plus player text) is announced by its caption, which may be a
        // sentence; a bare duration only takes a caption-like line with it.
        let player = (start..i).any(|k| bp::is_player_text(&lines[k].text));
        if start > 0 {
            let prev = &mut lines[start - 1];
            let one_sentence = !single_sentence_end_inside(&prev.text) && prev.weight() <= 35.0;
            if prev.class == Class::Label || (player && prev.class == Class::Para && one_sentence) {
                prev.class = Class::Chrome(ChromeKind::Video);
            }
        }
    }
}

/// Where the article is: (headline, first body line, last body line).
fn locate(lines: &[Line]) -> (Option<usize>, Option<usize>, Option<usize>) {
    let is_start = |l: &Line| l.is_body_text() && !(headline_like(l) && l.weight() <= 20.0);
    let first_para = lines.iter().position(is_start);
    let head_end = first_para.unwrap_or(lines.len());
    let next_content = |i: usize| {
        lines[i + 1..]
            .iter()
            .find(|l| !matches!(l.class, Class::Chrome(ChromeKind::Navigation)))
    };
    // "Lékaři hrozí stávkou. Ministr slibuje jednání": a two-sentence headline, when the
    // byline or date follows it (see `followed_by_meta` below).
    let two_sentence = |i: usize| {
        let l = &lines[i];
        l.is_content()
            && !bp::is_ui_line(&l.text)
            && (4.0..=30.0).contains(&l.weight())
            && !l.text.trim_end().ends_with(['.', ':', ';', ','])
            && single_sentence_end_inside(l.text.trim_end())
    };
    let candidates: Vec<usize> = (0..head_end)
        .filter(|&i| headline_like(&lines[i]) || two_sentence(i))
        .collect();
    let followed_by_meta = |i: usize| {
        let next = lines[i + 1..].iter().take(2).collect::<Vec<_>>();
        match next.as_slice() {
            [a, ..] if matches!(a.class, Class::Byline | Class::Date) => true,
            [a, b] => {
                lines[i].weight() >= 4.0
                    && a.weight() <= 4.0
                    && !bp::ends_sentence(&a.text)
                    && matches!(b.class, Class::Date)
            }
            _ => false,
        }
    };
    let title = candidates
        .iter()
        .copied()
        .find(|&i| {
            followed_by_meta(i)
                && (lines[i].weight() >= 3.0 || lines[i].text.chars().any(bp::is_cjk))
        })
        .map(|i| {
            // Headline, then a standfirst, then the byline: the headline (a kicker above a
            // headline is a few words only).
            let before = (0..i).rev().find(|&k| lines[k].is_content());
            match before {
                Some(k) if headline_like(&lines[k]) && lines[k].weight() >= 6.0 => k,
                _ => i,
            }
        })
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .filter(|&i| headline_like(&lines[i]))
                .find(|&i| lines[i].weight() >= 4.0 || lines[i].text.chars().any(bp::is_cjk))
        })
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .filter(|&i| headline_like(&lines[i]))
                .find(|&i| next_content(i).is_some_and(|l| l.class == Class::Para))
        })
        .or_else(|| {
            // A long headline reads like a sentence by its length alone.
            first_para.filter(|&i| {
                let t = lines[i].text.trim_end();
                !t.ends_with(['.', ':', ';', '。'])
                    && lines[i].weight() <= 30.0
                    && i + 1 < lines.len()
            })
        });
    let body_from = match title {
        Some(t) => lines[t + 1..]
            .iter()
            .position(is_start)
            .map(|p| p + t + 1)
            .or_else(|| {
                lines[t + 1..]
                    .iter()
                    .position(|l| l.bullet && l.is_content())
                    .map(|p| p + t + 1)
            }),
        None => first_para,
    };
    let Some(body_from) = body_from else {
        return (title, None, None);
    };
    let end_credit = lines[body_from..]
        .iter()
        .position(|l| l.class == Class::Chrome(ChromeKind::Credit))
        .map(|p| p + body_from)
        .unwrap_or(lines.len());
    let body_to = (body_from..end_credit).rev().find(|&i| {
        lines[i].is_body_text()
            || (lines[i].bullet && lines[i].class == Class::Label && lines[i].weight() >= 3.0)
    });
    (title, Some(body_from), body_to)
}

fn assemble(lines: &[Line]) -> CleanPage {
    let mut page = CleanPage::default();
    let (title, body_from, body_to) = locate(lines);
    // A list heading right before a list that opens the article ("Key points").
    let body_from = body_from.map(|b| {
        if b > 0 && lines[b].bullet && lines[b - 1].class == Class::Label && Some(b - 1) != title {
            b - 1
        } else {
            b
        }
    });
    let chrome_kind = |l: &Line| match l.class {
        Class::Chrome(k) => k,
        Class::Byline => ChromeKind::Byline,
        Class::Date => ChromeKind::Date,
        _ => ChromeKind::Other,
    };
    for (i, line) in lines.iter().enumerate() {
        if Some(i) == title {
            page.push(BlockKind::Title, &line.text);
            continue;
        }
        let zone = match (body_from, body_to) {
            _ if title.is_some_and(|t| i < t) => Zone::BeforeTitle,
            (Some(from), _) if i < from => {
                if title.is_some() {
                    Zone::ArticleHead
                } else {
                    Zone::BeforeTitle
                }
            }
            (Some(_), Some(to)) if i <= to => Zone::Body,
            (None, _) if title.is_none() => Zone::BeforeTitle,
            _ => Zone::Tail,
        };
        if zone != Zone::Body {
            let kind = match (zone, line.class) {
                (Zone::ArticleHead, Class::Label) if headline_like(line) => ChromeKind::Related,
                _ => chrome_kind(line),
            };
            page.drop_line(&line.text, kind, zone);
            continue;
        }
        match line.class {
            Class::Para if line.bullet => page.push(BlockKind::ListItem, &line.text),
            Class::Para => page.push(BlockKind::Paragraph, &line.text),
            Class::Label if line.bullet && line.weight() >= 2.0 => {
                page.push(BlockKind::ListItem, &line.text)
            }
            Class::Label => {
                let next = lines[i + 1..].iter().find(|l| {
                    !matches!(
                        l.class,
                        Class::Chrome(ChromeKind::Navigation | ChromeKind::Promo)
                    )
                });
                let prev_is_label =
                    i > 0 && lines[i - 1].class == Class::Label && !lines[i - 1].bullet;
                let heading = line.weight() <= 20.0
                    && !prev_is_label
                    && next.is_some_and(|n| n.class == Class::Para || (n.bullet && n.is_content()));
                if heading {
                    page.push(BlockKind::Heading, &line.text);
                } else {
                    page.drop_line(&line.text, ChromeKind::Other, zone);
                }
            }
            _ => page.drop_line(&line.text, chrome_kind(line), zone),
        }
    }
    page
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
                push_markdown_block(&mut page, kind, &text);
                current.clear();
                kind = BlockKind::Paragraph;
            }
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        push_markdown_block(&mut page, kind, &collapse_whitespace(&current));
    }
    page
}

/// Keeps a Markdown block, unless it is a byline or dateline under the title, or chrome that
/// a converted web page carried along ("Read more:", credits, share prompts).
fn push_markdown_block(page: &mut CleanPage, kind: BlockKind, text: &str) {
    let has_title = page.blocks.iter().any(|b| b.kind == BlockKind::Title);
    let has_body = page.blocks.iter().any(|b| b.kind != BlockKind::Title);
    let zone = match (has_title, has_body) {
        (false, false) => Zone::BeforeTitle,
        (true, false) => Zone::ArticleHead,
        _ => Zone::Body,
    };
    if matches!(kind, BlockKind::Paragraph | BlockKind::ListItem) {
        let dropped = if !has_body && bp::is_byline(text) {
            Some(ChromeKind::Byline)
        } else if !has_body && bp::is_date_line(text) {
            Some(ChromeKind::Date)
        } else {
            bp::chrome_kind(text)
        };
        if let Some(kind) = dropped {
            page.drop_line(text, kind, zone);
            return;
        }
    }
    page.push(kind, text);
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

    fn title_of(dump: &str) -> Option<String> {
        let page = from_text_dump(dump);
        page.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .map(|b| page.text[b.start..b.end].to_string())
    }

    #[test]
    fn a_standfirst_between_headline_and_byline_is_not_the_headline() {
        let dump = "Menu\nEconomia\n\nBanco Central eleva a Selic para 13,25% e sinaliza nova alta em março\n\nCopom cita cenário adverso para a inflação; indústria critica decisão\n\nPor Ana Lima, de Brasília\n29/01/2025 19h05\n\nO Comitê de Política Monetária elevou nesta quarta-feira a taxa básica de juros.\n\nFoi a quarta alta seguida.\n";
        assert_eq!(
            title_of(dump).as_deref(),
            Some("Banco Central eleva a Selic para 13,25% e sinaliza nova alta em março")
        );
    }

    #[test]
    fn a_two_sentence_headline_over_a_byline() {
        let dump = "Zprávy\nDomácí\n\nLékaři v Ostravě hrozí stávkou. Ministr zdravotnictví slibuje jednání\n\nJana Kučerová\n6. března 2025 14:20\n\nLékaři fakultní nemocnice v Ostravě ve čtvrtek oznámili, že od dubna odmítnou pracovat přesčas.\n\nMinisterstvo je vyzvalo k jednání.\n";
        assert_eq!(
            title_of(dump).as_deref(),
            Some("Lékaři v Ostravě hrozí stávkou. Ministr zdravotnictví slibuje jednání")
        );
    }

    #[test]
    fn a_paragraph_ending_inside_its_quote_is_not_a_headline() {
        let dump = "中方回应边境局势 呼吁各方保持克制\n\n外交部发言人周一在北京表示：“中方始终主张通过对话协商解决分歧。”\n\n发言人还说，所谓“安全威胁”的说法毫无根据。\n";
        let page = from_text_dump(dump);
        let texts: Vec<&str> = page
            .blocks
            .iter()
            .map(|b| &page.text[b.start..b.end])
            .collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        let dump = "Minister rejects the claims\n\nThe minister said on Monday: \"We reject these claims.\"\n\nShe left without taking questions.\n";
        let page = from_text_dump(dump);
        assert_eq!(page.blocks.len(), 3, "{:?}", page.text);
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

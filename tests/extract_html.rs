//! HTML main-content extraction on small pages that reproduce structures of real news sites
//! (`testdata/extract/html/`, written for this repo): each page's blocks must come out exactly,
//! kinds and order included.

use std::path::{Path, PathBuf};

use dossier::extract::{BlockKind, html::extract_page};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/extract/html");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/extract/html exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    files.sort();
    files
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Title => "title",
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::ListItem => "list-item",
        BlockKind::BlockQuote => "block-quote",
    }
}

/// Every block as `kind: text`, one per line.
fn blocks_of(html: &str) -> Vec<String> {
    let page = extract_page(html);
    page.blocks
        .iter()
        .map(|b| format!("{}: {}", kind_name(b.kind), &page.text[b.start..b.end]))
        .collect()
}

#[test]
fn structure_cases_give_exactly_the_expected_blocks() {
    let cases = cases();
    assert!(cases.len() >= 8, "the structure cases are missing");
    let mut failures = Vec::new();
    for path in &cases {
        let html = std::fs::read_to_string(path).unwrap();
        let expected_path = path.with_extension("expected.txt");
        let expected: Vec<String> = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no expected blocks", path.display()))
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        let got = blocks_of(&html);
        if got != expected {
            failures.push(format!(
                "{}\n  expected:\n    {}\n  got:\n    {}",
                path.file_name().unwrap().to_string_lossy(),
                expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn furniture_names_still_drop_small_boxes() {
    // The coverage rule must not switch class names off where they mark what they say.
    let html = r#"<html><body><article><h1>Water rates to rise</h1>
        <p>The water company will raise its rates by four percent from April, it said on Monday.</p>
        <p>The regulator approved the increase after the company promised to fix more leaks.</p>
        <div class="related"><p>Energy prices: what the new cap means for households this winter</p></div>
        <div class="share">Share this article with your friends and followers now</div>
        </article></body></html>"#;
    assert_eq!(
        blocks_of(html),
        [
            "title: Water rates to rise",
            "paragraph: The water company will raise its rates by four percent from April, it said on Monday.",
            "paragraph: The regulator approved the increase after the company promised to fix more leaks.",
        ]
    );
}

#[test]
fn data_table_cells_with_sentences_are_kept() {
    let html = r#"<html><body><article><h1>Results</h1>
        <p>The election commission published the final results of the vote on Sunday evening.</p>
        <table><tr><th>Party</th><th>Seats</th></tr><tr><td>Greens</td><td>12</td></tr>
        <tr><td colspan="2">Turnout was the highest since the current voting system was introduced in 1998.</td></tr></table>
        </article></body></html>"#;
    assert_eq!(
        blocks_of(html),
        [
            "title: Results",
            "paragraph: The election commission published the final results of the vote on Sunday evening.",
            "paragraph: Turnout was the highest since the current voting system was introduced in 1998.",
        ]
    );
}

//! The pages that list something for every source, statement or event stay bounded on a
//! generated dossier (`../shared/tools/gen-corpus`): they are cut in parts that together list
//! everything once, and the overview shows the largest events only. Skips (passing) when the
//! generator or python3 is not there.

mod common;
use common::*;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const ROWS_PER_PAGE: usize = 40;

/// The pages in `dir` (one per item: `dir/<id>.html`), its list (`index.html`) left out.
fn pages_under(out: &Path, dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(out.join(dir))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_str().unwrap().to_string())
        .filter(|name| name.ends_with(".html") && name != "index.html")
        .map(|name| format!("{dir}/{name}"))
        .collect()
}

/// Each item once: the list as a set, or a panic naming the repeat.
fn once(items: Vec<String>, what: &str) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for i in items {
        assert!(set.insert(i.clone()), "{what}: {i} listed twice");
    }
    set
}

#[test]
fn long_lists_are_cut_in_parts_and_the_overview_shows_the_largest_events() {
    let Some(gen_corpus) = gen_corpus() else {
        eprintln!("skipped: ../shared/tools/gen-corpus (or python3) is not available");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    let made = Command::new("python3")
        .arg(&gen_corpus)
        .args(["--sources", "1200", "--seed", "3", "--out"])
        .arg(&root)
        .output()
        .expect("run gen-corpus");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let manifest = read(&root, "dossier.yaml");
    assert!(!manifest.contains("\nbuild:"));
    std::fs::write(
        root.join("dossier.yaml"),
        format!("{manifest}\nbuild:\n  rows_per_page: {ROWS_PER_PAGE}\n"),
    )
    .unwrap();
    let out = tmp.path().join("site");
    dossier_ok(&[
        "--root",
        root.to_str().unwrap(),
        "build",
        "--progress",
        "none",
    ]);
    std::fs::rename(root.join("output"), &out).unwrap();

    // The quotes index: every statement once across its parts, at most a page's worth each.
    let groups: BTreeSet<String> = pages_under(&out, "quotes");
    assert!(
        groups.len() > 3 * ROWS_PER_PAGE,
        "{} statements",
        groups.len()
    );
    let index = pager_parts(&out, "quotes/index.html");
    assert_eq!(index.len(), groups.len().div_ceil(ROWS_PER_PAGE));
    assert_eq!(index[1], "quotes/page/2/index.html");
    let mut statements = Vec::new();
    for part in &index {
        let on_part = listed(&out, part, "group-list");
        assert!(on_part.len() <= ROWS_PER_PAGE, "{part}: {}", on_part.len());
        statements.extend(on_part);
    }
    assert_eq!(once(statements, "quotes index"), groups);

    // The entity named in the most sources: each source once across its parts.
    let (entity, sources) = pages_under(&out, "entities")
        .into_iter()
        .map(|page| {
            let html = read(&out, &page);
            let named = html.split("Named ").nth(1).unwrap();
            let n: usize = named
                .split(" in ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            (page, n)
        })
        .max_by_key(|(_, n)| *n)
        .unwrap();
    assert!(sources > 3 * ROWS_PER_PAGE, "{entity}: {sources} sources");
    let entity_parts = pager_parts(&out, &entity);
    assert_eq!(entity_parts.len(), sources.div_ceil(ROWS_PER_PAGE));
    let mut naming = Vec::new();
    for part in &entity_parts {
        let on_part = listed(&out, part, "mention-list");
        assert!(on_part.len() <= ROWS_PER_PAGE, "{part}: {}", on_part.len());
        naming.extend(on_part);
    }
    assert_eq!(once(naming, &entity).len(), sources);

    // The comparison table and the printable dossier, in more parts than a pager lists: every
    // part is reached by following the pagers, each pager stays short, and the printable
    // dossier holds every source once.
    let sources = std::fs::read_dir(out.join("sources")).unwrap().count();
    let table_parts = pager_parts(&out, "compare/index.html");
    assert_eq!(table_parts.len(), sources.div_ceil(ROWS_PER_PAGE));
    assert!(table_parts.len() > 12, "{} parts", table_parts.len());
    let print_parts = pager_parts(&out, "print/index.html");
    let mut printed = Vec::new();
    for part in table_parts.iter().chain(&print_parts) {
        let links = pager_links(&out, part);
        assert!(
            links.len() <= 24,
            "{part}: a pager of {} links",
            links.len()
        );
    }
    for part in &print_parts {
        let html = read(&out, part);
        printed.extend(
            html.split("<article class=\"source print-source\" id=\"")
                .skip(1)
                .map(|a| a[..a.find('"').unwrap()].to_string()),
        );
    }
    assert_eq!(once(printed, "printable dossier").len(), sources);

    // The overview: the 50 events with the most sources, and a link to all of them.
    let events = pages_under(&out, "events");
    assert!(events.len() > 50, "{} events", events.len());
    let overview = read(&out, "index.html");
    assert!(overview.contains(&format!(
        "<span class=\"figure\">{}</span> events",
        events.len()
    )));
    assert!(overview.contains(&format!("All {} events", events.len())));
    let shown = once(listed(&out, "index.html", "event-cards"), "overview");
    assert_eq!(shown.len(), 50);
    assert!(shown.is_subset(&events));
    // Each event's number of sources, from the events page.
    let html = read(&out, "events/index.html");
    let list = &html[html.find("<ul class=\"event-list\">").unwrap()..];
    let count_of: std::collections::HashMap<String, usize> = list[..list.find("</ul>").unwrap()]
        .split("<li>")
        .skip(1)
        .map(|item| {
            let href = resolve_href("events/index.html", attr_values(item, "href")[0]);
            let n = item.split("· ").nth(2).unwrap().split(' ').next().unwrap();
            (href, n.parse().unwrap())
        })
        .collect();
    let fewest_shown = shown.iter().map(|e| count_of[e]).min().unwrap();
    let most_left_out = events
        .difference(&shown)
        .map(|e| count_of[e])
        .max()
        .unwrap();
    assert!(
        fewest_shown >= most_left_out,
        "{fewest_shown} < {most_left_out}"
    );
}

//! `serve`'s two phases: an edit's own page is written first (phase one, against the dossier
//! as last linked), then the rest of the site catches up (phase two) and must equal a full
//! `build` byte for byte; an edit made while phase two runs is taken next, never lost.

#[path = "common/serve.rs"]
mod serve_helpers;
use serve_helpers::{assert_same_as_full_build, edit};

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dossier::serve::site::{Changes, Edit, Site};

const QUOTE_A: &str = "We will not accept any delay in the talks";
const QUOTE_B: &str = "The water came faster than anyone expected";

/// A dossier of `n` sources over two events: every third source renders a shared quote, most
/// name entities of the gazetteer, and dates spread them so the printable dossier has parts.
fn write_dossier(root: &Path, n: usize) -> Vec<PathBuf> {
    let mut manifest = String::from(
        "title: \"Phases test\"\nbase_url: \"/\"\nevents:\n  - id: summit\n    title: \"Summit in Vienna\"\n    date: 2020-03-01\n  - id: floods\n    title: \"Floods in Porto\"\n    date: 2020-04-01\nentities:\n  - name: \"Anna Varga\"\n    kind: person\n    aliases: [\"Varga\"]\n  - name: \"United Nations\"\n    kind: organization\n    aliases: [\"UN\"]\n  - name: \"Vienna\"\n    kind: place\n  - name: \"Porto\"\n    kind: place\nsources:\n",
    );
    let dir = root.join("content");
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for i in 0..n {
        let id = format!("s{i:03}");
        let (event, place, quote) = if i % 2 == 0 {
            ("summit", "Vienna", QUOTE_A)
        } else {
            ("floods", "Porto", QUOTE_B)
        };
        let month = if i % 2 == 0 { 3 } else { 4 };
        let day = 2 + i % 25;
        let mut body = format!(
            "Report number {i} from {place}. The United Nations sent observer {i}.\n\nPeople in {place} waited for news on day {day}."
        );
        if i % 3 == 0 {
            body.push_str(&format!(
                "\n\n“{quote},” Anna Varga said in {place} on the {day}th."
            ));
        }
        let file = dir.join(format!("{id}.md"));
        std::fs::write(
            &file,
            format!(
                "---\ntitle: \"Report {id}\"\npublished: 2020-0{month}-{day:02}\n---\n\n# Report {id}\n\n{body}\n"
            ),
        )
        .unwrap();
        manifest.push_str(&format!(
            "  - id: {id}\n    file: content/{id}.md\n    outlet: \"Outlet {}\"\n    event: {event}\n",
            i % 7
        ));
        paths.push(file);
    }
    std::fs::write(root.join("dossier.yaml"), manifest).unwrap();
    paths
}

fn changed(paths: &[&PathBuf]) -> Changes {
    Changes {
        sources: paths
            .iter()
            .map(|p| std::fs::canonicalize(p).unwrap())
            .collect::<HashSet<_>>(),
        ..Changes::default()
    }
}

fn page(served: &Path, id: &str) -> String {
    std::fs::read_to_string(served.join(format!("sources/{id}.html"))).unwrap()
}

#[test]
fn phase_one_serves_the_edit_and_phase_two_equals_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    let paths = write_dossier(&root, 120);
    let served = tmp.path().join("served");
    let mut site = Site::build(&root, &served, Some("/")).unwrap();
    assert_same_as_full_build(&root, &served, "initial");
    let index_before = std::fs::read(served.join("index.html")).unwrap();

    let spoken = format!("“{QUOTE_B},” Anna Varga said in Porto on the 5th.");
    let steps: Vec<(&str, usize, &str, String, &str)> = vec![
        // Body text only.
        (
            "body text",
            4,
            "waited for news",
            "waited anxiously for news".into(),
            "waited anxiously for news",
        ),
        // The shared quote and every mention removed: quote and mention indexes of the last
        // linked version point past the new document's lists.
        (
            "quote and mentions gone",
            3,
            &spoken,
            "Nothing was said.".into(),
            "Nothing was said.",
        ),
        // More quotes than before, one new to the dossier, and a new name.
        (
            "new quotes",
            7,
            "People in Porto",
            format!(
                "“{QUOTE_B},” Varga said. “Bridges are closed until Friday,” Marek Nowak said. People in Porto"
            ),
            "Bridges are closed until Friday",
        ),
        // A new date moves the source to another part of the printable dossier.
        (
            "reorder",
            10,
            "published: 2020-03-12",
            "published: 2020-06-30".into(),
            "30 June 2020",
        ),
        (
            "title",
            11,
            "title: \"Report s011\"",
            "title: \"A new headline\"".into(),
            "A new headline",
        ),
    ];
    for (step, i, from, to, shows) in steps {
        edit(&paths[i], from, &to);
        let id = format!("s{i:03}");
        match site
            .edit(&changed(&[&paths[i]]))
            .unwrap_or_else(|p| panic!("{step}: {p:?}"))
        {
            Edit::Served(r) => assert_eq!(r.extracted, 1, "{step}"),
            other => panic!("{step}: phase one expected, got {other:?}"),
        }
        assert!(site.has_pending(), "{step}");
        // Phase one: the edited page shows the edit; the rest is the last consistent site.
        assert!(page(&served, &id).contains(shows), "{step}: phase one page");
        if step == "body text" {
            assert_eq!(
                std::fs::read(served.join("index.html")).unwrap(),
                index_before,
                "{step}: phase one writes only the edited source's own files"
            );
        }
        let report = site.settle().unwrap_or_else(|p| panic!("{step}: {p:?}"));
        assert_eq!(report.extracted, 1, "{step}: nothing extracted again");
        assert!(!site.has_pending(), "{step}");
        assert!(page(&served, &id).contains(shows), "{step}: phase two page");
        assert_same_as_full_build(&root, &served, step);
    }
}

#[test]
fn phase_one_links_only_what_still_applies() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    let paths = write_dossier(&root, 12);
    let served = tmp.path().join("served");
    let mut site = Site::build(&root, &served, Some("/")).unwrap();
    let before = page(&served, "s000");
    assert!(before.contains("entities/anna-varga.html"), "{before}");
    // A name no entity page exists for yet, and the known names gone.
    edit(
        &paths[0],
        "Report number 0 from Vienna. The United Nations sent observer 0.",
        "Report number 0 from Graz. Marek Nowak arrived.",
    );
    edit(&paths[0], "Anna Varga said in Vienna", "someone said there");
    assert!(matches!(
        site.edit(&changed(&[&paths[0]])).unwrap(),
        Edit::Served(_)
    ));
    let now = page(&served, "s000");
    assert!(now.contains("Marek Nowak arrived"));
    // Every entity link of the page leads to a page that exists.
    for href in now.split("href=\"").skip(1) {
        let href = href.split('"').next().unwrap();
        if let Some(rel) = href.strip_prefix("../../")
            && rel.starts_with("entities/")
        {
            assert!(served.join(rel).exists(), "phase one links to {rel}");
        }
    }
    site.settle().unwrap();
    assert_same_as_full_build(&root, &served, "links settled");
}

#[test]
fn an_edit_made_during_phase_two_is_not_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    let paths = write_dossier(&root, 60);
    let served = tmp.path().join("served");
    let mut site = Site::build(&root, &served, Some("/")).unwrap();
    let original = std::fs::read_to_string(&paths[5]).unwrap();

    edit(&paths[5], "waited for news", "waited for the first news");
    assert!(matches!(
        site.edit(&changed(&[&paths[5]])).unwrap(),
        Edit::Served(_)
    ));
    // While phase two runs, the same source is put back as it was and another is edited;
    // the watcher queues both files, and the serve loop hands them over after phase two.
    std::fs::write(&paths[5], &original).unwrap();
    edit(&paths[8], "waited for news", "waited for later news");
    site.settle().unwrap();
    assert!(page(&served, "s005").contains("waited for the first news"));
    // The next turn of the loop: both are read again; the reverted one too, although it now
    // has the bytes it had when the site was first built.
    match site.edit(&changed(&[&paths[5], &paths[8]])).unwrap() {
        Edit::Served(r) => assert_eq!(r.extracted, 2),
        other => panic!("phase one expected, got {other:?}"),
    }
    assert!(!page(&served, "s005").contains("waited for the first news"));
    assert!(page(&served, "s008").contains("waited for later news"));
    site.settle().unwrap();
    assert_same_as_full_build(&root, &served, "after the queued edits");

    // Two edits before phase two runs (saved in quick succession): one phase two for both.
    edit(&paths[9], "waited for news", "waited for good news");
    site.edit(&changed(&[&paths[9]])).unwrap();
    edit(&paths[9], "good news", "better news");
    site.edit(&changed(&[&paths[9]])).unwrap();
    edit(&paths[12], "waited for news", "waited for some news");
    site.edit(&changed(&[&paths[12]])).unwrap();
    assert!(page(&served, "s009").contains("better news"));
    let report = site.settle().unwrap();
    assert_eq!(report.extracted, 2);
    assert_same_as_full_build(&root, &served, "coalesced edits");

    // A manifest change while edits are pending: the full rebuild takes them in.
    edit(&paths[14], "waited for news", "waited for other news");
    site.edit(&changed(&[&paths[14]])).unwrap();
    let manifest = root.join("dossier.yaml");
    edit(
        &manifest,
        "title: \"Phases test\"",
        "title: \"Phases test, renamed\"",
    );
    assert!(matches!(
        site.edit(&Changes {
            manifest: true,
            ..Changes::default()
        })
        .unwrap(),
        Edit::Rebuilt(_)
    ));
    assert!(!site.has_pending());
    assert_same_as_full_build(&root, &served, "manifest with pending edits");
}

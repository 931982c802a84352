//! `serve`'s incremental rebuilds must give exactly the site a full build gives: after each
//! edit, the served folder is compared file by file with a fresh `build` of the same dossier.

#[path = "common/serve.rs"]
mod serve_helpers;
use serve_helpers::{assert_same_as_full_build, edit, tree};

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dossier::serve::site::{Changes, Site};

const MANIFEST: &str = r#"title: "Incremental test"
description: "Sources that share quotes, entities and events."
base_url: "/"
events:
  - id: summit
    title: "Summit in Vienna"
    date: 2020-03-01
  - id: floods
    title: "Floods in Porto"
    date: 2020-04-01
entities:
  - name: "Anna Varga"
    kind: person
    aliases: ["Varga"]
  - name: "United Nations"
    kind: organization
    aliases: ["UN"]
  - name: "Vienna"
    kind: place
  - name: "Porto"
    kind: place
sources:
"#;

fn article(title: &str, date: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\npublished: {date}\n---\n\n# {title}\n\n{body}\n")
}

const QUOTE_A: &str = "We will not accept any delay in the talks";
const QUOTE_B: &str = "The water came faster than anyone expected";

fn write_dossier(root: &Path) -> Vec<PathBuf> {
    write_dossier_with(root, "")
}

/// The test dossier, with `build` settings (YAML lines under `build:`) when not empty.
fn write_dossier_with(root: &Path, build: &str) -> Vec<PathBuf> {
    let sources = [
        (
            "a1",
            "summit",
            "2020-03-02",
            format!(
                "Anna Varga spoke in Vienna. “{QUOTE_A},” Varga said on Monday.\n\nThe United Nations sent observers."
            ),
        ),
        (
            "a2",
            "summit",
            "2020-03-03",
            format!(
                "In Vienna, the talks went on. “{QUOTE_A},” Anna Varga told reporters.\n\nNo one else spoke."
            ),
        ),
        (
            "a3",
            "summit",
            "2020-03-04",
            "The UN said little about Vienna. Delegates left early.".to_string(),
        ),
        (
            "b1",
            "floods",
            "2020-04-02",
            format!(
                "Rain hit Porto. “{QUOTE_B},” a resident said.\n\nThe United Nations offered help."
            ),
        ),
        (
            "b2",
            "floods",
            "2020-04-03",
            format!("Porto is under water. “{QUOTE_B},” a neighbour said."),
        ),
        (
            "b3",
            "floods",
            "2020-04-05",
            "Clean-up began in Porto on Sunday.".to_string(),
        ),
    ];
    let mut manifest = MANIFEST.to_string();
    if !build.is_empty() {
        manifest = manifest.replace("sources:\n", &format!("build:\n{build}sources:\n"));
    }
    let dir = root.join("content/sources");
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for (id, event, date, body) in sources {
        let file = dir.join(format!("{id}.md"));
        std::fs::write(&file, article(&format!("Report {id}"), date, &body)).unwrap();
        manifest.push_str(&format!(
            "  - id: {id}\n    file: content/sources/{id}.md\n    outlet: \"Outlet {id}\"\n    event: {event}\n"
        ));
        paths.push(file);
    }
    std::fs::write(root.join("dossier.yaml"), manifest).unwrap();
    paths
}

fn changed(path: &Path) -> Changes {
    Changes {
        sources: HashSet::from([std::fs::canonicalize(path).unwrap()]),
        ..Changes::default()
    }
}

#[test]
fn every_incremental_rebuild_equals_a_full_build() {
    incremental_rebuilds_equal_full_builds("");
}

/// One row a page: the comparison table, the quotes index and every entity named by several
/// sources are cut in parts, which appear, change and go away with the edits.
#[test]
fn every_incremental_rebuild_equals_a_full_build_with_pages_in_parts() {
    incremental_rebuilds_equal_full_builds("  rows_per_page: 1\n");
}

fn incremental_rebuilds_equal_full_builds(build: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    let paths = write_dossier_with(&root, build);
    let served = tmp.path().join("served");
    let mut site = Site::build(&root, &served, Some("/")).unwrap();
    assert_same_as_full_build(&root, &served, "initial");
    if !build.is_empty() {
        for part in [
            "compare/2/index.html",
            "quotes/page/2/index.html",
            "entities/porto/3.html",
        ] {
            assert!(served.join(part).is_file(), "{part}: pages cut in parts");
        }
    }

    let steps: Vec<(&str, usize, &str, String)> = vec![
        (
            "body text",
            2,
            "Delegates left early.",
            "Delegates left early after a long night.".into(),
        ),
        // a3 now renders the shared quote too: the group grows, its other members change.
        (
            "join a group",
            2,
            "Delegates left early",
            format!("“{QUOTE_A},” Varga said again. Delegates left early"),
        ),
        // b2 leaves its group: the group dissolves and its page goes away.
        (
            "leave a group",
            4,
            QUOTE_B,
            "The river rose in an hour".into(),
        ),
        // A new entity for b3; a date that moves a1 after every other source.
        (
            "new mention",
            5,
            "Clean-up began in Porto",
            "Anna Varga visited Vienna, then Porto. Clean-up began in Porto".into(),
        ),
        (
            "reorder by date",
            0,
            "published: 2020-03-02",
            "published: 2020-05-09".into(),
        ),
        (
            "title",
            1,
            "title: \"Report a2\"",
            "title: \"A new headline for a2\"".into(),
        ),
        (
            "drop every mention",
            3,
            "Rain hit Porto. ",
            "Rain hit. ".into(),
        ),
    ];
    for (step, i, from, to) in steps {
        edit(&paths[i], from, &to);
        let report = site
            .rebuild(&changed(&paths[i]))
            .unwrap_or_else(|p| panic!("{step}: {p:?}"));
        assert_eq!(
            report.extracted, 1,
            "{step}: only the edited source is extracted again"
        );
        assert_same_as_full_build(&root, &served, step);
    }
}

#[test]
fn an_edit_renders_only_the_pages_that_depend_on_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    let paths = write_dossier(&root);
    let served = tmp.path().join("served");
    let mut site = Site::build(&root, &served, Some("/")).unwrap();
    let total = site.dossier().documents.len();
    edit(&paths[5], "Clean-up began", "Cleaning up began");
    let report = site.rebuild(&changed(&paths[5])).unwrap();
    assert_eq!(report.extracted, 1);
    // Not the other sources' pages (b3 shares no quote; its event and entities keep their counts).
    let planned = walkdir::WalkDir::new(&served)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .count();
    assert!(
        report.rendered < planned - total,
        "rendered {} of {planned}",
        report.rendered
    );
    assert!(
        std::fs::read_to_string(served.join("sources/b3.html"))
            .unwrap()
            .contains("Cleaning up began")
    );
    assert!(
        !std::fs::read_to_string(served.join("sources/a1.html"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_broken_manifest_keeps_the_last_good_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    write_dossier(&root);
    let served = tmp.path().join("served");
    let mut site = Site::build(&root, &served, Some("/")).unwrap();
    let before = tree(&served);
    let manifest = root.join("dossier.yaml");
    let good = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        good.replace("title: \"Incremental test\"", "title: [broken"),
    )
    .unwrap();
    let changes = Changes {
        manifest: true,
        ..Changes::default()
    };
    let err = site.rebuild(&changes).unwrap_err();
    assert!(format!("{err:?}").contains("dossier.yaml"), "{err:?}");
    assert_eq!(tree(&served), before);
    // A template error is reported and changes nothing either.
    std::fs::write(&manifest, &good).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/source.html"),
        "{% extends \"base.html\" %}{% block content %}{{ source.nope.deeper }}{% endblock %}",
    )
    .unwrap();
    let err = site
        .rebuild(&Changes {
            theme: true,
            ..Changes::default()
        })
        .unwrap_err();
    assert!(format!("{err:?}").contains("source.html"), "{err:?}");
    assert_eq!(tree(&served), before);
    // Fixed: the site builds again.
    std::fs::remove_file(root.join("templates/source.html")).unwrap();
    site.rebuild(&Changes {
        theme: true,
        ..Changes::default()
    })
    .unwrap();
    assert_same_as_full_build(&root, &served, "fixed");
}

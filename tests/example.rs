//! End to end on the example dossier: the README's build command, the pages it promises, and
//! `check` passing.

mod common;
use common::*;

/// The example's sources and their headlines as printed.
const SOURCES: &[(&str, &str)] = &[
    (
        "dw-2017-12-17",
        "Putin thanks Trump for helping foil attack on St. Petersburg",
    ),
    ("nau-2017-12-18", "Putin und Trump gegen den Terrorismus"),
    (
        "rferl-2019-12-29",
        "Kremlin: Putin Thanks Trump For Help In Thwarting 'Terrorist Act'",
    ),
    (
        "breitbart-2019-12-30",
        "Vladimir Putin Thanks Donald Trump for Helping Foil Terrorist Attack",
    ),
    (
        "7dnews-2019-12-31",
        "US and Russian Leaders Unite to Combat Terrorism",
    ),
];

#[test]
fn the_example_builds_with_every_promised_page() {
    let (_tmp, out) = build_example(&[]);
    let index = read(&out, "index.html");
    assert!(
        index.contains("Putin thanks Trump for CIA tips"),
        "index has the title"
    );
    for (id, headline) in SOURCES {
        let page = read(&out, &format!("sources/{id}.html"));
        assert_eq!(
            first_element_text(&page, "h1").as_deref(),
            Some(*headline),
            "{id}: headline in <h1>"
        );
        assert!(
            index.contains(&format!("sources/{id}.html")),
            "index links {id}"
        );
    }
    for note in ["introduction", "method"] {
        let page = read(&out, &format!("notes/{note}/index.html"));
        assert!(page.contains("<h1"), "{note} has a heading");
    }
    let compare = read(&out, "compare/index.html");
    for outlet in ["DW", "Nau.ch", "RFE/RL", "Breitbart News", "7Dnews"] {
        assert!(
            compare.contains(&format!(">{outlet}<")),
            "comparison names {outlet}"
        );
    }
    // Grouped by the manifest's two events.
    assert!(
        compare.contains("Kazan Cathedral plot foiled") && compare.contains("New Year plot foiled")
    );
    // Highlighted code in the method note, with its generated stylesheet.
    assert!(read(&out, "notes/method/index.html").contains("class=\"hl-"));
    assert!(read(&out, "assets/syntax.css").contains(".hl-"));
}

#[test]
fn check_passes_on_the_example_and_writes_nothing() {
    let repo = repo();
    let before: Vec<_> = std::fs::read_dir(&repo)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let stdout = dossier_ok(&["--root", repo.to_str().unwrap(), "check"]);
    assert!(stdout.contains("No problems found"), "{stdout}");
    let after: Vec<_> = std::fs::read_dir(&repo)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn links_are_relative_so_the_site_works_from_disk_and_under_a_sub_path() {
    let (_tmp, out) = build_example(&["--base-url", "https://example.org/dossiers/putin/"]);
    let page = read(&out, "sources/dw-2017-12-17.html");
    assert!(page.contains("href=\"../assets/dossier.css\""));
    assert!(page.contains("href=\"../index.html\""));
    assert!(page.contains("<link rel=\"canonical\" href=\"https://example.org/dossiers/putin/sources/dw-2017-12-17.html\">"));
    // No root-relative links anywhere (they would break from disk and under a sub-path).
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
    {
        let html = std::fs::read_to_string(entry.path()).unwrap();
        if entry.file_name() == "404.html" {
            continue; // served for any path: it links from the base URL's path
        }
        assert!(
            !html.contains("href=\"/") && !html.contains("src=\"/"),
            "{}",
            entry.path().display()
        );
    }
}

#[test]
fn init_then_build_works_with_nothing_else_present() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-dossier");
    dossier_ok(&["init", dir.to_str().unwrap()]);
    dossier_ok(&["--root", dir.to_str().unwrap(), "build"]);
    assert!(dir.join("output/index.html").exists());
    assert!(dir.join("output/sources/example-article.html").exists());
    // A second init refuses to overwrite.
    assert_eq!(
        dossier(&["init", dir.to_str().unwrap()]).status.code(),
        Some(1)
    );
}

#[test]
fn usage_errors_exit_2_and_input_errors_exit_1() {
    assert_eq!(dossier(&["build", "--no-such-flag"]).status.code(), Some(2));
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(
        dossier(&["--root", tmp.path().to_str().unwrap(), "build"])
            .status
            .code(),
        Some(1)
    );
}

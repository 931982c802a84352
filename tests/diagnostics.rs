//! Bad input through the CLI: every problem is reported at once, each with file, line, column and
//! a hint; the exit status is 1; nothing is written.

mod common;
use common::*;

use std::path::Path;

/// Writes a dossier with `manifest` and the given files; returns its folder.
fn dossier_with(manifest: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("dossier.yaml"), manifest).unwrap();
    for (rel, text) in files {
        let p = tmp.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    tmp
}

/// Runs `dossier --root DIR <cmd>` expecting exit status 1; returns stderr.
fn fails(dir: &Path, cmd: &str) -> String {
    let out = dossier(&["--root", dir.to_str().unwrap(), cmd]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected exit 1 from {cmd}:\n{stderr}"
    );
    assert!(!dir.join("output").exists(), "a failed {cmd} wrote output/");
    stderr
}

const SOURCE: &str = "A headline for the test\n\nThe minister said \"we will look into it.\"\n";

#[test]
fn yaml_syntax_errors_name_the_line() {
    let d = dossier_with("title: T\nsources:\n  - id: a\n    file: [oops\n", &[]);
    let err = fails(d.path(), "build");
    assert!(err.contains("dossier.yaml:"), "{err}");
    assert!(err.contains("indentation"), "{err}");
}

#[test]
fn manifest_problems_are_all_reported_with_hints() {
    let manifest = "title: T\ntheme_name: x\nsources:\n  - id: a\n    fiel: a.txt\n  - id: b\n    file: b.txt\n    published: 2019-02-30\n  - id: c\n    file: c.txt\n    tags: 5\n";
    let d = dossier_with(manifest, &[]);
    for cmd in ["check", "build"] {
        let err = fails(d.path(), cmd);
        assert!(
            err.contains("dossier.yaml:2:1") && err.contains("unknown key `theme_name`"),
            "{err}"
        );
        assert!(
            err.contains("dossier.yaml:5:5") && err.contains("did you mean `file`?"),
            "{err}"
        );
        assert!(
            err.contains("dossier.yaml:8:") && err.contains("2019-02-30"),
            "{err}"
        );
        assert!(
            err.contains("dossier.yaml:11:") && err.contains("tags"),
            "{err}"
        );
        assert!(err.contains("4 errors found"), "{err}");
    }
}

#[test]
fn duplicate_ids_missing_files_and_unknown_themes() {
    let d = dossier_with(
        "title: T\ntheme: defualt\nsources:\n  - id: a\n    file: a.txt\n  - id: a\n    file: a.txt\n",
        &[("a.txt", SOURCE)],
    );
    let err = fails(d.path(), "check");
    assert!(
        err.contains("dossier.yaml:6:9") && err.contains("source id `a` is used twice"),
        "{err}"
    );
    let d = dossier_with(
        "title: T\ntheme: defualt\nsources:\n  - id: a\n    file: a.txt\n  - id: b\n    file: missing.txt\n",
        &[("a.txt", SOURCE)],
    );
    let err = fails(d.path(), "build");
    assert!(
        err.contains("dossier.yaml:7:11") && err.contains("`missing.txt` does not exist"),
        "{err}"
    );
    assert!(
        err.contains("dossier.yaml:2:8")
            && err.contains("unknown theme `defualt`")
            && err.contains("did you mean `default`"),
        "{err}"
    );
    assert!(err.contains("2 errors found"), "{err}");
}

#[test]
fn template_errors_name_the_template_and_line() {
    let d = dossier_with(
        "title: T\nsources:\n  - id: a\n    file: a.txt\n",
        &[
            ("a.txt", SOURCE),
            (
                "templates/source.html",
                "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ source.title </h1>\n{% endblock %}\n",
            ),
        ],
    );
    let err = fails(d.path(), "build");
    assert!(err.contains("templates/source.html:3:"), "{err}");
    assert!(err.contains("delete your copy"), "{err}");
}

#[test]
fn every_broken_template_is_named_once_and_no_other() {
    // An unknown filter, a syntax error and a parent that does not exist, in three overrides:
    // each is reported at its own template, and the theme's templates that extend a broken
    // override are not reported on top.
    let d = dossier_with(
        "title: T\nsources:\n  - id: a\n    file: a.txt\n",
        &[
            ("a.txt", SOURCE),
            (
                "templates/source.html",
                "{% extends \"base.html\" %}\n{% block content %}{{ source.title | nofilter }}{% endblock %}\n",
            ),
            (
                "templates/entity.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock %}\n",
            ),
            (
                "templates/event.html",
                "{% extends \"bsae.html\" %}{% block content %}{% endblock %}\n",
            ),
        ],
    );
    let err = fails(d.path(), "check");
    assert!(
        err.contains("templates/source.html:2:") && err.contains("Unknown filter `nofilter`"),
        "{err}"
    );
    assert!(err.contains("templates/entity.html:3:"), "{err}");
    assert!(
        err.contains("templates/event.html") && err.contains("bsae.html"),
        "{err}"
    );
    assert!(err.contains("3 errors found"), "{err}");
    assert!(!err.contains("built-in theme"), "{err}");

    // A broken base template: one error, not one per page template that extends it.
    let d = dossier_with(
        "title: T\nsources:\n  - id: a\n    file: a.txt\n",
        &[
            ("a.txt", SOURCE),
            (
                "templates/base.html",
                "<html>{% block content %}{{ x }</html>\n",
            ),
        ],
    );
    let err = fails(d.path(), "build");
    assert!(err.contains("templates/base.html:1:"), "{err}");
    assert!(err.contains("1 error found"), "{err}");
}

#[test]
fn a_file_that_cannot_be_a_source_is_shown_at_the_line_listing_it() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    let d = dossier_with(
        "title: T\nsources:\n  - id: a\n    file: a.txt\n  - id: pic\n    file: pic.txt\n",
        &[("a.txt", SOURCE)],
    );
    std::fs::write(d.path().join("pic.txt"), png).unwrap();
    let err = fails(d.path(), "build");
    assert!(
        err.contains("dossier.yaml:6:11")
            && err.contains("`pic.txt`")
            && err.contains("looks binary"),
        "{err}"
    );
}

#[test]
fn a_template_that_fails_at_render_time_is_reported_once() {
    let d = dossier_with(
        "title: T\nsources:\n  - id: a\n    file: a.txt\n  - id: b\n    file: b.txt\n",
        &[
            ("a.txt", SOURCE),
            ("b.txt", SOURCE),
            (
                "templates/source.html",
                "{% extends \"base.html\" %}\n{% block content %}{{ source.no_such_field.deeper }}{% endblock %}\n",
            ),
        ],
    );
    let err = fails(d.path(), "check");
    assert!(err.contains("templates/source.html"), "{err}");
    assert!(err.contains("1 error found"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let d = dossier_with(
        "title: T\nsources:\n  - id: a\n    file: a.txt\n",
        &[("a.txt", SOURCE)],
    );
    let root = d.path().to_str().unwrap();
    dossier_ok(&["--root", root, "build"]);
    let snapshot = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = snapshot(&d.path().join("output"));
    std::fs::write(
        d.path().join("dossier.yaml"),
        "title: T\nsources:\n  - id: a\n    file: gone.txt\n",
    )
    .unwrap();
    let out = dossier(&["--root", root, "build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot(&d.path().join("output")), before);
}

#[test]
fn warnings_do_not_stop_the_build() {
    let d = dossier_with(
        "title: T\nsources:\n  - dir: s\nentities:\n  - {name: X, kind: person}\n  - {name: X, kind: person}\n",
        &[("s/a.txt", SOURCE), ("s/empty.txt", "\n\n")],
    );
    let out = dossier(&["--root", d.path().to_str().unwrap(), "build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("empty.txt") && err.contains("empty: skipped"),
        "{err}"
    );
    assert!(err.contains("listed twice"), "{err}");
    assert!(d.path().join("output/sources/a.html").exists());
}

#[test]
fn refuses_an_output_folder_it_did_not_write() {
    let d = dossier_with(
        "title: T\nsources:\n  - id: a\n    file: a.txt\n",
        &[("a.txt", SOURCE), ("mine/thesis.txt", "precious")],
    );
    let out = dossier(&[
        "--root",
        d.path().to_str().unwrap(),
        "build",
        "--output",
        d.path().join("mine").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not write"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("mine/thesis.txt")).unwrap(),
        "precious"
    );
}

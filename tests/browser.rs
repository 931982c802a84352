//! The site in a real browser: builds the example (at a domain root and under a sub-path) and a
//! small dossier with the `brief` theme, then runs `tests/e2e/*.test.mjs` with Node's test
//! runner: Debian's Chromium driven by playwright-core, axe-core and the Nu Html Checker.
//!
//! Needs `/usr/bin/chromium` (or `DOSSIER_CHROMIUM`), `node`, `npm` and `java`. When one is
//! missing the test says so and passes, unless `DOSSIER_REQUIRE_BROWSER=1` (set by `.ci/run`),
//! when it fails. npm packages are pinned in `tests/e2e/package-lock.json` and installed here
//! with `npm ci --ignore-scripts` (vnu-jar's install script would download a Java runtime).

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> PathBuf {
    std::env::var_os("DOSSIER_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What is missing to run the browser tests, if anything.
fn missing_tools() -> Option<String> {
    let mut missing = Vec::new();
    if !chromium().exists() {
        missing.push(format!(
            "Chromium ({}; apt-get install chromium)",
            chromium().display()
        ));
    }
    for (tool, arg) in [
        ("node", "--version"),
        ("npm", "--version"),
        ("java", "-version"),
    ] {
        if !runs(tool, arg) {
            missing.push(tool.to_string());
        }
    }
    (!missing.is_empty()).then(|| missing.join(", "))
}

fn required() -> bool {
    std::env::var("DOSSIER_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Skips (or, when required, fails) with a reason.
fn skip(reason: &str) {
    assert!(
        !required(),
        "browser tests required (DOSSIER_REQUIRE_BROWSER=1) but {reason}"
    );
    eprintln!("browser tests skipped: {reason}");
}

/// `npm ci` in tests/e2e unless node_modules already matches the lockfile.
fn install_packages(e2e: &Path) -> Result<(), String> {
    let lock = e2e.join("package-lock.json");
    let installed = e2e.join("node_modules/.package-lock.json");
    let fresh = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(i), Some(l)) = (fresh(&installed), fresh(&lock))
        && i >= l
    {
        return Ok(());
    }
    let out = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(e2e)
        .output()
        .map_err(|e| format!("npm: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "npm ci failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// A small dossier with what the example lacks: a quote two sources share (a quote group
/// page), in the `brief` theme.
fn write_brief_fixture(dir: &Path) {
    let files: &[(&str, &str)] = &[
        (
            "dossier.yaml",
            r#"title: "Harbour bridge closure"
description: "How three outlets reported the closure of the harbour bridge."
language: en
theme: brief
author: "Test desk"
events:
  - id: closure
    title: "Bridge closed"
    date: 2021-03-01
entities:
  - name: "Dmitry Peskov"
    kind: person
    aliases: ["Peskov", "Peskow", "Dmitri Peskow"]
  - name: "Port Authority"
    kind: organization
  - name: "Riga"
    kind: place
sources:
  - id: gazette-a
    file: content/a.txt
    outlet: "The Gazette"
    published: 2021-03-01
    url: "https://example.org/gazette/bridge"
    byline: "By Jane Doe and John Smith"
    event: closure
    note: "The first report."
  - id: courier-b
    file: content/b.txt
    outlet: "Courier"
    published: 2021-03-02
    event: closure
  - id: zeitung-c
    file: content/c.txt
    outlet: "Zeitung"
    language: de
    published: 2021-03-03
    event: closure
notes:
  - file: content/about.md
claims:
  - id: closed
    statement: "The bridge was closed."
    supports:
      - terms: ["bridge", "closed"]
"#,
        ),
        (
            "content/a.txt",
            "Harbour bridge closed after storm\n\nThe harbour bridge in Riga was closed on Monday, the Port Authority said.\n\n\"We will reopen the bridge as soon as it is safe to do so,\" Dmitry Peskov told reporters.\n\nTraffic was diverted through the old town.\n",
        ),
        (
            "content/b.txt",
            "Storm shuts harbour bridge in Riga\n\nThe storm that swept the coast on Monday forced the Port Authority to close the harbour bridge in Riga for the rest of the week.\n\n\"We will reopen the bridge as soon as it is safe to do so,\" Dmitry Peskov said on Tuesday.\n\nCommuters faced long delays on the ferry routes, and the city council asked drivers to avoid the old town until the weekend.\n",
        ),
        (
            "content/c.txt",
            "Brücke in Riga gesperrt\n\nDie Hafenbrücke in Riga ist nach dem Sturm gesperrt, teilte die Hafenbehörde mit.\n\n\"Wir öffnen die Brücke, sobald es sicher ist\", sagte Dmitri Peskow am Mittwoch.\n\nDer Verkehr wird umgeleitet.\n",
        ),
        (
            "content/about.md",
            "# About this brief\n\nThree reports of one closure.\n\n## Sources\n\nNewspapers.\n",
        ),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn the_site_works_in_a_real_browser() {
    if let Some(missing) = missing_tools() {
        skip(&format!("missing {missing}"));
        return;
    }
    let e2e = repo().join("tests/e2e");
    if let Err(e) = install_packages(&e2e) {
        skip(&e);
        return;
    }
    let (_root_tmp, root_site) = build_example(&[]);
    let prefix = "/dossiers/putin/";
    let (_sub_tmp, sub_site) = build_example(&["--base-url", prefix]);
    let brief = tempfile::tempdir().unwrap();
    write_brief_fixture(brief.path());
    let brief_site = brief.path().join("site");
    build_into(brief.path(), &brief_site);

    let hostile_site = brief.path().join("hostile-site");
    let hostile_root = repo().join("tests/fixtures/hostile");
    build_into(&hostile_root, &hostile_site);

    let out = Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .arg(e2e.join("site.test.mjs"))
        .arg(e2e.join("hostile.test.mjs"))
        .env("SITE_HOSTILE", &hostile_site)
        .env("SITE_ROOT", &root_site)
        .env("SITE_SUB", &sub_site)
        .env("SITE_PREFIX", prefix)
        .env("SITE_BRIEF", &brief_site)
        .env("DOSSIER_CHROMIUM", chromium())
        .current_dir(&e2e)
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{report}");
    assert!(out.status.success(), "browser tests failed:\n{report}");
}

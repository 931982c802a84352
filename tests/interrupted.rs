//! kill -9 and Ctrl-C in the middle of writing: the previous `output/` stays byte-identical and
//! the next build cleans up after the dead one.

#![cfg(unix)]

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A dossier big enough that writing takes a while.
fn big_dossier(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        let body = (0..30)
            .map(|p| format!("Paragraph {p} of report {i}: the minister said \"we will look into case {i}-{p} carefully.\" Officials in Rome and Paris declined to comment."))
            .collect::<Vec<_>>()
            .join("\n\n");
        std::fs::write(
            dir.join(format!("report-{i:05}.txt")),
            format!("Report number {i} on the inquiry\n\n{body}\n"),
        )
        .unwrap();
    }
    std::fs::write(
        tmp.path().join("dossier.yaml"),
        "title: Big\nsources:\n  - dir: content\n",
    )
    .unwrap();
    tmp
}

/// Starts a build, waits until it reports the link stage done (writing comes next), waits
/// `delay` more, and sends `signal`. On a busy machine the build may finish before the signal
/// lands; the caller tells that case apart by what `output/` holds.
fn interrupt_while_writing(root: &Path, signal: &str, delay: Duration) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "--root",
            root.to_str().unwrap(),
            "build",
            "--progress",
            "lines",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let start = Instant::now();
    for line in stderr.lines() {
        let line = line.unwrap();
        if line.contains("link") && line.contains("done") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the build never reached writing"
        );
    }
    std::thread::sleep(delay);
    Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    let _ = child.wait().unwrap();
}

const CHANGED: &str = "A changed report headline here\n\nNew text.\n";

#[test]
fn kill_9_and_ctrl_c_mid_build_leave_the_previous_output_byte_identical() {
    let d = big_dossier(800);
    let root = d.path();
    let root_arg = root.to_str().unwrap();
    let changed_file = root.join("content/report-00000.txt");
    let original = std::fs::read(&changed_file).unwrap();
    // The site the interrupted builds would write, built elsewhere.
    std::fs::write(&changed_file, CHANGED).unwrap();
    let elsewhere = root.join("new-site");
    dossier_ok(&[
        "--root",
        root_arg,
        "build",
        "--output",
        elsewhere.to_str().unwrap(),
    ]);
    let after = snapshot(&elsewhere);
    // The previous site, and a change so that the next build writes something different.
    std::fs::write(&changed_file, &original).unwrap();
    dossier_ok(&["--root", root_arg, "build"]);
    std::fs::write(&changed_file, CHANGED).unwrap();
    let before = snapshot(&root.join("output"));
    assert_ne!(before, after);

    let mut cut_short = 0;
    for (signal, delay_ms) in [("-9", 5), ("-9", 60), ("-INT", 5), ("-INT", 60)] {
        interrupt_while_writing(root, signal, Duration::from_millis(delay_ms));
        let now = snapshot(&root.join("output"));
        if now == before {
            cut_short += 1;
            continue;
        }
        // Never a mix: if not the previous site, then the whole new one (the build had swapped
        // it in before the signal landed). Put the previous site back for the next case.
        assert!(
            now == after,
            "output is neither the previous site nor the new one after kill {signal} at +{delay_ms} ms"
        );
        std::fs::write(&changed_file, &original).unwrap();
        dossier_ok(&["--root", root_arg, "build"]);
        std::fs::write(&changed_file, CHANGED).unwrap();
        assert_eq!(snapshot(&root.join("output")), before);
    }
    assert!(
        cut_short >= 2,
        "only {cut_short} of 4 builds were interrupted before they finished: make the dossier bigger"
    );
    // The next build succeeds and removes what the dead builds left behind.
    dossier_ok(&["--root", root_arg, "build"]);
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        // Only the reusable staging tree and the ledger of the live site may stay beside the
        // output, never a dead build's folder or half-written ledger.
        .filter(|n| n.starts_with(".output") && n != ".output.spare" && n != ".output.ledger")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(
        read(&root.join("output"), "sources/report-00000.html")
            .contains("A changed report headline here")
    );
}

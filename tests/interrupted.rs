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
/// `delay` more, and sends `signal`.
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
    if let Ok(Some(status)) = child.try_wait() {
        panic!(
            "the build finished ({status}) before it could be interrupted: make the dossier bigger"
        );
    }
    Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the build was interrupted");
}

#[test]
fn kill_9_and_ctrl_c_mid_build_leave_the_previous_output_byte_identical() {
    let d = big_dossier(300);
    let root = d.path();
    dossier_ok(&["--root", root.to_str().unwrap(), "build"]);
    // Change a source so the next build would write something different.
    std::fs::write(
        root.join("content/report-00000.txt"),
        "A changed report headline here\n\nNew text.\n",
    )
    .unwrap();
    let before = snapshot(&root.join("output"));
    for (signal, delay_ms) in [("-9", 5), ("-9", 60), ("-INT", 5), ("-INT", 60)] {
        interrupt_while_writing(root, signal, Duration::from_millis(delay_ms));
        assert_eq!(
            snapshot(&root.join("output")),
            before,
            "output changed after kill {signal} at +{delay_ms} ms"
        );
    }
    // The next build succeeds and removes what the dead builds left behind.
    dossier_ok(&["--root", root.to_str().unwrap(), "build"]);
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        // Only the reusable staging tree may stay beside the output, never a dead build's folder.
        .filter(|n| n.starts_with(".output") && n != ".output.spare")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(
        read(&root.join("output"), "sources/report-00000/index.html")
            .contains("A changed report headline here")
    );
}

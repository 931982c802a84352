use super::*;
use crate::manifest::{self, LoadedManifest};

fn dossier(files: &[(&str, &[u8])], manifest_text: &str) -> (tempfile::TempDir, LoadedManifest) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    std::fs::write(dir.path().join("dossier.yaml"), manifest_text).unwrap();
    let m = manifest::read(dir.path()).unwrap_or_else(|p| panic!("{:?}", p.0));
    (dir, m)
}

#[test]
fn reads_text_markdown_and_html_with_ids() {
    let (_d, m) = dossier(
        &[
            ("content/a.txt", b"Hello\r\nworld"),
            ("content/more/b.md", b"---\ntitle: B\n---\nbody"),
            ("content/more/deeper/c.html", b"<p>x</p>"),
            ("content/more/skip.png", b"\x89PNG"),
        ],
        "title: T\nsources:\n  - id: a\n    file: content/a.txt\n  - dir: content/more\n    outlet: O\n",
    );
    let (loaded, problems) = load(&m);
    assert!(problems.is_empty(), "{:?}", problems.0);
    let ids: Vec<_> = loaded
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.format))
        .collect();
    assert_eq!(
        ids,
        [
            ("a", SourceFormat::Text),
            ("b", SourceFormat::Markdown),
            ("c", SourceFormat::Html)
        ]
    );
    assert_eq!(loaded.sources[0].text, "Hello\nworld");
    assert_eq!(loaded.sources[1].text, "body");
    assert_eq!(loaded.sources[1].front_matter.title.as_deref(), Some("B"));
    assert_eq!(loaded.sources[2].entry.outlet.as_deref(), Some("O"));
}

#[test]
fn glob_entries_match_relative_patterns() {
    let (_d, m) = dossier(
        &[
            ("content/s/dw-1.txt", b"x"),
            ("content/s/dw-2.txt", b"y"),
            ("content/s/other.txt", b"z"),
        ],
        "title: T\nsources:\n  - glob: content/s/dw-*.txt\n",
    );
    let (loaded, problems) = load(&m);
    assert!(problems.is_empty(), "{:?}", problems.0);
    assert_eq!(
        loaded
            .sources
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["dw-1", "dw-2"]
    );
}

#[test]
fn missing_files_point_at_the_manifest_line() {
    let (_d, m) = dossier(
        &[("content/abc.txt", b"x")],
        "title: T\nsources:\n  - id: a\n    file: content/abd.txt\n",
    );
    let (_, problems) = load(&m);
    let p: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with("dossier.yaml:4:11: error: `content/abd.txt` does not exist"),
        "{p:?}"
    );
    assert!(p[0].contains("did you mean `abc.txt`"), "{p:?}");
}

#[test]
fn paths_outside_the_root_are_refused() {
    let (_d, m) = dossier(
        &[],
        "title: T\nsources:\n  - id: a\n    file: ../../../../../../etc/passwd\n",
    );
    let (loaded, problems) = load(&m);
    assert!(loaded.sources.is_empty());
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("outside the dossier folder")),
        "{:?}",
        problems.0
    );
}

#[test]
fn binary_and_oversized_files_are_refused_and_empty_skipped() {
    let big = vec![b'a'; 2000];
    let (_d, m) = dossier(
        &[
            ("s/bin.txt", b"\x00\x01\x02PNG"),
            ("s/big.txt", &big),
            ("s/empty.txt", b"  \n"),
        ],
        "title: T\nbuild: {max_source_bytes: 1000}\nsources:\n  - dir: s\n",
    );
    let (loaded, problems) = load(&m);
    assert!(loaded.sources.is_empty());
    let msgs: Vec<_> = problems.iter().map(|p| p.message.clone()).collect();
    assert!(msgs.iter().any(|m| m.contains("looks binary")), "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.contains("over the limit")),
        "{msgs:?}"
    );
}

#[test]
fn two_files_cannot_share_a_page() {
    let (_d, m) = dossier(
        &[("s/a.txt", b"x"), ("s/a.md", b"y")],
        "title: T\nsources:\n  - dir: s\n",
    );
    let (loaded, problems) = load(&m);
    assert!(loaded.sources.is_empty());
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("would share the page sources/a.html")),
        "{:?}",
        problems.0
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_not_followed() {
    let (d, m) = dossier(&[("s/a.txt", b"x")], "title: T\nsources:\n  - dir: s\n");
    std::os::unix::fs::symlink(d.path().join("s"), d.path().join("s/loop")).unwrap();
    let (loaded, problems) = load(&m);
    assert_eq!(loaded.sources.len(), 1);
    assert!(
        problems.iter().any(|p| p.message.contains("loop")),
        "{:?}",
        problems.0
    );
}

#[test]
fn decodes_legacy_encodings_in_sources() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("»Genau solche Standards müssen wir anstreben«, sagte der Kremlsprecher in Moskau über die Zusammenarbeit.");
    let (_d, m) = dossier(&[("s/de.txt", &bytes)], "title: T\nsources:\n  - dir: s\n");
    let (loaded, _) = load(&m);
    assert!(loaded.sources[0].text.contains("müssen"));
    assert_eq!(loaded.sources[0].encoding, "windows-1252");
}

#[cfg(unix)]
#[test]
fn pipes_and_folders_are_refused_never_read() {
    let (d, m) = dossier(
        &[("s/a.txt", b"x")],
        "title: T\nsources:\n  - id: p\n    file: pipe.txt\n  - id: f\n    file: s\n",
    );
    let status = std::process::Command::new("mkfifo")
        .arg(d.path().join("pipe.txt"))
        .status()
        .unwrap();
    assert!(status.success());
    // Re-read the manifest now that the pipe exists.
    let m = manifest::read(&m.root).unwrap();
    let (loaded, problems) = load(&m);
    assert!(loaded.sources.is_empty());
    let msgs: Vec<_> = problems.iter().map(|p| p.message.clone()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("not a regular file")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("is a folder")), "{msgs:?}");
}

#[test]
fn a_glob_matching_nothing_is_a_warning_at_its_line() {
    let (_d, m) = dossier(
        &[("content/s/a.md", b"x")],
        "title: T\nsources:\n  - glob: \"content/*.txt\"\n",
    );
    let (loaded, problems) = load(&m);
    assert!(loaded.sources.is_empty());
    assert!(!problems.has_errors(), "{:?}", problems.0);
    let p = problems.iter().next().expect("a warning");
    assert!(
        p.message.contains("no source file matches"),
        "{}",
        p.message
    );
    assert_eq!(p.location.map(|l| l.line), Some(3));
}

#[cfg(unix)]
#[test]
fn real_paths_agree_with_canonicalize() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("real/sub")).unwrap();
    std::fs::write(d.join("real/a.txt"), "a").unwrap();
    std::fs::write(d.join("real/sub/b.txt"), "b").unwrap();
    std::os::unix::fs::symlink(d.join("real"), d.join("linked")).unwrap();
    std::os::unix::fs::symlink(d.join("real/a.txt"), d.join("real/sub/to-a.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("real/sub"), d.join("real/to-sub")).unwrap();
    let mut reals = RealPaths::new(d);
    for rel in [
        "real/a.txt",
        "linked/a.txt",
        "linked/sub/b.txt",
        "real/sub/to-a.txt",
        "linked/sub/to-a.txt",
        "real/sub/../a.txt",
        "real/./sub/b.txt",
        "real/sub",
        "real/to-sub",
        "linked/sub",
        // Asked twice: the second answer comes from the cached folder.
        "linked/a.txt",
        "real/sub",
    ] {
        let path = d.join(rel);
        let real = reals.of(&path).unwrap();
        assert_eq!(real.path, std::fs::canonicalize(&path).unwrap(), "{rel}");
        assert_eq!(real.is_dir, path.is_dir(), "{rel}");
    }
    for missing in ["real/none.txt", "none/a.txt"] {
        let Err(err) = reals.of(&d.join(missing)) else {
            panic!("{missing} was found");
        };
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound, "{missing}");
    }
}

/// A dossier big enough for the reader threads and the prefetcher (over 64 sources), with
/// bad files among good ones: every good source comes back in the manifest's order with its
/// own text, and every bad one as a problem, in order (a pipe in a listed folder is passed
/// over, and must not hold the prefetcher or a reader).
#[cfg(unix)]
#[test]
fn many_sources_are_read_in_order_with_their_problems() {
    let n = 300;
    let mut files: Vec<(String, Vec<u8>)> = (0..n)
        .map(|i| {
            (
                format!("s/src-{i:04}.txt"),
                format!("Text number {i}.").into_bytes(),
            )
        })
        .collect();
    files[17].1 = b"\x00\x01\x02PNG".to_vec();
    files[250].1 = b"\x00\x01\x02PNG".to_vec();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let (d, _) = dossier(&refs, "title: T\nsources:\n  - dir: s\n");
    // One file becomes a pipe.
    let pipe = d.path().join("s/src-0100.txt");
    std::fs::remove_file(&pipe).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    let m = manifest::read(d.path()).unwrap();
    let (loaded, problems) = load(&m);
    let expected: Vec<String> = (0..n)
        .filter(|i| ![17, 100, 250].contains(i))
        .map(|i| format!("Text number {i}."))
        .collect();
    let texts: Vec<String> = loaded.sources.iter().map(|s| s.text.clone()).collect();
    assert_eq!(texts, expected);
    let errors: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("`s/src-0017.txt`: this is not a text file"));
    assert!(errors[1].starts_with("`s/src-0250.txt`: this is not a text file"));
}

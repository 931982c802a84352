//! `dossier serve` end to end: start it on a free port, fetch pages, edit a source and see the
//! page change, break the manifest and see the error while the last good site is served, and
//! try to leave the site folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM lets serve remove its temporary site folder; SIGKILL would leave it behind.
        let terminated = Command::new("kill")
            .arg(self.child.id().to_string())
            .status()
            .is_ok_and(|s| s.success());
        if !terminated {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--root", root.to_str().unwrap(), "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dossier serve");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: u16 = rest
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse()
                    .unwrap();
                let _ = tx.send(port);
            }
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve prints its address");
    Server { child, port }
}

/// Sends raw bytes, returns the status code and the body.
fn raw(port: u16, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn get(port: u16, path: &str) -> (u16, String) {
    raw(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn dossier(root: &Path) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("dossier.yaml"),
        "title: \"Served\"\nsources:\n  - id: one\n    file: content/one.md\n    outlet: \"Outlet\"\n  - id: two\n    file: content/two.md\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/one.md"),
        "# First report\n\nThe mayor opened the bridge on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/two.md"),
        "# Second report\n\nTraffic resumed on Tuesday.\n",
    )
    .unwrap();
}

#[test]
fn serve_rebuilds_an_edited_source_and_reloads() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    dossier(root);
    let server = start(root);
    let port = server.port;

    let (status, page) = get(port, "/sources/one.html");
    assert_eq!(status, 200);
    assert!(page.contains("The mayor opened the bridge"));
    // The live-reload script is in served pages, never in the files a build writes.
    assert!(page.contains("/__dossier/live.js"));
    assert_eq!(get(port, "/__dossier/live.js").0, 200);
    // `/entities` redirects to the folder so relative links work.
    assert_eq!(get(port, "/entities").0, 301);
    let (_, state) = get(port, "/__dossier/wait?since=");
    let generation: u64 = serde_json::from_str::<serde_json::Value>(&state).unwrap()["generation"]
        .as_u64()
        .unwrap();

    std::fs::write(
        root.join("content/one.md"),
        "# First report\n\nThe mayor closed the bridge on Friday.\n",
    )
    .unwrap();
    // The long poll answers with the next generation once the rebuild is done.
    let (_, state) = get(port, &format!("/__dossier/wait?since={generation}"));
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert!(state["error"].is_null(), "{state}");
    wait_for("the edited page", || {
        get(port, "/sources/one.html")
            .1
            .contains("closed the bridge on Friday")
    });

    // A broken manifest: reported to browsers, the last good site still served.
    let manifest = std::fs::read_to_string(root.join("dossier.yaml")).unwrap();
    std::fs::write(
        root.join("dossier.yaml"),
        manifest.replace("title: \"Served\"", "title: [oops"),
    )
    .unwrap();
    wait_for("the error", || {
        let (_, s) = get(port, "/__dossier/wait?since=");
        s.contains("dossier.yaml")
    });
    let (status, page) = get(port, "/sources/one.html");
    assert_eq!(status, 200);
    assert!(page.contains("closed the bridge on Friday"));
    std::fs::write(root.join("dossier.yaml"), manifest).unwrap();
    wait_for("the error to clear", || {
        let (_, s) = get(port, "/__dossier/wait?since=");
        s.contains("\"error\":null")
    });
}

#[test]
fn serve_refuses_to_leave_the_site_and_survives_bad_requests() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    dossier(&root);
    // A file beside the site that must never be served.
    std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
    let server = start(&root);
    let port = server.port;
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/sources/..%2F..%2F..%2Fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/%zz",
        "/a%00b",
    ] {
        let (status, body) = get(port, path);
        assert_eq!(status, 400, "{path}");
        assert!(
            !body.contains("secret") && !body.contains("root:"),
            "{path}"
        );
    }
    assert_eq!(get(port, "/.dossier-output").0, 404);
    assert_eq!(get(port, "/no/such/page.html").0, 404);
    assert_eq!(
        raw(
            port,
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .0,
        405
    );
    // Garbage, a truncated request line, a request with no path: 400 or a closed connection.
    for junk in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"\x00\x01\x02\r\n\r\n",
    ] {
        let (status, _) = raw(port, junk);
        assert!(status == 400 || status == 0, "{junk:?} gave {status}");
    }
    // Still serving.
    assert_eq!(get(port, "/").0, 200);
}

/// Whether every file of a full build of `root` is served with the same bytes (the live-reload
/// script left out of HTML pages).
fn serves_a_full_build(port: u16, root: &Path, full: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(full);
    dossier::pipeline::build(&dossier::pipeline::BuildOptions {
        root: root.to_path_buf(),
        output: Some(full.to_path_buf()),
        base_url: Some("/".into()),
    })
    .map_err(|p| format!("full build failed: {p:?}"))?;
    let script = "<script src=\"/__dossier/live.js\"></script>";
    for entry in walkdir::WalkDir::new(full).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') {
            continue;
        }
        let rel = entry.path().strip_prefix(full).unwrap().to_string_lossy();
        let want = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_string();
        let (status, body) = get(port, &format!("/{rel}"));
        if status != 200 || body.replace(script, "") != want {
            return Err(format!("/{rel} is not what a full build writes"));
        }
    }
    Ok(())
}

fn state(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__dossier/wait?since=").1).unwrap()
}

#[test]
fn serve_serves_an_edit_at_once_and_ends_equal_to_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    dossier(&root);
    let server = start(&root);
    let port = server.port;
    assert_eq!(state(port)["pending"], false);
    std::fs::write(
        root.join("content/one.md"),
        "# First report\n\nThe mayor closed the bridge on Friday.\n",
    )
    .unwrap();
    wait_for("the edited page", || {
        get(port, "/sources/one.html")
            .1
            .contains("closed the bridge")
    });
    // Another edit right away, while the first one's second phase may still run.
    std::fs::write(
        root.join("content/two.md"),
        "# Second report\n\nTraffic stopped on Friday.\n",
    )
    .unwrap();
    wait_for("the second edited page", || {
        get(port, "/sources/two.html").1.contains("Traffic stopped")
    });
    // Both phases of both edits land: the served site is what a full build writes.
    let full = tmp.path().join("full");
    let start = Instant::now();
    loop {
        let settled = state(port)["pending"] == false;
        match serves_a_full_build(port, &root, &full) {
            Ok(()) if settled => break,
            Ok(()) => {}
            Err(e) => assert!(start.elapsed() < Duration::from_secs(30), "{e}"),
        }
        assert!(start.elapsed() < Duration::from_secs(30), "still pending");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        get(port, "/sources/one.html")
            .1
            .contains("closed the bridge")
    );
}

//! The HTTP side of `serve`: files of the built site only (no `..`, no percent-encoded
//! traversal, no hidden files), the live-reload script injected into HTML responses (never
//! written to disk, so it cannot reach `build` output), and a long-poll endpoint that answers
//! when the site was rebuilt or a rebuild failed.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

/// The prefix of the server's own endpoints; no site page starts with a dot-less `__dossier`.
pub const PREFIX: &str = "/__dossier/";

/// How long a long-poll request waits for a rebuild before answering anyway.
const WAIT: Duration = Duration::from_secs(20);

/// The browser side of live reload: waits for the next rebuild, reloads the page on success
/// and shows the error over the page on failure (the last good page stays underneath).
pub const LIVE_JS: &str = r#"(function () {
  var generation = null;
  function overlay(message) {
    var el = document.getElementById("dossier-serve-error");
    if (!message) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("div");
      el.id = "dossier-serve-error";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2em;" +
        "background:rgba(24,24,24,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(el);
    }
    el.textContent = "dossier serve: the last change did not build; the page shows the last good site.\n\n" + message;
  }
  function poll() {
    fetch("/__dossier/wait?since=" + (generation === null ? "" : generation), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (generation !== null && s.generation !== generation && !s.error) { location.reload(); return; }
        generation = s.generation;
        overlay(s.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// What browsers (and the benchmarks) learn about rebuilds: a counter bumped by every rebuild,
/// the last error, and whether the whole site is consistent (false between an edit's first
/// phase, its own page served, and its second, everything it affects re-rendered).
#[derive(Default)]
pub struct Status {
    state: Mutex<State>,
    changed: Condvar,
}

/// One snapshot of [`Status`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub generation: u64,
    pub error: Option<String>,
    /// Edits are served but not yet linked into the rest of the site.
    pub pending: bool,
}

impl Status {
    /// Records a rebuild (its error, if it failed), whether edits still wait for their second
    /// phase, and wakes every waiting browser.
    pub fn update(&self, error: Option<String>, pending: bool) {
        if let Ok(mut s) = self.state.lock() {
            s.generation += 1;
            s.error = error;
            s.pending = pending;
        }
        self.changed.notify_all();
    }

    /// The state now.
    pub fn snapshot(&self) -> State {
        self.state.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Waits until the generation differs from `since` (or `WAIT` passed).
    fn wait(&self, since: Option<u64>) -> State {
        let Some(since) = since else {
            return self.snapshot();
        };
        let Ok(guard) = self.state.lock() else {
            return State::default();
        };
        match self
            .changed
            .wait_timeout_while(guard, WAIT, |s| s.generation == since)
        {
            Ok((s, _)) => s.clone(),
            Err(_) => State::default(),
        }
    }
}

/// Why a request path is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum BadPath {
    /// Malformed or trying to leave the site: 400.
    Malformed,
    /// A hidden file (`.dossier-output`): not part of the site, 404.
    Hidden,
}

/// The site-relative path a request asks for: percent-decoded, `/`-separated, every segment a
/// plain name. Anything that could name a file outside the site is refused.
pub fn site_path(raw_url: &str) -> Result<String, BadPath> {
    let path = raw_url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(BadPath::Malformed);
    }
    let bytes = path.as_bytes();
    if bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !(i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit())
    }) {
        return Err(BadPath::Malformed);
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| BadPath::Malformed)?;
    if decoded.contains(['\0', '\\']) || decoded.chars().any(char::is_control) {
        return Err(BadPath::Malformed);
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err(BadPath::Malformed),
            s if s.starts_with('.') => return Err(BadPath::Hidden),
            s => segments.push(s),
        }
    }
    Ok(segments.join("/"))
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script to an HTML page, before its last `</body>` (or at the end).
pub fn inject(html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}live.js\"></script>");
    let lower: Vec<u8> = html.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>) {
    let len = body.len();
    let response = Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", kind),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ],
        Cursor::new(body),
        Some(len),
        None,
    );
    // A browser that went away is not an error of the server.
    let _ = request.respond(response);
}

/// Answers one request from the site folder `out`.
pub fn handle(request: Request, out: &Path, status: &Arc<Status>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        respond(
            request,
            405,
            "text/plain",
            b"405 method not allowed\n".to_vec(),
        );
        return;
    }
    let url = request.url().to_string();
    if let Some(endpoint) = url.strip_prefix(PREFIX) {
        let (name, query) = endpoint.split_once('?').unwrap_or((endpoint, ""));
        match name {
            "live.js" => respond(
                request,
                200,
                "text/javascript; charset=utf-8",
                LIVE_JS.into(),
            ),
            "wait" => {
                let since = query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("since="))
                    .and_then(|v| v.parse().ok());
                let state = status.wait(since);
                let body = serde_json::json!({
                    "generation": state.generation,
                    "error": state.error,
                    "pending": state.pending,
                });
                respond(
                    request,
                    200,
                    "application/json",
                    body.to_string().into_bytes(),
                );
            }
            _ => respond(request, 404, "text/plain", b"404 not found\n".to_vec()),
        }
        return;
    }
    let rel = match site_path(&url) {
        Ok(rel) => rel,
        Err(BadPath::Malformed) => {
            respond(request, 400, "text/plain", b"400 bad request\n".to_vec());
            return;
        }
        Err(BadPath::Hidden) => {
            not_found(request, out);
            return;
        }
    };
    let mut file: PathBuf = out.join(&rel);
    if file.is_dir() {
        if !rel.is_empty() && !url.split('?').next().unwrap_or("").ends_with('/') {
            // `/sources/x` → `/sources/x/`, so the page's relative links resolve.
            let response = Response::empty(StatusCode(301))
                .with_header(header("Location", &format!("/{rel}/")));
            let _ = request.respond(response);
            return;
        }
        file = file.join("index.html");
    }
    // The site has no links out of itself; refuse one all the same.
    let inside = std::fs::canonicalize(&file)
        .ok()
        .zip(std::fs::canonicalize(out).ok())
        .is_some_and(|(f, o)| f.starts_with(o));
    match std::fs::read(&file) {
        Ok(bytes) if inside => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                inject(bytes)
            } else {
                bytes
            };
            respond(request, 200, kind, body);
        }
        _ => not_found(request, out),
    }
}

fn not_found(request: Request, out: &Path) {
    let page = std::fs::read(out.join("404.html")).unwrap_or_else(|_| b"404 not found".to_vec());
    respond(request, 404, "text/html; charset=utf-8", inject(page));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_never_leave_the_site() {
        assert_eq!(site_path("/"), Ok(String::new()));
        assert_eq!(
            site_path("/sources/a.html?x=1"),
            Ok("sources/a.html".into())
        );
        assert_eq!(
            site_path("/entities/caf%C3%A9/"),
            Ok("entities/café".into())
        );
        for bad in [
            "/../etc/passwd",
            "/sources/../../x",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a/%2e%2e%2f%2e%2e%2fb",
            "/..%5c..%5cwindows",
            "/a%00b",
            "/%zz",
            "/%c3",
            "/%",
            "relative",
            "http://example.org/",
        ] {
            assert_eq!(site_path(bad), Err(BadPath::Malformed), "{bad}");
        }
        assert_eq!(site_path("/.dossier-output"), Err(BadPath::Hidden));
        // A double-encoded dot is a literal name, not a step up.
        assert_eq!(site_path("/%252e%252e/x"), Ok("%2e%2e/x".into()));
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>x</p></BODY></html>".to_vec();
        let out = String::from_utf8(inject(page)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__dossier/live.js\"></script></BODY></html>"
        );
        let bare = String::from_utf8(inject(b"<p>x</p>".to_vec())).unwrap();
        assert!(bare.ends_with("live.js\"></script>"));
    }
}

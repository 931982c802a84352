//! Stage 1: `dossier.yaml` text → a typed, validated [`Manifest`].
//!
//! Parsing takes a fast path (one typed pass) when the file is right, and a slow path that
//! deserialises section by section when it is not, so that every problem is reported at once,
//! each located by [`locate::SpanIndex`] at a line and column with a hint.

mod locate;
mod types;

pub use locate::SpanIndex;
pub use types::*;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;

use crate::diagnostics::{Location, Problem, Problems, did_you_mean};
use crate::slug::{is_safe_id, slugify};

/// The manifest's file name at the dossier root.
pub const MANIFEST_FILE: &str = "dossier.yaml";

/// The manifest's text and name, kept for locating problems found by later stages.
#[derive(Debug)]
pub struct ManifestFile {
    /// The name shown in messages (`dossier.yaml`, or the path given).
    pub display: PathBuf,
    pub text: Arc<str>,
    index: OnceLock<SpanIndex>,
}

impl ManifestFile {
    pub fn new(display: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> ManifestFile {
        ManifestFile {
            display: display.into(),
            text: text.into(),
            index: OnceLock::new(),
        }
    }

    /// Where the node at `path` (e.g. `sources[3].file`) is written; its key when `on_key`.
    pub fn locate(&self, path: &str, on_key: bool) -> Option<Location> {
        let index = self.index.get_or_init(|| SpanIndex::build(&self.text));
        let (found, node) = index.find(path)?;
        let span = match (on_key || found != path, node.key) {
            (true, Some(k)) => k,
            _ => node.value,
        };
        let mut loc = Location::of_line_column(&self.text, span.start.line(), span.start.col() + 1);
        let end = Location::of_line_column(&self.text, span.end.line(), span.end.col() + 1);
        loc.len = end.offset.saturating_sub(loc.offset).max(1);
        // Multi-line spans (a whole map) are underlined on their first line only.
        if let Some(nl) = self.text[loc.offset..].find('\n') {
            loc.len = loc.len.min(nl.max(1));
        }
        Some(loc)
    }

    /// An error about the node at `path`, located in the manifest.
    pub fn error_at(&self, path: &str, message: impl Into<String>) -> Problem {
        self.place(Problem::error(&self.display, message), path, false)
    }

    /// A warning about the node at `path`, located in the manifest.
    pub fn warning_at(&self, path: &str, message: impl Into<String>) -> Problem {
        self.place(Problem::warning(&self.display, message), path, false)
    }

    fn place(&self, problem: Problem, path: &str, on_key: bool) -> Problem {
        match self.locate(path, on_key) {
            Some(loc) => problem.at(&self.text, loc),
            None => problem,
        }
    }
}

/// A parsed, validated manifest with its file, for later stages' messages.
#[derive(Debug)]
pub struct LoadedManifest {
    pub manifest: Manifest,
    pub file: ManifestFile,
    /// The dossier root: every relative path in the manifest starts here.
    pub root: PathBuf,
    /// Warnings found while validating (the build goes on).
    pub warnings: Problems,
}

/// Reads and validates `ROOT/dossier.yaml`.
pub fn read(root: &Path) -> Result<LoadedManifest, Problems> {
    let path = root.join(MANIFEST_FILE);
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                return Err(Problems(vec![
                    Problem::error(MANIFEST_FILE, "the manifest is not UTF-8 text")
                        .with_hint("save dossier.yaml as UTF-8 in your editor"),
                ]));
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Problems(vec![
                Problem::error(&path, "no dossier.yaml here").with_hint(
                    "run `dossier init` to create a dossier, or pass --root with the dossier's folder",
                ),
            ]));
        }
        Err(e) => {
            return Err(Problems(vec![Problem::error(
                &path,
                format!("cannot read the manifest: {e}"),
            )]));
        }
    };
    let file = ManifestFile::new(MANIFEST_FILE, text);
    let (manifest, problems) = parse(&file);
    match manifest {
        Some(manifest) if !problems.has_errors() => Ok(LoadedManifest {
            manifest,
            file,
            root: root.to_path_buf(),
            warnings: problems,
        }),
        _ => Err(problems),
    }
}

/// Parses and validates a manifest, returning it (when it could be read) and every problem.
pub fn parse(file: &ManifestFile) -> (Option<Manifest>, Problems) {
    let mut problems = Problems::default();
    let text = file.text.trim_start_matches('\u{feff}');
    let manifest = match serde_yaml::from_str::<Manifest>(text) {
        Ok(m) => m,
        Err(first) => {
            slow_parse(file, text, first, &mut problems);
            return (None, problems);
        }
    };
    validate(&manifest, file, &mut problems);
    (Some(manifest), problems)
}

/// The section-by-section pass that finds every problem, not only the first.
fn slow_parse(file: &ManifestFile, text: &str, first: serde_yaml::Error, problems: &mut Problems) {
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // A syntax error: nothing after it can be trusted.
            let mut p = Problem::error(&file.display, yaml_message(&e));
            if let Some(l) = e.location() {
                p = p.at(
                    &file.text,
                    Location::of_line_column(&file.text, l.line(), l.column()),
                );
            }
            problems.push(p.with_hint(
                "check the indentation (spaces, not tabs) and that text containing `: ` or `#` is quoted",
            ));
            return;
        }
    };
    let serde_yaml::Value::Mapping(map) = &value else {
        if value.is_null() {
            problems.push(
                Problem::error(&file.display, "the manifest is empty").with_hint(
                    "start with `title: My dossier` and a `sources:` list (see `dossier init`)",
                ),
            );
        } else {
            problems.push(
                file.error_at(
                    "",
                    "the manifest must be a map of keys such as `title:` and `sources:`",
                )
                .with_hint("see `dossier schema` for the keys"),
            );
        }
        return;
    };
    const KEYS: &[&str] = &[
        "title",
        "description",
        "language",
        "base_url",
        "theme",
        "author",
        "sources",
        "notes",
        "events",
        "entities",
        "compare",
        "claims",
        "build",
    ];
    for key in map.keys() {
        let name = key.as_str().unwrap_or("?");
        if !KEYS.contains(&name) {
            problems.push(unknown_key(file, "", name, KEYS));
        }
    }
    let get = |k: &str| map.get(k);
    if get("title").is_none() {
        problems.push(
            file.error_at("", "the manifest has no `title`")
                .with_hint("add a line such as `title: Putin thanks Trump for CIA tip`"),
        );
    }
    for key in [
        "title",
        "description",
        "language",
        "base_url",
        "theme",
        "author",
    ] {
        if let Some(v) = get(key) {
            de::<Option<String>>(file, key, v, problems);
        }
    }
    if let Some(v) = get("build") {
        de::<BuildSettings>(file, "build", v, problems);
    }
    let mut parsed_ok = problems.0.is_empty();
    macro_rules! each {
        ($key:literal, $ty:ty) => {
            if let Some(v) = get($key) {
                match v {
                    serde_yaml::Value::Sequence(items) => {
                        for (i, item) in items.iter().enumerate() {
                            parsed_ok &= de::<$ty>(file, &format!("{}[{i}]", $key), item, problems)
                                .is_some();
                        }
                    }
                    serde_yaml::Value::Null => {}
                    _ => {
                        parsed_ok = false;
                        problems.push(
                            file.error_at($key, concat!("`", $key, "` must be a list"))
                                .with_hint(concat!(
                                    "write each item on its own line starting with `- ` under `",
                                    $key,
                                    ":`"
                                )),
                        );
                    }
                }
            }
        };
    }
    each!("sources", SourceEntry);
    each!("notes", NoteEntry);
    each!("events", EventDef);
    each!("entities", EntityDef);
    each!("compare", CompareColumn);
    each!("claims", ClaimDef);
    if problems.0.is_empty() {
        // Every section parses alone, yet the whole did not: report serde's own message.
        let _ = parsed_ok;
        let mut p = Problem::error(&file.display, yaml_message(&first));
        if let Some(l) = first.location() {
            p = p.at(
                &file.text,
                Location::of_line_column(&file.text, l.line(), l.column()),
            );
        }
        problems.push(p);
    }
}

/// Deserialises one section, turning serde's error into a located problem with a hint.
fn de<T: DeserializeOwned>(
    file: &ManifestFile,
    path: &str,
    value: &serde_yaml::Value,
    problems: &mut Problems,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            let inner = e.path().to_string();
            let full = if inner == "." || inner.is_empty() {
                path.to_string()
            } else if inner.starts_with('[') || path.is_empty() {
                format!("{path}{inner}")
            } else {
                format!("{path}.{inner}")
            };
            let message = e.inner().to_string();
            problems.push(explain(file, &full, &message));
            None
        }
    }
}

/// Turns a serde message into a problem a person can act on.
fn explain(file: &ManifestFile, path: &str, message: &str) -> Problem {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        // serde_path_to_error's path ends with the unknown key itself.
        let parent = path
            .strip_suffix(name)
            .map(|p| p.trim_end_matches('.'))
            .unwrap_or(path);
        return unknown_key(file, parent, name, &expected);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        let where_ = if path.is_empty() {
            "the manifest".to_string()
        } else {
            format!("`{path}`")
        };
        return file
            .error_at(path, format!("{where_} has no `{name}`"))
            .with_hint(format!("add `{name}: …` to this item"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let name = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let hint = match did_you_mean(name, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Allowed: {}", expected.join(", ")),
            None => format!("allowed values: {}", expected.join(", ")),
        };
        return file
            .error_at(path, format!("`{path}` cannot be `{name}`"))
            .with_hint(hint);
    }
    let hint = if message.contains("not a date") || message.contains("date that exists") {
        "dates are written YYYY-MM-DD, e.g. 2019-12-29"
    } else if message.contains("expected a sequence") {
        "write a list, e.g. `[a, b]` or one `- item` per line"
    } else if message.contains("expected a string") || message.contains("expected a text") {
        "put the value in quotes"
    } else {
        "see `dossier schema` for what this key takes"
    };
    let message = message.split(" at line ").next().unwrap_or(message);
    file.error_at(path, format!("`{path}`: {message}"))
        .with_hint(hint)
}

fn unknown_key(file: &ManifestFile, parent: &str, name: &str, allowed: &[&str]) -> Problem {
    let path = if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    };
    let hint = match did_you_mean(name, allowed.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("the keys allowed here are: {}", allowed.join(", ")),
    };
    let where_ = if parent.is_empty() {
        String::new()
    } else {
        format!(" in `{parent}`")
    };
    file.place(
        Problem::error(&file.display, format!("unknown key `{name}`{where_}")),
        &path,
        true,
    )
    .with_hint(hint)
}

fn yaml_message(e: &serde_yaml::Error) -> String {
    let m = e.to_string();
    m.split(" at line ").next().unwrap_or(&m).to_string()
}

/// Checks what types alone cannot: one of file/dir/glob, ids, references, patterns, URLs.
pub fn validate(m: &Manifest, file: &ManifestFile, problems: &mut Problems) {
    let event_ids: HashMap<&str, usize> = m
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    check_language(file, "language", &m.language, problems);

    let mut seen_pages: HashMap<String, usize> = HashMap::new();
    for (i, s) in m.sources.iter().enumerate() {
        let path = format!("sources[{i}]");
        let kinds = [s.file.is_some(), s.dir.is_some(), s.glob.is_some()]
            .iter()
            .filter(|b| **b)
            .count();
        if kinds != 1 {
            problems.push(
                file.error_at(
                    &path,
                    "a source needs exactly one of `file`, `dir` or `glob`",
                )
                .with_hint("use `file:` for one file, `dir:` for a folder, `glob:` for a pattern"),
            );
        }
        match (&s.id, &s.file) {
            (None, Some(_)) => problems.push(
                file.error_at(&path, "this source has a `file` but no `id`")
                    .with_hint("add `id: …`, a short name for its URL, e.g. `id: dw-2017-12-17`"),
            ),
            (Some(id), _) => {
                let id_path = format!("{path}.id");
                if !is_safe_id(id) {
                    problems.push(file.error_at(&id_path, format!("`{id}` cannot be a source id")).with_hint(
                        "use letters, digits, `-`, `_` and `.` only (no `/`, no `..`), e.g. `dw-2017-12-17`",
                    ));
                } else if s.file.is_none() {
                    problems.push(
                        file.error_at(&id_path, "`id` only goes with `file`: ids of `dir` and `glob` sources come from their file names")
                            .with_hint("remove `id`, or list the file on its own with `file:`"),
                    );
                } else {
                    let page = slugify(id);
                    if let Some(first) = seen_pages.insert(page.clone(), i) {
                        let first_line = file
                            .locate(&format!("sources[{first}].id"), false)
                            .map(|l| l.line);
                        problems.push(
                            file.error_at(
                                &id_path,
                                format!(
                                    "source id `{id}` is used twice (page sources/{page}.html)"
                                ),
                            )
                            .with_hint(match first_line {
                                Some(l) => {
                                    format!("the first is on line {l}; give each source its own id")
                                }
                                None => "give each source its own id".to_string(),
                            }),
                        );
                    }
                }
            }
            _ => {}
        }
        if let Some(event) = &s.event
            && !event_ids.contains_key(event.as_str())
        {
            let hint = match did_you_mean(event, event_ids.keys().copied()) {
                Some(e) => format!("did you mean `{e}`?"),
                None if m.events.is_empty() => {
                    "add it under `events:` with an id, a title and a date".to_string()
                }
                None => format!(
                    "known events: {}",
                    m.events
                        .iter()
                        .map(|e| e.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            problems.push(
                file.error_at(&format!("{path}.event"), format!("unknown event `{event}`"))
                    .with_hint(hint),
            );
        }
        if let Some(url) = &s.url {
            check_url(file, &format!("{path}.url"), url, problems);
        }
        if let Some(lang) = &s.language {
            check_language(file, &format!("{path}.language"), lang, problems);
        }
        if let Some(g) = &s.glob
            && let Err(e) = globset::Glob::new(g)
        {
            problems.push(file.error_at(&format!("{path}.glob"), format!("bad glob pattern: {e}")).with_hint(
                "patterns are relative to the dossier root, e.g. `content/sources/*.txt` or `content/**/*.html`",
            ));
        }
    }

    let mut seen_notes: HashMap<String, usize> = HashMap::new();
    for (i, n) in m.notes.iter().enumerate() {
        let id = n.id.clone().unwrap_or_else(|| note_id_from_file(&n.file));
        if n.id.is_some() && !is_safe_id(&id) {
            problems.push(
                file.error_at(
                    &format!("notes[{i}].id"),
                    format!("`{id}` cannot be a note id"),
                )
                .with_hint("use letters, digits, `-`, `_` and `.` only"),
            );
        } else if seen_notes.insert(slugify(&id), i).is_some() {
            problems.push(
                file.error_at(
                    &format!("notes[{i}]"),
                    format!("two notes would share the page notes/{}/", slugify(&id)),
                )
                .with_hint("give one of them its own `id:`"),
            );
        }
    }

    let mut seen_events: HashMap<String, usize> = HashMap::new();
    for (i, e) in m.events.iter().enumerate() {
        let path = format!("events[{i}].id");
        if !is_safe_id(&e.id) {
            problems.push(
                file.error_at(&path, format!("`{}` cannot be an event id", e.id))
                    .with_hint("use letters, digits, `-`, `_` and `.` only"),
            );
        } else if seen_events.insert(slugify(&e.id), i).is_some() {
            problems.push(
                file.error_at(&path, format!("event id `{}` is used twice", e.id))
                    .with_hint("give each event its own id"),
            );
        }
    }

    let mut seen_entities: HashMap<(String, EntityKind), usize> = HashMap::new();
    for (i, e) in m.entities.iter().enumerate() {
        if e.name.trim().is_empty() {
            problems.push(
                file.error_at(&format!("entities[{i}].name"), "an entity needs a name")
                    .with_hint("write its full name"),
            );
        } else if let Some(first) = seen_entities.insert((e.name.to_lowercase(), e.kind), i) {
            problems.push(
                file.warning_at(
                    &format!("entities[{i}].name"),
                    format!("`{}` is listed twice", e.name),
                )
                .with_hint(format!("merge its aliases into entities[{first}]")),
            );
        }
    }

    for (i, c) in m.compare.iter().enumerate() {
        let path = format!("compare[{i}]");
        let kinds = [
            c.fact.is_some(),
            c.pattern.is_some(),
            !c.keywords.is_empty(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if kinds != 1 {
            problems.push(
                file.error_at(&path, "a comparison column needs exactly one of `fact`, `pattern` or `keywords`")
                    .with_hint("e.g. `fact: detained`, `pattern: '(\\d+) (people|suspects)'` or `keywords: [CIA]`"),
            );
        }
        if let Some(p) = &c.pattern {
            check_regex(file, &format!("{path}.pattern"), p, problems);
        }
    }

    let mut seen_claims: HashMap<&str, usize> = HashMap::new();
    for (i, c) in m.claims.iter().enumerate() {
        let path = format!("claims[{i}]");
        if !is_safe_id(&c.id) {
            problems.push(
                file.error_at(
                    &format!("{path}.id"),
                    format!("`{}` cannot be a claim id", c.id),
                )
                .with_hint("use letters, digits, `-`, `_` and `.` only"),
            );
        } else if seen_claims.insert(c.id.as_str(), i).is_some() {
            problems.push(
                file.error_at(
                    &format!("{path}.id"),
                    format!("claim id `{}` is used twice", c.id),
                )
                .with_hint("give each claim its own id"),
            );
        }
        if c.supports.is_empty() {
            problems.push(
                file.warning_at(
                    &path,
                    format!(
                        "claim `{}` has no `supports` rules: no source can support it",
                        c.id
                    ),
                )
                .with_hint("add `supports: [{terms: [word, word]}]`"),
            );
        }
        for (which, rules) in [("supports", &c.supports), ("mentions", &c.mentions)] {
            for (j, r) in rules.iter().enumerate() {
                let rpath = format!("{path}.{which}[{j}]");
                if r.terms.is_empty() == r.pattern.is_none() {
                    problems.push(
                        file.error_at(&rpath, "a rule needs exactly one of `terms` or `pattern`")
                            .with_hint(
                                "e.g. `{terms: [CIA, thanked]}` or `{pattern: '(?i)thank(ed|s)'}`",
                            ),
                    );
                }
                if let Some(p) = &r.pattern {
                    check_regex(file, &format!("{rpath}.pattern"), p, problems);
                }
                if let Some(l) = &r.language {
                    check_language(file, &format!("{rpath}.language"), l, problems);
                }
            }
        }
    }
    if m.build.rows_per_page == 0 {
        problems.push(
            file.error_at("build.rows_per_page", "rows_per_page must be at least 1")
                .with_hint("the default is 500"),
        );
    }
}

/// The page name a note gets from its file name.
pub fn note_id_from_file(file: &str) -> String {
    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("note");
    slugify(stem)
}

fn check_regex(file: &ManifestFile, path: &str, pattern: &str, problems: &mut Problems) {
    if let Err(e) = regex::Regex::new(pattern) {
        let msg = e.to_string();
        let last = msg.lines().last().unwrap_or(&msg).trim().to_string();
        problems.push(
            file.error_at(path, format!("bad pattern: {last}"))
                .with_hint(
                    "patterns are Rust regular expressions; quote them in single quotes in YAML",
                ),
        );
    }
}

fn check_url(file: &ManifestFile, path: &str, url: &str, problems: &mut Problems) {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        problems.push(
            file.error_at(path, format!("`{url}` is not a web address"))
                .with_hint("write the full address starting with https:// (other schemes are refused for safety)"),
        );
    }
}

fn check_language(file: &ManifestFile, path: &str, lang: &str, problems: &mut Problems) {
    let ok = {
        let mut parts = lang.split(['-', '_']);
        let primary = parts.next().unwrap_or("");
        (2..=3).contains(&primary.len())
            && primary.chars().all(|c| c.is_ascii_alphabetic())
            && parts
                .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
    };
    if !ok {
        problems.push(
            file.error_at(path, format!("`{lang}` is not a language code"))
                .with_hint("use an ISO 639-1 code such as `en`, `de`, `fr` (optionally with a region: `en-US`)"),
        );
    }
}

/// The manifest's JSON Schema, for editor completion (`# yaml-language-server: $schema=…`).
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Manifest);
    serde_json::to_value(schema).unwrap_or_default()
}

#[cfg(test)]
mod tests;

//! `dossier add FILE`: copies a file into `content/sources/` and appends an entry to
//! `dossier.yaml` as text, so the editor's comments and layout stay exactly as they were.

use std::path::{Path, PathBuf};

use crate::diagnostics::Problem;
use crate::load::SourceFormat;
use crate::manifest::{self, MANIFEST_FILE, ManifestFile, parse_date};
use crate::slug::slugify;

/// What the new entry says about the file.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    pub id: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub event: Option<String>,
    pub note: Option<String>,
}

/// What `add` did.
#[derive(Debug, Clone)]
pub struct Added {
    pub id: String,
    pub copied_to: PathBuf,
}

/// Copies `file` into the dossier at `root` and lists it in the manifest.
pub fn add(root: &Path, file: &Path, opts: &AddOptions) -> Result<Added, Problem> {
    let manifest_path = root.join(MANIFEST_FILE);
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| {
        Problem::error(&manifest_path, format!("cannot read the manifest: {e}"))
            .with_hint("run `dossier init` first, or pass --root")
    })?;
    let (parsed, problems) = manifest::parse(&ManifestFile::new(MANIFEST_FILE, text.as_str()));
    let Some(parsed) = parsed.filter(|_| !problems.has_errors()) else {
        return Err(Problem::error(
            MANIFEST_FILE,
            "the manifest has errors; fix them before adding sources",
        )
        .with_hint("run `dossier check` to see them"));
    };
    if SourceFormat::from_path(file).is_none() {
        return Err(Problem::error(file, "not a source format dossier reads")
            .with_hint("sources are .txt, .md or .html files"));
    }
    let bytes =
        std::fs::read(file).map_err(|e| Problem::error(file, format!("cannot read: {e}")))?;
    if let Some(p) = &opts.published {
        parse_date(p).map_err(|m| Problem::error(file, format!("--published: {m}")))?;
    }
    if let Some(u) = &opts.url
        && !(u.starts_with("http://") || u.starts_with("https://"))
    {
        return Err(
            Problem::error(file, format!("--url `{u}` is not a web address"))
                .with_hint("start it with https://"),
        );
    }
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("source");
    let taken: std::collections::HashSet<String> = parsed
        .sources
        .iter()
        .filter_map(|s| s.id.as_deref().map(slugify))
        .collect();
    let id = match &opts.id {
        Some(id) if !crate::slug::is_safe_id(id) => {
            return Err(Problem::error(file, format!("`{id}` cannot be an id"))
                .with_hint("use letters, digits, `-`, `_` and `.`"));
        }
        Some(id) if taken.contains(&slugify(id)) => {
            return Err(Problem::error(file, format!("the id `{id}` is taken"))
                .with_hint("choose another with --id"));
        }
        Some(id) => id.clone(),
        None => {
            let base = slugify(stem);
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        }
    };
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("txt")
        .to_ascii_lowercase();
    let rel = format!("content/sources/{id}.{ext}");
    let dest = root.join(&rel);
    if dest.exists() && std::fs::read(&dest).ok().as_deref() != Some(&bytes[..]) {
        return Err(
            Problem::error(&dest, "a different file already has this name")
                .with_hint("choose another id with --id"),
        );
    }
    let entry = entry_text(&id, &rel, opts);
    let new_text = insert_source(&text, &entry);
    // Only write when the result is a valid manifest.
    let (_, check) = manifest::parse(&ManifestFile::new(MANIFEST_FILE, new_text.as_str()));
    if check.has_errors() {
        let first = check
            .iter()
            .find(|p| p.is_error())
            .map(|p| p.message.clone())
            .unwrap_or_default();
        return Err(Problem::error(
            MANIFEST_FILE,
            format!("adding the entry would break the manifest: {first}"),
        )
        .with_hint("add the entry by hand"));
    }
    std::fs::create_dir_all(dest.parent().unwrap())
        .map_err(|e| Problem::error(&dest, format!("cannot create folder: {e}")))?;
    std::fs::write(&dest, &bytes)
        .map_err(|e| Problem::error(&dest, format!("cannot write: {e}")))?;
    std::fs::write(&manifest_path, new_text)
        .map_err(|e| Problem::error(&manifest_path, format!("cannot write: {e}")))?;
    Ok(Added {
        id,
        copied_to: PathBuf::from(rel),
    })
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// The entry's lines, without indentation (added by [`insert_source`]).
fn entry_text(id: &str, file: &str, o: &AddOptions) -> Vec<String> {
    let mut lines = vec![
        format!("- id: {}", yaml_string(id)),
        format!("  file: {}", yaml_string(file)),
    ];
    let fields = [
        ("title", &o.title),
        ("outlet", &o.outlet),
        ("url", &o.url),
        ("published", &o.published),
        ("event", &o.event),
        ("note", &o.note),
    ];
    for (k, v) in fields {
        match v {
            Some(v) if k == "published" => lines.push(format!("  {k}: {v}")),
            Some(v) => lines.push(format!("  {k}: {}", yaml_string(v))),
            None => {}
        }
    }
    lines
}

/// Inserts the entry at the end of the top-level `sources:` list, matching its indentation;
/// adds the list when there is none. Everything else is kept byte for byte.
pub fn insert_source(text: &str, entry: &[String]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_top_key = |l: &str| !l.starts_with([' ', '\t', '#', '-', '\n', '\r']) && l.contains(':');
    let Some(start) = lines.iter().position(|l| l.starts_with("sources:")) else {
        let mut out = text.to_string();
        if !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
        out.push_str("sources:\n");
        for l in entry {
            out.push_str(&format!("  {l}\n"));
        }
        return out;
    };
    let header = lines[start].trim_end();
    let flow_empty = header
        .trim_start_matches("sources:")
        .trim()
        .starts_with("[]");
    // The list ends at the next top-level key (comments and blank lines after it stay below).
    let mut end = lines.len();
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        if is_top_key(l) || l.starts_with("---") {
            end = i;
            break;
        }
    }
    while end > start + 1
        && (lines[end - 1].trim().is_empty() || lines[end - 1].trim_start().starts_with('#'))
        && lines[end - 1].starts_with(|c: char| !c.is_whitespace() || c == '\n')
    {
        end -= 1;
    }
    let indent = lines[start + 1..end]
        .iter()
        .find(|l| l.trim_start().starts_with("- "))
        .map(|l| l.len() - l.trim_start().len())
        .unwrap_or(2);
    let pad = " ".repeat(indent);
    let mut out = String::with_capacity(text.len() + 200);
    for l in &lines[..start] {
        out.push_str(l);
    }
    if flow_empty {
        out.push_str("sources:\n");
    } else {
        for l in &lines[start..end] {
            out.push_str(l);
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    for l in entry {
        out.push_str(&format!("{pad}{l}\n"));
    }
    for l in &lines[end..] {
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_to_the_list_keeping_comments_and_layout() {
        let text = "# my dossier\ntitle: T  # the title\nsources:\n    - id: a   # first\n      file: a.txt\n\n# notes below\nnotes: []\n";
        let out = insert_source(text, &["- id: \"b\"".into(), "  file: \"b.txt\"".into()]);
        assert_eq!(
            out,
            "# my dossier\ntitle: T  # the title\nsources:\n    - id: a   # first\n      file: a.txt\n    - id: \"b\"\n      file: \"b.txt\"\n\n# notes below\nnotes: []\n"
        );
    }

    #[test]
    fn creates_the_list_when_missing_or_empty() {
        let out = insert_source("title: T", &["- id: \"b\"".into()]);
        assert_eq!(out, "title: T\nsources:\n  - id: \"b\"\n");
        let out = insert_source(
            "title: T\nsources: []\nnotes: []\n",
            &["- id: \"b\"".into()],
        );
        assert_eq!(out, "title: T\nsources:\n  - id: \"b\"\nnotes: []\n");
    }
}

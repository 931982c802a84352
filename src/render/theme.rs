//! Themes: the built-in ones embedded in the binary, a theme folder under `themes/`, and the
//! dossier's own `templates/` and `static/`, layered file by file (as in Zola): a later layer
//! replaces a file of the same name and leaves the others alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Problem;

include!(concat!(env!("OUT_DIR"), "/embedded_themes.rs"));

/// The theme every other theme falls back to.
pub const DEFAULT_THEME: &str = "default";

/// A template's text and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub source: String,
    pub origin: PathBuf,
}

/// The resolved theme: every template and static file after layering.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    pub name: String,
    /// Template name (`source.html`) → text.
    pub templates: BTreeMap<String, TemplateFile>,
    /// Path in the output (`assets/dossier.css`) → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

/// The names of the built-in themes.
pub fn builtin_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = EMBEDDED.iter().map(|(t, _, _)| *t).collect();
    names.dedup();
    names
}

impl ThemeFiles {
    fn add(&mut self, rel: &str, bytes: Vec<u8>, origin: PathBuf) -> Result<(), Problem> {
        if let Some(name) = rel.strip_prefix("templates/") {
            let source = String::from_utf8(bytes).map_err(|_| {
                Problem::error(&origin, "template is not UTF-8 text").with_hint("save it as UTF-8")
            })?;
            self.templates
                .insert(name.to_string(), TemplateFile { source, origin });
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), bytes);
        }
        Ok(())
    }

    fn add_embedded(&mut self, theme: &str) -> Result<(), Problem> {
        for (t, rel, bytes) in EMBEDDED.iter().filter(|(t, _, _)| *t == theme) {
            self.add(
                rel,
                bytes.to_vec(),
                PathBuf::from(format!("(built-in theme {t}) {rel}")),
            )?;
        }
        Ok(())
    }

    /// Adds every file under `dir/templates` and `dir/static`, shown relative to `root`.
    fn add_folder(&mut self, root: &Path, dir: &Path) -> Result<(), Problem> {
        for sub in ["templates", "static"] {
            let base = dir.join(sub);
            if !base.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&base)
                .follow_links(true)
                .sort_by_file_name()
            {
                let entry = entry
                    .map_err(|e| Problem::error(&base, format!("cannot read the theme: {e}")))?;
                if !entry.file_type().is_file()
                    || entry.file_name().to_string_lossy().starts_with('.')
                {
                    continue;
                }
                let rel_inner = entry
                    .path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let shown = crate::diagnostics::display_path(root, entry.path());
                let bytes = std::fs::read(entry.path())
                    .map_err(|e| Problem::error(&shown, format!("cannot read: {e}")))?;
                self.add(&format!("{sub}/{rel_inner}"), bytes, shown)?;
            }
        }
        Ok(())
    }
}

/// Resolves theme `name` for the dossier at `root`: built-in default, then the built-in or
/// on-disk theme, then the dossier's own `templates/` and `static/`.
pub fn resolve(root: &Path, name: &str) -> Result<ThemeFiles, Problem> {
    let mut files = ThemeFiles {
        name: name.to_string(),
        ..ThemeFiles::default()
    };
    files.add_embedded(DEFAULT_THEME)?;
    let builtin = builtin_names().contains(&name);
    if builtin && name != DEFAULT_THEME {
        files.add_embedded(name)?;
    }
    let folder = root.join("themes").join(name);
    let on_disk = crate::slug::is_safe_id(name) && folder.is_dir();
    if on_disk {
        files.add_folder(root, &folder)?;
    }
    if !builtin && !on_disk {
        let known: Vec<String> = builtin_names()
            .iter()
            .map(|s| s.to_string())
            .chain(disk_themes(root))
            .collect();
        return Err(
            Problem::error("dossier.yaml", format!("unknown theme `{name}`")).with_hint(
                match crate::diagnostics::did_you_mean(name, known.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`? Themes: {}", known.join(", ")),
                    None => format!("themes: {} (or a folder under themes/)", known.join(", ")),
                },
            ),
        );
    }
    files.add_folder(root, root)?;
    Ok(files)
}

fn disk_themes(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join("themes"))
        .map(|r| {
            r.filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The embedded files of a built-in theme (for `dossier init --with-theme` and tests).
pub fn embedded(theme: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    EMBEDDED
        .iter()
        .filter(move |(t, _, _)| *t == theme)
        .map(|(_, rel, bytes)| (*rel, *bytes))
}

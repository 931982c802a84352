//! Stage 6: pages → `output/`, atomically. The site is built in a temporary folder beside
//! `output/` and swapped in with one rename, so a failed or interrupted build (an error, Ctrl-C,
//! kill -9) leaves the previous `output/` exactly as it was. Files whose bytes did not change are
//! hard-linked from the previous build, keeping their timestamps for sync tools.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostics::{Problem, Problems};

/// A marker file that says a folder was written by dossier, so it may be replaced.
pub const MARKER: &str = ".dossier-output";

/// What a write did.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    /// Files written with new bytes.
    pub written: usize,
    /// Files whose bytes were the same as in the previous build (kept, not rewritten).
    pub unchanged: usize,
    pub bytes: u64,
}

impl WriteStats {
    pub fn files(&self) -> usize {
        self.written + self.unchanged
    }
}

/// A file to write: a relative path with `/` separators.
pub trait OutputFile: Sync {
    fn path(&self) -> &str;
}

impl OutputFile for crate::render::Page {
    fn path(&self) -> &str {
        &self.path
    }
}

fn sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    output.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Checks that `output` may be replaced: not the dossier itself or a folder holding it, and
/// either absent, empty, or written by dossier before.
pub fn check_output(output: &Path, root: &Path) -> Result<(), Problem> {
    let out_abs = absolute(output);
    let root_abs = absolute(root);
    if root_abs.starts_with(&out_abs) {
        return Err(
            Problem::error(output, "the output folder would contain the dossier itself")
                .with_hint("choose a folder inside the dossier such as `output`, or elsewhere"),
        );
    }
    if output.exists() {
        if !output.is_dir() {
            return Err(
                Problem::error(output, "the output path exists and is not a folder")
                    .with_hint("remove it or choose another --output"),
            );
        }
        let marked = output.join(MARKER).exists();
        let empty = std::fs::read_dir(output)
            .map(|mut r| r.next().is_none())
            .unwrap_or(false);
        if !marked && !empty {
            return Err(Problem::error(
                output,
                "this folder holds files dossier did not write; it will not be replaced",
            )
            .with_hint("choose an empty or new folder for --output, or empty this one yourself"));
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Normalise `.` and `..` without touching the file system (the path may not exist yet).
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    std::fs::canonicalize(&out).unwrap_or(out)
}

/// A page path is relative, with no `..`, no root and no drive: it cannot leave the output.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !path.contains('\\')
}

/// Removes temporary folders left by builds that were killed (their process is gone), and
/// restores `output/` if a build died between the two renames of the fallback swap.
pub fn recover(output: &Path) {
    let Some(parent) = output.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return;
    };
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().to_string();
        let Some(rest) = file.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        let Some((tag, pid)) = rest.rsplit_once('-') else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if alive || !(tag == "tmp" || tag == "old") {
            continue;
        }
        if tag == "old" && !output.exists() && e.path().join(MARKER).exists() {
            let _ = std::fs::rename(e.path(), output);
        } else {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Renders every file with `render` (in parallel) into a temporary folder, then swaps it in.
/// On any error, the temporary folder is removed and `output/` is left untouched.
pub fn write_site<F, P>(output: &Path, files: &[P], render: F) -> Result<WriteStats, Problems>
where
    P: OutputFile,
    F: Fn(&P) -> Result<Vec<u8>, Problem> + Sync,
{
    recover(output);
    let tmp = sibling(output, "tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| {
        one(Problem::error(
            &tmp,
            format!("cannot create the temporary output folder: {e}"),
        )
        .with_hint("check that the output's parent folder is writable"))
    })?;
    let guard = TempGuard(&tmp);

    let written = AtomicUsize::new(0);
    let unchanged = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let problems: Vec<Problem> = files
        .par_iter()
        .filter_map(|f| {
            let rel = f.path();
            if !is_safe_relative(rel) {
                return Some(
                    Problem::error(rel, "refusing to write outside the output folder")
                        .with_hint("this is a bug in a page path; please report it"),
                );
            }
            let content = match render(f) {
                Ok(c) => c,
                Err(p) => return Some(p),
            };
            let dest = tmp.join(rel);
            if let Some(parent) = dest.parent()
                && let Err(e) = std::fs::create_dir_all(parent)
            {
                return Some(Problem::error(&dest, format!("cannot create folder: {e}")));
            }
            bytes.fetch_add(content.len(), Ordering::Relaxed);
            let previous = output.join(rel);
            if same_bytes(&previous, &content) && std::fs::hard_link(&previous, &dest).is_ok() {
                unchanged.fetch_add(1, Ordering::Relaxed);
                return None;
            }
            match std::fs::write(&dest, &content) {
                Ok(()) => {
                    written.fetch_add(1, Ordering::Relaxed);
                    None
                }
                Err(e) => Some(
                    Problem::error(&dest, format!("cannot write: {e}"))
                        .with_hint("check free disk space and permissions"),
                ),
            }
        })
        .collect();
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    std::fs::write(
        tmp.join(MARKER),
        "This folder was written by dossier and is replaced on every build.\n",
    )
    .map_err(|e| one(Problem::error(&tmp, format!("cannot write: {e}"))))?;
    swap_in(&tmp, output).map_err(one)?;
    drop(guard);
    Ok(WriteStats {
        written: written.into_inner(),
        unchanged: unchanged.into_inner(),
        bytes: bytes.into_inner() as u64,
    })
}

fn one(p: Problem) -> Problems {
    Problems(vec![p])
}

fn same_bytes(path: &Path, content: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == content.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == content)
        }
        _ => false,
    }
}

/// Puts `tmp` in place of `output`: one atomic exchange where the system has it, else two renames.
fn swap_in(tmp: &Path, output: &Path) -> Result<(), Problem> {
    if !output.exists() {
        return std::fs::rename(tmp, output).map_err(|e| {
            Problem::error(output, format!("cannot move the new site into place: {e}"))
        });
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, tmp, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            // `tmp` now holds the previous site.
            let _ = std::fs::remove_dir_all(tmp);
            return Ok(());
        }
    }
    let old = sibling(output, "old");
    std::fs::rename(output, &old)
        .map_err(|e| Problem::error(output, format!("cannot move the previous site aside: {e}")))?;
    if let Err(e) = std::fs::rename(tmp, output) {
        let _ = std::fs::rename(&old, output);
        return Err(Problem::error(
            output,
            format!("cannot move the new site into place: {e}"),
        ));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Removes the temporary folder when a build fails or panics.
struct TempGuard<'a>(&'a Path);

impl Drop for TempGuard<'_> {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct F(&'static str);
    impl OutputFile for F {
        fn path(&self) -> &str {
            self.0
        }
    }

    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn swaps_in_and_keeps_unchanged_files() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        let files = [F("index.html"), F("a/b.html")];
        let s = write_site(&out, &files, |f| Ok(f.0.as_bytes().to_vec())).unwrap();
        assert_eq!((s.written, s.unchanged), (2, 0));
        let s = write_site(&out, &files, |f| {
            Ok(if f.0 == "index.html" {
                b"new".to_vec()
            } else {
                f.0.as_bytes().to_vec()
            })
        })
        .unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"new");
        // Nothing is left beside the output.
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["output"]);
    }

    #[test]
    fn a_failed_build_leaves_the_previous_output_byte_identical() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        write_site(&out, &[F("index.html"), F("x/y.html")], |f| {
            Ok(f.0.as_bytes().to_vec())
        })
        .unwrap();
        let before = tree(&out);
        let err = write_site(&out, &[F("index.html"), F("bad.html")], |f| {
            if f.0 == "bad.html" {
                Err(Problem::error("t.html", "boom"))
            } else {
                Ok(b"changed".to_vec())
            }
        });
        assert!(err.is_err());
        assert_eq!(tree(&out), before);
        let names: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["output"]);
    }

    #[test]
    fn refuses_unsafe_paths_and_foreign_folders() {
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../b"));
        assert!(is_safe_relative("sources/a/index.html"));
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("mine");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("thesis.docx"), b"precious").unwrap();
        assert!(check_output(&out, d.path()).is_err());
        assert!(check_output(d.path(), &d.path().join("sub")).is_err());
    }

    #[test]
    fn recovers_from_a_build_killed_mid_way() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("output");
        write_site(&out, &[F("index.html")], |_| Ok(b"v1".to_vec())).unwrap();
        // A temporary folder of a process that no longer exists.
        let stale = d.path().join(".output.tmp-999999999");
        std::fs::create_dir_all(stale.join("half")).unwrap();
        recover(&out);
        assert!(!stale.exists());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"v1");
    }
}

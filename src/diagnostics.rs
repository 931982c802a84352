//! Problems found in the user's input, each located in a file with a line, a column, a snippet
//! and a hint, so that `check` and `build` can report every problem at once instead of the first.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// How bad a problem is: errors stop a build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a text file: 1-based line and column plus the byte range, for snippets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub offset: usize,
    #[serde(skip)]
    pub len: usize,
}

impl Location {
    /// Locates a byte range of `text`, counting columns in characters as editors do.
    pub fn of_range(text: &str, offset: usize, len: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        let len = len.min(text.len() - offset);
        Location {
            line,
            column,
            offset,
            len,
        }
    }

    /// Locates a 1-based line and column (in characters) in `text`.
    pub fn of_line_column(text: &str, line: usize, column: usize) -> Location {
        let mut offset = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_bytes: usize = l
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                offset += col_bytes;
                break;
            }
            offset += l.len();
        }
        Location {
            line,
            column,
            offset: offset.min(text.len()),
            len: 0,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem with the input: what is wrong, where, and what to do about it.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// The file as the user knows it (relative to the dossier root when possible).
    pub file: PathBuf,
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
    /// The file's text, kept so the report can show the offending line.
    #[serde(skip)]
    pub text: Option<Arc<str>>,
}

impl Problem {
    /// An error in `file`, not yet located.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            location: None,
            message: message.into(),
            hint: None,
            text: None,
        }
    }

    /// A warning in `file`: printed, but the build goes on.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, message)
        }
    }

    /// Adds what the user should do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// Places the problem at `location` in `text` (the whole file), for the snippet.
    pub fn at(mut self, text: &Arc<str>, location: Location) -> Problem {
        self.location = Some(location);
        self.text = Some(text.clone());
        self
    }

    /// Whether this problem stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file path as shown to the user.
    pub fn file_display(&self) -> String {
        self.file.display().to_string()
    }
}

impl fmt::Display for Problem {
    /// `file:line:column: error: message (hint)`, the form editors and CI logs understand.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.location {
            Some(l) => write!(
                f,
                "{}:{}:{}: {kind}: {}",
                self.file.display(),
                l.line,
                l.column,
                self.message
            )?,
            None => write!(f, "{}: {kind}: {}", self.file.display(), self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A miette view of a [`Problem`], for the graphical report with the snippet underlined.
#[derive(Debug)]
struct MietteProblem<'a> {
    problem: &'a Problem,
    source: Option<miette::NamedSource<String>>,
    label: Option<miette::LabeledSpan>,
}

impl fmt::Display for MietteProblem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem.location {
            Some(l) => write!(
                f,
                "{}:{}:{}: {}",
                self.problem.file.display(),
                l.line,
                l.column,
                self.problem.message
            ),
            None => write!(
                f,
                "{}: {}",
                self.problem.file.display(),
                self.problem.message
            ),
        }
    }
}

impl std::error::Error for MietteProblem<'_> {}

impl miette::Diagnostic for MietteProblem<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem
            .hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = _>>)
    }
}

/// Renders problems for a terminal (with snippets and colour) or for a log (plain).
pub fn render_report(problems: &[Problem], color: bool) -> String {
    let handler = if color {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode())
    } else {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
    };
    let mut out = String::new();
    for problem in problems {
        let (source, label) = match (&problem.text, problem.location) {
            (Some(text), Some(l)) => (
                Some(miette::NamedSource::new(
                    problem.file_display(),
                    text.to_string(),
                )),
                Some(miette::LabeledSpan::new_with_span(
                    Some("here".to_string()),
                    miette::SourceSpan::new(l.offset.into(), l.len),
                )),
            ),
            _ => (None, None),
        };
        let view = MietteProblem {
            problem,
            source,
            label,
        };
        if handler.render_report(&mut out, &view).is_err() {
            out.push_str(&problem.to_string());
            out.push('\n');
        }
    }
    out
}

/// The problems of one run, in the order found; errors stop the build, warnings do not.
#[derive(Debug, Default, Clone)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }
    pub fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.0.extend(problems);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|p| p.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }
}

/// Shows a path relative to `root` when it lies inside it, as the user wrote it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The closest candidate to `word`, for "did you mean" hints; none when nothing is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_ranges_in_lines_and_character_columns() {
        let text = "a: 1\nbé: xyz\n";
        let at = text.find("xyz").unwrap();
        let l = Location::of_range(text, at, 3);
        assert_eq!((l.line, l.column), (2, 5));
        let back = Location::of_line_column(text, 2, 5);
        assert_eq!(back.offset, at);
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("fiel", ["file", "id", "outlet"]), Some("file"));
        assert_eq!(did_you_mean("zzzz", ["file", "id"]), None);
    }

    #[test]
    fn report_names_file_line_and_hint() {
        let text: Arc<str> = Arc::from("title: x\nsourcs: []\n");
        let p = Problem::error("dossier.yaml", "unknown key `sourcs`")
            .with_hint("did you mean `sources`?")
            .at(&text, Location::of_range(&text, 9, 6));
        let plain = p.to_string();
        assert!(
            plain.starts_with("dossier.yaml:2:1: error: unknown key `sourcs`"),
            "{plain}"
        );
        let fancy = render_report(&[p], false);
        assert!(fancy.contains("sourcs: []"), "{fancy}");
        assert!(fancy.contains("did you mean"), "{fancy}");
    }
}

//! The typed manifest (`dossier.yaml`). Every struct denies unknown keys so a typo is an error
//! with a did-you-mean, never a silently ignored setting.

use std::fmt;

use chrono::NaiveDate;
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// The whole dossier as the editor describes it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The dossier's title, shown on every page.
    pub title: String,
    /// One or two sentences shown under the title (Markdown).
    #[serde(default)]
    pub description: String,
    /// The dossier's own language (ISO 639-1), used for the interface and as the default for sources.
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site will be published, e.g. `https://example.org/dossiers/putin/` or `/putin/`.
    /// Used for feeds, the sitemap and canonical links; pages link relatively and work anywhere.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The theme: `default`, `brief`, or a folder under `themes/`.
    #[serde(default)]
    pub theme: Option<String>,
    /// Who compiled the dossier, for citations and the feed.
    #[serde(default)]
    pub author: Option<String>,
    /// The sources: a file each, or a folder (`dir:`) or pattern (`glob:`) of files.
    #[serde(default)]
    pub sources: Vec<SourceEntry>,
    /// Markdown pages: an introduction, how the dossier was made, …
    #[serde(default)]
    pub notes: Vec<NoteEntry>,
    /// The events the sources report. Without them, events are clustered from dates and content.
    #[serde(default)]
    pub events: Vec<EventDef>,
    /// The gazetteer: people, organisations and places with their aliases in any language.
    #[serde(default)]
    pub entities: Vec<EntityDef>,
    /// Extra columns of the comparison table.
    #[serde(default)]
    pub compare: Vec<CompareColumn>,
    /// Claims checked against every source (supports / mentions / silent).
    #[serde(default)]
    pub claims: Vec<ClaimDef>,
    /// Build settings: safety switches and limits.
    #[serde(default)]
    pub build: BuildSettings,
}

fn default_language() -> String {
    "en".to_string()
}

/// One `sources:` item: exactly one of `file`, `dir` or `glob`, with the fields that describe it.
/// On `dir` and `glob` items the other fields apply to every file found.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// The source's id, used in its URL (`sources/<id>/`). Required with `file`; with `dir` or
    /// `glob`, ids come from the file names.
    #[serde(default)]
    pub id: Option<String>,
    /// One file, relative to the dossier root.
    #[serde(default)]
    pub file: Option<String>,
    /// A folder walked recursively for `.txt`, `.md`, `.html` and `.htm` files.
    #[serde(default)]
    pub dir: Option<String>,
    /// A glob pattern relative to the dossier root, e.g. `content/sources/dw-*.txt`.
    #[serde(default)]
    pub glob: Option<String>,
    /// The publication (DW, Reuters, …).
    #[serde(default)]
    pub outlet: Option<String>,
    /// Where the original was published.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date, YYYY-MM-DD.
    #[serde(default)]
    pub published: Option<Date>,
    /// The source's language (ISO 639-1); detected from the text when absent.
    #[serde(default)]
    pub language: Option<String>,
    /// The headline; extracted from the text when absent.
    #[serde(default)]
    pub title: Option<String>,
    /// The author(s).
    #[serde(default)]
    pub byline: Option<String>,
    /// The id of an event under `events:`.
    #[serde(default)]
    pub event: Option<String>,
    /// Free labels.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The editor's note (Markdown).
    #[serde(default)]
    pub note: Option<String>,
    /// Facts shown in the comparison table, e.g. `detained: 7`.
    #[serde(default)]
    pub facts: IndexMap<String, Scalar>,
}

/// A Markdown page of the dossier.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteEntry {
    /// The Markdown file, relative to the dossier root.
    pub file: String,
    /// The page title; defaults to the note's first heading.
    #[serde(default)]
    pub title: Option<String>,
    /// The page's URL name (`notes/<id>/`); defaults to the file name.
    #[serde(default)]
    pub id: Option<String>,
}

/// An event the sources report.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    pub id: String,
    pub title: String,
    /// When it happened, YYYY-MM-DD.
    #[serde(default)]
    pub date: Option<Date>,
    /// A short description (Markdown).
    #[serde(default)]
    pub description: Option<String>,
}

/// What kind of thing an entity is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

impl EntityKind {
    /// The plural used in JSON exports and headings.
    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Organization => "organizations",
            EntityKind::Place => "places",
        }
    }
}

/// A gazetteer entry: one canonical name and the other names it goes by.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    pub name: String,
    pub kind: EntityKind,
    /// Other names, spellings and translations ("Wladimir Putin", "Putin").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A line about who or what this is (Markdown).
    #[serde(default)]
    pub description: Option<String>,
}

/// An extra column of the comparison table: a `fact` key, or a `pattern` / `keywords` rule
/// run on each source's clean text that shows the matched excerpt.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareColumn {
    /// The column heading.
    pub label: String,
    /// A key of the sources' `facts`.
    #[serde(default)]
    pub fact: Option<String>,
    /// A regular expression; the first match is shown with its surrounding words.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Words or phrases (case-insensitive); the first found is shown with its surrounding words.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// A claim checked against every source.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimDef {
    pub id: String,
    /// The claim in one sentence.
    pub statement: String,
    /// A sentence matching any of these rules supports the claim.
    #[serde(default)]
    pub supports: Vec<MatchRule>,
    /// A sentence matching any of these (and no `supports` rule) mentions the subject only.
    #[serde(default)]
    pub mentions: Vec<MatchRule>,
}

/// A sentence-level rule: all `terms` present (case-insensitive), or the `pattern` matches;
/// limited to sources in `language` when given.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchRule {
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
}

/// Safety switches and limits; the defaults are the safe choice.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BuildSettings {
    /// Allow source and note files outside the dossier folder (off: `../../etc/passwd` is refused).
    #[serde(default)]
    pub allow_outside_root: bool,
    /// Keep raw HTML in editorial Markdown as written (off: it is sanitised).
    #[serde(default)]
    pub allow_raw_html: bool,
    /// The largest source file accepted, in bytes.
    #[serde(default = "default_max_source_bytes")]
    pub max_source_bytes: u64,
    /// Rows per page of the comparison table, and items per page of the other lists that grow
    /// with the dossier (the sources naming an entity, the quotes index).
    #[serde(default = "default_rows_per_page")]
    pub rows_per_page: usize,
}

impl Default for BuildSettings {
    fn default() -> Self {
        BuildSettings {
            allow_outside_root: false,
            allow_raw_html: false,
            max_source_bytes: default_max_source_bytes(),
            rows_per_page: default_rows_per_page(),
        }
    }
}

fn default_max_source_bytes() -> u64 {
    20 * 1024 * 1024
}

fn default_rows_per_page() -> usize {
    500
}

/// A calendar date written YYYY-MM-DD; an impossible date (2019-02-30) is an input error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[schemars(with = "String")]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Scalar::deserialize(d)?.0;
        parse_date(&raw).map(Date).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// Parses YYYY-MM-DD, saying what is wrong with an impossible or malformed date.
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let raw = raw.trim();
    let parts: Vec<&str> = raw.split('-').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match (parts.len(), numbers) {
        (3, Some(n)) if parts[0].len() == 4 => NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2])
            .ok_or_else(|| format!("`{raw}` is not a date that exists (check the month and day)")),
        _ => Err(format!(
            "`{raw}` is not a date: write it as YYYY-MM-DD, e.g. 2019-12-29"
        )),
    }
}

/// A YAML scalar (string, number or boolean) kept as the text the editor wrote.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[schemars(with = "String")]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, number or yes/no value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(if v { "yes" } else { "no" }.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

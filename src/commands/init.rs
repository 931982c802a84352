//! `dossier init [DIR]`: a new dossier that builds as it is: a manifest with comments, a sample
//! source, two notes, a `.gitignore` and the manifest's JSON Schema for editor completion.

use std::path::Path;

use crate::diagnostics::Problem;
use crate::manifest::{self, MANIFEST_FILE};

const MANIFEST: &str = r#"# yaml-language-server: $schema=dossier.schema.json
# The dossier's manifest. `dossier check` validates it; `dossier schema` prints every key.
title: "My dossier"
description: "What this dossier collects, and why."
language: en
# base_url: "https://example.org/my-dossier/"   # where it will be published (feeds, sitemap)
# theme: default                                # or `brief`, or a folder under themes/

events:
  - id: example-event
    title: "The example event"
    date: 2024-05-01

entities:
  - name: "Ada Example"
    kind: person
    aliases: ["Example"]

sources:
  # One entry per file; or `- dir: content/sources` to take every file of a folder.
  - id: example-article
    file: content/sources/example-article.md
    outlet: "The Example Times"
    published: 2024-05-02
    event: example-event
    note: |
      Replace this sample with your own sources: `dossier add path/to/article.html`.

notes:
  - file: content/notes/introduction.md
  - file: content/notes/method.md
"#;

const SAMPLE_SOURCE: &str = r#"---
title: "Example council approves the new bridge"
---
# Example council approves the new bridge

The council of Exampleton voted on Wednesday to build a new bridge over the river.

"This bridge will connect two halves of our town," said Mayor Ada Example after the vote.

Critics called the plan a "vanity project" and asked for a cheaper repair of the old bridge.
"#;

const INTRODUCTION: &str =
    "# Introduction\n\nWhat happened, who reported it, and what this dossier shows.\n";

const METHOD: &str = "# How this dossier was made\n\nWhere the sources come from, how they were chosen and checked.\n";

/// Creates a dossier in `dir` (created if needed); refuses to overwrite an existing manifest.
pub fn init(dir: &Path) -> Result<Vec<String>, Problem> {
    let manifest_path = dir.join(MANIFEST_FILE);
    if manifest_path.exists() {
        return Err(
            Problem::error(&manifest_path, "a dossier already exists here")
                .with_hint("run `dossier build` in it, or choose a new folder for `dossier init`"),
        );
    }
    let files: [(&str, &str); 5] = [
        ("content/sources/example-article.md", SAMPLE_SOURCE),
        ("content/notes/introduction.md", INTRODUCTION),
        ("content/notes/method.md", METHOD),
        (".gitignore", "/output/\n/.output.*\n"),
        (MANIFEST_FILE, MANIFEST),
    ];
    let mut created = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Problem::error(parent, format!("cannot create folder: {e}")))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| Problem::error(&path, format!("cannot write: {e}")))?;
        created.push(rel.to_string());
    }
    let schema = serde_json::to_string_pretty(&manifest::json_schema()).unwrap_or_default();
    std::fs::write(dir.join("dossier.schema.json"), schema + "\n")
        .map_err(|e| Problem::error(dir, format!("cannot write the schema: {e}")))?;
    created.push("dossier.schema.json".into());
    Ok(created)
}

//! `dossier extract FILE...`: the extraction stage on its own, one JSON object per file, in the
//! shape the scoring tools read.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Problem;
use crate::extract::{Document, Gazetteer, QuoteKind};

/// Each file's record as one line of JSON, or why it could not be read, in the order given:
/// the files are extracted in parallel, each on its own.
pub fn extract_files(files: &[PathBuf], gazetteer: &Gazetteer) -> Vec<Result<String, Problem>> {
    files
        .par_iter()
        .map(|file| {
            crate::load::load_file(file).map(|source| {
                let doc = crate::extract::extract(&source, gazetteer);
                serde_json::to_string(&record(&doc)).unwrap_or_default()
            })
        })
        .collect()
}

/// The JSON shape of `dossier extract` (stable: scripts and the scorer read it).
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    pub file: String,
    pub metadata: MetadataRecord,
    pub text: &'a str,
    pub quotes: Vec<QuoteRecord<'a>>,
    pub entities: &'a crate::extract::EntityNames,
}

#[derive(Debug, Serialize)]
pub struct MetadataRecord {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub event_date: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    pub text: &'a str,
    pub kind: QuoteKind,
    pub speaker: Option<&'a str>,
    /// The canonical entity of the speaker, when known (gazetteer or detected).
    pub speaker_entity: Option<&'a str>,
    pub cue: Option<&'a str>,
    pub start: usize,
    pub end: usize,
}

/// The record for one extracted document.
pub fn record(doc: &Document) -> ExtractRecord<'_> {
    let m = &doc.metadata;
    let s = |f: &Option<crate::extract::Field<String>>| f.as_ref().map(|f| f.value.clone());
    let d = |f: &Option<crate::extract::Field<chrono::NaiveDate>>| {
        f.as_ref().map(|f| f.value.format("%Y-%m-%d").to_string())
    };
    ExtractRecord {
        file: doc.file.display().to_string(),
        metadata: MetadataRecord {
            title: s(&m.title),
            outlet: s(&m.outlet),
            byline: s(&m.byline),
            published: d(&m.published),
            language: s(&m.language),
            event_date: d(&m.event_date),
        },
        text: &doc.text,
        quotes: doc
            .quotes
            .iter()
            .map(|q| QuoteRecord {
                text: &q.text,
                kind: q.kind,
                speaker: q.speaker.as_deref(),
                speaker_entity: q.speaker_entity.as_deref(),
                cue: q.cue.as_deref(),
                start: q.start,
                end: q.end,
            })
            .collect(),
        entities: &doc.entities,
    }
}

//! dossier: a static-site generator for curated dossiers of news coverage.
//!
//! The build is a pipeline of stages, each a module with one job, handing a plain typed value to
//! the next (see docs/architecture.md):
//!
//! ```text
//! dossier.yaml ─► manifest ─► load ─► extract ─► link ─► render ─► write ─► output/
//!                 Manifest    Source   Document   Dossier  Page      files
//! ```

// A `Problem` carries a file, a location, a message, a hint and the text for its snippet; errors
// are rare, so returning it by value is simpler than boxing it everywhere.
#![allow(clippy::result_large_err)]

pub mod commands;
pub mod diagnostics;
pub mod extract;
pub mod link;
pub mod load;
pub mod manifest;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod serve;
pub mod slug;
pub mod text;
pub mod write;

//! Word and PowerPoint (Office Open XML): body, comments, tracked changes, headers, footers, footnotes, text boxes, properties; slides and notes.
//!
//! Not built yet: every format here is reported as unsupported.

use super::document::{Problem, Sink};

pub fn docx(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("docx: extractor not built yet".into()))
}

pub fn pptx(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("pptx: extractor not built yet".into()))
}

//! PDF: the text layer page by page; a PDF with no text layer needs manual review.
//!
//! Not built yet: every format here is reported as unsupported.

use super::document::{Problem, Sink};

pub fn pdf(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("pdf: extractor not built yet".into()))
}

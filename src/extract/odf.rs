//! OpenDocument text and presentations (content.xml, meta.xml).
//!
//! Not built yet: every format here is reported as unsupported.

use super::document::{Problem, Sink};

pub fn odt(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("odt: extractor not built yet".into()))
}

pub fn odp(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("odp: extractor not built yet".into()))
}

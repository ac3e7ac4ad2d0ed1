//! HTML, XML, JSON and RTF as text without markup; legacy binary Word and PowerPoint.
//!
//! Not built yet: every format here is reported as unsupported.

use super::document::{Problem, Sink};

pub fn html(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("html: extractor not built yet".into()))
}

pub fn xml(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("xml: extractor not built yet".into()))
}

pub fn json(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("json: extractor not built yet".into()))
}

pub fn rtf(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("rtf: extractor not built yet".into()))
}

pub fn legacy(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported(
        "legacy: extractor not built yet".into(),
    ))
}

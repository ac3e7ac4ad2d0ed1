//! Zip, gzip and tar archives: each member goes to [`Sink::member`], under the zip-bomb limits.
//!
//! Not built yet: every format here is reported as unsupported.

use super::document::{Problem, Sink};

pub fn zip(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("zip: extractor not built yet".into()))
}

pub fn gzip(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("gzip: extractor not built yet".into()))
}

pub fn tar(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("tar: extractor not built yet".into()))
}

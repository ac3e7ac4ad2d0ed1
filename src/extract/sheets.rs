//! Spreadsheets (xlsx, xlsm, xls, ods): every sheet, hidden ones too, cell by cell, and cell comments.
//!
//! Not built yet: every format here is reported as unsupported.

use super::document::{Problem, Sink};

pub fn sheet(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported(
        "sheet: extractor not built yet".into(),
    ))
}

//! Email: .eml, .mbox, Outlook .msg: headers, bodies (plain and HTML), attachments as members.
//!
//! Not built yet: every format here is reported as unsupported.

use super::document::{Problem, Sink};

pub fn eml(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("eml: extractor not built yet".into()))
}

pub fn mbox(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("mbox: extractor not built yet".into()))
}

pub fn msg(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("msg: extractor not built yet".into()))
}

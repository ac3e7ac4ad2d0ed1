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

/// HTML to plain text: tags dropped, entities decoded, block elements as
/// line breaks, script and style skipped. Used for HTML files and for the
/// HTML bodies of email.
///
/// Placeholder until the markup extractor is built: strips tags only.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

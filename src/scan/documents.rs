//! Scanning documents and containers: a file sniffed as Word, Excel, PDF,
//! email, an archive ... is read into memory (up to a size limit), handed
//! to its extractor, and every part the extractor finds is scanned with the
//! same detectors as a plain file:
//!
//! * prose parts (a body, a comment, a page) as text, the finding naming
//!   the part (`location`) and offsets into the part's text;
//! * spreadsheet sheets rendered as tab-separated records, so that column
//!   headers are context and findings name their cell (`Sheet1!C7`);
//! * members (archive entries, attachments) sniffed and extracted in turn,
//!   to a limited depth, each finding listing its members in `container`.
//!
//! What cannot be read (encrypted, corrupt, a limit reached) is reported
//! with the file and the member it is in, and counted; the text extracted
//! before the problem is still scanned.

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::{LineCursor, Outcome, Worker, io_reason};
use crate::extract::delimited::Layout;
use crate::extract::document::{self, Cell, Kind, Limits, Problem, Sink};
use crate::extract::{self, Encoding, Sniff};

/// The short class of a problem, for the summary's counts.
fn problem_class(p: &Problem) -> &'static str {
    match p {
        Problem::Encrypted => "encrypted",
        Problem::Corrupt(_) => "corrupt or truncated",
        Problem::Unsupported(_) => "unsupported format",
        Problem::NeedsReview(_) => "needs manual review",
        Problem::Limit(_) => "limit reached",
    }
}

/// Why a media file or text-less document needs a person to look at it.
fn review_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Image => "image",
        Kind::Audio => "audio recording",
        Kind::Video => "video recording",
        Kind::Pdf => "PDF without a text layer",
        _ => "document without text",
    }
}

/// Formats that are text underneath: when their extractor cannot read them
/// they are scanned as plain text rather than lost.
fn text_underneath(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Html | Kind::Xml | Kind::Json | Kind::Eml | Kind::Mbox | Kind::Rtf
    )
}

/// The sink the extractors write into: it scans what it is given.
struct DocSink<'w, 's> {
    w: &'w mut Worker<'s>,
    depth: u32,
    /// Set once a limit has been hit in this file (stop taking more).
    limit_hit: bool,
}

impl Sink for DocSink<'_, '_> {
    fn text(&mut self, location: &str, text: &str) {
        let max = self.w.s.options.limits.max_text as usize;
        let text = if text.len() > max {
            self.w.doc_problem(
                "limit reached",
                &format!("{location}: text over {max} bytes, the rest not scanned (--max-text)"),
            );
            &text[..extract::char_floor(text.as_bytes(), max)]
        } else {
            text
        };
        self.w.scan_part(location, text.as_bytes(), None, false);
    }

    fn sheet(&mut self, name: &str, cells: &[Cell]) {
        let tsv = render_sheet(cells);
        self.w
            .scan_part(name, &tsv, Some(Layout::Delimited(b'\t')), true);
    }

    fn member(&mut self, name: &str, bytes: &[u8]) {
        self.w.scan_member(name, bytes, self.depth + 1);
    }

    fn warn(&mut self, message: &str) {
        let s = self.w.s;
        let here = self.w.here();
        s.reporter.notice(&here, &format!("warning: {message}"));
    }

    fn take(&mut self, n: u64) -> bool {
        self.w.doc_taken = self.w.doc_taken.saturating_add(n);
        let ok = self.w.doc_taken <= self.w.s.options.limits.max_total_bytes;
        if !ok {
            self.limit_hit = true;
        }
        ok
    }

    fn limits(&self) -> &Limits {
        &self.w.s.options.limits
    }
}

/// A sheet as tab-separated records: line n is row n (1-based, as Excel
/// numbers them), field c is column c, so the delimited scanner's row and
/// field give the cell. Cells holding tabs, quotes or line breaks are
/// quoted.
fn render_sheet(cells: &[Cell]) -> Vec<u8> {
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by_key(|&i| (cells[i].0, cells[i].1));
    let mut out = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    for i in order {
        let (r, c, ref v) = cells[i];
        // Excel has 16,384 columns; a hostile file may claim more.
        let c = c.min(16_384);
        let r = r.min(1_048_576);
        if v.is_empty() {
            continue;
        }
        while row < r {
            out.push(b'\n');
            row += 1;
            col = 0;
        }
        if col > c {
            // A duplicate cell: keep the first.
            continue;
        }
        // Separators between the fields written and this one.
        let tabs = c - col + u32::from(col > 0);
        out.extend(std::iter::repeat_n(b'\t', tabs as usize));
        if v.contains(['\t', '"', '\n', '\r']) {
            out.push(b'"');
            out.extend_from_slice(v.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(v.as_bytes());
        }
        col = c + 1;
    }
    out.push(b'\n');
    out
}

impl Worker<'_> {
    /// Where the worker is, for messages: the file and its members.
    fn here(&self) -> String {
        crate::report::shown_path(&self.path_display, &self.container)
    }

    /// Something inside the current file could not be read: said now,
    /// counted, and the file is listed as not fully read.
    fn doc_problem(&mut self, class: &'static str, message: &str) {
        let here = self.here();
        self.stats.count_unreadable(class);
        self.index_note("unreadable", message);
        self.doc_problems += 1;
        self.s.reporter.file_error(&here, message);
    }

    /// A file or member with no text to read (kind `kind`): counted and
    /// listed for a person to look at; images and recordings fall under
    /// sound_visual_images.
    fn for_review(&mut self, kind: Kind, reason: &str) {
        self.index_note("review", reason);
        self.stats.count_review(review_class(kind));
        let categories: &[&str] = if kind.is_media() {
            &["sound_visual_images"]
        } else {
            &[]
        };
        self.s
            .reporter
            .review(&self.path_display, &self.container, reason, categories);
    }

    /// Reads a file sniffed as a document or container and scans it.
    pub(super) fn scan_document_file(&mut self, kind: Kind, file: &mut dyn Read) {
        let s = self.s;
        *self.stats.formats.entry(kind.name()).or_insert(0) += 1;
        if let Some(p) = &s.progress {
            p.inc(1);
        }
        if kind.is_media() {
            log::debug!(
                "{}: {}: listed for manual review",
                self.path_display,
                kind.name()
            );
            self.skip("needs manual review (image, audio or video: no text)");
            self.for_review(kind, review_class(kind));
            return;
        }
        let max = s.options.limits.max_file;
        let mut bytes = std::mem::take(&mut self.head);
        if let Err(e) = file.take(max + 1).read_to_end(&mut bytes) {
            self.head = bytes;
            return self.fail(&io_reason(&e));
        }
        if bytes.len() as u64 > max {
            self.head = bytes;
            self.stats.count_unreadable("limit reached");
            return self.fail(&format!(
                "{}: larger than the document limit of {} MiB (--max-document-size); not read",
                kind.name(),
                max >> 20
            ));
        }
        self.stats.files_seen += 1;
        self.doc_taken = 0;
        self.doc_members = 0;
        self.doc_problems = 0;
        self.container.clear();
        let findings_before = self.stats.findings;
        let text_before = self.stats.text_bytes;
        let outcome = self.extract_document(kind, &bytes, 0);
        self.stats.bytes_scanned += bytes.len() as u64;
        match outcome {
            Ok(()) if self.doc_problems == 0 => {
                self.stats.files_scanned += 1;
                self.stats.documents += 1;
                if self.stats.findings > findings_before {
                    self.stats.files_with_findings += 1;
                }
            }
            Err(Problem::NeedsReview(reason)) => {
                log::debug!("{}: needs manual review: {reason}", self.path_display);
                self.stats.files_seen -= 1;
                self.skip("needs manual review (no text to read: a scan or image)");
                self.for_review(kind, &reason);
            }
            _ => {
                // Read in part: the findings stand, the file is listed.
                self.stats.files_failed += 1;
                if self.stats.findings > findings_before {
                    self.stats.files_with_findings += 1;
                }
                log::debug!(
                    "{}: {} bytes of text scanned before the problem",
                    self.path_display,
                    self.stats.text_bytes - text_before
                );
            }
        }
        bytes.clear();
        if bytes.capacity() > 4 * super::CHUNK {
            bytes = Vec::new();
        }
        self.head = bytes;
    }

    /// Extracts one document (the file itself at depth 0, or a member) into
    /// this worker. Problems are reported here; the result says whether the
    /// document was read in full.
    fn extract_document(&mut self, kind: Kind, bytes: &[u8], depth: u32) -> Result<(), Problem> {
        let result = {
            let mut sink = DocSink {
                w: self,
                depth,
                limit_hit: false,
            };
            let r = catch_unwind(AssertUnwindSafe(|| {
                document::extract(kind, bytes, &mut sink)
            }))
            .unwrap_or_else(|_| {
                Err(Problem::Corrupt(format!(
                    "the {} reader failed on this file (internal error)",
                    kind.name()
                )))
            });
            match r {
                Ok(()) if sink.limit_hit => Err(Problem::Limit(format!(
                    "more than {} MiB extracted from one file (--max-extracted)",
                    sink.w.s.options.limits.max_total_bytes >> 20
                ))),
                r => r,
            }
        };
        // The part being scanned is over, whatever happened inside.
        self.location = None;
        self.sheet_part = false;
        match &result {
            Ok(()) => {}
            Err(Problem::Unsupported(m)) if text_underneath(kind) => {
                log::debug!("{}: {m}; read as plain text", self.here());
                self.scan_part("body", bytes, None, false);
                return Ok(());
            }
            Err(Problem::NeedsReview(_)) if depth == 0 => {}
            Err(Problem::NeedsReview(m)) => {
                log::debug!("{}: needs manual review: {m}", self.here());
                self.for_review(kind, review_class(kind));
            }
            Err(p) => {
                let msg = format!("{}: {p}", kind.name());
                self.doc_problem(problem_class(p), &msg);
            }
        }
        result
    }

    /// A file inside the current one: sniffed and extracted, or scanned as
    /// text or records.
    fn scan_member(&mut self, name: &str, bytes: &[u8], depth: u32) {
        let limits = &self.s.options.limits;
        self.doc_members += 1;
        self.stats.members += 1;
        if self.doc_members > limits.max_members {
            if self.doc_members == limits.max_members + 1 {
                let msg = format!(
                    "more than {} members in one file (--max-members); the rest not scanned",
                    limits.max_members
                );
                self.doc_problem("limit reached", &msg);
            }
            return;
        }
        if depth > limits.max_depth {
            let msg = format!(
                "{name}: nested more than {} levels deep (--max-depth); not opened",
                limits.max_depth
            );
            self.doc_problem("limit reached", &msg);
            return;
        }
        let saved_location = self.location.take();
        let saved_sheet = self.sheet_part;
        self.container.push(name.to_string());
        let path = std::path::Path::new(name);
        let head = &bytes[..bytes.len().min(extract::decode::SNIFF_LEN)];
        match document::sniff(head, path) {
            Some(kind) => {
                *self.stats.formats.entry(kind.name()).or_insert(0) += 1;
                if kind.is_media() {
                    self.for_review(kind, review_class(kind));
                } else {
                    self.stats.documents += 1;
                    let _ = self.extract_document(kind, bytes, depth);
                }
            }
            None => {
                let sniff = extract::sniff(head);
                if sniff.binary {
                    *self.stats.formats.entry("binary").or_insert(0) += 1;
                    log::debug!("{}: binary member, no extractor; not scanned", self.here());
                    self.stats.count_unreadable("unsupported format");
                } else {
                    let layout = Layout::sniff(path, head, sniff.encoding == Encoding::Utf8);
                    *self
                        .stats
                        .formats
                        .entry(Layout::format_name(layout.as_ref()))
                        .or_insert(0) += 1;
                    self.scan_stream(&mut &bytes[..], layout, None);
                }
            }
        }
        if self.subject.is_some() {
            self.subject_end_member();
        }
        self.container.pop();
        self.location = saved_location;
        self.sheet_part = saved_sheet;
    }

    /// Scans one extracted part (UTF-8 text, or sheet records).
    fn scan_part(&mut self, location: &str, text: &[u8], layout: Option<Layout>, sheet: bool) {
        self.location = Some(location.to_string());
        self.sheet_part = sheet;
        let sniff = Sniff {
            encoding: Encoding::Utf8,
            bom_len: 0,
            binary: false,
        };
        self.scan_stream(&mut &text[..], layout, Some(sniff));
        self.location = None;
        self.sheet_part = false;
    }

    /// Scans a stream of text or records in memory; `sniff` decides its
    /// encoding (None: sniff it, as for a file).
    fn scan_stream(&mut self, r: &mut &[u8], layout: Option<Layout>, sniff: Option<Sniff>) {
        let n = r.len().min(extract::decode::SNIFF_LEN);
        let mut head = std::mem::take(&mut self.head);
        head.clear();
        head.extend_from_slice(&r[..n]);
        *r = &r[n..];
        let sniff = sniff.unwrap_or_else(|| extract::sniff(&head));
        self.window.start(&head, &sniff);
        self.head = head;
        let mut cursor = LineCursor::new();
        let result = match layout {
            Some(layout) => match self.scan_delimited(r, &layout, &mut cursor) {
                Ok(Outcome::Done) => Ok(()),
                Ok(Outcome::TextFromHere) => self.scan_text(r, &mut cursor),
                Err(e) => Err(e),
            },
            None => self.scan_text(r, &mut cursor),
        };
        self.stats.text_bytes += cursor.pos;
        if let Err(e) = result {
            // Reading from memory cannot fail; say so if it ever does.
            let msg = format!("reading extracted text: {e}");
            self.doc_problem("corrupt or truncated", &msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_render_as_records_by_cell() {
        let cells = vec![
            (1, 2, "AB123456C".to_string()),
            (0, 0, "Surname".to_string()),
            (0, 2, "NI number".to_string()),
            (1, 0, "SMITH".to_string()),
            (3, 1, "tab\there".to_string()),
        ];
        let tsv = String::from_utf8(render_sheet(&cells)).unwrap();
        assert_eq!(
            tsv,
            "Surname\t\tNI number\nSMITH\t\tAB123456C\n\n\t\"tab\there\"\n"
        );
    }
}

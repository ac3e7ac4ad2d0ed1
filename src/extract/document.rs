//! Documents and containers: the formats file shares are mostly made of
//! (Word, Excel, PowerPoint, OpenDocument, PDF, email, archives), turned
//! into parts of text the matcher can read, each with where it came from.
//!
//! Why a separate stage: a disclosure search that skips `.docx`, `.xlsx`,
//! `.msg` and `.zip` misses most of a subject's records. Each format has an
//! extractor (`extract/<format>.rs`) with one job: walk the document and
//! hand its parts to a [`Sink`]:
//!
//! * [`Sink::text`] for prose parts (a Word body, a comment, page 3 of a
//!   PDF, slide 2's notes, an email's body or `Subject:` header), named by
//!   a location a person can open ("comment 2", "page 3");
//! * [`Sink::sheet`] for spreadsheet cells (row and column from 0 = A1), so
//!   that the scanner reads them as records with their column headers, as
//!   it reads CSV;
//! * [`Sink::member`] for files inside the file (archive members, email
//!   attachments, embedded objects), which are sniffed and extracted in
//!   turn, to a limited depth;
//! * [`Sink::warn`] for what could not be read, while the rest goes on.
//!
//! Every extractor works on bytes already in memory (documents are read
//! whole, up to a size limit; archives and email are streamed member by
//! member), is bounded by [`Limits`] (depth, decompressed bytes, ratio,
//! members, extracted text) and must never panic or allocate without bound
//! on hostile input; the scanner also runs it under `catch_unwind`.

use std::path::Path;

/// The formats trawl can open, decided by content first and the name
/// second ([`sniff`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A zip archive that is not an Office or OpenDocument file.
    Zip,
    Gzip,
    Tar,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    /// Legacy binary Office (OLE2): Word, Excel, PowerPoint, Outlook.
    Doc,
    Xls,
    Ppt,
    Msg,
    Rtf,
    Pdf,
    Eml,
    Mbox,
    Html,
    Xml,
    Json,
    /// Not text: counted by type and listed for manual review.
    Image,
    Audio,
    Video,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Zip => "zip",
            Kind::Gzip => "gzip",
            Kind::Tar => "tar",
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
            Kind::Pptx => "pptx",
            Kind::Odt => "odt",
            Kind::Ods => "ods",
            Kind::Odp => "odp",
            Kind::Doc => "doc",
            Kind::Xls => "xls",
            Kind::Ppt => "ppt",
            Kind::Msg => "msg",
            Kind::Rtf => "rtf",
            Kind::Pdf => "pdf",
            Kind::Eml => "eml",
            Kind::Mbox => "mbox",
            Kind::Html => "html",
            Kind::Xml => "xml",
            Kind::Json => "json",
            Kind::Image => "image",
            Kind::Audio => "audio",
            Kind::Video => "video",
        }
    }

    /// Images, audio and video hold no text: they are counted, reported
    /// under sound_visual_images and listed for manual review.
    pub fn is_media(self) -> bool {
        matches!(self, Kind::Image | Kind::Audio | Kind::Video)
    }
}

/// Work limits per file scanned from disk (shared by everything inside it).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Containers inside containers (a zip in a zip in an email: 3).
    pub max_depth: u32,
    /// Bytes decompressed or extracted in total from one file on disk.
    pub max_total_bytes: u64,
    /// Decompressed size over compressed size of one member (zip bombs).
    pub max_ratio: u64,
    /// Members (archive entries, attachments) in one file on disk.
    pub max_members: u64,
    /// Text extracted from one document part.
    pub max_text: u64,
    /// A document or archive on disk larger than this is not read (it is
    /// read into memory whole).
    pub max_file: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 5,
            max_total_bytes: 4 << 30,
            max_ratio: 200,
            max_members: 100_000,
            max_text: 256 << 20,
            max_file: 512 << 20,
        }
    }
}

/// Where extracted parts go.
pub trait Sink {
    /// A part of prose, named by where it is in the document ("body",
    /// "comment 2", "header", "page 3", "slide 2 notes", "Subject").
    fn text(&mut self, location: &str, text: &str);
    /// One sheet's cells: (row, column, value), row 0 and column 0 being
    /// A1, in any order; hidden sheets, rows and columns included. Cell
    /// comments go to [`Sink::text`] as "Sheet!B7 comment".
    fn sheet(&mut self, name: &str, cells: &[Cell]);
    /// A file inside this one, to be sniffed (by content, then by `name`)
    /// and extracted in turn.
    fn member(&mut self, name: &str, bytes: &[u8]);
    /// Something in the document could not be read; the rest goes on.
    fn warn(&mut self, message: &str);
    /// Asks to decompress `n` more bytes; false when a limit says stop
    /// (the extractor then stops reading and returns what it has).
    fn take(&mut self, n: u64) -> bool;
    /// The limits in force.
    fn limits(&self) -> &Limits;
}

/// Why a document was not (fully) read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Encrypted or password-protected.
    Encrypted,
    /// Damaged or truncated; the message says where.
    Corrupt(String),
    /// A format trawl recognises but cannot read (yet).
    Unsupported(String),
    /// Readable but has no text to read: a scanned PDF, an image.
    NeedsReview(String),
    /// A work limit was reached (named, with its value).
    Limit(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Encrypted => write!(f, "encrypted or password-protected"),
            Problem::Corrupt(m) => write!(f, "corrupt or truncated: {m}"),
            Problem::Unsupported(m) => write!(f, "unsupported: {m}"),
            Problem::NeedsReview(m) => write!(f, "needs manual review: {m}"),
            Problem::Limit(m) => write!(f, "limit reached: {m}"),
        }
    }
}

/// Decides a file's format from its first bytes (`head`, at least 8 KiB
/// where the file has them) and its name. `None`: plain text or a
/// delimited export, read as today.
pub fn sniff(head: &[u8], name: &Path) -> Option<Kind> {
    let ext = name
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let ext = ext.as_str();
    let starts = |m: &[u8]| head.starts_with(m);
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        return Some(zip_kind(head, ext));
    }
    if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(match ext {
            "xls" | "xlt" => Kind::Xls,
            "ppt" | "pps" | "pot" => Kind::Ppt,
            "msg" => Kind::Msg,
            _ => Kind::Doc,
        });
    }
    if starts(b"%PDF-")
        || (head.len() > 8
            && memchr::memmem::find(&head[..head.len().min(1024)], b"%PDF-").is_some())
    {
        return Some(Kind::Pdf);
    }
    if starts(b"\x1F\x8B") {
        return Some(Kind::Gzip);
    }
    if head.len() >= 262 && &head[257..262] == b"ustar" {
        return Some(Kind::Tar);
    }
    if starts(b"{\\rtf") {
        return Some(Kind::Rtf);
    }
    if let Some(k) = media_kind(head) {
        return Some(k);
    }
    // Text formats: by name, then by a telling start.
    match ext {
        "eml" => return Some(Kind::Eml),
        "mbox" | "mbx" => return Some(Kind::Mbox),
        "html" | "htm" | "xhtml" => return Some(Kind::Html),
        "xml" => return Some(Kind::Xml),
        "json" | "ndjson" | "jsonl" | "geojson" => return Some(Kind::Json),
        "rtf" => return Some(Kind::Rtf),
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "tif" | "tiff" | "heic" | "webp" => {
            return Some(Kind::Image);
        }
        "mp3" | "wav" | "m4a" | "wma" | "aac" | "ogg" | "flac" | "amr" => return Some(Kind::Audio),
        "mp4" | "avi" | "mov" | "wmv" | "mkv" | "m4v" | "3gp" | "mpg" | "mpeg" => {
            return Some(Kind::Video);
        }
        _ => {}
    }
    let trimmed = trim_start(head);
    // A message saved as `.txt` or `.log` stays text: its offsets are then
    // the file's, and a plain-text message loses nothing. Without such a
    // name, a message is read as one (headers, decoded bodies, attachments).
    let text_name = matches!(ext, "txt" | "text" | "log" | "csv" | "tsv" | "md");
    if !text_name && starts(b"From ") && memchr::memmem::find(head, b"\nFrom:").is_some() {
        return Some(Kind::Mbox);
    }
    if !text_name && looks_like_email(head) {
        return Some(Kind::Eml);
    }
    let lower: Vec<u8> = trimmed
        .iter()
        .take(64)
        .map(u8::to_ascii_lowercase)
        .collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        return Some(Kind::Html);
    }
    if lower.starts_with(b"<?xml") {
        return Some(Kind::Xml);
    }
    None
}

/// Whether a file name claims a document format (by its extension): a
/// binary file so named whose content is not recognised is corrupt, not
/// merely "binary".
pub fn claims_document(name: &Path) -> bool {
    let ext = name
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "docx"
            | "docm"
            | "dotx"
            | "xlsx"
            | "xlsm"
            | "xltx"
            | "pptx"
            | "pptm"
            | "odt"
            | "ods"
            | "odp"
            | "doc"
            | "xls"
            | "ppt"
            | "msg"
            | "pdf"
            | "zip"
            | "gz"
            | "tgz"
            | "tar"
            | "rtf"
    )
}

fn trim_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// An RFC 5322 message: header lines at the very start, among them From
/// or Received and a Subject, Date or Message-ID.
fn looks_like_email(head: &[u8]) -> bool {
    let end = memchr::memmem::find(head, b"\n\n")
        .or_else(|| memchr::memmem::find(head, b"\r\n\r\n"))
        .unwrap_or(head.len())
        .min(8192);
    let block = &head[..end];
    let mut names = 0;
    let mut from = false;
    let mut other = false;
    for line in block.split(|&c| c == b'\n') {
        if line.is_empty() || line[0] == b' ' || line[0] == b'\t' {
            continue;
        }
        let Some(colon) = line.iter().position(|&c| c == b':') else {
            return false;
        };
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-') {
            return false;
        }
        names += 1;
        let n = name.to_ascii_lowercase();
        from |= n == b"from" || n == b"received" || n == b"return-path";
        other |= n == b"subject" || n == b"date" || n == b"message-id" || n == b"to";
    }
    names >= 2 && from && other
}

/// Images, audio and video by their magic numbers.
fn media_kind(h: &[u8]) -> Option<Kind> {
    let s = |m: &[u8]| h.starts_with(m);
    if s(b"\xFF\xD8\xFF")
        || s(b"\x89PNG\r\n\x1A\n")
        || s(b"GIF87a")
        || s(b"GIF89a")
        || s(b"BM") && h.len() > 14 && h[6..10] == [0, 0, 0, 0]
        || s(b"II*\x00")
        || s(b"MM\x00*")
        || (s(b"RIFF") && h.get(8..12) == Some(b"WEBP"))
    {
        return Some(Kind::Image);
    }
    // An MPEG audio frame starts FF Ex/Fx, but FF FE is UTF-16's
    // byte-order mark: text, not sound.
    if s(b"ID3")
        || (h.len() > 2
            && h[0] == 0xFF
            && h[1] & 0xE0 == 0xE0
            && h[1] & 0x06 != 0
            && h[1] != 0xFE
            && h[2] >> 4 != 0xF)
        || (s(b"RIFF") && h.get(8..12) == Some(b"WAVE"))
        || s(b"fLaC")
        || s(b"OggS")
        || s(b"#!AMR")
    {
        return Some(Kind::Audio);
    }
    if (s(b"RIFF") && h.get(8..12) == Some(b"AVI "))
        || h.get(4..8) == Some(b"ftyp")
        || s(b"\x1A\x45\xDF\xA3")
        || s(b"\x30\x26\xB2\x75\x8E\x66\xCF\x11")
        || s(b"\x00\x00\x01\xBA")
    {
        // ftyp: MP4 / MOV / 3GP; M4A is audio.
        if h.get(8..11) == Some(b"M4A") {
            return Some(Kind::Audio);
        }
        return Some(Kind::Video);
    }
    None
}

/// An Office Open XML or OpenDocument file is a zip with a telling first
/// member or content types; otherwise the name decides, then plain zip.
fn zip_kind(head: &[u8], ext: &str) -> Kind {
    // OpenDocument: the first member is an uncompressed `mimetype`.
    if head.len() > 38 && &head[30..38] == b"mimetype" {
        let rest = &head[38..head.len().min(38 + 60)];
        if rest.starts_with(b"application/vnd.oasis.opendocument.text") {
            return Kind::Odt;
        }
        if rest.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Kind::Ods;
        }
        if rest.starts_with(b"application/vnd.oasis.opendocument.presentation") {
            return Kind::Odp;
        }
    }
    let has = |n: &[u8]| memchr::memmem::find(head, n).is_some();
    if has(b"word/") {
        return Kind::Docx;
    }
    if has(b"xl/") {
        return Kind::Xlsx;
    }
    if has(b"ppt/") {
        return Kind::Pptx;
    }
    match ext {
        "docx" | "docm" | "dotx" | "dotm" => Kind::Docx,
        "xlsx" | "xlsm" | "xltx" | "xltm" => Kind::Xlsx,
        "pptx" | "pptm" | "potx" | "ppsx" => Kind::Pptx,
        "odt" | "ott" => Kind::Odt,
        "ods" | "ots" => Kind::Ods,
        "odp" | "otp" => Kind::Odp,
        _ => Kind::Zip,
    }
}

/// Extracts `bytes` of format `kind` into `sink`. Media files have no text
/// and come back as needing review.
pub fn extract(kind: Kind, bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    use super::{archive, mail, markup, odf, ooxml, pdf, sheets};
    match kind {
        Kind::Zip => archive::zip(bytes, sink),
        Kind::Gzip => archive::gzip(bytes, sink),
        Kind::Tar => archive::tar(bytes, sink),
        Kind::Docx => ooxml::docx(bytes, sink),
        Kind::Pptx => ooxml::pptx(bytes, sink),
        Kind::Odt => odf::odt(bytes, sink),
        Kind::Odp => odf::odp(bytes, sink),
        Kind::Xlsx | Kind::Xls | Kind::Ods => sheets::sheet(bytes, sink),
        Kind::Eml => mail::eml(bytes, sink),
        Kind::Mbox => mail::mbox(bytes, sink),
        Kind::Msg => mail::msg(bytes, sink),
        Kind::Pdf => pdf::pdf(bytes, sink),
        Kind::Html => markup::html(bytes, sink),
        Kind::Xml => markup::xml(bytes, sink),
        Kind::Json => markup::json(bytes, sink),
        Kind::Rtf => markup::rtf(bytes, sink),
        Kind::Doc | Kind::Ppt => markup::legacy(bytes, sink),
        Kind::Image => Err(Problem::NeedsReview("image, no text to read".into())),
        Kind::Audio => Err(Problem::NeedsReview("audio recording".into())),
        Kind::Video => Err(Problem::NeedsReview("video recording".into())),
    }
}

/// Excel's column name for a 0-based column index: 0 → A, 26 → AA.
pub fn column_name(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// One spreadsheet cell: zero-based row, zero-based column, and its text.
pub type Cell = (u32, u32, String);

/// A sink that keeps everything: for tests of extractors, and for tools.
#[derive(Default, Debug)]
pub struct CollectSink {
    pub texts: Vec<(String, String)>,
    pub sheets: Vec<(String, Vec<Cell>)>,
    pub members: Vec<(String, Vec<u8>)>,
    pub warnings: Vec<String>,
    pub taken: u64,
    pub limits: Limits,
}

impl CollectSink {
    /// All text parts joined, for `contains` checks.
    pub fn all_text(&self) -> String {
        let mut s = String::new();
        for (loc, t) in &self.texts {
            s.push_str(loc);
            s.push_str(": ");
            s.push_str(t);
            s.push('\n');
        }
        s
    }
}

impl Sink for CollectSink {
    fn text(&mut self, location: &str, text: &str) {
        self.texts.push((location.to_string(), text.to_string()));
    }
    fn sheet(&mut self, name: &str, cells: &[Cell]) {
        self.sheets.push((name.to_string(), cells.to_vec()));
    }
    fn member(&mut self, name: &str, bytes: &[u8]) {
        self.members.push((name.to_string(), bytes.to_vec()));
    }
    fn warn(&mut self, message: &str) {
        self.warnings.push(message.to_string());
    }
    fn take(&mut self, n: u64) -> bool {
        self.taken = self.taken.saturating_add(n);
        self.taken <= self.limits.max_total_bytes
    }
    fn limits(&self) -> &Limits {
        &self.limits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        let cases = [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
        ];
        for (i, want) in cases {
            assert_eq!(column_name(i), want, "{i}");
        }
    }

    #[test]
    fn sniffs_by_content_then_name() {
        let p = |n: &str| std::path::PathBuf::from(n);
        assert_eq!(sniff(b"%PDF-1.7\n", &p("x.txt")), Some(Kind::Pdf));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0", &p("x.dat")), Some(Kind::Image));
        assert_eq!(sniff(b"{\\rtf1\\ansi", &p("x")), Some(Kind::Rtf));
        assert_eq!(sniff(b"plain words", &p("notes.txt")), None);
        // A .docx that is really a text file is read as text.
        assert_eq!(sniff(b"just text", &p("fake.docx")), None);
        let eml = b"From: a@example.org\nTo: b@example.org\nSubject: hi\n\nbody";
        assert_eq!(sniff(eml, &p("message")), Some(Kind::Eml));
        assert_eq!(sniff(eml, &p("saved.txt")), None);
        assert_eq!(sniff(b"Name: Jo\nDOB: 1/1/80\n\nx", &p("n.txt")), None);
        assert_eq!(sniff(b"<!DOCTYPE html><p>x", &p("page")), Some(Kind::Html));
        assert_eq!(sniff(b"[1,2]", &p("a.json")), Some(Kind::Json));
        // UTF-16 text is not an MP3 frame.
        assert_eq!(sniff(b"\xFF\xFEN\x00I\x00", &p("u.txt")), None);
        assert_eq!(sniff(b"\xFF\xFB\x90\x00", &p("a.bin")), Some(Kind::Audio));
    }
}

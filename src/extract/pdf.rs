//! PDF: the text layer, page by page, and the document information
//! (Author, Title, Subject, Keywords, Creator).
//!
//! Why: PDFs are where many records end up (signed statements, exported
//! case notes, scanned letters). Each page's text goes to the sink as
//! "page N" (1-based, as a viewer numbers them), so a reviewer can open the
//! document at the right page. The document information goes as
//! "properties", since authors' names are personal data too.
//!
//! Reading is done by the `pdf_oxide` crate (pure Rust), behind the cargo
//! feature `pdf` (on by default; without it every PDF is reported as
//! unsupported). `pdf_oxide` rebuilds a damaged or missing cross-reference
//! table by scanning the file, so PDFs with a broken xref, or truncated
//! ones, are read as far as they go; what cannot be read at all is
//! [`Problem::Corrupt`]. A PDF encrypted with an empty user password (the
//! usual "restrict editing" kind) is decrypted and read; one that needs a
//! password is [`Problem::Encrypted`].
//!
//! Pages without text:
//! * a PDF none of whose pages has any text (a scan, photographs) is
//!   [`Problem::NeedsReview`], never passed as clean;
//! * when only some pages have no text, a warning names them and the rest
//!   is read.
//!
//! Not read: text inside images (no OCR), annotations and form field
//! values, attached files and embedded documents (not handed on as
//! members), bookmarks, XMP metadata, and JavaScript. Text drawn with fonts
//! that have no mapping to Unicode may come out garbled or empty; pages
//! with text operators that yield no text are warned about.
//!
//! Damage: pages that cannot be read (or whose content stream is missing,
//! as in a truncated file) are warned about one by one, the rest is read,
//! and the PDF is then reported as [`Problem::Corrupt`] naming those pages,
//! since the unread page may be the one that matters. A file without
//! `%%EOF` near its end gets a "looks truncated" warning, as pages cut off
//! can pass for blank ones.
//!
//! PDF libraries are known to panic on hostile files, so every call into
//! `pdf_oxide` runs under `catch_unwind`: a panic while opening the file is
//! [`Problem::Corrupt`], one on a page is a failure of that page. Bounds:
//! the file's size is taken from the byte budget up front and each page's
//! text as it comes; a page's text is cut at `max_text`; at most 100,000
//! pages are read, and reading stops after 50 unreadable pages in a row (a
//! damaged page tree can claim millions). Time is not bounded here: a
//! pathological page can take long, which the caller's watchdog must catch.

use super::document::{Problem, Sink};

#[cfg(not(feature = "pdf"))]
pub fn pdf(_bytes: &[u8], _sink: &mut dyn Sink) -> Result<(), Problem> {
    Err(Problem::Unsupported("built without the pdf feature".into()))
}

#[cfg(feature = "pdf")]
pub fn pdf(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    imp::pdf(bytes, sink)
}

/// Page numbers as a short human list: "page 3", "pages 3, 5", and past
/// twenty, "pages 1, 2, …, 20 and 31 more".
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
fn page_list(pages: &[usize]) -> String {
    const SHOWN: usize = 20;
    let mut s = String::from(if pages.len() == 1 { "page " } else { "pages " });
    let shown: Vec<String> = pages.iter().take(SHOWN).map(|p| p.to_string()).collect();
    s.push_str(&shown.join(", "));
    if pages.len() > SHOWN {
        s.push_str(&format!(" and {} more", pages.len() - SHOWN));
    }
    s
}

/// `text` cut to at most `max` bytes, at a character boundary.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
fn truncate(text: &str, max: u64) -> &str {
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(feature = "pdf")]
mod imp {
    use super::{Problem, Sink, page_list, truncate};
    use pdf_oxide::PdfDocument;
    use pdf_oxide::object::Object;
    use std::panic::{AssertUnwindSafe, catch_unwind};

    /// Document information entries handed on as "properties".
    const INFO_KEYS: [&str; 5] = ["Author", "Title", "Subject", "Keywords", "Creator"];

    /// After this many pages in a row fail to load, the rest is given up:
    /// a damaged page tree can claim millions of pages that are not there.
    const MAX_FAILS_IN_A_ROW: usize = 50;

    /// Pages read from one PDF. Real documents stay far below; a page tree
    /// can list one page a million times in a few compressed bytes.
    const MAX_PAGES: usize = 100_000;

    /// Fonts `pdf_oxide` keeps across documents (its default is 1,024,
    /// each possibly holding an embedded font program), so that a long scan
    /// does not hold on to hostile files' fonts.
    const FONT_CACHE: usize = 128;

    const PANICKED: &str = "pdf parser panicked";

    /// Runs a call into the PDF library, turning a panic into `None`.
    fn guard<T>(f: impl FnOnce() -> T) -> Option<T> {
        catch_unwind(AssertUnwindSafe(f)).ok()
    }

    fn problem(e: &pdf_oxide::Error) -> Problem {
        match e {
            pdf_oxide::Error::EncryptedPdf => Problem::Encrypted,
            e => Problem::Corrupt(one_line(&e.to_string())),
        }
    }

    /// An error message on one line, not too long for a report.
    fn one_line(s: &str) -> String {
        let s: String = s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(200)
            .collect();
        if s.is_empty() { "unreadable".into() } else { s }
    }

    /// What happened to one page.
    enum Page {
        Text(String),
        /// No fonts or no text operators: an image, or blank.
        NoTextLayer,
        /// Text operators, but nothing came out of them.
        Empty,
        Failed(String),
    }

    pub(super) fn pdf(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
        // The parser holds the file (twice: it keeps a copy) while it works.
        if !sink.take(bytes.len() as u64) {
            return Err(Problem::Limit(format!(
                "max_total_bytes ({}) reached before reading this PDF ({} bytes)",
                sink.limits().max_total_bytes,
                bytes.len()
            )));
        }
        static FONT_CACHE_SET: std::sync::Once = std::sync::Once::new();
        FONT_CACHE_SET.call_once(|| {
            let _ = guard(|| pdf_oxide::set_global_font_cache_capacity(FONT_CACHE));
        });
        let doc = match guard(|| PdfDocument::from_bytes(bytes.to_vec())) {
            None => return Err(Problem::Corrupt(PANICKED.into())),
            Some(Err(e)) => return Err(problem(&e)),
            Some(Ok(doc)) => doc,
        };
        // Opening tries the empty user password; if that did not unlock it,
        // every page would come out empty.
        match guard(|| doc.is_encrypted() && !doc.is_authenticated()) {
            None => return Err(Problem::Corrupt(PANICKED.into())),
            Some(true) => return Err(Problem::Encrypted),
            Some(false) => {}
        }
        // Pages cut off by truncation can pass for blank ones.
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if memchr::memmem::find(tail, b"%%EOF").is_none() {
            sink.warn("no %%EOF at the end: the file looks truncated");
        }
        properties(&doc, sink);

        let count = match guard(|| doc.page_count()) {
            None => return Err(Problem::Corrupt(PANICKED.into())),
            Some(Err(e)) => return Err(problem(&e)),
            Some(Ok(0)) => return Err(Problem::Corrupt("no pages found".into())),
            Some(Ok(n)) => n,
        };
        let max_text = sink.limits().max_text;
        let mut with_text = 0usize;
        let mut no_layer = Vec::new();
        let mut empty = Vec::new();
        let mut failed = Vec::new();
        let mut fails_in_a_row = 0usize;
        for index in 0..count.min(MAX_PAGES) {
            let number = index + 1;
            let page = read_page(&doc, index);
            if let Page::Failed(_) = page {
                fails_in_a_row += 1;
            } else {
                fails_in_a_row = 0;
            }
            match page {
                Page::Text(text) => {
                    with_text += 1;
                    let kept = truncate(&text, max_text);
                    if kept.len() < text.len() {
                        sink.warn(&format!(
                            "page {number}: text cut at max_text ({max_text} bytes)"
                        ));
                    }
                    if !sink.take(kept.len() as u64) {
                        return Err(Problem::Limit(format!(
                            "max_total_bytes ({}) reached at page {number} of {count}",
                            sink.limits().max_total_bytes
                        )));
                    }
                    sink.text(&format!("page {number}"), kept);
                }
                Page::NoTextLayer => no_layer.push(number),
                Page::Empty => empty.push(number),
                Page::Failed(why) => {
                    sink.warn(&format!("page {number}: {why}"));
                    failed.push(number);
                }
            }
            if fails_in_a_row >= MAX_FAILS_IN_A_ROW {
                let rest = count - number;
                if rest > 0 {
                    sink.warn(&format!(
                        "gave up after {MAX_FAILS_IN_A_ROW} unreadable pages in a row; \
                         {rest} more pages not read"
                    ));
                }
                if with_text == 0 {
                    return Err(Problem::Corrupt(format!(
                        "no page could be read ({MAX_FAILS_IN_A_ROW} tried of {count})"
                    )));
                }
                break;
            }
        }

        if !no_layer.is_empty() && (with_text > 0 || !empty.is_empty()) {
            let verb = if no_layer.len() == 1 { "has" } else { "have" };
            sink.warn(&format!("{} {verb} no text layer", page_list(&no_layer)));
        }
        if !empty.is_empty() && with_text > 0 {
            let verb = if empty.len() == 1 { "has" } else { "have" };
            sink.warn(&format!(
                "{} {verb} text operators but yielded no text (unmapped fonts or damage?)",
                page_list(&empty)
            ));
        }
        // Damage outranks "no text": a page that could not be read may be
        // the one with the text.
        if count > MAX_PAGES && fails_in_a_row < MAX_FAILS_IN_A_ROW {
            return Err(Problem::Limit(format!(
                "pages: read the first {MAX_PAGES} of {count}"
            )));
        }
        if !failed.is_empty() {
            return Err(Problem::Corrupt(format!(
                "{} of {count} pages could not be read ({})",
                failed.len(),
                page_list(&failed)
            )));
        }
        if with_text > 0 {
            return Ok(());
        }
        if empty.is_empty() {
            return Err(Problem::NeedsReview(format!(
                "no text layer (scanned image?); {count} pages"
            )));
        }
        Err(Problem::NeedsReview(format!(
            "no text extracted from {count} pages, though {} {} text operators \
             (unmapped fonts or damage?)",
            page_list(&empty),
            if empty.len() == 1 { "has" } else { "have" }
        )))
    }

    fn read_page(doc: &PdfDocument, index: usize) -> Page {
        let Some(result) = guard(|| doc.extract_text(index)) else {
            return Page::Failed(PANICKED.into());
        };
        match result {
            Ok(text) if !text.trim().is_empty() => Page::Text(text),
            Ok(_) => {
                if guard(|| content_missing(doc, index)).unwrap_or(true) {
                    return Page::Failed("content stream missing or unreadable".into());
                }
                match guard(|| doc.has_text_layer(index)) {
                    Some(Ok(false)) => Page::NoTextLayer,
                    _ => Page::Empty,
                }
            }
            Err(e) => Page::Failed(one_line(&e.to_string())),
        }
    }

    /// Whether the page's /Contents points at objects that are not there
    /// (a truncated file), which would otherwise pass for a blank page.
    fn content_missing(doc: &PdfDocument, index: usize) -> bool {
        let Ok(page) = doc.get_page(index) else {
            return true;
        };
        let Some(contents) = page.as_dict().and_then(|d| d.get("Contents")) else {
            return false;
        };
        let gone = |o: &Object| match o {
            // A missing object reads as null (ISO 32000 §7.3.10).
            Object::Reference(r) => !matches!(doc.load_object(*r), Ok(Object::Stream { .. })),
            Object::Stream { .. } => false,
            _ => true,
        };
        match contents {
            Object::Array(parts) => parts.iter().any(gone),
            o => gone(o),
        }
    }

    /// The document information dictionary's people-bearing entries, as
    /// "Author: …" lines.
    fn properties(doc: &PdfDocument, sink: &mut dyn Sink) {
        let Some(lines) = guard(|| info_lines(doc)) else {
            sink.warn("document information: pdf parser panicked");
            return;
        };
        if lines.is_empty() {
            return;
        }
        let max_text = sink.limits().max_text;
        let kept = truncate(&lines, max_text);
        if sink.take(kept.len() as u64) {
            sink.text("properties", kept);
        }
    }

    fn info_lines(doc: &PdfDocument) -> String {
        let mut out = String::new();
        let Some(info) = doc.trailer().as_dict().and_then(|t| t.get("Info")) else {
            return out;
        };
        let Some(info) = resolve(doc, info) else {
            return out;
        };
        let Some(info) = info.as_dict() else {
            return out;
        };
        for key in INFO_KEYS {
            let Some(value) = info.get(key).and_then(|v| resolve(doc, v)) else {
                continue;
            };
            let Object::String(raw) = &value else {
                continue;
            };
            let text = pdf_oxide::optional_content::decode_pdf_text_string(raw);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                out.push_str(key);
                out.push_str(": ");
                out.push_str(&text);
                out.push('\n');
            }
        }
        if out.ends_with('\n') {
            out.pop();
        }
        out
    }

    fn resolve(doc: &PdfDocument, obj: &Object) -> Option<Object> {
        match obj {
            Object::Reference(r) => doc.load_object(*r).ok(),
            o => Some(o.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::CollectSink;

    #[test]
    fn page_lists_read_well() {
        assert_eq!(page_list(&[3]), "page 3");
        assert_eq!(page_list(&[3, 5]), "pages 3, 5");
        let many: Vec<usize> = (1..=25).collect();
        assert!(page_list(&many).ends_with("19, 20 and 5 more"));
    }

    #[test]
    fn truncates_at_char_boundaries() {
        assert_eq!(truncate("abc", 10), "abc");
        assert_eq!(truncate("abc", 2), "ab");
        assert_eq!(truncate("a£b", 2), "a");
        assert_eq!(truncate("a£b", 0), "");
    }

    #[cfg(not(feature = "pdf"))]
    #[test]
    fn without_the_feature_pdfs_are_unsupported() {
        let mut sink = CollectSink::default();
        assert_eq!(
            pdf(b"%PDF-1.4\n", &mut sink),
            Err(Problem::Unsupported("built without the pdf feature".into()))
        );
    }

    /// What goes on one page of a test PDF.
    #[cfg(feature = "pdf")]
    enum Content<'a> {
        /// A line of text in Helvetica.
        Text(&'a str),
        /// A 1×1 grey image and no fonts: what a scanner makes.
        Image,
        /// Nothing at all.
        Blank,
    }

    /// Escapes a PDF literal string.
    #[cfg(feature = "pdf")]
    fn literal(s: &str) -> String {
        s.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    }

    /// A minimal, well-formed PDF: catalog, page tree, one page object and
    /// one content stream per page, an optional Info dictionary, and an
    /// xref table with the offsets computed as it is written.
    #[cfg(feature = "pdf")]
    fn build(pages: &[Content], info: Option<&str>) -> Vec<u8> {
        let n = pages.len();
        // 1 catalog, 2 pages, 3 font, 4 image, 5 info, then page k at
        // 6 + 2k and its content at 7 + 2k.
        let mut objects: Vec<Vec<u8>> = Vec::new();
        let kids: Vec<String> = (0..n).map(|k| format!("{} 0 R", 6 + 2 * k)).collect();
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        objects
            .push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
        objects.push(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_vec(),
        );
        objects.push(
            b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray \
              /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
                .to_vec(),
        );
        objects.push(format!("<< /Producer (test) {} >>", info.unwrap_or("")).into_bytes());
        for (k, page) in pages.iter().enumerate() {
            let (resources, content) = match page {
                Content::Text(t) => (
                    "/Resources << /Font << /F1 3 0 R >> >>".to_string(),
                    format!("BT /F1 12 Tf 72 720 Td ({}) Tj ET", literal(t)),
                ),
                Content::Image => (
                    "/Resources << /XObject << /Im1 4 0 R >> >>".to_string(),
                    "q 200 0 0 200 72 500 cm /Im1 Do Q".to_string(),
                ),
                Content::Blank => (String::new(), String::new()),
            };
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] {resources} \
                     /Contents {} 0 R >>",
                    7 + 2 * k
                )
                .into_bytes(),
            );
            objects.push(
                format!(
                    "<< /Length {} >>\nstream\n{content}\nendstream",
                    content.len()
                )
                .into_bytes(),
            );
        }
        let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n", objects.len() + 1).as_bytes());
        out.extend_from_slice(b"0000000000 65535 f \n");
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[cfg(feature = "pdf")]
    fn two_pages() -> Vec<u8> {
        build(
            &[
                Content::Text("Robert SMITH QQ123456C"),
                Content::Text("Lives at SW1A 1AA"),
            ],
            Some("/Author (Jane Doe) /Title (Custody record)"),
        )
    }

    #[cfg(feature = "pdf")]
    fn run(bytes: &[u8]) -> (Result<(), Problem>, CollectSink) {
        let mut sink = CollectSink::default();
        let r = pdf(bytes, &mut sink);
        (r, sink)
    }

    #[cfg(feature = "pdf")]
    fn page_text<'a>(sink: &'a CollectSink, location: &str) -> Option<&'a str> {
        sink.texts
            .iter()
            .find(|(l, _)| l == location)
            .map(|(_, t)| t.as_str())
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn reads_pages_and_properties() {
        let (r, sink) = run(&two_pages());
        assert_eq!(r, Ok(()), "{sink:?}");
        assert!(
            page_text(&sink, "page 1")
                .unwrap()
                .contains("Robert SMITH QQ123456C")
        );
        assert!(page_text(&sink, "page 2").unwrap().contains("SW1A 1AA"));
        assert_eq!(
            page_text(&sink, "properties"),
            Some("Author: Jane Doe\nTitle: Custody record")
        );
        assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn image_only_pdf_needs_review() {
        let (r, sink) = run(&build(&[Content::Image, Content::Image], None));
        assert_eq!(
            r,
            Err(Problem::NeedsReview(
                "no text layer (scanned image?); 2 pages".into()
            ))
        );
        assert!(!sink.all_text().contains("page "), "{sink:?}");
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn pages_without_text_are_named() {
        let bytes = build(
            &[
                Content::Text("Robert SMITH QQ123456C"),
                Content::Text("page two"),
                Content::Image,
                Content::Text("page four"),
                Content::Blank,
            ],
            None,
        );
        let (r, sink) = run(&bytes);
        assert_eq!(r, Ok(()));
        assert_eq!(sink.warnings, ["pages 3, 5 have no text layer"]);
        assert!(page_text(&sink, "page 4").unwrap().contains("page four"));
        assert!(page_text(&sink, "page 3").is_none());
    }

    /// The xref table and trailer gone, or every offset wrong: the parser
    /// rebuilds the table by scanning, or says the file is corrupt.
    #[cfg(feature = "pdf")]
    #[test]
    fn broken_xref_is_recovered_or_corrupt() {
        let good = two_pages();
        let at = memchr::memmem::find(&good, b"xref\n").unwrap();
        let no_xref = good[..at].to_vec();
        let mut wrong_offsets = good.clone();
        for line in wrong_offsets[at..].chunks_mut(20) {
            if line.ends_with(b" n \n") {
                line[..10].copy_from_slice(b"0000000003");
            }
        }
        let mut wrong_startxref = good.clone();
        let sx = memchr::memmem::rfind(&wrong_startxref, b"startxref\n").unwrap() + 10;
        wrong_startxref[sx] = b'9';
        for (name, bytes) in [
            ("no xref", no_xref),
            ("wrong offsets", wrong_offsets),
            ("wrong startxref", wrong_startxref),
        ] {
            let (r, sink) = run(&bytes);
            match r {
                Ok(()) => assert!(
                    sink.all_text().contains("Robert SMITH QQ123456C"),
                    "{name}: {sink:?}"
                ),
                Err(Problem::Corrupt(_)) => {}
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn truncated_files_do_not_panic() {
        let good = two_pages();
        for len in (0..good.len()).step_by(13) {
            let (r, sink) = run(&good[..len]);
            if let Ok(()) = r {
                assert!(!sink.texts.is_empty(), "cut at {len}");
            }
        }
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn truncation_is_warned_about() {
        let good = two_pages();
        let at = memchr::memmem::find(&good, b"xref\n").unwrap();
        let (r, sink) = run(&good[..at]);
        assert_eq!(r, Ok(()));
        assert_eq!(
            sink.warnings,
            ["no %%EOF at the end: the file looks truncated"]
        );
        let (r, sink) = run(&good);
        assert_eq!(r, Ok(()));
        assert!(sink.warnings.is_empty());
    }

    /// A page tree claiming a million pages it does not have: read what is
    /// there, give up on the rest quickly.
    #[cfg(feature = "pdf")]
    #[test]
    fn lying_page_count_stops_early() {
        let good = two_pages();
        let at = memchr::memmem::find(&good, b"/Count 2 ").unwrap();
        let mut bytes = good[..at].to_vec();
        bytes.extend_from_slice(b"/Count 1000000");
        bytes.extend_from_slice(&good[at + 8..]);
        let started = std::time::Instant::now();
        let (r, sink) = run(&bytes);
        assert!(started.elapsed().as_secs() < 20);
        assert!(
            sink.all_text().contains("Robert SMITH QQ123456C"),
            "{sink:?}"
        );
        assert!(matches!(r, Ok(()) | Err(Problem::Corrupt(_))), "{r:?}");
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn garbage_is_corrupt() {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        let mut x: u32 = 0x1234_5678;
        for _ in 0..4000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bytes.push(x as u8);
        }
        for input in [&b"%PDF-"[..], b"%PDF-1.4\n%%EOF\n", &bytes] {
            let (r, _) = run(input);
            assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        }
    }

    /// Bytes flipped all over a good file: never a panic out of `pdf`.
    #[cfg(feature = "pdf")]
    #[test]
    fn flipped_bytes_do_not_panic() {
        let good = two_pages();
        let mut x: u32 = 0x9E37_79B9;
        for _ in 0..40 {
            let mut bytes = good.clone();
            for _ in 0..8 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let i = x as usize % bytes.len();
                bytes[i] = (x >> 8) as u8;
            }
            let _ = run(&bytes);
        }
    }

    /// `pdf_oxide`'s writer encrypts: with a user password the file cannot
    /// be read; with an empty one (permissions only) it is read. (Its
    /// writer drops the Info dictionary, so properties are not checked.)
    #[cfg(feature = "pdf")]
    #[test]
    fn encrypted_files() {
        use pdf_oxide::editor::{
            DocumentEditor, EncryptionAlgorithm, EncryptionConfig, SaveOptions,
        };
        let algorithms = [
            EncryptionAlgorithm::Rc4_40,
            EncryptionAlgorithm::Rc4_128,
            EncryptionAlgorithm::Aes128,
            EncryptionAlgorithm::Aes256,
        ];
        for algorithm in algorithms {
            for user in ["", "secret"] {
                let mut editor = DocumentEditor::from_bytes(two_pages()).unwrap();
                let config = EncryptionConfig::new(user, "owner").with_algorithm(algorithm);
                let bytes = editor
                    .save_to_bytes_with_options(SaveOptions::with_encryption(config))
                    .unwrap();
                assert!(memchr::memmem::find(&bytes, b"/Encrypt").is_some());
                assert!(memchr::memmem::find(&bytes, b"QQ123456C").is_none());
                let (r, sink) = run(&bytes);
                let what = format!("{algorithm:?} user {user:?}: {sink:?}");
                if user.is_empty() {
                    assert_eq!(r, Ok(()), "{what}");
                    assert!(sink.all_text().contains("Robert SMITH QQ123456C"), "{what}");
                } else {
                    assert_eq!(r, Err(Problem::Encrypted), "{what}");
                    assert!(sink.texts.is_empty(), "{what}");
                }
            }
        }
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn limits_are_kept() {
        use crate::extract::document::Limits;
        let bytes = two_pages();
        // Too little for the file itself.
        let mut sink = CollectSink {
            limits: Limits {
                max_total_bytes: 100,
                ..Limits::default()
            },
            ..CollectSink::default()
        };
        assert!(matches!(pdf(&bytes, &mut sink), Err(Problem::Limit(_))));
        assert!(sink.texts.is_empty());
        // Page text cut at max_text.
        let mut sink = CollectSink {
            limits: Limits {
                max_text: 6,
                ..Limits::default()
            },
            ..CollectSink::default()
        };
        assert_eq!(pdf(&bytes, &mut sink), Ok(()));
        assert_eq!(page_text(&sink, "page 1"), Some("Robert"));
        assert!(sink.warnings.iter().any(|w| w.contains("max_text")));
        // Room for the file and the first page only.
        let mut sink = CollectSink {
            limits: Limits {
                max_total_bytes: bytes.len() as u64 + 70,
                ..Limits::default()
            },
            ..CollectSink::default()
        };
        let r = pdf(&bytes, &mut sink);
        assert!(matches!(r, Err(Problem::Limit(_))), "{r:?}");
        assert!(page_text(&sink, "page 1").is_some());
    }
}

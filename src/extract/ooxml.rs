//! Word and PowerPoint files (Office Open XML: `.docx`, `.pptx` and their
//! macro and template variants), read from the zip and its XML parts with
//! our own walker so every part is bounded by the limits.
//!
//! Word: the body (`word/document.xml`, paragraphs as lines, table cells
//! separated by tabs, insertions accepted and deletions left out), then as
//! parts of their own: "header" and "footer" (each `word/header*.xml`,
//! `word/footer*.xml`), "footnotes", "endnotes", "comment N" (each comment
//! of `word/comments.xml` in order, starting "Author: …"), "text box" (all
//! text boxes), "tracked insertion" and "tracked deletion" (the text of
//! unaccepted changes, starting with their authors, because a redaction
//! that was only tracked still discloses), and "properties" (author, last
//! modified by, title, subject, description, keywords, category, company,
//! manager and custom properties). Embedded files (`word/embeddings/`)
//! are handed over as members.
//!
//! PowerPoint: "slide N" in presentation order (from `ppt/presentation.xml`,
//! else by file number), "slide N notes", "slide N comment" (legacy and
//! modern comments, with their authors), "properties", and embedded files
//! (`ppt/embeddings/`) as members.
//!
//! Not read: field codes (their results are read), SmartArt diagrams,
//! charts, slide masters and layouts, alternative text of images, images
//! themselves, Word's `glossary` (building blocks), VML-only legacy text
//! boxes that have a DrawingML copy (the copy is read). Encrypted Office
//! files are OLE2 containers, not zips, and never arrive here.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesEnd, BytesStart, Event};

use super::archive::{Outcome, ZipDoc, open_zip};
use super::document::{Problem, Sink};

// ---------------------------------------------------------------------------
// Shared with odf.rs: bounded text parts and a lenient XML reader.

/// A part of text being gathered, cut at `max_text` bytes.
pub(crate) struct Part {
    text: String,
    max: usize,
    truncated: bool,
}

impl Part {
    pub(crate) fn new(sink: &dyn Sink) -> Part {
        Part::with_max(sink.limits().max_text)
    }

    pub(crate) fn with_max(max: u64) -> Part {
        Part {
            text: String::new(),
            max: usize::try_from(max).unwrap_or(usize::MAX),
            truncated: false,
        }
    }

    /// An empty part with the same limit.
    pub(crate) fn fresh(&self) -> Part {
        Part {
            text: String::new(),
            max: self.max,
            truncated: false,
        }
    }

    pub(crate) fn push_str(&mut self, s: &str) {
        if self.truncated {
            return;
        }
        let room = self.max.saturating_sub(self.text.len());
        if s.len() <= room {
            self.text.push_str(s);
        } else {
            let mut cut = room;
            while cut > 0 && !s.is_char_boundary(cut) {
                cut -= 1;
            }
            self.text.push_str(&s[..cut]);
            self.truncated = true;
        }
    }

    pub(crate) fn push(&mut self, c: char) {
        let mut b = [0u8; 4];
        self.push_str(c.encode_utf8(&mut b));
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// A table cell ended: its closing newline becomes a tab.
    pub(crate) fn end_cell(&mut self) {
        if self.text.ends_with('\n') {
            self.text.pop();
        }
        if !self.truncated {
            self.text.push('\t');
        }
    }

    /// A table row ended: its closing tab becomes a newline.
    pub(crate) fn end_row(&mut self) {
        if self.text.ends_with('\t') {
            self.text.pop();
        }
        if !self.truncated {
            self.text.push('\n');
        }
    }

    /// A copy headed by an "Author: a, b" line when there are authors (of
    /// tracked changes); the copy is cut at the same limit.
    pub(crate) fn with_authors(&self, authors: &[String]) -> Part {
        let mut p = self.fresh();
        if !authors.is_empty() {
            p.push_str("Author: ");
            p.push_str(&authors.join(", "));
            p.push('\n');
        }
        p.push_str(&self.text);
        p
    }

    /// Hands the part to the sink, if it holds any text.
    pub(crate) fn emit(&self, location: &str, sink: &mut dyn Sink) {
        let t = self.text.trim();
        if !t.is_empty() {
            sink.text(location, t);
        }
        if self.truncated {
            sink.warn(&format!(
                "{location}: text cut at max_text ({} bytes)",
                self.max
            ));
        }
    }
}

/// XML bytes as a string: UTF-16 with a byte order mark, else UTF-8 with
/// bad sequences replaced.
pub(crate) fn xml_string(bytes: &[u8]) -> String {
    let utf16 = |b: &[u8], le: bool| {
        let units = b.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect::<String>()
    };
    if let Some(b) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(b, true);
    }
    if let Some(b) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(b, false);
    }
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(b).into_owned()
}

/// A reader that forgives mismatched and unmatched end tags: we want the
/// text, not a validation.
pub(crate) fn xml_reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_str(xml);
    let c = r.config_mut();
    c.check_end_names = false;
    c.allow_unmatched_ends = true;
    c.allow_dangling_amp = true;
    c.check_comments = false;
    r
}

/// The text an entity or character reference stands for.
pub(crate) fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
}

/// The value of the attribute whose local name is `local` (any prefix).
pub(crate) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The value of a prefixed attribute (`r:id`, not `id`).
pub(crate) fn prefixed_attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local && a.key.as_ref() != local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// An XML read error as text, with where it happened.
fn xml_err(r: &Reader<&[u8]>, e: quick_xml::Error) -> String {
    format!("XML error at byte {}: {e}", r.error_position())
}

/// An XML event as the walkers see it, its text read out.
pub(crate) enum Xml<'e, 'a> {
    Start(&'e BytesStart<'a>),
    Empty(&'e BytesStart<'a>),
    End(&'e BytesEnd<'a>),
    /// Character data.
    Text(&'e str),
    /// A CDATA section.
    CData(&'e str),
    /// What an entity or character reference stands for (unknown entities
    /// are not handed on).
    Ref(&'e str),
}

/// Reads `xml` to the end, handing each event to `on` with the reader (to
/// skip an element's content). A read error, or an error from `on`, stops
/// it; a read error is given with where it happened.
pub(crate) fn walk_xml(
    xml: &str,
    mut on: impl FnMut(&mut Reader<&[u8]>, Xml<'_, '_>) -> Result<(), String>,
) -> Result<(), String> {
    let mut r = xml_reader(xml);
    loop {
        let ev = r.read_event().map_err(|e| xml_err(&r, e))?;
        let text;
        let x = match &ev {
            Event::Start(e) => Xml::Start(e),
            Event::Empty(e) => Xml::Empty(e),
            Event::End(e) => Xml::End(e),
            Event::Text(t) => {
                text = t.xml10_content();
                Xml::Text(&text)
            }
            Event::CData(t) => {
                text = t.xml10_content();
                Xml::CData(&text)
            }
            Event::GeneralRef(g) => match resolve_ref(g) {
                Some(v) => {
                    text = v.into();
                    Xml::Ref(&text)
                }
                None => continue,
            },
            Event::Eof => return Ok(()),
            _ => continue,
        };
        on(&mut r, x)?;
    }
}

/// Reads one XML part of a zip document, bounded by the limits; a problem
/// is a warning (noted in `out`) and `None`.
pub(crate) fn read_xml(
    doc: &mut ZipDoc<'_>,
    name: &str,
    sink: &mut dyn Sink,
    out: &mut Outcome,
) -> Option<String> {
    let cap = sink.limits().max_text.saturating_mul(4).max(1 << 20);
    match doc.read(name, cap, sink) {
        Ok(Some(b)) => Some(xml_string(&b)),
        Ok(None) => None,
        Err(p) => {
            sink.warn(&format!("{name}: {p}"));
            out.note(p);
            None
        }
    }
}

/// Notes a damaged XML part: what was read stays, the rest goes on.
pub(crate) fn xml_damage(name: &str, err: String, sink: &mut dyn Sink, out: &mut Outcome) {
    sink.warn(&format!("{name}: {err}"));
    out.note(Problem::Corrupt(format!("{name}: {err}")));
}

/// The text of elements `pick` names (label, text), in document order.
/// Used for document properties.
pub(crate) fn collect_fields(
    xml: &str,
    pick: impl Fn(&BytesStart<'_>) -> Option<String>,
) -> Result<Vec<(String, String)>, String> {
    let mut fields = Vec::new();
    let mut open: Option<(String, String, u32)> = None;
    let mut depth = 0u32;
    walk_xml(xml, |_, ev| {
        match ev {
            Xml::Start(e) => {
                depth += 1;
                if open.is_none()
                    && let Some(label) = pick(e)
                {
                    open = Some((label, String::new(), depth));
                }
            }
            Xml::End(_) => {
                if let Some((_, _, d)) = &open
                    && *d == depth
                    && let Some((label, text, _)) = open.take()
                {
                    let text = text.trim();
                    if !text.is_empty() {
                        fields.push((label, text.to_string()));
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Xml::Text(t) | Xml::CData(t) => {
                if let Some((_, s, _)) = &mut open
                    && s.len() < 1 << 20
                {
                    s.push_str(t);
                }
            }
            Xml::Ref(v) => {
                if let Some((_, s, _)) = &mut open {
                    s.push_str(v);
                }
            }
            Xml::Empty(_) => {}
        }
        Ok(())
    })?;
    Ok(fields)
}

/// Properties as "Label: value" lines, same labels joined with ", ".
pub(crate) fn emit_properties(fields: Vec<(String, String)>, sink: &mut dyn Sink) {
    let mut merged: Vec<(String, String)> = Vec::new();
    for (label, value) in fields {
        match merged.iter_mut().find(|(l, _)| *l == label) {
            Some((_, v)) => {
                v.push_str(", ");
                v.push_str(&value);
            }
            None => merged.push((label, value)),
        }
    }
    let mut part = Part::new(sink);
    for (label, value) in merged {
        part.push_str(&label);
        part.push_str(": ");
        part.push_str(&value);
        part.push('\n');
    }
    part.emit("properties", sink);
}

/// Sorts part names like `word/header10.xml` by their number.
fn by_number(names: &mut [String]) {
    let num = |s: &str| -> u64 {
        let digits: String = s
            .chars()
            .rev()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.parse().unwrap_or(0)
    };
    names.sort_by(|a, b| num(a).cmp(&num(b)).then_with(|| a.cmp(b)));
}

// ---------------------------------------------------------------------------
// Relationships (OPC).

struct Rel {
    id: String,
    kind: String,
    target: String,
}

/// The relationships of part `path` (from `dir/_rels/file.rels`), with
/// targets resolved to zip entry names. External targets are left out.
fn rels(doc: &mut ZipDoc<'_>, path: &str, sink: &mut dyn Sink, out: &mut Outcome) -> Vec<Rel> {
    let (dir, file) = match path.rfind('/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    };
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(xml) = read_xml(doc, &rels_name, sink, out) else {
        return Vec::new();
    };
    let mut r = xml_reader(&xml);
    let mut found = Vec::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                if attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                    continue;
                }
                if let (Some(id), Some(kind), Some(target)) =
                    (attr(&e, "Id"), attr(&e, "Type"), attr(&e, "Target"))
                {
                    found.push(Rel {
                        id,
                        kind,
                        target: resolve_target(dir, &target),
                    });
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                let err = xml_err(&r, e);
                xml_damage(&rels_name, err, sink, out);
                break;
            }
            _ => {}
        }
    }
    found
}

/// A relationship target relative to `dir`, as a zip entry name.
fn resolve_target(dir: &str, target: &str) -> String {
    let (mut parts, rest): (Vec<&str>, &str) = match target.strip_prefix('/') {
        Some(abs) => (Vec::new(), abs),
        None => (dir.split('/').filter(|s| !s.is_empty()).collect(), target),
    };
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

// ---------------------------------------------------------------------------
// Word.

/// Tracked changes of one kind, gathered across the document's parts.
struct Changes {
    part: Part,
    authors: Vec<String>,
    depth: u32,
    author: Option<String>,
    /// Document text came between this change and the last one.
    gap: bool,
    /// Text was added in the current paragraph.
    dirty: bool,
}

impl Changes {
    fn new(sink: &dyn Sink) -> Changes {
        Changes {
            part: Part::new(sink),
            authors: Vec::new(),
            depth: 0,
            author: None,
            gap: false,
            dirty: false,
        }
    }

    fn start(&mut self, author: Option<String>) {
        self.depth += 1;
        self.author = author;
    }

    fn end(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn add(&mut self, s: &str) {
        let s = if self.dirty { s } else { s.trim_start() };
        if s.is_empty() {
            return;
        }
        if let Some(a) = &self.author
            && !self.authors.contains(a)
            && self.authors.len() < 100
        {
            self.authors.push(a.clone());
        }
        if self.gap && self.dirty {
            self.part.push(' ');
        }
        self.gap = false;
        self.dirty = true;
        self.part.push_str(s);
    }

    fn end_paragraph(&mut self) {
        if self.dirty {
            self.part.push('\n');
        }
        self.dirty = false;
        self.gap = false;
    }

    fn emit(&self, location: &str, sink: &mut dyn Sink) {
        if self.part.is_blank() {
            return;
        }
        let mut p = self.part.with_authors(&self.authors);
        p.truncated |= self.part.truncated;
        p.emit(location, sink);
    }
}

/// Walks WordprocessingML parts; text boxes and tracked changes gather
/// across parts and are emitted at the end.
struct Word {
    ins: Changes,
    del: Changes,
    tbox: Part,
    tbox_depth: u32,
    /// Comments of `word/comments.xml`, each with its author line.
    comments: Vec<Part>,
}

impl Word {
    fn new(sink: &dyn Sink) -> Word {
        Word {
            ins: Changes::new(sink),
            del: Changes::new(sink),
            tbox: Part::new(sink),
            tbox_depth: 0,
            comments: Vec::new(),
        }
    }

    fn route(&mut self, cur: &mut Part, s: &str) {
        if self.tbox_depth > 0 {
            self.tbox.push_str(s);
        } else if self.del.depth > 0 {
            self.del.add(s);
        } else {
            cur.push_str(s);
            if self.ins.depth > 0 {
                self.ins.add(s);
            } else {
                self.ins.gap = true;
                self.del.gap = true;
            }
        }
    }

    fn target<'p>(&'p mut self, cur: &'p mut Part) -> &'p mut Part {
        if self.tbox_depth > 0 {
            &mut self.tbox
        } else {
            cur
        }
    }

    fn end_paragraph(&mut self, cur: &mut Part) {
        self.target(cur).push('\n');
        self.ins.end_paragraph();
        self.del.end_paragraph();
    }

    /// Walks one part into `cur`. With `comments`, each `w:comment`
    /// becomes its own part in `self.comments`.
    fn walk(&mut self, xml: &str, cur: &mut Part, comments: bool) -> Result<(), String> {
        let mut in_t = false;
        let mut ppr = 0u32;
        walk_xml(xml, |r, ev| {
            match ev {
                Xml::Start(e) => match e.local_name().as_ref() {
                    "t" | "delText" => in_t = true,
                    "pPr" => ppr += 1,
                    "ins" | "moveTo" => self.ins.start(attr(e, "author")),
                    "del" | "moveFrom" => self.del.start(attr(e, "author")),
                    "txbxContent" => self.tbox_depth += 1,
                    "Fallback" => {
                        let end = e.to_end().into_owned();
                        r.read_to_end(end.name()).map_err(|e| xml_err(r, e))?;
                    }
                    "comment" if comments => {
                        let mut p = cur.fresh();
                        if let Some(a) = attr(e, "author") {
                            p.push_str("Author: ");
                            p.push_str(&a);
                            p.push('\n');
                        }
                        let before = std::mem::replace(cur, p);
                        if !before.is_blank() {
                            self.comments.push(before);
                        }
                    }
                    _ => {}
                },
                Xml::Empty(e) => match e.local_name().as_ref() {
                    "tab" if ppr == 0 => self.route(cur, "\t"),
                    "br" | "cr" => self.route(cur, "\n"),
                    "noBreakHyphen" => self.route(cur, "-"),
                    "p" => self.end_paragraph(cur),
                    _ => {}
                },
                Xml::End(e) => match e.local_name().as_ref() {
                    "t" | "delText" => in_t = false,
                    "pPr" => ppr = ppr.saturating_sub(1),
                    "p" => self.end_paragraph(cur),
                    "tc" => self.target(cur).end_cell(),
                    "tr" => self.target(cur).end_row(),
                    "ins" | "moveTo" => self.ins.end(),
                    "del" | "moveFrom" => self.del.end(),
                    "txbxContent" => {
                        self.tbox_depth = self.tbox_depth.saturating_sub(1);
                        self.tbox.push('\n');
                    }
                    "comment" if comments => {
                        let fresh = cur.fresh();
                        self.comments.push(std::mem::replace(cur, fresh));
                    }
                    _ => {}
                },
                Xml::Text(t) | Xml::CData(t) | Xml::Ref(t) if in_t => self.route(cur, t),
                _ => {}
            }
            Ok(())
        })?;
        if comments && !cur.is_blank() {
            let fresh = cur.fresh();
            self.comments.push(std::mem::replace(cur, fresh));
        }
        Ok(())
    }

    /// Reads part `name` and emits it at `location`.
    fn part(
        &mut self,
        doc: &mut ZipDoc<'_>,
        name: &str,
        location: &str,
        sink: &mut dyn Sink,
        out: &mut Outcome,
    ) {
        let Some(xml) = read_xml(doc, name, sink, out) else {
            return;
        };
        let mut cur = Part::new(sink);
        let res = self.walk(&xml, &mut cur, false);
        cur.emit(location, sink);
        if let Err(e) = res {
            xml_damage(name, e, sink, out);
        }
    }
}

/// The main part a package's root relationships point to, else `default`.
fn main_part(
    doc: &mut ZipDoc<'_>,
    default: &str,
    sink: &mut dyn Sink,
    out: &mut Outcome,
) -> String {
    rels(doc, "", sink, out)
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument") && doc.has(&r.target))
        .map(|r| r.target)
        .unwrap_or_else(|| default.to_string())
}

fn office_properties(doc: &mut ZipDoc<'_>, sink: &mut dyn Sink, out: &mut Outcome) {
    let mut fields = Vec::new();
    let core: &[(&str, &str)] = &[
        ("creator", "Author"),
        ("lastModifiedBy", "Last modified by"),
        ("title", "Title"),
        ("subject", "Subject"),
        ("description", "Description"),
        ("keywords", "Keywords"),
        ("category", "Category"),
        ("Company", "Company"),
        ("Manager", "Manager"),
    ];
    for name in ["docProps/core.xml", "docProps/app.xml"] {
        if let Some(xml) = read_xml(doc, name, sink, out) {
            let pick = |e: &BytesStart<'_>| {
                let l = e.local_name();
                core.iter()
                    .find(|(k, _)| *k == l.as_ref())
                    .map(|(_, label)| label.to_string())
            };
            match collect_fields(&xml, pick) {
                Ok(f) => fields.extend(f),
                Err(e) => xml_damage(name, e, sink, out),
            }
        }
    }
    if let Some(xml) = read_xml(doc, "docProps/custom.xml", sink, out) {
        let pick = |e: &BytesStart<'_>| {
            (e.local_name().as_ref() == "property")
                .then(|| attr(e, "name"))
                .flatten()
        };
        match collect_fields(&xml, pick) {
            Ok(f) => fields.extend(f),
            Err(e) => xml_damage("docProps/custom.xml", e, sink, out),
        }
    }
    emit_properties(fields, sink);
}

/// A Word document (`.docx`, `.docm`, `.dotx`).
pub fn docx(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut doc = open_zip(bytes, "docx")?;
    let mut out = Outcome::default();
    let main = main_part(&mut doc, "word/document.xml", sink, &mut out);
    if !doc.has(&main) {
        return Err(Problem::Corrupt(format!("docx without {main}")));
    }
    let mut w = Word::new(sink);
    w.part(&mut doc, &main, "body", sink, &mut out);

    let names = doc.names();
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    for (prefix, location) in [("header", "header"), ("footer", "footer")] {
        let mut found: Vec<String> = names
            .iter()
            .filter(|n| {
                n.strip_prefix(&dir)
                    .and_then(|r| r.strip_prefix('/'))
                    .is_some_and(|f| {
                        f.starts_with(prefix) && f.ends_with(".xml") && !f.contains('/')
                    })
            })
            .cloned()
            .collect();
        by_number(&mut found);
        for name in found {
            w.part(&mut doc, &name, location, sink, &mut out);
        }
    }
    for (file, location) in [("footnotes.xml", "footnotes"), ("endnotes.xml", "endnotes")] {
        w.part(&mut doc, &format!("{dir}/{file}"), location, sink, &mut out);
    }
    let comments_name = format!("{dir}/comments.xml");
    if let Some(xml) = read_xml(&mut doc, &comments_name, sink, &mut out) {
        let mut cur = Part::new(sink);
        let res = w.walk(&xml, &mut cur, true);
        for (i, c) in w.comments.iter().enumerate() {
            c.emit(&format!("comment {}", i + 1), sink);
        }
        if let Err(e) = res {
            xml_damage(&comments_name, e, sink, &mut out);
        }
    }
    w.tbox.emit("text box", sink);
    w.ins.emit("tracked insertion", sink);
    w.del.emit("tracked deletion", sink);
    office_properties(&mut doc, sink, &mut out);
    doc.members_under(&format!("{dir}/embeddings/"), sink, &mut out);
    out.finish()
}

// ---------------------------------------------------------------------------
// PowerPoint.

/// Walks DrawingML text (slides, notes): `a:t` runs, paragraphs as lines,
/// table cells separated by tabs; slide-number fields are skipped.
fn walk_dml(xml: &str, cur: &mut Part) -> Result<(), String> {
    let mut in_t = false;
    walk_xml(xml, |r, ev| {
        match ev {
            Xml::Start(e) => match e.local_name().as_ref() {
                "t" => in_t = true,
                "fld" if attr(e, "type").as_deref() == Some("slidenum") => {
                    let end = e.to_end().into_owned();
                    r.read_to_end(end.name()).map_err(|e| xml_err(r, e))?;
                }
                "Fallback" => {
                    let end = e.to_end().into_owned();
                    r.read_to_end(end.name()).map_err(|e| xml_err(r, e))?;
                }
                _ => {}
            },
            Xml::Empty(e) => match e.local_name().as_ref() {
                "br" => cur.push('\n'),
                "p" => cur.push('\n'),
                _ => {}
            },
            Xml::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "p" => cur.push('\n'),
                "tc" => cur.end_cell(),
                "tr" => cur.end_row(),
                _ => {}
            },
            Xml::Text(t) | Xml::CData(t) | Xml::Ref(t) if in_t => cur.push_str(t),
            _ => {}
        }
        Ok(())
    })
}

/// Comments on one slide (legacy `p:cm` with `p:text`, or modern
/// `p188:cm` and replies with DrawingML text), each with its author.
fn walk_comments(
    xml: &str,
    authors: &HashMap<String, String>,
    sink: &dyn Sink,
) -> Result<Vec<Part>, String> {
    let mut in_t = false;
    let mut open: Vec<Part> = Vec::new();
    let mut done = Vec::new();
    walk_xml(xml, |_, ev| {
        match ev {
            Xml::Start(e) => match e.local_name().as_ref() {
                "cm" | "reply" => {
                    let mut p = Part::new(sink);
                    if let Some(name) = attr(e, "authorId").and_then(|id| authors.get(&id)) {
                        p.push_str("Author: ");
                        p.push_str(name);
                        p.push('\n');
                    }
                    open.push(p);
                }
                "t" | "text" => in_t = true,
                _ => {}
            },
            Xml::End(e) => match e.local_name().as_ref() {
                "cm" | "reply" => done.extend(open.pop()),
                "t" | "text" => in_t = false,
                "p" => {
                    if let Some(p) = open.last_mut() {
                        p.push('\n');
                    }
                }
                _ => {}
            },
            // CDATA is not read here.
            Xml::Text(t) | Xml::Ref(t) if in_t => {
                if let Some(p) = open.last_mut() {
                    p.push_str(t);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    done.extend(open);
    Ok(done)
}

/// Comment authors by id, from `ppt/commentAuthors.xml` (legacy) and
/// `ppt/authors.xml` (modern).
fn comment_authors(
    doc: &mut ZipDoc<'_>,
    sink: &mut dyn Sink,
    out: &mut Outcome,
) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for name in ["ppt/commentAuthors.xml", "ppt/authors.xml"] {
        let Some(xml) = read_xml(doc, name, sink, out) else {
            continue;
        };
        let mut r = xml_reader(&xml);
        loop {
            match r.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if matches!(e.local_name().as_ref(), "cmAuthor" | "author") =>
                {
                    if let (Some(id), Some(n)) = (attr(&e, "id"), attr(&e, "name")) {
                        map.insert(id, n);
                    }
                }
                Ok(Event::Eof) => break,
                Err(e) => {
                    let err = xml_err(&r, e);
                    xml_damage(name, err, sink, out);
                    break;
                }
                _ => {}
            }
        }
    }
    map
}

/// Slide part names in presentation order: `p:sldIdLst` through the
/// presentation's relationships, else `ppt/slides/slideN.xml` by number.
fn slide_order(
    doc: &mut ZipDoc<'_>,
    main: &str,
    sink: &mut dyn Sink,
    out: &mut Outcome,
) -> Vec<String> {
    let mut ids = Vec::new();
    if let Some(xml) = read_xml(doc, main, sink, out) {
        let mut r = xml_reader(&xml);
        loop {
            match r.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sldId" => {
                    ids.extend(prefixed_attr(&e, "id"));
                }
                Ok(Event::Eof) => break,
                Err(e) => {
                    let err = xml_err(&r, e);
                    xml_damage(main, err, sink, out);
                    break;
                }
                _ => {}
            }
        }
    }
    let by_id: HashMap<String, String> = rels(doc, main, sink, out)
        .into_iter()
        .map(|r| (r.id, r.target))
        .collect();
    let mut slides: Vec<String> = ids
        .iter()
        .filter_map(|id| by_id.get(id))
        .filter(|t| doc.has(t))
        .cloned()
        .collect();
    if slides.is_empty() {
        slides = doc
            .names()
            .into_iter()
            .filter(|n| {
                n.strip_prefix("ppt/slides/slide")
                    .and_then(|r| r.strip_suffix(".xml"))
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            })
            .collect();
        by_number(&mut slides);
    }
    slides
}

/// A PowerPoint presentation (`.pptx`, `.pptm`, `.ppsx`, `.potx`).
pub fn pptx(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut doc = open_zip(bytes, "pptx")?;
    let mut out = Outcome::default();
    let main = main_part(&mut doc, "ppt/presentation.xml", sink, &mut out);
    let slides = slide_order(&mut doc, &main, sink, &mut out);
    if slides.is_empty() && !doc.has(&main) {
        return Err(Problem::Corrupt(format!("pptx without {main} or slides")));
    }
    let authors = comment_authors(&mut doc, sink, &mut out);
    for (i, slide) in slides.iter().enumerate() {
        let n = i + 1;
        if let Some(xml) = read_xml(&mut doc, slide, sink, &mut out) {
            let mut cur = Part::new(sink);
            let res = walk_dml(&xml, &mut cur);
            cur.emit(&format!("slide {n}"), sink);
            if let Err(e) = res {
                xml_damage(slide, e, sink, &mut out);
            }
        }
        for rel in rels(&mut doc, slide, sink, &mut out) {
            if rel.kind.ends_with("/notesSlide") {
                if let Some(xml) = read_xml(&mut doc, &rel.target, sink, &mut out) {
                    let mut cur = Part::new(sink);
                    let res = walk_dml(&xml, &mut cur);
                    cur.emit(&format!("slide {n} notes"), sink);
                    if let Err(e) = res {
                        xml_damage(&rel.target, e, sink, &mut out);
                    }
                }
            } else if rel.kind.ends_with("/comments")
                && let Some(xml) = read_xml(&mut doc, &rel.target, sink, &mut out)
            {
                let res = walk_comments(&xml, &authors, sink);
                match res {
                    Ok(parts) => {
                        for p in parts {
                            p.emit(&format!("slide {n} comment"), sink);
                        }
                    }
                    Err(e) => xml_damage(&rel.target, e, sink, &mut out),
                }
            }
        }
    }
    office_properties(&mut doc, sink, &mut out);
    doc.members_under("ppt/embeddings/", sink, &mut out);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::archive::tests::{make_zip, run};
    use crate::extract::document::CollectSink;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn word_doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W} xmlns:mc="m"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn texts(s: &CollectSink, loc: &str) -> Vec<String> {
        s.texts
            .iter()
            .filter(|(l, _)| l == loc)
            .map(|(_, t)| t.clone())
            .collect()
    }

    fn sample_docx() -> Vec<u8> {
        let body = word_doc(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t xml:space="preserve">Name: </w:t></w:r><w:r><w:t>Robert SMITH</w:t></w:r><w:r><w:tab/><w:t>NI QQ123456C</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Lives at</w:t></w:r><w:ins w:id="1" w:author="Jane DOE"><w:r><w:t xml:space="preserve"> SW1A 1AA</w:t></w:r></w:ins>"#,
            r#"<w:del w:id="2" w:author="Jane DOE"><w:r><w:delText>old address</w:delText></w:r></w:del><w:r><w:br/><w:t>Tom &amp; Jerry &#169;</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Surname</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>DOB</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:p><w:r><w:t>SMITH</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>01/02/1980</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"#,
            r#"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            r#"<w:p><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>End.</w:t></w:r></w:p>"#,
        ));
        let comments = format!(
            r#"<w:comments {W}><w:comment w:id="0" w:author="Jane DOE" w:initials="JD"><w:p><w:r><w:t>Check the DOB</w:t></w:r></w:p></w:comment><w:comment w:id="1" w:author="Al BLOGGS"><w:p><w:r><w:t>Redact this</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        let header =
            format!(r#"<w:hdr {W}><w:p><w:r><w:t>OFFICIAL SENSITIVE</w:t></w:r></w:p></w:hdr>"#);
        let footer = format!(r#"<w:ftr {W}><w:p><w:r><w:t>Page footer</w:t></w:r></w:p></w:ftr>"#);
        let footnotes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Source: custody record</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let core = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title>Statement</dc:title><dc:creator>Robert SMITH</dc:creator><cp:lastModifiedBy>Jane DOE</cp:lastModifiedBy></cp:coreProperties>"#;
        let app = r#"<Properties xmlns="x"><Company>Example Police</Company><Manager>Al BLOGGS</Manager></Properties>"#;
        let custom = r#"<Properties xmlns:vt="v"><property name="Case ref" fmtid="x" pid="2"><vt:lpwstr>CR/0142</vt:lpwstr></property></Properties>"#;
        make_zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", body.as_bytes()),
            ("word/comments.xml", comments.as_bytes()),
            ("word/header2.xml", header.as_bytes()),
            ("word/footer1.xml", footer.as_bytes()),
            ("word/footnotes.xml", footnotes.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
            ("docProps/app.xml", app.as_bytes()),
            ("docProps/custom.xml", custom.as_bytes()),
            ("word/embeddings/oleObject1.bin", b"embedded bytes"),
        ])
    }

    #[test]
    fn docx_parts_and_locations() {
        let (s, r) = run(docx, &sample_docx());
        assert_eq!(r, Ok(()), "{:?}", s.warnings);
        let body = &texts(&s, "body")[0];
        assert_eq!(
            body,
            "Name: Robert SMITH\tNI QQ123456C\nLives at SW1A 1AA\nTom & Jerry ©\nSurname\tDOB\nSMITH\t01/02/1980\n\nEnd."
        );
        let cases: &[(&str, &[&str])] = &[
            ("tracked insertion", &["Author: Jane DOE\nSW1A 1AA"]),
            ("tracked deletion", &["Author: Jane DOE\nold address"]),
            ("text box", &["Boxed note"]),
            ("comment 1", &["Author: Jane DOE\nCheck the DOB"]),
            ("comment 2", &["Author: Al BLOGGS\nRedact this"]),
            ("header", &["OFFICIAL SENSITIVE"]),
            ("footer", &["Page footer"]),
            ("footnotes", &["Source: custody record"]),
            (
                "properties",
                &[
                    "Title: Statement\nAuthor: Robert SMITH\nLast modified by: Jane DOE\nCompany: Example Police\nManager: Al BLOGGS\nCase ref: CR/0142",
                ],
            ),
        ];
        for (loc, want) in cases {
            assert_eq!(texts(&s, loc), *want, "{loc}\n{}", s.all_text());
        }
        assert_eq!(
            s.members,
            vec![(
                "word/embeddings/oleObject1.bin".to_string(),
                b"embedded bytes".to_vec()
            )]
        );
    }

    #[test]
    fn docx_hostile_inputs() {
        // No document part.
        let z = make_zip(&[("word/styles.xml", b"<x/>")]);
        assert!(matches!(run(docx, &z).1, Err(Problem::Corrupt(_))));
        // Garbage and truncation: an error, never a panic.
        assert!(matches!(
            run(docx, b"PK\x03\x04garbage").1,
            Err(Problem::Corrupt(_))
        ));
        let full = sample_docx();
        for cut in [10, full.len() / 3, full.len() - 30] {
            assert!(run(docx, &full[..cut]).1.is_err());
        }
        // Broken XML: what came before the damage is kept.
        let broken = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>Robert SMITH</w:t></w:r></w:p><w:p w:rsidR="00"#
        );
        let z = make_zip(&[("word/document.xml", broken.as_bytes())]);
        let (s, r) = run(docx, &z);
        assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        assert!(s.all_text().contains("Robert SMITH"));
        // A document part that is a zip bomb.
        let bomb = word_doc(&"<w:p/>".repeat(2 << 20));
        let z = make_zip(&[("word/document.xml", bomb.as_bytes())]);
        assert!(matches!(run(docx, &z).1, Err(Problem::Limit(_))));
    }

    #[test]
    fn docx_text_cut_at_max_text() {
        let body = word_doc(&format!(
            "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
            "é".repeat(100)
        ));
        let z = make_zip(&[("word/document.xml", body.as_bytes())]);
        let mut s = CollectSink::default();
        s.limits.max_text = 51;
        assert_eq!(docx(&z, &mut s), Ok(()));
        assert_eq!(texts(&s, "body"), ["é".repeat(25)]);
        assert!(s.warnings.iter().any(|w| w.contains("max_text")));
    }

    fn slide(text: &str) -> String {
        format!(
            r#"<p:sld xmlns:p="p" xmlns:a="a"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p><a:p><a:fld type="slidenum"><a:t>9</a:t></a:fld><a:r><a:t>second line</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"#
        )
    }

    #[test]
    fn pptx_slides_in_presentation_order_with_notes_and_comments() {
        let pres = r#"<p:presentation xmlns:p="p" xmlns:r="r"><p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/></p:sldIdLst></p:presentation>"#;
        let pres_rels = r#"<Relationships><Relationship Id="rId2" Type="http://x/slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="http://x/slide" Target="/ppt/slides/slide2.xml"/></Relationships>"#;
        let s1_rels = r#"<Relationships><Relationship Id="rId1" Type="http://x/notesSlide" Target="../notesSlides/notesSlide7.xml"/><Relationship Id="rId2" Type="http://x/comments" Target="../comments/comment1.xml"/></Relationships>"#;
        let notes = r#"<p:notes xmlns:p="p" xmlns:a="a"><a:p><a:r><a:t>Speaker: mention Robert SMITH</a:t></a:r></a:p></p:notes>"#;
        let comments = r#"<p:cmLst xmlns:p="p"><p:cm authorId="0" idx="1"><p:pos x="1" y="1"/><p:text>Is QQ123456C right?</p:text></p:cm></p:cmLst>"#;
        let authors = r#"<p:cmAuthorLst xmlns:p="p"><p:cmAuthor id="0" name="Jane DOE" initials="JD"/></p:cmAuthorLst>"#;
        let core = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:creator>Al BLOGGS</dc:creator></cp:coreProperties>"#;
        let (s1, s2) = (
            slide("First file, second slide"),
            slide("Second file, first slide"),
        );
        let z = make_zip(&[
            ("ppt/presentation.xml", pres.as_bytes()),
            ("ppt/_rels/presentation.xml.rels", pres_rels.as_bytes()),
            ("ppt/slides/slide1.xml", s1.as_bytes()),
            ("ppt/slides/slide2.xml", s2.as_bytes()),
            ("ppt/slides/_rels/slide1.xml.rels", s1_rels.as_bytes()),
            ("ppt/notesSlides/notesSlide7.xml", notes.as_bytes()),
            ("ppt/comments/comment1.xml", comments.as_bytes()),
            ("ppt/commentAuthors.xml", authors.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
        ]);
        let (s, r) = run(pptx, &z);
        assert_eq!(r, Ok(()), "{:?}", s.warnings);
        let want = [
            ("slide 1", "Second file, first slide\nsecond line"),
            ("slide 2", "First file, second slide\nsecond line"),
            ("slide 2 notes", "Speaker: mention Robert SMITH"),
            ("slide 2 comment", "Author: Jane DOE\nIs QQ123456C right?"),
            ("properties", "Author: Al BLOGGS"),
        ];
        let got: Vec<(&str, &str)> = s
            .texts
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn pptx_without_presentation_falls_back_to_file_numbers() {
        let (a, b) = (slide("two"), slide("ten"));
        let z = make_zip(&[
            ("ppt/slides/slide10.xml", b.as_bytes()),
            ("ppt/slides/slide2.xml", a.as_bytes()),
        ]);
        let (s, r) = run(pptx, &z);
        assert_eq!(r, Ok(()));
        assert_eq!(texts(&s, "slide 1"), ["two\nsecond line"]);
        assert_eq!(texts(&s, "slide 2"), ["ten\nsecond line"]);
        assert!(matches!(
            run(pptx, &make_zip(&[("x", b"y")])).1,
            Err(Problem::Corrupt(_))
        ));
    }

    /// Flipped bytes and cuts anywhere: every zip-family reader returns,
    /// none panics.
    #[test]
    fn mutations_never_panic() {
        let base = sample_docx();
        type Extractor = fn(&[u8], &mut dyn Sink) -> Result<(), Problem>;
        let readers: [Extractor; 7] = [
            docx,
            pptx,
            crate::extract::odf::odt,
            crate::extract::odf::odp,
            crate::extract::archive::zip,
            crate::extract::archive::gzip,
            crate::extract::archive::tar,
        ];
        let mut x = 0x2545_F491u32;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as usize
        };
        for round in 0..300 {
            let mut b = base.clone();
            for _ in 0..1 + round % 8 {
                let i = next() % b.len();
                b[i] = next() as u8;
            }
            if round % 5 == 0 {
                b.truncate(next() % b.len());
            }
            for f in readers {
                let _ = run(f, &b);
            }
        }
    }

    #[test]
    fn targets_resolve() {
        assert_eq!(
            resolve_target("ppt/slides", "../notesSlides/n1.xml"),
            "ppt/notesSlides/n1.xml"
        );
        assert_eq!(
            resolve_target("ppt", "/ppt/slides/s.xml"),
            "ppt/slides/s.xml"
        );
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve_target("a", "../../../x"), "x");
    }
}

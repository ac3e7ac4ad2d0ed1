//! OpenDocument text and presentations (`.odt`, `.odp` and templates),
//! read from the zip's `content.xml`, `styles.xml` and `meta.xml` with the
//! XML walker shared with the Office reader, so every part is bounded by
//! the limits.
//!
//! Text documents: "body" (paragraphs and headings as lines, `text:s`
//! spaces, tabs and line breaks kept, table cells separated by tabs),
//! "footnotes", "endnotes", "text box", "comment N" (each annotation in
//! order, starting "Author: …"), "tracked insertion" and "tracked
//! deletion" (text of unaccepted changes, with their authors: deleted
//! text is kept only in the change record, which still discloses it),
//! "header" and "footer" (from the master pages in `styles.xml`), and
//! "properties" (author, last modified by, title, subject, description,
//! keywords, printed by, and user-defined fields, from `meta.xml`).
//!
//! Presentations: "slide N" for each `draw:page` in order, "slide N notes"
//! and "slide N comment", plus the properties.
//!
//! An encrypted document (its manifest has `manifest:encryption-data` for
//! `content.xml`) is [`Problem::Encrypted`], after its properties, which
//! OpenDocument leaves unencrypted, have been read.
//!
//! Not read: embedded objects (`Object N/`: charts, formulas, embedded
//! documents), images, alternative text of frames, form controls, and the
//! placeholder text of presentation master pages. Spreadsheets (`.ods`)
//! are read elsewhere (sheets.rs).

use std::collections::HashSet;

use quick_xml::events::{BytesStart, Event};

use super::archive::{Outcome, ZipDoc, open_zip};
use super::document::{Problem, Sink};
use super::ooxml::{
    Part, Xml, attr, collect_fields, emit_properties, read_xml, walk_xml, xml_damage, xml_reader,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    Skip,
    Body,
    Slide,
    Notes,
    Comment,
    /// `dc:creator` of a comment or a tracked change.
    Author,
    /// The change record of an insertion (its author only).
    InsInfo,
    Deletion,
    Footnote,
    Endnote,
    TextBox,
    Header,
    Footer,
}

/// Tracked changes of one kind, with their authors.
struct Tracked {
    part: Part,
    authors: Vec<String>,
}

impl Tracked {
    fn add_author(&mut self, a: &str) {
        let a = a.trim();
        if !a.is_empty() && !self.authors.iter().any(|x| x == a) && self.authors.len() < 100 {
            self.authors.push(a.to_string());
        }
    }

    fn emit(&self, location: &str, sink: &mut dyn Sink) {
        if self.part.is_blank() {
            return;
        }
        self.part.with_authors(&self.authors).emit(location, sink);
    }
}

struct Odf {
    presentation: bool,
    /// Reading `styles.xml`: only headers and footers count.
    styles: bool,
    body: Part,
    notes: Part,
    footnotes: Part,
    endnotes: Part,
    tbox: Part,
    header: Part,
    footer: Part,
    comment: Part,
    comment_author: String,
    author: String,
    /// Finished comments (text documents) or this slide's (presentations).
    comments: Vec<Part>,
    ins: Tracked,
    del: Tracked,
    ins_ids: HashSet<String>,
    region: Option<String>,
    ins_active: u32,
    slide: usize,
    para: u32,
    stack: Vec<(u32, Target)>,
    depth: u32,
}

impl Odf {
    fn new(sink: &dyn Sink, presentation: bool) -> Odf {
        let p = || Part::new(sink);
        Odf {
            presentation,
            styles: false,
            body: p(),
            notes: p(),
            footnotes: p(),
            endnotes: p(),
            tbox: p(),
            header: p(),
            footer: p(),
            comment: p(),
            comment_author: String::new(),
            author: String::new(),
            comments: Vec::new(),
            ins: Tracked {
                part: p(),
                authors: Vec::new(),
            },
            del: Tracked {
                part: p(),
                authors: Vec::new(),
            },
            ins_ids: HashSet::new(),
            region: None,
            ins_active: 0,
            slide: 0,
            para: 0,
            stack: Vec::new(),
            depth: 0,
        }
    }

    fn target(&self) -> Target {
        match self.stack.last() {
            Some((_, t)) => *t,
            None if self.styles || self.presentation => Target::Skip,
            None => Target::Body,
        }
    }

    fn part(&mut self, t: Target) -> Option<&mut Part> {
        Some(match t {
            Target::Body | Target::Slide => &mut self.body,
            Target::Notes => &mut self.notes,
            Target::Comment => &mut self.comment,
            Target::Deletion => &mut self.del.part,
            Target::Footnote => &mut self.footnotes,
            Target::Endnote => &mut self.endnotes,
            Target::TextBox => &mut self.tbox,
            Target::Header => &mut self.header,
            Target::Footer => &mut self.footer,
            Target::Skip | Target::Author | Target::InsInfo => return None,
        })
    }

    fn text(&mut self, s: &str) {
        let t = self.target();
        if t == Target::Author {
            if self.author.len() < 4096 {
                self.author.push_str(s);
            }
            return;
        }
        if self.para == 0 {
            return;
        }
        if let Some(p) = self.part(t) {
            p.push_str(s);
        }
        if matches!(t, Target::Body | Target::Slide) && self.ins_active > 0 {
            self.ins.part.push_str(s);
        }
    }

    /// Character data: whitespace runs collapse to one space, as the
    /// OpenDocument rules say (explicit spaces are `text:s`).
    fn chars(&mut self, s: &str) {
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                out.push(c);
                space = false;
            }
        }
        self.text(&out);
    }

    fn newline(&mut self) {
        let t = self.target();
        if let Some(p) = self.part(t) {
            p.push('\n');
        }
        if matches!(t, Target::Body | Target::Slide) && self.ins_active > 0 {
            self.ins.part.push('\n');
        }
    }

    fn push(&mut self, t: Target) {
        let t = if self.styles && !matches!(t, Target::Header | Target::Footer) {
            self.target()
        } else {
            t
        };
        self.stack.push((self.depth, t));
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "p" | "h" => self.para += 1,
            "annotation" => {
                self.comment = self.comment.fresh();
                self.comment_author.clear();
                self.push(Target::Comment);
            }
            "creator" => {
                self.author.clear();
                self.push(Target::Author);
            }
            "changed-region" => self.region = attr(e, "id"),
            "insertion" => {
                if let Some(id) = &self.region {
                    self.ins_ids.insert(id.clone());
                }
                self.push(Target::InsInfo);
            }
            "deletion" => self.push(Target::Deletion),
            "format-change" | "note-citation" | "creator-initials" | "sender-initials" => {
                self.push(Target::Skip)
            }
            // The date of a comment or change (`text:date` is a date field
            // in the text, and is read).
            "date" if e.name().as_ref() == "dc:date" => self.push(Target::Skip),
            "note" => {
                if attr(e, "note-class").as_deref() == Some("endnote") {
                    self.push(Target::Endnote);
                } else {
                    self.push(Target::Footnote);
                }
            }
            // In a presentation every slide's text is in text boxes.
            "text-box" if !self.presentation => self.push(Target::TextBox),
            "page" if self.presentation && !self.styles => {
                self.slide += 1;
                self.body = self.body.fresh();
                self.notes = self.notes.fresh();
                self.comments.clear();
                self.push(Target::Slide);
            }
            "notes" if self.presentation => self.push(Target::Notes),
            "header" | "header-left" | "header-first" => self.push(Target::Header),
            "footer" | "footer-left" | "footer-first" => self.push(Target::Footer),
            _ => {}
        }
    }

    fn is_insertion(&self, e: &BytesStart<'_>) -> bool {
        attr(e, "change-id").is_some_and(|id| self.ins_ids.contains(&id))
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "p" | "h" => {
                self.para += 1;
                self.newline();
                self.para -= 1;
            }
            "tab" => self.text("\t"),
            "line-break" => self.text("\n"),
            "s" => {
                let n = attr(e, "c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                self.text(&" ".repeat(n));
            }
            "change-start" if self.is_insertion(e) => self.ins_active += 1,
            "change-end" if self.is_insertion(e) => {
                self.ins_active = self.ins_active.saturating_sub(1);
                self.ins.part.push('\n');
            }
            _ => {}
        }
    }

    fn end(&mut self, local: &str, sink: &mut dyn Sink) {
        match local {
            "p" | "h" => {
                self.newline();
                self.para = self.para.saturating_sub(1);
            }
            "table-cell" | "covered-table-cell" => {
                let t = self.target();
                if let Some(p) = self.part(t) {
                    p.end_cell();
                }
            }
            "table-row" => {
                let t = self.target();
                if let Some(p) = self.part(t) {
                    p.end_row();
                }
            }
            _ => {}
        }
        if let Some(&(d, t)) = self.stack.last()
            && d == self.depth
        {
            self.stack.pop();
            self.finish(t, sink);
        }
    }

    /// An element that chose a target has ended.
    fn finish(&mut self, t: Target, sink: &mut dyn Sink) {
        match t {
            Target::Author => {
                let a = std::mem::take(&mut self.author);
                let a = a.trim();
                let within = self
                    .stack
                    .iter()
                    .rev()
                    .find(|(_, t)| {
                        matches!(t, Target::Comment | Target::Deletion | Target::InsInfo)
                    })
                    .map(|(_, t)| *t);
                match within {
                    Some(Target::Comment) => self.comment_author = a.to_string(),
                    Some(Target::Deletion) => self.del.add_author(a),
                    Some(Target::InsInfo) => self.ins.add_author(a),
                    _ => {}
                }
            }
            Target::Comment => {
                let mut p = self.comment.fresh();
                if !self.comment_author.is_empty() {
                    p.push_str("Author: ");
                    p.push_str(&self.comment_author);
                    p.push('\n');
                }
                p.push_str(self.comment.text());
                if !self.comment.is_blank() || !self.comment_author.is_empty() {
                    self.comments.push(p);
                }
            }
            Target::Deletion => self.del.part.push('\n'),
            Target::TextBox => self.tbox.push('\n'),
            Target::Slide => {
                let n = self.slide;
                self.body.emit(&format!("slide {n}"), sink);
                self.notes.emit(&format!("slide {n} notes"), sink);
                for c in self.comments.drain(..) {
                    c.emit(&format!("slide {n} comment"), sink);
                }
            }
            _ => {}
        }
    }

    fn walk(&mut self, xml: &str, sink: &mut dyn Sink) -> Result<(), String> {
        walk_xml(xml, |_, ev| {
            match ev {
                Xml::Start(e) => {
                    self.depth += 1;
                    self.start(e);
                }
                Xml::Empty(e) => self.empty(e),
                Xml::End(e) => {
                    let local = e.local_name();
                    self.end(local.as_ref(), sink);
                    self.depth = self.depth.saturating_sub(1);
                }
                Xml::Text(t) | Xml::CData(t) => self.chars(t),
                Xml::Ref(v) => self.text(v),
            }
            Ok(())
        })
    }
}

/// Entries the manifest says are encrypted.
fn encrypted_entries(
    doc: &mut ZipDoc<'_>,
    sink: &mut dyn Sink,
    out: &mut Outcome,
) -> HashSet<String> {
    let mut set = HashSet::new();
    let name = "META-INF/manifest.xml";
    let Some(xml) = read_xml(doc, name, sink, out) else {
        return set;
    };
    let mut r = xml_reader(&xml);
    let mut path: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "file-entry" => {
                path = attr(&e, "full-path");
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "file-entry" => path = None,
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == "encryption-data" =>
            {
                if let Some(p) = &path {
                    set.insert(p.clone());
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                let err = format!("XML error at byte {}: {e}", r.error_position());
                xml_damage(name, err, sink, out);
                break;
            }
            _ => {}
        }
    }
    set
}

fn odf_properties(doc: &mut ZipDoc<'_>, sink: &mut dyn Sink, out: &mut Outcome) {
    let name = "meta.xml";
    let Some(xml) = read_xml(doc, name, sink, out) else {
        return;
    };
    let pick = |e: &BytesStart<'_>| {
        let label = match e.local_name().as_ref() {
            "initial-creator" => "Author",
            "creator" => "Last modified by",
            "title" => "Title",
            "subject" => "Subject",
            "description" => "Description",
            "keyword" => "Keywords",
            "printed-by" => "Printed by",
            "user-defined" => return attr(e, "name"),
            _ => return None,
        };
        Some(label.to_string())
    };
    match collect_fields(&xml, pick) {
        Ok(fields) => emit_properties(fields, sink),
        Err(e) => xml_damage(name, e, sink, out),
    }
}

fn read(bytes: &[u8], sink: &mut dyn Sink, presentation: bool) -> Result<(), Problem> {
    let what = if presentation { "odp" } else { "odt" };
    let mut doc = open_zip(bytes, what)?;
    let mut out = Outcome::default();
    let encrypted = encrypted_entries(&mut doc, sink, &mut out);
    if !encrypted.contains("meta.xml") {
        odf_properties(&mut doc, sink, &mut out);
    }
    if encrypted.contains("content.xml") {
        return Err(Problem::Encrypted);
    }
    if !doc.has("content.xml") {
        return Err(Problem::Corrupt(format!("{what} without content.xml")));
    }
    let mut odf = Odf::new(sink, presentation);
    if let Some(xml) = read_xml(&mut doc, "content.xml", sink, &mut out) {
        let res = odf.walk(&xml, sink);
        if let Err(e) = res {
            // What was read before the damage is still handed over.
            while let Some((_, t)) = odf.stack.pop() {
                odf.finish(t, sink);
            }
            xml_damage("content.xml", e, sink, &mut out);
        }
    }
    if !presentation {
        odf.body.emit("body", sink);
    }
    odf.footnotes.emit("footnotes", sink);
    odf.endnotes.emit("endnotes", sink);
    odf.tbox.emit("text box", sink);
    if !presentation {
        for (i, c) in odf.comments.iter().enumerate() {
            c.emit(&format!("comment {}", i + 1), sink);
        }
    }
    odf.ins.emit("tracked insertion", sink);
    odf.del.emit("tracked deletion", sink);
    if !encrypted.contains("styles.xml")
        && let Some(xml) = read_xml(&mut doc, "styles.xml", sink, &mut out)
    {
        odf.styles = true;
        odf.stack.clear();
        odf.depth = 0;
        odf.para = 0;
        let res = odf.walk(&xml, sink);
        odf.header.emit("header", sink);
        odf.footer.emit("footer", sink);
        if let Err(e) = res {
            xml_damage("styles.xml", e, sink, &mut out);
        }
    }
    out.finish()
}

/// An OpenDocument text (`.odt`, `.ott`).
pub fn odt(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    read(bytes, sink, false)
}

/// An OpenDocument presentation (`.odp`, `.otp`).
pub fn odp(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    read(bytes, sink, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::archive::tests::{make_zip, run};
    use crate::extract::document::CollectSink;

    const NS: &str = r#"xmlns:office="o" xmlns:text="t" xmlns:dc="d" xmlns:table="tb" xmlns:draw="dr" xmlns:presentation="pr" xmlns:style="s" xmlns:meta="m""#;

    fn got(s: &CollectSink) -> Vec<(&str, &str)> {
        s.texts
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect()
    }

    fn package(mime: &str, content: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
        let mut members: Vec<(&str, &[u8])> = vec![
            ("mimetype", mime.as_bytes()),
            ("content.xml", content.as_bytes()),
        ];
        members.extend_from_slice(extra);
        make_zip(&members)
    }

    const META: &str = r#"<office:document-meta xmlns:office="o" xmlns:meta="m" xmlns:dc="d"><office:meta><meta:initial-creator>Robert SMITH</meta:initial-creator><dc:creator>Jane DOE</dc:creator><dc:title>Custody note</dc:title><meta:keyword>arrest</meta:keyword><meta:keyword>SW1A 1AA</meta:keyword><meta:user-defined meta:name="Case ref">CR/0142</meta:user-defined></office:meta></office:document-meta>"#;

    #[test]
    fn odt_parts_and_locations() {
        let content = format!(
            r#"<office:document-content {NS}><office:body><office:text>
<text:tracked-changes>
 <text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Jane DOE</dc:creator><dc:date>2026-01-01</dc:date></office:change-info><text:p>previous address</text:p></text:deletion></text:changed-region>
 <text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>Al BLOGGS</dc:creator></office:change-info></text:insertion></text:changed-region>
</text:tracked-changes>
<text:h text:outline-level="1">Statement</text:h>
<text:p>Name:<text:tab/>Robert <text:span>SMITH</text:span><text:s text:c="2"/>NI QQ123456C<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Checked on PNC</text:p></text:note-body></text:note></text:p>
<text:p>Lives at<text:change text:change-id="ct1"/> <text:change-start text:change-id="ct2"/>SW1A 1AA<text:change-end text:change-id="ct2"/><text:line-break/>Tom &amp; Jerry</text:p>
<text:p><office:annotation><dc:creator>Jane DOE</dc:creator><dc:date>2026</dc:date><text:p>Verify DOB</text:p></office:annotation>Born <text:date>01/02/1980</text:date></text:p>
<table:table><table:table-row><table:table-cell><text:p>Surname</text:p></table:table-cell><table:table-cell><text:p>SMITH</text:p></table:table-cell></table:table-row></table:table>
<text:p><draw:frame><draw:text-box><text:p>Boxed</text:p></draw:text-box></draw:frame></text:p>
</office:text></office:body></office:document-content>"#
        );
        let styles = format!(
            r#"<office:document-styles {NS}><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>OFFICIAL</text:p></style:header><style:footer><text:p>Page footer</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"#
        );
        let z = package(
            "application/vnd.oasis.opendocument.text",
            &content,
            &[
                ("styles.xml", styles.as_bytes()),
                ("meta.xml", META.as_bytes()),
            ],
        );
        let (s, r) = run(odt, &z);
        assert_eq!(r, Ok(()), "{:?}", s.warnings);
        let want = [
            (
                "properties",
                "Author: Robert SMITH\nLast modified by: Jane DOE\nTitle: Custody note\nKeywords: arrest, SW1A 1AA\nCase ref: CR/0142",
            ),
            (
                "body",
                "Statement\nName:\tRobert SMITH  NI QQ123456C\nLives at SW1A 1AA\nTom & Jerry\nBorn 01/02/1980\nSurname\tSMITH\n",
            ),
            ("footnotes", "Checked on PNC"),
            ("text box", "Boxed"),
            ("comment 1", "Author: Jane DOE\nVerify DOB"),
            ("tracked insertion", "Author: Al BLOGGS\nSW1A 1AA"),
            ("tracked deletion", "Author: Jane DOE\nprevious address"),
            ("header", "OFFICIAL"),
            ("footer", "Page footer"),
        ];
        let mut want: Vec<(&str, &str)> = want.to_vec();
        // The body ends where the frame's paragraph did.
        want[1].1 = want[1].1.trim_end();
        assert_eq!(got(&s), want);
    }

    #[test]
    fn odp_slides_notes_and_comments() {
        let content = format!(
            r#"<office:document-content {NS} xmlns:officeooo="oo"><office:body><office:presentation>
<draw:page draw:name="page1"><draw:frame><draw:text-box><text:p>Briefing</text:p><text:p>Robert SMITH</text:p></draw:text-box></draw:frame>
<officeooo:annotation><dc:creator>Jane DOE</dc:creator><text:p>Remove name</text:p></officeooo:annotation>
<presentation:notes><draw:page-thumbnail/><draw:frame><draw:text-box><text:p>Say QQ123456C</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>
<draw:page draw:name="page2"><draw:frame><draw:text-box><text:p>SW1A 1AA</text:p></draw:text-box></draw:frame></draw:page>
</office:presentation></office:body></office:document-content>"#
        );
        let z = package(
            "application/vnd.oasis.opendocument.presentation",
            &content,
            &[],
        );
        let (s, r) = run(odp, &z);
        assert_eq!(r, Ok(()), "{:?}", s.warnings);
        assert_eq!(
            got(&s),
            [
                ("slide 1", "Briefing\nRobert SMITH"),
                ("slide 1 notes", "Say QQ123456C"),
                ("slide 1 comment", "Author: Jane DOE\nRemove name"),
                ("slide 2", "SW1A 1AA"),
            ]
        );
    }

    #[test]
    fn encrypted_odf_gives_properties_then_encrypted() {
        let manifest = r#"<manifest:manifest xmlns:manifest="mf"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="100"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>"#;
        let z = package(
            "application/vnd.oasis.opendocument.text",
            "\u{1}\u{2}binary",
            &[
                ("META-INF/manifest.xml", manifest.as_bytes()),
                ("meta.xml", META.as_bytes()),
            ],
        );
        let (s, r) = run(odt, &z);
        assert_eq!(r, Err(Problem::Encrypted));
        assert!(s.all_text().contains("Robert SMITH"));
        assert!(!s.texts.iter().any(|(l, _)| l == "body"));
    }

    #[test]
    fn odf_hostile_inputs() {
        assert!(matches!(
            run(odt, b"PK\x03\x04junk").1,
            Err(Problem::Corrupt(_))
        ));
        let z = make_zip(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert!(matches!(run(odt, &z).1, Err(Problem::Corrupt(_))));
        // Damaged XML: text before the damage is kept.
        let broken = format!(
            r#"<office:document-content {NS}><office:body><office:text><text:p>Robert SMITH</text:p><text:p text:style-name="P1"#
        );
        let z = package("application/vnd.oasis.opendocument.text", &broken, &[]);
        let (s, r) = run(odt, &z);
        assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        assert_eq!(got(&s), [("body", "Robert SMITH")]);
        let (s, r) = run(odp, &{
            let b = format!(
                r#"<office:document-content {NS}><office:body><office:presentation><draw:page><draw:frame><draw:text-box><text:p>Robert SMITH</text:p><text:p x="1"#
            );
            package("application/vnd.oasis.opendocument.presentation", &b, &[])
        });
        assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        assert_eq!(got(&s), [("slide 1", "Robert SMITH")]);
        // A bomb in content.xml.
        let bomb = format!(
            r#"<office:document-content {NS}>{}</office:document-content>"#,
            "<text:p/>".repeat(2 << 20)
        );
        let z = package("application/vnd.oasis.opendocument.text", &bomb, &[]);
        assert!(matches!(run(odt, &z).1, Err(Problem::Limit(_))));
        // Truncated package.
        let full = package(
            "application/vnd.oasis.opendocument.text",
            &broken,
            &[("meta.xml", META.as_bytes())],
        );
        assert!(run(odt, &full[..full.len() / 2]).1.is_err());
    }
}

//! HTML, XML, JSON and RTF read as text without their markup; legacy binary
//! Word (`.doc`) and PowerPoint (`.ppt`) read best effort.
//!
//! Why: exports from case, custody and HR systems are often XML or JSON,
//! saved web pages and email bodies are HTML, and older letters and
//! statements are RTF or Word 97–2003 files. Names and identifiers in them
//! must reach the matcher as readable text, with markup and escapes gone.
//!
//! What each reader does, and does not do:
//!
//! * HTML ([`html`], [`html_to_text`], hand-written): tags dropped, entities
//!   decoded (named, `&#163;`, `&#xA3;`), block elements and `<br>` as line
//!   breaks, table cells separated by tabs, `<title>`, image `alt` text and
//!   form `value`s kept; `<script>`, `<style>` and comments skipped. No CSS
//!   is applied, so text hidden by a style is read like any other.
//!   (`html2text` 0.17 took 3.3 s on a 10 MB page, about 3 MB/s, and still
//!   draws tables and bold even in its plain mode; this converter took
//!   0.13 s, about 78 MB/s, release build.)
//! * XML ([`xml`], quick-xml): the text of each element on its own line and
//!   every attribute value on its own line (record exports often keep data
//!   in attributes). Comments, processing instructions and the DTD are not
//!   read; entities defined in a DTD are not expanded (no entity bombs). A
//!   malformed document is read up to the damage, the rest with its tags
//!   stripped, and a warning says where.
//! * JSON and NDJSON ([`json`], hand tokenizer): one `key: value` line per
//!   member, string escapes decoded. One document is "body"; a stream of
//!   documents (NDJSON) gives one part per record, named "line N".
//! * RTF ([`rtf`], hand-written): text with `\'hh` escapes decoded through
//!   the document's `\ansicpg` code page and `\uN` characters; font, colour
//!   and style tables, pictures, objects' binary data and every `{\*...}`
//!   destination (field instructions among them) are skipped. The
//!   document's author, title and similar from `\info` go to "properties".
//!   Per-font character sets (`\fcharset`) are not followed.
//! * Legacy Word and PowerPoint ([`legacy`], `cfb`): Word text is read
//!   through the piece table (main text as "body", then footnotes, headers
//!   and footers, comments, endnotes and text boxes); PowerPoint text from
//!   its text atoms, per slide where the slide list says so. Formatting,
//!   embedded objects and Word 6/95 piece tables are not read (those files
//!   fall back to runs of text found in the stream). Always reported as
//!   best effort. Encrypted files are reported as such. An OLE2 file that
//!   is really a workbook or an Outlook message is handed to those readers.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::document::{Problem, Sink};

/// Hands `text` to the sink as one part, cut at the `max_text` limit (with
/// a warning). Parts with no visible text are not handed over.
fn emit(sink: &mut dyn Sink, location: &str, text: &str) {
    let text = text.trim_matches(|c: char| c.is_whitespace());
    if text.is_empty() {
        return;
    }
    let max = usize::try_from(sink.limits().max_text).unwrap_or(usize::MAX);
    if text.len() > max {
        sink.warn(&format!(
            "{location}: text cut at the max_text limit ({max} bytes)"
        ));
        sink.text(location, &text[..floor_char(text, max)]);
    } else {
        sink.text(location, text);
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Bytes to text: a byte-order mark first, then UTF-8 if valid, then the
/// encoding the document declares, then UTF-8 with stray invalid bytes
/// read as Windows-1252 (old UK exports with `£` as byte 0xA3).
fn decode_text<'a>(bytes: &'a [u8], declared: Option<&'static Encoding>) -> Cow<'a, str> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0;
    }
    // UTF-16 without a BOM, recognised by a leading `<`, `{` or `[`.
    match bytes {
        [b'<' | b'{' | b'[', 0, ..] => {
            return encoding_rs::UTF_16LE.decode_without_bom_handling(bytes).0;
        }
        [0, b'<' | b'{' | b'[', ..] => {
            return encoding_rs::UTF_16BE.decode_without_bom_handling(bytes).0;
        }
        _ => {}
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    match declared {
        Some(enc) if enc != UTF_8 && !is_utf16(enc) => enc.decode_without_bom_handling(bytes).0,
        _ => Cow::Owned(utf8_or_1252(bytes)),
    }
}

fn is_utf16(enc: &'static Encoding) -> bool {
    enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE
}

/// UTF-8 where valid; each invalid byte read as Windows-1252.
fn utf8_or_1252(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // Checked by from_utf8 up to `good`.
                out.push_str(std::str::from_utf8(&bytes[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(bytes.len() - good).max(1);
                let bad_end = (good + bad).min(bytes.len());
                out.push_str(
                    &WINDOWS_1252
                        .decode_without_bom_handling(&bytes[good..bad_end])
                        .0,
                );
                bytes = &bytes[bad_end..];
            }
        }
    }
}

/// One Windows-1252 byte as a character.
fn cp1252(b: u8) -> char {
    if b < 0x80 {
        return char::from(b);
    }
    WINDOWS_1252
        .decode_without_bom_handling(&[b])
        .0
        .chars()
        .next()
        .unwrap_or('\u{FFFD}')
}

/// The value after `key` (e.g. `charset=` or `encoding=`) in `head`,
/// as an encoding, if it names one.
fn declared_encoding(head: &[u8], key: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&lower[from..], key) {
        let mut i = from + p + key.len();
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || b"-_:.".contains(&lower[i])) {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            return Some(enc);
        }
        from = i.max(from + p + 1);
    }
    None
}

// ---------------------------------------------------------------- HTML

/// Reads an HTML file: the page's text (its title included) as "body".
pub fn html(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let head = &bytes[..bytes.len().min(8192)];
    let text = decode_text(bytes, declared_encoding(head, b"charset"));
    emit(sink, "body", &html_to_text(&text));
    Ok(())
}

/// HTML to plain text: tags dropped, entities decoded, block elements and
/// `<br>` as line breaks, table cells separated by tabs, script and style
/// skipped, whitespace collapsed as a browser would (except in `<pre>`).
/// Used for HTML files and for the HTML bodies of email.
pub fn html_to_text(html: &str) -> String {
    let mut w = HtmlText {
        out: String::with_capacity(html.len() / 2),
        space: false,
        pre: 0,
    };
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let lt = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |p| i + p);
        if lt > i {
            w.text(&html[i..lt]);
        }
        if lt >= b.len() {
            break;
        }
        i = w.tag(html, lt);
    }
    let end = w.out.trim_end().len();
    w.out.truncate(end);
    w.out
}

/// The text being built, with the whitespace state between pieces.
struct HtmlText {
    out: String,
    /// Whitespace seen since the last visible character.
    space: bool,
    /// Depth of `<pre>` elements: whitespace kept as is.
    pre: u32,
}

/// Elements that start and end a line.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"li"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"table"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"caption"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"nav"
            | b"aside"
            | b"main"
            | b"blockquote"
            | b"address"
            | b"figure"
            | b"figcaption"
            | b"form"
            | b"fieldset"
            | b"legend"
            | b"details"
            | b"summary"
            | b"hr"
            | b"title"
            | b"option"
            | b"html"
            | b"head"
            | b"body"
            | b"center"
            | b"frame"
            | b"iframe"
            | b"label"
            | b"select"
            | b"textarea"
    )
}

impl HtmlText {
    /// Text between tags: entities decoded, whitespace collapsed.
    fn text(&mut self, s: &str) {
        let mut rest = s;
        while let Some(amp) = rest.find('&') {
            self.words(&rest[..amp]);
            let (decoded, used) = entity(&rest[amp..]);
            match decoded {
                Entity::Space => self.space = true,
                Entity::Nothing => {}
                Entity::Char(c) => {
                    let mut buf = [0u8; 4];
                    self.words(c.encode_utf8(&mut buf));
                }
            }
            rest = &rest[amp + used..];
        }
        self.words(rest);
    }

    /// Text with no entities left in it.
    fn words(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.pre > 0 {
            if self.space {
                self.out.push(' ');
                self.space = false;
            }
            self.out.push_str(&s.replace("\r\n", "\n"));
            return;
        }
        for (k, word) in s.split(|c: char| c.is_ascii_whitespace()).enumerate() {
            if k > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.out.is_empty() && !self.out.ends_with(['\n', '\t']) {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push_str(word);
        }
    }

    /// Ends the current line, if it has anything on it.
    fn newline(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.space = false;
    }

    /// A cell boundary: a tab unless the line is empty.
    fn cell(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with(['\n', '\t']) {
            self.out.push('\t');
        }
        self.space = false;
    }

    /// Reads the markup that starts at `lt` (a `<`) and returns where the
    /// text after it starts.
    fn tag(&mut self, html: &str, lt: usize) -> usize {
        let b = html.as_bytes();
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            return memchr::memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |p| lt + 4 + p + 3);
        }
        if rest.starts_with(b"<![CDATA[") {
            let start = lt + 9;
            let end = memchr::memmem::find(&b[start..], b"]]>").map_or(b.len(), |p| start + p);
            self.words(&html[start..end]);
            return (end + 3).min(b.len());
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        match b.get(name_start) {
            Some(c) if c.is_ascii_alphabetic() => {}
            Some(b'!' | b'?') if !closing => {
                // A doctype or processing instruction.
                return memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |p| lt + p + 1);
            }
            _ if closing => {
                // `</ >` and the like: skipped up to `>`.
                return memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |p| lt + p + 1);
            }
            _ => {
                self.words("<");
                return lt + 1;
            }
        }
        let mut name_end = name_start;
        while name_end < b.len()
            && (b[name_end].is_ascii_alphanumeric() || matches!(b[name_end], b':' | b'-' | b'_'))
        {
            name_end += 1;
        }
        let mut lower = [0u8; 16];
        let name: &[u8] = if name_end - name_start <= lower.len() {
            let n = name_end - name_start;
            for (d, s) in lower.iter_mut().zip(&b[name_start..name_end]) {
                *d = s.to_ascii_lowercase();
            }
            &lower[..n]
        } else {
            b""
        };
        let end = tag_end(b, name_end);
        let attrs = &html[name_end..end.min(b.len())];
        let after = (end + 1).min(b.len());
        if closing {
            if name == b"pre" {
                self.pre = self.pre.saturating_sub(1);
                self.newline();
            } else if is_block(name) {
                self.newline();
            }
            return after;
        }
        match name {
            b"script" | b"style" => return skip_raw_text(b, after, name),
            b"br" => {
                // A line break even on an empty line: `<br><br>` is a gap.
                while self.out.ends_with(' ') {
                    self.out.pop();
                }
                if !self.out.is_empty() {
                    self.out.push('\n');
                }
                self.space = false;
            }
            b"td" | b"th" => self.cell(),
            b"pre" => {
                self.newline();
                self.pre += 1;
            }
            b"img" | b"area" => self.attr_text(attrs, b"alt"),
            b"input" => self.attr_text(attrs, b"value"),
            _ if is_block(name) => self.newline(),
            _ => {}
        }
        after
    }

    /// The value of attribute `key` as words, with a space either side.
    fn attr_text(&mut self, attrs: &str, key: &[u8]) {
        if let Some(v) = attr_value(attrs, key) {
            self.space = true;
            self.text(v);
            self.space = true;
        }
    }
}

/// Where the tag whose name ends at `from` ends (its `>`), quotes
/// respected; if a quote is never closed, the first `>`.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = 0u8;
    let mut j = from;
    while j < b.len() {
        let c = b[j];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            return j;
        }
        j += 1;
    }
    memchr::memchr(b'>', &b[from..]).map_or(b.len(), |p| from + p)
}

/// Skips a script or style element's content: returns where the text
/// after its end tag starts.
fn skip_raw_text(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + p + 2;
        if b.len() >= at + name.len() && b[at..at + name.len()].eq_ignore_ascii_case(name) {
            return memchr::memchr(b'>', &b[at..]).map_or(b.len(), |q| at + q + 1);
        }
        i = at;
    }
    b.len()
}

/// The raw value of attribute `key` (lower case) in a tag's attribute text.
fn attr_value<'a>(attrs: &'a str, key: &[u8]) -> Option<&'a str> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ks = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        let k = &b[ks..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = None;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = memchr::memchr(q, &b[vs..]).map_or(b.len(), |p| vs + p);
                value = Some(&attrs[vs..ve]);
                i = ve + 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = Some(&attrs[vs..i]);
            }
        }
        if k.eq_ignore_ascii_case(key) {
            return value;
        }
        if ks == i {
            i += 1;
        }
    }
    None
}

/// What an entity stands for.
enum Entity {
    Char(char),
    /// A non-breaking or other space: whitespace to collapse.
    Space,
    /// Soft hyphens and zero-width marks, which would split a name.
    Nothing,
}

/// Decodes the entity at the start of `s` (which starts with `&`):
/// what it stands for and how many bytes it took. Not an entity: `&`
/// itself, one byte.
fn entity(s: &str) -> (Entity, usize) {
    let b = s.as_bytes();
    let amp = (Entity::Char('&'), 1);
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let mut end = start;
        while end < b.len()
            && end - start < 8
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == start {
            return amp;
        }
        let n = u32::from_str_radix(&s[start..end], if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
        let used = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        let c = match n {
            0 => '\u{FFFD}',
            // As browsers do: C1 controls read as Windows-1252.
            0x80..=0x9F => cp1252(n as u8),
            _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
        };
        return (char_entity(c), used);
    }
    let mut end = 1;
    while end < b.len() && end <= 32 && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    let name = &s[1..end];
    let semi = b.get(end) == Some(&b';');
    let Some(e) = named_entity(name) else {
        return amp;
    };
    // Without the `;`, only the entities old pages leave it off.
    if !semi
        && !matches!(
            name,
            "amp" | "lt" | "gt" | "quot" | "nbsp" | "pound" | "copy" | "reg"
        )
    {
        return amp;
    }
    (e, end + usize::from(semi))
}

fn char_entity(c: char) -> Entity {
    match c {
        '\u{A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => Entity::Space,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' => {
            Entity::Nothing
        }
        c => Entity::Char(c),
    }
}

/// Latin-1 entity names, U+00A0 to U+00FF in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Named entities: the XML five, Latin-1, typography, and the letters of
/// Central European names.
fn named_entity(name: &str) -> Option<Entity> {
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "euro" => '€',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "hellip" => '…',
        "bull" => '•',
        "trade" => '™',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "Cacute" => 'Ć',
        "cacute" => 'ć',
        "Ccaron" => 'Č',
        "ccaron" => 'č',
        "Dcaron" => 'Ď',
        "dcaron" => 'ď',
        "Ecaron" => 'Ě',
        "ecaron" => 'ě',
        "Lstrok" => 'Ł',
        "lstrok" => 'ł',
        "Nacute" => 'Ń',
        "nacute" => 'ń',
        "Ncaron" => 'Ň',
        "ncaron" => 'ň',
        "Rcaron" => 'Ř',
        "rcaron" => 'ř',
        "Sacute" => 'Ś',
        "sacute" => 'ś',
        "Scedil" => 'Ş',
        "scedil" => 'ş',
        "Zacute" => 'Ź',
        "zacute" => 'ź',
        "Zcaron" => 'Ž',
        "zcaron" => 'ž',
        "Zdot" => 'Ż',
        "zdot" => 'ż',
        "Gbreve" => 'Ğ',
        "gbreve" => 'ğ',
        "Idot" => 'İ',
        "imath" => 'ı',
        "ensp" | "emsp" | "thinsp" => '\u{2002}',
        "zwnj" | "zwj" | "lrm" | "rlm" => '\u{200B}',
        _ => {
            let i = LATIN1.iter().position(|&n| n == name)?;
            char::from_u32(0xA0 + i as u32)?
        }
    };
    Some(char_entity(c))
}

// ---------------------------------------------------------------- XML

/// Reads an XML file: each element's text and each attribute value on a
/// line of its own, as "body".
pub fn xml(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    use quick_xml::XmlVersion;
    use quick_xml::events::Event;

    let head = &bytes[..bytes.len().min(256)];
    let text = decode_text(bytes, declared_encoding(head, b"encoding"));
    let max = usize::try_from(sink.limits().max_text).unwrap_or(usize::MAX);
    let mut reader = quick_xml::Reader::from_str(&text);
    reader.config_mut().check_end_names = false;
    let mut out = String::with_capacity(text.len() / 2);
    let mut line = String::new();
    let flush = |out: &mut String, line: &mut String| {
        let t = line.trim();
        if !t.is_empty() {
            out.push_str(t);
            out.push('\n');
        }
        line.clear();
    };
    loop {
        if out.len() + line.len() > max {
            break;
        }
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                flush(&mut out, &mut line);
                for a in e.attributes().with_checks(false).flatten() {
                    let key = a.key.into_inner();
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let v = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .unwrap_or_else(|_| a.value.clone());
                    line.push_str(&v);
                    flush(&mut out, &mut line);
                }
            }
            Ok(Event::End(_)) => flush(&mut out, &mut line),
            Ok(Event::Text(t)) => line.push_str(&t.xml10_content()),
            Ok(Event::CData(c)) => line.push_str(&c.into_inner()),
            Ok(Event::GeneralRef(r)) => match r.resolve_char_ref() {
                Ok(Some(c)) => line.push(c),
                _ => {
                    let name = r.into_inner();
                    match named_entity(&name) {
                        Some(Entity::Char(c)) => line.push(c),
                        Some(Entity::Space) => line.push(' '),
                        Some(Entity::Nothing) => {}
                        None => {
                            line.push('&');
                            line.push_str(&name);
                            line.push(';');
                        }
                    }
                }
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                flush(&mut out, &mut line);
                let at = floor_char(&text, usize::try_from(reader.error_position()).unwrap_or(0));
                sink.warn(&format!(
                    "xml: malformed at byte {at} ({e}); the rest was read with its tags stripped"
                ));
                out.push_str(&html_to_text(&text[at..]));
                break;
            }
        }
    }
    flush(&mut out, &mut line);
    emit(sink, "body", &out);
    Ok(())
}

// ---------------------------------------------------------------- JSON

/// Reads JSON as `key: value` lines with string escapes decoded. One
/// document is "body"; several (NDJSON, JSON Lines) are one part each,
/// named "line N" after the line the record starts on.
///
/// The tokenizer is forgiving: anything that is not JSON is copied as a
/// bare word, so a damaged file still yields its text.
pub fn json(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let text = decode_text(bytes, None);
    let b = text.as_bytes();
    let max = usize::try_from(sink.limits().max_text).unwrap_or(usize::MAX);
    let mut r = Records {
        out: String::new(),
        line: 1,
        done: 0,
        several: false,
    };
    let mut depth: u64 = 0;
    let mut line_no: u64 = 1;
    let mut cut = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' => {
                let (s, end) = json_string(&text, i + 1);
                line_no += memchr::memchr_iter(b'\n', &b[i..end]).count() as u64;
                let mut k = end;
                while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\r') {
                    k += 1;
                }
                if depth > 0 && b.get(k) == Some(&b':') {
                    json_newline(&mut r.out);
                    r.out.push_str(&s);
                    r.out.push_str(": ");
                    i = k + 1;
                } else {
                    r.start_value(depth, line_no, sink);
                    r.out.push_str(&s);
                    json_newline(&mut r.out);
                    if depth == 0 {
                        r.done += 1;
                    }
                    i = end;
                }
            }
            b'{' | b'[' => {
                r.start_value(depth, line_no, sink);
                depth = depth.saturating_add(1);
                json_newline(&mut r.out);
                i += 1;
            }
            b'}' | b']' => {
                json_newline(&mut r.out);
                if depth > 0 {
                    depth -= 1;
                    if depth == 0 {
                        r.done += 1;
                    }
                }
                i += 1;
            }
            b',' | b':' => {
                json_newline(&mut r.out);
                i += 1;
            }
            b'\n' => {
                line_no += 1;
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                // A number, true, false, null, or something not JSON.
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && !b"{}[],:\"".contains(&b[i]) {
                    i += 1;
                }
                r.start_value(depth, line_no, sink);
                r.out.push_str(&text[start..floor_char(&text, i)]);
                json_newline(&mut r.out);
                if depth == 0 {
                    r.done += 1;
                }
                i = i.max(start + 1);
                while i < b.len() && !text.is_char_boundary(i) {
                    i += 1;
                }
            }
        }
        if r.out.len() > max {
            cut = true;
            break;
        }
    }
    let location = if r.several {
        format!("line {}", r.line)
    } else {
        "body".to_string()
    };
    emit(sink, &location, &r.out);
    if cut {
        sink.warn("json: reading stopped at the max_text limit");
    }
    Ok(())
}

/// JSON text being built, record by record.
struct Records {
    out: String,
    /// The line the current record starts on.
    line: u64,
    /// Top-level values read.
    done: u64,
    /// More than one top-level value: NDJSON.
    several: bool,
}

impl Records {
    /// Called where a value starts: at the top level, a new record, and
    /// the one before it is handed over.
    fn start_value(&mut self, depth: u64, line_no: u64, sink: &mut dyn Sink) {
        if depth == 0 {
            if self.done > 0 {
                self.several = true;
                emit(sink, &format!("line {}", self.line), &self.out);
                self.out.clear();
            }
            self.line = line_no;
        }
    }
}

/// Ends the current line unless it is empty.
fn json_newline(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Decodes the JSON string whose content starts at `start` (after the
/// opening quote): its text and where the text after the closing quote
/// starts. An unterminated string runs to the end.
fn json_string(text: &str, start: usize) -> (Cow<'_, str>, usize) {
    let b = text.as_bytes();
    let Some(p) = memchr::memchr2(b'"', b'\\', &b[start..]) else {
        return (Cow::Borrowed(&text[start..]), b.len());
    };
    if b[start + p] == b'"' {
        return (Cow::Borrowed(&text[start..start + p]), start + p + 1);
    }
    let mut s = String::with_capacity(p + 16);
    let mut i = start;
    let mut high: Option<u32> = None;
    loop {
        let Some(p) = memchr::memchr2(b'"', b'\\', &b[i..]) else {
            s.push_str(&text[i..]);
            return (Cow::Owned(s), b.len());
        };
        if p > 0 {
            if high.take().is_some() {
                s.push('\u{FFFD}');
            }
            s.push_str(&text[i..i + p]);
        }
        i += p;
        if b[i] == b'"' {
            if high.is_some() {
                s.push('\u{FFFD}');
            }
            return (Cow::Owned(s), i + 1);
        }
        // A backslash escape.
        let Some(&e) = b.get(i + 1) else {
            return (Cow::Owned(s), b.len());
        };
        if e != b'u' && high.take().is_some() {
            s.push('\u{FFFD}');
        }
        let simple = match e {
            b'n' => Some('\n'),
            b't' => Some('\t'),
            b'r' => Some('\r'),
            b'b' | b'f' => Some(' '),
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            _ => None,
        };
        if let Some(c) = simple {
            s.push(c);
            i += 2;
            continue;
        }
        if e == b'u' {
            let hex = text
                .get(i + 2..i + 6)
                .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()));
            if let Some(h) = hex {
                let n = u32::from_str_radix(h, 16).unwrap_or(0xFFFD);
                i += 6;
                match (high.take(), n) {
                    (Some(hi), 0xDC00..=0xDFFF) => {
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (n - 0xDC00);
                        s.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    }
                    (prev, 0xD800..=0xDBFF) => {
                        if prev.is_some() {
                            s.push('\u{FFFD}');
                        }
                        high = Some(n);
                    }
                    (prev, _) => {
                        if prev.is_some() {
                            s.push('\u{FFFD}');
                        }
                        s.push(char::from_u32(n).unwrap_or('\u{FFFD}'));
                    }
                }
                continue;
            }
        }
        // Not a valid escape: kept as written.
        s.push('\\');
        i += 1;
    }
}

// ---------------------------------------------------------------- RTF

/// Groups deeper than this are not read (their text is skipped).
const RTF_MAX_DEPTH: usize = 512;

/// Reads an RTF document: its text as "body", its `\info` author, title
/// and similar as "properties".
pub fn rtf(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let max = usize::try_from(sink.limits().max_text).unwrap_or(usize::MAX);
    let mut r = Rtf::new(max);
    r.run(bytes);
    emit(sink, "properties", &r.props);
    emit(sink, "body", &r.body);
    if r.cut {
        sink.warn("rtf: reading stopped at the max_text limit");
    }
    if r.overflow_seen {
        sink.warn(&format!(
            "rtf: groups nested deeper than {RTF_MAX_DEPTH} were skipped"
        ));
    }
    if !r.stack.is_empty() {
        sink.warn(&format!(
            "rtf: the document ends inside {} unclosed groups (truncated?)",
            r.stack.len()
        ));
    }
    Ok(())
}

/// Where a group's text goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dest {
    Body,
    Skip,
    /// The `\info` group: its text is skipped, its properties are not.
    Info,
    /// A document property inside `\info`, with its label.
    Prop(&'static str),
}

#[derive(Clone, Copy, Debug)]
struct Group {
    dest: Dest,
    /// Characters after `\uN` to skip (`\ucN`).
    uc: u32,
    /// Length of `props` when this property group opened, before its label.
    prop_start: usize,
}

struct Rtf {
    body: String,
    props: String,
    /// Text bytes not yet decoded (a run of text and `\'hh` escapes).
    pending: Vec<u8>,
    /// Where `pending` goes.
    pending_dest: Dest,
    encoding: &'static Encoding,
    cur: Group,
    stack: Vec<Group>,
    /// Groups opened beyond the depth limit and not yet closed.
    overflow: usize,
    overflow_seen: bool,
    /// Fallback characters after `\uN` still to skip.
    skip: u32,
    /// A high surrogate from `\uN` waiting for its low half.
    high: Option<u32>,
    /// The last control symbol was `\*`.
    star: bool,
    max: usize,
    cut: bool,
}

impl Rtf {
    fn new(max: usize) -> Rtf {
        let start = Group {
            dest: Dest::Body,
            uc: 1,
            prop_start: 0,
        };
        Rtf {
            body: String::new(),
            props: String::new(),
            pending: Vec::new(),
            pending_dest: Dest::Body,
            encoding: WINDOWS_1252,
            cur: start,
            stack: Vec::new(),
            overflow: 0,
            overflow_seen: false,
            skip: 0,
            high: None,
            star: false,
            max,
            cut: false,
        }
    }

    fn writable(&self) -> bool {
        self.overflow == 0 && matches!(self.cur.dest, Dest::Body | Dest::Prop(_))
    }

    fn run(&mut self, b: &[u8]) {
        let mut i = 0;
        while i < b.len() && !self.cut {
            match b[i] {
                b'{' => {
                    self.flush();
                    self.skip = 0;
                    self.star = false;
                    if self.overflow > 0 || self.stack.len() >= RTF_MAX_DEPTH {
                        self.overflow += 1;
                        self.overflow_seen = true;
                    } else {
                        self.stack.push(self.cur);
                    }
                    i += 1;
                }
                b'}' => {
                    self.flush();
                    self.skip = 0;
                    self.star = false;
                    if self.overflow > 0 {
                        self.overflow -= 1;
                    } else if let Some(parent) = self.stack.pop() {
                        if let Dest::Prop(label) = self.cur.dest
                            && parent.dest != Dest::Prop(label)
                        {
                            self.close_prop();
                        }
                        self.cur = parent;
                    }
                    i += 1;
                }
                b'\\' => i = self.control(b, i + 1),
                b'\r' | b'\n' => i += 1,
                c => {
                    if self.skip > 0 {
                        self.skip -= 1;
                    } else if self.writable() {
                        self.push_byte(c);
                    }
                    i += 1;
                }
            }
            if self.body.len() > self.max || self.props.len() > self.max {
                self.cut = true;
            }
        }
        self.flush();
    }

    fn push_byte(&mut self, c: u8) {
        if self.pending_dest != self.cur.dest {
            self.flush();
            self.pending_dest = self.cur.dest;
        }
        self.pending.push(c);
    }

    /// Decodes pending bytes through the code page into their destination.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = self.encoding.decode_without_bom_handling(&self.pending).0;
        match self.pending_dest {
            Dest::Body => self.body.push_str(&text),
            Dest::Prop(_) => self.props.push_str(&text),
            Dest::Skip | Dest::Info => {}
        }
        self.pending.clear();
    }

    /// Text from a control word or `\uN`, straight to the destination.
    fn push_str(&mut self, s: &str) {
        if !self.writable() {
            return;
        }
        self.flush();
        match self.cur.dest {
            Dest::Body => self.body.push_str(s),
            Dest::Prop(_) => self.props.push_str(s),
            Dest::Skip | Dest::Info => {}
        }
    }

    fn open_prop(&mut self, label: &'static str) {
        if self.cur.dest != Dest::Info {
            return;
        }
        self.flush();
        self.cur.prop_start = self.props.len();
        self.props.push_str(label);
        self.props.push_str(": ");
        self.cur.dest = Dest::Prop(label);
    }

    fn close_prop(&mut self) {
        self.flush();
        let label_end = self.cur.prop_start
            + self.props[self.cur.prop_start..]
                .find(": ")
                .map_or(0, |p| p + 2);
        if self.props[label_end..].trim().is_empty() {
            self.props.truncate(self.cur.prop_start);
        } else {
            let end = self.props.trim_end().len();
            self.props.truncate(end);
            self.props.push('\n');
        }
    }

    /// Reads the control word or symbol after a backslash at `i`; returns
    /// where reading goes on.
    fn control(&mut self, b: &[u8], i: usize) -> usize {
        let Some(&c) = b.get(i) else {
            return b.len();
        };
        if !c.is_ascii_alphabetic() {
            return self.symbol(b, i);
        }
        let start = i;
        let mut j = i;
        while j < b.len() && b[j].is_ascii_alphabetic() {
            j += 1;
        }
        let word = &b[start..j];
        let neg = b.get(j) == Some(&b'-');
        let ds = j + usize::from(neg);
        let mut k = ds;
        let mut n: i64 = 0;
        while k < b.len() && b[k].is_ascii_digit() {
            if k - ds < 10 {
                n = n * 10 + i64::from(b[k] - b'0');
            }
            k += 1;
        }
        let param = if k > ds {
            let n = if neg { -n } else { n };
            Some(n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
        } else {
            None
        };
        let mut next = if k > ds { k } else { j };
        if b.get(next) == Some(&b' ') {
            next += 1;
        }
        if word == b"bin" {
            // Binary data follows: skipped, whatever the destination.
            let len = usize::try_from(param.unwrap_or(0).max(0)).unwrap_or(0);
            return next.saturating_add(len).min(b.len());
        }
        if self.skip > 0 {
            self.skip -= 1;
            return next;
        }
        if std::mem::take(&mut self.star) {
            self.flush();
            if word == b"annotation" {
                // A comment's text is kept; other `\*` destinations are not.
                if self.cur.dest != Dest::Skip {
                    self.cur.dest = Dest::Body;
                }
            } else {
                self.cur.dest = Dest::Skip;
            }
            return next;
        }
        self.word(word, param);
        next
    }

    /// A control symbol: `\'hh`, `\*`, `\~`, an escaped brace or backslash.
    fn symbol(&mut self, b: &[u8], i: usize) -> usize {
        let c = b[i];
        match c {
            b'\'' => {
                let hex = b.get(i + 1..i + 3);
                let value = hex
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = value {
                    if self.skip > 0 {
                        self.skip -= 1;
                    } else if self.writable() {
                        self.push_byte(v);
                    }
                    return i + 3;
                }
                i + 1
            }
            b'*' => {
                self.star = true;
                i + 1
            }
            b'\\' | b'{' | b'}' => {
                if self.skip > 0 {
                    self.skip -= 1;
                } else if self.writable() {
                    self.push_byte(c);
                }
                i + 1
            }
            b'~' => {
                self.push_str(" ");
                i + 1
            }
            b'_' => {
                self.push_str("-");
                i + 1
            }
            b'\r' | b'\n' => {
                self.push_str("\n");
                i + 1
            }
            _ => i + 1,
        }
    }

    fn word(&mut self, word: &[u8], param: Option<i32>) {
        let text = match word {
            b"par" | b"line" | b"sect" | b"page" | b"row" | b"nestrow" => "\n",
            b"tab" | b"cell" | b"nestcell" => "\t",
            b"emdash" => "—",
            b"endash" => "–",
            b"bullet" => "•",
            b"lquote" => "‘",
            b"rquote" => "’",
            b"ldblquote" => "“",
            b"rdblquote" => "”",
            b"emspace" | b"enspace" | b"qmspace" => " ",
            _ => "",
        };
        if !text.is_empty() {
            self.push_str(text);
            return;
        }
        match word {
            b"u" => {
                let n = param.unwrap_or(0);
                let n = if n < 0 { n + 65536 } else { n } as u32;
                match (self.high.take(), n) {
                    (Some(hi), 0xDC00..=0xDFFF) => {
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (n - 0xDC00);
                        let c = char::from_u32(c).unwrap_or('\u{FFFD}');
                        self.push_str(c.encode_utf8(&mut [0; 4]));
                    }
                    (_, 0xD800..=0xDBFF) => self.high = Some(n),
                    (_, n) => {
                        let c = char::from_u32(n).unwrap_or('\u{FFFD}');
                        self.push_str(c.encode_utf8(&mut [0; 4]));
                    }
                }
                self.skip = self.cur.uc;
            }
            b"uc" => self.cur.uc = param.unwrap_or(1).clamp(0, 16) as u32,
            b"ansicpg" => {
                self.flush();
                if let Some(enc) = param.and_then(codepage) {
                    self.encoding = enc;
                }
            }
            b"mac" => {
                self.flush();
                self.encoding = encoding_rs::MACINTOSH;
            }
            b"fonttbl"
            | b"colortbl"
            | b"stylesheet"
            | b"listtable"
            | b"listoverridetable"
            | b"revtbl"
            | b"rsidtbl"
            | b"generator"
            | b"pict"
            | b"object"
            | b"themedata"
            | b"colorschememapping"
            | b"datastore"
            | b"latentstyles"
            | b"xmlnstbl"
            | b"filetbl"
            | b"nonshppict"
            | b"objdata"
            | b"fldinst"
            | b"pgdsctbl"
            | b"protusertbl"
            | b"mmathPr"
            | b"bkmkstart"
            | b"bkmkend" => {
                self.flush();
                self.cur.dest = Dest::Skip;
            }
            b"info" => {
                self.flush();
                self.cur.dest = Dest::Info;
            }
            // What an object or a shape shows is text, even inside a
            // skipped group.
            b"result" | b"shptxt" => {
                self.flush();
                self.cur.dest = Dest::Body;
            }
            b"author" => self.open_prop("Author"),
            b"title" => self.open_prop("Title"),
            b"operator" => self.open_prop("Last saved by"),
            b"subject" => self.open_prop("Subject"),
            b"keywords" => self.open_prop("Keywords"),
            b"doccomm" => self.open_prop("Comments"),
            b"company" => self.open_prop("Company"),
            b"manager" => self.open_prop("Manager"),
            b"category" => self.open_prop("Category"),
            _ => {}
        }
    }
}

/// A Windows code page number as an encoding, where encoding_rs has it.
fn codepage(n: i32) -> Option<&'static Encoding> {
    let label = match n {
        1250..=1258 => format!("windows-{n}"),
        874 => "windows-874".into(),
        866 => "ibm866".into(),
        932 => "shift_jis".into(),
        936 => "gbk".into(),
        949 => "euc-kr".into(),
        950 => "big5".into(),
        10000 => "macintosh".into(),
        20866 => "koi8-r".into(),
        21866 => "koi8-u".into(),
        28591 => "iso-8859-1".into(),
        28592..=28606 => format!("iso-8859-{}", n - 28590),
        65001 => "utf-8".into(),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

// ---------------------------------------------------------------- legacy Office

/// Reads a legacy binary Word or PowerPoint file (OLE2), best effort.
/// OLE2 workbooks and Outlook messages are handed to their own readers.
pub fn legacy(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    // cfb is mature, but this is hostile input: a panic in it becomes a
    // corrupt file rather than relying on the caller's guard.
    let mut sink = std::panic::AssertUnwindSafe(sink);
    std::panic::catch_unwind(move || read_legacy(bytes, *sink)).unwrap_or_else(|_| {
        Err(Problem::Corrupt(
            "legacy: the OLE2 container could not be read".into(),
        ))
    })
}

fn read_legacy(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| Problem::Corrupt(format!("legacy: not a readable OLE2 file: {e}")))?;
    let entries: Vec<(String, String)> = cf
        .walk()
        .map(|e| {
            (
                e.path().to_string_lossy().into_owned(),
                e.name().to_string(),
            )
        })
        .collect();
    let has = |path: &str| entries.iter().any(|(p, _)| p == path);
    if entries
        .iter()
        .any(|(_, n)| n == "EncryptedPackage" || n == "EncryptionInfo" || n == "EncryptedSummary")
    {
        return Err(Problem::Encrypted);
    }
    if has("/Workbook") || has("/Book") {
        return super::sheets::sheet(bytes, sink);
    }
    if entries.iter().any(|(_, n)| n.starts_with("__substg1.0_")) {
        return super::mail::msg(bytes, sink);
    }
    if has("/WordDocument") {
        sink.warn("legacy .doc/.ppt: text extracted best effort, may be partial");
        return word(&mut cf, bytes.len(), sink);
    }
    if has("/PowerPoint Document") {
        sink.warn("legacy .doc/.ppt: text extracted best effort, may be partial");
        return powerpoint(&mut cf, bytes.len(), sink);
    }
    let names: Vec<&str> = entries
        .iter()
        .skip(1)
        .take(6)
        .map(|(_, n)| n.as_str())
        .collect();
    Err(Problem::Unsupported(format!(
        "OLE2 file with no Word or PowerPoint stream (has: {})",
        names.join(", ")
    )))
}

type Ole<'a> = cfb::CompoundFile<std::io::Cursor<&'a [u8]>>;

/// Reads a whole stream, within the extraction budget. A stream cannot
/// hold more than the file, whatever its directory entry says.
fn read_stream(
    cf: &mut Ole<'_>,
    path: &str,
    file_len: usize,
    sink: &mut dyn Sink,
) -> Result<Vec<u8>, Problem> {
    use std::io::Read;
    let s = cf
        .open_stream(path)
        .map_err(|e| Problem::Corrupt(format!("legacy: stream {path}: {e}")))?;
    let len = s.len().min(file_len as u64);
    if !sink.take(len) {
        return Err(Problem::Limit(format!(
            "legacy: extracted bytes (max_total_bytes = {}) reached at stream {path}",
            sink.limits().max_total_bytes
        )));
    }
    let mut buf = Vec::with_capacity(len as usize);
    s.take(len)
        .read_to_end(&mut buf)
        .map_err(|e| Problem::Corrupt(format!("legacy: stream {path}: {e}")))?;
    Ok(buf)
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(i..i.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(i..i.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Word 97–2003: the text through the piece table, split into the parts
/// the FIB counts (main text, footnotes, headers, comments, endnotes,
/// text boxes). Word 6/95 and damaged piece tables fall back to text runs.
fn word(cf: &mut Ole<'_>, file_len: usize, sink: &mut dyn Sink) -> Result<(), Problem> {
    let wd = read_stream(cf, "/WordDocument", file_len, sink)?;
    let Some(flags) = u16_at(&wd, 0x0A) else {
        return Err(Problem::Corrupt(
            "legacy .doc: WordDocument stream too short".into(),
        ));
    };
    if flags & 0x0100 != 0 {
        return Err(Problem::Encrypted);
    }
    let table = if flags & 0x0200 != 0 {
        "/1Table"
    } else {
        "/0Table"
    };
    let parsed = match u16_at(&wd, 0) {
        Some(0xA5EC) => word_pieces(cf, &wd, table, file_len, sink),
        _ => Err(Problem::Unsupported(
            "not a Word 97–2003 file information block".into(),
        )),
    };
    let parts = match parsed {
        Ok(parts) => parts,
        Err(Problem::Corrupt(why)) | Err(Problem::Unsupported(why)) => {
            sink.warn(&format!(
                "legacy .doc: {why}; text runs read from the raw stream instead"
            ));
            vec![("body", text_runs(&wd))]
        }
        Err(p) => return Err(p),
    };
    for (loc, text) in parts {
        emit(sink, loc, &text);
    }
    Ok(())
}

/// The document's text in character positions, from the Clx piece table.
fn word_pieces(
    cf: &mut Ole<'_>,
    wd: &[u8],
    table: &str,
    file_len: usize,
    sink: &mut dyn Sink,
) -> Result<Vec<(&'static str, String)>, Problem> {
    let bad = |what: &str| Problem::Corrupt(what.to_string());
    let csw = usize::from(u16_at(wd, 32).ok_or_else(|| bad("FIB too short"))?);
    let lw_at = 34 + csw * 2;
    let cslw = usize::from(u16_at(wd, lw_at).ok_or_else(|| bad("FIB too short"))?);
    let lw = lw_at + 2;
    let ccp = |k: usize| u32_at(wd, lw + 4 * k).unwrap_or(0) as usize;
    // FibRgLw97: ccpText, ccpFtn, ccpHdd, (reserved), ccpAtn, ccpEdn,
    // ccpTxbx, ccpHdrTxbx, from its fourth field on.
    let counts = [
        ("body", ccp(3)),
        ("footnotes", ccp(4)),
        ("headers and footers", ccp(5)),
        ("comments", ccp(7)),
        ("endnotes", ccp(8)),
        ("text boxes", ccp(9)),
        ("header text boxes", ccp(10)),
    ];
    let fc_at = lw + cslw * 4;
    let cb = usize::from(u16_at(wd, fc_at).ok_or_else(|| bad("FIB too short"))?);
    if cb <= 33 {
        return Err(bad("FIB has no piece table pointer"));
    }
    let fc = fc_at + 2;
    let fc_clx = u32_at(wd, fc + 33 * 8).ok_or_else(|| bad("FIB too short"))? as usize;
    let lcb_clx = u32_at(wd, fc + 33 * 8 + 4).ok_or_else(|| bad("FIB too short"))? as usize;
    let table = read_stream(cf, table, file_len, sink)?;
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| bad("piece table outside the table stream"))?;
    // Skip the Prc (formatting) entries to the Pcdt.
    let mut i = 0;
    let plc = loop {
        match clx.get(i) {
            Some(1) => i += 3 + usize::from(u16_at(clx, i + 1).unwrap_or(0)),
            Some(2) => {
                let lcb = u32_at(clx, i + 1).ok_or_else(|| bad("piece table cut short"))? as usize;
                break clx
                    .get(i + 5..(i + 5).saturating_add(lcb))
                    .ok_or_else(|| bad("piece table cut short"))?;
            }
            _ => return Err(bad("no piece table in the Clx")),
        }
    };
    if plc.len() < 16 {
        return Err(bad("empty piece table"));
    }
    let n = (plc.len() - 4) / 12;
    let total: usize = counts.iter().map(|c| c.1).sum();
    let max = usize::try_from(sink.limits().max_text).unwrap_or(usize::MAX);
    let mut units: Vec<u16> = Vec::new();
    for k in 0..n {
        let cp0 = u32_at(plc, 4 * k).unwrap_or(0) as usize;
        let cp1 = u32_at(plc, 4 * (k + 1)).unwrap_or(0) as usize;
        let pcd = 4 * (n + 1) + 8 * k;
        let Some(fc_raw) = u32_at(plc, pcd + 2) else {
            break;
        };
        // With no counts in the FIB, every piece is read.
        let budget = if total == 0 {
            usize::MAX
        } else {
            total.saturating_sub(units.len())
        };
        let len = cp1.saturating_sub(cp0).min(budget);
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = (fc_raw & 0x3FFF_FFFF) as usize;
        if compressed {
            let at = fc / 2;
            let Some(run) = wd.get(at..at.saturating_add(len).min(wd.len())) else {
                continue;
            };
            units.extend(run.iter().map(|&b| cp1252(b) as u32 as u16));
        } else {
            let Some(run) = wd.get(fc..fc.saturating_add(len.saturating_mul(2)).min(wd.len()))
            else {
                continue;
            };
            units.extend(
                run.chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]])),
            );
        }
        if (total > 0 && units.len() >= total) || units.len() > max {
            break;
        }
    }
    if units.is_empty() {
        return Err(bad("the piece table points outside the document"));
    }
    let mut parts = Vec::new();
    let mut at: usize = 0;
    for (loc, count) in counts {
        let end = at.saturating_add(count).min(units.len());
        if end > at {
            parts.push((loc, word_text(&units[at..end])));
        }
        at = end;
    }
    if at < units.len() && total == 0 {
        parts.push(("body", word_text(&units[at..])));
    }
    Ok(parts)
}

/// Word's characters to text: paragraph and cell marks as line breaks and
/// tabs, field instructions skipped (their results kept), other control
/// characters dropped.
fn word_text(units: &[u16]) -> String {
    let mut out = String::with_capacity(units.len());
    // Fields open: true while in the instruction part.
    let mut fields: Vec<bool> = Vec::new();
    for c in char::decode_utf16(units.iter().copied()) {
        let c = c.unwrap_or('\u{FFFD}');
        match c {
            '\u{13}' => {
                if fields.len() < 64 {
                    fields.push(true);
                }
            }
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.iter().any(|&f| f) => {}
            '\r' | '\u{0B}' | '\u{0C}' | '\u{0E}' => out.push('\n'),
            '\u{07}' | '\t' => out.push('\t'),
            '\u{1E}' => out.push('-'),
            '\u{A0}' => out.push(' '),
            c if c < ' ' => {}
            c => out.push(c),
        }
    }
    out
}

/// Runs of text in a binary stream: UTF-16LE runs (at either alignment)
/// and 8-bit runs of at least four printable characters, one per line.
fn text_runs(b: &[u8]) -> String {
    const MIN: usize = 4;
    let mut out = String::new();
    for align in 0..2 {
        let mut run = String::new();
        let mut n = 0;
        let mut i = align;
        while i + 1 < b.len() {
            let u = u16::from_le_bytes([b[i], b[i + 1]]);
            let printable = matches!(u, 0x20..=0x7E | 0xA0..=0x24FF | 0x09 | 0x0D | 0x0A);
            if printable {
                run.push(char::from_u32(u32::from(u)).unwrap_or(' '));
                n += 1;
            }
            if !printable || i + 3 >= b.len() {
                if n >= MIN {
                    out.push_str(run.trim());
                    out.push('\n');
                }
                run.clear();
                n = 0;
            }
            i += 2;
        }
    }
    let mut start = None;
    for (i, &c) in b.iter().chain(std::iter::once(&0)).enumerate() {
        let printable = matches!(c, 0x20..=0x7E | 0xA0..=0xFF);
        match (printable, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= MIN {
                    out.push_str(&WINDOWS_1252.decode_without_bom_handling(&b[s..i]).0);
                    out.push('\n');
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where a PowerPoint text atom is, from the containers around it.
fn ppt_location(stack: &[(u16, u16, usize)], slide: u32) -> Option<String> {
    for &(t, inst, _) in stack.iter().rev() {
        match t {
            PPT_SLIDE_LIST if inst == 0 => return Some(format!("slide {slide}")),
            PPT_SLIDE_LIST if inst == 2 => return Some("notes".into()),
            PPT_SLIDE_LIST | PPT_MAIN_MASTER => return None,
            PPT_NOTES => return Some("notes".into()),
            PPT_SLIDE => return Some("slides".into()),
            _ => {}
        }
    }
    Some("slides".into())
}

const PPT_SLIDE_LIST: u16 = 0x0FF0;
const PPT_SLIDE: u16 = 0x03EE;
const PPT_NOTES: u16 = 0x03F0;
const PPT_MAIN_MASTER: u16 = 0x03F8;

/// PowerPoint 97–2003: the text atoms of the "PowerPoint Document" stream,
/// as "slide N" where the slide list gives them in order, "notes", and
/// "slides" for other text boxes; masters are skipped.
fn powerpoint(cf: &mut Ole<'_>, file_len: usize, sink: &mut dyn Sink) -> Result<(), Problem> {
    const SLIDE_PERSIST: u16 = 0x03F3;
    const TEXT_CHARS: u16 = 0x0FA0;
    const TEXT_BYTES: u16 = 0x0FA8;
    const CRYPT_SESSION: u16 = 0x2F14;

    let doc = read_stream(cf, "/PowerPoint Document", file_len, sink)?;
    let max = usize::try_from(sink.limits().max_text).unwrap_or(usize::MAX);
    // Containers open: (type, instance, end).
    let mut stack: Vec<(u16, u16, usize)> = Vec::new();
    let mut slide = 0u32;
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut total = 0usize;
    let mut truncated = false;
    let mut i = 0;
    while i + 8 <= doc.len() {
        while stack.last().is_some_and(|s| s.2 <= i) {
            stack.pop();
        }
        let ver_inst = u16_at(&doc, i).unwrap_or(0);
        let typ = u16_at(&doc, i + 2).unwrap_or(0);
        let len = u32_at(&doc, i + 4).unwrap_or(0) as usize;
        let body = i + 8;
        if typ == CRYPT_SESSION {
            return Err(Problem::Encrypted);
        }
        if ver_inst & 0xF == 0xF {
            if stack.len() < 64 {
                stack.push((typ, ver_inst >> 4, body.saturating_add(len).min(doc.len())));
            }
            i = body;
            continue;
        }
        let end = body.saturating_add(len);
        if end > doc.len() {
            truncated = true;
        }
        let end = end.min(doc.len());
        let text = match typ {
            SLIDE_PERSIST => {
                if stack
                    .last()
                    .is_some_and(|s| s.0 == PPT_SLIDE_LIST && s.1 == 0)
                {
                    slide += 1;
                }
                None
            }
            TEXT_CHARS => {
                let units: Vec<u16> = doc[body..end]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                Some(word_text(&units))
            }
            TEXT_BYTES => Some(word_text(
                &doc[body..end]
                    .iter()
                    .map(|&b| u16::from(b))
                    .collect::<Vec<_>>(),
            )),
            _ => None,
        };
        if let (Some(text), Some(loc)) = (text, ppt_location(&stack, slide)) {
            total += text.len();
            let k = *index.entry(loc.clone()).or_insert_with(|| {
                parts.push((loc, String::new()));
                parts.len() - 1
            });
            parts[k].1.push_str(&text);
            parts[k].1.push('\n');
            if total > max {
                sink.warn("legacy .ppt: reading stopped at the max_text limit");
                break;
            }
        }
        i = end.max(i + 8);
    }
    for (loc, text) in &parts {
        emit(sink, loc, text);
    }
    if truncated {
        return Err(Problem::Corrupt(
            "legacy .ppt: a record runs past the end of the stream".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::CollectSink;

    fn run(
        f: fn(&[u8], &mut dyn Sink) -> Result<(), Problem>,
        bytes: &[u8],
    ) -> (CollectSink, Result<(), Problem>) {
        let mut sink = CollectSink::default();
        let r = f(bytes, &mut sink);
        (sink, r)
    }

    fn part<'a>(sink: &'a CollectSink, location: &str) -> &'a str {
        sink.texts
            .iter()
            .find(|(l, _)| l == location)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no part {location:?} in {:?}", sink.texts))
    }

    #[test]
    fn html_to_text_cases() {
        let cases = [
            (
                "<p>Robert SMITH</p><p>SW1A 1AA</p>",
                "Robert SMITH\nSW1A 1AA",
            ),
            (
                "<table><tr><td>Name</td><td>SMITH</td></tr><tr><th>NI</th><td>QQ123456C</td></tr></table>",
                "Name\tSMITH\nNI\tQQ123456C",
            ),
            (
                "&pound;250 &#163;5 &#xA3;1 &amp; &lt;b&gt; O&#146;Neill Siobh&aacute;n&nbsp;O&rsquo;Neill",
                "£250 £5 £1 & <b> O’Neill Siobhán O’Neill",
            ),
            ("AT&T &foo; & x &amp", "AT&T &foo; & x &"),
            ("SMI&shy;TH", "SMITH"),
            (
                "<p>a</p><script>var x='<p>SMITH</p>';</script><style>p{}</style><p>b</p>",
                "a\nb",
            ),
            ("<P>A</P><SCRIPT type=x>SMITH</SCRIPT >B", "A\nB"),
            (
                "line one<br>line two<br/>three<BR >four",
                "line one\nline two\nthree\nfour",
            ),
            ("<div><div><p>x</p></div></div><div>y</div>", "x\ny"),
            ("a<!-- Robert SMITH -->b", "ab"),
            ("<b>Robert</b> <i>SMITH</i>", "Robert SMITH"),
            ("<span>Rob</span><span>ert</span>", "Robert"),
            (
                "<!DOCTYPE html><html><head><title>Custody record</title></head><body>Body</body></html>",
                "Custody record\nBody",
            ),
            ("  Robert\n   SMITH  ", "Robert SMITH"),
            ("<pre>a  b\n c</pre>after", "a  b\n c\nafter"),
            (
                "<img src=\"x.png\" alt=\"Photo of Robert SMITH\">",
                "Photo of Robert SMITH",
            ),
            ("<input type=text value='QQ123456C'>", "QQ123456C"),
            ("a < b and c > d", "a < b and c > d"),
            ("abc<p", "abc"),
            ("<a href=\"x>y\">link</a>", "link"),
            ("<a title=\"unclosed>text after", "text after"),
            ("<![CDATA[Robert SMITH]]>", "Robert SMITH"),
            ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
            ("", ""),
        ];
        for (html, want) in cases {
            assert_eq!(html_to_text(html), want, "{html:?}");
        }
    }

    #[test]
    fn html_decodes_declared_and_legacy_charsets() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Statement</title></head>\
            <body><p>\xa3250 owed by O\x92Neill</p></body></html>";
        let (sink, r) = run(html, page);
        assert_eq!(r, Ok(()));
        assert_eq!(part(&sink, "body"), "Statement\n£250 owed by O’Neill");
        // No declaration, invalid UTF-8: Windows-1252.
        let (sink, _) = run(html, b"<p>\xa3250</p>");
        assert_eq!(part(&sink, "body"), "£250");
        // A byte-order mark.
        let (sink, _) = run(html, "\u{FEFF}<p>Siobhán</p>".as_bytes());
        assert_eq!(part(&sink, "body"), "Siobhán");
        // Cyrillic declared through http-equiv.
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1251'><p>\xcf\xe5\xf2\xf0</p>";
        let (sink, _) = run(html, page);
        assert_eq!(part(&sink, "body"), "Петр");
    }

    #[test]
    fn html_respects_max_text() {
        let mut sink = CollectSink::default();
        sink.limits.max_text = 10;
        html(b"<p>Robert SMITH of SW1A 1AA</p>", &mut sink).unwrap();
        assert_eq!(part(&sink, "body"), "Robert SMI");
        assert_eq!(sink.warnings.len(), 1);
    }

    #[test]
    fn xml_elements_and_attributes() {
        let doc = br#"<?xml version="1.0"?>
<records xmlns="urn:x">
  <person surname="SMITH" forename='Robert'>
    <ni>QQ123456C</ni>
    <address>1 High St &amp; SW1A&#160;1AA &#163;5</address>
    <note><![CDATA[<b>seen</b>]]></note>
    <flag/>
  </person>
</records>"#;
        let (sink, r) = run(xml, doc);
        assert_eq!(r, Ok(()));
        assert_eq!(
            part(&sink, "body"),
            "SMITH\nRobert\nQQ123456C\n1 High St & SW1A\u{a0}1AA £5\n<b>seen</b>"
        );
    }

    #[test]
    fn xml_declared_encoding_and_damage() {
        let doc = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\xa3250 O\x92Neill</a>";
        let (sink, _) = run(xml, doc);
        assert_eq!(part(&sink, "body"), "£250 O’Neill");
        // UTF-16 with no byte-order mark.
        let doc: Vec<u8> = "<a>Siobhán</a>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (sink, _) = run(xml, &doc);
        assert_eq!(part(&sink, "body"), "Siobhán");
        // Broken part way: what was read, then the rest without its tags.
        let doc = b"<r><name>Robert SMITH</name><!X oops><b>QQ123456C</b></r>";
        let (sink, r) = run(xml, doc);
        assert_eq!(r, Ok(()));
        let body = part(&sink, "body");
        assert!(body.contains("Robert SMITH"), "{body}");
        assert!(body.contains("QQ123456C"), "{body}");
        assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
        // Mismatched end tags are read through.
        let (sink, _) = run(xml, b"<a><b>one</c><d>two</d></a>");
        assert_eq!(part(&sink, "body"), "one\ntwo");
        // Entities from a DTD are not expanded.
        let bomb = b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]><x>&b;</x>";
        let (sink, _) = run(xml, bomb);
        assert_eq!(part(&sink, "body"), "&b;");
        // Not XML at all: no panic.
        let (_, r) = run(xml, b"\x00\xff<<<>>>&&&;<![CDATA[");
        assert_eq!(r, Ok(()));
    }

    #[test]
    fn json_keys_values_and_escapes() {
        let doc = br#"{"name":"Robert SMITH","ni":"QQ123456C",
            "note":"O\u2019Neill said \"hi\"\nnext line","amount":"\u00a3250",
            "emoji":"\ud83d\ude00","lone":"\ud83dx","bad":"a\qb",
            "address":{"postcode":"SW1A 1AA"},"list":[1,2.5,true,null]}"#;
        let (sink, r) = run(json, doc);
        assert_eq!(r, Ok(()));
        assert_eq!(
            part(&sink, "body"),
            "name: Robert SMITH\nni: QQ123456C\nnote: O’Neill said \"hi\"\nnext line\n\
             amount: £250\nemoji: 😀\nlone: \u{FFFD}x\nbad: a\\qb\naddress:\npostcode: SW1A 1AA\n\
             list:\n1\n2.5\ntrue\nnull"
        );
    }

    #[test]
    fn ndjson_is_one_part_per_record() {
        let doc = b"{\"name\":\"Robert SMITH\"}\n\n{\"ni\":\"QQ123456C\"}\n[\"SW1A 1AA\"]\n";
        let (sink, _) = run(json, doc);
        let got: Vec<(&str, &str)> = sink
            .texts
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("line 1", "name: Robert SMITH"),
                ("line 3", "ni: QQ123456C"),
                ("line 4", "SW1A 1AA")
            ]
        );
    }

    #[test]
    fn json_survives_damage() {
        for doc in [
            &b"{\"a\":\"unterminated"[..],
            b"}}}]]]",
            b"\"\\",
            b"\"\\u12",
            b"not json at all \xff\xfe",
            b"{\"a\":\"\\ud800\"}",
        ] {
            let (_, r) = run(json, doc);
            assert_eq!(r, Ok(()), "{doc:?}");
        }
        let (sink, _) = run(json, b"{\"a\":\"unterminated Robert");
        assert_eq!(part(&sink, "body"), "a: unterminated Robert");
        let deep = "[".repeat(100_000) + "\"x\"" + &"]".repeat(100_000);
        let (sink, _) = run(json, deep.as_bytes());
        assert_eq!(part(&sink, "body"), "x");
    }

    #[test]
    fn rtf_cases() {
        let cases: [(&str, &str); 12] = [
            (
                r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}\f0 Robert SMITH\par owes \'a3250\par O\'92Neill}",
                "Robert SMITH\nowes £250\nO’Neill",
            ),
            (r"{\rtf1\uc1 O\u8217?Neill \u163\'a3 5}", "O’Neill £ 5"),
            (r"{\rtf1\uc0 O\u8217Neill}", "O’Neill"),
            (r"{\rtf1\uc2 x\u8364\'80\'80y}", "x€y"),
            (r"{\rtf1 \u-10179?\u-8704?}", "😀"),
            (
                r#"{\rtf1{\*\generator Riched20;}{\field{\*\fldinst HYPERLINK "x"}{\fldrslt Link}} text{\pict\pngblip 89504e47} end}"#,
                "Link text end",
            ),
            (
                r"{\rtf1 Name\cell SMITH\cell\row NI\tab QQ123456C}",
                "Name\tSMITH\t\nNI\tQQ123456C",
            ),
            (r"{\rtf1 a\{b\}c\\d\~e\_f\-g}", "a{b}c\\d e-fg"),
            (r"{\rtf1 A\bin4 {}{}B}", "AB"),
            (r"{\rtf1\ansi\ansicpg1251 \'cf\'e5\'f2\'f0}", "Петр"),
            (
                r"{\rtf1 Body{\*\annotation Comment SMITH}{\*\unknownthing hidden}}",
                "BodyComment SMITH",
            ),
            (
                r"{\rtf1 \ldblquote Hi\rdblquote\emdash x\line y}",
                "“Hi”—x\ny",
            ),
        ];
        for (doc, want) in cases {
            let (sink, r) = run(rtf, doc.as_bytes());
            assert_eq!(r, Ok(()), "{doc}");
            assert_eq!(part(&sink, "body"), want, "{doc}");
            assert!(sink.warnings.is_empty(), "{doc}: {:?}", sink.warnings);
        }
    }

    #[test]
    fn rtf_info_properties() {
        let doc = r"{\rtf1{\info{\author Robert SMITH}{\operator Jane DOE}{\title Witness statement}{\subject}{\creatim\yr2020\mo1}}Body text}";
        let (sink, _) = run(rtf, doc.as_bytes());
        assert_eq!(
            part(&sink, "properties"),
            "Author: Robert SMITH\nLast saved by: Jane DOE\nTitle: Witness statement"
        );
        assert_eq!(part(&sink, "body"), "Body text");
    }

    #[test]
    fn rtf_hostile() {
        let deep =
            "{\\rtf1 ".to_string() + &"{".repeat(100_000) + "x" + &"}".repeat(100_000) + "A}";
        let (sink, r) = run(rtf, deep.as_bytes());
        assert_eq!(r, Ok(()));
        assert_eq!(part(&sink, "body"), "A");
        assert_eq!(sink.warnings.len(), 1);
        // Truncated: the text read, and a warning.
        let (sink, _) = run(rtf, br"{\rtf1 {\b Robert SMITH");
        assert_eq!(part(&sink, "body"), "Robert SMITH");
        assert_eq!(sink.warnings.len(), 1);
        for doc in [
            &b"\\"[..],
            b"{\\'",
            b"{\\'zz}",
            b"{\\bin99999999999999999999 x}",
            b"}}}{{\\u",
            b"\\u-99999999999?",
        ] {
            let (_, r) = run(rtf, doc);
            assert_eq!(r, Ok(()));
        }
    }

    /// A compound file holding the given streams.
    fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        for (name, data) in streams {
            let mut s = cf.create_stream(name).unwrap();
            s.write_all(data).unwrap();
        }
        cf.flush().unwrap();
        cf.into_inner().into_inner()
    }

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    /// A Word 97 WordDocument stream with a piece table in 0Table: the
    /// main text as a Unicode piece, the footnotes as a compressed one.
    fn word_doc(flags: u16) -> (Vec<u8>, Vec<u8>) {
        let body = "Robert SMITH\r\u{13} HYPERLINK \"x\" \u{14}Link\u{15} QQ123456C\u{7}\r";
        let notes = "Footnote SW1A 1AA\r";
        let (nb, nn) = (body.encode_utf16().count() as u32, notes.len() as u32);
        let mut wd = vec![0u8; 4096];
        let put16 =
            |wd: &mut Vec<u8>, at: usize, v: u16| wd[at..at + 2].copy_from_slice(&v.to_le_bytes());
        let put32 =
            |wd: &mut Vec<u8>, at: usize, v: u32| wd[at..at + 4].copy_from_slice(&v.to_le_bytes());
        put16(&mut wd, 0, 0xA5EC);
        put16(&mut wd, 2, 0x00C1);
        put16(&mut wd, 0x0A, flags);
        put16(&mut wd, 32, 14);
        put16(&mut wd, 62, 22);
        put32(&mut wd, 64 + 12, nb);
        put32(&mut wd, 64 + 16, nn);
        put16(&mut wd, 152, 93);
        let text = utf16(body);
        wd[1024..1024 + text.len()].copy_from_slice(&text);
        wd[2048..2048 + notes.len()].copy_from_slice(notes.as_bytes());
        let mut plc = Vec::new();
        for v in [0, nb, nb + nn] {
            plc.extend_from_slice(&v.to_le_bytes());
        }
        for fc in [1024u32, (2048 * 2) | 0x4000_0000] {
            plc.extend_from_slice(&0u16.to_le_bytes());
            plc.extend_from_slice(&fc.to_le_bytes());
            plc.extend_from_slice(&0u16.to_le_bytes());
        }
        let mut clx = vec![0x01, 0x02, 0x00, 0xAA, 0xBB, 0x02];
        clx.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        clx.extend_from_slice(&plc);
        let mut table = vec![0u8; 16];
        put32(&mut wd, 0x1A2, table.len() as u32);
        put32(&mut wd, 0x1A6, clx.len() as u32);
        table.extend_from_slice(&clx);
        (wd, table)
    }

    #[test]
    fn legacy_word_through_the_piece_table() {
        let (wd, table) = word_doc(0);
        let file = ole(&[("/WordDocument", &wd), ("/0Table", &table)]);
        let (sink, r) = run(legacy, &file);
        assert_eq!(r, Ok(()));
        assert_eq!(part(&sink, "body"), "Robert SMITH\nLink QQ123456C");
        assert_eq!(part(&sink, "footnotes"), "Footnote SW1A 1AA");
        assert_eq!(
            sink.warnings,
            ["legacy .doc/.ppt: text extracted best effort, may be partial"]
        );
        assert!(sink.taken > 0);
        // No character counts in the FIB: every piece, as the body.
        let (mut wd, table) = word_doc(0);
        wd[76..84].fill(0);
        let file = ole(&[("/WordDocument", &wd), ("/0Table", &table)]);
        let (sink, _) = run(legacy, &file);
        assert_eq!(
            part(&sink, "body"),
            "Robert SMITH\nLink QQ123456C\t\nFootnote SW1A 1AA"
        );
    }

    #[test]
    fn legacy_word_falls_back_to_text_runs() {
        let mut wd = vec![0u8; 600];
        wd[0..2].copy_from_slice(&0xA5DCu16.to_le_bytes());
        let text = utf16("Robert SMITH QQ123456C");
        wd[300..300 + text.len()].copy_from_slice(&text);
        wd[500..520].copy_from_slice(b"Eight bit SW1A 1AA..");
        let file = ole(&[("/WordDocument", &wd)]);
        let (sink, r) = run(legacy, &file);
        assert_eq!(r, Ok(()));
        let body = part(&sink, "body");
        assert!(body.contains("Robert SMITH QQ123456C"), "{body}");
        assert!(body.contains("Eight bit SW1A 1AA"), "{body}");
        assert_eq!(sink.warnings.len(), 2, "{:?}", sink.warnings);
    }

    #[test]
    fn legacy_encrypted() {
        let (wd, table) = word_doc(0x0100);
        let file = ole(&[("/WordDocument", &wd), ("/0Table", &table)]);
        assert_eq!(run(legacy, &file).1, Err(Problem::Encrypted));
        let file = ole(&[("/EncryptionInfo", b"x"), ("/EncryptedPackage", b"y")]);
        assert_eq!(run(legacy, &file).1, Err(Problem::Encrypted));
    }

    fn rec(ver_inst: u16, typ: u16, body: &[u8]) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend_from_slice(&ver_inst.to_le_bytes());
        r.extend_from_slice(&typ.to_le_bytes());
        r.extend_from_slice(&(body.len() as u32).to_le_bytes());
        r.extend_from_slice(body);
        r
    }

    #[test]
    fn legacy_powerpoint_text_atoms() {
        let slides = [
            rec(0, 0x03F3, &[0; 20]),
            rec(0, 0x0FA0, &utf16("Robert SMITH")),
            rec(0, 0x03F3, &[0; 20]),
            rec(0, 0x0FA8, b"QQ123456C"),
        ]
        .concat();
        let master = rec(0, 0x0FA0, &utf16("Click to edit Master title style"));
        let notes = rec(0, 0x0FA0, &utf16("Speaker note SW1A 1AA"));
        let doc = [
            rec(0x000F, 0x03E8, &rec(0x000F, 0x0FF0, &slides)),
            rec(0x000F, 0x03F8, &master),
            rec(0x000F, 0x03F0, &notes),
        ]
        .concat();
        let file = ole(&[("/PowerPoint Document", &doc), ("/Current User", b"x")]);
        let (sink, r) = run(legacy, &file);
        assert_eq!(r, Ok(()));
        assert_eq!(part(&sink, "slide 1"), "Robert SMITH");
        assert_eq!(part(&sink, "slide 2"), "QQ123456C");
        assert_eq!(part(&sink, "notes"), "Speaker note SW1A 1AA");
        assert!(!sink.all_text().contains("Master"));
        // A record claiming more than there is: text so far, then corrupt.
        let mut cut = doc.clone();
        cut.extend_from_slice(&rec(0, 0x0FA0, &utf16("tail"))[..8]);
        cut.extend_from_slice(&utf16("tail"));
        let n = cut.len();
        cut[n - 12..n - 8].copy_from_slice(&1000u32.to_le_bytes());
        let file = ole(&[("/PowerPoint Document", &cut)]);
        let (sink, r) = run(legacy, &file);
        assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        assert_eq!(part(&sink, "slide 1"), "Robert SMITH");
    }

    #[test]
    fn legacy_hands_on_workbooks_and_messages() {
        let file = ole(&[("/Workbook", b"not really a workbook")]);
        assert!(run(legacy, &file).1.is_err());
        // An Outlook message under a .doc name is read as one.
        let file = ole(&[("/__substg1.0_0037001F", &utf16("Subject"))]);
        let (sink, r) = run(legacy, &file);
        assert!(r.is_ok(), "{r:?}");
        assert!(sink.all_text().contains("Subject"), "{}", sink.all_text());
        let file = ole(&[("/Thumbs", b"x")]);
        assert!(matches!(run(legacy, &file).1, Err(Problem::Unsupported(_))));
    }

    #[test]
    fn legacy_garbage_is_corrupt() {
        let (wd, table) = word_doc(0);
        let file = ole(&[("/WordDocument", &wd), ("/0Table", &table)]);
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec(),
            b"garbage that is not OLE2 at all".to_vec(),
            file[..file.len() / 2].to_vec(),
        ];
        // Bit flips all over a valid file: no panic, whatever comes back.
        for k in 0..64 {
            let mut f = file.clone();
            let at = (k * 7919) % f.len();
            f[at] ^= 0xFF;
            cases.push(f);
        }
        for (k, c) in cases.iter().enumerate() {
            let (_, r) = run(legacy, c);
            if k < 4 {
                assert!(matches!(r, Err(Problem::Corrupt(_))), "{k}: {r:?}");
            }
        }
    }
}

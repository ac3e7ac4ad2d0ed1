//! Email: `.eml` (RFC 5322 / MIME), `.mbox` mailboxes and Outlook `.msg`.
//!
//! Email is where most of a subject's correspondence sits, and the personal
//! data is as often in the headers (who wrote to whom, when) as in the body.
//! Each message is handed to the [`Sink`] as:
//!
//! * one text part per header, located by its name: `From`, `To`, `Cc`,
//!   `Bcc`, `Reply-To`, `Subject`, `Date` (decoded: RFC 2047 encoded words,
//!   legacy charsets; addresses as `Name <addr>` joined by ", ");
//! * the bodies: each text/plain body as `body` (`body 2`, ...); an HTML
//!   body as `body (html)`, as text without markup, the multipart/alternative
//!   twin of a plain body included (what one holds the other may not, and
//!   a value in both is reported from each); a `.msg` body held only as compressed RTF as
//!   `body (rtf)`;
//! * attachments as members, named by their file name (`attachment N` when
//!   they have none); an attached message as `<subject>.eml` or
//!   `<subject>.msg`, so that it is read in turn as an email.
//!
//! In an mbox, locations are prefixed `message N ` ("message 3 Subject")
//! and members `message N/` ("message 3/notes.docx"); messages are split
//! one at a time, never all held at once.
//!
//! `.msg` files are OLE2 compound files, read with the `cfb` crate: MAPI
//! properties by their stream names (`__substg1.0_<id><type>`), recipients
//! from their `__recip_version1.0_#N` storages, attachments from
//! `__attach_version1.0_#N`, compressed RTF (LZFu, MS-OXRTFCP) decoded
//! here. An attached message or OLE object (a storage, not a stream) is
//! copied into a compound file of its own and handed over as a member.
//! (`msg_parser` 0.3 was tried and not used: by its 0.3.6 source it files
//! the recipients and attachments of an attached message under the outer
//! message's, does not hand over attached messages, and sizes its RTF
//! output buffer from the file's own, unchecked, header.)
//!
//! An S/MIME or PGP encrypted message has its headers read and is then
//! reported as [`Problem::Encrypted`] (in an mbox: a warning, and the
//! other messages are read).
//!
//! Not read: other headers (Received, Message-ID, X-*), which rarely name
//! a person beyond what From/To already say; S/MIME or PGP encrypted or
//! signed content (handed over as an opaque attachment); `.msg` named
//! properties, calendar and contact item fields beyond subject, body and
//! the sender and recipients; RTF is reduced to its text crudely (control
//! words dropped, no tables or formatting).

use std::io::{Cursor, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};

use super::document::{Problem, Sink};
use super::markup::html_to_text;

/// Reads one RFC 5322 message.
pub fn eml(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut out = Out {
        sink,
        loc: String::new(),
        member: String::new(),
    };
    message(bytes, &mut out)
}

/// Reads an mbox mailbox, one message at a time.
pub fn mbox(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    use mail_parser::mailbox::mbox::MessageIterator;
    let max = sink.limits().max_members;
    let mut n: u64 = 0;
    let mut corrupt = 0u64;
    for item in MessageIterator::new(bytes) {
        let Ok(m) = item else { break };
        n += 1;
        if n > max {
            return Err(Problem::Limit(format!(
                "max_members ({max}): mbox has more messages"
            )));
        }
        let mut out = Out {
            sink: &mut *sink,
            loc: format!("message {n} "),
            member: format!("message {n}/"),
        };
        match message(m.contents(), &mut out) {
            Ok(()) => {}
            Err(Problem::Corrupt(why)) => {
                corrupt += 1;
                sink.warn(&format!("message {n}: {why}"));
            }
            Err(Problem::Encrypted) => sink.warn(&format!("message {n}: encrypted")),
            Err(p) => return Err(p),
        }
    }
    if n == 0 {
        return Err(Problem::Corrupt(
            "mbox: no message starts with a \"From \" line".into(),
        ));
    }
    if corrupt == n {
        return Err(Problem::Corrupt("mbox: no readable message".into()));
    }
    Ok(())
}

/// Where one message's parts go: the sink, with location and member-name
/// prefixes (empty for a lone .eml, "message 3 " and "message 3/" in an
/// mbox).
struct Out<'a> {
    sink: &'a mut dyn Sink,
    loc: String,
    member: String,
}

impl Out<'_> {
    /// Hands over a text part, counted against the byte budget and cut at
    /// `max_text`.
    fn text(&mut self, location: &str, text: &str) -> Result<(), Problem> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let loc = format!("{}{location}", self.loc);
        emit_text(self.sink, &loc, text)
    }

    /// Hands over an attachment.
    fn member(&mut self, name: &str, bytes: &[u8]) -> Result<(), Problem> {
        take(self.sink, bytes.len() as u64)?;
        let name = format!("{}{name}", self.member);
        self.sink.member(&name, bytes);
        Ok(())
    }
}

fn take(sink: &mut dyn Sink, n: u64) -> Result<(), Problem> {
    if sink.take(n) {
        Ok(())
    } else {
        Err(Problem::Limit(format!(
            "max_total_bytes ({})",
            sink.limits().max_total_bytes
        )))
    }
}

fn emit_text(sink: &mut dyn Sink, loc: &str, text: &str) -> Result<(), Problem> {
    let max = usize::try_from(sink.limits().max_text).unwrap_or(usize::MAX);
    let text = if text.len() > max {
        let mut cut = max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        sink.warn(&format!(
            "{loc}: text cut at max_text ({max} bytes) of {}",
            text.len()
        ));
        &text[..cut]
    } else {
        text
    };
    take(sink, text.len() as u64)?;
    sink.text(loc, text);
    Ok(())
}

/// A member name made from a subject: no path separators, not too long.
fn name_from(subject: &str, n: usize, ext: &str) -> String {
    let s: String = subject
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | '\0' | '\r' | '\n' | '\t' => '_',
            c => c,
        })
        .take(100)
        .collect();
    if s.trim().is_empty() {
        format!("attachment {n}.{ext}")
    } else {
        format!("{}.{ext}", s.trim())
    }
}

fn join_addresses<'a>(addrs: impl Iterator<Item = &'a Address<'a>>) -> String {
    let mut out = String::new();
    for a in addrs {
        for addr in a.iter() {
            let one = match (addr.name(), addr.address()) {
                (Some(n), Some(e)) if !n.trim().is_empty() => format!("{} <{e}>", n.trim()),
                (_, Some(e)) => e.to_string(),
                (Some(n), None) => n.trim().to_string(),
                (None, None) => continue,
            };
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&one);
        }
    }
    out
}

/// Unfolds a raw header value: folded lines joined, whitespace runs as one
/// space.
fn unfold(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A header any real message has at least one of.
fn is_known_header(name: &str) -> bool {
    const KNOWN: &[&str] = &[
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "received",
        "message-id",
        "content-type",
        "mime-version",
        "return-path",
        "sender",
    ];
    KNOWN.iter().any(|k| name.eq_ignore_ascii_case(k))
}

/// One RFC 5322 message to `out`.
fn message(bytes: &[u8], out: &mut Out<'_>) -> Result<(), Problem> {
    let parsed = catch_unwind(|| MessageParser::default().parse(bytes))
        .ok()
        .flatten();
    let Some(msg) = parsed else {
        return Err(Problem::Corrupt("email: not a readable message".into()));
    };
    if !msg.headers().iter().any(|h| is_known_header(h.name())) {
        return Err(Problem::Corrupt("email: no message headers".into()));
    }

    // Headers.
    let from = join_addresses(msg.header_values("From").filter_map(|h| h.as_address()));
    out.text("From", &from)?;
    out.text("To", &join_addresses(msg.all_to()))?;
    out.text("Cc", &join_addresses(msg.all_cc()))?;
    out.text("Bcc", &join_addresses(msg.all_bcc()))?;
    let reply = join_addresses(msg.header_values("Reply-To").filter_map(|h| h.as_address()));
    out.text("Reply-To", &reply)?;
    let subject = msg.subject().unwrap_or_default().to_string();
    out.text("Subject", &subject)?;
    if let Some(date) = msg.header_raw("Date") {
        out.text("Date", &unfold(date))?;
    }

    if let Some(ct) = msg.content_type() {
        let ty = ct.ctype().to_ascii_lowercase();
        let sub = ct.subtype().unwrap_or("").to_ascii_lowercase();
        let smime = ct
            .attribute("smime-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        if (ty == "multipart" && sub == "encrypted")
            || (ty == "application"
                && (sub == "pkcs7-mime" || sub == "x-pkcs7-mime")
                && smime != "signed-data")
        {
            return Err(Problem::Encrypted);
        }
    }

    // Bodies: the JMAP textBody list (a multipart/alternative's plain part,
    // or an HTML part with no plain alternative), then the HTML twins.
    let (mut plain, mut html) = (0, 0);
    for &id in &msg.text_body {
        let Some(part) = msg.parts.get(id as usize) else {
            continue;
        };
        if part.is_encoding_problem {
            out.sink
                .warn(&format!("{}body: damaged MIME encoding", out.loc));
        }
        match &part.body {
            PartType::Text(t) => {
                plain += 1;
                let loc = numbered("body", plain);
                out.text(&loc, t)?;
            }
            PartType::Html(h) => {
                html += 1;
                let loc = numbered("body (html)", html);
                out.text(&loc, &html_to_text(h))?;
            }
            _ => {}
        }
    }
    // The HTML twins of plain bodies too: a client may put in one what is
    // not in the other, and a missed record costs more than a finding
    // reported twice.
    for &id in &msg.html_body {
        if msg.text_body.contains(&id) {
            continue;
        }
        let Some(part) = msg.parts.get(id as usize) else {
            continue;
        };
        if let PartType::Html(h) = &part.body {
            html += 1;
            let loc = numbered("body (html)", html);
            out.text(&loc, &html_to_text(h))?;
        }
    }

    // Attachments.
    for (n, &id) in msg.attachments.iter().enumerate() {
        let n = n + 1;
        let Some(part) = msg.parts.get(id as usize) else {
            continue;
        };
        let named = part
            .attachment_name()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        match &part.body {
            PartType::Binary(b) | PartType::InlineBinary(b) => {
                let name = named.map_or_else(|| format!("attachment {n}"), sanitise);
                out.member(&name, b)?;
            }
            PartType::Text(t) | PartType::Html(t) => {
                let name = named.map_or_else(|| format!("attachment {n}"), sanitise);
                out.member(&name, t.as_bytes())?;
            }
            PartType::Message(m) => {
                // An inline message/rfc822 shares the outer buffer (its
                // raw_message is the whole outer message): cut it out by
                // offsets. An encoded one was decoded into its own buffer.
                let raw: &[u8] = if part.encoding == mail_parser::Encoding::None {
                    let (s, e) = (part.offset_body as usize, part.offset_end as usize);
                    if e > s {
                        bytes.get(s..e).unwrap_or(&[])
                    } else {
                        bytes.get(s..).unwrap_or(&[])
                    }
                } else {
                    m.raw_message()
                };
                let name = match named {
                    Some(n) => sanitise(n),
                    None => name_from(m.subject().unwrap_or_default(), n, "eml"),
                };
                out.member(&name, raw)?;
            }
            PartType::Multipart(_) => {}
        }
    }
    Ok(())
}

fn numbered(base: &str, n: usize) -> String {
    if n == 1 {
        base.to_string()
    } else {
        format!("{base} {n}")
    }
}

/// An attachment's file name as a member name: its last path component.
fn sanitise(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    if last.is_empty() {
        "attachment".into()
    } else {
        last.to_string()
    }
}

// ---------------------------------------------------------------------------
// Outlook .msg

/// Reads an Outlook message (OLE2 compound file with MAPI properties).
pub fn msg(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    match catch_unwind(AssertUnwindSafe(|| msg_inner(bytes, sink))) {
        Ok(r) => r,
        Err(_) => Err(Problem::Corrupt(
            "msg: the compound file reader failed on damaged structure".into(),
        )),
    }
}

type Cfb<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

// MAPI property ids (MS-OXPROPS).
const MESSAGE_CLASS: u16 = 0x001A;
const SUBJECT: u16 = 0x0037;
const CLIENT_SUBMIT_TIME: u16 = 0x0039;
const SENT_REPRESENTING_NAME: u16 = 0x0042;
const SENT_REPRESENTING_EMAIL: u16 = 0x0065;
const TRANSPORT_HEADERS: u16 = 0x007D;
const SENDER_NAME: u16 = 0x0C1A;
const SENDER_EMAIL: u16 = 0x0C1F;
const RECIPIENT_TYPE: u16 = 0x0C15;
const DISPLAY_BCC: u16 = 0x0E02;
const DISPLAY_CC: u16 = 0x0E03;
const DISPLAY_TO: u16 = 0x0E04;
const DELIVERY_TIME: u16 = 0x0E06;
const BODY: u16 = 0x1000;
const RTF_COMPRESSED: u16 = 0x1009;
const HTML: u16 = 0x1013;
const DISPLAY_NAME: u16 = 0x3001;
const EMAIL_ADDRESS: u16 = 0x3003;
const ATTACH_DATA: u16 = 0x3701;
const ATTACH_FILENAME: u16 = 0x3704;
const ATTACH_METHOD: u16 = 0x3705;
const ATTACH_LONG_FILENAME: u16 = 0x3707;
const SMTP_ADDRESS: u16 = 0x39FE;
const INTERNET_CPID: u16 = 0x3FDE;
const MESSAGE_CODEPAGE: u16 = 0x3FFD;
const SENDER_SMTP: u16 = 0x5D01;
const SENT_REPRESENTING_SMTP: u16 = 0x5D02;

/// One storage's properties: its streams are read on demand; the fixed
/// size ones (integers, times) come from `__properties_version1.0`.
struct Props {
    dir: PathBuf,
    fixed: Vec<(u16, u16, [u8; 8])>,
    codepage: Option<u16>,
}

impl Props {
    fn load(cf: &mut Cfb<'_>, dir: &Path, header: usize, sink: &mut dyn Sink) -> Props {
        let mut fixed = Vec::new();
        if let Ok(Some(data)) = read_stream(cf, &dir.join("__properties_version1.0"), sink) {
            let mut i = header;
            while i + 16 <= data.len() {
                let ty = u16::from_le_bytes([data[i], data[i + 1]]);
                let id = u16::from_le_bytes([data[i + 2], data[i + 3]]);
                let mut v = [0u8; 8];
                v.copy_from_slice(&data[i + 8..i + 16]);
                fixed.push((id, ty, v));
                i += 16;
            }
        }
        let mut p = Props {
            dir: dir.to_path_buf(),
            fixed,
            codepage: None,
        };
        p.codepage = p.int(MESSAGE_CODEPAGE).and_then(|c| u16::try_from(c).ok());
        p
    }

    fn int(&self, id: u16) -> Option<u32> {
        self.fixed
            .iter()
            .find(|(i, t, _)| *i == id && *t == 0x0003)
            .map(|(_, _, v)| u32::from_le_bytes([v[0], v[1], v[2], v[3]]))
    }

    fn time(&self, id: u16) -> Option<String> {
        let (_, _, v) = self
            .fixed
            .iter()
            .find(|(i, t, _)| *i == id && *t == 0x0040)?;
        let ticks = u64::from_le_bytes(*v);
        if ticks == 0 {
            return None;
        }
        // FILETIME: 100 ns ticks since 1601-01-01.
        let secs = (ticks / 10_000_000) as i64 - 11_644_473_600;
        let ts = jiff::Timestamp::from_second(secs).ok()?;
        Some(ts.strftime("%Y-%m-%d %H:%M:%S UTC").to_string())
    }

    fn path(&self, id: u16, ty: &str) -> PathBuf {
        self.dir.join(format!("__substg1.0_{id:04X}{ty}"))
    }

    /// A string property, Unicode (001F) or 8-bit (001E).
    fn string(&self, cf: &mut Cfb<'_>, id: u16, sink: &mut dyn Sink) -> Result<String, Problem> {
        if let Some(b) = read_stream(cf, &self.path(id, "001F"), sink)? {
            let units: Vec<u16> = b
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let s = String::from_utf16_lossy(&units);
            return Ok(s.trim_end_matches('\0').to_string());
        }
        if let Some(b) = read_stream(cf, &self.path(id, "001E"), sink)? {
            let s = decode_codepage(&b, self.codepage);
            return Ok(s.trim_end_matches('\0').to_string());
        }
        Ok(String::new())
    }

    fn binary(
        &self,
        cf: &mut Cfb<'_>,
        id: u16,
        sink: &mut dyn Sink,
    ) -> Result<Option<Vec<u8>>, Problem> {
        read_stream(cf, &self.path(id, "0102"), sink)
    }
}

/// Bytes in a Windows code page (or UTF-8 when none is known and they are
/// valid UTF-8; Windows-1252 otherwise).
fn decode_codepage(b: &[u8], cp: Option<u16>) -> String {
    let enc = match cp {
        Some(65001) => Some(encoding_rs::UTF_8),
        Some(20127) | Some(28591) | Some(1252) => Some(encoding_rs::WINDOWS_1252),
        Some(cp) => codepage_encoding(cp),
        None => None,
    };
    match enc {
        Some(e) => e.decode_without_bom_handling(b).0.into_owned(),
        None => match std::str::from_utf8(b) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(b)
                .0
                .into_owned(),
        },
    }
}

fn codepage_encoding(cp: u16) -> Option<&'static encoding_rs::Encoding> {
    let label = match cp {
        874 => "windows-874",
        932 => "shift_jis",
        936 => "gbk",
        949 => "euc-kr",
        950 => "big5",
        1250..=1258 => return encoding_rs::Encoding::for_label(format!("windows-{cp}").as_bytes()),
        28592..=28606 => {
            return encoding_rs::Encoding::for_label(format!("iso-8859-{}", cp - 28590).as_bytes());
        }
        20866 => "koi8-r",
        21866 => "koi8-u",
        50220..=50222 => "iso-2022-jp",
        51932 => "euc-jp",
        54936 => "gb18030",
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// A whole stream, or None when there is none at `path`. Its size is
/// counted against the byte budget before it is read.
fn read_stream(
    cf: &mut Cfb<'_>,
    path: &Path,
    sink: &mut dyn Sink,
) -> Result<Option<Vec<u8>>, Problem> {
    if !cf.is_stream(path) {
        return Ok(None);
    }
    let Ok(mut s) = cf.open_stream(path) else {
        return Ok(None);
    };
    let len = s.len();
    take(sink, len)?;
    let mut buf = Vec::new();
    // A stream's declared length is bounded by the file by the cfb crate's
    // checks; `take` bounds the read in any case.
    if let Err(e) = (&mut s).take(len).read_to_end(&mut buf) {
        sink.warn(&format!("{}: {e}", path.display()));
        return Ok(None);
    }
    Ok(Some(buf))
}

fn msg_inner(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| Problem::Corrupt(format!("msg: not a readable compound file: {e}")))?;
    let root = PathBuf::from("/");
    if !cf.is_stream(root.join("__properties_version1.0"))
        && !cf.is_stream(root.join("__substg1.0_0037001F"))
        && !cf.is_stream(root.join("__substg1.0_0037001E"))
        && !cf.is_stream(root.join("__substg1.0_001A001F"))
        && !cf.is_stream(root.join("__substg1.0_001A001E"))
    {
        return Err(Problem::Corrupt(
            "msg: compound file holds no Outlook message properties".into(),
        ));
    }
    let props = Props::load(&mut cf, &root, 32, sink);

    // The transport headers of a received message carry Date and Reply-To.
    let headers = props.string(&mut cf, TRANSPORT_HEADERS, sink)?;
    let parsed_headers = if headers.trim().is_empty() {
        None
    } else {
        catch_unwind(|| MessageParser::default().parse_headers(headers.as_bytes()))
            .ok()
            .flatten()
    };

    // From: the sender, or whom it was sent on behalf of. A message sent
    // inside Exchange may give only an X.500 address for the sender: the
    // SMTP address is then looked for in the other properties and in the
    // transport headers.
    let mut name = props.string(&mut cf, SENDER_NAME, sink)?;
    if name.trim().is_empty() {
        name = props.string(&mut cf, SENT_REPRESENTING_NAME, sink)?;
    }
    let mut addrs = Vec::new();
    for id in [
        SENDER_SMTP,
        SENDER_EMAIL,
        SENT_REPRESENTING_SMTP,
        SENT_REPRESENTING_EMAIL,
    ] {
        addrs.push(props.string(&mut cf, id, sink)?);
    }
    if let Some(h) = &parsed_headers
        && let Some(a) = h.from().and_then(|a| a.first()).and_then(|a| a.address())
    {
        addrs.insert(2, a.to_string());
    }
    let refs: Vec<&str> = addrs.iter().map(String::as_str).collect();
    let from = person(&name, &refs);
    nonempty(sink, "From", &from)?;

    // Recipients from their storages; the display strings if there are none.
    let mut lists: [Vec<String>; 3] = Default::default();
    let recips = storages(&cf, &root, "__recip_version1.0_#");
    for dir in &recips {
        let p = Props::load(&mut cf, dir, 8, sink);
        let one = person(
            &p.string(&mut cf, DISPLAY_NAME, sink)?,
            &[
                &p.string(&mut cf, SMTP_ADDRESS, sink)?,
                &p.string(&mut cf, EMAIL_ADDRESS, sink)?,
            ],
        );
        if one.is_empty() {
            continue;
        }
        let slot = match p.int(RECIPIENT_TYPE).map(|t| t & 0x0F) {
            Some(2) => 1,
            Some(3) => 2,
            _ => 0,
        };
        lists[slot].push(one);
    }
    for (slot, (loc, display)) in [("To", DISPLAY_TO), ("Cc", DISPLAY_CC), ("Bcc", DISPLAY_BCC)]
        .into_iter()
        .enumerate()
    {
        let text = if lists[slot].is_empty() {
            props.string(&mut cf, display, sink)?
        } else {
            lists[slot].join(", ")
        };
        nonempty(sink, loc, &text)?;
    }
    if let Some(h) = &parsed_headers {
        let reply = join_addresses(h.header_values("Reply-To").filter_map(|v| v.as_address()));
        nonempty(sink, "Reply-To", &reply)?;
    }
    let subject = props.string(&mut cf, SUBJECT, sink)?;
    nonempty(sink, "Subject", &subject)?;
    let date = parsed_headers
        .as_ref()
        .and_then(|h| h.header_raw("Date"))
        .map(unfold)
        .or_else(|| props.time(CLIENT_SUBMIT_TIME))
        .or_else(|| props.time(DELIVERY_TIME));
    if let Some(d) = date {
        nonempty(sink, "Date", &d)?;
    }

    let class = props
        .string(&mut cf, MESSAGE_CLASS, sink)?
        .to_ascii_uppercase();
    if class.starts_with("IPM.NOTE.SMIME") && !class.contains("MULTIPARTSIGNED") {
        return Err(Problem::Encrypted);
    }

    // Body: plain text; else HTML; else the compressed RTF.
    let body = props.string(&mut cf, BODY, sink)?;
    if !body.trim().is_empty() {
        nonempty(sink, "body", &body)?;
    } else {
        let html = match props.binary(&mut cf, HTML, sink)? {
            Some(b) => {
                let cp = props.int(INTERNET_CPID).and_then(|c| u16::try_from(c).ok());
                decode_codepage(&b, cp)
            }
            None => props.string(&mut cf, HTML, sink)?,
        };
        if !html.trim().is_empty() {
            nonempty(sink, "body (html)", &html_to_text(&html))?;
        } else if let Some(c) = props.binary(&mut cf, RTF_COMPRESSED, sink)? {
            match decompress_rtf(&c, sink)? {
                Some(rtf) => {
                    let text = rtf_to_text(&rtf, props.codepage);
                    nonempty(sink, "body (rtf)", &text)?;
                }
                None => sink.warn("body (rtf): damaged compressed RTF"),
            }
        }
    }

    // Attachments.
    let attachments = storages(&cf, &root, "__attach_version1.0_#");
    for (i, dir) in attachments.iter().enumerate() {
        let n = i + 1;
        let p = Props::load(&mut cf, dir, 8, sink);
        let mut name = p.string(&mut cf, ATTACH_LONG_FILENAME, sink)?;
        if name.trim().is_empty() {
            name = p.string(&mut cf, ATTACH_FILENAME, sink)?;
        }
        if name.trim().is_empty() {
            name = p.string(&mut cf, DISPLAY_NAME, sink)?;
        }
        let name = if name.trim().is_empty() {
            format!("attachment {n}")
        } else {
            sanitise(&name)
        };
        if let Some(data) = p.binary(&mut cf, ATTACH_DATA, sink)? {
            sink.member(&name, &data);
            continue;
        }
        let sub = dir.join("__substg1.0_3701000D");
        if cf.is_storage(&sub) {
            let embedded_msg = p.int(ATTACH_METHOD) == Some(5);
            let name = if embedded_msg {
                let sp = Props {
                    dir: sub.clone(),
                    fixed: Vec::new(),
                    codepage: props.codepage,
                };
                let s = sp.string(&mut cf, SUBJECT, sink)?;
                name_from(&s, n, "msg")
            } else {
                name
            };
            match rebuild(&mut cf, &sub, embedded_msg, sink) {
                Ok(b) => sink.member(&name, &b),
                Err(Rebuild::Limit(p)) => return Err(p),
                Err(Rebuild::Io(e)) => sink.warn(&format!("{name}: could not copy: {e}")),
            }
        }
        // Attachments by reference (a link to a file elsewhere) hold no data.
    }
    Ok(())
}

fn nonempty(sink: &mut dyn Sink, loc: &str, text: &str) -> Result<(), Problem> {
    let t = text.trim();
    if t.is_empty() {
        Ok(())
    } else {
        emit_text(sink, loc, t)
    }
}

/// `Name <addr>`, preferring the SMTP address over an Exchange X.500 one.
fn person(name: &str, addresses: &[&str]) -> String {
    let name = name.trim();
    let x500 = |e: &str| {
        let u = e.trim_start().to_ascii_uppercase();
        u.starts_with("/O=") || u.starts_with("/CN=")
    };
    let addrs = || addresses.iter().map(|a| a.trim()).filter(|a| !a.is_empty());
    let addr = addrs()
        .find(|e| !x500(e))
        .or_else(|| addrs().next())
        .unwrap_or("");
    match (name.is_empty(), addr.is_empty()) {
        (false, false) if name != addr => format!("{name} <{addr}>"),
        (false, _) => name.to_string(),
        (true, _) => addr.to_string(),
    }
}

/// Child storages of `dir` whose names start with `prefix`, in name order.
fn storages(cf: &Cfb<'_>, dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = cf.read_storage(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = entries
        .filter(|e| e.is_storage() && e.name().starts_with(prefix))
        .map(|e| e.path().to_path_buf())
        .collect();
    v.sort();
    v
}

enum Rebuild {
    Limit(Problem),
    Io(std::io::Error),
}

impl From<std::io::Error> for Rebuild {
    fn from(e: std::io::Error) -> Self {
        Rebuild::Io(e)
    }
}

/// Copies the storage at `sub` into a compound file of its own. An
/// embedded message's top-level property stream has a 24-byte header; a
/// .msg file's has 32, so it is padded.
fn rebuild(
    cf: &mut Cfb<'_>,
    sub: &Path,
    embedded_msg: bool,
    sink: &mut dyn Sink,
) -> Result<Vec<u8>, Rebuild> {
    let entries: Vec<(PathBuf, bool)> = cf
        .walk_storage(sub)?
        .map(|e| (e.path().to_path_buf(), e.is_stream()))
        .collect();
    let mut out = cfb::CompoundFile::create(Cursor::new(Vec::new()))?;
    for (path, is_stream) in entries {
        let Ok(rel) = path.strip_prefix(sub) else {
            continue;
        };
        if rel.as_os_str().is_empty() {
            continue;
        }
        let target = Path::new("/").join(rel);
        if !is_stream {
            out.create_storage_all(&target)?;
            continue;
        }
        let mut data = match read_stream(cf, &path, sink) {
            Ok(Some(d)) => d,
            Ok(None) => continue,
            Err(p) => return Err(Rebuild::Limit(p)),
        };
        if embedded_msg && target == Path::new("/__properties_version1.0") && data.len() >= 24 {
            data.splice(24..24, [0u8; 8]);
        }
        if let Some(parent) = target.parent()
            && parent != Path::new("/")
        {
            out.create_storage_all(parent)?;
        }
        out.create_stream(&target)?.write_all(&data)?;
    }
    out.flush()?;
    Ok(out.into_inner().into_inner())
}

/// The dictionary compressed RTF starts with (MS-OXRTFCP 3.1.1).
const RTF_DICT: &[u8] = b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

/// Decompresses PidTagRtfCompressed (LZFu, or MELA = stored). None when
/// the header is damaged.
fn decompress_rtf(data: &[u8], sink: &mut dyn Sink) -> Result<Option<Vec<u8>>, Problem> {
    if data.len() < 16 {
        return Ok(None);
    }
    let u32_at = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let raw_size = u32_at(4) as usize;
    let magic = u32_at(8);
    let body = &data[16..];
    if magic == 0x414C_454D {
        // MELA: stored uncompressed.
        return Ok(Some(body[..raw_size.min(body.len())].to_vec()));
    }
    if magic != 0x7546_5A4C {
        return Ok(None);
    }
    // Each control byte with 8 references of 2 bytes yields at most 8 × 17
    // bytes from 17 input bytes: output is at most 8 times the input.
    let bound = raw_size.min(body.len().saturating_mul(8) + 8);
    take(sink, bound as u64)?;
    let mut dict = [0u8; 4096];
    dict[..RTF_DICT.len()].copy_from_slice(RTF_DICT);
    let mut wpos = RTF_DICT.len();
    let mut out = Vec::with_capacity(bound);
    let mut i = 0;
    'outer: while i < body.len() && out.len() < bound {
        let control = body[i];
        i += 1;
        for bit in 0..8 {
            if out.len() >= bound || i >= body.len() {
                break 'outer;
            }
            if control & (1 << bit) == 0 {
                let b = body[i];
                i += 1;
                out.push(b);
                dict[wpos % 4096] = b;
                wpos += 1;
            } else {
                if i + 1 >= body.len() {
                    break 'outer;
                }
                let v = u16::from_be_bytes([body[i], body[i + 1]]);
                i += 2;
                let offset = (v >> 4) as usize;
                let len = (v & 0x0F) as usize + 2;
                if offset == wpos % 4096 {
                    break 'outer; // end marker
                }
                for j in 0..len {
                    if out.len() >= bound {
                        break;
                    }
                    let b = dict[(offset + j) % 4096];
                    out.push(b);
                    dict[wpos % 4096] = b;
                    wpos += 1;
                }
            }
        }
    }
    Ok(Some(out))
}

/// RTF to plain text, crudely: groups that are not text (font and colour
/// tables, pictures, `\*` destinations such as the HTML tags of an
/// encapsulated HTML body) are skipped, `\par` and `\line` become line
/// breaks, `\'hh` bytes are decoded in the document's code page and
/// `\uN` as Unicode; the RTF-only parts of encapsulated HTML (`\htmlrtf`)
/// are skipped.
fn rtf_to_text(rtf: &[u8], cp: Option<u16>) -> String {
    const SKIP: &[&[u8]] = &[
        b"fonttbl",
        b"colortbl",
        b"stylesheet",
        b"info",
        b"pict",
        b"object",
        b"listtable",
        b"listoverridetable",
        b"rsidtbl",
        b"generator",
        b"themedata",
        b"datastore",
        b"latentstyles",
        b"xmlnstbl",
        b"mmathPr",
    ];
    let mut cp = cp;
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new(); // \'hh bytes awaiting decoding
    // (skip, uc) per group
    let mut stack: Vec<(bool, usize)> = vec![(false, 1)];
    let mut htmlrtf = false;
    let mut unicode_skip = 0usize;
    let mut i = 0;
    let flush = |pending: &mut Vec<u8>, out: &mut String, cp: Option<u16>| {
        if !pending.is_empty() {
            out.push_str(&decode_codepage(pending, Some(cp.unwrap_or(1252))));
            pending.clear();
        }
    };
    while i < rtf.len() {
        let c = rtf[i];
        let (skip, uc) = *stack.last().unwrap_or(&(false, 1));
        let hidden = skip || htmlrtf;
        match c {
            b'{' => {
                flush(&mut pending, &mut out, cp);
                if stack.len() < 1000 {
                    stack.push((skip, uc));
                }
                i += 1;
            }
            b'}' => {
                flush(&mut pending, &mut out, cp);
                if stack.len() > 1 {
                    stack.pop();
                }
                i += 1;
            }
            b'\\' => {
                i += 1;
                let Some(&n) = rtf.get(i) else { break };
                if n.is_ascii_alphabetic() {
                    let start = i;
                    while i < rtf.len() && rtf[i].is_ascii_alphabetic() && i - start < 32 {
                        i += 1;
                    }
                    let word = &rtf[start..i];
                    let nstart = i;
                    if i < rtf.len() && rtf[i] == b'-' {
                        i += 1;
                    }
                    while i < rtf.len() && rtf[i].is_ascii_digit() && i - nstart < 11 {
                        i += 1;
                    }
                    let param: Option<i64> = std::str::from_utf8(&rtf[nstart..i])
                        .ok()
                        .and_then(|s| s.parse().ok());
                    if i < rtf.len() && rtf[i] == b' ' {
                        i += 1;
                    }
                    if word != b"u" {
                        flush(&mut pending, &mut out, cp);
                    }
                    match word {
                        b"par" | b"line" | b"sect" | b"page" | b"row" if !hidden => out.push('\n'),
                        b"tab" | b"cell" if !hidden => out.push('\t'),
                        b"htmlrtf" => htmlrtf = param != Some(0),
                        b"ansicpg" => cp = param.and_then(|p| u16::try_from(p).ok()),
                        b"uc" => {
                            if let Some(top) = stack.last_mut() {
                                top.1 = param.and_then(|p| usize::try_from(p).ok()).unwrap_or(1);
                            }
                        }
                        b"u" => {
                            if let Some(p) = param {
                                let v = if p < 0 { p + 65536 } else { p };
                                if !hidden {
                                    flush(&mut pending, &mut out, cp);
                                    if let Some(ch) = u32::try_from(v).ok().and_then(char::from_u32)
                                    {
                                        out.push(ch);
                                    }
                                }
                                unicode_skip = uc;
                            }
                        }
                        w if SKIP.contains(&w) => {
                            if let Some(top) = stack.last_mut() {
                                top.0 = true;
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                match n {
                    b'*' => {
                        if let Some(top) = stack.last_mut() {
                            top.0 = true;
                        }
                        i += 1;
                    }
                    b'\'' => {
                        let hex = rtf.get(i + 1..i + 3);
                        i += 3;
                        if unicode_skip > 0 {
                            unicode_skip -= 1;
                        } else if !hidden
                            && let Some(b) = hex
                                .and_then(|h| std::str::from_utf8(h).ok())
                                .and_then(|h| u8::from_str_radix(h, 16).ok())
                        {
                            pending.push(b);
                        }
                    }
                    b'~' => {
                        if !hidden {
                            out.push('\u{a0}');
                        }
                        i += 1;
                    }
                    b'\r' | b'\n' => {
                        if !hidden {
                            out.push('\n');
                        }
                        i += 1;
                    }
                    other => {
                        if !hidden && matches!(other, b'\\' | b'{' | b'}') {
                            flush(&mut pending, &mut out, cp);
                            out.push(other as char);
                        }
                        i += 1;
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                if unicode_skip > 0 {
                    unicode_skip -= 1;
                    i += 1;
                    continue;
                }
                flush(&mut pending, &mut out, cp);
                // Runs of plain text: take up to the next special byte.
                let start = i;
                while i < rtf.len() && !matches!(rtf[i], b'{' | b'}' | b'\\' | b'\r' | b'\n') {
                    i += 1;
                }
                if !hidden {
                    out.push_str(&decode_codepage(&rtf[start..i], Some(cp.unwrap_or(1252))));
                }
            }
        }
    }
    flush(&mut pending, &mut out, cp);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::document::CollectSink;

    const EML: &str = "From: \"Robert SMITH\" <robert.smith@example.org>\r
To: Jane Doe <jane.doe@example.org>, duty@example.org\r
Cc: =?utf-8?Q?Zo=C3=AB_Brown?= <zoe@example.org>\r
Reply-To: records@example.org\r
Subject: =?utf-8?B?Q3VzdG9keSByZWNvcmQgZm9yIFpvw6sg4oCTIMKjNTA=?=\r
Date: Mon, 6 Jan 2025 10:00:00\r
 +0000\r
MIME-Version: 1.0\r
Content-Type: multipart/mixed; boundary=\"MIX\"\r
\r
--MIX\r
Content-Type: multipart/alternative; boundary=\"ALT\"\r
\r
--ALT\r
Content-Type: text/plain; charset=utf-8\r
Content-Transfer-Encoding: quoted-printable\r
\r
Fine of =C2=A350 paid by Robert SMITH of SW1A 1AA.\r
--ALT\r
Content-Type: text/html; charset=utf-8\r
\r
<p>Fine of &pound;50 paid by <b>Robert SMITH</b> of SW1A 1AA.</p>\r
--ALT--\r
\r
--MIX\r
Content-Type: application/octet-stream; name=\"notes.txt\"\r
Content-Disposition: attachment; filename=\"notes.txt\"\r
Content-Transfer-Encoding: base64\r
\r
TkkgbnVtYmVyIFFRMTIzNDU2Qwo=\r
--MIX\r
Content-Type: message/rfc822\r
\r
From: duty@example.org\r
Subject: Original report\r
\r
Inner body about Robert SMITH.\r
--MIX--\r
";

    fn texts(s: &CollectSink) -> Vec<(&str, &str)> {
        s.texts
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect()
    }

    #[test]
    fn eml_headers_bodies_attachments() {
        let mut s = CollectSink::default();
        eml(EML.as_bytes(), &mut s).unwrap();
        let t = texts(&s);
        let want = [
            ("From", "Robert SMITH <robert.smith@example.org>"),
            ("To", "Jane Doe <jane.doe@example.org>, duty@example.org"),
            ("Cc", "Zoë Brown <zoe@example.org>"),
            ("Reply-To", "records@example.org"),
            ("Subject", "Custody record for Zoë – £50"),
            ("Date", "Mon, 6 Jan 2025 10:00:00 +0000"),
            ("body", "Fine of £50 paid by Robert SMITH of SW1A 1AA."),
        ];
        assert_eq!(t[..want.len()], want, "{}", s.all_text());
        // The HTML twin of the plain body is read as well.
        assert_eq!(t.len(), want.len() + 1);
        assert_eq!(t[want.len()].0, "body (html)");
        assert!(t[want.len()].1.contains("SW1A 1AA"));
        let names: Vec<&str> = s.members.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["notes.txt", "Original report.eml"]);
        assert_eq!(s.members[0].1, b"NI number QQ123456C\n");
        let inner = String::from_utf8_lossy(&s.members[1].1);
        assert!(inner.starts_with("From: duty@example.org"), "{inner}");
        assert!(inner.contains("Inner body about Robert SMITH."), "{inner}");
        assert!(!inner.contains("--MIX"), "{inner}");
        // The attached message reads as an email in turn.
        let mut s2 = CollectSink::default();
        eml(&s.members[1].1, &mut s2).unwrap();
        assert!(s2.all_text().contains("Subject: Original report"));
        assert!(s.taken > 0);
    }

    #[test]
    fn eml_html_only_and_legacy_charset() {
        let html = "From: a@example.org\nTo: b@example.org\nSubject: x\n\
                    Content-Type: text/html; charset=iso-8859-1\n\n\
                    <html><body><p>Owes \u{A3}100</p><p>QQ123456C</p></body></html>\n";
        // Latin-1 bytes: build from the str's chars.
        let bytes: Vec<u8> = html.chars().map(|c| c as u32 as u8).collect();
        let mut s = CollectSink::default();
        eml(&bytes, &mut s).unwrap();
        let body = s
            .texts
            .iter()
            .find(|(l, _)| l == "body (html)")
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        assert!(body.contains("Owes £100"), "{body}");
        assert!(
            body.contains("QQ123456C") && !body.contains("<p>"),
            "{body}"
        );
    }

    #[test]
    fn encrypted_mail_reads_headers_then_says_so() {
        let m = "From: Robert SMITH <r@example.org>\nTo: b@example.org\nSubject: secret\n\
                 Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\n\
                 Content-Transfer-Encoding: base64\n\nMIAGCSqGSIb3DQEHA6CAMIACAQAxggFE\n";
        let mut s = CollectSink::default();
        assert_eq!(eml(m.as_bytes(), &mut s), Err(Problem::Encrypted));
        assert!(s.all_text().contains("From: Robert SMITH <r@example.org>"));
        let boxed = format!("From r@example.org Mon Jan  6 10:00:00 2025\n{m}\n");
        let mut s = CollectSink::default();
        mbox(boxed.as_bytes(), &mut s).unwrap();
        assert_eq!(s.warnings, ["message 1: encrypted"]);
        let streams: Streams = vec![
            ("/__properties_version1.0".into(), vec![0u8; 32]),
            ("/__substg1.0_001A001F".into(), utf16("IPM.Note.SMIME")),
            ("/__substg1.0_0037001F".into(), utf16("secret")),
        ];
        let mut s = CollectSink::default();
        assert_eq!(
            msg(&build_cfb(&[], &streams), &mut s),
            Err(Problem::Encrypted)
        );
        assert!(s.all_text().contains("Subject: secret"));
    }

    #[test]
    fn eml_several_plain_bodies_are_numbered() {
        let m = "From: a@example.org\nSubject: s\nContent-Type: multipart/mixed; boundary=B\n\n\
                 --B\nContent-Type: text/plain\n\nfirst\n--B\nContent-Type: text/plain\n\nsecond\n--B--\n";
        let mut s = CollectSink::default();
        eml(m.as_bytes(), &mut s).unwrap();
        let t = texts(&s);
        assert!(t.contains(&("body", "first")), "{t:?}");
        assert!(t.contains(&("body 2", "second")), "{t:?}");
    }

    #[test]
    fn eml_garbage_is_corrupt() {
        for bad in [&b""[..], b"\x00\x01\x02\xff\xfe", b"\n\n\n"] {
            let mut s = CollectSink::default();
            assert!(
                matches!(eml(bad, &mut s), Err(Problem::Corrupt(_))),
                "{bad:?}"
            );
        }
        // Truncated mid-header or mid-part: whatever parses is handed over.
        for cut in [10, 100, 400, 700, EML.len() - 10] {
            let mut s = CollectSink::default();
            let _ = eml(&EML.as_bytes()[..cut], &mut s);
        }
    }

    #[test]
    fn eml_text_is_cut_at_max_text() {
        let m = format!("From: a@example.org\nSubject: s\n\n{}", "é".repeat(100));
        let mut s = CollectSink::default();
        s.limits.max_text = 51;
        eml(m.as_bytes(), &mut s).unwrap();
        let body = &s.texts.iter().find(|(l, _)| l == "body").unwrap().1;
        assert_eq!(body.len(), 50);
        assert_eq!(s.warnings.len(), 1);
    }

    #[test]
    fn eml_stops_at_byte_budget() {
        let mut s = CollectSink::default();
        s.limits.max_total_bytes = 60;
        let r = eml(EML.as_bytes(), &mut s);
        assert!(matches!(r, Err(Problem::Limit(_))), "{r:?}");
        // What fitted was handed over first.
        assert!(!s.texts.is_empty());
    }

    fn mbox_text() -> String {
        let second = "From: Jane Doe <jane.doe@example.org>\n\
                      Subject: Second\n\
                      Content-Type: multipart/mixed; boundary=B\n\n\
                      --B\nContent-Type: text/plain\n\nSee attached.\n>From the desk of Jane\n\
                      --B\nContent-Type: text/plain; name=list.csv\n\
                      Content-Disposition: attachment; filename=list.csv\n\n\
                      name,ni\nRobert SMITH,QQ123456C\n--B--\n";
        format!(
            "From robert@example.org Mon Jan  6 10:00:00 2025\n\
             From: robert.smith@example.org\nSubject: First\n\nHello from SW1A 1AA.\n\n\
             From jane@example.org Mon Jan  6 11:00:00 2025\n{second}\n\
             From x@example.org Mon Jan  6 12:00:00 2025\n\
             From: x@example.org\nSubject: Third\n\nThird body\n"
        )
    }

    #[test]
    fn mbox_messages_are_prefixed() {
        let mut s = CollectSink::default();
        mbox(mbox_text().as_bytes(), &mut s).unwrap();
        let t = texts(&s);
        assert!(t.contains(&("message 1 Subject", "First")), "{t:?}");
        assert!(
            t.contains(&("message 1 body", "Hello from SW1A 1AA.")),
            "{t:?}"
        );
        assert!(t.contains(&("message 2 From", "Jane Doe <jane.doe@example.org>")));
        assert!(
            t.contains(&("message 2 body", "See attached.\nFrom the desk of Jane")),
            "{t:?}"
        );
        assert!(t.contains(&("message 3 body", "Third body")), "{t:?}");
        assert_eq!(s.members.len(), 1);
        assert_eq!(s.members[0].0, "message 2/list.csv");
        assert!(String::from_utf8_lossy(&s.members[0].1).contains("QQ123456C"));
    }

    #[test]
    fn mbox_counts_messages_against_max_members() {
        let mut s = CollectSink::default();
        s.limits.max_members = 2;
        let r = mbox(mbox_text().as_bytes(), &mut s);
        assert!(matches!(r, Err(Problem::Limit(ref m)) if m.contains("max_members")));
        assert!(s.all_text().contains("message 2 Subject: Second"));
        assert!(!s.all_text().contains("message 3"));
    }

    #[test]
    fn mbox_garbage_is_corrupt() {
        for bad in [&b""[..], b"no from line here\n", b"\xff\xfe\x00garbage"] {
            let mut s = CollectSink::default();
            assert!(
                matches!(mbox(bad, &mut s), Err(Problem::Corrupt(_))),
                "{bad:?}"
            );
        }
    }

    // --- .msg -------------------------------------------------------------

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    /// A fixed-size property entry for __properties_version1.0.
    fn fixed(id: u16, ty: u16, value: u64) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&ty.to_le_bytes());
        v.extend_from_slice(&id.to_le_bytes());
        v.extend_from_slice(&6u32.to_le_bytes());
        v.extend_from_slice(&value.to_le_bytes());
        v
    }

    type Streams = Vec<(String, Vec<u8>)>;

    fn build_cfb(storages: &[&str], streams: &Streams) -> Vec<u8> {
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for st in storages {
            cf.create_storage_all(st).unwrap();
        }
        for (path, data) in streams {
            cf.create_stream(path).unwrap().write_all(data).unwrap();
        }
        cf.flush().unwrap();
        cf.into_inner().into_inner()
    }

    /// A synthetic .msg: subject, sender, a Cc recipient, plain body, a
    /// file attachment and an attached message.
    fn sample_msg() -> Vec<u8> {
        let s = |p: &str, v: &str| (p.to_string(), utf16(v));
        let mut root_props = vec![0u8; 32];
        root_props.extend(fixed(CLIENT_SUBMIT_TIME, 0x0040, 133_800_000_000_000_000));
        let mut recip_props = vec![0u8; 8];
        recip_props.extend(fixed(RECIPIENT_TYPE, 0x0003, 2));
        let mut attach_props = vec![0u8; 8];
        attach_props.extend(fixed(ATTACH_METHOD, 0x0003, 1));
        let mut emb_props = vec![0u8; 8];
        emb_props.extend(fixed(ATTACH_METHOD, 0x0003, 5));
        let mut inner_props = vec![0u8; 24];
        inner_props.extend(fixed(0x0E07, 0x0003, 1));
        let r = "/__recip_version1.0_#00000000";
        let r2 = "/__recip_version1.0_#00000001";
        let a = "/__attach_version1.0_#00000000";
        let e = "/__attach_version1.0_#00000001";
        let inner = "/__attach_version1.0_#00000001/__substg1.0_3701000D";
        let streams: Streams = vec![
            ("/__properties_version1.0".into(), root_props),
            s("/__substg1.0_0037001F", "Custody record for Robert SMITH"),
            s("/__substg1.0_0C1A001F", "Jane Doe"),
            s(
                "/__substg1.0_0C1F001F",
                "/O=EXAMPLE/OU=FIRST/CN=RECIPIENTS/CN=JDOE",
            ),
            s("/__substg1.0_5D01001F", "jane.doe@example.org"),
            s(
                "/__substg1.0_1000001F",
                "NI QQ123456C, lives at SW1A 1AA.\0",
            ),
            s("/__substg1.0_0E04001F", "Robert SMITH"),
            (format!("{r}/__properties_version1.0"), recip_props),
            s(&format!("{r}/__substg1.0_3001001F"), "Robert SMITH"),
            s(
                &format!("{r}/__substg1.0_39FE001F"),
                "robert.smith@example.org",
            ),
            (format!("{r2}/__properties_version1.0"), vec![0u8; 8]),
            s(&format!("{r2}/__substg1.0_3001001F"), "Duty Desk"),
            (format!("{a}/__properties_version1.0"), attach_props),
            s(&format!("{a}/__substg1.0_3707001F"), "statement.txt"),
            (
                format!("{a}/__substg1.0_37010102"),
                b"Statement of Robert SMITH".to_vec(),
            ),
            (format!("{e}/__properties_version1.0"), emb_props),
            (format!("{inner}/__properties_version1.0"), inner_props),
            s(
                &format!("{inner}/__substg1.0_0037001F"),
                "FW: earlier/report",
            ),
            s(
                &format!("{inner}/__substg1.0_1000001F"),
                "Inner body QQ123456C",
            ),
        ];
        build_cfb(&[r, r2, a, e, inner], &streams)
    }

    #[test]
    fn msg_reads_properties_recipients_attachments() {
        let mut s = CollectSink::default();
        msg(&sample_msg(), &mut s).unwrap();
        let t = texts(&s);
        let want = [
            ("From", "Jane Doe <jane.doe@example.org>"),
            ("To", "Duty Desk"),
            ("Cc", "Robert SMITH <robert.smith@example.org>"),
            ("Subject", "Custody record for Robert SMITH"),
            ("Date", "2024-12-30 02:40:00 UTC"),
            ("body", "NI QQ123456C, lives at SW1A 1AA."),
        ];
        assert_eq!(t, want, "{}", s.all_text());
        let names: Vec<&str> = s.members.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["statement.txt", "FW: earlier_report.msg"]);
        assert_eq!(s.members[0].1, b"Statement of Robert SMITH");
        // The attached message is a .msg of its own, read in turn.
        let inner = &s.members[1].1;
        assert!(inner.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"));
        let mut s2 = CollectSink::default();
        msg(inner, &mut s2).unwrap();
        let t2 = texts(&s2);
        assert!(t2.contains(&("Subject", "FW: earlier/report")), "{t2:?}");
        assert!(t2.contains(&("body", "Inner body QQ123456C")), "{t2:?}");
    }

    /// The worked example of MS-OXRTFCP 3.1.1.
    const RTF_LZFU: &[u8] = &[
        0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7,
        0xa7, 0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a,
        0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d,
        0x0a, 0x80, 0x0f, 0xa0,
    ];

    #[test]
    fn lzfu_spec_example() {
        assert_eq!(RTF_DICT.len(), 207);
        let mut s = CollectSink::default();
        let out = decompress_rtf(RTF_LZFU, &mut s).unwrap().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out),
            "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"
        );
    }

    #[test]
    fn msg_rtf_only_body() {
        let s = |p: &str, v: &str| (p.to_string(), utf16(v));
        let streams: Streams = vec![
            ("/__properties_version1.0".into(), vec![0u8; 32]),
            s("/__substg1.0_0037001F", "rtf"),
            ("/__substg1.0_10090102".into(), RTF_LZFU.to_vec()),
        ];
        let mut sink = CollectSink::default();
        msg(&build_cfb(&[], &streams), &mut sink).unwrap();
        assert!(
            texts(&sink).contains(&("body (rtf)", "hello world")),
            "{}",
            sink.all_text()
        );
    }

    #[test]
    fn rtf_text_crudely() {
        let cases: &[(&str, &str)] = &[
            (
                "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\pard Robert \\b SMITH\\b0\\par QQ123456C}",
                "Robert SMITH\nQQ123456C",
            ),
            ("{\\rtf1\\ansi\\ansicpg1252 Fine \\'a350}", "Fine £50"),
            ("{\\rtf1 Zo\\u235?\\par}", "Zoë\n"),
            (
                "{\\rtf1{\\*\\htmltag64 <p>}\\htmlrtf {\\b\\htmlrtf0 Hi}\\htmlrtf0 there}",
                "Hithere",
            ),
            ("{\\rtf1 a\\{b\\}c\\\\}", "a{b}c\\"),
            ("{\\rtf1 unterminated \\'", "unterminated "),
        ];
        for (rtf, want) in cases {
            assert_eq!(rtf_to_text(rtf.as_bytes(), None), *want, "{rtf}");
        }
    }

    #[test]
    fn msg_hostile_inputs_are_corrupt_not_panics() {
        let good = sample_msg();
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"garbage that is not OLE".to_vec(),
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec(),
            build_cfb(&["/Other"], &vec![("/WordDocument".into(), vec![1, 2, 3])]),
        ];
        cases.push(good[..good.len() / 2].to_vec());
        for (i, c) in cases.iter().enumerate() {
            let mut s = CollectSink::default();
            let r = msg(c, &mut s);
            assert!(matches!(r, Err(Problem::Corrupt(_))), "case {i}: {r:?}");
        }
        // Bit flips anywhere: any result but a panic (msg() catches those).
        let mut x: u32 = 12345;
        for _ in 0..300 {
            let mut b = good.clone();
            for _ in 0..4 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let at = (x as usize >> 3) % b.len();
                b[at] ^= (x >> 24) as u8 | 1;
            }
            let mut s = CollectSink::default();
            let _ = msg(&b, &mut s);
        }
        // Damaged compressed RTF: no panic, bounded output.
        let mut s = CollectSink::default();
        let mut bomb = RTF_LZFU.to_vec();
        bomb[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        bomb.extend(std::iter::repeat_n(0xFF, 1000));
        let out = decompress_rtf(&bomb, &mut s).unwrap().unwrap();
        assert!(out.len() <= bomb.len() * 8 + 8);
    }
}

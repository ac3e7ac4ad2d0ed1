//! Zip, gzip and tar archives: each regular file inside goes to
//! [`Sink::member`] under its path in the archive, to be sniffed and
//! extracted in turn by the caller (a `.tar.gz` is a gzip whose one member
//! is a tar; a zip in a zip is a member like any other).
//!
//! Why here and not in the `zip` crate: it has no zip-bomb defences, so
//! this module brings its own. For every zip member the declared size is
//! checked against [`Limits::max_ratio`](super::document::Limits) (members
//! of up to 1 MiB are exempt: a small run of spaces compresses further than
//! any sensible ratio), the bytes are asked for with [`Sink::take`] before
//! anything is decompressed, and the decompressing reader is wrapped in
//! `Read::take(declared + 1)` so a header that lies about its size cannot
//! make us inflate more than it declared. Members are counted against
//! `max_members`. Gzip is inflated in 64 KiB chunks, each asked for with
//! `take`, and stopped past `max_ratio` times its compressed size.
//!
//! A zip without a readable central directory (truncated, or cut short by a
//! failed copy) is read a second way, by walking its local headers from
//! the start: the members before the damage are handed over and the file
//! is reported corrupt. That walk cannot pass a member whose sizes follow
//! its data (a "data descriptor") or an encrypted one; it stops there.
//!
//! Also the zip helpers the Office Open XML and OpenDocument readers use
//! ([`ZipDoc`]): open a zip in memory, list its entries, read one entry by
//! name under the same limits.
//!
//! Not read: encrypted members (no passwords: a zip whose members are all
//! encrypted is [`Problem::Encrypted`], otherwise each is a warning), zip
//! members compressed with Zstandard, PPMd or the legacy methods (a warning
//! each), tar entries other than regular files (links, devices, sparse
//! files), 7z and rar (not recognised).

use std::borrow::Cow;
use std::io::{Cursor, Read};

use super::document::{Limits, Problem, Sink};

/// Members up to this size are not held to the compression ratio limit.
const RATIO_EXEMPT: u64 = 1 << 20;
/// Gzip is inflated this much at a time.
const CHUNK: usize = 64 * 1024;
/// Never reserve more than this up front, whatever a header declares.
const MAX_RESERVE: u64 = 16 << 20;

/// The worst problem seen so far: a limit outranks damage, which outranks
/// an unsupported member. Extraction goes on after each; the worst is
/// returned at the end.
#[derive(Default)]
pub(crate) struct Outcome(Option<Problem>);

impl Outcome {
    fn rank(p: &Problem) -> u8 {
        match p {
            Problem::Limit(_) => 4,
            Problem::Encrypted => 3,
            Problem::Corrupt(_) => 2,
            Problem::Unsupported(_) => 1,
            Problem::NeedsReview(_) => 0,
        }
    }

    pub(crate) fn note(&mut self, p: Problem) {
        match &self.0 {
            Some(old) if Self::rank(old) >= Self::rank(&p) => {}
            _ => self.0 = Some(p),
        }
    }

    pub(crate) fn finish(self) -> Result<(), Problem> {
        match self.0 {
            Some(p) => Err(p),
            None => Ok(()),
        }
    }
}

fn total_limit(limits: &Limits, what: &str) -> Problem {
    Problem::Limit(format!(
        "max_total_bytes ({} bytes decompressed) reached at {what}",
        limits.max_total_bytes
    ))
}

fn members_limit(limits: &Limits) -> Problem {
    Problem::Limit(format!(
        "max_members ({}) reached; the rest of the archive was not read",
        limits.max_members
    ))
}

/// Checks a member's declared size against the ratio limit and asks the
/// sink for it.
fn admit(name: &str, declared: u64, compressed: u64, sink: &mut dyn Sink) -> Result<(), Problem> {
    let max_ratio = sink.limits().max_ratio;
    if declared > RATIO_EXEMPT && declared > compressed.max(1).saturating_mul(max_ratio) {
        return Err(Problem::Limit(format!(
            "max_ratio ({max_ratio}:1) exceeded by {name}: {declared} bytes from {compressed}"
        )));
    }
    if !sink.take(declared) {
        return Err(total_limit(sink.limits(), name));
    }
    Ok(())
}

/// A member [`admit`] refused: warned and noted. True when the total
/// budget is spent, so that no further member can be read.
fn refused(p: Problem, sink: &mut dyn Sink, out: &mut Outcome) -> bool {
    sink.warn(&p.to_string());
    let stop = matches!(&p, Problem::Limit(m) if m.starts_with("max_total_bytes"));
    out.note(p);
    stop
}

/// Reads at most `declared` bytes from a decompressing reader; more is a
/// header that lied.
fn read_bounded(name: &str, declared: u64, r: impl Read) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::with_capacity(declared.min(MAX_RESERVE) as usize);
    match r.take(declared.saturating_add(1)).read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > declared => Err(Problem::Corrupt(format!(
            "{name} holds more than the {declared} bytes its header declares"
        ))),
        Ok(_) => Ok(out),
        Err(e) => Err(Problem::Corrupt(format!("{name}: {e}"))),
    }
}

fn zip_error(name: &str, e: &zip::result::ZipError) -> Problem {
    use zip::result::ZipError;
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => Problem::Encrypted,
        ZipError::UnsupportedArchive(m) => Problem::Unsupported(format!("{name}: {m}")),
        ZipError::CompressionMethodNotSupported(id) => {
            Problem::Unsupported(format!("{name}: zip compression method {id}"))
        }
        _ => Problem::Corrupt(format!("{name}: {e}")),
    }
}

fn entry_name<'a>(name: zip::result::ZipResult<Cow<'a, str>>, raw: &[u8]) -> String {
    match name {
        Ok(n) => n.into_owned(),
        Err(_) => String::from_utf8_lossy(raw).into_owned(),
    }
}

/// A zip archive (not an Office or OpenDocument file): every regular file
/// inside goes to the sink as a member.
pub fn zip(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return zip_stream(bytes, sink, &e.to_string()),
    };
    if archive.has_duplicate_names() {
        sink.warn("zip has entries with the same name; only one of each was read");
    }
    let mut out = Outcome::default();
    let mut files = 0u64;
    let mut encrypted = 0u64;
    let mut handed = 0u64;
    for i in 0..archive.len() {
        let (name, declared, compressed, is_encrypted) = match archive.by_index_data(i) {
            Ok(e) => {
                if e.is_dir() || e.is_symlink() {
                    continue;
                }
                (
                    entry_name(e.name(), e.name_raw()),
                    e.size(),
                    e.compressed_size(),
                    e.encrypted(),
                )
            }
            Err(e) => {
                let p = zip_error(&format!("member {i}"), &e);
                sink.warn(&p.to_string());
                out.note(p);
                continue;
            }
        };
        files += 1;
        if files > sink.limits().max_members {
            let p = members_limit(sink.limits());
            return Err(p);
        }
        if is_encrypted {
            encrypted += 1;
            sink.warn(&format!("{name}: encrypted member, not read"));
            continue;
        }
        if let Err(p) = admit(&name, declared, compressed, sink) {
            if refused(p, sink, &mut out) {
                return out.finish();
            }
            continue;
        }
        let data = match archive.by_index(i) {
            Ok(f) => read_bounded(&name, declared, f),
            Err(e) => Err(zip_error(&name, &e)),
        };
        match data {
            Ok(data) => {
                sink.member(&name, &data);
                handed += 1;
            }
            Err(Problem::Encrypted) => {
                encrypted += 1;
                sink.warn(&format!("{name}: encrypted member, not read"));
            }
            Err(p) => {
                sink.warn(&p.to_string());
                out.note(p);
            }
        }
    }
    if encrypted > 0 && handed == 0 && encrypted == files {
        return Err(Problem::Encrypted);
    }
    out.finish()
}

/// Walks a zip's local headers from the start, for a zip whose central
/// directory cannot be read: hands over what it can, then reports the
/// damage.
fn zip_stream(bytes: &[u8], sink: &mut dyn Sink, why: &str) -> Result<(), Problem> {
    let mut reader = bytes;
    let mut files = 0u64;
    let mut out = Outcome::default();
    loop {
        let file = match zip::read::read_zipfile_from_stream(&mut reader) {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                let p = zip_error("zip", &e);
                if p == Problem::Encrypted && files == 0 {
                    return Err(p);
                }
                break;
            }
        };
        if file.is_dir() || file.is_symlink() {
            continue;
        }
        let name = entry_name(file.name(), file.name_raw());
        files += 1;
        if files > sink.limits().max_members {
            return Err(members_limit(sink.limits()));
        }
        let (declared, compressed) = (file.size(), file.compressed_size());
        if let Err(p) = admit(&name, declared, compressed, sink) {
            if refused(p, sink, &mut out) {
                return out.finish();
            }
            continue;
        }
        match read_bounded(&name, declared, file) {
            Ok(data) => sink.member(&name, &data),
            Err(p) => {
                sink.warn(&p.to_string());
                out.note(p);
                break;
            }
        }
    }
    out.note(Problem::Corrupt(format!(
        "zip central directory unreadable ({why}); {files} member(s) recovered from local headers"
    )));
    out.finish()
}

/// A gzip file: one member, named by the original file name in the gzip
/// header or "(gzip content)". Concatenated gzip streams are one member.
pub fn gzip(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut dec = flate2::read::MultiGzDecoder::new(bytes);
    let mut data: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; CHUNK];
    let max_ratio = sink.limits().max_ratio;
    let cap = (bytes.len() as u64)
        .max(1)
        .saturating_mul(max_ratio)
        .max(RATIO_EXEMPT);
    let mut problem = None;
    loop {
        let n = match dec.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                problem = Some(Problem::Corrupt(format!("gzip: {e}")));
                break;
            }
        };
        if data.len() as u64 + n as u64 > cap {
            problem = Some(Problem::Limit(format!(
                "max_ratio ({max_ratio}:1) exceeded by the gzip content"
            )));
            break;
        }
        if !sink.take(n as u64) {
            problem = Some(total_limit(sink.limits(), "the gzip content"));
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    let name = dec
        .header()
        .and_then(|h| h.filename())
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| "(gzip content)".to_string());
    if !data.is_empty() || problem.is_none() {
        sink.member(&name, &data);
    }
    match problem {
        Some(p) => Err(p),
        None => Ok(()),
    }
}

/// A tar archive (uncompressed; a `.tar.gz` arrives here as the gzip's
/// member): every regular file goes to the sink as a member.
pub fn tar(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut archive = tar::Archive::new(bytes);
    let entries = match archive.entries() {
        Ok(e) => e,
        Err(e) => return Err(Problem::Corrupt(format!("tar: {e}"))),
    };
    let mut files = 0u64;
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                return Err(Problem::Corrupt(format!(
                    "tar: {e} after {files} member(s)"
                )));
            }
        };
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind == tar::EntryType::Continuous) {
            continue;
        }
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        files += 1;
        if files > sink.limits().max_members {
            return Err(members_limit(sink.limits()));
        }
        let declared = entry.size();
        if !sink.take(declared) {
            return Err(total_limit(sink.limits(), &name));
        }
        // The entry reader is bounded by the header's size and by the
        // bytes really there.
        let mut data = Vec::with_capacity(declared.min(bytes.len() as u64) as usize);
        let mut entry = entry;
        let read = entry.read_to_end(&mut data);
        let short = (data.len() as u64) < declared;
        if !data.is_empty() || (read.is_ok() && !short) {
            sink.member(&name, &data);
        }
        if let Err(e) = read {
            return Err(Problem::Corrupt(format!("tar: {name}: {e}")));
        }
        if short {
            return Err(Problem::Corrupt(format!(
                "tar: {name} truncated at {} of {declared} bytes",
                data.len()
            )));
        }
    }
    Ok(())
}

/// A zip-based document (Office Open XML, OpenDocument) held in memory,
/// read entry by entry under the limits.
pub(crate) struct ZipDoc<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    members: u64,
    /// Entry indexes by lower-cased name, for case-insensitive lookups
    /// that stay fast on hostile archives with many entries.
    folded: std::collections::HashMap<String, usize>,
}

/// Opens a zip-based document; `what` names the format in the error.
pub(crate) fn open_zip<'a>(bytes: &'a [u8], what: &str) -> Result<ZipDoc<'a>, Problem> {
    match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(zip) => {
            let mut folded = std::collections::HashMap::new();
            for i in 0..zip.len() {
                if let Some(Ok(n)) = zip.name_for_index(i) {
                    folded.entry(n.to_ascii_lowercase()).or_insert(i);
                }
            }
            Ok(ZipDoc {
                zip,
                members: 0,
                folded,
            })
        }
        Err(e) => Err(Problem::Corrupt(format!("{what}: not a readable zip: {e}"))),
    }
}

impl ZipDoc<'_> {
    /// The names of all entries (directories included), in archive order.
    pub(crate) fn names(&self) -> Vec<String> {
        (0..self.zip.len())
            .filter_map(|i| self.zip.name_for_index(i))
            .filter_map(|n| n.ok().map(Cow::into_owned))
            .collect()
    }

    /// The index of an entry by name: exact first, then ignoring ASCII
    /// case (Office part names are case-insensitive).
    fn index(&self, name: &str) -> Option<usize> {
        self.zip
            .index_for_name(name)
            .or_else(|| self.folded.get(&name.to_ascii_lowercase()).copied())
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    /// Reads one entry, `Ok(None)` when there is none by that name. The
    /// entry is held to the ratio limit, asked for with [`Sink::take`] and
    /// to `cap` bytes.
    pub(crate) fn read(
        &mut self,
        name: &str,
        cap: u64,
        sink: &mut dyn Sink,
    ) -> Result<Option<Vec<u8>>, Problem> {
        let Some(i) = self.index(name) else {
            return Ok(None);
        };
        let (declared, compressed, encrypted) = match self.zip.by_index_data(i) {
            Ok(e) => (e.size(), e.compressed_size(), e.encrypted()),
            Err(e) => return Err(zip_error(name, &e)),
        };
        if encrypted {
            return Err(Problem::Encrypted);
        }
        self.members += 1;
        if self.members > sink.limits().max_members {
            return Err(members_limit(sink.limits()));
        }
        if declared > cap {
            return Err(Problem::Limit(format!(
                "{name} is {declared} bytes, over the {cap} byte limit for one part"
            )));
        }
        admit(name, declared, compressed, sink)?;
        let f = self.zip.by_index(i).map_err(|e| zip_error(name, &e))?;
        read_bounded(name, declared, f).map(Some)
    }

    /// Hands every regular entry under `prefix` (e.g. "word/embeddings/")
    /// to the sink as a member, named by its path in the document.
    /// Problems are warnings and noted in `out`.
    pub(crate) fn members_under(&mut self, prefix: &str, sink: &mut dyn Sink, out: &mut Outcome) {
        let names: Vec<String> = self
            .names()
            .into_iter()
            .filter(|n| n.starts_with(prefix) && !n.ends_with('/'))
            .collect();
        for name in names {
            match self.read(&name, sink.limits().max_total_bytes, sink) {
                Ok(Some(data)) => sink.member(&name, &data),
                Ok(None) => {}
                Err(p) => {
                    sink.warn(&format!("{name}: {p}"));
                    let stop = matches!(&p, Problem::Limit(_));
                    out.note(p);
                    if stop {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::extract::document::CollectSink;
    use std::io::Write;

    /// A zip of (name, bytes) members, deflated.
    pub(crate) fn make_zip(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in members {
            if name.ends_with('/') {
                w.add_directory(*name, opts).unwrap();
            } else {
                w.start_file(*name, opts).unwrap();
                w.write_all(data).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    fn gz(name: Option<&str>, data: &[u8]) -> Vec<u8> {
        let mut b = flate2::GzBuilder::new();
        if let Some(n) = name {
            b = b.filename(n);
        }
        let mut e = b.write(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn make_tar(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in members {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    pub(crate) fn run(
        f: fn(&[u8], &mut dyn Sink) -> Result<(), Problem>,
        b: &[u8],
    ) -> (CollectSink, Result<(), Problem>) {
        let mut s = CollectSink::default();
        let r = f(b, &mut s);
        (s, r)
    }

    #[test]
    fn zip_members_in_order_skipping_directories() {
        let inner = make_zip(&[("a.txt", b"QQ123456C")]);
        let z = make_zip(&[
            ("custody/", b""),
            ("custody/0142.txt", b"Robert SMITH, SW1A 1AA"),
            ("nested.zip", &inner),
        ]);
        let (s, r) = run(zip, &z);
        assert_eq!(r, Ok(()));
        let names: Vec<&str> = s.members.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["custody/0142.txt", "nested.zip"]);
        assert_eq!(s.members[0].1, b"Robert SMITH, SW1A 1AA");
        // The nested zip is handed over whole, for the caller to recurse.
        assert_eq!(s.members[1].1, inner);
    }

    #[test]
    fn zip_bomb_hits_the_ratio_limit() {
        let zeros = vec![0u8; 8 << 20];
        let z = make_zip(&[("ok.txt", b"Robert SMITH"), ("zeros.bin", &zeros)]);
        assert!(z.len() < 1 << 20);
        let (s, r) = run(zip, &z);
        assert!(
            matches!(&r, Err(Problem::Limit(m)) if m.contains("max_ratio")),
            "{r:?}"
        );
        assert_eq!(s.members.len(), 1);
        assert!(s.taken < 1 << 20);
    }

    #[test]
    fn zip_total_limit_stops_before_decompressing() {
        let z = make_zip(&[("a.txt", &[b'a'; 5000]), ("b.txt", &[b'b'; 5000])]);
        let mut s = CollectSink::default();
        s.limits.max_total_bytes = 6000;
        let r = zip(&z, &mut s);
        assert!(
            matches!(&r, Err(Problem::Limit(m)) if m.contains("max_total_bytes")),
            "{r:?}"
        );
        assert_eq!(s.members.len(), 1);
    }

    /// Sets the "encrypted" flag of every member (local and central
    /// headers), or of the members whose index is in `which`.
    fn mark_encrypted(z: &mut [u8], which: &[usize]) {
        let mut local = 0;
        let mut central = 0;
        for i in 0..z.len().saturating_sub(10) {
            if z[i..i + 4] == *b"PK\x03\x04" {
                if which.contains(&local) {
                    z[i + 6] |= 1;
                }
                local += 1;
            } else if z[i..i + 4] == *b"PK\x01\x02" {
                if which.contains(&central) {
                    z[i + 8] |= 1;
                }
                central += 1;
            }
        }
    }

    #[test]
    fn encrypted_members() {
        let mut all = make_zip(&[("a.txt", b"Robert SMITH"), ("b.txt", b"QQ123456C")]);
        mark_encrypted(&mut all, &[0, 1]);
        let (s, r) = run(zip, &all);
        assert_eq!(r, Err(Problem::Encrypted));
        assert!(s.members.is_empty());

        let mut some = make_zip(&[("a.txt", b"Robert SMITH"), ("b.txt", b"QQ123456C")]);
        mark_encrypted(&mut some, &[1]);
        let (s, r) = run(zip, &some);
        assert_eq!(r, Ok(()));
        assert_eq!(s.members.len(), 1);
        assert!(
            s.warnings
                .iter()
                .any(|w| w.contains("b.txt") && w.contains("encrypted"))
        );
    }

    #[test]
    fn zip_member_limit() {
        let z = make_zip(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let mut s = CollectSink::default();
        s.limits.max_members = 2;
        let r = zip(&z, &mut s);
        assert!(matches!(&r, Err(Problem::Limit(m)) if m.contains("max_members")));
        assert_eq!(s.members.len(), 2);
    }

    /// A member whose headers declare 10 bytes but whose data inflates to
    /// far more: we read 11 and stop.
    #[test]
    fn zip_lying_size_is_cut_short() {
        let data = vec![b'x'; 100_000];
        let mut z = make_zip(&[("liar.txt", &data)]);
        let declared = (data.len() as u32).to_le_bytes();
        let mut patched = 0;
        for i in 0..z.len().saturating_sub(4) {
            if z[i..i + 4] == declared {
                z[i..i + 4].copy_from_slice(&10u32.to_le_bytes());
                patched += 1;
            }
        }
        assert!(patched >= 2, "local and central sizes");
        let (s, r) = run(zip, &z);
        assert!(r.is_err(), "{r:?}");
        assert!(s.members.is_empty());
        assert!(s.taken <= 10);
    }

    #[test]
    fn truncated_zip_gives_partial_members_then_corrupt() {
        let big: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let z = make_zip(&[
            ("first.txt", b"Robert SMITH"),
            ("second.txt", b"QQ123456C"),
            ("big.bin", &big),
        ]);
        let cut = &z[..z.len() / 2];
        let (s, r) = run(zip, cut);
        assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        let names: Vec<&str> = s.members.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["first.txt", "second.txt"]);
    }

    #[test]
    fn garbage_is_corrupt_without_panic() {
        let mut junk = b"PK\x03\x04".to_vec();
        let mut x = 12345u32;
        for _ in 0..5000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            junk.push((x >> 16) as u8);
        }
        for f in [zip, gzip, tar] {
            let (_, r) = run(f, &junk);
            assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        }
        let (_, r) = run(zip, b"");
        assert!(r.is_err());
        let (_, r) = run(gzip, b"\x1f\x8b");
        assert!(r.is_err());
    }

    #[test]
    fn gzip_member_named_from_header() {
        let cases: [(Option<&str>, &str); 2] =
            [(Some("log.tar"), "log.tar"), (None, "(gzip content)")];
        for (name, want) in cases {
            let (s, r) = run(gzip, &gz(name, b"Robert SMITH QQ123456C"));
            assert_eq!(r, Ok(()));
            assert_eq!(s.members.len(), 1);
            assert_eq!(s.members[0].0, want);
            assert_eq!(s.members[0].1, b"Robert SMITH QQ123456C");
        }
    }

    #[test]
    fn gzip_bomb_and_truncation() {
        let zeros = vec![0u8; 8 << 20];
        let (s, r) = run(gzip, &gz(None, &zeros));
        assert!(
            matches!(&r, Err(Problem::Limit(m)) if m.contains("max_ratio")),
            "{r:?}"
        );
        assert!(s.taken < 8 << 20);

        let text: Vec<u8> = (0..50_000u32)
            .flat_map(|i| format!("{i} ").into_bytes())
            .collect();
        let g = gz(Some("a.txt"), &text);
        let (s, r) = run(gzip, &g[..g.len() / 2]);
        assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        assert_eq!(s.members.len(), 1);
        assert!(!s.members[0].1.is_empty() && text.starts_with(&s.members[0].1));
    }

    #[test]
    fn tar_members_and_tar_gz() {
        let t = make_tar(&[("dir/a.txt", b"Robert SMITH"), ("b.txt", b"SW1A 1AA")]);
        let (s, r) = run(tar, &t);
        assert_eq!(r, Ok(()));
        assert_eq!(
            s.members,
            vec![
                ("dir/a.txt".to_string(), b"Robert SMITH".to_vec()),
                ("b.txt".to_string(), b"SW1A 1AA".to_vec())
            ]
        );
        // A .tar.gz: the gzip's member is the tar, for the caller to sniff.
        let (s, r) = run(gzip, &gz(Some("x.tar"), &t));
        assert_eq!(r, Ok(()));
        assert_eq!(s.members[0].1, t);
    }

    #[test]
    fn truncated_tar_hands_over_what_it_has() {
        let big = vec![b'z'; 10_000];
        let t = make_tar(&[("a.txt", b"Robert SMITH"), ("big.txt", &big)]);
        let (s, r) = run(tar, &t[..3000]);
        assert!(matches!(r, Err(Problem::Corrupt(_))), "{r:?}");
        assert_eq!(
            s.members[0],
            ("a.txt".to_string(), b"Robert SMITH".to_vec())
        );
    }

    #[test]
    fn zipdoc_reads_by_name_case_insensitively() {
        let z = make_zip(&[
            ("word/document.xml", b"<x/>"),
            ("[Content_Types].xml", b"<t/>"),
        ]);
        let mut s = CollectSink::default();
        let mut d = open_zip(&z, "docx").unwrap();
        assert!(d.has("WORD/Document.xml"));
        assert_eq!(
            d.read("word/document.xml", 100, &mut s).unwrap().unwrap(),
            b"<x/>"
        );
        assert_eq!(d.read("missing.xml", 100, &mut s).unwrap(), None);
        assert!(matches!(
            d.read("[Content_Types].xml", 2, &mut s),
            Err(Problem::Limit(_))
        ));
        assert_eq!(d.names().len(), 2);
    }
}

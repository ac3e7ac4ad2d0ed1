//! Text decoding that remembers where every byte came from.
//!
//! Matching runs on UTF-8, but findings must point at bytes in the file as
//! stored. UTF-8 files (the common case) decode to themselves, so the map is
//! one checkpoint. Otherwise:
//!
//! * invalid UTF-8 bytes are read as Windows-1252 (old UK exports with `£`
//!   as byte 0xA3), one at a time, so a mostly-UTF-8 file with a stray 1252
//!   byte keeps its valid characters;
//! * UTF-16 (LE/BE, with a BOM or recognised by its NUL pattern) is decoded
//!   by hand, because the offsets of each code unit are needed.
//!
//! [`OffsetMap`] stores a checkpoint before and after every character whose
//! decoded length differs from its source length; between checkpoints the
//! relation is linear (1 source byte per decoded byte for UTF-8, 2 for
//! UTF-16 ASCII). Memory is bounded by the decoded window it covers.

/// The encodings trawl reads text in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8; invalid bytes are read as Windows-1252.
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

/// What the first bytes of a file say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sniff {
    pub encoding: Encoding,
    /// Bytes of byte-order mark to skip.
    pub bom_len: usize,
    /// NUL bytes in a file that is not UTF-16: not text.
    pub binary: bool,
}

/// How many leading bytes [`sniff`] looks at.
pub const SNIFF_LEN: usize = 8192;

/// Looks at the first bytes of a file: BOM first, then the NUL parity of
/// BOM-less UTF-16 (DEPENDENCIES.md §A4: chardetng never detects UTF-16),
/// then NUL bytes meaning binary.
pub fn sniff(head: &[u8]) -> Sniff {
    let head = &head[..head.len().min(SNIFF_LEN)];
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Sniff {
            encoding: Encoding::Utf8,
            bom_len: 3,
            binary: false,
        };
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Sniff {
            encoding: Encoding::Utf16Le,
            bom_len: 2,
            binary: false,
        };
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Sniff {
            encoding: Encoding::Utf16Be,
            bom_len: 2,
            binary: false,
        };
    }
    let pairs = head.len() / 2;
    if pairs >= 2 {
        let (mut even, mut odd) = (0usize, 0usize);
        for p in head.chunks_exact(2) {
            if p[0] == 0 {
                even += 1;
            }
            if p[1] == 0 {
                odd += 1;
            }
        }
        // Mostly-ASCII UTF-16: one byte of nearly every pair is NUL, the
        // other almost never.
        if odd * 10 >= pairs * 6 && even * 20 <= pairs {
            return Sniff {
                encoding: Encoding::Utf16Le,
                bom_len: 0,
                binary: false,
            };
        }
        if even * 10 >= pairs * 6 && odd * 20 <= pairs {
            return Sniff {
                encoding: Encoding::Utf16Be,
                bom_len: 0,
                binary: false,
            };
        }
    }
    Sniff {
        encoding: Encoding::Utf8,
        bom_len: 0,
        binary: memchr::memchr(0, head).is_some(),
    }
}

/// Maps offsets in decoded text (global: counted from the first decoded
/// byte of the file) back to offsets in the file.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    /// (decoded offset, source offset), increasing.
    points: Vec<(u64, u64)>,
    /// Source bytes per decoded byte between checkpoints.
    unit: u64,
}

impl OffsetMap {
    pub fn new(source_start: u64, unit: u64) -> OffsetMap {
        OffsetMap {
            points: vec![(0, source_start)],
            unit,
        }
    }

    fn push(&mut self, dec: u64, src: u64) {
        if let Some(&(d, s)) = self.points.last()
            && src == s + (dec - d) * self.unit
        {
            return; // already linear from the last checkpoint
        }
        self.points.push((dec, src));
    }

    /// The file offset of decoded offset `dec`.
    pub fn to_source(&self, dec: u64) -> u64 {
        let i = self.points.partition_point(|&(d, _)| d <= dec);
        let (d, s) = self.points[i.saturating_sub(1)];
        s + (dec.saturating_sub(d)) * self.unit
    }

    /// Forgets checkpoints before `dec` (keeping the one that covers it).
    pub fn discard_before(&mut self, dec: u64) {
        let i = self.points.partition_point(|&(d, _)| d <= dec);
        if i > 1 {
            self.points.drain(..i - 1);
        }
    }

    /// Whether decoded and source offsets differ only by a constant.
    pub fn is_identity_shift(&self) -> bool {
        self.points.len() == 1 && self.unit == 1
    }
}

/// Windows-1252 bytes 0x80-0x9F (the rest of the upper half is Latin-1).
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

pub fn cp1252(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// An incremental decoder: feed it raw bytes in order; it appends UTF-8 to
/// an output buffer and checkpoints to an [`OffsetMap`].
#[derive(Debug)]
pub struct Decoder {
    pub encoding: Encoding,
    /// Invalid UTF-8 bytes read as Windows-1252 so far.
    pub fallback_bytes: u64,
}

impl Decoder {
    pub fn new(encoding: Encoding) -> Decoder {
        Decoder {
            encoding,
            fallback_bytes: 0,
        }
    }

    pub fn unit(&self) -> u64 {
        match self.encoding {
            Encoding::Utf8 => 1,
            _ => 2,
        }
    }

    /// Decodes `raw`, which starts at file offset `src`. `out_base` is the
    /// global decoded offset of `out[0]`. Returns how many bytes of `raw`
    /// were consumed: an incomplete character at the end is left for the
    /// next call unless `last`.
    pub fn decode(
        &mut self,
        raw: &[u8],
        src: u64,
        out: &mut Vec<u8>,
        out_base: u64,
        map: &mut OffsetMap,
        last: bool,
    ) -> usize {
        match self.encoding {
            Encoding::Utf8 => self.decode_utf8(raw, src, out, out_base, map, last),
            Encoding::Utf16Le => self.decode_utf16(raw, src, out, out_base, map, last, false),
            Encoding::Utf16Be => self.decode_utf16(raw, src, out, out_base, map, last, true),
        }
    }

    fn decode_utf8(
        &mut self,
        raw: &[u8],
        src: u64,
        out: &mut Vec<u8>,
        out_base: u64,
        map: &mut OffsetMap,
        last: bool,
    ) -> usize {
        let mut i = 0;
        loop {
            match std::str::from_utf8(&raw[i..]) {
                Ok(_) => {
                    out.extend_from_slice(&raw[i..]);
                    return raw.len();
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    out.extend_from_slice(&raw[i..i + valid]);
                    i += valid;
                    let bad = match e.error_len() {
                        Some(n) => n,
                        None if !last && raw.len() - i < 4 => return i,
                        None => raw.len() - i,
                    };
                    for k in 0..bad {
                        let dec = out_base + out.len() as u64;
                        let at = src + (i + k) as u64;
                        map.push(dec, at);
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(cp1252(raw[i + k]).encode_utf8(&mut buf).as_bytes());
                        map.push(out_base + out.len() as u64, at + 1);
                        self.fallback_bytes += 1;
                    }
                    i += bad;
                    if i == raw.len() {
                        return i;
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn decode_utf16(
        &mut self,
        raw: &[u8],
        src: u64,
        out: &mut Vec<u8>,
        out_base: u64,
        map: &mut OffsetMap,
        last: bool,
        big_endian: bool,
    ) -> usize {
        let unit = |i: usize| -> u16 {
            if big_endian {
                u16::from_be_bytes([raw[i], raw[i + 1]])
            } else {
                u16::from_le_bytes([raw[i], raw[i + 1]])
            }
        };
        let mut i = 0;
        while i + 1 < raw.len() {
            let u = unit(i);
            let (ch, len) = if (0xD800..0xDC00).contains(&u) {
                if i + 3 < raw.len() {
                    let u2 = unit(i + 2);
                    if (0xDC00..0xE000).contains(&u2) {
                        let c =
                            0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(u2) - 0xDC00);
                        (char::from_u32(c).unwrap_or('\u{FFFD}'), 4)
                    } else {
                        ('\u{FFFD}', 2)
                    }
                } else if !last {
                    break; // the low surrogate is in the next chunk
                } else {
                    ('\u{FFFD}', 2)
                }
            } else if (0xDC00..0xE000).contains(&u) {
                ('\u{FFFD}', 2)
            } else {
                (char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'), 2)
            };
            if ch.is_ascii() {
                out.push(ch as u8);
            } else {
                map.push(out_base + out.len() as u64, src + i as u64);
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                map.push(out_base + out.len() as u64, src + (i + len) as u64);
            }
            i += len;
        }
        if last && i < raw.len() {
            // A dangling odd byte.
            map.push(out_base + out.len() as u64, src + i as u64);
            out.extend_from_slice("\u{FFFD}".as_bytes());
            map.push(out_base + out.len() as u64, src + raw.len() as u64);
            i = raw.len();
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(raw: &[u8], enc: Encoding, start: u64, chunk: usize) -> (String, OffsetMap) {
        let mut d = Decoder::new(enc);
        let mut map = OffsetMap::new(start, d.unit());
        let mut out = Vec::new();
        let mut pending: Vec<u8> = Vec::new();
        let mut src = start;
        let body = &raw[start as usize..];
        let mut pos = 0;
        while pos < body.len() || !pending.is_empty() {
            let take = chunk.min(body.len() - pos);
            pending.extend_from_slice(&body[pos..pos + take]);
            pos += take;
            let last = pos == body.len();
            let n = d.decode(&pending, src, &mut out, 0, &mut map, last);
            src += n as u64;
            pending.drain(..n);
            if last && pending.is_empty() {
                break;
            }
        }
        (String::from_utf8(out).unwrap(), map)
    }

    #[test]
    fn sniffs_boms_parity_and_binary() {
        assert_eq!(sniff(b"\xEF\xBB\xBFabc").bom_len, 3);
        assert_eq!(sniff(b"\xFF\xFEa\0b\0").encoding, Encoding::Utf16Le);
        assert_eq!(sniff(b"\xFE\xFF\0a\0b").encoding, Encoding::Utf16Be);
        assert_eq!(sniff(b"h\0e\0l\0l\0o\0 \0w\0").encoding, Encoding::Utf16Le);
        assert_eq!(sniff(b"\0h\0e\0l\0l\0o\0 \0w").encoding, Encoding::Utf16Be);
        assert!(sniff(b"PK\x03\x04\0\0\x14\0binary\x01\x02").binary);
        assert!(!sniff("Siobhán £250".as_bytes()).binary);
    }

    #[test]
    fn windows_1252_bytes_map_back_to_the_file() {
        // "Price \xA3250 \x93ok\x94 AB123456C"
        let raw = b"Price \xA3250 \x93ok\x94 AB123456C";
        for chunk in [1, 2, 3, 7, 100] {
            let (text, map) = decode_all(raw, Encoding::Utf8, 0, chunk);
            assert_eq!(text, "Price £250 \u{201C}ok\u{201D} AB123456C");
            let at = text.find("AB123456C").unwrap() as u64;
            assert_eq!(map.to_source(at), 16, "chunk {chunk}");
            assert_eq!(map.to_source(at + 9), 25);
            let pound = text.find('£').unwrap() as u64;
            assert_eq!(map.to_source(pound), 6);
            assert_eq!(map.to_source(pound + 2), 7);
        }
    }

    #[test]
    fn utf8_split_across_chunks_is_not_mangled() {
        let raw = "Siobhán O’Neill AB123456C".as_bytes();
        for chunk in 1..6 {
            let (text, map) = decode_all(raw, Encoding::Utf8, 0, chunk);
            assert_eq!(text, "Siobhán O’Neill AB123456C");
            let at = text.find("AB").unwrap() as u64;
            assert_eq!(map.to_source(at), at);
        }
    }

    #[test]
    fn utf16_offsets_point_at_code_units() {
        let s = "Né AB123456C 😀 x";
        let mut raw = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            raw.extend_from_slice(&u.to_le_bytes());
        }
        for chunk in [1, 3, 4, 64] {
            let (text, map) = decode_all(&raw, Encoding::Utf16Le, 2, chunk);
            assert_eq!(text, s);
            let at = text.find("AB").unwrap() as u64;
            // "Né " is 3 code units after the 2-byte BOM.
            assert_eq!(map.to_source(at), 2 + 3 * 2);
            let x = text.find('x').unwrap() as u64;
            let units_before_x = s[..x as usize].encode_utf16().count() as u64;
            assert_eq!(map.to_source(x), 2 + units_before_x * 2);
        }
    }
}

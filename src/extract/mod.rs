//! Extraction: bytes on disk to text with a way back to the bytes.
//!
//! This stage decides how a file is read and hands the scanner a sliding
//! window of decoded UTF-8 ([`TextWindow`]) plus, for delimited exports,
//! record and field boundaries ([`delimited`]).
//!
//! Text and delimited files are always streamed, in fixed-size reads into
//! buffers that are reused from file to file, so peak memory does not grow
//! with file size: a 5 GB log is read as a sequence of overlapping windows.
//! Documents and archives need random access and are read whole, up to
//! `Limits::max_file` (`--max-document-size`). Memory maps were
//! considered and not used: a mapped file's touched pages count towards the
//! process's resident memory, which would break the bounded-memory promise
//! on multi-gigabyte files, and a sequential read of a page-cached file is
//! as fast in practice.
//!
//! Document formats (Office, PDF, email, archives) are sniffed first
//! ([`document::sniff`]) and read by their extractors into parts that come
//! back through the same window; a file with NUL bytes in its first 8 KiB
//! that is neither UTF-16 nor a known format is reported as binary and
//! skipped.

pub mod archive;
pub mod decode;
pub mod delimited;
pub mod document;
pub mod mail;
pub mod markup;
pub mod odf;
pub mod ooxml;
pub mod pdf;
pub mod sheets;

use std::io::{self, Read};

pub use decode::{Decoder, Encoding, OffsetMap, Sniff, sniff};

/// Bytes requested from the OS per read.
pub const READ_SIZE: usize = 256 * 1024;

/// A sliding window of a file's decoded text.
///
/// `text[i]` is decoded byte `base + i` of the file; `map` turns decoded
/// offsets back into file offsets. [`TextWindow::fill`] appends,
/// [`TextWindow::discard`] drops the front.
pub struct TextWindow {
    pub text: Vec<u8>,
    pub base: u64,
    pub map: OffsetMap,
    pub decoder: Decoder,
    raw: Vec<u8>,
    carry: usize,
    /// File offset of `raw[0]`.
    src_pos: u64,
    pub eof: bool,
    /// Raw bytes read from the file so far.
    pub bytes_read: u64,
}

impl Default for TextWindow {
    fn default() -> Self {
        TextWindow {
            text: Vec::new(),
            base: 0,
            map: OffsetMap::new(0, 1),
            decoder: Decoder::new(Encoding::Utf8),
            raw: Vec::new(),
            carry: 0,
            src_pos: 0,
            eof: false,
            bytes_read: 0,
        }
    }
}

impl TextWindow {
    /// Starts a new file whose first bytes `head` were already read for
    /// sniffing. Buffers keep their capacity: we amortise the allocation.
    pub fn start(&mut self, head: &[u8], sniff: &Sniff) {
        self.text.clear();
        self.base = 0;
        self.decoder = Decoder::new(sniff.encoding);
        self.map = OffsetMap::new(sniff.bom_len as u64, self.decoder.unit());
        self.raw.clear();
        self.raw
            .extend_from_slice(&head[sniff.bom_len.min(head.len())..]);
        self.carry = self.raw.len();
        self.src_pos = sniff.bom_len as u64;
        self.eof = false;
        self.bytes_read = head.len() as u64;
    }

    /// Reads and decodes until at least `target` bytes of text are in the
    /// window, or the file ends.
    pub fn fill(&mut self, r: &mut dyn Read, target: usize) -> io::Result<()> {
        while !self.eof && self.text.len() < target {
            if self.raw.len() < self.carry + READ_SIZE {
                self.raw.resize(self.carry + READ_SIZE, 0);
            }
            let n = loop {
                match r.read(&mut self.raw[self.carry..self.carry + READ_SIZE]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            self.bytes_read += n as u64;
            let total = self.carry + n;
            let last = n == 0;
            let consumed = self.decoder.decode(
                &self.raw[..total],
                self.src_pos,
                &mut self.text,
                self.base,
                &mut self.map,
                last,
            );
            self.src_pos += consumed as u64;
            self.raw.copy_within(consumed..total, 0);
            self.carry = total - consumed;
            if last {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// Drops `text[..upto]`.
    pub fn discard(&mut self, upto: usize) {
        let upto = upto.min(self.text.len());
        self.text.drain(..upto);
        self.base += upto as u64;
        self.map.discard_before(self.base);
    }

    /// The file offset of window position `i`.
    pub fn source_offset(&self, i: usize) -> u64 {
        self.map.to_source(self.base + i as u64)
    }

    /// Gives back memory after an unusually large file, so one huge file
    /// does not pin its buffers for the rest of the run.
    pub fn shrink(&mut self, keep: usize) {
        if self.text.capacity() > keep {
            self.text = Vec::with_capacity(keep);
        }
        if self.raw.capacity() > keep {
            self.raw = Vec::with_capacity(keep);
        }
    }
}

/// The largest index `<= i` that is not in the middle of a UTF-8 character.
pub fn char_floor(text: &[u8], mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && i < text.len() && (text[i] & 0xC0) == 0x80 {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_streams_and_discards() {
        let body: Vec<u8> = (0..100_000u32)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let s = sniff(&body[..64]);
        let mut w = TextWindow::default();
        w.start(&body[..64], &s);
        let mut rest = &body[64..];
        let mut seen = Vec::new();
        loop {
            w.fill(&mut rest, 70_000).unwrap();
            let n = w.text.len().min(50_000);
            seen.extend_from_slice(&w.text[..n]);
            w.discard(n);
            if w.eof && w.text.is_empty() {
                break;
            }
        }
        assert_eq!(seen, body);
        assert_eq!(w.bytes_read, body.len() as u64);
    }

    #[test]
    fn char_floor_backs_off_continuations() {
        let t = "aé".as_bytes();
        assert_eq!(char_floor(t, 2), 1);
        assert_eq!(char_floor(t, 1), 1);
        assert_eq!(char_floor(t, 9), 3);
    }
}

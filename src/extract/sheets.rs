//! Spreadsheets (xlsx, xlsm, xlsb, xls, ods): every sheet cell by cell,
//! cell comments, and the workbook's document properties.
//!
//! Hidden spreadsheet content is where real police data breaches came from
//! (a "hidden" tab or column of names published with an FOI answer), so
//! this module reads **every** sheet, visible, hidden and very hidden, and
//! every cell whatever the row or column's hidden state: the readers below
//! never look at visibility. Sheet names are passed on exactly as stored
//! ("Sheet2"), so a location reads "Sheet2!B7".
//!
//! What is read:
//! * cell values, through `calamine`: strings as they are, whole numbers
//!   without ".0", other numbers to 15 significant digits (as Excel shows
//!   them), dates as ISO dates (`2024-03-01`, with ` HH:MM:SS` when there
//!   is a time of day), booleans as TRUE/FALSE. Error cells (`#N/A`) and
//!   empty cells are skipped. Positions are absolute and zero-based (B7 is
//!   row 6, column 1).
//! * cell comments, with their authors, to [`Sink::text`] as
//!   "Sheet1!B7 comment", read by this module since `calamine` does not
//!   expose them: xlsx/xlsm legacy notes and threaded comments (a thread
//!   and its replies in one part), ods `office:annotation`, and BIFF8 xls
//!   notes (OBJ, TXO and NOTE records).
//! * document properties (creator, last modified by, title, subject,
//!   keywords, description, company, manager, custom properties) as
//!   "properties".
//!
//! What is NOT read: formulas (only their cached results), cell comments in
//! xlsb files and in pre-BIFF8 xls (Excel 95 and older), text in shapes,
//! text boxes, charts and pictures, pivot caches, VBA macros, headers and
//! footers, data validation lists, defined names, and external links. Encrypted workbooks (an OLE2 file
//! holding an `EncryptedPackage`, or an xls with a FILEPASS record, or an
//! encrypted ods) are reported as [`Problem::Encrypted`].
//!
//! Bounds: a zip workbook's XML parts are checked against their declared
//! sizes and the compression ratio limit, and charged to [`Sink::take`],
//! before `calamine` opens them. xlsx and xlsb sheets are streamed cell by
//! cell; xls and ods are materialised by `calamine` as dense grids, so their
//! size is estimated from the records first and charged (or refused) before
//! `calamine` parses them. Cell text is charged as it is collected and each
//! sheet is cut at `max_text` bytes of text, with a warning.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, ExcelDateTime, Reader, SheetType};
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::document::{Cell, Problem, Sink, column_name};
use super::ooxml::{attr, prefixed_attr, resolve_ref};

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Memory `calamine` may use for one xls or ods workbook's grids, whatever
/// the caller's limits allow.
const MAX_GRID_BYTES: u64 = 2 << 30;
/// Cell text and bookkeeping is charged to [`Sink::take`] in chunks of this.
const TAKE_CHUNK: u64 = 1 << 20;
/// Parts smaller than this are not held to the compression-ratio limit.
const RATIO_FLOOR: u64 = 1 << 20;
/// Rows and columns `calamine` keeps in an ods sheet.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLS: u64 = 16_384;
const ODS_MAX_CELLS: u64 = 100_000_000;

/// Reads a workbook: xls (OLE2), or xlsx/xlsm/xlsb/ods (zip), whatever the
/// caller sniffed it as.
pub fn sheet(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    // calamine is well fuzzed but parses hostile binary records; a panic in
    // it is a corrupt file, not a crash.
    match catch_unwind(AssertUnwindSafe(|| read_workbook(bytes, sink))) {
        Ok(r) => r,
        Err(_) => Err(Problem::Corrupt(
            "spreadsheet reader failed on this file".into(),
        )),
    }
}

fn read_workbook(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    if bytes.starts_with(OLE_MAGIC) {
        return xls(bytes, sink);
    }
    if bytes.starts_with(b"PK") {
        return zipped(bytes, sink);
    }
    Err(Problem::Corrupt(
        "not a spreadsheet: neither an OLE2 nor a zip file".into(),
    ))
}

// ---------------------------------------------------------------------------
// Cell values

/// One sheet's cells as they are collected, charged to the sink as they
/// grow and cut at `max_text`.
struct Grid {
    name: String,
    cells: Vec<Cell>,
    text: u64,
    pending: u64,
    max_text: u64,
    truncated: bool,
    refused: bool,
}

impl Grid {
    fn new(name: &str, sink: &dyn Sink) -> Self {
        Grid {
            name: name.to_string(),
            cells: Vec::new(),
            text: 0,
            pending: 0,
            max_text: sink.limits().max_text,
            truncated: false,
            refused: false,
        }
    }

    /// Adds a cell; false when a limit says stop.
    fn push(&mut self, sink: &mut dyn Sink, row: u32, col: u32, value: String) -> bool {
        let n = value.len() as u64;
        if self.text.saturating_add(n) > self.max_text {
            self.truncated = true;
            return false;
        }
        self.pending += n + std::mem::size_of::<Cell>() as u64;
        if self.pending >= TAKE_CHUNK {
            if !sink.take(self.pending) {
                self.refused = true;
                return false;
            }
            self.pending = 0;
        }
        self.text += n;
        self.cells.push((row, col, value));
        true
    }

    /// Hands the cells over, then reports the limit that stopped them.
    fn finish(mut self, sink: &mut dyn Sink) -> Result<(), Problem> {
        if !self.refused && self.pending > 0 && !sink.take(self.pending) {
            self.refused = true;
        }
        if !self.cells.is_empty() {
            sink.sheet(&self.name, &self.cells);
        }
        if self.truncated {
            sink.warn(&format!(
                "sheet {}: more than max_text ({} bytes) of cell text; the rest of the sheet was not read",
                self.name, self.max_text
            ));
        }
        if self.refused {
            return Err(limit_total(sink));
        }
        Ok(())
    }
}

/// A workbook `calamine` opened; a wrong or missing password is
/// [`Problem::Encrypted`], anything else [`Problem::Corrupt`].
fn opened<W, E: std::fmt::Display>(
    wb: Result<W, E>,
    is_password: impl Fn(&E) -> bool,
    what: &str,
) -> Result<W, Problem> {
    wb.map_err(|e| {
        if is_password(&e) {
            Problem::Encrypted
        } else {
            Problem::Corrupt(format!("{what}: {e}"))
        }
    })
}

/// The names of the sheets that hold cells (not chart sheets), in
/// workbook order.
fn cell_sheets(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ != SheetType::ChartSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// One sheet that `calamine` streams cell by cell (xlsx, xlsb): its cells
/// up to the first read error, which is a warning.
fn stream_sheet<'a, E: std::fmt::Display>(
    name: &str,
    mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
    sink: &mut dyn Sink,
) -> Result<(), Problem> {
    let mut grid = Grid::new(name, sink);
    loop {
        match next_cell() {
            Ok(Some(c)) => {
                let (r, col) = c.get_position();
                if let Some(t) = data_ref_text(c.get_value())
                    && !grid.push(sink, r, col, t)
                {
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                sink.warn(&format!(
                    "sheet {name}: {e}; the rest of the sheet was not read"
                ));
                break;
            }
        }
    }
    grid.finish(sink)
}

/// One sheet that `calamine` has materialised as a grid (xls, ods).
fn range_sheet(
    name: &str,
    range: &calamine::Range<Data>,
    sink: &mut dyn Sink,
) -> Result<(), Problem> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut grid = Grid::new(name, sink);
    for (r, c, v) in range.used_cells() {
        let Some(text) = data_text(v) else { continue };
        if !grid.push(sink, r0 + r as u32, c0 + c as u32, text) {
            break;
        }
    }
    grid.finish(sink)
}

fn limit_total(sink: &dyn Sink) -> Problem {
    Problem::Limit(format!(
        "max_total_bytes ({}) of extracted data",
        sink.limits().max_total_bytes
    ))
}

fn data_text(d: &Data) -> Option<String> {
    match d {
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) => number_text(*f),
        Data::String(s) => non_empty(s),
        Data::Bool(b) => Some(bool_text(*b)),
        Data::DateTime(dt) => Some(datetime_text(dt)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => non_empty(s),
        Data::Error(_) | Data::Empty => None,
    }
}

fn data_ref_text(d: &DataRef<'_>) -> Option<String> {
    match d {
        DataRef::Int(i) => Some(i.to_string()),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => non_empty(s),
        DataRef::SharedString(s) => non_empty(s),
        DataRef::Bool(b) => Some(bool_text(*b)),
        DataRef::DateTime(dt) => Some(datetime_text(dt)),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => non_empty(s),
        DataRef::Error(_) | DataRef::Empty => None,
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// Whole numbers without ".0"; others to 15 significant digits, as Excel
/// shows them (0.1 + 0.2 is "0.3", not "0.30000000000000004").
fn number_text(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return Some(format!("{}", f as i64));
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    Some(format!("{rounded}"))
}

/// Dates as ISO dates, with the time of day when there is one; times of day
/// alone as HH:MM:SS; durations as hours:MM:SS.
fn datetime_text(dt: &ExcelDateTime) -> String {
    let v = dt.as_f64();
    if dt.is_duration() {
        let secs = (v * 86_400.0).round();
        let sign = if secs < 0.0 { "-" } else { "" };
        let secs = secs.abs() as u64;
        return format!(
            "{sign}{}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        );
    }
    let (y, mo, d, h, mi, s, _ms) = dt.to_ymd_hms_milli();
    if (0.0..1.0).contains(&v) {
        return format!("{h:02}:{mi:02}:{s:02}");
    }
    if h == 0 && mi == 0 && s == 0 {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// "B7" for row 6, column 1.
fn cell_ref(row: u64, col: u64) -> String {
    format!(
        "{}{}",
        column_name(col.min(u32::MAX as u64) as u32),
        row + 1
    )
}

// ---------------------------------------------------------------------------
// Document properties

fn properties(p: &calamine::WorkbookProperties, sink: &mut dyn Sink) {
    let fields = [
        ("Title", &p.title),
        ("Subject", &p.subject),
        ("Creator", &p.creator),
        ("Last modified by", &p.last_modified_by),
        ("Description", &p.description),
        ("Keywords", &p.keywords),
        ("Category", &p.category),
        ("Company", &p.company),
        ("Manager", &p.manager),
    ];
    let mut out = String::new();
    for (label, value) in fields {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            out.push_str(label);
            out.push_str(": ");
            out.push_str(v);
            out.push('\n');
        }
    }
    let mut custom: Vec<_> = p.custom_properties.iter().collect();
    custom.sort();
    for (k, v) in custom {
        if !v.trim().is_empty() {
            out.push_str(&format!("{k}: {}\n", v.trim()));
        }
    }
    if !out.is_empty() {
        emit_text(sink, "properties", &out);
    }
}

/// [`Sink::text`], cut at `max_text` with a warning.
fn emit_text(sink: &mut dyn Sink, location: &str, text: &str) {
    let max = sink.limits().max_text.min(usize::MAX as u64) as usize;
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        sink.text(location, &text[..end]);
        sink.warn(&format!(
            "{location}: cut at max_text ({max} bytes) of text"
        ));
    } else {
        sink.text(location, text);
    }
}

// ---------------------------------------------------------------------------
// xls (BIFF in OLE2)

fn xls(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut ole = match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Ok(c) => c,
        Err(e) => {
            if has_utf16(bytes, "EncryptedPackage") {
                return Err(Problem::Encrypted);
            }
            return Err(Problem::Corrupt(format!("xls: OLE2 container: {e}")));
        }
    };
    if ole.exists("/EncryptedPackage") || ole.exists("/EncryptionInfo") {
        return Err(Problem::Encrypted);
    }
    let Some(stream) = read_ole_stream(&mut ole, "/Workbook", bytes.len())
        .or_else(|| read_ole_stream(&mut ole, "/Book", bytes.len()))
    else {
        return Err(Problem::Corrupt(
            "xls: no Workbook stream (not an Excel file?)".into(),
        ));
    };
    drop(ole);
    // FILEPASS: the records after it are encrypted.
    if biff_records(&stream, 0)
        .take_while(|(t, _)| *t != 0x000A)
        .any(|(t, _)| t == 0x002F)
    {
        return Err(Problem::Encrypted);
    }
    // calamine builds each sheet as a dense grid over the cells' bounding
    // box: estimate it from the records and charge it before parsing.
    let need = xls_grid_estimate(&stream);
    if need > MAX_GRID_BYTES {
        return Err(Problem::Limit(format!(
            "xls sheets would need about {need} bytes of memory, over {MAX_GRID_BYTES}"
        )));
    }
    if !sink.take(need) {
        return Err(limit_total(sink));
    }
    let mut wb = opened(
        calamine::Xls::new(Cursor::new(bytes)),
        |e| matches!(e, calamine::XlsError::Password),
        "xls",
    )?;
    let names = wb.sheet_names();
    for name in names {
        match wb.worksheet_range(&name) {
            Ok(range) => range_sheet(&name, &range, sink)?,
            Err(e) => sink.warn(&format!("sheet {name}: {e}")),
        }
    }
    for (loc, text) in xls_comments(&stream) {
        emit_text(sink, &loc, &text);
    }
    if let Ok(p) = wb.workbook_properties() {
        properties(&p, sink);
    }
    Ok(())
}

/// Cell comments (notes) of a BIFF8 workbook, every sheet: the text is in
/// a TXO record's CONTINUE records after the note's OBJ record, and the
/// NOTE record at the end of the sheet ties the object to its cell and
/// author. Earlier BIFF versions are not read.
fn xls_comments(stream: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let u16_at = |r: &[u8], i: usize| r.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let mut sheets = Vec::new();
    for (typ, rec) in biff_records(stream, 0).take_while(|(t, _)| *t != 0x000A) {
        if typ == 0x0085 && rec.len() >= 8 {
            let pos = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]) as usize;
            let cch = rec[6] as usize;
            let name = xl_chars(&rec[8..], cch, rec[7] & 1 == 1);
            sheets.push((name, pos));
        }
    }
    for (name, pos) in sheets {
        // Object id → text, for note objects (ot = 0x19).
        let mut texts: HashMap<u16, String> = HashMap::new();
        let mut note_obj: Option<u16> = None;
        let mut records = SheetRecords::new(stream, pos);
        while let Some((typ, r)) = records.next() {
            match typ {
                // OBJ: ftCmo first (ft, cb, ot, id).
                0x005D => {
                    note_obj = (u16_at(r, 0) == Some(0x15) && u16_at(r, 4) == Some(0x19))
                        .then(|| u16_at(r, 6))
                        .flatten();
                }
                // TXO, then CONTINUE records: the text, then formatting.
                0x01B6 => {
                    let want = u16_at(r, 10).unwrap_or(0) as usize;
                    let mut text = String::new();
                    let mut got = 0usize;
                    while got < want {
                        let Some(c) = records.next_continue() else {
                            break;
                        };
                        let Some((&flags, chars)) = c.split_first() else {
                            continue;
                        };
                        let wide = flags & 1 == 1;
                        let n = if wide { chars.len() / 2 } else { chars.len() };
                        let n = n.min(want - got);
                        text.push_str(&xl_chars(chars, n, wide));
                        got += n;
                    }
                    if let Some(id) = note_obj.take() {
                        texts.insert(id, text.replace('\r', "\n"));
                    }
                }
                // NOTE: row, column, flags, object id, author.
                0x001C => {
                    let (Some(row), Some(col), Some(id)) =
                        (u16_at(r, 0), u16_at(r, 2), u16_at(r, 6))
                    else {
                        continue;
                    };
                    let author = match (u16_at(r, 8), r.get(10)) {
                        (Some(cch), Some(&flags)) => {
                            xl_chars(r.get(11..).unwrap_or(&[]), cch as usize, flags & 1 == 1)
                        }
                        _ => String::new(),
                    };
                    let Some(text) = texts.get(&id).map(|t| t.trim()) else {
                        continue;
                    };
                    if text.is_empty() {
                        continue;
                    }
                    let mut s = String::new();
                    let author = author.trim_matches(|c: char| c == '\0' || c.is_whitespace());
                    if !author.is_empty() {
                        s.push_str(&format!("Author: {author}\n"));
                    }
                    s.push_str(text);
                    out.push((
                        format!("{name}!{} comment", cell_ref(row as u64, col as u64)),
                        s,
                    ));
                }
                _ => {}
            }
        }
    }
    out
}

/// `n` characters of a BIFF8 string body: UTF-16LE, or one byte each
/// (Latin-1) when not wide.
fn xl_chars(b: &[u8], n: usize, wide: bool) -> String {
    if wide {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .take(n)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        b.iter().take(n).map(|&c| c as char).collect()
    }
}

fn read_ole_stream(
    c: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    path: &str,
    cap: usize,
) -> Option<Vec<u8>> {
    let s = c.open_stream(path).ok()?;
    let mut out = Vec::new();
    s.take(cap as u64).read_to_end(&mut out).ok()?;
    Some(out)
}

fn has_utf16(hay: &[u8], needle: &str) -> bool {
    let n: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(hay, &n).is_some()
}

/// Bytes `calamine` would hold for the workbook's grids: for each sheet
/// (BoundSheet record), the cells' bounding box as `Data` values (twice:
/// the parsed grid and the copy handed out) plus the formula grid, the
/// space reserved from DIMENSIONS records, and the cell list itself.
fn xls_grid_estimate(stream: &[u8]) -> u64 {
    let data = std::mem::size_of::<Data>() as u64;
    let string = std::mem::size_of::<String>() as u64;
    let cell = std::mem::size_of::<calamine::Cell<Data>>() as u64;
    let mut positions = Vec::new();
    for (typ, rec) in biff_records(stream, 0) {
        if typ == 0x0085 && rec.len() >= 4 {
            positions.push(u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]) as usize);
        }
    }
    let mut memo: HashMap<usize, u64> = HashMap::new();
    let mut total: u64 = 0;
    for pos in positions {
        let est = *memo.entry(pos).or_insert_with(|| {
            let s = xls_sheet_scan(stream, pos);
            s.bbox_cells()
                .saturating_mul(2 * data + string)
                .saturating_add(s.reserve.saturating_mul(cell))
                .saturating_add(s.cells.saturating_mul(cell))
        });
        total = total.saturating_add(est);
    }
    // The stream, strings and records themselves.
    total.saturating_add(stream.len() as u64 * 4)
}

#[derive(Default)]
struct SheetScan {
    min_row: u32,
    max_row: u32,
    min_col: u32,
    max_col: u32,
    cells: u64,
    reserve: u64,
}

impl SheetScan {
    fn add(&mut self, row: u32, col: u32) {
        if self.cells == 0 {
            (self.min_row, self.max_row, self.min_col, self.max_col) = (row, row, col, col);
        } else {
            self.min_row = self.min_row.min(row);
            self.max_row = self.max_row.max(row);
            self.min_col = self.min_col.min(col);
            self.max_col = self.max_col.max(col);
        }
        self.cells += 1;
    }

    fn bbox_cells(&self) -> u64 {
        if self.cells == 0 {
            return 0;
        }
        (self.max_row - self.min_row + 1) as u64 * (self.max_col - self.min_col + 1) as u64
    }
}

/// The cell positions of the sheet substream at `pos`, read the way
/// `calamine` reads it (nested substreams skipped, stop at EOF).
fn xls_sheet_scan(stream: &[u8], pos: usize) -> SheetScan {
    let mut s = SheetScan::default();
    let u16_at = |r: &[u8], i: usize| {
        r.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as u32)
    };
    for (typ, r) in SheetRecords::new(stream, pos) {
        match typ {
            0x0200 => {
                let (rf, rl, cf, cl) = match r.len() {
                    10 => (
                        u16_at(r, 0).unwrap_or(0),
                        u16_at(r, 2).unwrap_or(0),
                        u16_at(r, 4).unwrap_or(0),
                        u16_at(r, 6).unwrap_or(0),
                    ),
                    14 | 16 => (
                        u32::from_le_bytes([r[0], r[1], r[2], r[3]]),
                        u32::from_le_bytes([r[4], r[5], r[6], r[7]]),
                        u16_at(r, 8).unwrap_or(0),
                        u16_at(r, 10).unwrap_or(0),
                    ),
                    _ => continue,
                };
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                let (start, end) = if rl >= 1 && cl >= 1 {
                    ((rf, cf), (rl - 1, cl - 1))
                } else {
                    ((rf, cf), (rf, cf))
                };
                // As calamine computes it, wrapping included.
                let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as u64;
                let cols = end.1.wrapping_sub(start.1).wrapping_add(1) as u64;
                s.reserve = s.reserve.max(rows.saturating_mul(cols));
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(col)) = (u16_at(r, 0), u16_at(r, 2)) {
                    s.add(row, col);
                }
            }
            0x00BD => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(r, 0),
                    u16_at(r, 2),
                    r.len().checked_sub(2).and_then(|i| u16_at(r, i)),
                ) {
                    s.add(row, first);
                    s.add(row, last);
                }
            }
            _ => {}
        }
    }
    s
}

/// The records of the sheet substream at `pos`, read the way `calamine`
/// reads them: its own BOF skipped, nested substreams (charts, embedded
/// objects) skipped, up to its EOF.
struct SheetRecords<'a> {
    records: std::iter::Peekable<BiffRecords<'a>>,
    seen_bof: bool,
    depth: usize,
    done: bool,
}

impl<'a> SheetRecords<'a> {
    fn new(stream: &'a [u8], pos: usize) -> Self {
        SheetRecords {
            records: biff_records(stream, pos).peekable(),
            seen_bof: false,
            depth: 0,
            done: false,
        }
    }

    /// The data of the next record when it is a CONTINUE record, taken.
    fn next_continue(&mut self) -> Option<&'a [u8]> {
        if self.done {
            return None;
        }
        self.records
            .next_if(|(t, _)| *t == 0x003C)
            .map(|(_, data)| data)
    }
}

impl<'a> Iterator for SheetRecords<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let (typ, data) = self.records.next()?;
            if self.depth > 0 {
                match typ {
                    0x0809 => self.depth += 1,
                    0x000A => self.depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                0x0809 if self.seen_bof => self.depth += 1,
                0x0809 => self.seen_bof = true,
                0x000A => self.done = true,
                _ => return Some((typ, data)),
            }
        }
        None
    }
}

/// BIFF records (type, data) from `pos`, stopping at the first damaged one.
fn biff_records(stream: &[u8], pos: usize) -> BiffRecords<'_> {
    BiffRecords {
        rest: stream.get(pos..).unwrap_or(&[]),
    }
}

struct BiffRecords<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for BiffRecords<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest;
        if rest.len() < 4 {
            return None;
        }
        let typ = u16::from_le_bytes([rest[0], rest[1]]);
        let len = u16::from_le_bytes([rest[2], rest[3]]) as usize;
        let data = rest.get(4..4 + len)?;
        self.rest = &rest[4 + len..];
        Some((typ, data))
    }
}

// ---------------------------------------------------------------------------
// Zip workbooks: xlsx, xlsm, xlsb, ods

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Zip part names, lower-cased (OOXML part names are case-insensitive),
/// to their index.
struct Parts(HashMap<String, usize>);

impl Parts {
    fn get(&self, name: &str) -> Option<usize> {
        self.0.get(&name.to_ascii_lowercase()).copied()
    }
}

fn zip_problem(e: zip::result::ZipError) -> Problem {
    use zip::result::ZipError;
    match e {
        ZipError::InvalidPassword => Problem::Encrypted,
        ZipError::UnsupportedArchive(m) if m.to_ascii_lowercase().contains("password") => {
            Problem::Encrypted
        }
        e => Problem::Corrupt(format!("zip: {e}")),
    }
}

fn zipped(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_problem)?;
    let mut parts = HashMap::new();
    for i in 0..zip.len() {
        if let Some(Ok(name)) = zip.name_for_index(i) {
            parts.insert(name.to_ascii_lowercase(), i);
        }
    }
    let parts = Parts(parts);
    if parts.get("xl/workbook.xml").is_none()
        && parts.get("xl/workbook.bin").is_none()
        && parts.get("content.xml").is_none()
    {
        // The workbook part may be elsewhere: ask the package relationships.
        if office_document(&mut zip, &parts).is_none() {
            return Err(Problem::Corrupt(
                "zip file without a workbook part (xl/workbook.xml or content.xml)".into(),
            ));
        }
    }
    verify_parts(&mut zip, sink)?;
    if parts.get("content.xml").is_some() && parts.get("xl/workbook.xml").is_none() {
        return ods(bytes, &mut zip, &parts, sink);
    }
    let is_bin = office_document(&mut zip, &parts)
        .map(|p| p.to_ascii_lowercase().ends_with(".bin"))
        .unwrap_or_else(|| parts.get("xl/workbook.xml").is_none());
    if is_bin {
        xlsb(bytes, sink)
    } else {
        xlsx(bytes, &mut zip, &parts, sink)
    }
}

/// Reads every XML (and xlsb record) part once, streaming, before anyone
/// parses it: declared sizes are charged to the sink, held to the ratio
/// limit, and checked to be true, so that later readers (ours and
/// calamine's, which has no limits of its own) see no more than declared.
fn verify_parts(zip: &mut Zip<'_>, sink: &mut dyn Sink) -> Result<(), Problem> {
    let max_ratio = sink.limits().max_ratio;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(zip_problem)?;
        if f.is_dir() {
            continue;
        }
        let shown = f.name().map(|n| n.into_owned()).unwrap_or_default();
        let name = shown.to_ascii_lowercase();
        let parsed = name.ends_with(".xml")
            || name.ends_with(".rels")
            || (name.ends_with(".bin")
                && !name.contains("vbaproject")
                && !name.contains("embeddings/"))
            || name == "mimetype";
        if !parsed {
            continue;
        }
        let size = f.size();
        let packed = f.compressed_size().max(1);
        if size > RATIO_FLOOR && size / packed > max_ratio {
            return Err(Problem::Limit(format!(
                "part {shown} expands {}x, over max_ratio ({max_ratio})",
                size / packed
            )));
        }
        if !sink.take(size) {
            return Err(limit_total(sink));
        }
        let mut seen: u64 = 0;
        loop {
            let n = match f.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                // Damaged, not oversized: whoever reads it fails at the same
                // place. The sheets may still be readable.
                Err(e) => {
                    sink.warn(&format!("part {shown} is damaged: {e}"));
                    break;
                }
            };
            seen += n as u64;
            if seen > size {
                return Err(Problem::Corrupt(format!(
                    "part {shown} is larger than its declared {size} bytes"
                )));
            }
        }
    }
    Ok(())
}

/// A verified part, whole.
fn read_part(zip: &mut Zip<'_>, parts: &Parts, name: &str) -> Option<Vec<u8>> {
    let i = parts.get(name)?;
    let f = zip.by_index(i).ok()?;
    let size = f.size();
    let mut out = Vec::with_capacity(size.min(64 << 20) as usize);
    f.take(size).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The main part named by `_rels/.rels` (xl/workbook.xml for Excel).
fn office_document(zip: &mut Zip<'_>, parts: &Parts) -> Option<String> {
    let rels = read_part(zip, parts, "_rels/.rels")?;
    relationships(&rels, "")
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map(|r| r.target)
}

struct Rel {
    id: String,
    kind: String,
    target: String,
}

/// The relationships in a `.rels` part, targets resolved against `base`
/// (the folder of the part they belong to, "" for the package).
fn relationships(xml: &[u8], base: &str) -> Vec<Rel> {
    elements(xml, "Relationship", |e| {
        let external = attr(e, "TargetMode").is_some_and(|m| m == "External");
        if external {
            return None;
        }
        Some(Rel {
            id: attr(e, "Id")?,
            kind: attr(e, "Type")?,
            target: resolve(base, &attr(e, "Target")?),
        })
    })
}

/// A relationship target against the folder of its source part.
fn resolve(base: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if base.is_empty() => target.to_string(),
        None => format!("{base}/{target}"),
    };
    let mut segs: Vec<&str> = Vec::new();
    for s in joined.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

fn rels_path(part: &str) -> String {
    let (dir, file) = match part.rfind('/') {
        Some(i) => (&part[..i], &part[i + 1..]),
        None => ("", part),
    };
    if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    }
}

fn xml_reader(xml: &[u8]) -> quick_xml::Reader<&[u8]> {
    let mut r = quick_xml::Reader::from_reader(xml);
    let c = r.config_mut();
    c.check_end_names = false;
    c.trim_text(false);
    r
}

/// What `pick` makes of each element named `local` (any prefix), in
/// document order, up to the end or the first XML error.
fn elements<T>(
    xml: &[u8],
    local: &str,
    mut pick: impl FnMut(&BytesStart<'_>) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    let mut r = xml_reader(xml);
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => {
                out.extend(pick(&e));
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn push_ref(out: &mut String, r: &BytesRef<'_>) {
    if let Some(v) = resolve_ref(r) {
        out.push_str(&v);
    }
}

// ---------------------------------------------------------------------------
// xlsx / xlsm

fn xlsx(
    bytes: &[u8],
    zip: &mut Zip<'_>,
    parts: &Parts,
    sink: &mut dyn Sink,
) -> Result<(), Problem> {
    let mut wb = opened(
        calamine::Xlsx::new(Cursor::new(bytes)),
        |e| matches!(e, calamine::XlsxError::Password),
        "xlsx",
    )?;
    for name in cell_sheets(wb.sheets_metadata()) {
        match wb.worksheet_cells_reader(&name) {
            Ok(mut reader) => stream_sheet(&name, || reader.next_cell(), sink)?,
            Err(calamine::XlsxError::NotAWorksheet(_)) => {}
            Err(e) => sink.warn(&format!("sheet {name}: {e}")),
        }
    }
    xlsx_comments(zip, parts, sink);
    match wb.workbook_properties() {
        Ok(p) => properties(&p, sink),
        Err(e) => sink.warn(&format!("document properties: {e}")),
    }
    Ok(())
}

/// Legacy notes and threaded comments of every sheet, hidden ones included.
fn xlsx_comments(zip: &mut Zip<'_>, parts: &Parts, sink: &mut dyn Sink) {
    let wb_path = office_document(zip, parts).unwrap_or_else(|| "xl/workbook.xml".into());
    let Some(wb_xml) = read_part(zip, parts, &wb_path) else {
        return;
    };
    let wb_rels = read_part(zip, parts, &rels_path(&wb_path))
        .map(|x| relationships(&x, folder(&wb_path)))
        .unwrap_or_default();
    // Threaded-comment authors.
    let mut persons: HashMap<String, String> = HashMap::new();
    for rel in wb_rels.iter().filter(|r| r.kind.ends_with("/person")) {
        if let Some(x) = read_part(zip, parts, &rel.target) {
            persons.extend(read_persons(&x));
        }
    }
    for (name, rid) in workbook_sheets(&wb_xml) {
        let Some(sheet_rel) = wb_rels.iter().find(|r| r.id == rid) else {
            continue;
        };
        let sheet_path = &sheet_rel.target;
        let Some(rels) = read_part(zip, parts, &rels_path(sheet_path)) else {
            continue;
        };
        let rels = relationships(&rels, folder(sheet_path));
        let mut threaded_refs = HashSet::new();
        for rel in rels.iter().filter(|r| r.kind.ends_with("/threadedComment")) {
            if let Some(x) = read_part(zip, parts, &rel.target) {
                for (cell, text) in read_threaded(&x, &persons) {
                    emit_text(sink, &format!("{name}!{cell} comment"), &text);
                    threaded_refs.insert(cell);
                }
            }
        }
        for rel in rels.iter().filter(|r| r.kind.ends_with("/comments")) {
            if let Some(x) = read_part(zip, parts, &rel.target) {
                for (cell, text) in read_comments(&x) {
                    // A threaded comment also leaves a note with the same
                    // text for older Excel: read once.
                    if !threaded_refs.contains(&cell) {
                        emit_text(sink, &format!("{name}!{cell} comment"), &text);
                    }
                }
            }
        }
    }
}

/// (sheet name, relationship id) in workbook order.
fn workbook_sheets(xml: &[u8]) -> Vec<(String, String)> {
    elements(xml, "sheet", |e| {
        Some((attr(e, "name")?, prefixed_attr(e, "id")?))
    })
}

/// Threaded-comment authors: (person id, display name).
fn read_persons(xml: &[u8]) -> Vec<(String, String)> {
    elements(xml, "person", |e| {
        Some((attr(e, "id")?, attr(e, "displayName")?))
    })
}

/// Legacy comments (notes): (cell, "Author: X\ntext").
fn read_comments(xml: &[u8]) -> Vec<(String, String)> {
    let mut authors: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut r = xml_reader(xml);
    let mut buf = Vec::new();
    let mut in_author = false;
    let mut author = String::new();
    // (ref, author id) of the comment being read, and its text.
    let mut current: Option<(String, Option<usize>)> = None;
    let mut text = String::new();
    let mut in_t = false;
    let mut phonetic = 0usize;
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "author" => {
                    in_author = true;
                    author.clear();
                }
                "comment" => {
                    let cell = attr(&e, "ref").unwrap_or_default();
                    let id = attr(&e, "authorId").and_then(|a| a.parse().ok());
                    current = Some((cell, id));
                    text.clear();
                }
                "t" => in_t = true,
                "rPh" => phonetic += 1,
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "author" => {
                    in_author = false;
                    authors.push(std::mem::take(&mut author));
                }
                "comment" => {
                    if let Some((cell, id)) = current.take() {
                        let body = text.trim();
                        let who = id.and_then(|i| authors.get(i)).map(|a| a.trim());
                        let mut s = String::new();
                        if let Some(a) = who.filter(|a| !a.is_empty()) {
                            s.push_str(&format!("Author: {a}\n"));
                        }
                        s.push_str(body);
                        if !s.trim().is_empty() && !cell.is_empty() {
                            out.push((cell, s));
                        }
                    }
                }
                "t" => in_t = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if in_author {
                    author.push_str(&t.xml10_content());
                } else if current.is_some() && in_t && phonetic == 0 {
                    text.push_str(&t.xml10_content());
                }
            }
            Ok(Event::CData(t)) if current.is_some() && in_t && phonetic == 0 => {
                text.push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(g)) => {
                if in_author {
                    push_ref(&mut author, &g);
                } else if current.is_some() && in_t && phonetic == 0 {
                    push_ref(&mut text, &g);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Threaded comments, a thread (comment and replies) per cell:
/// (cell, "Author: X\ntext\n\nAuthor: Y\nreply").
fn read_threaded(xml: &[u8], persons: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut order: Vec<String> = Vec::new();
    let mut threads: HashMap<String, String> = HashMap::new();
    let mut r = xml_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<(String, Option<String>)> = None;
    let mut in_text = false;
    let mut text = String::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "threadedComment" => {
                    let cell = attr(&e, "ref").unwrap_or_default();
                    let who = attr(&e, "personId").and_then(|p| persons.get(&p).cloned());
                    current = Some((cell, who));
                    text.clear();
                }
                "text" => in_text = true,
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "text" => in_text = false,
                "threadedComment" => {
                    if let Some((cell, who)) = current.take()
                        && !cell.is_empty()
                    {
                        let entry = threads.entry(cell.clone()).or_insert_with(|| {
                            order.push(cell.clone());
                            String::new()
                        });
                        if !entry.is_empty() {
                            entry.push_str("\n\n");
                        }
                        if let Some(w) = who {
                            entry.push_str(&format!("Author: {w}\n"));
                        }
                        entry.push_str(text.trim());
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_text && current.is_some() => {
                text.push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(g)) if in_text && current.is_some() => push_ref(&mut text, &g),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    order
        .into_iter()
        .filter_map(|c| {
            let t = threads.remove(&c)?;
            (!t.trim().is_empty()).then_some((c, t))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// xlsb

fn xlsb(bytes: &[u8], sink: &mut dyn Sink) -> Result<(), Problem> {
    let mut wb = opened(
        calamine::Xlsb::new(Cursor::new(bytes)),
        |e| matches!(e, calamine::XlsbError::Password),
        "xlsb",
    )?;
    for name in cell_sheets(wb.sheets_metadata()) {
        match wb.worksheet_cells_reader(&name) {
            Ok(mut reader) => stream_sheet(&name, || reader.next_cell(), sink)?,
            Err(e) => sink.warn(&format!("sheet {name}: {e}")),
        }
    }
    if let Ok(p) = wb.workbook_properties() {
        properties(&p, sink);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// ods

fn ods(bytes: &[u8], zip: &mut Zip<'_>, parts: &Parts, sink: &mut dyn Sink) -> Result<(), Problem> {
    if let Some(m) = read_part(zip, parts, "META-INF/manifest.xml")
        && memchr::memmem::find(&m, b"encryption-data").is_some()
    {
        return Err(Problem::Encrypted);
    }
    // One pass of our own over content.xml: the comments, and the size of
    // the grids calamine will build (it expands repeated rows and cells).
    let scan = match parts.get("content.xml").map(|i| zip.by_index(i)) {
        Some(Ok(f)) => ods_scan(BufReader::new(f)),
        Some(Err(e)) => return Err(zip_problem(e)),
        None => return Err(Problem::Corrupt("ods without content.xml".into())),
    };
    if scan.grid_bytes > MAX_GRID_BYTES {
        return Err(Problem::Limit(format!(
            "ods sheets would need about {} bytes of memory, over {MAX_GRID_BYTES}",
            scan.grid_bytes
        )));
    }
    if !sink.take(scan.grid_bytes) {
        return Err(limit_total(sink));
    }
    let mut wb: calamine::Ods<_> = match calamine::Ods::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(calamine::OdsError::Password) => return Err(Problem::Encrypted),
        Err(e) => {
            // Hand over the comments we could read, then the problem.
            for (loc, text) in &scan.comments {
                emit_text(sink, loc, text);
            }
            return Err(Problem::Corrupt(format!("ods: {e}")));
        }
    };
    for name in wb.sheet_names() {
        match wb.worksheet_range(&name) {
            Ok(range) => range_sheet(&name, &range, sink)?,
            Err(e) => sink.warn(&format!("sheet {name}: {e}")),
        }
    }
    for (loc, text) in &scan.comments {
        emit_text(sink, loc, text);
    }
    if let Some(e) = &scan.error {
        sink.warn(&format!(
            "content.xml: {e}; comments after it were not read"
        ));
    }
    match wb.workbook_properties() {
        Ok(p) => properties(&p, sink),
        Err(e) => sink.warn(&format!("document properties: {e}")),
    }
    Ok(())
}

#[derive(Default)]
struct OdsScan {
    comments: Vec<(String, String)>,
    grid_bytes: u64,
    error: Option<String>,
}

fn repeat_attr(e: &BytesStart<'_>, name: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Walks content.xml: annotations with their cells, and an upper bound on
/// the memory of calamine's grids (a list of the cells up to each row's
/// last non-empty one, and the bounding box with repeats expanded, for the
/// values, the formulas and the copy handed out).
fn ods_scan<R: std::io::BufRead>(input: R) -> OdsScan {
    let data = std::mem::size_of::<Data>() as u64;
    let string = std::mem::size_of::<String>() as u64;
    let mut out = OdsScan::default();
    let mut r = quick_xml::Reader::from_reader(input);
    r.config_mut().check_end_names = false;
    let mut buf = Vec::new();

    let mut table = String::new();
    let mut row: u64 = 0;
    let mut row_repeat: u64 = 1;
    let mut col: u64 = 0;
    let mut row_end: u64 = 0; // end of the row's last non-empty cell
    let mut table_rows: u64 = 0; // rows up to the last non-empty one
    let mut table_width: u64 = 0;
    let mut listed: u64 = 0; // cells calamine lists before trimming
    let mut bbox: u64 = 0;
    // The cell being read: its column, repeat, and whether it has content.
    let mut cell: Option<(u64, u64, bool)> = None;
    // Annotation being read: author, paragraphs, depth inside dc:creator,
    // dc:date.
    let mut note: Option<(String, String)> = None;
    let mut in_creator = false;
    let mut in_date = false;

    let close_table = |rows: u64, width: u64| -> u64 {
        rows.min(ODS_MAX_ROWS)
            .saturating_mul(width)
            .min(ODS_MAX_CELLS)
    };

    loop {
        let ev = match r.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(e) => {
                out.error = Some(e.to_string());
                break;
            }
        };
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) if note.is_none() => {
                match e.name().as_ref() {
                    "table:table" => {
                        table = attr(&e, "name").unwrap_or_default();
                        row = 0;
                        table_rows = 0;
                        table_width = 0;
                    }
                    "table:table-row" => {
                        row_repeat = repeat_attr(&e, "table:number-rows-repeated");
                        col = 0;
                        row_end = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let repeat = repeat_attr(&e, "table:number-columns-repeated");
                        let valued =
                            attr(&e, "value-type").is_some() || attr(&e, "formula").is_some();
                        if empty {
                            col = col.saturating_add(repeat);
                            if valued {
                                row_end = col;
                            }
                        } else {
                            cell = Some((col, repeat, valued));
                        }
                    }
                    "office:annotation" if cell.is_some() && !empty => {
                        note = Some((String::new(), String::new()));
                    }
                    "text:p" | "text:h" if cell.is_some() => {
                        // Content makes the cell non-empty for calamine.
                        if let Some(c) = cell.as_mut() {
                            c.2 = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if note.is_none() => match e.name().as_ref() {
                "table:table" => {
                    bbox = bbox.saturating_add(close_table(table_rows, table_width));
                }
                "table:table-row" => {
                    let end = row_end.min(ODS_MAX_COLS);
                    listed = listed.saturating_add(end);
                    if end > 0 {
                        table_width = table_width.max(end);
                        table_rows = row.saturating_add(row_repeat);
                    }
                    row = row.saturating_add(row_repeat);
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some((_, repeat, valued)) = cell.take() {
                        col = col.saturating_add(repeat);
                        if valued {
                            row_end = col;
                        }
                    }
                }
                _ => {}
            },
            // Inside an annotation.
            Event::Start(e) => match e.name().as_ref() {
                "dc:creator" => in_creator = true,
                "dc:date" => in_date = true,
                "text:p" | "text:h" => {
                    if let Some((_, t)) = note.as_mut()
                        && !t.is_empty()
                    {
                        t.push('\n');
                    }
                }
                _ => {}
            },
            Event::Empty(e) => {
                if let Some((_, t)) = note.as_mut() {
                    match e.name().as_ref() {
                        "text:s" => {
                            let n = repeat_attr(&e, "text:c").min(64);
                            t.extend(std::iter::repeat_n(' ', n as usize));
                        }
                        "text:tab" => t.push('\t'),
                        "text:line-break" => t.push('\n'),
                        _ => {}
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "dc:creator" => in_creator = false,
                "dc:date" => in_date = false,
                "office:annotation" => {
                    if let (Some((author, text)), Some((c, _, _))) = (note.take(), cell) {
                        let mut s = String::new();
                        if !author.trim().is_empty() {
                            s.push_str(&format!("Author: {}\n", author.trim()));
                        }
                        s.push_str(text.trim());
                        if !text.trim().is_empty() {
                            out.comments
                                .push((format!("{table}!{} comment", cell_ref(row, c)), s));
                        }
                    }
                    in_creator = false;
                    in_date = false;
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some((a, p)) = note.as_mut() {
                    if in_creator {
                        a.push_str(&t.xml10_content());
                    } else if !in_date {
                        p.push_str(&t.xml10_content());
                    }
                }
            }
            Event::GeneralRef(g) => {
                if let Some((a, p)) = note.as_mut() {
                    if in_creator {
                        push_ref(a, &g);
                    } else if !in_date {
                        push_ref(p, &g);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out.grid_bytes = listed
        .saturating_mul(data + string)
        .saturating_add(bbox.saturating_mul(2 * data + string));
    out
}

#[cfg(test)]
mod tests {
    use super::super::document::{CollectSink, Limits};
    use super::*;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime as XlDate, Format, Note, Workbook};
    use std::io::Write;

    fn run(bytes: &[u8]) -> (CollectSink, Result<(), Problem>) {
        let mut sink = CollectSink::default();
        let r = sheet(bytes, &mut sink);
        (sink, r)
    }

    fn cells<'a>(sink: &'a CollectSink, name: &str) -> &'a [Cell] {
        sink.sheets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.as_slice())
            .unwrap_or_else(|| panic!("no sheet {name} in {:?}", sink.sheets))
    }

    fn at(cells: &[Cell], row: u32, col: u32) -> Option<&str> {
        cells
            .iter()
            .find(|(r, c, _)| *r == row && *c == col)
            .map(|(_, _, v)| v.as_str())
    }

    fn sample_xlsx() -> Vec<u8> {
        let mut wb = Workbook::new();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let stamp = Format::new().set_num_format("dd/mm/yyyy hh:mm");
        let ws = wb.add_worksheet();
        ws.set_name("Custody").unwrap();
        ws.write_string(0, 0, "Name").unwrap();
        ws.write_string(0, 1, "NI number").unwrap();
        ws.write_string(6, 0, "Robert SMITH").unwrap();
        ws.write_string(6, 1, "QQ123456C").unwrap();
        ws.write_number(6, 2, 42.0).unwrap();
        ws.write_number(6, 3, 3.25).unwrap();
        ws.write_number(6, 4, 0.1 + 0.2).unwrap();
        ws.write_boolean(6, 5, true).unwrap();
        ws.write_datetime_with_format(6, 6, XlDate::from_ymd(1980, 2, 29).unwrap(), &date)
            .unwrap();
        ws.write_datetime_with_format(
            6,
            7,
            XlDate::from_ymd(2024, 3, 1)
                .unwrap()
                .and_hms(14, 30, 0)
                .unwrap(),
            &stamp,
        )
        .unwrap();
        ws.write_string(9, 2, "in a hidden row").unwrap();
        ws.set_row_hidden(9).unwrap();
        ws.write_string(3, 27, "in a hidden column").unwrap();
        ws.set_column_hidden(27).unwrap();
        ws.insert_note(
            6,
            1,
            &Note::new("Checked against PNC, SW1A 1AA").set_author("PC Jane DOE"),
        )
        .unwrap();

        let hidden = wb.add_worksheet();
        hidden.set_name("Sheet2").unwrap();
        hidden.write_string(0, 0, "hidden sheet text").unwrap();
        hidden.set_hidden(true);

        let very = wb.add_worksheet();
        very.set_name("Secret").unwrap();
        very.write_string(2, 2, "very hidden: QQ123456C").unwrap();
        very.set_very_hidden(true);

        wb.set_properties(
            &DocProperties::new()
                .set_author("Robert SMITH")
                .set_title("Custody log"),
        );
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn xlsx_cells_hidden_sheets_rows_columns() {
        let (sink, r) = run(&sample_xlsx());
        assert_eq!(r, Ok(()), "{:?}", sink.warnings);
        let c = cells(&sink, "Custody");
        let want = [
            (0, 0, "Name"),
            (6, 0, "Robert SMITH"),
            (6, 1, "QQ123456C"),
            (6, 2, "42"),
            (6, 3, "3.25"),
            (6, 4, "0.3"),
            (6, 5, "TRUE"),
            (6, 6, "1980-02-29"),
            (6, 7, "2024-03-01 14:30:00"),
            (9, 2, "in a hidden row"),
            (3, 27, "in a hidden column"),
        ];
        for (row, col, v) in want {
            assert_eq!(at(c, row, col), Some(v), "{row},{col}");
        }
        assert_eq!(at(cells(&sink, "Sheet2"), 0, 0), Some("hidden sheet text"));
        assert_eq!(
            at(cells(&sink, "Secret"), 2, 2),
            Some("very hidden: QQ123456C")
        );
    }

    #[test]
    fn xlsx_comments_and_properties() {
        let (sink, r) = run(&sample_xlsx());
        assert_eq!(r, Ok(()));
        let note = sink
            .texts
            .iter()
            .find(|(l, _)| l == "Custody!B7 comment")
            .unwrap_or_else(|| panic!("{:?}", sink.texts));
        assert!(note.1.contains("Author: PC Jane DOE"), "{}", note.1);
        assert!(
            note.1.contains("Checked against PNC, SW1A 1AA"),
            "{}",
            note.1
        );
        let props = sink.all_text();
        assert!(props.contains("properties: "), "{props}");
        assert!(props.contains("Creator: Robert SMITH"), "{props}");
        assert!(props.contains("Title: Custody log"), "{props}");
    }

    #[test]
    fn number_and_date_text() {
        let cases: [(f64, &str); 6] = [
            (42.0, "42"),
            (-7.0, "-7"),
            (0.1 + 0.2, "0.3"),
            (1234.5600000000001, "1234.56"),
            (1e20, "100000000000000000000"),
            (0.000001, "0.000001"),
        ];
        for (f, want) in cases {
            assert_eq!(number_text(f).as_deref(), Some(want), "{f}");
        }
        assert_eq!(number_text(f64::NAN), None);
        use calamine::ExcelDateTimeType as T;
        let d = |v, t| datetime_text(&ExcelDateTime::new(v, t, false));
        assert_eq!(d(29281.0, T::DateTime), "1980-03-01");
        assert_eq!(d(0.5, T::DateTime), "12:00:00");
        assert_eq!(d(1.5, T::TimeDelta), "36:00:00");
    }

    /// A threaded comment, as Excel 365 writes it (with its legacy note).
    #[test]
    fn xlsx_threaded_comments() {
        let base = sample_xlsx();
        // Rebuild the package with a threaded comment on Custody!A7.
        let mut src = zip::ZipArchive::new(Cursor::new(&base[..])).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            if name == "xl/worksheets/_rels/sheet1.xml.rels" {
                let s = String::from_utf8(data).unwrap().replace(
                    "</Relationships>",
                    "<Relationship Id=\"rId99\" Type=\"http://schemas.microsoft.com/office/2017/10/relationships/threadedComment\" Target=\"../threadedComments/threadedComment1.xml\"/></Relationships>",
                );
                data = s.into_bytes();
            }
            if name == "xl/_rels/workbook.xml.rels" {
                let s = String::from_utf8(data).unwrap().replace(
                    "</Relationships>",
                    "<Relationship Id=\"rId98\" Type=\"http://schemas.microsoft.com/office/2017/10/relationships/person\" Target=\"persons/person.xml\"/></Relationships>",
                );
                data = s.into_bytes();
            }
            out.start_file(name, opts).unwrap();
            out.write_all(&data).unwrap();
        }
        out.start_file("xl/threadedComments/threadedComment1.xml", opts)
            .unwrap();
        out.write_all(br#"<?xml version="1.0"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="A7" personId="{P1}" id="{C1}"><text>Known to us &amp; warned</text></threadedComment><threadedComment ref="A7" personId="{P2}" id="{C2}" parentId="{C1}"><text>DOB 01/02/1980</text></threadedComment></ThreadedComments>"#).unwrap();
        out.start_file("xl/persons/person.xml", opts).unwrap();
        out.write_all(br#"<?xml version="1.0"?><personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="DS Robert SMITH" id="{P1}"/><person displayName="PC Jane DOE" id="{P2}"/></personList>"#).unwrap();
        let bytes = out.finish().unwrap().into_inner();
        let (sink, r) = run(&bytes);
        assert_eq!(r, Ok(()), "{:?}", sink.warnings);
        let t = &sink
            .texts
            .iter()
            .find(|(l, _)| l == "Custody!A7 comment")
            .unwrap_or_else(|| panic!("{:?}", sink.texts))
            .1;
        assert_eq!(
            t,
            "Author: DS Robert SMITH\nKnown to us & warned\n\nAuthor: PC Jane DOE\nDOB 01/02/1980"
        );
        // The legacy note on B7 is still there.
        assert!(sink.texts.iter().any(|(l, _)| l == "Custody!B7 comment"));
    }

    fn ods_bytes(content: &str) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let opts = zip::write::SimpleFileOptions::default();
        out.start_file("mimetype", stored).unwrap();
        out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        out.start_file("META-INF/manifest.xml", opts).unwrap();
        out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
        out.start_file("content.xml", opts).unwrap();
        out.write_all(content.as_bytes()).unwrap();
        out.start_file("meta.xml", opts).unwrap();
        out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:initial-creator>Robert SMITH</meta:initial-creator><dc:title>Stop log</dc:title></office:meta></office:document-meta>"#).unwrap();
        out.finish().unwrap().into_inner()
    }

    const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:body><office:spreadsheet>"#;
    const ODS_TAIL: &str = "</office:spreadsheet></office:body></office:document-content>";

    #[test]
    fn ods_cells_hidden_and_annotations() {
        let content = format!(
            r#"{ODS_HEAD}<table:table table:name="Stops"><table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Stopped</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="5"><table:table-cell table:number-columns-repeated="2"/></table:table-row><table:table-row table:visibility="collapse"><table:table-cell office:value-type="string"><office:annotation><dc:creator>PC Jane DOE</dc:creator><dc:date>2024-01-01T10:00:00</dc:date><text:p>Lives at SW1A 1AA</text:p><text:p>NI QQ123456C</text:p></office:annotation><text:p>Robert SMITH</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-03-01"><text:p>01/03/2024</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="42"><text:p>42</text:p></table:table-cell></table:table-row></table:table><table:table table:name="Hidden" table:style-name="ta2"><table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="string"><text:p>secret &amp; text</text:p></table:table-cell></table:table-row></table:table>{ODS_TAIL}"#
        );
        let (sink, r) = run(&ods_bytes(&content));
        assert_eq!(r, Ok(()), "{:?}", sink.warnings);
        let c = cells(&sink, "Stops");
        assert_eq!(at(c, 0, 0), Some("Name"));
        assert_eq!(at(c, 6, 0), Some("Robert SMITH"));
        assert_eq!(at(c, 6, 1), Some("2024-03-01"));
        assert_eq!(at(c, 6, 2), Some("42"));
        assert_eq!(at(cells(&sink, "Hidden"), 0, 3), Some("secret & text"));
        let note = &sink
            .texts
            .iter()
            .find(|(l, _)| l == "Stops!A7 comment")
            .unwrap_or_else(|| panic!("{:?}", sink.texts))
            .1;
        assert_eq!(note, "Author: PC Jane DOE\nLives at SW1A 1AA\nNI QQ123456C");
        assert!(
            sink.all_text().contains("Title: Stop log"),
            "{}",
            sink.all_text()
        );
    }

    #[test]
    fn ods_repeat_bomb_is_refused() {
        // One small row repeated a million times with a value in every one
        // of 16384 columns: calamine would build 16 billion cells.
        let mut content = String::from(ODS_HEAD);
        content.push_str(r#"<table:table table:name="Bomb">"#);
        for _ in 0..200 {
            content.push_str(r#"<table:table-row table:number-rows-repeated="5000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#);
        }
        content.push_str("</table:table>");
        content.push_str(ODS_TAIL);
        let (sink, r) = run(&ods_bytes(&content));
        assert!(matches!(r, Err(Problem::Limit(_))), "{r:?}");
        assert!(sink.sheets.is_empty());
    }

    #[test]
    fn encrypted_ods_is_encrypted() {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        out.start_file("mimetype", opts).unwrap();
        out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        out.start_file("META-INF/manifest.xml", opts).unwrap();
        out.write_all(br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry></manifest:manifest>"#).unwrap();
        out.start_file("content.xml", opts).unwrap();
        out.write_all(&[0x8d, 0x13, 0xff, 0x00, 0x42]).unwrap();
        let bytes = out.finish().unwrap().into_inner();
        assert_eq!(run(&bytes).1, Err(Problem::Encrypted));
    }

    /// A minimal OLE2 file with the streams of an encrypted OOXML package.
    #[test]
    fn encrypted_ooxml_is_encrypted() {
        let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        c.create_stream("/EncryptionInfo")
            .unwrap()
            .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
            .unwrap();
        c.create_stream("/EncryptedPackage")
            .unwrap()
            .write_all(&[0u8; 64])
            .unwrap();
        c.flush().unwrap();
        let bytes = c.into_inner().into_inner();
        assert_eq!(run(&bytes).1, Err(Problem::Encrypted));
    }

    /// An OLE2 file with a Workbook stream of BIFF8 records: a sheet whose
    /// two cells lie at opposite corners of the grid.
    fn xls_with_records(sheet: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let rec = |typ: u16, data: &[u8]| {
            let mut v = typ.to_le_bytes().to_vec();
            v.extend_from_slice(&(data.len() as u16).to_le_bytes());
            v.extend_from_slice(data);
            v
        };
        let bof = rec(
            0x0809,
            &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        );
        let eof = rec(0x000A, &[]);
        // Globals: BOF, BoundSheet (position patched below), EOF.
        let name = b"Sheet1";
        let mut bs = vec![0u8; 4];
        bs.extend_from_slice(&[0, 0, name.len() as u8, 0]);
        bs.extend_from_slice(name);
        let mut globals = bof.clone();
        let bs_at = globals.len() + 4;
        globals.extend(rec(0x0085, &bs));
        globals.extend(&eof);
        let pos = globals.len() as u32;
        globals[bs_at..bs_at + 4].copy_from_slice(&pos.to_le_bytes());
        let mut stream = globals;
        let mut sheet_bof = rec(
            0x0809,
            &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        );
        stream.append(&mut sheet_bof);
        for (t, d) in sheet {
            stream.extend(rec(*t, d));
        }
        stream.extend(&eof);
        let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        c.create_stream("/Workbook")
            .unwrap()
            .write_all(&stream)
            .unwrap();
        c.flush().unwrap();
        c.into_inner().into_inner()
    }

    fn number_record(row: u16, col: u16, v: f64) -> (u16, Vec<u8>) {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&0u16.to_le_bytes());
        d.extend_from_slice(&v.to_le_bytes());
        (0x0203, d)
    }

    /// A note on B7: OBJ (note object 1), TXO with its text and runs in
    /// CONTINUE records, and the NOTE record with the author.
    fn note_records(text: &str, author: &str) -> Vec<(u16, Vec<u8>)> {
        let mut obj = vec![0x15, 0, 0x12, 0, 0x19, 0, 1, 0];
        obj.extend_from_slice(&[0u8; 16]);
        obj.extend_from_slice(&[0, 0, 0, 0]);
        let mut txo = vec![0u8; 18];
        txo[10..12].copy_from_slice(&(text.len() as u16).to_le_bytes());
        txo[12..14].copy_from_slice(&16u16.to_le_bytes());
        // The text split over two CONTINUE records, the second one wide.
        let (a, b) = text.split_at(text.len() / 2);
        let mut c1 = vec![0u8];
        c1.extend_from_slice(a.as_bytes());
        let mut c2 = vec![1u8];
        c2.extend(b.encode_utf16().flat_map(u16::to_le_bytes));
        let mut note = vec![6, 0, 1, 0, 0, 0, 1, 0];
        note.extend_from_slice(&(author.len() as u16).to_le_bytes());
        note.push(0);
        note.extend_from_slice(author.as_bytes());
        note.push(0);
        vec![
            (0x005D, obj),
            (0x01B6, txo),
            (0x003C, c1),
            (0x003C, c2),
            (0x003C, vec![0u8; 16]),
            (0x001C, note),
        ]
    }

    #[test]
    fn xls_numbers_positions_and_notes() {
        let mut recs = vec![number_record(6, 1, 42.0), number_record(2, 0, 2.5)];
        recs.extend(note_records(
            "Seen with Robert SMITH, QQ123456C",
            "PC Jane DOE",
        ));
        let bytes = xls_with_records(&recs);
        let (sink, r) = run(&bytes);
        assert_eq!(r, Ok(()), "{:?}", sink.warnings);
        let c = cells(&sink, "Sheet1");
        assert_eq!(at(c, 6, 1), Some("42"));
        assert_eq!(at(c, 2, 0), Some("2.5"));
        assert_eq!(
            sink.texts,
            vec![(
                "Sheet1!B7 comment".to_string(),
                "Author: PC Jane DOE\nSeen with Robert SMITH, QQ123456C".to_string()
            )]
        );
    }

    #[test]
    fn xls_filepass_is_encrypted() {
        // FILEPASS goes in the globals: put it before the sheet's BOF by
        // building a stream whose globals carry it.
        let bytes = xls_with_records(&[number_record(0, 0, 1.0)]);
        let mut c = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
        let mut stream = Vec::new();
        c.open_stream("/Workbook")
            .unwrap()
            .read_to_end(&mut stream)
            .unwrap();
        // After the globals' BOF (4 + 16 bytes): FILEPASS, RC4.
        let mut fp = vec![0x2F, 0x00, 0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00];
        let mut patched = stream[..20].to_vec();
        patched.append(&mut fp);
        patched.extend_from_slice(&stream[20..]);
        let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        c.create_stream("/Workbook")
            .unwrap()
            .write_all(&patched)
            .unwrap();
        c.flush().unwrap();
        let bytes = c.into_inner().into_inner();
        assert_eq!(run(&bytes).1, Err(Problem::Encrypted));
    }

    #[test]
    fn xls_sparse_grid_bomb_is_refused() {
        let bytes = xls_with_records(&[number_record(0, 0, 1.0), number_record(65535, 65535, 1.0)]);
        let (sink, r) = run(&bytes);
        assert!(matches!(r, Err(Problem::Limit(_))), "{r:?}");
        assert!(sink.sheets.is_empty());
        // And a DIMENSIONS record claiming billions of cells.
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&u32::MAX.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 0xFF, 0, 0, 0]);
        let bytes = xls_with_records(&[(0x0200, dims), number_record(0, 0, 1.0)]);
        assert!(matches!(run(&bytes).1, Err(Problem::Limit(_))));
    }

    #[test]
    fn limits_stop_with_what_was_read() {
        // max_text per sheet: cut with a warning, Ok.
        let mut sink = CollectSink {
            limits: Limits {
                max_text: 20,
                ..Limits::default()
            },
            ..CollectSink::default()
        };
        assert_eq!(sheet(&sample_xlsx(), &mut sink), Ok(()));
        assert!(
            sink.warnings.iter().any(|w| w.contains("max_text")),
            "{:?}",
            sink.warnings
        );
        let c = cells(&sink, "Custody");
        assert!(c.iter().map(|(_, _, v)| v.len()).sum::<usize>() <= 20);
        // The total budget: Limit.
        let mut sink = CollectSink {
            limits: Limits {
                max_total_bytes: 100,
                ..Limits::default()
            },
            ..CollectSink::default()
        };
        let r = sheet(&sample_xlsx(), &mut sink);
        assert!(matches!(r, Err(Problem::Limit(_))), "{r:?}");
    }

    #[test]
    fn damaged_side_part_keeps_the_cells() {
        let mut bytes = sample_xlsx();
        let (start, len) = {
            let mut z = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
            let f = z.by_name("xl/theme/theme1.xml").unwrap();
            (
                f.data_start().unwrap() as usize,
                f.compressed_size() as usize,
            )
        };
        for i in (start + len / 3..start + len / 2).step_by(7) {
            bytes[i] ^= 0xA5;
        }
        let (sink, r) = run(&bytes);
        assert_eq!(r, Ok(()));
        assert!(
            sink.warnings.iter().any(|w| w.contains("theme1.xml")),
            "{:?}",
            sink.warnings
        );
        assert_eq!(at(cells(&sink, "Custody"), 6, 1), Some("QQ123456C"));
    }

    #[test]
    fn zip_bomb_part_is_refused() {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        out.start_file("xl/workbook.xml", opts).unwrap();
        out.write_all(b"<workbook/>").unwrap();
        out.start_file("xl/sharedStrings.xml", opts).unwrap();
        out.write_all(&vec![b' '; 3 << 20]).unwrap();
        let bytes = out.finish().unwrap().into_inner();
        let (_, r) = run(&bytes);
        assert!(
            matches!(r, Err(Problem::Limit(ref m)) if m.contains("max_ratio")),
            "{r:?}"
        );
    }

    #[test]
    fn garbage_and_truncated_are_errors() {
        let good = sample_xlsx();
        let xls = xls_with_records(&[number_record(6, 1, 42.0)]);
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"not a spreadsheet".to_vec(),
            b"PK\x03\x04garbage".to_vec(),
            OLE_MAGIC.to_vec(),
            good[..good.len() / 2].to_vec(),
            good[..good.len() - 30].to_vec(),
            xls[..xls.len() / 2].to_vec(),
        ];
        let mut flipped = good.clone();
        for i in (100..flipped.len()).step_by(97) {
            flipped[i] ^= 0x5A;
        }
        cases.push(flipped);
        for (i, bytes) in cases.iter().enumerate() {
            let (_, r) = run(bytes);
            assert!(r.is_err(), "case {i}: {r:?}");
        }
        // Every prefix of a small xls: no panic, whatever comes back.
        for n in (0..xls.len()).step_by(61) {
            let _ = run(&xls[..n]);
        }
    }
}

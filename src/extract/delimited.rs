//! Record and field boundaries of delimited exports (CSV, TSV), with the
//! byte offset of every field.
//!
//! The csv crate parses records but does not say where in the input each
//! field was, and `csv-core` skips empty lines (which shifts row numbers
//! away from what Excel shows). Findings need both: the row a person will
//! find in Excel and the bytes in the file. So this is a small streaming
//! RFC 4180 splitter (quoted fields with delimiters, doubled quotes and line
//! breaks; CRLF or LF) that only finds boundaries; it never copies text.
//! Its field contents are checked against the csv crate in the tests.
//!
//! Offsets are global decoded offsets (see [`super::decode`]), so the
//! splitter can be fed a sliding window of a file of any size.

use memchr::{memchr, memchr2};

/// A field's raw span: from its first byte (an opening quote included) to
/// the byte before its delimiter or line end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub start: u64,
    pub end: u64,
}

/// A complete record: `fields[first..first + count]` in the splitter's
/// field list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    pub start: u64,
    /// Just after the line terminator.
    pub end: u64,
    pub first: usize,
    pub count: usize,
    /// 1-based record number: the row Excel shows (header = row 1).
    pub row: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    StartField,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the end, or the first of a pair.
    QuoteSeen,
}

/// How an export's records split into fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Fields separated by this byte (RFC 4180 quoting).
    Delimited(u8),
    /// Fixed-width columns starting at these byte positions in each line
    /// (see [`sniff_fixed_width`]).
    Fixed(Vec<u32>),
}

impl Layout {
    /// How a file called `name`, starting with `head`, splits into
    /// records: by its name (`.csv`, `.tsv`), else, for export-like names
    /// in UTF-8, a delimiter sniffed from its first lines, else columns
    /// aligned under a header. `None`: plain text.
    pub fn sniff(name: &std::path::Path, head: &[u8], utf8: bool) -> Option<Layout> {
        if let Some(d) = delimiter_for(name) {
            return Some(Layout::Delimited(d));
        }
        if !may_be_export(name) || !utf8 {
            return None;
        }
        sniff_delimiter(head)
            .map(Layout::Delimited)
            .or_else(|| sniff_fixed_width(head).map(Layout::Fixed))
    }

    /// The format class the summary counts (`text` for `None`).
    pub fn format_name(layout: Option<&Layout>) -> &'static str {
        match layout {
            Some(Layout::Delimited(_)) => "delimited",
            Some(Layout::Fixed(_)) => "fixed-width",
            None => "text",
        }
    }
}

#[derive(Debug)]
pub struct Splitter {
    delim: u8,
    /// Column starts in fixed-width mode; empty in delimited mode.
    columns: Vec<u32>,
    state: State,
    /// Global offset of the next byte to read.
    pos: u64,
    rec_start: u64,
    field_start: u64,
    /// Fields of the record being read.
    current: Vec<Field>,
    row: u64,
}

impl Splitter {
    pub fn new(delim: u8, start: u64) -> Splitter {
        Splitter {
            delim,
            columns: Vec::new(),
            state: State::StartField,
            pos: start,
            rec_start: start,
            field_start: start,
            current: Vec::new(),
            row: 0,
        }
    }

    /// A splitter of fixed-width lines: one record per line, one field per
    /// column (`columns` are byte positions in the line, the first 0), each
    /// without its padding. Lines with nothing in a column still have that
    /// field, empty, at the line's end.
    pub fn fixed(columns: Vec<u32>, start: u64) -> Splitter {
        let mut s = Splitter::new(0, start);
        s.columns = columns;
        s
    }

    /// A splitter for `layout`.
    pub fn for_layout(layout: &Layout, start: u64) -> Splitter {
        match layout {
            Layout::Delimited(d) => Splitter::new(*d, start),
            Layout::Fixed(c) => Splitter::fixed(c.clone(), start),
        }
    }

    /// Global offset up to which input has been read.
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Start of the record being read (not yet complete).
    pub fn pending_start(&self) -> u64 {
        self.rec_start
    }

    /// Bytes of the record being read.
    pub fn pending_len(&self) -> u64 {
        self.pos - self.rec_start
    }

    /// Reads `text` (whose first byte is at global offset `base`) from
    /// where the last call stopped to its end, appending each completed
    /// record to `records` and its fields to `fields`.
    pub fn feed(
        &mut self,
        text: &[u8],
        base: u64,
        records: &mut Vec<Record>,
        fields: &mut Vec<Field>,
    ) {
        let mut i = (self.pos - base) as usize;
        if !self.columns.is_empty() {
            while let Some(k) = memchr(b'\n', &text[i.min(text.len())..]) {
                let at = i + k;
                self.fixed_line(text, base, base + at as u64);
                self.emit(base + at as u64 + 1, records, fields);
                i = at + 1;
            }
            self.pos = base + text.len() as u64;
            return;
        }
        let d = self.delim;
        while i < text.len() {
            match self.state {
                State::StartField => {
                    if text[i] == b'"' {
                        self.state = State::Quoted;
                        i += 1;
                    } else {
                        self.state = State::Unquoted;
                    }
                }
                State::Unquoted => match memchr2(d, b'\n', &text[i..]) {
                    Some(k) => {
                        let at = i + k;
                        if text[at] == d {
                            self.end_field(base + at as u64);
                        } else {
                            self.end_record(text, base, at, records, fields);
                        }
                        i = at + 1;
                    }
                    None => i = text.len(),
                },
                State::Quoted => match memchr(b'"', &text[i..]) {
                    Some(k) => {
                        self.state = State::QuoteSeen;
                        i += k + 1;
                    }
                    None => i = text.len(),
                },
                State::QuoteSeen => {
                    let c = text[i];
                    if c == b'"' {
                        self.state = State::Quoted;
                        i += 1;
                    } else if c == d {
                        self.end_field(base + i as u64);
                        i += 1;
                    } else if c == b'\n' {
                        self.end_record(text, base, i, records, fields);
                        i += 1;
                    } else if c == b'\r' {
                        i += 1;
                    } else {
                        // Text after a closing quote: tolerated, like the csv
                        // crate, as part of the same field.
                        self.state = State::Unquoted;
                    }
                }
            }
        }
        self.pos = base + text.len() as u64;
    }

    /// At end of input: completes a final record with no line terminator.
    pub fn finish(
        &mut self,
        text: &[u8],
        base: u64,
        records: &mut Vec<Record>,
        fields: &mut Vec<Field>,
    ) {
        if self.pos > self.rec_start && !self.columns.is_empty() {
            self.fixed_line(text, base, self.pos);
            self.emit(self.pos, records, fields);
        } else if self.pos > self.rec_start {
            let mut end = self.pos;
            if end > base && text.get((end - base - 1) as usize) == Some(&b'\r') {
                end -= 1;
            }
            self.current.push(Field {
                start: self.field_start,
                end,
            });
            self.emit(self.pos, records, fields);
        }
    }

    /// The fields of the fixed-width line from `rec_start` to `end` (its
    /// line feed, or the end of input).
    fn fixed_line(&mut self, text: &[u8], base: u64, mut end: u64) {
        let at = |g: u64| text[(g - base) as usize];
        if end > self.rec_start && at(end - 1) == b'\r' {
            end -= 1;
        }
        let n = self.columns.len();
        for i in 0..n {
            let mut s = (self.rec_start + self.columns[i] as u64).min(end);
            let mut e = match self.columns.get(i + 1) {
                Some(&c) => (self.rec_start + c as u64).min(end),
                None => end,
            };
            while e > s && at(e - 1) == b' ' {
                e -= 1;
            }
            while s < e && at(s) == b' ' {
                s += 1;
            }
            self.current.push(Field { start: s, end: e });
        }
    }

    fn end_field(&mut self, at: u64) {
        self.current.push(Field {
            start: self.field_start,
            end: at,
        });
        self.field_start = at + 1;
        self.state = State::StartField;
    }

    fn end_record(
        &mut self,
        text: &[u8],
        base: u64,
        at: usize,
        records: &mut Vec<Record>,
        fields: &mut Vec<Field>,
    ) {
        let mut end = base + at as u64;
        if at > 0 && text[at - 1] == b'\r' && end > self.field_start {
            end -= 1;
        }
        self.current.push(Field {
            start: self.field_start,
            end,
        });
        self.emit(base + at as u64 + 1, records, fields);
    }

    fn emit(&mut self, end: u64, records: &mut Vec<Record>, fields: &mut Vec<Field>) {
        self.row += 1;
        records.push(Record {
            start: self.rec_start,
            end,
            first: fields.len(),
            count: self.current.len(),
            row: self.row,
        });
        fields.append(&mut self.current);
        self.rec_start = end;
        self.field_start = end;
        self.state = State::StartField;
    }
}

/// The value of a raw field: surrounding quotes removed, doubled quotes
/// undone, spaces trimmed.
pub fn unquote(raw: &[u8]) -> String {
    let s = String::from_utf8_lossy(raw);
    let t = s.trim();
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        t[1..t.len() - 1].replace("\"\"", "\"")
    } else {
        t.to_string()
    }
}

/// Whether the first record looks like a header row: every non-empty cell
/// has a letter, and no cell looks like data (long digit runs, '@').
pub fn looks_like_header(cells: &[String]) -> bool {
    let mut non_empty = 0;
    for c in cells {
        if c.is_empty() {
            continue;
        }
        non_empty += 1;
        if c.len() > 80 || !c.bytes().any(|b| b.is_ascii_alphabetic()) || c.contains('@') {
            return false;
        }
        let mut run = 0;
        for b in c.bytes() {
            run = if b.is_ascii_digit() { run + 1 } else { 0 };
            if run >= 4 {
                return false;
            }
        }
    }
    non_empty > 0
}

/// The delimiter for a file name, if it is a delimited export trawl reads
/// as records.
pub fn delimiter_for(path: &std::path::Path) -> Option<u8> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(b','),
        "tsv" | "tab" => Some(b'\t'),
        _ => None,
    }
}

/// Names whose content may be a delimited export with any delimiter
/// (`.dat`, `.txt`, `.psv`, no extension): sniffed by [`sniff_delimiter`].
pub fn may_be_export(path: &std::path::Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(e) => matches!(
            e.to_ascii_lowercase().as_str(),
            "dat" | "txt" | "psv" | "ssv" | "exp" | "out" | "del" | "asc"
        ),
    }
}

/// The delimiter of an export without a telling name: the first lines of
/// `head` (at least three complete ones) are split by each candidate
/// (`|`, `;`, tab, `,`); the one giving every line the same number of
/// fields (at least two) wins, provided the first line looks like a header.
/// Prose never has the same number of commas on every line with a header
/// above, so it stays prose.
pub fn sniff_delimiter(head: &[u8]) -> Option<u8> {
    let text = String::from_utf8_lossy(head);
    let mut lines: Vec<&str> = text.split('\n').collect();
    // The last piece may be cut off mid-line.
    lines.pop();
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    if lines.len() < 3 {
        return None;
    }
    let mut best: Option<(u8, usize)> = None;
    for d in [b'|', b';', b'\t', b','] {
        let count = |l: &str| {
            let mut n = 0;
            let mut quoted = false;
            for b in l.bytes() {
                if b == b'"' {
                    quoted = !quoted;
                } else if b == d && !quoted {
                    n += 1;
                }
            }
            n
        };
        // A comma is common in prose: more lines must agree.
        if d == b',' && lines.len() < 5 {
            continue;
        }
        let n = count(lines[0]);
        if n == 0 || lines.iter().any(|l| count(l) != n) {
            continue;
        }
        let header: Vec<String> = lines[0]
            .split(d as char)
            .map(|c| c.trim().trim_matches('"').to_string())
            .collect();
        if !looks_like_header(&header) {
            continue;
        }
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((d, n));
        }
    }
    best.map(|(d, _)| d)
}

/// The column starts of a fixed-width export: the first non-empty line of
/// `head` is a header of at least two column names (single spaces inside a
/// name, two or more between names, the first at the line's start), and at
/// least three complete non-empty lines below it fit those columns: each
/// has a space just before every column start it reaches, reaches the
/// second column, and none has a tab. Strict on purpose: prose, logs and
/// ragged text stay text.
pub fn sniff_fixed_width(head: &[u8]) -> Option<Vec<u32>> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    // Only complete lines: the last piece may be cut off.
    let complete = &head[..head.iter().rposition(|&b| b == b'\n')?];
    let mut lines = complete
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .take(50);
    let header = lines.next()?;
    if header.first().is_none_or(|&b| b == b' ') || header.contains(&b'\t') {
        return None;
    }
    let header = std::str::from_utf8(header).ok()?.trim_end();
    // Names run through single spaces and end at two.
    let h = header.as_bytes();
    let (mut columns, mut names) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < h.len() {
        let start = i;
        let mut end = i;
        while i < h.len() {
            if h[i] != b' ' {
                i += 1;
                end = i;
            } else if h.get(i + 1).is_some_and(|&b| b != b' ') {
                i += 1;
            } else {
                break;
            }
        }
        columns.push(u32::try_from(start).ok()?);
        names.push(header[start..end].to_string());
        while i < h.len() && h[i] == b' ' {
            i += 1;
        }
    }
    if columns.len() < 2 || columns[0] != 0 || !looks_like_header(&names) {
        return None;
    }
    let mut rows = 0;
    let mut reaches_last = false;
    for l in lines {
        if l.contains(&b'\t') || l.len() <= columns[1] as usize {
            return None;
        }
        for &c in &columns[1..] {
            let c = c as usize;
            if c < l.len() && l[c - 1] != b' ' {
                return None;
            }
        }
        reaches_last |= l.len() > *columns.last()? as usize;
        rows += 1;
    }
    (rows >= 3 && reaches_last).then_some(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, chunk: usize) -> (Vec<Record>, Vec<Field>) {
        split_with(Splitter::new(b',', 0), text, chunk)
    }

    /// Feeds `text` to `s` `chunk` bytes more at a time, then finishes.
    fn split_with(mut s: Splitter, text: &str, chunk: usize) -> (Vec<Record>, Vec<Field>) {
        let t = text.as_bytes();
        let (mut recs, mut fields) = (Vec::new(), Vec::new());
        let mut upto = 0;
        while upto < t.len() {
            upto = (upto + chunk).min(t.len());
            s.feed(&t[..upto], 0, &mut recs, &mut fields);
        }
        s.finish(t, 0, &mut recs, &mut fields);
        (recs, fields)
    }

    fn values(text: &str, recs: &[Record], fields: &[Field]) -> Vec<Vec<String>> {
        recs.iter()
            .map(|r| {
                fields[r.first..r.first + r.count]
                    .iter()
                    .map(|f| unquote(&text.as_bytes()[f.start as usize..f.end as usize]))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_csv_crate() {
        let text = "Name,NI Number,Notes\r\n\"SMITH, John\",AB123456C,\"said \"\"hi\"\"\nthen left\"\r\nJones,CD 12 34 56 A,plain\r\n\"\",,\"x\"\r\nlast,row,no newline";
        let want: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(|s| s.trim().to_string()).collect())
            .collect();
        for chunk in [1, 2, 3, 5, 8, 1000] {
            let (recs, fields) = split(text, chunk);
            assert_eq!(values(text, &recs, &fields), want, "chunk {chunk}");
            assert_eq!(
                recs.iter().map(|r| r.row).collect::<Vec<_>>(),
                vec![1, 2, 3, 4, 5]
            );
        }
    }

    #[test]
    fn spans_point_at_the_raw_bytes() {
        let text = "a,\"b,c\",d\n1,2,3\n";
        let (recs, fields) = split(text, 4);
        assert_eq!(recs.len(), 2);
        let f = fields[1];
        assert_eq!(&text[f.start as usize..f.end as usize], "\"b,c\"");
        assert_eq!(recs[1].start, 10);
        assert_eq!(recs[1].end, text.len() as u64);
    }

    #[test]
    fn delimiters_are_sniffed_only_for_exports_with_a_header() {
        let cases: &[(&str, Option<u8>)] = &[
            (
                "Surname|Forename|NINO\nSMITH|Robert|AB123456C\nKHAN|Aisha|JG103759A\n",
                Some(b'|'),
            ),
            (
                "Surname;Forename;Postcode\nSMITH;Robert;SW1A 1AA\nKHAN;Aisha;M1 1AE\n",
                Some(b';'),
            ),
            ("ID\tName\n1\tSMITH\n2\tKHAN\n", Some(b'\t')),
            ("name,ref\nSMITH,1\nKHAN,2\nJONES,3\nPATEL,4\n", Some(b',')),
            ("name,ref\nSMITH,1\nKHAN,2\n", None),
            // Prose, and too few lines to tell.
            (
                "He said, quietly, that\nshe left, later, by car\nand then, at 9, rang\n",
                None,
            ),
            ("Surname|Forename\nSMITH|Robert\n", None),
            // Fields that vary: not an export.
            ("a|b|c\nd|e\nf|g|h\n", None),
            // A header line with data in it is not a header.
            ("AB123456C|x\nCD|y\nEF|z\n", None),
        ];
        for (text, want) in cases {
            assert_eq!(sniff_delimiter(text.as_bytes()), *want, "{text:?}");
        }
    }

    const FIXED: &str = "SURNAME   FORENAME  NINO       POSTCODE\n\
                         SMITH     ROBERT    AB123456C  SW1A 1AA\n\
                         KHAN      AISHA     JG103759A  M1 1AE\n\
                         O BRIEN   MARY ANN             B1 1AA\n";

    #[test]
    fn fixed_width_is_sniffed_only_for_aligned_exports_with_a_header() {
        let cases: &[(&str, Option<Vec<u32>>)] = &[
            (FIXED, Some(vec![0, 10, 20, 31])),
            // CRLF, a BOM, a short last column and a partial last line.
            (
                "\u{feff}ID  NAME      DOB\r\n1   SMITH     07/03/1984\r\n2   KHAN\r\n3   JONES     01/01/1990\r\n4   PA",
                Some(vec![0, 4, 14]),
            ),
            // Three spaces between names, one inside a name.
            (
                "NI NUMBER   SURNAME\nAB123456C   SMITH\nJG103759A   KHAN\nCD123456A   JONES\n",
                Some(vec![0, 12]),
            ),
            // Prose.
            (
                "He said that  he would\nleave the house and go\nto the shops at nine\nthen come home again\n",
                None,
            ),
            // A header line alone, and too few rows.
            ("SURNAME   FORENAME\n", None),
            (
                "SURNAME   FORENAME\nSMITH     ROBERT\nKHAN      AISHA\n",
                None,
            ),
            // A CSV.
            ("name,ref\nSMITH,1\nKHAN,2\nJONES,3\nPATEL,4\n", None),
            // Ragged lines: a value runs across a column start.
            (
                "SURNAME   FORENAME\nSMITH     ROBERT\nFEATHERSTONEHAUGH X\nKHAN      AISHA\n",
                None,
            ),
            // A log with timestamps (no header), and one with a header row
            // of data.
            (
                "2024-01-01 12:00:00  INFO  started\n2024-01-01 12:00:01  INFO  ready\n2024-01-01 12:00:02  WARN  slow\n2024-01-01 12:00:03  INFO  done\n",
                None,
            ),
            // Lines that stop before the second column.
            ("NAME  REF\nSMITH  1\nKHAN\nJONES  3\n", None),
            // Tabs belong to delimited exports.
            ("NAME  REF\nSMITH\t1\nKHAN  2\nJONES 3\n", None),
        ];
        for (text, want) in cases {
            assert_eq!(sniff_fixed_width(text.as_bytes()), *want, "{text:?}");
        }
    }

    #[test]
    fn fixed_width_fields_are_columns_without_padding() {
        let text = format!("{FIXED}\r\nPATEL     RAJ       CD123456A\r\nLAST      ROW");
        let t = text.as_bytes();
        let want: Vec<Vec<&str>> = vec![
            vec!["SURNAME", "FORENAME", "NINO", "POSTCODE"],
            vec!["SMITH", "ROBERT", "AB123456C", "SW1A 1AA"],
            vec!["KHAN", "AISHA", "JG103759A", "M1 1AE"],
            vec!["O BRIEN", "MARY ANN", "", "B1 1AA"],
            vec!["", "", "", ""],
            vec!["PATEL", "RAJ", "CD123456A", ""],
            vec!["LAST", "ROW", "", ""],
        ];
        for chunk in [1, 2, 3, 7, 40, 1000] {
            let (recs, fields) = split_with(Splitter::fixed(vec![0, 10, 20, 31], 0), &text, chunk);
            let got: Vec<Vec<&str>> = recs
                .iter()
                .map(|r| {
                    fields[r.first..r.first + r.count]
                        .iter()
                        .map(|f| &text[f.start as usize..f.end as usize])
                        .collect()
                })
                .collect();
            assert_eq!(got, want, "chunk {chunk}");
            assert_eq!(
                recs.iter().map(|r| r.row).collect::<Vec<_>>(),
                (1..=7).collect::<Vec<u64>>()
            );
            assert_eq!(recs[1].start, 40);
            assert_eq!(recs.last().unwrap().end, t.len() as u64);
            // Fields are in order, so a position finds its field.
            assert!(fields.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }

    #[test]
    fn fixed_width_splits_a_sliding_window() {
        // The window moves on past complete records, like in the scanner.
        let text = FIXED.as_bytes();
        let mut s = Splitter::fixed(vec![0, 10, 20, 31], 0);
        let (mut recs, mut fields) = (Vec::new(), Vec::new());
        s.feed(&text[..50], 0, &mut recs, &mut fields);
        assert_eq!(recs.len(), 1);
        let base = recs[0].end;
        recs.clear();
        fields.clear();
        s.feed(&text[base as usize..], base, &mut recs, &mut fields);
        s.finish(&text[base as usize..], base, &mut recs, &mut fields);
        assert_eq!(recs.len(), 3);
        let f = fields[recs[0].first + 2];
        assert_eq!(&FIXED[f.start as usize..f.end as usize], "AB123456C");
    }

    #[test]
    fn empty_lines_are_rows_like_in_excel() {
        let text = "h1,h2\n\nx,y\n";
        let (recs, _) = split(text, 100);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[2].row, 3);
    }

    #[test]
    fn header_heuristic() {
        let h =
            |v: &[&str]| looks_like_header(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert!(h(&["Name", "DOB", "NI Number", "Postcode"]));
        assert!(h(&["Surname", "", "Address line 1"]));
        assert!(!h(&["Smith", "07/03/1984", "AB123456C"]));
        assert!(!h(&["a@b.com", "x"]));
    }
}

//! Masking: what trawl prints instead of the value it found.
//!
//! Reports travel: they are emailed, attached to tickets and opened on
//! shared screens. By default a value keeps only enough to tell findings
//! apart and check them against the file (the first two and the last
//! letters or digits), like `AB******C`; separators stay so the shape is
//! recognisable. Short values keep only their first character. Raw values
//! are printed only with `--show-values`.

/// The masked form of `value`.
pub fn mask(value: &str) -> String {
    let alnum = value.chars().filter(|c| c.is_alphanumeric()).count();
    let (keep_front, keep_back) = if alnum >= 6 { (2, 1) } else { (1, 0) };
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen <= keep_front || seen > alnum - keep_back {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// A CSV cell that Excel will not run as a formula (OWASP CSV injection):
/// cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'`.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_shape_not_content() {
        let cases = [
            ("AB123456C", "AB******C"),
            ("AB 12 34 56 C", "AB ** ** ** C"),
            ("943 476 5919", "94* *** ***9"),
            ("jane.doe@police.uk", "ja**.***@******.*k"),
            ("07/03/1984", "07/**/***4"),
            ("K1 ABC", "K* ***"),
            ("A1", "A*"),
            ("Siobhán", "Si****n"),
        ];
        for (v, want) in cases {
            assert_eq!(mask(v), want, "{v}");
        }
    }

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("+44 7911 123456"), "'+44 7911 123456");
        assert_eq!(csv_safe("-1"), "'-1");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("AB******C"), "AB******C");
    }
}

//! Self-contained HTML pages (the subject schedule, the index inventory):
//! a template with its data embedded as JSON in a `<script
//! type="application/json">` element, which the page's own script reads and
//! inserts with `textContent` only.

/// Where the data goes in a template: the body of `<script
/// id="trawl-data">`.
pub const PLACEHOLDER: &str = "/*TRAWL_DATA*/";

/// `template` with `data` in place of [`PLACEHOLDER`] (the first one).
pub fn embed(template: &str, data: &serde_json::Value) -> String {
    let json = script_safe_json(data);
    let (before, after) = template
        .split_once(PLACEHOLDER)
        .expect("the page template has the data placeholder");
    let mut page = String::with_capacity(before.len() + json.len() + after.len());
    page.push_str(before);
    page.push_str(&json);
    page.push_str(after);
    page
}

/// `data` as JSON with `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX` escapes:
/// they occur only inside strings, where the escapes mean the same, so the
/// HTML parser never sees `</script>` or `<!--` in it.
pub fn script_safe_json(data: &serde_json::Value) -> String {
    let json = serde_json::to_string(data).expect("a JSON value serialises");
    let mut out = String::with_capacity(json.len() + json.len() / 8);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

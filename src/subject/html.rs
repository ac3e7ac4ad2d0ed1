//! The HTML disclosure schedule (`trawl subject --format html`).
//!
//! One self-contained page, from the template `src/subject/schedule.html`,
//! with inline CSS and JavaScript: no external resources and no network, so
//! it can be emailed, attached to a case file and opened from disk on a
//! locked-down machine. The results travel inside the page as JSON in a
//! `<script type="application/json">` element, and the page's script builds
//! the header and the table from it with `textContent` only.
//!
//! File names and snippets are hostile input: a file can be called
//! `</script><img src=x onerror=...>`. JSON escaping alone does not stop that
//! closing the script element early, so [`render`] also writes `<`, `>`, `&`
//! and the line separators U+2028/U+2029 as `\uXXXX` escapes. They can only
//! occur inside JSON strings, where the escapes mean the same characters, so
//! `JSON.parse` in the page gets the data back unchanged while the HTML
//! parser never sees markup, `</script>` or `<!--` in it.

/// The page template; its one `/*TRAWL_DATA*/` is replaced by the data.
const TEMPLATE: &str = include_str!("schedule.html");

#[cfg(test)]
use crate::report::page::PLACEHOLDER;

/// The schedule page for `data`: `{"summary": {...}, "log": {...},
/// "results": [...]}` (the result and summary objects of the JSONL output,
/// and the search log's header).
pub fn render(data: &serde_json::Value) -> String {
    crate::report::page::embed(TEMPLATE, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const HOSTILE: &str =
        "share/</script><img src=x onerror=alert(1)><!--<b>x</b>&amp;\u{2028}\u{2029}.docx";

    fn data(path: &str) -> serde_json::Value {
        json!({
            "summary": {"type": "summary", "case": "SAR-1", "operator": "A N Other", "results": 1,
                        "strong": 1, "medium": 0, "weak": 0, "files_searched": 3, "unreadable": 0,
                        "log": "search-log.txt"},
            "log": {"case": "SAR-1", "operator": "A N Other", "started": "2026-01-02T03:04:05Z",
                    "trawl_version": "0.1.0", "pattern_pack": "uk-police 1",
                    "subject": [["Names", "Robert John SMITH"]], "paths": ["share"], "options": ""},
            "results": [{"type": "result", "rank": 1, "tier": "strong", "score": 90, "path": path,
                         "container": [], "locations": [], "row": null, "record": false,
                         "snippets": [[{"t": "<script>alert(2)</script>", "s": false},
                                       {"t": "Bob Smith", "s": true}]]}]
        })
    }

    /// The embedded JSON: the text between the data element's tags.
    fn embedded(page: &str) -> &str {
        let start = page.find(r#"id="trawl-data">"#).unwrap() + r#"id="trawl-data">"#.len();
        let len = page[start..].find("</script>").unwrap();
        &page[start..start + len]
    }

    #[test]
    fn the_template_has_one_placeholder_inside_the_data_element() {
        assert_eq!(TEMPLATE.matches(PLACEHOLDER).count(), 1);
        let at = TEMPLATE.find(PLACEHOLDER).unwrap();
        assert!(
            TEMPLATE[..at].ends_with(r#"<script type="application/json" id="trawl-data">"#),
            "the placeholder must be the whole body of the data element"
        );
        assert!(TEMPLATE[at + PLACEHOLDER.len()..].starts_with("</script>"));
    }

    #[test]
    fn the_placeholder_is_replaced_exactly_once() {
        // Data that itself contains the placeholder text must not be re-expanded.
        let page = render(&data(PLACEHOLDER));
        assert_eq!(
            page.matches(PLACEHOLDER).count(),
            1,
            "only the data's own copy"
        );
        let page = render(&data("a.txt"));
        assert!(!page.contains(PLACEHOLDER));
        assert_eq!(
            page.len(),
            TEMPLATE.len() - PLACEHOLDER.len() + embedded(&page).len()
        );
    }

    #[test]
    fn a_hostile_path_stays_inert() {
        let page = render(&data(HOSTILE));
        // Nothing from the data can end the script element, open a comment
        // or become an element: the page has exactly the template's tags.
        assert_eq!(
            page.matches("</script").count(),
            TEMPLATE.matches("</script").count()
        );
        assert_eq!(
            page.matches("<script").count(),
            TEMPLATE.matches("<script").count()
        );
        assert_eq!(
            page.matches("<!--").count(),
            TEMPLATE.matches("<!--").count()
        );
        assert!(!page.contains("<img"));
        assert!(!page.contains("<b>"));
        assert!(!page.contains('\u{2028}') && !page.contains('\u{2029}'));
        let json = embedded(&page);
        for c in ['<', '>', '&'] {
            assert!(!json.contains(c), "{c:?} left unescaped in {json}");
        }
        assert!(json.contains(r"\u003c/script\u003e\u003cimg src=x onerror=alert(1)\u003e"));
    }

    #[test]
    fn the_embedded_json_parses_back_to_the_same_data() {
        let value = data(HOSTILE);
        let page = render(&value);
        let back: serde_json::Value = serde_json::from_str(embedded(&page)).unwrap();
        assert_eq!(back, value);
        assert_eq!(back["results"][0]["path"], HOSTILE);
    }
}

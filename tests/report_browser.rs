//! `trawl report --format html` in a real browser.
//!
//! An index file is built from the schema with synthetic rows, the real
//! binary writes the report page, and a copy with a test script appended is
//! opened in headless Chromium: the script checks that the charts and tables
//! were drawn from the data, that sorting works, and that hostile file and
//! folder names are shown as text, then writes its findings into the page,
//! which Chromium prints with `--dump-dom`.
//!
//! Chromium: `$CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on the
//! PATH. Without one the browser test is skipped, unless
//! `TRAWL_REQUIRE_BROWSER=1` (set by `.ci/run`), when it fails.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use support::browser::{dump_dom, find_chromium, test_result};

use rusqlite::{Connection, params};
use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../src/index/schema.sql");

/// A file name that would run script if it were inserted as markup.
const HOSTILE_FILE: &str = "share/hr/<script>alert(1)</script>.txt";
/// A folder name that would run script if it were inserted as markup.
const HOSTILE_FOLDER: &str = r#"share/<img src=x onerror="window.__pwned=1">"#;

/// (path, status, reason, first_run, changed_run, [(category, n)])
type FileRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    i64,
    i64,
    &'static [(&'static str, i64)],
);

fn files() -> Vec<FileRow> {
    vec![
        (
            "share/cases/2024/a.docx",
            "scanned",
            None,
            1,
            1,
            &[
                ("personal_details", 5),
                ("offences", 3),
                ("criminal_proceedings", 2),
            ],
        ),
        (
            "share/cases/2024/b.pdf",
            "partial",
            Some("page 2 is a scanned image"),
            1,
            1,
            &[("health", 4), ("personal_details", 1)],
        ),
        (
            "share/cases/2025/c.xlsx",
            "scanned",
            None,
            2,
            2,
            &[("personal_details", 7), ("criminal_intelligence", 6)],
        ),
        (
            "share/hr/d.csv",
            "scanned",
            None,
            1,
            2,
            &[
                ("personal_details", 20),
                ("health", 3),
                ("racial_ethnic_origin", 2),
                ("financial", 4),
            ],
        ),
        (
            HOSTILE_FILE,
            "review",
            Some("handwritten notes"),
            1,
            1,
            &[("personal_details", 1)],
        ),
        (
            // In the hostile folder (built below).
            "",
            "scanned",
            None,
            1,
            1,
            &[("criminal_intelligence", 9), ("offences", 1)],
        ),
        (
            "share/misc/f.zip",
            "failed",
            Some("encrypted archive"),
            1,
            1,
            &[],
        ),
        ("share/misc/readme.txt", "scanned", None, 1, 1, &[]),
    ]
}

const SPECIAL: [&str; 2] = ["health", "racial_ethnic_origin"];
const OFFENCE: [&str; 3] = ["offences", "criminal_proceedings", "criminal_intelligence"];

/// An index at `db` with the rows above: runs 1 and 2 complete (so the
/// changes are those of run 2), the schema version set, in WAL mode as a
/// real index would be.
fn build_index(db: &Path) {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    conn.execute_batch("PRAGMA user_version = 1; PRAGMA journal_mode = WAL;")
        .unwrap();
    conn.execute_batch(
        r#"INSERT INTO runs (id, started, finished, status, roots, pattern_pack, version,
                             added, changed, touched, unchanged, removed)
           VALUES (1, '2026-03-01T01:00:00Z', '2026-03-01T01:20:00Z', 'complete', '["share"]', 'builtin', '0.1.0', 8, 0, 0, 0, 0),
                  (2, '2026-03-02T01:00:00Z', '2026-03-02T01:05:00Z', 'complete', '["share"]', 'builtin', '0.1.0', 1, 1, 3, 5, 1);
           INSERT INTO removed (path, folder, run) VALUES ('share/old.txt', 'share', 2), ('share/gone-long-ago.txt', 'share', 1);"#,
    )
    .unwrap();
    let hostile_file = format!("{HOSTILE_FOLDER}/e.txt");
    for (id, (path, status, reason, first, changed, cats)) in files().into_iter().enumerate() {
        let id = id as i64 + 1;
        let path = if path.is_empty() {
            hostile_file.as_str()
        } else {
            path
        };
        // The hostile name has a '/' of its own (in `</script>`).
        let folder = if path == HOSTILE_FILE {
            "share/hr"
        } else {
            &path[..path.rfind('/').unwrap()]
        };
        let findings: i64 = cats.iter().map(|c| c.1).sum();
        let special: i64 = cats
            .iter()
            .filter(|c| SPECIAL.contains(&c.0))
            .map(|c| c.1)
            .sum();
        let offence: i64 = cats
            .iter()
            .filter(|c| OFFENCE.contains(&c.0))
            .map(|c| c.1)
            .sum();
        conn.execute(
            "INSERT INTO files (id, path, folder, size, mtime_ns, class, status, reason, findings,
                                special, offence, first_run, changed_run, seen_run)
             VALUES (?1, ?2, ?3, 100, 0, 'text', ?4, ?5, ?6, ?7, ?8, ?9, ?10, 2)",
            params![
                id, path, folder, status, reason, findings, special, offence, first, changed
            ],
        )
        .unwrap();
        for (cat, n) in cats {
            conn.execute(
                "INSERT INTO counts (file_id, kind, name, n) VALUES (?1, 'category', ?2, ?3)",
                params![id, cat, n],
            )
            .unwrap();
        }
    }
    conn.execute_batch(
        "INSERT INTO problems (file_id, kind, member, reason) VALUES
            (2, 'review', NULL, 'page 2 is a scanned image'),
            (7, 'unreadable', 'f.zip > g.docx', 'encrypted member');",
    )
    .unwrap();
}

fn trawl(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trawl"))
        .current_dir(cwd)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The test script appended to the page. It runs after the page's own
/// script (on `load`) and writes `{"checks": [...], "errors": [...]}` into
/// `<pre id="test-result">`.
const TEST_SCRIPT: &str = r#"
<script>
window.addEventListener('load', function () {
  var checks = [];
  function check(name, ok, got) { checks.push({name: name, ok: !!ok, got: got === undefined ? null : got}); }
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function keys(sel) { return all(sel).map(function (g) { return g.getAttribute('data-key'); }); }
  function folderOrder() {
    return all('#folders tbody tr.folder').filter(function (tr) { return !tr.hidden; })
      .map(function (tr) { return tr.getAttribute('data-folder'); });
  }
  try {
    // Cards.
    check('card: files', document.querySelector('#card-files .n').textContent === '8', document.querySelector('#card-files .n').textContent);
    check('card: findings', document.querySelector('#card-findings .n').textContent === '68', document.querySelector('#card-findings .n').textContent);
    check('card: review', document.querySelector('#card-review .n').textContent === '3', document.querySelector('#card-review .n').textContent);
    check('meta: last update', /2026-03-02 01:05 UTC/.test(document.getElementById('meta').textContent), document.getElementById('meta').textContent);

    // Status: one stacked bar, a segment per status present.
    var segs = all('#status-chart .seg');
    check('status segments', same(segs.map(function (s) { return s.getAttribute('data-status'); }), ['scanned', 'partial', 'review', 'failed']),
      segs.map(function (s) { return s.getAttribute('data-status'); }));
    var widths = segs.map(function (s) { return s.getBoundingClientRect().width; });
    check('status segments drawn to scale', widths.every(function (w) { return w > 0; }) && widths[0] > 3 * widths[1], widths);
    check('status legend', all('#status-legend li').length === 4, all('#status-legend li').length);

    // Categories: an SVG bar per category found, special and offence marked.
    var bars = all('#category-chart svg g.bar');
    check('category bars', bars.length === 7, bars.length);
    check('category order: most first', keys('#category-chart g.bar')[0] === 'personal_details', keys('#category-chart g.bar'));
    check('special bars', same(keys('#category-chart g.bar.special').sort(), ['health', 'racial_ethnic_origin']), keys('#category-chart g.bar.special'));
    check('offence bars', same(keys('#category-chart g.bar.offence').sort(), ['criminal_intelligence', 'criminal_proceedings', 'offences']), keys('#category-chart g.bar.offence'));
    check('special tags', all('#category-chart text.tag.special').length === 2, all('#category-chart text.tag.special').length);
    check('offence tags', all('#category-chart text.tag.offence').length === 3, all('#category-chart text.tag.offence').length);
    var special = document.querySelector('#category-chart g.bar.special rect.fill');
    var plain = document.querySelector('#category-chart g.bar.plain rect.fill');
    var cs = getComputedStyle(special).fill, cp = getComputedStyle(plain).fill;
    check('special bars coloured differently', cs && cp && cs !== cp, [cs, cp]);
    var w0 = Number(bars[0].querySelector('rect.fill').getAttribute('width'));
    var w1 = Number(bars[1].querySelector('rect.fill').getAttribute('width'));
    check('bars to scale', w0 > w1 && w1 > 0, [w0, w1]);
    check('bars visible', bars[0].querySelector('rect.fill').getBoundingClientRect().width > 50);
    var label0 = bars[0].querySelector('text.label').textContent;
    check('category label from the catalogue', label0 && label0 !== 'personal_details', label0);

    // Hotspots.
    check('hotspot findings bars', all('#hotspot-findings g.bar').length === 4, all('#hotspot-findings g.bar').length);
    check('hotspot findings first', keys('#hotspot-findings g.bar')[0] === 'share/hr', keys('#hotspot-findings g.bar'));
    check('hotspot special', same(keys('#hotspot-special g.bar'), ['share/hr', 'share/cases/2024']), keys('#hotspot-special g.bar'));
    check('hotspot offence', same(keys('#hotspot-offence g.bar'), [HOSTILE_FOLDER, 'share/cases/2025', 'share/cases/2024']), keys('#hotspot-offence g.bar'));
    var hl = document.querySelector('#hotspot-offence g.bar text.label');
    check('long folder label keeps its end', hl && hl.children.length === 0 && /^\u2026.*onerror="window.__pwned=1">$/.test(hl.textContent), hl && hl.textContent);
    var ht = document.querySelector('#hotspot-offence g.bar title');
    check('hostile folder is text in the tooltip', ht && ht.textContent.indexOf(HOSTILE_FOLDER + ': 10') === 0, ht && ht.textContent);

    // Folder table, rolled up, sortable.
    var rows = all('#folders tbody tr.folder');
    check('folder rows', rows.length === 7, rows.length);
    check('folders by findings first', folderOrder()[0] === 'share', folderOrder());
    var shareCells = all('#folders tr.folder[data-folder="share"] td').map(function (td) { return td.textContent; });
    check('share totals', same(shareCells.slice(0, 6), ['share', '8', '6', '68', '9', '21']), shareCells);
    var fth = document.querySelector('#folders th[data-key="folder"]');
    fth.click();
    check('sort by folder', same(folderOrder().slice(0, 4), ['share', HOSTILE_FOLDER, 'share/cases', 'share/cases/2024']) ||
      same(folderOrder().slice(0, 4), ['share', 'share/cases', 'share/cases/2024', 'share/cases/2025']), folderOrder());
    check('aria-sort ascending', fth.getAttribute('aria-sort') === 'ascending');
    var oth = document.querySelector('#folders th[data-key="offence"]');
    oth.click();
    check('sort by offence', same(folderOrder().slice(0, 3), ['share', 'share/cases', HOSTILE_FOLDER]), folderOrder());
    check('aria-sort descending', oth.getAttribute('aria-sort') === 'descending' && !fth.hasAttribute('aria-sort'));
    oth.click();
    check('sort reversed', folderOrder()[folderOrder().length - 1] === 'share', folderOrder());
    var f = document.getElementById('folder-filter');
    f.value = 'CASES';
    f.dispatchEvent(new Event('input', {bubbles: true}));
    check('folder filter', folderOrder().length === 3 && document.getElementById('folder-count').textContent === '3 of 7 folders shown', folderOrder());

    // Review list.
    var review = all('#review tbody tr.review-file');
    check('review rows', review.length === 3, review.length);
    var paths = review.map(function (tr) { return tr.querySelector('td.path').textContent; });
    check('review lists the review file', paths.indexOf(HOSTILE_FILE) !== -1, paths);
    check('review lists the failed file', paths.indexOf('share/misc/f.zip') !== -1, paths);
    var hostileCell = review.filter(function (tr) { return tr.querySelector('td.path').textContent === HOSTILE_FILE; })[0];
    check('hostile name cell has no elements', hostileCell && hostileCell.querySelector('td.path').children.length === 0);
    check('problem member shown', document.getElementById('review').textContent.indexOf('f.zip > g.docx') !== -1);

    // Changes since run 1.
    var ch = all('#changes tbody tr.change').map(function (tr) { return [tr.getAttribute('data-change'), tr.querySelector('td.path').textContent]; });
    check('changes', same(ch, [['added', 'share/cases/2025/c.xlsx'], ['changed', 'share/hr/d.csv'], ['removed', 'share/old.txt']]), ch);

    // Nothing from the data became markup or ran.
    check('no injected img', all('img').length === 0, all('img').length);
    check('only the page scripts', all('script').length === EXPECTED_SCRIPTS, all('script').length);
    check('no injected script ran', window.__pwned === undefined, String(window.__pwned));
  } catch (e) {
    check('test script threw', false, String(e && e.stack || e));
  }
  var pre = document.createElement('pre');
  pre.id = 'test-result';
  pre.textContent = JSON.stringify({checks: checks, errors: window.__pageErrors || ['error catcher missing']});
  document.body.appendChild(pre);
});
</script>
"#;

/// Catches errors thrown by the page's own script, and any alert() that
/// injected script would call (inserted first in `<head>`).
const ERROR_CATCHER: &str = "<script>window.__pageErrors=[];window.addEventListener('error',function(e){window.__pageErrors.push(String(e.message))});window.alert=function(){window.__pwned='alert'};</script>";

/// A JSON string literal that is safe inside the test's `<script>`.
fn js_string(s: &str) -> String {
    serde_json::to_string(s).unwrap().replace('<', "\\u003c")
}

/// The report page the binary writes for the synthetic index, and its
/// temporary folder.
fn binary_page() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trawl.db");
    build_index(&db);
    let out = trawl(
        &[
            "report",
            "--db",
            "trawl.db",
            "--format",
            "html",
            "-o",
            "report.html",
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "trawl report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "with -o nothing goes to stdout");
    let page = dir.path().join("report.html");
    (dir, page)
}

#[test]
fn report_renders_in_a_real_browser() {
    let (dir, page_file) = binary_page();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&page_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the report is owner-only");
    }
    let page = std::fs::read_to_string(&page_file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.contains("<script>alert(1)"),
        "the name is escaped in the page"
    );

    let Some(chromium) = find_chromium() else {
        if std::env::var("TRAWL_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!(
                "TRAWL_REQUIRE_BROWSER=1 but chromium was not found \
                 (set CHROMIUM, or install it: apt-get install chromium)"
            );
        }
        println!("skipped: chromium not installed (set TRAWL_REQUIRE_BROWSER=1 to require it)");
        return;
    };
    let expected_scripts = page.matches("<script").count() + 2;
    let script = TEST_SCRIPT
        .replace("HOSTILE_FILE", &js_string(HOSTILE_FILE))
        .replace("HOSTILE_FOLDER", &js_string(HOSTILE_FOLDER))
        .replace("EXPECTED_SCRIPTS", &expected_scripts.to_string());
    let body_end = page.rfind("</body>").expect("the page has </body>");
    let head = page.find("<head>").expect("the page has <head>") + "<head>".len();
    let test_page = format!(
        "{}{ERROR_CATCHER}{}{script}{}",
        &page[..head],
        &page[head..body_end],
        &page[body_end..]
    );
    let test_file = dir.path().join("report-test.html");
    std::fs::write(&test_file, test_page).unwrap();

    let profile = tempfile::tempdir().unwrap();
    let (dom, _) = dump_dom(
        &chromium,
        &format!("file://{}", test_file.display()),
        profile.path(),
    );
    let Some(result) = test_result(&dom) else {
        let tail: String = dom
            .chars()
            .rev()
            .take(3000)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        panic!("the test script wrote no result; end of the DOM:\n{tail}");
    };
    let checks = result["checks"].as_array().unwrap();
    let failed: Vec<&Value> = checks.iter().filter(|c| c["ok"] != true).collect();
    assert!(
        failed.is_empty(),
        "{} of {} browser checks failed:\n{}",
        failed.len(),
        checks.len(),
        failed
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(checks.len() >= 35, "only {} checks ran", checks.len());
    assert_eq!(result["errors"], json!([]), "the page threw errors");
}

#[test]
fn report_makes_no_network_references() {
    let (_dir, page_file) = binary_page();
    let lower = std::fs::read_to_string(page_file)
        .unwrap()
        .to_ascii_lowercase();
    // The embedded data is left out: it is JSON text (with the hostile
    // folder's `src=x` in it).
    let start = lower.find(r#"id="trawl-data">"#).unwrap();
    let end = start + lower[start..].find("</script>").unwrap();
    let markup = format!("{}{}", &lower[..start], &lower[end..]);
    // The SVG namespace is an identifier, not a fetch; nothing else may
    // name a scheme.
    let without_ns = markup.replace("http://www.w3.org/2000/svg", "");
    for scheme in ["http://", "https://", "ftp://", "ws://", "wss://"] {
        assert!(!without_ns.contains(scheme), "the page refers to {scheme}");
    }
    for css in ["url(", "@import"] {
        assert!(!markup.contains(css), "the page uses {css}");
    }
    for js in [
        "fetch(",
        "xmlhttprequest",
        "websocket",
        "sendbeacon",
        "eventsource",
        "innerhtml",
        "insertadjacenthtml",
        "document.write",
    ] {
        assert!(!markup.contains(js), "the page's script uses {js}");
    }
    for attr in ["src=", "href="] {
        for (at, _) in markup.match_indices(attr) {
            let value = markup[at + attr.len()..].trim_start_matches(['"', '\'']);
            assert!(
                value.starts_with("data:"),
                "a {attr} that is not data: at {at}"
            );
        }
    }
    assert!(markup.contains("default-src 'none'"));
}

#[test]
fn report_csv_and_jsonl_go_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    build_index(&dir.path().join("trawl.db"));
    let out = trawl(
        &["report", "--db", "trawl.db", "--format", "csv"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("\u{feff}section,item,folder,path,"));
    assert!(text.contains("\r\nchange,removed,share,share/old.txt,"));
    let out = trawl(
        &["report", "--db", "trawl.db", "--format", "jsonl"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "overview");
    assert_eq!(lines[0]["findings"], 68);
    let review: Vec<&Value> = lines.iter().filter(|l| l["type"] == "review").collect();
    assert_eq!(review.len(), 3);
    // Without -o, html goes to stdout too.
    let out = trawl(&["report", "--db", "trawl.db"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"<!DOCTYPE html>"));
}

#[test]
fn report_refuses_a_missing_or_foreign_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = trawl(&["report", "--db", "nothing-here.db"], dir.path());
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing-here.db"), "{err}");
    assert!(
        !dir.path().join("nothing-here.db").exists(),
        "no database is created"
    );

    let db = dir.path().join("old.db");
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    conn.execute_batch("PRAGMA user_version = 7;").unwrap();
    drop(conn);
    let out = trawl(&["report", "--db", "old.db", "-o", "r.html"], dir.path());
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("another version"), "{err}");
    assert!(!dir.path().join("r.html").exists());
}

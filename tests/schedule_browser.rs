//! The HTML disclosure schedule in a real browser.
//!
//! `trawl::subject::html::render` builds the page; a copy with a test script
//! appended is opened in headless Chromium, the script drives the page the
//! way a user would (sorting, the filter box, the tier menu) and checks that
//! hostile file names and snippets are shown as text, then writes its
//! findings into the page, which Chromium prints with `--dump-dom`.
//!
//! Chromium: `$CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on the
//! PATH. Without one the test is skipped, unless `TRAWL_REQUIRE_BROWSER=1`
//! (set by `.ci/run`), when it fails.

mod support;

use std::path::Path;
use std::process::Command;
use support::browser::{dump_dom, find_chromium, test_result};

use serde_json::{Value, json};

/// A file name that would run script if it were ever inserted as markup.
const HOSTILE_PATH: &str =
    r#"share/</script><img src=x onerror="window.__pwned=1"><b>bold</b> & <!-- notes.txt"#;
/// A snippet text that would run script if inserted as markup.
const HOSTILE_SNIPPET: &str = "<script>window.__pwned=2</script> seen ";
/// The subject's own matched text in the hostile row (shown highlighted).
const HOSTILE_MARK: &str = "Robert <i>SMITH</i>";

fn result(rank: u64, tier: &str, score: u64, path: &str, extra: Value) -> Value {
    let mut r = json!({
        "type": "result", "rank": rank, "tier": tier, "score": score, "path": path,
        "container": [], "locations": [], "row": null, "record": false,
        "file_type": "txt", "size": 100 * rank, "modified": "2026-01-02T03:04:05Z", "pages": null,
        "matched": [{"kind": "name", "variant": "exact", "detail": "full name",
                     "value": "Robert SMITH", "location": null, "line": 1, "column": 1}],
        "identifiers": ["name"], "conflicts": [], "third_party": 0,
        "why": "name (exact)", "review": "candidate: confirm it is the subject",
        "snippets": [[{"t": "... ", "s": false}, {"t": "Robert SMITH", "s": true}, {"t": " ...", "s": false}]]
    });
    for (k, v) in extra.as_object().unwrap() {
        r[k] = v.clone();
    }
    r
}

/// Six results of mixed tiers; scores chosen so that a text sort would
/// put 9 above 85.
fn sample() -> Value {
    let results = vec![
        result(
            1,
            "strong",
            92,
            "share/custody/custody_note.docx",
            json!({
                "locations": ["page 2", "comment 1"], "file_type": "docx", "size": 12345, "pages": 3,
                "identifiers": ["name", "dob"], "third_party": 3,
                "matched": [
                    {"kind": "name", "variant": "nickname", "detail": "Bob for Robert", "value": "Bob Smith",
                     "location": "page 2", "line": 3, "column": 5},
                    {"kind": "dob", "variant": "exact", "detail": "7 March 1984", "value": "07/03/1984",
                     "location": "page 2", "line": 3, "column": 30}],
                "why": "name (nickname) with the date of birth within 300 characters",
                "snippets": [[{"t": "... detained ", "s": false}, {"t": "Bob Smith", "s": true},
                              {"t": " (DOB ", "s": false}, {"t": "07/03/1984", "s": true},
                              {"t": ") with J*** B**** ...", "s": false}]]
            }),
        ),
        result(
            2,
            "strong",
            85,
            "share/exports/nominals.csv",
            json!({
                "row": 12, "record": true, "file_type": "csv", "size": 2_000_000,
                "identifiers": ["name", "dob", "pnc"], "why": "name with date of birth and PNC ID in one record"
            }),
        ),
        result(
            3,
            "medium",
            61,
            "share/bundle.zip",
            json!({
                "container": ["inner.zip", "statement.docx"], "locations": ["body"], "file_type": "docx",
                "identifiers": ["name", "postcode"],
                "snippets": [[{"t": "known as Smudger to ", "s": false}, {"t": "Robert SMITH", "s": true}]]
            }),
        ),
        result(
            4,
            "medium",
            55,
            HOSTILE_PATH,
            json!({
                "snippets": [[{"t": HOSTILE_SNIPPET, "s": false}, {"t": HOSTILE_MARK, "s": true}]]
            }),
        ),
        result(
            5,
            "weak",
            30,
            "share/misc/custody_list.xlsx",
            json!({
                "row": 4, "record": true, "file_type": "xlsx", "locations": ["sheet Nominals"]
            }),
        ),
        result(
            6,
            "weak",
            9,
            "share/notes/phone list.txt",
            json!({
                "conflicts": ["a different date of birth near the name"], "third_party": 7,
                "why": "name only"
            }),
        ),
    ];
    json!({
        "summary": {"type": "summary", "case": "SAR-2026-0142", "operator": "DC 1234 Jones",
                    "results": 6, "strong": 2, "medium": 2, "weak": 2,
                    "files_searched": 100, "unreadable": 2, "log": "out/search-log.txt"},
        "log": {"case": "SAR-2026-0142", "operator": "DC 1234 Jones", "started": "2026-01-02T09:30:00Z",
                "trawl_version": "0.1.0", "pattern_pack": "builtin",
                "subject": [["Names", "Robert John SMITH; Robert John JONES"], ["Aliases", "Bob Smith"],
                            ["Date of birth", "1984-03-07"]],
                "paths": ["share"], "options": "--fuzzy"},
        "results": results
    })
}

/// The test script appended to the page. It runs after the page's own
/// script (on `load`), and writes `{"checks": [...], "errors": [...]}` into
/// `<pre id="test-result">`.
const TEST_SCRIPT: &str = r#"
<script>
window.addEventListener('load', function () {
  var checks = [];
  function check(name, ok, got) { checks.push({name: name, ok: !!ok, got: got === undefined ? null : got}); }
  function visible() {
    return Array.prototype.filter.call(document.querySelectorAll('table#results tbody tr.result'),
      function (tr) { return !tr.hidden && tr.offsetParent !== null; });
  }
  function ranks(trs) { return trs.map(function (tr) { return Number(tr.getAttribute('data-rank')); }); }
  function scores(trs) {
    return trs.map(function (tr) { return Number(tr.querySelector('td[data-key="score"]').textContent); });
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function shownText() { var e = document.getElementById('shown-count'); return e ? e.textContent.trim() : null; }
  function setFilter(v) {
    var f = document.getElementById('filter');
    f.value = v;
    f.dispatchEvent(new Event('input', {bubbles: true}));
  }
  function setTier(v) {
    var t = document.getElementById('tier');
    t.value = v;
    t.dispatchEvent(new Event('change', {bubbles: true}));
  }
  try {
    var all = visible();
    check('initial: six rows in rank order', same(ranks(all), [1, 2, 3, 4, 5, 6]), ranks(all));
    check('initial: count', shownText() === '6 of 6 results shown', shownText());
    var meta = document.getElementById('meta').textContent;
    check('header: case and operator', meta.indexOf('SAR-2026-0142') !== -1 && meta.indexOf('DC 1234 Jones') !== -1, meta);
    check('header: subject searched for', document.getElementById('subject').textContent.indexOf('Robert John SMITH') !== -1);
    var cs = document.querySelector('#count-strong .n');
    check('header: strong count', cs && cs.textContent === '2', cs && cs.textContent);
    var un = document.getElementById('unreadable-note');
    check('header: unreadable warning shown', un && !un.hidden && un.textContent.indexOf('2 files') === 0, un && un.textContent);
    var note = document.getElementById('candidate-note');
    check('header: candidate note', note && /candidate/.test(note.textContent) && /name alone is never confirmed/.test(note.textContent));
    var badge = document.querySelector('tr.result[data-rank="1"] td[data-key="tier"] .badge.tier-strong');
    check('tier badge', badge && badge.textContent === 'strong');
    var path3 = document.querySelector('tr.result[data-rank="3"] td[data-key="path"]').textContent;
    check('container members joined', path3 === 'share/bundle.zip \u203A inner.zip \u203A statement.docx', path3);
    var marks1 = Array.prototype.map.call(document.querySelectorAll('tr.result[data-rank="1"] mark'), function (m) { return m.textContent; });
    check('subject data highlighted', same(marks1, ['Bob Smith', '07/03/1984']), marks1);
    var snip1 = document.querySelector('tr.result[data-rank="1"] .snippet').textContent;
    check('snippet text whole', snip1 === '... detained Bob Smith (DOB 07/03/1984) with J*** B**** ...', snip1);

    // Sorting: Score ascending, then descending (numeric: 9 < 30 < 85).
    var scoreTh = document.querySelector('th[data-key="score"]');
    scoreTh.click();
    var asc = visible();
    check('score ascending', same(scores(asc), [9, 30, 55, 61, 85, 92]), scores(asc));
    check('aria-sort ascending', scoreTh.getAttribute('aria-sort') === 'ascending', scoreTh.getAttribute('aria-sort'));
    scoreTh.click();
    var desc = visible();
    check('score descending', same(scores(desc), [92, 85, 61, 55, 30, 9]), scores(desc));
    check('aria-sort descending', scoreTh.getAttribute('aria-sort') === 'descending', scoreTh.getAttribute('aria-sort'));
    var rankTh = document.querySelector('th[data-key="rank"]');
    check('only the sorted column has aria-sort', !rankTh.hasAttribute('aria-sort'), rankTh.getAttribute('aria-sort'));
    var pathTh = document.querySelector('th[data-key="path"]');
    pathTh.click();
    var byPath = ranks(visible());
    check('path sort (text)', same(byPath, [4, 3, 1, 2, 5, 6]), byPath);
    rankTh.click();
    check('back to rank order', same(ranks(visible()), [1, 2, 3, 4, 5, 6]), ranks(visible()));

    // Text filter: case-insensitive, any cell.
    setFilter('CUSTODY');
    check('filter CUSTODY rows', same(ranks(visible()), [1, 5]), ranks(visible()));
    check('filter CUSTODY count', shownText() === '2 of 6 results shown', shownText());
    setFilter('smudger');
    check('filter matches snippet text', same(ranks(visible()), [3]), ranks(visible()));
    setFilter('<\/script>');
    check('filter matches hostile text literally', same(ranks(visible()), [4]), ranks(visible()));
    setFilter('no such text');
    check('filter nothing', visible().length === 0 && shownText() === '0 of 6 results shown', shownText());
    setFilter('');
    check('filter cleared', visible().length === 6 && shownText() === '6 of 6 results shown', shownText());

    // Tier filter, alone and with the text filter.
    setTier('weak');
    var weak = visible();
    check('tier weak rows', same(ranks(weak), [5, 6]) && weak.every(function (tr) { return tr.getAttribute('data-tier') === 'weak'; }), ranks(weak));
    check('tier weak count', shownText() === '2 of 6 results shown', shownText());
    setTier('strong');
    setFilter('custody');
    check('tier strong + filter', same(ranks(visible()), [1]) && shownText() === '1 of 6 results shown', shownText());
    setTier('medium');
    setFilter('');
    check('tier medium', same(ranks(visible()), [3, 4]), ranks(visible()));
    setTier('all');
    check('tier all', visible().length === 6 && shownText() === '6 of 6 results shown', shownText());

    // Hostile input is text, never markup.
    var hostilePath = document.querySelector('tr.result[data-rank="4"] td[data-key="path"]');
    check('hostile name shown literally', hostilePath && hostilePath.textContent === HOSTILE_PATH, hostilePath && hostilePath.textContent);
    check('hostile name cell has no elements', hostilePath && hostilePath.children.length === 0);
    var hostileSnip = document.querySelector('tr.result[data-rank="4"] .snippet');
    check('hostile snippet shown literally', hostileSnip && hostileSnip.textContent === HOSTILE_SNIPPET + HOSTILE_MARK, hostileSnip && hostileSnip.textContent);
    var hm = document.querySelectorAll('tr.result[data-rank="4"] mark');
    check('hostile mark is text', hm.length === 1 && hm[0].textContent === HOSTILE_MARK && hm[0].children.length === 0);
    check('no injected img', document.querySelectorAll('img').length === 0, document.querySelectorAll('img').length);
    check('no injected b or i', document.querySelectorAll('b, i').length === 0, document.querySelectorAll('b, i').length);
    check('only the page scripts', document.querySelectorAll('script').length === EXPECTED_SCRIPTS, document.querySelectorAll('script').length);
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

/// Catches errors thrown by the page's own script (inserted first in `<head>`).
const ERROR_CATCHER: &str = "<script>window.__pageErrors=[];window.addEventListener('error',function(e){window.__pageErrors.push(String(e.message))});</script>";

#[test]
fn schedule_works_in_a_real_browser() {
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

    let page = trawl::subject::html::render(&sample());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schedule.html"), &page).unwrap();

    let expected_scripts = page.matches("<script").count() + 2;
    let script = TEST_SCRIPT
        .replace(
            "HOSTILE_PATH",
            &serde_json::to_string(HOSTILE_PATH)
                .unwrap()
                .replace('<', "\\u003c"),
        )
        .replace(
            "HOSTILE_SNIPPET",
            &serde_json::to_string(HOSTILE_SNIPPET)
                .unwrap()
                .replace('<', "\\u003c"),
        )
        .replace(
            "HOSTILE_MARK",
            &serde_json::to_string(HOSTILE_MARK)
                .unwrap()
                .replace('<', "\\u003c"),
        )
        .replace("EXPECTED_SCRIPTS", &expected_scripts.to_string());
    let body_end = page.rfind("</body>").expect("the page has </body>");
    let head = page.find("<head>").expect("the page has <head>") + "<head>".len();
    let test_page = format!(
        "{}{ERROR_CATCHER}{}{script}{}",
        &page[..head],
        &page[head..body_end],
        &page[body_end..]
    );
    let test_file = dir.path().join("schedule-test.html");
    std::fs::write(&test_file, test_page).unwrap();

    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", test_file.display());
    let (dom, elapsed) = dump_dom(&chromium, &url, profile.path());
    println!("chromium took {elapsed:.1?}");

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
fn schedule_makes_no_network_references() {
    let page = trawl::subject::html::render(&sample());
    let lower = page.to_ascii_lowercase();
    for scheme in ["http://", "https://", "ftp://", "ws://", "wss://"] {
        assert!(!lower.contains(scheme), "the page refers to {scheme}");
    }
    for css in ["url(", "@import"] {
        assert!(!lower.contains(css), "the page's CSS uses {css}");
    }
    for js in [
        "fetch(",
        "xmlhttprequest",
        "websocket",
        "sendbeacon",
        "eventsource",
    ] {
        assert!(!lower.contains(js), "the page's script uses {js}");
    }
    // Every src= or href= in the markup is a data: URL (the empty favicon,
    // which stops a browser asking for one). The embedded data is left out:
    // it is JSON text, and the hostile sample path has a `src=x` in it.
    let start = lower.find(r#"id="trawl-data">"#).unwrap();
    let end = start + lower[start..].find("</script>").unwrap();
    let lower = format!("{}{}", &lower[..start], &lower[end..]);
    for attr in ["src=", "href="] {
        for (at, _) in lower.match_indices(attr) {
            let value = lower[at + attr.len()..].trim_start_matches(['"', '\'']);
            assert!(
                value.starts_with("data:"),
                "a {attr} that is not data: at {at}"
            );
        }
    }
    // The policy the page sets for itself forbids loading anything.
    assert!(lower.contains("default-src 'none'"));
}

/// The page the `trawl` binary writes for a real search of the labelled
/// set: every result is a row, and sorting and the tier filter work on it.
const BINARY_SCRIPT: &str = r#"
<script>
window.addEventListener('load', function () {
  var out = {};
  function visible() {
    return Array.prototype.filter.call(document.querySelectorAll('table#results tbody tr.result'),
      function (tr) { return !tr.hidden && tr.offsetParent !== null; });
  }
  function scores(trs) {
    return trs.map(function (tr) { return Number(tr.querySelector('td[data-key="score"]').textContent); });
  }
  try {
    out.rows = visible().length;
    out.first_tier = document.querySelector('tr.result[data-rank="1"]').getAttribute('data-tier');
    var th = document.querySelector('th[data-key="score"]');
    th.click();
    out.ascending = scores(visible());
    var t = document.getElementById('tier');
    t.value = 'weak';
    t.dispatchEvent(new Event('change', {bubbles: true}));
    out.weak_rows = visible().length;
    out.weak_tiers = visible().map(function (tr) { return tr.getAttribute('data-tier'); });
    out.shown = document.getElementById('shown-count').textContent.trim();
    out.marks = document.querySelectorAll('mark').length;
  } catch (e) {
    out.error = String(e);
  }
  var pre = document.createElement('pre');
  pre.id = 'test-result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"#;

#[test]
fn binary_schedule_renders_sorts_and_filters_in_a_real_browser() {
    let Some(chromium) = find_chromium() else {
        if std::env::var("TRAWL_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("TRAWL_REQUIRE_BROWSER=1 but chromium was not found");
        }
        println!("skipped: chromium not installed (set TRAWL_REQUIRE_BROWSER=1 to require it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |format: &str, out: &Path| {
        let status = Command::new(env!("CARGO_BIN_EXE_trawl"))
            .current_dir(root)
            .args([
                "subject",
                "fixtures/subjects",
                "--profile",
                "fixtures/subjects/profiles/smith-robert.toml",
                "--no-progress",
                "--no-messages",
                "--as-of",
                "2026-11-23",
                "--format",
                format,
                "-o",
            ])
            .arg(out)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0), "trawl subject --format {format}");
    };
    let html = dir.path().join("schedule.html");
    let jsonl = dir.path().join("schedule.jsonl");
    run("html", &html);
    run("jsonl", &jsonl);
    let results: Vec<Value> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "result")
        .collect();
    assert!(results.len() >= 10, "{} results", results.len());
    let weak = results.iter().filter(|r| r["tier"] == "weak").count();
    let mut want_scores: Vec<u64> = results
        .iter()
        .map(|r| r["score"].as_u64().unwrap())
        .collect();
    want_scores.sort_unstable();

    let page = std::fs::read_to_string(&html).unwrap();
    let body_end = page.rfind("</body>").unwrap();
    let test_page = format!("{}{BINARY_SCRIPT}{}", &page[..body_end], &page[body_end..]);
    let test_file = dir.path().join("schedule-test.html");
    std::fs::write(&test_file, test_page).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let (dom, _) = dump_dom(
        &chromium,
        &format!("file://{}", test_file.display()),
        profile.path(),
    );
    let got = test_result(&dom).expect("the test script wrote a result");
    assert_eq!(got["error"], Value::Null, "{got}");
    assert_eq!(got["rows"], json!(results.len()), "{got}");
    assert_eq!(got["first_tier"], "strong");
    assert_eq!(got["ascending"], json!(want_scores));
    assert_eq!(got["weak_rows"], json!(weak));
    assert!(
        got["weak_tiers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t == "weak")
    );
    assert_eq!(
        got["shown"],
        format!("{weak} of {} results shown", results.len())
    );
    assert!(got["marks"].as_u64().unwrap() >= results.len() as u64);
}

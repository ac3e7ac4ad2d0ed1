//! Headless Chromium for the browser tests of the HTML pages: where it
//! is, and the DOM a page leaves after its script has run.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Longest a page may take to load and run its script.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(60);

pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let usr = Path::new("/usr/bin/chromium");
    if usr.is_file() {
        return Some(usr.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

/// Runs Chromium headless on `url` and returns the DOM it dumps, and how
/// long it took.
pub fn dump_dom(chromium: &Path, url: &str, profile: &Path) -> (String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--virtual-time-budget=5000", "--dump-dom", url])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish within {BROWSER_TIMEOUT:?}; stderr:\n{}",
                err.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let elapsed = started.elapsed();
    let dom = out.join().unwrap().expect("chromium's output is UTF-8");
    let stderr = err.join().unwrap_or_default();
    assert!(
        status.success() && !dom.is_empty(),
        "chromium failed ({status}); stderr:\n{stderr}"
    );
    (dom, elapsed)
}

/// The text of `<pre id="test-result">` in a serialised DOM.
pub fn test_result(dom: &str) -> Option<Value> {
    let open = r#"<pre id="test-result">"#;
    let start = dom.find(open)? + open.len();
    let len = dom[start..].find("</pre>")?;
    let text = dom[start..start + len]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    Some(serde_json::from_str(&text).expect("the test result is JSON"))
}

//! The disclosure schedule (text, CSV, JSON Lines, HTML) and the search
//! log written next to it.
//!
//! The schedule lists candidates, best first, for a person to confirm; the
//! log records how the search was made so that it can be repeated and
//! defended (DOMAIN.md §6.3, §6.5): who, when, with which version and
//! pattern pack, the subject exactly as given and every form generated
//! from it, the paths and options, the counts, and every location that
//! could not be read with its reason.

use std::io::{self, Write};

use serde_json::json;

use super::Search;
use super::score::SubjectResult;
use crate::report::mask::csv_safe;

/// Output formats of the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleFormat {
    Text,
    Csv,
    Jsonl,
    Html,
}

/// What the log says about the run.
#[derive(Clone, Debug, Default)]
pub struct RunRecord {
    pub case: Option<String>,
    pub operator: String,
    pub started: String,
    pub finished: String,
    pub elapsed_secs: f64,
    pub version: String,
    pub pattern_pack: String,
    pub command: Vec<String>,
    pub paths: Vec<String>,
    pub options: Vec<(String, String)>,
    pub files_seen: u64,
    pub files_scanned: u64,
    pub files_skipped: u64,
    pub files_failed: u64,
    pub bytes_scanned: u64,
    pub documents: u64,
    pub members: u64,
    pub unreadable: Vec<(String, String)>,
    pub review: Vec<(String, String)>,
    /// Where the schedule went (None: standard output).
    pub schedule: Option<String>,
    pub log: String,
}

/// Counts by tier.
fn tiers(results: &[SubjectResult]) -> (usize, usize, usize) {
    let n = |t: &str| results.iter().filter(|r| r.tier == t).count();
    (n("strong"), n("medium"), n("weak"))
}

/// The closing summary line (fields in this order: `type` first, as in
/// the result lines).
#[derive(serde::Serialize)]
pub struct Summary<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub case: Option<&'a str>,
    pub operator: &'a str,
    pub started: &'a str,
    pub results: usize,
    pub strong: usize,
    pub medium: usize,
    pub weak: usize,
    pub files_searched: u64,
    pub files_seen: u64,
    pub unreadable: u64,
    pub needs_review: usize,
    pub log: &'a str,
}

/// The closing summary.
pub fn summary<'a>(results: &[SubjectResult], rec: &'a RunRecord) -> Summary<'a> {
    let (strong, medium, weak) = tiers(results);
    Summary {
        kind: "summary",
        case: rec.case.as_deref(),
        operator: &rec.operator,
        started: &rec.started,
        results: results.len(),
        strong,
        medium,
        weak,
        files_searched: rec.files_scanned,
        files_seen: rec.files_seen,
        unreadable: rec.files_failed,
        needs_review: rec.review.len(),
        log: &rec.log,
    }
}

/// The subject as given and as searched, line by line: (label, text).
pub fn subject_lines(search: &Search) -> Vec<(String, String)> {
    let p = &search.profile;
    let f = &search.finder;
    let mut out: Vec<(String, String)> = Vec::new();
    let join = |v: Vec<String>| v.join("; ");
    for (spec, name) in f.names().iter().zip(&p.names) {
        out.push((
            format!("{} (as given)", capitalise(name.role.as_str())),
            name.written.clone(),
        ));
        let forms: Vec<String> = spec
            .forms
            .iter()
            .map(|x| {
                let t = x.tokens.join(" ");
                if x.partial {
                    format!("{t} (part, lower weight)")
                } else {
                    t
                }
            })
            .collect();
        out.push(("  surname forms".into(), join(forms)));
        for g in &spec.given {
            let vars: Vec<String> = g
                .variants
                .iter()
                .map(|(v, w, _)| {
                    if *w >= 2 {
                        v.clone()
                    } else {
                        format!("{v} (cognate)")
                    }
                })
                .collect();
            out.push((
                format!("  forename {}", g.written),
                if vars.is_empty() {
                    "no variants in the nickname table".into()
                } else {
                    format!("also {}", vars.join(", "))
                },
            ));
        }
        if spec.common {
            out.push((
                "  note".into(),
                "a very common surname: a name alone is weak".into(),
            ));
        }
    }
    if let Some(s) = p.sex {
        out.push(("Sex".into(), s.as_str().into()));
    }
    let given = |label: &str, v: Vec<(String, String)>, out: &mut Vec<(String, String)>| {
        for (w, n) in v {
            out.push((
                label.to_string(),
                if w == n {
                    w
                } else {
                    format!("{w} (searched as {n})")
                },
            ));
        }
    };
    given(
        "Date of birth",
        p.dobs
            .iter()
            .map(|d| (d.written.clone(), d.value.to_string()))
            .collect(),
        &mut out,
    );
    for d in &p.dobs {
        let d = d.value;
        let f = |fmt: &str| d.strftime(fmt).to_string();
        out.push((
            "  date forms".into(),
            format!(
                "{}, {}, {}, {}, {}, {} '{}, {}, {}, {}, {}, with / . - separators; day and month swapped at low weight",
                f("%d/%m/%Y"),
                f("%-d/%-m/%y"),
                f("%-d.%-m.%y"),
                f("%-d %B %Y"),
                f("%-d %b %Y"),
                f("%-d %b"),
                f("%y"),
                f("%d-%b-%Y"),
                f("%B %-d, %Y"),
                f("%Y-%m-%d"),
                f("%d%m%Y"),
            ),
        ));
    }
    given(
        "NI number",
        p.ninos
            .iter()
            .map(|x| (x.written.clone(), x.value.clone()))
            .collect(),
        &mut out,
    );
    given(
        "PNC ID",
        p.pncs
            .iter()
            .map(|x| (x.written.clone(), x.value.to_string()))
            .collect(),
        &mut out,
    );
    given(
        "CRO number",
        p.cros
            .iter()
            .map(|x| (x.written.clone(), x.value.to_string()))
            .collect(),
        &mut out,
    );
    given(
        "Driving licence",
        p.driving_licences
            .iter()
            .map(|x| (x.written.clone(), x.value.clone()))
            .collect(),
        &mut out,
    );
    for (prefix, why) in p.driver_prefixes() {
        out.push((
            "  driver number (derived, first 13)".into(),
            format!("{prefix} from {why}"),
        ));
    }
    given(
        "Email",
        p.emails
            .iter()
            .map(|x| (x.written.clone(), x.value.clone()))
            .collect(),
        &mut out,
    );
    given(
        "Phone",
        p.phones
            .iter()
            .map(|x| (x.written.clone(), format!("0{} / +44 {}", x.value, x.value)))
            .collect(),
        &mut out,
    );
    given(
        "Postcode",
        p.postcodes
            .iter()
            .map(|x| (x.written.clone(), x.value.clone()))
            .collect(),
        &mut out,
    );
    given(
        "Address",
        p.addresses
            .iter()
            .map(|x| (x.written.clone(), x.value.clone()))
            .collect(),
        &mut out,
    );
    given(
        "Vehicle registration",
        p.vrms
            .iter()
            .map(|x| (x.written.clone(), x.value.clone()))
            .collect(),
        &mut out,
    );
    given(
        "Reference",
        p.refs
            .iter()
            .map(|x| (x.written.clone(), x.value.clone()))
            .collect(),
        &mut out,
    );
    out.push((
        "Matching".into(),
        format!(
            "nickname table {} edges (one hop each way); {}; co-occurrence window {} characters or the same record",
            search.finder.nickname_edges,
            if search.finder.fuzzy {
                "fuzzy on: surnames of 6+ letters within 1 edit (2 for 9+) or the same Double Metaphone key, only with a forename"
            } else {
                "fuzzy off"
            },
            super::score::NEAR
        ),
    ));
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn shown_path(r: &SubjectResult) -> String {
    crate::report::shown_path(&r.path, &r.container)
}

fn snippet_text(seg: &[super::score::Segment]) -> String {
    seg.iter()
        .map(|s| {
            if s.s {
                format!("[{}]", s.t)
            } else {
                s.t.clone()
            }
        })
        .collect()
}

fn matched_text(r: &SubjectResult) -> String {
    r.matched
        .iter()
        .map(|m| {
            let at = m
                .location
                .as_deref()
                .map(|l| format!(" at {l}"))
                .unwrap_or_default();
            let line = m.line.map(|l| format!(" line {l}")).unwrap_or_default();
            format!(
                "{} {:?} ({}; {}){at}{line}",
                m.kind, m.value, m.variant, m.detail
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// CSV columns of the schedule.
pub const CSV_COLUMNS: &[&str] = &[
    "rank",
    "tier",
    "score",
    "path",
    "container",
    "locations",
    "row",
    "file_type",
    "size",
    "pages",
    "modified",
    "identifiers",
    "matched",
    "conflicts",
    "third_party",
    "why",
    "review",
    "snippet",
];

/// Writes the schedule in `format`.
pub fn write(
    format: ScheduleFormat,
    results: &[SubjectResult],
    rec: &RunRecord,
    search: &Search,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ScheduleFormat::Jsonl => {
            for r in results {
                serde_json::to_writer(&mut *w, r)?;
                w.write_all(b"\n")?;
            }
            serde_json::to_writer(&mut *w, &summary(results, rec))?;
            w.write_all(b"\n")?;
        }
        ScheduleFormat::Csv => {
            w.write_all("\u{feff}".as_bytes())?;
            let mut c = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(w);
            c.write_record(CSV_COLUMNS)?;
            for r in results {
                let cells = [
                    r.rank.to_string(),
                    r.tier.to_string(),
                    r.score.to_string(),
                    r.path.clone(),
                    r.container.join(" > "),
                    r.locations.join("; "),
                    r.row.map(|x| x.to_string()).unwrap_or_default(),
                    r.file_type.clone(),
                    r.size.map(|x| x.to_string()).unwrap_or_default(),
                    r.pages.map(|x| x.to_string()).unwrap_or_default(),
                    r.modified.clone().unwrap_or_default(),
                    r.identifiers.join("; "),
                    matched_text(r),
                    r.conflicts.join("; "),
                    r.third_party.to_string(),
                    r.why.clone(),
                    r.review.clone(),
                    r.snippets
                        .iter()
                        .map(|s| snippet_text(s))
                        .collect::<Vec<_>>()
                        .join(" | "),
                ];
                c.write_record(cells.iter().map(|x| csv_safe(x).into_owned()))?;
            }
            c.flush()?;
        }
        ScheduleFormat::Text => {
            let (s, m, wk) = tiers(results);
            writeln!(
                w,
                "trawl subject{}: {} result(s): {s} strong, {m} medium, {wk} weak",
                rec.case
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default(),
                results.len()
            )?;
            writeln!(
                w,
                "Every result is a candidate: a person must confirm it is the subject before anything is disclosed.\n"
            )?;
            for r in results {
                let row = r.row.map(|x| format!(" row {x}")).unwrap_or_default();
                let loc = if r.locations.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", r.locations.join(", "))
                };
                writeln!(
                    w,
                    "{:>4}  {:<6} {:>3}  {}{loc}{row}",
                    r.rank,
                    r.tier,
                    r.score,
                    shown_path(r)
                )?;
                writeln!(w, "        why: {}", r.why)?;
                for c in &r.conflicts {
                    writeln!(w, "        but: {c}")?;
                }
                writeln!(w, "        matched: {}", matched_text(r))?;
                if let Some(sn) = r.snippets.first() {
                    writeln!(w, "        \"{}\"", snippet_text(sn).trim())?;
                }
                if r.third_party > 0 {
                    writeln!(
                        w,
                        "        other people's names or identifiers here: {} (redaction needed)",
                        r.third_party
                    )?;
                }
                writeln!(w, "        {}", r.review)?;
            }
            writeln!(
                w,
                "\n{} file(s) searched, {} could not be read{}. Search log: {}",
                rec.files_scanned,
                rec.files_failed,
                if rec.review.is_empty() {
                    String::new()
                } else {
                    format!(", {} need manual review", rec.review.len())
                },
                rec.log
            )?;
        }
        ScheduleFormat::Html => {
            let data = json!({
                "summary": summary(results, rec),
                "log": {
                    "case": rec.case,
                    "operator": rec.operator,
                    "started": rec.started,
                    "trawl_version": rec.version,
                    "pattern_pack": rec.pattern_pack,
                    "subject": subject_lines(search),
                    "paths": rec.paths,
                    "options": rec.options.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", "),
                    "unreadable": rec.unreadable,
                },
                "results": results,
            });
            w.write_all(super::html::render(&data).as_bytes())?;
        }
    }
    Ok(())
}

/// The search log: plain text, one fact per line, sections in the order
/// of DOMAIN.md §6.5.
pub fn log_text(
    results: &[SubjectResult],
    rec: &RunRecord,
    search: &Search,
    schedule_sha256: Option<&str>,
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let (st, me, we) = tiers(results);
    let _ = writeln!(s, "trawl subject: search log");
    let _ = writeln!(s, "=========================\n");
    let _ = writeln!(
        s,
        "Case reference:   {}",
        rec.case.as_deref().unwrap_or("(none given)")
    );
    let _ = writeln!(s, "Operator:         {}", rec.operator);
    let _ = writeln!(s, "Started (UTC):    {}", rec.started);
    let _ = writeln!(s, "Finished (UTC):   {}", rec.finished);
    let _ = writeln!(s, "Elapsed:          {:.1} s", rec.elapsed_secs);
    let _ = writeln!(s, "trawl version:    {}", rec.version);
    let _ = writeln!(s, "Pattern pack:     {}", rec.pattern_pack);
    let _ = writeln!(s, "Command:          {}", shell_words(&rec.command));
    let _ = writeln!(s, "\nSubject searched for");
    let _ = writeln!(s, "--------------------");
    for (k, v) in subject_lines(search) {
        let _ = writeln!(s, "{k}: {v}");
    }
    let _ = writeln!(s, "\nLocations searched");
    let _ = writeln!(s, "------------------");
    for p in &rec.paths {
        let _ = writeln!(s, "{p}");
    }
    let _ = writeln!(s, "\nOptions");
    let _ = writeln!(s, "-------");
    for (k, v) in &rec.options {
        let _ = writeln!(s, "{k}: {v}");
    }
    let _ = writeln!(s, "\nCoverage");
    let _ = writeln!(s, "--------");
    let _ = writeln!(s, "Files found:               {}", rec.files_seen);
    let _ = writeln!(s, "Files searched:            {}", rec.files_scanned);
    let _ = writeln!(s, "Files skipped:             {}", rec.files_skipped);
    let _ = writeln!(s, "Files not (fully) read:    {}", rec.files_failed);
    let _ = writeln!(s, "Documents read:            {}", rec.documents);
    let _ = writeln!(s, "Members of containers:     {}", rec.members);
    let _ = writeln!(s, "Bytes read:                {}", rec.bytes_scanned);
    let _ = writeln!(s, "\nResults");
    let _ = writeln!(s, "-------");
    let _ = writeln!(
        s,
        "{} result(s): {st} strong, {me} medium, {we} weak",
        results.len()
    );
    let _ = writeln!(
        s,
        "Schedule: {}{}",
        rec.schedule.as_deref().unwrap_or("standard output"),
        schedule_sha256
            .map(|h| format!(" (SHA-256 {h})"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        s,
        "Every result is a candidate for a person to confirm; name-only results are never confirmed matches."
    );
    let _ = writeln!(
        s,
        "\nLocations that could not be read ({})",
        rec.unreadable.len()
    );
    let _ = writeln!(s, "-------------------------------------");
    for (p, why) in &rec.unreadable {
        let _ = writeln!(s, "{p}: {why}");
    }
    let _ = writeln!(
        s,
        "\nItems with no text, for manual review ({})",
        rec.review.len()
    );
    let _ = writeln!(s, "-----------------------------------------");
    for (p, why) in &rec.review {
        let _ = writeln!(s, "{p}: {why}");
    }
    s
}

/// The command line, quoted where needed, for the log.
fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+".contains(c))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

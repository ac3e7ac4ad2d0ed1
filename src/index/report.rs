//! The inventory report (`trawl report --db trawl.db`): what personal data
//! the index knows about, where it is, and what changed, for data-protection
//! staff.
//!
//! Read from the index only (SELECT statements inside one read transaction,
//! so a report taken while an update runs is one consistent snapshot). The
//! index holds no raw values, and neither does the report: it has paths,
//! folder names, counts, category labels and the reasons files could not be
//! read.
//!
//! # Sections
//!
//! * **overview**: files indexed, by status (scanned, partial, failed,
//!   skipped, review), findings (and of which special-category and
//!   criminal-offence), the last complete update and its counts, and the
//!   number of files added, changed and removed since the previous update.
//! * **folder**: one per folder, with the totals of its whole subtree: the
//!   files in it and in the folders below it, up to the roots the index was
//!   built from (the `roots` of its runs). Files, files with findings,
//!   findings, special-category and criminal-offence findings, and findings
//!   per notice category.
//! * **category**: one per notice category found: label in the notice's
//!   wording, the special/offence flags from the catalogue, findings and
//!   files.
//! * **hotspot_special**, **hotspot_offence**: the 10 folders holding most
//!   special-category (criminal-offence) findings in files directly in them
//!   (not their subtrees, which would always put the root first).
//! * **review**: files whose status is review, partial or failed, or that
//!   have problem rows (an unreadable archive member, a part left for a
//!   person), with every problem: member, kind, reason.
//! * **change**: what changed in the latest update. With R the newest
//!   complete run and P the newest complete run before it (0 if none): files
//!   with `changed_run > P` (added if `first_run > P`, else changed) and
//!   `removed` rows with `run > P`.
//!
//! # CSV
//!
//! One flat table for Excel (UTF-8 with BOM, CRLF, every cell through
//! [`csv_safe`]): filter on the first column. Columns:
//!
//! | column | overview | folder | category | hotspot_* | review | change |
//! |---|---|---|---|---|---|---|
//! | `section` | `overview` | `folder` | `category` | `hotspot_special` / `hotspot_offence` | `review` | `change` |
//! | `item` | metric name | | | rank 1-10 | problem kind (`unreadable`, `review`) | `added` / `changed` / `removed` |
//! | `folder` | | folder | | folder | file's folder | file's folder |
//! | `path` | | | | | file | file |
//! | `member` | | | | | member inside the file | |
//! | `category` | | | category id | | | |
//! | `label` | | | notice label | | | |
//! | `special_category` | | | yes/no | | | |
//! | `criminal_offence` | | | yes/no | | | |
//! | `status` | | | | | file status | file status (not for removed) |
//! | `files` | | files in the subtree | files with it | files in the folder | | |
//! | `files_with_findings` | | in the subtree | | in the folder | | |
//! | `findings` | | in the subtree | findings | in the folder | | file's findings |
//! | `special` | | in the subtree | | in the folder | | |
//! | `offence` | | in the subtree | | in the folder | | |
//! | `value` | the metric's value | | | | | run |
//! | `reason` | | | | | why (problem's, else the file's) | |
//! | `category:<id>` | | findings in that category in the subtree | | | | |
//!
//! There is one `category:<id>` column per notice category found in the
//! index, in catalogue order. Overview metrics: `notice`, `files`,
//! `files_scanned`, `files_partial`, `files_failed`, `files_skipped`,
//! `files_review`, `files_other`, `files_with_findings`, `findings`,
//! `special_findings`, `offence_findings`, `last_update_run`,
//! `last_update_started`, `last_update_finished`, `last_update_roots`,
//! `last_update_added`, `last_update_changed`, `last_update_touched`,
//! `last_update_unchanged`, `last_update_removed`, `last_update_failed`,
//! `last_update_skipped`, `previous_update_run`, `changes_added`,
//! `changes_changed`, `changes_removed` (the `last_update_*` ones only when
//! there is a complete update).
//!
//! # JSON Lines
//!
//! One object per line, `type` first: one `overview`, then `folder`,
//! `category`, `hotspot_special`, `hotspot_offence`, `review` (a file with
//! its `problems` array) and `change` objects, with the fields above.
//!
//! # HTML
//!
//! One self-contained page from the template `src/index/report.html`, as the
//! disclosure schedule ([`crate::subject::html`]): the data travels as JSON
//! inside `<script type="application/json">`, escaped so that nothing in it
//! can end the element, and the page's script draws the charts (inline SVG)
//! and tables from it with `textContent` only. Long lists are cut to
//! [`HTML_ROWS`] rows in the page (the CSV and JSONL have them all).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::report::mask::csv_safe;

/// The report's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// A self-contained page with charts, to open in a browser.
    Html,
    /// One flat table for Excel, with a `section` column to filter on.
    Csv,
    /// One JSON object per line, `type` first.
    Jsonl,
}

/// Folders in each hotspot list.
pub const HOTSPOTS: usize = 10;

/// Most rows of each long list (folders, review, changes) in the HTML page.
pub const HTML_ROWS: usize = 2000;

/// The page template; its one `/*TRAWL_DATA*/` is replaced by the data.
const TEMPLATE: &str = include_str!("report.html");
#[cfg(test)]
use crate::report::page::PLACEHOLDER;

/// Writes the report of the index `conn` in `format` to `out`. Category
/// labels and flags come from `catalog` (in its notice's wording).
pub fn write(
    conn: &Connection,
    catalog: &Catalog,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let report = {
        // One snapshot, even while an update is writing.
        let _tx = if conn.is_autocommit() {
            Some(
                conn.unchecked_transaction()
                    .context("cannot read the index")?,
            )
        } else {
            None
        };
        Report::load(conn, catalog).context("cannot read the index")?
    };
    match format {
        ReportFormat::Csv => report.write_csv(out),
        ReportFormat::Jsonl => report.write_jsonl(out),
        ReportFormat::Html => {
            let now = jiff::Timestamp::now()
                .strftime("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            out.write_all(render(&report.html_data(&now)).as_bytes())?;
            Ok(())
        }
    }
    .context("cannot write the report")?;
    out.flush().context("cannot write the report")?;
    Ok(())
}

#[derive(Serialize, Default, Debug, Clone, PartialEq, Eq)]
struct Statuses {
    scanned: i64,
    partial: i64,
    failed: i64,
    skipped: i64,
    review: i64,
    other: i64,
}

#[derive(Serialize, Debug, Clone)]
struct LastUpdate {
    run: i64,
    started: String,
    finished: Option<String>,
    roots: Vec<String>,
    added: i64,
    changed: i64,
    touched: i64,
    unchanged: i64,
    removed: i64,
    failed: i64,
    skipped: i64,
}

#[derive(Serialize, Default, Debug, Clone, PartialEq, Eq)]
struct ChangeCounts {
    added: i64,
    changed: i64,
    removed: i64,
}

#[derive(Serialize, Debug, Clone)]
struct Overview {
    #[serde(rename = "type")]
    kind: &'static str,
    notice: String,
    files: i64,
    status: Statuses,
    files_with_findings: i64,
    findings: i64,
    special: i64,
    offence: i64,
    last_update: Option<LastUpdate>,
    previous_update_run: i64,
    changes: ChangeCounts,
}

/// Totals of a set of files.
#[derive(Serialize, Default, Debug, Clone, PartialEq, Eq)]
struct Totals {
    files: i64,
    files_with_findings: i64,
    findings: i64,
    special: i64,
    offence: i64,
    /// Findings per category id.
    categories: BTreeMap<String, i64>,
}

impl Totals {
    fn add(&mut self, o: &Totals) {
        self.files += o.files;
        self.files_with_findings += o.files_with_findings;
        self.findings += o.findings;
        self.special += o.special;
        self.offence += o.offence;
        for (c, n) in &o.categories {
            *self.categories.entry(c.clone()).or_default() += n;
        }
    }
}

#[derive(Serialize, Debug, Clone)]
struct FolderRow<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    folder: &'a str,
    #[serde(flatten)]
    totals: &'a Totals,
}

#[derive(Serialize, Debug, Clone)]
struct CategoryRow {
    #[serde(rename = "type")]
    kind: &'static str,
    category: String,
    label: String,
    special_category: bool,
    criminal_offence: bool,
    files: i64,
    findings: i64,
}

#[derive(Serialize, Debug, Clone)]
struct Hotspot {
    #[serde(rename = "type")]
    kind: &'static str,
    rank: usize,
    folder: String,
    special: i64,
    offence: i64,
    findings: i64,
    files: i64,
}

#[derive(Serialize, Debug, Clone)]
struct Problem {
    kind: String,
    member: Option<String>,
    reason: String,
}

#[derive(Serialize, Debug, Clone)]
struct ReviewFile {
    #[serde(rename = "type")]
    kind: &'static str,
    path: String,
    folder: String,
    status: String,
    reason: Option<String>,
    problems: Vec<Problem>,
}

#[derive(Serialize, Debug, Clone)]
struct Change {
    #[serde(rename = "type")]
    kind: &'static str,
    change: &'static str,
    path: String,
    folder: String,
    /// The file's status now; for a removed file, why (`deleted`, `out of scope`).
    status: Option<String>,
    findings: Option<i64>,
    /// The run that (re)scanned it or found it gone.
    run: i64,
}

/// Everything the report shows, read from the index.
#[derive(Debug)]
struct Report {
    overview: Overview,
    /// Subtree totals per folder, by folder path.
    folders: BTreeMap<String, Totals>,
    /// Totals of the files directly in each folder.
    direct: BTreeMap<String, Totals>,
    /// Category ids found, in catalogue order (unknown ids last).
    category_ids: Vec<String>,
    categories: Vec<CategoryRow>,
    hot_special: Vec<Hotspot>,
    hot_offence: Vec<Hotspot>,
    hot_findings: Vec<Hotspot>,
    review: Vec<ReviewFile>,
    changes: Vec<Change>,
}

struct Run {
    id: i64,
    complete: bool,
    update: LastUpdate,
}

impl Report {
    fn load(conn: &Connection, catalog: &Catalog) -> Result<Report> {
        // Runs: R, the newest complete one, and P, the one before.
        let mut stmt = conn.prepare(
            "SELECT id, started, finished, status, roots, added, changed, touched, unchanged, \
             removed, failed, skipped FROM runs ORDER BY id",
        )?;
        let runs: Vec<Run> = stmt
            .query_map([], |r| {
                let roots: String = r.get(4)?;
                Ok(Run {
                    id: r.get(0)?,
                    complete: r.get::<_, String>(3)? == "complete",
                    update: LastUpdate {
                        run: r.get(0)?,
                        started: r.get(1)?,
                        finished: r.get(2)?,
                        roots: serde_json::from_str(&roots).unwrap_or_default(),
                        added: r.get(5)?,
                        changed: r.get(6)?,
                        touched: r.get(7)?,
                        unchanged: r.get(8)?,
                        removed: r.get(9)?,
                        failed: r.get(10)?,
                        skipped: r.get(11)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut complete = runs.iter().filter(|r| r.complete).rev();
        let last = complete.next();
        let previous = complete.next().map_or(0, |r| r.id);
        let roots: Vec<PathBuf> = runs
            .iter()
            .flat_map(|r| r.update.roots.iter())
            .map(|r| normalise(Path::new(r)))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();

        // Files by status.
        let mut status = Statuses::default();
        let (mut files, mut with, mut findings, mut special, mut offence) = (0, 0, 0, 0, 0);
        let mut stmt = conn.prepare(
            "SELECT status, COUNT(*), TOTAL(findings > 0), TOTAL(findings), TOTAL(special), \
             TOTAL(offence) FROM files GROUP BY status",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let s: String = r.get(0)?;
            let n: i64 = r.get(1)?;
            *match s.as_str() {
                "scanned" => &mut status.scanned,
                "partial" => &mut status.partial,
                "failed" => &mut status.failed,
                "skipped" => &mut status.skipped,
                "review" => &mut status.review,
                _ => &mut status.other,
            } += n;
            files += n;
            with += r.get::<_, f64>(2)? as i64;
            findings += r.get::<_, f64>(3)? as i64;
            special += r.get::<_, f64>(4)? as i64;
            offence += r.get::<_, f64>(5)? as i64;
        }

        // Files directly in each folder, then rolled up.
        let mut direct: BTreeMap<String, Totals> = BTreeMap::new();
        let mut stmt = conn.prepare(
            "SELECT folder, COUNT(*), TOTAL(findings > 0), TOTAL(findings), TOTAL(special), \
             TOTAL(offence) FROM files GROUP BY folder",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let t = direct.entry(r.get(0)?).or_default();
            t.files = r.get(1)?;
            t.files_with_findings = r.get::<_, f64>(2)? as i64;
            t.findings = r.get::<_, f64>(3)? as i64;
            t.special = r.get::<_, f64>(4)? as i64;
            t.offence = r.get::<_, f64>(5)? as i64;
        }
        let mut cat_totals: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        let mut stmt = conn.prepare(
            "SELECT f.folder, c.name, TOTAL(c.n), COUNT(DISTINCT c.file_id) \
             FROM counts c JOIN files f ON f.id = c.file_id \
             WHERE c.kind = 'category' AND c.n > 0 GROUP BY f.folder, c.name",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let folder: String = r.get(0)?;
            let name: String = r.get(1)?;
            let n = r.get::<_, f64>(2)? as i64;
            let nfiles: i64 = r.get(3)?;
            let t = cat_totals.entry(name.clone()).or_default();
            t.0 += n;
            t.1 += nfiles;
            direct.entry(folder).or_default().categories.insert(name, n);
        }
        let folders = rollup(&direct, &roots);

        // Categories, labelled from the catalogue, most findings first.
        let mut category_ids: Vec<String> = cat_totals.keys().cloned().collect();
        category_ids.sort_by_key(|id| (catalog.category(id).unwrap_or(usize::MAX), id.clone()));
        let mut categories: Vec<CategoryRow> = cat_totals
            .iter()
            .map(|(id, &(n, nfiles))| {
                let c = catalog.category(id);
                CategoryRow {
                    kind: "category",
                    category: id.clone(),
                    label: c.map_or_else(|| id.clone(), |i| catalog.label(i).to_string()),
                    special_category: c.is_some_and(|i| catalog.categories[i].special_category),
                    criminal_offence: c.is_some_and(|i| catalog.categories[i].criminal_offence),
                    files: nfiles,
                    findings: n,
                }
            })
            .collect();
        categories.sort_by(|a, b| {
            b.findings
                .cmp(&a.findings)
                .then_with(|| a.category.cmp(&b.category))
        });

        let hot_special = hotspots(&direct, "hotspot_special", |t| t.special);
        let hot_offence = hotspots(&direct, "hotspot_offence", |t| t.offence);
        let hot_findings = hotspots(&direct, "hotspot_findings", |t| t.findings);

        // Files for a person to look at, with their problems.
        let mut problems: BTreeMap<i64, Vec<Problem>> = BTreeMap::new();
        let mut stmt = conn.prepare(
            "SELECT file_id, kind, member, reason FROM problems ORDER BY file_id, rowid",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            problems.entry(r.get(0)?).or_default().push(Problem {
                kind: r.get(1)?,
                member: r.get(2)?,
                reason: r.get(3)?,
            });
        }
        let mut stmt = conn.prepare(
            "SELECT id, path, folder, status, reason FROM files \
             WHERE status IN ('review', 'partial', 'failed') \
             OR id IN (SELECT file_id FROM problems) ORDER BY path",
        )?;
        let review = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    ReviewFile {
                        kind: "review",
                        path: r.get(1)?,
                        folder: r.get(2)?,
                        status: r.get(3)?,
                        reason: r.get(4)?,
                        problems: Vec::new(),
                    },
                ))
            })?
            .map(|r| {
                r.map(|(id, mut f)| {
                    f.problems = problems.remove(&id).unwrap_or_default();
                    f
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;

        // What changed since the previous complete update.
        let mut changes = Vec::new();
        let mut counts = ChangeCounts::default();
        if last.is_some() {
            let mut stmt = conn.prepare(
                "SELECT path, folder, status, findings, first_run > ?1, changed_run \
                 FROM files WHERE changed_run > ?1 ORDER BY path",
            )?;
            let mut rows = stmt.query(params![previous])?;
            while let Some(r) = rows.next()? {
                let added: bool = r.get(4)?;
                changes.push(Change {
                    kind: "change",
                    change: if added { "added" } else { "changed" },
                    path: r.get(0)?,
                    folder: r.get(1)?,
                    status: r.get(2)?,
                    findings: r.get(3)?,
                    run: r.get(5)?,
                });
            }
            let mut stmt = conn.prepare(
                "SELECT path, folder, run, reason FROM removed WHERE run > ?1 ORDER BY path",
            )?;
            let mut rows = stmt.query(params![previous])?;
            while let Some(r) = rows.next()? {
                changes.push(Change {
                    kind: "change",
                    change: "removed",
                    path: r.get(0)?,
                    folder: r.get(1)?,
                    // Why: deleted, or still there but out of scope.
                    status: Some(r.get(3)?),
                    findings: None,
                    run: r.get(2)?,
                });
            }
            changes.sort_by(|a, b| {
                change_rank(a.change)
                    .cmp(&change_rank(b.change))
                    .then_with(|| a.path.cmp(&b.path))
            });
            for c in &changes {
                match c.change {
                    "added" => counts.added += 1,
                    "changed" => counts.changed += 1,
                    _ => counts.removed += 1,
                }
            }
        }

        Ok(Report {
            overview: Overview {
                kind: "overview",
                notice: catalog.notice.id.clone(),
                files,
                status,
                files_with_findings: with,
                findings,
                special,
                offence,
                last_update: last.map(|r| r.update.clone()),
                previous_update_run: previous,
                changes: counts,
            },
            folders,
            direct,
            category_ids,
            categories,
            hot_special,
            hot_offence,
            hot_findings,
            review,
            changes,
        })
    }

    fn write_jsonl(&self, out: &mut dyn Write) -> Result<()> {
        fn line(out: &mut dyn Write, v: &impl Serialize) -> Result<()> {
            serde_json::to_writer(&mut *out, v)?;
            out.write_all(b"\n")?;
            Ok(())
        }
        line(out, &self.overview)?;
        for (folder, totals) in &self.folders {
            line(
                out,
                &FolderRow {
                    kind: "folder",
                    folder,
                    totals,
                },
            )?;
        }
        for c in &self.categories {
            line(out, c)?;
        }
        for h in self.hot_special.iter().chain(&self.hot_offence) {
            line(out, h)?;
        }
        for r in &self.review {
            line(out, r)?;
        }
        for c in &self.changes {
            line(out, c)?;
        }
        Ok(())
    }

    fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let fixed = CSV_COLUMNS.len();
        let width = fixed + self.category_ids.len();
        let mut header: Vec<String> = CSV_COLUMNS.iter().map(|s| s.to_string()).collect();
        header.extend(self.category_ids.iter().map(|c| format!("category:{c}")));
        write_row(&mut w, &header)?;
        let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
        let blank = || vec![String::new(); width];
        let yn = |b: bool| if b { "yes" } else { "no" }.to_string();

        let o = &self.overview;
        let mut metrics: Vec<(&str, String)> = vec![
            ("notice", o.notice.clone()),
            ("files", o.files.to_string()),
            ("files_scanned", o.status.scanned.to_string()),
            ("files_partial", o.status.partial.to_string()),
            ("files_failed", o.status.failed.to_string()),
            ("files_skipped", o.status.skipped.to_string()),
            ("files_review", o.status.review.to_string()),
            ("files_other", o.status.other.to_string()),
            ("files_with_findings", o.files_with_findings.to_string()),
            ("findings", o.findings.to_string()),
            ("special_findings", o.special.to_string()),
            ("offence_findings", o.offence.to_string()),
        ];
        if let Some(u) = &o.last_update {
            metrics.extend([
                ("last_update_run", u.run.to_string()),
                ("last_update_started", u.started.clone()),
                (
                    "last_update_finished",
                    u.finished.clone().unwrap_or_default(),
                ),
                ("last_update_roots", u.roots.join("; ")),
                ("last_update_added", u.added.to_string()),
                ("last_update_changed", u.changed.to_string()),
                ("last_update_touched", u.touched.to_string()),
                ("last_update_unchanged", u.unchanged.to_string()),
                ("last_update_removed", u.removed.to_string()),
                ("last_update_failed", u.failed.to_string()),
                ("last_update_skipped", u.skipped.to_string()),
            ]);
        }
        metrics.extend([
            ("previous_update_run", o.previous_update_run.to_string()),
            ("changes_added", o.changes.added.to_string()),
            ("changes_changed", o.changes.changed.to_string()),
            ("changes_removed", o.changes.removed.to_string()),
        ]);
        for (name, value) in metrics {
            let mut r = blank();
            r[col("section")] = "overview".into();
            r[col("item")] = name.into();
            r[col("value")] = value;
            write_row(&mut w, &r)?;
        }

        let totals = |r: &mut Vec<String>, t: &Totals| {
            r[col("files")] = t.files.to_string();
            r[col("files_with_findings")] = t.files_with_findings.to_string();
            r[col("findings")] = t.findings.to_string();
            r[col("special")] = t.special.to_string();
            r[col("offence")] = t.offence.to_string();
        };
        for (folder, t) in &self.folders {
            let mut r = blank();
            r[col("section")] = "folder".into();
            r[col("folder")] = folder.clone();
            totals(&mut r, t);
            for (i, id) in self.category_ids.iter().enumerate() {
                r[fixed + i] = t.categories.get(id).copied().unwrap_or(0).to_string();
            }
            write_row(&mut w, &r)?;
        }
        for c in &self.categories {
            let mut r = blank();
            r[col("section")] = "category".into();
            r[col("category")] = c.category.clone();
            r[col("label")] = c.label.clone();
            r[col("special_category")] = yn(c.special_category);
            r[col("criminal_offence")] = yn(c.criminal_offence);
            r[col("files")] = c.files.to_string();
            r[col("findings")] = c.findings.to_string();
            write_row(&mut w, &r)?;
        }
        for h in self.hot_special.iter().chain(&self.hot_offence) {
            let mut r = blank();
            r[col("section")] = h.kind.into();
            r[col("item")] = h.rank.to_string();
            r[col("folder")] = h.folder.clone();
            if let Some(t) = self.direct.get(&h.folder) {
                totals(&mut r, t);
            }
            write_row(&mut w, &r)?;
        }
        for f in &self.review {
            let base = || {
                let mut r = blank();
                r[col("section")] = "review".into();
                r[col("folder")] = f.folder.clone();
                r[col("path")] = f.path.clone();
                r[col("status")] = f.status.clone();
                r
            };
            if f.problems.is_empty() {
                let mut r = base();
                r[col("reason")] = f.reason.clone().unwrap_or_default();
                write_row(&mut w, &r)?;
            }
            for p in &f.problems {
                let mut r = base();
                r[col("item")] = p.kind.clone();
                r[col("member")] = p.member.clone().unwrap_or_default();
                r[col("reason")] = p.reason.clone();
                write_row(&mut w, &r)?;
            }
        }
        for c in &self.changes {
            let mut r = blank();
            r[col("section")] = "change".into();
            r[col("item")] = c.change.into();
            r[col("folder")] = c.folder.clone();
            r[col("path")] = c.path.clone();
            r[col("status")] = c.status.clone().unwrap_or_default();
            r[col("findings")] = c.findings.map(|n| n.to_string()).unwrap_or_default();
            r[col("value")] = c.run.to_string();
            write_row(&mut w, &r)?;
        }
        w.flush()?;
        Ok(())
    }

    /// The page's data: `{"generated", "overview", "folders", "folders_total",
    /// "categories", "hotspots": {"findings", "special", "offence"},
    /// "review", "review_total", "changes", "changes_total"}`.
    fn html_data(&self, generated: &str) -> serde_json::Value {
        // The folders with most findings, then by path.
        let mut folders: Vec<(&String, &Totals)> = self.folders.iter().collect();
        folders.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then_with(|| a.0.cmp(b.0)));
        folders.truncate(HTML_ROWS);
        let folders: Vec<FolderRow> = folders
            .into_iter()
            .map(|(folder, totals)| FolderRow {
                kind: "folder",
                folder,
                totals,
            })
            .collect();
        serde_json::json!({
            "generated": generated,
            "overview": self.overview,
            "folders": folders,
            "folders_total": self.folders.len(),
            "categories": self.categories,
            "hotspots": {
                "findings": self.hot_findings,
                "special": self.hot_special,
                "offence": self.hot_offence,
            },
            "review": self.review.iter().take(HTML_ROWS).collect::<Vec<_>>(),
            "review_total": self.review.len(),
            "changes": self.changes.iter().take(HTML_ROWS).collect::<Vec<_>>(),
            "changes_total": self.changes.len(),
        })
    }
}

/// The CSV's fixed columns (then one `category:<id>` per category).
const CSV_COLUMNS: [&str; 17] = [
    "section",
    "item",
    "folder",
    "path",
    "member",
    "category",
    "label",
    "special_category",
    "criminal_offence",
    "status",
    "files",
    "files_with_findings",
    "findings",
    "special",
    "offence",
    "value",
    "reason",
];

fn write_row<W: Write>(w: &mut csv::Writer<W>, cells: &[String]) -> Result<()> {
    w.write_record(cells.iter().map(|c| csv_safe(c).into_owned()))?;
    Ok(())
}

fn change_rank(change: &str) -> u8 {
    match change {
        "added" => 0,
        "changed" => 1,
        _ => 2,
    }
}

/// `p` without `.` components (`./share` and `share` are one folder).
fn normalise(p: &Path) -> PathBuf {
    p.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// Subtree totals: each folder's files counted in it and in each ancestor
/// folder at or below an index root. Folders under none of `roots` (roots
/// recorded in another form than the paths) are rolled up to their common
/// ancestor instead.
fn rollup(direct: &BTreeMap<String, Totals>, roots: &[PathBuf]) -> BTreeMap<String, Totals> {
    // Whether `p` is at or below a root: its ancestors looked up in a set,
    // so the cost does not grow with the number of roots.
    let under = |p: &Path, roots: &std::collections::HashSet<PathBuf>| {
        normalise(p).ancestors().any(|a| roots.contains(a))
    };
    let mut roots: std::collections::HashSet<PathBuf> =
        roots.iter().map(|r| normalise(r)).collect();
    let mut common: Option<PathBuf> = None;
    for folder in direct.keys() {
        let f = Path::new(folder);
        if under(f, &roots) {
            continue;
        }
        common = Some(match common {
            None => f.to_path_buf(),
            Some(c) => c
                .components()
                .zip(f.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    if let Some(c) = common.filter(|c| !normalise(c).as_os_str().is_empty()) {
        roots.insert(normalise(&c));
    }
    let mut out: BTreeMap<String, Totals> = BTreeMap::new();
    for (folder, t) in direct {
        out.entry(folder.clone()).or_default().add(t);
        let mut up = Path::new(folder).parent();
        while let Some(a) = up {
            if a.as_os_str().is_empty() || !under(a, &roots) {
                break;
            }
            out.entry(a.to_string_lossy().into_owned())
                .or_default()
                .add(t);
            up = a.parent();
        }
    }
    out
}

/// The [`HOTSPOTS`] folders with the highest non-zero `key` over the files
/// directly in them (ties: more findings, then by path).
fn hotspots(
    direct: &BTreeMap<String, Totals>,
    kind: &'static str,
    key: impl Fn(&Totals) -> i64,
) -> Vec<Hotspot> {
    let mut v: Vec<(&String, &Totals)> = direct.iter().filter(|(_, t)| key(t) > 0).collect();
    v.sort_by(|a, b| {
        key(b.1)
            .cmp(&key(a.1))
            .then_with(|| b.1.findings.cmp(&a.1.findings))
            .then_with(|| a.0.cmp(b.0))
    });
    v.into_iter()
        .take(HOTSPOTS)
        .enumerate()
        .map(|(i, (folder, t))| Hotspot {
            kind,
            rank: i + 1,
            folder: folder.clone(),
            special: t.special,
            offence: t.offence,
            findings: t.findings,
            files: t.files,
        })
        .collect()
}

/// The page for `data`, its JSON made inert inside `<script>` (see
/// [`crate::subject::html`]).
fn render(data: &serde_json::Value) -> String {
    crate::report::page::embed(TEMPLATE, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use std::collections::HashMap;

    /// An index of six files under the root `share` (and one outside it)
    /// over three runs: 1 and 2 complete, 3 interrupted. So R = 2, P = 1.
    fn index() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("schema.sql")).unwrap();
        conn.execute_batch(
            r#"
            INSERT INTO runs (id, started, finished, status, roots, pattern_pack, version,
                              added, changed, touched, unchanged, removed, failed, skipped)
            VALUES (1, '2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z', 'complete', '["share"]', 'p', '0.1.0', 5, 0, 0, 0, 0, 0, 0),
                   (2, '2026-01-02T01:00:00Z', '2026-01-02T01:30:00Z', 'complete', '["./share", "=evil"]', 'p', '0.1.0', 1, 1, 2, 3, 1, 1, 0),
                   (3, '2026-01-03T01:00:00Z', NULL, 'interrupted', '["share"]', 'p', '0.1.0', 0, 1, 0, 0, 0, 0, 0);
            INSERT INTO files (id, path, folder, size, mtime_ns, class, status, reason,
                               findings, special, offence, first_run, changed_run, seen_run)
            VALUES (1, 'share/a/x.txt', 'share/a', 10, 0, 'text', 'scanned', NULL, 5, 2, 0, 1, 1, 3),
                   (2, 'share/a/b/y.csv', 'share/a/b', 10, 0, 'delimited', 'scanned', NULL, 10, 0, 4, 1, 2, 3),
                   (3, 'share/c/z.docx', 'share/c', 10, 0, 'docx', 'failed', 'encrypted', 0, 0, 0, 2, 2, 3),
                   (4, '=evil/a.txt', '=evil', 10, 0, 'text', 'review', 'scanned image', 1, 0, 0, 1, 3, 3),
                   (5, 'share/a/b/w.pdf', 'share/a/b', 10, 0, 'pdf', 'partial', 'a member is encrypted', 3, 3, 1, 1, 1, 3),
                   (6, 'share/d/e/f.txt', 'share/d/e', 10, 0, 'text', 'scanned', NULL, 4, 0, 4, 1, 1, 3),
                   (7, 'share/big.iso', 'share', 10, 0, 'binary', 'skipped', 'too large', 0, 0, 0, 1, 1, 3);
            INSERT INTO counts (file_id, kind, name, n) VALUES
                   (1, 'category', 'health', 2), (1, 'category', 'personal_details', 3),
                   (1, 'rule', 'uk_nino', 3),
                   (2, 'category', 'offences', 4), (2, 'category', 'personal_details', 6),
                   (4, 'category', 'personal_details', 1),
                   (5, 'category', 'health', 3), (5, 'category', 'criminal_proceedings', 1),
                   (6, 'category', 'offences', 4),
                   (6, 'category', 'not_a_category', 0);
            INSERT INTO problems (file_id, kind, member, reason) VALUES
                   (5, 'unreadable', 'w.pdf > att.zip', 'encrypted member'),
                   (5, 'review', NULL, 'page 3 is an image'),
                   (1, 'review', 'sheet 2', 'handwriting');
            INSERT INTO removed (path, folder, run) VALUES
                   ('share/old.txt', 'share', 2), ('share/older.txt', 'share', 1);
            "#,
        )
        .unwrap();
        conn
    }

    fn output(conn: &Connection, format: ReportFormat) -> String {
        let catalog = Catalog::builtin().unwrap();
        let mut out = Vec::new();
        write(conn, &catalog, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn jsonl(conn: &Connection) -> Vec<Value> {
        output(conn, ReportFormat::Jsonl)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn of_type<'a>(lines: &'a [Value], t: &str) -> Vec<&'a Value> {
        lines.iter().filter(|v| v["type"] == t).collect()
    }

    /// The CSV as (header, rows of column name -> cell).
    fn csv_rows(conn: &Connection) -> (Vec<String>, Vec<HashMap<String, String>>) {
        let text = output(conn, ReportFormat::Csv);
        let text = text.strip_prefix('\u{feff}').expect("a BOM");
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                assert_eq!(rec.len(), header.len());
                header
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(String::from))
                    .collect()
            })
            .collect();
        (header, rows)
    }

    #[test]
    fn every_line_has_its_type_first() {
        let text = output(&index(), ReportFormat::Jsonl);
        for line in text.lines() {
            assert!(line.starts_with(r#"{"type":""#), "{line}");
        }
        let lines = jsonl(&index());
        assert_eq!(lines[0]["type"], "overview");
        let order: Vec<&str> = lines.iter().map(|v| v["type"].as_str().unwrap()).collect();
        let mut sections = order.clone();
        sections.dedup();
        assert_eq!(
            sections,
            [
                "overview",
                "folder",
                "category",
                "hotspot_special",
                "hotspot_offence",
                "review",
                "change"
            ]
        );
    }

    #[test]
    fn overview_counts_files_statuses_and_the_last_complete_update() {
        let lines = jsonl(&index());
        let o = &lines[0];
        assert_eq!(o["files"], 7);
        assert_eq!(
            o["status"],
            json!({"scanned": 3, "partial": 1, "failed": 1, "skipped": 1, "review": 1, "other": 0})
        );
        assert_eq!(o["files_with_findings"], 5);
        assert_eq!(o["findings"], 23);
        assert_eq!(o["special"], 5);
        assert_eq!(o["offence"], 9);
        assert_eq!(o["notice"], "uk-police");
        let u = &o["last_update"];
        assert_eq!(
            u["run"], 2,
            "the newest complete run, not the interrupted 3"
        );
        assert_eq!(u["finished"], "2026-01-02T01:30:00Z");
        assert_eq!(
            (&u["added"], &u["changed"], &u["touched"], &u["removed"]),
            (&json!(1), &json!(1), &json!(2), &json!(1))
        );
        assert_eq!(o["previous_update_run"], 1);
        assert_eq!(
            o["changes"],
            json!({"added": 1, "changed": 2, "removed": 1})
        );
    }

    #[test]
    fn folders_roll_up_to_the_roots() {
        let lines = jsonl(&index());
        let folders: HashMap<&str, &Value> = of_type(&lines, "folder")
            .into_iter()
            .map(|v| (v["folder"].as_str().unwrap(), v))
            .collect();
        let mut names: Vec<&str> = folders.keys().copied().collect();
        names.sort_unstable();
        // `share/d` has no files of its own but holds `share/d/e`; nothing
        // above the root `share`; `=evil` (a root of run 2) stands alone.
        assert_eq!(
            names,
            [
                "=evil",
                "share",
                "share/a",
                "share/a/b",
                "share/c",
                "share/d",
                "share/d/e"
            ]
        );
        let get = |f: &str| {
            let v = folders[f];
            [
                &v["files"],
                &v["files_with_findings"],
                &v["findings"],
                &v["special"],
                &v["offence"],
            ]
            .map(|x| x.as_i64().unwrap())
        };
        assert_eq!(get("share/a/b"), [2, 2, 13, 3, 5]);
        assert_eq!(get("share/a"), [3, 3, 18, 5, 5]);
        assert_eq!(get("share/c"), [1, 0, 0, 0, 0]);
        assert_eq!(get("share/d"), [1, 1, 4, 0, 4]);
        assert_eq!(get("share"), [6, 4, 22, 5, 9]);
        assert_eq!(get("=evil"), [1, 1, 1, 0, 0]);
        assert_eq!(
            folders["share"]["categories"],
            json!({"criminal_proceedings": 1, "health": 5, "offences": 8, "personal_details": 9})
        );
        assert_eq!(
            folders["share/a/b"]["categories"],
            json!({"criminal_proceedings": 1, "health": 3, "offences": 4, "personal_details": 6})
        );

        // The CSV has the same numbers, and a column per category found.
        let (header, rows) = csv_rows(&index());
        assert_eq!(header[..CSV_COLUMNS.len()], CSV_COLUMNS);
        assert_eq!(
            header[CSV_COLUMNS.len()..],
            [
                "category:personal_details",
                "category:health",
                "category:offences",
                "category:criminal_proceedings"
            ]
        );
        let share = rows
            .iter()
            .find(|r| r["section"] == "folder" && r["folder"] == "share")
            .unwrap();
        assert_eq!(
            [
                "files",
                "files_with_findings",
                "findings",
                "special",
                "offence",
                "category:health",
                "category:offences"
            ]
            .map(|c| share[c].as_str()),
            ["6", "4", "22", "5", "9", "5", "8"]
        );
        assert_eq!(share["path"], "");
    }

    #[test]
    fn rollup_matches_roots_in_another_spelling() {
        let mut direct = BTreeMap::new();
        for f in ["./share/a/b", "share/c", "/abs/x/y", "/abs/x/z"] {
            direct.insert(
                f.to_string(),
                Totals {
                    files: 1,
                    ..Totals::default()
                },
            );
        }
        let up = rollup(&direct, &[normalise(Path::new("share/"))]);
        let names: Vec<&str> = up.keys().map(String::as_str).collect();
        // `/abs/...` is under no root: rolled up to its common ancestor.
        assert_eq!(
            names,
            [
                "./share",
                "./share/a",
                "./share/a/b",
                "/abs/x",
                "/abs/x/y",
                "/abs/x/z",
                "share",
                "share/c"
            ]
        );
        assert_eq!(up["/abs/x"].files, 2);
    }

    #[test]
    fn categories_are_labelled_and_flagged_from_the_catalogue() {
        let lines = jsonl(&index());
        let cats = of_type(&lines, "category");
        let ids: Vec<&str> = cats
            .iter()
            .map(|c| c["category"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "personal_details",
                "offences",
                "health",
                "criminal_proceedings"
            ],
            "most findings first; zero counts left out"
        );
        let health = cats.iter().find(|c| c["category"] == "health").unwrap();
        assert_eq!(health["special_category"], true);
        assert_eq!(health["criminal_offence"], false);
        assert_eq!(
            (&health["findings"], &health["files"]),
            (&json!(5), &json!(2))
        );
        let off = cats.iter().find(|c| c["category"] == "offences").unwrap();
        assert_eq!(off["criminal_offence"], true);
        let catalog = Catalog::builtin().unwrap();
        let i = catalog.category("offences").unwrap();
        assert_eq!(off["label"], catalog.label(i));
    }

    #[test]
    fn hotspots_are_the_folders_with_most_in_order() {
        let lines = jsonl(&index());
        let list = |t: &str| -> Vec<(i64, String, i64)> {
            of_type(&lines, t)
                .iter()
                .map(|h| {
                    let key = if t == "hotspot_special" {
                        "special"
                    } else {
                        "offence"
                    };
                    (
                        h["rank"].as_i64().unwrap(),
                        h["folder"].as_str().unwrap().to_string(),
                        h[key].as_i64().unwrap(),
                    )
                })
                .collect()
        };
        assert_eq!(
            list("hotspot_special"),
            [(1, "share/a/b".into(), 3), (2, "share/a".into(), 2)]
        );
        // Only share/a/b and share/d/e hold offence findings.
        assert_eq!(
            list("hotspot_offence"),
            [(1, "share/a/b".into(), 5), (2, "share/d/e".into(), 4)]
        );
    }

    #[test]
    fn hotspots_stop_at_ten() {
        let conn = index();
        for i in 0..15 {
            conn.execute(
                "INSERT INTO files (path, folder, size, mtime_ns, class, status, findings, special, offence, first_run, changed_run, seen_run)
                 VALUES (?1, ?2, 1, 0, 'text', 'scanned', ?3, ?3, 0, 1, 1, 1)",
                params![format!("share/h{i:02}/f.txt"), format!("share/h{i:02}"), i + 1],
            )
            .unwrap();
        }
        let lines = jsonl(&conn);
        let hot = of_type(&lines, "hotspot_special");
        assert_eq!(hot.len(), HOTSPOTS);
        assert_eq!(hot[0]["folder"], "share/h14");
        assert_eq!(hot[9]["folder"], "share/h05");
    }

    #[test]
    fn review_lists_files_and_their_problems() {
        let lines = jsonl(&index());
        let review = of_type(&lines, "review");
        let paths: Vec<&str> = review.iter().map(|r| r["path"].as_str().unwrap()).collect();
        // Sorted by path; x.txt is scanned but has a problem row; the
        // skipped file is not for review.
        assert_eq!(
            paths,
            [
                "=evil/a.txt",
                "share/a/b/w.pdf",
                "share/a/x.txt",
                "share/c/z.docx"
            ]
        );
        let w = review[1];
        assert_eq!(w["status"], "partial");
        assert_eq!(
            w["problems"],
            json!([
                {"kind": "unreadable", "member": "w.pdf > att.zip", "reason": "encrypted member"},
                {"kind": "review", "member": null, "reason": "page 3 is an image"}
            ])
        );
        assert_eq!(review[3]["reason"], "encrypted");

        let (_, rows) = csv_rows(&index());
        let rows: Vec<_> = rows.iter().filter(|r| r["section"] == "review").collect();
        assert_eq!(rows.len(), 5, "one row per problem, or per file without");
        assert_eq!(rows[1]["member"], "w.pdf > att.zip");
        assert_eq!(rows[1]["item"], "unreadable");
        assert_eq!(rows[4]["reason"], "encrypted");
        assert_eq!(rows[4]["status"], "failed");
    }

    #[test]
    fn changes_are_those_since_the_previous_complete_update() {
        let lines = jsonl(&index());
        let changes: Vec<(&str, &str)> = of_type(&lines, "change")
            .iter()
            .map(|c| (c["change"].as_str().unwrap(), c["path"].as_str().unwrap()))
            .collect();
        // P = 1: changed_run > 1 (run 2, and the interrupted run 3 after
        // it); removed rows of run 2 but not of run 1.
        assert_eq!(
            changes,
            [
                ("added", "share/c/z.docx"),
                ("changed", "=evil/a.txt"),
                ("changed", "share/a/b/y.csv"),
                ("removed", "share/old.txt"),
            ]
        );
    }

    #[test]
    fn with_one_complete_update_everything_is_new_and_with_none_nothing() {
        let conn = index();
        conn.execute("UPDATE runs SET status = 'interrupted' WHERE id = 1", [])
            .unwrap();
        let lines = jsonl(&conn);
        assert_eq!(lines[0]["previous_update_run"], 0);
        let added = of_type(&lines, "change")
            .iter()
            .filter(|c| c["change"] == "added")
            .count();
        assert_eq!(added, 7);
        assert_eq!(lines[0]["changes"]["removed"], 2);

        conn.execute("UPDATE runs SET status = 'interrupted'", [])
            .unwrap();
        let lines = jsonl(&conn);
        assert_eq!(lines[0]["last_update"], Value::Null);
        assert!(of_type(&lines, "change").is_empty());
    }

    #[test]
    fn csv_cells_are_formula_safe() {
        let (_, rows) = csv_rows(&index());
        let evil: Vec<_> = rows
            .iter()
            .filter(|r| r["path"].contains("evil") || r["folder"].contains("evil"))
            .collect();
        assert!(evil.len() >= 3, "folder, review and change rows");
        for r in &rows {
            for (col, cell) in r {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{col} = {cell:?}"
                );
            }
        }
        let review = rows.iter().find(|r| r["section"] == "review").unwrap();
        assert_eq!(review["path"], "'=evil/a.txt");
        assert_eq!(review["folder"], "'=evil");
    }

    #[test]
    fn csv_overview_and_sections() {
        let (_, rows) = csv_rows(&index());
        let metric = |m: &str| {
            rows.iter()
                .find(|r| r["section"] == "overview" && r["item"] == m)
                .map(|r| r["value"].clone())
                .unwrap_or_else(|| panic!("no {m}"))
        };
        assert_eq!(metric("files"), "7");
        assert_eq!(metric("files_review"), "1");
        assert_eq!(metric("findings"), "23");
        assert_eq!(metric("last_update_run"), "2");
        assert_eq!(metric("last_update_touched"), "2");
        assert_eq!(metric("changes_changed"), "2");
        let sections: BTreeSet<&str> = rows.iter().map(|r| r["section"].as_str()).collect();
        assert_eq!(
            sections,
            BTreeSet::from([
                "overview",
                "folder",
                "category",
                "hotspot_special",
                "hotspot_offence",
                "review",
                "change"
            ])
        );
        let hot = rows
            .iter()
            .find(|r| r["section"] == "hotspot_offence" && r["item"] == "2")
            .unwrap();
        assert_eq!(
            (hot["folder"].as_str(), hot["offence"].as_str()),
            ("share/d/e", "4")
        );
        let change = rows
            .iter()
            .find(|r| r["section"] == "change" && r["item"] == "removed")
            .unwrap();
        assert_eq!(change["path"], "share/old.txt");
        assert_eq!(change["value"], "2");
    }

    #[test]
    fn an_empty_index_reports_zeroes() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("schema.sql")).unwrap();
        let lines = jsonl(&conn);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["files"], 0);
        let page = output(&conn, ReportFormat::Html);
        assert!(page.contains(r#""files":0"#));
    }

    #[test]
    fn the_page_embeds_inert_data() {
        let conn = index();
        conn.execute(
            "UPDATE files SET path = 'share/</script><script>alert(1)</script>.txt' WHERE id = 1",
            [],
        )
        .unwrap();
        let page = output(&conn, ReportFormat::Html);
        assert_eq!(TEMPLATE.matches(PLACEHOLDER).count(), 1);
        assert_eq!(
            page.matches("</script").count(),
            TEMPLATE.matches("</script").count()
        );
        assert_eq!(
            page.matches("<script").count(),
            TEMPLATE.matches("<script").count()
        );
        let start = page.find(r#"id="trawl-data">"#).unwrap() + r#"id="trawl-data">"#.len();
        let len = page[start..].find("</script>").unwrap();
        let data: Value = serde_json::from_str(&page[start..start + len]).unwrap();
        assert_eq!(
            data["review"][1]["path"],
            "share/</script><script>alert(1)</script>.txt"
        );
        assert_eq!(data["categories"].as_array().unwrap().len(), 4);
        assert_eq!(data["folders_total"], 7);
        assert_eq!(data["hotspots"]["findings"][0]["folder"], "share/a/b");
        assert!(page.contains("default-src 'none'"));
    }
}

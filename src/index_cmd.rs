//! `trawl index update` and `trawl index info`: the scan pipeline in index
//! mode, one writer thread filing rows, the lock, and the exit codes a
//! scheduler can act on.

use std::io::Write;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};

use crate::cli::{IndexInfoArgs, IndexUpdateArgs};
use crate::{EXIT_FATAL, EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_NO_FINDINGS};
use trawl::catalog::{Catalog, Confidence, ValidationContext};
use trawl::index::store::{self, Index};
use trawl::report::{Format, Reporter};
use trawl::scan::{ScanOptions, Scanner};
use trawl::walk::{self, WalkOptions};

/// Another update holds the index's lock.
pub const EXIT_BUSY: u8 = 4;

pub fn update(args: IndexUpdateArgs) -> Result<u8> {
    let started = Instant::now();
    crate::set_debug(&args.common);
    let today = crate::as_of(&args.common)?;
    let threads = crate::thread_count(&args.common)?;
    let _lock = match store::lock(&args.db, args.wait).map_err(anyhow::Error::msg)? {
        Ok(l) => l,
        Err(store::Busy(msg)) => {
            eprintln!("trawl: {msg}");
            return Ok(EXIT_BUSY);
        }
    };
    let index =
        Index::open(&args.db, args.key_file.as_deref(), true).map_err(anyhow::Error::msg)?;
    let prev = index.previous().map_err(anyhow::Error::msg)?;
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    // Absolute paths: the index is used from other folders (cron, a
    // disclosure officer's desk) and a relative path would mean nothing.
    let paths: Vec<std::path::PathBuf> = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let roots: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let catalog = Catalog::load(&args.common.patterns)?;
    let pack = catalog.fingerprint();
    // What decides what a scan finds: when any of it changes, findings
    // already in the index are stale and every file is read again.
    let c = &args.common;
    let settings = format!(
        "trawl {} | pack {pack} | max-filesize {:?} | max-document-size {} | max-extracted {} | max-depth {} | max-members {} | max-ratio {} | max-text {}",
        env!("CARGO_PKG_VERSION"),
        c.max_filesize,
        c.max_document_size,
        c.max_extracted,
        c.max_depth,
        c.max_members,
        c.max_ratio,
        c.max_text
    );
    let rescan_all = index
        .settings_changed(&settings)
        .map_err(anyhow::Error::msg)?;
    if rescan_all && !args.common.no_messages {
        eprintln!(
            "trawl: the patterns, trawl's version or the limits changed since the last update: every file is read again"
        );
    }
    let run = index.begin_run(&roots, &pack).map_err(anyhow::Error::msg)?;
    let mut reporter = Reporter::new(Format::Text, true, None, !args.common.no_messages)
        .context("cannot set up messages")?;
    reporter.list_all();
    let options = ScanOptions {
        max_filesize: args.common.max_filesize,
        show_values: false,
        min_confidence: Confidence::Low,
        vctx: ValidationContext::new(today),
        limits: crate::limits(&args.common),
    };
    // A few files in flight per worker: a file's rows can be large (its
    // term set, up to 100,000 findings), so the queue stays short.
    let (tx, rx) = std::sync::mpsc::sync_channel(2 * threads + 2);
    let key = index.key.clone();
    let writer = std::thread::spawn(move || {
        let counts = store::write_updates(&index.conn, run, rx);
        (index, counts)
    });
    let mut scanner = Scanner::new(catalog, reporter, options).map_err(anyhow::Error::msg)?;
    scanner.index = Some(trawl::index::Shared::new(key, prev, rescan_all, tx));
    scanner.progress = crate::progress_bar(&args.common);
    let db_files: Vec<std::path::PathBuf> = ["", "-wal", "-shm", ".lock", ".key"]
        .iter()
        .map(|suffix| trawl::index::beside(&args.db, suffix))
        .chain(args.key_file.clone())
        .collect();
    let walk_opts = WalkOptions {
        paths: paths.clone(),
        follow: args.common.follow,
        threads,
        include: args.common.include.clone(),
        exclude: args.common.exclude.clone(),
        sort: false,
        skip_paths: db_files,
    };
    let walked = walk::run(&scanner, &walk_opts);
    if let Some(sh) = &scanner.index {
        sh.close();
    }
    if let Some(pb) = &scanner.progress {
        pb.finish_and_clear();
    }
    let (mut index, counts) = writer
        .join()
        .map_err(|_| anyhow!("the index writer stopped unexpectedly"))?;
    let mut counts = counts.map_err(anyhow::Error::msg)?;
    walked.map_err(anyhow::Error::msg)?;
    let (unreadable, _) = scanner.reporter.problems();
    let unreadable: Vec<String> = unreadable.into_iter().map(|(p, _)| p).collect();
    // A root that is gone (an unmounted share) must not empty the index.
    let present: Vec<String> = roots
        .iter()
        .filter(|r| std::path::Path::new(r).exists())
        .cloned()
        .collect();
    for r in roots.iter().filter(|r| !present.contains(r)) {
        eprintln!("trawl: {r}: not found; what the index holds under it is kept");
    }
    let kept_empty = index
        .finish_run(run, &present, &unreadable, &settings, &mut counts)
        .map_err(anyhow::Error::msg)?;
    let info = index.info().map_err(anyhow::Error::msg)?;
    let elapsed = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"type": "index_update", "db": args.db.display().to_string(),
                "run": run, "elapsed_secs": elapsed, "counts": counts,
                "files": info.files, "findings": info.findings,
                "unreadable": unreadable}),
        )?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "index {} updated in {elapsed:.1} s: {} added, {} changed, {} touched (content the same), {} unchanged, {} removed; {} could not be read, {} skipped",
            args.db.display(),
            counts.added,
            counts.changed,
            counts.touched,
            counts.unchanged,
            counts.removed,
            counts.failed,
            counts.skipped
        )?;
        writeln!(
            out,
            "it now holds {} files ({} with findings) and {} findings",
            info.files, info.files_with_findings, info.findings
        )?;
    }
    // Coverage: what this update could not read, and what the index holds
    // as not (fully) read.
    let not_read: i64 = info
        .by_status
        .iter()
        .filter(|(s, _)| s == "failed" || s == "partial")
        .map(|(_, n)| n)
        .sum();
    if not_read > 0 && !args.common.no_messages {
        eprintln!(
            "trawl: the index holds {not_read} file(s) not (fully) read; trawl report lists them with the reasons"
        );
    }
    let incomplete = not_read > 0 || kept_empty;
    Ok(
        if counts.failed > 0 || !unreadable.is_empty() || incomplete {
            EXIT_INCOMPLETE
        } else if info.findings > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_NO_FINDINGS
        },
    )
}

pub fn info(args: IndexInfoArgs) -> Result<u8> {
    let index = match Index::open_reader(&args.db, args.key_file.as_deref()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("trawl: {e}");
            return Ok(EXIT_FATAL);
        }
    };
    let info = index.info().map_err(anyhow::Error::msg)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &info)?;
        writeln!(out)?;
        return Ok(0);
    }
    writeln!(out, "index:          {}", info.path)?;
    writeln!(out, "schema version: {}", info.schema_version)?;
    writeln!(
        out,
        "created:        {}",
        info.created.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "files:          {} ({} with findings)",
        info.files, info.files_with_findings
    )?;
    for (status, n) in &info.by_status {
        writeln!(out, "  {status:<12}  {n}")?;
    }
    writeln!(out, "findings:       {}", info.findings)?;
    writeln!(out, "updates:        {}", info.runs)?;
    let run_line = |r: &store::RunInfo| {
        format!(
            "run {} {} (started {}, finished {}): {} added, {} changed, {} touched, {} unchanged, {} removed, {} unreadable, {} skipped; roots {}",
            r.id,
            r.status,
            r.started,
            r.finished.as_deref().unwrap_or("-"),
            r.counts.added,
            r.counts.changed,
            r.counts.touched,
            r.counts.unchanged,
            r.counts.removed,
            r.counts.failed,
            r.counts.skipped,
            r.roots
        )
    };
    if let Some(r) = &info.last_run {
        writeln!(out, "last update:    {}", run_line(r))?;
    }
    if let Some(r) = &info.last_complete
        && info.last_run.as_ref().is_some_and(|l| l.id != r.id)
    {
        writeln!(out, "last complete:  {}", run_line(r))?;
    }
    writeln!(out, "size:           {} bytes", info.database_bytes)?;
    Ok(0)
}

//! The trawl binary: parse flags, pick a mode, map the outcome to an exit
//! code. Everything else lives in the library.

mod cli;
mod index_cmd;
mod report_cmd;
mod subject_cmd;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;

use cli::{Cli, Command, CommonArgs, IndexCommand, MinConfidence, ScanArgs};
use trawl::catalog::{Catalog, Confidence, ValidationContext};
use trawl::report::{Format, Reporter, RunInfo};
use trawl::scan::{ScanOptions, Scanner};
use trawl::walk::{self, WalkOptions};

/// Exit codes (README "Exit codes").
pub(crate) const EXIT_FINDINGS: u8 = 0;
pub(crate) const EXIT_NO_FINDINGS: u8 = 1;
pub(crate) const EXIT_INCOMPLETE: u8 = 2;
pub(crate) const EXIT_FATAL: u8 = 3;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_FATAL } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // `trawl rules | head`: the reader has all it wanted.
            let closed_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if closed_pipe {
                return ExitCode::from(0);
            }
            eprintln!("trawl: {e:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Scan(args) => scan(*args),
        Command::Subject(args) => subject_cmd::run(*args),
        Command::Index(IndexCommand::Update(args)) => index_cmd::update(*args),
        Command::Index(IndexCommand::Info(args)) => index_cmd::info(args),
        Command::Categories(args) => {
            let mut catalog = Catalog::builtin()?;
            catalog.set_notice(&args.notice)?;
            list_categories(&catalog, args.format)?;
            Ok(0)
        }
        Command::Rules(args) => {
            let catalog = Catalog::load(&args.patterns)?;
            list_rules(&catalog, args.format)?;
            Ok(0)
        }
        Command::Report(args) => report_cmd::run(args),
    }
}

/// A minimal `log` backend for `--debug`: `DEBUG|target: message` on
/// stderr, for trawl's own decisions and the walker's ("ignoring ...").
struct DebugLogger;

impl log::Log for DebugLogger {
    fn enabled(&self, m: &log::Metadata<'_>) -> bool {
        m.target().starts_with("trawl") || m.target().starts_with("ignore")
    }
    fn log(&self, r: &log::Record<'_>) {
        if self.enabled(r.metadata()) {
            eprintln!("{}|{}: {}", r.level(), r.target(), r.args());
        }
    }
    fn flush(&self) {}
}

fn parse_date(s: &str) -> Result<jiff::civil::Date> {
    s.parse::<jiff::civil::Date>()
        .with_context(|| format!("--as-of {s}: expected a date as YYYY-MM-DD"))
}

pub(crate) fn set_debug(common: &CommonArgs) {
    if common.debug {
        static LOGGER: DebugLogger = DebugLogger;
        let _ = log::set_logger(&LOGGER);
        log::set_max_level(log::LevelFilter::Debug);
    }
}

pub(crate) fn as_of(common: &CommonArgs) -> Result<jiff::civil::Date> {
    Ok(match &common.as_of {
        Some(s) => parse_date(s)?,
        None => jiff::Zoned::now().date(),
    })
}

pub(crate) fn thread_count(common: &CommonArgs) -> Result<usize> {
    Ok(match common.threads {
        Some(0) => bail!("--threads must be at least 1"),
        Some(n) => n,
        None => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    })
}

pub(crate) fn limits(common: &CommonArgs) -> trawl::extract::document::Limits {
    trawl::extract::document::Limits {
        max_depth: common.max_depth,
        max_total_bytes: common.max_extracted,
        max_ratio: common.max_ratio.max(1),
        max_members: common.max_members,
        max_text: common.max_text,
        max_file: common.max_document_size,
    }
}

pub(crate) fn progress_bar(common: &CommonArgs) -> Option<indicatif::ProgressBar> {
    if common.no_progress || common.debug || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new_spinner();
    pb.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} files scanned ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(std::time::Duration::from_millis(150));
    Some(pb)
}

fn scan(args: ScanArgs) -> Result<u8> {
    let started = Instant::now();
    set_debug(&args.common);
    let mut catalog = Catalog::load(&args.common.patterns)?;
    catalog.select(&args.rules).map_err(anyhow::Error::msg)?;
    catalog.set_notice(&args.notice)?;
    let today = as_of(&args.common)?;
    let threads = thread_count(&args.common)?;
    let threads = if args.sort { 1 } else { threads };
    log::debug!("using {threads} thread(s), {} rule(s)", catalog.rules.len());
    let reporter = Reporter::new(
        args.format,
        args.count,
        args.output.as_deref(),
        !args.common.no_messages,
    )
    .context("cannot create the output file")?;
    let options = ScanOptions {
        max_filesize: args.common.max_filesize,
        show_values: args.show_values,
        min_confidence: match args.min_confidence {
            MinConfidence::Low => Confidence::Low,
            MinConfidence::Medium => Confidence::Medium,
            MinConfidence::High => Confidence::High,
        },
        vctx: ValidationContext::new(today),
        limits: limits(&args.common),
    };
    let pack = catalog.fingerprint();
    let mut scanner = Scanner::new(catalog, reporter, options).map_err(anyhow::Error::msg)?;
    scanner.progress = progress_bar(&args.common);
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    let walk_opts = WalkOptions {
        paths: paths.clone(),
        follow: args.common.follow,
        threads,
        include: args.common.include.clone(),
        exclude: args.common.exclude.clone(),
        sort: args.sort,
        skip_paths: args.output.iter().cloned().collect(),
    };
    let started_at = jiff::Timestamp::now().to_string();
    walk::run(&scanner, &walk_opts).map_err(anyhow::Error::msg)?;
    if let Some(pb) = &scanner.progress {
        pb.finish_and_clear();
    }
    let stats = scanner.totals();
    let closed = scanner
        .reporter
        .closed
        .load(std::sync::atomic::Ordering::Relaxed)
        && !scanner
            .reporter
            .write_failed
            .load(std::sync::atomic::Ordering::Relaxed);
    let Scanner {
        catalog, reporter, ..
    } = scanner;
    let info = RunInfo {
        roots: paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        threads,
        elapsed: started.elapsed(),
        started_at,
        as_of: today.to_string(),
        pattern_pack: pack,
        interrupted: false,
        detail: args.stats,
    };
    reporter
        .finish(&catalog, &stats, &info)
        .context("cannot write the report")?;
    if stats.files_seen == 0 && stats.files_failed == 0 {
        eprintln!("trawl: no files were scanned (use --debug to see why)");
    }
    Ok(if closed {
        0
    } else if stats.files_failed > 0 {
        EXIT_INCOMPLETE
    } else if stats.findings > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_NO_FINDINGS
    })
}

fn list_categories(catalog: &Catalog, format: Format) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let n = &catalog.notice;
    match format {
        Format::Text => {
            writeln!(out, "{} ({})", n.name, n.id)?;
            writeln!(
                out,
                "{:<28} {:<8} {:<8} {:<7} label",
                "id", "special", "offence", "listed"
            )?;
            for (i, c) in catalog.categories.iter().enumerate() {
                let yn = |b: bool| if b { "yes" } else { "-" };
                writeln!(
                    out,
                    "{:<28} {:<8} {:<8} {:<7} {}",
                    c.id,
                    yn(c.special_category),
                    yn(c.criminal_offence),
                    yn(!n.not_listed[i]),
                    catalog.label(i)
                )?;
            }
        }
        Format::Jsonl => {
            for (i, c) in catalog.categories.iter().enumerate() {
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"id": c.id, "name": catalog.label(i), "description": c.description,
                        "special_category": c.special_category, "criminal_offence": c.criminal_offence,
                        "notice": n.id, "listed_in_notice": !n.not_listed[i]}),
                )?;
                writeln!(out)?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "id",
                "name",
                "special_category",
                "criminal_offence",
                "listed_in_notice",
                "notice",
                "description",
            ])?;
            for (i, c) in catalog.categories.iter().enumerate() {
                let yn = |b: bool| if b { "yes" } else { "no" };
                w.write_record([
                    &c.id,
                    catalog.label(i),
                    yn(c.special_category),
                    yn(c.criminal_offence),
                    yn(!n.not_listed[i]),
                    &n.id,
                    &c.description,
                ])?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

fn list_rules(catalog: &Catalog, format: Format) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let cats = |r: &trawl::catalog::Rule| -> Vec<String> {
        r.categories
            .iter()
            .map(|&c| catalog.categories[c].id.clone())
            .collect()
    };
    match format {
        Format::Text => {
            for r in &catalog.rules {
                writeln!(
                    out,
                    "{:<26} {:<40} {}",
                    r.id,
                    cats(r).join(","),
                    r.description
                )?;
            }
        }
        Format::Jsonl => {
            for r in &catalog.rules {
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"id": r.id, "description": r.description, "categories": cats(r),
                        "family": r.family.as_str(),
                        "keywords": r.keywords, "origin": r.origin,
                        "terms": r.term_groups.iter().map(|g| g.terms.len()).sum::<usize>(),
                        "patterns": r.patterns.iter().map(|p| serde_json::json!({
                            "regex": p.source,
                            "context": if p.context == trawl::catalog::ContextNeed::Required { "required" } else { "optional" },
                            "confidence": p.confidence.as_str(),
                        })).collect::<Vec<_>>()}),
                )?;
                writeln!(out)?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["id", "categories", "description", "origin"])?;
            for r in &catalog.rules {
                w.write_record([&r.id, &cats(r).join(";"), &r.description, &r.origin])?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

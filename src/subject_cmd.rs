//! `trawl subject`: flags to a profile, the scan pipeline in subject mode,
//! then the schedule and the search log, both owner-only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::cli::{SubjectArgs, SubjectFormat};
use crate::{EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_NO_FINDINGS};
use trawl::catalog::{Catalog, Confidence, ValidationContext};
use trawl::report::{Format, Reporter};
use trawl::scan::{ScanOptions, Scanner};
use trawl::subject::Search;
use trawl::subject::find::SubjectFinder;
use trawl::subject::profile::Raw;
use trawl::subject::schedule::{self, RunRecord, ScheduleFormat};
use trawl::subject::variants::Nicknames;
use trawl::walk::{self, WalkOptions};

/// The login name, for the audit record: `USER`/`LOGNAME`/`USERNAME`,
/// else the account owning this process (from /etc/passwd on Unix).
fn login_name() -> String {
    if let Some(n) = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
    {
        return n;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid())
            && let Ok(passwd) = std::fs::read_to_string("/etc/passwd")
        {
            let uid = uid.to_string();
            if let Some(name) = passwd.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.len() > 2 && f[2] == uid).then(|| f[0].to_string())
            }) {
                return name;
            }
            return format!("uid {uid}");
        }
    }
    "unknown".into()
}

/// Whether `target` can be written: not a folder, and its folder takes a
/// new file.
fn check_writable(target: &Path) -> Result<()> {
    if target.is_dir() {
        bail!("{} is a folder, not a file name", target.display());
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    tempfile::Builder::new()
        .prefix(".trawl-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}",
                target.display(),
                dir.display()
            )
        })?;
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` to `target` atomically with owner-only permissions.
fn write_private(target: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // tempfile creates the file with mode 0600 on Unix.
    let mut tmp = tempfile::Builder::new()
        .prefix(".trawl-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot create a file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.flush())
        .with_context(|| format!("cannot write {}", target.display()))?;
    tmp.persist(target)
        .with_context(|| format!("cannot write {}", target.display()))?;
    Ok(())
}

/// Where the search log goes: `--log`, else next to `--output`, else a
/// dated file in the current folder.
fn log_path(args: &SubjectArgs, case: Option<&str>, now: &jiff::Timestamp) -> PathBuf {
    if let Some(l) = &args.log {
        return l.clone();
    }
    if let Some(o) = &args.output {
        let stem = o
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "schedule".into());
        return o.with_file_name(format!("{stem}.search-log.txt"));
    }
    let case: String = case
        .unwrap_or("search")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    PathBuf::from(format!(
        "trawl-subject-{case}-{}.search-log.txt",
        now.strftime("%Y%m%dT%H%M%SZ")
    ))
}

pub fn run(args: SubjectArgs) -> Result<u8> {
    let started = Instant::now();
    let started_at = jiff::Timestamp::now();
    crate::set_debug(&args.common);
    let today = crate::as_of(&args.common)?;
    let threads = crate::thread_count(&args.common)?;
    // The subject, checked before anything is read.
    let mut raw = Raw {
        case: args.case.clone(),
        names: args.name.clone(),
        aliases: args.alias.clone(),
        dob: args.dob.clone(),
        sex: args.sex.clone(),
        nino: args.nino.clone(),
        postcode: args.postcode.clone(),
        address: args.address.clone(),
        phone: args.phone.clone(),
        email: args.email.clone(),
        vrm: args.vrm.clone(),
        driving_licence: args.driving_licence.clone(),
        pnc: args.pnc.clone(),
        cro: args.cro.clone(),
        refs: args.refs.clone(),
    };
    let mut profile_note = None;
    if let Some(p) = &args.profile {
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("--profile {}: cannot read it", p.display()))?;
        profile_note = Some(format!(
            "{} (SHA-256 {})",
            p.display(),
            sha256_hex(text.as_bytes())
        ));
        raw.add_toml(&text)
            .map_err(|e| anyhow::anyhow!("--profile {}: {e}", p.display()))?;
    }
    let profile = raw.build(today).map_err(anyhow::Error::msg)?;
    if profile.names.is_empty() && profile.identifier_count() == 0 {
        bail!("give the subject's --name (or an identifier such as --nino)");
    }
    let case = profile.case.clone();
    let catalog = Catalog::load(&args.common.patterns)?;
    let pack = catalog.fingerprint();
    let mut reporter = Reporter::new(Format::Text, false, None, !args.common.no_messages)
        .context("cannot set up the report")?;
    reporter.list_all();
    let options = ScanOptions {
        max_filesize: args.common.max_filesize,
        show_values: false,
        min_confidence: Confidence::Low,
        vctx: ValidationContext::new(today),
        limits: crate::limits(&args.common),
    };
    let finder = SubjectFinder::new(
        &profile,
        &Nicknames::builtin(),
        catalog.names.clone(),
        args.fuzzy,
    )
    .map_err(anyhow::Error::msg)?;
    let mut scanner = Scanner::new(catalog, reporter, options).map_err(anyhow::Error::msg)?;
    scanner.subject = Some(Search::new(finder, profile, args.show_values, today));
    scanner.progress = crate::progress_bar(&args.common);
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    let log = log_path(&args, case.as_deref(), &started_at);
    let walk_opts = WalkOptions {
        paths: paths.clone(),
        follow: args.common.follow,
        threads,
        include: args.common.include.clone(),
        exclude: args.common.exclude.clone(),
        sort: false,
        skip_paths: args.output.iter().cloned().chain([log.clone()]).collect(),
    };
    // Fail now, not after an hour's search, if the results cannot be kept.
    for target in args.output.iter().chain([&log]) {
        check_writable(target)?;
    }
    walk::run(&scanner, &walk_opts).map_err(anyhow::Error::msg)?;
    if let Some(pb) = &scanner.progress {
        pb.finish_and_clear();
    }
    let stats = scanner.totals();
    let search = scanner.subject.take().expect("subject mode");
    let results = search.take_results();
    let (unreadable, review) = scanner.reporter.problems();
    let fmt = match args.format {
        SubjectFormat::Text => ScheduleFormat::Text,
        SubjectFormat::Csv => ScheduleFormat::Csv,
        SubjectFormat::Jsonl => ScheduleFormat::Jsonl,
        SubjectFormat::Html => ScheduleFormat::Html,
    };
    let c = &args.common;
    let mut options = vec![
        (
            "format".to_string(),
            format!("{:?}", args.format).to_lowercase(),
        ),
        ("fuzzy".into(), args.fuzzy.to_string()),
        ("threads".into(), threads.to_string()),
        ("follow symlinks".into(), c.follow.to_string()),
        ("as of".into(), today.to_string()),
        (
            "max file size".into(),
            c.max_filesize.map_or("none".into(), |m| m.to_string()),
        ),
        ("max document size".into(), c.max_document_size.to_string()),
        ("max extracted per file".into(), c.max_extracted.to_string()),
        ("max depth".into(), c.max_depth.to_string()),
        ("max members".into(), c.max_members.to_string()),
        (
            "show other people's context".into(),
            args.show_values.to_string(),
        ),
    ];
    if let Some(n) = profile_note {
        options.insert(0, ("profile file".into(), n));
    }
    for g in &c.include {
        options.push(("include".into(), g.clone()));
    }
    for g in &c.exclude {
        options.push(("exclude".into(), g.clone()));
    }
    let mut rec = RunRecord {
        case,
        operator: args.operator.clone().unwrap_or_else(login_name),
        started: started_at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        finished: String::new(),
        elapsed_secs: 0.0,
        version: env!("CARGO_PKG_VERSION").to_string(),
        pattern_pack: pack,
        command: std::env::args().collect(),
        paths: paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        options,
        files_seen: stats.files_seen,
        files_scanned: stats.files_scanned,
        files_skipped: stats.files_skipped,
        files_failed: stats.files_failed,
        bytes_scanned: stats.bytes_scanned,
        documents: stats.documents,
        members: stats.members,
        unreadable,
        review,
        schedule: args.output.as_ref().map(|o| o.display().to_string()),
        log: log.display().to_string(),
    };
    let mut out = Vec::new();
    schedule::write(fmt, &results, &rec, &search, &mut out)?;
    let hash = match &args.output {
        Some(o) => {
            write_private(o, &out)?;
            Some(sha256_hex(&out))
        }
        None => {
            let mut so = std::io::stdout().lock();
            match so.write_all(&out).and_then(|()| so.flush()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(e).context("cannot write the schedule"),
            }
            None
        }
    };
    rec.finished = jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    rec.elapsed_secs = started.elapsed().as_secs_f64();
    let text = schedule::log_text(&results, &rec, &search, hash.as_deref());
    write_private(&log, text.as_bytes())?;
    if !args.common.no_messages {
        eprintln!("trawl: search log written to {}", log.display());
    }
    Ok(if stats.files_failed > 0 {
        EXIT_INCOMPLETE
    } else if results.is_empty() {
        EXIT_NO_FINDINGS
    } else {
        EXIT_FINDINGS
    })
}

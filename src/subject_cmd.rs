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
    trawl::index::hex(&Sha256::digest(bytes))
}

/// Writes `bytes` to `target` atomically with owner-only permissions.
pub(crate) fn write_private(target: &Path, bytes: &[u8]) -> Result<()> {
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

/// What the index answered.
struct FromIndex {
    /// Files that may concern the subject (to reread with --verify).
    candidates: Vec<String>,
    /// Index-only results.
    results: Vec<trawl::subject::score::SubjectResult>,
    coverage: trawl::index::lookup::Coverage,
    /// For the search log.
    options: Vec<(String, String)>,
}

fn index_lookup(
    db: &Path,
    args: &SubjectArgs,
    profile: &trawl::subject::profile::Profile,
    finder: &SubjectFinder,
) -> Result<FromIndex> {
    use trawl::index::lookup;
    let ix = trawl::index::store::Index::open_reader(db, args.key_file.as_deref())
        .map_err(anyhow::Error::msg)?;
    let info = ix.info().map_err(anyhow::Error::msg)?;
    let Some(last) = info.last_complete.as_ref() else {
        bail!(
            "the index {} has no complete update yet: run trawl index update first",
            db.display()
        );
    };
    let roots: Vec<String> = args
        .paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let q = lookup::Query::new(profile, finder, &ix.key, args.fuzzy);
    let (cands, coverage) = lookup::candidates(&ix.conn, &q, &roots)
        .with_context(|| format!("reading the index {}", db.display()))?;
    let results = if args.verify {
        Vec::new()
    } else {
        lookup::results(&ix.conn, &q, &cands)
            .with_context(|| format!("reading the index {}", db.display()))?
    };
    let mut options = vec![
        ("index".to_string(), db.display().to_string()),
        (
            "index last complete update".into(),
            format!(
                "{} (run {}, roots {})",
                last.finished.as_deref().unwrap_or(&last.started),
                last.id,
                last.roots
            ),
        ),
        (
            "files in the index searched".into(),
            coverage.files.to_string(),
        ),
        ("candidate files".into(), cands.len().to_string()),
        (
            "answered".into(),
            if args.verify {
                "candidates from the index, reread and searched as a direct search (--verify)"
                    .into()
            } else {
                "from the index only: files not reread; tiers from what each file holds, not where"
                    .to_string()
            },
        ),
    ];
    if coverage.without_terms > 0 {
        options.push((
            "files without a term set (always candidates)".into(),
            coverage.without_terms.to_string(),
        ));
    }
    if args.verify {
        // Files changed since the index was updated are reread as they are.
        let changed = cands
            .iter()
            .filter(|c| {
                std::fs::metadata(trawl::index::paths::path_of(&c.path)).is_ok_and(|m| {
                    m.len() != c.size || trawl::index::store::mtime_of(&m) != c.mtime_ns
                })
            })
            .count();
        options.push((
            "candidates changed since the index update".into(),
            changed.to_string(),
        ));
    }
    Ok(FromIndex {
        candidates: cands.into_iter().map(|c| c.path).collect(),
        results,
        coverage,
        options,
    })
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
    // With --db: the index says which files may concern the subject.
    let from_index = match &args.db {
        Some(db) => Some(index_lookup(db, &args, &profile, &finder)?),
        None => None,
    };
    let mut scanner = Scanner::new(catalog, reporter, options).map_err(anyhow::Error::msg)?;
    scanner.subject = Some(Search::new(finder, profile, args.show_values, today));
    scanner.progress = crate::progress_bar(&args.common);
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    // What is read: the paths, the index's candidates (--verify), or
    // nothing (the index answers).
    let walk_paths: Vec<PathBuf> = match &from_index {
        None => paths.clone(),
        Some(fx) if args.verify => fx
            .candidates
            .iter()
            .map(|c| trawl::index::paths::path_of(c))
            .collect(),
        Some(_) => Vec::new(),
    };
    let log = log_path(&args, case.as_deref(), &started_at);
    let walk_opts = WalkOptions {
        paths: walk_paths.clone(),
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
    if !walk_paths.is_empty() {
        walk::run(&scanner, &walk_opts).map_err(anyhow::Error::msg)?;
    }
    if let Some(pb) = &scanner.progress {
        pb.finish_and_clear();
    }
    let mut stats = scanner.totals();
    let search = scanner.subject.take().expect("subject mode");
    let mut results = search.take_results();
    let (mut unreadable, mut review) = scanner.reporter.problems();
    let mut index_options = Vec::new();
    if let Some(fx) = from_index {
        index_options = fx.options;
        if !args.verify {
            results = fx.results;
        }
        stats.files_seen = fx.coverage.files;
        // The index's own record of what it could not read, and what it
        // lists for review, belong to this search's coverage too.
        unreadable.extend(fx.coverage.unreadable);
        review.extend(fx.coverage.review);
        unreadable.sort();
        unreadable.dedup();
        review.sort();
        review.dedup();
        stats.files_failed = stats.files_failed.max(unreadable.len() as u64);
    }
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
    options.extend(index_options);
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
        paths: if args.db.is_some() && args.paths.is_empty() {
            vec!["everything in the index".to_string()]
        } else {
            paths
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect()
        },
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

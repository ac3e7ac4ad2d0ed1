//! Walking: which files a scan reads, in parallel.
//!
//! Defaults suit a file share, not a source repository: hidden files are
//! scanned, `.gitignore` and `.ignore` files are not honoured, and symbolic
//! links are not followed. What a user leaves out is deliberate:
//!
//! * `.trawlignore` files (gitignore syntax) anywhere in the tree;
//! * `--exclude GLOB` (files and folders) and `--include GLOB` (files);
//!   a glob with a `/` matches the path below the scanned folder, one
//!   without matches the name at any depth;
//! * `--max-filesize`.
//!
//! With `--follow`, a symlink loop is reported (the walker detects it) and
//! never followed forever. Every entry that is not scanned is counted with
//! its reason, and `--debug` names it.
//!
//! The ignore crate's parallel walker runs one [`Worker`](crate::scan::Worker)
//! per thread, made in the thread's closure so that its buffers are reused
//! for every file that thread reads.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

use crate::scan::Scanner;

/// The name of the per-folder ignore file.
pub const IGNORE_FILE: &str = ".trawlignore";

#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    pub paths: Vec<PathBuf>,
    pub follow: bool,
    pub threads: usize,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Walk in name order on one thread, for reproducible output.
    pub sort: bool,
    /// Files never to scan (the run's own output).
    pub skip_paths: Vec<PathBuf>,
}

/// Name globs and path globs, matched the gitignore way.
struct Globs {
    names: GlobSet,
    paths: GlobSet,
    empty: bool,
}

impl Globs {
    fn new(flag: &str, globs: &[String]) -> Result<Globs, String> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for g in globs {
            let trimmed = g.trim_start_matches("./").trim_end_matches('/');
            let glob = globset::GlobBuilder::new(trimmed.trim_start_matches('/'))
                .literal_separator(true)
                .build()
                .map_err(|e| format!("{flag} {g}: {e}"))?;
            if trimmed.contains('/') {
                paths.add(glob);
                // "dir/**" should also match "dir" itself.
                if let Some(d) = trimmed.strip_suffix("/**") {
                    paths.add(
                        Glob::new(d.trim_start_matches('/'))
                            .map_err(|e| format!("{flag} {g}: {e}"))?,
                    );
                }
            } else {
                names.add(glob);
            }
        }
        Ok(Globs {
            names: names.build().map_err(|e| e.to_string())?,
            paths: paths.build().map_err(|e| e.to_string())?,
            empty: globs.is_empty(),
        })
    }

    fn matches(&self, rel: &Path) -> bool {
        rel.file_name().is_some_and(|n| self.names.is_match(n)) || self.paths.is_match(rel)
    }
}

fn relative<'p>(path: &'p Path, roots: &[PathBuf]) -> &'p Path {
    roots
        .iter()
        .filter_map(|r| path.strip_prefix(r).ok())
        .min_by_key(|p| p.as_os_str().len())
        .unwrap_or(path)
}

/// Walks `opts.paths` and scans every file with `scanner`.
pub fn run(scanner: &Scanner, opts: &WalkOptions) -> Result<(), String> {
    let include = Globs::new("--include", &opts.include)?;
    let exclude = std::sync::Arc::new(Globs::new("--exclude", &opts.exclude)?);
    let mut roots = Vec::new();
    for p in &opts.paths {
        if std::fs::symlink_metadata(p).is_err() && std::fs::metadata(p).is_err() {
            scanner.walk_error(&p.to_string_lossy(), "no such file or directory");
            continue;
        }
        roots.push(p.clone());
    }
    let Some(first) = roots.first() else {
        return Ok(());
    };
    let mut wb = WalkBuilder::new(first);
    for r in &roots[1..] {
        wb.add(r);
    }
    wb.hidden(false)
        .ignore(false)
        .git_ignore(false)
        .git_global(false)
        .git_exclude(false)
        .parents(false)
        .require_git(false)
        .follow_links(opts.follow)
        .add_custom_ignore_filename(IGNORE_FILE)
        .threads(opts.threads);
    if opts.sort {
        wb.sort_by_file_name(|a, b| a.cmp(b));
    }
    // Excluded folders are pruned here, so their contents are never listed.
    let excluded_dirs = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    if !exclude.empty {
        let (ex, count, roots2) = (exclude.clone(), excluded_dirs.clone(), roots.clone());
        wb.filter_entry(move |e| {
            if e.depth() == 0 || !e.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            if ex.matches(relative(e.path(), &roots2)) {
                log::debug!("skipping {}: folder matches --exclude", e.path().display());
                count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                return false;
            }
            true
        });
    }
    let skip: Vec<PathBuf> = opts
        .skip_paths
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();

    // What to do with one walk entry; returns whether to descend.
    let visit = |worker: &mut crate::scan::Worker<'_>,
                 res: Result<ignore::DirEntry, ignore::Error>|
     -> WalkState {
        if scanner
            .reporter
            .closed
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            return WalkState::Quit;
        }
        let entry = match res {
            Ok(e) => e,
            Err(err) => {
                let (path, msg) = describe_walk_error(&err);
                if is_loop(&err) {
                    // Not unreadable data: a structure we refuse to follow.
                    scanner.reporter.notice(&path, &msg);
                    scanner.count_skip("symbolic link loop, not followed");
                } else {
                    scanner.walk_error(&path, &msg);
                }
                return WalkState::Continue;
            }
        };
        let path = entry.path();
        let explicit = entry.depth() == 0;
        let Some(ft) = entry.file_type() else {
            return WalkState::Continue;
        };
        let rel = relative(path, &roots);
        if ft.is_dir() {
            return WalkState::Continue;
        }
        if ft.is_symlink() {
            log::debug!("skipping {}: symbolic link (use --follow)", path.display());
            scanner.count_skip("symbolic link not followed (use --follow)");
            return WalkState::Continue;
        }
        if !explicit {
            if !exclude.empty && exclude.matches(rel) {
                log::debug!("skipping {}: matches --exclude", path.display());
                scanner.count_skip("excluded by --exclude");
                return WalkState::Continue;
            }
            if !include.empty && !include.matches(rel) {
                log::debug!("skipping {}: does not match --include", path.display());
                scanner.count_skip("not matched by --include");
                return WalkState::Continue;
            }
        }
        if !skip.is_empty() && path.canonicalize().is_ok_and(|c| skip.contains(&c)) {
            log::debug!("skipping {}: the run's own output", path.display());
            scanner.count_skip("this run's own output");
            return WalkState::Continue;
        }
        if entry.file_name().to_string_lossy().starts_with(".trawl-")
            && entry.file_name().to_string_lossy().ends_with(".tmp")
        {
            log::debug!("skipping {}: a trawl output being written", path.display());
            scanner.count_skip("a trawl report being written");
            return WalkState::Continue;
        }
        worker.scan_file(path, explicit);
        WalkState::Continue
    };

    if opts.sort || opts.threads <= 1 {
        let mut worker = scanner.worker();
        for res in wb.build() {
            if let WalkState::Quit = visit(&mut worker, res) {
                break;
            }
        }
    } else {
        wb.build_parallel().run(|| {
            let mut worker = scanner.worker();
            let visit = &visit;
            Box::new(move |res| visit(&mut worker, res))
        });
    }
    scanner.count_folders_excluded(excluded_dirs.load(std::sync::atomic::Ordering::Relaxed));
    Ok(())
}

fn is_loop(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

fn describe_walk_error(err: &ignore::Error) -> (String, String) {
    match err {
        ignore::Error::WithPath { path, err } => {
            let (_, msg) = describe_walk_error(err);
            (path.to_string_lossy().into_owned(), msg)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe_walk_error(err)
        }
        ignore::Error::Loop { child, ancestor } => (
            child.to_string_lossy().into_owned(),
            format!(
                "symlink loop (points back to {}); not followed",
                ancestor.display()
            ),
        ),
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            (String::new(), "permission denied".to_string())
        }
        other => (String::new(), other.to_string()),
    }
}

//! `trawl report`: the inventory of an index, from `trawl::index::report`.
//!
//! The index is opened read-only: a report never changes it, and can be
//! taken while an update runs.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use crate::cli::ReportArgs;
use trawl::catalog::Catalog;
use trawl::index::report;

use trawl::index::store::SCHEMA_VERSION;

pub fn run(args: ReportArgs) -> Result<u8> {
    let mut catalog = Catalog::builtin()?;
    catalog.set_notice(&args.notice)?;
    let conn = open(&args.db)?;
    let mut out = Vec::new();
    report::write(&conn, &catalog, args.format, &mut out)?;
    match &args.output {
        Some(o) => crate::subject_cmd::write_private(o, &out)?,
        None => {
            let mut so = std::io::stdout().lock();
            match so.write_all(&out).and_then(|()| so.flush()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(e).context("cannot write the report"),
            }
        }
    }
    Ok(0)
}

/// The index at `path`, read-only, checked to be one this trawl reads.
fn open(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        bail!(
            "no index at {} (create one with `trawl index update PATH... --db {}`)",
            path.display(),
            path.display()
        );
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open the index {}", path.display()))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .with_context(|| format!("{} is not a trawl index", path.display()))?;
    if version != SCHEMA_VERSION {
        bail!(
            "{} is an index from another version of trawl (schema version {version}; \
             this trawl reads version {SCHEMA_VERSION})",
            path.display()
        );
    }
    Ok(conn)
}

//! `trawl report`: the inventory of an index, from `trawl::index::report`.
//!
//! The index is opened read-only: a report never changes it, and can be
//! taken while an update runs.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::ReportArgs;
use trawl::catalog::Catalog;
use trawl::index::{report, store};

pub fn run(args: ReportArgs) -> Result<u8> {
    let mut catalog = Catalog::builtin()?;
    catalog.set_notice(&args.notice)?;
    let conn = store::open_read_only(&args.db).map_err(anyhow::Error::msg)?;
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

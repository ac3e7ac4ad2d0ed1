//! Labelled synthetic corpus: generate it, and score trawl's findings
//! against its labels.
//!
//! ```text
//! cargo bench --bench corpus -- generate DIR [--mb N] [--seed S] [--file-mb M] [--csv-share F]
//!                                            [--profile dense|typical] [--filler K]
//! trawl scan DIR --format jsonl --as-of 2026-11-23 > findings.jsonl
//! cargo bench --bench corpus -- evaluate DIR findings.jsonl [--min-confidence low|medium|high]
//! ```
//!
//! With no command it prints this usage and exits 0, so that a plain
//! `cargo bench` does not fail.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/corpus.rs"]
mod corpus;

use cli::{Args, Failure, opt, with_path};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage:
  corpus generate DIR [--mb N] [--seed S] [--file-mb M] [--csv-share F]
                     [--profile dense|typical] [--filler K]
      Writes a labelled synthetic corpus to DIR/text/*.txt, DIR/csv/*.csv and
      DIR/labels.jsonl (defaults: 20 MB, seed 1, 2 MB files, CSV share 0.5).
      --profile typical puts K=6 neutral sentences before each identifier
      sentence of prose and makes 20% of files CSV exports (dense: K=0, 50%).
  corpus evaluate DIR FINDINGS.jsonl [--min-confidence low|medium|high]
      Scores a `trawl scan DIR --format jsonl --as-of 2026-11-23` output
      against DIR/labels.jsonl and prints a Markdown table per rule.
  (through cargo: cargo bench --bench corpus -- COMMAND ...)";

fn main() -> ExitCode {
    cli::main(
        "corpus",
        USAGE,
        &[
            cli::Command {
                name: "generate",
                positional: 1,
                options: &[
                    "--mb",
                    "--seed",
                    "--file-mb",
                    "--csv-share",
                    "--filler",
                    "--profile",
                ],
                run: generate,
            },
            cli::Command {
                name: "evaluate",
                positional: 2,
                options: &["--min-confidence"],
                run: evaluate,
            },
        ],
    )
}

fn generate(a: &Args) -> Result<(), Failure> {
    let dir = PathBuf::from(&a.positional[0]);
    let mb: f64 = opt(a, "--mb", 20.0)?;
    let file_mb: f64 = opt(a, "--file-mb", 2.0)?;
    // --profile typical: prose with filler between identifier sentences
    // and fewer CSV exports; dense (the default) is the labelled test corpus.
    let typical = match a.options.get("--profile").map(String::as_str) {
        None | Some("dense") => false,
        Some("typical") => true,
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--profile {other}: dense or typical"
            )));
        }
    };
    let csv_share: f64 = opt(a, "--csv-share", if typical { 0.2 } else { 0.5 })?;
    let filler: u32 = opt(a, "--filler", if typical { 6 } else { 0 })?;
    if !(mb > 0.0 && file_mb > 0.0 && (0.0..=1.0).contains(&csv_share)) {
        return Err(Failure::Usage(
            "--mb and --file-mb must be positive, --csv-share within 0..1".into(),
        ));
    }
    let opts = corpus::GenOptions {
        seed: opt(a, "--seed", 1)?,
        total_bytes: (mb * 1_048_576.0) as u64,
        file_bytes: ((file_mb * 1_048_576.0) as u64).max(1),
        csv_share,
        filler,
    };
    std::fs::create_dir_all(&dir).map_err(|e| with_path(e, &dir))?;
    let started = Instant::now();
    let labels = corpus::generate(&dir, &opts).map_err(|e| with_path(e, &dir))?;
    let secs = started.elapsed().as_secs_f64();
    let plan = corpus::plan(&opts);
    let mut bytes = 0u64;
    for (path, _, _) in &plan {
        bytes += std::fs::metadata(dir.join(path))?.len();
    }
    let csv = plan.iter().filter(|p| p.1).count();
    println!(
        "wrote {} files ({} text, {} CSV), {} bytes ({:.1} MB) and {} labels to {} in {:.2} s ({:.0} MB/s)",
        plan.len(),
        plan.len() - csv,
        csv,
        bytes,
        bytes as f64 / 1_048_576.0,
        labels.len(),
        dir.display(),
        secs,
        bytes as f64 / 1_048_576.0 / secs.max(1e-9)
    );
    let mut per: BTreeMap<&str, u64> = BTreeMap::new();
    for l in &labels {
        *per.entry(l.rule.as_str()).or_default() += 1;
    }
    println!("\n| rule | labels |\n|---|---:|");
    for (rule, n) in &per {
        println!("| {rule} | {n} |");
    }
    println!("| **total** | {} |", labels.len());
    println!(
        "\nscan with: trawl scan {} --format jsonl --as-of {:04}-{:02}-{:02} > findings.jsonl",
        dir.display(),
        corpus::AS_OF.0,
        corpus::AS_OF.1,
        corpus::AS_OF.2
    );
    Ok(())
}

fn evaluate(a: &Args) -> Result<(), Failure> {
    let dir = Path::new(&a.positional[0]);
    let findings_path = Path::new(&a.positional[1]);
    let min: String = opt(a, "--min-confidence", "low".to_string())?;
    if corpus::confidence_rank(&min).is_none() {
        return Err(Failure::Usage(format!(
            "--min-confidence must be low, medium or high, not {min:?}"
        )));
    }
    let labels_path = dir.join("labels.jsonl");
    let labels = corpus::read_labels(&labels_path).map_err(|e| with_path(e, &labels_path))?;
    let text = std::fs::read_to_string(findings_path).map_err(|e| with_path(e, findings_path))?;
    let findings = corpus::parse_findings(&text, &a.positional[0], &min)?;
    let scores = corpus::score(&labels, &findings);
    println!(
        "Findings at confidence >= {min} against {} labels:\n",
        labels.len()
    );
    print!("{}", corpus::table(&scores));
    Ok(())
}

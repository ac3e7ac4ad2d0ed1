//! Shared by the bench programs (`corpus`, `lexeval`): their small
//! command-line parser, errors, and the score arithmetic.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

pub struct Args {
    pub positional: Vec<String>,
    pub options: BTreeMap<String, String>,
}

pub enum Failure {
    Usage(String),
    Io(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

pub fn with_path(e: std::io::Error, path: &Path) -> Failure {
    Failure::Io(std::io::Error::new(
        e.kind(),
        format!("{}: {e}", path.display()),
    ))
}

pub fn parse(args: &[String], positional: usize, known: &[&str]) -> Result<Args, String> {
    let mut out = Args {
        positional: Vec::new(),
        options: BTreeMap::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some((k, v)) = a.split_once('=').filter(|_| a.starts_with("--")) {
            if !known.contains(&k) {
                return Err(format!("unknown option {k}"));
            }
            out.options.insert(k.to_string(), v.to_string());
        } else if a.starts_with("--") {
            if !known.contains(&a.as_str()) {
                return Err(format!("unknown option {a}"));
            }
            let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
            out.options.insert(a.clone(), v.clone());
        } else {
            out.positional.push(a.clone());
        }
    }
    if out.positional.len() != positional {
        return Err(format!(
            "expected {positional} argument(s), got {}",
            out.positional.len()
        ));
    }
    Ok(out)
}

pub fn opt<T: std::str::FromStr>(a: &Args, name: &str, default: T) -> Result<T, Failure> {
    match a.options.get(name) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| Failure::Usage(format!("{name}: cannot read {v:?}"))),
    }
}

/// Prints a failure the way both programs do and gives the exit code.
pub fn exit(program: &str, usage: &str, run: Result<(), Failure>) -> ExitCode {
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(e)) => {
            eprintln!("{program}: {e}\n\n{usage}");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) => {
            eprintln!("{program}: {e}");
            ExitCode::FAILURE
        }
    }
}

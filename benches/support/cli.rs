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

/// One subcommand of a bench program: its name, how many positional
/// arguments it takes, its options, and what runs it.
pub struct Command {
    pub name: &'static str,
    pub positional: usize,
    pub options: &'static [&'static str],
    pub run: fn(&Args) -> Result<(), Failure>,
}

/// The whole `main` of a bench program: reads the arguments (cargo's
/// `--bench` left out), prints `usage` for help, runs the named command,
/// and maps its outcome to an exit code.
pub fn main(program: &str, usage: &str, commands: &[Command]) -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let name = match args.first().map(String::as_str) {
        None | Some("help" | "-h" | "--help") => {
            println!("{usage}");
            return ExitCode::SUCCESS;
        }
        Some(name) => name,
    };
    let parsed = commands
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| format!("unknown command {name:?}"))
        .and_then(|c| parse(&args[1..], c.positional, c.options).map(|a| (c, a)));
    match parsed {
        Ok((c, a)) => exit(program, usage, (c.run)(&a)),
        Err(e) => {
            eprintln!("{program}: {e}\n\n{usage}");
            ExitCode::from(2)
        }
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

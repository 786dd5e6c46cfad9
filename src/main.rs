//! The `pfocr2rdf` command: parses flags and calls the library.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pfocr2rdf::diag::{Diagnostic, Severity};
use pfocr2rdf::output::{Compression, Output, OutputError, shard_name, void_name};
use pfocr2rdf::report::{ReportCollector, warning_kind};
use pfocr2rdf::{Events, Format, Options, Summary, Void, convert_to};

const EXAMPLES: &str = "\
Examples:
  pfocr2rdf _figures/PMC5308639__oncotarget-07-61107-g007.md   one front-matter file (any extension)
  pfocr2rdf records/ > out.ttl                   a folder, walked recursively in sorted order
  pfocr2rdf pfocr-database/ -o out.nt            a pfocr-database folder: _figures/ paired with _data/ TSVs
  pfocr2rdf - < figures.md                       standard input: one or more ---delimited documents
  cat _figures/*.md | pfocr2rdf -f nquads        the same, with nothing given
  pfocr2rdf records/ -f jsonld -o out.jsonld     expanded JSON-LD
  pfocr2rdf records/ --strict                    stop at the first bad record
  pfocr2rdf records/ -o out.nq.gz --void         gzipped N-Quads with a VoID description
  pfocr2rdf records/ -f nq --compress gzip | zcat | head
  pfocr2rdf records/ -f nq --split 8 --compress gzip -o dump/   dump/part-0000.nq.gz ... part-0007.nq.gz
  pfocr2rdf records/ --report report.json -o out.ttl            every problem as JSON
  pfocr2rdf completions bash > /etc/bash_completion.d/pfocr2rdf

Exit status: 0 all records converted; 1 a record failed (or none found), or the output
could not be written; 2 usage error.";

const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (pfocr vocabulary ",
    env!("PFOCR_VOCAB_VERSION"),
    ")"
);

/// A progress bar is shown for runs of more records than this.
const PROGRESS_MIN: u64 = 500;

/// Convert PFOCR (Pathway Figure OCR) figure records to RDF.
#[derive(Parser, Debug)]
#[command(name = "pfocr2rdf", version = VERSION, about, after_help = EXAMPLES)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Front-matter files, folders, pfocr-database folders, or `-` for standard input (the default).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Output format: turtle (ttl), ntriples (nt), nquads (nq), trig, jsonld (json-ld).
    /// Default: from the -o file's extension (before .gz/.zst), else turtle.
    #[arg(short, long, value_name = "FORMAT")]
    format: Option<Format>,

    /// Write to FILE instead of standard output (FILE.gz: gzip, FILE.zst: zstd); with --split, a folder.
    /// The file is written under a temporary name and renamed when complete.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Compress: gzip or zstd (for standard output and --split; a -o file is compressed by its extension).
    #[arg(long, value_name = "gzip|zstd")]
    compress: Option<Compression>,

    /// Write N shards part-0000.EXT ... into the -o folder; a figure goes to shard FNV-1a-64(figid) mod N.
    #[arg(long, value_name = "N", requires = "output", value_parser = clap::value_parser!(u32).range(1..=10000))]
    split: Option<u32>,

    /// Add a VoID/DCAT description of the dump (with --split: the file void.EXT beside the shards).
    #[arg(long)]
    void: bool,

    /// Write only the VoID/DCAT description (the records are still read and counted).
    #[arg(long, conflicts_with_all = ["void", "split"])]
    void_only: bool,

    /// Write a JSON report: failed records, warnings per kind, unmapped keys, totals.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,

    /// Stop at the first bad record (exit status 1); a -o file is then not written.
    #[arg(long)]
    strict: bool,

    /// Write https://schema.org/ terms instead of http://schema.org/.
    #[arg(long)]
    schema_https: bool,

    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,

    /// No summary line and no progress bar on standard error (problems are still reported).
    #[arg(short, long)]
    quiet: bool,

    /// Show every warning (by default, after 20 of one kind the rest of that
    /// kind are only counted; errors are always shown).
    #[arg(short, long)]
    verbose: bool,
}

/// Warnings of one kind (`genes[].entrez`, ...) shown before the rest are
/// only counted: a corpus with the same gap in every record should not
/// bury the errors.
const WARNINGS_SHOWN: u64 = 20;

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from the same definition as --help.
    Manpage,
}

fn usage(message: &str) -> ExitCode {
    eprintln!("pfocr2rdf: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "pfocr2rdf", &mut io::stdout());
            return ExitCode::SUCCESS;
        }
        Some(Command::Manpage) => {
            let man = clap_mangen::Man::new(Cli::command());
            let mut out = io::stdout().lock();
            return match man.render(&mut out).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("pfocr2rdf: cannot write standard output: {e}");
                    ExitCode::from(1)
                }
            };
        }
        None => {}
    }
    let split = cli.split.map(|n| n as usize);
    let file_compression = match (&cli.output, split) {
        (Some(path), None) => Compression::from_path(path),
        _ => Compression::None,
    };
    let compression = match (cli.compress, file_compression) {
        (None, c) => c,
        (Some(c), Compression::None) if cli.output.is_none() || split.is_some() => c,
        (Some(c), f) if c == f => c,
        (Some(c), _) => {
            return usage(&format!(
                "--compress {c} with -o {}: a file is compressed by its name (use out.nt.gz or out.nt.zst)",
                cli.output.as_ref().unwrap().display()
            ));
        }
    };
    let format = cli
        .format
        .or_else(|| match split {
            None => cli.output.as_deref().and_then(Format::from_path),
            Some(_) => None,
        })
        .unwrap_or(Format::Turtle);
    let jobs = cli
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if jobs == 0 {
        return usage("--jobs must be at least 1");
    }
    let void = match (cli.void, cli.void_only) {
        (_, true) => Void::Only,
        (true, _) => Void::Add,
        _ => Void::Off,
    };
    let created = if void == Void::Off {
        None
    } else {
        match pfocr2rdf::void::created_from_env() {
            Ok(t) => Some(t),
            Err(e) => return usage(&e),
        }
    };
    let opts = Options {
        format,
        strict: cli.strict,
        schema_https: cli.schema_https,
        jobs,
        void,
        created,
    };

    // The documents: standard output, one file, or a folder of shards
    // (plus void.EXT beside them).
    let target = match (&cli.output, split) {
        (None, _) => "standard output".to_owned(),
        (Some(p), _) => p.display().to_string(),
    };
    let opened = match (&cli.output, split) {
        (None, _) => Output::stdout(compression),
        (Some(path), None) => Output::files(std::slice::from_ref(path), compression),
        (Some(dir), Some(n)) => open_shards(dir, n, format, compression, void == Void::Add),
    };
    let mut output = match opened {
        Ok(o) => o,
        Err(e) => {
            eprintln!("pfocr2rdf: {e}");
            return ExitCode::from(1);
        }
    };

    let mut events = CliEvents {
        quiet: cli.quiet,
        verbose: cli.verbose,
        warnings: BTreeMap::new(),
        bar: None,
        report: cli.report.as_ref().map(|_| ReportCollector::default()),
    };
    let stdin = io::BufReader::new(io::stdin());
    let result = {
        let mut writers = output.writers();
        let void_out = if split.is_some() && void == Void::Add {
            writers.pop()
        } else {
            None
        };
        convert_to(
            &cli.inputs,
            &opts,
            stdin,
            &mut writers,
            void_out,
            &mut events,
        )
    };
    if let Some(bar) = events.bar.take() {
        bar.finish_and_clear();
    }
    events.hidden_warnings();

    let mut status: u8;
    let mut written = false;
    let mut output_error = None;
    let mut summary = Summary::default();
    match result {
        Ok(s) => {
            summary = s;
            status = summary.exit_code() as u8;
            for (key, u) in &summary.unmapped {
                eprintln!(
                    "pfocr2rdf: unmapped key `{key}` in {} records (first in {}): no triples",
                    u.count, u.first_path
                );
            }
            let mut closed = false;
            if summary.stopped && cli.output.is_some() {
                // A stopped run leaves no file that looks complete.
                drop(output);
                eprintln!("pfocr2rdf: stopped by --strict: {target} not written");
            } else {
                match output.commit() {
                    Ok(()) => written = true,
                    Err(e) if is_closed_pipe(&e.error) && cli.output.is_none() => {
                        closed = true;
                        status = 0;
                    }
                    Err(e) => {
                        eprintln!("pfocr2rdf: {e}");
                        output_error = Some(e.to_string());
                        status = 1;
                    }
                }
            }
            if !cli.quiet && !closed {
                eprintln!("{}", summary.line());
            }
        }
        // `pfocr2rdf … | head`: the reader has all it wanted.
        Err(e) if is_closed_pipe(&e) && cli.output.is_none() => {
            drop(output);
            status = 0;
        }
        Err(e) => {
            drop(output);
            let e = OutputError {
                target: target.clone(),
                error: e,
            };
            eprintln!("pfocr2rdf: {e}");
            output_error = Some(e.to_string());
            status = 1;
        }
    }
    if let (Some(path), Some(collected)) = (&cli.report, events.report.take()) {
        let json = collected.json(&summary, status, written, &target, output_error);
        if let Err(e) = write_report(path, &json) {
            eprintln!("pfocr2rdf: {e}");
            status = 1;
        }
    }
    ExitCode::from(status)
}

fn is_closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

fn open_shards(
    dir: &Path,
    n: usize,
    format: Format,
    c: Compression,
    void: bool,
) -> Result<Output, OutputError> {
    std::fs::create_dir_all(dir).map_err(|error| OutputError {
        target: dir.display().to_string(),
        error,
    })?;
    let paths: Vec<PathBuf> = (0..n).map(|i| dir.join(shard_name(i, format, c))).collect();
    let mut out = Output::files(&paths, c)?;
    if void {
        out.add_file(&dir.join(void_name(format, c)), c)?;
    }
    Ok(out)
}

fn write_report(path: &Path, json: &serde_json::Value) -> Result<(), OutputError> {
    let mut out = Output::files(&[path.to_path_buf()], Compression::None)?;
    let mut text = serde_json::to_vec_pretty(json).expect("JSON");
    text.push(b'\n');
    out.writers()[0]
        .write_all(&text)
        .map_err(|error| OutputError {
            target: path.display().to_string(),
            error,
        })?;
    out.commit()
}

/// Diagnostics to standard error (around the progress bar) and to the report.
struct CliEvents {
    quiet: bool,
    verbose: bool,
    bar: Option<ProgressBar>,
    report: Option<ReportCollector>,
    /// Warnings seen per kind.
    warnings: BTreeMap<String, u64>,
}

impl CliEvents {
    /// One line per kind of warning not shown in full.
    fn hidden_warnings(&self) {
        for (kind, n) in &self.warnings {
            if *n > WARNINGS_SHOWN {
                eprintln!(
                    "pfocr2rdf: {} more warnings for `{kind}` not shown ({n} in all; -v shows every warning, --report FILE counts them by kind)",
                    n - WARNINGS_SHOWN
                );
            }
        }
    }
}

impl Events for CliEvents {
    fn diagnostic(&mut self, d: &Diagnostic) {
        if let Some(r) = &mut self.report {
            r.add(d);
        }
        if d.severity == Severity::Warning && !self.verbose {
            let seen = self.warnings.entry(warning_kind(&d.field)).or_default();
            *seen += 1;
            if *seen > WARNINGS_SHOWN {
                return;
            }
        }
        let print = || {
            let _ = writeln!(io::stderr().lock(), "{d}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    fn wants_total(&self) -> bool {
        !self.quiet && io::stderr().is_terminal()
    }

    fn start(&mut self, total: Option<u64>) {
        let Some(total) = total else { return };
        if self.quiet || total <= PROGRESS_MIN || !io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {human_pos}/{human_len} records  {rate:>9}  ETA {eta}",
            )
            .expect("template")
            .with_key(
                "rate",
                |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}/s", s.per_sec());
                },
            ),
        );
        bar.tick();
        self.bar = Some(bar);
    }

    fn record_done(&mut self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}

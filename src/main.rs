//! The `pfocr2rdf` command: parses flags and calls the library.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use pfocr2rdf::{Format, Options, convert};

const EXAMPLES: &str = "\
Examples:
  pfocr2rdf _figures/PMC5308639__oncotarget-07-61107-g007.md   one front-matter file (any extension)
  pfocr2rdf records/ > out.ttl                   a folder, walked recursively in sorted order
  pfocr2rdf pfocr-database/ -o out.nt            a pfocr-database folder: _figures/ paired with _data/ TSVs
  pfocr2rdf - < figures.md                       standard input: one or more ---delimited documents
  cat _figures/*.md | pfocr2rdf -f nquads        the same, with nothing given
  pfocr2rdf records/ -f jsonld -o out.jsonld     expanded JSON-LD
  pfocr2rdf records/ --strict                    stop at the first bad record

Exit status: 0 all records converted; 1 a record failed (or none found); 2 usage error.";

/// Output buffer: figure chunks of N-Triples are often larger, and then go
/// to the file directly instead of being copied through the buffer.
const OUT_BUFFER: usize = 64 * 1024;

/// Convert PFOCR (Pathway Figure OCR) figure records to RDF.
#[derive(Parser, Debug)]
#[command(name = "pfocr2rdf", version, about, after_help = EXAMPLES)]
struct Cli {
    /// Front-matter files, folders, pfocr-database folders, or `-` for standard input (the default).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Output format: turtle (ttl), ntriples (nt), nquads (nq), trig, jsonld (json-ld).
    /// Default: from the -o file's extension, else turtle.
    #[arg(short, long, value_name = "FORMAT")]
    format: Option<Format>,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Stop at the first bad record (exit status 1).
    #[arg(long)]
    strict: bool,

    /// Write https://schema.org/ terms instead of http://schema.org/.
    #[arg(long)]
    schema_https: bool,

    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,

    /// No summary line on standard error (problems are still reported).
    #[arg(short, long)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let format = cli
        .format
        .or_else(|| cli.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Turtle);
    let jobs = cli
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if jobs == 0 {
        eprintln!("pfocr2rdf: --jobs must be at least 1");
        return ExitCode::from(2);
    }
    let opts = Options {
        format,
        strict: cli.strict,
        schema_https: cli.schema_https,
        jobs,
    };
    let mut out: Box<dyn Write> = match &cli.output {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(BufWriter::with_capacity(OUT_BUFFER, f)),
            Err(e) => {
                eprintln!("pfocr2rdf: cannot write {}: {e}", path.display());
                return ExitCode::from(1);
            }
        },
        None => Box::new(BufWriter::with_capacity(OUT_BUFFER, io::stdout().lock())),
    };
    let stderr = io::stderr();
    let mut on_diag = |d: &pfocr2rdf::diag::Diagnostic| {
        let _ = writeln!(stderr.lock(), "{d}");
    };
    let stdin = io::BufReader::new(io::stdin());
    match convert(&cli.inputs, &opts, stdin, &mut out, &mut on_diag) {
        Ok(summary) => {
            for (key, u) in &summary.unmapped {
                eprintln!(
                    "pfocr2rdf: unmapped key `{key}` in {} records (first in {}): no triples",
                    u.count, u.first_path
                );
            }
            if !cli.quiet {
                eprintln!("{}", summary.line());
            }
            ExitCode::from(summary.exit_code() as u8)
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let target = cli
                .output
                .as_ref()
                .map_or("standard output".to_owned(), |p| p.display().to_string());
            eprintln!("pfocr2rdf: cannot write {target}: {e}");
            ExitCode::from(1)
        }
    }
}

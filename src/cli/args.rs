//! The raw command line, as clap parses it. [`super::plan`] turns it into
//! what to do.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use pfocr2rdf::Format;

use super::output::Codec;

pub const EXAMPLES: &str = "\
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
  pfocr2rdf pfocr-database/ -f kgx -o kgx/       KGX (Biolink Model): kgx/nodes.tsv, kgx/edges.tsv, kgx/content_metadata.json
  pfocr2rdf pfocr-database/ -f kgx-jsonl --compress gzip -o kgx/   kgx/nodes.jsonl.gz, kgx/edges.jsonl.gz
  pfocr2rdf pfocr-database/ -f sparql-update -o update.ru   a SPARQL Update replacing each figure's graph
  pfocr2rdf sync --endpoint http://localhost:7878/query --update-endpoint http://localhost:7878/update pfocr-database/
  pfocr2rdf completions bash > /etc/bash_completion.d/pfocr2rdf

Exit status: 0 all records converted; 1 a record failed (or none found), or the output
could not be written; 2 usage error.";

pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (pfocr vocabulary ",
    env!("PFOCR_VOCAB_VERSION"),
    ")"
);

/// Convert PFOCR (Pathway Figure OCR) figure records to RDF.
#[derive(Parser, Debug)]
#[command(name = "pfocr2rdf", version = VERSION, about, after_help = EXAMPLES)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Front-matter files, folders, pfocr-database folders, or `-` for standard input (the default).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output format: turtle (ttl), ntriples (nt), nquads (nq), trig, jsonld (json-ld), or a media type (text/turtle, application/n-triples, ...);
    /// or kgx / kgx-jsonl: KGX (Biolink Model) nodes and edges files in the -o folder;
    /// or sparql-update (ru): per figure, DROP SILENT GRAPH then INSERT DATA (what `sync` sends).
    /// Default: from the -o file's extension (before .gz/.zst), else turtle.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (FILE.gz: gzip, FILE.zst: zstd); with --split or -f kgx, a folder.
    /// The file is written under a temporary name and renamed when complete.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Compress: gzip or zstd (for standard output, --split and -f kgx; a -o file is compressed by its extension).
    /// Each figure is compressed by the worker thread that converted it, as a gzip member or zstd frame of its own.
    #[arg(long, value_name = "gzip|zstd")]
    pub compress: Option<Codec>,

    /// Compression level: gzip 1 to 9 (default 2), zstd 1 to 19 (default 1).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub compress_level: Option<i64>,

    /// Write N shards part-0000.EXT ... into the -o folder; a figure goes to shard FNV-1a-64(figid) mod N.
    #[arg(long, value_name = "N", requires = "output", value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub split: Option<u32>,

    /// Add a VoID/DCAT description of the dump (with --split: the file void.EXT beside the shards).
    #[arg(long)]
    pub void: bool,

    /// Write only the VoID/DCAT description (the records are still read and counted).
    #[arg(long, conflicts_with_all = ["void", "split"])]
    pub void_only: bool,

    /// Write a JSON report: failed records, warnings per kind, unmapped keys, totals.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Stop at the first bad record (exit status 1); a -o file is then not written.
    #[arg(long)]
    pub strict: bool,

    /// Write https://schema.org/ terms instead of http://schema.org/.
    #[arg(long)]
    pub schema_https: bool,

    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// No summary line and no progress bar on standard error (problems are still reported).
    #[arg(short, long)]
    pub quiet: bool,

    /// Show every warning (by default, after 20 of one kind the rest of that
    /// kind are only counted; errors are always shown).
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from the same definition as --help.
    Manpage,
    /// Bring a SPARQL 1.1 store in line with the inputs, sending only the figures that changed.
    ///
    /// Asks the store for every figure graph's pfocr:sourceDigest, converts the inputs, then per
    /// changed figure sends DROP SILENT GRAPH and INSERT DATA (the digest last), and drops the
    /// figure graphs no input gives. Other graphs are never touched. A second run finishes
    /// what a failed or killed run left.
    #[command(after_help = SYNC_EXAMPLES)]
    Sync(Box<SyncArgs>),
}

pub const SYNC_EXAMPLES: &str = "\
Examples:
  pfocr2rdf sync --endpoint http://localhost:7878/query --update-endpoint http://localhost:7878/update pfocr-database/
  pfocr2rdf sync --endpoint http://localhost:8890/sparql --user dba pfocr-database/   (password in PFOCR2RDF_PASSWORD)
  pfocr2rdf sync --endpoint https://example.org/sparql --dry-run pfocr-database/     print the plan, send nothing

Exit status: 0 in sync; 1 a record failed, a request failed after its retries (the figures are
named; run again to finish), the store could not be read, or --max-delete refused; 2 usage error.";

/// `pfocr2rdf sync`.
#[derive(clap::Args, Debug)]
pub struct SyncArgs {
    /// Files, folders or pfocr-database folders (not standard input).
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// The SPARQL 1.1 query endpoint (Oxigraph: http://HOST:7878/query; Virtuoso: http://HOST:8890/sparql).
    #[arg(long, value_name = "URL")]
    pub endpoint: String,

    /// The SPARQL 1.1 update endpoint (default: the --endpoint URL; Oxigraph: http://HOST:7878/update).
    #[arg(long, value_name = "URL")]
    pub update_endpoint: Option<String>,

    /// Figures per update request, at most.
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,

    /// Bytes per update request, at most (a larger figure goes alone).
    #[arg(long, value_name = "BYTES", default_value_t = 4 << 20, value_parser = clap::value_parser!(u64).range(1024..))]
    pub max_request_bytes: u64,

    /// Update requests in flight.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub connections: u32,

    /// Seconds before a request is given up (then retried).
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,

    /// Retries of a request after a connection error, a timeout, HTTP 5xx or 429 (Retry-After is honoured), with exponential backoff and jitter.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub retries: u32,

    /// Print the plan (add/update/delete and the figid, one a line) and send nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Refuse the whole sync, sending nothing, when more figures would be deleted (default: 10% of the figures in the store, rounded up).
    #[arg(long, value_name = "N", conflicts_with = "no_delete")]
    pub max_delete: Option<u64>,

    /// Delete nothing: figure graphs that no input gives stay in the store.
    #[arg(long)]
    pub no_delete: bool,

    /// HTTP Basic user; the password is read from the environment variable PFOCR2RDF_PASSWORD.
    /// Without --user, a bearer token is read from PFOCR2RDF_TOKEN when set.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Trust the PEM certificates in FILE (and only them) for HTTPS.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,

    /// Rows per page when reading the store's digests (Virtuoso returns at most 10000 by default).
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    pub page_size: u32,

    /// Write https://schema.org/ terms instead of http://schema.org/ (part of every digest).
    #[arg(long)]
    pub schema_https: bool,

    /// Conversion threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Write a JSON report: added, updated, unchanged, deleted, failed, failed_figures, failed records.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// No summary line and no progress bar.
    #[arg(short, long)]
    pub quiet: bool,

    /// Show every warning.
    #[arg(short, long)]
    pub verbose: bool,
}

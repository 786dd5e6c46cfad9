//! From the raw flags to what to do: every usage error is found here,
//! before anything is read or written.

use std::path::{Path, PathBuf};

use pfocr2rdf::{Format, Options, Void};

use super::args::{Cli, Command};
use super::output::{Codec, Output, OutputError, shard_name, void_name};

/// What the command line asks for.
pub enum Mode {
    Completions(clap_complete::Shell),
    Manpage,
    Convert(Plan),
    Sync(Box<super::sync::SyncPlan>),
}

/// A conversion, resolved.
pub struct Plan {
    pub inputs: Vec<PathBuf>,
    pub options: Options,
    pub target: Target,
    pub report: Option<PathBuf>,
    pub quiet: bool,
    pub verbose: bool,
}

/// Where the documents go (the codec names the files; the bytes come
/// compressed from the library, see [`Options::compression`]).
pub enum Target {
    Stdout,
    File(PathBuf),
    /// `--split N -o DIR/`, with the description's own file when `--void`.
    Shards {
        dir: PathBuf,
        n: usize,
        codec: Codec,
        description: bool,
    },
    /// `-f kgx|kgx-jsonl -o DIR/`: the nodes and edges tables and the
    /// metadata file, committed together.
    Kgx {
        dir: PathBuf,
        codec: Codec,
    },
}

impl Target {
    /// The name in messages and the report.
    pub fn name(&self) -> String {
        match self {
            Target::Stdout => "standard output".into(),
            Target::File(p) | Target::Shards { dir: p, .. } | Target::Kgx { dir: p, .. } => {
                p.display().to_string()
            }
        }
    }

    /// Whether the documents go to files (renamed only when complete).
    pub fn is_file(&self) -> bool {
        !matches!(self, Target::Stdout)
    }

    pub fn open(&self, format: Format) -> Result<Output, OutputError> {
        match self {
            Target::Stdout => Ok(Output::stdout()),
            Target::File(path) => Output::files(std::slice::from_ref(path)),
            Target::Shards {
                dir,
                n,
                codec,
                description,
            } => open_shards(dir, *n, format, *codec, *description),
            Target::Kgx { dir, codec } => open_kgx(dir, format, *codec),
        }
    }
}

/// `DIR/nodes.EXT`, `DIR/edges.EXT` (compressed as asked) and
/// `DIR/content_metadata.json`.
fn open_kgx(dir: &Path, format: Format, c: Codec) -> Result<Output, OutputError> {
    std::fs::create_dir_all(dir).map_err(|error| OutputError {
        target: dir.display().to_string(),
        error,
    })?;
    let paths: Vec<PathBuf> = kgx_names(format, c)
        .iter()
        .map(|name| dir.join(name))
        .collect();
    let mut out = Output::files(&paths)?;
    out.add_description(&dir.join(KGX_METADATA))?;
    Ok(out)
}

/// The file of a KGX export's metadata.
pub const KGX_METADATA: &str = "content_metadata.json";

/// The file names of a KGX export's two tables.
pub fn kgx_names(format: Format, c: Codec) -> [String; 2] {
    ["nodes", "edges"].map(|t| format!("{t}.{}{}", format.extension(), c.suffix()))
}

fn open_shards(
    dir: &Path,
    n: usize,
    format: Format,
    c: Codec,
    description: bool,
) -> Result<Output, OutputError> {
    std::fs::create_dir_all(dir).map_err(|error| OutputError {
        target: dir.display().to_string(),
        error,
    })?;
    let paths: Vec<PathBuf> = (0..n).map(|i| dir.join(shard_name(i, format, c))).collect();
    let mut out = Output::files(&paths)?;
    if description {
        out.add_description(&dir.join(void_name(format, c)))?;
    }
    Ok(out)
}

/// Resolves the flags; an `Err` is a usage error (exit status 2).
pub fn resolve(cli: Cli) -> Result<Mode, String> {
    match cli.command {
        Some(Command::Completions { shell }) => return Ok(Mode::Completions(shell)),
        Some(Command::Manpage) => return Ok(Mode::Manpage),
        Some(Command::Sync(args)) => {
            return super::sync::resolve(*args).map(|p| Mode::Sync(Box::new(p)));
        }
        None => {}
    }
    let split = cli.split.map(|n| n as usize);
    if let Some(format) = cli.format.filter(|f| f.is_kgx()) {
        return kgx_plan(cli, format);
    }
    let file_codec = match (&cli.output, split) {
        (Some(path), None) => Codec::from_path(path),
        _ => Codec::None,
    };
    let codec = match (cli.compress, file_codec) {
        (None, c) => c,
        (Some(c), Codec::None) if cli.output.is_none() || split.is_some() => c,
        (Some(c), f) if c == f => c,
        (Some(c), _) => {
            return Err(format!(
                "--compress {c} with -o {}: a file is compressed by its name (use out.nt.gz or out.nt.zst)",
                cli.output.as_deref().unwrap_or(Path::new("")).display()
            ));
        }
    };
    let compression = codec.with_level(cli.compress_level)?;
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
        return Err("--jobs must be at least 1".into());
    }
    if format == Format::SparqlUpdate && (cli.void || cli.void_only) {
        return Err("--void does not apply to -f sparql-update".into());
    }
    let void = match (cli.void, cli.void_only) {
        (_, true) => Void::Only,
        (true, _) => Void::Add,
        _ => Void::Off,
    };
    let created = match void {
        Void::Off => None,
        _ => source_date_epoch()?,
    };
    let target = match (cli.output, split) {
        (None, _) => Target::Stdout,
        (Some(path), None) => Target::File(path),
        (Some(dir), Some(n)) => Target::Shards {
            dir,
            n,
            codec,
            description: void == Void::Add,
        },
    };
    Ok(Mode::Convert(Plan {
        inputs: cli.inputs,
        options: Options {
            format,
            strict: cli.strict,
            schema_https: cli.schema_https,
            jobs,
            void,
            created,
            compression,
        },
        target,
        report: cli.report,
        quiet: cli.quiet,
        verbose: cli.verbose,
    }))
}

/// `-f kgx` / `-f kgx-jsonl`: a folder, no shards, no VoID.
fn kgx_plan(cli: Cli, format: Format) -> Result<Mode, String> {
    let Some(dir) = cli.output else {
        return Err(format!(
            "-f {format} writes nodes and edges files into a folder: give it with -o DIR/"
        ));
    };
    if cli.split.is_some() {
        return Err(format!("--split does not apply to -f {format}"));
    }
    if cli.void || cli.void_only {
        return Err(format!(
            "--void does not apply to -f {format} (its metadata is {KGX_METADATA})"
        ));
    }
    let jobs = cli
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if jobs == 0 {
        return Err("--jobs must be at least 1".into());
    }
    let codec = cli.compress.unwrap_or_default();
    let compression = codec.with_level(cli.compress_level)?;
    Ok(Mode::Convert(Plan {
        inputs: cli.inputs,
        options: Options {
            format,
            strict: cli.strict,
            schema_https: cli.schema_https,
            jobs,
            void: Void::Off,
            created: None,
            compression,
        },
        target: Target::Kgx { dir, codec },
        report: cli.report,
        quiet: cli.quiet,
        verbose: cli.verbose,
    }))
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970), for reproducible output.
fn source_date_epoch() -> Result<Option<i64>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<i64>().map(Some).map_err(|_| {
            format!("SOURCE_DATE_EPOCH={v:?} is not a whole number of seconds since 1970")
        }),
        Err(_) => Ok(None),
    }
}

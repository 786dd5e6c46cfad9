//! The pipeline: sources → records (in parallel) → chunks written in input
//! order. Memory is bounded: at most a fixed window of records is in
//! flight, whatever the size of the corpus.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use crate::diag::{Diagnostic, Report, Severity, show};
use crate::graph::FigureGraph;
use crate::map::Mapper;
use crate::read::frontmatter::{Document, Stream};
use crate::read::{self, Kind, Source};
use crate::write::{Format, Serializer};

/// What to convert to, and how.
#[derive(Clone, Debug)]
pub struct Options {
    pub format: Format,
    /// Stop at the first record that fails.
    pub strict: bool,
    /// Write `https://schema.org/` terms.
    pub schema_https: bool,
    /// Worker threads (at least 1).
    pub jobs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Turtle,
            strict: false,
            schema_https: false,
            jobs: 1,
        }
    }
}

/// An unmapped key: how many records had it, and where it was first seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmapped {
    pub count: u64,
    pub first_path: String,
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub converted: u64,
    pub failed: u64,
    pub triples: u64,
    pub warnings: u64,
    /// Per key, sorted by key.
    pub unmapped: BTreeMap<String, Unmapped>,
    /// `--strict` stopped the run at a failed record.
    pub stopped: bool,
    /// Nothing to convert was found.
    pub empty: bool,
}

impl Summary {
    /// The one-line summary printed on stderr.
    pub fn line(&self) -> String {
        let mut s = format!(
            "pfocr2rdf: {} records converted, {} failed, {} triples written, {} warnings",
            self.converted, self.failed, self.triples, self.warnings
        );
        if self.unmapped.is_empty() {
            s.push_str(", no unmapped keys");
        } else {
            s.push_str(", unmapped keys: ");
            let keys: Vec<String> = self
                .unmapped
                .iter()
                .map(|(k, u)| format!("{k} ({})", u.count))
                .collect();
            s.push_str(&keys.join(", "));
        }
        if self.stopped {
            s.push_str(" (stopped by --strict)");
        }
        s
    }

    /// The exit status: 0 when every record converted, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        if self.failed > 0 || self.empty { 1 } else { 0 }
    }
}

/// How standard input is named in reports.
pub const STDIN: &str = "<stdin>";

/// One unit of work: a record file, or a document from standard input.
enum Job {
    File {
        path: PathBuf,
        companions: Vec<(Kind, PathBuf)>,
    },
    Doc(Result<Document, Diagnostic>),
}

/// The result of one job.
struct Outcome {
    /// The record's file (`<stdin>` for standard input).
    path: String,
    chunk: Vec<u8>,
    triples: u64,
    /// `None` when the record failed.
    figid: Option<String>,
    report: Report,
}

/// Converts `inputs` (paths, `-` for standard input, none = standard input)
/// and writes the serialization to `out`. Every problem goes to `on_diag`
/// as soon as its record is reached in input order.
pub fn convert(
    inputs: &[PathBuf],
    opts: &Options,
    stdin: impl BufRead + Send,
    out: &mut dyn Write,
    on_diag: &mut dyn FnMut(&Diagnostic),
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut report = Report::default();
    let sources = read::discover(inputs, &mut report);
    let discovery_failed = report.has_errors();
    for d in &report.diagnostics {
        count(&mut summary, d);
        on_diag(d);
    }
    if opts.strict && discovery_failed {
        summary.stopped = true;
        return Ok(summary);
    }
    let mapper = Mapper::new(opts.schema_https);
    let prefixes = prefixes(&mapper);
    let serializer = opts.format.serializer(&prefixes);
    let mut head = Vec::new();
    serializer.header(&mut head);
    out.write_all(&head)?;

    let jobs = opts.jobs.max(1);
    // Records in flight: enough to keep every worker busy, few enough that
    // memory does not depend on the corpus.
    let window = jobs * 16;
    let (job_tx, job_rx) = sync_channel::<(Job, SyncSender<Outcome>)>(window);
    let (order_tx, order_rx) = sync_channel::<Receiver<Outcome>>(window);
    let job_rx = Arc::new(Mutex::new(job_rx));

    let mut wrote_chunk = false;
    let mut seen = HashSet::new();
    let result = std::thread::scope(|scope| -> io::Result<()> {
        scope.spawn(move || produce(sources, stdin, job_tx, order_tx));
        for _ in 0..jobs {
            let job_rx = Arc::clone(&job_rx);
            let mapper = &mapper;
            let serializer = &*serializer;
            scope.spawn(move || work(&job_rx, mapper, serializer));
        }
        for rx in order_rx.iter() {
            let Ok(mut outcome) = rx.recv() else { continue };
            if let Some(figid) = &outcome.figid
                && !seen.insert(figid.clone())
            {
                let path = outcome.path.clone();
                outcome.report.diagnostics.clear();
                outcome.report.unmapped.clear();
                outcome.report.error(
                    &path,
                    None,
                    "figid",
                    format!(
                        "figure {} given twice: only the first is converted",
                        show(figid)
                    ),
                );
                outcome.figid = None;
            }
            for d in &outcome.report.diagnostics {
                count(&mut summary, d);
                on_diag(d);
            }
            match outcome.figid {
                Some(_) => {
                    summary.converted += 1;
                    summary.triples += outcome.triples;
                    for key in dedup(outcome.report.unmapped) {
                        summary
                            .unmapped
                            .entry(key)
                            .or_insert_with(|| Unmapped {
                                count: 0,
                                first_path: outcome.path.clone(),
                            })
                            .count += 1;
                    }
                    if !outcome.chunk.is_empty() {
                        if wrote_chunk {
                            out.write_all(serializer.separator())?;
                        }
                        out.write_all(&outcome.chunk)?;
                        wrote_chunk = true;
                    }
                }
                None => {
                    summary.failed += 1;
                    if opts.strict {
                        summary.stopped = true;
                        break;
                    }
                }
            }
        }
        // Dropping the receivers ends the producer and the workers early.
        Ok(())
    });
    result?;
    let mut tail = Vec::new();
    serializer.footer(&mut tail);
    out.write_all(&tail)?;
    out.flush()?;
    if summary.converted == 0 && summary.failed == 0 && !discovery_failed {
        summary.empty = true;
        let what = if inputs.is_empty() {
            "standard input".to_owned()
        } else {
            inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let d = Diagnostic {
            severity: Severity::Error,
            path: what,
            line: None,
            field: String::new(),
            message: "no records found (front-matter files: .md, .markdown, .txt, .yml, .yaml; or a folder with _figures/)"
                .into(),
        };
        on_diag(&d);
    }
    Ok(summary)
}

fn count(summary: &mut Summary, d: &Diagnostic) {
    if d.severity == Severity::Warning {
        summary.warnings += 1;
    }
}

fn dedup(mut keys: Vec<String>) -> Vec<String> {
    keys.sort();
    keys.dedup();
    keys
}

/// The Turtle prefixes, with `schema:` following `--schema-https` (public
/// for the fuzz targets, which serialize figure graphs on their own).
pub fn prefixes(mapper: &Mapper) -> Vec<(&'static str, &'static str)> {
    crate::map::iri::PREFIXES
        .iter()
        .map(|&(p, ns)| {
            if p == "schema" {
                (p, mapper.schema_ns())
            } else {
                (p, ns)
            }
        })
        .collect()
}

/// Feeds jobs to the workers and their result slots to the writer, in
/// input order. Stops when the writer hangs up.
fn produce(
    sources: Vec<Source>,
    stdin: impl BufRead,
    job_tx: SyncSender<(Job, SyncSender<Outcome>)>,
    order_tx: SyncSender<Receiver<Outcome>>,
) {
    let mut stdin = Some(stdin);
    let send = |job: Job| -> bool {
        let (tx, rx) = sync_channel(1);
        order_tx.send(rx).is_ok() && job_tx.send((job, tx)).is_ok()
    };
    for source in sources {
        match source {
            Source::File { path, companions } => {
                if !send(Job::File { path, companions }) {
                    return;
                }
            }
            Source::Stdin => {
                // Standard input can be read only once.
                let Some(input) = stdin.take() else { continue };
                for doc in Stream::new(input) {
                    let doc = doc.map_err(|e| Diagnostic {
                        severity: Severity::Error,
                        path: STDIN.into(),
                        line: e.line,
                        field: String::new(),
                        message: e.message,
                    });
                    if !send(Job::Doc(doc)) {
                        return;
                    }
                }
            }
        }
    }
}

fn work(
    jobs: &Mutex<Receiver<(Job, SyncSender<Outcome>)>>,
    mapper: &Mapper,
    serializer: &dyn Serializer,
) {
    let mut graph = FigureGraph::new();
    loop {
        let next = jobs.lock().map(|rx| rx.recv());
        let Ok(Ok((job, reply))) = next else { return };
        let outcome = run_job(job, mapper, serializer, &mut graph);
        let _ = reply.send(outcome);
    }
}

fn run_job(
    job: Job,
    mapper: &Mapper,
    serializer: &dyn Serializer,
    graph: &mut FigureGraph,
) -> Outcome {
    let mut report = Report::default();
    let (path, record) = match job {
        Job::File { path, companions } => (
            path.display().to_string(),
            read::load_file(&path, &companions, &mut report),
        ),
        Job::Doc(Ok(doc)) => (
            STDIN.to_owned(),
            read::parse_document(&doc, STDIN, &mut report),
        ),
        Job::Doc(Err(d)) => {
            report.diagnostics.push(d);
            (STDIN.to_owned(), None)
        }
    };
    let mut outcome = Outcome {
        path,
        chunk: Vec::new(),
        triples: 0,
        figid: None,
        report,
    };
    let Some(record) = record else { return outcome };
    let Some(mapped) = mapper.map(&record, graph, &mut outcome.report) else {
        return outcome;
    };
    // The rows are in the graph now: free them before the chunk grows (a
    // figure with a million-row TSV would otherwise hold both).
    drop(record);
    graph.finish();
    serializer.figure(graph, &mut outcome.chunk);
    outcome.triples = graph.len() as u64;
    outcome.figid = Some(mapped.figid);
    outcome
}

/// Converts one front-matter file to N-Triples in memory: a convenience
/// for tests and small tools.
pub fn convert_file_to_string(
    path: &Path,
    format: Format,
) -> io::Result<(String, Summary, Vec<Diagnostic>)> {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let opts = Options {
        format,
        ..Options::default()
    };
    let summary = convert(
        &[path.to_path_buf()],
        &opts,
        io::empty(),
        &mut out,
        &mut |d| diags.push(d.clone()),
    )?;
    Ok((
        String::from_utf8(out).expect("output is UTF-8"),
        summary,
        diags,
    ))
}

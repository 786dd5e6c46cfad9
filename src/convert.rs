//! The pipeline: sources → records (in parallel) → chunks written in input
//! order. Memory is bounded: at most a fixed window of records is in
//! flight, whatever the size of the corpus.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufRead, IoSlice, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use crate::compress::{Compression, Packer};
use crate::diag::{Diagnostic, Diagnostics, Severity, show};
use crate::graph::FigureGraph;
use crate::map::Mapper;
use crate::map::kgx::{self, KgxCounts, KgxFigure};
use crate::read::frontmatter::{Stream, StreamDocument};
use crate::read::{self, Found, Kind, Source};
use crate::void::{Counter, Description, Facts, FigureStats, Stats, TOOL_VERSION, VOCAB_VERSION};
use crate::write::kgx::Syntax;
use crate::write::{Format, Serializer};

/// What to convert to, and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The output format.
    pub format: Format,
    /// Stop at the first record that fails.
    pub strict: bool,
    /// Write `https://schema.org/` terms.
    pub schema_https: bool,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// The VoID / DCAT dataset description of the dump (README, "Dataset
    /// description").
    pub void: Void,
    /// The description's creation time, in seconds since 1970 (`None`:
    /// the time of the run).
    pub created: Option<i64>,
    /// Compress every document (see [`convert_to`]): each figure's bytes
    /// become a gzip member or zstd frame of their own, made by the worker
    /// that serialized them.
    pub compression: Compression,
}

/// Whether to describe the dump.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Void {
    /// No description.
    #[default]
    Off,
    /// The figures, then the description: in the same document when there
    /// is one output, else as a separate document (see [`convert_to`]).
    Add,
    /// Only the description (the figures are converted, to be counted, but
    /// not written).
    Only,
}

/// What the caller hears about during a run.
pub trait Events {
    /// A problem, as soon as its record is reached in input order.
    fn diagnostic(&mut self, d: &Diagnostic);
    /// Whether [`start`](Self::start) should get the number of records
    /// (it costs one more walk of the input folders).
    fn wants_total(&self) -> bool {
        false
    }
    /// The run starts: the number of records to read, when asked for and
    /// known (not for standard input).
    fn start(&mut self, _total: Option<u64>) {}
    /// One more record was done (converted or failed).
    fn record_done(&mut self) {}
    /// A figure was converted: its figid, its `pfocr:sourceDigest` and its
    /// serialization (as written to its output, so compressed with
    /// [`Options::compression`]; empty for a KGX format).
    fn figure(&mut self, _figid: &str, _digest: &str, _chunk: &[u8]) {}
}

impl Events for &mut dyn FnMut(&Diagnostic) {
    fn diagnostic(&mut self, d: &Diagnostic) {
        self(d)
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Turtle,
            strict: false,
            schema_https: false,
            jobs: 1,
            void: Void::Off,
            created: None,
            compression: Compression::None,
        }
    }
}

/// An unmapped key: how many records had it, and where it was first seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmapped {
    /// Records that had the key.
    pub count: u64,
    /// The first of them.
    pub first_path: String,
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records converted.
    pub converted: u64,
    /// Records (and inputs) that could not be converted.
    pub failed: u64,
    /// Triples written for the figures.
    pub triples: u64,
    /// Values that gave no triple.
    pub warnings: u64,
    /// Per key, sorted by key.
    pub unmapped: BTreeMap<String, Unmapped>,
    /// `--strict` stopped the run at a failed record.
    pub stopped: bool,
    /// Nothing to convert was found.
    pub empty: bool,
    /// Files in `_data/` folders that are not companion TSVs
    /// (`<figid>-{genes,chemicals,diseases}.tsv`), skipped.
    pub skipped_files: u64,
    /// Triples per output document (one entry, or one per shard), not
    /// counting the dataset description.
    pub triples_per_part: Vec<u64>,
    /// Counted for the dataset description (with [`Void::Add`] / [`Void::Only`]).
    pub stats: Stats,
    /// Nodes and edges written, for a KGX format.
    pub kgx: Option<KgxCounts>,
}

/// How standard input is named in reports.
pub const STDIN: &str = "<stdin>";

/// One unit of work: a record file, or a document from standard input.
enum Job {
    File {
        path: PathBuf,
        companions: Vec<(Kind, PathBuf)>,
    },
    Doc(Result<StreamDocument, Diagnostic>),
    /// A problem discovery found (a missing input, an orphan TSV): passed
    /// along so that it is reported in input order.
    Problem(Diagnostic),
}

/// The result of one job.
struct Outcome {
    /// The record's file (`<stdin>` for standard input).
    path: String,
    chunk: Vec<u8>,
    triples: u64,
    /// `None` when the record failed.
    figid: Option<String>,
    /// The figure's source digest (empty when the record failed).
    digest: String,
    diags: Diagnostics,
    /// For the dataset description (empty unless asked for).
    figure: FigureStats,
    /// A record (converted or failed), not a discovery problem.
    record: bool,
    /// For a KGX format: the nodes (`chunk` holds their rows, back to back)
    /// and the edges.
    kgx: KgxChunk,
}

/// One figure's KGX rows, serialized by a worker.
#[derive(Default)]
struct KgxChunk {
    /// Per node row in `chunk`: its id, categories, whether it has a name,
    /// and end offset.
    nodes: Vec<(String, Vec<&'static str>, bool, usize)>,
    /// The figure's edge rows.
    edges: Vec<u8>,
    /// Per figure edge: its categories and predicate (for the counts).
    edge_keys: Vec<(&'static str, &'static str, &'static str)>,
    /// The genes' taxon edges, written once per export, so serialized by
    /// the writer when new: their ids back to back (one buffer, not a
    /// string an edge, which the writer's thread would free), and per edge
    /// where its gene CURIE (the id's start) ends, where its taxon CURIE
    /// (the id's end) starts, and where it ends.
    once_ids: String,
    once: Vec<(usize, usize, usize)>,
}

/// A KGX node row with no name, held back until a row of the same node
/// gives one (or the end).
struct HeldNode {
    id: Box<str>,
    category: Vec<&'static str>,
    row: Vec<u8>,
}

/// Converts `inputs` (paths, `-` for standard input, none = standard input)
/// and writes the serialization to `out`. Every problem goes to `on_diag`
/// as soon as its record is reached in input order.
///
/// ```
/// use pfocr2rdf::{Diagnostic, Format, Options, convert};
///
/// let dir = std::env::temp_dir().join(format!("pfocr2rdf-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("f1.md"), "---\nfigid: PMC1__f1.jpg\npmcid: PMC1\nyear: MMXX\n---\n")?;
/// let options = Options { format: Format::NTriples, ..Options::default() };
/// let (mut out, mut problems) = (Vec::new(), Vec::new());
/// let summary = convert(&[dir.clone()], &options, std::io::empty(), &mut out, &mut |d: &Diagnostic| {
///     problems.push(d.to_string())
/// })?;
/// assert_eq!((summary.converted, summary.failed, summary.warnings), (1, 0, 1));
/// assert_eq!(summary.triples as usize, out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count());
/// assert!(problems[0].ends_with("year: \"MMXX\" is not a valid xsd:gYear: no triple"));
/// std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn convert(
    inputs: &[PathBuf],
    opts: &Options,
    stdin: impl BufRead + Send,
    out: &mut dyn Write,
    on_diag: &mut dyn FnMut(&Diagnostic),
) -> io::Result<Summary> {
    convert_to(inputs, opts, stdin, &mut [out], None, &mut { on_diag })
}

/// Converts `inputs` into one or more documents.
///
/// With one writer in `outs`, every figure goes to it. With N writers, each
/// figure goes to writer [`shard_of`]`(figid, N)` and each writer gets a
/// complete document of its own (header, figures in input order, footer),
/// empty shards included. The bytes are the same whatever `opts.jobs`.
///
/// The dataset description ([`Options::void`]): with [`Void::Add`], it goes
/// to `void_out` as a document of its own when given, else at the end of
/// the single document in `outs` (before its footer); with [`Void::Only`],
/// the description is the only thing written, to `void_out` or `outs[0]`.
///
/// A KGX format ([`Format::is_kgx`]) takes two writers in `outs`, the nodes
/// table and the edges table, and writes its metadata (JSON) to `void_out`;
/// each node is written once: its first row (input order) that has a name,
/// else, after all the others, its first row; an edge that is not a
/// figure's own (a gene's taxon) is written once too. [`Options::void`]
/// does not apply, nor to [`Format::SparqlUpdate`].
///
/// With [`Options::compression`], every document (the description's too,
/// but not the KGX metadata, which stays plain JSON) is a series of gzip
/// members or zstd frames: the header, each figure's chunk (compressed by
/// the worker that serialized it), the separators between chunks, the
/// description and the footer, each its own; a document with no bytes is
/// one empty member. Decompressed, the bytes are those of the plain output,
/// whatever `opts.jobs`. KGX rows are compressed by the writer, in pieces
/// of about 64 KiB, since it alone knows which rows are new. A level out of
/// range is an `InvalidInput` error.
pub fn convert_to(
    inputs: &[PathBuf],
    opts: &Options,
    stdin: impl BufRead + Send,
    outs: &mut [&mut dyn Write],
    mut void_out: Option<&mut dyn Write>,
    events: &mut dyn Events,
) -> io::Result<Summary> {
    assert!(!outs.is_empty(), "at least one output");
    let kgx_syntax = match opts.format {
        Format::Kgx => Some(Syntax::Tsv),
        Format::KgxJsonl => Some(Syntax::Jsonl),
        _ => None,
    };
    assert!(
        kgx_syntax.is_none() || outs.len() == 2,
        "KGX: a nodes and an edges writer"
    );
    opts.compression
        .check()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let pool = Pool::default();
    let mut sinks = Sinks::new(outs, opts.compression, &pool);
    let mut summary = Summary {
        triples_per_part: vec![0; sinks.outs.len()],
        ..Summary::default()
    };
    let total = if events.wants_total() {
        read::count(inputs)
    } else {
        None
    };
    events.start(total);
    let mapper = Mapper::new(opts.schema_https);
    let prefixes = mapper.prefixes();
    let serializer = opts.format.serializer(&prefixes);
    let figures_out = opts.void != Void::Only || kgx_syntax.is_some();
    let describe =
        opts.void != Void::Off && kgx_syntax.is_none() && opts.format != Format::SparqlUpdate;
    if let Some(syntax) = kgx_syntax {
        for (i, cols) in [kgx::NODE_COLUMNS, kgx::EDGE_COLUMNS]
            .into_iter()
            .enumerate()
        {
            let mut head = Vec::new();
            syntax.header(cols, &mut head);
            sinks.plain(i, &head)?;
        }
    } else if figures_out {
        let mut head = Vec::new();
        serializer.header(&mut head);
        for i in 0..sinks.outs.len() {
            sinks.plain(i, &head)?;
        }
    }
    // The separator between two figure chunks, compressed once.
    sinks.separator = sinks.prepare(serializer.separator());
    // KGX: the new node rows, written (compressed) about 64 KiB at a time.
    let mut node_rows: Vec<u8> = Vec::new();
    let mut edge_rows: Vec<u8> = Vec::new();

    let jobs = opts.jobs.max(1);
    // Batches in flight (BATCH records each): enough to keep every worker
    // busy, few enough that memory does not depend on the corpus.
    let window = jobs * 4;
    let (job_tx, job_rx) = sync_channel::<Batch>(jobs * 2);
    let (order_tx, order_rx) = sync_channel::<Receiver<Vec<Outcome>>>(window);
    let job_rx = Arc::new(Mutex::new(job_rx));

    let shards = sinks.outs.len();
    let mut wrote_chunk = vec![false; shards];
    // Every figid of the run, compared as text (a hash only finds the
    // bucket, under a per-process random key).
    let mut seen: HashSet<Box<str>> = HashSet::new();
    let mut counter = Counter::default();
    // KGX: every node id seen: `None` written, `Some(i)` held back in
    // `held[i]` (no name so far: the first row with a name wins, else the
    // first row, written at the end); the ids of the edges written once per
    // export; the counts.
    let mut nodes_seen: HashMap<Box<str>, Option<usize>> = HashMap::new();
    let mut held: Vec<Option<HeldNode>> = Vec::new();
    let mut edges_seen: HashSet<Box<str>> = HashSet::new();
    let mut kgx_counts = KgxCounts::default();
    let result = std::thread::scope(|scope| -> io::Result<u64> {
        let discovery = read::Discovery::new(inputs);
        let producer = scope.spawn(move || produce(discovery, stdin, job_tx, order_tx));
        // Chunks are compressed where they are made, unless not written.
        let pack = if figures_out {
            opts.compression
        } else {
            Compression::None
        };
        for _ in 0..jobs {
            let job_rx = Arc::clone(&job_rx);
            let mapper = &mapper;
            let serializer = &*serializer;
            let pool = &pool;
            let worker = Worker {
                mapper,
                serializer,
                kgx: kgx_syntax,
                pool,
                describe,
                pack,
            };
            scope.spawn(move || work(&job_rx, worker));
        }
        // Owned here, so that leaving the loop early (a write error,
        // --strict) drops it: the producer's next send fails and it stops,
        // instead of waiting forever on a full channel.
        let order_rx = order_rx;
        // Each batch's outcomes, in input order.
        let outcomes = order_rx.iter().flat_map(|rx| rx.recv().unwrap_or_default());
        for mut outcome in outcomes {
            if !outcome.record {
                // A discovery problem: reported in its place; an error
                // (an input that cannot be read) counts as a failed record.
                let mut failed = false;
                for d in &outcome.diags.diagnostics {
                    count(&mut summary, d);
                    events.diagnostic(d);
                    failed |= d.severity == Severity::Error;
                }
                if failed {
                    summary.failed += 1;
                    if opts.strict {
                        summary.stopped = true;
                        break;
                    }
                }
                continue;
            }
            if let Some(figid) = &outcome.figid
                && !seen.insert(figid.as_str().into())
            {
                let path = outcome.path.clone();
                outcome.diags.diagnostics.clear();
                outcome.diags.unmapped.clear();
                outcome.diags.error(
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
            for d in &outcome.diags.diagnostics {
                count(&mut summary, d);
                events.diagnostic(d);
            }
            match &outcome.figid {
                Some(figid) => {
                    summary.converted += 1;
                    summary.triples += outcome.triples;
                    for key in dedup(outcome.diags.unmapped) {
                        summary
                            .unmapped
                            .entry(key)
                            .or_insert_with(|| Unmapped {
                                count: 0,
                                first_path: outcome.path.clone(),
                            })
                            .count += 1;
                    }
                    let shard = if shards == 1 {
                        0
                    } else {
                        shard_of(figid, shards)
                    };
                    summary.triples_per_part[shard] += outcome.triples;
                    if describe {
                        counter.add(outcome.figure);
                    }
                    if let Some(syntax) = kgx_syntax {
                        let k = &outcome.kgx;
                        let mut start = 0;
                        for (id, category, named, end) in &k.nodes {
                            let row = &outcome.chunk[start..*end];
                            start = *end;
                            match nodes_seen.get_mut(id.as_str()) {
                                Some(state) => {
                                    if let (true, Some(i)) = (*named, *state) {
                                        held[i] = None;
                                        *state = None;
                                        node_rows.extend_from_slice(row);
                                        kgx_counts.node(id, category);
                                    }
                                }
                                None if *named => {
                                    nodes_seen.insert(id.as_str().into(), None);
                                    node_rows.extend_from_slice(row);
                                    kgx_counts.node(id, category);
                                }
                                None => {
                                    nodes_seen.insert(id.as_str().into(), Some(held.len()));
                                    held.push(Some(HeldNode {
                                        id: id.as_str().into(),
                                        category: category.clone(),
                                        row: row.to_vec(),
                                    }));
                                }
                            }
                        }
                        edge_rows.extend_from_slice(&k.edges);
                        for &(s, p, o) in &k.edge_keys {
                            kgx_counts.edge(s, p, o);
                        }
                        // Its taxon edges, in order: each written once per
                        // export, by the first figure that gives it.
                        let mut start = 0;
                        for &(gene_end, taxon_start, end) in &k.once {
                            let id = &k.once_ids[start..end];
                            if !edges_seen.contains(id) {
                                edges_seen.insert(id.into());
                                let gene = &k.once_ids[start..gene_end];
                                let taxon = &k.once_ids[taxon_start..end];
                                let cells = kgx::taxon_edge_cells(id, gene, taxon);
                                syntax.cells(kgx::EDGE_COLUMNS, &cells, &mut edge_rows);
                                let (s, p, o) = kgx::TAXON_EDGE_KEY;
                                kgx_counts.edge(s, p, o);
                            }
                            start = end;
                        }
                        for (i, rows) in [(0, &mut node_rows), (1, &mut edge_rows)] {
                            if rows.len() >= KGX_PIECE {
                                sinks.plain(i, rows)?;
                                rows.clear();
                            }
                        }
                    }
                    events.figure(figid, &outcome.digest, &outcome.chunk);
                    let chunk = std::mem::take(&mut outcome.chunk);
                    if kgx_syntax.is_none() && figures_out && !chunk.is_empty() {
                        sinks.chunk(shard, chunk, wrote_chunk[shard])?;
                        wrote_chunk[shard] = true;
                    } else if !chunk.is_empty() {
                        pool.put(chunk);
                    }
                    if !outcome.kgx.edges.is_empty() {
                        pool.put(std::mem::take(&mut outcome.kgx.edges));
                    }
                    events.record_done();
                }
                None => {
                    summary.failed += 1;
                    events.record_done();
                    if opts.strict {
                        summary.stopped = true;
                        break;
                    }
                }
            }
        }
        // Dropping the receivers ends the producer and the workers early.
        drop(order_rx);
        Ok(producer.join().unwrap_or_default())
    });
    summary.skipped_files = result?;
    if describe {
        summary.stats = counter.finish();
    }
    let created = opts.created.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    let description = |summary: &Summary, inline: bool| {
        let d = Description::new(&Facts {
            format: opts.format,
            schema_ns: mapper.schema_ns(),
            prefixes: &prefixes,
            triples: summary.triples,
            figures: summary.converted,
            stats: &summary.stats,
            created,
        });
        if inline { d.inline() } else { d.document() }
    };
    if kgx_syntax.is_some() {
        for node in held.into_iter().flatten() {
            node_rows.extend_from_slice(&node.row);
            kgx_counts.node(&node.id, &node.category);
        }
        let meta = kgx::metadata(&kgx_counts, TOOL_VERSION, VOCAB_VERSION);
        let mut text = serde_json::to_vec_pretty(&meta).expect("JSON");
        text.push(b'\n');
        sinks.plain(0, &node_rows)?;
        sinks.plain(1, &edge_rows)?;
        sinks.finish()?;
        if let Some(w) = void_out.as_mut() {
            w.write_all(&text)?;
            w.flush()?;
        }
        summary.kgx = Some(kgx_counts);
    } else if figures_out {
        let mut tail = Vec::new();
        serializer.footer(&mut tail);
        let inline_void = describe && opts.void == Void::Add && void_out.is_none() && shards == 1;
        for (i, &wrote) in wrote_chunk.iter().enumerate() {
            if inline_void {
                if wrote {
                    sinks.separate(i)?;
                }
                sinks.plain(i, &description(&summary, true))?;
            }
            sinks.plain(i, &tail)?;
        }
    }
    if describe && !(opts.void == Void::Add && void_out.is_none() && shards == 1) {
        let doc = description(&summary, false);
        match void_out {
            Some(w) => {
                let mut one = [w];
                let mut own = Sinks::new(&mut one, opts.compression, &pool);
                own.plain(0, &doc)?;
                own.finish()?;
            }
            None => sinks.plain(0, &doc)?,
        }
    }
    if kgx_syntax.is_none() {
        sinks.finish()?;
    }
    if summary.converted == 0 && summary.failed == 0 {
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
        events.diagnostic(&d);
    }
    Ok(summary)
}

/// KGX node rows are compressed in pieces of about this many bytes.
const KGX_PIECE: usize = 64 * 1024;

/// The documents as the writer thread sees them: bytes it made itself
/// ([`plain`](Self::plain), compressed here when asked) and the workers'
/// figure chunks, already compressed ([`chunk`](Self::chunk)), which are
/// queued and written several at a time with one vectored write instead of
/// being copied into the output's buffer, then handed back to the workers.
struct Sinks<'a, 'b, 'p> {
    outs: &'a mut [&'b mut dyn Write],
    packer: Option<Packer>,
    scratch: Vec<u8>,
    /// Whether each document got any bytes.
    touched: Vec<bool>,
    /// What goes between two figure chunks, in its final form.
    separator: Vec<u8>,
    queues: Vec<Queue>,
    /// Bytes queued over all documents.
    queued: usize,
    pool: &'p Pool,
}

/// A document's chunks not written yet (each after a separator when its
/// flag says so), and their bytes.
type Queue = (Vec<(bool, Vec<u8>)>, usize);

/// Queued chunk bytes that make one vectored write: well over the output
/// buffer's size, so that the buffer passes them through.
const QUEUED: usize = 256 * 1024;

/// Queued bytes over all documents at most (plus one chunk), however many
/// shards there are: past it, every queue is written.
const QUEUED_ALL: usize = 4 * QUEUED;

impl<'a, 'b, 'p> Sinks<'a, 'b, 'p> {
    fn new(outs: &'a mut [&'b mut dyn Write], c: Compression, pool: &'p Pool) -> Self {
        let touched = vec![false; outs.len()];
        let queues = (0..outs.len()).map(|_| (Vec::new(), 0)).collect();
        Sinks {
            outs,
            packer: Packer::new(c),
            scratch: Vec::new(),
            touched,
            separator: Vec::new(),
            queues,
            queued: 0,
            pool,
        }
    }

    /// Queues a figure chunk (in its final form) for document `i`, after
    /// the separator when `separate`.
    fn chunk(&mut self, i: usize, chunk: Vec<u8>, separate: bool) -> io::Result<()> {
        self.touched[i] = true;
        let (queue, bytes) = &mut self.queues[i];
        let added = chunk.len() + if separate { self.separator.len() } else { 0 };
        *bytes += added;
        self.queued += added;
        queue.push((separate, chunk));
        if *bytes >= QUEUED {
            self.drain(i)?;
        } else if self.queued >= QUEUED_ALL {
            for j in 0..self.queues.len() {
                self.drain(j)?;
            }
        }
        Ok(())
    }

    /// Writes the separator to document `i`, after its queued chunks.
    fn separate(&mut self, i: usize) -> io::Result<()> {
        self.drain(i)?;
        if !self.separator.is_empty() {
            self.outs[i].write_all(&self.separator)?;
        }
        Ok(())
    }

    /// Writes document `i`'s queued chunks.
    fn drain(&mut self, i: usize) -> io::Result<()> {
        let (queue, bytes) = &mut self.queues[i];
        if queue.is_empty() {
            return Ok(());
        }
        let mut slices = Vec::with_capacity(queue.len() * 2);
        for (separate, chunk) in queue.iter() {
            if *separate && !self.separator.is_empty() {
                slices.push(IoSlice::new(&self.separator));
            }
            slices.push(IoSlice::new(chunk));
        }
        let written = write_all_vectored(&mut *self.outs[i], &mut slices);
        for (_, chunk) in queue.drain(..) {
            self.pool.put(chunk);
        }
        self.queued -= *bytes;
        *bytes = 0;
        written
    }

    /// `bytes` as they go out: compressed when asked.
    fn prepare(&mut self, bytes: &[u8]) -> Vec<u8> {
        match &mut self.packer {
            Some(p) if !bytes.is_empty() => {
                let mut out = Vec::new();
                p.pack(bytes, &mut out);
                out
            }
            _ => bytes.to_vec(),
        }
    }

    /// Writes plain bytes to document `i` (a member of their own when
    /// compressing; nothing for none).
    fn plain(&mut self, i: usize, bytes: &[u8]) -> io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.drain(i)?;
        match &mut self.packer {
            Some(p) => {
                self.scratch.clear();
                p.pack(bytes, &mut self.scratch);
                self.outs[i].write_all(&self.scratch)?;
            }
            None => self.outs[i].write_all(bytes)?,
        }
        self.touched[i] = true;
        Ok(())
    }

    /// Ends every document: a compressed one that got no bytes gets one
    /// empty member (an empty file is not a valid gzip or zstd stream);
    /// then flushes.
    fn finish(&mut self) -> io::Result<()> {
        for i in 0..self.outs.len() {
            self.drain(i)?;
            if let Some(p) = &mut self.packer
                && !self.touched[i]
            {
                self.scratch.clear();
                p.pack(b"", &mut self.scratch);
                self.outs[i].write_all(&self.scratch)?;
                self.touched[i] = true;
            }
            self.outs[i].flush()?;
        }
        Ok(())
    }
}

/// `Write::write_all` for several slices (the std one is unstable).
fn write_all_vectored(w: &mut dyn Write, mut slices: &mut [IoSlice<'_>]) -> io::Result<()> {
    while !slices.is_empty() {
        match w.write_vectored(slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
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

/// The stable shard of a figure: FNV-1a 64 over the UTF-8 bytes of the
/// trimmed figid, modulo `n`. The same figid always goes to the same shard,
/// on any machine, with any number of threads, in any release.
pub fn shard_of(figid: &str, n: usize) -> usize {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    for &b in figid.trim().as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    (h % n as u64) as usize
}

/// Feeds jobs to the workers and their result slots to the writer, in
/// input order. Stops when the writer hangs up.
/// Returns the number of files in `_data/` folders that are not companions.
fn produce(
    mut discovery: read::Discovery,
    stdin: impl BufRead,
    job_tx: SyncSender<Batch>,
    order_tx: SyncSender<Receiver<Vec<Outcome>>>,
) -> u64 {
    let mut stdin = Some(stdin);
    let mut batch = Vec::with_capacity(BATCH);
    // Jobs go to the workers BATCH at a time, and come back the same way:
    // one hand-off each way per batch instead of per record. The writer
    // gets each batch's result slot in input order.
    let flush = |batch: &mut Vec<Job>| -> bool {
        if batch.is_empty() {
            return true;
        }
        let (tx, rx) = sync_channel(1);
        order_tx.send(rx).is_ok() && job_tx.send((std::mem::take(batch), tx)).is_ok()
    };
    let mut send = |job: Job| -> bool {
        batch.push(job);
        batch.len() < BATCH || flush(&mut batch)
    };
    for found in discovery.by_ref() {
        let sent = match found {
            Found::Problem(d) => send(Job::Problem(d)),
            Found::Source(Source::File { path, companions }) => {
                send(Job::File { path, companions })
            }
            Found::Source(Source::Stdin) => {
                // Standard input can be read only once.
                let Some(input) = stdin.take() else { continue };
                let mut ok = true;
                for doc in Stream::new(input) {
                    let doc = doc.map_err(|e| Diagnostic {
                        severity: Severity::Error,
                        path: STDIN.into(),
                        line: e.line,
                        field: String::new(),
                        message: e.message,
                    });
                    if !send(Job::Doc(doc)) {
                        ok = false;
                        break;
                    }
                }
                ok
            }
        };
        if !sent {
            return discovery.skipped_data_files();
        }
    }
    flush(&mut batch);
    discovery.skipped_data_files()
}

/// Jobs handed to a worker at once, with the slot for their outcomes.
type Batch = (Vec<Job>, SyncSender<Vec<Outcome>>);

/// Records per hand-off to a worker.
const BATCH: usize = 8;

/// Written chunks go back to the workers for reuse: no large allocation
/// per record, and memory stays at what the records in flight need.
#[derive(Default)]
struct Pool(Mutex<Vec<Vec<u8>>>);

impl Pool {
    const MAX: usize = 64;

    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or_default()
    }

    fn put(&self, mut chunk: Vec<u8>) {
        chunk.clear();
        if let Ok(mut v) = self.0.lock()
            && v.len() < Self::MAX
        {
            v.push(chunk);
        }
    }
}

/// What every worker shares.
struct Worker<'a> {
    mapper: &'a Mapper,
    serializer: &'a dyn Serializer,
    kgx: Option<Syntax>,
    pool: &'a Pool,
    describe: bool,
    /// How to compress the chunks.
    pack: Compression,
}

fn work(jobs: &Mutex<Receiver<Batch>>, w: Worker<'_>) {
    let mut graph = FigureGraph::new();
    let mut files = read::Files::default();
    let mut kgx_figure = KgxFigure::default();
    let mut packer = Packer::new(w.pack);
    loop {
        let next = jobs.lock().map(|rx| rx.recv());
        let Ok(Ok((batch, reply))) = next else { return };
        let outcomes: Vec<Outcome> = batch
            .into_iter()
            .map(|job| {
                let sink = match w.kgx {
                    Some(syntax) => Sink::Kgx(syntax, &mut kgx_figure),
                    None => Sink::Rdf(w.serializer),
                };
                let mut outcome = run_job(
                    job, w.mapper, sink, &mut graph, &mut files, w.pool, w.describe,
                );
                // KGX rows stay plain: the writer picks the new nodes and
                // edges.
                if let Some(p) = &mut packer
                    && w.kgx.is_none()
                {
                    let chunk = &mut outcome.chunk;
                    if !chunk.is_empty() {
                        let mut packed = w.pool.take();
                        p.pack(chunk, &mut packed);
                        w.pool.put(std::mem::replace(chunk, packed));
                    }
                }
                outcome
            })
            .collect();
        let _ = reply.send(outcomes);
    }
}

/// What a worker makes of a figure graph.
enum Sink<'a> {
    /// RDF: the serializer's chunk.
    Rdf(&'a dyn Serializer),
    /// KGX rows, through a reusable figure.
    Kgx(Syntax, &'a mut KgxFigure),
}

fn run_job(
    job: Job,
    mapper: &Mapper,
    sink: Sink<'_>,
    graph: &mut FigureGraph,
    files: &mut read::Files,
    pool: &Pool,
    describe: bool,
) -> Outcome {
    let mut diags = Diagnostics::default();
    let is_problem = matches!(job, Job::Problem(_));
    // The record borrows from the document or from `files`.
    let doc;
    let (path, record) = match job {
        Job::File { path, companions } => (
            path.display().to_string(),
            read::load_file(&path, &companions, files, &mut diags),
        ),
        Job::Doc(Ok(d)) => {
            doc = d;
            (
                STDIN.to_owned(),
                read::parse_document(&doc.as_document(), STDIN, &mut diags),
            )
        }
        Job::Doc(Err(d)) => {
            diags.diagnostics.push(d);
            (STDIN.to_owned(), None)
        }
        Job::Problem(d) => {
            let path = d.path.clone();
            diags.diagnostics.push(d);
            (path, None)
        }
    };
    let mut outcome = Outcome {
        path,
        chunk: pool.take(),
        triples: 0,
        figid: None,
        digest: String::new(),
        diags,
        figure: FigureStats::default(),
        record: !is_problem,
        kgx: KgxChunk::default(),
    };
    let Some(record) = record else { return outcome };
    let Some(figid) = mapper.map(&record, graph, &mut outcome.diags) else {
        return outcome;
    };
    // The rows are in the graph now: free them before the chunk grows (a
    // figure with a million-row TSV would otherwise hold both).
    drop(record);
    graph.finish();
    if let Some([_, _, crate::graph::Term::Literal(digest, _)]) = graph.last() {
        outcome.digest.push_str(digest);
    }
    match sink {
        Sink::Rdf(serializer) => serializer.figure(graph, &mut outcome.chunk),
        Sink::Kgx(syntax, figure) => {
            mapper.kgx(graph, figure);
            let k = &mut outcome.kgx;
            // A written chunk's buffer, as the node rows' is.
            k.edges = pool.take();
            k.once.reserve(figure.taxa.len());
            k.nodes.reserve(figure.nodes.len());
            k.edge_keys.reserve(figure.edges.len());
            for &(g, t) in &figure.taxa {
                let (gene, taxon) = (&figure.nodes[g].id, &figure.nodes[t].id);
                k.once
                    .push(kgx::push_taxon_edge_id(gene, taxon, &mut k.once_ids));
            }
            for node in figure.nodes.drain(..) {
                syntax.cells(kgx::NODE_COLUMNS, &node.cells(), &mut outcome.chunk);
                let named = node.named();
                k.nodes
                    .push((node.id, node.category, named, outcome.chunk.len()));
            }
            for edge in &figure.edges {
                syntax.cells(kgx::EDGE_COLUMNS, &edge.cells(figure), &mut k.edges);
                k.edge_keys.push(edge.key());
            }
        }
    }
    outcome.triples = graph.len() as u64;
    if describe {
        outcome.figure = FigureStats::of(graph, mapper.schema_ns());
    }
    outcome.figid = Some(figid);
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_published_function() {
        // FNV-1a 64 test vectors (Fowler/Noll/Vo): "" and "a".
        assert_eq!(
            shard_of("", usize::MAX),
            (0xcbf2_9ce4_8422_2325u64 % usize::MAX as u64) as usize
        );
        assert_eq!(
            shard_of("a", usize::MAX),
            (0xaf63_dc4c_8601_ec8cu64 % usize::MAX as u64) as usize
        );
        assert_eq!(shard_of("  a\n", 7), shard_of("a", 7));
    }
}

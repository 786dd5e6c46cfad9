//! `sync`: bring a SPARQL 1.1 store in line with the inputs, sending only
//! what changed.
//!
//! 1. Ask the store for every figure graph's `pfocr:sourceDigest`
//!    ([`store`]).
//! 2. Convert the inputs (the same pipeline and reports as a conversion)
//!    into per-figure SPARQL updates ([`Format::SparqlUpdate`]) and plan:
//!    a figure not in the store is *added*, one with another digest
//!    *updated*, one with the same digest *unchanged*; a figure graph of
//!    the store (under the figure IRI base, with a digest) that no input
//!    gives is *deleted*.
//! 3. Send the changed figures, several per request, on several
//!    connections; a figure is synced only when the store acknowledged its
//!    request. Then drop the deleted graphs.
//!
//! Changed figures are sent as the conversion goes when nothing can be
//! deleted (an empty store, or no deleting); otherwise their updates are
//! kept until the plan is known (deletions are checked against the limit
//! before anything is sent), up to [`BUFFER_BYTES`], past which the inputs
//! are converted a second time.

mod http;
mod store;

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use http::Auth;
use http::Client;

use crate::compress::Compression;
use crate::convert::{Events, Options, Summary, Void, convert_to};
use crate::diag::Diagnostic;
use crate::map::iri;
use crate::write::Format;

/// Updates of changed figures kept while the plan is not yet known; past
/// this, they are dropped and the inputs converted again.
pub const BUFFER_BYTES: usize = 256 << 20;

/// How to sync.
#[derive(Clone, Debug)]
pub struct SyncOptions {
    /// The SPARQL 1.1 query endpoint.
    pub query_endpoint: String,
    /// The SPARQL 1.1 update endpoint.
    pub update_endpoint: String,
    /// Write `https://schema.org/` terms (part of every digest).
    pub schema_https: bool,
    /// Conversion threads.
    pub jobs: usize,
    /// Figures per update request, at most.
    pub batch: usize,
    /// Bytes per update request, at most (a single larger figure goes alone).
    pub max_request_bytes: usize,
    /// Requests in flight.
    pub connections: usize,
    /// Per request.
    pub timeout: Duration,
    /// Retries of a request that failed in a way worth retrying
    /// (connection errors, timeouts, HTTP 5xx and 429).
    pub retries: u32,
    /// Rows per page of the digest query.
    pub page: usize,
    /// Plan only: send no update.
    pub dry_run: bool,
    /// Delete figure graphs no input gives; `None`: keep them.
    pub delete: Option<MaxDelete>,
    /// Credentials.
    pub auth: Auth,
    /// PEM certificates to trust instead of the built-in roots (HTTPS).
    pub ca_pem: Option<Vec<u8>>,
}

/// The most figures a sync may delete; more refuses the whole sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxDelete {
    /// A count.
    Count(u64),
    /// A tenth of the figures in the store, rounded up.
    TenthOfStore,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            query_endpoint: String::new(),
            update_endpoint: String::new(),
            schema_https: false,
            jobs: 1,
            batch: 50,
            max_request_bytes: 4 << 20,
            connections: 2,
            timeout: Duration::from_secs(60),
            retries: 5,
            page: 10_000,
            dry_run: false,
            delete: Some(MaxDelete::TenthOfStore),
            auth: Auth::None,
            ca_pem: None,
        }
    }
}

/// What a sync did (with `dry_run`, what it would do).
#[derive(Clone, Debug, Default)]
pub struct SyncReport {
    /// Figures added (acknowledged by the store).
    pub added: u64,
    /// Figures replaced because their digest differed.
    pub updated: u64,
    /// Figures the store already had with the same digest.
    pub unchanged: u64,
    /// Figure graphs dropped.
    pub deleted: u64,
    /// Figures whose request failed after its retries.
    pub failed_figures: Vec<String>,
    /// Triples in acknowledged requests.
    pub triples_sent: u64,
    /// HTTP requests made, retries and the digest query included.
    pub requests: u64,
    /// Attempts that were retried.
    pub retries: u64,
    /// Figure graphs not deleted because a record that failed may give
    /// them: one named `<figid>.md` after the graph's figid, or any when an
    /// input that is not a file failed.
    pub deletes_withheld: u64,
    /// Figure graphs of the store in the digest query.
    pub held: u64,
    /// The conversion.
    pub conversion: Summary,
}

impl SyncReport {
    /// Figures whose request failed.
    pub fn failed(&self) -> u64 {
        self.failed_figures.len() as u64
    }
}

/// Why a sync stopped before it sent anything.
#[derive(Debug)]
pub enum SyncError {
    /// The options cannot work (no input, a bad CA file, ...).
    Usage(String),
    /// The store's digests could not be read.
    Store(String),
    /// More figures would be deleted than allowed: nothing was sent.
    TooManyDeletes {
        /// Figure graphs the inputs no longer give.
        would: u64,
        /// The limit.
        max: u64,
        /// Figure graphs in the store.
        held: u64,
    },
    /// Reading the inputs failed.
    Io(io::Error),
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::Usage(m) => f.write_str(m),
            SyncError::Store(m) => write!(f, "cannot read the store's figures: {m}"),
            SyncError::TooManyDeletes { would, max, held } => write!(
                f,
                "refused: {would} of the store's {held} figures would be deleted, more than --max-delete {max}; nothing was sent (check the inputs, or give --max-delete {would} or --no-delete)"
            ),
            SyncError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SyncError {}

/// What happens to one figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    Add,
    Update,
    Delete,
}

/// One update request and the figures it syncs.
struct Batch {
    body: Vec<u8>,
    figures: Vec<(String, Action)>,
    triples: u64,
}

/// The outcome of every request.
#[derive(Default)]
struct Tally {
    added: u64,
    updated: u64,
    deleted: u64,
    failed: Vec<String>,
    triples: u64,
    /// The first failure of each request that failed.
    errors: Vec<String>,
}

/// Groups figures into requests of at most `batch` figures and about
/// `max_bytes` bytes.
struct Batcher<'a> {
    tx: &'a SyncSender<Batch>,
    batch: usize,
    max_bytes: usize,
    current: Batch,
}

impl<'a> Batcher<'a> {
    fn new(tx: &'a SyncSender<Batch>, opts: &SyncOptions) -> Self {
        Batcher {
            tx,
            batch: opts.batch.max(1),
            max_bytes: opts.max_request_bytes,
            current: Batch {
                body: Vec::new(),
                figures: Vec::new(),
                triples: 0,
            },
        }
    }

    /// Adds one figure's update (operations joined by `;`).
    fn push(&mut self, figid: &str, action: Action, update: &[u8]) {
        if !self.current.body.is_empty() && self.current.body.len() + update.len() > self.max_bytes
        {
            self.flush();
        }
        if !self.current.body.is_empty() {
            self.current.body.extend_from_slice(b" ;\n");
        }
        self.current.body.extend_from_slice(update);
        // One triple a line in the update: a literal's newlines are escaped.
        self.current.triples += update.windows(3).filter(|w| w == b" .\n").count() as u64;
        self.current.figures.push((figid.to_owned(), action));
        if self.current.figures.len() >= self.batch {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.current.figures.is_empty() {
            return;
        }
        let batch = std::mem::replace(
            &mut self.current,
            Batch {
                body: Vec::new(),
                figures: Vec::new(),
                triples: 0,
            },
        );
        // The senders only stop when this sender is dropped.
        let _ = self.tx.send(batch);
    }
}

/// Pass one: reports, the plan, and the updates of changed figures.
struct Collect<'a, 'b> {
    events: &'a mut dyn Events,
    held: &'a store::Held,
    /// Every input figure's graph IRI.
    seen: HashSet<String>,
    /// Changed figures: graph IRI → (figid, action).
    changed: HashMap<String, (String, Action)>,
    unchanged: u64,
    /// Send as the conversion goes.
    stream: Option<Batcher<'b>>,
    /// Or keep (until `BUFFER_BYTES`, then `overflow`).
    kept: Vec<(String, Action, Vec<u8>)>,
    kept_bytes: usize,
    overflow: bool,
    /// Graphs of records that failed, named by their file (PFOCR names a
    /// record `<figid>.md`): not deleted, since the record may still give
    /// the figure once mended.
    protected: HashSet<String>,
    /// An input that is not a file failed (a folder that cannot be read):
    /// delete nothing.
    protect_all: bool,
}

impl Events for Collect<'_, '_> {
    fn diagnostic(&mut self, d: &Diagnostic) {
        if d.severity == crate::diag::Severity::Error {
            let path = std::path::Path::new(&d.path);
            match path.file_stem().and_then(|s| s.to_str()) {
                Some(stem) if path.is_file() => {
                    self.protected.insert(graph_of(stem));
                }
                _ => self.protect_all = true,
            }
        }
        self.events.diagnostic(d);
    }
    fn wants_total(&self) -> bool {
        self.events.wants_total()
    }
    fn start(&mut self, total: Option<u64>) {
        self.events.start(total);
    }
    fn record_done(&mut self) {
        self.events.record_done();
    }
    fn figure(&mut self, figid: &str, digest: &str, update: &[u8]) {
        let g = graph_of(figid);
        let action = match self.held.get(&g) {
            Some(Some(d)) if d == digest => {
                self.unchanged += 1;
                self.seen.insert(g);
                return;
            }
            Some(_) => Action::Update,
            None => Action::Add,
        };
        self.seen.insert(g.clone());
        if let Some(b) = &mut self.stream {
            b.push(figid, action, update);
        } else if !self.overflow {
            self.kept_bytes += update.len();
            if self.kept_bytes > BUFFER_BYTES {
                self.overflow = true;
                self.kept = Vec::new();
            } else {
                self.kept.push((figid.to_owned(), action, update.to_vec()));
            }
        }
        self.changed.insert(g, (figid.to_owned(), action));
    }
}

/// Pass two (after an overflow): the updates of the changed figures.
struct Resend<'a, 'b> {
    events: &'a mut dyn Events,
    changed: &'a HashMap<String, (String, Action)>,
    batcher: Batcher<'b>,
}

impl Events for Resend<'_, '_> {
    /// Already reported in pass one.
    fn diagnostic(&mut self, _d: &Diagnostic) {}
    fn wants_total(&self) -> bool {
        self.events.wants_total()
    }
    fn start(&mut self, total: Option<u64>) {
        self.events.start(total);
    }
    fn record_done(&mut self) {
        self.events.record_done();
    }
    fn figure(&mut self, figid: &str, _digest: &str, update: &[u8]) {
        let g = graph_of(figid);
        if let Some((_, action)) = self.changed.get(&g) {
            self.batcher.push(figid, *action, update);
        }
    }
}

/// Syncs the store with `inputs` (files and folders). With
/// [`SyncOptions::dry_run`], writes the plan to `plan_out` (a line per
/// figure: `add`, `update` or `delete`, a tab, the figid) and sends
/// nothing. Problems of records go to `events` as in a conversion.
pub fn sync(
    inputs: &[PathBuf],
    opts: &SyncOptions,
    events: &mut dyn Events,
    plan_out: &mut dyn Write,
) -> Result<SyncReport, SyncError> {
    if inputs.is_empty() || inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err(SyncError::Usage(
            "sync reads files and folders, not standard input: give them".into(),
        ));
    }
    let client = Client::new(
        opts.timeout,
        opts.retries,
        &opts.auth,
        opts.ca_pem.as_deref(),
        opts.connections,
    )
    .map_err(|e| SyncError::Usage(format!("--ca-cert: {e}")))?;
    let held = store::held(&client, &opts.query_endpoint, opts.page.max(1))
        .map_err(|f| SyncError::Store(f.message))?;
    let convert_opts = Options {
        format: Format::SparqlUpdate,
        strict: false,
        schema_https: opts.schema_https,
        jobs: opts.jobs.max(1),
        void: Void::Off,
        created: None,
        compression: Compression::None,
    };
    let stream = !opts.dry_run && (held.is_empty() || opts.delete.is_none());
    let connections = opts.connections.max(1);
    let (tx, rx) = sync_channel::<Batch>(connections * 2);
    let rx = Arc::new(Mutex::new(rx));
    let tally = Mutex::new(Tally::default());
    let mut report = SyncReport {
        held: held.len() as u64,
        ..SyncReport::default()
    };

    let outcome = std::thread::scope(|scope| -> Result<(), SyncError> {
        // Owned here: returning (early or not) drops it, which ends the
        // sending threads once the queue is empty; the scope then joins them.
        let tx = tx;
        for _ in 0..connections {
            let (rx, client, tally) = (Arc::clone(&rx), &client, &tally);
            let url = opts.update_endpoint.as_str();
            scope.spawn(move || send_all(&rx, client, url, tally));
        }
        let mut collect = Collect {
            events: &mut *events,
            held: &held,
            seen: HashSet::new(),
            changed: HashMap::new(),
            unchanged: 0,
            stream: stream.then(|| Batcher::new(&tx, opts)),
            kept: Vec::new(),
            kept_bytes: 0,
            overflow: false,
            protected: HashSet::new(),
            protect_all: false,
        };
        let mut sink = io::sink();
        report.conversion = convert_to(
            inputs,
            &convert_opts,
            io::empty(),
            &mut [&mut sink],
            None,
            &mut collect,
        )
        .map_err(SyncError::Io)?;
        if let Some(mut b) = collect.stream.take() {
            b.flush();
        }
        report.unchanged = collect.unchanged;

        // Figure graphs of the store that no input gives.
        let mut gone: Vec<&String> = held.keys().filter(|g| !collect.seen.contains(*g)).collect();
        gone.sort();
        if opts.delete.is_none() {
            gone.clear();
        }
        let before = gone.len();
        gone.retain(|g| !collect.protect_all && !collect.protected.contains(*g));
        report.deletes_withheld = (before - gone.len()) as u64;
        if let Some(max) = opts.delete {
            let max = match max {
                MaxDelete::Count(n) => n,
                MaxDelete::TenthOfStore => (held.len() as u64).div_ceil(10),
            };
            if gone.len() as u64 > max {
                return Err(SyncError::TooManyDeletes {
                    would: gone.len() as u64,
                    max,
                    held: held.len() as u64,
                });
            }
        }

        if opts.dry_run {
            let mut planned: Vec<_> = collect.changed.values().collect();
            planned.sort();
            let mut t = tally.lock().expect("tally");
            for (figid, action) in planned {
                let word = if *action == Action::Add {
                    "add"
                } else {
                    "update"
                };
                writeln!(plan_out, "{word}\t{figid}").map_err(SyncError::Io)?;
                match action {
                    Action::Add => t.added += 1,
                    _ => t.updated += 1,
                }
            }
            for g in &gone {
                writeln!(plan_out, "delete\t{}", figid_of(g)).map_err(SyncError::Io)?;
                t.deleted += 1;
            }
            plan_out.flush().map_err(SyncError::Io)?;
            return Ok(());
        }

        let mut batcher = Batcher::new(&tx, opts);
        if !stream && !collect.overflow {
            for (figid, action, update) in std::mem::take(&mut collect.kept) {
                batcher.push(&figid, action, &update);
            }
        } else if collect.overflow {
            let mut resend = Resend {
                events: &mut *collect.events,
                changed: &collect.changed,
                batcher,
            };
            let mut sink = io::sink();
            convert_to(
                inputs,
                &convert_opts,
                io::empty(),
                &mut [&mut sink],
                None,
                &mut resend,
            )
            .map_err(SyncError::Io)?;
            batcher = resend.batcher;
        }
        batcher.flush();
        // Deletions: a DROP per graph, after every figure was sent.
        let mut drops = Batcher::new(&tx, opts);
        for g in gone {
            let drop = format!("DROP SILENT GRAPH <{g}>");
            drops.push(&figid_of(g), Action::Delete, drop.as_bytes());
        }
        drops.flush();
        Ok(())
    });
    outcome?;
    let t = tally.into_inner().expect("tally");
    report.added = t.added;
    report.updated = t.updated;
    report.deleted = t.deleted;
    report.failed_figures = t.failed;
    report.failed_figures.sort();
    report.triples_sent = t.triples;
    report.requests = client.requests.load(std::sync::atomic::Ordering::Relaxed);
    report.retries = client.retried.load(std::sync::atomic::Ordering::Relaxed);
    for e in t.errors {
        events.diagnostic(&Diagnostic {
            severity: crate::diag::Severity::Error,
            path: opts.update_endpoint.clone(),
            line: None,
            field: String::new(),
            message: e,
        });
    }
    Ok(report)
}

/// A sending thread: requests until the channel closes.
fn send_all(rx: &Mutex<Receiver<Batch>>, client: &Client, url: &str, tally: &Mutex<Tally>) {
    loop {
        let next = rx.lock().map(|rx| rx.recv());
        let Ok(Ok(batch)) = next else { return };
        let body = String::from_utf8_lossy(&batch.body);
        let result = client.update(url, &body);
        let mut t = tally.lock().expect("tally");
        match result {
            Ok(()) => {
                t.triples += batch.triples;
                for (_, action) in &batch.figures {
                    match action {
                        Action::Add => t.added += 1,
                        Action::Update => t.updated += 1,
                        Action::Delete => t.deleted += 1,
                    }
                }
            }
            Err(f) => {
                let n = batch.figures.len();
                let first = &batch.figures[0].0;
                t.errors.push(format!(
                    "update of {n} figure(s) ({first}, ...) failed: {}",
                    f.message
                ));
                t.failed
                    .extend(batch.figures.into_iter().map(|(figid, _)| figid));
            }
        }
    }
}

/// The graph IRI of a figid.
fn graph_of(figid: &str) -> String {
    let mut g = String::new();
    iri::push_figure(&mut g, figid);
    g
}

/// The figid of a figure graph IRI (the inverse of `iri::push_figure`,
/// percent-decoded), or the IRI itself when it is not one.
fn figid_of(g: &str) -> String {
    let Some(encoded) = g
        .strip_prefix(iri::FIGURE)
        .and_then(|s| s.strip_suffix(iri::FIGURE_SUFFIX))
    else {
        return g.to_owned();
    };
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| g.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figids_come_back_from_graph_iris() {
        for figid in ["PMC1__f1.jpg", "PMC2__a b%/c", "PMC3__é"] {
            let g = graph_of(figid);
            assert_eq!(figid_of(&g), figid, "{g}");
        }
        assert_eq!(figid_of("urn:x"), "urn:x");
    }
}

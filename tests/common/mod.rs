//! Helpers shared by the integration tests: run the real binary, find the
//! shared corpus, parse every output format back.
#![allow(dead_code)]

mod parse;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const FORMATS: [&str; 5] = ["turtle", "ntriples", "nquads", "trig", "jsonld"];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository (the CC0 corpus and the seed record).
pub fn shared() -> PathBuf {
    let p = root().join("../shared");
    assert!(
        p.join("corpus").is_dir(),
        "the shared corpus is missing at {}: tests need ../shared/corpus beside the repository",
        p.display()
    );
    p
}

pub fn corpus_dirs() -> Vec<PathBuf> {
    let c = shared().join("corpus");
    vec![c.join("legacy"), c.join("pfocr-database")]
}

/// Runs `pfocr2rdf` with `args` and `stdin`.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pfocr2rdf");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait for pfocr2rdf");
    feeder.join().unwrap();
    out
}

pub fn run_path(path: &Path, extra: &[&str]) -> Output {
    let mut args = vec![path.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args, b"")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The triples of an output, as canonical N-Triples lines. Graph names of
/// the quad formats are dropped (their union is the graph); every quad must
/// be in a named graph.
pub fn parse(format: &str, data: &[u8]) -> BTreeSet<String> {
    let format: pfocr2rdf::Format = format.parse().expect("a format name");
    parse::parse_any(format, data).unwrap_or_else(|e| panic!("{e}"))
}

/// Number of statements in a line-based output.
pub fn lines(data: &[u8]) -> usize {
    data.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

//! Helpers shared by the integration tests: run the real binary, find the
//! shared corpus, parse every output format back.
#![allow(dead_code)]

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
/// the quad formats are dropped (their union is the graph).
pub fn parse(format: &str, data: &[u8]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    match format {
        "turtle" => {
            for t in oxttl::TurtleParser::new().for_slice(data) {
                out.insert(t.expect("Turtle parses").to_string());
            }
        }
        "ntriples" => {
            for t in oxttl::NTriplesParser::new().for_slice(data) {
                out.insert(t.expect("N-Triples parses").to_string());
            }
        }
        "nquads" => {
            for q in oxttl::NQuadsParser::new().for_slice(data) {
                let q = q.expect("N-Quads parses");
                assert!(
                    q.graph_name.is_named_node(),
                    "every quad is in a named graph"
                );
                out.insert(oxrdf::Triple::from(q).to_string());
            }
        }
        "trig" => {
            for q in oxttl::TriGParser::new().for_slice(data) {
                let q = q.expect("TriG parses");
                assert!(
                    q.graph_name.is_named_node(),
                    "every quad is in a named graph"
                );
                out.insert(oxrdf::Triple::from(q).to_string());
            }
        }
        "jsonld" => {
            for q in oxjsonld::JsonLdParser::new().for_slice(data) {
                let q = q.expect("JSON-LD parses");
                out.insert(oxrdf::Triple::from(q).to_string());
            }
        }
        other => panic!("unknown format {other}"),
    }
    out
}

/// Number of statements in a line-based output.
pub fn lines(data: &[u8]) -> usize {
    data.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

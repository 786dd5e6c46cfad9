//! Helpers shared by the integration tests: run the real binary, find the
//! shared corpus, parse every output format back, put a bad record between
//! two good ones, find the report lines about a file.
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

/// The example queries (`examples/queries/*.rq`), sorted.
pub fn example_queries() -> Vec<PathBuf> {
    let mut queries: Vec<_> = std::fs::read_dir(root().join("examples/queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    queries
}

/// Number of statements in a line-based output.
pub fn lines(data: &[u8]) -> usize {
    data.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

// ---------------------------------------------------------------------------
// Records beside good ones: a bad record fails alone.

/// A good record; `good_records` writes it twice under two figids.
pub const GOOD: &str = "---\nfigid: PMC1__good\npmcid: PMC1\nfigtitle: A good figure\n---\n";

/// Writes the two good records (`a-good.md`, `z-good.md`) into `dir`.
pub fn good_records(dir: &Path) {
    std::fs::write(dir.join("a-good.md"), GOOD).unwrap();
    std::fs::write(
        dir.join("z-good.md"),
        GOOD.replace("PMC1__good", "PMC1__good2"),
    )
    .unwrap();
}

/// Both good records are in the N-Triples output `nt`.
pub fn assert_good_ones_survive(nt: &str) {
    for id in ["PMC1__good", "PMC1__good2"] {
        assert!(
            nt.contains(&format!(
                "<https://pfocr.wikipathways.org/figures/{id}.html> <http://purl.org/dc/terms/identifier> \"{id}\" ."
            )),
            "{id} missing from the output:\n{nt}"
        );
    }
}

/// A folder with the two good records and `bad` (named `bad_name`, which
/// sorts between them), run as N-Triples with `args`.
pub fn with_bad(bad_name: &str, bad: &[u8], args: &[&str]) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    good_records(dir.path());
    std::fs::write(dir.path().join(bad_name), bad).unwrap();
    let mut all = vec![dir.path().to_str().unwrap(), "-f", "nt"];
    all.extend_from_slice(args);
    (run(&all, b""), dir)
}

// ---------------------------------------------------------------------------
// Report lines

/// The one report line mentioning `file` anywhere, whole.
pub fn report_line(out: &Output, file: &str) -> String {
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(file)).collect();
    assert_eq!(lines.len(), 1, "expected one report for {file}:\n{err}");
    lines[0].to_owned()
}

/// The report lines naming `file` (as the last path component).
pub fn reports<'a>(err: &'a str, file: &str) -> Vec<&'a str> {
    err.lines()
        .filter(|l| {
            l.split(": ")
                .next()
                .is_some_and(|p| p.rsplit('/').next().unwrap().split(':').next() == Some(file))
        })
        .collect()
}

/// The one report line about `file`, without its folder.
pub fn report(err: &str, file: &str) -> String {
    let found = reports(err, file);
    assert_eq!(found.len(), 1, "expected one report for {file}:\n{err}");
    let line = found[0];
    line[line.find(file).unwrap()..].to_owned()
}

// ---------------------------------------------------------------------------
// Terms and statements

/// A simple literal as N-Triples writes it.
pub fn literal(s: &str) -> String {
    oxrdf::Literal::new_simple_literal(s).to_string()
}

/// The IRI of figure `id`, as N-Triples writes it.
pub fn fig(id: &str) -> String {
    format!("<https://pfocr.wikipathways.org/figures/{id}.html>")
}

/// A YAML double-quoted scalar holding `s` exactly: every character outside
/// printable ASCII as an escape, so the file itself stays plain.
pub fn yq(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Every statement of an output as an N-Triples line (graph names of the
/// quad formats dropped), sorted, duplicates kept: the same input must give
/// the same multiset in every format.
pub fn statements(format: &str, data: &[u8]) -> Vec<String> {
    let fail = |e: &dyn std::fmt::Display| -> ! {
        panic!(
            "{format} output does not parse: {e}\n{}",
            String::from_utf8_lossy(data)
        )
    };
    let mut out: Vec<String> = match format {
        "turtle" => oxttl::TurtleParser::new()
            .for_slice(data)
            .map(|t| t.unwrap_or_else(|e| fail(&e)).to_string())
            .collect(),
        "ntriples" => oxttl::NTriplesParser::new()
            .for_slice(data)
            .map(|t| t.unwrap_or_else(|e| fail(&e)).to_string())
            .collect(),
        "nquads" => oxttl::NQuadsParser::new()
            .for_slice(data)
            .map(|q| oxrdf::Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string())
            .collect(),
        "trig" => oxttl::TriGParser::new()
            .for_slice(data)
            .map(|q| oxrdf::Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string())
            .collect(),
        "jsonld" => oxjsonld::JsonLdParser::new()
            .for_slice(data)
            .map(|q| oxrdf::Triple::from(q.unwrap_or_else(|e| fail(&e))).to_string())
            .collect(),
        other => panic!("unknown format {other}"),
    };
    out.sort();
    out
}

/// Runs `args` in every format; asserts that each output parses back to
/// the same statements as N-Triples (one line per statement), every quad
/// in a named graph, that the reports and exit status do not depend on the
/// format, and returns the N-Triples run and its statements.
pub fn every_format(args: &[&str]) -> (Output, Vec<String>) {
    let mut nt_args = args.to_vec();
    nt_args.extend(["-f", "nt"]);
    let nt = run(&nt_args, b"");
    let reference = statements("ntriples", &nt.stdout);
    assert_eq!(reference.len(), lines(&nt.stdout), "one statement a line");
    for format in FORMATS {
        let mut a = args.to_vec();
        a.extend(["-f", format]);
        let out = run(&a, b"");
        assert_eq!(out.status.code(), nt.status.code(), "{format}");
        assert_eq!(stderr(&out), stderr(&nt), "{format}: the same reports");
        assert!(
            statements(format, &out.stdout) == reference,
            "{format} gives other statements than N-Triples"
        );
        // Every quad is in a named graph (`parse` panics otherwise).
        parse(format, &out.stdout);
    }
    (nt, reference)
}

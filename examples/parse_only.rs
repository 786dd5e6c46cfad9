//! Parse-only reference for the benchmark (bench/run): reads every front
//! matter under a folder and parses it, nothing else, on one thread.
//!
//!     cargo run --release --example parse_only -- serde|fast DIR
//!
//! `serde` parses with `serde_yaml` into a generic `serde_yaml::Value` (what
//! a straightforward converter would do); `fast` uses pfocr2rdf's reader
//! (falling back to serde_yaml where it declines) into the typed record.
//! Prints one line: records, bytes, seconds, and how many the fast reader
//! declined.

use std::path::{Path, PathBuf};
use std::time::Instant;

use pfocr2rdf::internal::frontmatter::{decode, split_file};
use pfocr2rdf::internal::{fast_yaml, yaml};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "_data") {
                files(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, dir) = match args.as_slice() {
        [_, mode, dir] if mode == "serde" || mode == "fast" => (mode.clone(), PathBuf::from(dir)),
        _ => {
            eprintln!("usage: parse_only serde|fast DIR");
            std::process::exit(2);
        }
    };
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    let start = Instant::now();
    let (mut bytes, mut declined, mut failed) = (0u64, 0u64, 0u64);
    for p in &paths {
        let data = std::fs::read(p).unwrap();
        bytes += data.len() as u64;
        let doc = split_file(decode(&data).unwrap()).unwrap();
        if mode == "serde" {
            if serde_yaml::from_str::<serde_yaml::Value>(&doc.yaml).is_err() {
                failed += 1;
            }
        } else if fast_yaml::parse(&doc.yaml, "x", 2).is_none() {
            declined += 1;
            if yaml::parse(&doc.yaml, "x", 2).is_err() {
                failed += 1;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "parse-only {mode}: {} records, {bytes} bytes, {secs:.3} s, {:.0} records/s, {:.1} MB/s, {declined} declined, {failed} failed",
        paths.len(),
        paths.len() as f64 / secs,
        bytes as f64 / secs / 1e6
    );
}

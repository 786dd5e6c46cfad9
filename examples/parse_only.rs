//! Parse-only reference for the benchmark (bench/run): reads every front
//! matter under a folder and parses it, nothing else, on one thread.
//!
//!     cargo run --release --example parse_only -- general|fast|general-tree|fast-tree DIR
//!
//! `general` reads with the general YAML reader (`saphyr-parser`) into the
//! typed record (what the converter would do without the fast reader);
//! `fast` uses the fast subset reader (falling back to the general one
//! where it declines) into the typed record. `general-tree` and `fast-tree`
//! stop at the YAML tree. Prints one line: records, bytes, seconds, and how
//! many the fast reader declined.

use std::path::{Path, PathBuf};
use std::time::Instant;

use pfocr2rdf::internal::frontmatter::{decode, split_file};
use pfocr2rdf::internal::{fast_yaml, schema, yaml};

const MODES: [&str; 4] = ["general", "fast", "general-tree", "fast-tree"];

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
        [_, mode, dir] if MODES.contains(&mode.as_str()) => (mode.clone(), PathBuf::from(dir)),
        _ => {
            eprintln!("usage: parse_only {} DIR", MODES.join("|"));
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
        let y = doc.yaml;
        let ok = match mode.as_str() {
            "general" => yaml::parse(y, "x", 2).is_ok(),
            "general-tree" => yaml::tree(y, 2).is_ok(),
            "fast-tree" => match fast_yaml::tree(y, 2) {
                Some(_) => true,
                None => {
                    declined += 1;
                    yaml::tree(y, 2).is_ok()
                }
            },
            _ => match fast_yaml::tree(y, 2) {
                Some(t) => schema::bind(&t, y.len(), "x", 2).is_ok(),
                None => {
                    declined += 1;
                    yaml::parse(y, "x", 2).is_ok()
                }
            },
        };
        if !ok {
            failed += 1;
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

//! Limits: size alone never breaks a run. A 50 MB caption and a
//! million-row TSV convert in bounded memory (the child's peak resident
//! memory, measured by `wait4`).

mod common;

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output, Stdio};

use common::*;

/// Runs the binary with stdout and stderr to files and returns the output
/// with the child's peak resident memory in bytes (`wait4`'s `ru_maxrss`).
fn run_measured(args: &[&str]) -> (Output, u64) {
    let dir = tempfile::tempdir().unwrap();
    let (o, e) = (dir.path().join("out"), dir.path().join("err"));
    // Reaped by `wait4` below, which std does not know about.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&o).unwrap())
        .stderr(fs::File::create(&e).unwrap())
        .spawn()
        .unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which std has not reaped.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    let out = Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout: fs::read(&o).unwrap(),
        stderr: fs::read(&e).unwrap(),
    };
    (out, usage.ru_maxrss as u64 * 1024)
}

/// Rule: peak memory stays under 12 times the file.
#[test]
fn a_50_mb_caption_is_converted_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    good_records(dir.path());
    let caption: String = "Lorem \"ipsum\" \\ <b>dolor</b>\tsit\n".repeat(50 << 20 >> 5);
    let yaml = format!("---\nfigid: BIG1\ncaption: {}\n---\n", yq(&caption));
    fs::write(dir.path().join("m-big.md"), &yaml).unwrap();
    let (out, peak) = run_measured(&[dir.path().to_str().unwrap(), "-f", "nt", "-j", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let nt = String::from_utf8(out.stdout).unwrap();
    assert_good_ones_survive(&nt);
    let want = format!(
        "{} <http://schema.org/description> {} .",
        fig("BIG1"),
        literal(&caption)
    );
    assert!(nt.lines().any(|l| l == want));
    // A few copies of the file (text, parsed value, escaped output), not
    // more: measured about 4x.
    let limit = 12 * yaml.len() as u64;
    assert!(
        peak < limit,
        "peak memory {peak} bytes for a {} byte file",
        yaml.len()
    );
}

/// Rule: peak memory stays within a small multiple of the output.
#[test]
fn a_million_row_tsv_is_converted_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    fs::create_dir_all(db.join("_figures")).unwrap();
    fs::create_dir_all(db.join("_data")).unwrap();
    fs::write(db.join("_figures/M.md"), "---\nfigid: M\n---\n").unwrap();
    let mut text = String::from("ncbigene_id\tword\n");
    for i in 0..1_000_000u32 {
        text.push_str(&format!("{}\tw\n", i % 1000 + 1));
    }
    fs::write(db.join("_data/M-genes.tsv"), &text).unwrap();
    let (out, peak) = run_measured(&[db.to_str().unwrap(), "-f", "nt", "-j", "1"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // 5 triples a row (2 types, target, body, OCR word), 2 per gene (its
    // identifier, F mentions it), 9 for the figure (its source digest
    // included).
    assert!(
        err.contains("1 records converted, 0 failed, 5002009 triples written"),
        "{err}"
    );
    assert_eq!(lines(&out.stdout), 5_002_009);
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.contains(
        "<https://pfocr.wikipathways.org/figures/M.html#gene-1000000> <http://www.w3.org/ns/oa#hasBody> <https://identifiers.org/ncbigene/1000> .\n"
    ));
    // One figure is held whole (its graph and its serialized chunk): memory
    // grows with the output, never beyond a small multiple of it.
    let limit = 3 * out.stdout.len() as u64 + (256 << 20);
    assert!(
        peak < limit,
        "peak memory {peak} bytes for {} bytes of output",
        out.stdout.len()
    );
}

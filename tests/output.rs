//! The output side: compressed files and streams, shards, the temporary
//! file and rename, full disks and closed pipes, `--schema-https`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;

fn examples() -> PathBuf {
    root().join("examples/records")
}

fn ex() -> String {
    examples().to_str().unwrap().to_owned()
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(data)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

fn unzstd(data: &[u8]) -> Vec<u8> {
    zstd::stream::decode_all(data).expect("valid zstd")
}

fn ok(o: &std::process::Output) {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
}

/// The plain output of the examples in `format`.
fn plain(format: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec![ex(), "-q".into(), "-f".into(), format.into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let o = run(&args, b"");
    ok(&o);
    assert!(!o.stdout.is_empty());
    o.stdout
}

/// FNV-1a 64 of the trimmed figid, modulo n: written here from the
/// published definition, independently of the converter.
fn fnv_shard(figid: &str, n: u64) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in figid.trim().bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h % n
}

#[test]
fn compressed_files_by_extension_hold_the_plain_output() {
    let dir = tempfile::tempdir().unwrap();
    for (format, ext) in [
        ("turtle", "ttl"),
        ("ntriples", "nt"),
        ("nquads", "nq"),
        ("trig", "trig"),
        ("jsonld", "jsonld"),
    ] {
        let want = plain(format, &[]);
        for (suffix, decode) in [
            ("gz", gunzip as fn(&[u8]) -> Vec<u8>),
            ("zst", unzstd as fn(&[u8]) -> Vec<u8>),
        ] {
            // The format comes from the extension before .gz/.zst.
            let path = dir.path().join(format!("out.{ext}.{suffix}"));
            let o = run(&[&ex(), "-q", "-o", path.to_str().unwrap()], b"");
            ok(&o);
            let data = std::fs::read(&path).unwrap();
            assert_ne!(data, want, "{suffix} is compressed");
            assert_eq!(decode(&data), want, "{format}.{suffix}");
        }
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn compress_flag_compresses_standard_output() {
    let want = plain("nquads", &[]);
    let gz = run(&[&ex(), "-q", "-f", "nq", "--compress", "gzip"], b"");
    ok(&gz);
    assert_eq!(&gz.stdout[..2], &[0x1f, 0x8b], "gzip magic");
    assert_eq!(gunzip(&gz.stdout), want);
    let zst = run(&[&ex(), "-q", "-f", "nq", "--compress", "zstd"], b"");
    ok(&zst);
    assert_eq!(&zst.stdout[..4], &[0x28, 0xb5, 0x2f, 0xfd], "zstd magic");
    assert_eq!(unzstd(&zst.stdout), want);
    // The whole corpus parses back from gzip, as loaders read it.
    for d in corpus_dirs() {
        let o = run(
            &[d.to_str().unwrap(), "-q", "-f", "nt", "--compress", "gzip"],
            b"",
        );
        ok(&o);
        let plain = run(&[d.to_str().unwrap(), "-q", "-f", "nt"], b"");
        assert_eq!(
            parse("ntriples", &gunzip(&o.stdout)),
            parse("ntriples", &plain.stdout)
        );
    }
}

#[test]
fn compress_flag_that_contradicts_the_file_name_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["out.nt", "out.nt.zst"] {
        let path = dir.path().join(name);
        let o = run(
            &[&ex(), "-o", path.to_str().unwrap(), "--compress", "gzip"],
            b"",
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("compressed by its name"),
            "{}",
            stderr(&o)
        );
        assert!(!path.exists());
    }
    // Agreeing with the name is fine.
    let path = dir.path().join("out.nt.gz");
    ok(&run(
        &[
            &ex(),
            "-q",
            "-o",
            path.to_str().unwrap(),
            "--compress",
            "gzip",
        ],
        b"",
    ));
    assert_eq!(gunzip(&std::fs::read(&path).unwrap()), plain("nt", &[]));
}

/// The figure IRIs of one shard, per format.
fn figures_in(format: &str, data: &[u8]) -> BTreeSet<String> {
    parse(format, data)
        .into_iter()
        .filter(|t| {
            t.contains("> <http://purl.org/dc/terms/identifier> ")
                && t.starts_with("<https://pfocr.wikipathways.org/figures/")
        })
        .map(|t| {
            let figid = t.rsplit_once(" \"").unwrap().1;
            figid
                .trim_end_matches(" .")
                .trim_end_matches('"')
                .to_owned()
        })
        .collect()
}

fn shard_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn shards_are_complete_documents_whose_union_is_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    // (The two corpus folders share figures: one of them.)
    let sources = [corpus_dirs()[1].clone()];
    let srcs: Vec<&str> = sources.iter().map(|p| p.to_str().unwrap()).collect();
    for (format, ext) in [
        ("nquads", "nq"),
        ("turtle", "ttl"),
        ("jsonld", "jsonld"),
        ("trig", "trig"),
        ("ntriples", "nt"),
    ] {
        let mut args = srcs.clone();
        args.extend(["-q", "-f", format]);
        let whole = run(&args, b"");
        ok(&whole);
        let whole_triples = parse(format, &whole.stdout);
        let mut outputs = Vec::new();
        for (jobs, n) in [("1", 4u64), ("3", 4), ("2", 7)] {
            let out = dir.path().join(format!("{format}-{jobs}-{n}"));
            let mut a = args.clone();
            let out_s = format!("{}/", out.display());
            let n_s = n.to_string();
            a.extend([
                "-j",
                jobs,
                "--split",
                &n_s,
                "--compress",
                "gzip",
                "-o",
                &out_s,
            ]);
            ok(&run(&a, b""));
            let files = shard_files(&out);
            let names: Vec<String> = files
                .iter()
                .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
                .collect();
            let want: Vec<String> = (0..n).map(|i| format!("part-{i:04}.{ext}.gz")).collect();
            assert_eq!(names, want, "exactly N shards, nothing else left");
            let mut union = BTreeSet::new();
            let mut contents = Vec::new();
            for (i, f) in files.iter().enumerate() {
                let data = gunzip(&std::fs::read(f).unwrap());
                // Each shard stands alone, and holds exactly its figures.
                for figid in figures_in(format, &data) {
                    assert_eq!(
                        fnv_shard(&figid, n),
                        i as u64,
                        "{figid} in shard {i} of {n}"
                    );
                }
                union.extend(parse(format, &data));
                contents.push(data);
            }
            assert_eq!(union, whole_triples, "{format}: union of {n} shards");
            outputs.push((n, contents));
        }
        // Byte-identical for any -j.
        assert_eq!(
            outputs[0], outputs[1],
            "{format}: -j 1 and -j 3 give the same shards"
        );
    }
}

#[test]
fn many_shards_leave_some_empty_but_valid() {
    let dir = tempfile::tempdir().unwrap();
    let out = format!("{}/d", dir.path().display());
    ok(&run(
        &[&ex(), "-q", "-f", "jsonld", "--split", "16", "-o", &out],
        b"",
    ));
    let files = shard_files(Path::new(&out));
    assert_eq!(files.len(), 16);
    let mut empty = 0;
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let v: serde_json::Value =
            serde_json::from_slice(&data).expect("each shard is a JSON array");
        if v.as_array().unwrap().is_empty() {
            empty += 1;
        }
    }
    assert!(empty > 0, "6 figures in 16 shards leave some empty");
}

#[test]
fn a_rerun_puts_each_figure_in_the_same_shard() {
    // Adding figures does not move the others.
    let dir = tempfile::tempdir().unwrap();
    let a = format!("{}/a", dir.path().display());
    let b = format!("{}/b", dir.path().display());
    let some = examples().join("pfocr-database").display().to_string();
    ok(&run(
        &[&some, "-q", "-f", "nq", "--split", "5", "-o", &a],
        b"",
    ));
    ok(&run(
        &[&ex(), "-q", "-f", "nq", "--split", "5", "-o", &b],
        b"",
    ));
    let mut total = 0;
    for i in 0..5 {
        let fa = figures_in(
            "nquads",
            &std::fs::read(format!("{a}/part-{i:04}.nq")).unwrap(),
        );
        let fb = figures_in(
            "nquads",
            &std::fs::read(format!("{b}/part-{i:04}.nq")).unwrap(),
        );
        assert!(fa.is_subset(&fb), "shard {i}: {fa:?} ⊄ {fb:?}");
        total += fa.len();
    }
    assert!(total > 1, "figures were found");
}

#[test]
fn a_file_is_replaced_only_by_a_complete_run() {
    let dir = tempfile::tempdir().unwrap();
    let recs = dir.path().join("recs");
    std::fs::create_dir(&recs).unwrap();
    std::fs::write(recs.join("a.md"), "---\nfigid: PMC1__a\npmcid: PMC1\n---\n").unwrap();
    std::fs::write(recs.join("b.md"), "---\npmcid: PMC2\n---\n").unwrap();
    let out = dir.path().join("out.ttl.gz");
    std::fs::write(&out, b"previous good dump").unwrap();
    // --strict stops: the previous file stays, no temporary file is left.
    let o = run(
        &[
            recs.to_str().unwrap(),
            "--strict",
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not written"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"previous good dump");
    assert_eq!(
        shard_files(dir.path()).len(),
        2,
        "no temporary file left: {:?}",
        shard_files(dir.path())
    );
    // Default mode: a failed record is reported, the good ones are written.
    let o = run(&[recs.to_str().unwrap(), "-o", out.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    let ttl = gunzip(&std::fs::read(&out).unwrap());
    assert!(String::from_utf8(ttl).unwrap().contains("PMC1__a"));
    assert_eq!(shard_files(dir.path()).len(), 2);
}

#[test]
fn an_unwritable_output_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/folder/out.nt");
    let o = run(&[&ex(), "-o", missing.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("cannot write") && err.contains("No such file or directory"),
        "{err}"
    );
    // A folder given as a file.
    let o = run(&[&ex(), "-o", dir.path().to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));
}

#[test]
fn a_pipe_given_as_output_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let o = run(
        &[&ex(), "-q", "-f", "nt", "-o", fifo.to_str().unwrap()],
        b"",
    );
    ok(&o);
    assert_eq!(reader.join().unwrap(), plain("nt", &[]));
    let ft = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    use std::os::unix::fs::FileTypeExt;
    assert!(ft.is_fifo(), "the pipe is still a pipe");
    assert_eq!(shard_files(dir.path()).len(), 1, "no temporary file");
}

#[test]
fn standard_output_on_a_full_device_fails() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .arg(ex())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("pfocr2rdf: cannot write standard output: No space left on device"),
        "{err}"
    );
}

/// A 64 KiB tmpfs, unmounted when dropped.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn new() -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let st = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("run mount");
        assert!(
            st.success(),
            "mounting a small tmpfs needs root (the tests run as root in CI)"
        );
        SmallDisk(dir)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
#[ignore = "needs root (mounts a tmpfs) and ../shared/corpus"]
fn a_full_disk_fails_and_leaves_no_file() {
    let disk = SmallDisk::new();
    let corpus = corpus_dirs()[1].to_str().unwrap().to_owned();
    for name in ["out.nt", "out.nt.gz"] {
        let out = disk.0.path().join(name);
        let o = run(&[&corpus, "-o", out.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("cannot write {}", out.display())),
            "{err}"
        );
        assert!(err.contains("No space left on device"), "{err}");
        let left: Vec<_> = std::fs::read_dir(disk.0.path()).unwrap().collect();
        assert!(left.is_empty(), "nothing left behind: {left:?}");
    }
    // Shards too: none is renamed into place.
    let out = disk.0.path().join("shards");
    let o = run(
        &[
            &corpus,
            "-f",
            "nq",
            "--split",
            "3",
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("No space left on device"));
    assert_eq!(shard_files(&out), Vec::<PathBuf>::new());
}

#[test]
#[ignore = "needs ../shared (make-corpus)"]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("big");
    let st = Command::new(shared().join("tools/make-corpus"))
        .arg(&corpus)
        .arg("400")
        .status()
        .unwrap();
    assert!(st.success());
    for extra in [&[][..], &["--compress", "gzip"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
            .arg(&corpus)
            .args(["-f", "nt", "-j", "2"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 100];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut head)
            .unwrap();
        drop(child.stdout.take()); // like `| head -c 100`
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            !err.contains("cannot write") && !err.contains("panicked"),
            "{err}"
        );
        assert!(
            !err.contains("records converted"),
            "no summary after a closed pipe: {err}"
        );
    }
    // --strict stopping early on a big run ends too (the reader of the
    // work queue hangs up, the producer stops).
    std::fs::write(corpus.join("_figures/AAA.md"), "---\npmcid: PMC1\n---\n").unwrap();
    let o = run(
        &[corpus.to_str().unwrap(), "-f", "nt", "-j", "2", "--strict"],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("stopped by --strict"), "{}", stderr(&o));
}

/// The text with every 64-hex-digit string (a source digest) masked.
fn mask_digests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() == 64 { "<digest>" } else { &run });
        run.clear();
        out.push(c);
    }
    out.push_str(if run.len() == 64 { "<digest>" } else { &run });
    out
}

#[test]
fn schema_https_switches_every_schema_term_and_nothing_else() {
    for format in FORMATS {
        let http = plain(format, &[]);
        let https = plain(format, &["--schema-https"]);
        let http = String::from_utf8(http).unwrap();
        let https = String::from_utf8(https).unwrap();
        assert!(http.contains("http://schema.org/"));
        assert!(
            !https.contains("http://schema.org/"),
            "{format}: an http schema term left"
        );
        // The option is part of the source digest: the digests differ too.
        assert_eq!(
            mask_digests(&http.replace("http://schema.org/", "https://schema.org/")),
            mask_digests(&https),
            "{format}: only the scheme of schema.org changes"
        );
        assert_ne!(
            http,
            https.replace("https://schema.org/", "http://schema.org/")
        );
        if format == "turtle" || format == "trig" {
            assert!(https.contains("@prefix schema: <https://schema.org/> ."));
        }
        // And the triples are the same once the scheme is mapped back.
        let back: BTreeSet<String> = parse(format, https.as_bytes())
            .into_iter()
            .map(|t| mask_digests(&t.replace("<https://schema.org/", "<http://schema.org/")))
            .collect();
        let http: BTreeSet<String> = parse(format, http.as_bytes())
            .into_iter()
            .map(|t| mask_digests(&t))
            .collect();
        assert_eq!(back, http);
    }
}

#[test]
fn report_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let recs = dir.path().join("recs");
    std::fs::create_dir(&recs).unwrap();
    std::fs::write(recs.join("a.md"), "---\nfigid: PMC1__a\npmcid: PMC1\nshoe_size: 42\ngenes:\n- word: p53\n  source: hgnc_symbol\n  entrez: 12a\n- word: x\n  source: hgnc_symbol\n  entrez: 9b\n---\n").unwrap();
    std::fs::write(recs.join("b.md"), "---\npmcid: PMC2\n---\n").unwrap();
    std::fs::write(
        recs.join("c.md"),
        "---\nfigid: PMC3__c\npmcid: PMC3\nyear: MMXX\nshoe_size: 1\n---\n",
    )
    .unwrap();
    let report = dir.path().join("report.json");
    let out = dir.path().join("out.nt");
    let o = run(
        &[
            recs.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let b = recs.join("b.md").display().to_string();
    let a = recs.join("a.md").display().to_string();
    let want = serde_json::json!({
        "pfocr2rdf": env!("CARGO_PKG_VERSION"),
        "exit_status": 1,
        "totals": {
            "records": 3, "converted": 2, "failed": 1, "triples": v["totals"]["triples"],
            "warnings": 3, "errors": 1, "unmapped_keys": 1,
            "stopped_by_strict": false, "no_records_found": false
        },
        "output": {"target": out.display().to_string(), "written": true, "error": null},
        "failed": [{"path": b, "line": 1, "field": "figid", "message": v["failed"][0]["message"]}],
        "warnings": {"genes[].entrez": 2, "year": 1},
        "unmapped": [{"key": "shoe_size", "count": 2, "first_path": a}]
    });
    assert_eq!(v, want);
    assert!(v["totals"]["triples"].as_u64().unwrap() > 10);
    assert!(
        v["failed"][0]["message"]
            .as_str()
            .unwrap()
            .contains("missing figid")
    );
    // The triples count is the number of lines written.
    assert_eq!(
        v["totals"]["triples"].as_u64().unwrap() as usize,
        lines(&std::fs::read(&out).unwrap())
    );

    // A run whose output cannot be written says so in the report.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .arg(&recs)
        .args(["--report", report.to_str().unwrap()])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(v["output"]["written"], false);
    assert!(
        v["output"]["error"]
            .as_str()
            .unwrap()
            .contains("No space left on device")
    );
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn report_counts_match_the_summary_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    let mut args: Vec<String> = vec![corpus_dirs()[1].display().to_string()];
    args.extend([
        "-q".into(),
        "-f".into(),
        "nt".into(),
        "--report".into(),
        report.display().to_string(),
    ]);
    let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let o = run(&a, b"");
    ok(&o);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let warnings_in_stderr = stderr(&o)
        .lines()
        .filter(|l| l.contains(": warning: "))
        .count() as u64;
    let per_kind: u64 = v["warnings"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(per_kind, warnings_in_stderr);
    assert_eq!(
        v["totals"]["warnings"].as_u64().unwrap(),
        warnings_in_stderr
    );
    assert_eq!(
        v["totals"]["triples"].as_u64().unwrap() as usize,
        lines(&o.stdout)
    );
    assert_eq!(v["failed"], serde_json::json!([]));
    let _: BTreeMap<String, u64> = serde_json::from_value(v["warnings"].clone()).unwrap();
}

//! Golden files: the bundled examples in every format, byte for byte.
//! After an intended mapping change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

mod common;

use common::*;

#[test]
fn examples_match_golden_files_in_every_format() {
    let records = root().join("examples/records");
    for format in FORMATS {
        let out = run_path(&records, &["-f", format, "-j", "2"]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let ext = match format {
            "turtle" => "ttl",
            "ntriples" => "nt",
            "nquads" => "nq",
            other => other,
        };
        let golden = root().join(format!("examples/expected/records.{ext}"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &out.stdout).unwrap();
        }
        let expected =
            std::fs::read(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
        assert!(
            out.stdout == expected,
            "{format}: output differs from {} (regenerate with UPDATE_GOLDEN=1 and review the diff)",
            golden.display()
        );
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn output_is_the_same_whatever_the_number_of_threads() {
    for dir in corpus_dirs() {
        same_for_any_jobs(&dir);
    }
}

#[test]
fn examples_are_the_same_whatever_the_number_of_threads() {
    same_for_any_jobs(&root().join("examples/records"));
}

fn same_for_any_jobs(dir: &std::path::Path) {
    for format in FORMATS {
        let one = run_path(dir, &["-f", format, "-j", "1"]);
        let four = run_path(dir, &["-f", format, "-j", "4"]);
        assert!(one.status.success(), "{}", stderr(&one));
        assert_eq!(one.stdout, four.stdout, "{format} on {}", dir.display());
        assert_eq!(one.stderr, four.stderr, "{format} on {}", dir.display());
    }
}

#[test]
fn summary_counts_the_triples_written() {
    let records = root().join("examples/records");
    let out = run_path(&records, &["-f", "nt"]);
    let err = stderr(&out);
    let n = lines(&out.stdout);
    assert!(
        err.contains(&format!(
            "6 records converted, 0 failed, {n} triples written"
        )),
        "{err}"
    );
}

//! Inputs: what is read and how. Several documents on standard input;
//! `pfocr-database` folders pairing each figure with its companion TSVs;
//! inputs that cannot be read (missing, dangling symlinks, symlink loops)
//! reported while the rest converts; usage errors; the TSV reader on hostile
//! files (no header, unknown, duplicate and ragged columns, quotes, not
//! UTF-8, a lone CR).

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Rule: standard input holds any number of front-matter documents.
#[test]
fn standard_input_takes_several_documents() {
    let input = format!(
        "{GOOD}body text\n{}",
        GOOD.replace("PMC1__good", "PMC1__good2")
    );
    let out = run(&["-f", "nt"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_good_ones_survive(&String::from_utf8_lossy(&out.stdout));
    let out = run(&["-", "-f", "nt"], b"---\nfigid: x\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>:1: error: missing closing"),
        "{}",
        stderr(&out)
    );
}

/// Rule: an input that cannot be read is one error; the others convert.
#[test]
fn a_missing_input_fails_and_the_others_convert() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), GOOD).unwrap();
    let missing = dir.path().join("missing.md");
    let out = run(
        &[
            missing.to_str().unwrap(),
            dir.path().join("a.md").to_str().unwrap(),
            "-f",
            "nt",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let line = report_line(&out, "missing.md");
    assert!(line.contains("error: cannot read"), "{line}");
    assert!(
        stderr(&out).contains("1 records converted, 1 failed"),
        "{}",
        stderr(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("PMC1__good.html"));
}

#[test]
fn unreadable_files_and_symlink_loops_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("records");
    fs::create_dir_all(root.join("sub")).unwrap();
    good_records(&root);
    fs::write(root.join("sub/s.md"), "---\nfigid: SUB1\n---\n").unwrap();
    // A dangling symlink cannot be read (root can read any mode bits).
    std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("m-dangling.md")).unwrap();
    // A loop back to the top folder, and one to itself.
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("self"), root.join("self")).unwrap();
    let out = run(&[root.to_str().unwrap(), "-f", "nt"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        report(&err, "m-dangling.md")
            .starts_with("m-dangling.md: error: cannot read: No such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("sub/loop: warning: folder already walked (a symlink loop?): skipped"),
        "{err}"
    );
    let nt = String::from_utf8_lossy(&out.stdout);
    assert_good_ones_survive(&nt);
    assert_eq!(
        nt.matches("<http://purl.org/dc/terms/identifier> \"SUB1\"")
            .count(),
        1
    );
    assert!(err.contains("3 records converted, 1 failed"), "{err}");
}

/// Rule: a usage error (an unknown option value) exits 2.
#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["--format", "rdfxml"], b"").status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// pfocr-database folders and their TSVs

/// Rule: `_data/<figid>-<kind>.tsv` belongs to `_figures/<figid>.md`; a TSV
/// without its figure is a warning.
#[test]
fn a_pfocr_database_pairs_figures_with_their_tsvs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    std::fs::create_dir_all(db.join("_figures")).unwrap();
    std::fs::create_dir_all(db.join("_data")).unwrap();
    std::fs::write(db.join("_figures/F1.md"), "---\nfigid: F1\n---\n").unwrap();
    std::fs::write(
        db.join("_data/F1-genes.tsv"),
        "ncbigene_id\tword\tsource\tcount_direct\n7157\tp53\thgnc\t2\nxx\tbad\thgnc\t1\n",
    )
    .unwrap();
    std::fs::write(db.join("_data/F2-genes.tsv"), "ncbigene_id\n1\n").unwrap();
    let out = run_path(Path::new(db), &["-f", "nt"]);
    let err = stderr(&out);
    assert!(
        err.contains("F1-genes.tsv:3: warning: genes.tsv row 2: ncbigene_id: \"xx\""),
        "{err}"
    );
    assert!(
        err.contains("F2-genes.tsv: warning: companion TSV without its figure"),
        "{err}"
    );
    let nt = String::from_utf8_lossy(&out.stdout);
    assert!(nt.contains("<https://pfocr.wikipathways.org/figures/F1.html#gene-1> <https://w3id.org/pfocr/vocab#ocrWord> \"p53\""));
}

/// Rule: in a pfocr-database, what the folder listings say decides:
/// a symlinked record or companion is followed, a folder is never a
/// record nor a companion, and the orphans are reported in name order.
#[test]
fn a_pfocr_database_follows_symlinks_and_skips_folders() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let elsewhere = dir.path().join("elsewhere");
    for d in [
        "_figures/F9.md",
        "_data/F1-chemicals.tsv",
        "_data/F3-diseases.tsv",
    ] {
        fs::create_dir_all(db.join(d)).unwrap();
    }
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(db.join("_figures/F1.md"), "---\nfigid: F1\n---\n").unwrap();
    fs::write(elsewhere.join("f2.md"), "---\nfigid: F2\n---\n").unwrap();
    symlink(elsewhere.join("f2.md"), db.join("_figures/F2.md")).unwrap();
    fs::write(
        elsewhere.join("genes.tsv"),
        "ncbigene_id\tword\tsource\tcount_direct\n7157\tp53\thgnc\t2\n",
    )
    .unwrap();
    symlink(elsewhere.join("genes.tsv"), db.join("_data/F2-genes.tsv")).unwrap();
    symlink(elsewhere.join("nowhere.tsv"), db.join("_data/F1-genes.tsv")).unwrap();
    fs::write(db.join("_data/F5-genes.tsv"), "ncbigene_id\n1\n").unwrap();
    fs::write(db.join("_data/F4-genes.tsv"), "ncbigene_id\n1\n").unwrap();
    let out = run_path(&db, &["-f", "nt"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("2 records converted, 0 failed"), "{err}");
    let nt = String::from_utf8_lossy(&out.stdout);
    assert!(
        nt.contains("<https://pfocr.wikipathways.org/figures/F2.html#gene-1> <https://w3id.org/pfocr/vocab#ocrWord> \"p53\""),
        "a symlinked companion is read: {nt}"
    );
    assert!(!nt.contains("F9"), "a folder in _figures is no record");
    let orphans: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("companion TSV without its figure"))
        .collect();
    assert_eq!(orphans.len(), 2, "{err}");
    assert!(
        orphans[0].contains("F4-genes.tsv") && orphans[1].contains("F5-genes.tsv"),
        "{err}"
    );
    assert!(
        !err.contains("F3-diseases"),
        "a folder in _data is no companion: {err}"
    );
}

#[test]
fn hostile_tsvs_are_reported_and_the_rest_converted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    fs::create_dir_all(db.join("_figures")).unwrap();
    fs::create_dir_all(db.join("_data")).unwrap();
    let figure = |id: &str| {
        fs::write(
            db.join(format!("_figures/{id}.md")),
            format!("---\nfigid: {id}\n---\n"),
        )
        .unwrap()
    };
    let tsv = |name: &str, text: &[u8]| fs::write(db.join("_data").join(name), text).unwrap();
    for id in [
        "A-good", "NOHEAD", "UNKNOWN", "DUPCOL", "RAGGED", "QUOTES", "NOTUTF8", "BADQUOTE",
    ] {
        figure(id);
    }
    tsv("A-good-genes.tsv", b"ncbigene_id\tword\n7157\tp53\n");
    // No header: the first row is data.
    tsv("NOHEAD-genes.tsv", b"7157\tp53\thgnc\n");
    tsv(
        "UNKNOWN-genes.tsv",
        b"ncbigene_id\tword\tmystery\n1\tw\tz\n",
    );
    tsv(
        "DUPCOL-genes.tsv",
        b"ncbigene_id\tword\tword\n1\tfirst\tsecond\n",
    );
    tsv(
        "RAGGED-genes.tsv",
        b"ncbigene_id\tword\n1\ta\n2\n3\tc\textra\n4\td\n",
    );
    tsv(
        "QUOTES-chemicals.tsv",
        b"word\tmesh\tmatch\tname\tchebi\n\"a \"\"b\"\"\"\tD1\tm\"id\tn\t\n",
    );
    tsv("NOTUTF8-genes.tsv", b"ncbigene_id\tword\n1\t\xFFx\n");
    // A quote opened and never closed swallows the rest of the file.
    tsv(
        "BADQUOTE-genes.tsv",
        b"ncbigene_id\tword\n1\t\"open\n2\tb\n",
    );
    tsv(
        "ORPHAN-diseases.tsv",
        b"word\tmesh\tmatch\tname\tdoid\nw\tD1\tm\tn\t1\n",
    );

    let (out, nt) = every_format(&[db.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let r = |f: &str| report(&err, f);
    assert!(
        r("NOHEAD-genes.tsv").starts_with(
            "NOHEAD-genes.tsv:1: warning: genes.tsv: the header matches no known genes TSV shape"
        ),
        "{err}"
    );
    // The file gives no mention; its figure is converted.
    assert!(!nt.iter().any(|t| t.contains("NOHEAD.html#")));
    assert!(nt.iter().any(|t| t.contains("NOHEAD.html>")));
    assert!(
        err.contains("unmapped key `genes.tsv:mystery` in 1 records"),
        "{err}"
    );
    assert_eq!(
        r("DUPCOL-genes.tsv"),
        "DUPCOL-genes.tsv:1: warning: genes.tsv:word: duplicate column \"word\" (column 3): only the first is read"
    );
    let word = |id: &str, n: u32, w: &str| {
        format!(
            "<https://pfocr.wikipathways.org/figures/{id}.html#{}> <https://w3id.org/pfocr/vocab#ocrWord> {}",
            if id == "QUOTES" {
                format!("chemical-{n}")
            } else {
                format!("gene-{n}")
            },
            literal(w)
        )
    };
    assert!(nt.contains(&word("DUPCOL", 1, "first")));
    assert!(!nt.iter().any(|t| t.contains("second")));
    let ragged = reports(&err, "RAGGED-genes.tsv");
    assert_eq!(ragged.len(), 2, "{err}");
    assert!(ragged[0].ends_with(
        "RAGGED-genes.tsv:3: warning: genes.tsv: ragged row: 1 cells where the header has 2; row skipped"
    ));
    assert!(ragged[1].ends_with(
        "RAGGED-genes.tsv:4: warning: genes.tsv: ragged row: 3 cells where the header has 2; row skipped"
    ));
    // Skipped rows keep their numbers.
    assert!(nt.contains(&word("RAGGED", 1, "a")) && nt.contains(&word("RAGGED", 4, "d")));
    assert!(
        !nt.iter()
            .any(|t| t.contains("RAGGED.html#gene-2") || t.contains("RAGGED.html#gene-3"))
    );
    assert!(nt.contains(&word("QUOTES", 1, "a \"b\"")));
    assert!(nt.contains(&format!(
        "<http://id.nlm.nih.gov/mesh/D1> <http://www.w3.org/2000/01/rdf-schema#label> {}",
        literal("m\"id")
    )));
    assert_eq!(
        r("NOTUTF8-genes.tsv"),
        "NOTUTF8-genes.tsv:2: warning: genes.tsv: not UTF-8: invalid byte 0xFF at byte offset 19: no mention from this file"
    );
    assert!(!nt.iter().any(|t| t.contains("NOTUTF8.html#")));
    assert!(nt.iter().any(|t| t.contains("NOTUTF8.html>")));
    // The unclosed quote would make row 2 part of row 1's cell: reported.
    assert_eq!(
        r("BADQUOTE-genes.tsv"),
        "BADQUOTE-genes.tsv:2: warning: genes.tsv: the quoted cell opened on line 2 never closes (it would hold the rest of the file); row skipped",
        "{err}"
    );
    assert!(!nt.iter().any(|t| t.contains("BADQUOTE.html#")));
    assert_eq!(
        r("ORPHAN-diseases.tsv"),
        "ORPHAN-diseases.tsv: warning: companion TSV without its figure in _figures/: not converted"
    );
    assert!(nt.contains(&word("A-good", 1, "p53")));
    assert!(err.contains("8 records converted, 0 failed"), "{err}");
}

/// Found by fuzzing (tests/FUZZING.md).
/// tsv_mentions: the csv reader ends a row at a lone `\r` (old Mac line
/// ends); rows keep their numbers and reports name `\n`-counted lines.
#[test]
fn fuzz_regression_lone_cr_in_tsv_ends_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    fs::create_dir_all(db.join("_figures")).unwrap();
    fs::create_dir_all(db.join("_data")).unwrap();
    fs::write(db.join("_figures/R.md"), "---\nfigid: R\n---\n").unwrap();
    fs::write(
        db.join("_data/R-genes.tsv"),
        "ncbigene_id\tword\n1\ta\r2\tb\nx\tc\n",
    )
    .unwrap();
    let (out, nt) = every_format(&[db.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let m = |n: u32, w: &str| {
        format!(
            "<https://pfocr.wikipathways.org/figures/R.html#gene-{n}> <https://w3id.org/pfocr/vocab#ocrWord> {}",
            literal(w)
        )
    };
    assert!(
        nt.contains(&m(1, "a")) && nt.contains(&m(2, "b")),
        "{nt:#?}"
    );
    assert_eq!(
        report(&err, "R-genes.tsv"),
        "R-genes.tsv:3: warning: genes.tsv row 3: ncbigene_id: \"x\" is not a valid NCBI Gene id: no triple"
    );
}

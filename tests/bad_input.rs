//! Bad input: each problem gets one clear report (file, line, field), and
//! the other records of the same run still come out.

mod common;

use std::path::Path;

use common::*;

const GOOD: &str = "---\nfigid: PMC1__good\npmcid: PMC1\nfigtitle: A good figure\n---\n";

/// A folder with the good record and one bad one; returns the run's output.
fn with_bad(
    bad_name: &str,
    bad: &[u8],
    args: &[&str],
) -> (std::process::Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-good.md"), GOOD).unwrap();
    std::fs::write(dir.path().join(bad_name), bad).unwrap();
    std::fs::write(
        dir.path().join("z-good.md"),
        GOOD.replace("PMC1__good", "PMC1__good2"),
    )
    .unwrap();
    let mut all = vec![dir.path().to_str().unwrap(), "-f", "nt"];
    all.extend_from_slice(args);
    (run(&all, b""), dir)
}

fn assert_good_ones_survive(out: &std::process::Output) {
    let nt = String::from_utf8_lossy(&out.stdout);
    for id in ["PMC1__good", "PMC1__good2"] {
        assert!(
            nt.contains(&format!("<https://pfocr.wikipathways.org/figures/{id}.html> <http://purl.org/dc/terms/identifier>")),
            "{id} missing from output:\n{nt}"
        );
    }
}

/// The one report line about `file`.
fn report_line(out: &std::process::Output, file: &str) -> String {
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(file)).collect();
    assert_eq!(lines.len(), 1, "expected one report for {file}:\n{err}");
    lines[0].to_owned()
}

#[test]
fn a_figure_without_figid_fails_alone() {
    let (out, _d) = with_bad("m-bad.md", b"---\npmcid: PMC2\nfigtitle: no id\n---\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    let line = report_line(&out, "m-bad.md");
    assert!(line.contains("error: figid: missing figid"), "{line}");
    assert_good_ones_survive(&out);
    assert!(
        stderr(&out).contains("2 records converted, 1 failed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn broken_yaml_names_the_line() {
    let (out, _d) = with_bad(
        "m-bad.md",
        b"---\nfigid: PMC2__x\ncaption: [unclosed\npmcid: PMC2\n---\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let line = report_line(&out, "m-bad.md");
    assert!(
        line.contains("m-bad.md:") && line.contains("bad YAML"),
        "{line}"
    );
    assert_good_ones_survive(&out);
}

#[test]
fn a_missing_closing_fence_is_reported() {
    let (out, _d) = with_bad("m-bad.md", b"---\nfigid: PMC2__x\npmcid: PMC2\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    let line = report_line(&out, "m-bad.md");
    assert!(
        line.contains("m-bad.md:1: error: missing closing `---`"),
        "{line}"
    );
    assert_good_ones_survive(&out);
}

#[test]
fn a_non_numeric_entrez_id_is_reported_and_the_rest_converted() {
    let bad = "---\nfigid: PMC2__x\npmcid: PMC2\ngenes:\n- word: p53\n  source: hgnc_symbol\n  hgnc_symbol: TP53\n  entrez: '7157'\n- word: FOO\n  source: hgnc_symbol\n  hgnc_symbol: FOO\n  entrez: 12a\n---\n";
    let (out, _d) = with_bad("m-bad.md", bad.as_bytes(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a bad value is a warning: {}",
        stderr(&out)
    );
    let line = report_line(&out, "m-bad.md");
    assert!(
        line.contains("m-bad.md:12: warning: genes[2].entrez: \"12a\" is not a valid NCBI Gene id"),
        "{line}"
    );
    let nt = String::from_utf8_lossy(&out.stdout);
    assert!(nt.contains("<https://pfocr.wikipathways.org/figures/PMC2__x.html#gene-1> <http://www.w3.org/ns/oa#hasBody> <https://identifiers.org/ncbigene/7157>"));
    assert!(!nt.contains("#gene-2>"), "the bad row gives no mention");
    assert_good_ones_survive(&out);
}

#[test]
fn a_malformed_ndex_uuid_is_reported() {
    let bad = "---\nfigid: PMC2__x\npmcid: PMC2\nndex: 63b05d4f-df0e-11ea-99da-0ac135e8bacg\n---\n";
    let (out, _d) = with_bad("m-bad.md", bad.as_bytes(), &[]);
    let line = report_line(&out, "m-bad.md");
    assert!(
        line.contains("m-bad.md:4: warning: ndex: ")
            && line.contains("not a valid NDEx network UUID"),
        "{line}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("ndexbio"));
    assert_good_ones_survive(&out);
}

#[test]
fn an_invalid_typed_value_gives_no_triple() {
    let bad = "---\nfigid: PMC2__x\npmcid: PMC2\nyear: MMXX\npathway_score: n/a\npmc_ranked_result_index: '-3.5'\n---\n";
    let (out, _d) = with_bad("m-bad.md", bad.as_bytes(), &[]);
    let err = stderr(&out);
    assert!(
        err.contains("m-bad.md:4: warning: year: \"MMXX\" is not a valid xsd:gYear"),
        "{err}"
    );
    assert!(
        err.contains("m-bad.md:5: warning: pathway_score: \"n/a\" is not a valid xsd:decimal"),
        "{err}"
    );
    assert!(
        err.contains(
            "m-bad.md:6: warning: pmc_ranked_result_index: \"-3.5\" is not a valid xsd:integer"
        ),
        "{err}"
    );
    let nt = String::from_utf8_lossy(&out.stdout);
    assert!(
        !nt.contains("gYear")
            && !nt.contains("XMLSchema#decimal")
            && !nt.contains("XMLSchema#integer")
    );
}

#[test]
fn hostile_caption_is_escaped_in_every_format() {
    let caption = "She said \"\"\"hi\"\"\" \\ then\nnew line\r\tand > <b> & 'q' \u{1}\u{7f} κ";
    let yaml = format!(
        "---\nfigid: PMC3__x\npmcid: PMC3\ncaption: {}\nfiglink: /pmc/a b<c>\"d\"\n---\n",
        // YAML has no raw DEL: escape it in the double-quoted scalar.
        serde_json::to_string(caption)
            .unwrap()
            .replace('\u{7f}', "\\u007F")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.md");
    std::fs::write(&path, &yaml).unwrap();
    let out = run_path(&path, &["-f", "nt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reference = parse("ntriples", &out.stdout);
    let expected_literal = oxrdf::Literal::new_simple_literal(caption).to_string();
    assert!(
        reference.iter().any(|t| t.ends_with(&format!(
            "<http://schema.org/description> {expected_literal}"
        ))),
        "{reference:#?}"
    );
    assert!(
        reference
            .iter()
            .any(|t| t.contains("<https://www.ncbi.nlm.nih.gov/pmc/a%20b%3Cc%3E%22d%22>"))
    );
    for format in FORMATS {
        let out = run_path(&path, &["-f", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(parse(format, &out.stdout), reference, "{format}");
    }
}

#[test]
fn strict_stops_at_the_first_bad_record() {
    let (out, _d) = with_bad(
        "m-bad.md",
        b"---\npmcid: PMC2\n---\n",
        &["--strict", "-j", "1"],
    );
    assert_eq!(out.status.code(), Some(1));
    let nt = String::from_utf8_lossy(&out.stdout);
    assert!(
        nt.contains("PMC1__good.html"),
        "records before the bad one are written"
    );
    assert!(!nt.contains("PMC1__good2.html"), "nothing after it");
    assert!(
        stderr(&out).contains("stopped by --strict"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn standard_input_takes_several_documents() {
    let input = format!(
        "{GOOD}body text\n{}",
        GOOD.replace("PMC1__good", "PMC1__good2")
    );
    let out = run(&["-f", "nt"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_good_ones_survive(&out);
    let out = run(&["-", "-f", "nt"], b"---\nfigid: x\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>:1: error: missing closing"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_same_figure_twice_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), GOOD).unwrap();
    std::fs::write(dir.path().join("b.md"), GOOD).unwrap();
    let out = run_path(dir.path(), &["-f", "nt"]);
    assert_eq!(out.status.code(), Some(1));
    let line = report_line(&out, "b.md");
    assert!(line.contains("given twice"), "{line}");
    let nt = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        nt.matches("<http://purl.org/dc/terms/identifier> \"PMC1__good\"")
            .count(),
        1
    );
}

#[test]
fn usage_errors_exit_2_and_an_empty_folder_exits_1() {
    assert_eq!(run(&["--format", "rdfxml"], b"").status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let out = run_path(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no records found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unmapped_keys_are_counted_once_per_key() {
    let dir = tempfile::tempdir().unwrap();
    for (name, figid) in [("a.md", "A"), ("b.md", "B")] {
        std::fs::write(
            dir.path().join(name),
            format!("---\nfigid: {figid}\nnew_field: 1\nannotations: [x]\ngenes:\n- word: w\n  extra: 1\n  entrez: '1'\n---\n"),
        )
        .unwrap();
    }
    let out = run_path(dir.path(), &["-f", "nt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("unmapped keys: annotations (2), genes[].extra (2), new_field (2)"),
        "{err}"
    );
    assert_eq!(err.matches("unmapped key `new_field`").count(), 1, "{err}");
}

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
fn warnings_of_one_kind_are_shown_twenty_times_then_counted() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..25 {
        std::fs::write(
            dir.path().join(format!("f{i:02}.md")),
            format!("---\nfigid: F{i}\ngenes:\n- word: x\n  entrez: bad\n---\n"),
        )
        .unwrap();
    }
    let out = run_path(dir.path(), &["-f", "nt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(
        err.matches(": warning: genes[1].entrez:").count(),
        20,
        "{err}"
    );
    assert!(
        err.contains("5 more warnings for `genes[].entrez` not shown (25 in all"),
        "{err}"
    );
    assert!(
        err.contains("25 warnings"),
        "the summary counts them all: {err}"
    );
    let verbose = run_path(dir.path(), &["-f", "nt", "-v"]);
    assert_eq!(
        stderr(&verbose)
            .matches(": warning: genes[1].entrez:")
            .count(),
        25
    );
    assert!(!stderr(&verbose).contains("not shown"));
}

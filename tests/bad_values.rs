//! Bad values: a value that does not fit its field (an Entrez id, an NDEx
//! UUID, a typed number or year) is a warning naming file, line and field,
//! and gives no triple; the record and the run still succeed. Keys the
//! mapping does not know are counted, and warnings of one kind are capped
//! unless `-v`.

mod common;

use common::*;

/// Rule: a bad value is a warning (exit 0) and its row gives no mention.
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
    assert_good_ones_survive(&String::from_utf8_lossy(&out.stdout));
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
    assert_good_ones_survive(&String::from_utf8_lossy(&out.stdout));
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

/// Rule: an unknown key is warned about once and counted in the summary.
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

/// Rule: 20 warnings of a kind are shown, the rest counted; `-v` shows all.
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

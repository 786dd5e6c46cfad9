//! Companion TSV header shapes: known, reordered, 10-column genes, the older
//! three-column chemicals/diseases form, and files that give no mention (an
//! unknown header, an empty file, a header only, bytes that are not UTF-8).
//! Whatever a companion holds, its figure and its other companions convert.
//! Each case is a pfocr-database folder under `tests/data/tsv-shapes/`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{parse, run_path, stderr};

const F: &str = "<https://pfocr.wikipathways.org/figures/X.html>";

fn case(name: &str) -> PathBuf {
    common::root().join("tests/data/tsv-shapes").join(name)
}

/// Converts a case folder (or file) to N-Triples: its triples, its stderr
/// report lines (the summary last) and its exit status.
/// The triples (the source digest's value masked: its inputs differ from
/// case to case by design), the report lines and the exit status.
fn convert(path: &Path) -> (BTreeSet<String>, Vec<String>, Option<i32>) {
    let out = run_path(path, &["-f", "nt"]);
    let err = stderr(&out);
    let lines = err.lines().map(str::to_owned).collect();
    let digest = "<https://w3id.org/pfocr/vocab#sourceDigest> \"";
    let triples = parse("ntriples", &out.stdout)
        .into_iter()
        .map(|t| match t.find(digest) {
            Some(i) => format!("{}{digest}…\"", &t[..i]),
            None => t,
        })
        .collect();
    (triples, lines, out.status.code())
}

/// The triples whose subject is the mention `F#{node}`.
fn mention(nt: &BTreeSet<String>, node: &str) -> BTreeSet<String> {
    let subject = format!("<https://pfocr.wikipathways.org/figures/X.html#{node}> ");
    nt.iter()
        .filter(|t| t.starts_with(&subject))
        .map(|t| t[subject.len()..].to_owned())
        .collect()
}

fn has_mentions(nt: &BTreeSet<String>, kind: &str) -> bool {
    nt.iter().any(|t| t.contains(&format!("X.html#{kind}-")))
}

/// The front matter's own triples are there.
fn assert_figure(nt: &BTreeSet<String>) {
    for t in [
        format!(
            "{F} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pfocr/vocab#Figure>"
        ),
        format!("{F} <http://purl.org/dc/terms/identifier> \"X\""),
        format!("{F} <http://purl.org/dc/terms/title> \"Signalling in a test figure\""),
        format!("{F} <http://purl.org/dc/terms/isPartOf> <https://identifiers.org/pmc/PMC1>"),
    ] {
        assert!(nt.contains(&t), "missing {t}");
    }
}

/// The run converted its one record, with this many warnings.
fn assert_converted(lines: &[String], status: Option<i32>, warnings: usize) {
    let summary = lines.last().expect("a summary line");
    assert_eq!(status, Some(0), "{lines:#?}");
    assert!(
        summary.starts_with("pfocr2rdf: 1 records converted, 0 failed, ")
            && summary.contains(&format!(" triples written, {warnings} warnings")),
        "{lines:#?}"
    );
    assert_eq!(lines.len(), warnings + 1, "{lines:#?}");
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

const PFOCR: &str = "https://w3id.org/pfocr/vocab#";

fn first_gene(count_synonym: bool) -> BTreeSet<String> {
    let mut m = set(&[
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#Annotation>",
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pfocr/vocab#GeneMention>",
        "<http://www.w3.org/ns/oa#hasTarget> <https://pfocr.wikipathways.org/figures/X.html>",
        "<http://www.w3.org/ns/oa#hasBody> <https://identifiers.org/ncbigene/4040>",
        "<https://w3id.org/pfocr/vocab#ocrWord> \"LRP5/6\"",
        "<https://w3id.org/pfocr/vocab#matchedText> \"LRP6\"",
        "<https://w3id.org/pfocr/vocab#lexiconSource> \"ncbigene_symbol\"",
        "<http://vocabularies.wikipathways.org/wp#organism> <http://purl.obolibrary.org/obo/NCBITaxon_9606>",
        "<https://w3id.org/pfocr/vocab#countDirect> \"10\"^^<http://www.w3.org/2001/XMLSchema#integer>",
        "<https://w3id.org/pfocr/vocab#countMatch> \"26\"^^<http://www.w3.org/2001/XMLSchema#integer>",
    ]);
    if count_synonym {
        m.insert(format!(
            "<{PFOCR}countSynonym> \"22\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        ));
    }
    m
}

#[test]
fn the_current_shapes_give_every_mention() {
    let (nt, lines, status) = convert(&case("known"));
    assert_converted(&lines, status, 0);
    assert_figure(&nt);
    assert_eq!(mention(&nt, "gene-1"), first_gene(true));
    assert!(!mention(&nt, "gene-2").is_empty());
    assert_eq!(
        mention(&nt, "chemical-1"),
        set(&[
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#Annotation>",
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pfocr/vocab#ChemicalMention>",
            "<http://www.w3.org/ns/oa#hasTarget> <https://pfocr.wikipathways.org/figures/X.html>",
            "<http://www.w3.org/ns/oa#hasBody> <http://id.nlm.nih.gov/mesh/D005227>",
            "<http://www.w3.org/ns/oa#hasBody> <http://purl.obolibrary.org/obo/CHEBI_35366>",
            "<https://w3id.org/pfocr/vocab#ocrWord> \"Fatty acid\"",
        ])
    );
    assert!(!mention(&nt, "chemical-2").is_empty());
    assert_eq!(
        mention(&nt, "disease-1"),
        set(&[
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#Annotation>",
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pfocr/vocab#DiseaseMention>",
            "<http://www.w3.org/ns/oa#hasTarget> <https://pfocr.wikipathways.org/figures/X.html>",
            "<http://www.w3.org/ns/oa#hasBody> <http://id.nlm.nih.gov/mesh/D009369>",
            "<http://www.w3.org/ns/oa#hasBody> <http://purl.obolibrary.org/obo/DOID_162>",
            "<https://w3id.org/pfocr/vocab#ocrWord> \"cancer\"",
        ])
    );
}

#[test]
fn columns_are_matched_by_name_not_position() {
    let (known, _, _) = convert(&case("known"));
    let (nt, lines, status) = convert(&case("reordered"));
    assert_converted(&lines, status, 0);
    assert_eq!(nt, known);
}

#[test]
fn ten_column_genes_lack_only_the_synonym_count() {
    let (nt, lines, status) = convert(&case("genes10"));
    assert_converted(&lines, status, 0);
    assert_figure(&nt);
    assert_eq!(mention(&nt, "gene-1"), first_gene(false));
    assert!(!nt.iter().any(|t| t.contains("countSynonym")));
}

#[test]
fn the_older_three_column_form_maps_as_legacy_inline_items() {
    let (nt, lines, status) = convert(&case("older"));
    assert_converted(&lines, status, 1);
    assert_figure(&nt);
    // Row 3's identifier is `NA`: no mention, and row 4 keeps its number.
    assert!(
        lines[0].ends_with(
            "older/_data/X-chemicals.tsv:4: warning: chemicals.tsv row 3: identifier: no MeSH or CHEBI id (word \"nothing\"): row gives no mention"
        ),
        "{lines:#?}"
    );
    assert!(mention(&nt, "chemical-3").is_empty());
    assert_eq!(
        mention(&nt, "chemical-4"),
        set(&[
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#Annotation>",
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pfocr/vocab#ChemicalMention>",
            "<http://www.w3.org/ns/oa#hasTarget> <https://pfocr.wikipathways.org/figures/X.html>",
            "<http://www.w3.org/ns/oa#hasBody> <http://id.nlm.nih.gov/mesh/D000255>",
            "<https://w3id.org/pfocr/vocab#ocrWord> \"ATP\"",
            "<https://w3id.org/pfocr/vocab#lexiconSource> \"MESH\"",
        ])
    );
    // The diseases file names its columns in another order.
    assert_eq!(
        mention(&nt, "disease-1"),
        set(&[
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/oa#Annotation>",
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pfocr/vocab#DiseaseMention>",
            "<http://www.w3.org/ns/oa#hasTarget> <https://pfocr.wikipathways.org/figures/X.html>",
            "<http://www.w3.org/ns/oa#hasBody> <http://id.nlm.nih.gov/mesh/D009369>",
            "<https://w3id.org/pfocr/vocab#ocrWord> \"cancer\"",
            "<https://w3id.org/pfocr/vocab#lexiconSource> \"MESH\"",
        ])
    );
    // The same figure with the same items inline under `chemicals:` and
    // `diseases:` gives the same graph.
    let (inline, inline_lines, inline_status) = convert(&case("legacy-inline/X.md"));
    assert_converted(&inline_lines, inline_status, 1);
    assert_eq!(nt, inline);
}

#[test]
fn an_unknown_header_costs_only_its_file() {
    let (nt, lines, status) = convert(&case("unknown"));
    assert_converted(&lines, status, 2);
    assert_figure(&nt);
    // Genes have no three-column form.
    assert!(
        lines[0].ends_with(
            "unknown/_data/X-genes.tsv:1: warning: genes.tsv: the header matches no known genes TSV shape (columns organism_id, organism_name, organism_group, word, match, ncbigene_symbol, ncbigene_id, source, count_direct, count_synonym, count_match), found \"word\\tsource\\tidentifier\": no mention from this file"
        ),
        "{lines:#?}"
    );
    assert!(
        lines[1].ends_with(
            "unknown/_data/X-chemicals.tsv:1: warning: chemicals.tsv: the header matches no known chemicals TSV shape (columns word, mesh, match, name, chebi; or word, source, identifier), found \"compound\\tid\": no mention from this file"
        ),
        "{lines:#?}"
    );
    assert!(!has_mentions(&nt, "gene") && !has_mentions(&nt, "chemical"));
    // The diseases companion is converted.
    assert!(nt.contains(&format!(
        "<https://pfocr.wikipathways.org/figures/X.html#disease-1> <{PFOCR}ocrWord> \"cancer\""
    )));
    // Its columns are not reported as unmapped keys: the warning names them.
    assert!(lines[2].ends_with("no unmapped keys"), "{lines:#?}");
}

#[test]
fn an_empty_companion_is_reported_and_gives_no_mention() {
    let (nt, lines, status) = convert(&case("empty"));
    assert_converted(&lines, status, 1);
    assert_figure(&nt);
    assert!(
        lines[0].ends_with(
            "empty/_data/X-chemicals.tsv: warning: chemicals.tsv: empty file (no header row): no mention from this file"
        ),
        "{lines:#?}"
    );
    assert!(!has_mentions(&nt, "chemical"));
    assert_eq!(mention(&nt, "gene-1"), first_gene(true));
}

#[test]
fn a_header_only_companion_is_zero_rows_without_a_report() {
    let (nt, lines, status) = convert(&case("header-only"));
    assert_converted(&lines, status, 0);
    assert_figure(&nt);
    assert!(!has_mentions(&nt, "chemical") && !has_mentions(&nt, "disease"));
    assert_eq!(mention(&nt, "gene-1"), first_gene(true));
}

#[test]
fn a_companion_that_is_not_utf8_costs_only_its_file() {
    let (nt, lines, status) = convert(&case("not-utf8"));
    assert_converted(&lines, status, 1);
    assert_figure(&nt);
    assert!(
        lines[0].ends_with(
            "not-utf8/_data/X-diseases.tsv:2: warning: diseases.tsv: not UTF-8: invalid byte 0xFF at byte offset 30: no mention from this file"
        ),
        "{lines:#?}"
    );
    assert!(!has_mentions(&nt, "disease"));
    assert_eq!(mention(&nt, "gene-1"), first_gene(true));
    assert!(!mention(&nt, "chemical-1").is_empty());
}

#[test]
fn other_tables_in_data_are_skipped_quietly_and_orphans_still_warn() {
    let dir = case("data-tables");
    let (nt, lines, status) = convert(&dir);
    assert_figure(&nt);
    assert_eq!(mention(&nt, "gene-1"), first_gene(true));
    // `wpid_map.tsv` and `README.md` are not companions: no report. The
    // orphan `Y-genes.tsv` is reported as a problem, not a record.
    assert_eq!(status, Some(0), "{lines:#?}");
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].ends_with(
            "data-tables/_data/Y-genes.tsv: warning: companion TSV without its figure in _figures/: not converted"
        ),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with("pfocr2rdf: 1 records converted, 0 failed, "),
        "{lines:#?}"
    );
    // `-v` says how many were skipped.
    let verbose = stderr(&run_path(&dir, &["-f", "nt", "-v"]));
    assert!(
        verbose
            .lines()
            .any(|l| l.starts_with("pfocr2rdf: 2 other files in _data/ skipped")),
        "{verbose:#?}"
    );
}

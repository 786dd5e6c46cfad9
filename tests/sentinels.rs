//! Missing-value sentinels as list items (MAPPING.md, "Inputs"): in every
//! list key, an item that is empty, `NA`, `.na.*`, `.nan` or YAML null gives
//! no triple, costs nothing else, and keeps its 1-based place in the
//! mention numbering. Run through the real binary.

mod common;

use std::fs;

use common::*;

/// Every sentinel spelling, as a YAML list item (after `- `).
const SENTINELS: [&str; 10] = [
    "''",
    "\"\"",
    "NA",
    "'NA'",
    ".na.character",
    ".na.real",
    ".nan",
    "~",
    "null",
    "",
];

fn fig(id: &str) -> String {
    format!("https://pfocr.wikipathways.org/figures/{id}.html")
}

/// Converts the records of `files` (name → text) in one run; returns the
/// N-Triples lines and stderr, after checking that every record converted.
fn convert(files: &[(String, String)]) -> (Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let out = run(&[dir.path().to_str().unwrap(), "-f", "nt"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("{} records converted, 0 failed", files.len())),
        "{err}"
    );
    let nt = String::from_utf8(out.stdout).unwrap();
    (nt.lines().map(str::to_owned).collect(), err)
}

#[test]
fn a_sentinel_mention_item_keeps_its_number_and_costs_nothing_else() {
    let mut files = Vec::new();
    for (s, sentinel) in SENTINELS.iter().enumerate() {
        for list in ["genes", "chemicals", "diseases"] {
            let good = if list == "genes" {
                "- word: TP53\n  source: hgnc_symbol\n  entrez: '7157'\n"
            } else {
                "- word: PGE2\n  source: MESH\n  identifier: D015232\n"
            };
            files.push((
                format!("{list}-{s}.md"),
                format!("---\nfigid: S{s}{list}\npmcid: PMC1\n{list}:\n- {sentinel}\n{good}---\n"),
            ));
        }
    }
    let (nt, err) = convert(&files);
    assert!(err.contains(" 0 warnings, "), "{err}");
    for (s, sentinel) in SENTINELS.iter().enumerate() {
        for (list, kind, body) in [
            ("genes", "gene", "<https://identifiers.org/ncbigene/7157>"),
            (
                "chemicals",
                "chemical",
                "<http://id.nlm.nih.gov/mesh/D015232>",
            ),
            (
                "diseases",
                "disease",
                "<http://id.nlm.nih.gov/mesh/D015232>",
            ),
        ] {
            let f = fig(&format!("S{s}{list}"));
            let what = format!("{list} after {sentinel}");
            // The good item is the second: its number is 2.
            let m2 = format!("<{f}#{kind}-2> <http://www.w3.org/ns/oa#hasBody> {body} .");
            assert!(nt.contains(&m2), "{what}: missing {m2}");
            assert!(
                !nt.iter().any(|t| t.contains(&format!("{f}#{kind}-1>"))),
                "{what}: the sentinel item gave a mention"
            );
            assert!(
                nt.contains(&format!("<{f}> <http://schema.org/mentions> {body} .")),
                "{what}"
            );
        }
    }
}

#[test]
fn a_sentinel_in_a_list_of_names_gives_no_triple() {
    let mut files = Vec::new();
    for (s, sentinel) in SENTINELS.iter().enumerate() {
        files.push((
            format!("names-{s}.md"),
            format!(
                "---\nfigid: N{s}\norganisms:\n- {sentinel}\n- Homo sapiens\n\
                 organisms_ner:\n- {sentinel}\n- Mus musculus\n\
                 redirect_from:\n- {sentinel}\n- /figures/N{s}\n\
                 annotations:\n- {sentinel}\n\
                 schema-jsonld:\n  '@id': {f}\n  keywords:\n  - {sentinel}\n  - TP53\n---\n",
                f = fig(&format!("N{s}"))
            ),
        ));
    }
    let (nt, err) = convert(&files);
    // A sentinel-only annotations list holds nothing: not reported.
    assert!(err.contains("no unmapped keys"), "{err}");
    assert!(err.contains(" 0 warnings, "), "{err}");
    for (s, what) in SENTINELS.iter().enumerate() {
        let f = fig(&format!("N{s}"));
        let of_f: Vec<&String> = nt
            .iter()
            .filter(|t| t.starts_with(&format!("<{f}> ")))
            .collect();
        for (p, o) in [
            (
                "http://vocabularies.wikipathways.org/wp#organismName",
                "\"Homo sapiens\"",
            ),
            (
                "https://w3id.org/pfocr/vocab#nerOrganismName",
                "\"Mus musculus\"",
            ),
            (
                "https://w3id.org/pfocr/vocab#redirectFrom",
                &format!("\"/figures/N{s}\""),
            ),
            ("http://schema.org/keywords", "\"TP53\""),
        ] {
            let with_p: Vec<&&String> = of_f
                .iter()
                .filter(|t| t.contains(&format!(" <{p}> ")))
                .collect();
            assert_eq!(
                with_p,
                [&&format!("<{f}> <{p}> {o} .")],
                "{what}: {p} gives exactly the real item"
            );
        }
    }
}

#[test]
fn a_sentinel_for_a_whole_list_gives_nothing() {
    let mut files = Vec::new();
    for (s, sentinel) in ["NA", "''", ".na.character", "~"].iter().enumerate() {
        files.push((
            format!("whole-{s}.md"),
            format!(
                "---\nfigid: W{s}\ngenes: {sentinel}\nchemicals: {sentinel}\ndiseases: {sentinel}\n\
                 annotations: {sentinel}\nschema-jsonld: {sentinel}\n---\n"
            ),
        ));
    }
    let (nt, err) = convert(&files);
    assert!(err.contains("no unmapped keys"), "{err}");
    assert!(err.contains(" 0 warnings, "), "{err}");
    assert!(
        !nt.iter()
            .any(|t| t.contains("#gene-") || t.contains("#chemical-") || t.contains("#disease-"))
    );
}

//! The real records of ../shared/corpus, both generations: every record
//! converts, real values come out right, and every format says the same.

mod common;

use common::*;

fn nt(dir: &std::path::Path) -> String {
    let out = run_path(dir, &["-f", "nt"]);
    assert!(out.status.success(), "{}: {}", dir.display(), stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn every_record_converts_without_error() {
    let shared = shared();
    let mut inputs = corpus_dirs();
    inputs.push(shared.join("example-seed-record.txt"));
    for input in inputs {
        let out = run_path(&input, &["-f", "nt", "--strict"]);
        let err = stderr(&out);
        assert!(out.status.success(), "{}: {err}", input.display());
        assert!(!err.contains(": error:"), "{err}");
        assert!(err.contains(" 0 failed"), "{err}");
        assert!(err.contains("no unmapped keys"), "{err}");
    }
    // Every figure file of both generations was counted.
    for dir in corpus_dirs() {
        let n = walk_count(&dir);
        let out = run_path(&dir, &["-f", "nt"]);
        assert!(
            stderr(&out).contains(&format!("pfocr2rdf: {n} records converted, 0 failed")),
            "{}",
            stderr(&out)
        );
    }
}

fn walk_count(dir: &std::path::Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            if p.file_name().unwrap() != "_data" {
                n += walk_count(&p);
            }
        } else if p.extension().is_some_and(|x| x == "md") {
            n += 1;
        }
    }
    n
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn legacy_records_give_the_expected_values() {
    let out = nt(&shared().join("corpus/legacy"));
    let f = "<https://pfocr.wikipathways.org/figures/PMC5308639__oncotarget-07-61107-g007.html>";
    for expected in [
        // A gene IRI, its label and HGNC symbol, from an inline item.
        format!("{f} <http://schema.org/mentions> <https://identifiers.org/ncbigene/7157> ."),
        "<https://identifiers.org/ncbigene/7157> <http://www.w3.org/2000/01/rdf-schema#label> \"TP53\" .".into(),
        "<https://identifiers.org/ncbigene/7157> <http://vocabularies.wikipathways.org/wp#bdbHgncSymbol> <https://identifiers.org/hgnc.symbol/TP53> .".into(),
        // The OCR word and normalised symbol stay on the mention.
        "<https://pfocr.wikipathways.org/figures/PMC5308639__oncotarget-07-61107-g007.html#gene-7> <https://w3id.org/pfocr/vocab#ocrWord> \"p53\" .".to_string(),
        // A taxon from the organism table.
        format!("{f} <http://vocabularies.wikipathways.org/wp#organism> <http://purl.obolibrary.org/obo/NCBITaxon_9606> ."),
        // An NDEx link.
        format!("{f} <https://w3id.org/pfocr/vocab#ndexNetwork> <https://www.ndexbio.org/viewer/networks/63b05d4f-df0e-11ea-99da-0ac135e8bacf> ."),
        // Typed literals, kept as written.
        format!("{f} <https://w3id.org/pfocr/vocab#pathwayScore> \"0.9152256\"^^<http://www.w3.org/2001/XMLSchema#decimal> ."),
        format!("{f} <https://w3id.org/pfocr/vocab#pmcRankedResultIndex> \"162890\"^^<http://www.w3.org/2001/XMLSchema#integer> ."),
        "<https://identifiers.org/pmc/PMC5308639> <http://purl.org/dc/terms/issued> \"2016\"^^<http://www.w3.org/2001/XMLSchema#gYear> .".into(),
        // A legacy chemical item with its MeSH body.
        "<https://pfocr.wikipathways.org/figures/PMC100028__ii1110348001.html#chemical-1> <http://www.w3.org/ns/oa#hasBody> <http://id.nlm.nih.gov/mesh/D004983> .".into(),
        "<https://pfocr.wikipathways.org/figures/PMC100028__ii1110348001.html#chemical-1> <https://w3id.org/pfocr/vocab#lexiconSource> \"MESH\" .".into(),
        // wpid.
        "<https://pfocr.wikipathways.org/figures/PMC5883377__CN-16-151_F1B.html> <https://w3id.org/pfocr/vocab#wikipathway> <https://identifiers.org/wikipathways/WP4760> .".into(),
    ] {
        assert!(out.lines().any(|l| l == expected), "missing: {expected}");
    }
    // The schema-jsonld's `name: CreativeWork` is never the figure's name.
    assert!(!out.contains("<http://schema.org/name> \"CreativeWork\""));
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn current_records_give_the_expected_values() {
    let out = nt(&shared().join("corpus/pfocr-database"));
    let f = "<https://pfocr.wikipathways.org/figures/PMC10030845__fimmu-14-1150879-g001.html>";
    let a = "<https://identifiers.org/pmc/PMC10030845>";
    let m =
        "<https://pfocr.wikipathways.org/figures/PMC10030845__fimmu-14-1150879-g001.html#gene-1>";
    for expected in [
        format!("{f} <http://schema.org/mentions> <https://identifiers.org/ncbigene/7099> ."),
        format!("{m} <http://www.w3.org/ns/oa#hasBody> <https://identifiers.org/ncbigene/7099> ."),
        format!("{m} <https://w3id.org/pfocr/vocab#countDirect> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> ."),
        format!("{m} <http://vocabularies.wikipathways.org/wp#organism> <http://purl.obolibrary.org/obo/NCBITaxon_9606> ."),
        "<http://purl.obolibrary.org/obo/NCBITaxon_9606> <https://w3id.org/pfocr/vocab#organismGroup> \"Primates\" .".into(),
        format!("{f} <https://w3id.org/pfocr/vocab#nerOrganism> <http://purl.obolibrary.org/obo/NCBITaxon_9606> ."),
        format!("{a} <http://schema.org/sameAs> <https://doi.org/10.3389/fimmu.2023.1150879> ."),
        format!("{a} <http://schema.org/isPartOf> <https://w3id.org/pfocr/journal/Front%20Immunol> ."),
        "<https://w3id.org/pfocr/journal/Front%20Immunol> <http://schema.org/name> \"Frontiers in Immunology\" .".into(),
        "<https://w3id.org/pfocr/journal/Front%20Immunol> <http://schema.org/publisher> <https://w3id.org/pfocr/publisher/Frontiers%20Media%20S.A.> .".into(),
        format!("{a} <http://schema.org/keywords> \"autoimmune hepatitis (AIH)\" ."),
        format!("{f} <https://w3id.org/pfocr/vocab#automlPathwayScore> \"0.8589612\"^^<http://www.w3.org/2001/XMLSchema#decimal> ."),
        // A chemical row: MeSH and ChEBI bodies, labelled.
        format!("{f} <http://schema.org/mentions> <http://id.nlm.nih.gov/mesh/D000255> ."),
        "<http://id.nlm.nih.gov/mesh/D000255> <http://www.w3.org/2000/01/rdf-schema#label> \"Adenosine Triphosphate\" .".into(),
        "<http://purl.obolibrary.org/obo/CHEBI_15422> <http://www.w3.org/2000/01/rdf-schema#label> \"ATP\" .".into(),
        // A disease row.
        "<https://pfocr.wikipathways.org/figures/PMC10030845__fimmu-14-1150879-g001.html#disease-1> <http://www.w3.org/ns/oa#hasBody> <http://id.nlm.nih.gov/mesh/D014125> .".into(),
    ] {
        assert!(out.lines().any(|l| l == expected), "missing: {expected}");
    }
    // `organisms: [NA]` gives no organism.
    assert!(!out.contains(&format!(
        "{f} <http://vocabularies.wikipathways.org/wp#organismName>"
    )));
    // No blank nodes anywhere.
    assert!(!out.contains("_:"));
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn every_format_parses_back_to_the_same_triples() {
    let mut inputs = corpus_dirs();
    inputs.push(root().join("examples/records"));
    for dir in inputs {
        let reference = {
            let out = run_path(&dir, &["-f", "nt"]);
            parse("ntriples", &out.stdout)
        };
        assert!(reference.len() > 1000, "{}", dir.display());
        for format in FORMATS {
            let out = run_path(&dir, &["-f", format]);
            assert!(out.status.success(), "{}", stderr(&out));
            let triples = parse(format, &out.stdout);
            assert!(
                triples == reference,
                "{format} on {}: {} triples vs {} in N-Triples; first difference: {:?}",
                dir.display(),
                triples.len(),
                reference.len(),
                triples.symmetric_difference(&reference).next()
            );
        }
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn each_record_round_trips_on_its_own() {
    // Record by record, so a difference names its file.
    for dir in corpus_dirs() {
        let figures = if dir.join("_figures").is_dir() {
            dir.join("_figures")
        } else {
            dir.clone()
        };
        for entry in std::fs::read_dir(&figures).unwrap() {
            let path = entry.unwrap().path();
            let reference = parse("ntriples", &run_path(&path, &["-f", "nt"]).stdout);
            for format in ["turtle", "trig", "jsonld", "nquads"] {
                let out = run_path(&path, &["-f", format]);
                assert_eq!(
                    parse(format, &out.stdout),
                    reference,
                    "{format}: {}",
                    path.display()
                );
            }
        }
    }
}

//! examples/oxigraph_store.rs: the figures loaded through the library API
//! answer queries exactly as the golden N-Quads file loaded by Oxigraph's
//! own parser does.

mod common;

#[allow(dead_code)]
#[path = "../examples/oxigraph_store.rs"]
mod example;

use common::*;
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

fn answer(store: &Store, query: &str) -> String {
    let mut out = Vec::new();
    example::select_tsv(store, query, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_api_store_answers_as_the_parsed_golden_file() {
    let mut log = Vec::new();
    let (store, failed) = example::load(&[root().join("examples/records")], &mut log);
    assert!(!failed, "{}", String::from_utf8_lossy(&log));
    let parsed = Store::new().unwrap();
    let nq = std::fs::read(root().join("examples/expected/records.nq")).unwrap();
    parsed.load_from_slice(RdfFormat::NQuads, &nq).unwrap();
    assert_eq!(store.len().unwrap(), parsed.len().unwrap());
    assert_eq!(store.len().unwrap(), lines(&nq));

    let queries = example_queries();
    let mut answered = 0;
    for query in queries {
        let text = std::fs::read_to_string(&query).unwrap();
        let ours = answer(&store, &text);
        assert_eq!(ours, answer(&parsed, &text), "{}", query.display());
        answered += usize::from(ours.lines().count() > 1);
    }
    assert!(
        answered >= 3,
        "only {answered} queries have answers on the examples"
    );

    let genes = answer(
        &store,
        "SELECT ?g WHERE { GRAPH ?g { ?g a <https://w3id.org/pfocr/vocab#Figure> } } ORDER BY ?g",
    );
    let lines: Vec<&str> = genes.lines().collect();
    assert_eq!(lines[0], "?g");
    assert_eq!(lines.len(), 7, "{genes}");
    assert!(
        lines[1].starts_with("<https://pfocr.wikipathways.org/figures/"),
        "{genes}"
    );
}

//! `-f sparql-update`: applied to a store (Oxigraph's own SPARQL Update
//! engine), it gives exactly the N-Quads dataset; applied again, or over
//! stale figure graphs, the same; other graphs are not touched.

use std::process::Command;

use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedNodeRef, QuadRef};
use oxigraph::store::Store;

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn dataset(store: &Store) -> Vec<String> {
    let mut quads: Vec<String> = store.iter().map(|q| q.unwrap().to_string()).collect();
    quads.sort();
    quads
}

fn nquads_store() -> Store {
    let store = Store::new().unwrap();
    let nq = run(&["-f", "nq", "examples/records"]);
    store.load_from_slice(RdfFormat::NQuads, &nq[..]).unwrap();
    store
}

fn apply(store: &Store, update: &[u8]) {
    let text = std::str::from_utf8(update).unwrap();
    store
        .update(text)
        .unwrap_or_else(|e| panic!("update does not apply: {e}"));
}

#[test]
fn the_update_gives_the_nquads_dataset_and_is_idempotent() {
    let update = run(&["-f", "sparql-update", "examples/records"]);
    let want = dataset(&nquads_store());
    assert!(want.len() > 100);

    let store = Store::new().unwrap();
    apply(&store, &update);
    assert_eq!(dataset(&store), want);
    apply(&store, &update);
    assert_eq!(dataset(&store), want, "applied twice");
}

#[test]
fn the_update_replaces_stale_figure_graphs_and_leaves_others() {
    let update = run(&["-f", "sparql-update", "examples/records"]);
    let want = dataset(&nquads_store());
    let store = Store::new().unwrap();
    let fig =
        NamedNodeRef::new("https://pfocr.wikipathways.org/figures/PMC5883377__CN-16-151_F1B.html")
            .unwrap();
    let stale = NamedNodeRef::new("urn:x-stale").unwrap();
    let other = NamedNodeRef::new("urn:x-other-graph").unwrap();
    store
        .insert(QuadRef::new(
            fig,
            stale,
            stale,
            GraphNameRef::NamedNode(fig),
        ))
        .unwrap();
    store
        .insert(QuadRef::new(
            other,
            stale,
            stale,
            GraphNameRef::NamedNode(other),
        ))
        .unwrap();
    apply(&store, &update);
    let mut got = dataset(&store);
    let kept = QuadRef::new(other, stale, stale, GraphNameRef::NamedNode(other)).to_string();
    assert!(got.contains(&kept), "another graph was touched");
    got.retain(|q| *q != kept);
    assert_eq!(
        got, want,
        "the stale triple of the figure graph must be gone"
    );
}

#[test]
fn the_digest_is_the_last_triple_of_each_figure() {
    let update = String::from_utf8(run(&["-f", "sparql-update", "examples/records"])).unwrap();
    let figures: Vec<&str> = update.split("DROP SILENT GRAPH").skip(1).collect();
    assert_eq!(figures.len(), 6);
    for f in figures {
        let body = f.trim_end().trim_end_matches(';').trim_end();
        let body = body.strip_suffix("} }").expect("ends its INSERT DATA");
        let last = body.trim_end().lines().last().unwrap();
        assert!(
            last.contains("<https://w3id.org/pfocr/vocab#sourceDigest>"),
            "last triple: {last}"
        );
        assert_eq!(f.matches("sourceDigest").count(), 1);
    }
}

#[test]
fn void_is_refused_with_sparql_update() {
    let out = Command::new(env!("CARGO_BIN_EXE_pfocr2rdf"))
        .args(["-f", "sparql-update", "--void", "examples/records"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--void does not apply"));
}

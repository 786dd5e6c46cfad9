//! The example queries (examples/queries/*.rq) against the output of
//! ../shared/corpus, both generations, plus the WikiPathways-shaped sample,
//! in an in-memory Oxigraph store. Each query's expected answer is the
//! `.tsv` beside it (variables, then sorted rows; IRIs as `<iri>`, literals
//! as their lexical form): the same files the conformance run checks
//! against Virtuoso. Regenerate with `UPDATE_GOLDEN=1` and review.

mod common;

use common::*;
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

fn cell(term: Option<&Term>) -> String {
    match term {
        None => String::new(),
        Some(Term::NamedNode(n)) => format!("<{}>", n.as_str()),
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(other) => panic!("unexpected term {other}"),
    }
}

fn store() -> Store {
    let store = Store::new().unwrap();
    for dir in corpus_dirs() {
        let out = run_path(&dir, &["-f", "nt"]);
        assert!(out.status.success(), "{}", stderr(&out));
        store
            .load_from_slice(RdfFormat::NTriples, &out.stdout)
            .unwrap();
    }
    let sample = std::fs::read(root().join("examples/wikipathways-sample.ttl")).unwrap();
    store.load_from_slice(RdfFormat::Turtle, &sample).unwrap();
    store
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn example_queries_give_the_expected_answers() {
    let store = store();
    let queries = example_queries();
    assert!(queries.len() >= 7, "{queries:?}");
    for query in queries {
        let text = std::fs::read_to_string(&query).unwrap();
        let QueryResults::Solutions(solutions) = SparqlEvaluator::new()
            .parse_query(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", query.display()))
            .on_store(&store)
            .execute()
            .unwrap()
        else {
            panic!("{}: not a SELECT query", query.display());
        };
        let vars: Vec<String> = solutions
            .variables()
            .iter()
            .map(|v| v.as_str().to_owned())
            .collect();
        let mut rows: Vec<String> = solutions
            .map(|s| {
                let s = s.unwrap();
                vars.iter()
                    .map(|v| cell(s.get(v.as_str())))
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect();
        rows.sort();
        assert!(!rows.is_empty(), "{}: no answer", query.display());
        let actual = format!("{}\n{}\n", vars.join("\t"), rows.join("\n"));
        let expected_path = query.with_extension("tsv");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&expected_path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        assert_eq!(actual, expected, "{}", query.display());
    }
}

//! Loads PFOCR records into an in-memory Oxigraph store through the
//! library (no serialization in between), then runs one SPARQL query and
//! prints its solutions as TSV: a header of `?var` names, then one row per
//! solution, each term in N-Triples syntax (an unbound variable is an
//! empty cell).
//!
//!     cargo run --example oxigraph_store -- examples/records --query examples/queries/genes-of-figure.rq
//!     cargo run --example oxigraph_store -- records/ --query-text 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
//!
//! Each figure goes into its own named graph (the figure IRI), as in the
//! N-Quads output; the query sees the union of the graphs as its default
//! graph. Problems are printed on standard error; the exit status is 1 if
//! a record failed.

use std::path::PathBuf;
use std::process::ExitCode;

use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use pfocr2rdf::{Converter, Options, Severity};

fn main() -> ExitCode {
    let mut inputs = Vec::new();
    let mut query = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--query" => {
                let path = args.next().expect("--query FILE");
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
                query = Some(text);
            }
            "--query-text" => query = Some(args.next().expect("--query-text QUERY")),
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    let Some(query) = query else {
        eprintln!("usage: oxigraph_store FOLDER... (--query FILE | --query-text QUERY)");
        return ExitCode::from(2);
    };

    let store = Store::new().expect("an in-memory store");
    let converter = Converter::new(&Options::default());
    let mut failed = false;
    for figure in converter.figures(&inputs) {
        match figure {
            Ok(figure) => {
                for w in figure.warnings() {
                    eprintln!("{w}");
                }
                store.extend(figure.quads()).expect("the store takes the quads");
            }
            Err(e) => {
                for d in e.diagnostics() {
                    eprintln!("{d}");
                }
                failed |= e.error().severity == Severity::Error;
            }
        }
    }

    let results = SparqlEvaluator::new()
        .parse_query(&query)
        .unwrap_or_else(|e| panic!("the query does not parse: {e}"))
        .with_default_graph_as_union()
        .on_store(&store)
        .execute()
        .unwrap_or_else(|e| panic!("the query fails: {e}"));
    let QueryResults::Solutions(solutions) = results else {
        eprintln!("only SELECT queries are printed as TSV");
        return ExitCode::from(2);
    };
    let vars: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.to_string())
        .collect();
    println!("{}", vars.join("\t"));
    for solution in solutions {
        let solution = solution.expect("a solution");
        let row: Vec<String> = solutions_row(&solution, &vars);
        println!("{}", row.join("\t"));
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn solutions_row(solution: &oxigraph::sparql::QuerySolution, vars: &[String]) -> Vec<String> {
    vars.iter()
        .map(|v| {
            solution
                .get(&v[1..])
                .map_or(String::new(), |t| t.to_string())
        })
        .collect()
}

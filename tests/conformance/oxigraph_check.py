#!/usr/bin/env python3
"""Oxigraph (pyoxigraph, in-memory store) part of the conformance run.

usage: oxigraph_check.py --queries DIR --nt FILE... --sample FILE.ttl
                         --nq FILE... --ttl FILE... --figure IRI --new-nq FILE

  queries   every DIR/*.rq over the --nt files + --sample, all in the default
            graph (the dataset of tests/sparql.rs); answers normalised exactly
            as tests/sparql.rs does, compared byte for byte with DIR/*.tsv.
  reload    load every --nq and --ttl file (Turtle into the default graph):
            the store holds as many quads as rdflib (an independent parser)
            reads from the files; load them all again: the count does not
            change (idempotent: no blank nodes); the store holds exactly
            the statements rdflib read (no statement lost, none added).
  replace   load every --nq file: the store holds exactly what rdflib reads
            from them; drop graph <--figure>; load --new-nq: the figure's
            graph holds exactly what rdflib reads from --new-nq and every
            other graph is unchanged.
Expected statements always come from rdflib, never from pyoxigraph's own
parser: a parser bug shared by the store and the expectation would pass.
All loads go through load(), which tests/conformance/selftest.py replaces
with a faulty one to show the checks fail.
The last line is "N passed, M failed".
"""
import argparse
import glob
import os
import sys
import time

import pyoxigraph as ox

from rdfkeys import compare, ox_quad, parse_file_rdflib

passed = failed = 0


def check(ok, stage, msg, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS [{stage}] {msg}", flush=True)
    else:
        failed += 1
        print(f"FAIL [{stage}] {msg}" + (("\n    " + detail.replace("\n", "\n    ")) if detail else ""),
              flush=True)
    return ok


def cell(t):
    """tests/sparql.rs::cell"""
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        return f"<{t.value}>"
    if isinstance(t, ox.Literal):
        return t.value
    raise ValueError(f"unexpected term {t!r}")


def load(store, path, fmt):
    """Every load of this check (replaced by the self-test)."""
    store.load(path=path, format=fmt)


def stage_queries(args):
    store = ox.Store()
    for f in args.nt:
        load(store, f, ox.RdfFormat.N_TRIPLES)
    load(store, args.sample, ox.RdfFormat.TURTLE)
    queries = sorted(glob.glob(os.path.join(args.queries, "*.rq")))
    check(len(queries) >= 7, "oxigraph-queries", f"{len(queries)} example queries found")
    for q in queries:
        name = os.path.basename(q)
        with open(q, encoding="utf-8") as fh:
            text = fh.read()
        try:
            res = store.query(text)
            vars_ = [v.value for v in res.variables]
            rows = sorted("\t".join(cell(s[v]) for v in vars_) for s in res)
        except Exception as e:  # noqa: BLE001
            check(False, "oxigraph-queries", f"{name}: {type(e).__name__}: {e}")
            continue
        actual = "\t".join(vars_) + "\n" + "\n".join(rows) + "\n"
        with open(q[:-3] + ".tsv", encoding="utf-8") as fh:
            expected = fh.read()
        check(rows and actual == expected, "oxigraph-queries",
              f"{name}: {len(rows)} row(s) {'==' if actual == expected else '!='} {name[:-3]}.tsv",
              "got:\n" + actual[:2000] + "\nwant:\n" + expected[:2000])


def load_all(store, args):
    for f in args.nq:
        load(store, f, ox.RdfFormat.N_QUADS)
    for f in args.ttl:
        load(store, f, ox.RdfFormat.TURTLE)


def stage_reload(args):
    expected = set()
    for f in args.nq:
        expected |= parse_file_rdflib(f, "nquads")
    for f in args.ttl:
        expected |= parse_file_rdflib(f, "turtle")
    store = ox.Store()
    t0 = time.perf_counter()
    load_all(store, args)
    n1 = len(store)
    check(n1 == len(expected), "oxigraph-reload",
          f"{len(args.nq)} N-Quads + {len(args.ttl)} Turtle file(s) loaded once: {n1} quads, "
          f"rdflib read {len(expected)} distinct statements")
    load_all(store, args)
    n2 = len(store)
    dt = time.perf_counter() - t0
    check(n1 == n2, "oxigraph-reload", f"loaded twice: {n1} then {n2} quads ({dt:.2f} s)")
    ok, msg = compare({ox_quad(q) for q in store}, expected, "store after two loads vs rdflib's parse of the files")
    check(ok, "oxigraph-reload", msg.split("\n")[0], msg)


def graph_quads(store, g):
    return {ox_quad(q) for q in store.quads_for_pattern(None, None, None, g)}


def stage_replace(args):
    fig = ox.NamedNode(args.figure)
    new = parse_file_rdflib(args.new_nq, "nquads")
    check(new and {q[0] for q in new} == {args.figure}, "oxigraph-replace",
          f"{os.path.basename(args.new_nq)}: {len(new)} quads, all in graph <{args.figure}>")
    store = ox.Store()
    expected = set()
    for f in args.nq:
        load(store, f, ox.RdfFormat.N_QUADS)
        expected |= parse_file_rdflib(f, "nquads")
    before = {ox_quad(q) for q in store}
    ok, msg = compare(before, expected, "store before the replacement vs rdflib's parse of the files")
    check(ok, "oxigraph-replace", msg.split("\n")[0], msg)
    old_fig = {q for q in before if q[0] == args.figure}
    others = before - old_fig
    check(old_fig and old_fig != new, "oxigraph-replace",
          f"original graph <{args.figure}>: {len(old_fig)} quads; the changed record removes "
          f"{len(old_fig - new)} and adds {len(new - old_fig)}")
    store.update(f"DROP GRAPH <{args.figure}>")
    check(not graph_quads(store, fig), "oxigraph-replace", "DROP GRAPH leaves the figure's graph empty")
    load(store, args.new_nq, ox.RdfFormat.N_QUADS)
    ok, msg = compare(graph_quads(store, fig), new,
                      f"graph <{args.figure}> after replacement vs rdflib's parse of the new N-Quads")
    check(ok, "oxigraph-replace", msg.split("\n")[0], msg)
    after_others = {ox_quad(q) for q in store if ox_quad(q)[0] != args.figure}
    ok, msg = compare(after_others, others, "every other graph")
    check(ok, "oxigraph-replace", msg.split("\n")[0] + " (untouched)", msg)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", required=True)
    ap.add_argument("--nt", action="append", required=True)
    ap.add_argument("--sample", required=True)
    ap.add_argument("--nq", action="append", required=True)
    ap.add_argument("--ttl", action="append", default=[])
    ap.add_argument("--figure", required=True)
    ap.add_argument("--new-nq", required=True)
    args = ap.parse_args()
    print(f"pyoxigraph {ox.__version__}")
    for name, fn in (("queries", stage_queries), ("reload", stage_reload), ("replace", stage_replace)):
        t0 = time.perf_counter()
        try:
            fn(args)
        except Exception as e:  # noqa: BLE001
            check(False, f"oxigraph-{name}", f"{type(e).__name__}: {e}")
        print(f"--- oxigraph {name}: {time.perf_counter() - t0:.3f} s", flush=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

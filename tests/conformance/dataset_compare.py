#!/usr/bin/env python3
"""Compare a store's content (SPARQL JSON results of ?g ?s ?p ?o) with files.

usage: dataset_compare.py DUMP.json WHAT OP...
  OP, applied in order to build the expected dataset:
    nq=FILE          add the quads of an N-Quads file
    nt=FILE@GRAPH    add the triples of an N-Triples/Turtle file into GRAPH
    drop=GRAPH       remove every quad of GRAPH
    only=GRAPH       (after the others) compare only that graph
Exit 0 and one "PASS ..." line when the store holds exactly the expected
quads (xsd:integer/decimal literals the store canonicalised are reported,
see rdfkeys.py), else "FAIL ..." with the first differences and exit 1.
"""
import json
import sys

from rdfkeys import compare, json_term, parse_file


def main():
    dump, what, ops = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(dump, encoding="utf-8") as fh:
        res = json.load(fh)
    actual = set()
    for b in res["results"]["bindings"]:
        actual.add((b["g"]["value"], json_term(b["s"]), json_term(b["p"]), json_term(b["o"])))
    expected, only = set(), None
    for op in ops:
        kind, _, arg = op.partition("=")
        if kind == "nq":
            expected |= parse_file(arg)
        elif kind == "nt":
            path, _, graph = arg.rpartition("@")
            expected |= parse_file(path, to_graph=graph)
        elif kind == "drop":
            expected = {q for q in expected if q[0] != arg}
        elif kind == "only":
            only = arg
        else:
            raise SystemExit(f"dataset_compare.py: bad op {op}")
    if only is not None:
        actual = {q for q in actual if q[0] == only}
        expected = {q for q in expected if q[0] == only}
    ok, msg = compare(actual, expected, what)
    print(("PASS " if ok else "FAIL ") + msg)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

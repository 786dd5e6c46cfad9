#!/usr/bin/env python3
"""Convert SPARQL 1.1 JSON results (stdin) to the TSV form of the expected
answers in examples/queries/*.tsv (stdout).

This is exactly the normalisation of tests/sparql.rs (the Oxigraph test that
writes those files), so a store's answer can be compared byte for byte:

  line 1   the variable names (head.vars order, no '?'), tab-separated
  then     one line per solution, sorted as plain strings (Python sorts str
           by code point, which is the byte order of their UTF-8 form: the
           same order as Rust's String sort)
  cells    IRI -> <iri>; literal -> its lexical form, bare (no quotes, no
           datatype, no language tag, no escaping); unbound -> empty
  output   header + "\\n" + rows joined by "\\n" + "\\n"

A blank node is an error (tests/sparql.rs panics on one too; our output has
none), and so is an empty answer (tests/sparql.rs asserts a non-empty one).
ASK results print "boolean" then "true"/"false".
"""
import json
import sys


def cell(b):
    if b is None:
        return ""
    t = b.get("type")
    if t == "uri":
        return "<" + b["value"] + ">"
    if t in ("literal", "typed-literal"):
        return b["value"]
    raise ValueError(f"unexpected RDF term in results (tests/sparql.rs accepts IRIs and literals only): {b!r}")


def main() -> int:
    raw = sys.stdin.buffer.read()
    try:
        res = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        sys.stderr.write(f"sparql_tsv.py: not SPARQL JSON results: {e}\n{raw[:500]!r}\n")
        return 2
    out = sys.stdout
    out.reconfigure(encoding="utf-8", newline="\n")
    if "boolean" in res:
        out.write("boolean\n" + ("true" if res["boolean"] else "false") + "\n")
        return 0
    vars_ = res["head"]["vars"]
    try:
        rows = ["\t".join(cell(sol.get(v)) for v in vars_) for sol in res["results"]["bindings"]]
    except ValueError as e:
        sys.stderr.write(f"sparql_tsv.py: {e}\n")
        return 2
    rows.sort()
    if not rows and "--allow-empty" not in sys.argv[1:]:
        sys.stderr.write("sparql_tsv.py: no answer (empty result)\n")
        out.write("\t".join(vars_) + "\n")
        return 3
    out.write("\t".join(vars_) + "\n" + "\n".join(rows) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

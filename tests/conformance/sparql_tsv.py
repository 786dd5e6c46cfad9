#!/usr/bin/env python3
"""Convert SPARQL 1.1 JSON results (stdin) to a sorted, comparable TSV (stdout).

Line 1: the variable names (head.vars order, no '?'), tab-separated.
Then one line per solution, rows sorted by Unicode code point (deterministic,
locale independent). Cells:
  IRI          -> <iri>
  literal      -> bare lexical form (no quotes, no language tag, no datatype)
  blank node   -> _:label   (labels are store-specific: avoid in expectations)
  unbound      -> empty
Inside cells, backslash, tab, newline and carriage return are written as
\\\\, \\t, \\n, \\r so that every solution stays on one line.
ASK results print "boolean" then "true"/"false".
"""
import json
import sys


def esc(s: str) -> str:
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
             .replace("\n", "\\n").replace("\r", "\\r"))


def cell(b):
    if b is None:
        return ""
    t = b.get("type")
    if t == "uri":
        return "<" + esc(b["value"]) + ">"
    if t in ("literal", "typed-literal"):
        return esc(b["value"])
    if t == "bnode":
        return "_:" + esc(b["value"])
    raise ValueError(f"unknown RDF term type in results: {b!r}")


def main() -> int:
    raw = sys.stdin.buffer.read()
    try:
        res = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        sys.stderr.write(f"sparql_tsv.py: not SPARQL JSON results: {e}\n"
                         f"{raw[:500]!r}\n")
        return 2
    if "boolean" in res:
        sys.stdout.write("boolean\n" + ("true" if res["boolean"] else "false") + "\n")
        return 0
    vars_ = res["head"]["vars"]
    rows = ["\t".join(cell(sol.get(v)) for v in vars_)
            for sol in res["results"]["bindings"]]
    rows.sort()
    out = sys.stdout
    out.reconfigure(encoding="utf-8", newline="\n")
    out.write("\t".join(vars_) + "\n")
    for r in rows:
        out.write(r + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

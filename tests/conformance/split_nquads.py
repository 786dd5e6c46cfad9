#!/usr/bin/env python3
"""Split an N-Quads file (optionally .gz) into one N-Triples file per graph.

usage: split_nquads.py IN.nq[.gz] OUTDIR
Writes OUTDIR/g00001.nt ... and OUTDIR/index.tsv ("graph-iri<TAB>file" lines).
The three first terms of each statement are copied byte for byte (no
re-serialisation), so escapes and non-ASCII reach the store unchanged.
Fails on a statement in the default graph (Virtuoso's GSP has no default graph
to PUT into), on a blank-node graph label, and on any line it cannot tokenize.
Blank nodes shared between graphs would be split apart (each PUT is parsed on
its own) -- PFOCR output is expected to contain none; they are reported.
"""
import gzip
import os
import re
import sys

TERM = re.compile(r'''\s*(<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>|_:[A-Za-z0-9_][A-Za-z0-9_.\-]*|"(?:[^"\\\n\r]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)?)''')
END = re.compile(r'\s*\.\s*(#.*)?$')


def main() -> int:
    src, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    opener = gzip.open if src.endswith(".gz") else open
    files, order, bnodes = {}, [], 0
    with opener(src, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.decode("utf-8").rstrip("\r\n")
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            pos, terms = 0, []
            while len(terms) < 4:
                m = TERM.match(line, pos)
                if not m:
                    break
                terms.append((m.start(1), m.end(1), m.group(1)))
                pos = m.end()
            if not END.match(line, pos) or len(terms) not in (3, 4):
                sys.stderr.write(f"split_nquads.py: {src}:{lineno}: cannot tokenize: {line[:200]}\n")
                return 1
            if len(terms) == 3:
                sys.stderr.write(f"split_nquads.py: {src}:{lineno}: triple in the default graph\n")
                return 1
            g = terms[3][2]
            if not g.startswith("<"):
                sys.stderr.write(f"split_nquads.py: {src}:{lineno}: blank-node graph label {g}\n")
                return 1
            if any(t[2].startswith("_:") for t in terms[:3]):
                bnodes += 1
            iri = g[1:-1]
            if iri not in files:
                path = os.path.join(outdir, f"g{len(order) + 1:05d}.nt")
                files[iri] = open(path, "w", encoding="utf-8", newline="\n")
                order.append((iri, path))
            files[iri].write(line[terms[0][0]:terms[2][1]] + " .\n")
    for f in files.values():
        f.close()
    with open(os.path.join(outdir, "index.tsv"), "w", encoding="utf-8") as ix:
        for iri, path in order:
            ix.write(f"{iri}\t{path}\n")
    if bnodes:
        sys.stderr.write(f"split_nquads.py: warning: {bnodes} statement(s) with blank nodes; "
                         "blank nodes are not shared across separately PUT graphs\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

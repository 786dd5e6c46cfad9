#!/usr/bin/env python3
"""Show that the conformance checks can fail: break good output on purpose,
run the check exactly as `run` does, and require the named check to FAIL.

usage: selftest.py GOOD_DIR --statements S --shapes SHAPES.ttl

GOOD_DIR holds out.{ttl,nt,nq,trig,jsonld} of one conversion (S: the
"triples written" of its summary). Each case copies it, breaks one thing,
and passes only if the checker fails AND every expected FAIL line appears
(so a check that fails for another reason does not count). The unbroken
output must pass every check (control cases). Cases:

  parsers_check.py (run as a program, arguments as `run` computes them)
    nq-drop-statement     one line of out.nq removed
    jsonld-drop-statement one property of one node removed from out.jsonld
    ttl-extra-statement   one statement of out.nt appended again to out.ttl
    pyld-warning          a context term "@reserved" that pyld warns about
    shacl-violation       a figure given a second dcterms:identifier
    shacl-warning         shapes with a constraint pySHACL ignores, with a warning
  oxigraph_check.py (its load() replaced, or its input broken)
    store-loses-statement every load into the store drops one statement
    blank-node-reload     a blank-node statement added: loading twice adds it twice
    replace-loses-statement the replacement load drops one statement
The last line is "N passed, M failed".
"""
import argparse
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types

import pyoxigraph as ox

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # importing the checkers leaves no __pycache__ in the tree
import oxigraph_check as oc  # noqa: E402

FILES = ("out.ttl", "out.nt", "out.nq", "out.trig", "out.jsonld")
passed = failed = 0


def report(ok, name, msg, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS [selftest] {name}: {msg}", flush=True)
    else:
        failed += 1
        print(f"FAIL [selftest] {name}: {msg}" + ("\n    " + detail.replace("\n", "\n    ") if detail else ""),
              flush=True)


def judge(name, rc, out, expect):
    """expect None: a control, must pass. Else every regex must match a FAIL line."""
    fails = [ln for ln in out.splitlines() if ln.startswith("FAIL ")]
    if expect is None:
        report(rc == 0 and not fails, name, f"unbroken: exit {rc}, {len(fails)} FAIL line(s)", "\n".join(fails[:10]))
        return
    missing = [rx for rx in expect if not any(re.search(rx, ln) for ln in fails)]
    report(rc != 0 and not missing, name,
           f"broken: exit {rc}, {len(fails)} FAIL line(s)" + (f", expected FAIL not seen: {missing}" if missing else ""))
    for ln in fails[:12]:  # what the checker said, shown either way
        print("    " + ln[:240], flush=True)


def distinct_lines(path):
    with open(path, encoding="utf-8") as fh:
        return len({ln for ln in fh if ln.strip()})


def parsers(name, d, args, expect, shapes=None):
    """parsers_check.py on d, with the expectations `run` computes from the files."""
    cmd = [sys.executable, os.path.join(HERE, "parsers_check.py"), d,
           "--statements", str(args.statements),
           "--expect", str(distinct_lines(os.path.join(d, "out.nt"))),
           "--expect-quads", str(distinct_lines(os.path.join(d, "out.nq"))),
           "--shapes", shapes or args.shapes, "--shacl-mode", "per-graph"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    judge(name, r.returncode, r.stdout + r.stderr, expect)


def copy_good(args, tmp, name):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    for f in FILES:
        shutil.copy(os.path.join(args.good, f), d)
    return d


def first_figure(path):
    with open(path, encoding="utf-8") as fh:
        for ln in fh:
            if "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pfocr/vocab#Figure>" in ln:
                return ln.split()[0]
    raise SystemExit("selftest.py: no pfocr:Figure in the good N-Triples")


# ------------------------------------------------------------------ breakages
def drop_last_line(path):
    with open(path, encoding="utf-8") as fh:
        lines = fh.readlines()
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(lines[:-1])


def jsonld_drop_property(path):
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    node = next(n for n in doc if "http://purl.org/dc/terms/title" in n)
    del node["http://purl.org/dc/terms/title"]
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False)


def ttl_append_nt_line(d):
    with open(os.path.join(d, "out.nt"), encoding="utf-8") as fh:
        line = fh.readline()
    with open(os.path.join(d, "out.ttl"), "a", encoding="utf-8") as fh:
        fh.write("\n" + line)


def jsonld_reserved_term(path):
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    doc[0]["@context"] = {"@reserved": "http://example.org/reserved"}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False)


def second_identifier(d):
    fig = first_figure(os.path.join(d, "out.nt"))
    with open(os.path.join(d, "out.nt"), "a", encoding="utf-8") as fh:
        fh.write(f'{fig} <http://purl.org/dc/terms/identifier> "a-second-identifier" .\n')


def shapes_with_ignored_constraint(args, tmp):
    path = os.path.join(tmp, "shapes-with-warning.ttl")
    with open(args.shapes, encoding="utf-8") as fh:
        text = fh.read()
    # sh:qualifiedValueShape on a node shape: pySHACL ignores it and logs a
    # ConstraintLoadWarning.
    text += """
<urn:pfocr2rdf:selftest:IgnoredShape> a <http://www.w3.org/ns/shacl#NodeShape> ;
  <http://www.w3.org/ns/shacl#targetClass> <https://w3id.org/pfocr/vocab#Figure> ;
  <http://www.w3.org/ns/shacl#qualifiedValueShape> [ <http://www.w3.org/ns/shacl#nodeKind> <http://www.w3.org/ns/shacl#IRI> ] ;
  <http://www.w3.org/ns/shacl#qualifiedMinCount> 1 .
"""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


# ------------------------------------------------------------------ oxigraph
REAL_LOAD = oc.load


def lossy_load(store, path, fmt):
    """The real load, then one statement of the file removed: a store that
    loses a statement."""
    REAL_LOAD(store, path, fmt)
    for q in ox.parse(path=path, format=fmt):
        if isinstance(q, ox.Triple):
            q = ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
        store.remove(q)
        return


def oxigraph(name, stage, ox_args, expect, load=None):
    oc.passed = oc.failed = 0
    oc.load = load or REAL_LOAD
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            try:
                stage(ox_args)
            except Exception as e:  # noqa: BLE001 - as oxigraph_check.main does
                oc.check(False, stage.__name__, f"{type(e).__name__}: {e}")
    finally:
        oc.load = REAL_LOAD
    judge(name, 1 if oc.failed else 0, buf.getvalue(), expect)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("good")
    ap.add_argument("--statements", type=int, required=True)
    ap.add_argument("--shapes", required=True)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="pfocr2rdf-selftest.")
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def run(args, tmp):
    g = args.good
    # parsers_check.py
    parsers("parsers control", g, args, None)
    d = copy_good(args, tmp, "nq-drop")
    drop_last_line(os.path.join(d, "out.nq"))
    parsers("nq-drop-statement", d, args,
            [r"FAIL \[counts\] .*statements read \(rapper, serdi\)", r"FAIL \[counts\] .*distinct quads read",
             r"FAIL \[rapper\] nquads"])
    d = copy_good(args, tmp, "jsonld-drop")
    jsonld_drop_property(os.path.join(d, "out.jsonld"))
    parsers("jsonld-drop-statement", d, args,
            [r"FAIL \[counts\] .*distinct triples read", r"FAIL \[rdflib\] JSON-LD union graph"])
    d = copy_good(args, tmp, "ttl-extra")
    ttl_append_nt_line(d)
    parsers("ttl-extra-statement", d, args,
            [r"FAIL \[counts\] .*statements read \(rapper, serdi\)", r"FAIL \[rapper\] turtle"])
    d = copy_good(args, tmp, "pyld-warning")
    jsonld_reserved_term(os.path.join(d, "out.jsonld"))
    parsers("pyld-warning", d, args, [r"FAIL \[pyld\] expand / to_rdf: [1-9]\d* warning"])
    d = copy_good(args, tmp, "shacl-violation")
    second_identifier(d)
    parsers("shacl-violation", d, args, [r"FAIL \[pyshacl\] nt +: .* [1-9]\d* violation"])
    parsers("shacl-warning", g, args, [r"FAIL \[pyshacl\] nt +: .* [1-9]\d* pyshacl warning"],
            shapes=shapes_with_ignored_constraint(args, tmp))

    # oxigraph_check.py: reload and replace
    nq, ttl = os.path.join(g, "out.nq"), os.path.join(g, "out.ttl")
    fig = first_figure(os.path.join(g, "out.nt"))
    with open(nq, encoding="utf-8") as fh:
        fig_lines = [ln for ln in fh if ln.rstrip().endswith(f"{fig} .")]
    new_nq = os.path.join(tmp, "changed.nq")  # the figure's graph, one statement fewer
    with open(new_nq, "w", encoding="utf-8") as fh:
        fh.writelines(fig_lines[1:])
    reload_args = types.SimpleNamespace(nq=[nq], ttl=[ttl])
    replace_args = types.SimpleNamespace(nq=[nq], figure=fig[1:-1], new_nq=new_nq)
    oxigraph("oxigraph reload control", oc.stage_reload, reload_args, None)
    oxigraph("oxigraph replace control", oc.stage_replace, replace_args, None)
    oxigraph("store-loses-statement", oc.stage_reload, reload_args,
             [r"FAIL \[oxigraph-reload\] .* loaded once", r"FAIL \[oxigraph-reload\] store after two loads"],
             load=lossy_load)
    bnode_nq = os.path.join(tmp, "bnode.nq")
    shutil.copy(nq, bnode_nq)
    with open(bnode_nq, "a", encoding="utf-8") as fh:
        fh.write(f'_:selftest <urn:pfocr2rdf:selftest:p> "x" {fig} .\n')
    oxigraph("blank-node-reload", oc.stage_reload, types.SimpleNamespace(nq=[bnode_nq], ttl=[ttl]),
             [r"FAIL \[oxigraph-reload\] loaded twice"])
    oxigraph("replace-loses-statement", oc.stage_replace, replace_args,
             [r"FAIL \[oxigraph-replace\] graph <.*> after replacement"],
             load=lambda store, path, fmt: (lossy_load if path == new_nq else REAL_LOAD)(store, path, fmt))


if __name__ == "__main__":
    sys.exit(main())

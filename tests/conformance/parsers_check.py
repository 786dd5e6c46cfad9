#!/usr/bin/env python3
"""Cross-check one pfocr2rdf output set with independent RDF parsers.

usage: parsers_check.py DIR --expect N [--expect-quads M] [--statements S]
                        [--shapes SHAPES.ttl] [--shacl-mode union|per-graph] [--base IRI]

DIR holds out.ttl, out.nt, out.nq, out.trig, out.jsonld (expanded JSON-LD).
N = number of distinct triples of the graph (Turtle / N-Triples / JSON-LD
union); M = number of distinct quads in N-Quads / TriG (default N; it is
larger than N when the same triple is repeated in several figure graphs).
S = the statement count the converter's summary reported ("triples
written"): what rapper and serdi, which count statements as they read them
without removing duplicates, must report for every format (default: N for
Turtle/N-Triples, M for N-Quads/TriG).

Stages (each timed, each a PASS/FAIL line; exit 1 if any fails):
  rapper   rapper -c -i {turtle,ntriples,nquads,trig}: no warning/error on
           stderr, exit 0, "Parsing returned K triples" with K == S.
  serdi    serdi -i {turtle,ntriples,nquads,trig} -o {ntriples,nquads}: exit 0,
           empty stderr, output line count == S.
  rdflib   all five parse without rdflib warnings; sizes; Turtle, N-Triples and
           the JSON-LD union graph are isomorphic; the N-Quads and TriG
           datasets are equal graph by graph, and their union is that graph.
  pyld     jsonld.expand(doc) == doc modulo array order (except @list);
           jsonld.to_rdf(doc) (N-Quads) union is isomorphic to N-Triples;
           no warning (Python warning or log record) from expand / to_rdf.
  counts   the formats agree on their statement counts as the parsers read
           them (see stage_counts); no number computed by us is involved.
  pyshacl  every format validates against SHAPES with no result of any
           severity and no warning logged by pyshacl (datasets: union graph,
           or each named graph with --shacl-mode per-graph).
Warnings: a log record of level WARNING or above (any logger) or a Python
warning (except DeprecationWarning) during an rdflib parse, pyld's expand /
to_rdf or a pySHACL validation fails that check.
tests/conformance/selftest.py shows that each of these checks fails on
output broken on purpose.
The last line is "N passed, M failed".
"""
import argparse
import copy
import io
import json
import logging
import os
import re
import subprocess
import sys
import time

import rdflib
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic, graph_diff
from rdflib.namespace import SH
from pyld import jsonld
import pyshacl

# rdflib normalises literal lexical forms by default ("9.1E-1"^^xsd:decimal and
# "0.910"^^xsd:decimal both become "0.91"; "007"^^xsd:integer becomes "7"),
# which would hide lexical differences between the formats: compare strictly.
rdflib.NORMALIZE_LITERALS = False

FILES = {"ttl": "out.ttl", "nt": "out.nt", "nq": "out.nq", "trig": "out.trig", "jsonld": "out.jsonld"}
RAPPER_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig"}
SERDI_OUT = {"ttl": "ntriples", "nt": "ntriples", "nq": "nquads", "trig": "nquads"}
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
QUADS = {"nq", "trig"}


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, stage, msg):
        self.passed += 1
        print(f"PASS [{stage}] {msg}", flush=True)

    def fail(self, stage, msg):
        self.failed += 1
        print(f"FAIL [{stage}] {msg}", flush=True)

    def check(self, cond, stage, msg, detail=""):
        if cond:
            self.ok(stage, msg)
        else:
            self.fail(stage, msg + (("\n    " + detail.replace("\n", "\n    ")) if detail else ""))
        return cond


class Timer:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.t0 = time.perf_counter()
        print(f"--- stage {self.name}", flush=True)
        return self

    def __exit__(self, *exc):
        print(f"--- stage {self.name}: {time.perf_counter() - self.t0:.3f} s", flush=True)
        return False


class LogCapture(logging.Handler):
    """Collect rdflib/pyshacl log records of level WARNING and above."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(f"{record.name}: {record.getMessage()}")


def expected_count(kind, args):
    """Distinct statements a de-duplicating parser (rdflib) must find."""
    return args.expect_quads if kind in QUADS else args.expect


def expected_statements(kind, args):
    """Statements a streaming parser (rapper, serdi) must count."""
    if args.statements is not None:
        return args.statements
    return expected_count(kind, args)


# ------------------------------------------------------------------ rapper
RAPPER_INFO = re.compile(r"^rapper: (Parsing URI \S+ with parser \S+|Parsing returned (\d+) triples?)$")


def stage_rapper(rep, paths, args, seen):
    for kind, syntax in RAPPER_SYNTAX.items():
        p = paths[kind]
        cmd = ["rapper", "-c", "-i", syntax, p]
        if args.base:
            cmd.append(args.base)
        r = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
        count, noise = None, []
        for line in r.stderr.splitlines():
            m = RAPPER_INFO.match(line)
            if m:
                if m.group(2) is not None:
                    count = int(m.group(2))
            elif line.strip():
                noise.append(line)
        seen[("rapper", kind)] = count
        want = expected_statements(kind, args)
        rep.check(r.returncode == 0 and not noise and count == want, "rapper",
                  f"{syntax:8s} {os.path.basename(p)}: exit {r.returncode}, {count} statements (want {want}), "
                  f"{len(noise)} warning/error line(s)", "\n".join(noise[:20]))


# ------------------------------------------------------------------ serdi
def stage_serdi(rep, paths, args, seen):
    for kind, syntax in RAPPER_SYNTAX.items():
        p = paths[kind]
        cmd = ["serdi", "-i", syntax, "-o", SERDI_OUT[kind], p]
        if args.base:
            cmd.append(args.base)
        r = subprocess.run(cmd, capture_output=True)
        lines = sum(1 for ln in r.stdout.splitlines() if ln.strip())
        err = r.stderr.decode("utf-8", "replace").strip()
        seen[("serdi", kind)] = lines if r.returncode == 0 else None
        want = expected_statements(kind, args)
        rep.check(r.returncode == 0 and not err and lines == want, "serdi",
                  f"{syntax:8s} {os.path.basename(p)}: exit {r.returncode}, {lines} statements (want {want}), "
                  f"stderr {'empty' if not err else 'NOT empty'}", err[:2000])


# ------------------------------------------------------------------ rdflib
def union_graph(ds):
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def graphs_by_name(ds):
    """{graph name: Graph} for the non-empty graphs of a Dataset (default graph under None)."""
    out = {}
    for s, p, o, c in ds.quads((None, None, None, None)):
        name = None if c is None or c == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else c
        out.setdefault(name, Graph()).add((s, p, o))
    return out


def diff_text(g1, g2, n1, n2, limit=10):
    _both, only1, only2 = graph_diff(to_isomorphic(g1), to_isomorphic(g2))
    lines = [f"only in {n1}: {len(only1)}, only in {n2}: {len(only2)}"]
    for name, g in ((n1, only1), (n2, only2)):
        for i, t in enumerate(sorted(g, key=lambda t: tuple(x.n3() for x in t))):
            if i >= limit:
                lines.append(f"  ... ({name})")
                break
            lines.append(f"  {name}: " + " ".join(x.n3() for x in t))
    return "\n".join(lines)


def compare_datasets(rep, stage, a, b, na, nb):
    ga, gb = graphs_by_name(a), graphs_by_name(b)
    if not rep.check(set(ga) == set(gb), stage, f"{na} and {nb} have the same graph names ({len(ga)})",
                     f"only in {na}: {sorted(map(str, set(ga) - set(gb)))[:10]}\n"
                     f"only in {nb}: {sorted(map(str, set(gb) - set(ga)))[:10]}"):
        return
    bad = [k for k in ga if not isomorphic(ga[k], gb[k])]
    rep.check(not bad, stage, f"{na} and {nb}: every graph isomorphic",
              "\n".join(f"graph {k}:\n" + diff_text(ga[k], gb[k], na, nb) for k in bad[:3]))


def stage_rdflib(rep, paths, args, cap):
    parsed = {}
    for kind, fmt in RDFLIB_FORMAT.items():
        cap.records.clear()
        t0 = time.perf_counter()
        try:
            if kind in QUADS or kind == "jsonld":
                obj = Dataset()
            else:
                obj = Graph()
            obj.parse(paths[kind], format=fmt, **({"publicID": args.base} if args.base else {}))
        except Exception as e:  # noqa: BLE001 - any parser exception is a failure
            rep.fail("rdflib", f"{kind}: parse error: {type(e).__name__}: {e}")
            continue
        n = len(obj) if isinstance(obj, Graph) and not isinstance(obj, Dataset) else \
            sum(1 for _ in obj.quads((None, None, None, None)))
        parsed[kind] = obj
        want = expected_count(kind, args) if kind != "jsonld" else None
        warn = list(cap.records)
        msg = f"{kind:6s} parsed in {time.perf_counter() - t0:.3f} s: {n} statements"
        if want is not None:
            msg += f" (want {want})"
        rep.check(not warn and (want is None or n == want), "rdflib", msg + f", {len(warn)} warning(s)",
                  "\n".join(warn[:20]))
    if "nt" not in parsed:
        rep.fail("rdflib", "no N-Triples graph to compare against")
        return parsed
    ref = parsed["nt"]
    if "ttl" in parsed:
        rep.check(isomorphic(parsed["ttl"], ref), "rdflib", "Turtle graph isomorphic to N-Triples graph",
                  diff_text(parsed["ttl"], ref, "ttl", "nt"))
    if "jsonld" in parsed:
        u = union_graph(parsed["jsonld"])
        rep.check(len(u) == args.expect and isomorphic(u, ref), "rdflib",
                  f"JSON-LD union graph ({len(u)} triples) isomorphic to N-Triples graph",
                  diff_text(u, ref, "jsonld", "nt"))
    for kind in ("nq", "trig"):
        if kind in parsed:
            u = union_graph(parsed[kind])
            rep.check(isomorphic(u, ref), "rdflib",
                      f"{kind} union graph ({len(u)} triples) isomorphic to N-Triples graph",
                      diff_text(u, ref, kind, "nt"))
    if "nq" in parsed and "trig" in parsed:
        compare_datasets(rep, "rdflib", parsed["nq"], parsed["trig"], "nq", "trig")
    if "nq" in parsed and "jsonld" in parsed and any(k is not None for k in graphs_by_name(parsed["jsonld"])):
        compare_datasets(rep, "rdflib", parsed["nq"], parsed["jsonld"], "nq", "jsonld")
    return parsed


# ------------------------------------------------------------------ pyld
def canon(x, parent_key=None):
    """Canonical form of a JSON value: arrays sorted (except @list values), keys sorted."""
    if isinstance(x, dict):
        return {k: canon(v, k) for k, v in sorted(x.items())}
    if isinstance(x, list):
        items = [canon(v) for v in x]
        if parent_key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return x


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'doc' if k in a else 'expand(doc)'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: array of {len(a)} vs {len(b)}"
        for i, (u, v) in enumerate(zip(a, b)):
            d = first_difference(u, v, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {json.dumps(a, ensure_ascii=False)[:200]} vs {json.dumps(b, ensure_ascii=False)[:200]}"


def no_network_loader(url, options=None):
    raise jsonld.JsonLdError(f"remote document loading is disabled in the conformance run: {url}",
                             "jsonld.LoadDocumentError", code="loading document failed")


def stage_pyld(rep, paths, args, parsed, cap, seen):
    """Every warning pyld emits (Python warnings, log records) fails the stage."""
    cap.records.clear()
    try:
        stage_pyld_checks(rep, paths, args, parsed, seen)
    finally:
        warn = list(cap.records)
        rep.check(not warn, "pyld", f"expand / to_rdf: {len(warn)} warning(s)", "\n".join(warn[:20]))


def stage_pyld_checks(rep, paths, args, parsed, seen):
    with open(paths["jsonld"], encoding="utf-8") as fh:
        doc = json.load(fh)
    opts = {"documentLoader": no_network_loader}
    if args.base:
        opts["base"] = args.base
    t0 = time.perf_counter()
    try:
        exp = jsonld.expand(copy.deepcopy(doc), opts)
    except Exception as e:  # noqa: BLE001
        rep.fail("pyld", f"jsonld.expand raised {type(e).__name__}: {e}")
        return
    natives = []

    def walk(x, path="$"):
        if isinstance(x, dict):
            if "@value" in x and not isinstance(x["@value"], str):
                natives.append(f"{path}: {json.dumps(x, ensure_ascii=False)[:200]}")
            for k, v in x.items():
                walk(v, f"{path}.{k}")
        elif isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, f"{path}[{i}]")
    walk(doc)
    if not args.allow_native_values:
        rep.check(not natives, "pyld", f"no native JSON number/boolean in @value ({len(natives)} found)",
                  "native values do not keep the lexical form (0.91 -> \"9.1E-1\" in to_rdf):\n"
                  + "\n".join(natives[:10]))
    d = first_difference(canon(doc), canon(exp))
    hint = ""
    if isinstance(doc, dict):
        hint = "\n(expanded JSON-LD is a top-level ARRAY; a top-level object is re-shaped by expansion)"
    rep.check(d is None, "pyld", f"expand(doc) == doc modulo array order ({time.perf_counter() - t0:.3f} s)",
              (d or "") + hint)
    t0 = time.perf_counter()
    try:
        nq = jsonld.to_rdf(copy.deepcopy(doc), {**opts, "format": "application/n-quads"})
    except Exception as e:  # noqa: BLE001
        rep.fail("pyld", f"jsonld.to_rdf raised {type(e).__name__}: {e}")
        return
    ds = Dataset()
    ds.parse(data=nq, format="nquads")
    seen["pyld"] = ds
    u = union_graph(ds)
    ref = parsed.get("nt")
    if ref is None:
        rep.fail("pyld", "no N-Triples graph to compare to_rdf output with")
        return
    rep.check(isomorphic(u, ref), "pyld",
              f"to_rdf(doc) union ({len(u)} triples) isomorphic to N-Triples ({time.perf_counter() - t0:.3f} s)",
              diff_text(u, ref, "pyld", "nt"))
    if "nq" in parsed and any(k is not None for k in graphs_by_name(ds)):
        compare_datasets(rep, "pyld", parsed["nq"], ds, "nq", "pyld-to_rdf")


# ------------------------------------------------------------------ pyshacl
def stage_counts(rep, seen, parsed):
    """The formats agree on how many statements they hold, as each parser read
    them from the files (no number computed by us or by the converter): the
    streaming counts (rapper, serdi: duplicates included) of all four text
    formats are equal, and so are the distinct triples (every format and
    pyld's to_rdf, datasets as their union) and the distinct quads (N-Quads,
    TriG, and JSON-LD / to_rdf when they have named graphs; ours has none)."""
    streaming = {f"{tool} {kind}": seen.get((tool, kind)) for tool in ("rapper", "serdi") for kind in RAPPER_SYNTAX}
    sources = {f"rdflib {k}": v for k, v in parsed.items()}
    if "pyld" in seen:
        sources["pyld to_rdf"] = seen["pyld"]
    triples = {k: len(union_graph(v)) if isinstance(v, Dataset) else len(v) for k, v in sources.items()}
    quads = {k: sum(1 for _ in v.quads((None, None, None, None)))
             for k, v in sources.items()
             if k.split()[-1] in QUADS or (isinstance(v, Dataset) and any(n is not None for n in graphs_by_name(v)))}
    for what, counts, need in (("statements read (rapper, serdi)", streaming, set(streaming)),
                               ("distinct triples read", triples,
                                {f"rdflib {k}" for k in RDFLIB_FORMAT} | {"pyld to_rdf"}),
                               ("distinct quads read", quads, {"rdflib nq", "rdflib trig"})):
        shown = ", ".join(f"{k}={v}" for k, v in counts.items())
        values = set(counts.values())
        missing = need - set(counts)
        rep.check(not missing and len(values) == 1 and None not in values, "counts",
                  f"every format, the same number of {what}: {shown}"
                  + (f" (missing: {', '.join(sorted(missing))})" if missing else ""))


def stage_pyshacl(rep, parsed, args, cap):
    shapes = Graph().parse(args.shapes, format=rdflib.util.guess_format(args.shapes) or "turtle")
    for kind, obj in parsed.items():
        targets = []
        if isinstance(obj, Dataset):
            if args.shacl_mode == "per-graph":
                targets = [(f"{kind} graph {k}", g) for k, g in graphs_by_name(obj).items()]
            else:
                targets = [(f"{kind} (union)", union_graph(obj))]
        else:
            targets = [(kind, obj)]
        t0 = time.perf_counter()
        cap.records.clear()
        violations, other, texts = 0, 0, []
        for name, g in targets:
            conforms, results, text = pyshacl.validate(g, shacl_graph=shapes, inference="none",
                                                       allow_warnings=True, abort_on_first=False)
            v = sum(1 for _ in results.subjects(SH.resultSeverity, SH.Violation))
            o = sum(1 for _ in results.subjects(SH.resultSeverity, None)) - v
            violations += v
            other += o
            if v or o:
                texts.append(f"{name}:\n{text[:3000]}")
        # Any validation result (sh:Warning and sh:Info too) and any warning
        # pyshacl logs (e.g. a constraint it ignores) fails.
        warn = list(cap.records)
        rep.check(violations == 0 and other == 0 and not warn, "pyshacl",
                  f"{kind:6s}: {len(targets)} graph(s), {violations} violation(s), {other} other result(s), "
                  f"{len(warn)} pyshacl warning(s) ({time.perf_counter() - t0:.3f} s)",
                  "\n".join(warn[:10] + texts[:3]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--expect", type=int, required=True, help="distinct triples of the graph")
    ap.add_argument("--expect-quads", type=int, help="distinct quads in N-Quads/TriG (default: --expect)")
    ap.add_argument("--statements", type=int,
                    help="statements the converter reported writing: rapper/serdi counts (default: --expect/--expect-quads)")
    ap.add_argument("--shapes", help="SHACL shapes file (Turtle); SHACL stage skipped without it")
    ap.add_argument("--shacl-mode", choices=("union", "per-graph"), default="union")
    ap.add_argument("--allow-native-values", action="store_true",
                    help="accept native JSON numbers/booleans as @value in the JSON-LD")
    ap.add_argument("--base", help="base IRI for relative IRIs (default: the file's own)")
    args = ap.parse_args()
    if args.expect_quads is None:
        args.expect_quads = args.expect

    rep = Report()
    paths = {k: os.path.join(args.dir, f) for k, f in FILES.items()}
    missing = [p for p in paths.values() if not os.path.isfile(p)]
    if missing:
        print(f"FAIL [setup] missing files: {missing}")
        print("0 passed, 1 failed")
        return 1
    # On the root logger: pyshacl logs to "pyshacl-validate" (not "pyshacl"),
    # and Python warnings arrive through "py.warnings"; all propagate here.
    cap = LogCapture()
    logging.getLogger().addHandler(cap)
    import warnings
    warnings.simplefilter("always")
    # rdflib 7.6 warns about its own deprecated internals (ConjunctiveGraph,
    # default_context) while parsing datasets: not a property of the input.
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
    logging.captureWarnings(True)

    t_all = time.perf_counter()
    print(f"versions: rdflib {rdflib.__version__}, pyshacl {pyshacl.__version__}, "
          f"rapper {subprocess.run(['rapper', '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"python {sys.version.split()[0]}")
    seen = {}
    with Timer("rapper"):
        stage_rapper(rep, paths, args, seen)
    with Timer("serdi"):
        stage_serdi(rep, paths, args, seen)
    with Timer("rdflib"):
        parsed = stage_rdflib(rep, paths, args, cap)
    with Timer("pyld"):
        try:
            stage_pyld(rep, paths, args, parsed, cap, seen)
        except Exception as e:  # noqa: BLE001
            rep.fail("pyld", f"{type(e).__name__}: {e}")
    with Timer("counts"):
        stage_counts(rep, seen, parsed)
    if args.shapes:
        with Timer("pyshacl"):
            cap.records.clear()
            stage_pyshacl(rep, parsed, args, cap)
    else:
        rep.fail("pyshacl", "no --shapes given: the SHACL stage may not be skipped")
    print(f"--- total: {time.perf_counter() - t_all:.3f} s")
    print(f"{rep.passed} passed, {rep.failed} failed")
    return 0 if rep.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

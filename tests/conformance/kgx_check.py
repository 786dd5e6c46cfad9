#!/usr/bin/env python3
"""One KGX export checked with the real KGX toolkit (run with the python of
the venv that ../shared/tools/install-kgx made).

  kgx_check.py TSV_REPORT.json JSONL_REPORT.json TSV_DIR JSONL_DIR RDF.nt

* The reports (../shared/tools/kgx-validate on TSV_DIR, and with
  `--format jsonl` on JSONL_DIR): no ERROR and no WARNING at all (the
  README says kgx has none for our export); INFO lines are printed.
* nodes.tsv has an `id` and a `category` column, every node a category;
  every edge's subject and object is a node (kgx validate checks neither).
* `kgx transform` reads the TSV export and the JSON Lines export
  (Transformer.transform, the API behind the CLI) and the two give the same
  nodes and edges. Values are compared as our TSV writes them: tabs and
  line breaks become spaces and `|` (KGX's list separator) `¦` (KGX TSV
  cannot hold them), lists are sets; the `knowledge_source` kgx adds to
  each edge (the file's name) is left out.
* The graph kgx read agrees with the RDF output of the same input (RDF.nt,
  read with rdflib): every figure is a node; the NCBIGene nodes are the
  NCBI Gene IRIs of the RDF; as many `biolink:mentions` edges as distinct
  `F schema:mentions X` triples; the `biolink:in_taxon` edges are the
  (gene, taxon) pairs of the gene mentions (`M oa:hasBody G; wp:organism T`).

Prints PASS/FAIL lines and ends with "N passed, M failed".
"""
import csv
import json
import logging
import os
import sys

import rdflib
from kgx.transformer import Transformer

PASSED = 0
FAILED = 0

FIGURE_NS = "https://pfocr.wikipathways.org/figures/"
NCBIGENE_NS = "https://identifiers.org/ncbigene/"
NCBITAXON_NS = "http://purl.obolibrary.org/obo/NCBITaxon_"
SCHEMA_MENTIONS = rdflib.URIRef("http://schema.org/mentions")
OA_HAS_BODY = rdflib.URIRef("http://www.w3.org/ns/oa#hasBody")
WP_ORGANISM = rdflib.URIRef("http://vocabularies.wikipathways.org/wp#organism")
PFOCR_FIGURE = rdflib.URIRef("https://w3id.org/pfocr/vocab#Figure")


def check(ok, msg):
    global PASSED, FAILED
    if ok:
        PASSED += 1
        print(f"PASS {msg}")
    else:
        FAILED += 1
        print(f"FAIL {msg}")


def report(path):
    with open(path) as f:
        rep = json.load(f)
    bad = []
    for level, kinds in sorted(rep.items()):
        for kind, messages in sorted(kinds.items()):
            for message, ids in sorted(messages.items()):
                line = f"{level} {kind}: {message} ({len(ids)}: {', '.join(ids[:3])}{' ...' if len(ids) > 3 else ''})"
                print(f"  kgx validate: {line}")
                if level in ("ERROR", "WARNING"):
                    bad.append(line)
    check(not bad, f"kgx validate {path}: no ERROR, no WARNING" + "".join(f"\n    {b}" for b in bad))


def raw_tsv(d):
    csv.field_size_limit(sys.maxsize)
    def rows(name):
        with open(os.path.join(d, name), newline="") as f:
            return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    nodes, edges = rows("nodes.tsv"), rows("edges.tsv")
    with open(os.path.join(d, "nodes.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
    check(header[:2] == ["id", "category"], f"{d}/nodes.tsv starts with the id and category columns: {header[:2]}")
    check(all(n["category"].startswith("biolink:") for n in nodes), f"{d}: every node has a category")
    ids = {n["id"] for n in nodes}
    check(len(ids) == len(nodes), f"{d}: each node once ({len(nodes)})")
    dangling = [e["id"] for e in edges if e["subject"] not in ids or e["object"] not in ids]
    check(not dangling, f"{d}: every edge's subject and object is a node ({len(edges)} edges) {dangling[:3]}")
    return nodes, edges


def norm(v):
    parts = v if isinstance(v, (list, set, tuple)) else [v]
    out = set()
    for p in parts:
        x = str(p).replace("\t", " ").replace("\n", " ").replace("\r", " ").replace("|", "\u00a6")
        if x:
            out.add(x)
    return tuple(sorted(out))


def graph(d, fmt):
    t = Transformer()
    t.transform({"filename": [os.path.join(d, f"nodes.{fmt}"), os.path.join(d, f"edges.{fmt}")], "format": fmt})
    g = t.store.graph
    nodes = {n: {k: norm(v) for k, v in data.items()} for n, data in g.nodes(data=True)}
    edges = {}
    for s, o, key, data in g.edges(keys=True, data=True):
        # kgx adds `knowledge_source` = the file's name (its provenance
        # default): not our data, and the two file names differ.
        edges[(s, o, key)] = {k: norm(v) for k, v in data.items() if k != "knowledge_source"}
    return nodes, edges


def agrees_with_rdf(nt, nodes, edges):
    """`nodes`, `edges`: the rows of the TSV export."""
    g = rdflib.Graph()
    g.parse(nt, format="nt")
    figures = set()
    for f in g.subjects(rdflib.RDF.type, PFOCR_FIGURE):
        figid = str(f)[len(FIGURE_NS):].removesuffix(".html")
        figures.add(f"PFOCR:{figid}")
    ids = {n["id"] for n in nodes}
    missing = sorted(figures - ids)
    check(figures and not missing, f"every figure of {nt} is a node ({len(figures)}) {missing[:3]}")

    genes = {f"NCBIGene:{str(t)[len(NCBIGENE_NS):]}" for t in g.all_nodes()
             if isinstance(t, rdflib.URIRef) and str(t).startswith(NCBIGENE_NS)}
    kgx_genes = {n for n in ids if n.startswith("NCBIGene:")}
    check(kgx_genes == genes, f"the NCBIGene nodes are the gene IRIs of the RDF ({len(kgx_genes)} / {len(genes)})"
          f" {sorted(kgx_genes ^ genes)[:3]}")

    mentions = len(set(g.triples((None, SCHEMA_MENTIONS, None))))
    by_predicate = {}
    for e in edges:
        by_predicate.setdefault(e["predicate"], []).append((e["subject"], e["object"]))
    n = len(by_predicate.get("biolink:mentions", []))
    check(n == mentions, f"biolink:mentions edges == distinct F schema:mentions X triples ({n} / {mentions})")

    pairs = set()
    for m, body in g.subject_objects(OA_HAS_BODY):
        if str(body).startswith(NCBIGENE_NS):
            for t in g.objects(m, WP_ORGANISM):
                if str(t).startswith(NCBITAXON_NS):
                    pairs.add((f"NCBIGene:{str(body)[len(NCBIGENE_NS):]}", f"NCBITaxon:{str(t)[len(NCBITAXON_NS):]}"))
    taxa = by_predicate.get("biolink:in_taxon", [])
    check(len(taxa) == len(set(taxa)) and set(taxa) == pairs,
          f"biolink:in_taxon edges == the (gene, taxon) pairs of the gene mentions, each once ({len(taxa)} / {len(pairs)})"
          f" {sorted(set(taxa) ^ pairs)[:3]}")


def main():
    tsv_rep, jsonl_rep, tsv, jsonl, nt = sys.argv[1:6]
    logging.getLogger("kgx").setLevel(logging.ERROR)
    report(tsv_rep)
    report(jsonl_rep)
    nodes, edges = raw_tsv(tsv)
    tn, te = graph(tsv, "tsv")
    jn, je = graph(jsonl, "jsonl")
    check(len(tn) == len(nodes) > 0 and len(te) == len(edges) > 0,
          f"kgx transform read {len(tn)} nodes and {len(te)} edges from {tsv}, its {len(nodes)} and {len(edges)} rows")
    diff_n = [n for n in set(tn) | set(jn) if tn.get(n) != jn.get(n)]
    check(not diff_n, f"same nodes from TSV and JSON Lines ({len(tn)} / {len(jn)})"
          + "".join(f"\n    {n}: {tn.get(n)} vs {jn.get(n)}" for n in sorted(diff_n)[:3]))
    diff_e = [e for e in set(te) | set(je) if te.get(e) != je.get(e)]
    check(not diff_e, f"same edges from TSV and JSON Lines ({len(te)} / {len(je)})"
          + "".join(f"\n    {e}: {te.get(e)} vs {je.get(e)}" for e in sorted(diff_e)[:3]))
    agrees_with_rdf(nt, nodes, edges)
    print(f"{PASSED} passed, {FAILED} failed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Prove that vocab/shapes.ttl bites: deliberately broken graphs are rejected.

usage: shacl_bites.py SHAPES.ttl GOOD.nt

GOOD.nt is real converter output (N-Triples) that must conform. From it, each
case below removes or changes statements and requires pySHACL to report a
sh:Violation with the expected focus node and result path (and, where
given, the expected constraint component), so a shape that is silently
ineffective is caught:

  figure-without-identifier   drop `F dcterms:identifier` of one figure
  gene-mention-without-body   drop `M oa:hasBody` of one gene mention
  figure-two-identifiers      add a second `F dcterms:identifier`
  gene-body-not-ncbigene      point a gene mention at a non-NCBI-Gene IRI
  article-without-identifier  drop `A dcterms:identifier` of one article
  mention-without-target      drop `M oa:hasTarget` of one chemical mention
  decimal-score-as-string     make a pathway score a plain string

The last line is "N passed, M failed".
"""
import sys
import time

import pyshacl
import rdflib
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH, XSD

rdflib.NORMALIZE_LITERALS = False

PFOCR = rdflib.Namespace("https://w3id.org/pfocr/vocab#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
SCHEMA = rdflib.Namespace("http://schema.org/")


def violations(g, shapes):
    _conforms, results, _text = pyshacl.validate(g, shacl_graph=shapes, inference="none",
                                                allow_warnings=True, abort_on_first=False)
    out = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        out.append((results.value(r, SH.focusNode), results.value(r, SH.resultPath),
                    results.value(r, SH.sourceConstraintComponent)))
    return out


def first(g, s=None, p=None, o=None):
    for t in sorted(g.triples((s, p, o))):
        return t
    raise SystemExit(f"shacl_bites.py: the good graph has no statement matching {(s, p, o)}")


def main():
    shapes_path, good_path = sys.argv[1], sys.argv[2]
    shapes = Graph().parse(shapes_path, format="turtle")
    good = Graph().parse(good_path, format="nt")
    passed = failed = 0

    def check(ok, msg, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"PASS [shacl-bites] {msg}", flush=True)
        else:
            failed += 1
            print(f"FAIL [shacl-bites] {msg}" + (f"\n    {detail}" if detail else ""), flush=True)

    t0 = time.perf_counter()
    v = violations(good, shapes)
    check(not v, f"unbroken graph ({len(good)} triples) conforms", str(v[:5]))

    figure = first(good, None, RDF.type, PFOCR.Figure)[0]
    gene_m = first(good, None, RDF.type, PFOCR.GeneMention)[0]
    chem_m = first(good, None, RDF.type, PFOCR.ChemicalMention)[0]
    article = first(good, None, RDF.type, SCHEMA.ScholarlyArticle)[0]
    scored = first(good, None, PFOCR.pathwayScore, None)

    def case(name, focus, path, component, mutate):
        g = Graph()
        for t in good:
            g.add(t)
        mutate(g)
        v = violations(g, shapes)
        hit = [x for x in v if x[0] == focus and x[1] == path and (component is None or x[2] == component)]
        check(bool(hit), f"{name}: rejected ({len(v)} violation(s); expected focus <{focus}> path <{path}>"
              + (f" {component.n3()}" if component is not None else "") + ")",
              f"violations found: {v[:5]}")

    case("figure-without-identifier", figure, DCTERMS.identifier, SH.MinCountConstraintComponent,
         lambda g: g.remove((figure, DCTERMS.identifier, None)))
    case("gene-mention-without-body", gene_m, OA.hasBody, SH.MinCountConstraintComponent,
         lambda g: g.remove((gene_m, OA.hasBody, None)))
    case("figure-two-identifiers", figure, DCTERMS.identifier, SH.MaxCountConstraintComponent,
         lambda g: g.add((figure, DCTERMS.identifier, Literal("a-second-id"))))

    def other_body(g):
        g.remove((gene_m, OA.hasBody, None))
        g.add((gene_m, OA.hasBody, URIRef("http://purl.obolibrary.org/obo/CHEBI_15377")))
    case("gene-body-not-ncbigene", gene_m, OA.hasBody, SH.PatternConstraintComponent, other_body)
    case("article-without-identifier", article, DCTERMS.identifier, SH.MinCountConstraintComponent,
         lambda g: g.remove((article, DCTERMS.identifier, None)))
    case("mention-without-target", chem_m, OA.hasTarget, SH.MinCountConstraintComponent,
         lambda g: g.remove((chem_m, OA.hasTarget, None)))

    def string_score(g):
        g.remove(scored)
        g.add((scored[0], scored[1], Literal(str(scored[2]))))
    case("decimal-score-as-string", scored[0], PFOCR.pathwayScore, SH.DatatypeConstraintComponent,
         string_score)
    print(f"--- shacl-bites: {time.perf_counter() - t0:.3f} s")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

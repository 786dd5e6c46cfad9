"""Quads as comparable keys, for comparing a store's content with our files.

A term key is ("I", iri) or ("L", lexical form, datatype IRI, language or "")
(a literal with no datatype is xsd:string, as in RDF 1.1). A quad key is
(graph IRI or "" for the default graph, s, p, o).

Both stores we load into store typed numbers as values, so they may hand a
literal back in another lexical form than the one we wrote (Virtuoso and
Oxigraph: "1.50"^^xsd:decimal -> "1.5", "01"^^xsd:integer -> "1"). compare()
first compares exactly; only if that fails does it retry with the xsd:integer
and xsd:decimal literals of BOTH sides mapped to their XSD canonical form
and language tags to lower case (pyoxigraph: "x"@EN-gb -> "x"@en-gb),
and it says so (how many, which), so a lexical change is never hidden: the
caller decides whether that is acceptable. Any other difference fails.
"""
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
NUMERIC = {XSD + "integer", XSD + "decimal"}


def canonical(lex, dt):
    try:
        d = Decimal(lex.strip())
    except InvalidOperation:
        return lex
    if dt == XSD + "integer":
        return str(int(d))
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def canon_key(q):
    o = q[3]
    if o[0] == "L" and o[2] in NUMERIC:
        c = canonical(o[1], o[2])
        if c != o[1]:
            return q[:3] + (("L", c, o[2], o[3]),)
    if o[0] == "L" and o[3] != o[3].lower():
        # Language tags are case-insensitive; pyoxigraph lower-cases them
        # (rdflib does not).
        return q[:3] + (("L", o[1], o[2], o[3].lower()),)
    return q


def ox_term(t):
    """pyoxigraph term -> key."""
    import pyoxigraph as ox
    if isinstance(t, ox.NamedNode):
        return ("I", t.value)
    if isinstance(t, ox.Literal):
        return ("L", t.value, t.datatype.value if t.datatype else XSD_STRING, t.language or "")
    if isinstance(t, ox.DefaultGraph):
        return ""
    if isinstance(t, ox.BlankNode):
        # Kept (not an error) so that a comparison reports it: labels are
        # local to a parse or a load, so it never matches.
        return ("B", t.value)
    raise ValueError(f"unexpected term: {t!r}")


def ox_quad(q):
    g = q.graph_name
    return (ox_term(g)[1] if not isinstance(g, __import__("pyoxigraph").DefaultGraph) else "",
            ox_term(q.subject), ox_term(q.predicate), ox_term(q.object))


def parse_file(path, fmt=None, to_graph=""):
    """The quads of an RDF file as parsed (lexical forms kept), by pyoxigraph's parser."""
    import pyoxigraph as ox
    fmt = fmt or ox.RdfFormat.from_extension(path.rsplit(".", 1)[-1])
    out = set()
    for q in ox.parse(path=path, format=fmt):
        if isinstance(q, ox.Triple):
            out.add((to_graph, ox_term(q.subject), ox_term(q.predicate), ox_term(q.object)))
        else:
            k = ox_quad(q)
            out.add((k[0] or to_graph,) + k[1:])
    return out


RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def rdflib_term(t):
    """rdflib term -> key (the same keys as ox_term)."""
    import rdflib
    if isinstance(t, rdflib.URIRef):
        return ("I", str(t))
    if isinstance(t, rdflib.Literal):
        if t.language:
            return ("L", str(t), RDF_LANGSTRING, t.language)
        return ("L", str(t), str(t.datatype) if t.datatype else XSD_STRING, "")
    if isinstance(t, rdflib.BNode):
        return ("B", str(t))
    raise ValueError(f"unexpected term: {t!r}")


def parse_file_rdflib(path, fmt=None, to_graph=""):
    """The quads of an RDF file as rdflib parses it (lexical forms kept): a
    second parser, independent of the pyoxigraph store the files are loaded
    into."""
    import rdflib
    rdflib.NORMALIZE_LITERALS = False
    fmt = fmt or {"nq": "nquads", "trig": "trig", "nt": "nt", "ttl": "turtle"}[path.rsplit(".", 1)[-1]]
    out = set()
    if fmt in ("nquads", "trig"):
        ds = rdflib.Dataset()
        ds.parse(path, format=fmt)
        for s, p, o, c in ds.quads((None, None, None, None)):
            g = "" if c is None or c == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else str(c)
            out.add((g or to_graph, rdflib_term(s), rdflib_term(p), rdflib_term(o)))
    else:
        for s, p, o in rdflib.Graph().parse(path, format=fmt):
            out.add((to_graph, rdflib_term(s), rdflib_term(p), rdflib_term(o)))
    return out


def json_term(b):
    """SPARQL JSON results binding -> key."""
    t = b["type"]
    if t == "uri":
        return ("I", b["value"])
    if t in ("literal", "typed-literal"):
        return ("L", b["value"], b.get("datatype", XSD_STRING if "xml:lang" not in b else
                                   "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"),
                b.get("xml:lang", ""))
    raise ValueError(f"blank node or unexpected term: {b!r}")


def show(q):
    def t(x):
        if x[0] == "I":
            return f"<{x[1]}>"
        if x[0] == "B":
            return f"_:{x[1]}"
        s = '"' + x[1].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if x[3]:
            return s + "@" + x[3]
        return s if x[2] == XSD_STRING else s + f"^^<{x[2]}>"
    return " ".join(t(x) for x in q[1:]) + (f" <{q[0]}>" if q[0] else "") + " ."


def compare(actual, expected, what, limit=8):
    """-> (ok, message). Exact, else exact modulo numeric canonical forms (reported)."""
    if actual == expected:
        return True, f"{what}: {len(actual)} quads, exactly the expected ones"
    ca = {canon_key(q) for q in actual}
    ce = {canon_key(q) for q in expected}
    if ca == ce:
        changed = sorted(q for q in expected if canon_key(q) != q)
        return True, (f"{what}: {len(ca)} quads, the expected ones; NOTE the store returned "
                      f"{len(changed)} xsd:integer/decimal literal(s) or language tag(s) in canonical form, e.g. "
                      + "; ".join(show(q) for q in changed[:3]))
    lines = [f"{what}: {len(actual)} quads, expected {len(expected)}; "
             f"only in the store: {len(ca - ce)}, missing from the store: {len(ce - ca)}"]
    for q in sorted(ca - ce)[:limit]:
        lines.append("  + " + show(q))
    for q in sorted(ce - ca)[:limit]:
        lines.append("  - " + show(q))
    return False, "\n".join(lines)

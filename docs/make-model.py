#!/usr/bin/env python3
"""Draw docs/model.svg: how a figure, its article, mentions, genes,
chemicals, diseases and organisms connect in pfocr2rdf's output.

usage: docs/make-model.py > docs/model.svg     (python3, standard library only)

The node classes and links follow docs/mapping.md (the links are listed
below); every pfocr: term drawn is checked against vocab/pfocr.ttl, and the
class labels and the vocabulary version come from it, so a renamed or
removed term fails this script instead of leaving a stale picture. The
output is deterministic: `cargo test` checks that docs/model.svg is this
script's output.
"""
import os
import re
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = os.path.join(HERE, "..", "vocab", "pfocr.ttl")

ttl = open(VOCAB, encoding="utf-8").read()
DEFINED = set(re.findall(r"^pfocr:(\w+)\s*\n\s+a ", ttl, re.M))
LABELS = dict(re.findall(r"^pfocr:(\w+)\s*\n\s+a [^;]*;(?:[^.]*?)rdfs:label \"([^\"]+)\"", ttl, re.M | re.S))
VERSION = re.search(r'owl:versionInfo "([^"]+)"', ttl).group(1)


def pfocr(term):
    if term not in DEFINED:
        sys.exit(f"pfocr:{term} is drawn but not defined in vocab/pfocr.ttl")
    return f"pfocr:{term}"


# id: (x, y, title, class line, IRI pattern)
NODES = {
    "F": (560, 250, "Figure", f"schema:Dataset, {pfocr('Figure')}", "pfocr.wikipathways.org/figures/{figid}.html"),
    "A": (80, 250, "Article", "schema:ScholarlyArticle", "identifiers.org/pmc/{pmcid}"),
    "J": (80, 70, "Journal", "schema:Periodical", "w3id.org/pfocr/journal/{key}"),
    "P": (80, 430, "Publisher", "schema:Organization", "w3id.org/pfocr/publisher/{name}"),
    "I": (560, 70, "Image", "schema:ImageObject", "ncbi.nlm.nih.gov/pmc/articles/…/bin/…"),
    "W": (560, 430, "WikiPathways", "schema:Organization", "www.wikipathways.org/"),
    "M": (930, 250, "Mention", "oa:Annotation, pfocr:{Gene,Chemical,Disease}Mention" if all(pfocr(c) for c in ["GeneMention", "ChemicalMention", "DiseaseMention"]) else "", "{F}#gene-1, #chemical-1, #disease-1"),
    "G": (1290, 110, "Gene", "(no type)", "identifiers.org/ncbigene/{id}"),
    "C": (1290, 250, "Chemical / disease", "(no type)", "MeSH, ChEBI, DOID IRIs"),
    "T": (930, 490, "Organism", "(no type)", "NCBITaxon_{id}"),
    "X": (930, 40, "Pathway, network", "(external)", "identifiers.org/wikipathways/WP…, NDEx"),
}

# from, to, label, bend (pixels, to keep parallel links apart)
EDGES = [
    ("F", "A", "dcterms:isPartOf, schema:isPartOf", 0),
    ("A", "J", "schema:isPartOf", 0),
    ("J", "P", "schema:publisher", -60),
    ("F", "I", "schema:image", 0),
    ("F", "W", "schema:creator", 0),
    ("M", "F", "oa:hasTarget", -30),
    ("M", "G", "oa:hasBody", 0),
    ("M", "C", "oa:hasBody", 0),
    # A figure mentions each body of its mentions: genes, chemicals, diseases.
    ("F", "G", "schema:mentions", 0),
    ("F", "C", "schema:mentions", 120),
    ("F", "T", "wp:organism, " + pfocr("nerOrganism"), 40),
    ("M", "T", "wp:organism (genes)", 0),
    ("F", "X", pfocr("wikipathway") + ", " + pfocr("ndexNetwork"), 0),
]

W, H = 260, 74


def box(nid):
    x, y, title, cls, pattern = NODES[nid]
    lines = [f'<g id="{nid}">',
             f'<rect x="{x - W // 2}" y="{y - H // 2}" width="{W}" height="{H}" rx="8" class="node"/>',
             f'<text x="{x}" y="{y - 14}" class="title">{escape(title)}</text>']
    # Long class lines are wrapped at a comma.
    if len(cls) > 42 and ", " in cls:
        head, tail = cls.split(", ", 1)
        lines.append(f'<text x="{x}" y="{y + 3}" class="cls">{escape(head)},</text>')
        lines.append(f'<text x="{x}" y="{y + 16}" class="cls">{escape(tail)}</text>')
        lines.append(f'<text x="{x}" y="{y + 30}" class="iri">{escape(pattern)}</text>')
    else:
        lines.append(f'<text x="{x}" y="{y + 5}" class="cls">{escape(cls)}</text>')
        lines.append(f'<text x="{x}" y="{y + 22}" class="iri">{escape(pattern)}</text>')
    lines.append("</g>")
    return "\n".join(lines)


def clip(x0, y0, x1, y1):
    """Where the segment from the centre (x0, y0) towards (x1, y1) leaves the box."""
    dx, dy = x1 - x0, y1 - y0
    if dx == 0 and dy == 0:
        return x0, y0
    tx = (W / 2 + 4) / abs(dx) if dx else float("inf")
    ty = (H / 2 + 4) / abs(dy) if dy else float("inf")
    t = min(tx, ty)
    return x0 + dx * t, y0 + dy * t


def edge(a, b, label, bend):
    ax, ay = NODES[a][:2]
    bx, by = NODES[b][:2]
    mx, my = (ax + bx) / 2, (ay + by) / 2
    # Control point: perpendicular offset from the midpoint.
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    nx, ny = -(by - ay) / length, (bx - ax) / length
    cx, cy = mx + nx * bend, my + ny * bend
    sx, sy = clip(ax, ay, cx, cy)
    ex, ey = clip(bx, by, cx, cy)
    lx, ly = (sx + 2 * cx + ex) / 4, (sy + 2 * cy + ey) / 4
    return (f'<path d="M {sx:.1f} {sy:.1f} Q {cx:.1f} {cy:.1f} {ex:.1f} {ey:.1f}" class="edge" marker-end="url(#arrow)"/>\n'
            f'<text x="{lx:.1f}" y="{ly - 5:.1f}" class="label">{escape(label)}</text>')


def main():
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<svg xmlns="http://www.w3.org/2000/svg" width="1480" height="560" viewBox="-60 -10 1500 560" font-family="sans-serif">',
        f"<title>pfocr2rdf output model (pfocr vocabulary {escape(VERSION)})</title>",
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">',
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker>',
        "<style>",
        ".node { fill: #f4f8fc; stroke: #3b6ea5; stroke-width: 1.5 }",
        ".title { font-size: 15px; font-weight: bold; text-anchor: middle }",
        ".cls { font-size: 11px; text-anchor: middle; fill: #1d4d80 }",
        ".iri { font-size: 10px; text-anchor: middle; fill: #666; font-family: monospace }",
        ".edge { fill: none; stroke: #555; stroke-width: 1.2 }",
        ".label { font-size: 11px; text-anchor: middle; fill: #8a2d00; paint-order: stroke; stroke: white; stroke-width: 3px }",
        "</style>",
        "</defs>",
        '<rect x="-60" y="-10" width="1500" height="560" fill="white"/>',
    ]
    for a, b, label, bend in EDGES:
        out.append(edge(a, b, label, bend))
    for nid in NODES:
        out.append(box(nid))
    out.append(f'<text x="-50" y="540" class="iri" style="text-anchor: start">Generated by docs/make-model.py from vocab/pfocr.ttl (version {escape(VERSION)}) and docs/mapping.md. Every node is an IRI; no blank nodes.</text>')
    out.append("</svg>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

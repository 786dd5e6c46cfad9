#!/usr/bin/env bash
# End-to-end self-test of virtuoso.sh on hand-written data (no converter needed).
# usage: virtuoso_selftest.sh [WORKDIR] [PORT_SQL] [PORT_HTTP]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
W="${1:-$(mktemp -d /tmp/virt-selftest.XXXXXX)}"
SQLP="${2:-21112}"; HTTPP="${3:-28891}"
# shellcheck source=virtuoso.sh
source "$HERE/virtuoso.sh"

rm -rf "$W/db"; mkdir -p "$W/ttl" "$W/gz" "$W/http" "$W/q"
fail() { echo "SELFTEST FAIL: $*" >&2; exit 1; }
expect() { # expect FILE.rq EXPECTED_TSV_TEXT
  local got; got="$(virt_query "$1")"
  if [ "$got" != "$2" ]; then
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$got") >&2 || true
    fail "unexpected result for $1"
  fi
}

cat > "$W/ttl/a.ttl" <<'EOF'
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/pfocr#> .
<https://pfocr.wikipathways.org/figures/PMC1.html> dct:title "NF-κB and β-catenin: \"q\" back\\slash\nline2" ;
  dct:date "2016"^^xsd:gYear ; ex:score "0.91"^^xsd:decimal ;
  ex:gene <https://identifiers.org/ncbigene/7157> .
EOF
cat > "$W/gz/b.nq" <<'EOF'
<https://pfocr.wikipathways.org/figures/PMC2.html> <http://purl.org/dc/terms/title> "TNF-α → NF-κB \"s\" C:\\p\nl2" <https://pfocr.wikipathways.org/figures/PMC2.html> .
<https://pfocr.wikipathways.org/figures/PMC2.html> <https://example.org/pfocr#gene> <https://identifiers.org/ncbigene/7157> <https://pfocr.wikipathways.org/figures/PMC2.html> .
<https://pfocr.wikipathways.org/figures/PMC3.html> <http://purl.org/dc/terms/title> "β-cell IL-1β \u00e9t\u00E9" <https://pfocr.wikipathways.org/figures/PMC3.html> .
<https://pfocr.wikipathways.org/figures/PMC3.html> <https://example.org/pfocr#score> "0.91"^^<http://www.w3.org/2001/XMLSchema#decimal> <https://pfocr.wikipathways.org/figures/PMC3.html> .
EOF
gzip -f "$W/gz/b.nq"
cat > "$W/http/c.nq" <<'EOF'
<https://pfocr.wikipathways.org/figures/PMC3.html> <http://purl.org/dc/terms/title> "REPLACED κ 😀" <https://pfocr.wikipathways.org/figures/PMC3.html> .
<https://pfocr.wikipathways.org/figures/PMC4.html> <http://purl.org/dc/terms/date> "2016"^^<http://www.w3.org/2001/XMLSchema#gYear> <https://pfocr.wikipathways.org/figures/PMC4.html> .
EOF
cat > "$W/q/titles.rq" <<'EOF'
SELECT ?g ?o (STRLEN(STR(?o)) AS ?len) WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/title> ?o } }
EOF
cat > "$W/q/count.rq" <<'EOF'
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://")) } GROUP BY ?g
EOF

t0=$SECONDS
virt_start "$W/db" "$SQLP" "$HTTPP"
virt_stop_on_exit
echo "start-up: $((SECONDS - t0))s"

virt_bulk_load "$W/ttl" '*.ttl' https://example.org/g/ttl
virt_bulk_load "$W/gz" '*.nq.gz' https://example.org/g/ignored-for-nquads
G=https://pfocr.wikipathways.org/figures
expect "$W/q/count.rq" "g	n
<https://example.org/g/ttl>	4
<$G/PMC2.html>	2
<$G/PMC3.html>	2"
expect "$W/q/titles.rq" 'g	o	len
<https://example.org/g/ttl>	NF-κB and β-catenin: "q" back\\slash\nline2	41
<https://pfocr.wikipathways.org/figures/PMC2.html>	TNF-α → NF-κB "s" C:\\p\nl2	25
<https://pfocr.wikipathways.org/figures/PMC3.html>	β-cell IL-1β été	16'

virt_drop_graph "$G/PMC3.html"
[ "$(virt_count_triples "$G/PMC3.html")" = 0 ] || fail "drop_graph left triples"
virt_gsp_put_nquads "$W/http/c.nq"
virt_gsp_put_nquads "$W/http/c.nq"     # PUT again: must replace, not add
expect "$W/q/count.rq" "g	n
<https://example.org/g/ttl>	4
<$G/PMC2.html>	2
<$G/PMC3.html>	1
<$G/PMC4.html>	1"
expect "$W/q/titles.rq" 'g	o	len
<https://example.org/g/ttl>	NF-κB and β-catenin: "q" back\\slash\nline2	41
<https://pfocr.wikipathways.org/figures/PMC2.html>	TNF-α → NF-κB "s" C:\\p\nl2	25
<https://pfocr.wikipathways.org/figures/PMC3.html>	REPLACED κ 😀	12'
[ "$(virt_count_triples)" = 8 ] || fail "count_triples (all) = $(virt_count_triples), want 8"

# A syntax error must make bulk_load fail loudly (LOAD_LIST.ll_error).
mkdir -p "$W/bad1" "$W/bad2"
printf '<https://example.org/s> <https://example.org/p> "unterminated .\n' > "$W/bad1/bad.ttl"
if virt_bulk_load "$W/bad1" '*.ttl' https://example.org/g/bad 2>"$W/bad1.err"; then
  fail "bulk_load accepted a syntax error"
fi
echo "syntax error detected as expected: $(tail -n1 "$W/bad1.err")"
# An invalid escape (\q) is dropped SILENTLY by Virtuoso (no ll_error): only the
# expected-count argument catches it.
printf '<https://example.org/m1> <https://example.org/p> "before" .\n<https://example.org/m2> <https://example.org/p> "bad \\q κ" .\n<https://example.org/m3> <https://example.org/p> "after" .\n' > "$W/bad2/mixed.ttl"
if virt_bulk_load "$W/bad2" '*.ttl' https://example.org/g/bad2 3 2>"$W/bad2.err"; then
  fail "bulk_load with expected count accepted a silently dropped statement"
fi
echo "silent drop detected as expected: $(tail -n1 "$W/bad2.err" | cut -c1-120)"

virt_stop
trap - EXIT
echo "virtuoso selftest: OK (workdir $W, total $((SECONDS - t0))s)"

#!/usr/bin/env bash
# Loads a sharded, gzipped N-Quads dump (pfocr2rdf --split N --compress gzip
# --void; each shard many gzip members, one per figure) into a throwaway
# Virtuoso 7 with its bulk loader, exactly as the README's "Loading at scale"
# says, and checks that every quad arrived.
#
#   tests/loaders/virtuoso-gz.sh [BIN]        (BIN: the pfocr2rdf binary)
#
# Needs root on Debian 12 the first time (apt: virtuoso-opensource).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${1:-target/debug/pfocr2rdf}"
CORPUS="../shared/corpus/pfocr-database"

if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends virtuoso-opensource
  # The package starts a system instance; we use our own.
  systemctl stop virtuoso-opensource-7 2>/dev/null || service virtuoso-opensource-7 stop 2>/dev/null || true
fi

WORK="$(mktemp -d /tmp/pfocr2rdf-virtuoso.XXXXXX)"
PORT=$((20000 + RANDOM % 20000)); HTTP=$((PORT + 1))
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# 1. The dump: 4 gzipped shards and the VoID description beside them.
"$BIN" "$CORPUS" -q -f nq -j 2 --split 4 --compress gzip --void -o "$WORK/dump/"
ls "$WORK/dump"
# Each figure is a gzip member of its own (compressed by the worker that
# converted it): the loader must read multi-member files.
gzip_members() {
  python3 -c 'import sys, zlib
data, n = open(sys.argv[1], "rb").read(), 0
while data:
    d = zlib.decompressobj(wbits=31); d.decompress(data)
    assert d.eof, "truncated member"
    data, n = d.unused_data, n + 1
print(n)' "$1"
}
for f in "$WORK"/dump/part-*.nq.gz; do
  n=$(gzip_members "$f")
  echo "$(basename "$f"): $n gzip members"
  [ "$n" -gt 1 ] || { echo "virtuoso gz load: FAILED ($f is not multi-member)"; exit 1; }
done
want=$(zcat "$WORK"/dump/part-*.nq.gz | sort -u | wc -l)
want_void=$(zcat "$WORK"/dump/void.nq.gz | sort -u | wc -l)

# 2. A throwaway Virtuoso on loopback ports.
cat > "$WORK/virtuoso.ini" <<INI
[Database]
DatabaseFile = $WORK/db/virtuoso.db
ErrorLogFile = $WORK/db/virtuoso.log
LockFile = $WORK/db/virtuoso.lck
TransactionFile = $WORK/db/virtuoso.trx
xa_persistent_file = $WORK/db/virtuoso.pxa
[TempDatabase]
DatabaseFile = $WORK/db/virtuoso-temp.db
TransactionFile = $WORK/db/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:$PORT
DirsAllowed = ., $WORK/dump
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:$HTTP
[SPARQL]
ResultSetMaxRows = 1000000
INI
mkdir "$WORK/db"
virtuoso-t +foreground +configfile "$WORK/virtuoso.ini" >"$WORK/server.out" 2>&1 &
PID=$!
isql() { isql-vt "127.0.0.1:$PORT" dba dba "$@"; }
for _ in $(seq 120); do
  isql exec="status();" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.out"; exit 1; }
  sleep 1
done

# 3. The bulk loader, as in the README: every .nq.gz of the folder.
isql exec="ld_dir('$WORK/dump', '*.nq.gz', 'https://pfocr.wikipathways.org/');"
isql exec="rdf_loader_run();"
isql exec="checkpoint;"
registered=$(isql exec="SELECT COUNT(*) FROM DB.DBA.LOAD_LIST;" | awk '/^[0-9]+$/ {print; exit}')
errors=$(isql exec="SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;" | grep -c "$WORK" || true)
count() {
  isql exec="SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER($1) };" | awk '/^[0-9]+$/ {print; exit}'
}
got=$(count 'STRSTARTS(STR(?g), "https://pfocr.wikipathways.org/figures/")')
got_void=$(count '?g = <https://w3id.org/pfocr/dataset>')
triples=$(isql exec="SPARQL SELECT ?n WHERE { GRAPH <https://w3id.org/pfocr/dataset> { <https://w3id.org/pfocr/dataset> <http://rdfs.org/ns/void#triples> ?n } };" | awk '/^[0-9]+$/ {print; exit}')

echo "virtuoso: files registered $registered (want 5), load errors $errors"
echo "virtuoso: figure quads $got (want $want), description quads $got_void (want $want_void), void:triples $triples"
[ "$registered" = 5 ] && [ "$errors" = 0 ] && [ "$got" = "$want" ] && [ "$got_void" = "$want_void" ] \
  && [ "$triples" = "$(zcat "$WORK"/dump/part-*.nq.gz | wc -l)" ] \
  || { echo "virtuoso gz load: FAILED"; tail -20 "$WORK/db/virtuoso.log"; exit 1; }
echo "virtuoso gz load: OK"

#!/usr/bin/env bash
# Throwaway Virtuoso 7 instance for the pfocr2rdf conformance run.
#
# Use as a library:                      or as a command:
#   source tests/conformance/virtuoso.sh   virtuoso.sh start DIR PORT_SQL PORT_HTTP
#   virt_start DIR 21111 28890             VIRT_DIR=DIR virtuoso.sh bulk_load ...
#   virt_stop_on_exit   # trap EXIT        VIRT_DIR=DIR virtuoso.sh stop
#   virt_bulk_load /data '*.nq.gz' https://example.org/default
#   virt_query q.rq > out.tsv
#
# Subcommands / functions (virt_NAME):
#   start DIR PORT_SQL PORT_HTTP   new instance, DB files + virtuoso.ini in DIR
#                                  (an existing DB there is removed unless
#                                  VIRT_KEEP_DB=1), 127.0.0.1 only; waits until
#                                  isql and HTTP /sparql answer.
#   stop                           kill by PID, wait for exit.
#   stop_on_exit                   (library only) install `trap virt_stop EXIT`.
#   isql [FILE|-]                  run SQL (file or stdin) as dba; fails on any
#                                  "*** Error" in the output.
#   bulk_load DIR GLOB GRAPH [N]   ld_dir + rdf_loader_run + checkpoint, then
#                                  fails if DB.DBA.LOAD_LIST has ll_error; with
#                                  N, also fails unless the store grew by exactly
#                                  N triples (the loader drops some bad input
#                                  silently, see README.md).
#   gsp_put_nquads FILE.nq[.gz]    split by graph; HTTP PUT each graph's triples
#                                  (N-Triples) to /sparql-graph-crud-auth
#                                  (digest auth, dba). Triples in the default
#                                  graph are refused (Virtuoso has no default
#                                  graph to PUT into). See README.md for why.
#   gsp_put FILE GRAPH [CTYPE]     HTTP PUT one graph (default text/turtle).
#                                  VIRT_GSP_METHOD=POST (also for
#                                  gsp_put_nquads) adds to the graph instead
#                                  of replacing it.
#   query FILE.rq                  SPARQL over HTTP /sparql, JSON results,
#                                  printed as sorted TSV by sparql_tsv.py.
#   update FILE.ru|-               SPARQL update via isql (SPARQL prefix).
#   drop_graph GRAPH               DROP SILENT GRAPH <g>.
#   count_triples [GRAPH]          number of triples (in GRAPH or in all).
#
# The instance's state (pid, ports) is kept in DIR/instance.env, so separate
# command invocations find it through VIRT_DIR=DIR.
#
# Environment knobs: VIRT_DIRS_ALLOWED (extra comma-separated dirs for
# ld_dir/file access), VIRT_BUFFERS (NumberOfBuffers, default 170000 ~1.3 GB),
# VIRT_START_TIMEOUT (s, default 180), VIRT_DBA_PW (default "dba"; instance
# listens on 127.0.0.1 only), PYTHON (for sparql_tsv.py).

VIRT_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${VIRT_DBA_PW:=dba}"

# prints only (returns 0) so that callers under `set -e` still print details
# before their own `return 1`.
_virt_die() { echo "virtuoso.sh: ERROR: $*" >&2; }
_virt_log() { echo "virtuoso.sh: $*" >&2; }

_virt_isql_bin() {
  if command -v isql-vt >/dev/null 2>&1; then echo isql-vt; else echo isql; fi
}

_virt_python() {
  if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"
  elif [ -x /opt/pfocr2rdf-conformance/venv/bin/python ]; then echo /opt/pfocr2rdf-conformance/venv/bin/python
  else echo python3; fi
}

# Load instance state (VIRT_PID, VIRT_SQL_PORT, VIRT_HTTP_PORT) from VIRT_DIR.
_virt_load_state() {
  if [ -n "${VIRT_PID:-}" ] && [ -n "${VIRT_SQL_PORT:-}" ]; then return 0; fi
  [ -n "${VIRT_DIR:-}" ] || { _virt_die "VIRT_DIR is not set (no instance started?)"; return 1; }
  [ -f "$VIRT_DIR/instance.env" ] || { _virt_die "$VIRT_DIR/instance.env missing (no instance started there?)"; return 1; }
  # shellcheck disable=SC1091
  . "$VIRT_DIR/instance.env"
}

virt_start() {
  local dir="${1:?usage: start DIR PORT_SQL PORT_HTTP}" sql="${2:?PORT_SQL}" http="${3:?PORT_HTTP}"
  mkdir -p "$dir" || return 1
  dir="$(cd "$dir" && pwd)"
  if [ -f "$dir/instance.env" ]; then
    local old_pid; old_pid="$(sed -n 's/^VIRT_PID=//p' "$dir/instance.env")"
    if [ -n "$old_pid" ] && kill -0 "$old_pid" 2>/dev/null; then
      _virt_die "an instance (pid $old_pid) is already running in $dir"; return 1
    fi
  fi
  # Throwaway: start from an empty database unless VIRT_KEEP_DB=1 (only the
  # files this script itself names are removed).
  if [ "${VIRT_KEEP_DB:-0}" != 1 ]; then
    rm -f "$dir"/virtuoso.db "$dir"/virtuoso-temp.db "$dir"/virtuoso.trx "$dir"/virtuoso-temp.trx \
          "$dir"/virtuoso.pxa "$dir"/virtuoso.lck "$dir"/virtuoso.log "$dir"/virtuoso.stdout
  fi
  local p
  for p in "$sql" "$http"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      _virt_die "port $p on 127.0.0.1 is already in use"; return 1
    fi
  done
  local buffers="${VIRT_BUFFERS:-170000}"
  local dirty=$(( buffers * 3 / 4 ))
  local allowed="., $dir, /tmp, /usr/share/virtuoso-opensource-7/vad${VIRT_DIRS_ALLOWED:+, $VIRT_DIRS_ALLOWED}"
  cat > "$dir/virtuoso.ini" <<EOF
; generated by tests/conformance/virtuoso.sh -- throwaway instance
[Database]
DatabaseFile        = $dir/virtuoso.db
ErrorLogFile        = $dir/virtuoso.log
LockFile            = $dir/virtuoso.lck
TransactionFile     = $dir/virtuoso.trx
xa_persistent_file  = $dir/virtuoso.pxa
ErrorLogLevel       = 7
FileExtend          = 200
MaxCheckpointRemap  = 2000
Striping            = 0
TempStorage         = TempDatabase

[TempDatabase]
DatabaseFile        = $dir/virtuoso-temp.db
TransactionFile     = $dir/virtuoso-temp.trx
MaxCheckpointRemap  = 2000
Striping            = 0

[Parameters]
ServerPort          = 127.0.0.1:$sql
LiteMode            = 0
DisableUnixSocket   = 1
DisableTcpSocket    = 0
MaxClientConnections = 20
CheckpointInterval  = 0
O_DIRECT            = 0
CaseMode            = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls        = 0
SchedulerInterval   = 10
DirsAllowed         = $allowed
ThreadCleanupInterval = 0
ThreadThreshold     = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize   = 100000
SingleCPU           = 0
VADInstallDir       = /usr/share/virtuoso-opensource-7/vad/
PrefixResultNames   = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps       = 64
MaxMemPoolSize      = 200000000
MaxQueryMem         = 1G
VectorSize          = 1000
MaxVectorSize       = 1000000
AdjustVectorSize    = 0
ThreadsPerQuery     = 2
AsyncQueueMaxThreads = 4
NumberOfBuffers     = $buffers
MaxDirtyBuffers     = $dirty

[HTTPServer]
ServerPort          = 127.0.0.1:$http
ServerRoot          = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
DavRoot             = DAV
EnabledDavVSP       = 0
HTTPProxyEnabled    = 0
TempASPXDir         = 0
ServerThreads       = 10
MaxKeepAlives       = 10
KeepAliveTimeout    = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize      = 280000
HttpPrintWarningsInOutput = 0
Charset             = UTF-8
EnabledGzipContent  = 1

[AutoRepair]
BadParentLinks      = 0

[Client]
SQL_PREFETCH_ROWS   = 100
SQL_PREFETCH_BYTES  = 16000
SQL_QUERY_TIMEOUT   = 0
SQL_TXN_TIMEOUT     = 0

[VDB]
ArrayOptimization   = 0
NumArrayParameters  = 10
VDBDisconnectTimeout = 1000
KeepConnectionOnFixedThread = 0

[Replication]
ServerName          = pfocr2rdf-conformance
ServerEnable        = 0

[URIQA]
DynamicLocal        = 0
DefaultHost         = 127.0.0.1:$http

[SPARQL]
; Defaults (10000 rows, 60 s) silently truncate results ("anytime query"):
; raise them so a conformance query never gets a partial answer.
ResultSetMaxRows           = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
DeferInferenceRulesInit    = 0
; No DefaultGraph here: a query without FROM then reads the union of all
; graphs (what the example queries expect when the same triples are loaded
; into several graphs).
EOF
  : > "$dir/virtuoso.stdout"
  local t0=$SECONDS
  ( cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" ) \
      >>"$dir/virtuoso.stdout" 2>&1 </dev/null &
  VIRT_PID=$!
  VIRT_DIR="$dir"; VIRT_SQL_PORT="$sql"; VIRT_HTTP_PORT="$http"
  export VIRT_DIR VIRT_PID VIRT_SQL_PORT VIRT_HTTP_PORT
  printf 'VIRT_PID=%s\nVIRT_SQL_PORT=%s\nVIRT_HTTP_PORT=%s\nVIRT_DIR=%s\n' \
    "$VIRT_PID" "$sql" "$http" "$dir" > "$dir/instance.env"
  local timeout="${VIRT_START_TIMEOUT:-180}" isql; isql="$(_virt_isql_bin)"
  while :; do
    if ! kill -0 "$VIRT_PID" 2>/dev/null; then
      _virt_die "virtuoso-t (pid $VIRT_PID) exited during start-up; last log lines:"
      tail -n 30 "$dir/virtuoso.log" "$dir/virtuoso.stdout" >&2 2>/dev/null
      return 1
    fi
    if "$isql" "127.0.0.1:$sql" dba "$VIRT_DBA_PW" "EXEC=select 1;" >/dev/null 2>&1 \
       && curl -fsS -o /dev/null "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" 2>/dev/null; then
      break
    fi
    if (( SECONDS - t0 >= timeout )); then
      _virt_die "virtuoso-t (pid $VIRT_PID) did not accept isql+HTTP connections on 127.0.0.1:$sql/$http within ${timeout}s; log tail:"
      tail -n 30 "$dir/virtuoso.log" >&2 2>/dev/null
      virt_stop || true
      return 1
    fi
    sleep 0.5
  done
  _virt_log "started pid $VIRT_PID (sql 127.0.0.1:$sql, http 127.0.0.1:$http, dir $dir) in $(( SECONDS - t0 ))s"
  # Allow SPARQL update for the anonymous /sparql user too (only on loopback),
  # and set up the default-graph rules used by GSP.
  virt_isql - <<'EOF' >/dev/null
GRANT SPARQL_UPDATE TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";
EOF
}

virt_stop() {
  _virt_load_state 2>/dev/null || { _virt_log "stop: no instance state; nothing to do"; return 0; }
  local pid="${VIRT_PID:-}"
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 120); do          # up to 60 s for a clean shutdown
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      _virt_log "pid $pid did not exit on TERM within 60s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    # reap if it is our child (library use); harmless otherwise
    wait "$pid" 2>/dev/null || true
    _virt_log "stopped pid $pid"
  fi
  [ -n "${VIRT_DIR:-}" ] && rm -f "$VIRT_DIR/instance.env"
  unset VIRT_PID
}

virt_stop_on_exit() { trap 'virt_stop' EXIT; }

# virt_isql [FILE|-] : run SQL as dba; echo output; fail on "*** Error".
virt_isql() {
  _virt_load_state || return 1
  local src="${1:--}" out rc=0
  local tmp; tmp="$(mktemp)"
  if [ "$src" = - ]; then cat > "$tmp"; else cp "$src" "$tmp"; fi
  out="$("$(_virt_isql_bin)" "127.0.0.1:$VIRT_SQL_PORT" dba "$VIRT_DBA_PW" \
           VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF "$tmp" 2>&1)" || rc=$?
  rm -f "$tmp"
  printf '%s\n' "$out"
  if [ "$rc" != 0 ] || grep -q '\*\*\* Error' <<<"$out"; then
    _virt_die "isql failed (exit $rc): $(grep -A2 '\*\*\* Error' <<<"$out" | head -5)"
    return 1
  fi
}

# Escape a string for a single-quoted SQL literal.
_virt_sqlq() { printf "%s" "${1//\'/\'\'}"; }

virt_bulk_load() {
  local d="${1:?usage: bulk_load DIR GLOB GRAPH [EXPECTED_NEW_TRIPLES]}" glob="${2:?GLOB}" graph="${3:?GRAPH}" expect="${4:-}"
  _virt_load_state || return 1
  local before=0
  if [ -n "$expect" ]; then before="$(virt_count_triples)" || return 1; fi
  d="$(cd "$d" && pwd)" || return 1
  local t0=$SECONDS n
  n="$(find "$d" -maxdepth 1 -name "$glob" -type f | wc -l)"
  [ "$n" -gt 0 ] || { _virt_die "bulk_load: no file matches $d/$glob"; return 1; }
  # ld_dir only registers; rdf_loader_run loads; errors land in LOAD_LIST.
  # ld_dir of a dir outside DirsAllowed fails with "FA003"/"Access to ... is denied".
  virt_isql - >/dev/null <<EOF || return 1
DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '$(_virt_sqlq "$d")/%';
ld_dir('$(_virt_sqlq "$d")', '$(_virt_sqlq "$glob")', '$(_virt_sqlq "$graph")');
rdf_loader_run();
checkpoint;
EOF
  local report
  report="$(virt_isql - <<EOF
SELECT 'LLN', COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '$(_virt_sqlq "$d")/%';
SELECT 'LLERR', ll_state, ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '$(_virt_sqlq "$d")/%' AND (ll_error IS NOT NULL OR ll_state <> 2);
EOF
)" || return 1
  local registered bad
  registered="$(awk '$1 == "LLN" { print $2 }' <<<"$report")"
  bad="$(grep '^LLERR' <<<"$report" | sed -E 's/^LLERR +//; s/ +/ /g' || true)"
  if [ "$registered" != "$n" ]; then
    _virt_die "bulk_load: $n files match $d/$glob but ld_dir registered ${registered:-?} (DirsAllowed?)"
    printf '%s\n' "$report" >&2; return 1
  fi
  if [ -n "$bad" ]; then
    _virt_die "bulk_load: errors in DB.DBA.LOAD_LIST (state file error):"
    printf '%s\n' "$bad" >&2; return 1
  fi
  if [ -n "$expect" ]; then
    local after; after="$(virt_count_triples)" || return 1
    if [ "$(( after - before ))" != "$expect" ]; then
      _virt_die "bulk_load: expected $expect new triples, store grew by $(( after - before )) ($before -> $after). NB: Virtuoso's loader can drop input silently (e.g. a literal with an invalid escape such as \\q) without any LOAD_LIST error."
      return 1
    fi
  fi
  _virt_log "bulk_load: $n file(s) from $d/$glob loaded in $(( SECONDS - t0 ))s"
}

# virt_gsp_put FILE GRAPH [CONTENT_TYPE]  (PUT replaces the graph;
# VIRT_GSP_METHOD=POST adds to it instead)
virt_gsp_put() {
  local f="${1:?usage: gsp_put FILE GRAPH [CTYPE]}" g="${2:?GRAPH}" ct="${3:-text/turtle}"
  local method="${VIRT_GSP_METHOD:-PUT}"
  _virt_load_state || return 1
  local code body genc; body="$(mktemp)"
  genc="$(jq -rn --arg g "$g" '$g|@uri')" || return 1
  # NB: not `-G --data-urlencode`: -G would move the request body into the URL.
  code="$(curl -sS -o "$body" -w '%{http_code}' --digest --user "dba:$VIRT_DBA_PW" \
            -X "$method" -H "Content-Type: $ct" --data-binary @"$f" \
            "http://127.0.0.1:$VIRT_HTTP_PORT/sparql-graph-crud-auth?graph-uri=$genc")" || { rm -f "$body"; return 1; }
  case "$code" in
    200|201|204) rm -f "$body" ;;
    *) _virt_die "GSP $method <$g> ($ct) -> HTTP $code: $(head -c 2000 "$body")"; rm -f "$body"; return 1 ;;
  esac
}

# virt_gsp_put_nquads FILE.nq[.gz]: Virtuoso's GSP endpoint takes one graph per
# request and ignores/rejects the 4th term, so split by graph and PUT each.
virt_gsp_put_nquads() {
  local f="${1:?usage: gsp_put_nquads FILE.nq[.gz]}"
  _virt_load_state || return 1
  local tmpd; tmpd="$(mktemp -d)"
  "$(_virt_python)" "$VIRT_LIB_DIR/split_nquads.py" "$f" "$tmpd" || { rm -rf "$tmpd"; return 1; }
  local g nt n=0
  while IFS=$'\t' read -r g nt; do
    virt_gsp_put "$nt" "$g" "application/n-triples" || { rm -rf "$tmpd"; return 1; }
    n=$((n + 1))
  done < "$tmpd/index.tsv"
  rm -rf "$tmpd"
  _virt_log "gsp_put_nquads: $n graph(s) sent (${VIRT_GSP_METHOD:-PUT}) from $f"
}

# virt_query FILE.rq : sorted TSV on stdout (see sparql_tsv.py)
virt_query() {
  local q="${1:?usage: query FILE.rq}"
  _virt_load_state || return 1
  local body hdr code; body="$(mktemp)"; hdr="$(mktemp)"
  code="$(curl -sS -o "$body" -D "$hdr" -w '%{http_code}' \
            -H 'Accept: application/sparql-results+json' \
            --data-urlencode "query@$q" \
            "http://127.0.0.1:$VIRT_HTTP_PORT/sparql")" || { rm -f "$body" "$hdr"; return 1; }
  if [ "$code" != 200 ]; then
    _virt_die "query $q -> HTTP $code: $(head -c 2000 "$body")"; rm -f "$body" "$hdr"; return 1
  fi
  # Virtuoso's "anytime query" returns HTTP 200 with a partial result and an
  # X-SQL-State header when a limit is hit: treat that as a failure.
  if grep -qi '^X-SQL-State:' "$hdr"; then
    _virt_die "query $q returned a PARTIAL result: $(grep -i '^X-SQL-' "$hdr" | tr -d '\r' | tr '\n' ' ')"
    rm -f "$body" "$hdr"; return 1
  fi
  local rc=0
  "$(_virt_python)" "$VIRT_LIB_DIR/sparql_tsv.py" < "$body" || rc=$?
  rm -f "$body" "$hdr"
  return "$rc"
}

# virt_update FILE|- : SPARQL update through isql (prefix "SPARQL").
virt_update() {
  local src="${1:--}" text
  if [ "$src" = - ]; then text="$(cat)"; else text="$(cat "$src")"; fi
  printf 'SPARQL %s\n;\n' "$text" | virt_isql - >/dev/null
}

virt_drop_graph() {
  local g="${1:?usage: drop_graph GRAPH}"
  case "$g" in *'>'*|*' '*) _virt_die "bad graph IRI: $g"; return 1;; esac
  virt_update - <<<"DROP SILENT GRAPH <$g>"
}

virt_count_triples() {
  local g="${1:-}" q; q="$(mktemp)"
  if [ -n "$g" ]; then
    printf 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }\n' "$g" > "$q"
  else
    # all named graphs, excluding Virtuoso's own system graphs
    cat > "$q" <<'EOF'
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER (!STRSTARTS(STR(?g), "http://www.openlinksw.com/")
       && !STRSTARTS(STR(?g), "http://www.w3.org/ns/ldp")
       && !STRSTARTS(STR(?g), "http://localhost")
       && !STRSTARTS(STR(?g), "http://127.0.0.1")
       && ?g != <virtrdf-label> && ?g != <urn:activitystreams-owl:map>) }
EOF
  fi
  local out rc=0
  out="$(virt_query "$q")" || rc=$?
  rm -f "$q"
  [ "$rc" = 0 ] || return "$rc"
  sed -n 2p <<<"$out"
}

# ---- command mode ----------------------------------------------------------
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cmd="${1:-}"; shift || true
  case "$cmd" in
    start|stop|isql|bulk_load|gsp_put|gsp_put_nquads|query|update|drop_graph|count_triples)
      "virt_$cmd" "$@" ;;
    *) sed -n '2,40p' "$0" >&2; exit 2 ;;
  esac
fi

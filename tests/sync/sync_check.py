#!/usr/bin/env python3
"""pfocr2rdf sync against a real SPARQL 1.1 store, through a fault-injecting
proxy on loopback.

usage: sync_check.py --bin BIN --corpus DIR --work DIR --query URL --update URL
                     [--name NAME] [--faults]

The store must start with no figure graph. Every request of the binary
goes through the proxy (127.0.0.1, a free port), which counts requests by
kind (query, update) and, when told to, requires credentials or injects
faults (HTTP 503, 429 with Retry-After, reset connections, answers slower
than the client's timeout). The store is read directly (not through the
proxy) to compare it with `pfocr2rdf -f nq` of the same input.

Scenarios (each prints PASS or FAIL; exit 1 on any FAIL):
  first      sync into the empty store: the store equals the conversion
  again      a re-sync with no change sends no update request
  paging     the store's digests read in small pages, and from a server
             that returns fewer rows than asked (Virtuoso's ResultSetMaxRows)
  edit       edit one record, delete one, add one: the report says 1/1/1,
             the rest unchanged, and the store equals a fresh conversion;
             a graph that is not a figure graph is never touched
  partial    a figure graph without its digest (a cut replacement) is redone
  dry-run    plans, prints, sends no update request
  max-delete deleting more than --max-delete is refused, nothing sent
  auth       Basic (password from the environment) and bearer token; wrong
             credentials fail; the secret appears in no output or report
  https      through a TLS proxy whose certificate a throwaway CA signed:
             trusted with --ca-cert, refused without
With --faults (Oxigraph):
  faults     a share of requests fail (503, 429, reset, slow): the store ends
             equal to the conversion, or the failed figures are reported and
             a second sync fixes them
  sigkill    a sync killed with SIGKILL half way; a re-run converges
At the end no figure graph lacks its digest. The whole run is bounded by
an alarm (15 minutes) and the proxy by a request budget.
"""
import argparse
import base64
import http.client
import http.server
import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance"))
from rdfkeys import compare, json_term, parse_file  # noqa: E402

BASE = "https://pfocr.wikipathways.org/figures/"
DIGEST = "https://w3id.org/pfocr/vocab#sourceDigest"
PASSWORD = "pw-Zq8v-never-printed"
TOKEN = "tok-Lr5x-never-printed"
REQUEST_BUDGET = 20000
FAILS = []


def check(ok, name, detail=""):
    print(("PASS " if ok else "FAIL ") + name + (f": {detail}" if detail and not ok else ""), flush=True)
    if not ok:
        FAILS.append(name)
    return ok


# --- the proxy -------------------------------------------------------------

class Proxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, query_url, update_url):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes = {"/query": query_url, "/update": update_url}
        self.lock = threading.Lock()
        self.reset_counts()
        self.auth = None          # None, ("basic", user, password) or ("bearer", token)
        self.fault_rate = 0.0
        self.fault_kinds = []
        self.slow = 0.0           # seconds of extra delay on update answers
        self.faults_on = ("query", "update")
        self.cap_rows = None      # cut SELECT answers to this many rows (as Virtuoso's ResultSetMaxRows does)
        self.rng = random.Random(11)
        self.total = 0

    def reset_counts(self):
        with self.lock:
            self.counts = {"query": 0, "update": 0, "faults": 0, "acked_updates": 0, "denied": 0}

    def url(self, path):
        scheme = "https" if getattr(self, "tls", False) else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}{path}"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        srv = self.server
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
        kind = "update" if "update" in form else "query"
        with srv.lock:
            srv.total += 1
            over = srv.total > REQUEST_BUDGET
            srv.counts[kind] += 1
        if over:
            return self.answer(503, b"proxy request budget spent")
        if srv.auth and not self.authorised(srv.auth):
            with srv.lock:
                srv.counts["denied"] += 1
            return self.answer(401, b"unauthorised", {"WWW-Authenticate": 'Basic realm="test"'})
        fault = None
        with srv.lock:
            if srv.fault_kinds and kind in srv.faults_on and srv.rng.random() < srv.fault_rate:
                fault = srv.rng.choice(srv.fault_kinds)
                srv.counts["faults"] += 1
        if fault == "503":
            return self.answer(503, b"injected")
        if fault == "429":
            return self.answer(429, b"injected", {"Retry-After": "1"})
        if fault == "reset":
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        status, headers, answer = forward(srv.routes[self.path.split("?")[0]], body,
                                          self.headers.get("Content-Type"), self.headers.get("Accept"))
        if fault == "slow":
            time.sleep(2.5)  # longer than the client's --timeout in the fault scenario
        elif kind == "update" and srv.slow:
            time.sleep(srv.slow)
        if kind == "query" and srv.cap_rows is not None and status == 200:
            res = json.loads(answer)
            res["results"]["bindings"] = res["results"]["bindings"][: srv.cap_rows]
            answer = json.dumps(res).encode()
        if kind == "update" and 200 <= status < 300:
            with srv.lock:
                srv.counts["acked_updates"] += 1
        try:
            self.answer(status, answer, {"Content-Type": headers.get("Content-Type", "text/plain")})
        except OSError:
            pass  # the client gave up (its timeout)

    def authorised(self, auth):
        got = self.headers.get("Authorization", "")
        if auth[0] == "basic":
            want = "Basic " + base64.b64encode(f"{auth[1]}:{auth[2]}".encode()).decode()
        else:
            want = "Bearer " + auth[1]
        return got == want

    def answer(self, status, body, headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def tls_proxy(args):
    """A second proxy, over TLS with a server certificate (IP 127.0.0.1)
    signed by a throwaway CA written to WORK/ca.pem."""
    import ssl
    w = args.work
    ossl = lambda *a: subprocess.run(["openssl", *a], check=True, capture_output=True)
    ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{w}/ca.key", "-out", f"{w}/ca.pem",
         "-days", "2", "-subj", "/CN=pfocr2rdf test CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{w}/srv.key", "-out", f"{w}/srv.csr",
         "-subj", "/CN=127.0.0.1")
    with open(f"{w}/srv.ext", "w") as fh:
        fh.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n")
    ossl("x509", "-req", "-in", f"{w}/srv.csr", "-CA", f"{w}/ca.pem", "-CAkey", f"{w}/ca.key",
         "-CAcreateserial", "-out", f"{w}/srv.pem", "-days", "2", "-extfile", f"{w}/srv.ext")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(f"{w}/srv.pem", f"{w}/srv.key")
    proxy = Proxy(args.query, args.update)
    proxy.socket = ctx.wrap_socket(proxy.socket, server_side=True)
    proxy.tls = True
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    return proxy


def forward(url, body, ctype, accept):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    path = u.path + (("?" + u.query) if u.query else "")
    conn.request("POST", path, body=body, headers={
        "Content-Type": ctype or "application/x-www-form-urlencoded",
        "Accept": accept or "*/*",
    })
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, dict(r.getheaders()), data


# --- the store, read directly -----------------------------------------------

def sparql(url, query):
    status, _, data = forward(url, urllib.parse.urlencode({"query": query}).encode(),
                              "application/x-www-form-urlencoded", "application/sparql-results+json")
    if status != 200:
        raise SystemExit(f"sync_check: query failed ({status}): {data[:300]!r}\n{query}")
    return json.loads(data)["results"]["bindings"]


def update(url, text):
    status, _, data = forward(url, urllib.parse.urlencode({"update": text}).encode(),
                              "application/x-www-form-urlencoded", "*/*")
    if not 200 <= status < 300:
        raise SystemExit(f"sync_check: update failed ({status}): {data[:300]!r}")


def figure_graphs(q):
    rows = sparql(q, f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}")) }}')
    return sorted(r["g"]["value"] for r in rows)


def dump(q, graphs=None):
    """Every quad of the figure graphs (or of `graphs`), one query per graph."""
    quads = set()
    for g in graphs if graphs is not None else figure_graphs(q):
        for b in sparql(q, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"):
            quads.add((g, json_term(b["s"]), json_term(b["p"]), json_term(b["o"])))
    return quads


def graphs_without_digest(q):
    rows = sparql(q, f"""SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
      FILTER(STRSTARTS(STR(?g), "{BASE}"))
      FILTER NOT EXISTS {{ GRAPH ?g {{ ?g <{DIGEST}> ?d }} }} }}""")
    return [r["g"]["value"] for r in rows]


def clear_figures(q, u):
    graphs = figure_graphs(q)
    for i in range(0, len(graphs), 50):
        update(u, " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[i:i + 50]))


# --- the binary ------------------------------------------------------------

class Run:
    def __init__(self, args, proxy):
        self.args, self.proxy = args, proxy
        self.n = 0

    def sync(self, inputs, *extra, env=None, proxy=None):
        self.n += 1
        proxy = proxy or self.proxy
        report = os.path.join(self.args.work, f"report-{self.n}.json")
        cmd = [self.args.bin, "sync", "-q", "--endpoint", proxy.url("/query"),
               "--update-endpoint", proxy.url("/update"), "--report", report, *extra, *inputs]
        e = dict(os.environ)
        e.pop("PFOCR2RDF_PASSWORD", None)
        e.pop("PFOCR2RDF_TOKEN", None)
        e.update(env or {})
        p = subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=600)
        rep = json.load(open(report)) if os.path.exists(report) else {}
        rep["_stdout"], rep["_stderr"], rep["_rc"] = p.stdout, p.stderr, p.returncode
        rep["_report_text"] = open(report).read() if os.path.exists(report) else ""
        return rep

    def expected(self, inputs):
        out = os.path.join(self.args.work, f"expected-{self.n}.nq")
        p = subprocess.run([self.args.bin, "-q", "-f", "nq", "-o", out, *inputs],
                           capture_output=True, text=True, timeout=600)
        if p.returncode not in (0, 1) or not os.path.exists(out):
            raise SystemExit(f"sync_check: conversion failed: {p.stderr}")
        return parse_file(out)


def only_duplicates(rep):
    """The corpus holds some figures in both generations: the second copy of
    each is a failed record in the conversion and in sync alike."""
    bad = [r for r in rep.get("failed_records", []) if "given twice" not in r["message"]]
    return not bad


def same_store(run, inputs, name):
    ok, msg = compare(dump(run.args.query), run.expected(inputs), name)
    return check(ok, name + ": store equals the conversion", msg if not ok else "")


def figure_files(root):
    """stem -> [paths] of every record file and its companions."""
    stems = {}
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".md"):
                stems.setdefault(f[:-3], []).append(os.path.join(d, f))
    return stems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--query", required=True)
    ap.add_argument("--update", required=True)
    ap.add_argument("--name", default="store")
    ap.add_argument("--faults", action="store_true")
    args = ap.parse_args()
    signal.alarm(900)

    shutil.rmtree(args.work, ignore_errors=True)
    inp = os.path.join(args.work, "in")
    shutil.copytree(args.corpus, inp)
    proxy = Proxy(args.query, args.update)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    run = Run(args, proxy)
    q, u = args.query, args.update
    name = args.name
    if figure_graphs(q):
        raise SystemExit("sync_check: the store must start with no figure graph")
    other = "urn:x-pfocr2rdf-test:not-a-figure"
    update(u, f'INSERT DATA {{ GRAPH <{other}> {{ <{other}> <urn:x:p> "kept" }} }}')
    # A graph under the figure base but with no digest: not a figure graph
    # of sync's, never deleted (only graphs with a digest are).
    stray = BASE + "stray-no-digest.html"
    update(u, f'INSERT DATA {{ GRAPH <{stray}> {{ <{stray}> <urn:x:p> "stray" }} }}')

    # first
    rep = run.sync([inp])
    n = len(figure_files(inp))
    check(rep["_rc"] in (0, 1) and only_duplicates(rep) and rep["failed"] == 0,
          f"{name} first: sync ran", rep["_stderr"][-800:])
    converted = rep["records"]["converted"]
    check(rep["added"] == converted and rep["updated"] == 0 and rep["deleted"] == 0,
          f"{name} first: {converted} added", json.dumps({k: rep[k] for k in ("added", "updated", "unchanged", "deleted")}))
    graphs = [g for g in figure_graphs(q) if g != stray]
    ok, msg = compare(dump(q, graphs), run.expected([inp]), "first")
    check(ok, f"{name} first: store equals the conversion", msg if not ok else "")

    # again
    proxy.reset_counts()
    rep = run.sync([inp])
    check(proxy.counts["update"] == 0 and rep["unchanged"] == converted and rep["added"] == 0,
          f"{name} again: no update request", json.dumps(proxy.counts))

    # paging: small pages, and a server that returns fewer rows than asked
    proxy.reset_counts()
    rep = run.sync([inp], "--page-size", "7")
    check(rep["unchanged"] == converted and proxy.counts["update"] == 0 and proxy.counts["query"] >= 6,
          f"{name} paging: pages of 7 rows", json.dumps(proxy.counts))
    proxy.cap_rows = 4
    proxy.reset_counts()
    rep = run.sync([inp], "--page-size", "100")
    proxy.cap_rows = None
    check(rep["unchanged"] == converted and proxy.counts["update"] == 0 and proxy.counts["query"] >= 9,
          f"{name} paging: a server capping answers at 4 rows", json.dumps(proxy.counts))

    # edit / delete / add (on figures given once in the corpus)
    stems = figure_files(inp)
    single = sorted(s for s, paths in stems.items() if len(paths) == 1 and "/_figures/" in paths[0])
    edit_stem, del_stem, copy_stem = single[0], single[1], single[2]
    path = stems[edit_stem][0]
    text = open(path, encoding="utf-8").read()
    assert "\nfigtitle:" in text, path
    open(path, "w", encoding="utf-8").write(text.replace("\nfigtitle:", "\nfigtitle: Edited", 1))
    data = os.path.join(os.path.dirname(os.path.dirname(stems[del_stem][0])), "_data")
    os.remove(stems[del_stem][0])
    for f in os.listdir(data):
        if f.startswith(del_stem + "-"):
            os.remove(os.path.join(data, f))
    src = open(stems[copy_stem][0], encoding="utf-8").read()
    new_id = copy_stem + "_new"
    assert f"figid: {copy_stem}" in src
    open(os.path.join(os.path.dirname(stems[copy_stem][0]), new_id + ".md"), "w",
         encoding="utf-8").write(src.replace(f"figid: {copy_stem}", f"figid: {new_id}", 1))
    proxy.reset_counts()
    rep = run.sync([inp])
    counts = {k: rep[k] for k in ("added", "updated", "unchanged", "deleted", "failed")}
    check(counts == {"added": 1, "updated": 1, "unchanged": converted - 2, "deleted": 1, "failed": 0},
          f"{name} edit: the report says 1/1/1 and the rest unchanged", json.dumps(counts))
    graphs = [g for g in figure_graphs(q) if g != stray]
    ok, msg = compare(dump(q, graphs), run.expected([inp]), "edit")
    check(ok, f"{name} edit: store equals a fresh conversion", msg if not ok else "")
    kept = sparql(q, f"SELECT ?o WHERE {{ GRAPH <{other}> {{ ?s ?p ?o }} }}")
    check([b["o"]["value"] for b in kept] == ["kept"], f"{name} edit: another graph is untouched")
    kept = sparql(q, f"SELECT ?o WHERE {{ GRAPH <{stray}> {{ ?s ?p ?o }} }}")
    check([b["o"]["value"] for b in kept] == ["stray"], f"{name} edit: a figure-like graph without digest is untouched")
    update(u, f"DROP SILENT GRAPH <{stray}>")

    # partial: a replacement cut half way (triples, no digest)
    victim = figure_graphs(q)[0]
    update(u, f"DROP SILENT GRAPH <{victim}> ; INSERT DATA {{ GRAPH <{victim}> {{ <{victim}> <urn:x:half> \"written\" }} }}")
    rep = run.sync([inp])
    check(rep["added"] == 1 and rep["failed"] == 0, f"{name} partial: the cut figure is redone",
          json.dumps({k: rep[k] for k in ("added", "updated", "unchanged")}))
    same_store(run, [inp], f"{name} partial")

    # dry-run
    path = stems[edit_stem][0]
    open(path, "a", encoding="utf-8").write("\n")
    proxy.reset_counts()
    rep = run.sync([inp], "--dry-run")
    check(proxy.counts["update"] == 0 and f"update\t{edit_stem}" in rep["_stdout"] and rep["updated"] == 1,
          f"{name} dry-run: plans and sends nothing", json.dumps(proxy.counts) + " " + rep["_stdout"][:200])
    rep = run.sync([inp])
    check(rep["updated"] == 1, f"{name} dry-run: the real run then updates")

    # max-delete
    half = os.path.join(args.work, "half")
    shutil.rmtree(half, ignore_errors=True)
    shutil.copytree(inp, half)
    for stem, paths in sorted(figure_files(half).items())[: n // 2]:
        for p in paths:
            os.remove(p)
    before = dump(q)
    proxy.reset_counts()
    rep = run.sync([half])
    check(rep["_rc"] == 1 and "refused" in rep["_stderr"] and proxy.counts["update"] == 0,
          f"{name} max-delete: refused, nothing sent", rep["_stderr"][-300:] + json.dumps(proxy.counts))
    check(dump(q) == before, f"{name} max-delete: the store is unchanged")
    rep = run.sync([half], "--no-delete", "--dry-run")
    check(rep["deleted"] == 0 and "delete\t" not in rep["_stdout"], f"{name} --no-delete plans no deletion")

    # auth
    proxy.auth = ("basic", "syncuser", PASSWORD)
    open(path, "a", encoding="utf-8").write("\n")
    rep = run.sync([inp], "--user", "syncuser", env={"PFOCR2RDF_PASSWORD": PASSWORD})
    check(rep["updated"] == 1 and rep["failed"] == 0, f"{name} auth: Basic works", rep["_stderr"][-300:])
    bad = run.sync([inp], "--user", "syncuser", env={"PFOCR2RDF_PASSWORD": "wrong-" + PASSWORD})
    check(bad["_rc"] == 1 and "401" in bad["_stderr"], f"{name} auth: a wrong password fails", bad["_stderr"][-300:])
    missing = run.sync([inp], "--user", "syncuser")
    check(missing["_rc"] == 2 and "PFOCR2RDF_PASSWORD" in missing["_stderr"], f"{name} auth: no password is a usage error")
    proxy.auth = ("bearer", TOKEN)
    open(path, "a", encoding="utf-8").write("\n")
    tok = run.sync([inp], env={"PFOCR2RDF_TOKEN": TOKEN})
    check(tok["updated"] == 1 and tok["failed"] == 0, f"{name} auth: a bearer token works", tok["_stderr"][-300:])
    proxy.auth = None
    leaked = [r for r in (rep, bad, missing, tok)
              if any(s in r[k] for s in (PASSWORD, TOKEN) for k in ("_stdout", "_stderr", "_report_text"))]
    check(not leaked, f"{name} auth: no secret in any output or report")

    if args.faults:
        # faults: retried to success
        clear_figures(q, u)
        proxy.fault_kinds, proxy.fault_rate = ["503", "429", "reset", "slow"], 0.3
        proxy.reset_counts()
        rep = run.sync([inp], "--batch", "1", "--retries", "8", "--timeout", "1")
        faults = proxy.counts["faults"]
        proxy.fault_kinds, proxy.fault_rate = [], 0.0
        check(faults > 0 and rep["retries"] > 0, f"{name} faults: {faults} faults injected, {rep['retries']} retries")
        if rep["failed"]:
            rep = run.sync([inp])
        check(rep["failed"] == 0, f"{name} faults: synced (with a second run if needed)")
        same_store(run, [inp], f"{name} faults")

        # faults: no retries; failures reported, then mended
        clear_figures(q, u)
        # (on updates only: a digest query that fails for good stops the run
        # before anything is sent, as the wrong-password case shows)
        proxy.fault_kinds, proxy.fault_rate, proxy.faults_on = ["503", "reset"], 0.5, ("update",)
        rep = run.sync([inp], "--batch", "2", "--retries", "0")
        proxy.fault_kinds, proxy.fault_rate, proxy.faults_on = [], 0.0, ("query", "update")
        named = all(f in rep["_stderr"] for f in rep["failed_figures"])
        check(rep["_rc"] == 1 and rep["failed"] > 0 and rep["failed"] == len(rep["failed_figures"]) and named,
              f"{name} faults: {rep['failed']} failed figures reported and named", rep["_stderr"][-300:])
        rep2 = run.sync([inp])
        check(rep2["failed"] == 0 and rep2["added"] == rep["failed"],
              f"{name} faults: a second sync adds exactly the failed ones",
              f"{rep2['added']} added, {rep['failed']} had failed")
        same_store(run, [inp], f"{name} faults, second run")

        # sigkill half way
        clear_figures(q, u)
        proxy.slow = 0.15
        proxy.reset_counts()
        report = os.path.join(args.work, "killed.json")
        p = subprocess.Popen([args.bin, "sync", "-q", "--endpoint", proxy.url("/query"),
                              "--update-endpoint", proxy.url("/update"), "--batch", "1",
                              "--connections", "1", inp], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while proxy.counts["acked_updates"] < 5 and time.time() < deadline and p.poll() is None:
            time.sleep(0.05)
        p.send_signal(signal.SIGKILL)
        p.wait()
        proxy.slow = 0.0
        held = len(figure_graphs(q))
        check(0 < held < converted, f"{name} sigkill: killed half way ({held} of {converted} figures in the store)")
        rep = run.sync([inp])
        check(rep["failed"] == 0 and rep["added"] == converted - rep["unchanged"],
              f"{name} sigkill: the re-run converges", json.dumps({k: rep[k] for k in ("added", "updated", "unchanged")}))
        same_store(run, [inp], f"{name} sigkill")

    # HTTPS: a proxy with a certificate of a CA of our own
    tls = tls_proxy(args)
    rep = run.sync([inp], "--ca-cert", os.path.join(args.work, "ca.pem"), proxy=tls)
    check(rep["failed"] == 0 and rep["unchanged"] == converted and only_duplicates(rep),
          f"{name} https: --ca-cert trusts the test CA", rep["_stderr"][-300:])
    rep = run.sync([inp], proxy=tls)
    check(rep["_rc"] == 1 and "certificate" in rep["_stderr"].lower(),
          f"{name} https: without --ca-cert the server is not trusted", rep["_stderr"][-300:])
    tls.shutdown()

    missing = graphs_without_digest(q)
    check(not missing, f"{name}: no figure graph lacks its digest", " ".join(missing[:5]))
    proxy.shutdown()
    print(f"sync_check {name}: {len(FAILS)} failed" if FAILS else f"sync_check {name}: all passed")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())

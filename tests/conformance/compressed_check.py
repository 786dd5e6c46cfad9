#!/usr/bin/env python3
"""Compressed dumps: Oxigraph reads the multi-member files pfocr2rdf writes.

usage: compressed_check.py --plain OUT.nq --gz OUT.nq.gz --zst OUT.nq.zst
                           --oxigraph BIN --work DIR

  pieces      the .gz file is more than one gzip member and the .zst more
              than one zstd frame (each figure is compressed alone), so what
              follows reads multi-member streams
  cli-gz      `oxigraph load --file OUT.nq.gz` (Oxigraph's own loader, which
              decompresses .gz itself), then `oxigraph dump`: the store holds
              exactly the quads rdflib reads from the plain OUT.nq
  py-gz       pyoxigraph loads the .gz through Python's gzip reader: the same
  py-zst      pyoxigraph loads `zstd -dc OUT.nq.zst`: the same
Expected statements come from rdflib, never from Oxigraph's parser.
The last line is "N passed, M failed".
"""
import argparse
import gzip
import os
import subprocess
import zlib

import pyoxigraph as ox

from rdfkeys import compare, ox_quad, parse_file, parse_file_rdflib

passed = failed = 0


def check(ok, stage, msg):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(f"{'PASS' if ok else 'FAIL'} [{stage}] {msg}", flush=True)


def gzip_members(path):
    data = open(path, "rb").read()
    n = 0
    while data:
        d = zlib.decompressobj(wbits=31)
        d.decompress(data)
        if not d.eof:
            raise ValueError("truncated gzip member")
        data = d.unused_data
        n += 1
    return n


def zstd_frames(path):
    # `zstd -lv` prints "# Zstandard Frames: N".
    out = subprocess.run(["zstd", "-lv", path], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if "Zstandard Frames" in line:
            return int(line.split(":")[1])
    raise ValueError(f"no frame count in zstd -lv output:\n{out}")


def store_quads(store):
    return {ox_quad(q) for q in store}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plain", required=True)
    ap.add_argument("--gz", required=True)
    ap.add_argument("--zst", required=True)
    ap.add_argument("--oxigraph", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    expected = parse_file_rdflib(a.plain)
    check(len(expected) > 0, "expected", f"rdflib reads {len(expected)} quads from {a.plain}")

    members, frames = gzip_members(a.gz), zstd_frames(a.zst)
    check(members > 1, "pieces", f"{a.gz}: {members} gzip members")
    check(frames > 1, "pieces", f"{a.zst}: {frames} zstd frames")

    db, dump = os.path.join(a.work, "oxigraph-gz-db"), os.path.join(a.work, "oxigraph-gz-dump.nq")
    load = subprocess.run([a.oxigraph, "load", "--location", db, "--file", a.gz],
                          capture_output=True, text=True)
    dumped = load.returncode == 0 and subprocess.run(
        [a.oxigraph, "dump", "--location", db, "--file", dump], capture_output=True, text=True
    ).returncode == 0
    # The CLI reports a file it cannot read on stderr, with status 0.
    errors = [l for l in load.stderr.splitlines() if "rror" in l]
    check(dumped and not errors, "cli-gz", f"oxigraph load/dump of {a.gz}: status {load.returncode}"
          + (f", {errors[:3]}" if errors else ""))
    if dumped:
        ok, msg = compare(parse_file(dump), expected, "cli-gz: oxigraph load --file OUT.nq.gz")
        check(ok, "cli-gz", msg)

    store = ox.Store()
    with gzip.open(a.gz, "rb") as fh:
        store.load(input=fh, format=ox.RdfFormat.N_QUADS)
    ok, msg = compare(store_quads(store), expected, "py-gz: pyoxigraph, Python's gzip reader")
    check(ok, "py-gz", msg)

    store = ox.Store()
    proc = subprocess.Popen(["zstd", "-dcq", a.zst], stdout=subprocess.PIPE)
    store.load(input=proc.stdout, format=ox.RdfFormat.N_QUADS)
    check(proc.wait() == 0, "py-zst", f"zstd -dc {a.zst}: status {proc.returncode}")
    ok, msg = compare(store_quads(store), expected, "py-zst: pyoxigraph, zstd -dc")
    check(ok, "py-zst", msg)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

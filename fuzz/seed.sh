#!/usr/bin/env bash
# Seeds the fuzz corpora from ../shared/corpus (the real records beside the
# repository): fuzz/corpus/<target>/. The copies are not committed.
set -euo pipefail
cd "$(dirname "$0")"
shared=${SHARED:-../../shared}
src="$shared/corpus"
[ -d "$src" ] || { echo "seed.sh: no corpus at $src" >&2; exit 1; }
mkdir -p corpus/frontmatter corpus/yaml_record corpus/tsv_mentions corpus/record_rdf
for f in "$src"/legacy/*.md "$src"/pfocr-database/_figures/*.md; do
    name=$(basename "$f")
    cp "$f" "corpus/frontmatter/$name"
    cp "$f" "corpus/record_rdf/$name"
    # The YAML between the fences, as the reader hands it to yaml::parse.
    awk 'NR==1 {next} /^---[ \t\r]*$/ {exit} {print}' "$f" > "corpus/yaml_record/$name"
done
# tsv_mentions: the first byte picks the kind (0 genes, 1 chemicals, 2 diseases).
for f in "$src"/pfocr-database/_data/*.tsv; do
    name=$(basename "$f")
    case "$name" in
        *-genes.tsv) k='\x00' ;;
        *-chemicals.tsv) k='\x01' ;;
        *-diseases.tsv) k='\x02' ;;
        *) continue ;;
    esac
    { printf "$k"; cat "$f"; } > "corpus/tsv_mentions/$name"
done
for t in corpus/*; do echo "seed.sh: $(ls "$t" | wc -l) seeds in $t"; done

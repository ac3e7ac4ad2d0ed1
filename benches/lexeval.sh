#!/usr/bin/env bash
# Precision, recall and F1 of person_name and of each category lexicon on a
# labelled synthetic corpus of police and HR documents (incident logs,
# custody records, occupational-health letters, complaint emails, HR and
# intelligence records, witness statements, CSV exports), with the hard
# cases of shared/DOMAIN.md §2.3-2.4 as tagged negatives
# (benches/support/prose.rs, benches/lexeval.rs).
#
#   benches/lexeval.sh                  # 16000 documents (about 20 MB), seed 1
#   DOCS=2000 SEED=7 benches/lexeval.sh
#   MIN_CONFIDENCE=medium benches/lexeval.sh
#
# Writes the corpus to $OUT/lexeval-corpus (regenerated on every run: it
# takes seconds), the findings to $OUT/lexeval-findings.jsonl and the report
# to $OUT/lexeval.md (OUT defaults to bench-out).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${DOCS:-16000}
SEED=${SEED:-1}
OUT=${OUT:-bench-out}
MIN_CONFIDENCE=${MIN_CONFIDENCE:-low}
SAMPLES=${SAMPLES:-10}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$OUT"

cargo build --release --quiet
TRAWL="$TARGET/release/trawl"
CORPUS="$OUT/lexeval-corpus"
rm -rf "$CORPUS"
cargo bench --quiet --bench lexeval -- generate "$CORPUS" --docs "$DOCS" --seed "$SEED" > "$OUT/lexeval-corpus.md"
FINDINGS="$OUT/lexeval-findings.jsonl"
START=$(date +%s.%N)
"$TRAWL" scan "$CORPUS/text" "$CORPUS/csv" --rules names,lexicons --format jsonl \
    --as-of 2026-11-23 --show-values --no-progress > "$FINDINGS"
END=$(date +%s.%N)
{
    echo "# person_name and category lexicons: precision, recall, F1"
    echo
    echo "trawl $(git rev-parse --short HEAD 2>/dev/null || echo '?') ($(git status --porcelain 2>/dev/null | grep -q . && echo 'dirty' || echo 'clean')), pattern pack $(tail -n1 "$FINDINGS" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("pattern_pack","?"))'), $(date -u +%F)."
    echo "Corpus: benches/lexeval.sh, $DOCS documents, seed $SEED, $(du -sb "$CORPUS/text" "$CORPUS/csv" | awk '{s+=$1} END {printf "%.1f MB", s/1048576}'); scan took $(awk "BEGIN{printf \"%.1f\", $END-$START}") s."
    echo "Command: trawl scan CORPUS/text CORPUS/csv --rules names,lexicons --format jsonl --as-of 2026-11-23 --show-values"
    echo
    echo "## Corpus"
    echo
    sed -n '/^| kind/,/^| \*\*total/p' "$OUT/lexeval-corpus.md"
    echo
    echo "## Scores"
    echo
    cargo bench --quiet --bench lexeval -- evaluate "$CORPUS" "$FINDINGS" \
        --min-confidence "$MIN_CONFIDENCE" --samples "$SAMPLES"
} > "$OUT/lexeval.md"
sed -n '/^| kind | labels | findings/,/^Macro/p' "$OUT/lexeval.md"
echo
echo "report: $OUT/lexeval.md"

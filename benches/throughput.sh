#!/usr/bin/env bash
# Throughput and peak memory of `trawl scan --count` against `rg -c`, side
# by side in the same run, on a generated corpus of dense text and CSV
# records (benches/support/corpus.rs).
#
#   benches/throughput.sh                    # 500 MB dense corpus, 1 and 2 threads, 3 runs each
#   PROFILE=typical benches/throughput.sh    # prose at case-note density, fewer CSVs
#   MB=100 RUNS=1 benches/throughput.sh
#
# trawl runs its identifier rules (--rules identifiers) for the comparison,
# and its full default pack (identifiers, names, lexicons) on a row of its
# own. rg gets the same free-running identifier regexes trawl compiles (from
# `trawl rules --format jsonl`), as one alternation, with --no-unicode so that
# both use ASCII word boundaries (with Unicode \b rg's DFA would fall back to
# a slow engine on non-ASCII text and the comparison would flatter trawl).
# `rg -c` counts matching lines and stops at the first match in a line;
# `rg --count-matches` finds every match, which is the work trawl does, and
# is shown as well. Wall time is the best of RUNS; peak memory is the
# maximum resident set size reported by /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-500}
RUNS=${RUNS:-3}
PROFILE=${PROFILE:-dense}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"

if ! command -v rg >/dev/null; then
    echo "installing ripgrep from Debian" >&2
    (apt-get install -y ripgrep || sudo apt-get install -y ripgrep) >/dev/null
fi
if [ ! -x /usr/bin/time ]; then
    (apt-get install -y time || sudo apt-get install -y time) >/dev/null
fi

cargo build --release --quiet
TRAWL=target/release/trawl
CORPUS="$OUT/corpus-$PROFILE-${MB}mb"
if [ ! -f "$CORPUS/labels.jsonl" ]; then
    cargo bench --quiet --bench corpus -- generate "$CORPUS" --mb "$MB" --profile "$PROFILE" >/dev/null
fi
# Scan the documents only, not labels.jsonl.
DOCS=("$CORPUS/text" "$CORPUS/csv")
BYTES=$(find "${DOCS[@]}" -type f -printf "%s\n" | awk "{s+=\$1} END {print s}")

"$TRAWL" rules --format jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    for p in json.loads(line)["patterns"]:
        if p["context"] == "optional":
            print(p["regex"])
' > "$OUT/rg-patterns.txt"

# run LABEL CMD... : best wall time and peak RSS over RUNS runs.
run() {
    local label=$1; shift
    local best="" peak=0 out
    for _ in $(seq "$RUNS"); do
        out=$( { /usr/bin/time -f "TIME %e %M" "$@" > "$OUT/last.out"; } 2>&1 | grep '^TIME' || true)
        local t m
        t=$(echo "$out" | awk '{print $2}')
        m=$(echo "$out" | awk '{print $3}')
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
        if [ "$m" -gt "$peak" ]; then peak=$m; fi
    done
    local mbs
    mbs=$(awk "BEGIN{printf \"%.0f\", $BYTES/1e6/$best}")
    printf "| %-46s | %7s | %6s | %8s |\n" "$label" "$best" "$mbs" "$((peak / 1024))"
    echo "$label $best $mbs $peak" >> "$OUT/results.txt"
}

echo "corpus ($PROFILE): ${DOCS[*]} ($BYTES bytes, $(find "${DOCS[@]}" -type f | wc -l) files, $(wc -l < "$CORPUS/labels.jsonl") labelled identifiers)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
echo
printf "| %-46s | %7s | %6s | %8s |\n" "command" "seconds" "MB/s" "peak MB"
printf "|%s|%s|%s|%s|\n" "$(printf -- '-%.0s' {1..48})" "---------" "--------" "----------"
: > "$OUT/results.txt"
for t in 1 2; do
    run "trawl scan --count --threads $t" "$TRAWL" scan "${DOCS[@]}" --count --rules identifiers --threads "$t" --no-progress --format jsonl
    cp "$OUT/last.out" "$OUT/trawl-count-$t.json"
    run "trawl scan --count --threads $t (full pack)" "$TRAWL" scan "${DOCS[@]}" --count --threads "$t" --no-progress --format jsonl
    run "rg -c --no-unicode -j $t (alternation)" rg -c --no-unicode -j "$t" -f "$OUT/rg-patterns.txt" "${DOCS[@]}"
    run "rg --count-matches --no-unicode -j $t" rg --count-matches --no-unicode -j "$t" -f "$OUT/rg-patterns.txt" "${DOCS[@]}"
done
echo
python3 - "$OUT/results.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
t = {}
for r in rows:
    label = " ".join(r[:-3]); t[label] = float(r[-2])  # MB/s
for th in (1, 2):
    tr = t[f"trawl scan --count --threads {th}"]
    rc = t[f"rg -c --no-unicode -j {th} (alternation)"]
    rm = t[f"rg --count-matches --no-unicode -j {th}"]
    full = t[f"trawl scan --count --threads {th} (full pack)"]
    print(f"threads {th}: trawl throughput = {tr/rc:.2f} x rg -c, {tr/rm:.2f} x rg --count-matches; full pack = {full/tr:.2f} x identifiers only")
PY
python3 -c '
import json,sys
s=json.loads(open(sys.argv[1]).read().splitlines()[-1])
print("trawl findings:", s["findings"], "files:", s["files_scanned"])' "$OUT/trawl-count-1.json"

#!/usr/bin/env bash
# Peak memory does not grow with file size: scans one generated text file
# of SIZE_GB gigabytes (default 5) and prints wall time and peak resident
# memory, next to the same for a 50 MB file. Needs free disk for the file
# (it is deleted afterwards unless KEEP=1).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_GB=${SIZE_GB:-5}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"
cargo build --release --quiet
TRAWL=target/release/trawl

# A 1 MB block of dense text from the corpus generator, repeated.
cargo bench --quiet --bench corpus -- generate "$OUT/block" --mb 1 --file-mb 1 --csv-share 0 >/dev/null
BLOCK=$(find "$OUT/block/text" -type f | head -1)
make_file() { # make_file PATH MEGABYTES
    local block_bytes n
    block_bytes=$(stat -c %s "$BLOCK")
    n=$(( ($2 * 1048576 + block_bytes - 1) / block_bytes ))
    for _ in $(seq "$n"); do cat "$BLOCK"; done > "$1"
}
make_file "$OUT/small.txt" 50
make_file "$OUT/huge.txt" $((SIZE_GB * 1024))
for f in "$OUT/small.txt" "$OUT/huge.txt"; do
    size=$(stat -c %s "$f")
    r=$( { /usr/bin/time -f "TIME %e %M" "$TRAWL" scan "$f" --count --threads 1 --no-progress --format jsonl > "$OUT/big.json"; } 2>&1 | grep '^TIME')
    t=$(echo "$r" | awk '{print $2}'); m=$(echo "$r" | awk '{print $3}')
    findings=$(tail -1 "$OUT/big.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["findings"])')
    printf "%-12s %14d bytes  %7.1f s  %6.0f MB/s  peak RSS %5d MB  %d findings\n" \
        "$(basename "$f")" "$size" "$t" "$(awk "BEGIN{print $size/1e6/$t}")" $((m / 1024)) "$findings"
done
[ "${KEEP:-0}" = 1 ] || rm -f "$OUT/huge.txt" "$OUT/small.txt"

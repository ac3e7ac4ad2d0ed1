#!/usr/bin/env bash
# Throughput and peak memory of `trawl scan` on a generated mixed corpus of
# documents (docx, xlsx, pdf, eml with attachments, zip, plus txt and csv;
# benches/make_mixed_corpus.py), in MB/s of input and of extracted text.
#
#   benches/documents.sh                       # 200 MB corpus, 1 and 2 threads, 3 runs each
#   MB=20 RUNS=1 THREADS=2 benches/documents.sh
#   TRAWL=/path/to/trawl benches/documents.sh  # use that binary, skip the build
#   REGEN=1 benches/documents.sh               # make the corpus again
#   EXTRA_ARGS="--count" benches/documents.sh  # more options for every scan
#
# The corpus goes to $OUT/mixed-corpus (OUT defaults to bench-out) with its
# manifest in $OUT/mixed-corpus.md; it is made only when absent, when MB or
# SEED differ from the manifest's, or with REGEN=1 (200 MB take a minute or
# two). Each run is
#
#   trawl scan CORPUS --format jsonl --no-progress --threads N
#
# with the findings piped to `tail -n1`, which keeps the summary line
# (bytes_scanned, text_bytes, elapsed_ms, formats ...); trawl's messages go
# to $OUT/documents-stderr.log. Seconds are the summary's elapsed_ms, the
# median of RUNS runs; MB are 10^6 bytes; input MB is bytes_scanned (the
# files as read from disk), text MB is text_bytes (what the extractors
# produced and the rules scanned). Peak RSS (maximum resident set size) is
# shown for every run: documents are read into memory whole (up to
# --max-document-size), so memory must stay bounded by the largest documents
# in flight, not grow with the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-200}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
THREADS=${THREADS:-"1 2"}
OUT=${OUT:-bench-out}
TARGET=${CARGO_TARGET_DIR:-target}
EXTRA_ARGS=${EXTRA_ARGS:-}
mkdir -p "$OUT"

if [ -n "${TRAWL:-}" ]; then
    [ -x "$TRAWL" ] || { echo "TRAWL=$TRAWL is not an executable" >&2; exit 1; }
    export TRAWL_GIVEN=1
else
    cargo build --release --quiet
    TRAWL="$TARGET/release/trawl"
fi

CORPUS="$OUT/mixed-corpus"
MANIFEST="$OUT/mixed-corpus.md"
HEADING="# Mixed document corpus: --mb $MB --seed $SEED"
if [ "${REGEN:-0}" = 1 ] || [ ! -d "$CORPUS" ] || ! head -n1 "$MANIFEST" 2>/dev/null | grep -qxF "$HEADING"; then
    echo "generating $CORPUS ($MB MB, seed $SEED)" >&2
    rm -rf "$CORPUS" "$MANIFEST"
    python3 benches/make_mixed_corpus.py "$CORPUS" --mb "$MB" --seed "$SEED" > "$MANIFEST.tmp"
    mv "$MANIFEST.tmp" "$MANIFEST"
fi

# measure TIMEFILE CMD... : runs CMD with its standard output piped to
# `tail -n1`; writes "wall-seconds peak-rss-kB" of CMD alone to TIMEFILE.
measure() {
    local timefile=$1; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %M" -o "$timefile" "$@" 2>>"$OUT/documents-stderr.log" | tail -n1
    else
        python3 -c '
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[2:])
wall = time.monotonic() - t
with open(sys.argv[1], "w") as f:
    f.write(f"{wall:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n")
sys.exit(rc)' "$timefile" "$@" 2>>"$OUT/documents-stderr.log" | tail -n1
    fi
}

RESULTS="$OUT/documents-runs.jsonl"
: > "$RESULTS"
: > "$OUT/documents-stderr.log"
for t in $THREADS; do
    for r in $(seq "$RUNS"); do
        # trawl exits non-zero when files could not be read: the summary says which.
        # shellcheck disable=SC2086
        summary=$(measure "$OUT/documents-time.txt" "$TRAWL" scan "$CORPUS" --format jsonl \
            --no-progress --threads "$t" $EXTRA_ARGS || true)
        # (the last line: /usr/bin/time puts "Command exited with non-zero status" first)
        read -r wall rss < <(tail -n1 "$OUT/documents-time.txt") || true
        python3 -c '
import json, sys
s = json.loads(sys.argv[1])
if s.get("type") != "summary":
    sys.exit("no summary line from trawl (see documents-stderr.log)")
s["_threads"], s["_run"], s["_wall"], s["_rss_kb"] = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(json.dumps(s))' "$summary" "$t" "$r" "${wall:-0}" "${rss:-0}" >> "$RESULTS"
        echo "threads $t run $r: ${wall}s wall, peak RSS $((${rss:-0} / 1024)) MB" >&2
    done
done

python3 - "$RESULTS" "$MANIFEST" "$TRAWL" "$EXTRA_ARGS" > "$OUT/documents.md" <<'PY'
import collections, datetime, json, os, subprocess, sys

runs = [json.loads(l) for l in open(sys.argv[1])]
manifest, trawl, extra = sys.argv[2], sys.argv[3], sys.argv[4]
by_threads = collections.defaultdict(list)
for s in runs:
    by_threads[s["_threads"]].append(s)

def git(*args):
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""

try:
    version = subprocess.run([trawl, "--version"], capture_output=True, text=True).stdout.strip()
except OSError:
    version = "?"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"# trawl scan on a mixed document corpus")
print()
if os.environ.get("TRAWL_GIVEN"):
    built = "given by TRAWL"
else:
    built = (f"built from {git('rev-parse', '--short', 'HEAD') or '?'}"
             f"{' (dirty)' if git('status', '--porcelain') else ''}")
print(f"{trawl} ({version}, {built}); {os.cpu_count()} CPUs, {cpu}; {datetime.date.today()}.")
head = open(manifest).read().splitlines()
print(f"Corpus: benches/make_mixed_corpus.py {head[0].split(': ', 1)[1]}: {head[2].split(', generated')[0]}.")
print(f"Command: trawl scan CORPUS --format jsonl --no-progress --threads N {extra}".rstrip()
      + f"; median of {max(len(v) for v in by_threads.values())} runs by elapsed_ms; MB = 10^6 bytes.")
print()
print("| threads | input MB | text MB | seconds | MB/s input | MB/s text | files | failed | findings | peak RSS MB (each run) |")
print("|--------:|---------:|--------:|--------:|-----------:|----------:|------:|-------:|---------:|------------------------|")
medians = {}
for t in sorted(by_threads):
    rs = sorted(by_threads[t], key=lambda s: s["elapsed_ms"])
    m = rs[(len(rs) - 1) // 2]
    medians[t] = m
    secs = m["elapsed_ms"] / 1000
    inp, txt = m["bytes_scanned"] / 1e6, m["text_bytes"] / 1e6
    rss = " / ".join(str(s["_rss_kb"] // 1024) for s in sorted(by_threads[t], key=lambda s: s["_run"]))
    print(f"| {t} | {inp:.1f} | {txt:.1f} | {secs:.2f} | {inp / secs:.1f} | {txt / secs:.1f} | "
          f"{m['files_scanned']} | {m['files_failed']} | {m['findings']} | {rss} |")
print()
m = medians[min(medians)]
print("Formats (files and members, as the summary counts them):")
print()
print("| format | count |")
print("|--------|------:|")
for k, v in sorted(m.get("formats", {}).items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"| {k} | {v} |")
print()
print(f"documents {m.get('documents')}, members {m.get('members')}, files seen {m.get('files_seen')}, "
      f"scanned {m.get('files_scanned')}, failed {m.get('files_failed')}, "
      f"needs review {m.get('needs_review_total')}, unreadable {m.get('unreadable_total')}"
      + (f" ({', '.join(f'{k}: {v}' for k, v in m['unreadable'].items())})" if m.get("unreadable") else "")
      + (f"; needs review: {', '.join(f'{k}: {v}' for k, v in m['needs_review'].items())}" if m.get("needs_review") else "")
      + ".")
print()
print("Corpus by kind (from " + manifest + "):")
print()
print("\n".join(l for l in head if l.startswith("|")))
PY
cat "$OUT/documents.md"
echo
echo "report: $OUT/documents.md"

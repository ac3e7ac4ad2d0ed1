#!/usr/bin/env bash
# Throughput and peak memory of `trawl subject` against `trawl scan --count`,
# in the same run, on a generated mixed corpus (benches/make_mixed_corpus.py)
# with the labelled subject documents (fixtures/subjects/docs) planted in it.
#
#   benches/subject.sh                          # 1 GB corpus in /tmp/subject-corpus-1g
#   SIZE=50M benches/subject.sh                 # 50 MB corpus in /tmp/subject-corpus-50m
#   SUBJECT=jones-dafydd benches/subject.sh     # another profile (default smith-robert)
#   TRAWL=/path/to/trawl benches/subject.sh     # use that binary, skip the build
#   CORPUS=/data/c REGEN=1 RUNS=3 benches/subject.sh
#   EXTRA_ARGS="--threads 2" benches/subject.sh # more options for both commands
#
# SIZE is a number of MB (10^6 bytes) with an optional K, M or G suffix
# (default 1G). The corpus goes to CORPUS (default /tmp/subject-corpus-<size>)
# with its manifest beside it in CORPUS.md; it is made only when absent, when
# SIZE or SEED differ from the manifest's, or with REGEN=1 (1 GB takes a few
# minutes on 2 CPUs). A fresh copy of fixtures/subjects/docs is planted in
# CORPUS/planted-subjects/ on every run. The files are read once before
# timing so that both commands see a warm page cache (WARM=0 skips that).
# The commands, each run RUNS times (default 1), alternating:
#
#   trawl scan CORPUS --count --no-progress
#   trawl subject CORPUS --profile fixtures/subjects/profiles/$SUBJECT.toml \
#       --format jsonl --no-progress -o $RESULTS
#
# Wall time and peak RSS come from /usr/bin/time -v when it is installed
# (else wall time from `date`, without RSS); MB/s is the corpus size on disk
# (apparent bytes of every file, planted documents included) over wall
# seconds. trawl's messages go to $OUT/subject-stderr.log; exit codes 0, 1
# (nothing found) and 2 (some files unreadable) count as success.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-1G}
SEED=${SEED:-1}
RUNS=${RUNS:-1}
SUBJECT=${SUBJECT:-smith-robert}
OUT=${OUT:-bench-out}
WARM=${WARM:-1}
EXTRA_ARGS=${EXTRA_ARGS:-}
TARGET=${CARGO_TARGET_DIR:-target}
RESULTS=${RESULTS:-/tmp/subject-bench-results.jsonl}
mkdir -p "$OUT"

mb=$(python3 -c '
import re, sys
m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([kKmMgG]?)[bB]?\s*", sys.argv[1])
if not m:
    sys.exit(f"SIZE={sys.argv[1]!r}: expected a number with an optional K, M or G suffix")
n, unit = float(m.group(1)), m.group(2).upper()
scale = {"K": 1e-3, "": 1, "M": 1, "G": 1e3}[unit]
print(f"{n * scale:g}")' "$SIZE")
size_tag=$(printf '%s' "$SIZE" | tr 'A-Z' 'a-z' | tr -d ' b')
CORPUS=${CORPUS:-/tmp/subject-corpus-$size_tag}
MANIFEST="$CORPUS.md"
PROFILE_FILE="fixtures/subjects/profiles/$SUBJECT.toml"
[ -f "$PROFILE_FILE" ] || { echo "no profile $PROFILE_FILE" >&2; exit 1; }

if [ -n "${TRAWL:-}" ]; then
    [ -x "$TRAWL" ] || { echo "TRAWL=$TRAWL is not an executable" >&2; exit 1; }
else
    cargo build --release --quiet
    TRAWL="$TARGET/release/trawl"
fi

HEADING="# Mixed document corpus: --mb $mb --seed $SEED"
if [ "${REGEN:-0}" = 1 ] || [ ! -d "$CORPUS" ] || ! head -n1 "$MANIFEST" 2>/dev/null | grep -qxF "$HEADING"; then
    echo "generating $CORPUS ($mb MB, seed $SEED)" >&2
    rm -rf "$CORPUS" "$MANIFEST"
    python3 benches/make_mixed_corpus.py "$CORPUS" --mb "$mb" --seed "$SEED" > "$MANIFEST.tmp"
    mv "$MANIFEST.tmp" "$MANIFEST"
else
    echo "reusing $CORPUS ($(head -n3 "$MANIFEST" | tail -n1 | cut -d, -f1-2))" >&2
fi
rm -rf "$CORPUS/planted-subjects"
cp -r fixtures/subjects/docs "$CORPUS/planted-subjects"

bytes=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')
files=$(find "$CORPUS" -type f | wc -l)
if [ "$WARM" = 1 ]; then
    find "$CORPUS" -type f -print0 | xargs -0 cat > /dev/null
fi

: > "$OUT/subject-stderr.log"
TIMEFILE="$OUT/subject-time.txt"
# measure NAME CMD...: runs CMD (stdout to $OUT/subject-NAME.out), prints
# "NAME exit wall-seconds peak-rss-kB" (rss "-" without /usr/bin/time).
measure() {
    local name=$1; shift
    local rc=0 wall rss
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v -o "$TIMEFILE" "$@" > "$OUT/subject-$name.out" 2>>"$OUT/subject-stderr.log" || rc=$?
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TIMEFILE")
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TIMEFILE")
    else
        local t0 t1
        t0=$(date +%s.%N)
        "$@" > "$OUT/subject-$name.out" 2>>"$OUT/subject-stderr.log" || rc=$?
        t1=$(date +%s.%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
        rss=-
    fi
    echo "$name $rc $wall $rss"
}

# shellcheck disable=SC2086
run_scan() { measure scan "$TRAWL" scan "$CORPUS" --count --no-progress $EXTRA_ARGS; }
# shellcheck disable=SC2086
run_subject() {
    rm -f "$RESULTS"
    measure subject "$TRAWL" subject "$CORPUS" --profile "$PROFILE_FILE" --format jsonl \
        --no-progress -o "$RESULTS" $EXTRA_ARGS
}

RUNLOG="$OUT/subject-runs.txt"
: > "$RUNLOG"
for r in $(seq "$RUNS"); do
    run_scan | tee -a "$RUNLOG" >&2
    run_subject | tee -a "$RUNLOG" >&2
done

python3 - "$RUNLOG" "$bytes" "$files" "$CORPUS" "$TRAWL" "$SUBJECT" "$RESULTS" "$EXTRA_ARGS" "$OUT/subject-stderr.log" > "$OUT/subject.md" <<'PY'
import datetime, json, os, subprocess, sys

runlog, nbytes, nfiles, corpus, trawl, subject, results, extra, errlog = sys.argv[1:]
nbytes, nfiles = int(nbytes), int(nfiles)
runs = {}
for line in open(runlog):
    name, rc, wall, rss = line.split()
    runs.setdefault(name, []).append((int(rc), float(wall or 0), rss))
try:
    version = subprocess.run([trawl, "--version"], capture_output=True, text=True).stdout.strip()
except OSError:
    version = "?"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print("# trawl subject against trawl scan --count")
print()
print(f"{trawl} ({version}); {os.cpu_count()} CPUs, {cpu}; {datetime.date.today()}.")
print(f"Corpus: {corpus}: {nfiles} files, {nbytes / 1e6:.1f} MB (benches/make_mixed_corpus.py "
      f"plus fixtures/subjects/docs in planted-subjects/). Profile: {subject}."
      + (f" Extra arguments: {extra}." if extra.strip() else ""))
print(f"Best of {max(len(v) for v in runs.values())} run(s) by wall time; MB = 10^6 bytes; "
      "peak RSS from /usr/bin/time.")
print()
print("| command | exit | seconds | MB/s | peak RSS MB |")
print("|---------|-----:|--------:|-----:|------------:|")
failed = []
for name, cmd in (("scan", "trawl scan CORPUS --count --no-progress"),
                  ("subject", "trawl subject CORPUS --profile ... --format jsonl --no-progress -o FILE")):
    if name not in runs:
        continue
    rc, wall, rss = min(runs[name], key=lambda t: t[1])
    ok = rc in (0, 1, 2)
    if not ok:
        failed.append(name)
    mbps = f"{nbytes / 1e6 / wall:.1f}" if ok and wall > 0 else "failed"
    rss_mb = f"{int(rss) / 1024:.0f}" if rss not in ("-", "") else "-"
    print(f"| `{cmd}` | {rc} | {wall:.2f} | {mbps} | {rss_mb} |")
print()
if os.path.exists(results):
    tiers, planted, summary = {}, {}, None
    for line in open(results):
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("type") == "result":
            tiers[o.get("tier")] = tiers.get(o.get("tier"), 0) + 1
            if "planted-subjects/" in o.get("path", ""):
                planted[o.get("tier")] = planted.get(o.get("tier"), 0) + 1
        elif o.get("type") == "summary":
            summary = o
    fmt = lambda d: ", ".join(f"{t} {d.get(t, 0)}" for t in ("strong", "medium", "weak"))
    print(f"Subject results: {sum(tiers.values())} ({fmt(tiers)}); "
          f"in planted-subjects/: {sum(planted.values())} ({fmt(planted)}).")
    if summary:
        print(f"Summary: files searched {summary.get('files_searched')}, unreadable {summary.get('unreadable')}.")
if failed:
    tail = open(errlog, errors="replace").read().strip().splitlines()[-5:]
    print()
    print(f"FAILED: {', '.join(failed)} (last lines of {errlog}):")
    print()
    for l in tail:
        print(f"    {l}")
PY
cat "$OUT/subject.md"
echo
echo "report: $OUT/subject.md"
if grep -q '^FAILED' "$OUT/subject.md"; then exit 1; fi

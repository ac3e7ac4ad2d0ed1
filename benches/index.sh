#!/usr/bin/env bash
# The index on a generated shared-drive estate (issue 6, "Evidence to
# show"): time and peak memory of a first `trawl index update`, of an update
# with nothing changed, of an update after changing 1% of the files, and of
# a subject search from the index (with and without --verify) against a
# direct `trawl subject` of the same estate, with the documents each finds.
#
#   benches/index.sh                            # 100,000 files in /tmp/trawl-estate-100k
#   FILES=20000 benches/index.sh                # 20,000 files in /tmp/trawl-estate-20000
#   TRAWL=/path/to/trawl benches/index.sh       # use that binary, skip the build
#   ESTATE=/data/estate REGEN=1 OUT=/tmp/ib benches/index.sh
#   FRACTION=0.05 SEED2=3 benches/index.sh      # change 5% instead, another choice
#   EXTRA_ARGS="--threads 2" benches/index.sh   # more options for every trawl command
#
# The estate (benches/make_estate.py --files FILES --seed SEED: Department/
# Team/Year/case folders of small .txt, .csv, .eml and .md files, about 2 KB
# each, with fixtures/subjects/docs planted in ESTATE/planted/) is made when
# absent, when its manifest ESTATE.json shows other FILES or SEED, when an
# earlier run changed it (ESTATE.changed exists), or with REGEN=1. Its files
# are read once before timing (WARM=0 skips that), so the first update is
# measured with a warm page cache: it times hashing and matching, not the
# disk. The steps, in order, on a fresh database DB (default $OUT/estate.db,
# removed with its key file first):
#
#   a. trawl index update ESTATE --db DB --no-progress     (first update)
#   b. the same again, nothing changed                     (stat only)
#   c. make_estate.py --change FRACTION --seed2 SEED2      (default 1%: rewrites
#      1% of the files, touches another 1% (mtime only), deletes 0.1%, adds
#      0.1%; planted/ is never changed), then the same update again;
#      `trawl index info --db DB` after each update
#   d. trawl subject --db DB --profile P --format jsonl -o F            (index only)
#      trawl subject --db DB --verify --profile P --format jsonl -o F   (index, verified)
#      trawl subject ESTATE --profile P --format jsonl -o F             (direct)
#      P = fixtures/subjects/profiles/$SUBJECT.toml (default smith-robert)
#
# and then compares the documents found: the set of `path` values of the
# JSONL lines whose "type" is "result" (src/subject/score.rs SubjectResult,
# written by src/subject/schedule.rs), paths taken relative to ESTATE. The
# direct search and --verify must find the same documents; the index-only
# search must find every document the direct one finds (a superset).
#
# Wall time and peak RSS come from /usr/bin/time -v when it is installed
# (else wall time from `date`, without RSS). Exit codes 0, 1 (nothing found)
# and 2 (some files unreadable) of trawl count as success. Each command's
# output and messages go to $OUT/<step>.out and $OUT/<step>.err (OUT default
# /tmp/index-bench); the summary table is printed and written to
# $OUT/index-bench.md. The script exits 1 when a step failed, the index
# commands are missing from the binary, or a comparison does not hold.
# Disk: 100,000 files take about 200 MB of data (400 MB allocated, 4 KB
# blocks) plus the database.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-100000}
SEED=${SEED:-1}
SEED2=${SEED2:-2}
FRACTION=${FRACTION:-0.01}
SUBJECT=${SUBJECT:-smith-robert}
WARM=${WARM:-1}
EXTRA_ARGS=${EXTRA_ARGS:-}
TARGET=${CARGO_TARGET_DIR:-target}
if [ "$FILES" = 100000 ]; then default_estate=/tmp/trawl-estate-100k; else default_estate=/tmp/trawl-estate-$FILES; fi
ESTATE=${ESTATE:-$default_estate}
OUT=${OUT:-/tmp/index-bench}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
DB=${DB:-$OUT/estate.db}
PROFILE_FILE="fixtures/subjects/profiles/$SUBJECT.toml"
[ -f "$PROFILE_FILE" ] || { echo "no profile $PROFILE_FILE" >&2; exit 1; }

if [ -n "${TRAWL:-}" ]; then
    [ -x "$TRAWL" ] || { echo "TRAWL=$TRAWL is not an executable" >&2; exit 1; }
else
    cargo build --release --quiet
    TRAWL="$TARGET/release/trawl"
fi

# --- the estate -------------------------------------------------------------
MANIFEST="$ESTATE.json"
manifest_ok() {
    [ -d "$ESTATE" ] && [ -f "$MANIFEST" ] && [ ! -e "$ESTATE.changed" ] &&
        python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
sys.exit(0 if (m["files"], m["seed"]) == (int(sys.argv[2]), int(sys.argv[3])) else 1)' "$MANIFEST" "$FILES" "$SEED"
}
if [ "${REGEN:-0}" = 1 ] || ! manifest_ok; then
    echo "generating $ESTATE ($FILES files, seed $SEED)" >&2
    rm -rf "$ESTATE" "$MANIFEST" "$ESTATE.changed"
    python3 benches/make_estate.py --out "$ESTATE" --files "$FILES" --seed "$SEED" > "$MANIFEST.tmp"
    mv "$MANIFEST.tmp" "$MANIFEST"
else
    echo "reusing $ESTATE ($MANIFEST)" >&2
fi
ESTATE=$(cd "$ESTATE" && pwd)
if [ "$WARM" = 1 ]; then
    find "$ESTATE" -type f -print0 | xargs -0 cat > /dev/null
fi

# --- does this binary have the index? ----------------------------------------
HAVE_INDEX=1
if ! "$TRAWL" index --help > /dev/null 2>&1; then
    HAVE_INDEX=0
    echo "ERROR: $TRAWL has no 'index' subcommand (\`trawl index --help\` fails):" \
        "the index steps (a, b, c and the --db searches) are NOT run" >&2
elif ! "$TRAWL" subject --help 2>/dev/null | grep -q -- '--db'; then
    echo "ERROR: \`trawl subject\` has no --db option: the searches from the index will fail" >&2
fi

TIMEFILE="$OUT/time.txt"
RUNLOG="$OUT/runs.txt"
: > "$RUNLOG"
# measure STEP CMD...: runs CMD (stdout to $OUT/STEP.out, stderr to
# $OUT/STEP.err) and appends "STEP exit wall-seconds peak-rss-kB" to $RUNLOG
# (rss "-" without /usr/bin/time).
measure() {
    local name=$1; shift
    local rc=0 wall rss
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v -o "$TIMEFILE" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || rc=$?
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TIMEFILE")
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TIMEFILE")
    else
        local t0 t1
        t0=$(date +%s.%N)
        "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || rc=$?
        t1=$(date +%s.%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
        rss=-
    fi
    echo "$name $rc ${wall:-0} ${rss:--}" | tee -a "$RUNLOG" >&2
}
info() {  # info N: `trawl index info` into $OUT/info-N.txt, shown on stderr
    "$TRAWL" index info --db "$DB" > "$OUT/info-$1.txt" 2>&1 || echo "(trawl index info: exit $?)" >> "$OUT/info-$1.txt"
    sed 's/^/    /' "$OUT/info-$1.txt" >&2
}

rm -f "$OUT"/subject-*.jsonl "$OUT/change.json" "$OUT"/info-*.txt
# shellcheck disable=SC2086
if [ "$HAVE_INDEX" = 1 ]; then
    rm -f "$DB" "$DB.key" "$DB-wal" "$DB-shm" "$DB-journal" "$DB.lock"
    echo "a. first update" >&2
    measure update-first "$TRAWL" index update "$ESTATE" --db "$DB" --no-progress $EXTRA_ARGS
    info 1
    echo "b. update, nothing changed" >&2
    measure update-unchanged "$TRAWL" index update "$ESTATE" --db "$DB" --no-progress $EXTRA_ARGS
    info 2
fi
echo "c. change $FRACTION of the files (seed2 $SEED2)" >&2
touch "$ESTATE.changed"  # the next run regenerates the estate
python3 benches/make_estate.py --out "$ESTATE" --change "$FRACTION" --seed2 "$SEED2" > "$OUT/change.json"
cat "$OUT/change.json" >&2
# shellcheck disable=SC2086
if [ "$HAVE_INDEX" = 1 ]; then
    measure update-changed "$TRAWL" index update "$ESTATE" --db "$DB" --no-progress $EXTRA_ARGS
    info 3
    echo "d. subject searches" >&2
    measure subject-index "$TRAWL" subject --db "$DB" --profile "$PROFILE_FILE" --format jsonl \
        --no-progress -o "$OUT/subject-index.jsonl" $EXTRA_ARGS
    measure subject-verify "$TRAWL" subject --db "$DB" --verify --profile "$PROFILE_FILE" --format jsonl \
        --no-progress -o "$OUT/subject-verify.jsonl" $EXTRA_ARGS
else
    echo "d. subject search (direct only)" >&2
fi
# shellcheck disable=SC2086
measure subject-direct "$TRAWL" subject "$ESTATE" --profile "$PROFILE_FILE" --format jsonl \
    --no-progress -o "$OUT/subject-direct.jsonl" $EXTRA_ARGS

rc=0
python3 - "$OUT" "$ESTATE" "$MANIFEST" "$TRAWL" "$HAVE_INDEX" "$DB" "$SUBJECT" "$EXTRA_ARGS" \
    > "$OUT/index-bench.md" <<'PY' || rc=$?
import datetime, json, os, subprocess, sys

out, estate, manifest, trawl, have_index, db, subject, extra = sys.argv[1:]
have_index = have_index == "1"
man = json.load(open(manifest))
runs = {}
for line in open(os.path.join(out, "runs.txt")):
    name, rc, wall, rss = line.split()
    runs[name] = (int(rc), float(wall), rss)
try:
    version = subprocess.run([trawl, "--version"], capture_output=True, text=True).stdout.strip()
except OSError:
    version = "?"
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
chg = json.load(open(os.path.join(out, "change.json")))
after = chg["files_after"] + man["planted"]  # the change leaves planted/ alone
bad = []


def rel(p):
    a = os.path.abspath(p)
    return os.path.relpath(a, estate) if a == estate or a.startswith(estate + os.sep) else p


def results(name):
    """(set of documents, result lines, tiers, summary) or None."""
    path = os.path.join(out, f"subject-{name}.jsonl")
    if not os.path.exists(path):
        return None
    docs, n, tiers, summary = set(), 0, {}, None
    for line in open(path, encoding="utf-8"):
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("type") == "result":
            n += 1
            docs.add(rel(o["path"]))
            tiers[o.get("tier")] = tiers.get(o.get("tier"), 0) + 1
        elif o.get("type") == "summary":
            summary = o
    return docs, n, tiers, summary


def size_mb(p):
    return sum(os.path.getsize(x) for x in (p, p + "-wal") if os.path.exists(x)) / 1e6


print("# trawl index: update and subject search on a generated estate")
print()
print(f"{trawl} ({version}); {os.cpu_count()} CPUs, {cpu}; {datetime.date.today()}.")
print(f"Estate: {estate}: {man['files']:,} files ({man['planted']} planted in {man['planted_dir']}/), "
      f"{man['bytes'] / 1e6:.1f} MB in {man['folders']:,} folders, by kind {man['by_kind']} "
      f"(benches/make_estate.py --files {man['files']} --seed {man['seed']}, "
      f"generated in {man['seconds']} s). Profile: {subject}."
      + (f" Extra arguments: {extra}." if extra.strip() else ""))
print(f"Change (step c): {chg['rewritten']:,} rewritten, {chg['touched']:,} touched (mtime only), "
      f"{chg['deleted']:,} deleted, {chg['added']:,} added (--change {chg['fraction']} --seed2 {chg['seed2']}); "
      f"{after:,} files after.")
print("Page cache warm; peak RSS from /usr/bin/time; MB = 10^6 bytes.")
print()
print("| step | command | exit | seconds | files/s | peak RSS MB |")
print("|------|---------|-----:|--------:|--------:|------------:|")
steps = [
    ("update-first", "a. first update", "trawl index update ESTATE --db DB", man["files"]),
    ("update-unchanged", "b. nothing changed", "trawl index update ESTATE --db DB", man["files"]),
    ("update-changed", f"c. after changing {chg['fraction']:g}", "trawl index update ESTATE --db DB", after),
    ("subject-index", "d. subject, index only", "trawl subject --db DB --profile P", None),
    ("subject-verify", "d. subject, index --verify", "trawl subject --db DB --verify --profile P", None),
    ("subject-direct", "d. subject, direct", "trawl subject ESTATE --profile P", after),
]
for key, label, cmd, nfiles in steps:
    if key not in runs:
        print(f"| {label} | `{cmd}` | - | not run | - | - |")
        if key != "subject-direct":
            bad.append(f"{label}: not run")
        continue
    rc, wall, rss = runs[key]
    ok = rc in (0, 1, 2)
    if not ok:
        bad.append(f"{label}: exit {rc} (see {out}/{key}.err)")
    rate = f"{nfiles / wall:,.0f}" if ok and nfiles and wall > 0 else "-"
    rss_mb = f"{int(rss) / 1024:.0f}" if rss not in ("-", "") else "-"
    print(f"| {label} | `{cmd}` | {rc} | {wall:.2f} | {rate} | {rss_mb} |")
print()
if not have_index:
    print("**The index steps were not run: this trawl has no `index` subcommand.**")
    print()
if os.path.exists(db):
    print(f"Database: {size_mb(db):.1f} MB ({db}, with its -wal file if any).")
    print()
for n, label in ((1, "after the first update"), (2, "after the unchanged update"), (3, "after the change")):
    p = os.path.join(out, f"info-{n}.txt")
    if os.path.exists(p):
        print(f"`trawl index info` {label}:")
        print()
        for l in open(p, errors="replace").read().rstrip().splitlines():
            print(f"    {l}")
        print()

res = {k: results(k) for k in ("index", "verify", "direct")}
fmt = lambda t: ", ".join(f"{x} {t.get(x, 0)}" for x in ("strong", "medium", "weak"))
print("| search | results | documents | in planted/ | tiers | files searched |")
print("|--------|--------:|----------:|------------:|-------|---------------:|")
for k in ("index", "verify", "direct"):
    if res[k] is None:
        print(f"| {k} | - | - | - | - | - |")
        continue
    docs, n, tiers, summ = res[k]
    planted = sum(1 for d in docs if d.startswith("planted" + os.sep))
    print(f"| {k} | {n} | {len(docs)} | {planted} | {fmt(tiers)} | "
          f"{(summ or {}).get('files_searched', '-')} |")
print()


def compare(a, b, want):
    """a, b: keys; want 'equal' or 'superset' (a holds all of b)."""
    if res[a] is None or res[b] is None:
        print(f"- {a} vs {b}: not compared (no output)")
        bad.append(f"{a} vs {b}: not compared")
        return
    da, db_ = res[a][0], res[b][0]
    only_a, only_b = sorted(da - db_), sorted(db_ - da)
    ok = (not only_a and not only_b) if want == "equal" else not only_b
    print(f"- {a} vs {b} (want {'the same documents' if want == 'equal' else a + ' a superset'}): "
          f"{len(da & db_)} in both, {len(only_a)} only in {a}, {len(only_b)} only in {b}: "
          f"{'OK' if ok else 'FAILED'}")
    for p in (only_b if want == "superset" else only_a + only_b)[:10]:
        print(f"    - {p}")
    if not ok:
        bad.append(f"{a} vs {b}: {want} does not hold")


print("Documents found (set of `path` of the result lines, relative to ESTATE):")
print()
compare("verify", "direct", "equal")
compare("index", "direct", "superset")
print()
if bad:
    print("FAILED:")
    print()
    for b in bad:
        print(f"- {b}")
    sys.exit(1)
PY
cat "$OUT/index-bench.md"
echo
echo "report: $OUT/index-bench.md"
exit "$rc"

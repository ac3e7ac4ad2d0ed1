#!/usr/bin/env python3
"""Scores `trawl subject` against the labelled set in fixtures/subjects/.

    python3 benches/subject_eval.py                     # every profile, readable table
    python3 benches/subject_eval.py --json              # the same as one JSON object
    python3 benches/subject_eval.py --bin path/to/trawl --subject smith-robert
    python3 benches/subject_eval.py -- --fuzzy          # arguments after -- go to trawl
    python3 benches/subject_eval.py --results DIR       # score DIR/<id>.jsonl, do not run trawl

For each profile fixtures/subjects/profiles/<id>.toml it runs, from the
repository root,

    trawl subject fixtures/subjects --profile fixtures/subjects/profiles/<id>.toml \
        --format jsonl --no-progress [extra arguments]

reads the result lines ({"type":"result", ...}) and matches each to
fixtures/subjects/labels.tsv by (path, container joined with " > ", row).
A result with no label for that subject is not about the subject. Results
outside fixtures/subjects/docs/ (the profiles, labels and README, which a
.trawlignore leaves out) are counted and otherwise ignored.

Per subject and overall it prints:

* recall of `strong` labels: found in any tier, and found in the strong tier;
* recall of `name-only` labels, found in any tier;
* precision of the strong tier: strong-tier results labelled `strong` or
  `name-only` for that subject, over all strong-tier results;
* every distractor's tier and rank (or "-" when not reported), against the
  rank of the lowest-ranked true result;
* every miss, every true result below the strong tier that is labelled
  `strong`, and every false strong (a strong-tier result that is a
  distractor or unlabelled).

Exit code: 0 when every `strong` label is found (in any tier), 1 when one is
missed, 2 when trawl could not be run or failed (its exit code 3, or no
summary line). Standard library only.
"""

import argparse
import csv
import glob
import json
import os
import subprocess
import sys

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TIERS = ["strong", "medium", "weak"]
TRUE = ("strong", "name-only")


def default_bin():
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    return os.path.join(target, "release", "trawl")


def norm_path(p):
    p = os.path.normpath(p)
    return p[2:] if p.startswith("./") else p


def key_of(path, container, row):
    return (norm_path(path), container, "" if row in (None, "") else str(int(row)))


def fmt_key(k):
    path, container, row = k
    s = path
    if container:
        s += f" [{container}]"
    if row:
        s += f" row {row}"
    return s


def load_labels(path):
    labels = {}
    with open(path, newline="", encoding="utf-8") as f:
        for rec in csv.DictReader(f, delimiter="\t"):
            k = key_of(rec["path"], rec["container"], rec["row"])
            labels.setdefault(rec["subject"], {})[k] = rec["label"]
    return labels


def run_trawl(binary, root, sid, extra):
    cmd = [binary, "subject", root, "--profile", f"{root}/profiles/{sid}.toml",
           "--format", "jsonl", "--no-progress"] + extra
    try:
        p = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    except OSError as e:
        return None, f"cannot run {binary}: {e}", cmd
    if p.returncode not in (0, 1, 2):
        return None, f"exit code {p.returncode}: {p.stderr.strip()[-2000:]}", cmd
    return p.stdout, None, cmd


def parse(text):
    results, summary, bad = [], None, 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            bad += 1
            continue
        if obj.get("type") == "result":
            results.append(obj)
        elif obj.get("type") == "summary":
            summary = obj
    return results, summary, bad


def pct(n, d):
    return None if d == 0 else 100.0 * n / d


def score(sid, labels, results, docs_prefix):
    """labels: {key: label} for this subject; results: JSONL result objects."""
    found, dup, outside = {}, [], 0
    for i, r in enumerate(results):
        path = norm_path(r.get("path", ""))
        if not path.startswith(docs_prefix):
            outside += 1
            continue
        k = key_of(path, " > ".join(r.get("container") or []), r.get("row"))
        rank = r.get("rank") or (i + 1)
        entry = {"rank": rank, "tier": r.get("tier"), "score": r.get("score"),
                 "identifiers": r.get("identifiers", []), "why": r.get("why", "")}
        if k in found:
            dup.append(fmt_key(k))
            continue
        found[k] = entry
    strong = [k for k, v in labels.items() if v == "strong"]
    name_only = [k for k, v in labels.items() if v == "name-only"]
    distractors = [k for k, v in labels.items() if v == "distractor"]
    strong_any = [k for k in strong if k in found]
    strong_tier = [k for k in strong_any if found[k]["tier"] == "strong"]
    name_any = [k for k in name_only if k in found]
    s_results = [k for k, e in found.items() if e["tier"] == "strong"]
    s_true = [k for k in s_results if labels.get(k) in TRUE]
    true_ranks = [found[k]["rank"] for k in found if labels.get(k) in TRUE]
    lowest_true = max(true_ranks) if true_ranks else None

    def item(k, **extra):
        d = {"path": k[0], "container": k[1], "row": k[2], "label": labels.get(k, "")}
        if k in found:
            d.update(rank=found[k]["rank"], tier=found[k]["tier"], score=found[k]["score"],
                     identifiers=found[k]["identifiers"], why=found[k]["why"])
        d.update(extra)
        return d

    dist = []
    for k in sorted(distractors, key=lambda k: (found[k]["rank"] if k in found else 10**9, k)):
        d = item(k)
        d["above_lowest_true"] = bool(k in found and lowest_true is not None
                                      and found[k]["rank"] < lowest_true)
        dist.append(d)
    by_tier = {t: sum(1 for e in found.values() if e["tier"] == t) for t in TIERS}
    unlabelled = {t: sum(1 for k, e in found.items() if e["tier"] == t and k not in labels)
                  for t in TIERS}
    return {
        "subject": sid,
        "results": len(results),
        "results_outside_docs": outside,
        "duplicate_results": dup,
        "by_tier": by_tier,
        "unlabelled_by_tier": unlabelled,
        "strong_labels": len(strong),
        "strong_found": len(strong_any),
        "strong_found_in_strong_tier": len(strong_tier),
        "name_only_labels": len(name_only),
        "name_only_found": len(name_any),
        "strong_tier_results": len(s_results),
        "strong_tier_true": len(s_true),
        "strong_recall": pct(len(strong_any), len(strong)),
        "strong_tier_recall": pct(len(strong_tier), len(strong)),
        "name_only_recall": pct(len(name_any), len(name_only)),
        "strong_tier_precision": pct(len(s_true), len(s_results)),
        "lowest_true_rank": lowest_true,
        "distractors": dist,
        "misses": [item(k) for k in sorted(strong + name_only) if k not in found],
        "strong_below_strong_tier": [item(k) for k in sorted(strong_any) if k not in strong_tier],
        "false_strong": [item(k) for k in sorted(s_results, key=lambda k: found[k]["rank"])
                         if labels.get(k) not in TRUE],
    }


def overall(subjects):
    tot = {k: sum(s[k] for s in subjects) for k in (
        "results", "strong_labels", "strong_found", "strong_found_in_strong_tier",
        "name_only_labels", "name_only_found", "strong_tier_results", "strong_tier_true")}
    dist = [d for s in subjects for d in s["distractors"]]
    tot.update(
        strong_recall=pct(tot["strong_found"], tot["strong_labels"]),
        strong_tier_recall=pct(tot["strong_found_in_strong_tier"], tot["strong_labels"]),
        name_only_recall=pct(tot["name_only_found"], tot["name_only_labels"]),
        strong_tier_precision=pct(tot["strong_tier_true"], tot["strong_tier_results"]),
        distractors=len(dist),
        distractors_reported=sum(1 for d in dist if "tier" in d),
        distractors_strong=sum(1 for d in dist if d.get("tier") == "strong"),
        distractors_above_lowest_true=sum(1 for d in dist if d["above_lowest_true"]),
        misses=sum(len(s["misses"]) for s in subjects),
        false_strong=sum(len(s["false_strong"]) for s in subjects),
    )
    return tot


def ratio(n, d):
    if d == 0:
        return "-"
    return f"{n}/{d} {100.0 * n / d:.0f}%"


def print_table(subjects, tot, errors, out):
    w = out.write
    cols = ["subject", "strong found", "in strong tier", "name-only found",
            "strong-tier precision", "distractors strong/reported/all", "lowest true rank", "results s/m/w"]
    rows = []
    for s in subjects:
        d = s["distractors"]
        rows.append([
            s["subject"],
            ratio(s["strong_found"], s["strong_labels"]),
            ratio(s["strong_found_in_strong_tier"], s["strong_labels"]),
            ratio(s["name_only_found"], s["name_only_labels"]),
            ratio(s["strong_tier_true"], s["strong_tier_results"]),
            f"{sum(1 for x in d if x.get('tier') == 'strong')}/{sum(1 for x in d if 'tier' in x)}/{len(d)}",
            str(s["lowest_true_rank"] or "-"),
            "/".join(str(s["by_tier"][t]) for t in TIERS),
        ])
    if subjects:
        rows.append([
            "OVERALL",
            ratio(tot["strong_found"], tot["strong_labels"]),
            ratio(tot["strong_found_in_strong_tier"], tot["strong_labels"]),
            ratio(tot["name_only_found"], tot["name_only_labels"]),
            ratio(tot["strong_tier_true"], tot["strong_tier_results"]),
            f"{tot['distractors_strong']}/{tot['distractors_reported']}/{tot['distractors']}",
            "",
            "/".join(str(sum(s["by_tier"][t] for s in subjects)) for t in TIERS),
        ])
    widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(cols)]
    line = lambda r: "  ".join(v.ljust(widths[i]) if i == 0 else v.rjust(widths[i]) for i, v in enumerate(r))
    w(line(cols) + "\n")
    w("  ".join("-" * x for x in widths) + "\n")
    for i, r in enumerate(rows):
        if r[0] == "OVERALL":
            w("  ".join("-" * x for x in widths) + "\n")
        w(line(r) + "\n")

    def show(d):
        s = fmt_key((d["path"], d["container"], d["row"]))
        if "tier" in d:
            s += f"  -> {d['tier']} #{d['rank']}"
            if d.get("identifiers"):
                s += f" ({', '.join(d['identifiers'])})"
        return s

    for s in subjects:
        w(f"\n== {s['subject']}: {s['results']} results")
        if s["results_outside_docs"]:
            w(f", {s['results_outside_docs']} outside docs/ ignored")
        w(f"; lowest-ranked true result #{s['lowest_true_rank'] or '-'}\n")
        for d in s["distractors"]:
            if "tier" in d:
                flag = "  FALSE STRONG" if d["tier"] == "strong" else ""
                flag += "  ranked above a true result" if d["above_lowest_true"] else ""
                w(f"  distractor {show(d)}{flag}\n")
            else:
                w(f"  distractor {show(d)}  -> not reported\n")
        for d in s["misses"]:
            w(f"  MISS ({d['label']}) {show(d)}\n")
        for d in s["strong_below_strong_tier"]:
            w(f"  strong label below the strong tier: {show(d)}\n")
        for d in s["false_strong"]:
            what = "distractor" if d["label"] == "distractor" else "unlabelled"
            w(f"  FALSE STRONG ({what}) {show(d)}\n")
        if s["duplicate_results"]:
            w(f"  duplicate results for: {'; '.join(s['duplicate_results'])}\n")
        unl = s["unlabelled_by_tier"]
        if unl["medium"] or unl["weak"]:
            w(f"  unlabelled results: {unl['medium']} medium, {unl['weak']} weak\n")
    for sid, msg, _ in errors:
        w(f"\nERROR {sid}: {msg}\n")
    if subjects:
        ok = tot["strong_found"] == tot["strong_labels"]
        w(f"\nstrong-label recall {ratio(tot['strong_found'], tot['strong_labels'])} (any tier): "
          f"{'OK' if ok else 'FAIL'}; {tot['misses']} misses, {tot['false_strong']} false strong, "
          f"{tot['distractors_above_lowest_true']} distractors ranked above a true result\n")


def main():
    argv = sys.argv[1:]
    passthrough = []
    if "--" in argv:
        i = argv.index("--")
        argv, passthrough = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Unknown options and everything after -- are passed to `trawl subject`.")
    ap.add_argument("--bin", default=default_bin(),
                    help="the trawl binary, relative to the repository root or absolute "
                         "(default: $CARGO_TARGET_DIR/release/trawl or target/release/trawl)")
    ap.add_argument("--root", default="fixtures/subjects",
                    help="the evaluation set, relative to the repository root (default: %(default)s)")
    ap.add_argument("--labels", help="labels file (default: ROOT/labels.tsv)")
    ap.add_argument("--subject", action="append", help="only this profile id (repeatable)")
    ap.add_argument("--results", metavar="DIR",
                    help="score DIR/<id>.jsonl instead of running trawl")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args, unknown = ap.parse_known_args(argv)
    extra = unknown + passthrough
    root = args.root.rstrip("/")
    labels = load_labels(os.path.join(REPO, args.labels or f"{root}/labels.tsv"))
    ids = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(REPO, root, "profiles", "*.toml")))
    if args.subject:
        unknown_ids = [s for s in args.subject if s not in ids]
        if unknown_ids:
            ap.error(f"no profile for {', '.join(unknown_ids)} (have: {', '.join(ids)})")
        ids = [s for s in ids if s in args.subject]
    binary = args.bin if os.path.isabs(args.bin) else os.path.join(REPO, args.bin)

    subjects, errors = [], []  # errors: (subject, message, fatal)
    for sid in ids:
        if args.results:
            path = os.path.join(args.results, f"{sid}.jsonl")
            if not os.path.exists(path):
                errors.append((sid, f"no {path}", True))
                continue
            text, err, cmd = open(path, encoding="utf-8").read(), None, ["(file)", path]
        else:
            text, err, cmd = run_trawl(binary, root, sid, extra)
        if err:
            errors.append((sid, err, True))
            continue
        results, summary, bad = parse(text)
        if summary is None and not args.results:
            errors.append((sid, "no summary line in trawl's output", True))
        if bad:
            errors.append((sid, f"{bad} lines of output were not JSON", False))
        s = score(sid, labels.get(sid, {}), results, root + "/docs/")
        s["command"] = " ".join(cmd)
        s["summary"] = summary
        subjects.append(s)
    tot = overall(subjects)
    failed_run = any(fatal for _, _, fatal in errors)
    ok = bool(subjects) and not failed_run and tot["strong_found"] == tot["strong_labels"]
    if args.json:
        json.dump({"ok": ok, "overall": tot, "subjects": subjects,
                   "errors": [{"subject": s, "error": m} for s, m, _ in errors]},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_table(subjects, tot, errors, sys.stdout)
    if failed_run:
        sys.exit(2)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

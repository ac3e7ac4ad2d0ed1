#!/usr/bin/env python3
"""Self-check for the category lexicons in this directory.

Loads every *.toml file next to this script and exits 1, printing
`file: lexicon id: problem` for each problem found, on:

- unknown keys in a [[lexicon]] or [[lexicon.group]] table;
- missing or mistyped required keys (id, description, categories,
  confidence, terms);
- lexicon ids that are not snake_case ending in `_term`, or that repeat;
- category ids (in `categories` or `also`) not defined in ../categories.toml;
- empty term lists (plain or group) and empty/blank terms;
- upper-case letters in terms of groups that are not `case_sensitive`;
- terms shorter than 3 characters outside a group with `near` or
  `case_sensitive`;
- terms that do not begin and end with a letter or digit (whole-word
  matching cannot find them reliably), or that hold doubled/edge spaces;
- the same term twice in one lexicon, or in two lexicons when none of its
  occurrences sits in a group with `also` (the way to give a term a second
  category is one group with `also`, not a second lexicon);
- `window` not an integer in 1..=256;
- `near`/`not_near`/`not_followed_by`/`not_preceded_by` words that are not
  lower case, `not_followed_by`/`not_preceded_by` entries with spaces;
- negation words in `not_near` (DOMAIN.md 2.1: a negated statement is
  still data in its category) and the term "reading" (a place name,
  DOMAIN.md 2.4, kept out of every lexicon).

Python 3.11+ standard library only. Usage: python3 check.py [--stats]
"""

import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATEGORIES = HERE.parent / "categories.toml"

LEXICON_KEYS = {"id", "description", "categories", "confidence", "window", "terms", "group", "examples"}
GROUP_KEYS = {
    "terms", "near", "not_near", "not_followed_by", "not_preceded_by",
    "case_sensitive", "confidence", "also",
}
CONFIDENCES = {"low", "medium", "high"}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*_term$")
NEGATIONS = {"no", "not", "nil", "none", "never", "denies", "denied", "negative", "without"}
BANNED_TERMS = {"reading"}
MAX_WINDOW = 256
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(s):
    """Case-fold as the matcher does: ASCII letters only (aho-corasick's
    ascii_case_insensitive), so "É" and "é" stay distinct."""
    return s.translate(_ASCII_LOWER)


def load_categories():
    with open(CATEGORIES, "rb") as f:
        data = tomllib.load(f)
    return {c["id"] for c in data.get("category", [])}


def main(argv):
    stats = "--stats" in argv
    problems = []
    categories = load_categories()
    seen_ids = {}
    # case-folded term -> list of (file, lexicon id, exact term, case_sensitive, has_also)
    occurrences = defaultdict(list)
    counts = []

    files = sorted(HERE.glob("*.toml"))
    if not files:
        problems.append(("-", "-", "no lexicon files found"))

    for path in files:
        fname = path.name

        def bad(lid, msg):
            problems.append((fname, lid, msg))

        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            bad("-", f"TOML error: {e}")
            continue

        extra = set(data) - {"lexicon"}
        if extra:
            bad("-", f"unknown top-level key(s): {sorted(extra)}")
        lexicons = data.get("lexicon")
        if not isinstance(lexicons, list) or not lexicons:
            bad("-", "no [[lexicon]] tables")
            continue

        for lex in lexicons:
            lid = lex.get("id", "<no id>")
            unknown = set(lex) - LEXICON_KEYS
            if unknown:
                bad(lid, f"unknown key(s): {sorted(unknown)}")
            for key in ("id", "description", "categories", "confidence", "terms"):
                if key not in lex:
                    bad(lid, f"missing key '{key}'")
            if not isinstance(lid, str) or not ID_RE.match(lid):
                bad(lid, "id must be snake_case and end with _term")
            elif lid in seen_ids:
                bad(lid, f"id already used in {seen_ids[lid]}")
            else:
                seen_ids[lid] = fname
            if not isinstance(lex.get("description", ""), str) or not lex.get("description", "x").strip():
                bad(lid, "description must be a non-empty string")

            cats = lex.get("categories", [])
            if not isinstance(cats, list) or not cats:
                bad(lid, "categories must be a non-empty list")
                cats = []
            for c in cats:
                if c not in categories:
                    bad(lid, f"unknown category id '{c}'")
            if len(set(cats)) != len(cats):
                bad(lid, "categories repeat")

            conf = lex.get("confidence")
            if conf not in CONFIDENCES:
                bad(lid, f"confidence '{conf}' is not low|medium|high")

            window = lex.get("window", 64)
            if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= MAX_WINDOW:
                bad(lid, f"window {window!r} must be an integer in 1..={MAX_WINDOW}")

            groups = [{"terms": lex.get("terms", []), "_plain": True}]
            raw_groups = lex.get("group", [])
            if not isinstance(raw_groups, list):
                bad(lid, "group must be an array of tables ([[lexicon.group]])")
                raw_groups = []
            groups.extend(raw_groups)

            in_lexicon = {}
            ci_terms = {}  # folded any-case term -> where
            cs_terms = {}  # exact case-sensitive term -> where
            total = 0
            for gi, g in enumerate(groups):
                where = "terms" if g.get("_plain") else f"group {gi}"
                if not g.get("_plain"):
                    unknown = set(g) - GROUP_KEYS
                    if unknown:
                        bad(lid, f"{where}: unknown key(s): {sorted(unknown)}")
                    if "terms" not in g:
                        bad(lid, f"{where}: missing key 'terms'")
                cs = g.get("case_sensitive", False)
                if not isinstance(cs, bool):
                    bad(lid, f"{where}: case_sensitive must be true or false")
                    cs = False
                gconf = g.get("confidence")
                if gconf is not None and gconf not in CONFIDENCES:
                    bad(lid, f"{where}: confidence '{gconf}' is not low|medium|high")
                also = g.get("also", [])
                if not isinstance(also, list):
                    bad(lid, f"{where}: also must be a list")
                    also = []
                for c in also:
                    if c not in categories:
                        bad(lid, f"{where}: unknown category id '{c}' in also")
                    elif c in cats:
                        bad(lid, f"{where}: also repeats the lexicon's category '{c}'")
                near = g.get("near", [])
                for key in ("near", "not_near", "not_followed_by", "not_preceded_by"):
                    words = g.get(key, [])
                    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                        bad(lid, f"{where}: {key} must be a list of non-empty strings")
                        continue
                    if key in g and not words:
                        bad(lid, f"{where}: {key} is empty (omit it instead)")
                    for w in words:
                        if w != w.lower():
                            bad(lid, f"{where}: {key} word '{w}' must be lower case")
                        if w != w.strip() or "  " in w:
                            bad(lid, f"{where}: {key} word '{w}' has stray spaces")
                        if key in ("not_followed_by", "not_preceded_by") and " " in w:
                            bad(lid, f"{where}: {key} entry '{w}' must be one word")
                        if key == "not_near" and w in NEGATIONS:
                            bad(lid, f"{where}: negation '{w}' in not_near (negated statements are still data)")
                    if len(set(words)) != len(words):
                        bad(lid, f"{where}: {key} has repeated words")

                terms = g.get("terms", [])
                if not isinstance(terms, list) or not terms:
                    bad(lid, f"{where}: empty term list")
                    continue
                for t in terms:
                    if not isinstance(t, str) or not t.strip():
                        bad(lid, f"{where}: empty or non-string term {t!r}")
                        continue
                    total += 1
                    if not cs and t != t.lower():
                        bad(lid, f"{where}: term '{t}' has upper case but the group is not case_sensitive")
                    if len(t) < 3 and not (near or cs):
                        bad(lid, f"{where}: term '{t}' is shorter than 3 characters outside a near/case_sensitive group")
                    if t != t.strip() or "  " in t:
                        bad(lid, f"{where}: term '{t}' has stray spaces")
                    if not (t[0].isalnum() and t[-1].isalnum()):
                        bad(lid, f"{where}: term '{t}' must begin and end with a letter or digit")
                    if t.lower() in BANNED_TERMS:
                        bad(lid, f"{where}: term '{t}' is a place name kept out of every lexicon")
                    key = t if cs else fold(t)
                    if key in in_lexicon:
                        bad(lid, f"{where}: term '{t}' repeats ({in_lexicon[key]})")
                    else:
                        in_lexicon[key] = where
                    # A plain (any-case) term makes a case-sensitive spelling
                    # of it in the same lexicon pointless, and vice versa.
                    low = fold(t)
                    if cs:
                        cs_terms[t] = where
                        if low in ci_terms:
                            bad(lid, f"{where}: case-sensitive '{t}' is shadowed by the any-case term '{low}' ({ci_terms[low]})")
                    else:
                        ci_terms[low] = where
                        for other, owhere in cs_terms.items():
                            if fold(other) == low:
                                bad(lid, f"{where}: any-case term '{t}' shadows case-sensitive '{other}' ({owhere})")
                    occurrences[fold(t)].append((fname, lid, t, cs, bool(also)))
            counts.append((fname, lid, total))

    # Cross-lexicon duplicates.
    for low, occ in sorted(occurrences.items()):
        lex_ids = {o[1] for o in occ}
        if len(lex_ids) < 2:
            continue
        if any(o[4] for o in occ):
            continue
        # Two case-sensitive spellings that differ (e.g. "UNITE" vs "Unite")
        # cannot match the same text.
        exact = defaultdict(set)
        for o in occ:
            exact[o[2] if o[3] else None].add(o[1])
        clash = len({o[1] for o in occ if not o[3]}) > 0 or any(len(v) > 1 for k, v in exact.items())
        if not clash:
            continue
        where = ", ".join(sorted(f"{o[0]}:{o[1]}" for o in occ))
        for o in occ:
            problems.append((o[0], o[1], f"term '{o[2]}' is also in another lexicon without `also` ({where})"))

    if stats or not problems:
        width = max((len(c[1]) for c in counts), default=10)
        for fname, lid, n in counts:
            print(f"{lid:<{width}}  {n:>5}  {fname}")
        print(f"{'total':<{width}}  {sum(c[2] for c in counts):>5}  {len(files)} files, {len(counts)} lexicons")

    if problems:
        for fname, lid, msg in problems:
            print(f"{fname}: {lid}: {msg}", file=sys.stderr)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

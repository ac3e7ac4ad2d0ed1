#!/usr/bin/env python3
"""Generates a synthetic shared-drive estate for benches/index.sh, and
changes part of one for the incremental-update measurement.

    python3 benches/make_estate.py --out DIR [--files 100000] [--seed 1] [--jobs N]
    python3 benches/make_estate.py --out DIR --change 0.01 [--seed2 2]

Generate: writes --files files in total under DIR (which must be absent or
empty): a council-style share, Department/Team/Year/case folder (for
example "Housing/Homelessness/2021/HSG-2021-00417 OKAFOR/"), 20 to 200
files per case folder. Mostly small text files: notes .txt (about 55%),
exports .csv (25%, a header and 5 to 50 rows), e-mails .eml (12%, plain
text) and minutes .md (8%); 300 B to 20 KB each, about 2 KB on average, so
100,000 files are about 200 MB. A copy of fixtures/subjects/docs is planted
in DIR/planted/ (37 files, counted in --files) so that a search for
fixtures/subjects/profiles/smith-robert.toml has true results.

Everything is SYNTHETIC: forenames and surnames drawn, by weight, from
patterns/names/forenames.tsv and surnames.tsv (single name parts, never real
pairs); NI numbers that pass the HMRC prefix rules (DOMAIN.md 3.2: no D F I
Q U V, no O second, none of BG GB KN NK NT TN ZZ, and none of the
administrative prefixes OO CR FY MW NC PP PY PZ); postcodes of the right
grammar (3.10); current-format VRMs with issued age identifiers (3.3); NHS
numbers with a correct check digit; phone numbers in the Ofcom drama ranges
(07700 900xxx, 020 7946 0xxx, 0113 496 0xxx, 0161 496 0xxx, 01632 960xxx);
e-mail addresses at example.org/.net/.com; dates of birth with a label;
health and offence wording. Identifier values equal to one in a profile in
fixtures/subjects/profiles (NI number, phone, postcode, VRM, e-mail, date
of birth) are never generated, so the subject's identifiers occur only in
the planted documents (names are drawn freely: other Robert Smiths occur,
as on a real share).

The output depends only on --files and --seed (not on --jobs): the folder
plan comes from a generator seeded with "SEED:plan" and file i's content
and modification time from one seeded with "SEED:i". Standard library only.
Prints a JSON summary (files, bytes, folders, by kind) on standard output.

Change (--change F, on an existing estate, planted/ excepted): of the
files sorted by path, chosen by a generator seeded with "change:SEED2",
rewrites the content of round(F*n) files (new text of the same kind, so
the content hash changes; the modification time becomes now), touches
another round(F*n) (modification time set to now, content unchanged),
deletes round(F*n/10) and adds round(F*n/10) new files ("added SEED2-K.ext"
in existing folders). Prints the counts as JSON on standard output.
"""

import argparse
import bisect
import datetime as dt
import glob
import itertools
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import time

try:
    import tomllib
except ImportError:  # Python < 3.11: no profile exclusions
    tomllib = None

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
NAMES_DIR = os.path.join(ROOT, "patterns", "names")
PLANT_SRC = os.path.join(ROOT, "fixtures", "subjects", "docs")
PROFILES = os.path.join(ROOT, "fixtures", "subjects", "profiles")
PLANT_DIR = "planted"

# ---------------------------------------------------------------------------
# Word lists

DEPARTMENTS = {
    "Adult Social Care": ["Safeguarding Adults", "Assessments", "Direct Payments", "Community Mental Health"],
    "Children's Services": ["Child Protection", "Looked After Children", "Early Help", "Fostering and Adoption"],
    "HR": ["Grievances", "Occupational Health", "Recruitment", "Disciplinary", "Payroll Queries"],
    "Housing": ["Tenancy Management", "Homelessness", "Anti-social Behaviour", "Repairs"],
    "Legal": ["Litigation", "Information Governance", "Licensing"],
    "Community Safety": ["CCTV", "Domestic Abuse", "Youth Offending"],
    "Revenues and Benefits": ["Council Tax", "Housing Benefit", "Blue Badge"],
    "Education": ["SEN", "Admissions", "Attendance"],
}
CASE_PREFIX = {
    "Adult Social Care": "ASC", "Children's Services": "CSC", "HR": "HR", "Housing": "HSG",
    "Legal": "LEG", "Community Safety": "CS", "Revenues and Benefits": "RB", "Education": "EDU",
}
YEARS = list(range(2015, 2026))
TOWNS = [
    "Birmingham", "Wolverhampton", "Coventry", "Walsall", "Dudley", "Stoke-on-Trent", "Stafford",
    "Cambridge", "Peterborough", "Leeds", "Bradford", "Cardiff", "Swansea", "Manchester", "Salford",
    "Bristol", "Nottingham", "Derby", "Leicester", "Liverpool", "Sheffield", "Newcastle", "London",
]
STREETS = [
    "High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Park Avenue",
    "Queens Road", "New Street", "Green Lane", "Manor Road", "Albert Street", "The Crescent",
    "Kings Road", "Windsor Close", "Elm Grove", "Chapel Street", "Springfield Road", "Brook Lane",
    "Orchard Way", "Mount Pleasant", "Castle Street", "North Road", "Meadow View", "Canal Side",
]
POSTCODE_AREAS = [
    "B", "WV", "CV", "WS", "DY", "ST", "CB", "PE", "LS", "BD", "CF", "SA", "M", "BS", "NG", "DE",
    "LE", "L", "S", "NE", "SE", "SW", "N", "E", "NW", "W",
]
STAFF_ROLES = [
    "social worker", "team manager", "housing officer", "case officer", "HR adviser",
    "senior practitioner", "family support worker", "benefits assessor", "solicitor",
    "CCTV operator", "youth justice worker", "SENCO", "admissions officer",
]
RELATIONS = ["mother", "father", "partner", "ex-partner", "neighbour", "landlord", "grandmother",
             "son", "daughter", "carer", "brother", "sister", "lodger"]
HEALTH = [
    "has a history of depression and anxiety and is prescribed sertraline",
    "was taken to hospital after a fall and treated for a fractured wrist",
    "is awaiting an assessment by the community mental health team",
    "has type 2 diabetes and attends the GP surgery monthly",
    "disclosed that she is pregnant and due in the spring",
    "was detained under section 136 of the Mental Health Act last year",
    "has epilepsy and has had two seizures since the last visit",
    "is on methadone and engages with the drug and alcohol service",
    "reported chronic back pain and is signed off work with a fit note",
    "has a learning disability and needs support to manage correspondence",
    "was referred to occupational health for work-related stress",
    "uses a wheelchair and has asked for the ground-floor meeting room",
    "is recovering from surgery and on a phased return to work",
    "mentioned suicidal thoughts and was given the crisis team's number",
]
CRIME = [
    "was arrested for assault and released under investigation",
    "has a previous conviction for shoplifting from 2016",
    "was interviewed under caution about criminal damage to the fence",
    "is subject to a non-molestation order obtained by the ex-partner",
    "received a caution for possession of cannabis",
    "is named as the suspect in a burglary reported to the police",
    "was convicted of drink driving and banned for twelve months",
    "is on licence following release from HMP Birmingham",
    "was reported for harassment by a neighbour",
    "has a pending court date at the magistrates' court for theft",
]
FILLERS = [
    "No further action was agreed at this stage.",
    "The file will be reviewed at the next supervision.",
    "A letter was sent confirming the outcome of the meeting.",
    "The tenancy agreement was checked and is up to date.",
    "Management were informed and agreed the proposed course of action.",
    "A review meeting will be arranged within the next fourteen days.",
    "Minutes of the meeting were circulated to those present.",
    "The family were updated by telephone and were happy with the plan.",
    "Documents were scanned and saved to the case folder.",
    "A referral was made to the relevant partner agency.",
    "The complaint was acknowledged within five working days.",
    "Consent to share information was recorded on the system.",
    "Nothing of note was raised during the visit.",
    "The previous actions have been completed.",
    "Please see the attached notes for the full background.",
    "Further information was requested from the applicant.",
]
ISSUES = [
    "rent arrears", "damp and mould in the bathroom", "noise from the flat above", "school attendance",
    "a missed council tax payment", "a change in care needs", "the outcome of the panel",
    "the allocation of overtime", "a refused flexible working request", "an unpaid invoice",
    "a disabled parking application", "a request for respite care", "repairs to the front door",
]
NOTE_KINDS = ["case note", "visit note", "phone call", "supervision", "file note", "contact log",
              "assessment notes", "referral"]
CSV_KINDS = ["export", "contacts", "caseload", "payments", "visits", "applicants"]
EML_SUBJECTS = ["case update", "visit tomorrow", "referral received", "meeting notes",
                "information request", "complaint", "action required", "file for review"]
MD_KINDS = ["minutes", "panel notes", "review", "action log"]
KIND_WEIGHTS = [("txt", 55), ("csv", 25), ("eml", 12), ("md", 8)]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# ---------------------------------------------------------------------------
# Names (patterns/names: name<TAB>weight)


def load_names(path, fallback):
    names, cum, total = [], [], 0
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                name, _, w = line.rstrip("\n").partition("\t")
                if name and not name.startswith("#"):
                    total += int(w or 1)
                    names.append(name)
                    cum.append(total)
    except OSError:
        names = fallback
        cum = list(range(1, len(names) + 1))
    return names, cum


FORENAMES, FORE_CUM = load_names(os.path.join(NAMES_DIR, "forenames.tsv"), [
    "Oliver", "George", "Harry", "Jack", "Amelia", "Olivia", "Isla", "Emily", "Aisha", "Priya"])
SURNAMES, SUR_CUM = load_names(os.path.join(NAMES_DIR, "surnames.tsv"), [
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Patel", "Khan", "Evans", "Okafor", "Nowak"])


def forename(r):
    return FORENAMES[bisect.bisect_right(FORE_CUM, r.random() * FORE_CUM[-1])]


def surname(r):
    return SURNAMES[bisect.bisect_right(SUR_CUM, r.random() * SUR_CUM[-1])]


# ---------------------------------------------------------------------------
# Identifier values that the planted profiles hold (never generated)


_NORM = re.compile(r"[^0-9A-Z@.]")


def norm(v):
    return _NORM.sub("", str(v).upper())


def load_excluded():
    out = set()
    if tomllib is None:
        return out
    for p in glob.glob(os.path.join(PROFILES, "*.toml")):
        with open(p, "rb") as f:
            prof = tomllib.load(f)
        for key in ("nino", "phone", "postcode", "vrm", "email"):
            out.update(norm(v) for v in prof.get(key, []))
        for d in prof.get("dob", []):
            out.add("DOB" + str(d))  # ISO form
    return out


EXCLUDED = load_excluded()

# ---------------------------------------------------------------------------
# Synthetic values

_L1 = "ABCEGHJKLMNOPRSTWXYZ"  # no D F I Q U V
_L2 = "ABCEGHJKLMNPRSTWXYZ"  # nor O second
NINO_PREFIXES = [a + b for a in _L1 for b in _L2 if a + b not in {
    "BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "OO", "CR", "FY", "MW", "NC", "PP", "PY", "PZ"}]
INWARD = "ABDEFGHJLNPQRSTUWXYZ"  # no C I K M O V
VRM_TAG = "ABCDEFGHJKLMNOPRSTUVWXY"  # no I Q Z
VRM_RAND = "ABCDEFGHJKLMNOPRSTUVWXYZ"  # no I Q
VRM_AGES = [f"{y:02d}" for y in range(2, 25)] + [str(y) for y in range(51, 75)]


def nino(r):
    while True:
        v = f"{r.choice(NINO_PREFIXES)}{r.randrange(1000000):06d}{r.choice('ABCD')}"
        if v not in EXCLUDED:
            break
    if r.random() < 0.3:
        return f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}"
    return v


def postcode(r):
    while True:
        area = r.choice(POSTCODE_AREAS)
        district = r.randint(1, 20) if len(area) == 2 else r.randint(1, 40)
        v = f"{area}{district} {r.randint(0, 9)}{r.choice(INWARD)}{r.choice(INWARD)}"
        if v.replace(" ", "") not in EXCLUDED:
            return v


def phone(r):
    while True:
        k = r.random()
        n = r.randrange(1000)
        if k < 0.5:
            v = r.choice([f"07700 900{n:03d}", f"07700900{n:03d}", f"+44 7700 900{n:03d}"])
        elif k < 0.65:
            v = f"020 7946 0{n:03d}"
        elif k < 0.8:
            v = f"0113 496 0{n:03d}"
        elif k < 0.9:
            v = f"0161 496 0{n:03d}"
        else:
            v = f"01632 960{n:03d}"
        key = v.replace(" ", "").replace("+44", "0")
        if key not in EXCLUDED:
            return v


def vrm(r):
    while True:
        v = (f"{r.choice(VRM_TAG)}{r.choice(VRM_TAG)}{r.choice(VRM_AGES)} "
             f"{r.choice(VRM_RAND)}{r.choice(VRM_RAND)}{r.choice(VRM_RAND)}")
        if v.replace(" ", "") not in EXCLUDED:
            return v


def nhs_number(r):
    while True:
        d = [r.randrange(10) for _ in range(9)]
        c = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
        if c == 11:
            c = 0
        if c != 10:
            s = "".join(map(str, d)) + str(c)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def email(r, f, s):
    f = re.sub(r"[^a-z]", "", f.lower()) or "x"
    s = re.sub(r"[^a-z]", "", s.lower()) or "y"
    while True:
        dom = r.choice(("example.org", "example.net", "example.com"))
        v = r.choice((f"{f}.{s}@{dom}", f"{f[0]}{s}{r.randint(1, 99)}@{dom}", f"{s}.{f}@{dom}"))
        if norm(v) not in EXCLUDED:
            return v


def dob_date(r):
    while True:
        d = dt.date(1935, 1, 1) + dt.timedelta(days=r.randrange(365 * 75))
        if "DOB" + d.isoformat() not in EXCLUDED:
            return d


def fmt_date(r, d):
    k = r.random()
    if k < 0.6:
        return d.strftime("%d/%m/%Y")
    if k < 0.8:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if k < 0.9:
        return d.isoformat()
    return d.strftime("%d.%m.%y")


def event_date(r, year):
    return dt.date(year, 1, 1) + dt.timedelta(days=r.randrange(365))


def address(r):
    return f"{r.randint(1, 240)} {r.choice(STREETS)}, {r.choice(TOWNS)} {postcode(r)}"


def person(r):
    return forename(r), surname(r)


# ---------------------------------------------------------------------------
# Sentences (each a function of the generator and the file's year)


def s_identity(r, y):
    f, s = person(r)
    d = dob_date(r)
    return r.choice((
        f"{f} {s.upper()} (DOB {fmt_date(r, d)}) was present.",
        f"{f} {s}, date of birth {fmt_date(r, d)}, NI number {nino(r)}, lives at {address(r)}.",
        f"Spoke to {f} {s}, born {fmt_date(r, d)}, who confirmed the address as {address(r)}.",
        f"Client: {f} {s}. D.O.B: {fmt_date(r, d)}. NINO: {nino(r)}.",
    ))


def s_contact(r, y):
    f, s = person(r)
    return r.choice((
        f"{f} {s} can be contacted on {phone(r)} or at {email(r, f, s)}.",
        f"The {r.choice(RELATIONS)}, {f} {s}, left a message on {phone(r)}.",
        f"Please call {f} on {phone(r)} before visiting.",
    ))


def s_vehicle(r, y):
    f, s = person(r)
    return r.choice((
        f"{f} {s} drives a car registration {vrm(r)} and parks on {r.choice(STREETS)}.",
        f"A blue badge was issued for vehicle {vrm(r)} registered to {f} {s}.",
        f"CCTV shows the vehicle {vrm(r)} outside the property on {fmt_date(r, event_date(r, y))}.",
    ))


def s_health(r, y):
    f, s = person(r)
    extra = f" NHS number {nhs_number(r)}." if r.random() < 0.3 else ""
    return f"{f} {s} {r.choice(HEALTH)}.{extra}"


def s_crime(r, y):
    f, s = person(r)
    who = f"{r.choice(('Mr', 'Ms', 'Mrs'))} {s}" if r.random() < 0.4 else f"{f} {s}"
    return f"{who} {r.choice(CRIME)}."


def s_visit(r, y):
    f, s = person(r)
    return (f"On {fmt_date(r, event_date(r, y))} the {r.choice(STAFF_ROLES)} visited {f} at "
            f"{address(r)} to discuss {r.choice(ISSUES)}.")


def s_issue(r, y):
    f, s = person(r)
    return (f"{f} {s} raised concerns about {r.choice(ISSUES)}; the {r.choice(RELATIONS)} "
            f"{forename(r)} was also present.")


def s_filler(r, y):
    return r.choice(FILLERS)


SENTENCES = [(s_identity, 3), (s_contact, 2), (s_vehicle, 1), (s_health, 2), (s_crime, 1),
             (s_visit, 3), (s_issue, 2), (s_filler, 8)]
SENT_FNS = [f for f, _ in SENTENCES]
SENT_CUM = list(itertools.accumulate(w for _, w in SENTENCES))


def sentence(r, y):
    return SENT_FNS[bisect.bisect_right(SENT_CUM, r.random() * SENT_CUM[-1])](r, y)


def body(r, y, target):
    """Paragraphs of sentences until about `target` characters."""
    out, n = [], 0
    while n < target:
        para = " ".join(sentence(r, y) for _ in range(r.randint(2, 6)))
        out.append(para)
        n += len(para) + 2
    return "\n\n".join(out)


def sized(r, mean, lo, hi):
    return max(lo, min(hi, int(r.lognormvariate(0, 0.75) * mean)))


# ---------------------------------------------------------------------------
# Documents


def doc_txt(r, y, ref):
    f, s = person(r)
    head = (f"{r.choice(NOTE_KINDS).title()} - {ref}\n"
            f"Subject: {f} {s.upper()}   DOB: {fmt_date(r, dob_date(r))}\n"
            f"Recorded by: {forename(r)} {surname(r)} ({r.choice(STAFF_ROLES)}) "
            f"on {fmt_date(r, event_date(r, y))}\n\n")
    return head + body(r, y, sized(r, 1300, 150, 19000)) + "\n"


CSV_LAYOUTS = [
    ("Ref,Surname,Forename,DOB,NI Number,Postcode,Phone",
     lambda r, y, s, f: [s.upper(), f, fmt_date(r, dob_date(r)), nino(r).replace(" ", ""), postcode(r), phone(r)]),
    ("Case ID,Name,Date of birth,Address,Contact number,Email",
     lambda r, y, s, f: [f"{f} {s}", dob_date(r).isoformat(), address(r), phone(r), email(r, f, s)]),
    ("ID,Full name,NHS number,Condition,Last contact",
     lambda r, y, s, f: [f"{s}, {f}", nhs_number(r), r.choice(HEALTH).split(" and ")[0],
                         fmt_date(r, event_date(r, y))]),
    ("Reference,Keeper,Vehicle,Postcode,Notes",
     lambda r, y, s, f: [f"{f} {s}", vrm(r), postcode(r),
                         r.choice(("", "permit renewed", "PCN issued", "badge holder", "", "see file"))]),
]


def csv_cell(v):
    v = str(v)
    if any(c in v for c in ',"\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def doc_csv(r, y, ref):
    header, row = r.choice(CSV_LAYOUTS)
    lines = [header]
    base = r.randrange(10000, 99000)
    for k in range(r.randint(5, 50)):
        f, s = person(r)
        lines.append(",".join(csv_cell(c) for c in [f"{ref}-{base + k}"] + row(r, y, s, f)))
    return "\r\n".join(lines) + "\r\n"


def doc_eml(r, y, ref):
    f1, s1 = person(r)
    f2, s2 = person(r)
    d = event_date(r, y)
    when = dt.datetime(d.year, d.month, d.day, r.randrange(8, 18), r.randrange(60))
    subj = f"{r.choice(('', 'RE: ', 'FW: '))}{ref} {r.choice(EML_SUBJECTS)}"
    return (f"From: {f1} {s1} <{email(r, f1, s1)}>\n"
            f"To: {f2} {s2} <{email(r, f2, s2)}>\n"
            f"Subject: {subj}\n"
            f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S')} +0000\n"
            f"Message-ID: <{ref.lower()}.{r.randrange(10**9)}@example.org>\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n\n"
            f"Hi {f2},\n\n{body(r, y, sized(r, 900, 100, 15000))}\n\nThanks,\n{f1} {s1}\n"
            f"{r.choice(STAFF_ROLES).title()} | {phone(r)}\n")


def doc_md(r, y, ref):
    d = event_date(r, y)
    people = [f"{forename(r)} {surname(r)} ({r.choice(STAFF_ROLES)})" for _ in range(r.randint(2, 6))]
    actions = [f"- [ ] {sentence(r, y)}" for _ in range(r.randint(2, 6))]
    return (f"# {r.choice(MD_KINDS).title()}: {ref}\n\n"
            f"**Date:** {fmt_date(r, d)}\n\n## Attendees\n\n"
            + "\n".join(f"- {p}" for p in people)
            + f"\n\n## Discussion\n\n{body(r, y, sized(r, 1000, 100, 15000))}\n\n## Actions\n\n"
            + "\n".join(actions) + "\n")


DOCS = {"txt": doc_txt, "csv": doc_csv, "eml": doc_eml, "md": doc_md}
KINDS = [k for k, _ in KIND_WEIGHTS]
KIND_CUM = list(itertools.accumulate(w for _, w in KIND_WEIGHTS))


def make_content(r, kind, year, ref):
    return DOCS[kind](r, year, ref).encode("utf-8")


# ---------------------------------------------------------------------------
# Plan: leaf folders and the files in them


def plan(n, seed):
    """[(relpath, kind, year, ref)] for n files, in a fixed order."""
    r = random.Random(f"{seed}:plan")
    depts = list(DEPARTMENTS)
    out = []
    used = set()
    while len(out) < n:
        dept = r.choice(depts)
        team = r.choice(DEPARTMENTS[dept])
        year = r.choice(YEARS)
        while True:
            ref = f"{CASE_PREFIX[dept]}-{year}-{r.randrange(100000):05d}"
            if ref not in used:
                used.add(ref)
                break
        case = f"{ref} {surname(r).upper()}" if r.random() < 0.6 else ref
        folder = f"{dept}/{team}/{year}/{case}"
        for j in range(min(r.randint(20, 200), n - len(out))):
            kind = KINDS[bisect.bisect_right(KIND_CUM, r.random() * KIND_CUM[-1])]
            if kind == "txt":
                stem = r.choice(NOTE_KINDS)
            elif kind == "csv":
                stem = f"{r.choice(CSV_KINDS)} {year}"
            elif kind == "eml":
                stem = r.choice(EML_SUBJECTS)
            else:
                stem = r.choice(MD_KINDS)
            out.append((f"{folder}/{stem} {j + 1:03d}.{kind}", kind, year, ref))
    return out


def mtime_ns(r, year):
    base = dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc).timestamp()
    return int((base + r.randrange(365 * 86400)) * 1e9)


def write_file(path, data, ns=None):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if ns is not None:
            os.utime(fd, ns=(ns, ns))
    finally:
        os.close(fd)


_JOB = {}


def _work(span):
    out, seed, files = _JOB["out"], _JOB["seed"], _JOB["files"]
    nbytes, kinds = 0, {}
    for i in range(*span):
        rel, kind, year, ref = files[i]
        r = random.Random(f"{seed}:{i}")
        data = make_content(r, kind, year, ref)
        write_file(os.path.join(out, rel), data, mtime_ns(r, year))
        nbytes += len(data)
        kinds[kind] = kinds.get(kind, 0) + 1
    return nbytes, kinds


def generate(args):
    out = args.out
    if os.path.exists(out) and os.listdir(out):
        sys.exit(f"{out} exists and is not empty (remove it first)")
    t0 = time.time()
    planted = sorted(os.path.relpath(os.path.join(d, f), PLANT_SRC)
                     for d, _, fs in os.walk(PLANT_SRC) for f in fs)
    if args.no_plant:
        planted = []
    n = args.files - len(planted)
    if n < 1:
        sys.exit(f"--files {args.files}: need more than the {len(planted)} planted files")
    files = plan(n, args.seed)
    folders = sorted({os.path.dirname(rel) for rel, *_ in files})
    for d in folders:
        os.makedirs(os.path.join(out, d), exist_ok=True)
    _JOB.update(out=out, seed=args.seed, files=files)
    step = 500
    spans = [(a, min(a + step, n)) for a in range(0, n, step)]
    nbytes, kinds = 0, {}
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    if jobs == 1:
        results = map(_work, spans)
        pool = None
    else:
        pool = multiprocessing.get_context("fork").Pool(jobs)
        results = pool.imap_unordered(_work, spans)
    for b, k in results:
        nbytes += b
        for key, v in k.items():
            kinds[key] = kinds.get(key, 0) + v
    if pool:
        pool.close()
        pool.join()
    pbytes = 0
    if planted:
        shutil.copytree(PLANT_SRC, os.path.join(out, PLANT_DIR))
        pbytes = sum(os.path.getsize(os.path.join(out, PLANT_DIR, p)) for p in planted)
    print(json.dumps({
        "estate": out, "seed": args.seed, "files": n + len(planted), "generated": n,
        "planted": len(planted), "planted_dir": PLANT_DIR if planted else None,
        "bytes": nbytes + pbytes, "folders": len(folders),
        "by_kind": dict(sorted(kinds.items())), "seconds": round(time.time() - t0, 1),
    }))


# ---------------------------------------------------------------------------
# Change


def change(args):
    out = args.out
    if not os.path.isdir(out):
        sys.exit(f"{out}: not a directory")
    if not 0 < args.change <= 0.3:
        sys.exit("--change: a fraction in (0, 0.3]")
    t0 = time.time()
    files = []
    for d, dirs, fs in os.walk(out):
        rd = os.path.relpath(d, out)
        if rd == PLANT_DIR or rd.startswith(PLANT_DIR + os.sep):
            dirs[:] = []
            continue
        dirs.sort()
        files.extend(os.path.normpath(os.path.join(rd, f)) for f in fs)
    files.sort()
    total = len(files)
    r = random.Random(f"change:{args.seed2}")
    n_mod = round(args.change * total)
    n_del = round(args.change * total / 10)
    n_add = n_del
    pick = r.sample(files, 2 * n_mod + n_del)
    rewrite, touch, delete = pick[:n_mod], pick[n_mod:2 * n_mod], pick[2 * n_mod:]
    year_re = re.compile(r"/(20\d\d)/")
    for rel in rewrite:
        path = os.path.join(out, rel)
        kind = rel.rsplit(".", 1)[-1]
        kind = kind if kind in DOCS else "txt"
        m = year_re.search("/" + rel)
        year = int(m.group(1)) if m else 2024
        fr = random.Random(f"{args.seed2}:rewrite:{rel}")
        with open(path, "rb") as f:
            old = f.read()
        data = make_content(fr, kind, year, f"CHG-{args.seed2}")
        if data == old:
            data += b"\n"
        write_file(path, data)
    for rel in touch:
        os.utime(os.path.join(out, rel))
    for rel in delete:
        os.unlink(os.path.join(out, rel))
    folders = sorted({os.path.dirname(rel) for rel in files})
    added = 0
    for k in range(n_add):
        folder = r.choice(folders)
        kind = KINDS[bisect.bisect_right(KIND_CUM, r.random() * KIND_CUM[-1])]
        path = os.path.join(out, folder, f"added {args.seed2}-{k:05d}.{kind}")
        if os.path.exists(path):
            continue
        m = year_re.search("/" + folder + "/")
        fr = random.Random(f"{args.seed2}:add:{k}")
        write_file(path, make_content(fr, kind, int(m.group(1)) if m else 2024, f"NEW-{args.seed2}"))
        added += 1
    print(json.dumps({
        "estate": out, "fraction": args.change, "seed2": args.seed2, "files_before": total,
        "rewritten": len(rewrite), "touched": len(touch), "deleted": len(delete), "added": added,
        "files_after": total - len(delete) + added, "planted_untouched": True,
        "seconds": round(time.time() - t0, 1),
    }))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="the estate folder")
    ap.add_argument("--files", type=int, default=100000, help="files in total (default 100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=0, help="processes (default: all CPUs)")
    ap.add_argument("--no-plant", action="store_true", help="do not copy fixtures/subjects/docs")
    ap.add_argument("--change", type=float, help="change this fraction of an existing estate")
    ap.add_argument("--seed2", type=int, default=2, help="seed of the change (default 2)")
    args = ap.parse_args()
    if args.change is not None:
        change(args)
    else:
        generate(args)


if __name__ == "__main__":
    main()

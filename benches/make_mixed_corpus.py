#!/usr/bin/env python3
"""Generates a mixed corpus of synthetic documents for benches/documents.sh.

    python3 benches/make_mixed_corpus.py OUTDIR [--mb 200] [--seed 1] [--jobs N]

Writes about --mb megabytes (10^6 bytes) of input under OUTDIR, in folders
named like a force's file share (Custody/2021, HR/Grievances/2019 ...):
.docx, .xlsx, .pdf, .eml (some with a docx, xlsx or pdf attached, some with
an HTML alternative), .zip (a few of the other documents, now and then a
zip inside), .txt and .csv. By count roughly: docx 24%, eml 20%, pdf 18%,
xlsx 14%, txt 10%, csv 8%, zip 6%.

Everything is SYNTHETIC: text is built from the word lists below by a
seeded random generator (incident logs, witness statements, grievance and
occupational-health notes, custody and intelligence records); names are
combinations of common UK forenames and surnames; NI numbers only pass the
format rules; phone numbers are Ofcom drama-range numbers; email domains are
the reserved example.org/.net/.com. None of it is about a real person.

The output depends only on --mb and --seed (not on --jobs): file i is made
from a generator seeded with "SEED:i", and the corpus is files 0..n-1 where
n is the first count whose total size reaches --mb. Zip members have fixed
timestamps and documents fixed property dates.

Speed: python-docx and openpyxl build one template each (styles, header,
properties); every file re-uses the template's parts and gets its own
document.xml / sheet1.xml, written here. PDFs are made with fpdf2 from
pre-wrapped lines. Files are made in parallel (--jobs, default: all CPUs).

Like fixtures/make_documents.py, the script installs its libraries (the same
pinned versions) into the virtual environment /tmp/trawl-fixtures-venv the
first time it runs, then re-runs itself there. It prints a Markdown summary
(files and MB by kind) on standard output.
"""

import os
import subprocess
import sys

REQUIREMENTS = [  # the pins of fixtures/make_documents.py
    "python-docx==1.2.0",
    "openpyxl==3.1.5",
    "fpdf2==2.8.9",
]


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from pyvenv import bootstrap  # noqa: E402

if __name__ == "__main__":
    bootstrap(__file__, REQUIREMENTS)

# ---------------------------------------------------------------------------
# Everything below runs inside the venv.

import argparse  # noqa: E402
import csv  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402
import multiprocessing  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import struct  # noqa: E402
import time  # noqa: E402
import zipfile  # noqa: E402
import zlib  # noqa: E402
from email import policy  # noqa: E402
from email.message import EmailMessage  # noqa: E402
from xml.sax.saxutils import escape  # noqa: E402

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_DT = dt.datetime(2024, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------
# Word lists

FORENAMES = [
    "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas",
    "Oscar", "William", "James", "Daniel", "Mohammed", "Joshua", "Dafydd",
    "Owen", "Callum", "Liam", "Ryan", "Connor", "Amelia", "Olivia", "Isla",
    "Emily", "Ava", "Jessica", "Sophie", "Grace", "Chloe", "Megan", "Carys",
    "Aisha", "Fatima", "Priya", "Hannah", "Lucy", "Rebecca", "Sarah", "Emma",
    "Niamh", "Siobhan", "Rhian", "Zara", "Leah", "Ellie",
]
SURNAMES = [
    "SMITH", "JONES", "WILLIAMS", "TAYLOR", "BROWN", "DAVIES", "EVANS",
    "WILSON", "THOMAS", "JOHNSON", "ROBERTS", "ROBINSON", "THOMPSON", "WRIGHT",
    "WALKER", "WHITE", "EDWARDS", "HUGHES", "GREEN", "HALL", "LEWIS", "HARRIS",
    "CLARKE", "PATEL", "JACKSON", "WOOD", "TURNER", "MARTIN", "COOPER", "HILL",
    "WARD", "MORRIS", "MOORE", "CLARK", "LEE", "KING", "BAKER", "HARRISON",
    "MORGAN", "ALLEN", "KHAN", "PRICE", "BEGUM", "MURPHY", "O'BRIEN",
    "MACDONALD", "CAMPBELL", "STEWART", "SINGH", "ALI",
]
TOWNS = [
    "Birmingham", "Wolverhampton", "Coventry", "Walsall", "Dudley", "Stoke",
    "Stafford", "Cambridge", "Peterborough", "Leeds", "Cardiff", "Swansea",
    "Manchester", "Salford", "Bristol", "Nottingham", "Derby", "Leicester",
]
STREETS = [
    "High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane",
    "Park Avenue", "Queens Road", "New Street", "Green Lane", "Manor Road",
    "Albert Street", "The Crescent", "Kings Road", "Windsor Close",
]
PLACES = [
    "a residential address", "the Co-op", "a public house", "the bus station",
    "a takeaway", "the retail park", "a block of flats", "the leisure centre",
    "a car park", "the railway station", "a school", "the hospital A&E department",
    "a petrol station", "the town centre", "a canal towpath", "a nightclub",
]
OFFENCES = [
    "a domestic disturbance", "shoplifting", "criminal damage to a vehicle",
    "an assault", "anti-social behaviour", "a burglary", "a theft of a bicycle",
    "a public order offence", "a suspected drug deal", "a road traffic collision",
    "harassment", "a missing person", "a concern for welfare", "a robbery",
    "a breach of a non-molestation order", "drink driving",
]
RANKS = ["PC", "PS", "DC", "DS", "Insp", "PCSO", "DI"]
ROLES = ["suspect", "victim", "witness", "informant", "driver", "passenger", "occupant"]
PRONOUNS = ["He", "She", "They"]
COLOURS = ["black", "grey", "dark blue", "red", "white", "green", "silver"]
GARMENTS = ["hooded top", "puffer jacket", "tracksuit", "baseball cap", "hi-vis vest", "leather jacket"]
VEHICLES = ["Ford Focus", "Vauxhall Corsa", "BMW 3 Series", "VW Golf", "Transit van", "Nissan Qashqai", "moped"]
CLAUSES = [
    "{p} had been drinking in the town centre since about {h} o'clock",
    "the suspect was wearing a {colour} {garment} and ran towards {street}",
    "a {colour} {vehicle} registration {vrm} was seen leaving the scene at speed",
    "{p} heard shouting from the flat upstairs and called the police",
    "{p} did not know the male but would recognise him again",
    "the door had been forced and a laptop and jewellery were missing",
    "{p} had received a number of threatening messages over the previous week",
    "the argument started over money that was owed",
    "{p} was not injured but was very shaken by what happened",
    "{p} saw the male put items into a rucksack and leave without paying",
    "the CCTV camera at the front of the property was not working",
    "{p} was willing to attend court if required",
]
HR_ISSUES = [
    "the allocation of overtime", "comments made in the team briefing",
    "the outcome of the promotion board", "a refused flexible working request",
    "bullying by a colleague", "the shift pattern review", "unpaid expenses",
    "the handling of a previous complaint",
]
HEALTH = [
    "work-related stress", "a back injury sustained during a arrest",
    "anxiety and low mood", "a knee operation", "long covid symptoms",
    "a phased return after surgery", "hearing loss", "migraines",
]
TEAMS = [
    "Safeguarding", "CID", "Professional Standards", "Neighbourhood",
    "Roads Policing", "Public Protection", "Intelligence", "People Services",
]
FILLERS = [
    "No further action was taken at this time.",
    "CCTV footage was requested from the premises.",
    "Enquiries are ongoing and the log will be updated.",
    "House-to-house enquiries were completed with negative results.",
    "Body worn video was recorded throughout the encounter.",
    "The scene was photographed and the images uploaded to the system.",
    "Words of advice were given and the parties separated for the night.",
    "A crime reference number was provided to the caller.",
    "The officer in the case will review the file on the next tour of duty.",
    "A DASH risk assessment was completed and graded as medium.",
    "The complainant was updated by telephone.",
    "Management were informed and agreed the proposed course of action.",
    "A review meeting will be arranged within the next fourteen days.",
    "Minutes of the meeting were circulated to those present.",
]
DOC_KINDS = [
    ("incident-log", "Incident log"),
    ("witness-statement", "Witness statement"),
    ("grievance", "Grievance investigation notes"),
    ("custody-record", "Custody record"),
    ("oh-referral", "Occupational health referral"),
    ("intel-report", "Intelligence report"),
]
FOLDERS = [
    "Custody", "Response/Incident logs", "CID/Statements", "HR/Grievances",
    "HR/Occupational Health", "Intelligence", "Professional Standards",
    "Neighbourhood Team/Shared", "Admin/Old exports",
]
POSTCODE_AREAS = [
    "B", "WV", "CV", "WS", "DY", "ST", "CB", "PE", "LS", "CF", "SA", "M",
    "BS", "NG", "DE", "LE", "L", "S",
]

# ---------------------------------------------------------------------------
# Synthetic values


def nino(r):
    while True:
        a = r.choice("ABCEGHJKLMNOPRSTWXYZ")
        b = r.choice("ABCEGHJKLMNPRSTWXYZ")
        if a + b not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    return f"{a}{b}{r.randrange(1000000):06d}{r.choice('ABCD')}"


def postcode(r):
    return (f"{r.choice(POSTCODE_AREAS)}{r.randint(1, 30)} "
            f"{r.randint(0, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}")


def phone(r):
    return r.choice([
        f"07700 900{r.randrange(1000):03d}",
        f"020 7946 0{r.randrange(1000):03d}",
        f"0161 496 0{r.randrange(1000):03d}",
        f"0113 496 0{r.randrange(1000):03d}",
    ])


def email_addr(r, fore, sur):
    sur = sur.lower().replace("'", "")
    dom = r.choice(["example.org", "example.net", "example.com"])
    return r.choice([f"{fore.lower()}.{sur}@{dom}", f"{fore[0].lower()}{sur}{r.randint(1, 99)}@{dom}"])


def vrm(r):
    L = "ABCDEFGHJKLMNOPRSTUVWXY"
    return f"{r.choice(L)}{r.choice(L)}{r.randint(10, 73)} {r.choice(L)}{r.choice(L)}{r.choice(L)}"


def dob_date(r):
    return dt.date(1950, 1, 1) + dt.timedelta(days=r.randrange(365 * 55))


def dob(r):
    return dob_date(r).strftime("%d/%m/%Y")


def event_date(r):
    return (dt.date(2018, 1, 1) + dt.timedelta(days=r.randrange(365 * 6))).strftime("%d/%m/%Y")


def hhmm(r):
    return f"{r.randrange(24):02d}:{r.randrange(60):02d}"


def person(r):
    return r.choice(FORENAMES), r.choice(SURNAMES)


# ---------------------------------------------------------------------------
# Sentences: (weight, function of the generator)


def s_attend(r):
    return (f"At {hhmm(r)} on {event_date(r)} {r.choice(RANKS)} {r.choice(SURNAMES)} attended "
            f"{r.choice(PLACES)} on {r.choice(STREETS)}, {r.choice(TOWNS)} {postcode(r)} "
            f"following a report of {r.choice(OFFENCES)}.")


def s_identified(r):
    f, s = person(r)
    return (f"{f} {s}, born {dob(r)}, was identified as the {r.choice(ROLES)} "
            f"and gave NI number {nino(r)}.")


def s_contact(r):
    f, s = person(r)
    return (f"The {r.choice(ROLES)}, {f} {s}, can be contacted on {phone(r)} "
            f"or by email at {email_addr(r, f, s)}.")


def s_stated(r):
    p = r.choice(PRONOUNS)
    c = r.choice(CLAUSES).format(p=p.lower(), h=r.randint(1, 12), colour=r.choice(COLOURS),
                                 garment=r.choice(GARMENTS), street=r.choice(STREETS),
                                 vehicle=r.choice(VEHICLES), vrm=vrm(r))
    return f"{p} stated that {c}."


def s_address(r):
    return (f"The home address is {r.randint(1, 240)} {r.choice(STREETS)}, "
            f"{r.choice(TOWNS)} {postcode(r)}.")


def s_grievance(r):
    f, s = person(r)
    return (f"{f} {s} (staff number {r.randint(10000, 99999)}) raised a grievance about "
            f"{r.choice(HR_ISSUES)} with the line manager on {event_date(r)}.")


def s_health(r):
    return (f"An occupational health referral was made on {event_date(r)} in relation to "
            f"{r.choice(HEALTH)}, and a phased return was discussed.")


def s_team(r):
    return f"The matter was passed to the {r.choice(TEAMS)} team for review on {event_date(r)}."


def s_filler(r):
    return r.choice(FILLERS)


SENTENCES = [
    (3, s_attend), (2, s_identified), (1, s_contact), (5, s_stated), (1, s_address),
    (1, s_grievance), (1, s_health), (2, s_team), (10, s_filler),
]
_SENT_FNS = [f for _, f in SENTENCES]
_SENT_WEIGHTS = [w for w, _ in SENTENCES]


# Generating sentences one by one runs at about 3 MB/s, too slow for a
# 200 MB corpus (with office files and PDFs extracted text is several times
# the input). Documents draw their sentences and spreadsheet rows from pools
# made once per corpus from the seed: large enough that a document seldom
# repeats a sentence (so that files compress like real text), small enough
# to make in seconds.
SENT_POOL = []
PEOPLE_POOL = []


def build_pools(seed):
    r = random.Random(f"{seed}:pools")
    fns = r.choices(_SENT_FNS, _SENT_WEIGHTS, k=60000)
    SENT_POOL[:] = [f(r) for f in fns]
    PEOPLE_POOL[:] = [make_person_row(r) for _ in range(40000)]


def paragraph(r):
    return " ".join(r.choices(SENT_POOL, k=r.randint(2, 7)))


def doc_kind(r):
    return r.choice(DOC_KINDS)


def title_line(r, label):
    f, s = person(r)
    return f"{label}: {f} {s}, ref {r.randint(1000, 9999)}/{r.randint(18, 24)}"


def paragraphs(r, n):
    return [paragraph(r) for _ in range(n)]


def sized(r, mean, lo, hi):
    """A size around `mean` with a long tail, clipped to lo..hi."""
    return max(lo, min(hi, int(r.lognormvariate(0, 0.8) * mean)))


# ---------------------------------------------------------------------------
# Zip helpers


def deflated(name, data):
    """A zip member, compressed: (name, crc, size, raw deflate bytes)."""
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return (name.encode(), zlib.crc32(data), len(data), c.compress(data) + c.flush())


_DOS_TIME, _DOS_DATE = 0, ((FIXED_ZIP_TIME[0] - 1980) << 9) | (FIXED_ZIP_TIME[1] << 5) | FIXED_ZIP_TIME[2]


def zip_bytes(members):
    """members: list of (name, bytes) or of deflated() tuples (template
    parts compressed once). Deflated, fixed timestamps, mode 0644. Written
    here rather than with zipfile so that template parts are not compressed
    again for every file."""
    out, central = [], []
    offset = 0
    for m in members:
        name, crc, size, comp = deflated(*m) if len(m) == 2 else m
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, _DOS_TIME, _DOS_DATE,
                             crc, len(comp), size, len(name), 0)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, 0, 8,
                                   _DOS_TIME, _DOS_DATE, crc, len(comp), size, len(name),
                                   0, 0, 0, 0, 0o100644 << 16, offset) + name)
        out += [header, name, comp]
        offset += len(header) + len(name) + len(comp)
    cd = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(cd), offset, 0)
    return b"".join(out) + cd + end


def zip_parts(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(n, z.read(n)) for n in z.namelist()]


# ---------------------------------------------------------------------------
# Templates, built once in the parent before the workers fork.

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_PARTS = None  # list of (name, bytes) with placeholders
XLSX_PARTS = None


def build_templates():
    global DOCX_PARTS, XLSX_PARTS
    import docx
    from openpyxl import Workbook

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "OFFICIAL - SENSITIVE  @@REF@@"
    d.add_paragraph("@@BODY@@")
    cp = d.core_properties
    cp.title, cp.author, cp.last_modified_by = "@@TITLE@@", "@@AUTHOR@@", "@@EDITOR@@"
    cp.comments = ""
    cp.created = cp.modified = FIXED_DT
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    DOCX_PARTS = precompressed(zip_parts(buf.getvalue()), ("word/document.xml", "docProps/core.xml", "word/header1.xml"))
    assert b"@@BODY@@" in dict(p for p in DOCX_PARTS if len(p) == 2)["word/document.xml"]

    wb = Workbook()
    ws = wb.active
    ws.title = "@@SHEET@@"
    ws.append(["@@CELL@@", dt.date(2000, 1, 1)])  # a date cell: style 1 is a date format
    wb.properties.creator = "@@AUTHOR@@"
    wb.properties.created = wb.properties.modified = FIXED_DT
    buf = io.BytesIO()
    wb.save(buf)
    XLSX_PARTS = precompressed(zip_parts(buf.getvalue()), (
        "xl/worksheets/sheet1.xml", "xl/workbook.xml", "docProps/core.xml",
        "[Content_Types].xml", "xl/_rels/workbook.xml.rels"))
    sheet = dict(p for p in XLSX_PARTS if len(p) == 2)["xl/worksheets/sheet1.xml"].decode()
    assert 's="1"' in sheet, sheet
    import fpdf  # noqa: F401  (imported once, before the workers fork)


DATE_RE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def precompressed(parts, varying):
    """Template parts: those in `varying` as (name, bytes), to be changed
    per file; the others compressed once (deflated() tuples). Property dates
    are fixed (openpyxl stamps the time of saving)."""
    parts = [(n, DATE_RE.sub(rb"\g<1>2024-01-01T00:00:00Z\2", d) if n == "docProps/core.xml" else d)
             for n, d in parts]
    return [(n, d) if n in varying else deflated(n, d) for n, d in parts]


def docx_bytes(r, title, author, body_paras, heading=None, table=None):
    """body_paras: list of str; table: optional list of rows (lists of str)."""
    x = []
    if heading:
        x.append(f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{escape(heading)}</w:t></w:r></w:p>')
    if table:
        cols = len(table[0])
        x.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>')
        x.append('<w:gridCol w:w="1700"/>' * cols)
        x.append("</w:tblGrid>")
        for row in table:
            x.append("<w:tr>")
            for cell in row:
                x.append(f'<w:tc><w:tcPr><w:tcW w:w="1700" w:type="dxa"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">{escape(cell)}</w:t></w:r></w:p></w:tc>')
            x.append("</w:tr>")
        x.append("</w:tbl>")
    for p in body_paras:
        x.append(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>')
    body = "".join(x).encode()
    editor = " ".join(person(r))
    out = []
    for part in DOCX_PARTS:
        if len(part) == 4:
            out.append(part)
            continue
        name, data = part
        if name == "word/document.xml":
            data = re.sub(rb"<w:p>(?:(?!<w:p>).)*?@@BODY@@.*?</w:p>", lambda m: body, data, count=1, flags=re.S)
        elif name == "docProps/core.xml":
            data = (data.replace(b"@@TITLE@@", escape(title).encode())
                    .replace(b"@@AUTHOR@@", escape(author).encode())
                    .replace(b"@@EDITOR@@", escape(editor).encode()))
        elif name.startswith("word/header"):
            data = data.replace(b"@@REF@@", f"Ref {r.randint(100000, 999999)}".encode())
        out.append((name, data))
    return zip_bytes(out)


def col_letter(i):
    return "ABCDEFGHIJ"[i]


def excel_serial(d):
    return (d - dt.date(1899, 12, 30)).days


def note(r):
    k = r.random()
    if k < 0.45:
        return ""
    if k < 0.8:
        return r.choice(FILLERS)
    return r.choice(_SENT_FNS[:-1])(r)


def make_person_row(r):
    """Surname, Forename, DOB (date), NI number, Postcode, Notes, and the
    row as inline-string sheet XML."""
    f, s = person(r)
    row = (s, f, dob_date(r), nino(r) if r.random() < 0.85 else "", postcode(r), note(r))
    return row + (inline_row_template(row),)


def people_rows(r, n):
    """Rows of Surname, Forename, DOB (date), NI number, Postcode, Notes."""
    return r.choices(PEOPLE_POOL, k=n)


HEADER = ["Surname", "Forename", "DOB", "NI number", "Postcode", "Notes"]
SS_CT = b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
SS_REL = b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/>'
SHEET_HEAD = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<dimension ref="A1:F{n}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
              '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><sheetData>')
SHEET_TAIL = '</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'


def _cells(row):
    """(column letter, kind, value) of a row's non-empty cells."""
    return [(col_letter(ci), "d" if isinstance(v, dt.date) else "s", v)
            for ci, v in enumerate(row[:6]) if v]


def inline_row_template(row):
    """A row in openpyxl's style (inline strings), with {0} for its number."""
    x = ['<row r="{0}">']
    for col, kind, v in _cells(row):
        if kind == "d":
            x.append(f'<c r="{col}{{0}}" s="1" t="n"><v>{excel_serial(v)}</v></c>')
        else:
            v = escape(v).replace("{", "{{").replace("}", "}}")
            x.append(f'<c r="{col}{{0}}" t="inlineStr"><is><t>{v}</t></is></c>')
    x.append("</row>")
    return "".join(x)


HEADER_INLINE = inline_row_template(HEADER)


def xlsx_bytes(r, sheet_name, author, rows):
    """One sheet of HEADER + rows (from PEOPLE_POOL). Half the files use a
    shared-string table (as Excel writes them), half inline strings (as
    openpyxl writes them)."""
    shared = r.random() < 0.5
    strings, index = [], {}
    x = [SHEET_HEAD.format(n=len(rows) + 1)]
    if shared:
        for ri, row in enumerate([HEADER] + rows, start=1):
            x.append(f'<row r="{ri}">')
            for col, kind, v in _cells(row):
                if kind == "d":
                    x.append(f'<c r="{col}{ri}" s="1" t="n"><v>{excel_serial(v)}</v></c>')
                else:
                    i = index.get(v)
                    if i is None:
                        i = index[v] = len(strings)
                        strings.append(v)
                    x.append(f'<c r="{col}{ri}" t="s"><v>{i}</v></c>')
            x.append("</row>")
    else:
        x.append(HEADER_INLINE.format(1))
        x += [row[6].format(ri) for ri, row in enumerate(rows, start=2)]
    x.append(SHEET_TAIL)
    out = []
    for part in XLSX_PARTS:
        if len(part) == 4:
            out.append(part)
            continue
        name, data = part
        if name == "xl/worksheets/sheet1.xml":
            data = "".join(x).encode()
        elif name == "xl/workbook.xml":
            data = data.replace(b"@@SHEET@@", escape(sheet_name).encode())
        elif name == "docProps/core.xml":
            data = data.replace(b"@@AUTHOR@@", escape(author).encode())
        elif shared and name == "[Content_Types].xml":
            data = data.replace(b"</Types>", SS_CT + b"</Types>")
        elif shared and name == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", SS_REL + b"</Relationships>")
        out.append((name, data))
    if shared:
        sst = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">']
        sst += [f"<si><t>{escape(s)}</t></si>" for s in strings]
        sst.append("</sst>")
        out.append(("xl/sharedStrings.xml", "".join(sst).encode()))
    return zip_bytes(out)


def wrap(text, width=92):
    """Greedy word wrap (faster than textwrap for long texts)."""
    lines, line, n = [], [], 0
    for w in text.split(" "):
        if n + len(w) > width and line:
            lines.append(" ".join(line))
            line, n = [], 0
        line.append(w)
        n += len(w) + 1
    if line:
        lines.append(" ".join(line))
    return lines


def pdf_bytes(r, title, author, paras):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_auto_page_break(False)
    lines = [title, ""]
    for p in paras:
        lines += wrap(p) + [""]
    y = 297
    page = 0
    for line in lines:
        if y > 277:
            pdf.add_page()
            page += 1
            pdf.set_font("helvetica", size=8)
            pdf.text(15, 12, f"OFFICIAL - SENSITIVE    page {page}")
            pdf.set_font("helvetica", size=10)
            y = 22
        if line:
            pdf.text(15, y, line)
        y += 5
    return bytes(pdf.output())


# ---------------------------------------------------------------------------
# One file of each kind: returns (extension, bytes, members)


def make_docx(r, scale=1.0):
    slug, label = doc_kind(r)
    f, s = person(r)
    heading = title_line(r, label)
    table = None
    if r.random() < 0.3:
        table = [HEADER[:5]] + [[p[0], p[1], p[2].strftime("%d/%m/%Y"), p[3], p[4]]
                                for p in people_rows(r, r.randint(2, 12))]
    n = sized(r, 90 * scale, 3, 1500)
    return slug, "docx", docx_bytes(r, heading, f"{f} {s}", paragraphs(r, n), heading, table), 0


def make_xlsx(r, scale=1.0):
    f, s = person(r)
    n = sized(r, 1200 * scale, 200, 6000) if scale >= 1 else r.randint(20, 300)
    sheet = r.choice(["Custody", "Nominals", "Staff", "Export", "Sheet1", "Referrals"])
    return "register", "xlsx", xlsx_bytes(r, sheet, f"{f} {s}", people_rows(r, n)), 0


def make_pdf(r, scale=1.0):
    slug, label = doc_kind(r)
    f, s = person(r)
    n = sized(r, 120 * scale, 3, 2000)
    return slug, "pdf", pdf_bytes(r, title_line(r, label), f"{f} {s}", paragraphs(r, n)), 0


def make_txt(r, scale=1.0):
    slug, label = doc_kind(r)
    out = [title_line(r, label), ""]
    for _ in range(sized(r, 120 * scale, 3, 3000)):
        out.append(f"{event_date(r)} {hhmm(r)}  {paragraph(r)}")
    return slug, "txt", ("\r\n" if r.random() < 0.5 else "\n").join(out).encode() + b"\n", 0


def make_csv(r, scale=1.0):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for p in people_rows(r, sized(r, 1200 * scale, 20, 8000)):
        w.writerow((p[0], p[1], p[2].strftime("%d/%m/%Y"), p[3], p[4], p[5]))
    return "export", "csv", buf.getvalue().encode(), 0


def make_eml(r, scale=1.0, allow_attachment=True):
    sf, ss = person(r)
    tf, ts = person(r)
    slug, label = doc_kind(r)
    msg = EmailMessage()
    msg["From"] = f"{sf} {ss.title()} <{email_addr(r, sf, ss)}>"
    msg["To"] = f"{tf} {ts.title()} <{email_addr(r, tf, ts)}>"
    if r.random() < 0.3:
        cf, cs = person(r)
        msg["Cc"] = email_addr(r, cf, cs)
    msg["Subject"] = title_line(r, label)
    when = dt.datetime(2018, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=r.randrange(6 * 525600))
    msg["Date"] = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    msg["Message-ID"] = f"<{r.getrandbits(64):016x}@mail.example.org>"
    paras = paragraphs(r, sized(r, 10 * scale, 1, 200))
    text = f"Hi {tf},\n\n" + "\n\n".join(paras) + f"\n\nRegards\n{sf} {ss.title()}\n"
    msg.set_content(text)
    if r.random() < 0.3:
        html = "".join(f"<p>{escape(p)}</p>" for p in [f"Hi {tf},"] + paras)
        msg.add_alternative(f"<html><body>{html}</body></html>", subtype="html")
    members = 0
    if allow_attachment and r.random() < 0.4:
        kind = r.choice(["docx", "xlsx", "pdf"])
        slug2, ext, data, _ = {"docx": make_docx, "xlsx": make_xlsx, "pdf": make_pdf}[kind](r, 0.3)
        mime = {
            "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "pdf": ("application", "pdf"),
        }[ext]
        msg.add_attachment(data, maintype=mime[0], subtype=mime[1], filename=f"{slug2}-{r.randint(100, 999)}.{ext}")
        members = 1
    for k, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"----=_Part_{r.getrandbits(48):012x}_{k}")
    return "email", "eml", msg.as_bytes(policy=policy.SMTP), members


def make_zip(r, scale=1.0, depth=0):
    makers = [make_docx, make_xlsx, make_pdf, make_txt, make_csv, make_eml]
    members, count = [], 0
    for k in range(r.randint(2, 7)):
        if depth == 0 and r.random() < 0.08:
            slug, ext, data, m = make_zip(r, 0.3, depth + 1)
        else:
            slug, ext, data, m = r.choice(makers)(r, 0.4)
        members.append((f"{slug}-{k + 1:02d}.{ext}", data))
        count += 1 + m
    return "archive", "zip", zip_bytes(members), count


KINDS = [  # (weight by count, maker)
    (24, make_docx), (14, make_xlsx), (18, make_pdf), (20, make_eml),
    (6, make_zip), (10, make_txt), (8, make_csv),
]


def make_file(args):
    outdir, seed, i = args
    r = random.Random(f"{seed}:{i}")
    maker = r.choices([m for _, m in KINDS], [w for w, _ in KINDS])[0]
    slug, ext, data, members = maker(r)
    folder = r.choice(FOLDERS)
    if r.random() < 0.7:
        folder += f"/{r.randint(2018, 2024)}"
    rel = f"{folder}/{slug}-{i:06d}.{ext}"
    path = os.path.join(outdir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return i, rel, ext, len(data), members


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--mb", type=float, default=200, help="total input size in MB (10^6 bytes)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    if os.path.exists(a.outdir) and os.listdir(a.outdir):
        sys.exit(f"{a.outdir}: exists and is not empty (remove it first)")
    os.makedirs(a.outdir, exist_ok=True)
    start = time.time()
    build_templates()
    build_pools(a.seed)
    target = int(a.mb * 1e6)
    total, done, extra = 0, [], []
    nxt = 0
    with multiprocessing.Pool(a.jobs) as pool:
        while total < target:
            # Batches sized from the mean file so far, so that few files are
            # made past the target (and deleted).
            mean = total / len(done) if done else 50e3
            batch = max(8 * a.jobs, int((target - total) / mean * 1.02) + a.jobs)
            jobs = [(a.outdir, a.seed, i) for i in range(nxt, nxt + batch)]
            nxt += batch
            for res in pool.imap(make_file, jobs, chunksize=4):
                if total < target:
                    done.append(res)
                    total += res[3]
                else:
                    extra.append(res)
    for _, rel, _, _, _ in extra:  # made in the last batch after the total was reached
        os.remove(os.path.join(a.outdir, rel))
    secs = time.time() - start

    by = {}
    for _, _, ext, size, members in done:
        c = by.setdefault(ext, [0, 0, 0])
        c[0] += 1
        c[1] += size
        c[2] += members
    print(f"# Mixed document corpus: --mb {a.mb:g} --seed {a.seed}")
    print()
    print(f"{len(done)} files, {total / 1e6:.1f} MB, generated in {secs:.0f} s with {a.jobs} jobs "
          f"(benches/make_mixed_corpus.py).")
    print()
    print("| kind | files | MB | mean KB | members |")
    print("|------|------:|---:|--------:|--------:|")
    for ext in sorted(by, key=lambda e: -by[e][0]):
        n, size, m = by[ext]
        print(f"| {ext} | {n} | {size / 1e6:.1f} | {size / n / 1e3:.0f} | {m} |")
    print(f"| **total** | {len(done)} | {total / 1e6:.1f} | {total / len(done) / 1e3:.0f} | {sum(c[2] for c in by.values())} |")


if __name__ == "__main__":
    main()

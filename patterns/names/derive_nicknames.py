#!/usr/bin/env python3
"""Derive trawl's forename nickname table: nicknames.tsv.

How to run (from the repository root):

    pip download nicknames==1.0.1 --no-deps -d /tmp/nick-wheel
    python3 patterns/names/derive_nicknames.py /tmp/nick-wheel/nicknames-1.0.1-py3-none-any.whl

With no argument the wheel is looked for as /tmp/nick-wheel/*.whl. The wheel
is read with `zipfile`; nothing is installed or imported from it. Its SHA-256
is checked against the pinned value below (`--no-verify` skips the check;
another build then gives other output). Output goes to nicknames.tsv next to
this script unless `--out FILE` is given. Python 3 standard library only. The
output is byte-for-byte deterministic: running the script twice gives the
same file.

Output: one directed edge per line, `formal<TAB>variant<TAB>weight`, all lower
case with diacritics kept (siân), sorted by code point (LC_ALL=C sort), no
duplicates, no header; a few leading `#` comment lines give source, licence
and generator. An edge says: `variant` is a diminutive, short form, pet form
or spelling variant (weight 2), or a cognate / cross-language equivalent
(weight 1), of the given name `formal`. The table is NOT transitively closed
and must not be closed by its users (DOMAIN.md 5.3): bill -> william -> will
-> ... explodes.

Sources, in order of precedence (a pair from an earlier source keeps its
weight):
  1. UK_PAIRS below: the table of DOMAIN.md 5.3 and the Welsh, Irish,
     Scottish and Muslim/South Asian pairs of DOMAIN.md 5.2, typed from that
     reference, plus a few UK forms (UK_EXTRA).
  2. PyPI `nicknames` 1.0.1 (Carlton Northern, Nick Crews), file
     nicknames/names.csv in the wheel (header name1,relationship,name2; every
     row has_nickname). Licence: Apache-2.0 per the wheel METADATA
     `License-Expression`; no licence file ships in the wheel. Cleaned with
     the drop rules below (US-derived list: DOMAIN.md 5.3 warns of oddities
     such as "bill" under "robert").
"""

import argparse
import csv
import glob
import hashlib
import io
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

WHEEL_NAME = "nicknames-1.0.1-py3-none-any.whl"
WHEEL_SHA256 = "30608a6a50086bb508e6d5f4fb618ef4f988d5604f73ec1ebcccbc92952f9de9"
CSV_MEMBER = "nicknames/names.csv"
DEFAULT_WHEEL_GLOB = "/tmp/nick-wheel/*.whl"

DIM = 2   # diminutive, nickname, short form, spelling variant
COG = 1   # cognate / cross-language equivalent (low weight)

# --------------------------------------------------------------------------
# Source 1: UK pairs, typed from DOMAIN.md 5.3 (the table) and 5.2.
# Each line: "formal: variant, variant, ..." ; a variant written "=name" is
# a cognate (weight 1), otherwise weight 2. Several formals may share one
# line when written "a / b: ...".
# --------------------------------------------------------------------------

DOMAIN_5_3 = """
robert: rob, robbie, bob, bobby, bert, bertie
william: will, willie, bill, billy, liam, wills
richard: rich, richie, rick, ricky, dick, dickie
edward: ed, eddie, ted, teddy, ned
john: johnny, jack, jock, =ian, =iain, =sean, =evan, =ieuan
james: jim, jimmy, jamie, jem, =hamish, =seamus
thomas: tom, tommy
michael: mike, mick, micky, mikey
anthony: tony, ant
christopher: chris, kit, topher
stephen / steven: steve, stevie
david: dave, davey, dai, =dafydd
daniel: dan, danny
andrew: andy, drew
alexander: alex, alec, sandy, xander
alexandra: alex, lexi, sandra, sasha
nicholas: nick, nicky
nicola: nicky, nikki
matthew: matt, matty
benjamin: ben, benny
joseph: joe, joey
samuel / samantha: sam, sammy
charles: charlie, chas, chaz
henry: harry, hal
frederick: fred, freddie
terence: terry, tel
barry: baz
gary: gaz
darren: daz
derek: del
gerald / gerard: gerry, ged
leonard: len, lenny, leo
lawrence: larry, laurie
raymond: ray
ronald: ron, ronnie
donald: don, donnie
kenneth: ken, kenny
philip: phil, pip
jonathan: jon, jonny
margaret: maggie, mags, meg, peggy, marge, madge, rita
elizabeth: liz, lizzie, beth, betty, bess, libby, eliza, elsie, lisa
catherine / katherine / kathryn: kate, katie, kathy, cath, cathy, kay, kitty
patricia: pat, patty, trish, tricia
patrick: pat, paddy
jennifer: jen, jenny, jenna
susan: sue, susie, suzy
deborah: debbie, deb
rebecca: becky, becca, bex
victoria: vicky, tori
jacqueline: jackie, jacqui
sharon: shaz
karen: kaz
kerry: kez
abigail: abbie, abby, gail
eleanor: ellie, nell, nora
helen: nell
mary: molly, polly, may, =mair, =máire, =moira
ann / anne: annie, nan, nancy
frances: fran, frankie
francis: frank
"""

DOMAIN_5_2 = """
# Welsh
david: =dafydd
dafydd: dai
john: =siôn, =sion
siôn: sion
john: =ieuan, =evan
ieuan: iwan, =evan
rhys: rees, reece, reese
hugh: =huw
william: =gwilym
llywelyn: llewellyn, llewelyn, llew
siân: sian, shân, shan
mary: =mair
# Irish
seán: sean, shaun, shawn
sean: shaun, shawn
shaun: shawn
shawn: shaun
john: =seán
patrick: paddy, =pádraig, =padraig
pádraig: padraig, paddy
siobhán: siobhan, shivaun
siobhan: shivaun
niamh: neve
aoife: =eva
# Scottish
james: =seumas, =hamish
seumas: hamish
john: =iain, =ian
iain: ian
ian: iain
# Muslim / South Asian: transliterations of one name are written both ways
# (MESHES below); Mohd and Md are abbreviations.
"""

# Sets of spellings of one name: every member -> every other member, weight 2.
MESHES = [
    "mohammed muhammad mohammad mohamed mohamad muhammed",
    "hussain hussein husain",
    "miah meah",
]
# Abbreviations: every member of the first set -> these, weight 2.
MESH_ABBREV = [("mohammed muhammad mohammad mohamed mohamad muhammed", "mohd md")]
# Miah/Mia/Meah (DOMAIN 5.2) are surname spellings; "mia" is also a common
# female forename, so only miah -> mia is written, never mia -> miah.

# UK forms not in the DOMAIN table (the same family as Gaz/Baz/Kaz).
UK_EXTRA = """
gareth: gaz
sarah: saz
stephen: steven
steven: stephen
laurence: larry, laurie
phillip: phil
miah: mia
"""

# --------------------------------------------------------------------------
# Source 2 cleaning: edges of nicknames/names.csv that are dropped.
# Each line: "formal>variant, variant, ..." under a reason heading "[reason]".
# Reasons:
#   reversed  the row points from a diminutive back to its formal name
#             (bob->robert); the formal->diminutive row is kept instead
#   distinct  the variant is a different name in its own right in UK usage,
#             so the edge would make two different names equivalent
#             (helen->ellen, gareth->gary, catherine->lena)
#   sex       links a masculine and a feminine name (andrea->andrew)
#   oddity    not an equivalence in UK usage, a US curiosity, or an ordinary
#             word or surname as "nickname" (robert->bill, david->day,
#             clifford->ford, westley->farmboy)
# Rule applied by code, not listed: "initials" (the variant is not letters
# only: k.c., l.r., l.b.).
# --------------------------------------------------------------------------

DROP = """
[reversed]
della>adela, adelaide, delilah
inez>agnes
mandy>amanda
mandie>amanda
annie>ann, anna
tony>anthony
nancy>ann
bella>arabella, isabella
babs>barbara
barbie>barbara
barney>barnabas
bart>bartholomew
bea>beatrice
benjy>benjamin
beth>elizabeth, betsy, betty
bill>robert, william, billy, fred
billy>robert, william, fred
bob>robert
brad>bradford
carolann>carol, carole
sandra>cassandra
cathy>catherine, cathleen, kathy
charlie>charles
chet>chester
tina>christina
cindy>cinderella
cliff>clifford
delia>cordelia, fidelia
danny>daniel
debbie>deborah, debra
dick>richard, rick
eliza>elizabeth
francie>francine
frankie>francis, frank
jerry>geraldine
gertie>gertrude
trudy>gertrude
harry>harold, henry
ian>john
ivan>john
jamie>james
jamey>james
jon>john, johnny
josey>josophine
judy>judith
kenny>kenneth
monty>lamont
larry>laurence, lawrence
lil>lilly
lou>louis
luke>lucas
lucy>lucinda
mabel>mehitabel
maddy>madeline, madelyn, madge
madie>madeline, madelyn
manny>manuel
marge>margaret, margaretta
margie>marjorie
mitzi>mary
missy>melissa
merv>mervin
mike>michael, mick
minnie>wilhelmina
mitch>mitchell
newt>newton
obie>obediah
ollie>oliver
patty>patricia
trish>patricia
prudy>prudence
ray>raymond
reggie>reginald
ronny>ronald
sandy>sandra
sue>susan, susie
tabby>tabitha
terry>terence
tess>teresa, theresa
tessa>teresa, theresa
thad>thaddeus
theo>theodore
thom>thomas, tommy
tom>thomas
vic>victor, vicki, vickie, vicky
vicki>victoria
will>wilbur, bill, fred
willie>william, fred
winnie>winnifred
winny>winnifred
chick>caroline, charlotte
pheney>josephine
gretchen>margaret
sheila>cecilia
trix>trixie
zach>zack
cinderella>arilla

[distinct]
frederica>erica, erika
bertrand>randy
floyd>lloyd
shirley>lee, sherry
anastasia>ana
aaron>erin, ron, ronnie
aron>erin, ron, ronnie
adaline>lena
adeline>lena
aileen>lena
arlene>lena
darlene>lena
catherine>lena, casey, cassie, trina
cathleen>lena, casey, cassie, trina
katherine>lena, cassie, trina
kathleen>lena, cassie, trina
helen>ella, ellen, ellie, lena
helene>ella, ellen, ellie, lena
helena>aileen, eileen, elaine, eleanor, ellen
madeline>lena, maggie, maud, madge, magda
magdalena>maggie
magdelina>maggie, madge
paula>lina, polly
paulina>polly
pauline>polly
paul>polly
adelaide>heidi
adelbert>albert
alice>elsie, lisa
alicia>elsie, lisa
amelia>amy, emily
amos>moses
moses>amos
annette>anna
antoinette>ann
antonia>ann
christiana>ann
deanne>ann
bryanna>ana, anna
rosaenn>ann
rosaenna>ann
roseann>ann
roseanna>ann
roseanne>ann
roxanna>ann, rose
roxanne>ann, rose
leanne>annie
stephanie>annie
hannah>anna
savannah>anna
joanna>hannah, joan
johannah>hannah, joan
susan>hannah
susannah>hannah
ashley>leah, lee
elias>lee
levi>lee
lenora>lee
leonidas>lee
leroy>lee, roy
augusta>tina
augustine>austin
augustus>austin
beatrice>trisha
belinda>linda
celinda>linda, lynn
melinda>linda, lynn
philinda>linda, lynn
rosalinda>linda
rosalyn>linda
linda>lynn
lindy>lynn
lyndon>lynn
benjamin>jamie
brian>bryant
carol>caroline, cassie, kara, kari, lynn
caroline>carol, carole, cassie, lynn
carolyn>cassie, lynn
carrie>cassie
cassandra>sandra
charles>carl
charlotte>sherry
christian>kit
crystal>chris
claire>clara
clare>clara
clara>clarissa
clarissa>clara
clementine>clement
clifton>tony
shelton>tony
cornelius>neil, niel
danielle>ellie
elmira>ellie
derek>rick, ricky
derick>rick, ricky
derrick>eric, rick, ricky
roderick>erick, rickie
doris>dora
dorinda>dorothea
earnest>ernestine
eileen>helen
elaine>helen
elena>helen
ellen>helen
ellender>ellen, helen
ella>ellen
lena>ellen
eleanor>elaine, ellen, lenora
eloise>louise
elouise>louise
heloise>lois
emanuel>manuel
manuel>emanuel
immanuel>manuel
emeline>emily, emma
emily>emma
evangeline>evan
faith>fay
fallon>lonnie, lon
flora>florence
florence>flora
frederick>derick, erick
gabriella>ella
gabrielle>ella
luella>ella
gareth>gary
garrett>garry, gary, jerry, barrett, rhett
genevieve>jean, jenny
georgine>george
geraldine>dina
gwen>wendy
gwendolyn>wendy
hubert>hugh
jackson>jack
jacob>jay
jalen>al, jay, len, lennie, lenny, haylen
alyssa>al
jacqueline>jack
jane>jean, jennie, jessie
jean>jane
jeanne>jane
janet>jessie
jeanette>janet, jean, jessie
jennet>jessie
jessie>jane, janet
virginia>jane, jennie
jincy>jane
jinsy>jane
jerita>rita
johannes>johnny, jonathan
johnathan>john, nathan
johnathon>john
jonathan>john, nathan
jonathon>john
joseph>jody
josephine>jody
joyce>joy
juanita>nettie
natalie>nettie
julia>jill, julie
julie>julia
katarina>catherine
katelin>kate, kay
katelyn>kate, kay
kayla>kay
makayla>kayla
katia>kate, katie
kendall>ken, kenny
kendra>kay, kenny
kent>ken, kenny, kendrick
kenneth>kendrick
mckenna>ken
laurel>laurie
lauren>laurie
lauryn>laurie
lorelei>laurie, lori
laurinda>laura, lawrence
laverne>vernon
leo>leon
leonard>leon
lionel>leon
napoleon>leon
lois>louise
louise>lois, eliza
louisa>eliza, lois
louis>louise
lorenzo>loren
luther>luke
madison>mattie
marcus>marc, mark
margaret>daisy
margaretta>daisy
margarita>daisy, maisie, megan
mariah>mary
marie>mary
mary>marie
marilyn>mary
marion>mary
marsha>mary
maureen>mary
demaris>mary
demerias>mary
rosemary>marie, mary
marietta>mae, mamie, maria, mariah, marie, marion, mary, maureen, may, minnie, mitzi, mollie, molly, polly
martha>mat, patsy, patty
mathilda>patty
patsy>patty
melissa>lisa
elysia>lisa
mercedes>sadie
michael>micah
michelle>mickey
miguel>michael, mike
miranda>randy
andrew>randy
nathaniel>nathan
nicole>cole
nicholette>cole
olive>livia
orlando>roland
roland>orlando
parmelia>amelia
patrick>peter
philipina>phoebe
prescott>scott, scotty
rachel>shelly
raphael>ralph
reba>becca, beck
reynold>reginald
rich>dick, rick
ricky>dick, rich
rodger>bobby
roger>bobby
bert>bob, bobby
robert>rupert
rosa>rose
roscoe>ross
salvador>sally
samyra>myra
sheridan>dan, danny
simeon>sion
simon>sion
solomon>saul, sal, salmon
sophronia>sophia
theresa>traci, tracie, tracy
veronica>ron, ronnie, ronny, ronie, ronna
wilma>william
willis>bill
wilson>will, willie
wilda>willie
winifred>freddie
winnifred>fred, freddie
frieda>fred, freddie
woodrow>drew
cameron>ron, ronny
calvin>vin, vinny
anselm>selma
selma>anselm
casper>jasper
jasper>casper
gilbert>wilber
wilber>bert
hopkins>hop, hopp
matthews>matt, mattie, matty
smith>smitty
junior>june, jr, junie
justin>justina, justus
june>junius
lucia>lucius
delia>delius
theodosia>theodosius

[sex]
frederica>frederick
ernestine>ernest
alexandria>alexander
andrea>andrew
edwina>edwin
emil>emily
felicia>felix
clarence>clare
jerry>geri

[oddity]
robert>bill, billy
adelphia>philly
beck>becky
becca>beck
bethena>beth
blanche>bea
brenda>brandy
bradford>brad, ford
brad>ford
clifford>ford
broderick>brady
delores>della
deliverance>della
rhodella>della
delphine>del
delpha>philadelphia
gum>monty
montgomery>gum
waldo>ossy
jefferson>sonny
judson>sonny
mack>mac, mc
mac>mc
mackenzie>mac, mack
manoah>noah
westley>farmboy, west
scott>squat, sceeter
veronica>franky
greenberry>green
littleberry>little
archilles>kill, killis
eliphalet>left
eliphalel>life
deuteronomy>duty
democrates>mock
socrates>crate
silvester>vest
dorcus>darkey
herman>dutch
gerhardt>gay
kingsley>king
kingston>king
charity>chat
gregory>gory
frances>sis
jedediah>dyer
jedidiah>dyer
obadiah>dyer
zedediah>dyer
courtney>curt, court
crystal>stal, tal
leonore>honor
laurence>lorne, lorry
lawrence>lorne, lorry
winfield>field
alverta>vert
david>day
cyrenius>serene
hamilton>ham
washington>wash
webster>webb
lincoln>link
elwood>woody
woodrow>wood
duncan>dunk
carmon>charm
absalom>app
seymour>see
fallon>falcon, fall
tilford>tillie
william>bela, bell
wilma>billiewilhelm
jerry>jereme
"""

# Rows of names.csv kept at weight 1 (cognates), not 2.
SOURCE2_COGNATES = """
agnes>inez
johann>john
johannes>john
jacobus>jacob
jacob>jaap
nicholas>claas, claes
nikolas>claes
"""


# --------------------------------------------------------------------------

def norm(s):
    return unicodedata.normalize("NFC", s.strip().lower())


def parse_uk(text, pairs, source):
    """'a / b: v, =w' lines -> pairs[(formal, variant)] = (weight, source)."""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        left, right = line.split(":", 1)
        formals = [norm(f) for f in left.split("/")]
        for v in right.split(","):
            v = v.strip()
            w = DIM
            if v.startswith("="):
                w, v = COG, v[1:]
            v = norm(v)
            for f in formals:
                if f != v and (f, v) not in pairs:
                    pairs[(f, v)] = (w, source)


def parse_arrows(text):
    """'[reason]' headings and 'a>b, c' lines -> {(a, b): reason}."""
    out = {}
    reason = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            reason = line.strip("[]")
            continue
        left, right = line.split(">", 1)
        for v in right.split(","):
            key = (norm(left), norm(v))
            if key in out:
                sys.exit("derive_nicknames: %s>%s listed twice" % key)
            out[key] = reason
    return out


def uk_pairs():
    pairs = {}
    parse_uk(DOMAIN_5_3, pairs, "domain-5.3")
    parse_uk(DOMAIN_5_2, pairs, "domain-5.2")
    for mesh in MESHES:
        names = mesh.split()
        for a in names:
            for b in names:
                if a != b and (a, b) not in pairs:
                    pairs[(a, b)] = (DIM, "domain-5.2")
    for full, abbrev in MESH_ABBREV:
        for a in full.split():
            for b in abbrev.split():
                pairs.setdefault((a, b), (DIM, "domain-5.2"))
    parse_uk(UK_EXTRA, pairs, "uk-extra")
    return pairs


def read_wheel(path, verify):
    data = Path(path).read_bytes()
    if verify and hashlib.sha256(data).hexdigest() != WHEEL_SHA256:
        sys.exit("derive_nicknames: %s is not the pinned %s "
                 "(use --no-verify to accept another build)" % (path, WHEEL_NAME))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = z.read(CSV_MEMBER).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    if rows[0] != ["name1", "relationship", "name2"]:
        sys.exit("derive_nicknames: unexpected header %r" % rows[0])
    edges = []
    for r in rows[1:]:
        if len(r) != 3 or r[1] != "has_nickname":
            sys.exit("derive_nicknames: unexpected row %r" % r)
        edges.append((norm(r[0]), norm(r[2])))
    return edges


def derive(wheel, verify=True):
    uk = uk_pairs()
    drop = parse_arrows(DROP)
    cognates = parse_arrows("[c]\n" + SOURCE2_COGNATES)
    src = read_wheel(wheel, verify)

    # Sanity: the drop list never removes a UK pair, and names every edge
    # it drops (a stale entry means the input changed).
    clash = sorted(k for k in drop if k in uk)
    if clash:
        sys.exit("derive_nicknames: drop list removes UK pairs: %r" % clash)
    src_set = set(src)
    stale = sorted(k for k in list(drop) + list(cognates) if k not in src_set)
    if stale:
        sys.exit("derive_nicknames: drop/cognate entries not in the input: %r" % stale)

    stats = Counter()
    stats["source rows"] = len(src)
    out = {k: w for k, (w, _) in uk.items()}
    for (a, b) in sorted(src_set):
        if not all(ch.isalpha() for ch in b) or not all(ch.isalpha() for ch in a):
            stats["dropped: initials"] += 1
            continue
        if a == b:
            stats["dropped: self"] += 1
            continue
        reason = drop.get((a, b))
        if reason:
            stats["dropped: " + reason] += 1
            continue
        if (a, b) in out:
            stats["kept: already a UK pair"] += 1
            continue
        out[(a, b)] = COG if (a, b) in cognates else DIM
        stats["kept: added"] += 1
    stats["duplicate source rows"] = len(src) - len(src_set)
    stats["UK pairs"] = len(uk)
    return out, stats


def render(edges, stats):
    kept = stats["kept: added"] + stats["kept: already a UK pair"]
    dropped = sum(v for k, v in stats.items() if k.startswith("dropped"))
    head = [
        "# trawl forename nickname table: formal<TAB>variant<TAB>weight "
        "(2 diminutive/spelling variant, 1 cognate); directed, not transitively closed",
        "# generated by patterns/names/derive_nicknames.py; do not edit by hand",
        "# sources: DOMAIN.md 5.2/5.3 UK pairs (project); PyPI nicknames 1.0.1 "
        "nicknames/names.csv (Carlton Northern, Nick Crews), "
        "License-Expression: Apache-2.0, cleaned (%d rows kept, %d dropped)" % (kept, dropped),
    ]
    lines = sorted("%s\t%s\t%d" % (a, b, w) for (a, b), w in edges.items())
    return "\n".join(head + lines) + "\n"


# DOMAIN.md 5.3 pairs that must be present (for the self-check): every pair
# of the table as typed above.
def domain_5_3_pairs():
    pairs = {}
    parse_uk(DOMAIN_5_3, pairs, "check")
    return set(pairs)


def check(text):
    body = [l for l in text.split("\n")[:-1] if not l.startswith("#")]
    assert text.endswith("\n") and "\r" not in text
    assert body == sorted(body, key=lambda s: s.encode("utf-8")), "not sorted (C order)"
    assert len(body) == len(set(body)), "duplicate lines"
    keys = [tuple(l.split("\t")[:2]) for l in body]
    assert len(keys) == len(set(keys)), "duplicate formal/variant pairs"
    for l in body:
        a, b, w = l.split("\t")
        assert a == a.lower() and b == b.lower() and a != b and w in ("1", "2"), l
    missing = domain_5_3_pairs() - set(keys)
    assert not missing, "DOMAIN 5.3 pairs missing: %r" % sorted(missing)
    for bad in [("robert", "bill"), ("robert", "billy"), ("bob", "robert")]:
        assert bad not in set(keys), bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wheel", nargs="?", help="nicknames-1.0.1 wheel "
                    "(default: %s)" % DEFAULT_WHEEL_GLOB)
    ap.add_argument("--out", default=str(Path(__file__).with_name("nicknames.tsv")))
    ap.add_argument("--no-verify", action="store_true",
                    help="skip the wheel's SHA-256 check")
    args = ap.parse_args()
    wheel = args.wheel
    if not wheel:
        found = sorted(glob.glob(DEFAULT_WHEEL_GLOB))
        if not found:
            sys.exit("derive_nicknames: no wheel; run: pip download "
                     "nicknames==1.0.1 --no-deps -d /tmp/nick-wheel")
        wheel = found[0]
    edges, stats = derive(wheel, verify=not args.no_verify)
    text = render(edges, stats)
    check(text)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    w = Counter(edges.values())
    for k in sorted(stats):
        print("%-28s %d" % (k, stats[k]), file=sys.stderr)
    print("%-28s %d (weight 2: %d, weight 1: %d)" % ("edges written", len(edges),
          w[2], w[1]), file=sys.stderr)


if __name__ == "__main__":
    main()

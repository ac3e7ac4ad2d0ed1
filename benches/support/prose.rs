//! A deterministic, seeded generator of labelled synthetic police and HR
//! documents (incident logs, custody records, occupational-health letters,
//! complaint emails, HR records, intelligence reports and CSV exports) for
//! measuring `person_name` and the category lexicons.
//!
//! Every document is built from templates written for this generator. The
//! category vocabulary below was written independently of
//! `patterns/lexicons/` (from general police and HR usage and
//! `shared/DOMAIN.md` §2.2-2.4), so that recall is not circular. Names are
//! random combinations of forenames and surnames from several UK
//! communities, plus invented ones (not in any gazetteer); no real person
//! is described.
//!
//! # Template markup
//!
//! - `{kind1+kind2#case:body}`: a labelled positive: `body` reveals every
//!   kind listed (`person_name` or a category id from
//!   `patterns/categories.toml`); `#case` optionally tags a hard case.
//! - `[kind#case:body]`: a hard negative: `body` must not be reported as
//!   `kind` (a finding of that kind on it is a false positive, listed under
//!   `case`).
//! - `<a|b|c>`: one alternative at random.
//! - `@pool`: a random entry of a named vocabulary pool (entries may hold
//!   markup).
//! - `$var`: people (`$s` subject, `$v` victim, `$w` witness, `$o` and `$p`
//!   officers, `$m` manager or clinician; `_t` title and surname, `_f`
//!   forename only, `_n` full name, `_u` SURNAME, Forename), dates, times,
//!   references, addresses ...
//!
//! # Labelling policy
//!
//! A positive covers the words that reveal the category to a reader (a
//! diagnosis, a field label with its value, an offence). Text outside every
//! positive is meant to reveal nothing in any scored kind, so a finding
//! there is a false positive. Negated statements ("no history of
//! depression") are positives (DOMAIN.md §2.1: negation never drops a
//! category). Words that are also names (Will, May, Rose ...) are names only
//! with evidence (a second name part, a title or rank, a role or label, a
//! name column).
//!
//! Used by `benches/lexeval.rs` through `#[path = ...] mod prose;` next to
//! `mod corpus;` (for its [`Rng`]); it depends on `std` and `serde_json`
//! only.

#![allow(dead_code)]

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::corpus::Rng;

/// The kinds scored: `person_name`, then the category ids of
/// `patterns/categories.toml` in file order.
pub const KINDS: &[&str] = &[
    "person_name",
    "personal_details",
    "family_lifestyle_social",
    "education_training",
    "employment",
    "financial",
    "goods_services",
    "racial_ethnic_origin",
    "political_opinions",
    "religious_beliefs",
    "trade_union",
    "health",
    "sexual_life",
    "offences",
    "criminal_proceedings",
    "physical_identifiers",
    "sound_visual_images",
    "licences_permits",
    "criminal_intelligence",
    "manual_records_references",
    "health_safety",
    "complaints_incidents",
];

/// One labelled span: a positive (`negative == false`) of `kind`, or a hard
/// negative that must not be reported as `kind`. Offsets are bytes into the
/// file `path` (relative to the corpus folder, `/` separators).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub path: String,
    pub start: u64,
    pub end: u64,
    pub kind: String,
    pub negative: bool,
    /// Hard-case tag ("negated_health", "reading_place" ...), or empty.
    pub case: String,
    /// Names only: the written form ("title_surname", "initials_surname"
    /// ...).
    pub form: String,
    /// Names only: where the name parts come from ("welsh", "somali",
    /// "invented" ...).
    pub origin: String,
    /// The labelled text (synthetic, safe to print).
    pub text: String,
}

impl Span {
    pub fn to_json(&self) -> String {
        let mut v = serde_json::json!({
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "negative": self.negative,
            "text": self.text,
        });
        for (k, x) in [
            ("case", &self.case),
            ("form", &self.form),
            ("origin", &self.origin),
        ] {
            if !x.is_empty() {
                v[k] = serde_json::Value::String(x.clone());
            }
        }
        v.to_string()
    }

    pub fn from_json(line: &str) -> Option<Span> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        Some(Span {
            path: v["path"].as_str()?.to_string(),
            start: v["start"].as_u64()?,
            end: v["end"].as_u64()?,
            kind: v["kind"].as_str()?.to_string(),
            negative: v["negative"].as_bool()?,
            case: s("case"),
            form: s("form"),
            origin: s("origin"),
            text: s("text"),
        })
    }
}

#[derive(Clone, Debug)]
pub struct GenOptions {
    pub seed: u64,
    pub docs: u64,
    /// Share (0..1) of documents that are CSV exports.
    pub csv_share: f64,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            seed: 1,
            docs: 16000,
            csv_share: 0.08,
        }
    }
}

/// What [`generate`] wrote.
pub struct Written {
    pub files: u64,
    pub csv_files: u64,
    pub bytes: u64,
    pub spans: Vec<Span>,
}

/// Writes `opts.docs` documents to `dir/text/<type>/NNNNN.txt` and
/// `dir/csv/<type>/NNNNN.csv`, and every span to `dir/labels.jsonl`.
pub fn generate(dir: &Path, opts: &GenOptions) -> io::Result<Written> {
    let mut labels = BufWriter::new(fs::File::create(dir.join("labels.jsonl"))?);
    let mut w = Written {
        files: 0,
        csv_files: 0,
        bytes: 0,
        spans: Vec::new(),
    };
    for i in 0..opts.docs {
        let mut r = Rng::new(opts.seed ^ (i + 1).wrapping_mul(0xD6E8_FEB8_6659_FD93));
        let csv = r.chance(opts.csv_share);
        let (kind, doc) = if csv {
            csv_doc(&mut r)
        } else {
            text_doc(&mut r)
        };
        let rel = format!(
            "{}/{kind}/{i:05}.{}",
            if csv { "csv" } else { "text" },
            if csv { "csv" } else { "txt" }
        );
        let path = dir.join(&rel);
        fs::create_dir_all(path.parent().expect("a parent folder"))?;
        fs::write(&path, doc.out.as_bytes())?;
        w.files += 1;
        w.csv_files += u64::from(csv);
        w.bytes += doc.out.len() as u64;
        for s in doc.spans {
            let text = &doc.out[s.start..s.end];
            assert!(
                !text.is_empty() && text.trim() == text,
                "{rel}: empty or padded {} span {text:?}",
                s.kind
            );
            let span = Span {
                path: rel.clone(),
                start: s.start as u64,
                end: s.end as u64,
                kind: s.kind.to_string(),
                negative: s.negative,
                case: s.case,
                form: s.form.to_string(),
                origin: s.origin.to_string(),
                text: doc.out[s.start..s.end].to_string(),
            };
            writeln!(labels, "{}", span.to_json())?;
            w.spans.push(span);
        }
    }
    labels.flush()?;
    Ok(w)
}

pub fn read_spans(path: &Path) -> io::Result<Vec<Span>> {
    let text = fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(Span::from_json(line).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}:{}: not a label", path.display(), n + 1),
            )
        })?);
    }
    Ok(out)
}

// ------------------------------------------------------------------ names

/// A community's names: male forenames, female forenames, surnames (male
/// form), surnames (female form, or empty when the same).
struct Community {
    origin: &'static str,
    male: &'static [&'static str],
    female: &'static [&'static str],
    surnames: &'static [&'static str],
    female_surnames: &'static [&'static str],
    weight: u64,
}

const COMMUNITIES: &[Community] = &[
    Community {
        origin: "english",
        male: &[
            "James", "Oliver", "Thomas", "Daniel", "Matthew", "Robert", "Stephen", "Paul", "Craig",
            "Lee", "Darren", "Jack", "Harry", "George", "Callum", "Nathan", "Liam", "Gary",
            "Wayne", "Kieran", "Ashley", "Jordan", "Bradley", "Toby",
        ],
        female: &[
            "Sarah",
            "Emma",
            "Charlotte",
            "Lauren",
            "Rebecca",
            "Claire",
            "Hayley",
            "Gemma",
            "Nicola",
            "Jessica",
            "Amy",
            "Chloe",
            "Sophie",
            "Joanne",
            "Kelly",
            "Danielle",
            "Stacey",
            "Leanne",
            "Natalie",
            "Abigail",
            "Paige",
            "Jade",
        ],
        surnames: &[
            "Smith",
            "Taylor",
            "Wilson",
            "Walker",
            "Wright",
            "Thompson",
            "Robinson",
            "Hughes",
            "Edwards",
            "Hall",
            "Wood",
            "Harrison",
            "Clarke",
            "Turner",
            "Cooper",
            "Ward",
            "Marsh",
            "Barker",
            "Pickering",
            "Ashworth",
            "Fairclough",
            "Entwistle",
            "Hargreaves",
            "Whitworth",
            "Pemberton",
            "Kershaw",
            "Lockwood",
            "Brierley",
            "Oakes",
            "Heywood",
        ],
        female_surnames: &[],
        weight: 30,
    },
    Community {
        origin: "welsh",
        male: &[
            "Rhys", "Dafydd", "Gareth", "Owain", "Aled", "Iwan", "Gethin", "Emyr", "Huw",
            "Geraint", "Cai", "Ioan",
        ],
        female: &[
            "Cerys",
            "Sian",
            "Ffion",
            "Bethan",
            "Angharad",
            "Nia",
            "Carys",
            "Eleri",
            "Mali",
            "Lowri",
            "Heledd",
            "Gwenllian",
        ],
        surnames: &[
            "Jones",
            "Williams",
            "Davies",
            "Evans",
            "Thomas",
            "Roberts",
            "Lewis",
            "Morgan",
            "Griffiths",
            "Pritchard",
            "Llewellyn",
            "Prosser",
            "Bevan",
            "Powell",
            "Gwynne",
            "Rees",
            "Pugh",
            "Vaughan",
        ],
        female_surnames: &[],
        weight: 8,
    },
    Community {
        origin: "scottish",
        male: &[
            "Alasdair", "Hamish", "Fraser", "Euan", "Calum", "Angus", "Ross", "Murdo", "Struan",
            "Lachlan",
        ],
        female: &[
            "Eilidh", "Morag", "Kirsty", "Isla", "Catriona", "Mhairi", "Shona", "Ailsa", "Fiona",
            "Iona",
        ],
        surnames: &[
            "MacDonald",
            "McKenzie",
            "MacLeod",
            "Campbell",
            "Stewart",
            "McIntyre",
            "Robertson",
            "Buchanan",
            "Sutherland",
            "McGregor",
            "Mackay",
            "MacAulay",
            "Drummond",
            "Baird",
            "McAllister",
        ],
        female_surnames: &[],
        weight: 7,
    },
    Community {
        origin: "irish",
        male: &[
            "Sean", "Ciaran", "Padraig", "Declan", "Eoin", "Cormac", "Niall", "Oisin", "Donal",
            "Fergal",
        ],
        female: &[
            "Siobhan", "Aoife", "Niamh", "Orla", "Roisin", "Grainne", "Caoimhe", "Sinead",
            "Aisling", "Clodagh",
        ],
        surnames: &[
            "O'Neill",
            "O'Brien",
            "O'Sullivan",
            "Murphy",
            "Kelly",
            "Byrne",
            "McCarthy",
            "Doyle",
            "Gallagher",
            "O'Connor",
            "Quinn",
            "Brennan",
            "McLaughlin",
            "O'Driscoll",
            "Flanagan",
            "Nolan",
            "Keane",
        ],
        female_surnames: &[],
        weight: 7,
    },
    Community {
        origin: "pakistani_indian",
        male: &[
            "Mohammed", "Imran", "Asif", "Tariq", "Rajesh", "Sanjay", "Vikram", "Arjun", "Zain",
            "Bilal", "Adeel", "Kamran", "Nadeem", "Rohit", "Hamza", "Usman",
        ],
        female: &[
            "Ayesha", "Fatima", "Priya", "Sunita", "Nazia", "Shabana", "Anjali", "Rukhsana",
            "Sana", "Mehwish", "Farah", "Kavita", "Zainab", "Hina",
        ],
        surnames: &[
            "Khan", "Patel", "Ahmed", "Hussain", "Ali", "Akhtar", "Iqbal", "Mahmood", "Shah",
            "Sharma", "Mistry", "Qureshi", "Butt", "Malik", "Chaudhry", "Parmar", "Joshi",
        ],
        female_surnames: &[],
        weight: 10,
    },
    Community {
        origin: "sikh",
        male: &[
            "Gurpreet",
            "Harjit",
            "Jasvinder",
            "Manjit",
            "Kulwinder",
            "Ranjit",
            "Sukhdev",
            "Baljit",
            "Amandeep",
        ],
        female: &[
            "Harpreet", "Jaspreet", "Manpreet", "Kuldip", "Amarjit", "Gurdeep", "Simran", "Navneet",
        ],
        surnames: &[
            "Singh", "Singh", "Sandhu", "Gill", "Dhillon", "Bains", "Sidhu",
        ],
        female_surnames: &["Kaur", "Kaur", "Sandhu", "Gill", "Dhillon", "Bains"],
        weight: 4,
    },
    Community {
        origin: "bangladeshi",
        male: &[
            "Abdul", "Shahid", "Rafiq", "Jamal", "Anwar", "Kamal", "Sohel", "Mizanur",
        ],
        female: &[
            "Rokeya", "Nasima", "Shirin", "Taslima", "Rahima", "Jesmin", "Nazma", "Sufia",
        ],
        surnames: &[
            "Miah",
            "Uddin",
            "Rahman",
            "Chowdhury",
            "Islam",
            "Hoque",
            "Ahmed",
        ],
        female_surnames: &["Begum", "Begum", "Khatun", "Bibi", "Rahman", "Chowdhury"],
        weight: 4,
    },
    Community {
        origin: "somali",
        male: &[
            "Abdi",
            "Abdirahman",
            "Mohamed",
            "Hassan",
            "Yusuf",
            "Abdullahi",
            "Mustafe",
            "Liban",
            "Guled",
            "Khadar",
        ],
        female: &[
            "Hodan", "Amina", "Faadumo", "Sahra", "Ifrah", "Hibo", "Nimco", "Ubah", "Ayan", "Deeqa",
        ],
        surnames: &[
            "Abdi", "Warsame", "Hussein", "Farah", "Omar", "Jama", "Duale", "Egal", "Osman",
            "Hirsi", "Nur", "Aden", "Elmi",
        ],
        female_surnames: &[],
        weight: 4,
    },
    Community {
        origin: "polish",
        male: &[
            "Piotr",
            "Tomasz",
            "Krzysztof",
            "Łukasz",
            "Paweł",
            "Marcin",
            "Michał",
            "Jakub",
            "Grzegorz",
            "Wojciech",
        ],
        female: &[
            "Agnieszka",
            "Katarzyna",
            "Małgorzata",
            "Anna",
            "Magdalena",
            "Joanna",
            "Monika",
            "Zofia",
            "Dorota",
        ],
        surnames: &[
            "Kowalski",
            "Nowak",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
            "Dąbrowski",
            "Kaczmarek",
            "Mazur",
        ],
        female_surnames: &[
            "Kowalska",
            "Nowak",
            "Wiśniewska",
            "Wójcik",
            "Kamińska",
            "Lewandowska",
            "Zielińska",
            "Szymańska",
            "Dąbrowska",
            "Kaczmarek",
            "Mazur",
        ],
        weight: 5,
    },
    Community {
        origin: "caribbean",
        male: &[
            "Delroy", "Winston", "Leroy", "Desmond", "Clive", "Errol", "Marlon", "Tyrone",
            "Jermaine", "Devon", "Dwayne",
        ],
        female: &[
            "Marcia",
            "Beverley",
            "Paulette",
            "Sharon",
            "Yvonne",
            "Simone",
            "Janelle",
            "Shanice",
            "Chantelle",
            "Monique",
        ],
        surnames: &[
            "Campbell",
            "Francis",
            "Bailey",
            "Henry",
            "Grant",
            "Reid",
            "Forbes",
            "Bennett",
            "Gayle",
            "Samuels",
            "McFarlane",
            "Lindo",
            "Blackwood",
        ],
        female_surnames: &[],
        weight: 5,
    },
    Community {
        origin: "west_african",
        male: &[
            "Oluwaseun",
            "Chinedu",
            "Kwame",
            "Kofi",
            "Emeka",
            "Tunde",
            "Obinna",
            "Femi",
            "Yaw",
        ],
        female: &[
            "Adaeze",
            "Ngozi",
            "Abena",
            "Folake",
            "Chiamaka",
            "Yetunde",
            "Funmilayo",
            "Efua",
        ],
        surnames: &[
            "Adeyemi", "Okafor", "Mensah", "Okonkwo", "Boateng", "Adebayo", "Eze", "Asante",
            "Owusu", "Ogunleye", "Nwosu", "Oyelaran",
        ],
        female_surnames: &[],
        weight: 5,
    },
    Community {
        origin: "east_asian",
        male: &["Wei", "Jun", "Ming", "Hao", "Minh", "Thanh", "Kenji"],
        female: &["Mei", "Xin", "Linh", "Yan", "Hoa", "Yuki"],
        surnames: &[
            "Wong", "Chen", "Zhang", "Lam", "Cheung", "Nguyen", "Tran", "Pham", "Liu",
        ],
        female_surnames: &[],
        weight: 3,
    },
    Community {
        origin: "romanian_turkish",
        male: &[
            "Ionut", "Andrei", "Florin", "Mihai", "Mehmet", "Emre", "Hakan",
        ],
        female: &["Ioana", "Elena", "Andreea", "Elif", "Zeynep", "Ayse"],
        surnames: &[
            "Popescu",
            "Ionescu",
            "Dumitru",
            "Constantin",
            "Yilmaz",
            "Demir",
            "Kaya",
            "Öztürk",
            "Çelik",
        ],
        female_surnames: &[],
        weight: 3,
    },
];

/// Forenames that are also ordinary words (DOMAIN.md §2.3-2.4): names only
/// with evidence. `true` = female.
const WORD_FORENAMES: &[(&str, bool)] = &[
    ("Will", false),
    ("Mark", false),
    ("Bill", false),
    ("Frank", false),
    ("May", true),
    ("Rose", true),
    ("Grace", true),
    ("Summer", true),
    ("Sunday", false),
    ("Hope", true),
];

/// Forenames that are also religious words.
const FAITH_FORENAMES: &[(&str, bool)] =
    &[("Christian", false), ("Faith", true), ("Christian", false)];

/// Surnames that are also ethnicity descriptors.
const COLOUR_SURNAMES: &[&str] = &["Black", "White", "Brown", "Green"];

/// Surnames that are also religious words.
const FAITH_SURNAMES: &[&str] = &["Church", "Bishop", "Parsons", "Chapel"];

/// Syllables for invented names (plausible, unlikely in any gazetteer).
const INVENTED_FORE_A: &[&str] = &[
    "Tal", "Bren", "Kes", "Mor", "Dar", "Quen", "Ard", "Lio", "Sev", "Jor", "Ves", "Ny",
];
const INVENTED_FORE_B: &[&str] = &[
    "wyn", "ric", "ena", "iel", "ara", "os", "eth", "ian", "ella", "ox",
];
const INVENTED_SUR_A: &[&str] = &[
    "Thorn", "Brack", "Quar", "Mell", "Ulver", "Wend", "Crom", "Dunsk", "Frell", "Garv", "Hask",
    "Yarl", "Pell", "Tresk",
];
const INVENTED_SUR_B: &[&str] = &[
    "stow", "wick", "combe", "thorpe", "hurst", "shaw", "dale", "over", "ington", "bury", "hithe",
    "wold",
];

#[derive(Clone, Debug)]
struct Person {
    fore: String,
    middle: Option<String>,
    sur: String,
    female: bool,
    origin: &'static str,
    /// Hard-case tag for a name that is also a word ("word_forename",
    /// "christian_forename", "surname_colour", "surname_religious").
    case: &'static str,
    /// (kind, tag) of each negative the word part carries, and whether it
    /// is the forename (else the surname).
    word_neg: Vec<(&'static str, &'static str, bool)>,
}

impl Person {
    fn random(r: &mut Rng) -> Person {
        let total: u64 = COMMUNITIES.iter().map(|c| c.weight).sum();
        let mut x = r.below(total);
        let mut c = &COMMUNITIES[0];
        for cand in COMMUNITIES {
            if x < cand.weight {
                c = cand;
                break;
            }
            x -= cand.weight;
        }
        let female = r.chance(0.5);
        let mut fore = r.choose(if female { c.female } else { c.male }).to_string();
        let mut sur = r
            .choose(if female && !c.female_surnames.is_empty() {
                c.female_surnames
            } else {
                c.surnames
            })
            .to_string();
        let mut origin = c.origin;
        let mut case = "";
        let mut word_neg = Vec::new();
        let middle = if r.chance(0.15) {
            Some(r.choose(if female { c.female } else { c.male }).to_string())
        } else {
            None
        };
        let roll = r.below(100);
        if roll < 7 {
            let (f, fem) = r.choose(WORD_FORENAMES);
            if fem == female {
                fore = f.to_string();
                case = "word_forename";
            }
        } else if roll < 10 {
            let (f, fem) = r.choose(FAITH_FORENAMES);
            if fem == female {
                fore = f.to_string();
                case = "christian_forename";
                word_neg.push(("religious_beliefs", "christian_forename", true));
            }
        } else if roll < 15 {
            sur = r.choose(COLOUR_SURNAMES).to_string();
            case = "surname_colour";
            word_neg.push(("racial_ethnic_origin", "surname_colour", false));
            if sur == "Green" {
                word_neg.push(("political_opinions", "surname_colour", false));
            }
        } else if roll < 17 {
            sur = r.choose(FAITH_SURNAMES).to_string();
            case = "surname_religious";
            word_neg.push(("religious_beliefs", "surname_religious", false));
        } else if roll < 29 {
            sur = format!("{}{}", r.choose(INVENTED_SUR_A), r.choose(INVENTED_SUR_B));
            origin = "invented_surname";
            if r.chance(0.4) {
                fore = format!("{}{}", r.choose(INVENTED_FORE_A), r.choose(INVENTED_FORE_B));
                origin = "invented";
            }
        } else if roll < 34 {
            // Double-barrelled or hyphenated.
            let c2 = r.pick(COMMUNITIES);
            let s2 = r.choose(c2.surnames);
            if s2 != sur {
                sur = format!("{sur}-{s2}");
                origin = "hyphenated";
            }
        }
        if sur == "Islam" {
            // A common Bangladeshi surname that is also a religion.
            case = "surname_religious";
            word_neg.push(("religious_beliefs", "surname_religious", false));
        }
        if c.origin == "somali" && middle.is_none() && r.chance(0.6) {
            // Somali names: own, father's and grandfather's names.
            return Person {
                middle: Some(r.choose(c.male).to_string()),
                fore,
                sur,
                female,
                origin,
                case,
                word_neg,
            };
        }
        Person {
            fore,
            middle,
            sur,
            female,
            origin,
            case,
            word_neg,
        }
    }

    fn title(&self, r: &mut Rng) -> &'static str {
        if r.chance(0.08) {
            return "Dr";
        }
        if self.female {
            r.choose(&["Mrs", "Ms", "Miss", "Ms"])
        } else {
            "Mr"
        }
    }
}

const RANKS: &[&str] = &[
    "PC", "PC", "PC", "DC", "DC", "PS", "DS", "Sgt", "Insp", "DI", "Ch Insp", "PCSO",
];

// ------------------------------------------------------------ documents

struct Raw {
    start: usize,
    end: usize,
    kind: &'static str,
    negative: bool,
    case: String,
    form: &'static str,
    origin: &'static str,
}

struct Doc<'r> {
    r: &'r mut Rng,
    out: String,
    spans: Vec<Raw>,
    /// Subject, victim, witness, officer, second officer, manager or
    /// clinician.
    cast: [Person; 6],
    ranks: [(&'static str, u64); 6],
}

fn kind_id(k: &str) -> &'static str {
    KINDS
        .iter()
        .find(|x| **x == k)
        .unwrap_or_else(|| panic!("unknown kind {k:?} in a template"))
}

/// Index of the bracket closing the one at `open`.
fn matching(t: &str, open: usize) -> usize {
    let mut depth = 0i32;
    for (i, b) in t.bytes().enumerate().skip(open) {
        match b {
            b'{' | b'[' | b'<' => depth += 1,
            b'}' | b']' | b'>' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced template: {t:?}")
}

/// Splits at `|` outside nested brackets.
fn split_top(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    for (i, b) in t.bytes().enumerate() {
        match b {
            b'{' | b'[' | b'<' => depth += 1,
            b'}' | b']' | b'>' => depth -= 1,
            b'|' if depth == 0 => {
                out.push(&t[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push(&t[from..]);
    out
}

fn is_special(b: u8) -> bool {
    matches!(b, b'{' | b'[' | b'<' | b'@' | b'$')
}

impl<'r> Doc<'r> {
    fn new(r: &'r mut Rng) -> Doc<'r> {
        let cast = [
            Person::random(r),
            Person::random(r),
            Person::random(r),
            Person::random(r),
            Person::random(r),
            Person::random(r),
        ];
        let mut ranks = [("", 0); 6];
        for rk in &mut ranks {
            *rk = (r.choose(RANKS), r.range(100, 9999));
        }
        Doc {
            r,
            out: String::with_capacity(8192),
            spans: Vec::new(),
            cast,
            ranks,
        }
    }

    fn push(&mut self, start: usize, kind: &'static str, negative: bool, case: &str) {
        let named = kind == "person_name" && !negative;
        self.spans.push(Raw {
            start,
            end: self.out.len(),
            kind,
            negative,
            case: case.to_string(),
            form: if named { "in_template" } else { "" },
            origin: if named { "template" } else { "" },
        });
    }

    /// Expands template `t` (see the module comment) onto the document.
    fn emit(&mut self, t: &str) {
        let b = t.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'{' | b'[' => {
                    let close = matching(t, i);
                    let inner = &t[i + 1..close];
                    let (head, body) = inner
                        .split_once(':')
                        .unwrap_or_else(|| panic!("label without ':' in {t:?}"));
                    let (kinds, case) = head.split_once('#').unwrap_or((head, ""));
                    let start = self.out.len();
                    self.emit(body);
                    for k in kinds.split('+') {
                        self.push(start, kind_id(k), b[i] == b'[', case);
                    }
                    i = close + 1;
                }
                b'<' => {
                    let close = matching(t, i);
                    let alts = split_top(&t[i + 1..close]);
                    let pick = alts[self.r.below(alts.len() as u64) as usize];
                    self.emit(pick);
                    i = close + 1;
                }
                b'@' | b'$' => {
                    let mut j = i + 1;
                    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                        j += 1;
                    }
                    let name = &t[i + 1..j];
                    if b[i] == b'@' {
                        let p = pool(name);
                        let e = p[self.r.below(p.len() as u64) as usize];
                        self.emit(e);
                    } else {
                        self.var(name);
                    }
                    i = j;
                }
                _ => {
                    let j = (i..b.len()).find(|&j| is_special(b[j])).unwrap_or(b.len());
                    self.out.push_str(&t[i..j]);
                    i = j;
                }
            }
        }
    }

    fn line(&mut self, t: &str) {
        self.emit(t);
        self.out.push('\n');
    }

    /// A random entry of pool `p`, as a line.
    fn pline(&mut self, p: &str) {
        let e = *self.r.pick(pool(p));
        self.line(e);
    }

    /// `n` random entries of pool `p`, each followed by `sep`.
    fn several(&mut self, p: &str, n: u64, sep: &str) {
        for _ in 0..n {
            let e = *self.r.pick(pool(p));
            self.emit(e);
            self.out.push_str(sep);
        }
    }

    fn var(&mut self, name: &str) {
        let (who, form) = name.split_once('_').unwrap_or((name, ""));
        let role = match who {
            "s" => Some(0),
            "v" => Some(1),
            "w" => Some(2),
            "o" => Some(3),
            "p" => Some(4),
            "m" => Some(5),
            _ => None,
        };
        if let Some(k) = role {
            self.name(k, form);
            return;
        }
        let r = &mut *self.r;
        let s = match name {
            "date" => format!(
                "{:02}/{:02}/{}",
                r.range(1, 28),
                r.range(1, 12),
                r.range(2019, 2026)
            ),
            "dob" => format!(
                "{:02}/{:02}/{}",
                r.range(1, 28),
                r.range(1, 12),
                r.range(1950, 2008)
            ),
            "day" => r.range(1, 28).to_string(),
            "year" => r.range(2018, 2026).to_string(),
            "time" => format!("{:02}:{:02}", r.below(24), r.below(60)),
            "ref" => format!(
                "{}/{:05}/{}",
                r.range(10, 60),
                r.below(100_000),
                r.range(19, 26)
            ),
            "num" => r.range(2, 9).to_string(),
            "n3" => r.range(100, 999).to_string(),
            "n6" => r.range(100_000, 999_999).to_string(),
            "age" => r.range(16, 70).to_string(),
            "money" => r.range(20, 4000).to_string(),
            "salary" => format!("{},{:03}", r.range(19, 58), r.below(1000)),
            "pc" => format!(
                "{}{} {}{}{}",
                r.choose(&["RG", "OX", "B", "M", "LS", "CF", "G", "BS", "NE", "L", "SL"]),
                r.range(1, 30),
                r.range(1, 9),
                r.choose(&["A", "B", "D", "E", "H", "J", "N", "P", "T", "W"]),
                r.choose(&["B", "D", "F", "G", "L", "Q", "R", "U", "X", "Z"])
            ),
            "addr" => {
                let n = r.range(1, 240).to_string();
                self.out.push_str(&n);
                self.out.push(' ');
                let street = *self.r.pick(pool("street"));
                self.emit(street);
                self.out.push_str(", ");
                let town = *self.r.pick(pool("town"));
                self.emit(town);
                self.out.push(' ');
                self.var("pc");
                return;
            }
            _ => panic!("unknown variable ${name}"),
        };
        self.out.push_str(&s);
    }

    /// Appends `s` and returns its offsets.
    fn put(&mut self, s: &str) -> (usize, usize) {
        let a = self.out.len();
        self.out.push_str(s);
        (a, self.out.len())
    }

    /// Writes cast member `k` as a labelled name in form `form` ("" =
    /// random).
    fn name(&mut self, k: usize, form: &str) {
        let p = self.cast[k].clone();
        let (rank, collar) = self.ranks[k];
        let officer = k == 3 || k == 4;
        let mut form = if !form.is_empty() {
            form
        } else if officer {
            *self
                .r
                .pick(&["rank", "rank", "rank_collar", "rank_full", "rank_caps"])
        } else {
            *self.r.pick(&[
                "n", "n", "n", "caps", "caps", "u", "t", "t", "tn", "mid", "init", "inits",
                "initcaps", "allcaps", "f",
            ])
        };
        if (form == "mid" && p.middle.is_none()) || (form == "f" && !p.case.is_empty()) {
            form = "n";
        }
        let start = self.out.len();
        let initial = p.fore.chars().next().unwrap_or('X');
        let mut fore_at = (0, 0);
        let mut sur_at = (0, 0);
        let form_tag: &'static str = match form {
            "t" | "tn" => {
                let t = p.title(self.r);
                self.out.push_str(t);
                self.out.push(' ');
                if form == "tn" {
                    fore_at = self.put(&p.fore);
                    self.out.push(' ');
                }
                sur_at = self.put(&p.sur);
                if form == "t" {
                    "title_surname"
                } else {
                    "title_forename_surname"
                }
            }
            "f" => {
                fore_at = self.put(&p.fore);
                "forename_only"
            }
            "caps" => {
                fore_at = self.put(&p.fore);
                self.out.push(' ');
                sur_at = self.put(&p.sur.to_uppercase());
                "forename_SURNAME"
            }
            "u" => {
                sur_at = self.put(&p.sur.to_uppercase());
                self.out.push_str(", ");
                fore_at = self.put(&p.fore);
                "SURNAME_comma_forename"
            }
            "mid" => {
                fore_at = self.put(&p.fore);
                self.out.push(' ');
                self.out.push_str(p.middle.as_deref().unwrap_or_default());
                self.out.push(' ');
                sur_at = self.put(&p.sur);
                "forename_middle_surname"
            }
            "init" => {
                self.out.push(initial);
                if self.r.chance(0.5) {
                    self.out.push('.');
                }
                self.out.push(' ');
                sur_at = self.put(&p.sur);
                "initial_surname"
            }
            "inits" | "initcaps" => {
                let m = p
                    .middle
                    .as_deref()
                    .and_then(|m| m.chars().next())
                    .unwrap_or('J');
                let caps = form == "initcaps";
                self.out.push(initial);
                if !caps {
                    self.out.push(' ');
                }
                self.out.push(m);
                self.out.push(' ');
                if caps {
                    sur_at = self.put(&p.sur.to_uppercase());
                    "INITIALS_SURNAME"
                } else {
                    sur_at = self.put(&p.sur);
                    "initials_surname"
                }
            }
            "allcaps" => {
                fore_at = self.put(&p.fore.to_uppercase());
                self.out.push(' ');
                sur_at = self.put(&p.sur.to_uppercase());
                "FORENAME_SURNAME"
            }
            "rank" | "rank_collar" | "rank_full" | "rank_caps" => {
                // A rank inside a name is part of the name, not a finding
                // of the officer's employment.
                let (a, b) = self.put(rank);
                self.spans.push(Raw {
                    start: a,
                    end: b,
                    kind: "employment",
                    negative: true,
                    case: "rank_in_name".to_string(),
                    form: "",
                    origin: "",
                });
                self.out.push(' ');
                if form == "rank_collar" {
                    self.out.push_str(&collar.to_string());
                    self.out.push(' ');
                }
                if form == "rank_full" {
                    fore_at = self.put(&p.fore);
                    self.out.push(' ');
                }
                if form == "rank_caps" {
                    sur_at = self.put(&p.sur.to_uppercase());
                } else {
                    sur_at = self.put(&p.sur);
                }
                match form {
                    "rank" => "rank_surname",
                    "rank_collar" => "rank_collar_surname",
                    "rank_full" => "rank_forename_surname",
                    _ => "rank_SURNAME",
                }
            }
            _ => {
                fore_at = self.put(&p.fore);
                self.out.push(' ');
                sur_at = self.put(&p.sur);
                "forename_surname"
            }
        };
        let end = self.out.len();
        self.spans.push(Raw {
            start,
            end,
            kind: "person_name",
            negative: false,
            case: p.case.to_string(),
            form: form_tag,
            origin: p.origin,
        });
        for &(kind, tag, on_fore) in &p.word_neg {
            let (a, b) = if on_fore { fore_at } else { sur_at };
            if b > a {
                self.spans.push(Raw {
                    start: a,
                    end: b,
                    kind,
                    negative: true,
                    case: tag.to_string(),
                    form: "",
                    origin: "",
                });
            }
        }
    }

    /// Fresh subject, victim and witness for the next entry of a log.
    fn recast(&mut self) {
        for i in 0..3 {
            self.cast[i] = Person::random(self.r);
        }
    }

    /// Fresh people (officers too) for the next record of a CSV export.
    fn recast_all(&mut self) {
        for i in 0..5 {
            self.cast[i] = Person::random(self.r);
            self.ranks[i] = (self.r.choose(RANKS), self.r.range(100, 9999));
        }
    }

    /// Writes a clock time after the previous one (log entries run in
    /// order).
    fn tick(&mut self, clock: &mut u64) {
        *clock = (*clock + self.r.range(1, 90)) % (24 * 60);
        let t = format!("{:02}:{:02} ", *clock / 60, *clock % 60);
        self.out.push_str(&t);
    }

    /// A name cell of a CSV export: forename or surname alone (labelled:
    /// the column header is the evidence).
    fn name_cell(&mut self, k: usize, part: &str) {
        let p = self.cast[k].clone();
        let text = match part {
            "fore" => p.fore.clone(),
            "SUR" => p.sur.to_uppercase(),
            "sur" => p.sur.clone(),
            "full" => format!("{} {}", p.fore, p.sur),
            _ => format!("{}, {}", p.sur.to_uppercase(), p.fore),
        };
        let quoted = text.contains(',');
        if quoted {
            self.out.push('"');
        }
        let a = self.out.len();
        self.out.push_str(&text);
        let b = self.out.len();
        if quoted {
            self.out.push('"');
        }
        let form = match part {
            "fore" => "csv_forename",
            "SUR" | "sur" => "csv_surname",
            "full" => "csv_full_name",
            _ => "csv_SURNAME_comma_forename",
        };
        self.spans.push(Raw {
            start: a,
            end: b,
            kind: "person_name",
            negative: false,
            case: p.case.to_string(),
            form,
            origin: p.origin,
        });
        for &(kind, tag, on_fore) in &p.word_neg {
            let (nf, ns) = (p.fore.len(), p.sur.len());
            let neg = match (part, on_fore) {
                ("fore", true) | ("SUR" | "sur", false) => Some((a, b)),
                ("fore" | "SUR" | "sur", _) => None,
                ("full", true) => Some((a, a + nf)),
                ("full", false) => Some((b - ns, b)),
                (_, true) => Some((b - nf, b)),
                (_, false) => Some((a, a + p.sur.to_uppercase().len())),
            };
            if let Some((x, y)) = neg {
                self.spans.push(Raw {
                    start: x,
                    end: y,
                    kind,
                    negative: true,
                    case: tag.to_string(),
                    form: "",
                    origin: "",
                });
            }
        }
    }

    /// A quoted free-text CSV cell (templates never contain `"`).
    fn quoted(&mut self, t: &str) {
        self.out.push('"');
        self.emit(t);
        self.out.push('"');
    }
}

// -------------------------------------------------------- text documents

fn text_doc(r: &mut Rng) -> (&'static str, Doc<'_>) {
    let kind = *r.pick(&[
        "incident_logs",
        "incident_logs",
        "custody_records",
        "custody_records",
        "oh_letters",
        "complaint_emails",
        "complaint_emails",
        "hr_records",
        "intelligence",
        "statements",
    ]);
    let mut d = Doc::new(r);
    match kind {
        "incident_logs" => incident_log(&mut d),
        "custody_records" => custody_record(&mut d),
        "oh_letters" => oh_letter(&mut d),
        "complaint_emails" => complaint_email(&mut d),
        "hr_records" => hr_record(&mut d),
        "intelligence" => intel_report(&mut d),
        _ => statement(&mut d),
    }
    (kind, d)
}

fn incident_log(d: &mut Doc) {
    d.line("<Thames Valley|West Midlands|Greater Manchester|South Wales|Avon and Somerset|Northumbria> Police");
    d.line("{complaints_incidents:<INCIDENT LOG|Incident log|STORM incident log|Command and control log>} $ref");
    d.line("Opened: $date $time");
    d.line("Location: $addr");
    d.line("Classification: @log_class");
    d.line("[criminal_intelligence#informant_caller:Informant]: $w_n");
    d.out.push('\n');
    let n = d.r.range(6, 22);
    let mut clock = d.r.below(24 * 60);
    for _ in 0..n {
        let who = d.r.chance(0.5);
        d.tick(&mut clock);
        if who {
            d.emit("$o: ");
        } else {
            d.emit("<Control|Dispatcher|Resourcing>: ");
        }
        let p = *d.r.pick(&[
            "log_entry",
            "log_entry",
            "log_entry",
            "neutral_police",
            "neutral_police",
            "hard_sentence",
            "cat_sentence",
        ]);
        d.pline(p);
        if d.r.chance(0.1) {
            d.recast();
        }
    }
    d.out.push('\n');
    d.line("@log_close");
}

fn custody_record(d: &mut Doc) {
    d.line("{criminal_proceedings+offences#police_custody:<CUSTODY RECORD|Custody record|Custody Record>} $n6");
    d.line("<{criminal_proceedings+offences#police_custody:Custody suite}|Station>: @station");
    d.line("Detained person: $s_u");
    d.line("{personal_details:<Date of birth|DOB|D.O.B.>}: $dob");
    if d.r.chance(0.2) {
        d.line("Address: {personal_details#nfa_no_fixed_abode:[criminal_proceedings#nfa_no_fixed_abode:NFA]}");
    } else {
        d.line("<{personal_details:Home address}|Address>: $addr");
    }
    d.line("{offences:Arresting officer}: $o");
    d.line("{offences:Reason for arrest: @offence}");
    d.line("Circumstances: @arrest_circs");
    d.line("{criminal_proceedings+offences#police_custody:Detention authorised} by $p at $time.");
    d.out.push('\n');
    d.line("{health_safety:RISK ASSESSMENT}");
    let n = d.r.range(3, 8);
    for _ in 0..n {
        d.pline("custody_risk");
    }
    d.out.push('\n');
    d.line("{criminal_proceedings+offences#police_custody:DETENTION LOG}");
    let n = d.r.range(5, 16);
    let mut clock = d.r.below(24 * 60);
    for _ in 0..n {
        d.tick(&mut clock);
        let p = *d.r.pick(&[
            "custody_entry",
            "custody_entry",
            "custody_entry",
            "neutral_custody",
            "neutral_custody",
            "hard_sentence",
        ]);
        d.pline(p);
    }
    d.out.push('\n');
    d.line("Outcome: @custody_outcome");
}

fn oh_letter(d: &mut Doc) {
    d.line("{employment+health:Occupational Health} Service");
    d.line("Private and confidential");
    d.line("Date: $date");
    d.line("Dear $m_t,");
    d.out.push('\n');
    d.line("Re: $s_n, {employment:<payroll number|employee number|staff number>} $n6");
    d.out.push('\n');
    let n = d.r.range(5, 12);
    let mut para = 0;
    for _ in 0..n {
        let p = *d.r.pick(&[
            "oh_sentence",
            "oh_sentence",
            "oh_sentence",
            "neutral_letter",
            "neutral_letter",
            "hard_sentence",
        ]);
        let e = *d.r.pick(pool(p));
        d.emit(e);
        para += 1;
        if para > 2 && d.r.chance(0.4) {
            d.out.push_str("\n\n");
            para = 0;
        } else {
            d.out.push(' ');
        }
    }
    d.out.push_str("\n\n");
    d.line("Yours sincerely,");
    d.line("$m_tn");
    d.line("{employment+health:<Occupational Health Physician|Occupational Health Adviser|OH Nurse Adviser>}");
}

fn complaint_email(d: &mut Doc) {
    d.line("From: $v_n");
    d.line("To: {complaints_incidents:<Professional Standards Department|PSD complaints team|Complaints and Misconduct Unit>}");
    d.line("Date: $date $time");
    d.line("Subject: @complaint_subject");
    d.out.push('\n');
    d.line("<Dear Sir or Madam,|To whom it may concern,|Hello,>");
    d.out.push('\n');
    let n = d.r.range(4, 12);
    for i in 0..n {
        let p = *d.r.pick(&[
            "complaint_sentence",
            "complaint_sentence",
            "complaint_sentence",
            "neutral_letter",
            "hard_sentence",
            "cat_sentence",
        ]);
        let e = *d.r.pick(pool(p));
        d.emit(e);
        d.out.push_str(if i % 3 == 2 { "\n\n" } else { " " });
    }
    d.out.push_str("\n\n");
    d.line("<Regards,|Yours faithfully,|Thanks,>");
    d.line("$v_n");
    if d.r.chance(0.5) {
        d.out.push('\n');
        d.line("-----Original message-----");
        d.line("From: {complaints_incidents:<PSD|Professional Standards>}");
        d.line("@psd_reply");
    }
}

fn hr_record(d: &mut Doc) {
    d.line("{employment:<EMPLOYEE RECORD|Personnel record|STAFF RECORD> - CONFIDENTIAL}");
    d.line("Name: $s_n");
    d.line("{employment:<Payroll number|Employee number>}: $n6");
    d.line("{employment:Job title: @job}");
    d.line(
        "Department: <Contact Management|Estates|Finance|Digital Services|Fleet|Forensic Services>",
    );
    d.line("{employment:Line manager}: $m_n");
    let order = [
        "hr_dob", "hr_addr", "hr_nat", "hr_eth", "hr_rel", "hr_so", "hr_tu", "hr_start", "hr_sick",
        "hr_disc", "hr_quals", "hr_train", "hr_lic", "hr_vet", "hr_pay", "hr_kin", "hr_griev",
        "hr_note",
    ];
    for f in order {
        if d.r.chance(0.75) {
            d.pline(f);
        }
    }
    d.out.push('\n');
    d.line("Notes:");
    let n = d.r.range(2, 8);
    for _ in 0..n {
        let p =
            *d.r.pick(&["hr_note", "hr_note", "neutral_letter", "hard_sentence"]);
        d.pline(p);
    }
}

fn intel_report(d: &mut Doc) {
    d.line("{criminal_intelligence:<INTELLIGENCE REPORT|Intelligence report|5x5x5 INTELLIGENCE LOG>} $ref");
    d.line("{criminal_intelligence:Grading}: {criminal_intelligence:@grade}");
    d.line("{criminal_intelligence:Handling code}: <P|C>");
    d.line("Subject: $s_u");
    d.line("{personal_details:DOB}: $dob");
    d.out.push('\n');
    let n = d.r.range(3, 9);
    for _ in 0..n {
        let p = *d.r.pick(&[
            "intel_sentence",
            "intel_sentence",
            "intel_sentence",
            "neutral_police",
            "hard_sentence",
        ]);
        let e = *d.r.pick(pool(p));
        d.emit(e);
        d.out.push(' ');
    }
    d.out.push_str("\n\n");
    d.line("Officer: $o  Submitted: $date");
}

fn statement(d: &mut Doc) {
    d.line("WITNESS STATEMENT");
    d.line("[criminal_proceedings#form_boilerplate:(Criminal Justice Act 1967, s.9; Magistrates' Courts Act 1980, s.5B; Criminal Procedure Rules, r.16.2)]");
    d.line("Statement of: $w_n");
    d.line("{personal_details:Age if under 18}: <Over 18|Over 18|$age>");
    d.line("{employment:Occupation: @job}");
    d.out.push('\n');
    d.line("This statement (consisting of $num pages each signed by me) is true to the best of my knowledge and belief.");
    d.out.push('\n');
    let n = d.r.range(5, 14);
    for i in 0..n {
        let p = *d.r.pick(&[
            "statement_sentence",
            "statement_sentence",
            "statement_sentence",
            "neutral_police",
            "hard_sentence",
            "cat_sentence",
        ]);
        let e = *d.r.pick(pool(p));
        d.emit(e);
        d.out.push_str(if i % 4 == 3 { "\n\n" } else { " " });
    }
    d.out.push_str("\n\n");
    d.line("Signed: $w_n   Date: $date");
    d.line("Statement taken by: $o");
}

// --------------------------------------------------------- CSV documents

fn csv_doc(r: &mut Rng) -> (&'static str, Doc<'_>) {
    let kind = *r.pick(&[
        "custody_export",
        "hr_export",
        "complaints_export",
        "stop_search_export",
        "nominals_export",
    ]);
    let mut d = Doc::new(r);
    let rows = d.r.range(15, 60);
    match kind {
        "custody_export" => {
            d.line("Custody No,Surname,Forename,DOB,Sex,Self-defined ethnicity,Officer-defined ethnicity,Religion,Address,Offence,Outcome,Notes");
            for _ in 0..rows {
                d.recast_all();
                d.emit("$n6,");
                d.name_cell(0, "SUR");
                d.out.push(',');
                d.name_cell(0, "fore");
                d.emit(",$dob,<M|F>,@csv_eth,@csv_ic,@csv_rel,");
                if d.r.chance(0.1) {
                    d.emit("{personal_details#nfa_no_fixed_abode:[criminal_proceedings#nfa_no_fixed_abode:NFA]}");
                } else {
                    d.out.push('"');
                    d.var("addr");
                    d.out.push('"');
                }
                d.emit(",{offences:@offence_cell},@csv_outcome,");
                let e = *d.r.pick(pool("csv_note"));
                d.quoted(e);
                d.out.push('\n');
            }
        }
        "hr_export" => {
            d.line("Payroll No,Surname,Forename,Job Title,Start Date,Sickness Days,Absence Reason,Union,Religion,Ethnicity,Sexual Orientation,Notes");
            for _ in 0..rows {
                d.recast_all();
                d.emit("$n6,");
                let part = if d.r.chance(0.5) { "sur" } else { "SUR" };
                d.name_cell(0, part);
                d.out.push(',');
                d.name_cell(0, "fore");
                d.emit(",{employment:@job},$date,$num,@csv_absence,@csv_union,@csv_rel,@csv_eth,@csv_so,");
                let e = *d.r.pick(pool("csv_hr_note"));
                d.quoted(e);
                d.out.push('\n');
            }
        }
        "complaints_export" => {
            d.line(
                "Case Ref,Complainant,Officer Subject,Allegation,Received,Status,Outcome,Summary",
            );
            for _ in 0..rows {
                d.recast_all();
                d.emit("CO/$n6,");
                d.name_cell(1, "full");
                d.out.push(',');
                d.emit("$o,{complaints_incidents:@allegation},$date,<Open|Closed|{complaints_incidents:With IOPC}|Assessment>,@complaint_outcome,");
                let e = *d.r.pick(pool("complaint_summary"));
                d.quoted(e);
                d.out.push('\n');
            }
        }
        "stop_search_export" => {
            d.line("Date,Time,Location,Subject Name,Self Defined Ethnicity,Officer Observed Ethnicity,Object of Search,Outcome,Officer");
            for _ in 0..rows {
                d.recast_all();
                d.emit("$date,$time,");
                d.out.push('"');
                d.var("addr");
                d.out.push_str("\",");
                d.name_cell(0, "u");
                d.emit(",@csv_eth,@csv_ic,@search_object,@search_outcome,$o\n");
            }
        }
        _ => {
            d.line("Nominal,DOB,Address,Warning Markers,Associates,Intel Summary");
            for _ in 0..rows {
                d.recast_all();
                d.name_cell(0, "u_full");
                d.emit(",$dob,");
                d.out.push('"');
                d.var("addr");
                d.out.push_str("\",");
                d.emit("@marker,");
                d.name_cell(2, "full");
                d.out.push(',');
                let e = *d.r.pick(pool("intel_sentence"));
                d.quoted(e);
                d.out.push('\n');
            }
        }
    }
    (kind, d)
}

// ------------------------------------------------------------ vocabulary

fn pool(name: &str) -> &'static [&'static str] {
    match name {
        "street" => STREET,
        "town" => TOWN,
        "station" => STATION,
        "offence" => OFFENCE,
        "offence_cell" => OFFENCE_CELL,
        "descriptor" => DESCRIPTOR,
        "dx" => DX,
        "med" => MED,
        "injury" => INJURY,
        "log_class" => LOG_CLASS,
        "log_entry" => LOG_ENTRY,
        "log_close" => LOG_CLOSE,
        "neutral_police" => NEUTRAL_POLICE,
        "neutral_custody" => NEUTRAL_CUSTODY,
        "neutral_letter" => NEUTRAL_LETTER,
        "hard_sentence" => HARD_SENTENCE,
        "cat_sentence" => CAT_SENTENCE,
        "arrest_circs" => ARREST_CIRCS,
        "custody_risk" => CUSTODY_RISK,
        "custody_entry" => CUSTODY_ENTRY,
        "custody_outcome" => CUSTODY_OUTCOME,
        "court" => COURT,
        "oh_sentence" => OH_SENTENCE,
        "complaint_subject" => COMPLAINT_SUBJECT,
        "complaint_sentence" => COMPLAINT_SENTENCE,
        "psd_reply" => PSD_REPLY,
        "job" => JOB,
        "religion" => RELIGION,
        "ethnicity" => ETHNICITY,
        "union" => UNION,
        "party" => PARTY,
        "hr_dob" => &["{personal_details:Date of birth}: $dob"],
        "hr_addr" => &["{personal_details:Home address}: $addr"],
        "hr_nat" => &[
            "{personal_details:Nationality: British}",
            "{personal_details:Nationality: [racial_ethnic_origin#nationality_not_ethnicity:<Polish|Irish|Romanian|Nigerian|Indian>]}",
        ],
        "hr_eth" => &["{racial_ethnic_origin:<Ethnic origin|Ethnicity>: @ethnicity}"],
        "hr_rel" => &["{religious_beliefs:<Religion or belief|Religion>: @religion}"],
        "hr_so" => &[
            "{sexual_life:Sexual orientation: <Heterosexual|Heterosexual|Gay man|Gay woman or lesbian|Bisexual|Prefer not to say>}",
        ],
        "hr_tu" => &[
            "{trade_union:Trade union membership: @union}",
            "{trade_union:Union subscription: @union}, {financial:deducted from salary}",
            "Staff association: {employment:[trade_union#police_federation:Police Federation]}",
        ],
        "hr_start" => &[
            "{employment:Start date}: $date",
            "{employment:[goods_services#employment_contract:Contract]: <full-time permanent|part-time permanent|fixed term>}",
        ],
        "hr_sick" => &[
            "{employment+health:Sickness absence}: $num days in the last 12 months ({health:@dx})",
            "{employment+health:Sickness absence}: $num episodes; {health:@injury}",
            "{employment+health:Sickness absence}: none recorded",
        ],
        "hr_disc" => &[
            "{employment:Disciplinary}: {employment:<first written warning|final written warning>} issued $date",
            "{employment+complaints_incidents:Misconduct meeting} held $date, {employment:management advice} given",
            "{employment:Probationary period} <extended by three months|completed $date>",
        ],
        "hr_quals" => &["{education_training:Qualifications: @quals}"],
        "hr_train" => &["{education_training:Training: @course} completed $date"],
        "hr_lic" => &[
            "{licences_permits:Driving licence: full UK, $num penalty points}",
            "{licences_permits:Driving licence: full UK, clean}",
            "{licences_permits:Blue light driving authorisation: <standard|response>}",
        ],
        "hr_vet" => &[
            "{employment:Vetting: <recruitment vetting|management vetting|NPPV level 2|NPPV level 3|counter-terrorist check>} cleared $date",
        ],
        "hr_pay" => &[
            "{financial:Salary: £$salary per annum}",
            "{financial:Salary: £$salary}, {financial:paid monthly by BACS}",
            "{financial:Salary advance of £$money} repaid $date",
        ],
        "hr_kin" => &[
            "{family_lifestyle_social:Next of kin}: $w_n ({family_lifestyle_social:<wife|husband|mother|father|sister|partner|son|daughter>})",
        ],
        "hr_griev" => &[
            "{complaints_incidents:Grievance} raised $date about {employment:<shift allocation|overtime|working hours|the rota>}",
            "{complaints_incidents:Grievance appeal} heard $date, {complaints_incidents:not upheld}",
        ],
        "hr_note" => HR_NOTE,
        "quals" => QUALS,
        "course" => COURSE,
        "grade" => GRADE,
        "intel_sentence" => INTEL_SENTENCE,
        "statement_sentence" => STATEMENT_SENTENCE,
        "csv_eth" => CSV_ETH,
        "csv_ic" => CSV_IC,
        "csv_rel" => CSV_REL,
        "csv_so" => CSV_SO,
        "csv_union" => CSV_UNION,
        "csv_absence" => CSV_ABSENCE,
        "csv_outcome" => CSV_OUTCOME,
        "csv_note" => CSV_NOTE,
        "csv_hr_note" => CSV_HR_NOTE,
        "allegation" => ALLEGATION,
        "complaint_outcome" => COMPLAINT_OUTCOME,
        "complaint_summary" => COMPLAINT_SUMMARY,
        "search_object" => SEARCH_OBJECT,
        "search_outcome" => SEARCH_OUTCOME,
        "marker" => MARKER,
        _ => panic!("unknown pool @{name}"),
    }
}

const STREET: &[&str] = &[
    "Station Road",
    "High Street",
    "Mill Lane",
    "Park Avenue",
    "Queens Road",
    "Kingsway",
    "Manor Way",
    "Orchard Close",
    "Elm Grove",
    "The Crescent",
    "Bridge Street",
    "Meadow View",
    "Sycamore Drive",
    "Brook Lane",
    "Castle Street",
    "Green Lane",
    "Windsor Road",
    "[person_name#street_forename:Victoria Road]",
    "[person_name#street_forename:Albert Street]",
    "[person_name#street_forename:Grace Avenue]",
    "[education_training#school_address:School Road]",
    "[education_training#school_address:School Lane]",
    "[education_training#school_address:College Street]",
    "[education_training#school_address:College Road]",
    "[education_training#school_address:Academy Way]",
    "[education_training#school_address:University Road]",
    "[religious_beliefs#worship_address:Church Street]",
    "[religious_beliefs#worship_address:Church Road]",
    "[religious_beliefs#worship_address:Chapel Lane]",
    "[religious_beliefs#worship_address:Temple Road]",
    "[trade_union#union_address:Union Street]",
    "[trade_union#union_address:Prospect Place]",
    "[criminal_proceedings#court_address:Court Road]",
    "[sexual_life#gay_street:Gay Street]",
    "[health#health_address:Hospital Lane]",
    "[racial_ethnic_origin#colour_address:White Hart Lane]",
    "[racial_ethnic_origin#colour_address:Blackhorse Road]",
];

const TOWN: &[&str] = &[
    "[person_name#reading_place:Reading]",
    "[person_name#reading_place:Reading]",
    "[person_name#place_name:Preston]",
    "[person_name#place_name:Lincoln]",
    "[person_name#place_name:Chester]",
    "[person_name#place_name:Bolton]",
    "[person_name#place_name:Stafford]",
    "[person_name#place_name:Dudley]",
    "[person_name#place_name:Luton]",
    "[person_name#place_name:Wigan]",
    "[person_name#place_name:Slough]",
    "[person_name#place_name:Swindon]",
    "[person_name#place_name:Cardiff]",
    "[person_name#place_name:Walsall]",
    "[person_name#place_name:Oxford]",
    "[person_name#place_name:Bristol]",
];

const STATION: &[&str] = &[
    "[person_name#reading_place:Reading] Police Station",
    "Loddon Valley",
    "Birmingham Central",
    "Oxford St Aldates",
    "Bridgend",
    "[person_name#place_name:Wigan] Central",
    "Keynsham",
    "Middle Engine Lane",
];

const OFFENCE: &[&str] = &[
    "assault by beating",
    "common assault",
    "assault occasioning actual bodily harm",
    "ABH",
    "GBH",
    "wounding with intent",
    "inflicting grievous bodily harm",
    "theft from a shop",
    "shoplifting",
    "theft of a pedal cycle",
    "burglary of a dwelling",
    "non-dwelling burglary",
    "robbery",
    "criminal damage",
    "possession of cannabis",
    "possession of a class A drug",
    "possession with intent to supply crack cocaine",
    "possession of a bladed article",
    "possession of an offensive weapon",
    "drink driving",
    "driving whilst disqualified",
    "driving without insurance",
    "harassment",
    "stalking",
    "controlling and coercive behaviour",
    "a section 4 public order offence",
    "affray",
    "fraud by false representation",
    "handling stolen goods",
    "threats to kill",
    "malicious communications",
    "theft of a motor vehicle",
    "aggravated vehicle taking",
    "assault on an emergency worker",
    "arson",
    "blackmail",
    "being drunk and disorderly",
    "dangerous driving",
    "{racial_ethnic_origin#racially_aggravated:racially aggravated} harassment",
    "{racial_ethnic_origin#racially_aggravated:racially aggravated} public order",
    "{religious_beliefs#religiously_aggravated:religiously aggravated} criminal damage",
    "{sexual_life:sexual assault}",
    "{sexual_life:rape}",
    "{sexual_life:indecent exposure}",
    "{sexual_life:voyeurism}",
];

const OFFENCE_CELL: &[&str] = &[
    "Assault by beating",
    "Common assault",
    "ABH",
    "Theft from shop",
    "Shoplifting",
    "Burglary - dwelling",
    "Robbery of personal property",
    "Criminal damage to a vehicle",
    "Possession of cannabis",
    "PWITS class A",
    "Possession of bladed article",
    "Drink drive",
    "Drive whilst disqualified",
    "No insurance",
    "Harassment",
    "Stalking",
    "Coercive control",
    "Sec 4 [trade_union#poa_public_order:POA]",
    "Affray",
    "Fraud",
    "Handling stolen goods",
    "Threats to kill",
    "Assault emergency worker",
    "Drunk and disorderly",
    "{criminal_proceedings:Breach of bail}",
    "{racial_ethnic_origin#racially_aggravated:Racially aggravated} s.4A [trade_union#poa_public_order:POA]",
    "{sexual_life:Sexual assault}",
    "Wounding with intent",
];

const DESCRIPTOR: &[&str] = &[
    "white male",
    "white female",
    "black male",
    "black female",
    "Asian male",
    "Asian female",
    "mixed race male",
    "IC1 male",
    "IC3 male",
    "IC4 female",
    "IC6 male",
    "white British male",
    "black African female",
    "man of Pakistani heritage",
    "Eastern European male",
];

const DX: &[&str] = &[
    "depression",
    "anxiety",
    "post-traumatic stress disorder",
    "PTSD",
    "type 2 diabetes",
    "type 1 diabetes",
    "epilepsy",
    "schizophrenia",
    "bipolar disorder",
    "asthma",
    "a heart condition",
    "high blood pressure",
    "chronic back pain",
    "long Covid",
    "migraines",
    "ADHD",
    "autism",
    "a learning disability",
    "dementia",
    "hepatitis C",
    "HIV",
    "breast cancer",
    "multiple sclerosis",
    "Crohn's disease",
    "arthritis",
    "COPD",
    "an eating disorder",
    "psychosis",
    "emotionally unstable personality disorder",
    "panic attacks",
    "{employment:work-related stress}",
    "menopause symptoms",
    "hearing loss",
    "sciatica",
    "fibromyalgia",
    "OCD",
];

const MED: &[&str] = &[
    "sertraline",
    "citalopram",
    "fluoxetine",
    "mirtazapine",
    "diazepam",
    "zopiclone",
    "pregabalin",
    "methadone",
    "olanzapine",
    "quetiapine",
    "lithium",
    "insulin",
    "metformin",
    "co-codamol",
    "tramadol",
    "propranolol",
    "antidepressants",
    "anti-psychotic medication",
    "a salbutamol inhaler",
    "naproxen",
    "buprenorphine",
];

const INJURY: &[&str] = &[
    "a fractured wrist",
    "a broken ankle",
    "concussion",
    "a back injury",
    "a knee injury",
    "whiplash",
    "bruised ribs",
    "a laceration to the forehead",
    "a dog bite",
    "a torn ligament",
];

const LOG_CLASS: &[&str] = &[
    "{offences:Assault}",
    "{offences:Burglary}",
    "{offences:Theft}",
    "{offences:Criminal damage}",
    "{complaints_incidents:Road traffic collision}",
    "{complaints_incidents:RTC} - {health:injury}",
    "{offences:Domestic - crime}",
    "{health:Concern for welfare - mental health}",
    "Suspicious circumstances",
    "{offences:Public order}",
    "Missing person",
    "{offences:Drugs}",
];

const LOG_ENTRY: &[&str] = &[
    "Caller $w reports {offences:@offence} at the above address.",
    "[criminal_intelligence#informant_caller:Informant] states a {racial_ethnic_origin#descriptor:@descriptor}, {personal_details:aged about $age}, is {offences#plain_language:trying car door handles} in the street.",
    "$o and $p assigned and en route.",
    "Officers on scene. Area search conducted, no trace.",
    "{offences:Suspect} named as $s, {personal_details:DOB} $dob.",
    "$s has been {offences:arrested on suspicion of @offence} and conveyed to {criminal_proceedings+offences#police_custody:custody} at @station.",
    "$s {offences:arrested for @offence}, {criminal_proceedings+offences#police_custody:booked into custody} at $time.",
    "Victim $v has {health:@injury} and has been {health:taken to A&E by ambulance}.",
    "{sound_visual_images:Body-worn video} activated by $o.",
    "{sound_visual_images:<BWV|Body worn camera|Body-worn camera> footage} uploaded to <DEMS|Evidence.com>.",
    "{sound_visual_images:CCTV} requested from the shop on the corner.",
    "Shop manager $w has {sound_visual_images:CCTV footage} of the male leaving with {offences#plain_language:unpaid goods}.",
    "Caller was abusive and hung up. Call back attempted, no answer.",
    "{complaints_incidents:RTC} on the A34 near [person_name#reading_place:Reading], two vehicles involved, {health:minor injuries} only.",
    "[criminal_intelligence#informant_caller:Informant] says her {family_lifestyle_social:ex-partner} $s is outside the house shouting.",
    "$s {health#mha_section:detained under section 136 of the Mental Health Act} and taken to the {health:place of safety}.",
    "Male [criminal_intelligence#believed_to_be:believed to be] {health:suicidal} standing on the bridge parapet. Negotiator requested.",
    "Female caller states she is {health#in_labour:[political_opinions#in_labour:in labour]} and the car has broken down.",
    "Witness $w describes the male as wearing a [racial_ethnic_origin#colour_clothing:black] jacket and [racial_ethnic_origin#colour_clothing:white] trainers.",
    "Vehicle is a [racial_ethnic_origin#colour_clothing:white] van, partial index only.",
    "{offences:Suspect} is a {racial_ethnic_origin#descriptor:@descriptor} wearing a [racial_ethnic_origin#colour_clothing:black] North Face coat.",
    "{criminal_intelligence:PNC check} on $s shows {criminal_intelligence:warning markers} for {criminal_intelligence+health:self-harm} and {criminal_intelligence:weapons}.",
    "$v states that the {offences:suspect} {offences#plain_language:punched her twice in the face}.",
    "$v reports her phone was {offences#plain_language:snatched from her hand} outside the station.",
    "{criminal_proceedings#nfa_no_further_action:NFA} - words of advice given to both parties.",
    "$o spoke to $v; she does not wish to {complaints_incidents:make a complaint} at this time.",
    "{offences:Crime reference} $ref allocated.",
    "{sound_visual_images:Scene photographs} taken. {physical_identifiers:Footwear marks} recovered from the kitchen floor.",
    "{physical_identifiers:Fingerprints} lifted from the rear window by the CSI.",
    "{sound_visual_images:999 call recording} to be retained.",
    "$s is {family_lifestyle_social:known to children's services}.",
    "$w says the {offences:offender} ran off towards [person_name#street_forename:Victoria Road].",
    "{offences:Suspect} left the scene in a silver Vauxhall Corsa.",
    "{health:Ambulance} on scene treating $v for {health:a head injury}.",
    "[criminal_intelligence#informant_caller:Informant] $w is a {health:wheelchair user} and cannot come to the door quickly.",
];

const LOG_CLOSE: &[&str] = &[
    "Log closed. {offences:Crime} recorded, {offences:crime reference} $ref.",
    "Log closed, {criminal_proceedings:no further police action}.",
    "Log closed. {complaints_incidents:Incident} resulted.",
    "Log closed: {criminal_proceedings#nfa_no_further_action:NFA}.",
    "Log closed. Passed to Neighbourhood team for follow-up.",
];

const NEUTRAL_POLICE: &[&str] = &[
    "Officers knocked at the front door and received no reply.",
    "The weather was dry and the street lighting was working.",
    "A neighbour provided a description of the vehicle.",
    "Further enquiries to be completed by the day shift.",
    "Update passed to the duty inspector.",
    "Area search completed with negative result.",
    "The caller will ring back if the male returns.",
    "House-to-house enquiries carried out on both sides of the road.",
    "Keys handed to the neighbour for safe keeping.",
    "Officers cleared from the scene at the end of shift.",
    "The front gate was found open and the garden light was on.",
    "Resourcing delayed due to high demand across the district.",
    "Request for a dog unit declined, none available.",
    "Unit diverted to a higher priority call.",
    "The road was closed for forty minutes while recovery attended.",
    "Traffic was diverted via the ring road.",
    "No answer at the property; calling card left.",
    "Details passed to the Neighbourhood team for follow-up on Monday.",
    "She called the police [sexual_life#straight_away:straight away].",
    "The officers approached the vehicle with [criminal_proceedings#caution_everyday:caution] as it was parked on a bend.",
    "The occupants were advised to keep the doors locked.",
    "Concerns were raised by the local [trade_union#union_word:community] about parking outside the shop.",
    "[person_name+health#operation_name:Operation <Kingfisher|Bluebell|Grace|Sandpiper|Falcon|Rose>] briefing at 07:00 in the parade room.",
    "Rendezvous point set at the [person_name#shop_name:Sainsbury's] car park.",
    "The male was last seen near [person_name#shop_name:Marks and Spencer] on the High Street.",
    "Officers attended the [person_name#shop_name:John Lewis] store after the alarm activated.",
    "The team [criminal_proceedings#charged_everyday:charged] the radios and body cameras before the briefing.",
];

const NEUTRAL_CUSTODY: &[&str] = &[
    "Checked, asleep in cell, breathing normally.",
    "Visit. Awake, provided with a drink and a blanket.",
    "Meal offered and accepted.",
    "DP requested a shower, facilitated.",
    "Rousing checks carried out, responded appropriately.",
    "Rights and entitlements read and copy provided.",
    "{criminal_proceedings:Duty solicitor} informed and will attend.",
    "Telephone call made to a friend.",
    "[person_name#reading_word:Reading] material provided on request.",
    "{personal_details:Interpreter} booked for interview.",
    "Cell moved due to a faulty call bell.",
    "Property checked and signed for.",
];

const NEUTRAL_LETTER: &[&str] = &[
    "Thank you for your letter.",
    "Please find attached the documents you requested.",
    "I look forward to hearing from you.",
    "The meeting was held in the second floor conference room.",
    "Please contact me if you have any questions about this letter.",
    "A copy of this letter has been sent by post.",
    "I would be grateful for a reply within ten working days.",
    "Parking is limited, so please use the visitor spaces at the rear of the building.",
    "The earliest available appointment is next Tuesday morning.",
    "I have enclosed a map showing the entrance.",
    "[person_name#name_word:Will] you please confirm [goods_services#receipt_everyday:receipt] of this email.",
    "[person_name#name_word:May] I ask that you reply in writing.",
    "I expect a reply by $day [person_name#name_word:May].",
    "The office is closed on [person_name#name_word:Sunday] and bank holidays.",
    "In the [person_name#name_word:Summer] the building is very warm.",
    "[person_name#name_word:Frank] and open discussions were had at the meeting.",
    "[person_name#name_word:Mark] the envelope for the attention of the team leader.",
    "The team will meet again in [person_name#name_word:May] to review progress.",
    "[person_name#reading_place:Reading Borough Council] has been copied in.",
    "The offices of [person_name#reading_place:Reading Borough Council] are closed for refurbishment.",
    "She asked to attend the meeting in [person_name#reading_place:Reading] rather than Oxford.",
];

/// Hard cases in context (DOMAIN.md §2.3-2.4): positives with a case tag
/// and negatives.
const HARD_SENTENCE: &[&str] = &[
    "She has {health#negated_health:no history of @dx}.",
    "He {health#negated_health:denies any thoughts of self-harm}.",
    "$s is {health#negated_health:not taking any prescribed medication}.",
    "{health#negated_health:No known mental health issues} were disclosed.",
    "{health#negated_health:No previous diagnosis of @dx} is recorded.",
    "He stated that he {health#negated_health:has never been diagnosed with @dx}.",
    "She {health#negated_health:does not suffer from @dx}.",
    "$v's {family_lifestyle_social:sister} was {health#in_labour:[political_opinions#in_labour:in labour]} at the Royal Berkshire at the time.",
    "She went {health#in_labour:[political_opinions#in_labour:into labour]} at 32 weeks and is now on {employment+health:maternity leave}.",
    "$s is a {political_opinions#labour_party:member of the Labour Party} and a local {political_opinions#labour_party:Labour councillor}.",
    "He said he had been {political_opinions#labour_party:canvassing for Labour} in the ward.",
    "The local {political_opinions#labour_party:Labour Party} agent, $w, made a statement.",
    "The factory relies on [political_opinions#labour_everyday:manual labour] and agency staff.",
    "[political_opinions#labour_everyday:Labour costs] for the repair were quoted at £$money.",
    "That figure is a [political_opinions#conservative_estimate:conservative estimate] of the damage.",
    "$s {political_opinions:stood as a Conservative candidate} in the council elections.",
    "$o attended the scene with {person_name#surname_colour:DC [racial_ethnic_origin#surname_colour:White]}.",
    "The statement was taken by {person_name#surname_colour:PC [racial_ethnic_origin#surname_colour:Black]}.",
    "He is {religious_beliefs#christian_religion:a practising Christian} and {religious_beliefs:attends a Pentecostal church}.",
    "She describes herself as {religious_beliefs#christian_religion:Christian}.",
    "{offences#s18_oapa:Wounding with intent contrary to [health#s18_oapa:s.18] of the Offences Against the Person Act 1861}.",
    "$s {criminal_proceedings:was charged} under {offences#s18_oapa:[health#s18_oapa:section 18] of the Offences Against the Person Act}.",
    "A [offences+health#s18_pace:section 18 PACE search] of the premises was authorised by $p.",
    "{health#s18_mha:Patient [employment#awol_patient:absent without leave] and returned under [offences#s18_mha:s.18] of the Mental Health Act}.",
    "$s {health#mha_section:was detained under section 2 of the Mental Health Act} last year.",
    "$s was {criminal_proceedings#remand_custody:remanded in custody} to appear at @court.",
    "{family_lifestyle_social#child_custody:The parents are in a [criminal_proceedings#child_custody:child custody] dispute at the family court}.",
    "She has {family_lifestyle_social#child_custody:[criminal_proceedings#child_custody:custody] of the children under a child arrangements order}.",
    "{health#fit_to_detain:Fit to detain and fit for interview per HCP}.",
    "The male did not [health#fit_description:fit the description] given by the caller.",
    "The vehicle hit a [health#depression_everyday:depression] in the road surface.",
    "Neighbours were unhappy about parking on [criminal_proceedings#court_address:Court Road].",
    "{criminal_proceedings#nfa_no_further_action:NFA'd} - {criminal_proceedings:insufficient evidence}.",
    "Address given as {personal_details#nfa_no_fixed_abode:[criminal_proceedings#nfa_no_fixed_abode:NFA] (no fixed abode)}.",
    "He is {personal_details#nfa_no_fixed_abode:of no fixed abode}.",
    "His {criminal_proceedings#probation_officer:[employment#probation_officer:probation officer]} was informed.",
    "She is still within her {employment#probation_period:[criminal_proceedings#probation_period:probationary period]}.",
    "He is a {personal_details:[racial_ethnic_origin#nationality_not_ethnicity:Polish national]}.",
    "He has lived in the [racial_ethnic_origin#black_country:Black Country] all his life.",
    "She was accompanied by a {employment:[trade_union#police_federation:Police Federation representative]}.",
    "He was accompanied by his {trade_union:<UNISON|Unite|GMB> representative}, $w.",
    "The staff sang [person_name#name_word:Amazing Grace] at the memorial.",
    "The Old [person_name#name_word:Bill] turned up, he said.",
    "[person_name#name_word:Will] update the log when the van is recovered.",
    "[person_name#name_word:May] need a second unit if the crowd grows.",
    "{offences:Suspect} {person_name#word_forename:Will HARDING} is {offences:wanted for @offence}.",
    "Victim {person_name#word_forename:May KOWALSKA} has been informed.",
    "Witness {person_name#word_forename:Rose Adeyemi} gave her account.",
    "Officer {person_name#word_forename:Mark Ellison} recovered the exhibit.",
    "{person_name#word_forename:Summer O'Brien}, the [criminal_intelligence#informant_caller:informant], called back.",
    "{person_name#word_forename:Sunday Okonkwo} was spoken to as a witness.",
    "Name: {person_name#word_forename:Frank Mensah}",
    "Name: {person_name#word_forename:Grace McLaughlin}",
    "Mr {person_name#word_forename:Bill Pritchard} made the 999 call.",
    "The briefing is in the [person_name#name_word:Hope] Room on the first floor.",
    "{person_name#surname_colour:Mr [racial_ethnic_origin#surname_colour:Black]} was interviewed as a witness.",
    "{person_name#surname_colour:Mrs [racial_ethnic_origin#surname_colour:White]} called to report the damage.",
    "{person_name#christian_forename:[religious_beliefs#christian_forename:Christian] SMITH} was spoken to at the address.",
    "Witness {person_name#christian_forename:[religious_beliefs#christian_forename:Faith] Adeyemi} was present.",
    "The shop is at the end of [education_training#school_address:School Road] near the junction.",
    "He studied at {education_training:Thames Valley University} and has a {education_training:degree in criminology}.",
    "The [racial_ethnic_origin#ethnic_word_everyday:Asian supermarket] on [person_name#street_forename:Albert Street] was the target.",
    "The coach from [person_name#place_name:Preston] arrived late.",
    "The recruits completed the [offences#assault_course:assault course] on Monday.",
    "The clocks went back at the [health#stroke_everyday:stroke] of two.",
    "The last [criminal_proceedings#sentence_grammar:sentence] of the letter was unclear.",
    "The weather was [criminal_proceedings#fine_everyday:fine] and dry.",
    "Two players were on the tennis [criminal_proceedings#court_everyday:court].",
    "His [family_lifestyle_social+sexual_life#business_partner:business partner] runs the shop.",
    "The meeting with the residents was [health#positive_everyday:positive].",
    "The [criminal_intelligence#source_everyday:source] of the leak was a burst pipe.",
    "The event passed [complaints_incidents#without_incident:without incident].",
    "Police have issued an [complaints_incidents#appeal_witnesses:appeal] for witnesses.",
    "The [licences_permits#software_licence:software licence] for the analysis tool has expired.",
    "{health:A [physical_identifiers#medical_swab:Covid swab]} taken on admission was negative.",
    "She was {health:taken to [religious_beliefs#saint_place:St Mary's] Hospital}.",
    "The ferry crossed the [racial_ethnic_origin#irish_sea:Irish Sea] overnight.",
    "He moved to [religious_beliefs#worship_place:Christchurch] in Dorset last year.",
    "He was seen at Bristol [religious_beliefs#worship_place:Temple Meads] station.",
    "The [political_opinions#reform_word:reform] of the parking scheme was discussed.",
    "The [political_opinions#conservative_estimate:conservative] figure was used in the report.",
];

/// Category sentences that fit any document.
const CAT_SENTENCE: &[&str] = &[
    "$s {family_lifestyle_social:lives with a partner and two children}.",
    "$s {family_lifestyle_social:is homeless and sofa surfing}.",
    "$v {family_lifestyle_social:receives universal credit} and {financial:is in rent arrears}.",
    "$v {family_lifestyle_social:is a carer for her mother}.",
    "$s {family_lifestyle_social:recently separated from his wife}.",
    "$s {family_lifestyle_social:is a care leaver}.",
    "$s is {employment:employed as a @job} <at a warehouse|for the council|by a haulage firm>.",
    "$s is {employment:unemployed} and {family_lifestyle_social:claims benefits}.",
    "$s {employment:works night shifts} at a distribution centre.",
    "$v {education_training:attends Oakfield Academy and is in Year 10}.",
    "$s {education_training:was permanently excluded from school in Year 9}.",
    "$s {education_training+health:has an EHCP} for {health:autism}.",
    "$s {education_training:is studying for A-levels at sixth form}.",
    "$s {financial:has debts of about £$money} and {financial:a payday loan}.",
    "$v {financial:transferred £$money by bank transfer} to the {offences:fraudster}.",
    "$v provided {financial:bank statements} showing the payments.",
    "$s {religious_beliefs:attends the local mosque for Friday prayers}.",
    "$v {religious_beliefs+racial_ethnic_origin#sikh_jewish_ethnic:is Jewish} and {religious_beliefs:attends the synagogue}.",
    "$v {religious_beliefs:wears a hijab}.",
    "$s {religious_beliefs+racial_ethnic_origin#sikh_jewish_ethnic:is a Sikh} and {religious_beliefs:wears a turban}.",
    "$v {religious_beliefs:was fasting for Ramadan}.",
    "$v {religious_beliefs:is a Jehovah's Witness}.",
    "$s {political_opinions:is a member of @party}.",
    "$s was at a {political_opinions:<Palestine solidarity march|Extinction Rebellion protest|Just Stop Oil protest|anti-immigration rally>}.",
    "$s has been the subject of a {political_opinions:Prevent referral} for {political_opinions:extreme right-wing views}.",
    "$v {sexual_life:is gay} and {sexual_life+family_lifestyle_social:lives with his same-sex partner}.",
    "$v {sexual_life:is bisexual}.",
    "$v met $s on {sexual_life:Grindr}.",
    "$s {sexual_life:had an affair} with a colleague.",
    "$s {licences_permits:holds a shotgun certificate}.",
    "$s {licences_permits:holds a firearm certificate} for two rifles.",
    "$s has a {licences_permits:provisional driving licence} only.",
    "$s {licences_permits:holds a private hire licence} issued by the council.",
    "$s {licences_permits:holds an SIA door supervisor licence}.",
    "$v {trade_union:is a member of @union}.",
    "$v is the {trade_union:@union branch secretary}.",
    "$v {health:is registered blind}.",
    "$v {health:takes @med} for {health:@dx}.",
    "$v {health:is $num months pregnant}.",
    "$s {health+family_lifestyle_social:is alcohol dependent} and {health:under the community drug and alcohol team}.",
    "$s was {health:seen by the crisis team} last week.",
    "Entry made in my {manual_records_references:pocket notebook} at the time.",
    "See {manual_records_references:PNB} page $n3 for the original notes.",
    "The {manual_records_references:original paper file} is held in the {manual_records_references:records store}.",
    "The file was {manual_records_references:retrieved from archive box} $n3.",
    "$v provided the {goods_services:invoice} and {goods_services:receipt} for the bike.",
    "$v produced the {goods_services:order confirmation for the parcel}.",
    "The {goods_services:parcel delivery} was left on the doorstep.",
    "$v had {goods_services:a contract with the builder for the extension}.",
    "{sound_visual_images:Ring doorbell footage} has been downloaded.",
    "{sound_visual_images:Dashcam footage} shows the {complaints_incidents:collision}.",
    "{sound_visual_images:Photographs} of {health:the injuries} were taken.",
    "$s gave a {physical_identifiers:DNA sample} {offences:on arrest}.",
    "{criminal_intelligence:Intelligence suggests} $s is {criminal_intelligence+offences:linked to county lines supply}.",
    "The {health_safety:risk assessment} for the premises was reviewed.",
    "$o completed an {health_safety+complaints_incidents:accident report} for the fall.",
    "$o suffered {health_safety+health:an injury on duty} during a struggle.",
    "$v has {complaints_incidents:made a complaint} about the delay.",
    "$s {personal_details:was born in} Lagos and {personal_details:moved to the UK in} $year.",
    "$s {personal_details:resides at} $addr.",
    "$v's {financial:credit card} was used for {goods_services:purchases} she did not make.",
    "$s {financial:has an overdraft of £$money}.",
    "$s {financial:was declared bankrupt} in $year.",
    "$v {financial:entered an IVA} last year.",
    "$s {financial:has a county court judgment for unpaid debts}.",
    "$v sent £$money {financial:via Western Union}.",
    "$s {financial:holds a cryptocurrency wallet}.",
    "$v {financial:set up a standing order} of £$money a month.",
    "$s {financial:has mortgage arrears} of £$money.",
    "$s {financial:was paid £$money in cash} for the work.",
    "$v {goods_services:ordered a laptop online} that never arrived.",
    "The {goods_services:purchase order} for the repair was raised on $date.",
    "$v {goods_services:cancelled the subscription} after the first month.",
    "$v {goods_services:received a refund} of £$money.",
    "$v obtained a {goods_services:quotation} for the replacement window.",
    "The {goods_services:booking reference} for the hotel was provided.",
    "$v {goods_services:bought the car from a dealer} in $year.",
    "$v has a {goods_services:mobile phone contract} with a network provider.",
    "$s {licences_permits:has $num penalty points on his licence}.",
    "$s {licences_permits:holds an HGV licence}.",
    "$s is the {licences_permits:designated premises supervisor} at the bar.",
    "$s {licences_permits:holds a personal licence} to sell alcohol.",
    "$s's {licences_permits:biometric residence permit} has expired.",
    "$s {licences_permits:is in the UK on a student visa}.",
    "$s {licences_permits:holds a street trading licence}.",
    "$s {licences_permits:has a scrap metal dealer's licence}.",
    "$s {licences_permits+criminal_proceedings:was disqualified from driving for 12 months}.",
    "$s's {licences_permits:taxi badge} was suspended by the council.",
    "The {manual_records_references:day book} entry for $date is missing.",
    "See the {manual_records_references:index card} held at the front desk.",
    "The {manual_records_references:microfiche records} were checked.",
    "The {manual_records_references:original statement is held at the archive}.",
    "{manual_records_references:Box $n3 has been recalled from offsite storage}.",
    "The {manual_records_references:property register} shows the exhibit was booked in.",
    "The {manual_records_references:hard copy file was sent to the records office}.",
    "{physical_identifiers:Palm prints} were taken.",
    "The {physical_identifiers:DNA profile} was loaded to the {physical_identifiers:national database}.",
    "A {physical_identifiers:fingerprint match on IDENT1} identified $s.",
    "{physical_identifiers:Mouth swab taken for DNA}.",
    "{physical_identifiers:Retrospective facial recognition} identified $s.",
    "The {physical_identifiers:DNA hit} links $s to the {offences:burglary}.",
    "The {sound_visual_images:ABE interview} was recorded on $date.",
    "{sound_visual_images:Stills from the CCTV} were circulated.",
    "$v sent {sound_visual_images:photos on WhatsApp}.",
    "The {sound_visual_images:audio recording} of the call was exported.",
    "The {sound_visual_images:video interview} has been transcribed.",
    "{sound_visual_images:Drone footage} of the field was captured.",
    "A {health_safety:near miss} was reported in the garage.",
    "The {health_safety:COSHH assessment} for the cleaning products is out of date.",
    "{health_safety+health:First aid} was given by $p.",
    "{health_safety:PPE} was worn throughout.",
    "The {health_safety:fire risk assessment} was reviewed.",
    "$o reported the {health_safety:hazard} to the station manager.",
    "$s {education_training:left school at 16 with no qualifications}.",
    "$s {education_training:is on an apprenticeship} with a plumbing firm.",
    "$v {education_training:attends a pupil referral unit}.",
    "$v {education_training+health:has special educational needs}.",
    "$s {education_training:is a student at the university}.",
    "$s {education_training:has a degree in engineering}.",
    "$s {education_training:failed his GCSEs}.",
    "$v's {education_training:school attendance is poor}.",
    "$s {education_training:completed an NVQ in plumbing at college}.",
    "$s {political_opinions:was leafleting for Reform UK} in the town centre.",
    "$s {political_opinions:was a Liberal Democrat councillor}.",
    "$s {political_opinions:supports Scottish independence}.",
    "$s {political_opinions:posted far-right material} online.",
    "$s {political_opinions:was referred to the Channel panel}.",
    "$s {political_opinions:attended an English Defence League demonstration}.",
    "$s {political_opinions:describes himself as an anarchist}.",
    "$v {trade_union:is on strike with her union}.",
    "$v {trade_union:was on the picket line} outside the depot.",
    "$v {trade_union:is a shop steward}.",
    "$v {trade_union:pays union subscriptions by check-off}.",
    "$v {trade_union:voted in the strike ballot}.",
    "$v {trade_union:is a member of the RMT}.",
    "$v {trade_union:is the BMA representative} for the practice.",
    "$v {religious_beliefs:is a Catholic and attends mass} every week.",
    "$s {religious_beliefs:attends the gurdwara}.",
    "$v {religious_beliefs:celebrates Diwali}.",
    "$v {religious_beliefs:is a Hindu} and {religious_beliefs:visits the mandir}.",
    "$s {religious_beliefs:converted to Islam} in $year.",
    "$v {religious_beliefs:is a Buddhist}.",
    "$v {religious_beliefs:is an atheist}.",
    "$v {religious_beliefs+racial_ethnic_origin#sikh_jewish_ethnic:wears a kippah}.",
    "$v {religious_beliefs:is the imam at the mosque}.",
    "$v {religious_beliefs:is a Methodist lay preacher}.",
    "$v {religious_beliefs:is a Rastafarian}.",
    "$v {sexual_life:is a lesbian} and {sexual_life+family_lifestyle_social:lives with her wife}.",
    "$v {sexual_life:came out as gay} to his family last year.",
    "$v {sexual_life+family_lifestyle_social:is in a same-sex relationship}.",
    "$v and $s {sexual_life:were sexting}.",
    "$v {sexual_life:has had several sexual partners}.",
    "$v {sexual_life+health:was treated for an STI}.",
    "$v {sexual_life:uses dating apps}.",
    "$s {personal_details:was born on} $dob.",
    "{personal_details:Place of birth}: Birmingham.",
    "$v's {personal_details:mobile number} has changed.",
    "{personal_details:Previous address}: $addr.",
    "$v's {personal_details:email address} is on file.",
    "$s {personal_details:is $age years old}.",
    "{personal_details:Gender: <male|female>}.",
    "$s {personal_details:has dual nationality}.",
    "$v {family_lifestyle_social:is a single mother of three}.",
    "$s {family_lifestyle_social:lives alone in a council flat}.",
    "$v {family_lifestyle_social:is in foster care}.",
    "$s {family_lifestyle_social+health:has a gambling problem}.",
    "$s {family_lifestyle_social:is estranged from his family}.",
    "$v {family_lifestyle_social:lives in a hostel}.",
    "$s {family_lifestyle_social:is a looked-after child}.",
    "$s {family_lifestyle_social:is married to} $v.",
    "$v {family_lifestyle_social+racial_ethnic_origin:lives on a traveller site}.",
    "$s {employment:was dismissed from his job at the warehouse}.",
    "$v {employment:works part-time as a @job}.",
    "$s {employment:is self-employed as a plasterer}.",
    "$v {employment:resigned from her job} last month.",
    "$v {employment:is on a zero-hours contract}.",
    "$s {employment:is a serving police officer}.",
    "{criminal_intelligence:A CHIS has reported} that $s {offences#plain_language:is dealing cocaine}.",
    "$s is a {criminal_intelligence:subject of interest} in [person_name#operation_name:Operation Nightjar].",
    "{criminal_intelligence:Intelligence log} $ref refers.",
    "The information has been {criminal_intelligence:sanitised} before dissemination.",
    "$s is {criminal_intelligence:a known associate of} $w.",
    "$v {complaints_incidents:lodged an appeal} against the outcome.",
    "The {complaints_incidents:conduct matter} was recorded by {complaints_incidents:PSD}.",
    "The case was referred to the {complaints_incidents:Local Government Ombudsman}.",
    "The {complaints_incidents:road traffic collision} happened at the junction.",
    "$v {complaints_incidents:raised a grievance} against her manager.",
    "The {employment+complaints_incidents:misconduct hearing} is listed for $date.",
    "$s {criminal_proceedings:was sentenced to $num months' imprisonment}.",
    "$s {criminal_proceedings:received a suspended sentence}.",
    "$s {criminal_proceedings:was given a community order with unpaid work}.",
    "$s {criminal_proceedings:was fined £$money and ordered to pay costs}.",
    "$s {criminal_proceedings:pleaded guilty} at @court.",
    "$s {criminal_proceedings:was acquitted after a trial}.",
    "$s is {criminal_proceedings:subject to a restraining order}.",
    "$s is {criminal_proceedings:on licence} and was {criminal_proceedings:recalled to prison}.",
    "$s {criminal_proceedings:was found not guilty}.",
    "$s {criminal_proceedings:is on tag with a curfew}.",
    "$s {offences:was caught shoplifting} at the supermarket.",
    "$s {offences+criminal_proceedings:has previous convictions for burglary}.",
    "$s {offences:was found in possession of a knife}.",
    "$v {offences:had her car stolen} from the drive.",
    "$s {offences:sent threatening messages} to $v.",
    "$v {health:has a prosthetic leg}.",
    "$s {health:was admitted to a psychiatric ward}.",
    "$v {health:had a miscarriage} in $year.",
    "$v {health:is undergoing chemotherapy}.",
    "$s {health:has a history of self-harm}.",
    "$s {health:is deaf and needs a BSL interpreter}.",
    "$v {health:suffers from panic attacks}.",
    "$s {health:was sectioned} in $year.",
    "$v {health:uses a wheelchair}.",
    "$v {racial_ethnic_origin:is of Black Caribbean heritage}.",
    "$v {racial_ethnic_origin:describes herself as mixed race}.",
    "$s {racial_ethnic_origin:is from the Roma community}.",
    "$v {racial_ethnic_origin:is an Irish Traveller}.",
    "$v {racial_ethnic_origin:is British Asian}.",
    "$v was subjected to {racial_ethnic_origin+offences:racial abuse}.",
];

const ARREST_CIRCS: &[&str] = &[
    "Attended report of {offences:@offence}; $s identified by the victim and {offences:arrested} at the scene.",
    "{offences+criminal_proceedings:Wanted on warrant for failing to appear} at @court.",
    "Stopped in a vehicle; {offences:@offence} suspected after a roadside check.",
    "{offences:Circulated as wanted} for {offences:@offence} on PNC.",
    "Detained by store security for {offences:@offence}.",
];

const CUSTODY_RISK: &[&str] = &[
    "{health:Medical conditions: @dx}.",
    "{health:Medication: @med, <twice daily|at night|as required>}.",
    "{health#negated_health:Medication: none}.",
    "{health#negated_health:Self-harm: no previous self-harm disclosed}.",
    "{health:Self-harm: previous overdose in $year}.",
    "{health:Mental health: under the care of the community mental health team}.",
    "{health#negated_health:Mental health: no known issues}.",
    "{health+family_lifestyle_social:Alcohol or drugs: uses [offences#drug_use_not_offence:heroin] daily}.",
    "{health+family_lifestyle_social#negated_health:Alcohol or drugs: denies drug use}.",
    "{health#negated_health:Pregnant: no}.",
    "{health:Seen by the HCP} at $time; {health#fit_to_detain:fit to detain}.",
    "{health:Requires FME assessment} for {health:@injury}.",
    "{religious_beliefs:Religion or dietary needs: <halal meal|vegetarian Hindu diet|kosher meal|prayer mat requested|Quran requested>}.",
    "{education_training+health:[person_name#reading_word:Reading] difficulties: dyslexic}, rights read aloud.",
    "{health:Vulnerability: learning disability, appropriate adult required}.",
    "{criminal_intelligence:Warning markers}: @marker.",
    "{personal_details:Nationality: British}.",
    "{health_safety:Risk assessment} completed: <low|medium|high> risk, <level 1|level 2> observations.",
];

const CUSTODY_ENTRY: &[&str] = &[
    "{physical_identifiers:Fingerprints} and a {physical_identifiers:DNA sample} taken.",
    "{physical_identifiers:Livescan} completed; {physical_identifiers:PNC ID} confirmed.",
    "{physical_identifiers:Custody photograph} taken.",
    "{physical_identifiers:Buccal swab} taken and sealed.",
    "{offences:Interviewed under caution} in the presence of the {criminal_proceedings:duty solicitor}.",
    "Interview concluded; {offences:@offence} put to DP, no comment.",
    "Further {offences:arrest for @offence} following review.",
    "Review by $p; {criminal_proceedings+offences#police_custody:detention continued}.",
    "{health:HCP} attended; {health:@med} administered.",
    "DP {health:[complaints_incidents#complaining_symptom:complaining of chest pains]}, {health:ambulance called}.",
    "DP seen by {health:mental health nurse from liaison and diversion}.",
    "DP requested the {religious_beliefs:Quran} and a {religious_beliefs:prayer mat}; provided.",
    "DP {religious_beliefs+racial_ethnic_origin#sikh_jewish_ethnic:is Sikh}; {religious_beliefs:kara} retained after {health_safety:risk assessment}.",
    "{sound_visual_images:Cell CCTV} reviewed.",
    "{criminal_proceedings:CPS} consulted regarding charge.",
    "{criminal_proceedings:Charge authorised by CPS}.",
    "{criminal_proceedings+offences#police_custody:Custody officer} $p reviewed the {criminal_proceedings:bail} conditions.",
    "{criminal_proceedings:Charged with {offences:@offence}}.",
    "{criminal_proceedings:Refused bail} and {criminal_proceedings+offences#police_custody:kept in custody} for court.",
    "{manual_records_references:Paper copy} of the {criminal_proceedings+offences#police_custody:detention log} placed on the {manual_records_references+criminal_proceedings:case file}.",
];

const CUSTODY_OUTCOME: &[&str] = &[
    "{criminal_proceedings:Charged} and {criminal_proceedings:bailed to appear} at @court on $date.",
    "{criminal_proceedings:Charged} and {criminal_proceedings#remand_custody:remanded in custody} for @court.",
    "{criminal_proceedings:Released under investigation}.",
    "{criminal_proceedings:RUI} pending forensic results.",
    "{criminal_proceedings:Bailed} to return on $date.",
    "{criminal_proceedings#nfa_no_further_action:NFA} - {criminal_proceedings#nfa_no_further_action:no further action}.",
    "{criminal_proceedings:Simple caution} administered.",
    "{criminal_proceedings:Conditional caution} with a rehabilitative condition.",
    "{criminal_proceedings:Community resolution}.",
    "{criminal_proceedings:Penalty notice for disorder} issued.",
    "{criminal_proceedings:Postal requisition} to follow.",
    "{health#mha_section:Transferred to hospital under section 136 MHA}.",
];

const COURT: &[&str] = &[
    "{criminal_proceedings:[person_name#reading_place:Reading] Magistrates' Court}",
    "{criminal_proceedings:[person_name#reading_place:Reading] Crown Court}",
    "{criminal_proceedings:Oxford Crown Court}",
    "{criminal_proceedings:Birmingham Magistrates' Court}",
    "{criminal_proceedings:[person_name#place_name:Preston] Crown Court}",
    "{criminal_proceedings:Cardiff Crown Court}",
    "{criminal_proceedings:the youth court}",
    "{criminal_proceedings:[person_name#place_name:Chester] Magistrates' Court}",
];

const OH_SENTENCE: &[&str] = &[
    "Thank you for your {employment+health:management referral} regarding $s_t.",
    "$s_t has been {employment+health:absent from work} since $date with {health:@dx}.",
    "$s_t reports {health:low mood}, {health:poor sleep} and {health:difficulty concentrating}.",
    "$s_t is taking {health:@med} as {health:prescribed by the GP}.",
    "$s_t was {health:referred for counselling} through the {employment+health:Employee Assistance Programme}.",
    "She is {health:pregnant} and her {health:expected date of [goods_services#delivery_birth:delivery]} is $date.",
    "There is {health#negated_health:no history of @dx}.",
    "In my opinion $s_t is {employment+health:fit for a phased return to work} from $date.",
    "I recommend {employment+health:reasonable adjustments}, including a reduced workload for four weeks.",
    "$s_t is {employment+health:unfit for operational duties} at present.",
    "{employment+health:Restricted duties} are recommended until {health:the fracture has healed}.",
    "A {health_safety:DSE assessment} of the workstation should be completed.",
    "{health_safety+health:The injury was sustained on duty} and is recorded in the {health_safety:accident book}.",
    "It appears to be {health_safety:reportable under RIDDOR}.",
    "$s_t sustained {health:@injury} in {health_safety:a slip on a wet floor} in the yard.",
    "$s_t has a {health_safety+health:needle-stick injury} and has started {health:post-exposure prophylaxis}.",
    "The condition is likely to be considered a {health:disability under the Equality Act 2010}.",
    "$s_t was accompanied by {trade_union:a @union representative}, $w_n.",
    "$s_t was accompanied by a {employment:[trade_union#police_federation:Federation representative]}.",
    "$s_t has asked that {employment+health:her sickness absence} is not counted under the attendance policy.",
    "$s_t told me {family_lifestyle_social:she is going through a divorce}.",
    "$s_t has {family_lifestyle_social:caring responsibilities for her father}, who has {health:dementia}.",
    "I have written to the {health:GP} for a report.",
    "A {health:psychiatric assessment} is awaited.",
    "$s_t has been {health:diagnosed with @dx}.",
    "$s_t {health:underwent surgery} on $date.",
    "The next review will be a {employment+health:return to work} meeting with $m_t.",
    "$s_t is due to start {employment+health:maternity leave} on $date.",
    "$s_t {employment:has submitted a flexible working request}.",
];

const COMPLAINT_SUBJECT: &[&str] = &[
    "{complaints_incidents:Complaint} about $o",
    "{complaints_incidents:Formal complaint} - $ref",
    "{complaints_incidents:Complaint} regarding my {offences:arrest}",
    "Re: {complaints_incidents:your complaint} CO/$n6",
    "Officer conduct on $date",
];

const COMPLAINT_SENTENCE: &[&str] = &[
    "I wish to make a {complaints_incidents:formal complaint} about the conduct of $o on $date.",
    "The officer made remarks about my {religious_beliefs:hijab} in front of my {family_lifestyle_social:children}.",
    "I believe I was treated differently because I am {racial_ethnic_origin:black}.",
    "I am {racial_ethnic_origin:of Pakistani heritage} and was called names in the street.",
    "I am a {religious_beliefs:practising Muslim} and was not allowed to pray.",
    "I was {offences:arrested} outside my home and held for nine hours.",
    "I was at a {political_opinions:peaceful protest} and was pushed by an officer.",
    "I am a {political_opinions:Green Party councillor} and was recognised by the officers.",
    "I have {health:@dx} and the way I was spoken to has made it worse.",
    "My {family_lifestyle_social:son} has {health:autism} and the officers did not take this into account.",
    "My {family_lifestyle_social:ex-husband} has been {offences#plain_language:harassing me} for months and nothing has been done.",
    "I reported this on $date and nobody called me back.",
    "I want this {complaints_incidents:referred to the IOPC}.",
    "I also contacted [person_name#reading_place:Reading Borough Council] about the noise.",
    "I am {health:$num months pregnant} and was frightened.",
    "The officer would not give me his name or number.",
    "My {goods_services:receipt} for the phone shows it was bought in $year.",
    "The damage to my door cost £$money to repair and I have the {goods_services:invoice}.",
    "{sound_visual_images:Body-worn video} will show what happened.",
    "My neighbour has {sound_visual_images:doorbell camera footage} of the whole thing.",
    "My {financial:bank card} was taken and never returned.",
    "I am {sexual_life:gay} and the officer made a comment about my {sexual_life+family_lifestyle_social:boyfriend}.",
    "I am a {trade_union:union rep} and know my rights.",
    "I was told I would be {criminal_proceedings:charged} but then heard nothing.",
    "I was {criminal_proceedings:released under investigation} and it has been a year.",
    "My {licences_permits:shotgun certificate} was revoked without explanation.",
    "I would like a copy of my {criminal_proceedings+offences#police_custody:custody record} and the officer's {manual_records_references:pocket notebook} entry.",
    "Please treat this as a {complaints_incidents:complaint} under the Police Reform Act.",
    "I have been waiting since [person_name#name_word:May] for an answer.",
];

const PSD_REPLY: &[&str] = &[
    "Your {complaints_incidents:complaint} has been recorded and allocated to $p.",
    "We have assessed your {complaints_incidents:complaint} and it will be handled {complaints_incidents:outside Schedule 3}.",
    "Your {complaints_incidents:complaint} has been {complaints_incidents:referred to the IOPC}.",
    "Thank you for contacting {complaints_incidents:Professional Standards}. A {complaints_incidents:complaint handler} will contact you.",
];

const JOB: &[&str] = &[
    "call handler",
    "police staff investigator",
    "HR adviser",
    "fleet technician",
    "data analyst",
    "police constable",
    "detective sergeant",
    "PCSO",
    "finance officer",
    "cleaner",
    "project manager",
    "care assistant",
    "[health#job_title:nurse]",
    "plasterer",
];

const RELIGION: &[&str] = &[
    "{religious_beliefs#christian_religion:Christian}",
    "Church of England",
    "Roman Catholic",
    "Muslim",
    "{racial_ethnic_origin#sikh_jewish_ethnic:Sikh}",
    "Hindu",
    "{racial_ethnic_origin#sikh_jewish_ethnic:Jewish}",
    "Buddhist",
    "No religion",
    "Atheist",
    "Prefer not to say",
];

const ETHNICITY: &[&str] = &[
    "White British",
    "White - English, Welsh, Scottish, Northern Irish or British",
    "White Irish",
    "Gypsy or Irish Traveller",
    "Any other White background",
    "Black or Black British - Caribbean",
    "Black African",
    "Asian or Asian British - Pakistani",
    "Asian British - Indian",
    "Bangladeshi",
    "Chinese",
    "Mixed - White and Black Caribbean",
    "Arab",
    "Prefer not to say",
];

const UNION: &[&str] = &["UNISON", "Unite", "GMB", "PCS", "RCN", "Prospect", "NEU"];

const PARTY: &[&str] = &[
    "the Labour Party",
    "the Conservative Party",
    "the Liberal Democrats",
    "Reform UK",
    "the Green Party",
    "Plaid Cymru",
    "the SNP",
    "Sinn Féin",
    "Britain First",
];

const QUALS: &[&str] = &[
    "8 GCSEs, 3 A-levels",
    "BSc Criminology, 2:1",
    "NVQ Level 3 in Customer Service",
    "BTEC National Diploma in Public Services",
    "Level 6 Diploma in Policing",
    "HND in Business",
];

const COURSE: &[&str] = &[
    "Initial Police Learning and Development Programme",
    "Custody detention officer course",
    "Level 2 investigator course",
    "Safeguarding awareness e-learning",
    "Taser initial course",
];

const GRADE: &[&str] = &[
    "B2",
    "C3",
    "3x5x2 graded 2/B/P",
    "1/A/P",
    "2/C/C",
    "Evaluation B2",
];

const HR_NOTE: &[&str] = &[
    "{employment:Annual appraisal} completed $date; {employment:performance} rated good.",
    "{employment:Performance improvement plan} started $date.",
    "{employment:Resigned} with effect from $date.",
    "{employment:Dismissed} following a {employment+complaints_incidents:gross misconduct hearing}.",
    "{employment:Redundancy} consultation letter issued.",
    "{employment+health+health_safety:Occupational health referral} made following {employment+health:long-term sickness absence}.",
    "{employment+health:Phased return to work} agreed from $date.",
    "{health+health_safety+employment:Workplace stress assessment} completed with $m_t.",
    "{complaints_incidents:Grievance} about a colleague resolved informally.",
    "{trade_union:<UNISON|Unite|GMB> rep} $w_n attended the meeting.",
    "Accompanied by {employment:[trade_union#police_federation:Police Federation rep]} $w_n.",
    "{employment:Secondment} to the [criminal_intelligence#unit_name:Regional Organised Crime Unit] approved.",
    "{employment+health:Reasonable adjustments}: {health+education_training:dyslexia} software installed.",
    "{education_training:Enrolled on a degree apprenticeship} starting September.",
    "{licences_permits:Driving licence check} completed, {licences_permits:penalty points} noted.",
    "{manual_records_references+employment:Paperwork held in the hard copy personnel file}.",
    "{health_safety:Manual handling training} completed.",
    "{health_safety+health:Injury on duty} recorded on $date.",
    "{employment+health:Maternity leave} from $date.",
    "{employment:[goods_services#employment_contract:Contract] varied to part-time}.",
];

const INTEL_SENTENCE: &[&str] = &[
    "{criminal_intelligence:It is reported that} $s is {offences:supplying class A drugs} from $addr.",
    "$s is {criminal_intelligence:believed to be} a {criminal_intelligence:member of an organised crime group}.",
    "$s is an {criminal_intelligence:associate of} $w.",
    "$s is {criminal_intelligence+offences:linked to the county lines} operating between London and [person_name#reading_place:Reading].",
    "{criminal_intelligence:Source reports} that $s {offences#plain_language:carries a knife}.",
    "$s {criminal_intelligence:is a nominal} for the {criminal_intelligence:OCG}.",
    "{criminal_intelligence:Intelligence indicates} $s is {offences#plain_language:storing stolen goods} at a flat.",
    "$s uses the {criminal_intelligence:street name} {person_name#alias:Tiny}.",
    "{criminal_intelligence:Directed surveillance} authorised under {criminal_intelligence:RIPA}.",
    "$s is {offences:{criminal_intelligence:suspected of} money laundering} through a car wash.",
    "$s has {criminal_intelligence:warning markers} for {criminal_intelligence:violence} and {criminal_intelligence+health:mental health}.",
    "$s {financial:has large cash deposits in several bank accounts}.",
    "$s {licences_permits:holds a firearm certificate}, which should be reviewed.",
    "$s is {family_lifestyle_social:in a relationship with} $v, who is {family_lifestyle_social+sexual_life:a sex worker}.",
];

const STATEMENT_SENTENCE: &[&str] = &[
    "On $date at about $time I was at home at $addr.",
    "I heard shouting outside and looked out of the window.",
    "I saw a man I now know to be $s {offences#plain_language:kicking the door of the car}.",
    "He was {racial_ethnic_origin#descriptor:@descriptor}, about six feet tall, wearing a [racial_ethnic_origin#colour_clothing:black] hoodie.",
    "I recognised him as my {family_lifestyle_social:neighbour's son}.",
    "My {family_lifestyle_social:partner}, $v, was with me.",
    "He {offences#plain_language:punched} $v in the face and ran off.",
    "$v was {health:bleeding from the nose} and I called 999.",
    "I have {health:@dx} and was very shaken.",
    "I am willing to {criminal_proceedings:attend court} if required.",
    "I would recognise the man again.",
    "I have {sound_visual_images:video on my phone} which I have given to $o.",
    "I work as a {employment:@job}.",
    "The damaged items were bought from a shop in town and I still have the {goods_services:receipt}.",
    "I did not give anyone permission to take my car.",
    "I know $s from {education_training:school}.",
];

const CSV_ETH: &[&str] = &[
    "{racial_ethnic_origin:White British}",
    "{racial_ethnic_origin:White - British}",
    "{racial_ethnic_origin:White Irish}",
    "{racial_ethnic_origin:W1}",
    "{racial_ethnic_origin:Gypsy or Irish Traveller}",
    "{racial_ethnic_origin:Black Caribbean}",
    "{racial_ethnic_origin:Black African}",
    "{racial_ethnic_origin:B2}",
    "{racial_ethnic_origin:Asian Pakistani}",
    "{racial_ethnic_origin:Asian Indian}",
    "{racial_ethnic_origin:Asian Bangladeshi}",
    "{racial_ethnic_origin:A1}",
    "{racial_ethnic_origin:Chinese}",
    "{racial_ethnic_origin:Mixed White and Black Caribbean}",
    "{racial_ethnic_origin:Any other ethnic group}",
    "[racial_ethnic_origin#not_stated_cell:Not stated]",
];

const CSV_IC: &[&str] = &[
    "{racial_ethnic_origin:IC1}",
    "{racial_ethnic_origin:IC1}",
    "{racial_ethnic_origin:IC2}",
    "{racial_ethnic_origin:IC3}",
    "{racial_ethnic_origin:IC4}",
    "{racial_ethnic_origin:IC5}",
    "{racial_ethnic_origin:IC6}",
    "{racial_ethnic_origin:White}",
    "{racial_ethnic_origin:Black}",
    "{racial_ethnic_origin:Asian}",
];

const CSV_REL: &[&str] = &[
    "{religious_beliefs#christian_religion:Christian}",
    "{religious_beliefs:Church of England}",
    "{religious_beliefs:Roman Catholic}",
    "{religious_beliefs:Muslim}",
    "{religious_beliefs+racial_ethnic_origin#sikh_jewish_ethnic:Sikh}",
    "{religious_beliefs:Hindu}",
    "{religious_beliefs+racial_ethnic_origin#sikh_jewish_ethnic:Jewish}",
    "{religious_beliefs:Buddhist}",
    "{religious_beliefs:No religion}",
    "{religious_beliefs:None}",
    "[religious_beliefs#not_stated_cell:Not stated]",
    "[religious_beliefs#not_stated_cell:Prefer not to say]",
];

const CSV_SO: &[&str] = &[
    "{sexual_life:Heterosexual}",
    "{sexual_life:Heterosexual}",
    "{sexual_life:Gay man}",
    "{sexual_life:Gay woman/lesbian}",
    "{sexual_life:Bisexual}",
    "[sexual_life#not_stated_cell:Prefer not to say]",
];

const CSV_UNION: &[&str] = &[
    "{trade_union:UNISON}",
    "{trade_union:Unite}",
    "{trade_union:GMB}",
    "{trade_union:PCS}",
    "{employment:[trade_union#police_federation:Police Federation]}",
    "[trade_union#not_stated_cell:None]",
];

const CSV_ABSENCE: &[&str] = &[
    "{health:Stress}",
    "{health:Anxiety/depression}",
    "{health:Back pain}",
    "{health:Covid-19}",
    "{health:Gastrointestinal}",
    "{health:Cold/flu}",
    "{health:Surgery}",
    "{health:Pregnancy related}",
    "{health:Migraine}",
    "{health:Musculoskeletal}",
    "{health_safety+health:Injury on duty}",
];

const CSV_OUTCOME: &[&str] = &[
    "{criminal_proceedings:Charged}",
    "{criminal_proceedings:Charged - remanded}",
    "{criminal_proceedings#nfa_no_further_action:NFA}",
    "{criminal_proceedings:No further action}",
    "{criminal_proceedings:Released under investigation}",
    "{criminal_proceedings:RUI}",
    "{criminal_proceedings:Caution}",
    "{criminal_proceedings:Community resolution}",
    "{criminal_proceedings:Bail to return}",
    "{criminal_proceedings:Penalty notice}",
];

const CSV_NOTE: &[&str] = &[
    "{health:Medication: @med}",
    "{health#negated_health:No medical conditions}",
    "{health:Self-harm} risk, level 2 obs",
    "{health:@dx}, {health:seen by HCP}",
    "{criminal_proceedings#remand_custody:Remanded in custody}",
    "{religious_beliefs:Halal} diet",
    "{physical_identifiers:DNA} and {physical_identifiers:prints} taken",
    "{personal_details:Interpreter required}",
    "Solicitor attended",
    "{family_lifestyle_social:Lives with mother}",
    "{personal_details#nfa_no_fixed_abode:No fixed abode}",
    "{health#fit_to_detain:Fit to detain}",
    "",
    "",
];

const CSV_HR_NOTE: &[&str] = &[
    "{employment+health:Phased return} agreed",
    "{employment+health+health_safety:OH referral} made",
    "{employment#probation_period:[criminal_proceedings#probation_period:On probation]} until $date",
    "{employment:Final written warning}",
    "{health:Pregnant}, {health_safety:risk assessment} done",
    "{employment+health:Reasonable adjustments} in place",
    "{trade_union:Union rep} present at meeting",
    "{complaints_incidents:Grievance} lodged",
    "",
    "",
    "",
];

const ALLEGATION: &[&str] = &[
    "Incivility",
    "Use of force",
    "Discriminatory behaviour - race",
    "Discriminatory behaviour - religion",
    "Unlawful {offences:arrest}",
    "Neglect of duty",
    "Improper disclosure of information",
    "Delay in investigation",
    "Damage to property during search",
];

const COMPLAINT_OUTCOME: &[&str] = &[
    "Service acceptable",
    "Service not acceptable",
    "{complaints_incidents:Referred to IOPC}",
    "{complaints_incidents:Reflective practice}",
    "{complaints_incidents:No case to answer}",
    "{complaints_incidents:Misconduct meeting}",
    "Withdrawn",
];

const COMPLAINT_SUMMARY: &[&str] = &[
    "{complaints_incidents:Complainant} says officer was rude at the front counter",
    "{complaints_incidents:Complainant} alleges handcuffs were too tight during {offences:arrest}",
    "{complaints_incidents:Complainant} is {religious_beliefs:Muslim} and says she was refused a female officer",
    "{complaints_incidents:Complainant} says he was stopped because he is {racial_ethnic_origin:black}",
    "{complaints_incidents:Complainant} has {health:PTSD} and says the search was handled badly",
    "{complaints_incidents:Complainant} says {sound_visual_images:BWV} was not switched on",
    "{complaints_incidents:Complainant} unhappy with {criminal_proceedings:NFA} decision",
    "Front door damaged during a warrant; {goods_services:invoice} supplied",
    "Call not returned for two weeks",
];

const SEARCH_OBJECT: &[&str] = &[
    "{offences:Controlled drugs}",
    "{offences:Offensive weapons}",
    "{offences:Stolen property}",
    "{offences:Articles for use in criminal damage}",
    "{offences:Going equipped}",
    "{offences:Firearms}",
];

const SEARCH_OUTCOME: &[&str] = &[
    "Nothing found",
    "Nothing found",
    "{offences:Arrest}",
    "{criminal_proceedings:Community resolution}",
    "{criminal_proceedings:Cannabis warning}",
    "{criminal_proceedings:Penalty notice for disorder}",
    "{criminal_proceedings:Summons}",
];

const MARKER: &[&str] = &[
    "{criminal_intelligence:Violent}",
    "{criminal_intelligence:Weapons}",
    "{criminal_intelligence+health:Self harm}",
    "{criminal_intelligence+health:Suicidal}",
    "{criminal_intelligence+health:Mental health}",
    "{criminal_intelligence:Drugs}",
    "{criminal_intelligence:Escaper}",
    "{criminal_intelligence+health:Ailment}",
    "{criminal_intelligence:Firearms}",
];

#!/usr/bin/env python3
"""Derive trawl's name lexicons: forenames.tsv, surnames.tsv, ambiguous.txt.

How to run (from the repository root):

    # fetch the three pinned inputs into a cache directory, then derive
    python3 patterns/names/derive.py --download --cache /tmp/trawl-names

    # or, with the files already in the cache directory
    python3 patterns/names/derive.py --cache /tmp/trawl-names

`--download` runs, inside the cache directory:

    pip download --no-deps --no-binary :all: names==0.3.0
    pip download --no-deps --only-binary :all: Faker==40.54.0
    apt-get download wbritish=2020.12.07-2

The inputs it then reads (nothing is installed or imported from them):

    names-0.3.0.tar.gz               PyPI `names` 0.3.0 (sdist): US Census 1990
                                     name lists, public domain; package MIT.
                                     names/dist.male.first, dist.female.first,
                                     dist.all.last
    faker-40.54.0-py3-none-any.whl   PyPI `Faker` 40.54.0 (wheel): en_GB first
                                     names, from ONS tables (OGL v3); code MIT.
                                     Read with `ast`, never imported.
    wbritish_2020.12.07-2_all.deb    Debian `wbritish` (SCOWL): used only as a
                                     stop-list of ordinary English words.

Each input's SHA-256 is checked against the pinned value below, so the output
is byte-for-byte reproducible; `--no-verify` skips that (other versions then
give other output). Output goes to the directory holding this script unless
`--out DIR` is given. Run time needs only the Python 3 standard library (the
.deb is read with a small `ar` reader and `tarfile`/`lzma`).

Output:
  forenames.tsv   name<TAB>weight, sorted by name (code-point order)
  surnames.tsv    name<TAB>weight, sorted by name
  ambiguous.txt   lower-case names that are also ordinary English words

weight is 1..5 (5 = very common). For a census name it comes from its share
of the population in log buckets (see WEIGHT_BUCKETS); ONS (Faker en_GB)
forenames and the hand-written supplement get at least 3, and a few
supplement names that are very common in UK records are marked 4 or 5 by
hand. No sex column is written: trawl must not infer sex from a name.

Never used here, whatever their convenience: PyPI `names-dataset` (built from
the 2021 Facebook leak of personal data) and gender-guesser's `nam_dict.txt`
(GNU FDL). No list of real people's full names is ever produced: every entry
is a single forename or surname.
"""

import argparse
import ast
import hashlib
import io
import lzma
import os
import subprocess
import sys
import tarfile
import unicodedata
import zipfile

# --------------------------------------------------------------------------
# Pinned inputs
# --------------------------------------------------------------------------

NAMES_SDIST = "names-0.3.0.tar.gz"
FAKER_WHEEL = "faker-40.54.0-py3-none-any.whl"
WBRITISH_DEB = "wbritish_2020.12.07-2_all.deb"

SHA256 = {
    NAMES_SDIST: "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671",
    FAKER_WHEEL: "2dd88ee8cb63a9149e19ef48bdd73879bc3854d8ba2d6c1535e902a762e603f7",
    WBRITISH_DEB: "f80571f14aa987ef0d727e2077d4f2abd84adf92492af494e7de04882c53be3f",
}

# file -> command that puts it into the current directory
DOWNLOAD_COMMANDS = [
    (NAMES_SDIST, ["pip", "download", "--no-deps", "--no-binary", ":all:",
                   "names==0.3.0", "-d", "."]),
    (FAKER_WHEEL, ["pip", "download", "--no-deps", "--only-binary", ":all:",
                   "Faker==40.54.0", "-d", "."]),
    (WBRITISH_DEB, ["apt-get", "download", "wbritish=2020.12.07-2"]),
]

# --------------------------------------------------------------------------
# Tunables (documented in README.md)
# --------------------------------------------------------------------------

# Census percentage (of the whole population) -> weight. Each step is a
# factor of 5 (about 0.7 of a decade). Below the last bound: weight 1.
WEIGHT_BUCKETS = [(0.25, 5), (0.05, 4), (0.01, 3), (0.002, 2)]

SURNAME_MAX_RANK = 30000      # the census long tail hurts precision
FORENAME_MIN_PERCENT = 0.001  # in the census list for either sex
NAMES_FIRST_FORENAMES = 300   # most frequent census forenames: names first
NAMES_FIRST_SURNAMES = 1500   # most frequent census surnames: names first
DEFAULT_WEIGHT = 3            # ONS / supplement names without counts

# --------------------------------------------------------------------------
# Capitalisation of census names (the census lists are upper case, without
# apostrophes)
# --------------------------------------------------------------------------

# O + root -> O'Root. Only these roots: Odell, Odom, Oliver, Osman... stay.
IRISH_O_ROOTS = set("""
BANNON BANION BEIRNE BOYLE BRIAN BRIANT BRIEN BRYAN BRYANT BYRNE CALLAGHAN
CONNELL CONNER CONNOR DANIEL DONELL DONNELL DONOGHUE DONOVAN DOWD DRISCOLL
DWYER FARRELL FLAHERTY GARA GORMAN GRADY HAGAN HAIR HALLORAN HANLON HARA
HARE HEARN HERN HORA KANE KEEFE KEEFFE KELLEY KELLY LAUGHLIN LEARY LOUGHLIN
MAHONEY MAHONY MALLEY MARA MARAH MEARA NEAL NEIL NEILL NIEL NIELL QUIN QUINN
REILLY RILEY RIORDAN ROURKE SHAUGHNESSY SHEA SHIELDS SULLIVAN TOOLE
""".split())

# MAC + rest is written MacRest only when MC + rest is also a census surname
# (MacDonald/McDonald) and rest is not one of these (Mackey, Mackie, ...).
MAC_NOT_GAELIC = {"KEY", "KIE", "OMBER", "LIN", "BETH", "ADAM", "INTOSH", "KEN",
                  "KIN", ""}


def title_word(s):
    """'SMITH' -> 'Smith'; keeps hyphen/apostrophe parts capitalised."""
    out = []
    cap = True
    for ch in s:
        out.append(ch.upper() if cap else ch.lower())
        cap = ch in "-' "
    return "".join(out)


def surname_case(upper, census_set):
    if upper.startswith("MC") and len(upper) > 3:
        return "Mc" + title_word(upper[2:])
    if (upper.startswith("MAC") and upper[3:] not in MAC_NOT_GAELIC
            and len(upper) > 5 and ("MC" + upper[3:]) in census_set):
        return "Mac" + title_word(upper[3:])
    if upper.startswith("O") and upper[1:] in IRISH_O_ROOTS:
        return "O'" + title_word(upper[1:])
    return title_word(upper)


def forename_case(upper):
    return title_word(upper)


# --------------------------------------------------------------------------
# Hand-written supplement: single names common in UK records that US lists
# under-represent (DOMAIN.md 5.2). Compiled by the project from those
# conventions and general knowledge. Never full names of real people.
#
# Each entry: (kind, weight, label, "comma, separated, names")
#   kind: "fore", "sur" or "both" (used as either, e.g. Somali names, where
#         the "surname" is the father's given name)
#   weight: DEFAULT_WEIGHT, or 4/5 for names known to be very common in UK
#         records (the common-name flag of DOMAIN.md 5.4)
# Accented names also get their plain form added (Siân -> Sian), since
# records often drop diacritics.
# --------------------------------------------------------------------------

W = DEFAULT_WEIGHT


def polish_feminine(names):
    """Kowalski -> Kowalski, Kowalska (also -cki/-cka, -dzki/-dzka)."""
    out = []
    for n in names.split(","):
        n = n.strip()
        if not n:
            continue
        out.append(n)
        if n.endswith("ski") or n.endswith("cki") or n.endswith("zki"):
            out.append(n[:-1] + "a")
    return ", ".join(out)


def lithuanian_feminine(names):
    """Kazlauskas -> Kazlauskas, Kazlauskienė (married), Kazlauskaitė."""
    out = []
    for n in names.split(","):
        n = n.strip()
        if not n:
            continue
        out.append(n)
        for male, wife, daughter in (("auskas", "auskienė", "auskaitė"),
                                      ("ius", "ienė", "iūtė"),
                                      ("as", "ienė", "aitė"),
                                      ("us", "uvienė", "utė")):
            if n.endswith(male):
                stem = n[: -len(male)]
                out.append(stem + wife)
                out.append(stem + daughter)
                break
    return ", ".join(out)


SUPPLEMENT = [
    # ---- Welsh --------------------------------------------------------------
    ("fore", W, "Welsh", """
        Dafydd, Dai, Rhys, Rhydian, Gwilym, Siân, Shân, Bethan, Cerys, Carys,
        Iwan, Ieuan, Ifan, Ioan, Llywelyn, Llewellyn, Huw, Owain, Gethin,
        Angharad, Aled, Alun, Aneurin, Nye, Bryn, Carwyn, Cai, Emlyn, Emrys,
        Geraint, Glyn, Gruffydd, Gwion, Hywel, Iolo, Islwyn, Meirion, Osian,
        Rhodri, Rhun, Siôn, Steffan, Taliesin, Tomos, Trefor, Tudur, Wyn,
        Elis, Elin, Eluned, Efa, Ffion, Gwen, Gwenllian, Gwyneth, Heledd,
        Lowri, Mair, Manon, Meinir, Morfydd, Nia, Nerys, Rhian, Rhiannon,
        Seren, Sioned, Catrin, Delyth, Eirlys, Eleri, Elen, Glenys, Llinos,
        Olwen, Anwen, Branwen, Dilys, Ceri, Cadi, Ianto, Dewi, Emyr, Gwyn,
        Tegan, Mali
    """),
    ("sur", 5, "Welsh, very common", """
        Jones, Williams, Davies, Evans, Thomas, Roberts, Hughes, Lewis
    """),
    ("sur", 4, "Welsh, common", """
        Morgan, Griffiths, Owen, Rees, Jenkins, Phillips, Edwards, Lloyd,
        Price, Powell, Parry, James
    """),
    ("sur", W, "Welsh", """
        Griffith, Pritchard, Bevan, Pugh, Probert, Prosser, Bowen, Howells,
        Howell, Vaughan, Llewellyn, Llywelyn, Meredith, Gwynne, Wynne,
        Rowlands, Humphreys, Watkins, Walters, Harries, Hopkins, Gittins,
        Beddoe, Bellis, Maddox, Madoc, Ellis, Mostyn, Tudor, Gough, Preece,
        Prys, Rhys, Reece, Cadwaladr, Voyle, Jenkin, Dafis, Parri, Morris
    """),
    # ---- Irish --------------------------------------------------------------
    ("fore", W, "Irish", """
        Seán, Shaun, Siobhán, Niamh, Aoife, Pádraig, Oisín, Saoirse, Ciarán,
        Caoimhe, Clodagh, Sinéad, Róisín, Orla, Orlaith, Gráinne, Aisling,
        Ailbhe, Áine, Máire, Mairéad, Nuala, Úna, Eimear, Fionnuala,
        Deirdre, Bríd, Dervla, Eoin, Eoghan, Cathal, Colm, Conall, Cormac,
        Darragh, Dara, Diarmuid, Dónal, Fergal, Feargal, Fintan, Lorcan,
        Ruairí, Tadhg, Cillian, Killian, Odhrán, Oran, Séamus, Shay,
        Tiernan, Éamonn, Eamon, Ronan, Niall, Fionn, Aoibhinn, Muireann,
        Bláthnaid, Sorcha, Clíodhna, Ciara, Neasa, Peadar, Caitríona,
        Síle, Treasa
    """),
    ("sur", 4, "Irish, common", """
        Murphy, Kelly, O'Sullivan, Walsh, Byrne, Ryan, O'Brien, O'Connor,
        Doyle, McCarthy, Gallagher, Doherty, Quinn
    """),
    ("sur", W, "Irish", """
        Ó Súilleabháin, Ní Shúilleabháin, Ó Briain, Ní Bhriain, Ó Néill,
        Ní Néill, Ó Ceallaigh, Ní Cheallaigh, Mac Carthaigh, Ó Conchúir,
        Ó Murchú, Ní Mhurchú, Ó Dónaill, Ó Broin, Ní Bhroin, Mac Giolla,
        O'Neill, O'Reilly, O'Connell, O'Donnell, O'Shea, O'Keeffe,
        O'Mahony, O'Donoghue, O'Driscoll, O'Leary, O'Dwyer, O'Rourke,
        O'Hara, O'Malley, O'Callaghan, O'Donovan, O'Halloran, O'Kane,
        Kennedy, Lynch, McLaughlin, Carroll, Connolly, Daly, Dunne, Brennan,
        Burke, Kavanagh, Keane, McGrath, Donnelly, Nolan, Fitzgerald,
        Flanagan, McCann, Maguire, Hegarty, Hennessy, Mulligan, Cullen,
        Duffy, McGuinness, McNamara, Molloy, Reilly, Fahy, Geraghty, Keogh,
        Kiely, Mulcahy, Mulholland, Nugent, Sheehan, Sweeney, Tierney,
        Toner, Whelan, Cassidy, Corrigan, Devlin, Dolan, Egan, Finnegan,
        Kinsella, Lenihan, Mooney, Phelan, Shanahan, Cahill, Coughlan,
        Crowley, Cronin, Hurley, Kearney, Mulvey, Moynihan, McGovern,
        McGuire, Breslin, Hanratty, McAleese, McElroy, Kehoe, McDonagh,
        Joyce, Delaney, Purcell, Sherlock, Doran, Connors
    """),
    # ---- Scottish -----------------------------------------------------------
    ("fore", W, "Scottish", """
        Hamish, Iain, Ailsa, Morag, Mhairi, Eilidh, Catriona, Kirsty, Isla,
        Ishbel, Iona, Alasdair, Alastair, Alistair, Angus, Callum, Calum,
        Ruaridh, Ruairidh, Fraser, Euan, Ewan, Finlay, Fergus, Lachlan,
        Murdo, Seumas, Torquil, Struan, Gregor, Innes, Dougal, Sorley,
        Morven, Shona, Sheena, Elspeth, Mairi, Marsaili, Kenzie, Lorna
    """),
    ("sur", 4, "Scottish, common", """
        MacDonald, McDonald, Campbell, Stewart, Robertson, Thomson, Scott,
        Reid, Ross, Fraser
    """),
    ("sur", W, "Scottish", """
        MacLeod, McLeod, MacKenzie, McKenzie, Paterson, Morrison,
        Henderson, Ferguson, MacKay, McKay, Cameron, Kerr, Sinclair, Munro,
        Buchanan, Drummond, MacIntyre, McIntyre, MacGregor, McGregor,
        MacLean, McLean, MacLennan, MacPherson, McPherson, Matheson, Urquhart,
        Menzies, Dalziel, Farquharson, Lamont, Ogilvie, Galbraith, Baird,
        Erskine, Forbes, Gillies, Laing, Livingstone, McAllister, Macaulay,
        McCulloch, McFarlane, MacFarlane, McKinnon, MacKinnon, McMillan,
        MacMillan, Moffat, Rennie, Rutherford, Sutherland, Weir, McNeil,
        MacNeil, McInnes, McAulay, Colquhoun, Mackintosh, McIntosh,
        McLachlan, MacLachlan, McKenna, Stuart
    """),
    # ---- South Asian: Muslim (Pakistani, Bangladeshi, Indian) ---------------
    ("fore", 5, "Mohammed and transliterations, very common", """
        Mohammed, Muhammad, Mohammad, Mohamed, Mohamad, Muhammed
    """),
    ("fore", W, "Mohammed, other forms", """
        Mohd, Mohammod, Mahomed, Muhamed
    """),
    ("fore", W, "Muslim forenames", """
        Abdul, Abdullah, Imran, Irfan, Asif, Tariq, Zahid, Shahid, Sajid,
        Waqas, Usman, Umar, Bilal, Hamza, Yusuf, Yousef, Ibrahim, Ismail,
        Idris, Zakariya, Zakaria, Ayaan, Rayyan, Amir, Aamir, Faisal,
        Kamran, Naveed, Nadeem, Adeel, Asad, Junaid, Shahzad, Sohail,
        Zubair, Adnan, Arif, Rizwan, Mustafa, Musa, Isa, Eesa, Zayn, Zain,
        Ilyas, Harun, Haroon, Suleman, Sulaiman, Shoaib, Shabir, Wasim,
        Waseem, Nasir, Naeem, Saqib, Kashif, Atif, Babar, Fahad, Haris,
        Aisha, Ayesha, Fatima, Fatimah, Zainab, Maryam, Mariam, Khadija,
        Amina, Aminah, Hafsa, Sana, Saima, Nadia, Shazia, Samina, Rubina,
        Nasreen, Yasmin, Yasmeen, Farzana, Shabana, Tahira, Rukhsana,
        Noreen, Safia, Sadia, Hira, Iqra, Zara, Zahra, Hajra, Humaira,
        Mehreen, Nabila, Bushra, Uzma, Asma, Sumaiya, Ruksana, Shahida,
        Nazia, Hina, Anisa, Inaya, Jannat, Tasnim, Tahmina, Shamima,
        Rahima, Rashida, Momtaz, Sultana
    """),
    ("sur", 5, "South Asian surnames, very common", """
        Khan, Ahmed, Ali, Hussain, Begum, Patel, Singh, Kaur
    """),
    ("sur", 4, "Mohammed as a surname (Somali, Sudanese, South Asian)", """
        Mohammed, Mohamed, Muhammad, Mohammad, Mohamud
    """),
    ("sur", 4, "South Asian surnames, common", """
        Shah, Bibi, Akhtar, Iqbal, Rahman, Islam, Uddin, Miah, Mahmood,
        Hussain, Ahmad, Malik, Sharma, Kumar
    """),
    ("sur", W, "South Asian Muslim surnames", """
        Hussein, Husain, Hossain, Mahmud, Mehmood, Butt, Chaudhry,
        Chaudhary, Choudhury, Chowdhury, Raja, Qureshi, Siddiqui, Rehman,
        Rashid, Riaz, Aslam, Anwar, Javed, Nawaz, Sharif, Saleem, Akram,
        Arshad, Bashir, Hanif, Latif, Majid, Nazir, Yousaf, Yousuf, Zaman,
        Abbas, Haider, Haq, Hoque, Haque, Alam, Ullah, Hameed, Mirza,
        Sheikh, Shaikh, Khatun, Khatoon, Parveen, Kauser, Kausar, Akhter,
        Akter, Sultana, Nessa, Nisa, Mia, Meah, Ahmedi, Mughal, Awan,
        Rafiq, Shafiq, Sadiq, Tahir, Younis, Younas, Zafar, Aziz, Karim,
        Abdullah, Ashraf
    """),
    # ---- South Asian: Sikh and Hindu ----------------------------------------
    ("fore", W, "Sikh forenames", """
        Harpreet, Gurpreet, Manjit, Jaswinder, Harjit, Kuldip, Kuldeep,
        Sukhwinder, Parminder, Rajinder, Balwinder, Amarjit, Jagjit,
        Gurdeep, Navdeep, Mandeep, Manpreet, Jaspreet, Harjinder, Baljit,
        Sarbjit, Paramjit, Gurjit, Ranjit, Surinder, Davinder, Ravinder,
        Jasvir, Kulwinder, Simran, Amrit, Harleen, Jasleen, Gurleen,
        Navjot, Harvinder, Inderjit, Sukhdev, Gurmit, Tarsem, Karamjit,
        Jaswant, Kulvinder, Rupinder
    """),
    ("fore", W, "Hindu forenames", """
        Priya, Rajesh, Sanjay, Anil, Sunil, Ravi, Vijay, Ajay, Amit,
        Rakesh, Ramesh, Suresh, Mahesh, Dinesh, Mukesh, Nilesh, Hitesh,
        Jayesh, Kiran, Pooja, Neha, Anjali, Deepak, Pradeep, Sandeep,
        Arjun, Krishna, Rohan, Rahul, Vikram, Nikhil, Sunita, Anita, Geeta,
        Gita, Meena, Rekha, Asha, Usha, Lata, Nisha, Divya, Kavita, Shilpa,
        Smita, Hema, Jyoti, Bhavna, Hetal, Shreya, Aarav, Kishan, Hari,
        Bharat, Manoj, Ashok, Vinod, Pankaj, Rajan, Rajiv, Sachin, Vivek,
        Alpa, Nita, Tejal, Dhruv, Ishaan, Aditya, Ananya
    """),
    ("sur", W, "Sikh, Hindu and other South Asian surnames", """
        Gill, Sandhu, Sidhu, Dhillon, Grewal, Bains, Johal, Atwal, Bhatti,
        Sahota, Sangha, Dhaliwal, Virdi, Kang, Mann, Bal, Hayer, Rai,
        Randhawa, Uppal, Matharu, Chahal, Brar, Cheema, Bassi, Sohal,
        Mistry, Parmar, Chauhan, Solanki, Desai, Joshi, Mehta, Modi,
        Pandya, Thakkar, Makwana, Gohil, Chavda, Rana, Verma, Gupta, Devi,
        Kumari, Chopra, Kapoor, Malhotra, Arora, Bhatia, Sethi, Khanna,
        Mehra, Reddy, Rao, Nair, Menon, Pillai, Iyer, Krishnan,
        Subramaniam, Sivakumar, Selvarajah, Nadarajah, Thakrar, Lakhani,
        Vaghela, Jadeja, Lal, Ram
    """),
    # ---- Somali, Ethiopian, Eritrean, Sudanese ------------------------------
    ("both", W, "Somali (given names used as surnames)", """
        Abdi, Abdullahi, Warsame, Farah, Hassan, Mohamud, Omar, Yusuf,
        Ahmed, Jama, Nur, Noor, Osman, Ismail, Aden, Adan, Hersi, Egal,
        Elmi, Duale, Guled, Abdirahman, Abdirashid, Abdikadir, Abdiaziz,
        Abdiwali, Mahamed, Muse, Dahir, Hirsi, Samatar, Hashi, Awale,
        Barre, Mahad, Liban, Bashir, Ibrahim, Hussein, Abdulkadir
    """),
    ("fore", W, "Somali forenames", """
        Hodan, Fadumo, Faduma, Hawa, Amina, Asha, Halima, Sahra, Ubah,
        Ifrah, Maryan, Sagal, Nimco, Khadra, Ayan, Deeqa, Hibo, Sucaad,
        Ilhan, Idil, Muna, Safiya
    """),
    ("both", W, "Ethiopian, Eritrean, Sudanese (men's names, used as surnames)", """
        Tesfaye, Haile, Gebremariam, Gebre, Kidane, Yohannes, Berhane,
        Tekle, Mengistu, Abraha, Tesfay, Habte, Ghebremedhin, Woldemichael,
        Abdalla, Elhassan, Mesfin, Dawit, Yonas, Mulugeta, Tewolde, Goitom
    """),
    ("fore", W, "Ethiopian and Eritrean women's forenames", """
        Selam, Senait, Meron, Saba, Tigist, Hiwot, Mekdes, Luwam, Semhar
    """),
    # ---- Arabic, Kurdish, Iranian, Afghan, Turkish --------------------------
    ("both", W, "Arabic, Kurdish (men's names, also used as surnames)", """
        Mahmoud, Khalid, Khaled, Samir, Walid, Youssef, Yasser, Hamid,
        Saeed, Said, Salah, Nasser, Mansour, Rasul, Hama, Hamza
    """),
    ("fore", W, "Arabic women's forenames", """
        Nour, Layla, Leila, Rania, Hiba, Dalia, Yasmina, Reem, Lina
    """),
    ("sur", W, "Arabic, Iranian, Afghan surnames", """
        Alhassan, Ahmadi, Mohammadi, Hosseini, Rezaei, Karimi, Rahimi,
        Hashemi, Amiri, Sultani, Popal, Rostami, Jafari, Mousavi, Haddad,
        Stanekzai, Safi, Noori, Hakimi
    """),
    ("sur", W, "Turkish and Turkish Cypriot surnames", """
        Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Arslan,
        Doğan, Kılıç, Özkan, Erdoğan, Aksoy, Polat, Koç, Kurt, Özdemir
    """),
    ("fore", W, "Turkish forenames", """
        Mehmet, Emre, Murat, Hüseyin, Hasan, Mustafa, Ahmet, Ayşe, Fatma,
        Elif, Zeynep, Emine, Hatice, Burak, Serkan
    """),
    # ---- Polish -------------------------------------------------------------
    ("sur", 4, "Polish, common", polish_feminine("""
        Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński,
        Lewandowski
    """)),
    ("sur", W, "Polish", polish_feminine("""
        Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski,
        Mazur, Wojciechowski, Kwiatkowski, Krawczyk, Kaczmarek, Piotrowski,
        Grabowski, Nowakowski, Pawłowski, Michalski, Nowicki, Adamczyk,
        Dudek, Zając, Wieczorek, Jabłoński, Król, Majewski, Olszewski,
        Jaworski, Wróbel, Malinowski, Pawlak, Witkowski, Walczak, Stępień,
        Górski, Rutkowski, Michalak, Sikora, Ostrowski, Baran, Duda,
        Szewczyk, Tomaszewski, Pietrzak, Marciniak, Wróblewski, Zalewski,
        Jakubowski, Jasiński, Zawadzki, Sadowski, Bąk, Chmielewski,
        Włodarczyk, Borkowski, Czarnecki, Sawicki, Sokołowski, Urbański,
        Kubiak, Maciejewski, Szczepański, Kucharski, Wilk, Kalinowski, Lis,
        Mazurek, Wysocki, Adamski, Kaźmierczak, Wasilewski, Sobczak,
        Czerwiński, Andrzejewski, Cieślak, Głowacki, Zakrzewski, Kołodziej,
        Sikorski, Krajewski, Gajewski, Szymczak, Baranowski, Laskowski,
        Brzeziński, Makowski, Przybylski
    """)),
    ("fore", W, "Polish forenames", """
        Krzysztof, Piotr, Tomasz, Paweł, Marcin, Michał, Łukasz, Grzegorz,
        Mariusz, Wojciech, Jakub, Kamil, Dariusz, Rafał, Maciej, Mateusz,
        Przemysław, Sebastian, Bartosz, Artur, Jarosław, Sławomir, Zbigniew,
        Andrzej, Janusz, Ryszard, Jerzy, Stanisław, Wiesław, Szymon, Dawid,
        Damian, Adrian, Radosław, Zdzisław, Agnieszka, Katarzyna,
        Małgorzata, Joanna, Magdalena, Aleksandra, Ewa, Beata, Dorota,
        Justyna, Monika, Marta, Natalia, Paulina, Weronika, Zofia,
        Barbara, Grażyna, Krystyna, Elżbieta, Jadwiga, Halina, Iwona,
        Sylwia, Urszula, Renata, Żaneta, Kinga, Wioletta, Izabela, Oliwia
    """),
    # ---- Romanian, Lithuanian, Latvian, other Eastern European -------------
    ("sur", W, "Romanian", """
        Popescu, Ionescu, Popa, Pop, Radu, Dumitru, Stan, Stoica,
        Gheorghe, Matei, Ciobanu, Rusu, Munteanu, Constantin, Ioniță,
        Mihai, Lungu, Florea, Marin, Dinu, Moldovan, Șerban, Nistor, Bălan,
        Dumitrescu, Stanciu, Marinescu, Tănase, Zamfir, Preda, Vasile,
        Neagu, Cristea, Oprea, Sârbu, Lazăr, Ene, Anghel, Toma
    """),
    ("fore", W, "Romanian forenames", """
        Ion, Ioan, Andrei, Alexandru, Mihai, Florin, Bogdan, Cristian,
        Gheorghe, Vasile, Constantin, Marius, Ionuț, Adrian, Ionela, Elena,
        Ioana, Andreea, Mihaela, Alina, Florentina, Gabriela, Cristina,
        Nicoleta, Raluca, Bianca, Roxana, Daniela, Ștefan, Cătălin, Sorin,
        Dragoș, Costel, Petru, Nicolae, Valentin, Iulian, Iuliana, Loredana
    """),
    ("sur", W, "Lithuanian", lithuanian_feminine("""
        Kazlauskas, Jankauskas, Petrauskas, Stankevičius, Vasiliauskas,
        Žukauskas, Butkus, Paulauskas, Urbonas, Kavaliauskas, Baranauskas,
        Pocius, Navickas, Rimkus, Sakalauskas, Ramanauskas, Vaitkus,
        Kairys, Lukoševičius, Mikalauskas
    """)),
    ("fore", W, "Lithuanian forenames", """
        Tomas, Mindaugas, Darius, Andrius, Jonas, Vytautas, Saulius,
        Audrius, Kęstutis, Gintaras, Tadas, Mantas, Marius, Rasa, Jurgita,
        Ieva, Gintarė, Aistė, Rūta, Agnė, Giedrė, Inga, Laima, Vilma,
        Edita, Kristina, Jolanta, Egidijus, Arūnas, Dovydas, Lukas
    """),
    ("sur", W, "Latvian, Slovak, Czech, Hungarian, Bulgarian, Ukrainian", """
        Bērziņš, Kalniņš, Ozoliņš, Jansons, Horváth, Kováč, Kovács, Varga,
        Tóth, Nagy, Szabó, Molnár, Farkas, Balogh, Balog, Lakatos, Novák,
        Nováková, Dvořák, Svoboda, Procházka, Ivanov, Ivanova, Georgiev,
        Georgieva, Dimitrov, Dimitrova, Petrov, Petrova, Kovalenko,
        Shevchenko, Bondarenko, Melnyk, Tkachenko, Popov, Popova
    """),
    ("fore", W, "Latvian, Slovak, Czech, Hungarian, Bulgarian, Ukrainian forenames", """
        Jānis, Andris, Oleksandr, Olena, Yuliia, Mykola, Vasyl, Dmytro,
        Zsolt, Ferenc, László, Miroslav, Jiří, Lenka, Zuzana, Georgi,
        Nikolai, Svetlana, Tetiana, Oksana
    """),
    ("sur", W, "Albanian surnames", """
        Hoxha, Gashi, Krasniqi, Berisha, Shehu, Dervishi, Kola, Leka,
        Hysa, Basha, Kelmendi, Morina, Bajrami, Hoti, Cela
    """),
    ("fore", W, "Albanian forenames", """
        Arben, Besnik, Ardit, Erion, Klodian, Fatmir, Altin, Gentian,
        Elona, Ermira, Fjolla, Dritan, Arjan, Ilir, Blerim, Endrit, Kristi
    """),
    # ---- West African and Caribbean -----------------------------------------
    ("sur", W, "West African surnames", """
        Adebayo, Adeyemi, Okafor, Okonkwo, Eze, Nwosu, Obi, Okoro, Mensah,
        Owusu, Boateng, Asante, Osei, Appiah, Agyeman, Ansah, Darko, Addo,
        Adjei, Balogun, Ogunleye, Adewale, Olawale, Okoye, Chukwu, Bello,
        Abubakar, Danso, Kamara, Sesay, Bangura, Conteh, Koroma, Jalloh,
        Diallo, Bah, Sow, Traoré, Touré, Camara, Oyelaran, Oladipo,
        Adeleke, Akinola, Afolabi, Ogunbiyi, Okeke, Nwachukwu, Onyango,
        Amoah, Frimpong, Acheampong, Opoku, Nkrumah, Quaye, Tetteh,
        Ofori, Ajayi, Babatunde, Oyewole, Ekwueme
    """),
    ("fore", W, "West African forenames", """
        Chidi, Chinedu, Chukwuemeka, Emeka, Ngozi, Chioma, Adaeze,
        Oluwaseun, Olumide, Tunde, Babatunde, Ayodele, Temitope, Folasade,
        Funmilayo, Kwame, Kofi, Kwabena, Kojo, Kwaku, Yaw, Akosua, Abena,
        Ama, Efua, Adwoa, Oluwatobi, Damilola, Adebola, Bukola, Yetunde,
        Femi, Segun, Kehinde, Taiwo, Oluwadamilare, Chiamaka, Nnamdi,
        Ikenna, Obinna, Uchenna, Fatoumata, Mariama, Aminata, Isatou,
        Abdoulaye, Mamadou, Ousmane
    """),
    ("fore", W, "Caribbean and Black British forenames", """
        Tyrone, Delroy, Winston, Leroy, Errol, Clive, Desmond, Linton,
        Neville, Everton, Junior, Marlon, Jermaine, Jerome, Tremaine,
        Kareem, Shanice, Tanisha, Shantelle, Latoya, Marcia, Paulette,
        Beverley, Sonia, Claudette, Hyacinth, Dionne, Keisha, Jamal,
        Kemar, Devon, Rohan, Akeem, Jahmal, Kadeem, Shaquille, Tiana
    """),
    # ---- Chinese, Vietnamese, other East and South-East Asian ----------------
    ("sur", W, "Chinese (Mandarin and Cantonese romanisations)", """
        Wang, Li, Zhang, Chen, Liu, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun,
        Ma, Zhu, Hu, Guo, He, Lin, Luo, Gao, Zheng, Liang, Xie, Song,
        Wong, Chan, Lee, Cheung, Lam, Leung, Ho, Ng, Yip, Tang, Lau, Cheng,
        Chow, Tsang, Kwok, Fung, Lo, Yeung, Tse, Chu, Mak, Siu, Choi,
        Chong, Tan, Lim, Teo, Goh, Ong, Yu, Xiao, Deng, Feng, Cao, Wei
    """),
    ("sur", W, "Vietnamese", """
        Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi,
        Đỗ, Ngô, Dương, Lý
    """),
    ("sur", W, "Korean, Filipino, Thai, Japanese", """
        Kim, Park, Choi, Jung, Kang, Cho, Yoon, Santos, Reyes, Cruz,
        Garcia, Bautista, Dela Cruz, Mendoza, Villanueva, Suzuki, Tanaka,
        Sato, Watanabe
    """),
    # ---- Southern European, Greek Cypriot, Portuguese -----------------------
    ("sur", W, "Greek Cypriot, Portuguese, Italian", """
        Georgiou, Christodoulou, Constantinou, Ioannou, Demetriou,
        Charalambous, Papadopoulos, Nicolaou, Kyriacou, Michael, Silva,
        Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins,
        Sousa, Fernandes, Gonçalves, Gomes, Lopes, Esposito, Russo,
        Romano, Ricci
    """),
    ("fore", W, "Portuguese, Spanish, Italian forenames", """
        João, José, António, Francisco, Manuel, Luís, Gonçalo, Tiago,
        Inês, Beatriz, Mariana, Joana, Giuseppe, Giovanni, Salvatore,
        Francesca, Giulia, Alessandro, Javier, Alejandro, Sofía, Lucía
    """),
    # ---- British forenames the 1990 US census misses or under-counts -------
    ("fore", W, "British forenames", """
        Alfie, Archie, Freddie, Harvey, Oscar, Theo, Leo, Harley, Mason,
        Riley, Tyler, Kai, Ethan, Logan, Isaac, Finley, Louie, Ellis,
        Tommy, Frankie, Ronnie, Jayden, Reggie, Teddy, Stanley, Rory,
        Poppy, Evie, Ava, Mia, Lily, Ella, Freya, Isabelle, Isabella,
        Millie, Daisy, Phoebe, Tia, Courtney, Demi, Chantelle, Keeley,
        Tegan, Shauna, Bryony, Leanne, Kerry, Kayleigh, Kayley, Jodie,
        Stacey, Gemma, Jemma, Ellie, Maisie, Lexi, Darcey, Darcie, Nevaeh,
        Elsie, Esme, Imogen, Lola, Scarlett, Sienna, Willow, Jessie, Hollie,
        Abbie, Libby, Tilly, Niamh, Caitlin, Keira, Kiera, Aimee, Becky,
        Zoë, Chloë, Naomi, Lacey, Lacie, Macey, Macie, Amelie, Harriet,
        Pippa, Josie, Nell, Connie, Elliot, Jenson, Dexter, Bobby, Callum,
        Kieran, Kian, Keiran, Aidan, Brandon, Jordan, Lennon, Rhys, Reece,
        Bailey, Kayden, Jacob, Alfred, Albie, Arlo, Ollie, Sonny, Jude,
        Rowan, Declan, Tobias
    """),
    ("fore", W, "Nicknames used as given names in UK records", """
        Gaz, Baz, Daz, Kaz, Shaz, Del, Tel, Ged, Jock,
        Paddy, Mick, Terry, Tez, Kev, Steve, Dave, Pete, Ste
    """),
]

# Names that are also rare English words, but names first in UK records
# (hand judgement; the census top-N exemption does not reach them).
NAMES_FIRST = {
    "khan", "shah", "amir", "raja", "sultana",          # South Asian
    "parry", "harries", "weir", "toner", "mackintosh",  # Welsh, Scots, Irish
    "bassi", "lopes", "martins", "florin", "gentian", "ion",
}

# Always ambiguous: ordinary words first, names second (the project's list).
AMBIGUOUS_ALWAYS = """
will mark may rose bill frank grace summer reading bath sunday black white
brown green christian hope faith church temple bishop wells stoke sale march
april june august lane hall king young long little joy dawn holly ivy heather
iris violet hazel pearl ruby amber sky river storm hunter chase guy jack pat
rob sue art sonny cliff dale glen wood field hill street rich noble best page
law case cook baker mason carter marshall bond banks price moss love gay bent
straight major sergeant constable
""".split()

# Also ambiguous, by this script's judgement: words (descriptions, injuries,
# places, nationalities, religions, police and court terms, occupations)
# that are far more often words than names in police records. Kept only if
# the name is in forenames.tsv or surnames.tsv.
AMBIGUOUS_JUDGED = """
ward west north south east cross park ford fine cash money post judge justice
sheriff warden drew miles penny crystal ray don bob chuck dick willy randy
lance rusty gene eve autumn jade sterling pound key lock gates stone rock
bird fox rice bush hunt knight lord duke earl pope cole snow frost winter
spring day sharp hardy gray grey gold silver golden bell mills marsh
christmas islam pagan french english welsh irish london york kent derby
lincoln chester preston bolton bristol england ireland holland wales
guard driver speed crook officer court bail lamb parish chance charity
patience mercy sunny honey ginger candy brandy misty destiny trinity
precious star angel bobby blue grant wade woods burns fields powers moody
gross colon self head hand heard hurt small short house good glass hood
beard holder weeks deal keys marks minor numbers savage strong quick fair
land story ash wall ball roach slaughter elder petty gamble wills butts
barber farmer carpenter painter foreman flowers branch bender sellers
crouch hickey
""".split()

# --------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def read_census(tar_bytes):
    """Returns {member: [(NAME, percent, rank), ...]} in file order."""
    out = {}
    with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:gz") as tf:
        for base in ("dist.male.first", "dist.female.first", "dist.all.last"):
            member = tf.getmember("names-0.3.0/names/" + base)
            text = tf.extractfile(member).read().decode("ascii")
            rows = []
            for line in text.splitlines():
                parts = line.split()
                if not parts:
                    continue
                name, pct, _cum, rank = parts
                rows.append((name, float(pct), int(rank)))
            out[base] = rows
    return out


def read_faker_first_names(wheel_path):
    with zipfile.ZipFile(wheel_path) as zf:
        src = zf.read("faker/providers/person/en_GB/__init__.py").decode("utf-8")
    tree = ast.parse(src)
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in (
                    "first_names_male", "first_names_female"):
                found[target.id] = list(ast.literal_eval(node.value))
    if set(found) != {"first_names_male", "first_names_female"}:
        sys.exit("derive.py: en_GB first-name lists not found in " + wheel_path)
    return found["first_names_male"] + found["first_names_female"]


def read_ar_member(deb_path, prefix):
    """Minimal `ar` reader: returns (name, bytes) of the first member whose
    name starts with prefix."""
    with open(deb_path, "rb") as f:
        if f.read(8) != b"!<arch>\n":
            sys.exit("derive.py: not an ar archive: " + deb_path)
        while True:
            header = f.read(60)
            if len(header) < 60:
                break
            name = header[:16].decode("ascii").strip().rstrip("/")
            size = int(header[48:58].decode("ascii").strip())
            data = f.read(size)
            if size % 2:
                f.read(1)
            if name.startswith(prefix):
                return name, data
    sys.exit("derive.py: no %s* member in %s" % (prefix, deb_path))


def read_wbritish(deb_path):
    name, data = read_ar_member(deb_path, "data.tar")
    if name.endswith(".xz"):
        data = lzma.decompress(data)
        mode = "r:"
    elif name.endswith(".gz"):
        mode = "r:gz"
    elif name == "data.tar":
        mode = "r:"
    else:
        sys.exit("derive.py: cannot read %s with the standard library" % name)
    with tarfile.open(fileobj=io.BytesIO(data), mode=mode) as tf:
        for m in tf.getmembers():
            if m.name.lstrip("./") == "usr/share/dict/british-english":
                text = tf.extractfile(m).read().decode("utf-8")
                return text.splitlines()
    sys.exit("derive.py: british-english not found in " + deb_path)


# --------------------------------------------------------------------------
# Derivation
# --------------------------------------------------------------------------


def bucket(percent):
    for bound, weight in WEIGHT_BUCKETS:
        if percent >= bound:
            return weight
    return 1


def fold(s):
    """Strip diacritics for the plain variant (Siân -> Sian, Łukasz ->
    Lukasz)."""
    s = s.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D")
    s = s.replace("ı", "i").replace("ø", "o").replace("Ø", "O")
    nfkd = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize(
        "NFC", "".join(c for c in nfkd if not unicodedata.combining(c)))


def key(name):
    return unicodedata.normalize("NFC", name).casefold()


class Lexicon:
    """name key -> (display form, weight). Display preference: the first
    source to add a key wins, so add the most trusted spelling first."""

    def __init__(self):
        self.entries = {}

    def add(self, name, weight):
        name = unicodedata.normalize("NFC", name.strip())
        if not name:
            return
        k = key(name)
        if k in self.entries:
            display, w = self.entries[k]
            self.entries[k] = (display, max(w, weight))
        else:
            self.entries[k] = (name, weight)

    def rows(self):
        return sorted(self.entries.values(), key=lambda r: (r[0], r[1]))


def supplement_names(kinds):
    for kind, weight, _label, text in SUPPLEMENT:
        if kind not in kinds:
            continue
        for raw in text.split(","):
            name = " ".join(raw.split())
            if not name:
                continue
            yield name, weight
            plain = fold(name)
            if plain != name:
                yield plain, weight


def derive(cache):
    census = read_census(open(os.path.join(cache, NAMES_SDIST), "rb").read())
    faker_first = read_faker_first_names(os.path.join(cache, FAKER_WHEEL))
    words = read_wbritish(os.path.join(cache, WBRITISH_DEB))
    lower_words = {w for w in words if w and w == w.lower()}

    # ---- forenames: census, both sexes merged ----
    male = {n: p for n, p, _ in census["dist.male.first"]}
    female = {n: p for n, p, _ in census["dist.female.first"]}
    share = {}
    for n in sorted(set(male) | set(female)):
        if max(male.get(n, 0.0), female.get(n, 0.0)) < FORENAME_MIN_PERCENT:
            continue
        # share of the whole population, taking the sexes as equal halves
        share[n] = (male.get(n, 0.0) + female.get(n, 0.0)) / 2.0
    by_share = sorted(share, key=lambda n: (-share[n], n))
    names_first = {n.lower() for n in by_share[:NAMES_FIRST_FORENAMES]}

    # Supplement first (its spelling wins), then ONS, then census. A name in
    # several sources keeps the highest weight, so ONS and supplement names
    # never fall below DEFAULT_WEIGHT.
    fore = Lexicon()
    for name, w in supplement_names({"fore", "both"}):
        fore.add(name, w)
    for name in faker_first:
        fore.add(name, DEFAULT_WEIGHT)
    for n in by_share:
        fore.add(forename_case(n), bucket(share[n]))

    # ---- surnames: census to rank SURNAME_MAX_RANK, plus supplement ----
    last_rows = [r for r in census["dist.all.last"] if r[2] <= SURNAME_MAX_RANK]
    census_set = {n for n, _, _ in census["dist.all.last"]}
    sur = Lexicon()
    for name, w in supplement_names({"sur", "both"}):
        sur.add(name, w)
    for n, pct, _rank in last_rows:
        sur.add(surname_case(n, census_set), bucket(pct))
    names_first |= {n.lower() for n, _, rank in last_rows
                    if rank <= NAMES_FIRST_SURNAMES}
    names_first |= NAMES_FIRST

    # ---- ambiguous ----
    all_lower = {d.lower() for d, _ in fore.rows()} | {d.lower() for d, _ in sur.rows()}
    ambiguous = {n for n in all_lower if n in lower_words and n not in names_first}
    ambiguous |= set(AMBIGUOUS_ALWAYS)
    ambiguous |= {w for w in AMBIGUOUS_JUDGED if w in all_lower}

    return fore.rows(), sur.rows(), sorted(ambiguous)


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for name, weight in rows:
            if "\t" in name or "\n" in name:
                sys.exit("derive.py: bad name %r" % name)
            f.write("%s\t%d\n" % (name, weight))


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", required=True,
                    help="directory holding (or to receive) the three inputs")
    ap.add_argument("--download", action="store_true",
                    help="fetch the pinned inputs into --cache first")
    ap.add_argument("--no-verify", action="store_true",
                    help="skip the SHA-256 check of the inputs")
    ap.add_argument("--out", default=here,
                    help="output directory (default: beside this script)")
    args = ap.parse_args()

    os.makedirs(args.cache, exist_ok=True)
    if args.download:
        for target, cmd in DOWNLOAD_COMMANDS:
            if os.path.exists(os.path.join(args.cache, target)):
                continue
            print("+ " + " ".join(cmd), file=sys.stderr)
            subprocess.run(cmd, cwd=args.cache, check=True)

    for fn in (NAMES_SDIST, FAKER_WHEEL, WBRITISH_DEB):
        path = os.path.join(args.cache, fn)
        if not os.path.exists(path):
            sys.exit("derive.py: missing %s (run with --download)" % path)
        if not args.no_verify:
            got = sha256(path)
            if got != SHA256[fn]:
                sys.exit("derive.py: %s has SHA-256 %s, expected %s "
                         "(use --no-verify to accept another build)"
                         % (fn, got, SHA256[fn]))

    fore, sur, amb = derive(args.cache)
    write_tsv(os.path.join(args.out, "forenames.tsv"), fore)
    write_tsv(os.path.join(args.out, "surnames.tsv"), sur)
    write_lines(os.path.join(args.out, "ambiguous.txt"), amb)
    print("forenames.tsv %d, surnames.tsv %d, ambiguous.txt %d"
          % (len(fore), len(sur), len(amb)), file=sys.stderr)


if __name__ == "__main__":
    main()

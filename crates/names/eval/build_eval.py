#!/usr/bin/env python3
"""Builds crates/names/eval/pairs.csv, the labelled evaluation set.

The set is built from sources independent of veza's matcher rules:

* third-party transliterators from PyPI: cyrtranslit (sr, mk, bg), iuliia
  (Russian ICAO Doc 9303, BGN/PCGN, MVD 782), translitua (Ukrainian KMU
  2010), romanize (Greek ELOT 743), anyascii and unidecode (the naive
  folds found in real databases);
* attested Latin spellings of Arabic-script name units from the
  arabic-name-romanizer 0.2.0 database (`units` table; MIT, data from
  Wikidata CC0 and Algerian corpora), for SY, IQ, AF, IR, PK, MA;
* the transliteration tables of docs/names.md (MRZ folds, Macedonian
  digraphs, Bulgarian Streamlined, Albanian/Serbian correspondences),
  applied here by small independent Python code;
* hand-written pairs (names.md examples, regional forms, hypocoristics,
  foreign names written phonetically in Serbian, hard negatives).

Persons are synthetic combinations of common name units; no real private
person is described. Each row carries the person group it was built from,
and a dev/test split drawn by person group, so nothing about one person
leaks across the split.

Usage: python build_eval.py NAMES_SQLITE3 > pairs.csv
(run from bench/names/run.sh --build-eval, which fetches the database).
"""

import csv
import hashlib
import random
import sqlite3
import sys
import unicodedata

import anyascii
import cyrtranslit
import iuliia
import jellyfish
import romanize
import translitua
import unidecode

RNG = random.Random(20261128)

# --------------------------------------------------------------------------
# Name lists (common names, native script).

SR_GIVEN_M = "Ђорђе Милан Јован Петар Марко Никола Стефан Душан Драган Зоран Горан Ненад Милош Владимир Александар Небојша Срђан Жарко Љубиша Живојин Бранко Мирко Миодраг Војислав Радован Слободан Жељко Предраг Ђурађ Тихомир Чедомир Шћепан Вук Лазар Милутин Радош Дејан Ђуро Младен Мићо".split()
SR_GIVEN_F = "Јована Милена Ивана Драгана Јелена Снежана Весна Биљана Милица Тијана Гордана Љиљана Наташа Јасмина Даница Зорица Катарина Мирјана Ђурђа Славица".split()
SR_FAMILY = "Петровић Петковић Јовановић Николић Стојановић Станојевић Ђорђевић Марковић Илић Павловић Симић Ђурић Живковић Милошевић Митровић Лазић Поповић Костић Томић Лукић Стевановић Јанковић Радовановић Вуковић Ђокић Антић Жарковић Ћосић Шаровић Његош Ђурђевић Милетић Матић Савић Вучић Перић Мијатовић Тодоровић Филиповић Црнојевић".split()
ME_FAMILY = "Вујовић Радуловић Ђукановић Булатовић Мартиновић Зековић Шћекић Лекић".split()
MK_GIVEN = "Ѓорѓи Кирил Методија Ацо Благоја Зоран Никола Ѓоко Живко Мирјана Ќире Трајче Стојан Драгица Весна Љупчо Ѓулиста Џемаил Ѕвонко".split()
MK_FAMILY = "Ќосев Трајковски Стојановски Јовановски Николовски Ѓорѓиевски Петровски Димитриевски Ристовски Ангеловски Костовски Ѓурчиновски Џафери Ќоровски Ивановски Атанасовски Симоновски Лазаревски".split()
BG_GIVEN = "Христо Георги Иван Димитър Петър Тодор Стоян Йордан Николай Васил Атанас Цветан Любомир Божидар Мария Юлия Цветелина Радостина Милена Яна".split()
BG_FAMILY = "Щерев Иванов Георгиев Димитров Петров Стоянов Тодоров Ъгълов Цветков Йорданов Николов Христов Атанасов Желязков Шишков Хаджиев Жеков Василев".split()
RU_GIVEN = "Юлия Фёдор Алексей Дмитрий Сергей Андрей Михаил Николай Евгений Ярослав Ксения Татьяна Наталья Екатерина Ольга Илья Вячеслав Юрий Григорий Пётр".split()
RU_FAMILY = "Щеглова Хрущёв Иванов Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков Жуков Зайцев Шевцов Яковлев Чернышёв Голубев Ефимов Юдин".split()
UK_GIVEN = "Юрій Євген Олег Олександр Андрій Сергій Микола Василь Ігор Дмитро Марія Оксана Наталія Ірина Ганна Людмила Тетяна Ярослава Іван Григорій".split()
UK_FAMILY = "Згурський Щербаківська Їжаков Гонта Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Гнатюк Мельник Литвиненко Руденко Савченко Петренко Онищенко Ковальчук".split()
GR_GIVEN = "Γεώργιος Ιωάννης Κωνσταντίνος Δημήτριος Νικόλαος Ευάγγελος Χρήστος Παναγιώτης Αθανάσιος Μιχαήλ Σπυρίδων Βασίλειος Θεόδωρος Μπάμπης Αικατερίνη Ελένη Μαρία Σοφία Δέσποινα Χαράλαμπος".split()
GR_FAMILY = "Παπαδόπουλος Νικολάου Νικολαΐδης Μπακογιάννης Γκίκας Ντόκος Χατζηδάκης Παπανικολάου Οικονόμου Γεωργίου Καραμανλής Βλάχος Αντωνίου Μακρής Ζαχαρίου Ευθυμίου Κωνσταντινίδης Αναστασίου Σταυρόπουλος Τσίπρας".split()
SQ_GIVEN = "Xhemajl Gjergj Agim Arben Besnik Fatmir Ylli Qazim Lorik Shpëtim Mërgim Dritëro Zhaneta Afërdita Valbona Lulzim Ilir Bekim Fitim Çlirim Driton Valdet Xhevdet Hysen".split()
SQ_FAMILY = "Krasniqi Gashi Berisha Hoxha Shala Morina Kelmendi Rexhepi Bajrami Thaçi Haradinaj Kurti Dushku Rugova Mustafa Zeqiri Qosja Ymeri Sejdiu Bytyqi".split()
TR_GIVEN = "Mehmet Hüseyin Ahmet Mustafa İbrahim Ömer Yusuf Emre Gökhan Çağrı Şükrü Gülşen Ayşe Fatma Özlem Büşra İsmail Oğuz Ümit Şeyma".split()
TR_FAMILY = "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek".split()
HU_GIVEN = "László István József János Zoltán Sándor Gábor Ferenc Attila Péter Zsófia Erzsébet Katalin Ilona Éva Győző Ödön Gyula Csaba Zsolt".split()
HU_FAMILY = "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász Lakatos Mészáros Oláh Simon Rácz Fekete".split()
RO_GIVEN = "Ștefan Ioan Gheorghe Constantin Mihai Andrei Nicolae Vasile Ion Florin Ioana Mădălina Andreea Elena Cătălina".split()
RO_FAMILY = "Popescu Ionescu Popa Stan Dumitrescu Stoica Gheorghiu Rusu Munteanu Constantinescu Țurcanu Mureșan Șerban Căpraru Dobrescu".split()
HR_GIVEN = "Ivan Josip Stjepan Tomislav Krešimir Željko Dražen Ante Mate Ivana Marija Ana Kata Nikolina Petra".split()
HR_FAMILY = "Horvat Kovačević Babić Marić Jurić Novak Kovačić Knežević Vuković Šarić Perić Matić Tomić Božić Grgić".split()
BA_GIVEN = "Muhamed Husein Alija Emir Edin Adnan Haris Jasmin Amra Lejla Emina Aida Selma Hatidža Džemal Sulejman Ibrahim Jusuf Hasan".split()
BA_FAMILY = "Hadžić Husić Begić Hodžić Mujić Delić Kovačević Hasanović Čaušević Ćatić Džeko Alić Šehić Omerović Imamović Ahmetović Mehmedović Salihović Hamzić Osmanović".split()

# Foreign names as written phonetically in Serbian / Macedonian (hand).
FOREIGN = [
    ("George Williams", "Џорџ Вилијамс", "Džordž Vilijams"),
    ("Jürgen Müller", "Јирген Милер", "Jirgen Miler"),
    ("Michael Schumacher", "Михаел Шумахер", "Mihael Šumaher"),
    ("John Smith", "Џон Смит", "Džon Smit"),
    ("James Wilson", "Џејмс Вилсон", "Džejms Vilson"),
    ("Charles Dickens", "Чарлс Дикенс", "Čarls Dikens"),
    ("Joseph Schneider", "Јозеф Шнајдер", "Jozef Šnajder"),
    ("Hans Schmidt", "Ханс Шмит", "Hans Šmit"),
    ("Pierre Dupont", "Пјер Дипон", "Pjer Dipon"),
    ("Jacques Chirac", "Жак Ширак", "Žak Širak"),
    ("Wolfgang Schäuble", "Волфганг Шојбле", "Volfgang Šojble"),
    ("Matthew Johnson", "Метју Џонсон", "Metju Džonson"),
    ("Jennifer Lopez", "Џенифер Лопез", "Dženifer Lopez"),
    ("Richard Wagner", "Рихард Вагнер", "Rihard Vagner"),
    ("Heinrich Böll", "Хајнрих Бел", "Hajnrih Bel"),
    ("Jean-Paul Sartre", "Жан Пол Сартр", "Žan Pol Sartr"),
    ("William Shakespeare", "Вилијам Шекспир", "Vilijam Šekspir"),
    ("Thomas Mann", "Томас Ман", "Tomas Man"),
    ("Charlotte Brown", "Шарлот Браун", "Šarlot Braun"),
    ("Stephen Walker", "Стивен Вокер", "Stiven Voker"),
]

# A second list, written after the foreign-reading rules and never used to
# tune them: synthetic combinations of common English, French and German
# names with their Serbian transcriptions. Always in the test split.
FOREIGN_HELDOUT = [
    ("Christopher Miller", "Кристофер Милер", "Kristofer Miler"),
    ("Robert Taylor", "Роберт Тејлор", "Robert Tejlor"),
    ("David Thompson", "Дејвид Томпсон", "Dejvid Tompson"),
    ("Friedrich Kohl", "Фридрих Кол", "Fridrih Kol"),
    ("Helmut Schiller", "Хелмут Шилер", "Helmut Šiler"),
    ("Angela Becker", "Ангела Бекер", "Angela Beker"),
    ("François Blanc", "Франсоа Блан", "Fransoa Blan"),
    ("Michel Lelouch", "Мишел Лелуш", "Mišel Leluš"),
    ("Pierre Mitterrand", "Пјер Митеран", "Pjer Miteran"),
    ("Edward Norton", "Едвард Нортон", "Edvard Norton"),
    ("Elizabeth Jones", "Елизабет Џоунс", "Elizabet Džouns"),
    ("Peter Jackson", "Питер Џексон", "Piter Džekson"),
    ("Dieter Bohlen", "Дитер Болен", "Diter Bolen"),
    ("Gérard Aznavour", "Жерар Азнавур", "Žerar Aznavur"),
    ("Arthur Hemingway", "Артур Хемингвеј", "Artur Hemingvej"),
    ("Georg Büchner", "Георг Бихнер", "Georg Bihner"),
    ("Uwe Seeler", "Уве Зелер", "Uve Zeler"),
    ("Catherine Dubois", "Катрин Дибоа", "Katrin Diboa"),
    ("Jean Moreau", "Жан Моро", "Žan Moro"),
    ("Thomas Fischer", "Томас Фишер", "Tomas Fišer"),
    ("Michael Wright", "Мајкл Рајт", "Majkl Rajt"),
    ("Sarah Wilson", "Сара Вилсон", "Sara Vilson"),
    ("Jürgen Schulz", "Јирген Шулц", "Jirgen Šulc"),
    ("Laurent Girard", "Лоран Жирар", "Loran Žirar"),
    ("Nicole Weber", "Никол Вебер", "Nikol Veber"),
]

# Hand-written pairs: (a, b, label kind, note).
HAND = [
    ("Đorđe Petrović", "Djordje Petrovic", "variant"),
    ("Ђорђе Петровић", "Djordje Petrovic", "variant"),
    ("Xhemajl Krasniqi", "Džemajl Krasnići", "variant"),
    ("Xhemajl Krasniqi", "Џемајл Краснићи", "variant"),
    ("Muhamed Hadžić", "Mehmed Hadzic", "variant"),
    ("Mohammad Hussein", "Mehmet Hüseyin", "variant"),
    ("Mohammed Abdel Rahman", "Muhammad Abdul Rahman", "variant"),
    ("محمد عبد الرحمن", "Mohamed Abdelrahman", "variant"),
    ("Jovanović Milan", "Milan Jovanovic", "variant"),
    ("Ahmed Ali", "Ali Ahmed", "variant"),
    ("Aleksandar Petrović", "Saša Petrović", "variant"),
    ("Josip Horvat", "Joso Horvat", "variant"),
    ("Јован Илић", "Jovo Ilić", "variant"),
    ("Abdul Rahman Karimi", "Abdulrahman Karimi", "variant"),
    ("Gul Agha Popal", "Gulagha Popal", "variant"),
    ("Ben Ali Mohamed", "Benali Mohamed", "variant"),
    ("Mohammadreza Hosseini", "Mohammad Reza Hosseini", "variant"),
    ("Nasrullah Ahmadzai", "Nasr Allah Ahmadzai", "variant"),
    ("Nuruddin Haddad", "Noureddine Haddad", "variant"),
    ("Md. Rahman", "Muhammad Rahman", "variant"),
    ("Haji Gul Mohammad", "Gul Mohammad", "variant"),
    ("Seyed Ali Hosseini", "Ali Hosseini", "variant"),
    ("Ali al-Tikriti", "Ali Tikriti", "variant"),
    ("Omar bin Khalid", "Omar Khalid", "variant"),
    ("Yusuf Kaya", "Youssef Kaya", "variant"),
    ("Yusuf Hodžić", "Jusuf Hodzic", "variant"),
    ("Georgios Papadopoulos", "Giorgos Papadopoulos", "variant"),
    ("Georgios Nikolaou", "Yiorgos Nikolaou", "variant"),
    ("Hussein Ahmadi", "Hossein Ahmadi", "variant"),
    ("Hussein Ahmadi", "Husein Ahmadi", "variant"),
    ("Mohammed Karimi", "Muhamed Karimi", "variant"),
    ("Lorik Limani", "Ljorik Limani", "variant"),
    ("С́уљо З́ековић", "Śuljo Źeković", "variant"),
    ("Śuljo Źeković", "Suljo Zekovic", "variant"),
    ("Љубиша Његош", "Ljubisa Njegos", "variant"),
    ("Шћепан Жарковић", "Scepan Zarkovic", "variant"),
    ("Ѓорѓи Ќосев", "Gjorgji Kjosev", "variant"),
    ("Христо Щерев", "Hristo Shterev", "variant"),
    ("Юлия Щеглова", "Iuliia Shcheglova", "variant"),
    ("Фёдор Хрущёв", "Fedor Khrushchev", "variant"),
    ("Згурський Юрій", "Yurii Zghurskyi", "variant"),
    ("Ευάγγελος Μπακογιάννης", "Evangelos Bakogiannis", "variant"),
    ("PETROVIC<<MARKO", "Marko Petrović", "variant"),
    ("M. Petrović", "Marko Petrović", "variant"),
    ("ABDULRAHMAN<<MOHAMMAD<HUSSEIN<ALI<KARI", "Mohammad Hussein Ali Karim Abdulrahman", "variant"),
    ("Mohammad Hussein Ali Karimi", "Mohammad Karimi", "variant"),
    ("Mohamed Salah Ahmed", "Mohamed Salah", "variant"),
    ("İbrahim Yıldız", "Ibrahim Yildiz", "variant"),
    ("Müller Jürgen", "MUELLER JUERGEN", "variant"),
    ("Ahmad\u200c Karimi", "Ahmad Karimi", "variant"),
    ("عـــلي حسين", "Ali Hussein", "variant"),
    ("Ali Hussein", "Ali Hussain", "variant"),
    ("Qaddafi Omar", "Gaddafi Omar", "variant"),
    ("Petrović Jovan", "Petrović Jovana", "hard_negative"),
    ("Milan Stojanović", "Milena Stojanović", "hard_negative"),
    ("Marko Stojanović", "Marko Stanojević", "hard_negative"),
    ("Ivan Petrović", "Ivan Petković", "hard_negative"),
    ("Hassan Karimi", "Hussein Karimi", "hard_negative"),
    ("Hasan Ahmadi", "Husayn Ahmadi", "hard_negative"),
    ("Georgios Nikolaou", "Georgios Nikolaidis", "hard_negative"),
    ("Mahmoud Haddad", "Mohammed Haddad", "hard_negative"),
    ("Marko Jovanović", "Marko Jovanovski", "hard_negative"),
    ("Nikola Petrović", "Nikola Petrov", "hard_negative"),
    ("Said Rahimi", "Saad Rahimi", "hard_negative"),
    ("Ali Karimi", "Ali Rahimi", "hard_negative"),
    ("Mohammad Rahimi", "Mohammad Karimi", "hard_negative"),
    ("Mohammad Ahmadi", "Mohammad Mohammadi", "hard_negative"),
    ("Khatami Reza", "Khatibi Reza", "hard_negative"),
    ("Salwan Ali", "Samaan Ali", "hard_negative"),
    ("Jovana Ilić", "Ivana Ilić", "hard_negative"),
    ("Dragan Marković", "Dragana Marković", "hard_negative"),
    ("Zoran Nikolić", "Goran Nikolić", "hard_negative"),
    ("Milica Popović", "Milena Popović", "hard_negative"),
    ("Aleksandar Ilić", "Aleksandra Ilić", "hard_negative"),
    ("Amir Hodžić", "Amra Hodžić", "hard_negative"),
    ("Omar Haddad", "Amr Haddad", "hard_negative"),
    ("Hamid Karimi", "Hamed Karimi", "hard_negative"),
    ("Jamal Ahmadi", "Jamil Ahmadi", "hard_negative"),
    ("Karim Haddad", "Kareema Haddad", "hard_negative"),
    ("Nikolaos Papadopoulos", "Nikolaos Papadopoulou", "hard_negative"),
    ("Petar Marković", "Petra Marković", "hard_negative"),
    ("Mirko Đurić", "Marko Đurić", "hard_negative"),
    ("Dejan Lukić", "Dejana Lukić", "hard_negative"),
    ("Hasan Husić", "Hasan Hasić", "hard_negative"),
    ("Arben Gashi", "Arben Gash", "hard_negative"),
]


def fold(s):
    """Strip diacritics (ICAO simple / Serbian ID-card MRZ)."""
    s = s.replace("đ", "d").replace("Đ", "D").replace("ı", "i").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def fold_dj(s):
    s = s.replace("đ", "dj").replace("Đ", "Dj")
    return fold(s)


def icao_expanded(s):
    for a, b in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")]:
        s = s.replace(a, b)
    return fold(s)


def mrz(given, family, width=39):
    """SURNAME<<GIVEN<NAMES, upper-case ASCII, truncated like a TD3 MRZ."""
    f = fold(family).upper().replace(" ", "<").replace("-", "<")
    g = fold(given).upper().replace(" ", "<").replace("-", "<")
    return (f + "<<" + g)[:width]


MK_DIGRAPH = {
    "ѓ": "gj", "ж": "zh", "ѕ": "dz", "ј": "j", "љ": "lj", "њ": "nj", "ќ": "kj", "ц": "c",
    "ч": "ch", "џ": "dj", "ш": "sh", "х": "h",
}
BG_2009 = {"ж": "zh", "й": "y", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya"}


def table_translit(s, table, base_lang):
    out = []
    for c in s:
        lc = c.lower()
        if lc in table:
            r = table[lc]
            out.append(r.capitalize() if c != lc else r)
        else:
            out.append(cyrtranslit.to_latin(c, base_lang))
    return "".join(out)


def sq_to_sr(s):
    for a, b in [("Xh", "Dž"), ("xh", "dž"), ("Gj", "Đ"), ("gj", "đ"), ("Sh", "Š"), ("sh", "š"), ("Zh", "Ž"), ("zh", "ž"),
                 ("Dh", "D"), ("dh", "d"), ("Th", "T"), ("th", "t"), ("ll", "l"), ("Ç", "Č"), ("ç", "č"), ("Q", "Ć"), ("q", "ć"),
                 ("ë", "e"), ("Y", "I"), ("y", "i")]:
        s = s.replace(a, b)
    return s


def greek_phonetic(latin):
    s = latin
    for a, b in [("Mp", "B"), ("mp", "b"), ("Nt", "D"), ("nt", "d"), ("Gk", "G"), ("gk", "g")]:
        s = s.replace(a, b)
    return s


def split_of(group):
    h = int(hashlib.sha256(group.encode()).hexdigest(), 16)
    return "dev" if h % 2 == 0 else "test"


ROWS = []


def add(a, b, kind, country, group, source):
    if a == b or not a.strip() or not b.strip():
        return
    label = 1 if kind == "variant" else 0
    ROWS.append((a, b, label, kind, country, group, split_of(group), source))


def jw(a, b):
    return jellyfish.jaro_winkler_similarity(fold(a).lower(), fold(b).lower())


def most_similar(name, pool, romanise):
    """The most similar different name in pool (for hard negatives)."""
    best, best_s = None, -1
    rn = romanise(name)
    for other in pool:
        if other == name:
            continue
        ro = romanise(other)
        if fold(ro).lower() == fold(rn).lower():
            continue
        s = jw(rn, ro)
        if s > best_s:
            best, best_s = other, s
    return best, best_s


def slavic_persons(country, given, family, channels, romanise, n):
    persons = []
    for k in range(n):
        g = RNG.choice(given)
        f = RNG.choice(family)
        persons.append((g, f))
    for idx, (g, f) in enumerate(persons):
        group = f"{country}-{idx}"
        forms = [(name(g, f), src) for name, src in channels]
        native = f"{g} {f}"
        for (form, src) in RNG.sample(forms, min(3, len(forms))):
            add(native, form, "variant", country, group, src)
        (f1, s1), (f2, s2) = RNG.sample(forms, 2)
        add(f1, f2, "variant", country, group, f"{s1}+{s2}")
        # Order swap / MRZ layout.
        if RNG.random() < 0.5:
            add(native, mrz(romanise(g), romanise(f)), "variant", country, group, "mrz")
        # Hard negatives: one name replaced by the most similar other name.
        for which in ("given", "family"):
            if which == "given":
                other, s = most_similar(g, given, romanise)
                neg = (other, f)
            else:
                other, s = most_similar(f, family, romanise)
                neg = (g, other)
            if not other or s < 0.75:
                continue
            nf, ns = RNG.choice(forms)
            add(native if RNG.random() < 0.5 else nf,
                f"{romanise(neg[0])} {romanise(neg[1])}" if RNG.random() < 0.5 else f"{neg[0]} {neg[1]}",
                "hard_negative", country, group, f"list-similar-jw{s:.2f}")
    return persons


def sr_lat(s):
    return cyrtranslit.to_latin(s, "sr")


def build_slavic():
    sr_channels = [
        (lambda g, f: f"{sr_lat(g)} {sr_lat(f)}", "cyrtranslit-sr"),
        (lambda g, f: f"{fold(sr_lat(g))} {fold(sr_lat(f))}", "mrz-simple"),
        (lambda g, f: f"{fold_dj(sr_lat(g))} {fold_dj(sr_lat(f))}", "dj-fold"),
        (lambda g, f: f"{anyascii.anyascii(g)} {anyascii.anyascii(f)}", "anyascii"),
        (lambda g, f: f"{sr_lat(f).upper()}, {sr_lat(g)}", "surname-first"),
    ]
    slavic_persons("RS", SR_GIVEN_M + SR_GIVEN_F, SR_FAMILY, sr_channels, sr_lat, 140)
    slavic_persons("ME", SR_GIVEN_M, ME_FAMILY + SR_FAMILY[:10], sr_channels, sr_lat, 40)
    mk_lat = lambda s: cyrtranslit.to_latin(s, "mk")
    mk_channels = [
        (lambda g, f: f"{table_translit(g, MK_DIGRAPH, 'mk')} {table_translit(f, MK_DIGRAPH, 'mk')}", "mk-digraph(names.md 1.3)"),
        (lambda g, f: f"{mk_lat(g)} {mk_lat(f)}", "cyrtranslit-mk"),
        (lambda g, f: f"{fold(mk_lat(g))} {fold(mk_lat(f))}", "cyrtranslit-mk+fold"),
        (lambda g, f: f"{anyascii.anyascii(g)} {anyascii.anyascii(f)}", "anyascii"),
    ]
    slavic_persons("MK", MK_GIVEN, MK_FAMILY, mk_channels, lambda s: table_translit(s, MK_DIGRAPH, "mk"), 80)
    bg_channels = [
        (lambda g, f: f"{table_translit(g, BG_2009, 'bg')} {table_translit(f, BG_2009, 'bg')}", "bg-2009(names.md 1.4)"),
        (lambda g, f: f"{cyrtranslit.to_latin(g, 'bg')} {cyrtranslit.to_latin(f, 'bg')}", "cyrtranslit-bg"),
        (lambda g, f: f"{anyascii.anyascii(g)} {anyascii.anyascii(f)}", "anyascii"),
        (lambda g, f: f"{unidecode.unidecode(g)} {unidecode.unidecode(f)}", "unidecode"),
    ]
    slavic_persons("BG", BG_GIVEN, BG_FAMILY, bg_channels, lambda s: table_translit(s, BG_2009, "bg"), 80)
    ru = lambda schema: (lambda g, f: schema.translate(f"{g} {f}"))
    ru_channels = [
        (ru(iuliia.ICAO_DOC_9303), "iuliia-icao"),
        (ru(iuliia.BGN_PCGN), "iuliia-bgn"),
        (ru(iuliia.MVD_782), "iuliia-mvd782"),
        (lambda g, f: f"{anyascii.anyascii(g)} {anyascii.anyascii(f)}", "anyascii"),
    ]
    slavic_persons("RU", RU_GIVEN, RU_FAMILY, ru_channels, lambda s: iuliia.ICAO_DOC_9303.translate(s), 60)
    uk_channels = [
        (lambda g, f: translitua.translit(f"{g} {f}"), "translitua-kmu2010"),
        (lambda g, f: iuliia.ICAO_DOC_9303.translate(f"{g} {f}"), "iuliia-icao(ru table)"),
        (lambda g, f: f"{anyascii.anyascii(g)} {anyascii.anyascii(f)}", "anyascii"),
    ]
    slavic_persons("UA", UK_GIVEN, UK_FAMILY, uk_channels, lambda s: translitua.translit(s), 60)
    gr_channels = [
        (lambda g, f: romanize.romanize(f"{g} {f}"), "romanize-elot743"),
        (lambda g, f: greek_phonetic(romanize.romanize(f"{g} {f}")), "passport-phonetic"),
        (lambda g, f: f"{anyascii.anyascii(g)} {anyascii.anyascii(f)}", "anyascii"),
        (lambda g, f: romanize.romanize(f"{f} {g}").upper(), "elot-upper-swapped"),
    ]
    slavic_persons("GR", GR_GIVEN, GR_FAMILY, gr_channels, lambda s: romanize.romanize(s), 100)


def build_latin():
    latin_sets = [
        ("AL", SQ_GIVEN, SQ_FAMILY, [
            (lambda g, f: f"{g} {f}", "albanian"),
            (lambda g, f: f"{fold(g)} {fold(f)}", "ascii-fold"),
            (lambda g, f: f"{sq_to_sr(g)} {sq_to_sr(f)}", "sq-to-sr(names.md 1.10)"),
            (lambda g, f: cyrtranslit.to_cyrillic(f"{sq_to_sr(g)} {sq_to_sr(f)}", "sr"), "sq-to-sr+cyrtranslit"),
        ], 120),
        ("TR", TR_GIVEN, TR_FAMILY, [
            (lambda g, f: f"{g} {f}", "turkish"),
            (lambda g, f: f"{fold(g)} {fold(f)}", "icao-simple"),
            (lambda g, f: f"{icao_expanded(g)} {icao_expanded(f)}", "icao-expanded"),
            (lambda g, f: f"{unidecode.unidecode(f).upper()} {unidecode.unidecode(g).upper()}", "unidecode-swapped"),
        ], 80),
        ("HU", HU_GIVEN, HU_FAMILY, [
            (lambda g, f: f"{f} {g}", "hungarian-order"),
            (lambda g, f: f"{fold(g)} {fold(f)}", "icao-simple"),
            (lambda g, f: f"{icao_expanded(g)} {icao_expanded(f)}", "icao-expanded"),
        ], 60),
        ("RO", RO_GIVEN, RO_FAMILY, [
            (lambda g, f: f"{g} {f}", "romanian"),
            (lambda g, f: f"{fold(g)} {fold(f)}", "icao-simple"),
            (lambda g, f: f"{fold(f).upper()} {fold(g).upper()}", "swapped-upper"),
        ], 50),
        ("HR", HR_GIVEN, HR_FAMILY, [
            (lambda g, f: f"{g} {f}", "croatian"),
            (lambda g, f: f"{fold(g)} {fold(f)}", "icao-simple"),
            (lambda g, f: cyrtranslit.to_cyrillic(f"{g} {f}", "sr"), "cyrtranslit-sr-cyrillic"),
        ], 50),
        ("BA", BA_GIVEN, BA_FAMILY, [
            (lambda g, f: f"{g} {f}", "bosnian"),
            (lambda g, f: f"{fold(g)} {fold(f)}", "icao-simple"),
            (lambda g, f: f"{fold_dj(g).replace('dž','dz')} {fold_dj(f)}", "dj-fold"),
            (lambda g, f: cyrtranslit.to_cyrillic(f"{g} {f}", "sr"), "cyrtranslit-sr-cyrillic"),
        ], 80),
    ]
    for country, given, family, channels, n in latin_sets:
        slavic_persons(country, given, family, channels, lambda s: s, n)


def unify_ar(s):
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك", "ؤ": "و", "ئ": "ي"})
    s = "".join(c for c in s if not ("\u064b" <= c <= "\u065f" or c in "\u0670\u0640\u200c\u200d "))
    return s.translate(table)


def build_arabic(db):
    con = sqlite3.connect(db)
    countries = ["SY", "IQ", "AF", "IR", "PK", "MA"]
    for country in countries:
        units = {}
        for role in ("given", "surname"):
            rows = con.execute(
                "select arabic_key, latin, sum(count) c from units where country=? and role=? "
                "group by arabic_key, latin having c >= 2 order by arabic_key, c desc",
                (country, role),
            ).fetchall()
            by_key = {}
            for key, latin, c in rows:
                if " " in key or len(latin) < 3 or not latin.isascii() and not all(ch.isalpha() or ch in " '-" for ch in latin):
                    continue
                by_key.setdefault(key, []).append((latin, c))
            # Units with at least two distinct Latin spellings, whose
            # spellings share a first sound class (filters misaligned rows).
            good = {}
            for key, sp in by_key.items():
                sp = [s for s in sp if s[0][0].isalpha()]
                names = []
                for latin, c in sp:
                    if latin.lower() not in [n.lower() for n in names]:
                        names.append(latin)
                # Keep spellings close to the most frequent one: the database
                # has some misaligned rows (another name under the same key).
                names = [n for n in names if jw(names[0], n) >= 0.75]
                if len(names) >= 2:
                    good[key] = names[:6]
            units[role] = good
        given = sorted(units["given"].items(), key=lambda kv: -len(kv[1]))[:120]
        family = sorted(units["surname"].items(), key=lambda kv: -len(kv[1]))[:120]
        if not given or not family:
            continue
        all_given = dict(given)
        for idx in range(70):
            gk, gsp = RNG.choice(given)
            fk, fsp = RNG.choice(family)
            group = f"{country}-ar-{idx}"
            native = f"{gk} {fk}"
            a1 = f"{RNG.choice(gsp)} {RNG.choice(fsp)}"
            a2 = f"{RNG.choice(gsp)} {RNG.choice(fsp)}"
            add(native, a1, "variant", country, group, "anr-units-attested")
            add(a1, a2, "variant", country, group, "anr-units-attested")
            if RNG.random() < 0.3:
                add(a1, f"{fsp[0].upper()}<<{gsp[-1].upper()}", "variant", country, group, "anr-units+mrz")
            # Hard negative: a different given-name unit whose spelling is close.
            best, best_s = None, 0
            gset = {fold(x).lower() for x in gsp}
            for ok, osp in given:
                if unify_ar(ok) == unify_ar(gk):
                    continue
                # A spelling shared by both units means they are one name.
                if gset & {fold(x).lower() for x in osp}:
                    continue
                s = jw(osp[0], gsp[0])
                if s > best_s:
                    best, best_s = (ok, osp), s
            if best and best_s >= 0.8:
                ok, osp = best
                b = f"{RNG.choice(osp)} {RNG.choice(fsp)}" if RNG.random() < 0.7 else f"{ok} {fk}"
                add(a1, b, "hard_negative", country, group, f"anr-units-similar-jw{best_s:.2f}")


def build_foreign():
    for i, (latin, cyr, lat_sr) in enumerate(FOREIGN):
        g = f"foreign-{i}"
        add(latin, cyr, "variant", "RS", g, "hand-foreign")
        add(latin, lat_sr, "variant", "RS", g, "hand-foreign")


def build_foreign_heldout():
    for i, (latin, cyr, lat_sr) in enumerate(FOREIGN_HELDOUT):
        g = f"foreign-heldout-{i}"
        for other in (cyr, lat_sr):
            ROWS.append((latin, other, 1, "variant", "RS", g, "test", "hand-foreign-heldout"))
        # Hard negative: the transcription of a different given name.
        j = (i + 1) % len(FOREIGN_HELDOUT)
        neg = f"{lat_sr.split()[0] if False else FOREIGN_HELDOUT[j][2].split()[0]} {lat_sr.split()[-1]}"
        ROWS.append((latin, neg, 0, "hard_negative", "RS", g, "test", "hand-foreign-heldout"))


def build_hand():
    for i, (a, b, kind) in enumerate(HAND):
        add(a, b, kind, "mixed", f"hand-{i}", "hand (names.md, issue)")


KEYBOARD = {
    "a": "qsz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
}


def typo(word, rng):
    """One keyboard slip in a word: adjacent swap, dropped, doubled or
    neighbouring letter (the typo classes of sanctions-screening benchmarks)."""
    w = list(word)
    if len(w) < 5:
        return word
    i = rng.randrange(1, len(w) - 2)
    kind = rng.choice(["swap", "drop", "double", "neighbour"])
    if kind == "swap":
        w[i], w[i + 1] = w[i + 1], w[i]
    elif kind == "drop":
        del w[i]
    elif kind == "double":
        w.insert(i, w[i])
    else:
        c = w[i].lower()
        if c in KEYBOARD:
            w[i] = rng.choice(KEYBOARD[c])
    return "".join(w)


def build_typos(n):
    """Typing slips in the family name of persons already in the set."""
    persons = {}
    for r in ROWS:
        if r[3] == "variant" and r[4] in ("RS", "HR", "BA", "TR", "AL", "HU", "RO", "GR", "ME", "MK", "BG", "RU", "UA") and r[1].isascii() and " " in r[1] and "<" not in r[1] and "," not in r[1]:
            persons.setdefault(r[5], (r[1], r[4]))
    keys = sorted(persons)
    for g in RNG.sample(keys, min(n, len(keys))):
        name, country = persons[g]
        given, family = name.rsplit(" ", 1)
        slipped = typo(family, RNG)
        if slipped != family:
            ROWS.append((name, f"{given} {slipped}", 1, "variant", country, g, split_of(g), "typo-perturbation"))


def build_random_negatives(n):
    persons = {}
    for r in ROWS:
        if r[3] == "variant":
            persons.setdefault(r[5], (r[0], r[4]))
    keys = sorted(persons)
    count = 0
    while count < n:
        a, b = RNG.sample(keys, 2)
        (na, ca), (nb, cb) = persons[a], persons[b]
        add(na, nb, "random_negative", f"{ca}/{cb}", f"rand-{a}-{b}", "random-pair")
        count += 1


def main():
    db = sys.argv[1]
    build_slavic()
    build_latin()
    build_arabic(db)
    build_foreign()
    build_foreign_heldout()
    build_hand()
    build_typos(200)
    build_random_negatives(700)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["a", "b", "label", "kind", "country", "person_group", "split", "source"])
    seen = set()
    for r in ROWS:
        if (r[0], r[1]) in seen:
            continue
        seen.add((r[0], r[1]))
        w.writerow(r)


if __name__ == "__main__":
    main()

//! Analysis: a raw name becomes tokens with unit sequences, keys, variant
//! groups, kinds, roles and weights. Done once per name; scoring then only
//! reads this structure.

use std::sync::Arc;

use crate::hygiene::{self, Script};
use crate::parse;
use crate::tables::{self, ParticleKind};
use crate::units::Unit;
use crate::{MAX_SEQS, MAX_TOKENS, MAX_UNITS};

/// Role of a token within a person's name, when the source says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Not known (free-text name).
    Unknown,
    /// Given name(s).
    Given,
    /// Family name / surname.
    Family,
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// An ordinary name part.
    Name,
    /// Article or patronymic particle (al, bin, abu): weighted low.
    Particle,
    /// Title or honorific (haji, seyed): weighted lower still.
    Title,
    /// A single letter.
    Initial,
    /// Two adjacent name parts read as one (Abdul Rahman → Abdulrahman).
    Merge,
}

/// The matcher version an analysis was made for. Each version switches on
/// the extensions of the ones before it plus its own, so the levels are
/// ordered, and a comparison of two names uses the later of their levels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Matcher v1 (`veza-names/v1`): every path exactly as released.
    #[default]
    V1,
    /// Matcher v2 (`veza-names/v2`).
    V2,
    /// Matcher v3 (`veza-names/v3`).
    V3,
    /// Matcher v4 (`veza-names/v4`).
    V4,
    /// Matcher v5 (`veza-names/v5`).
    V5,
}

impl Level {
    /// The version string of the matcher at this level.
    pub fn version(self) -> &'static str {
        match self {
            Level::V1 => crate::v1::VERSION,
            Level::V2 => crate::v2::VERSION,
            Level::V3 => crate::v3::VERSION,
            Level::V4 => crate::v4::VERSION,
            Level::V5 => crate::v5::VERSION,
        }
    }

    /// Whether the extensions of matcher v2 apply.
    #[inline]
    pub fn v2(self) -> bool {
        self >= Level::V2
    }

    /// Whether the extensions of matcher v3 apply.
    #[inline]
    pub fn v3(self) -> bool {
        self >= Level::V3
    }

    /// Whether the extensions of matcher v4 apply.
    #[inline]
    pub fn v4(self) -> bool {
        self >= Level::V4
    }

    /// Whether the extensions of matcher v5 apply.
    #[inline]
    pub fn v5(self) -> bool {
        self >= Level::V5
    }
}

/// A fixed-capacity unit sequence (no heap allocation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seq {
    units: [Unit; MAX_UNITS],
    len: u8,
    /// Units present, as a bit mask (for the distance lower bound).
    pub set: u64,
    /// Summary for the O(1) distance lower bound.
    pub sketch: crate::units::Sketch,
    /// A foreign pronunciation reading (George read as Džordž): compared
    /// only with the other token's written readings, never with another
    /// pronunciation guess.
    pub foreign: bool,
}

impl Seq {
    fn new(us: &[Unit]) -> Seq {
        let mut units = [Unit::A; MAX_UNITS];
        let n = us.len().min(MAX_UNITS);
        units[..n].copy_from_slice(&us[..n]);
        Seq {
            units,
            len: n as u8,
            set: crate::units::unit_set(&us[..n]),
            sketch: crate::units::Sketch::of(&us[..n]),
            foreign: false,
        }
    }

    /// The units.
    #[inline]
    pub fn units(&self) -> &[Unit] {
        &self.units[..self.len as usize]
    }
}

/// One analysed token (or a merge of two adjacent ones).
///
/// Laid out in declaration order with the fields every comparison reads
/// first (keys, cover, flags, weights): most comparisons of unrelated
/// tokens end after them, touching one or two cache lines; the readings,
/// text and groups follow.
#[derive(Clone, Debug)]
#[repr(C)]
pub struct Token {
    /// Hashes of the unit sequences.
    pub keys: [u64; MAX_SEQS],
    /// Sketch covering all readings, for a token-level distance bound.
    pub cover: crate::units::Sketch,
    /// Bit `g % 64` set for each group `g`: a quick test for shared groups.
    pub group_bloom: u64,
    /// Weight in the score before name frequency: particles, titles and
    /// initials low, family names higher when roles are known.
    pub weight: f32,
    /// Name-frequency factor in (0, 1]: the share of the weight that
    /// agreement on this name carries (low for Mohammad, 1 for rare names).
    pub freq_factor: f32,
    /// Kind.
    pub kind: TokenKind,
    /// Role from the source layout.
    pub role: Role,
    /// Script of the text.
    pub script: Script,
    /// First and last index of the tokens covered (equal for single tokens).
    pub span: (u8, u8),
    /// Arabic-script token: short vowels were never written.
    pub abjad: bool,
    /// In a variant group of Arabic origin: vowels vary between spellings.
    pub arabic_origin: bool,
    /// In at least one curated spelling group of the tables.
    pub known: bool,
    /// Longest reading, in units.
    pub max_len: u8,
    /// First and last unit of the primary reading (prefix and compound
    /// checks start from them).
    pub ends: (Unit, Unit),
    nseq: u8,
    seqs: [Seq; MAX_SEQS],
    /// Cleaned text in its original script (empty for a merge, whose
    /// parts are the tokens in `span`).
    pub text: String,
    /// Variant-group indices the token belongs to.
    pub groups: Vec<u32>,
}

impl Token {
    /// Number of readings (without touching them).
    #[inline]
    pub fn nseq(&self) -> usize {
        self.nseq as usize
    }

    /// Unit sequences: primary reading first.
    #[inline]
    pub fn seqs(&self) -> &[Seq] {
        &self.seqs[..self.nseq as usize]
    }

    /// Adds an alternative reading (ignored when the token has no room).
    fn add_reading(&mut self, units: &[Unit]) {
        let n = self.nseq as usize;
        if n < MAX_SEQS && !units.is_empty() {
            self.seqs[n] = Seq::new(units);
            self.keys[n] = tables::hash_units(units);
            self.nseq += 1;
            let all = &self.seqs[..self.nseq as usize];
            self.cover = crate::units::Sketch::cover(all.iter().map(|s| s.sketch));
            self.max_len = all.iter().map(|s| s.len).max().unwrap_or(0);
        }
    }
}

/// The analysed form of a name: cheap to clone, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct AnalysedName(pub(crate) Arc<Inner>);

#[derive(Debug)]
#[repr(C)]
pub(crate) struct Inner {
    /// Deterministic order key, used to make scoring exactly symmetric.
    pub order_key: u64,
    /// Single tokens first (`singles` of them), then merges.
    pub tokens: Vec<Token>,
    pub singles: usize,
    /// Long enough that an MRZ may have truncated its last part.
    pub long_form: bool,
    /// Index of the token written last in the input (the one an MRZ
    /// truncates): the last given name in `SURNAME<<GIVEN`.
    pub last_written: u8,
    /// The matcher version the name was analysed for (its readings, keys
    /// and cost tables).
    pub level: Level,
    pub original: String,
    pub cleaned: String,
}

impl AnalysedName {
    /// The input as given.
    pub fn original(&self) -> &str {
        &self.0.original
    }

    /// The cleaned form (NFC, lower case, hygiene applied, original script).
    pub fn cleaned(&self) -> &str {
        &self.0.cleaned
    }

    /// Single tokens (merges excluded).
    pub fn tokens(&self) -> &[Token] {
        &self.0.tokens[..self.0.singles]
    }

    /// Single tokens followed by merged adjacent pairs.
    pub fn tokens_and_merges(&self) -> &[Token] {
        &self.0.tokens
    }

    /// Whether the name has no tokens.
    pub fn is_empty(&self) -> bool {
        self.0.singles == 0
    }

    /// The matcher version the name was analysed for.
    pub fn level(&self) -> Level {
        self.0.level
    }
}

/// Analyses a free-text name for matcher v1. MRZ (`SURNAME<<GIVEN`) and
/// comma (`Surname, Given`) layouts are recognised and give roles.
pub fn analyse(name: &str) -> AnalysedName {
    analyse_with(name, Level::V1)
}

/// Analyses a name given as role-tagged parts, for matcher v1.
pub fn analyse_parts(given: &str, family: &str) -> AnalysedName {
    analyse_parts_with(given, family, Level::V1)
}

/// [`analyse`] for the matcher version of `level`.
pub(crate) fn analyse_with(name: &str, level: Level) -> AnalysedName {
    if let Some((family, given)) = hygiene::split_structured(name) {
        return build(name, &[(given, Role::Given), (family, Role::Family)], level);
    }
    build(name, &[(name, Role::Unknown)], level)
}

/// [`analyse_parts`] for the matcher version of `level`.
pub(crate) fn analyse_parts_with(given: &str, family: &str, level: Level) -> AnalysedName {
    let original = [given, " ", family].concat();
    build(
        original.trim(),
        &[(given, Role::Given), (family, Role::Family)],
        level,
    )
}

/// Matcher v2: a Latin token with the Arabic article written together
/// (Alahmad, Elamrani, Alhalabi) splits into the article and the name,
/// like a glued ال in Arabic script. Only where the rest is plainly an
/// Arabic name: it is a name of Arabic origin in the tables, or the whole
/// token is, or the rest starts with h (al-H…, an onset European names do
/// not have). Elmira, Alexandra, Elena stay whole.
fn split_latin_article<'w>(word: &'w str, tables: &tables::Tables) -> Option<(&'w str, &'w str)> {
    let (article, body) = (word.get(..2)?, word.get(2..)?);
    if !matches!(article, "al" | "el") || body.chars().count() < 4 {
        return None;
    }
    let arabic = |w: &str| {
        parse::units_for(w, Script::Latin).iter().any(|u| {
            tables
                .by_key
                .get(&tables::hash_units(u))
                .is_some_and(|gs| gs.iter().any(|&g| tables.groups[g as usize].arabic_origin))
        })
    };
    (body.starts_with('h') || arabic(body) || arabic(word)).then_some((article, body))
}

/// Ends like a Slavic surname: -ić, -ič, -ski, -ska, -ov, -ev, -ova, -eva.
fn has_slavic_suffix(t: &Token) -> bool {
    use Unit::*;
    if t.script == Script::Arabic {
        return false;
    }
    let u = t.seqs()[0].units();
    u.len() >= 4
        && matches!(
            u,
            [.., I, Cj | Ch] | [.., S, K, I | A | Y] | [.., O | E, V] | [.., O | E, V, A]
        )
}

/// Token weight for a frequency class from the tables.
fn freq_weight(freq: u8) -> f32 {
    match freq {
        1 => 0.4,
        2 => 0.65,
        _ => 1.0,
    }
}

fn build(original: &str, parts: &[(&str, Role)], level: Level) -> AnalysedName {
    let tables = tables::tables_for(level);
    let roles_known = parts.iter().any(|p| p.1 != Role::Unknown);
    // Room for the tokens and their merges up front: tokens are large and
    // regrowing the vector dominated analysis time.
    let mut tokens: Vec<Token> = Vec::with_capacity(8);
    let mut cleaned_all = String::new();
    for &(part, role) in parts {
        let cleaned = hygiene::clean(part);
        if !cleaned.is_empty() {
            if !cleaned_all.is_empty() {
                cleaned_all.push(' ');
            }
            cleaned_all.push_str(&cleaned);
        }
        for word in cleaned.split(' ').filter(|w| !w.is_empty()) {
            if tokens.len() >= MAX_TOKENS {
                break;
            }
            let script = hygiene::token_script(word);
            if script == Script::Arabic {
                // Matcher v4: a Persian compound written as one word
                // (محمدحسین) becomes its two names, as Mohammad Hossein
                // is two tokens; the merge of the two gives the whole.
                match level
                    .v4()
                    .then(|| parse::arabic::compound_parts(word, tables))
                    .flatten()
                {
                    Some((first, second)) => {
                        push_arabic_word(&mut tokens, &first, role, tables, level);
                        push_arabic_word(&mut tokens, &second, role, tables, level);
                    }
                    None => push_arabic_word(&mut tokens, word, role, tables, level),
                }
            } else if let Some((article, body)) = (level.v2() && script == Script::Latin)
                .then(|| split_latin_article(word, tables))
                .flatten()
            {
                push_token(&mut tokens, article, script, role, tables, level);
                if tokens.len() < MAX_TOKENS {
                    push_token(&mut tokens, body, script, role, tables, level);
                    // As in Arabic script, the unsplit reading stays.
                    let t = tokens.last_mut().expect("just pushed");
                    let seq = &parse::units_for(word, script)[0];
                    t.add_reading(seq);
                }
            } else {
                push_token(&mut tokens, word, script, role, tables, level);
            }
        }
    }
    // Names are culturally coherent: one token of Arabic origin (or in
    // Arabic script) makes the others' Latin vowels as unreliable as its own.
    // A Slavic patronymic surname (Husić, Hasanović, Jovanovski) keeps
    // its plain vowels even in such a name.
    if tokens.iter().any(|t| t.arabic_origin || t.abjad) {
        for t in &mut tokens {
            if !has_slavic_suffix(t) {
                t.arabic_origin = true;
            }
        }
    }
    if roles_known {
        for t in &mut tokens {
            if t.role == Role::Family {
                t.weight *= 1.3;
            }
        }
    }
    for (i, t) in tokens.iter_mut().enumerate() {
        t.span = (i as u8, i as u8);
    }
    let singles = tokens.len();
    add_merges(&mut tokens, singles, tables, level);
    let mut order_key = 0xcbf2_9ce4_8422_2325u64;
    for t in &tokens[..singles] {
        order_key = (order_key ^ t.keys[0]).wrapping_mul(0x0000_0100_0000_01b3);
    }
    let long_form = cleaned_all.chars().count() >= 27;
    let last_written = if parts.len() > 1 {
        // Structured input is analysed given part first; in the written
        // form (MRZ, comma form) the given part came last.
        tokens[..singles]
            .iter()
            .rposition(|t| t.role == Role::Given)
            .unwrap_or(singles.saturating_sub(1)) as u8
    } else {
        singles.saturating_sub(1) as u8
    };
    AnalysedName(Arc::new(Inner {
        original: original.to_string(),
        cleaned: cleaned_all,
        tokens,
        singles,
        long_form,
        last_written,
        order_key,
        level,
    }))
}

fn make_token(
    text: &str,
    script: Script,
    role: Role,
    kind: TokenKind,
    seqs_in: &[Vec<Unit>],
    tables: &tables::Tables,
    level: Level,
) -> Token {
    let mut seqs = [Seq::new(&[]); MAX_SEQS];
    let mut keys = [0u64; MAX_SEQS];
    let mut nseq = 0;
    for s in seqs_in.iter().take(MAX_SEQS) {
        seqs[nseq] = Seq::new(s);
        keys[nseq] = if s.is_empty() {
            tables::hash_str(text)
        } else {
            tables::hash_units(s)
        };
        nseq += 1;
    }
    if nseq == 0 {
        keys[0] = tables::hash_str(text);
        nseq = 1;
    }
    let mut groups = Vec::new();
    let mut add_groups = |k: &u64| {
        if let Some(gs) = tables.by_key.get(k) {
            for &g in gs {
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
        }
    };
    keys[..nseq].iter().for_each(&mut add_groups);
    // Matcher v3: Cyrillic х and Greek χ are how those scripts write the h
    // of a foreign name (Мухамед, Μοχάμεντ for Muhamed, Mohamed), so a
    // reading with them as h also finds the groups of the Latin spellings,
    // and the token gets the group keys its Latin form gets.
    if level.v3() && matches!(script, Script::Cyrillic | Script::Greek) {
        for s in &seqs[..nseq] {
            if s.units().contains(&Unit::X) {
                let h: Vec<Unit> = s
                    .units()
                    .iter()
                    .map(|&u| if u == Unit::X { Unit::H } else { u })
                    .collect();
                add_groups(&tables::hash_units(&h));
            }
        }
    }
    let freq = groups
        .iter()
        .map(|&g| tables.groups[g as usize].freq)
        .min()
        .unwrap_or(3);
    let arabic_origin = groups
        .iter()
        .any(|&g| tables.groups[g as usize].arabic_origin);
    let known = groups.iter().any(|&g| {
        let g = &tables.groups[g as usize];
        g.tier == tables::Tier::Spelling && g.curated
    });
    let group_bloom = groups.iter().fold(0u64, |m, &g| m | 1 << (g % 64));
    let cover = crate::units::Sketch::cover(seqs[..nseq].iter().map(|s| s.sketch));
    let max_len = seqs[..nseq].iter().map(|s| s.len).max().unwrap_or(0);
    let primary = seqs[0].units();
    // An empty reading gets ends no real unit pair can share by accident
    // of both being empty: Glottal never starts and ends a reading alone.
    let ends = match (primary.first(), primary.last()) {
        (Some(&f), Some(&l)) => (f, l),
        _ => (Unit::Glottal, Unit::Glottal),
    };
    Token {
        text: text.to_string(),
        script,
        kind,
        role,
        span: (0, 0),
        seqs,
        nseq: nseq as u8,
        keys,
        groups,
        weight: 1.0,
        freq_factor: freq_weight(freq),
        abjad: script == Script::Arabic,
        arabic_origin,
        known,
        group_bloom,
        cover,
        max_len,
        ends,
    }
}

/// An Arabic-script word as tokens: its glued article as a particle, then
/// the name (with the unsplit reading when an article was split off, and
/// for v4 the Kurdish vowel reading).
fn push_arabic_word(
    tokens: &mut Vec<Token>,
    word: &str,
    role: Role,
    tables: &tables::Tables,
    level: Level,
) {
    let script = Script::Arabic;
    if tokens.len() >= MAX_TOKENS {
        return;
    }
    let (article, body) = parse::arabic::split_article(word);
    if let Some(a) = article {
        push_token(tokens, a, script, role, tables, level);
    }
    if tokens.len() < MAX_TOKENS && !body.is_empty() {
        push_token(tokens, &body, script, role, tables, level);
        if level.v4()
            && let Some(seq) = parse::arabic::kurdish_units(word)
        {
            tokens.last_mut().expect("just pushed").add_reading(&seq);
        }
        if level.v5() {
            let t = tokens.last_mut().expect("just pushed");
            for seq in [
                parse::arabic::pashto_units(word),
                parse::arabic::persian_z_units(&body),
            ]
            .into_iter()
            .flatten()
            {
                t.add_reading(&seq);
            }
        }
        if article.is_some() {
            // Initial ال is not always the article (الياس is
            // Ilyas): keep the unsplit reading too.
            let full = parse::arabic::unify(word);
            let t = tokens.last_mut().expect("just pushed");
            let seq = &parse::units_for(&full, script)[0];
            t.add_reading(seq);
        }
    }
}

fn push_token(
    tokens: &mut Vec<Token>,
    word: &str,
    script: Script,
    role: Role,
    tables: &tables::Tables,
    level: Level,
) {
    let particle = tables.particles.get(word);
    // An abbreviation (Md., Mohd.) reads as the name it stands for.
    let expanded = particle.and_then(|p| p.expands_to.as_deref());
    let read_as = expanded.unwrap_or(word);
    let read_script = if expanded.is_some() {
        hygiene::token_script(read_as)
    } else {
        script
    };
    let (seqs, foreign_from) = if level.v2() {
        parse::readings_for_level(read_as, read_script, level)
    } else {
        parse::readings_for(read_as, read_script)
    };
    let is_initial = script == Script::Latin && word.chars().count() == 1;
    let kind = match particle.map(|p| p.kind) {
        Some(ParticleKind::Particle) => TokenKind::Particle,
        Some(ParticleKind::Title) => TokenKind::Title,
        _ if is_initial => TokenKind::Initial,
        _ => TokenKind::Name,
    };
    let mut t = make_token(word, script, role, kind, &seqs, tables, level);
    for k in foreign_from..t.nseq as usize {
        t.seqs[k].foreign = true;
    }
    match (kind, particle) {
        (_, Some(p)) => t.weight = t.weight.min(p.weight),
        (TokenKind::Initial, _) => t.weight = 0.3,
        _ => {}
    }
    tokens.push(t);
}

/// Adds merged readings of adjacent name tokens (particles in between are
/// skipped), so Abdul Rahman meets Abdulrahman and Gul Agha meets Gulagha.
fn add_merges(tokens: &mut Vec<Token>, singles: usize, tables: &tables::Tables, level: Level) {
    let names: Vec<usize> = (0..singles)
        .filter(|&i| matches!(tokens[i].kind, TokenKind::Name))
        .collect();
    let mut spans: Vec<(usize, usize)> = names.windows(2).map(|w| (w[0], w[1])).collect();
    // A particle glued to the next name: Ben Ali / Benali, El Amrani / Elamrani.
    for i in 0..singles.saturating_sub(1) {
        if tokens[i].kind == TokenKind::Particle && tokens[i + 1].kind == TokenKind::Name {
            spans.push((i, i + 1));
        }
    }
    for (i, j) in spans {
        let (a, b) = (&tokens[i], &tokens[j]);
        let (mut ua, ub) = (a.seqs()[0].units(), b.seqs()[0].units());
        // Matcher v5: a Cyrillic or Greek Abdul merges as `abd` + the name,
        // as the Latin reader reads Abdul (Абдул Рахман = Abdulrahman).
        // Any reading will do: Greek reads Αμπντούλ as ampntoul first.
        let abd;
        if level.v5() && a.script != Script::Latin {
            abd = a.seqs().iter().find_map(|s| parse::abd_compound(s.units()));
            if let Some(u) = &abd {
                ua = u;
            }
        }
        if ua.is_empty() || ub.is_empty() || ua.len() + ub.len() > MAX_UNITS {
            continue;
        }
        let mut joined: Vec<Unit> = ua.iter().chain(ub.iter()).copied().collect();
        joined.dedup();
        // The merged text is never shown (explanations print the span);
        // it stays empty to spare an allocation per merge.
        let text = String::new();
        let (script, role) = (
            a.script,
            if a.role == b.role {
                a.role
            } else {
                Role::Unknown
            },
        );
        let weight = a.weight + b.weight;
        let freq_factor =
            (a.weight * a.freq_factor + b.weight * b.freq_factor) / weight.max(f32::EPSILON);
        let mut m = make_token(
            &text,
            script,
            role,
            TokenKind::Merge,
            &[joined],
            tables,
            level,
        );
        m.span = (i as u8, j as u8);
        m.weight = weight;
        m.freq_factor = freq_factor;
        m.abjad = a.abjad || b.abjad;
        m.arabic_origin |= a.arabic_origin || b.arabic_origin;
        tokens.push(m);
    }
}

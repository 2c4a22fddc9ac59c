//! Phonetic units: the alphabet every script is mapped into before comparison.
//!
//! A unit stands for a sound class rather than a letter, so that Serbian `đ`,
//! the digraph `dj`, Macedonian `gj` and Cyrillic `ђ` all become [`Unit::Dj`].
//! Spellings that differ only by romanisation habit then differ by cheap
//! substitutions in [`sub_cost`] (the equivalence classes of Freeman et al.
//! 2006), while real differences (`r`/`k` in Petrović/Petković) cost a full
//! edit.

/// One phonetic unit. The discriminant is used as an index into cost tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum Unit {
    // Vowels.
    A = 0,
    E,
    I,
    O,
    U,
    /// Vowel `y`: Albanian y, Greek υ, Russian ы.
    Y,
    Ae,
    Oe,
    Ue,
    /// Albanian ë, Bulgarian ъ, Romanian ă/â.
    Schwa,
    // Arabic-script long vowel letters (ا و ي), also glides.
    LongA,
    LongW,
    LongY,
    // Consonants.
    B,
    P,
    V,
    F,
    W,
    M,
    N,
    Nj,
    L,
    Lj,
    R,
    D,
    Dh,
    T,
    Th,
    S,
    Z,
    Sh,
    Zh,
    /// `c` as in Serbian ц, German z, `ts`.
    C,
    /// Serbian č, English ch.
    Ch,
    /// Serbian ć, Macedonian ќ, Albanian q.
    Cj,
    /// Serbian đ, Macedonian ѓ, Albanian gj.
    Dj,
    /// Serbian dž, Albanian xh, Macedonian џ.
    Dzh,
    /// Macedonian ѕ.
    Dz,
    /// Consonant y (Slavic j).
    J,
    /// Arabic ج: j, dj, g, dž depending on the country.
    Jim,
    G,
    Gh,
    K,
    Q,
    /// kh, Cyrillic х, Greek χ.
    X,
    H,
    /// Arabic ع and ء; usually dropped or written as an apostrophe.
    Glottal,
    /// Turkish ğ.
    SoftG,
    /// Latin x, ambiguous between ks, kh and (Albanian) dz.
    Xl,
    /// Word-final Arabic ه / ة: a, e, eh, ah or nothing.
    HFinal,
}

/// Number of units; cost tables are this size squared.
pub const UNIT_COUNT: usize = Unit::HFinal as usize + 1;

const ALL: [Unit; UNIT_COUNT] = {
    use Unit::*;
    [
        A, E, I, O, U, Y, Ae, Oe, Ue, Schwa, LongA, LongW, LongY, B, P, V, F, W, M, N, Nj, L, Lj,
        R, D, Dh, T, Th, S, Z, Sh, Zh, C, Ch, Cj, Dj, Dzh, Dz, J, Jim, G, Gh, K, Q, X, H, Glottal,
        SoftG, Xl, HFinal,
    ]
};

impl Unit {
    /// The unit with this discriminant.
    pub fn from_index(i: usize) -> Unit {
        ALL[i]
    }

    /// Short vowels and vowel-like letters (not the Arabic long-vowel letters).
    pub fn is_vowel(self) -> bool {
        (self as u8) <= Unit::Schwa as u8
    }

    /// Arabic long vowel letters, which are written even when short vowels are not.
    pub fn is_long_vowel(self) -> bool {
        matches!(self, Unit::LongA | Unit::LongW | Unit::LongY)
    }

    /// Simple ASCII rendering, as in an MRZ or a Serbian ID card (đ→d, ž→z).
    pub fn simple(self) -> &'static str {
        use Unit::*;
        match self {
            A | LongA => "a",
            E => "e",
            I | LongY | Y => "i",
            O => "o",
            U | LongW => "u",
            Ae => "a",
            Oe => "o",
            Ue => "u",
            Schwa => "e",
            B => "b",
            P => "p",
            V => "v",
            F => "f",
            W => "w",
            M => "m",
            N => "n",
            Nj => "nj",
            L => "l",
            Lj => "lj",
            R => "r",
            D | Dh => "d",
            T | Th => "t",
            S | Sh => "s",
            Z | Zh => "z",
            C | Ch | Cj => "c",
            Dj => "d",
            Dzh | Dz => "dz",
            J | Jim => "j",
            G | SoftG => "g",
            Gh => "gh",
            K => "k",
            Q => "q",
            X => "kh",
            H | HFinal => "h",
            // ع is usually written as a vowel or an apostrophe (Abd, Ali).
            Glottal => "a",
            Xl => "x",
        }
    }

    /// Expanded rendering: digraphs for the letters that lose information in
    /// the simple one (đ→dj, ž→zh, ä→ae), as in pre-2009 Serbian passports,
    /// the Macedonian digraph system and ICAO's expanded German forms.
    pub fn expanded(self) -> &'static str {
        use Unit::*;
        match self {
            Ae => "ae",
            Oe => "oe",
            Ue => "ue",
            Dh => "dh",
            Th => "th",
            Sh => "sh",
            Zh => "zh",
            Ch => "ch",
            Cj => "c",
            Dj => "dj",
            Dzh => "dz",
            Jim => "j",
            Y => "y",
            other => other.simple(),
        }
    }
}

/// Cost of an edit expressed in hundredths: a real, unexplained edit is 100.
pub type Cost = u16;

/// Full cost of an unexplained edit.
pub const FULL: Cost = 100;

const fn build_sub_table() -> [[u8; UNIT_COUNT]; UNIT_COUNT] {
    use Unit::*;
    let mut t = [[100u8; UNIT_COUNT]; UNIT_COUNT];
    // Vowels differ by moderate costs by default: a vowel change is a real
    // difference in Slavic names (Stojanović/Stanojević) but cheap in
    // Arabic-origin names, where the abjad halves it (see `distance`).
    let mut i = 0;
    while i <= Schwa as usize {
        let mut j = 0;
        while j <= Schwa as usize {
            t[i][j] = 90;
            j += 1;
        }
        i += 1;
    }
    let mut i = 0;
    while i < UNIT_COUNT {
        t[i][i] = 0;
        i += 1;
    }
    // (a, b, cost): symmetric pairs.
    let pairs: &[(Unit, Unit, u8)] = &[
        // Vowels.
        (A, E, 50),
        (E, I, 40),
        (O, U, 80),
        (A, O, 60),
        (I, Y, 10),
        (U, Y, 35),
        (A, Schwa, 20),
        (E, Schwa, 10),
        (I, Schwa, 35),
        (Ae, A, 15),
        (Ae, E, 20),
        (Oe, O, 15),
        (Oe, E, 25),
        (Ue, U, 15),
        (Ue, I, 25),
        (Ue, Y, 15),
        // Arabic long vowels against the Latin vowels that write them.
        (LongA, A, 0),
        (LongA, I, 30),
        (LongA, U, 30),
        (LongA, E, 15),
        (LongA, O, 30),
        (LongA, Schwa, 15),
        (LongW, U, 0),
        (LongW, O, 0),
        (LongW, W, 0),
        (LongW, V, 5),
        (LongW, Ue, 10),
        (LongW, Oe, 15),
        (LongY, I, 0),
        (LongY, E, 10),
        (LongY, Y, 0),
        (LongY, J, 0),
        (LongY, A, 45),
        // Glides against vowels.
        (J, I, 20),
        (J, Y, 20),
        (W, U, 20),
        (V, U, 35),
        (Y, V, 40),
        (Y, F, 50),
        // Labials.
        (V, W, 10),
        (V, F, 30),
        (B, V, 35),
        (B, P, 40),
        (F, P, 45),
        // Liquids and nasals: Albanian l = Serbian lj; Hungarian ny.
        (L, Lj, 15),
        (N, Nj, 15),
        // Dentals; Turkish final devoicing (Mehmed/Mehmet).
        (D, Dh, 10),
        (T, Th, 10),
        (Dh, Th, 20),
        (D, T, 40),
        (Th, S, 35),
        (Dh, Z, 25),
        (Z, D, 40),
        // Sibilants: ASCII folding of š/ž, German/Bosnian s/z.
        (S, Sh, 20),
        (Z, Zh, 20),
        (S, Z, 35),
        (Sh, Zh, 40),
        (Sh, Ch, 40),
        (Zh, J, 45),
        (Zh, Jim, 35),
        // Affricates: c/č/ć collapse in ASCII, ts = c.
        (C, Ch, 20),
        (C, Cj, 20),
        (Ch, Cj, 15),
        (C, S, 45),
        (C, K, 35),
        (Cj, K, 25),
        (Cj, Q, 20),
        (Ch, X, 30),
        (Ch, K, 45),
        (Ch, H, 45),
        (C, Dzh, 35),
        (C, Jim, 35),
        // đ / dž / dj / gj / j / Turkish c.
        (Dj, D, 20),
        (Dj, Dzh, 20),
        (Dj, Jim, 20),
        (Dj, G, 25),
        (Dj, J, 30),
        (Dj, Cj, 40),
        (Dzh, Dz, 15),
        // Macedonian џ is dj in the digraph system and dz when folded.
        (Dj, Dz, 25),
        (Dzh, Jim, 5),
        (Dzh, J, 30),
        (Dzh, Zh, 35),
        (Dz, Z, 30),
        (Dz, Xl, 30),
        (Jim, J, 0),
        (Jim, G, 30),
        (Jim, Dz, 25),
        (J, Y, 20),
        // Velars.
        (K, Q, 10),
        (K, G, 50),
        (Q, G, 35),
        (Q, Gh, 30),
        (G, Gh, 10),
        (G, SoftG, 20),
        (Gh, SoftG, 20),
        (Gh, X, 40),
        (X, H, 20),
        // Ukrainian and Belarusian г is h; Russian and Serbian г is g.
        (G, H, 40),
        (X, K, 40),
        (Xl, X, 30),
        (Xl, K, 45),
        (Xl, S, 50),
        (Xl, Dzh, 35),
        // Final ه / ة.
        (HFinal, A, 10),
        (HFinal, E, 10),
        (HFinal, H, 10),
        (HFinal, Schwa, 10),
        (HFinal, LongA, 15),
        // Latin final h for Ukrainian г (Oleh = Олег = Oleg).
        (HFinal, G, 40),
        // ع written as a vowel.
        (Glottal, A, 10),
        (Glottal, E, 10),
        (Glottal, I, 15),
        (Glottal, O, 15),
        (Glottal, U, 15),
        (Glottal, H, 30),
        (Glottal, LongA, 10),
    ];
    let mut k = 0;
    while k < pairs.len() {
        let (a, b, c) = pairs[k];
        t[a as usize][b as usize] = c;
        t[b as usize][a as usize] = c;
        k += 1;
    }
    t
}

const fn build_indel_table() -> [u8; UNIT_COUNT] {
    use Unit::*;
    let mut t = [100u8; UNIT_COUNT];
    let mut i = 0;
    while i <= Schwa as usize {
        t[i] = 50;
        i += 1;
    }
    t[Schwa as usize] = 20;
    t[LongA as usize] = 40;
    t[LongW as usize] = 45;
    t[LongY as usize] = 45;
    t[J as usize] = 25;
    t[W as usize] = 50;
    t[H as usize] = 40;
    t[Glottal as usize] = 5;
    t[SoftG as usize] = 20;
    t[HFinal as usize] = 10;
    t
}

static SUB: [[u8; UNIT_COUNT]; UNIT_COUNT] = build_sub_table();
static INDEL: [u8; UNIT_COUNT] = build_indel_table();

/// How vowels are weighed in a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum VowelMode {
    /// Vowels are written and stable (Slavic, Greek, Turkish...): a vowel
    /// change is a real difference (Marko/Mirko, Stojanović/Stanojević).
    Plain = 0,
    /// Latin spellings of a name of Arabic origin: vowels vary by
    /// romanisation habit, so vowel edits cost half.
    Soft,
    /// One side is Arabic script, where short vowels were never written.
    Abjad,
}

/// Per-mode cost tables, computed once: the hot loop then indexes without
/// branching on the mode.
pub struct ModeTables {
    /// Substitution costs.
    pub sub: [[Cost; UNIT_COUNT]; UNIT_COUNT],
    /// Insertion/deletion costs.
    pub indel: [Cost; UNIT_COUNT],
    /// For each unit: units within 35 of it.
    near: [u64; UNIT_COUNT],
    /// For each unit: units within 70 of it.
    mid: [u64; UNIT_COUNT],
}

static MODE_TABLES: std::sync::OnceLock<[ModeTables; 3]> = std::sync::OnceLock::new();

/// The cost tables of a vowel mode.
#[inline]
pub fn mode_tables(mode: VowelMode) -> &'static ModeTables {
    &MODE_TABLES.get_or_init(|| {
        [VowelMode::Plain, VowelMode::Soft, VowelMode::Abjad].map(build_mode_tables)
    })[mode as usize]
}

/// Cost of substituting a letter by one of its neighbours on a QWERTY
/// keyboard (Petkocic for Petkovic), in matcher v2: a slip of the finger,
/// cheaper than an unexplained edit but dearer than any romanisation class.
pub const KEYBOARD_SLIP: Cost = 50;

/// Keyboard slips are tolerated only between readings of at least this
/// many units (see `compare`).
pub const SLIP_MIN_UNITS: usize = 7;

/// Positions of the letters that stand for one unit each on a QWERTY
/// keyboard, as (row, column × 4) with the usual row stagger.
fn key_position(u: Unit) -> Option<(i32, i32)> {
    use Unit::*;
    let (row, k) = match u {
        Q => (0, 0),
        W => (0, 1),
        E => (0, 2),
        R => (0, 3),
        T => (0, 4),
        Y => (0, 5),
        U => (0, 6),
        I => (0, 7),
        O => (0, 8),
        P => (0, 9),
        A => (1, 0),
        S => (1, 1),
        D => (1, 2),
        F => (1, 3),
        G => (1, 4),
        H => (1, 5),
        J => (1, 6),
        K => (1, 7),
        L => (1, 8),
        Z => (2, 0),
        Xl => (2, 1),
        C => (2, 2),
        V => (2, 3),
        B => (2, 4),
        N => (2, 5),
        M => (2, 6),
        _ => return None,
    };
    let stagger = [0, 1, 3][row as usize];
    Some((row, k * 4 + stagger))
}

/// Whether two units are written with neighbouring keys (same row next to
/// each other, or touching keys of the adjacent row).
pub fn keyboard_neighbours(a: Unit, b: Unit) -> bool {
    match (key_position(a), key_position(b)) {
        (Some((ra, xa)), Some((rb, xb))) => {
            (ra == rb && (xa - xb).abs() == 4) || ((ra - rb).abs() == 1 && (xa - xb).abs() <= 3)
        }
        _ => false,
    }
}

static MODE_TABLES_V2: std::sync::OnceLock<[ModeTables; 3]> = std::sync::OnceLock::new();

/// The cost tables of a vowel mode in matcher v2: as [`mode_tables`], with
/// substitutions between keyboard neighbours capped at [`KEYBOARD_SLIP`].
#[inline]
pub fn mode_tables_v2(mode: VowelMode) -> &'static ModeTables {
    &MODE_TABLES_V2.get_or_init(|| {
        [VowelMode::Plain, VowelMode::Soft, VowelMode::Abjad].map(|mode| {
            let mut t = build_mode_tables(mode);
            for a in 0..UNIT_COUNT {
                for b in 0..UNIT_COUNT {
                    let (ua, ub) = (Unit::from_index(a), Unit::from_index(b));
                    if keyboard_neighbours(ua, ub) && t.sub[a][b] > KEYBOARD_SLIP {
                        t.sub[a][b] = KEYBOARD_SLIP;
                        // Keeps `lower_bound` a lower bound under these costs.
                        t.mid[a] |= 1 << b;
                    }
                }
            }
            t
        })
    })[mode as usize]
}

/// The cost tables of a matcher version (`v2` or v1).
#[inline]
pub fn tables_for(mode: VowelMode, v2: bool) -> &'static ModeTables {
    if v2 {
        mode_tables_v2(mode)
    } else {
        mode_tables(mode)
    }
}

fn build_mode_tables(mode: VowelMode) -> ModeTables {
    let mut t = ModeTables {
        sub: [[0; UNIT_COUNT]; UNIT_COUNT],
        indel: [0; UNIT_COUNT],
        near: [0; UNIT_COUNT],
        mid: [0; UNIT_COUNT],
    };
    for a in 0..UNIT_COUNT {
        let ua = Unit::from_index(a);
        t.indel[a] = indel_cost(ua, mode);
        for b in 0..UNIT_COUNT {
            let c = sub_cost(ua, Unit::from_index(b), mode);
            t.sub[a][b] = c;
            if c <= 35 {
                t.near[a] |= 1 << b;
            }
            if c <= 70 {
                t.mid[a] |= 1 << b;
            }
        }
    }
    t
}

/// The set of units in a sequence, as a bit mask.
pub fn unit_set(units: &[Unit]) -> u64 {
    units.iter().fold(0, |m, &u| m | (1 << u as u64))
}

/// Consonants whose deletion costs at least [`SKETCH_STEP`] in every mode.
const fn hard_consonants() -> u64 {
    let mut m = 0u64;
    let mut i = Unit::B as usize;
    while i < UNIT_COUNT {
        if INDEL[i] as Cost >= 2 * SKETCH_STEP {
            m |= 1 << i;
        }
        i += 1;
    }
    m
}

/// Granularity of the sketch bound.
pub const SKETCH_STEP: Cost = 36;

/// A per-sequence summary for an O(1) lower bound on distances: its hard
/// consonants, and every unit within 35 / within 71 of one of its units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sketch {
    hard: u64,
    near: u64,
    mid: u64,
}

impl Sketch {
    /// The sketch of a unit sequence. Consonant substitution costs do not
    /// depend on the vowel mode, so one sketch serves every mode.
    pub fn of(units: &[Unit]) -> Sketch {
        let t = mode_tables(VowelMode::Plain);
        let mut s = Sketch {
            hard: unit_set(units) & hard_consonants(),
            near: 0,
            mid: 0,
        };
        for &u in units {
            s.near |= t.near[u as usize];
            s.mid |= t.mid[u as usize];
        }
        s
    }

    /// A sketch covering several readings of one token: a hard consonant
    /// counts only if every reading has it; nearness counts if any has it.
    /// Its bound against another cover bounds every pair of readings.
    pub fn cover(sketches: impl IntoIterator<Item = Sketch>) -> Sketch {
        let mut it = sketches.into_iter();
        let Some(first) = it.next() else {
            return Sketch::default();
        };
        it.fold(first, |acc, s| Sketch {
            hard: acc.hard & s.hard,
            near: acc.near | s.near,
            mid: acc.mid | s.mid,
        })
    }

    /// Lower bound on the distance between the sequences of two sketches:
    /// each hard consonant type of one side with nothing near it on the
    /// other costs at least 36 (71 with nothing within 70).
    #[inline]
    pub fn lower_bound(&self, other: &Sketch) -> Cost {
        let one = |x: &Sketch, y: &Sketch| {
            let far = (x.hard & !y.near).count_ones() as Cost;
            let very_far = (x.hard & !y.mid).count_ones() as Cost;
            far * SKETCH_STEP + very_far * (2 * SKETCH_STEP - 1 - SKETCH_STEP)
        };
        one(self, other).max(one(other, self))
    }
}

/// A lower bound on the edit cost from `a` to any sequence made of the
/// units in `b_set`: every unit of `a` is either deleted or substituted by
/// some unit of `b`, so it costs at least the cheaper of the two.
#[inline]
pub fn lower_bound(a: &[Unit], b_set: u64, t: &ModeTables, limit: Cost) -> Cost {
    let mut total: Cost = 0;
    for &u in a {
        if total > limit {
            break;
        }
        let i = u as usize;
        let c = if t.near[i] & b_set != 0 {
            0
        } else if t.mid[i] & b_set != 0 {
            36
        } else {
            71
        };
        total += c.min(t.indel[i]);
    }
    total
}

/// Cost of substituting `a` by `b` under a vowel mode.
#[inline]
pub fn sub_cost(a: Unit, b: Unit, mode: VowelMode) -> Cost {
    let c = SUB[a as usize][b as usize] as Cost;
    if mode != VowelMode::Plain && a.is_vowel() && b.is_vowel() {
        c / 2
    } else {
        c
    }
}

/// Cost of inserting or deleting `u` under a vowel mode.
#[inline]
pub fn indel_cost(u: Unit, mode: VowelMode) -> Cost {
    match mode {
        VowelMode::Abjad if u.is_vowel() => 10,
        VowelMode::Soft if u.is_vowel() => 25,
        _ => INDEL[u as usize] as Cost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::needless_range_loop)]
    fn table_is_symmetric_and_zero_on_diagonal() {
        for i in 0..UNIT_COUNT {
            assert_eq!(SUB[i][i], 0);
            for j in 0..UNIT_COUNT {
                assert_eq!(SUB[i][j], SUB[j][i], "{i} {j}");
            }
        }
    }

    #[test]
    fn lower_bound_never_exceeds_distance() {
        use crate::v1::compare::distance;
        let words: Vec<Vec<Unit>> = [
            "petrovic", "petkovic", "hassan", "husein", "mhmd", "ana", "djordje", "xhemajl",
        ]
        .iter()
        .map(|w| crate::parse::latin::units(w).remove(0))
        .collect();
        for mode in [VowelMode::Plain, VowelMode::Soft, VowelMode::Abjad] {
            for a in &words {
                for b in &words {
                    let d = distance(a, b, mode, Cost::MAX).unwrap();
                    assert!(
                        lower_bound(a, unit_set(b), mode_tables(mode), Cost::MAX) <= d,
                        "{a:?} {b:?} {mode:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn sketch_bound_never_exceeds_distance() {
        use crate::v1::compare::distance;
        let words: Vec<Vec<Unit>> = [
            "petrovic", "karimi", "hassan", "husein", "mhmd", "djordje", "xhemajl", "williams",
        ]
        .iter()
        .map(|w| crate::parse::latin::units(w).remove(0))
        .collect();
        for mode in [VowelMode::Plain, VowelMode::Soft, VowelMode::Abjad] {
            for a in &words {
                for b in &words {
                    let d = distance(a, b, mode, Cost::MAX).unwrap();
                    assert!(
                        Sketch::of(a).lower_bound(&Sketch::of(b)) <= d,
                        "{a:?} {b:?} {mode:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn from_index_round_trips() {
        for i in 0..UNIT_COUNT {
            assert_eq!(Unit::from_index(i) as usize, i);
        }
    }
}

//! Scorer over the English Microsoft Recognizers-Text Number and NumberWithUnit specs.
//!
//! Files scored (under `<dir>/Number/English` and `<dir>/NumberWithUnit/English`):
//! `NumberModel.json`, `NumberRangeModel.json`, `PercentModel.json`,
//! `CurrencyModel.json`, `DimensionModel.json`, `TemperatureModel.json`, `AgeModel.json`.
//! The "ExperimentalMode", "PercentMode" and ordinal files test other modes of the
//! recognizers (ordinals are not quantities for presslens) and are not scored.
//!
//! Platform: the .NET implementation is the reference, so a case is skipped when its
//! `NotSupported` or `NotSupportedByDesign` list names `dotnet` (case-insensitive);
//! cases marked only for javascript/python/java are scored. Skipped cases are counted.
//!
//! Matching: `Start`/`End` are inclusive char offsets into `Input`; they are turned into
//! byte spans and compared exactly with one span per prediction:
//! - NumberModel: each numeral of each quantity ([`crate::numerals`]);
//! - NumberRangeModel: quantities with a one-sided bound or a range (or an exact bound
//!   word like "equal to"), span from the bound words to the end of the numeral(s)
//!   (plus "or more" when there is no unit);
//! - Percent, Currency, Dimension, Temperature, Age: quantities whose unit is in that
//!   family, span = [`crate::Quantity::measure`] (numeral with unit, without bound words).
//!   An angle ("rotate 90 degrees", unit "degree_angle") is a dimension; a bare "degree" a temperature.
//!
//! NumberWithUnit has no ranges: when presslens reads a range whose unit is written once
//! after the high end ("8 to 10 feet", "40 - 50 years old"), the spec annotates only the
//! unit-bearing numeral, so the range is compared as that numeral (span and value of the
//! high end). The spec's number ranges never include an approximation word, so "about" before
//! a range is left out of its span.
//!
//! Value accuracy = gold results whose value (and unit, for NumberWithUnit; interval ends
//! and, for one-sided bounds, openness for ranges) is reproduced by a prediction with the
//! same span, divided by gold results; values compare with a relative tolerance of 1e-6 and
//! any of several predictions at a span may match. The raw figure counts everything. The
//! adjusted figure leaves out the expectations that conflict with the product contract:
//! the cases or single results listed in [`CONVENTIONS`] (each with a category and a one-line
//! reason) and gold results without a value (a bare unit word such as "dollar", which is not
//! a quantity). [`SpecScore::excluded_by_category`] counts them.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::{numerals, scan, unit_category, Bound, Quantity};

/// Approximation words that may open a range ("about 20-30").
const APPROX_WORDS: &[&str] = &[
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "some",
    "circa",
    "~",
];

/// Errors reading the specs.
#[derive(Debug)]
pub enum Error {
    /// A spec file could not be read.
    Io(PathBuf, std::io::Error),
    /// A spec file is not valid JSON.
    Json(PathBuf, serde_json::Error),
    /// A spec file does not have the expected shape.
    Format(PathBuf, String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(p, e) => write!(f, "{}: {e}", p.display()),
            Error::Json(p, e) => write!(f, "{}: {e}", p.display()),
            Error::Format(p, m) => write!(f, "{}: {m}", p.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Span and value counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold results.
    pub gold: usize,
    /// Predictions.
    pub pred: usize,
    /// Predictions with exactly a gold span.
    pub tp: usize,
    /// Gold results whose value (and unit) is reproduced at the same span.
    pub value_ok: usize,
}

impl Counts {
    /// Span precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.pred)
    }
    /// Span recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold)
    }
    /// Span F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Value accuracy over gold results.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.gold)
    }
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp += o.tp;
        self.value_ok += o.value_ok;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores for one spec file.
#[derive(Clone, Debug, Default)]
pub struct FileScore {
    /// File name, e.g. "NumberModel.json".
    pub file: String,
    /// Cases scored.
    pub cases: usize,
    /// Cases skipped as not supported on .NET.
    pub skipped: usize,
    /// Cases excluded whole by [`CONVENTIONS`].
    pub excluded_cases: usize,
    /// Gold results excluded by [`CONVENTIONS`] (whole cases or single results).
    pub excluded_gold: usize,
    /// Gold results without a value (bare unit mentions), outside those exclusions.
    pub valueless_gold: usize,
    /// Raw counts over all scored cases.
    pub raw: Counts,
    /// Counts without the [`CONVENTIONS`] exclusions and value-less gold results.
    pub adjusted: Counts,
    /// Gold results that carry a value (`gold`) and how many are reproduced (`value_ok`), with
    /// no convention exclusions: the share of the specs' values presslens reproduces.
    pub valued: Counts,
}

/// Scores for all files, plus failure descriptions.
#[derive(Clone, Debug, Default)]
pub struct SpecScore {
    /// Per file.
    pub files: Vec<FileScore>,
    /// One line per case with a missed, spurious or wrongly valued result.
    pub failures: Vec<String>,
    /// Gold results left out of the adjusted figure, by conflict category
    /// ([`CONVENTIONS`] categories and "bare-unit").
    pub excluded_by_category: CategoryCounts,
}

impl SpecScore {
    /// Raw counts over all files.
    pub fn raw(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.files {
            c.add(&f.raw);
        }
        c
    }
    /// Counts over the gold results that carry a value, all files ([`FileScore::valued`]).
    pub fn valued(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.files {
            c.add(&f.valued);
        }
        c
    }
    /// Four lines: raw value accuracy; the same over gold results that carry a value; the
    /// gold results excluded as contract conflicts by category; the adjusted value accuracy
    /// and how the raw gap splits into conflicts and grammar misses.
    pub fn breakdown(&self) -> String {
        let (raw, adj, val) = (self.raw(), self.adjusted(), self.valued());
        let excluded: usize = self.excluded_by_category.iter().map(|(_, n)| n).sum();
        let cats: Vec<String> = self
            .excluded_by_category
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let raw_miss = raw.gold - raw.value_ok;
        let adj_miss = adj.gold - adj.value_ok;
        format!(
            "raw: {} of {} gold results reproduced = {:.1} %\n\
             values: {} of {} gold results that carry a value reproduced = {:.1} % (the {} others are bare unit words)\n\
             excluded as contract conflicts: {excluded} gold results ({})\n\
             adjusted: {} of {} compatible gold values reproduced = {:.1} %; raw gap {raw_miss} = {} contract conflicts + {adj_miss} grammar misses",
            raw.value_ok,
            raw.gold,
            100.0 * raw.value_accuracy(),
            val.value_ok,
            val.gold,
            100.0 * val.value_accuracy(),
            raw.gold - val.gold,
            cats.join(", "),
            adj.value_ok,
            adj.gold,
            100.0 * adj.value_accuracy(),
            raw_miss.saturating_sub(adj_miss),
        )
    }
    /// Conventions-excluded counts over all files.
    pub fn adjusted(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.files {
            c.add(&f.adjusted);
        }
        c
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Number,
    Range,
    Percent,
    Currency,
    Dimension,
    Temperature,
    Age,
}

const FILES: &[(&str, &str, Kind)] = &[
    ("Number/English", "NumberModel.json", Kind::Number),
    ("Number/English", "NumberRangeModel.json", Kind::Range),
    ("Number/English", "PercentModel.json", Kind::Percent),
    (
        "NumberWithUnit/English",
        "CurrencyModel.json",
        Kind::Currency,
    ),
    (
        "NumberWithUnit/English",
        "DimensionModel.json",
        Kind::Dimension,
    ),
    (
        "NumberWithUnit/English",
        "TemperatureModel.json",
        Kind::Temperature,
    ),
    ("NumberWithUnit/English", "AgeModel.json", Kind::Age),
];

/// One spec expectation that conflicts with the presslens product contract.
///
/// A case is identified by the FNV-1a 64 hash of its exact `Input` (no spec text is copied
/// into the source); `result` narrows the exclusion to one gold result (0-based index in the
/// case's `Results`), `None` excludes the whole case (all its gold results and predictions).
/// Run the example with `--failures` to see each excluded case next to its category.
#[derive(Clone, Copy, Debug)]
pub struct Convention {
    /// Spec file name, e.g. "NumberModel.json".
    pub file: &'static str,
    /// [`fnv1a64`] of the case's `Input`.
    pub input: u64,
    /// The gold result excluded, or `None` for the whole case.
    pub result: Option<usize>,
    /// Category (see [`CONVENTIONS`]).
    pub category: &'static str,
    /// Why the expectation conflicts with the product, in one line.
    pub reason: &'static str,
}

const fn conv(
    file: &'static str,
    input: u64,
    result: Option<usize>,
    category: &'static str,
    reason: &'static str,
) -> Convention {
    Convention {
        file,
        input,
        result,
        category,
        reason,
    }
}

const NM: &str = "NumberModel.json";
const NR: &str = "NumberRangeModel.json";
const PM: &str = "PercentModel.json";
const DM: &str = "DimensionModel.json";

/// Spec expectations that conflict with the product contract (news quantities; years,
/// dates, times, ordinals, identifiers are not quantities), each with a one-line reason.
/// Categories:
/// - `identifier`: digits of an IP address, a date, a phone number, a product code, a
///   numbered list, or an unseparated 10+ digit string / leading-zero group;
/// - `ordinal`: a range over ordinals ("between the fourth and the ninth");
/// - `math`: a non-news mathematical reading ("percent of 40" as 40%, "2000 over 3" where
///   news "over" between a larger and a smaller number is a score or comparison, "twenty and
///   three" as 23);
/// - `symbol`: a letter read against news usage (spaced or capital "k"/"G"/"M" as SI
///   multipliers where news has "5G", "10K run", "M" for metres; "2 pm" as picometres where
///   news has a time; a glued "m" as metres with no size or metric context);
/// - `unit-number`: NumberModel expects no number when a unit is glued ("250ml") while every
///   numeral of a quantity is a number for presslens (the spec itself keeps "$5" → 5);
/// - `bullet`: a spaced "- " at the text start, which news plain text uses as a list bullet;
/// - `ratio`: the spec splits "more than 2 in 5" where presslens reads a bounded ratio;
/// - `year-range`: the spec expects no range in "from X to Y in YEAR" but one in the twin
///   case without the year.
///
/// Gold results without a value (a bare unit word such as "dollar" or "celsius" with no
/// number) are a further, rule-based conflict: a unit with no number is not a quantity.
pub const CONVENTIONS: &[Convention] = &[
    conv(
        NM,
        0x3798c6d8e86e973d,
        None,
        "identifier",
        "octets of an IPv4 address",
    ),
    conv(
        NM,
        0x3242f11d01ce2c2c,
        None,
        "identifier",
        "15 unseparated digits: an account or ID number",
    ),
    conv(
        NM,
        0x2c3b8381fb01b4cd,
        Some(1),
        "identifier",
        "a zero group after a number: part of a phone number or code",
    ),
    conv(
        NM,
        0x8e32124c780a06de,
        None,
        "identifier",
        "month/day/year date",
    ),
    conv(
        NM,
        0x0ab0503f2378a707,
        None,
        "identifier",
        "phone number groups",
    ),
    conv(
        NM,
        0x82c5f2e4a3f98f09,
        None,
        "identifier",
        "letters-hyphen-digits product code",
    ),
    conv(
        NM,
        0xa082ccacb6968ccf,
        None,
        "identifier",
        "exercise numbers after 'nrs.'",
    ),
    conv(
        NM,
        0x65e56982a9c61a79,
        None,
        "unit-number",
        "no number expected when glued to ml",
    ),
    conv(
        NM,
        0x0016896b6a31ece2,
        None,
        "unit-number",
        "no number expected when glued to ml",
    ),
    conv(
        NM,
        0x457966f0fef55ce4,
        None,
        "unit-number",
        "no number expected when glued to km",
    ),
    conv(
        NM,
        0xcd3a68a721ee43b6,
        None,
        "unit-number",
        "no number expected when glued to ml",
    ),
    conv(
        NM,
        0x1942a3e4c9f1b02a,
        None,
        "math",
        "'twenty and three' read as 23",
    ),
    conv(
        NM,
        0xe73998e5cac9aa5a,
        None,
        "math",
        "'over' from a larger to a smaller number read as division",
    ),
    conv(
        NM,
        0x45690618181d19b9,
        None,
        "symbol",
        "capital G glued to digits read as giga (news: 5G)",
    ),
    conv(
        NM,
        0x1a4272983a50c04d,
        None,
        "symbol",
        "spaced capital G read as giga",
    ),
    conv(
        NM,
        0x41f2134bd4b97019,
        None,
        "symbol",
        "spaced capital M read as mega",
    ),
    conv(
        NM,
        0x0099c4e82af72258,
        None,
        "symbol",
        "spaced k read as thousand (news: 10 k race)",
    ),
    conv(
        NM,
        0xdd2449b910ab14b6,
        None,
        "symbol",
        "spaced k read as thousand, after a leading bullet dash",
    ),
    conv(
        NM,
        0x6ab37d9b83168d4c,
        None,
        "symbol",
        "glued m with no size or metric context expected as metres",
    ),
    conv(
        NM,
        0x89d9883ed5fb368f,
        None,
        "bullet",
        "a dash and space at the text start read as minus",
    ),
    conv(
        NR,
        0xb2008ce1dc3b26ec,
        None,
        "ordinal",
        "a range between two ordinals",
    ),
    conv(
        NR,
        0x5513277da4fc4844,
        None,
        "ordinal",
        "a range between two ordinals",
    ),
    conv(
        NR,
        0xde1975da75e27736,
        None,
        "ratio",
        "the bound split off 'N in M'",
    ),
    conv(
        NR,
        0xe4620bdb5a5d886a,
        None,
        "year-range",
        "no range expected before 'in YEAR'",
    ),
    conv(
        PM,
        0xdfb3e64a7689eef1,
        None,
        "math",
        "'percent of N' read as N%",
    ),
    conv(
        PM,
        0xd22c5010edd94abc,
        None,
        "math",
        "'percent of N' read as N%",
    ),
    conv(
        PM,
        0x118acc4bbf1e1ca7,
        None,
        "math",
        "'percent of N' read as N%",
    ),
    conv(
        PM,
        0x3100b7dd676a5454,
        None,
        "math",
        "'percent of N' read as N%",
    ),
    conv(
        DM,
        0x270ea683a8f11e90,
        Some(0),
        "symbol",
        "'2 pm' read as picometres, not a time",
    ),
];

/// Per-category counts of excluded gold results, in [`CONVENTIONS`] category order, plus
/// "bare-unit" for gold results without a value.
pub type CategoryCounts = Vec<(&'static str, usize)>;

/// Scores the English Number and NumberWithUnit specs under `dir` (the `Specs` folder).
pub fn evaluate_specs(dir: &Path) -> Result<SpecScore, Error> {
    let mut score = SpecScore::default();
    for (sub, name, kind) in FILES {
        let path = dir.join(sub).join(name);
        let raw = std::fs::read(&path).map_err(|e| Error::Io(path.clone(), e))?;
        let body = raw.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(&raw);
        let json: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| Error::Json(path.clone(), e))?;
        let cases = json
            .as_array()
            .ok_or_else(|| Error::Format(path.clone(), "not an array".into()))?;
        let mut fs = FileScore {
            file: (*name).to_string(),
            ..Default::default()
        };
        for case in cases {
            let input = case.get("Input").and_then(|v| v.as_str()).unwrap_or("");
            if not_on_dotnet(case) {
                fs.skipped += 1;
                continue;
            }
            fs.cases += 1;
            let golds = gold_results(case, input);
            let preds = predictions(*kind, input);
            let h = fnv1a64(input);
            let convs: Vec<&Convention> = CONVENTIONS
                .iter()
                .filter(|c| c.file == *name && c.input == h)
                .collect();
            let whole = convs.iter().find(|c| c.result.is_none()).copied();
            // the convention (if any) that excludes gold result `k`
            let excl = |k: usize| -> Option<&Convention> {
                whole.or_else(|| convs.iter().find(|c| c.result == Some(k)).copied())
            };
            let mut c = Counts {
                gold: golds.len(),
                pred: preds.len(),
                ..Default::default()
            };
            let mut a = Counts::default();
            let mut v = Counts::default();
            let mut bad = Vec::new();
            let mut excluded_spans: Vec<(usize, usize)> = Vec::new();
            for (k, g) in golds.iter().enumerate() {
                let same: Vec<&Pred> = preds.iter().filter(|p| p.span == g.span).collect();
                let value_ok = same.iter().any(|p| value_matches(*kind, g, p));
                if value_ok {
                    c.value_ok += 1;
                }
                if g.has_value {
                    v.gold += 1;
                    v.value_ok += usize::from(value_ok);
                }
                let ex = excl(k);
                if let Some(cv) = ex {
                    fs.excluded_gold += 1;
                    bump(&mut score.excluded_by_category, cv.category);
                    excluded_spans.push(g.span);
                } else if !g.has_value {
                    fs.valueless_gold += 1;
                    bump(&mut score.excluded_by_category, "bare-unit");
                    excluded_spans.push(g.span);
                } else {
                    a.gold += 1;
                    if value_ok {
                        a.value_ok += 1;
                    }
                }
                if !value_ok {
                    let what = if same.is_empty() { "MISS" } else { "VALUE" };
                    let tag = ex
                        .map(|cv| format!(" [{}]", cv.category))
                        .unwrap_or_default();
                    bad.push(format!(
                        "{what} #{k}{tag} gold {:?}={} {}",
                        g.text,
                        g.value_str,
                        g.unit.as_deref().unwrap_or("")
                    ));
                }
            }
            let overlaps = |p: &Pred| {
                excluded_spans
                    .iter()
                    .any(|s| p.span.0 < s.1 && s.0 < p.span.1)
            };
            for p in &preds {
                let hit = golds.iter().any(|g| g.span == p.span);
                if hit {
                    c.tp += 1;
                }
                // predictions of an excluded case or overlapping an excluded gold result
                // are neither rewarded nor punished
                if whole.is_none() && !overlaps(p) {
                    a.pred += 1;
                    if hit {
                        a.tp += 1;
                    }
                }
                if !hit {
                    bad.push(format!(
                        "SPURIOUS {:?}={} {}",
                        input.get(p.span.0..p.span.1).unwrap_or(""),
                        p.desc,
                        p.unit.as_deref().unwrap_or("")
                    ));
                }
            }
            // a whole-case exclusion also covers its gold-less predictions
            if whole.is_some() {
                fs.excluded_cases += 1;
            }
            if !bad.is_empty() {
                let tag = if convs.is_empty() {
                    String::new()
                } else {
                    format!(
                        " conv:{}",
                        convs
                            .iter()
                            .map(|c| c.category)
                            .collect::<Vec<_>>()
                            .join(",")
                    )
                };
                score.failures.push(format!(
                    "[{name} {h:#018x}{tag}] {input:?}\n    {}",
                    bad.join("\n    ")
                ));
            }
            fs.raw.add(&c);
            fs.adjusted.add(&a);
            fs.valued.add(&v);
        }
        score.files.push(fs);
    }
    Ok(score)
}

fn bump(v: &mut CategoryCounts, cat: &'static str) {
    match v.iter_mut().find(|(c, _)| *c == cat) {
        Some(x) => x.1 += 1,
        None => v.push((cat, 1)),
    }
}

/// FNV-1a 64-bit hash of a string's UTF-8 bytes.
pub fn fnv1a64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn not_on_dotnet(case: &serde_json::Value) -> bool {
    ["NotSupported", "NotSupportedByDesign"].iter().any(|k| {
        case.get(*k).and_then(|v| v.as_str()).is_some_and(|s| {
            s.to_ascii_lowercase()
                .split(',')
                .any(|p| p.trim() == "dotnet")
        })
    })
}

struct Gold {
    span: (usize, usize),
    text: String,
    value_str: String,
    has_value: bool,
    unit: Option<String>,
}

struct Pred {
    span: (usize, usize),
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    bound: Bound,
    unit: Option<String>,
    desc: String,
}

fn char_to_byte(input: &str, ci: usize) -> usize {
    input.char_indices().nth(ci).map_or(input.len(), |(b, _)| b)
}

fn gold_results(case: &serde_json::Value, input: &str) -> Vec<Gold> {
    let mut out = Vec::new();
    let Some(rs) = case.get("Results").and_then(|v| v.as_array()) else {
        return out;
    };
    for r in rs {
        let text = r
            .get("Text")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let (s, e) = match (
            r.get("Start").and_then(|v| v.as_u64()),
            r.get("End").and_then(|v| v.as_u64()),
        ) {
            (Some(s), Some(e)) => (
                char_to_byte(input, s as usize),
                char_to_byte(input, e as usize + 1),
            ),
            _ => {
                // no offsets: locate the text case-insensitively
                let low = input.to_lowercase();
                match low.find(&text.to_lowercase()) {
                    Some(b) if low.len() == input.len() => (b, b + text.len()),
                    _ => (usize::MAX, usize::MAX),
                }
            }
        };
        let res = r.get("Resolution");
        let value_str = match res.and_then(|x| x.get("value")) {
            Some(serde_json::Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        let has_value = !value_str.is_empty() && value_str != "null";
        let unit = res
            .and_then(|x| x.get("isoCurrency").or_else(|| x.get("unit")))
            .and_then(|v| v.as_str())
            .map(|s| s.to_string());
        out.push(Gold {
            span: (s, e),
            text,
            value_str,
            has_value,
            unit,
        });
    }
    out
}

fn in_family(kind: Kind, q: &Quantity) -> bool {
    let Some(u) = q.unit.as_deref() else {
        return false;
    };
    let cat = unit_category(u);
    match kind {
        Kind::Percent => u == "percent",
        Kind::Currency => cat == Some("currency"),
        Kind::Dimension => cat == Some("dimension"),
        Kind::Temperature => cat == Some("temperature"),
        Kind::Age => cat == Some("age"),
        Kind::Number | Kind::Range => false,
    }
}

fn predictions(kind: Kind, input: &str) -> Vec<Pred> {
    if kind == Kind::Number {
        return numerals(input)
            .into_iter()
            .map(|n| Pred {
                span: (n.start, n.end),
                value: n.value,
                low: None,
                high: None,
                bound: Bound::Exact,
                unit: None,
                desc: format!("{}", n.value),
            })
            .collect();
    }
    let mut out = Vec::new();
    for it in scan(input) {
        let q = &it.q;
        let keep = match kind {
            Kind::Range => {
                !matches!(q.bound, Bound::Approx)
                    && (q.bound != Bound::Exact || q.start < q.measure.0)
            }
            _ => in_family(kind, q),
        };
        if !keep {
            continue;
        }
        let mut span = match kind {
            Kind::Range => {
                // the spec's ranges never include an approximation word ("about 20-30")
                let hedge = input
                    .get(q.start..q.measure.0)
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                let st = if q.bound == Bound::Range && APPROX_WORDS.contains(&hedge.as_str()) {
                    q.measure.0
                } else {
                    q.start
                };
                if q.unit.is_some() {
                    (st, q.number.1)
                } else {
                    (st, q.end)
                }
            }
            _ => q.measure,
        };
        let mut value = q.value;
        // NumberWithUnit has no ranges: "8 to 10 feet" is annotated as its unit-bearing
        // numeral "10 feet" (the unit is written once, after the high end)
        if kind != Kind::Range && q.bound == Bound::Range {
            if let (Some(lo), Some(hi), Some(h)) = (it.nums.first(), it.nums.get(1), q.high) {
                let conn = input.get(lo.end..hi.start).unwrap_or("x").trim();
                if matches!(conn, "-" | "\u{2013}" | "\u{2014}" | "~" | "to")
                    && lo.start == q.measure.0
                {
                    span = (hi.start, q.measure.1);
                    value = h;
                }
            }
        }
        let (low, high) = match q.bound {
            Bound::MoreThan | Bound::AtLeast => (Some(q.value), None),
            Bound::LessThan | Bound::AtMost => (None, Some(q.value)),
            Bound::Range => (Some(q.value), q.high),
            Bound::Exact | Bound::Approx => (Some(q.value), Some(q.value)),
        };
        out.push(Pred {
            span,
            value,
            low,
            high,
            bound: q.bound,
            unit: q.unit.clone(),
            desc: format!(
                "{}{} {}",
                q.value,
                q.high.map(|h| format!("..{h}")).unwrap_or_default(),
                q.bound.as_str()
            ),
        });
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9_f64.max(b.abs() * 1e-6)
}

fn value_matches(kind: Kind, g: &Gold, p: &Pred) -> bool {
    if !g.has_value {
        return false;
    }
    match kind {
        Kind::Range => {
            let s = g.value_str.trim();
            let (Some(open), Some(close_c)) = (s.chars().next(), s.chars().last()) else {
                return false;
            };
            let inner = s.get(1..s.len().saturating_sub(1)).unwrap_or("");
            let mut parts = inner.splitn(2, ',');
            let lo = parts.next().and_then(|x| x.trim().parse::<f64>().ok());
            let hi = parts.next().and_then(|x| x.trim().parse::<f64>().ok());
            let ends = match (lo, p.low) {
                (Some(a), Some(b)) => close(b, a),
                (None, None) => true,
                _ => false,
            } && match (hi, p.high) {
                (Some(a), Some(b)) => close(b, a),
                (None, None) => true,
                _ => false,
            };
            let openness = match p.bound {
                Bound::MoreThan => open == '(',
                Bound::AtLeast => open == '[',
                Bound::LessThan => close_c == ')',
                Bound::AtMost => close_c == ']',
                _ => true,
            };
            ends && openness
        }
        _ => {
            let gv = g.value_str.trim_end_matches('%').trim().parse::<f64>().ok();
            let Some(gv) = gv else {
                return false;
            };
            if !close(p.value, gv) {
                return false;
            }
            match kind {
                Kind::Number | Kind::Percent => true,
                _ => {
                    let (Some(gu), Some(pu)) = (g.unit.as_deref(), p.unit.as_deref()) else {
                        return false;
                    };
                    let have = pu.to_ascii_lowercase();
                    gold_unit(gu).split('|').any(|w| w == have)
                }
            }
        }
    }
}

/// Maps a spec unit name (or ISO code) to the presslens unit, lowercased.
fn gold_unit(u: &str) -> String {
    let l = u.to_ascii_lowercase();
    let m = match l.as_str() {
        "dollar" | "united states dollar" => "usd",
        "pound" => "gbp|lb",
        "british pound" => "gbp",
        "euro" => "eur",
        "cent" => "cent",
        "sri lankan rupee" => "lkr",
        "pence" | "penny" => "gbx",
        "franc" => "franc",
        "peso" => "peso",
        "rupee" => "inr",
        "bitcoin" => "btc",
        "satoshi" => "satoshi",
        "peseta" => "esp",
        "finnish markka" => "fim",
        "netherlands guilder" => "nlg",
        "kilometer" => "km",
        "mile" => "mile",
        "meter" => "m",
        "foot" => "ft",
        "inch" => "inch",
        "yard" => "yard",
        "ounce" => "oz",
        "ton" => "ton|tonne",
        "metric ton" => "tonne",
        "gallon" => "gallon",
        "barrel" => "barrel",
        "square meter" => "m2",
        "square kilometer" => "km2",
        "acre" => "acre",
        "milliliter" => "ml",
        "millimeter" => "mm",
        "centimeter" => "cm",
        "millisecond" => "ms",
        "second" => "s",
        "minute" => "min",
        "hour" => "h",
        "decimeter" => "dm",
        "picometer" => "pm",
        "kilogram" => "kg",
        "microgram" => "ug",
        "gram" => "g",
        "degree" => "degree|degree_angle",
        "radian" => "rad",
        "turn" => "turn",
        "mile per hour" => "mph",
        "kilometer per hour" => "km/h",
        "cubic foot" => "ft3",
        "bit" => "bit",
        "megabit" => "mb",
        "megabyte" => "mb",
        "tablespoon" => "tablespoon",
        "teaspoon" => "teaspoon",
        "cup" => "cup",
        "dram" => "dram",
        "c" => "celsius",
        "f" => "fahrenheit",
        "year" | "age" => "year",
        "month" => "month",
        "week" => "week",
        "day" => "day",
        other => {
            // "Meter per millisecond" → "m/ms"
            if let Some((a, b)) = other.split_once(" per ") {
                let first = |x: &str| gold_unit(x).split('|').next().unwrap_or("").to_string();
                return format!("{}/{}", first(a), first(b));
            }
            return other.to_string();
        }
    };
    m.to_string()
}

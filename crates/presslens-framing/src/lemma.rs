//! A small rule-based English lemmatiser for lexicon matching.
//!
//! It maps inflected forms to a base form (`liberated`, `liberating`, `liberates` → `liberate`;
//! `terrorists` → `terrorist`; `atrocities` → `atrocity`; `slammed` → `slam`) with a handful of
//! suffix rules and a short table of irregular forms. It is not a full morphological analyser:
//! the lexicon entries go through the same function as the text, so a systematic error on a rare
//! word still matches consistently. [`derived_base`] undoes the adverb suffix `-ly`
//! (`brutally` → `brutal`), used as a fallback for evaluative words.

use std::borrow::Cow;

/// Irregular forms and their lemmas (lowercase).
const IRREGULAR: &[(&str, &str)] = &[
    ("am", "be"),
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("being", "be"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("does", "do"),
    ("did", "do"),
    ("done", "do"),
    ("went", "go"),
    ("gone", "go"),
    ("goes", "go"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("thieves", "thief"),
    ("wolves", "wolf"),
    ("lives", "life"),
    ("knives", "knife"),
    ("wives", "wife"),
    ("halves", "half"),
    ("selves", "self"),
    ("slew", "slay"),
    ("slain", "slay"),
    ("fought", "fight"),
    ("struck", "strike"),
    ("stricken", "strike"),
    ("shot", "shoot"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("ran", "run"),
    ("overran", "overrun"),
    ("took", "take"),
    ("taken", "take"),
    ("beaten", "beat"),
    ("caught", "catch"),
    ("brought", "bring"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("bled", "bleed"),
    ("fled", "flee"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("torn", "tear"),
    ("tore", "tear"),
    ("wrote", "write"),
    ("written", "write"),
    ("said", "say"),
    ("told", "tell"),
    ("thought", "think"),
    ("found", "find"),
    ("made", "make"),
    ("seen", "see"),
    ("saw", "see"),
    ("knew", "know"),
    ("known", "know"),
    ("led", "lead"),
    ("felt", "feel"),
    ("left", "left"),
    ("lost", "lose"),
    ("held", "hold"),
    ("sought", "seek"),
    ("crept", "creep"),
    ("swept", "sweep"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("broke", "break"),
    ("broken", "break"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("dying", "die"),
    ("lying", "lie"),
    ("tying", "tie"),
    ("died", "die"),
    ("lied", "lie"),
    ("lies", "lie"),
    ("ties", "tie"),
    ("dies", "die"),
    ("people", "people"),
    ("news", "news"),
    ("series", "series"),
    ("species", "species"),
    ("politics", "politics"),
    ("economics", "economics"),
    ("ethics", "ethics"),
    ("always", "always"),
    ("perhaps", "perhaps"),
    ("thus", "thus"),
    ("us", "us"),
    ("yes", "yes"),
    ("its", "its"),
    ("his", "his"),
    ("this", "this"),
    ("whereas", "whereas"),
    ("gas", "gas"),
    ("bias", "bias"),
    ("alias", "alias"),
    ("chaos", "chaos"),
    ("ethos", "ethos"),
    ("during", "during"),
    ("nothing", "nothing"),
    ("something", "something"),
    ("anything", "anything"),
    ("everything", "everything"),
    ("morning", "morning"),
    ("evening", "evening"),
    ("ceiling", "ceiling"),
    ("wedding", "wedding"),
    ("darling", "darling"),
    ("sibling", "sibling"),
    ("spring", "spring"),
    ("string", "string"),
    ("wicked", "wicked"),
    ("naked", "naked"),
    ("sacred", "sacred"),
    ("hatred", "hatred"),
    ("hundred", "hundred"),
    ("kindred", "kindred"),
    ("crooked", "crooked"),
    ("rugged", "rugged"),
    ("ragged", "ragged"),
    ("beloved", "beloved"),
    ("alleged", "alleged"),
    ("so-called", "so-called"),
    ("focused", "focus"),
    ("focusing", "focus"),
    ("biased", "biased"),
    ("united", "unite"),
    ("invited", "invite"),
    ("ignited", "ignite"),
    ("cited", "cite"),
    ("incited", "incite"),
    ("inciting", "incite"),
    ("excited", "excite"),
    ("completed", "complete"),
    ("deleted", "delete"),
    ("competed", "compete"),
    ("ignored", "ignore"),
    ("ignoring", "ignore"),
    ("restored", "restore"),
    ("explored", "explore"),
    ("scored", "score"),
    ("stored", "store"),
    ("adored", "adore"),
    ("deplored", "deplore"),
    ("implored", "implore"),
    ("bored", "bore"),
];

/// Stems that end in `ee` and are already base forms (`need`, not `nee` + `d`).
const EED_BASE: &[&str] = &[
    "bleed", "breed", "feed", "greed", "heed", "need", "proceed", "succeed", "exceed", "speed",
    "seed", "deed", "weed", "steed", "indeed", "creed", "reed", "tweed",
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn has_vowel(s: &[u8]) -> bool {
    s.iter().any(|&b| is_vowel(b) || b == b'y')
}

fn irregular(w: &str) -> Option<&'static str> {
    IRREGULAR.iter().find(|(f, _)| *f == w).map(|(_, l)| *l)
}

/// Rebuilds a verb base from the stem left after removing `-ed` or `-ing`.
fn verb_base(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return stem.to_string();
    }
    let last = b[n - 1];
    let prev = b[n - 2];
    // Doubled final consonant: slammed → slam, occurred → occur (not -ll, -ss, -zz, -ff).
    if last == prev && !is_vowel(last) && !matches!(last, b'l' | b's' | b'z' | b'f') && n > 3 {
        return stem[..n - 1].to_string();
    }
    let cvc = n >= 3 && !is_vowel(b[n - 3]) && is_vowel(prev) && !is_vowel(last);
    let add_e = match last {
        b'v' | b'z' => true,
        b'c' => true,
        b'u' => true,
        b'l' => !is_vowel(prev) && prev != b'l' && prev != b'r',
        b'g' => matches!(prev, b'r' | b'd' | b'l') || (prev == b'n' && n >= 3 && b[n - 3] == b'a'),
        b'r' => (cvc && matches!(prev, b'a' | b'i' | b'u')) || prev == b'c' || prev == b't',
        b's' => is_vowel(prev) && !(n >= 3 && is_vowel(b[n - 3])),
        b't' => cvc && matches!(prev, b'a' | b'u' | b'o'),
        b'd' => cvc && matches!(prev, b'a' | b'i' | b'o' | b'u'),
        b'k' | b'm' | b'b' => cvc,
        b'n' => cvc && prev == b'i',
        b'p' => cvc && n <= 5,
        _ => false,
    };
    // "at" after a vowel (treated, defeated) keeps no e; handled by the cvc test above.
    if add_e {
        let mut s = String::with_capacity(n + 1);
        s.push_str(stem);
        s.push('e');
        s
    } else {
        stem.to_string()
    }
}

/// The lemma of a lowercase word (see the module docs). Words that are not plain ASCII
/// letters (apart from inner hyphens and apostrophes) are returned unchanged.
pub fn lemma(w: &str) -> Cow<'_, str> {
    if let Some(l) = irregular(w) {
        return Cow::Borrowed(l);
    }
    let b = w.as_bytes();
    let n = b.len();
    if n < 4
        || !b
            .iter()
            .all(|&c| c.is_ascii_lowercase() || c == b'-' || c == b'\'')
    {
        return Cow::Borrowed(w);
    }
    // Hyphenated words: lemmatise the last part (freedom-fighters → freedom-fighter).
    if let Some(p) = w.rfind('-') {
        if p > 0 && p + 1 < n {
            let tail = lemma(&w[p + 1..]);
            if tail != w[p + 1..] {
                return Cow::Owned(format!("{}-{}", &w[..p], tail));
            }
            return Cow::Borrowed(w);
        }
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return Cow::Owned(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("ied") {
        return Cow::Owned(format!("{stem}y"));
    }
    if w.ends_with("sses")
        || w.ends_with("shes")
        || w.ends_with("ches")
        || w.ends_with("xes")
        || w.ends_with("zzes")
    {
        return Cow::Borrowed(&w[..n - 2]);
    }
    if w.ends_with("oes") && n > 5 {
        return Cow::Borrowed(&w[..n - 2]);
    }
    if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
    {
        return Cow::Borrowed(&w[..n - 1]);
    }
    if let Some(stem) = w.strip_suffix("ed") {
        if w.ends_with("eed") {
            return if EED_BASE.contains(&w) {
                Cow::Borrowed(w)
            } else {
                Cow::Borrowed(&w[..n - 1])
            };
        }
        if stem.len() >= 2 && has_vowel(stem.as_bytes()) {
            return Cow::Owned(verb_base(stem));
        }
        return Cow::Borrowed(w);
    }
    if let Some(stem) = w.strip_suffix("ing") {
        if stem.len() >= 2 && has_vowel(stem.as_bytes()) {
            if stem.ends_with("ee") || stem.ends_with('e') {
                return Cow::Borrowed(stem);
            }
            return Cow::Owned(verb_base(stem));
        }
        return Cow::Borrowed(w);
    }
    Cow::Borrowed(w)
}

/// The adjective an adverb in `-ly` derives from (`brutally` → `brutal`, `heroically` →
/// `heroic`, `happily` → `happy`, `horribly` → `horrible`, `viciously` → `vicious`), or `None`.
pub fn derived_base(w: &str) -> Option<String> {
    if w.len() < 6 || !w.ends_with("ly") {
        return None;
    }
    if let Some(s) = w.strip_suffix("ically") {
        return Some(format!("{s}ic"));
    }
    if let Some(s) = w.strip_suffix("ily") {
        return Some(format!("{s}y"));
    }
    if let Some(s) = w.strip_suffix("bly") {
        return Some(format!("{s}ble"));
    }
    w.strip_suffix("ly").map(str::to_string)
}

//! Reporting cues: the verbs and phrases that introduce what someone said or thinks.
//!
//! Two sources, merged: `resources/cues.tsv`, the cue words learned by presslens's training code
//! from the PolNeAR training annotations (word forms with counts), and a seed list of reporting
//! verb lemmas written here, inflected by rule, so that the cue inventory covers common verbs
//! even where the learned list is thin.

use std::collections::HashSet;
use std::sync::OnceLock;

const LEARNED: &str = include_str!("../../../../resources/cues.tsv");

/// Learned cue forms seen at least this often are used. PolNeAR's cues include attitudes and
/// acts ("supports", "voted"); in the rules here a cue must introduce what somebody said, so only
/// frequent forms are taken, and forms that are verbs of doing rather than saying are left out.
const MIN_COUNT: u32 = 20;

/// Frequent learned forms that are not reporting cues when used as a clause's verb.
const NOT_SPEECH: &[&str] = &[
    "about",
    "also",
    "has",
    "clear",
    "show",
    "shows",
    "showed",
    "shown",
    "showing",
    "found",
    "seemed",
    "seems",
    "seem",
    "appeared",
    "appears",
    "went",
    "seen",
    "recently",
    "known",
    "supported",
    "supporting",
    "sought",
    "seeking",
    "wants",
    "wanted",
    "plans",
    "voted",
    "passed",
    "signed",
    "cast",
    "decided",
    "looking",
    "focused",
    "pushed",
    "backed",
    "backing",
    "named",
    "repeatedly",
    "publicly",
    "widely",
    "previously",
    "increasingly",
    "quickly",
    "offered",
    "offer",
    "issued",
    "released",
    "opposition",
    "criticism",
    "endorsement",
    "statement",
    "questions",
    "view",
    "favor",
    "hope",
    "hopes",
    "hoping",
    "fear",
    "worried",
    "believe",
    "believes",
    "thinks",
    "expected",
    "considered",
    "opposed",
    "endorsed",
    "endorse",
    "attacked",
    "blasted",
    "dismissed",
    "rejected",
    "refused",
    "declined",
    "proposed",
    "talking",
    "talked",
    "spoke",
    "discuss",
    "referring",
    "mention",
    "mentioned",
    "calling",
    "called",
    "calls",
    "call",
];

/// Seed reporting-verb lemmas (speech and communication).
const SEED: &[&str] = &[
    "say",
    "tell",
    "add",
    "report",
    "claim",
    "state",
    "insist",
    "warn",
    "deny",
    "note",
    "explain",
    "announce",
    "declare",
    "write",
    "tweet",
    "argue",
    "assert",
    "stress",
    "emphasize",
    "emphasise",
    "acknowledge",
    "admit",
    "suggest",
    "reply",
    "respond",
    "comment",
    "confirm",
    "continue",
    "conclude",
    "predict",
    "urge",
    "quote",
    "cite",
    "allege",
    "recall",
    "remark",
    "observe",
    "maintain",
    "reiterate",
    "underline",
    "underscore",
    "assure",
    "vow",
    "pledge",
    "promise",
    "threaten",
    "boast",
    "complain",
    "contend",
    "concede",
    "caution",
    "estimate",
    "indicate",
    "reveal",
    "disclose",
    "inform",
    "tell",
    "ask",
    "answer",
    "counter",
    "retort",
    "charge",
    "accuse",
    "blame",
    "praise",
    "criticize",
    "criticise",
    "describe",
    "believe",
    "think",
    "fear",
    "hope",
    "expect",
    "testify",
    "proclaim",
    "demand",
    "advise",
    "post",
    "publish",
    "speculate",
    "agree",
];

/// Irregular forms of seed lemmas.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("say", &["said", "says", "saying"]),
    ("tell", &["told", "tells", "telling"]),
    ("write", &["wrote", "written", "writes", "writing"]),
    ("think", &["thought", "thinks", "thinking"]),
    ("deny", &["denied", "denies", "denying"]),
    ("reply", &["replied", "replies", "replying"]),
    ("testify", &["testified", "testifies", "testifying"]),
    ("speculate", &["speculated", "speculates", "speculating"]),
];

/// Verbs that name rather than report: a quotation after them is distancing, not speech.
pub const NAMING: &[&str] = &[
    "called",
    "calls",
    "call",
    "calling",
    "dubbed",
    "dubs",
    "termed",
    "terms",
    "labelled",
    "labeled",
    "labels",
    "branded",
    "brands",
    "so-called",
    "nicknamed",
    "known",
    "referred",
    "describes",
    "described",
    "deemed",
    "characterized",
    "characterised",
];

fn inflect(lemma: &str) -> Vec<String> {
    if let Some((_, forms)) = IRREGULAR.iter().find(|(l, _)| *l == lemma) {
        return forms.iter().map(|f| f.to_string()).collect();
    }
    let mut v = vec![lemma.to_string()];
    let (past, third, ing) = if let Some(stem) = lemma.strip_suffix('e') {
        (
            format!("{lemma}d"),
            format!("{lemma}s"),
            format!("{stem}ing"),
        )
    } else if lemma.ends_with('y') && !lemma.ends_with("ey") && !lemma.ends_with("ay") {
        let stem = &lemma[..lemma.len() - 1];
        (
            format!("{stem}ied"),
            format!("{stem}ies"),
            format!("{lemma}ing"),
        )
    } else if lemma.ends_with("sh") || lemma.ends_with("ss") || lemma.ends_with("ch") {
        (
            format!("{lemma}ed"),
            format!("{lemma}es"),
            format!("{lemma}ing"),
        )
    } else if matches!(lemma, "admit" | "regret") {
        (
            format!("{lemma}ted"),
            format!("{lemma}s"),
            format!("{lemma}ting"),
        )
    } else {
        (
            format!("{lemma}ed"),
            format!("{lemma}s"),
            format!("{lemma}ing"),
        )
    };
    v.extend([past, third, ing]);
    v
}

fn forms() -> &'static HashSet<String> {
    static F: OnceLock<HashSet<String>> = OnceLock::new();
    F.get_or_init(|| {
        let mut set = HashSet::new();
        for l in SEED {
            set.extend(inflect(l));
        }
        for line in LEARNED.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(form), Some(count)) = (cols.next(), cols.next()) else {
                continue;
            };
            let form = form.trim().to_lowercase();
            // Single words only: multi-word cues are handled as patterns.
            if form.contains(' ') || form.is_empty() {
                continue;
            }
            if count.trim().parse::<u32>().is_ok_and(|c| c >= MIN_COUNT)
                && form.chars().all(char::is_alphabetic)
                && !NOT_SPEECH.contains(&form.as_str())
            {
                set.insert(form);
            }
        }
        // Words that the learned list may hold but that are too ambiguous alone.
        for w in [
            "is",
            "was",
            "are",
            "were",
            "be",
            "been",
            "has",
            "have",
            "had",
            "the",
            "to",
            "a",
            "that",
            "according",
            "in",
            "as",
            "of",
            "on",
            "by",
            "for",
            "with",
        ] {
            set.remove(w);
        }
        set
    })
}

/// True when `word` (any case) is a reporting verb form.
pub fn is_cue(word: &str) -> bool {
    let w = word.to_lowercase();
    forms().contains(&w)
}

/// True for a participle cue that continues an attribution after a comma ("adding", "saying").
pub fn is_participle_cue(word: &str) -> bool {
    let w = word.to_lowercase();
    w.ends_with("ing") && forms().contains(&w)
}

/// True for naming verbs ("called", "dubbed", "so-called").
pub fn is_naming(word: &str) -> bool {
    NAMING.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        for w in [
            "said",
            "says",
            "told",
            "added",
            "reported",
            "claims",
            "insisted",
            "warned",
            "denied",
            "adding",
            "quoted",
            "saying",
            "argues",
            "emphasized",
        ] {
            assert!(is_cue(w), "{w}");
        }
        for w in ["the", "Aleppo", "was", "liberate"] {
            assert!(!is_cue(w), "{w}");
        }
        assert!(is_participle_cue("adding"));
        assert!(!is_participle_cue("added"));
        assert!(is_naming("called"));
    }
}

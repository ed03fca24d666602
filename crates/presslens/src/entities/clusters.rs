//! Entity clusters: one per real entity, from name mentions plus titles, nominals and pronouns.
//!
//! Rules, in order:
//! 1. **Names.** People cluster by name parts: a full name ("Bashar Assad") and its short forms
//!    ("Assad", "al-Assad", "President Assad") share a surname; a short form that fits several
//!    people ("Clinton" after Bill and Hillary Clinton) joins the one mentioned most so far.
//!    Organisations cluster by their normalised name, by acronym, and without a possessive
//!    country ("Russia's Defense Ministry" = "the Defense Ministry"). Countries cluster by ISO
//!    code, so "US", "U.S." and "the United States" are one. Nationality words cluster by country
//!    ("Syrian", "Syrians").
//! 2. **Titles and affiliation.** Title words right before a name ("President", "Defense
//!    Minister") become the cluster's titles; a country or nationality word before them
//!    ("Russia's", "Syrian") its affiliation. An appositive title phrase ("The Syrian President,
//!    Bashar Assad") is a `title` mention of the same cluster.
//! 3. **Nominals.** "the Russian leader", "his Syrian counterpart", "the agency" resolve to the
//!    most recent compatible cluster: a person with that affiliation and a title, or an
//!    organisation whose name or title holds the head noun.
//! 4. **Pronouns.** he/him/his/she/her resolve to the nearest person whose gender does not
//!    disagree (from honorifics, gendered titles and `resources/first_names.tsv`): earlier in the
//!    same sentence, else the first person of the nearest earlier sentence (within three).

use super::countries::{self, CountryRef};
use super::titles;
use crate::document::{Document, Span};

/// What kind of expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A proper name, possibly with its title ("President al-Assad").
    Name,
    /// A title phrase standing for the entity ("The Syrian President").
    Title,
    /// A common noun phrase standing for it ("the Russian leader", "the agency").
    Nominal,
    /// A pronoun.
    Pronoun,
}

impl MentionKind {
    /// The name used in `presslens/1`.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Title => "title",
            MentionKind::Nominal => "nominal",
            MentionKind::Pronoun => "pronoun",
        }
    }
}

/// One mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMention {
    /// Where it is.
    pub span: Span,
    /// Name, title, nominal or pronoun.
    pub kind: MentionKind,
    /// Index of its sentence.
    pub sentence: usize,
}

/// One entity of the article and every mention of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// `e1`, `e2`, … in order of first mention.
    pub id: String,
    /// PERSON, ORG, GPE, LOC, NORP, FAC, EVENT or MISC.
    pub etype: &'static str,
    /// The fullest name used.
    pub name: String,
    /// Mentions in text order.
    pub mentions: Vec<EntityMention>,
    /// Titles, as written ("President", "Defense Minister").
    pub titles: Vec<String>,
    /// ISO 3166-1 alpha-2 code of the country the entity belongs to.
    pub affiliation: Option<&'static str>,
    /// What kind of source it is, when known (head_of_state, state_media, …).
    pub source_type: Option<&'static str>,
}

/// A name found by the recogniser, in token indices of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMention {
    /// First token.
    pub tok_start: usize,
    /// One past the last token.
    pub tok_end: usize,
    /// Entity type (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, MISC).
    pub etype: &'static str,
}

struct Cluster {
    etype: &'static str,
    key: String,
    name: String,
    /// Lower-case name parts (people), or name words (organisations).
    parts: Vec<String>,
    mentions: Vec<EntityMention>,
    titles: Vec<String>,
    affiliation: Option<&'static str>,
}

fn tok(doc: &Document, i: usize) -> &str {
    doc.slice(doc.tokens[i].span)
}

/// Strips Arabic-style particles and possessives from a name part ("al-Assad" → "assad").
fn name_part(w: &str) -> String {
    let l = w.to_lowercase();
    for p in ["al-", "el-", "al ", "el "] {
        if let Some(r) = l.strip_prefix(p) {
            if !r.is_empty() {
                return r.to_string();
            }
        }
    }
    l
}

const PARTICLES: &[&str] = &[
    "al", "el", "de", "van", "von", "bin", "ibn", "da", "der", "la",
];

fn person_parts(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .filter(|w| !matches!(**w, "'s" | "’s" | "." | ","))
        .map(|w| name_part(w))
        .filter(|w| !PARTICLES.contains(&w.as_str()) && !w.is_empty())
        .collect()
}

const ORG_STOP: &[&str] = &["the", "of", "for", "and", "&", "on", "in", "'s", "’s"];

fn acronym(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| !ORG_STOP.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Builds the clusters of a document from its name mentions.
pub fn cluster(doc: &Document, names: &[NameMention]) -> Vec<Entity> {
    let mut clusters: Vec<Cluster> = Vec::new();
    for m in split_conjoined(doc, names) {
        if m.tok_start >= m.tok_end || m.tok_end > doc.tokens.len() {
            continue;
        }
        add_name(doc, &m, &mut clusters);
    }
    merge_capital_metonyms(doc, &mut clusters);
    add_nominals_and_pronouns(doc, &mut clusters);
    finish(clusters)
}

/// A capital standing for its government in a sentence that also names the country
/// ("Russia and the US attempted …, but … Washington's inability …") is the country: its
/// possessive or subject mentions move to the country's cluster. A capital used as a place
/// ("talks in Washington") stays a place.
fn merge_capital_metonyms(doc: &Document, clusters: &mut [Cluster]) {
    for k in 0..clusters.len() {
        if clusters[k].etype != "GPE" {
            continue;
        }
        let Some(country) = countries::capital_of(&clusters[k].name) else {
            continue;
        };
        let key = format!("country:{}", country.code);
        let Some(target) = clusters.iter().position(|c| c.key == key) else {
            continue;
        };
        let moving: Vec<EntityMention> = clusters[k]
            .mentions
            .iter()
            .filter(|m| {
                metonymic(doc, m.span)
                    && clusters[target]
                        .mentions
                        .iter()
                        .any(|t| t.sentence == m.sentence)
            })
            .copied()
            .collect();
        if moving.is_empty() {
            continue;
        }
        clusters[k].mentions.retain(|m| !moving.contains(m));
        clusters[target].mentions.extend(moving);
    }
}

/// A place name used as an actor: possessive ("Washington's") or right before a verb.
fn metonymic(doc: &Document, span: Span) -> bool {
    let text = doc.slice(span);
    if text.ends_with("'s") || text.ends_with("’s") {
        return true;
    }
    let next = doc.tokens.partition_point(|t| t.span.start < span.end);
    doc.tokens.get(next).is_some_and(|t| {
        matches!(doc.slice(t.span), "'s" | "’s")
            || (t.upos == Some("VERB") && t.xpos.is_some_and(|x| x != "VBG" && x != "VBN"))
    })
}

/// "Russia & Putin" tagged as one name is two: split places and people at "&" and "and".
fn split_conjoined(doc: &Document, names: &[NameMention]) -> Vec<NameMention> {
    let mut out = Vec::with_capacity(names.len());
    for m in names {
        let cut = (m.tok_start + 1..m.tok_end.saturating_sub(1))
            .find(|&i| matches!(tok(doc, i), "&" | "and"));
        // Organisations are split only when a side is a country or a known person or place
        // ("Russia & Putin"), not "Johnson & Johnson".
        let side_known = |a: usize, b: usize| {
            let w: Vec<&str> = (a..b).map(|i| tok(doc, i)).collect();
            let w = w.join(" ");
            matches!(countries::lookup(&w), Some(CountryRef::Name(_)))
                || super::actors::lookup(&w).is_some_and(|x| x.etype != "ORG")
        };
        let splittable = |k: usize| {
            matches!(m.etype, "GPE" | "LOC" | "PERSON")
                || m.etype == "ORG" && (side_known(m.tok_start, k) || side_known(k + 1, m.tok_end))
        };
        match cut {
            Some(k) if splittable(k) => {
                for (a, b) in [(m.tok_start, k), (k + 1, m.tok_end)] {
                    let words: Vec<&str> = (a..b).map(|i| tok(doc, i)).collect();
                    let etype = match super::actors::lookup(&words.join(" ")) {
                        Some(act) => act.etype,
                        None => match countries::lookup(&words.join(" ")) {
                            Some(_) => "GPE",
                            None => m.etype,
                        },
                    };
                    out.push(NameMention {
                        tok_start: a,
                        tok_end: b,
                        etype,
                    });
                }
            }
            _ => out.push(*m),
        }
    }
    out
}

fn add_name(doc: &Document, m: &NameMention, clusters: &mut Vec<Cluster>) {
    let sentence = doc.tokens[m.tok_start].sentence;
    let mut start = m.tok_start;
    let mut words: Vec<&str> = (m.tok_start..m.tok_end).map(|i| tok(doc, i)).collect();
    let mut affiliation = None;
    let mut new_titles = Vec::new();
    // A possessive country inside an organisation's span: "Russia 's Defense Ministry".
    if m.etype == "ORG" && words.len() > 2 && matches!(words[1], "'s" | "’s") {
        if let Some(c) = countries::lookup(words[0]) {
            affiliation = Some(c.country().code);
            words.drain(..2);
        }
    }
    // Title words right before the name, and a country before them.
    if let Some(t) = titles::title_before(doc, m.tok_start, sentence) {
        if m.etype == "PERSON" {
            start = t.title_start;
            new_titles.push(t.title.clone());
        } else if m.etype == "ORG" {
            new_titles.push(t.title.clone());
        }
        affiliation = affiliation.or(t.affiliation);
    }
    // A country or nationality right before an organisation: "Russia's Defense Ministry",
    // "the Russian Center for Reconciliation".
    if affiliation.is_none() && matches!(m.etype, "ORG" | "FAC") && m.tok_start > 0 {
        let prev = tok(doc, m.tok_start - 1);
        if matches!(prev, "'s" | "’s") && m.tok_start > 1 {
            affiliation = countries::lookup(tok(doc, m.tok_start - 2)).map(|c| c.country().code);
        } else if let Some(CountryRef::Demonym(c)) = countries::lookup(prev) {
            affiliation = Some(c.code);
        }
    }
    // Nationality words inside the name: "Syrian Army", "Russian Center for Reconciliation".
    if affiliation.is_none() && matches!(m.etype, "ORG" | "FAC") {
        affiliation = words
            .iter()
            .find_map(|w| countries::lookup(w).map(|c| c.country().code));
    }
    let span = Span::new(
        doc.tokens[start].span.start,
        doc.tokens[m.tok_end - 1].span.end,
    );
    let mention = EntityMention {
        span,
        kind: MentionKind::Name,
        sentence,
    };
    // Known actors fix the type ("the Kremlin" is the Russian government, not a place).
    let actor = super::actors::lookup(&words.join(" "));
    let m = &NameMention {
        etype: match actor {
            Some(a) if a.etype != m.etype && m.etype != "PERSON" => a.etype,
            _ => m.etype,
        },
        ..*m
    };
    let (key, name, parts, etype) = match m.etype {
        "PERSON" => {
            let parts = person_parts(&words);
            (
                parts.join(" "),
                words.join(" ").replace(" 's", "'s"),
                parts,
                "PERSON",
            )
        }
        "GPE" | "LOC" => match countries::lookup(&words.join(" ")) {
            Some(CountryRef::Name(c)) => {
                affiliation = Some(c.code);
                (
                    format!("country:{}", c.code),
                    c.name.to_string(),
                    vec![],
                    "GPE",
                )
            }
            Some(CountryRef::Demonym(c)) => (
                format!("norp:{}", c.code),
                c.adjective.to_string(),
                vec![],
                "NORP",
            ),
            None => {
                // A capital belongs to its country ("Washington" → US).
                affiliation = countries::capital_of(&words.join(" ")).map(|c| c.code);
                (
                    words.join(" ").to_lowercase(),
                    join_words(doc, m.tok_start, m.tok_end),
                    vec![],
                    m.etype,
                )
            }
        },
        "NORP" | "MISC" => match countries::lookup(&words.join(" ")) {
            Some(r) => {
                let c = r.country();
                affiliation = Some(c.code);
                match r {
                    CountryRef::Demonym(_) => (
                        format!("norp:{}", c.code),
                        c.adjective.to_string(),
                        vec![],
                        "NORP",
                    ),
                    CountryRef::Name(_) => (
                        format!("country:{}", c.code),
                        c.name.to_string(),
                        vec![],
                        "GPE",
                    ),
                }
            }
            None => (
                words.join(" ").to_lowercase(),
                join_words(doc, m.tok_start, m.tok_end),
                vec![],
                m.etype,
            ),
        },
        _ => {
            let clean: Vec<&str> = words
                .iter()
                .copied()
                .skip_while(|w| w.eq_ignore_ascii_case("the"))
                .collect();
            let key = clean.join(" ").to_lowercase();
            let name = clean.join(" ");
            let parts = vec![acronym(&clean)];
            (key, name, parts, m.etype)
        }
    };
    if key.is_empty() {
        return;
    }
    let found = find_cluster(clusters, etype, &key, &parts);
    let idx = match found {
        Some(i) => {
            let c = &mut clusters[i];
            if etype == "PERSON" && parts.len() > c.parts.len() {
                c.parts = parts;
                c.key = key;
                c.name = name;
            } else if etype != "PERSON" && name.len() > c.name.len() && !is_acronym(&name) {
                c.name = name;
            }
            i
        }
        None => {
            clusters.push(Cluster {
                etype,
                key,
                name,
                parts,
                mentions: Vec::new(),
                titles: Vec::new(),
                affiliation: None,
            });
            clusters.len() - 1
        }
    };
    let c = &mut clusters[idx];
    c.mentions.push(mention);
    for t in new_titles {
        if !c.titles.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
            c.titles.push(t);
        }
    }
    if c.affiliation.is_none() {
        c.affiliation = affiliation;
    }
    // An appositive title phrase before or after the name.
    if etype == "PERSON" {
        if let Some(ap) = titles::appositive(doc, m.tok_start, m.tok_end, sentence) {
            c.mentions.push(EntityMention {
                span: ap.span,
                kind: MentionKind::Title,
                sentence,
            });
            if !c.titles.iter().any(|x| x.eq_ignore_ascii_case(&ap.title)) {
                c.titles.push(ap.title);
            }
            if c.affiliation.is_none() {
                c.affiliation = ap.affiliation;
            }
        }
    }
}

fn join_words(doc: &Document, a: usize, b: usize) -> String {
    doc.slice(Span::new(
        doc.tokens[a].span.start,
        doc.tokens[b - 1].span.end,
    ))
    .to_string()
}

fn is_acronym(s: &str) -> bool {
    s.len() >= 2 && s.chars().all(|c| c.is_uppercase() || c == '.')
}

/// The cluster a new name joins: one with the same key; else, for a person, a cluster whose
/// name holds this one's parts or is held by them (a short form: "Assad" of "Bashar Assad"),
/// and when several do ("Clinton" after Bill and Hillary Clinton) the one mentioned most so
/// far, the earlier on a tie; for an organisation, the most recent one with this acronym.
fn find_cluster(clusters: &[Cluster], etype: &str, key: &str, parts: &[String]) -> Option<usize> {
    if let Some(i) = clusters
        .iter()
        .rposition(|c| c.etype == etype && c.key == key)
    {
        return Some(i);
    }
    match etype {
        "PERSON" => {
            if parts.is_empty() {
                return None;
            }
            let short_form = |c: &Cluster| {
                if c.etype != etype || c.parts.is_empty() {
                    return false;
                }
                let (short, long) = if parts.len() <= c.parts.len() {
                    (parts, &c.parts[..])
                } else {
                    (&c.parts[..], parts)
                };
                // Every part of the shorter name is in the longer, and the surnames agree
                // unless the shorter one is a lone first name.
                short.iter().all(|p| long.contains(p))
                    && (short.last() == long.last() || short.len() == 1)
            };
            clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| short_form(c))
                .max_by_key(|&(i, c)| (c.mentions.len(), std::cmp::Reverse(i)))
                .map(|(i, _)| i)
        }
        "ORG" | "FAC" => (0..clusters.len()).rev().find(|&i| {
            let c = &clusters[i];
            let (Some(acr), Some(this_acr)) = (c.parts.first(), parts.first()) else {
                return false;
            };
            // "Defense Ministry" within "Russia's Defense Ministry" was stripped already; a
            // name that ends the other ("the Ministry of Defense" vs "Defense Ministry") is
            // left apart.
            c.etype == etype
                && key.len() >= 2
                && (key.eq_ignore_ascii_case(acr) && acr.len() >= 2
                    || c.key.eq_ignore_ascii_case(this_acr) && this_acr.len() >= 2)
        }),
        _ => None,
    }
}

const PERSON_NOMINAL_HEADS: &[&str] = &[
    "leader",
    "president",
    "counterpart",
    "premier",
    "chancellor",
    "minister",
    "king",
    "queen",
    "prime minister",
    "head of state",
];

/// Titles of those a "leader" nominal can stand for.
const LEADER_TITLES: &[&str] = &[
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "leader",
    "emir",
    "sultan",
];

const ORG_NOMINAL_HEADS: &[&str] = &[
    "agency",
    "ministry",
    "company",
    "organization",
    "organisation",
    "group",
    "army",
    "department",
    "newspaper",
    "network",
    "committee",
    "council",
    "party",
    "government",
    "service",
    "press-service",
    "channel",
    "broadcaster",
    "outlet",
];

fn add_nominals_and_pronouns(doc: &Document, clusters: &mut [Cluster]) {
    let n = doc.tokens.len();
    // Names and titles do not change below: each person's gender is read once.
    let genders: Vec<Option<Gender>> = clusters.iter().map(|c| gender_of(doc, c)).collect();
    // Tokens inside a name or title mention. Mentions added below never cover a token the loop
    // has not passed yet, so this is computed once.
    let mut covered = vec![false; n];
    for m in clusters.iter().flat_map(|c| &c.mentions) {
        let a = doc.tokens.partition_point(|t| t.span.start < m.span.start);
        for (j, t) in doc.tokens.iter().enumerate().skip(a) {
            if t.span.end > m.span.end {
                break;
            }
            covered[j] = true;
        }
    }
    let mut i = 0;
    while i < n {
        let w = tok(doc, i);
        let lw = w.to_lowercase();
        let sentence = doc.tokens[i].sentence;
        if covered[i] {
            i += 1;
            continue;
        }
        if matches!(lw.as_str(), "the" | "his" | "her" | "its" | "their") {
            if let Some((end, aff, head)) = nominal_after(doc, i + 1, sentence) {
                let span = Span::new(doc.tokens[i].span.start, doc.tokens[end - 1].span.end);
                let target = if PERSON_NOMINAL_HEADS.contains(&head.as_str()) {
                    // "his Syrian counterpart": not the one "his" points to.
                    let exclude = if lw == "his" || lw == "her" {
                        nearest_person(doc, clusters, &genders, i, sentence)
                    } else {
                        None
                    };
                    recent_cluster(clusters, doc.tokens[i].span.start, |k, c| {
                        c.etype == "PERSON"
                            && Some(k) != exclude
                            && aff.is_none_or(|a| c.affiliation.is_none_or(|x| x == a))
                            && (!c.titles.is_empty() || head == "counterpart")
                            && (head == "counterpart"
                                || c.titles.iter().any(|t| {
                                    let t = t.to_lowercase();
                                    if matches!(head.as_str(), "leader" | "head of state") {
                                        LEADER_TITLES.iter().any(|l| t.ends_with(l))
                                    } else {
                                        t.contains(head.as_str())
                                    }
                                }))
                    })
                } else {
                    recent_cluster(clusters, doc.tokens[i].span.start, |_, c| {
                        matches!(c.etype, "ORG" | "FAC")
                            && aff.is_none_or(|a| c.affiliation == Some(a))
                            && (c.name.to_lowercase().contains(head.as_str())
                                || c.titles
                                    .iter()
                                    .any(|t| t.to_lowercase().contains(head.as_str())))
                    })
                };
                if let Some(k) = target {
                    if lw == "his" || lw == "her" {
                        // The possessive itself is a pronoun mention of the nearest person.
                        if let Some(p) = nearest_person(doc, clusters, &genders, i, sentence) {
                            clusters[p].mentions.push(EntityMention {
                                span: doc.tokens[i].span,
                                kind: MentionKind::Pronoun,
                                sentence,
                            });
                        }
                        let span = Span::new(doc.tokens[i + 1].span.start, span.end);
                        clusters[k].mentions.push(EntityMention {
                            span,
                            kind: MentionKind::Nominal,
                            sentence,
                        });
                    } else {
                        clusters[k].mentions.push(EntityMention {
                            span,
                            kind: MentionKind::Nominal,
                            sentence,
                        });
                    }
                    i = end;
                    continue;
                }
            }
        }
        if lw == "its" || (lw == "it" && it_is_referential(doc, i)) {
            if let Some(k) = nearest_actor(doc, clusters, i, sentence) {
                clusters[k].mentions.push(EntityMention {
                    span: doc.tokens[i].span,
                    kind: MentionKind::Pronoun,
                    sentence,
                });
            }
        }
        if matches!(
            lw.as_str(),
            "he" | "him" | "his" | "she" | "her" | "himself" | "herself"
        ) {
            if let Some(p) = nearest_person(doc, clusters, &genders, i, sentence) {
                clusters[p].mentions.push(EntityMention {
                    span: doc.tokens[i].span,
                    kind: MentionKind::Pronoun,
                    sentence,
                });
            }
        }
        i += 1;
    }
}

/// After a determiner at `i`: optional nationality word(s) and adjectives, then a head noun from
/// the nominal lists. Returns (end token, affiliation, head).
fn nominal_after(
    doc: &Document,
    i: usize,
    sentence: usize,
) -> Option<(usize, Option<&'static str>, String)> {
    let mut j = i;
    let mut aff = None;
    while j < doc.tokens.len() && doc.tokens[j].sentence == sentence && j < i + 4 {
        let w = tok(doc, j);
        if let Some(CountryRef::Demonym(c)) = countries::lookup(w) {
            aff = Some(c.code);
            j += 1;
            continue;
        }
        let lw = w.to_lowercase();
        // Two-word heads first.
        if j + 1 < doc.tokens.len() && doc.tokens[j + 1].sentence == sentence {
            let two = format!("{lw} {}", tok(doc, j + 1).to_lowercase());
            if PERSON_NOMINAL_HEADS.contains(&two.as_str()) {
                return Some((j + 2, aff, two));
            }
        }
        if PERSON_NOMINAL_HEADS.contains(&lw.as_str()) || ORG_NOMINAL_HEADS.contains(&lw.as_str()) {
            // Not when a name follows ("the agency SANA" is handled as a title).
            let next_is_name = doc.tokens.get(j + 1).is_some_and(|t| {
                t.sentence == sentence
                    && doc
                        .slice(t.span)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            });
            if next_is_name {
                return None;
            }
            return Some((j + 1, aff, lw));
        }
        if lw.chars().all(|c| c.is_lowercase() || c == '-') && !lw.is_empty() && lw != "of" {
            j += 1;
            continue;
        }
        return None;
    }
    None
}

fn recent_cluster(
    clusters: &[Cluster],
    before: usize,
    ok: impl Fn(usize, &Cluster) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (k, c) in clusters.iter().enumerate() {
        if !ok(k, c) {
            continue;
        }
        if let Some(last) = c
            .mentions
            .iter()
            .filter(|m| m.span.end <= before)
            .map(|m| m.span.end)
            .max()
        {
            if best.is_none_or(|(_, b)| last > b) {
                best = Some((k, last));
            }
        }
    }
    best.map(|(k, _)| k)
}

/// "it" as the subject of a full verb ("whom it called", "it said"), not the empty "it" of
/// "it is clear", "it seems", "it rained".
fn it_is_referential(doc: &Document, i: usize) -> bool {
    const EMPTY: &[&str] = &[
        "seems", "seemed", "appears", "appeared", "remains", "remained", "takes", "took", "looks",
        "looked", "happened", "happens", "emerged", "turned", "follows", "followed", "matters",
        "mattered", "means", "meant", "rained", "helps", "helped", "costs", "cost",
    ];
    doc.tokens.get(i + 1).is_some_and(|t| {
        t.sentence == doc.tokens[i].sentence
            && t.upos == Some("VERB")
            && !EMPTY.contains(&doc.slice(t.span).to_lowercase().as_str())
    })
}

/// The organisation or country an "it"/"its" at token `i` most likely refers to: the nearest
/// one named earlier in the same sentence, else in the previous sentence.
fn nearest_actor(doc: &Document, clusters: &[Cluster], i: usize, sentence: usize) -> Option<usize> {
    let pos = doc.tokens[i].span.start;
    for s in [Some(sentence), sentence.checked_sub(1)]
        .into_iter()
        .flatten()
    {
        let found = recent_cluster(clusters, pos, |_, c| {
            matches!(c.etype, "ORG" | "GPE")
                && c.mentions
                    .iter()
                    .any(|m| m.sentence == s && m.span.end <= pos && m.kind != MentionKind::Pronoun)
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The person a pronoun at token `i` most likely refers to, skipping people whose gender
/// (`genders`, one per cluster) is known and does not agree with the pronoun's.
fn nearest_person(
    doc: &Document,
    clusters: &[Cluster],
    genders: &[Option<Gender>],
    i: usize,
    sentence: usize,
) -> Option<usize> {
    let pos = doc.tokens[i].span.start;
    let want = pronoun_gender(tok(doc, i));
    let agrees = |k: usize| {
        want.is_none()
            || genders
                .get(k)
                .copied()
                .flatten()
                .is_none_or(|g| Some(g) == want)
    };
    // Same sentence, before the pronoun: the nearest.
    let same = recent_cluster(clusters, pos, |k, c| {
        c.etype == "PERSON"
            && agrees(k)
            && c.mentions.iter().any(|m| {
                m.sentence == sentence && m.span.end <= pos && m.kind != MentionKind::Pronoun
            })
    });
    if same.is_some() {
        return same;
    }
    // Earlier sentences: the first person mention of the nearest one that has one.
    for s in (sentence.saturating_sub(3)..sentence).rev() {
        let mut first: Option<(usize, usize)> = None;
        for (k, c) in clusters.iter().enumerate() {
            if c.etype != "PERSON" || !agrees(k) {
                continue;
            }
            for m in c.mentions.iter().filter(|m| m.sentence == s) {
                if first.is_none_or(|(_, st)| m.span.start < st) {
                    first = Some((k, m.span.start));
                }
            }
        }
        if let Some((k, _)) = first {
            return Some(k);
        }
    }
    None
}

/// Grammatical gender, as far as pronoun agreement needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The gender a third-person pronoun asks for.
fn pronoun_gender(w: &str) -> Option<Gender> {
    match w.to_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

const FIRST_NAMES: &str = include_str!("../../../../resources/first_names.tsv");

/// The gender a given name usually signals (`resources/first_names.tsv`).
fn first_name_gender(name: &str) -> Option<Gender> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, Gender>> =
        std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        FIRST_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (n, g) = l.split_once('\t')?;
                let g = match g.trim() {
                    "m" => Gender::Male,
                    "f" => Gender::Female,
                    _ => return None,
                };
                Some((n.trim(), g))
            })
            .collect()
    });
    map.get(name.to_lowercase().as_str()).copied()
}

/// The gender of a person as the article shows it: an honorific before a name ("Mr.", "Ms.",
/// "Queen"), a gendered title ("Congresswoman", "spokesman"), or a given name that is rarely
/// used for the other gender. `None` when there is no evidence or it conflicts.
fn gender_of(doc: &Document, c: &Cluster) -> Option<Gender> {
    if c.etype != "PERSON" {
        return None;
    }
    let mut votes: Vec<Gender> = Vec::new();
    let honorific = |w: &str| match w.trim_end_matches('.').to_lowercase().as_str() {
        "mr" | "sir" | "lord" | "king" | "prince" | "pope" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "lady" | "queen" | "princess" | "dame" | "madam" => {
            Some(Gender::Female)
        }
        _ => None,
    };
    for m in c.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
        let first = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
        // The honorific is the mention's first word or the word before it.
        for k in [Some(first), first.checked_sub(1)].into_iter().flatten() {
            if let Some(t) = doc.tokens.get(k) {
                if let Some(g) = honorific(doc.slice(t.span)) {
                    votes.push(g);
                    break;
                }
            }
        }
    }
    for t in &c.titles {
        let l = t.to_lowercase();
        let last = l.split_whitespace().last().unwrap_or("");
        if last.ends_with("woman") || matches!(last, "queen" | "princess" | "first lady") {
            votes.push(Gender::Female);
        } else if last.ends_with("man") && last != "ombudsman" || matches!(last, "king" | "prince")
        {
            votes.push(Gender::Male);
        }
    }
    // A given name: the first word of the first name mention of at least two words (the
    // person as introduced; a relative's longer name that shares the surname may come later).
    let introduced = c
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .map(|m| doc.slice(m.span).split_whitespace().collect::<Vec<_>>())
        .find(|w| w.len() >= 2);
    if let Some(words) = introduced {
        if let Some(g) = first_name_gender(words[0].trim_end_matches('.')) {
            votes.push(g);
        }
    }
    let first = *votes.first()?;
    votes.iter().all(|&g| g == first).then_some(first)
}

fn finish(clusters: Vec<Cluster>) -> Vec<Entity> {
    let mut out: Vec<Entity> = clusters
        .into_iter()
        .map(|mut c| {
            c.mentions.sort_by_key(|m| (m.span.start, m.span.end));
            c.mentions.dedup_by_key(|m| m.span);
            let actor = super::actors::lookup(&c.name).filter(|a| a.etype == c.etype);
            let source_type = super::typing::source_type(
                c.etype,
                &c.name,
                &c.titles,
                actor.map(|a| a.source_type),
            );
            Entity {
                id: String::new(),
                etype: c.etype,
                name: c.name,
                mentions: c.mentions,
                titles: c.titles,
                affiliation: c.affiliation.or(actor.and_then(|a| a.country)),
                source_type,
            }
        })
        .filter(|e| !e.mentions.is_empty())
        .collect();
    out.sort_by_key(|e| e.mentions[0].span.start);
    for (i, e) in out.iter_mut().enumerate() {
        e.id = format!("e{}", i + 1);
    }
    out
}

//! Source types: what kind of voice an entity or an unnamed source is.
//!
//! In order of trust: the curated actor table (`resources/actors.tsv`), then the titles the
//! article gives a person ("Defense Minister" → government, "spokesman" → government,
//! "professor" → expert), then the words of an organisation's name ("Ministry" → government,
//! "Army" → military, "University" → expert), then, for sources that name no one, the head noun
//! ("officials" → government, "a source" → anonymous, "residents" → citizen).
//!
//! The types are those of `resources/actors.tsv`: head_of_state, government, military,
//! state_media, public_media, wire_agency, media, international_org, ngo, armed_group,
//! opposition, party, company, expert, plus citizen and anonymous.

/// Title words and the source type they make, longest first where they overlap.
const TITLE_TYPES: &[(&str, &str)] = &[
    ("head of state", "head_of_state"),
    ("supreme leader", "head_of_state"),
    ("prime minister", "head_of_state"),
    ("vice president", "government"),
    ("deputy prime minister", "government"),
    ("president", "head_of_state"),
    ("premier", "head_of_state"),
    ("chancellor", "head_of_state"),
    ("king", "head_of_state"),
    ("queen", "head_of_state"),
    ("emir", "head_of_state"),
    ("sultan", "head_of_state"),
    ("defense minister", "military"),
    ("defence minister", "military"),
    ("chief of staff", "military"),
    ("general", "military"),
    ("commander", "military"),
    ("colonel", "military"),
    ("lieutenant", "military"),
    ("admiral", "military"),
    ("major general", "military"),
    ("brigadier", "military"),
    ("minister", "government"),
    ("secretary", "government"),
    ("spokesman", "government"),
    ("spokeswoman", "government"),
    ("spokesperson", "government"),
    ("ambassador", "government"),
    ("envoy", "government"),
    ("governor", "government"),
    ("mayor", "government"),
    ("senator", "government"),
    ("lawmaker", "government"),
    ("congressman", "government"),
    ("congresswoman", "government"),
    ("official", "government"),
    ("diplomat", "government"),
    ("press secretary", "government"),
    ("professor", "expert"),
    ("analyst", "expert"),
    ("researcher", "expert"),
    ("expert", "expert"),
    ("economist", "expert"),
    ("scientist", "expert"),
    ("lecturer", "expert"),
    ("journalist", "media"),
    ("reporter", "media"),
    ("correspondent", "media"),
    ("editor", "media"),
    ("state-owned news agency", "state_media"),
    ("state news agency", "state_media"),
    ("state media", "state_media"),
    ("state television", "state_media"),
    ("state tv", "state_media"),
    ("news agency", "media"),
    ("rebel commander", "armed_group"),
    ("rebel", "armed_group"),
    ("militant", "armed_group"),
    ("opposition leader", "opposition"),
    ("activist", "ngo"),
    ("chief executive", "company"),
    ("ceo", "company"),
];

/// Words in an organisation's name and the type they make.
const ORG_WORDS: &[(&str, &str)] = &[
    ("ministry", "government"),
    ("government", "government"),
    ("cabinet", "government"),
    ("parliament", "government"),
    ("senate", "government"),
    ("congress", "government"),
    ("department", "government"),
    ("police", "government"),
    ("embassy", "government"),
    ("army", "military"),
    ("forces", "military"),
    ("air force", "military"),
    ("navy", "military"),
    ("military", "military"),
    ("armed forces", "military"),
    ("command", "military"),
    ("guard", "military"),
    ("party", "party"),
    ("university", "expert"),
    ("institute", "expert"),
    ("think tank", "expert"),
    ("news", "media"),
    ("times", "media"),
    ("post", "media"),
    ("tv", "media"),
    ("television", "media"),
    ("radio", "media"),
    ("press", "media"),
    ("united nations", "international_org"),
    ("un", "international_org"),
    ("nato", "international_org"),
    ("red crescent", "international_org"),
    ("amnesty", "ngo"),
    ("watch", "ngo"),
    ("observatory", "ngo"),
    ("foundation", "ngo"),
    ("charity", "ngo"),
    ("rebels", "armed_group"),
    ("brigade", "armed_group"),
    ("brigades", "armed_group"),
    ("front", "armed_group"),
    ("militia", "armed_group"),
    ("opposition", "opposition"),
    ("bank", "company"),
    ("inc", "company"),
    ("corp", "company"),
    ("ltd", "company"),
    ("company", "company"),
    ("group", "company"),
];

/// Head nouns of sources that name no one.
const UNNAMED: &[(&str, &str)] = &[
    ("source", "anonymous"),
    ("sources", "anonymous"),
    ("insider", "anonymous"),
    ("insiders", "anonymous"),
    ("person familiar", "anonymous"),
    ("people familiar", "anonymous"),
    ("official", "government"),
    ("officials", "government"),
    ("spokesman", "government"),
    ("spokeswoman", "government"),
    ("spokesperson", "government"),
    ("diplomat", "government"),
    ("diplomats", "government"),
    ("authorities", "government"),
    ("government", "government"),
    ("ministry", "government"),
    ("police", "government"),
    ("military", "military"),
    ("army", "military"),
    ("commander", "military"),
    ("officer", "military"),
    ("officers", "military"),
    ("troops", "military"),
    ("soldier", "military"),
    ("soldiers", "military"),
    ("resident", "citizen"),
    ("residents", "citizen"),
    ("witness", "citizen"),
    ("witnesses", "citizen"),
    ("local", "citizen"),
    ("locals", "citizen"),
    ("villagers", "citizen"),
    ("survivor", "citizen"),
    ("survivors", "citizen"),
    ("voter", "citizen"),
    ("voters", "citizen"),
    ("protesters", "citizen"),
    ("analyst", "expert"),
    ("analysts", "expert"),
    ("expert", "expert"),
    ("experts", "expert"),
    ("researchers", "expert"),
    ("rebels", "armed_group"),
    ("militants", "armed_group"),
    ("activists", "ngo"),
    ("activist", "ngo"),
    ("agency", "media"),
    ("newspaper", "media"),
    ("broadcaster", "media"),
];

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when the word sequence `needle` occurs in `hay`.
fn contains_seq(hay: &[String], needle: &str) -> bool {
    let n: Vec<&str> = needle.split(' ').collect();
    hay.windows(n.len())
        .any(|w| w.iter().zip(&n).all(|(a, b)| a == b))
}

/// The source type a person's or organisation's titles give ("Defense Minister" → military).
/// The longest matching title phrase wins. A former office ("Former President", "ex-minister")
/// says what the person was, not whom they speak for now, and gives no type.
pub fn from_titles(titles: &[String]) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for t in titles {
        let w = words_of(t);
        let former = w.iter().any(|x| x == "former" || x == "late");
        if former {
            continue;
        }
        for (phrase, ty) in TITLE_TYPES {
            if contains_seq(&w, phrase) {
                let len = phrase.len();
                if best.is_none_or(|(l, _)| len > l) {
                    best = Some((len, ty));
                }
            }
        }
    }
    best.map(|(_, t)| t)
}

/// The source type the words of an organisation's name give ("Syrian Army" → military).
pub fn from_org_name(name: &str) -> Option<&'static str> {
    let w = words_of(name);
    let mut best: Option<(usize, &'static str)> = None;
    for (phrase, ty) in ORG_WORDS {
        if contains_seq(&w, phrase) {
            let len = phrase.len();
            if best.is_none_or(|(l, _)| len > l) {
                best = Some((len, ty));
            }
        }
    }
    best.map(|(_, t)| t)
}

/// The source type of a source that resolved to no entity, from its words ("a senior official"
/// → government, "sources close to the talks" → anonymous, "residents" → citizen).
pub fn from_unnamed(source_text: &str) -> Option<&'static str> {
    let w = words_of(source_text);
    // The head noun is usually the last listed word before "of"/"close"/"familiar".
    let cut = w
        .iter()
        .position(|x| matches!(x.as_str(), "of" | "close" | "in" | "at" | "from" | "with"))
        .unwrap_or(w.len());
    let head = &w[..cut];
    if contains_seq(&w, "familiar") {
        return Some("anonymous");
    }
    for word in head.iter().rev() {
        if let Some((_, ty)) = UNNAMED.iter().find(|(k, _)| k == word) {
            return Some(ty);
        }
    }
    None
}

/// The source type of an entity: actor table first (passed in as `actor`), then titles, then
/// organisation-name words.
pub fn source_type(
    etype: &str,
    name: &str,
    titles: &[String],
    actor: Option<&'static str>,
) -> Option<&'static str> {
    if actor.is_some() {
        return actor;
    }
    match etype {
        "PERSON" => from_titles(titles),
        "ORG" => from_titles(titles).or_else(|| from_org_name(name)),
        "GPE" => Some("government"),
        _ => None,
    }
}

/// The broad side a source type stands on, for the sourcing balance: `official` (heads of
/// state, governments, militaries and state media), `independent` (other media, wire agencies,
/// experts, citizens), `opposition` (opposition, parties, armed groups), `international`
/// (international organisations and NGOs), `anonymous`, or `other`.
pub fn side(source_type: Option<&str>) -> &'static str {
    match source_type {
        Some("head_of_state" | "government" | "military" | "state_media") => "official",
        Some("media" | "public_media" | "wire_agency" | "expert" | "citizen" | "company") => {
            "independent"
        }
        Some("opposition" | "party" | "armed_group") => "opposition",
        Some("international_org" | "ngo") => "international",
        Some("anonymous") => "anonymous",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_former_office_gives_no_type() {
        assert_eq!(from_titles(&t(&["Former President"])), None);
        assert_eq!(from_titles(&t(&["the late President"])), None);
        assert_eq!(
            from_titles(&t(&["Former President", "Senator"])),
            Some("government")
        );
    }

    #[test]
    fn titles_type_people() {
        assert_eq!(from_titles(&t(&["Defense Minister"])), Some("military"));
        assert_eq!(from_titles(&t(&["Foreign Minister"])), Some("government"));
        assert_eq!(from_titles(&t(&["President"])), Some("head_of_state"));
        assert_eq!(from_titles(&t(&["Vice President"])), Some("government"));
        assert_eq!(from_titles(&t(&["professor"])), Some("expert"));
        assert_eq!(
            from_titles(&t(&["state-owned news agency"])),
            Some("state_media")
        );
        assert_eq!(from_titles(&t(&["news agency"])), Some("media"));
        assert_eq!(from_titles(&t(&["striker"])), None);
    }

    #[test]
    fn org_names_and_unnamed_sources() {
        assert_eq!(from_org_name("Syrian Army"), Some("military"));
        assert_eq!(from_org_name("Ministry of Health"), Some("government"));
        assert_eq!(from_org_name("Labour Party"), Some("party"));
        assert_eq!(from_org_name("Acme"), None);
        assert_eq!(from_unnamed("a senior official"), Some("government"));
        assert_eq!(
            from_unnamed("sources close to the talks"),
            Some("anonymous")
        );
        assert_eq!(
            from_unnamed("people familiar with the matter"),
            Some("anonymous")
        );
        assert_eq!(from_unnamed("residents of the town"), Some("citizen"));
        assert_eq!(from_unnamed("the weather"), None);
    }

    #[test]
    fn actor_table_wins_and_sides() {
        assert_eq!(
            source_type("ORG", "SANA", &t(&["news agency"]), Some("state_media")),
            Some("state_media")
        );
        assert_eq!(side(Some("state_media")), "official");
        assert_eq!(side(Some("ngo")), "international");
        assert_eq!(side(Some("wire_agency")), "independent");
        assert_eq!(side(None), "other");
    }
}

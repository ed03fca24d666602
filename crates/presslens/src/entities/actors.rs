//! Known actors and outlets (`resources/actors.tsv`): entity type, source type and country of
//! names that news text often uses, such as "the Kremlin" (the Russian government, not a place)
//! or "SANA" (Syrian state media).

use std::collections::HashMap;
use std::sync::OnceLock;

const ACTORS: &str = include_str!("../../../../resources/actors.tsv");

/// One known actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// Canonical name.
    pub name: &'static str,
    /// Entity type (PERSON, ORG, …).
    pub etype: &'static str,
    /// Source type (head_of_state, state_media, …).
    pub source_type: &'static str,
    /// ISO country code, when the actor belongs to one country.
    pub country: Option<&'static str>,
}

fn table() -> &'static HashMap<String, Actor> {
    static T: OnceLock<HashMap<String, Actor>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in ACTORS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&'static str> = line.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            let names: Vec<&'static str> = cols[0].split(',').map(str::trim).collect();
            let actor = Actor {
                name: names[0],
                etype: cols[1].trim(),
                source_type: cols[2].trim(),
                country: Some(cols[3].trim()).filter(|c| *c != "-"),
            };
            for n in names {
                m.insert(n.to_lowercase(), actor);
            }
        }
        m
    })
}

/// Looks up a name (case-insensitive, without a leading "the").
pub fn lookup(name: &str) -> Option<Actor> {
    let n = name.trim();
    let n = n
        .strip_prefix("the ")
        .or_else(|| n.strip_prefix("The "))
        .unwrap_or(n);
    table().get(&n.to_lowercase()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let k = lookup("the Kremlin").unwrap();
        assert_eq!(
            (k.etype, k.source_type, k.country),
            ("ORG", "government", Some("RU"))
        );
        assert_eq!(lookup("SANA").unwrap().source_type, "state_media");
        assert_eq!(lookup("Reuters").unwrap().country, None);
        assert!(lookup("Aleppo").is_none());
    }
}

use chrono::NaiveDate;

use super::*;

fn dct() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2016, 12, 24)
}

/// The expressions found in `text`, as (span text, type, value, mod).
fn run(text: &str) -> Vec<(String, &'static str, String, Option<String>)> {
    find(text, dct())
        .into_iter()
        .map(|t| {
            (
                text[t.start..t.end].to_string(),
                t.kind.as_str(),
                t.value,
                t.mod_,
            )
        })
        .collect()
}

/// The single expression whose span is `span`.
fn one(text: &str, span: &str) -> (&'static str, String, Option<String>) {
    let all = run(text);
    let hit = all.iter().find(|t| t.0 == span);
    match hit {
        Some(t) => (t.1, t.2.clone(), t.3.clone()),
        None => panic!("no timex {span:?} in {text:?}: {all:?}"),
    }
}

fn val(text: &str, span: &str) -> String {
    one(text, span).1
}

#[test]
fn weekday_past_and_future() {
    assert_eq!(
        val("Earlier on Friday, the minister resigned.", "Friday"),
        "2016-12-23"
    );
    assert_eq!(
        val("The talks will resume on Tuesday.", "Tuesday"),
        "2016-12-27"
    );
    assert_eq!(
        val("Police said they arrested him on Tuesday.", "Tuesday"),
        "2016-12-20"
    );
}

#[test]
fn bare_months() {
    assert_eq!(val("In June, the company cut jobs.", "June"), "2016-06");
    assert_eq!(
        val("In September, prices rose sharply.", "September"),
        "2016-09"
    );
    assert_eq!(
        val("In October the board approved the deal.", "October"),
        "2016-10"
    );
}

#[test]
fn mid_month() {
    assert_eq!(
        one("Sales slowed in mid-December.", "mid-December"),
        ("DATE", "2016-12".into(), Some("MID".into()))
    );
}

#[test]
fn since_year_excludes_since() {
    assert_eq!(
        one("He has lived there since 2012.", "2012"),
        ("DATE", "2012".into(), None)
    );
}

#[test]
fn deictic_days() {
    assert_eq!(
        one("The vote came a day after the protest.", "a day"),
        ("DURATION", "P1D".into(), None)
    );
    assert_eq!(val("The ship sank yesterday.", "yesterday"), "2016-12-23");
    assert_eq!(val("Markets are closed today.", "today"), "2016-12-24");
    assert_eq!(
        val("The report comes out tomorrow.", "tomorrow"),
        "2016-12-25"
    );
}

#[test]
fn relative_units() {
    assert_eq!(val("Shares fell last week.", "last week"), "2016-W50");
    assert_eq!(
        val("The law takes effect next month.", "next month"),
        "2017-01"
    );
    assert_eq!(
        val("She moved here two years ago.", "two years ago"),
        "2014"
    );
    assert_eq!(val("Profits doubled this year.", "this year"), "2016");
}

#[test]
fn reference_words() {
    assert_eq!(val("Prices are now falling.", "now"), "PRESENT_REF");
    assert_eq!(
        val("He currently works in Paris.", "currently"),
        "PRESENT_REF"
    );
    assert_eq!(val("She recently left the firm.", "recently"), "PAST_REF");
}

#[test]
fn decades_and_dates() {
    assert_eq!(val("Crime peaked in the 1990s.", "the 1990s"), "199");
    assert_eq!(
        val("The deal closed on Dec. 3 in Berlin.", "Dec. 3"),
        "2016-12-03"
    );
    assert_eq!(
        val(
            "It opened on December 25, 2015 to crowds.",
            "December 25, 2015"
        ),
        "2015-12-25"
    );
}

#[test]
fn durations_and_sets() {
    assert_eq!(
        one("The strike lasted three days.", "three days"),
        ("DURATION", "P3D".into(), None)
    );
    assert_eq!(
        one("The committee meets every week.", "every week"),
        ("SET", "P1W".into(), None)
    );
    assert_eq!(
        one("The repairs took about two weeks.", "about two weeks"),
        ("DURATION", "P2W".into(), Some("APPROX".into()))
    );
    assert_eq!(
        one(
            "Prices rose over the past three years.",
            "the past three years"
        ),
        ("DURATION", "P3Y".into(), None)
    );
}

#[test]
fn times() {
    assert_eq!(
        one("The polls close at 5 p.m. local time.", "5 p.m."),
        ("TIME", "2016-12-24T17:00".into(), None)
    );
    assert_eq!(
        one("The fire started Friday morning.", "Friday morning"),
        ("TIME", "2016-12-23TMO".into(), None)
    );
}

#[test]
fn position_modifiers() {
    assert_eq!(
        one("The plant opened in late 2015.", "late 2015"),
        ("DATE", "2015".into(), Some("END".into()))
    );
}

#[test]
fn numbers_that_are_not_years() {
    for t in [
        "Some 78,000 people marched.",
        "About 34,000 people fled.",
        "Officials counted 2,012 cases.",
        "The army sent 2012 troops.",
        "There were 1998 people there.",
    ] {
        assert!(run(t).is_empty(), "{t}: {:?}", run(t));
    }
    assert_eq!(val("In 1998 the firm was sold.", "1998"), "1998");
}

#[test]
fn without_dct_uses_placeholders() {
    let t = "They met on December 25 and again yesterday.";
    let r: Vec<String> = find(t, None).into_iter().map(|x| x.value).collect();
    assert_eq!(r, vec!["XXXX-12-25", "XXXX-XX-XX"]);
}

#[test]
fn offsets_are_char_boundaries_and_never_panic() {
    let pieces = [
        "é",
        "日本",
        "🙂",
        " ",
        "\n\n",
        "May",
        "5",
        "p",
        ".",
        "m",
        "'",
        "80s",
        "-",
        "mid",
        "Dec",
        "3",
        ",",
        "1999",
        "the",
        "past",
        "two",
        "years",
        "ago",
        "every",
        "Friday",
        "\u{2019}",
        "s",
        "1/2",
        "a",
        "Q3",
        "fiscal",
        "2,012",
        "Christmas",
        "New",
        "Year",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut s = String::new();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = (x % 14) as usize;
        for k in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(pieces[(x as usize + k) % pieces.len()]);
            if x.is_multiple_of(3) {
                s.push(' ');
            }
        }
        for d in [
            dct(),
            None,
            NaiveDate::from_ymd_opt(1, 1, 1),
            NaiveDate::from_ymd_opt(9999, 12, 31),
        ] {
            for t in find(&s, d) {
                assert!(t.start < t.end && t.end <= s.len());
                assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            }
        }
    }
}

#[test]
fn timeml_reader_keeps_offsets() {
    let src = "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2016-12-24\" functionInDocument=\"CREATION_TIME\">x</TIMEX3></DCT>\n<TEXT>A &amp; B met <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2016-12-23\">yesterday</TIMEX3>.</TEXT></TimeML>";
    let doc = parse_timeml("t.tml", src).expect("parses");
    assert_eq!(doc.dct, dct());
    assert_eq!(doc.text, "A & B met yesterday.");
    assert_eq!(doc.timexes.len(), 1);
    let t = &doc.timexes[0];
    assert_eq!(&doc.text[t.start..t.end], "yesterday");
    let rep = score_docs(&[doc]);
    assert_eq!(rep.score.strict_f1, 1.0);
    assert_eq!(rep.score.value_f1, 1.0);
}

#[test]
fn more_news_patterns() {
    assert_eq!(
        val("Sales fell in the third quarter.", "the third quarter"),
        "2016-Q3"
    );
    assert_eq!(
        val("It posted a third-quarter loss.", "third-quarter"),
        "2016-Q3"
    );
    assert_eq!(
        val("Results for fiscal 2015 were weak.", "fiscal 2015"),
        "2015"
    );
    assert_eq!(
        one("Prices peaked at the end of 2014.", "the end of 2014"),
        ("DATE", "2014".into(), Some("END".into()))
    );
    assert_eq!(val("Music of the '80s is back.", "the '80s"), "198");
    assert_eq!(
        one("Papers are printed daily.", "daily"),
        ("SET", "P1D".into(), None)
    );
    assert_eq!(
        one("The market opens on Fridays.", "Fridays"),
        ("SET", "XXXX-WXX-5".into(), None)
    );
    assert_eq!(
        val("Talks resumed this morning.", "this morning"),
        "2016-12-24TMO"
    );
    assert_eq!(val("He was born in June 1975.", "June 1975"), "1975-06");
    assert_eq!(
        val("Shops will close on Christmas Day.", "Christmas Day"),
        "2016-12-25"
    );
    assert_eq!(
        one("The trial took 5 1/2 hours.", "5 1/2 hours"),
        ("DURATION", "PT5H30M".into(), None)
    );
    assert_eq!(
        val(
            "The contract runs until 10:30 a.m. tomorrow.",
            "10:30 a.m. tomorrow"
        ),
        "2016-12-25T10:30"
    );
    assert_eq!(val("Sales fell last month.", "last month"), "2016-11");
    assert_eq!(
        val(
            "The firm was founded three decades ago.",
            "three decades ago"
        ),
        "198"
    );
}

#[test]
fn ages_and_rates_are_not_timexes() {
    for t in [
        "A 6-year-old boy was rescued.",
        "It earns $5 million a year.",
        "The man, 52 years old, resigned.",
    ] {
        assert!(run(t).is_empty(), "{t}: {:?}", run(t));
    }
}

#[test]
fn meantime_reader() {
    let src = r#"<Document doc_id="1"><token t_id="1" sentence="0" number="0">Title</token>
<token t_id="2" sentence="1" number="1">March</token><token t_id="3" sentence="1" number="2">1</token>
<token t_id="4" sentence="1" number="3">,</token><token t_id="5" sentence="1" number="4">2008</token>
<token t_id="6" sentence="2" number="5">It</token><token t_id="7" sentence="2" number="6">rose</token>
<token t_id="8" sentence="2" number="7">yesterday</token><token t_id="9" sentence="2" number="8">.</token>
<Markables><TIMEX3 m_id="1" type="DATE" value="2008-03-01" functionInDocument="CREATION_TIME"><token_anchor t_id="2"/><token_anchor t_id="5"/></TIMEX3>
<TIMEX3 m_id="2" type="DATE" value="2008-02-29" functionInDocument="NONE"><token_anchor t_id="8"/></TIMEX3>
<TIMEX3 m_id="3" type="DATE" value="2058" TAG_DESCRIPTOR="x"/></Markables></Document>"#;
    let doc = parse_cat("m.xml", src).expect("parses");
    assert_eq!(doc.dct, NaiveDate::from_ymd_opt(2008, 3, 1));
    assert_eq!(doc.text, "Title\nMarch 1 , 2008\nIt rose yesterday .");
    assert_eq!(doc.timexes.len(), 1);
    let rep = score_docs(&[doc]);
    assert_eq!(rep.score.predicted, 1, "the dateline is not scored");
    assert_eq!(rep.score.value_f1, 1.0);
}

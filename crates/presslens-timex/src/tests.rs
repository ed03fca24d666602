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

#[test]
fn anaphoric_dates_follow_the_last_date_mentioned() {
    let t =
        "On March 3, 2015, the company filed for bankruptcy. The next day, it withdrew the filing.";
    assert_eq!(val(t, "The next day"), "2015-03-04");
    let t = "On May 22, 1995, he was made a general, and the following year he moved abroad.";
    assert_eq!(val(t, "the following year"), "1996");
    let t = "In March, the firm got an offer. Its shares rose. The following month, it put itself up for sale.";
    assert_eq!(val(t, "The following month"), "2016-04");
    let t = "The rebels attacked on June 5. Two days later, they withdrew.";
    assert_eq!(val(t, "Two days later"), "2016-06-07");
    let t = "The vote was held on Oct. 9, 2014. A week earlier, polls had closed.";
    assert_eq!(val(t, "A week earlier"), "2014-W40");
    let t = "The ruling came on July 1, 2010. Lawyers had met the day before.";
    assert_eq!(val(t, "the day before"), "2010-06-30");
    // No earlier date: counted from the publication date.
    assert_eq!(
        val("Sales fell 5% from the previous year.", "the previous year"),
        "2015"
    );
    // Without an earlier date "two days later" stays a duration.
    assert_eq!(
        one("He returned two days later.", "two days"),
        ("DURATION", "P2D".to_string(), None)
    );
}

#[test]
fn dates_relative_to_an_explicit_date() {
    assert_eq!(
        val(
            "A hearing is set for the week of March 6, 2017.",
            "the week of March 6, 2017"
        ),
        "2017-W10"
    );
    assert_eq!(
        val(
            "He spoke the day before last Tuesday's hearing.",
            "the day before last Tuesday"
        ),
        "2016-12-19"
    );
}

#[test]
fn utc_times_end_in_z() {
    assert_eq!(
        val("The Dow was down 2% at 14:58 UTC.", "14:58 UTC"),
        "2016-12-24T14:58Z"
    );
    assert_eq!(
        val("The plane landed at 9 p.m. EST.", "9 p.m. EST"),
        "2016-12-24T21:00"
    );
}

#[test]
fn deadlines_point_ahead() {
    assert_eq!(
        val("The deadline was extended until Tuesday.", "Tuesday"),
        "2016-12-27"
    );
    assert_eq!(
        val(
            "Officials postponed until 9 a.m. Tuesday any action.",
            "9 a.m. Tuesday"
        ),
        "2016-12-27T09:00"
    );
    assert_eq!(
        val("Until Thursday, they had not named him.", "Thursday"),
        "2016-12-22"
    );
    assert_eq!(
        val(
            "The firm said it closes the stores by early June.",
            "early June"
        ),
        "2017-06"
    );
    assert_eq!(
        val("The sale should be completed in October.", "October"),
        "2017-10"
    );
    assert_eq!(
        val("The talks are supposed to conclude in May.", "May"),
        "2017-05"
    );
}

#[test]
fn year_end_and_past_decade() {
    assert_eq!(
        val("They hope to complete the deal by year-end.", "year-end"),
        "2016-12-31"
    );
    assert_eq!(
        val("The index is up 3% since year-end.", "year-end"),
        "2015-12-31"
    );
    assert_eq!(
        one(
            "Such protests became routine over the past decade.",
            "the past decade"
        ),
        ("DURATION", "P10Y".to_string(), None)
    );
}

#[test]
fn year_ago_quarter_is_the_reported_quarter() {
    let t = "Acme posted a 20% gain in third-quarter profit. After a flat second quarter, \
             sales rose 6% to $1.4 billion from $1.3 billion a year earlier.";
    assert_eq!(val(t, "a year earlier"), "2015-Q3");
    // A forecast quarter does not become the reference.
    let t = "Acme's third-quarter profit fell. Analysts expect losses through the first \
             quarter of 2018. Sales fell to $1 billion from $2 billion a year ago.";
    assert_eq!(val(t, "a year ago"), "2015-Q3");
}

#[test]
fn dateline_is_the_reference_without_dct() {
    let t = "Jet makes first flight\nApril 27, 2005\nThe jet took off today at 08:30 UTC.";
    assert_eq!(dateline_date(t), NaiveDate::from_ymd_opt(2005, 4, 27));
    let r: Vec<String> = find(t, dateline_date(t))
        .into_iter()
        .map(|x| x.value)
        .collect();
    assert_eq!(r, vec!["2005-04-27", "2005-04-27", "2005-04-27T08:30Z"]);
    // `find` itself does not guess a reference date.
    let r: Vec<String> = find(t, None).into_iter().map(|x| x.value).collect();
    assert_eq!(r, vec!["2005-04-27", "XXXX-XX-XX", "XXXX-XX-XXT08:30Z"]);
}

#[test]
fn scorer_aligns_one_to_one() {
    // Gold splits "December 25, 2015" in two; the single prediction matches only one.
    let src = "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2016-12-24\" functionInDocument=\"CREATION_TIME\">x</TIMEX3></DCT>\n<TEXT>It opened <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2015-12-25\">December 25</TIMEX3>, <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2015\">2015</TIMEX3>.</TEXT></TimeML>";
    let doc = parse_timeml("t.tml", src).expect("parses");
    let rep = score_docs(&[doc]);
    let s = rep.score;
    assert_eq!(s.predicted, 1);
    assert_eq!(s.relaxed_r, 0.5);
    assert_eq!(s.relaxed_p, 1.0);
    assert_eq!(s.strict_p, 0.0);
    assert_eq!(s.value_accuracy, 1.0);
}

#[test]
fn meantime_day_first_creation_time() {
    let src = r#"<Document doc_id="1"><token t_id="1" sentence="0" number="0">Title</token>
<token t_id="2" sentence="1" number="1">Sales</token><token t_id="3" sentence="1" number="2">fell</token>
<Markables><TIMEX3 m_id="1" type="DATE" value="03-02-2009" functionInDocument="CREATION_TIME"><token_anchor t_id="1"/></TIMEX3></Markables></Document>"#;
    let doc = parse_cat("m.xml", src).expect("parses");
    assert_eq!(doc.dct, NaiveDate::from_ymd_opt(2009, 2, 3));
}

#[test]
fn that_year_and_same_period() {
    let t = "He fled to Florida in June 1998 and returned to Cuba later that year.";
    assert_eq!(val(t, "later that year"), "1998");
    let t = "He was shot on Oct. 23, 1998. Earlier that day, police had been warned.";
    assert_eq!(val(t, "Earlier that day"), "1998-10-23");
    let t = "They landed on Feb. 22, 2000. The next morning, they left.";
    assert_eq!(
        one(t, "The next morning"),
        ("TIME", "2000-02-23TMO".to_string(), None)
    );
    let t = "Stocks closed on Friday, Oct. 27, 1989, down 4% from the previous Friday.";
    assert_eq!(val(t, "the previous Friday"), "1989-10-20");
    // "that" as a conjunction is not a timex.
    assert!(run("He said that day traders lost money.").is_empty());
    let t = "Sales rose 43% in February compared to the same period last year.";
    assert_eq!(val(t, "the same period last year"), "2015-02");
    let t = "Sales fell 35% in January, compared to the same month a year ago.";
    assert_eq!(val(t, "the same month a year ago"), "2015-01");
    let t = "Acme posted a third-quarter loss. It earned $5 million in the corresponding \
             period last year.";
    assert_eq!(val(t, "the corresponding period last year"), "2015-Q3");
}

#[test]
fn weeks_ago() {
    assert_eq!(
        val("The quake hit the country a week ago.", "a week ago"),
        "2016-12-17"
    );
    assert_eq!(
        val(
            "Then, a week or so ago, the general moved.",
            "a week or so ago"
        ),
        "2016-12-17"
    );
    assert_eq!(val("He spoke six weeks ago.", "six weeks ago"), "2016-W45");
}

#[test]
fn year_to_date_comparisons_are_last_year() {
    let t = "Acme's third-quarter profit rose 5%. In the first nine months, net rose to \
             $9 million from $8 million a year earlier.";
    assert_eq!(val(t, "a year earlier"), "2015");
}

#[test]
fn coming_quarter_and_the_day_talked_about() {
    let t = "Ford announced the closure of ten plants during the fourth quarter.";
    let r = find(t, NaiveDate::from_ymd_opt(2006, 9, 15));
    let v: Vec<&str> = r.iter().map(|x| x.value.as_str()).collect();
    assert_eq!(v, vec!["2006-Q4"]);
    let t = "On October 10, 2008, after a large fall at the start of the day, the Dow recovered.";
    assert_eq!(
        one(t, "the start of the day"),
        ("DATE", "2008-10-10".to_string(), Some("START".to_string()))
    );
}

#[test]
fn last_half_of_a_year() {
    assert_eq!(
        val(
            "Earnings for the last half of 1989 will be lower.",
            "the last half of 1989"
        ),
        "1989-H2"
    );
}

#[test]
fn dateline_must_open_a_line() {
    assert_eq!(
        dateline_date("Remembering September 11, 2001\nToday we met."),
        None
    );
}

/// (span text, value) of every expression of `text` resolved against `y-m-d`.
fn at(text: &str, y: i32, m: u32, d: u32) -> Vec<(String, String)> {
    find(text, NaiveDate::from_ymd_opt(y, m, d))
        .into_iter()
        .map(|t| (text[t.start..t.end].to_string(), t.value))
        .collect()
}

/// The value of the expression `span` of `text` resolved against `y-m-d`.
fn val_at(text: &str, span: &str, y: i32, m: u32, d: u32) -> String {
    let all = at(text, y, m, d);
    match all.iter().find(|t| t.0 == span) {
        Some(t) => t.1.clone(),
        None => panic!("no timex {span:?} in {text:?}: {all:?}"),
    }
}

#[test]
fn month_just_ahead_in_a_past_clause_is_this_year() {
    // A plan reported in the past tense, one month ahead of the publication date.
    let t = "The ministry said the tax would rise in January.";
    assert_eq!(val_at(t, "January", 2016, 12, 3), "2017-01");
    let t = "Officials told reporters of a cutback in September.";
    assert_eq!(val_at(t, "September", 2016, 8, 10), "2016-09");
    // Further ahead, a past clause still looks back.
    assert_eq!(val_at(t, "September", 2016, 5, 10), "2015-09");
}

#[test]
fn day_without_tense_leans_to_the_past() {
    let t = "Police have been looking for him since shortly after the Oct. 23 shooting.";
    assert_eq!(val_at(t, "Oct. 23", 2017, 5, 6), "2016-10-23");
    // Much nearer ahead than back: the coming date.
    let t = "The deadline is Jan. 5.";
    assert_eq!(val_at(t, "Jan. 5", 2016, 12, 20), "2017-01-05");
}

#[test]
fn weak_future_cue_takes_the_nearest_weekday() {
    // DCT Thursday 2016-12-22.
    let t = "Neither of his aides could be reached Wednesday in the capital.";
    assert_eq!(val_at(t, "Wednesday", 2016, 12, 22), "2016-12-21");
    // DCT Friday 2016-12-23: next Monday is nearer than last Monday.
    let t = "The new flights would leave the capital on Monday.";
    assert_eq!(val_at(t, "Monday", 2016, 12, 23), "2016-12-26");
    // A strong cue still decides.
    let t = "The board will meet Wednesday.";
    assert_eq!(val_at(t, "Wednesday", 2016, 12, 22), "2016-12-28");
}

#[test]
fn tense_is_read_in_the_expression_own_clause() {
    // DCT Saturday 2016-12-24. "could" belongs to the "that" clause.
    let t = "The mayor ignored warnings from the police on Thursday that the march could \
             turn violent.";
    assert_eq!(val_at(t, "Thursday", 2016, 12, 24), "2016-12-22");
    // Inside a quotation, the reporting verb outside it does not count.
    let t = "``He will leave for the capital at dawn on Thursday,'' the lawyer said.";
    assert_eq!(val_at(t, "Thursday", 2016, 12, 24), "2016-12-29");
    let t = "\u{201c}He will leave for the capital at dawn on Thursday,\u{201d} Smith said.";
    assert_eq!(val_at(t, "Thursday", 2016, 12, 24), "2016-12-29");
}

#[test]
fn plans_and_adjectival_planned() {
    // DCT Saturday 2016-12-24.
    let t = "Protesters were planning to march to the airport on Monday.";
    assert_eq!(val_at(t, "Monday", 2016, 12, 24), "2016-12-26");
    let t = "On Friday, when the minister cut short his vacation plans for the hastily \
             planned trip, the embassy lifted a warning.";
    assert_eq!(val_at(t, "Friday", 2016, 12, 24), "2016-12-23");
}

#[test]
fn since_looks_back() {
    let t = "The carrier, which has been on patrol since March, was scheduled to return.";
    assert_eq!(val_at(t, "March", 2016, 1, 20), "2015-03");
}

#[test]
fn coordinated_day_takes_the_month_before() {
    let t = "Leaders meet at the summit on April 24 and 25 in Washington.";
    let r = at(t, 2016, 2, 10);
    assert!(
        r.contains(&("25".to_string(), "2016-04-25".to_string())),
        "{r:?}"
    );
    // Not a count.
    let t = "Prices rose on April 4 and 5 percent in May.";
    assert!(at(t, 2016, 2, 10).iter().all(|x| x.0 != "5"));
}

#[test]
fn month_modifying_a_noun() {
    let t = "The March accession will enable the three to take part.";
    assert_eq!(val_at(t, "March", 2016, 2, 10), "2016-03");
    // "May" as a modal after "the" is not possible; a name is not a month.
    let t = "They joined the March of Dimes.";
    assert!(at(t, 2016, 2, 10).is_empty());
}

#[test]
fn the_day_talked_about() {
    let t = "Stocks fell on Friday. The Dow lost 100 points to end the day at 9,000.";
    assert_eq!(val_at(t, "the day", 2016, 12, 24), "2016-12-23");
    let t = "Jobs data were released on the same day.";
    assert_eq!(val_at(t, "the same day", 2016, 12, 24), "2016-12-24");
    let t = "Shares rose in morning trading before falling later in the day.";
    assert_eq!(val_at(t, "the day", 2016, 12, 24), "2016-12-24");
    // A noun phrase is not the day talked about.
    let t = "It was the day of the attack.";
    assert!(at(t, 2016, 12, 24).is_empty());
}

#[test]
fn clock_time_takes_the_day_talked_about() {
    // DCT Saturday 2016-12-24: the weekday after the time gives its day.
    let t = "The blast occurred at about 10:35 a.m. (0735 GMT) Friday.";
    assert_eq!(val_at(t, "10:35 a.m.", 2016, 12, 24), "2016-12-23T10:35");
    // The date of the previous sentence.
    let t = "The doctor was killed on Oct. 23, 2015. He was shot at 10 p.m. in his kitchen.";
    assert_eq!(val_at(t, "10 p.m.", 2016, 12, 24), "2015-10-23T22:00");
    // Nothing else: the publication date.
    let t = "The meeting opened at 9 a.m.";
    assert_eq!(val_at(t, "9 a.m.", 2016, 12, 24), "2016-12-24T09:00");
}

#[test]
fn near_and_long_term() {
    let t = "Growth will be slow in the near term, he said.";
    assert_eq!(val_at(t, "the near term", 2016, 12, 24), "FUTURE_REF");
    let t = "The company has a plan for the long term.";
    assert_eq!(val_at(t, "the long term", 2016, 12, 24), "FUTURE_REF");
    let t = "The long-term outlook is good.";
    assert!(at(t, 2016, 12, 24).is_empty());
}

#[test]
fn clipped_years_and_decades() {
    let t = "The index hit its lowest level since '82.";
    assert_eq!(val_at(t, "'82", 2008, 10, 27), "1982");
    let t = "It reminded Detroit of the boxy cars of the 70s and 80s.";
    let r = at(t, 2008, 10, 27);
    assert_eq!(
        r,
        vec![
            ("the 70s".to_string(), "197".to_string()),
            ("80s".to_string(), "198".to_string())
        ]
    );
    // Ages and quotation marks are not years.
    assert!(at("When he was in his 30s, he moved.", 2008, 1, 1).is_empty());
    assert!(at("He said on ``60 Minutes'' that he would stay.", 2008, 1, 1).is_empty());
}

#[test]
fn quarters_as_durations() {
    let t = "The company has had losses in the past two quarters.";
    assert_eq!(val_at(t, "the past two quarters", 2016, 12, 24), "P2Q");
    assert_eq!(
        val_at(
            "It lost money for several quarters.",
            "several quarters",
            2016,
            12,
            24
        ),
        "PXQ"
    );
}

#[test]
fn counted_days_with_a_qualifier() {
    let t = "Stocks have fallen for the past five trading days.";
    assert_eq!(val_at(t, "the past five trading days", 2016, 12, 24), "P5D");
    let t = "The yen rose after six straight days of losses.";
    assert_eq!(val_at(t, "six straight days", 2016, 12, 24), "P6D");
    let t = "Japan posted two consecutive quarters of negative growth.";
    assert_eq!(val_at(t, "two consecutive quarters", 2016, 12, 24), "P2Q");
}

#[test]
fn adjectival_lengths() {
    let t = "They left their third day-long meeting with officials.";
    assert_eq!(val_at(t, "day-long", 2016, 12, 24), "P1D");
    let t = "It settled its decades-long dispute with the band.";
    assert_eq!(val_at(t, "decades-long", 2016, 12, 24), "PXY");
    let t = "It was the worst single-day decline in a year.";
    assert_eq!(val_at(t, "single-day", 2016, 12, 24), "P1D");
    // Not a length: "a single daily dose", "a long day".
    assert!(at("He took a single dose on a long trip.", 2016, 12, 24).is_empty());
}

#[test]
fn hour_in_the_morning() {
    // DCT Wednesday 2016-12-21; the weekday after the time gives the day.
    let t = "``He will leave at 4 in the morning (4 a.m. EST Thursday),'' his lawyer said.";
    assert_eq!(
        val_at(t, "4 in the morning", 2016, 12, 21),
        "2016-12-22T04:00"
    );
    let t = "The rally began at 8 in the evening.";
    assert_eq!(
        val_at(t, "8 in the evening", 2016, 12, 21),
        "2016-12-21T20:00"
    );
    // A count is not a time.
    assert!(at("He scored 4 in the morning session.", 2016, 12, 21).is_empty());
}

#[test]
fn spoken_years_after_month_and_season() {
    let t = "Prices fell to the lows we saw in the winter of nineteen ninety-one.";
    assert_eq!(
        one(t, "the winter of nineteen ninety-one"),
        ("DATE", "1991-WI".to_string(), None)
    );
    let t = "The bomb went off. March nineteen eighty-eight. Another city.";
    assert_eq!(val(t, "March nineteen eighty-eight"), "1988-03");
    assert_eq!(
        val("He was born in nineteen sixty-two.", "nineteen sixty-two"),
        "1962"
    );
}

#[test]
fn vague_centuries() {
    assert_eq!(
        one("The old bridge stood there for centuries.", "centuries"),
        ("DURATION", "PXC".to_string(), None)
    );
}

#[test]
fn generic_today_and_tomorrow() {
    // "today's" for the present age in general is not a date.
    assert!(run("Phones matter in today's world, she said.").is_empty());
    assert!(run("The crisis shaped today's youth more than anything.").is_empty());
    assert!(run("He wants to build the cities of tomorrow.").is_empty());
    // The day itself stays.
    assert_eq!(
        val("Today's vote was postponed, he said.", "Today"),
        "2016-12-24"
    );
    assert_eq!(
        val(
            "The results of tomorrow's vote will be known soon.",
            "tomorrow"
        ),
        "2016-12-25"
    );
    assert_eq!(
        val("The deal is effective as of tomorrow.", "tomorrow"),
        "2016-12-25"
    );
    assert_eq!(
        val(
            "Talks must end by the end of tomorrow.",
            "the end of tomorrow"
        ),
        "2016-12-25"
    );
}

#[test]
fn quoted_show_title_is_not_a_week() {
    assert!(run("He said on NBC's \"This Week\" program that talks failed.").is_empty());
    assert_eq!(
        val("He said this week that talks failed.", "this week"),
        "2016-W51"
    );
}

#[test]
fn modified_part_of_day() {
    let t = "In Tokyo at mid-afternoon yesterday, the shares were up.";
    assert_eq!(
        one(t, "mid-afternoon yesterday"),
        ("TIME", "2016-12-23TAF".to_string(), Some("MID".to_string()))
    );
    let t = "By late afternoon, the police had left.";
    assert_eq!(
        one(t, "late afternoon"),
        ("TIME", "2016-12-24TAF".to_string(), Some("END".to_string()))
    );
    // Noun modifiers are not times.
    assert!(run("She hosts a late-night show.").is_empty());
    assert!(run("Traffic is heavy in early morning hours.").is_empty());
}

#[test]
fn participles_are_not_past_tense_cues() {
    // "a still unspecified date" is an adjective, "led by" a reduced passive.
    assert_eq!(
        val(
            "The split would be paid on a still unspecified date in January.",
            "January"
        ),
        "2017-01"
    );
    assert_eq!(
        val(
            "Lenders, led by a bank, have extended credit through January.",
            "January"
        ),
        "2017-01"
    );
    // A finite verb followed by "by" is still past tense.
    assert_eq!(
        val("Sales increased by 5% in January.", "January"),
        "2016-01"
    );
}

#[test]
fn previous_weekday_counts_from_the_day_talked_about() {
    let t = "Shares closed lower on Friday, Dec. 16, in London. Dealers blamed the pound. \
             Banks were weak. The index fell 4% from the previous Friday.";
    assert_eq!(val(t, "the previous Friday"), "2016-12-09");
}

#[test]
fn one_day_after_a_modal_is_the_future() {
    assert_eq!(
        one("The city will one day host the games.", "one day"),
        ("DATE", "FUTURE_REF".to_string(), None)
    );
    assert_eq!(val("The strike lasted one day.", "one day"), "P1D");
}

#[test]
fn in_past_years_is_a_vague_past() {
    assert_eq!(
        val("There were such sales in past years, too.", "past years"),
        "PAST_REF"
    );
    assert_eq!(
        val("Sales fell over the past two years.", "the past two years"),
        "P2Y"
    );
}

#[test]
fn quarter_ended_gives_the_quarter() {
    assert_eq!(
        val(
            "In the quarter ended July 31, the company lost money.",
            "the quarter"
        ),
        "2016-Q2"
    );
    // A fiscal quarter named before wins over the calendar.
    let t = "Profit rose in the fiscal first quarter ended Sept. 30. Sales in the quarter ended \
             Sept. 30 rose.";
    assert_eq!(val(t, "the quarter"), "2016-Q1");
}

#[test]
fn that_year_closed_by_punctuation() {
    let t =
        "Imports totaled $3 million in 2015, a small share of all imports that year, an aide said.";
    assert_eq!(val(t, "that year"), "2015");
}

#[test]
fn titles_are_not_dates() {
    assert!(run("He told USA Today that he would run.").is_empty());
    assert_eq!(val("Today, he said he would run.", "Today"), "2016-12-24");
    assert!(run("The quarter-to-quarter comparison was weak.").is_empty());
}

#[test]
fn the_day_is_the_last_full_date() {
    let t = "Shares rose on Tuesday. Sales were up 5% from a year ago. The stock fell later in the day.";
    assert_eq!(val(t, "the day"), "2016-12-20");
}

#[test]
fn month_of_next_year() {
    let t = "Franchises will not be renewed after October of next year.";
    assert_eq!(val(t, "October"), "2017-10");
    assert_eq!(val(t, "next year"), "2017");
}

#[test]
fn present_tense_weekday_is_the_nearest() {
    // DCT is Saturday, Dec. 24.
    assert_eq!(
        val("The leaders meet Monday with the envoy.", "Monday"),
        "2016-12-26"
    );
    assert_eq!(
        val("The leaders meet Thursday with the envoy.", "Thursday"),
        "2016-12-22"
    );
}

#[test]
fn movable_holidays() {
    assert_eq!(
        val("Retailers hope for a strong Black Friday.", "Black Friday"),
        "2016-11-25"
    );
    assert_eq!(val("Crowds came at Easter.", "Easter"), "2016-03-27");
    // A named crash day is not this week's Monday.
    assert!(run("Stocks fell on the Black Monday anniversary.").is_empty());
    assert_eq!(
        val("Protesters prayed as Easter week began.", "Easter week"),
        "2016-W12"
    );
}

#[test]
fn fiscal_period_forms() {
    let t = "Revenue in Q3 2016, FY2017 and H1 2017 rose.";
    assert_eq!(val(t, "Q3 2016"), "2016-Q3");
    assert_eq!(val(t, "FY2017"), "2017");
    assert_eq!(val(t, "H1 2017"), "2017-H1");
    assert_eq!(
        val(
            "It earned $5 million in the fiscal-first quarter ended Sept. 30.",
            "the fiscal-first quarter"
        ),
        "2016-Q1"
    );
    assert_eq!(
        val(
            "Results for the fourth fiscal quarter were weak.",
            "the fourth fiscal quarter"
        ),
        "2016-Q4"
    );
    assert!(run("She holds an H1 visa.").is_empty());
}

#[test]
fn year_shifted_reported_quarter() {
    let t = "Profit rose in the third quarter. Sales for last year's quarter were flat. In the \
             comparable year-ago quarter, it lost money.";
    assert_eq!(val(t, "last year's quarter"), "2015-Q3");
    assert_eq!(val(t, "the comparable year-ago quarter"), "2015-Q3");
}

#[test]
fn last_and_next_holiday() {
    let t = "He left last Thanksgiving and will return next Christmas, not last Christmas.";
    assert_eq!(val(t, "last Thanksgiving"), "2016-11-24");
    assert_eq!(val(t, "next Christmas"), "2016-12-25");
    assert_eq!(val(t, "last Christmas"), "2015-12-25");
}

#[test]
fn open_ended_and_approximate_tails() {
    let t = "Growth will slow over the next year or so, in 2018 or later, and in 2020 and beyond.";
    assert_eq!(
        one(t, "the next year or so"),
        ("DATE", "2017".to_string(), Some("APPROX".to_string()))
    );
    assert_eq!(
        one(t, "2018 or later"),
        ("DATE", "2018".to_string(), Some("ON_OR_AFTER".to_string()))
    );
    assert_eq!(
        one(t, "2020 and beyond"),
        ("DATE", "2020".to_string(), Some("ON_OR_AFTER".to_string()))
    );
    assert_eq!(
        val("It rose a week or so ago.", "a week or so ago"),
        "2016-12-17"
    );
}

#[test]
fn vague_durations() {
    let t = "Troops will stay for a while, perhaps for some time, even for a fairly long period.";
    assert_eq!(one(t, "a while"), ("DURATION", "PXX".to_string(), None));
    assert_eq!(val(t, "some time"), "PXX");
    assert_eq!(val(t, "a fairly long period"), "PXX");
    // "some time ago" is not a length of time.
    assert!(run("He left for some time ago, they say.")
        .iter()
        .all(|t| t.0 != "some time"));
}

#[test]
fn number_after_a_name_is_not_a_year() {
    assert!(run("The Russell 2000 index fell and a firm called Orion 1980 grew.").is_empty());
    assert_eq!(val("Since 1990 it grew.", "1990"), "1990");
    assert_eq!(
        val("It opened in Spring 1990 in Ohio.", "Spring 1990"),
        "1990-SP"
    );
}

#[test]
fn future_of_something_is_not_a_time() {
    assert!(run("They debated the future of the alliance.").is_empty());
    assert_eq!(
        val("Nobody knows what happens in the future.", "the future"),
        "FUTURE_REF"
    );
}

#[test]
fn part_of_day_talked_about() {
    let t =
        "Shares fell on Friday. Buyers came back in the morning, and rose in afternoon trading.";
    assert_eq!(
        one(t, "the morning"),
        ("TIME", "2016-12-23TMO".to_string(), None)
    );
    assert_eq!(val(t, "afternoon"), "2016-12-23TAF");
    // Without a day mentioned, the publication day.
    assert_eq!(
        val("The index rose in morning trading.", "morning"),
        "2016-12-24TMO"
    );
    assert!(run("He met her in the morning of the vote.")
        .iter()
        .all(|t| t.0 != "the morning"));
}

#[test]
fn numeric_dates() {
    assert_eq!(
        val("It flew on 7/8/07, as planned.", "7/8/07"),
        "2007-07-08"
    );
    assert_eq!(val("Due 12/31/1999.", "12/31/1999"), "1999-12-31");
    assert_eq!(
        val("Filed 2016-03-04 in court.", "2016-03-04"),
        "2016-03-04"
    );
    assert_eq!(val("Dated 25/12/2015.", "25/12/2015"), "2015-12-25");
    assert!(run("A 3-4-5 triangle and 1/2 cup.").is_empty());
}

#[test]
fn weekday_not_joined_across_a_line_break() {
    let t = "Markets to stay closed until Friday\nDecember 22, 2016\nThe markets will reopen.";
    assert_eq!(val(t, "Friday"), "2016-12-30");
    assert_eq!(val(t, "December 22, 2016"), "2016-12-22");
}

#[test]
fn four_digit_clock_times() {
    assert_eq!(
        val("At 0800 GMT, the bank acted.", "0800 GMT"),
        "2016-12-24T08:00Z"
    );
    assert_eq!(
        val("They attack at 1400 hours.", "1400 hours"),
        "2016-12-24T14:00"
    );
    // A conversion in brackets repeats the time before it.
    assert!(run("It blew up at 10:35 a.m. (0735 GMT).")
        .iter()
        .all(|t| t.0 != "0735 GMT"));
}

#[test]
fn between_range_start() {
    let t = "The process would take between 60 and 90 days.";
    assert_eq!(one(t, "60"), ("DURATION", "P60D".to_string(), None));
    assert_eq!(val(t, "90 days"), "P90D");
    assert!(run("Shipments resume within two to three weeks.")
        .iter()
        .all(|t| t.0 != "two"));
}

#[test]
fn nth_week_of_month() {
    let t = "Sales rebounded in the last week of March 2009 and in the first week of January 2009.";
    assert_eq!(val(t, "the last week of March 2009"), "2009-W13");
    assert_eq!(val(t, "the first week of January 2009"), "2009-W01");
}

#[test]
fn now_as_compound_prefix() {
    assert!(run("He spoke against the now-cancelled deal.").is_empty());
}

#[test]
fn bare_plural_after_just() {
    assert_eq!(
        val("The index fell 100 points in just minutes.", "minutes"),
        "PTXM"
    );
}

#[test]
fn end_of_the_decade_and_century() {
    let t = "Output will double by the end of the decade and by the end of the century.";
    assert_eq!(
        one(t, "the end of the decade"),
        ("DATE", "201".to_string(), Some("END".to_string()))
    );
    assert_eq!(val(t, "the end of the century"), "20");
}

#[test]
fn two_units_away() {
    let t = "They met the week before last and will open the year after next.";
    assert_eq!(val(t, "the week before last"), "2016-W49");
    assert_eq!(val(t, "the year after next"), "2018");
}

#[test]
fn day_with_relative_year() {
    let t = "The deal closed Dec. 2 last year and opens March 3 of next year.";
    assert_eq!(val(t, "Dec. 2 last year"), "2015-12-02");
    assert_eq!(val(t, "March 3 of next year"), "2017-03-03");
}

#[test]
fn units_ahead() {
    let t = "Prices may rise in the weeks ahead and in the months to come.";
    assert_eq!(
        one(t, "the weeks ahead"),
        ("DURATION", "PXW".to_string(), None)
    );
    assert_eq!(val(t, "the months to come"), "PXM");
}

#[test]
fn running_count_of_days() {
    let t = "It is the second day of the offensive. Shares fell for a fifth straight day.";
    assert_eq!(
        one(t, "the second day"),
        ("DATE", "2016-12-24".to_string(), None)
    );
    assert_eq!(val(t, "a fifth straight day"), "2016-12-24");
    // A day given in the same sentence is the one counted.
    assert_eq!(
        val(
            "Stocks fell on Tuesday, the third straight day of losses.",
            "the third straight day"
        ),
        "2016-12-20"
    );
    // "his first day in office" is not a running count.
    assert!(run("He will act on his first day in office.").is_empty());
}

#[test]
fn part_of_the_year() {
    let t = "Sales should recover in the second half of the year.";
    assert_eq!(val(t, "the second half of the year"), "2016-H2");
}

#[test]
fn glued_clock_times() {
    let t = "The polls open from 9am to 5pm; the blast came at 10:30pm, the raid at 7.15 p.m.";
    assert_eq!(
        one(t, "9am"),
        ("TIME", "2016-12-24T09:00".to_string(), None)
    );
    assert_eq!(val(t, "5pm"), "2016-12-24T17:00");
    assert_eq!(val(t, "10:30pm"), "2016-12-24T22:30");
    assert_eq!(val(t, "7.15 p.m."), "2016-12-24T19:15");
    assert!(run("Prices rose 7.15 percent.").is_empty());
}

#[test]
fn pre_and_post_years() {
    let t = "The post-1959 politics differ from the pre-1990 rules.";
    assert_eq!(
        one(t, "post-1959"),
        ("DATE", "1959".to_string(), Some("AFTER".to_string()))
    );
    assert_eq!(
        one(t, "pre-1990"),
        ("DATE", "1990".to_string(), Some("BEFORE".to_string()))
    );
}

#[test]
fn year_before_plural_noun_after_the() {
    assert_eq!(val("Leaders of the 1992 protests left.", "1992"), "1992");
    assert!(run("He sold 1990 shares.").is_empty());
}

//! Number grammar: one short sentence (our own) per rule.

use presslens_quantities::{find, numerals, Bound, Quantity};

fn one(text: &str) -> Quantity {
    let qs = find(text);
    assert_eq!(qs.len(), 1, "{text:?} → {qs:#?}");
    qs.into_iter().next().unwrap()
}

fn span<'a>(text: &'a str, q: &Quantity) -> &'a str {
    &text[q.start..q.end]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 + b.abs() * 1e-9
}

#[test]
fn fractions_with_compound_ordinal_denominators() {
    for (t, v, s) in [
        (
            "Only one twenty-fifth of the grant was spent.",
            1.0 / 25.0,
            "one twenty-fifth",
        ),
        (
            "They kept three twenty-firsts of it.",
            3.0 / 21.0,
            "three twenty-firsts",
        ),
        (
            "It weighs a hundred trillionths of a gram.",
            1e-10,
            "a hundred trillionths",
        ),
        ("That is a millionth of the budget.", 1e-6, "a millionth"),
        (
            "one hundred thirty-fifths",
            100.0 / 35.0,
            "one hundred thirty-fifths",
        ),
        (
            "one hundred and thirty fifths",
            130.0 / 5.0,
            "one hundred and thirty fifths",
        ),
        (
            "one one hundred fifth",
            1.0 / 105.0,
            "one one hundred fifth",
        ),
        (
            "ninety-five hundred fifths",
            9500.0 / 5.0,
            "ninety-five hundred fifths",
        ),
    ] {
        let q = one(t);
        assert!(close(q.value, v), "{t}: {} != {v}", q.value);
        assert_eq!(span(t, &q), s);
    }
    let t = "The result was minus one hundred thirty fifths.";
    assert!(close(one(t).value, -100.0 / 35.0));
}

#[test]
fn whole_and_simple_fraction_is_still_a_sum() {
    let t = "The pile held six million and two thirds.";
    assert!(close(one(t).value, 6e6 + 2e6 / 3.0));
    let t = "two hundred and fifty-four hundredths";
    assert!(close(one(t).value, 200.54));
}

#[test]
fn compound_ordinals_are_not_quantities() {
    assert!(find("The twenty-first century began badly.").is_empty());
    assert!(find("He finished one hundred and fifth.").is_empty());
    assert!(find("It was his one hundredth birthday.").is_empty());
    assert!(find("One third party candidate ran.").is_empty());
    assert!(find("a twenty-first century problem").is_empty());
    assert!(find("They struck an eleventh-hour deal.").is_empty());
    assert!(find("It became the fifty-first state.").is_empty());
    // but a money amount before "first" is still a quantity
    let t = "It sold $280 million first mortgage notes.";
    assert_eq!(one(t).value, 280e6);
}

#[test]
fn fraction_adjectives_and_subjects_stay() {
    assert!(close(one("He bought a one-third stake.").value, 1.0 / 3.0));
    assert!(close(one("One fifth were killed.").value, 0.2));
    let t = "They met the one quarter of the staff who stayed.";
    assert!(close(one(t).value, 0.25));
}

#[test]
fn stacked_scale_words_multiply() {
    let t = "The total is three lakh crore rupees.";
    assert_eq!(one(t).value, 3e12);
    assert_eq!(one("It cost two thousand million pounds.").value, 2e9);
    // separate groups still add
    assert_eq!(one("two million three thousand").value, 2_003_000.0);
}

#[test]
fn dozen_after_and_counts_the_addend() {
    let t = "Three hundred and two dozen eggs were sold.";
    assert_eq!(one(t).value, 324.0);
    assert_eq!(one("They ordered five dozen eggs.").value, 60.0);
}

#[test]
fn one_last() {
    let t = "Let us try one last time.";
    let q = one(t);
    assert_eq!(q.value, 1.0);
    assert_eq!(span(t, &q), "one");
}

#[test]
fn small_si_length_units() {
    for (t, u) in [
        ("The gap is 2 picometers wide.", "pm"),
        ("a 3 nanometre chip", "nm"),
        ("a 40 micron filter", "um"),
        ("about 4 decimetres", "dm"),
        ("The board is 12 m 2 dm more or less.", "dm"),
    ] {
        let qs = find(t);
        assert!(
            qs.iter().any(|q| q.unit.as_deref() == Some(u)),
            "{t}: {qs:#?}"
        );
    }
}

#[test]
fn speeds_per_time_unit() {
    let t = "Winds reached 50 meters per second.";
    let q = one(t);
    assert_eq!(q.unit.as_deref(), Some("m/s"));
    assert_eq!(span(t, &q), "50 meters per second");
    let t = "a pulse of 20 km/ms";
    assert_eq!(one(t).unit.as_deref(), Some("km/ms"));
    let t = "It flew at 900 kilometres per hour.";
    assert_eq!(one(t).unit.as_deref(), Some("km/h"));
}

#[test]
fn inch_and_foot_marks_before_size_words() {
    let t = "The screen is 48\" wide.";
    let q = one(t);
    assert_eq!(q.unit.as_deref(), Some("inch"));
    assert_eq!(one("He stood 6' tall.").unit.as_deref(), Some("ft"));
    // a quotation mark is not a unit
    let t = "She said \"I saw 10\" yesterday.";
    assert_eq!(one(t).unit, None);
    let t = "They gave “millions” in cash.";
    assert!(find(t).iter().all(|q| q.unit.is_none()));
}

#[test]
fn a_half_or_quarter_before_a_unit() {
    let t = "The valve needs a half turn.";
    let q = one(t);
    assert_eq!((q.value, q.unit.as_deref()), (0.5, Some("turn")));
    let t = "They walked a quarter mile.";
    assert_eq!(one(t).unit.as_deref(), Some("mile"));
}

#[test]
fn glued_m_is_metres_next_to_other_metric_measures() {
    let t = "The crane lifts 100t and reaches 48m.";
    let qs = find(t);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!((qs[1].value, qs[1].unit.as_deref()), (48.0, Some("m")));
    let t = "1m is equal to 10 dm.";
    assert_eq!(find(t)[0].unit.as_deref(), Some("m"));
    // a noun after it keeps the million
    let t = "The 5m budget for the 10km road was approved.";
    let qs = find(t);
    assert_eq!((qs[0].value, qs[0].unit.as_deref()), (5e6, None));
}

#[test]
fn currencies_prefix_million_codes_and_minor_units() {
    let t = "Revenues were about MAUD 60 last year.";
    let q = one(t);
    assert_eq!((q.value, q.unit.as_deref()), (60e6, Some("AUD")));
    let t = "The fare was one kuai and five mao five.";
    let q = one(t);
    assert!(close(q.value, 1.55));
    assert_eq!(q.unit.as_deref(), Some("CNY"));
    let t = "It cost C$ 100 and fifty.";
    let q = one(t);
    assert!(close(q.value, 100.5));
    assert_eq!(q.unit.as_deref(), Some("CAD"));
    // "and" + a counted noun is a new quantity
    let t = "The bill cost $100 and fifty people protested.";
    let qs = find(t);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(qs[0].value, 100.0);
    let t = "The rent was 5,000 ரூ a month.";
    assert_eq!(one(t).unit.as_deref(), Some("LKR"));
    let t = "The snack is sen 500 here.";
    assert_eq!(one(t).unit.as_deref(), Some("sen"));
    assert!(find("Sen. Jones spoke.").is_empty());
}

#[test]
fn numerals_of_a_range_keep_both_ends() {
    let t = "The walls were eight to 10 feet tall.";
    let q = one(t);
    assert_eq!((q.value, q.high, q.bound), (8.0, Some(10.0), Bound::Range));
    let ns = numerals(t);
    assert_eq!(ns.len(), 2);
    assert_eq!(&t[ns[1].start..ns[1].end], "10");
}

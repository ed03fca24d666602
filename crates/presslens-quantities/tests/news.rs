use presslens_quantities::{find, Bound, Quantity};

fn one(text: &str) -> Quantity {
    let qs = find(text);
    assert_eq!(qs.len(), 1, "{text:?} → {qs:#?}");
    qs.into_iter().next().unwrap()
}

fn obj<'a>(text: &'a str, q: &Quantity) -> Option<&'a str> {
    q.object.map(|(s, e)| &text[s..e])
}

#[test]
fn fled_civilians() {
    let t = "Officials said more than 78,000 civilians managed to flee the city.";
    let q = one(t);
    assert_eq!(q.value, 78000.0);
    assert_eq!(q.bound, Bound::MoreThan);
    assert_eq!(&t[q.start..q.end], "more than 78,000");
    assert_eq!(obj(t, &q), Some("civilians"));
    assert_eq!(q.count_type, Some("DISPLACED/REFUGEES"));
}

#[test]
fn evacuated_people() {
    let t = "34,000 people were eventually moved from eastern Aleppo.";
    let q = one(t);
    assert_eq!(q.value, 34000.0);
    assert_eq!(q.bound, Bound::Exact);
    assert_eq!(obj(t, &q), Some("people"));
    assert_eq!(q.count_type, Some("EVACUATED"));
}

#[test]
fn years_are_not_quantities() {
    assert!(find("The war has raged since 2012.").is_empty());
    assert!(find("In 2016 the talks failed.").is_empty());
    assert!(find("Elections were held in 2016").is_empty());
    let t = "Officials counted 2,012 people at the border.";
    let q = one(t);
    assert_eq!(q.value, 2012.0);
    assert_eq!(obj(t, &q), Some("people"));
}

#[test]
fn killed_at_least() {
    let t = "At least 12 people were killed in the blast.";
    let q = one(t);
    assert_eq!(q.value, 12.0);
    assert_eq!(q.bound, Bound::AtLeast);
    assert_eq!(q.count_type, Some("KILL"));
    assert_eq!(obj(t, &q), Some("people"));
}

#[test]
fn currency_bn() {
    let t = "The fund raised $2bn last year.";
    let q = one(t);
    assert_eq!(q.value, 2e9);
    assert_eq!(q.unit.as_deref(), Some("USD"));
    assert_eq!(&t[q.start..q.end], "$2bn");
    let t = "a deal worth £3.2 billion";
    let q = one(t);
    assert!((q.value - 3.2e9).abs() < 1.0);
    assert_eq!(q.unit.as_deref(), Some("GBP"));
    let q = one("a loan of US$150 million");
    assert_eq!(q.unit.as_deref(), Some("USD"));
    assert_eq!(q.value, 150e6);
    let q = one("fined 500,000 rubles");
    assert_eq!(q.unit.as_deref(), Some("RUB"));
    let q = one("€40m in aid");
    assert_eq!(q.unit.as_deref(), Some("EUR"));
    assert_eq!(q.value, 40e6);
}

#[test]
fn protest_range() {
    let t = "Between 20 and 30 protesters gathered outside.";
    let q = one(t);
    assert_eq!(q.bound, Bound::Range);
    assert_eq!(q.value, 20.0);
    assert_eq!(q.high, Some(30.0));
    assert_eq!(q.count_type, Some("PROTEST"));
    assert_eq!(&t[q.start..q.end], "Between 20 and 30");
    let q = one("20-30 people");
    assert_eq!((q.value, q.high), (20.0, Some(30.0)));
    let q = one("from 20 to 30 boats");
    assert_eq!((q.value, q.high, q.bound), (20.0, Some(30.0), Bound::Range));
}

#[test]
fn numbers_in_words_and_digits() {
    let cases: &[(&str, f64)] = &[
        ("34 thousand people", 34000.0),
        ("1.5m people", 1.5e6),
        ("1.5 million people", 1.5e6),
        ("a dozen people", 12.0),
        ("two-thirds of voters", 2.0 / 3.0),
        ("half of the residents", 0.5),
        ("thirty-five people", 35.0),
        ("one hundred and twenty people", 120.0),
        ("a temperature of -5 degrees", -5.0),
        ("rates of 3,5 percent", 3.5),
        ("a dozen eggs", 12.0),
    ];
    for (t, v) in cases {
        let q = one(t);
        assert!((q.value - v).abs() < 1e-3, "{t}: {} != {v}", q.value);
    }
}

#[test]
fn vague_plurals() {
    let t = "Dozens of people were injured.";
    let q = one(t);
    assert_eq!((q.value, q.bound), (24.0, Bound::Approx));
    assert_eq!(obj(t, &q), Some("people"));
    assert_eq!(q.count_type, Some("WOUND"));
    let t = "thousands of people fled";
    let q = one(t);
    assert_eq!((q.value, q.bound), (2000.0, Bound::Approx));
    assert_eq!(q.count_type, Some("DISPLACED/REFUGEES"));
    let q = one("tens of thousands of refugees");
    assert_eq!(q.value, 20000.0);
}

#[test]
fn percent() {
    let q = one("unemployment rose to 30%");
    assert_eq!((q.value, q.unit.as_deref()), (30.0, Some("percent")));
    let q = one("about 30 per cent of the vote");
    assert_eq!(
        (q.value, q.unit.as_deref(), q.bound),
        (30.0, Some("percent"), Bound::Approx)
    );
}

#[test]
fn bounds() {
    let cases: &[(&str, Bound)] = &[
        ("over 200 soldiers", Bound::MoreThan),
        ("up to 200 soldiers", Bound::AtMost),
        ("nearly 200 soldiers", Bound::Approx),
        ("almost 200 soldiers", Bound::Approx),
        ("about 200 soldiers", Bound::Approx),
        ("around 200 soldiers", Bound::Approx),
        ("roughly 200 soldiers", Bound::Approx),
        ("some 200 soldiers", Bound::Approx),
        ("fewer than 200 soldiers", Bound::LessThan),
        ("less than 200 soldiers", Bound::LessThan),
        ("no more than 200 soldiers", Bound::AtMost),
        ("as many as 200 soldiers", Bound::AtMost),
        ("200 soldiers or more", Bound::AtLeast),
    ];
    for (t, b) in cases {
        assert_eq!(one(t).bound, *b, "{t}");
    }
}

#[test]
fn objects_skip_adjectives() {
    let t = "more than 200 Syrian soldiers were captured";
    let q = one(t);
    assert_eq!(obj(t, &q), Some("Syrian soldiers"));
}

#[test]
fn count_types() {
    let cases: &[(&str, &str)] = &[
        ("Police arrested 15 demonstrators on Monday", "ARREST"),
        ("12 people were detained", "ARREST"),
        ("Gunmen abducted 30 students", "KIDNAP"),
        ("the group still holds 40 hostages", "KIDNAP"),
        ("5,000 people have been displaced", "DISPLACED/REFUGEES"),
        ("200 residents were evacuated", "EVACUATED"),
        (
            "About 4,000 demonstrators rallied in the capital",
            "PROTEST",
        ),
        ("Customs officers seized 2 tonnes of cocaine", "SEIZE"),
        ("The floods affected 10,000 families", "AFFECT"),
        ("30 people lost their lives", "KILL"),
        ("The attack left 7 dead", "KILL"),
        ("At least 25 people were wounded", "WOUND"),
        ("1,200 people were left homeless", "AFFECT"),
        ("2,000 people were bussed out of the town", "EVACUATED"),
    ];
    for (t, c) in cases {
        let qs = find(t);
        assert_eq!(qs.len(), 1, "{t}: {qs:?}");
        assert_eq!(qs[0].count_type, Some(*c), "{t}");
    }
    let qs = find("12 people were killed and 30 wounded");
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].count_type, Some("KILL"));
    assert_eq!(qs[1].count_type, Some("WOUND"));
}

#[test]
fn units() {
    let cases: &[(&str, f64, &str)] = &[
        ("a 12 km convoy", 12.0, "km"),
        ("30 miles north of the city", 30.0, "mile"),
        ("500 kilometres", 500.0, "km"),
        ("40 tonnes of aid", 40.0, "tonne"),
        ("temperatures of 40 degrees Celsius", 40.0, "celsius"),
        ("a 28-year-old man", 28.0, "year"),
        ("she is 64 years old", 64.0, "year"),
        ("a 5 kg bag", 5.0, "kg"),
    ];
    for (t, v, u) in cases {
        let q = one(t);
        assert_eq!((q.value, q.unit.as_deref()), (*v, Some(*u)), "{t}");
    }
    assert_eq!(
        one("sentenced to 10 years in prison").unit.as_deref(),
        Some("duration:year")
    );
}

#[test]
fn not_quantities() {
    for t in [
        "The truce began on Dec 24 at midnight.",
        "It ended on 24 December.",
        "The attack began at 00:10 local time.",
        "The meeting starts at 5 p.m. on Friday.",
        "It was the first time; she came 3rd.",
        "See p. 5 for details.",
        "Call +1-202-555-0147 for details.",
        "Version 2.1.3 fixed the bug.",
        "The server at 10.0.0.12 failed.",
        "1. Introduction",
        "He flew a Boeing 777 to Paris.",
        "Resolution 2254 calls for talks.",
        "The one who left was tired.",
    ] {
        assert!(find(t).is_empty(), "{t}: {:?}", find(t));
    }
}

#[test]
fn odd_unicode_never_panics() {
    let samples = [
        "",
        " ",
        "-",
        "$",
        "£",
        "€",
        "½",
        "⅔ of",
        "1,",
        ",1",
        "1.",
        ".1",
        "1-",
        "-1-",
        "1/",
        "/1",
        "1e",
        "1e+",
        "%",
        "$%",
        "naïve 12 café",
        "🙂 12 🙂",
        "12🙂",
        "١٢٣ people",
        "\u{202f}12\u{202f}000",
        "12\u{a0}000 people",
        "e\u{301}12",
        "between",
        "between 1 and",
        "from 3 to",
        "more than",
        "up to $",
        "US$",
        "C $",
        "a",
        "a dozen",
        "half",
        "minus",
        "twenty-",
        "-twenty",
        "one hundred and",
        "2,",
        "2,0",
        "2,000,",
        "1.2.3.",
        "...",
        "--5",
        "5--",
        "5 - - 6",
        "x>10",
        "<=",
        "\n1. \n2) ",
        "\r\n\t12\u{2028}people",
        "ÅÄÖ 5 ÅÄÖ",
        "日本 5 人",
        "Ω5Ω",
        "5\u{0}6",
        "$\u{301}5",
        "5%\u{301}",
    ];
    for s in samples {
        for q in find(s) {
            assert!(q.start <= q.end && q.end <= s.len());
            assert!(
                s.is_char_boundary(q.start) && s.is_char_boundary(q.end),
                "{s:?}"
            );
            assert!(s.is_char_boundary(q.number.0) && s.is_char_boundary(q.number.1));
            assert!(s.is_char_boundary(q.measure.0) && s.is_char_boundary(q.measure.1));
            if let Some((a, b)) = q.object {
                assert!(a <= b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b));
            }
        }
    }
    // every prefix and suffix of a mixed string
    let mixed = "Über 1.5m Menschen – more than 78,000 civilians (½) fled; $2bn, €3,5 ½ 20–30 km² 5°C 🙂 2012";
    for (i, _) in mixed.char_indices() {
        let _ = find(&mixed[i..]);
        let _ = find(&mixed[..i]);
    }
    // pseudo-random byte soup made into valid UTF-8
    let alphabet: Vec<char> = "0123456789 ,.-–/%$£€½abcdefghijklmnopqrstuvwxyzÉé🙂\n:()"
        .chars()
        .collect();
    let mut x: u64 = 0x9e3779b97f4a7c15;
    for _ in 0..2000 {
        let mut s = String::new();
        for _ in 0..(x % 40) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push(alphabet[(x % alphabet.len() as u64) as usize]);
        }
        for q in find(&s) {
            assert!(s.is_char_boundary(q.start) && s.is_char_boundary(q.end) && q.start <= q.end);
        }
        x = x.wrapping_add(0x9e3779b97f4a7c15);
    }
}

#[test]
fn ratios_and_compounds() {
    let t = "Only one in five children attend school.";
    let q = one(t);
    assert!((q.value - 0.2).abs() < 1e-9);
    assert_eq!(obj(t, &q), Some("children"));
    let q = one("It cost 3 dollars 50 cents.");
    assert!((q.value - 3.5).abs() < 1e-9);
    assert_eq!(q.unit.as_deref(), Some("USD"));
    let q = one("He is 5 feet 2 inches tall.");
    assert!((q.value - (5.0 + 2.0 / 12.0)).abs() < 1e-9);
    assert_eq!(q.unit.as_deref(), Some("ft"));
}

#[test]
fn identifiers_and_codes() {
    for t in [
        "The iPhone 12 went on sale.",
        "US F-16 jets flew overhead.",
        "The COVID-19 pandemic spread.",
        "Call 0800 123 4567 now.",
        "See tweet 771320635033260032 for details.",
        "Manchester United won 2-0 on Sunday.",
        "In 2012 people voted.",
        "He was elected to a fourth term.",
        "The 2015-16 season was long.",
        "Section 2 was struck down.",
    ] {
        assert!(find(t).is_empty(), "{t}: {:?}", find(t));
    }
}

#[test]
fn glued_symbols() {
    assert_eq!(
        one("It reached 47C in Basra.").unit.as_deref(),
        Some("celsius")
    );
    assert_eq!(
        one("The dividend was 11c a share.").unit.as_deref(),
        Some("cent")
    );
    let q = one("Iraq's population is about 38m.");
    assert_eq!((q.value, q.unit.as_deref()), (38e6, None));
    let q = one("The wall is 8m high.");
    assert_eq!((q.value, q.unit.as_deref()), (8.0, Some("m")));
}

#[test]
fn ranges_with_units() {
    let q = one("The deal is worth $20m-$30m.");
    assert_eq!(
        (q.value, q.high, q.unit.as_deref()),
        (20e6, Some(30e6), Some("USD"))
    );
    let q = one("between 2 and 3 million people");
    assert_eq!((q.value, q.high), (2e6, Some(3e6)));
    let q = one("20 to 30 per cent of homes");
    assert_eq!(
        (q.value, q.high, q.unit.as_deref()),
        (20.0, Some(30.0), Some("percent"))
    );
    // a change is two values, not a range
    assert_eq!(find("Prices rose from 20 to 30 rubles.").len(), 2);
    // different units are two quantities
    assert_eq!(find("sales rose 6% to $1.45 billion").len(), 2);
    let q = one("more than 10 and less than 20 boats");
    assert_eq!((q.value, q.high, q.bound), (10.0, Some(20.0), Bound::Range));
}

#[test]
fn spans_are_exact() {
    let t = "Officials said some 300 Yazidi women were abducted.";
    let q = one(t);
    assert_eq!(&t[q.start..q.end], "some 300");
    assert_eq!(&t[q.number.0..q.number.1], "300");
    assert_eq!(obj(t, &q), Some("Yazidi women"));
    assert_eq!(q.count_type, Some("KIDNAP"));
    let t = "It paid US$150 million in fines.";
    let q = one(t);
    assert_eq!(&t[q.start..q.end], "US$150 million");
    assert_eq!(&t[q.measure.0..q.measure.1], "US$150 million");
    assert_eq!(&t[q.number.0..q.number.1], "150 million");
}

use std::path::{Path, PathBuf};

use presslens_quantities::evaluate_specs;

/// Writes a tiny spec tree (own cases) with a BOM and inclusive char offsets.
fn synthetic_dir() -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("presslens-quantities-specs-{}", std::process::id()));
    let num = dir.join("Number/English");
    let nwu = dir.join("NumberWithUnit/English");
    std::fs::create_dir_all(&num).unwrap();
    std::fs::create_dir_all(&nwu).unwrap();
    let w = |p: &Path, body: &str| {
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend_from_slice(body.as_bytes());
        std::fs::write(p, bytes).unwrap();
    };
    w(
        &num.join("NumberModel.json"),
        r#"[{"Input":"Café had 12 tables","Results":[{"Text":"12","Start":9,"End":10,"TypeName":"number","Resolution":{"value":"12"}}]},
            {"Input":"one third and 7","Results":[{"Text":"one third","Start":0,"End":8,"TypeName":"number","Resolution":{"value":"0.333333333333333"}},{"Text":"7","Start":14,"End":14,"TypeName":"number","Resolution":{"value":"7"}}]},
            {"Input":"skip me 3","NotSupported":"dotNet, javascript","Results":[]}]"#,
    );
    w(
        &num.join("NumberRangeModel.json"),
        r#"[{"Input":"more than 30 boats","Results":[{"Text":"more than 30","Start":0,"End":11,"TypeName":"numberrange","Resolution":{"value":"(30,)"}}]},
            {"Input":"about 20-30 boats","Results":[{"Text":"20-30","Start":6,"End":10,"TypeName":"numberrange","Resolution":{"value":"[20,30)"}}]}]"#,
    );
    w(
        &num.join("PercentModel.json"),
        r#"[{"Input":"up 5 percent","Results":[{"Text":"5 percent","Start":3,"End":11,"TypeName":"percentage","Resolution":{"value":"5%"}}]}]"#,
    );
    w(
        &nwu.join("CurrencyModel.json"),
        r#"[{"Input":"it cost $ 3 million","Results":[{"Text":"$ 3 million","Start":8,"End":18,"TypeName":"currency","Resolution":{"value":"3000000","unit":"Dollar"}}]}]"#,
    );
    w(
        &nwu.join("DimensionModel.json"),
        r#"[{"Input":"a 12 km drive","Results":[{"Text":"12 km","Start":2,"End":6,"TypeName":"dimension","Resolution":{"value":"12","unit":"Kilometer"}}]},
            {"Input":"walls eight to 10 feet tall","Results":[{"Text":"10 feet","Start":15,"End":21,"TypeName":"dimension","Resolution":{"value":"10","unit":"Foot"}}]},
            {"Input":"50 meters per millisecond","Results":[{"Text":"50 meters per millisecond","Start":0,"End":24,"TypeName":"dimension","Resolution":{"value":"50","unit":"Meter per millisecond"}}]},
            {"Input":"a dollar sign","Results":[{"Text":"dollar","Start":2,"End":7,"TypeName":"currency","Resolution":{"value":null,"unit":"Dollar"}}]}]"#,
    );
    w(
        &nwu.join("TemperatureModel.json"),
        r#"[{"Input":"it was 30 degrees celsius","Results":[{"Text":"30 degrees celsius","Start":7,"End":24,"TypeName":"temperature","Resolution":{"value":"30","unit":"C"}}]}]"#,
    );
    w(
        &nwu.join("AgeModel.json"),
        r#"[{"Input":"she is 7 years old","Results":[{"Text":"7 years old","Start":7,"End":17,"TypeName":"age","Resolution":{"value":"7","unit":"Year"}}]}]"#,
    );
    dir
}

#[test]
fn synthetic_specs_score_perfectly() {
    let dir = synthetic_dir();
    let s = evaluate_specs(&dir).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(s.files.len(), 7);
    assert_eq!(s.files[0].skipped, 1);
    let raw = s.raw();
    // 12 valued gold results, all reproduced; one bare unit word without a value
    assert_eq!(raw.gold, 13, "{:#?}", s.failures);
    assert_eq!(raw.tp, 12, "{:#?}", s.failures);
    assert_eq!(raw.pred, 12, "{:#?}", s.failures);
    assert_eq!(raw.value_ok, 12, "{:#?}", s.failures);
    // the bare unit word is a contract conflict, left out of the adjusted figure
    let adj = s.adjusted();
    assert_eq!((adj.gold, adj.value_ok), (12, 12));
    assert_eq!(s.excluded_by_category, vec![("bare-unit", 1)]);
    assert_eq!(s.failures.len(), 1, "{:#?}", s.failures);
}

#[test]
fn missing_dir_is_an_error() {
    assert!(evaluate_specs(Path::new("/nonexistent/presslens/specs")).is_err());
}

#[test]
fn shared_specs_if_present() {
    let dir = Path::new("/work/shared/data/recognizers-text/Specs");
    if !dir.exists() {
        return;
    }
    let s = evaluate_specs(dir).unwrap();
    let adj = s.adjusted();
    let raw = s.raw();
    assert!(
        adj.value_accuracy() >= 0.99,
        "adjusted value accuracy {}",
        adj.value_accuracy()
    );
    assert!(
        raw.value_accuracy() >= 0.92,
        "raw value accuracy {}",
        raw.value_accuracy()
    );
    // every raw miss outside the adjusted figure is a listed conflict
    let excluded: usize = s.excluded_by_category.iter().map(|(_, n)| n).sum();
    let eg: usize = s
        .files
        .iter()
        .map(|f| f.excluded_gold + f.valueless_gold)
        .sum();
    assert_eq!(excluded, eg);
    assert_eq!(raw.gold, adj.gold + excluded);
}

#[test]
fn conventions_are_unique_and_explained() {
    use presslens_quantities::specs::CONVENTIONS;
    for (i, c) in CONVENTIONS.iter().enumerate() {
        assert!(!c.reason.is_empty() && !c.category.is_empty());
        assert!(
            CONVENTIONS
                .iter()
                .skip(i + 1)
                .all(|d| (d.file, d.input, d.result) != (c.file, c.input, c.result)),
            "duplicate {c:?}"
        );
    }
}

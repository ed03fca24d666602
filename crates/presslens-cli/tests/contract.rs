//! Real output validated against docs/presslens-1.schema.json.

mod common;
use common::*;

fn validator() -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/presslens-1.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn check(v: &serde_json::Value) {
    let val = validator();
    let errors: Vec<String> = val
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sample_output_matches_the_schema() {
    let path = sample();
    for extra in [&[][..], &["--tokens"][..]] {
        let mut args = vec!["analyze", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(path.to_str().unwrap());
        let out = presslens(&args, b"");
        assert!(out.status.success());
        let v = json(&out);
        check(&v);
        for key in [
            "entities",
            "attributions",
            "distancing",
            "timexes",
            "quantities",
            "framing",
            "sources",
        ] {
            assert!(v[key].is_array(), "{key}");
        }
    }
}

#[test]
fn error_records_match_the_schema() {
    let out = presslens(
        &[
            "analyze",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "-",
        ],
        b"{\"id\":\"x\"}\n",
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    check(&v);
    assert!(v.get("error").is_some());
}

#[test]
fn the_schema_rejects_broken_output() {
    let path = sample();
    let out = presslens(
        &["analyze", "--format", "json", path.to_str().unwrap()],
        b"",
    );
    let mut v = json(&out);
    v["sentences"][0].as_object_mut().unwrap().remove("zone");
    assert!(!validator().is_valid(&v));
    let mut v = json(&out);
    v["schema"] = "presslens/0".into();
    assert!(!validator().is_valid(&v));
}

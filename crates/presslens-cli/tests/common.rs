//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The example article shipped in the repository.
pub fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/rt-2016-12-24-assad-thanks-putin-aleppo.txt")
}

/// Runs `presslens` with `args`, feeding `stdin`.
pub fn presslens(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_presslens"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("presslens starts");
    {
        let mut si = child.stdin.take().expect("stdin");
        // The process may exit before reading everything (usage errors); ignore a broken pipe.
        let _ = si.write_all(stdin);
    }
    child.wait_with_output().expect("presslens runs")
}

/// Parses stdout as one JSON value.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Checks that every span in the value slices back out of its top-level text by code points.
pub fn assert_spans_slice(v: &serde_json::Value) -> usize {
    let text: Vec<char> = v["text"].as_str().expect("text").chars().collect();
    let mut n = 0;
    walk(v, &text, &mut n);
    n
}

fn walk(v: &serde_json::Value, text: &[char], n: &mut usize) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(s), Some(e), Some(t)) = (
                m.get("start").and_then(|x| x.as_u64()),
                m.get("end").and_then(|x| x.as_u64()),
                m.get("text").and_then(|x| x.as_str()),
            ) {
                let (s, e) = (s as usize, e as usize);
                assert!(s <= e && e <= text.len(), "span {s}..{e} out of range");
                let sub: String = text[s..e].iter().collect();
                assert_eq!(sub, t, "span {s}..{e}");
                *n += 1;
            }
            for (k, x) in m {
                if k != "text" {
                    walk(x, text, n);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, text, n)),
        _ => {}
    }
}

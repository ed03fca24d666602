//! Print `presslens_timex::find` output for a text given on the command line (or stdin).
//!
//! ```text
//! cargo run --release -p presslens-timex --example probe -- 1998-03-05 "He left on Friday."
//! ```

use std::io::Read;

use chrono::NaiveDate;
use presslens_timex::find;

fn main() {
    let mut args = std::env::args().skip(1);
    let dct = args
        .next()
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let mut text: Vec<String> = args.collect();
    if text.is_empty() {
        let mut s = String::new();
        if std::io::stdin().read_to_string(&mut s).is_ok() {
            text.push(s);
        }
    }
    let text = text.join(" ");
    for t in find(&text, dct) {
        println!(
            "[{}] {} {}{}",
            &text[t.start..t.end],
            t.kind.as_str(),
            t.value,
            t.mod_.map(|m| format!(" mod={m}")).unwrap_or_default()
        );
    }
}

//! Renders presslens/1 JSON (one object, or JSON Lines) from a file or standard input as one
//! HTML page on standard output: `cargo run -p presslens-web --example render_json -- out.json`.

use std::io::Read;

fn main() -> anyhow::Result<()> {
    let mut input = String::new();
    match std::env::args().nth(1) {
        Some(path) if path != "-" => input = std::fs::read_to_string(path)?,
        _ => {
            std::io::stdin().read_to_string(&mut input)?;
        }
    }
    let values: Vec<serde_json::Value> = match serde_json::from_str(&input) {
        Ok(v) => vec![v],
        Err(_) => input
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?,
    };
    print!("{}", presslens_web::render_articles(&values));
    Ok(())
}

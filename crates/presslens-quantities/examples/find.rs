//! Prints the quantities found in each line of stdin.
//!
//! Usage: `echo "At least 12 people were killed" | cargo run -p presslens-quantities --example find`

use std::io::BufRead;

fn main() {
    let stdin = std::io::stdin();
    for line in stdin.lock().split(b'\n') {
        let Ok(bytes) = line else { break };
        let line = String::from_utf8_lossy(&bytes).into_owned();
        println!("{line}");
        for q in presslens_quantities::find(&line) {
            let obj = q.object.map(|(s, e)| &line[s..e]).unwrap_or("");
            println!(
                "  [{}] value={} high={:?} bound={} unit={:?} object={:?} type={:?}",
                &line[q.start..q.end],
                q.value,
                q.high,
                q.bound.as_str(),
                q.unit,
                obj,
                q.count_type
            );
        }
    }
}

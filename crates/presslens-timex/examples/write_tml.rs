//! Write `presslens_timex::find` output as inline TimeML next to the gold files, so the
//! official TempEval-3 scorer (`TE3-evaluation.py`) can score it.
//!
//! ```text
//! cargo run --release -p presslens-timex --example write_tml -- GOLD_DIR OUT_GOLD OUT_SYS
//! ```
//! Both outputs keep the gold document head; inside `TEXT` all tags except `TIMEX3` are
//! dropped (the TE3 scorer reads a TIMEX3 only when no tag is nested in it). `OUT_GOLD`
//! gets the gold TIMEX3s, `OUT_SYS` ours. Then, with Python 2.7 as `python` and Java:
//!
//! ```text
//! cd TempEval-3/Tools/tools && python2 TE3-evaluation.py OUT_GOLD OUT_SYS
//! ```
//! (its "Timex Performance" block; the relation scores are meaningless here).

use std::path::{Path, PathBuf};

use presslens_timex::{find, parse_timeml, Timex};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn render(text: &str, tx: &[Timex]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (k, t) in tx.iter().enumerate() {
        if t.start < at || t.end <= t.start {
            continue;
        }
        out.push_str(&esc(&text[at..t.start]));
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\">{}</TIMEX3>",
            k + 1000,
            t.kind.as_str(),
            t.value,
            esc(&text[t.start..t.end])
        ));
        at = t.end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 3 {
        eprintln!("usage: write_tml GOLD_DIR OUT_GOLD OUT_SYS");
        std::process::exit(2);
    }
    let (gd, og, os) = (
        PathBuf::from(&args[0]),
        PathBuf::from(&args[1]),
        PathBuf::from(&args[2]),
    );
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&gd) {
        Ok(r) => r.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    paths.retain(|p| p.extension().is_some_and(|x| x == "tml"));
    paths.sort();
    for p in paths {
        let Ok(src) = std::fs::read_to_string(&p) else {
            continue;
        };
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name else { continue };
        let Ok(doc) = parse_timeml(&name, &src) else {
            continue;
        };
        let Some(a) = src.find("<TEXT>") else {
            continue;
        };
        let head = &src[..a + "<TEXT>".len()];
        let tail = "</TEXT>\n</TimeML>\n";
        let pred = find(&doc.text, doc.dct);
        let write = |dir: &Path, tx: &[Timex]| {
            let body = format!("{head}{}{tail}", render(&doc.text, tx));
            if let Err(e) = std::fs::write(dir.join(&name), body) {
                eprintln!("{}: {e}", dir.join(&name).display());
            }
        };
        write(&og, &doc.timexes);
        write(&os, &pred);
    }
}

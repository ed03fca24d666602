//! Near-duplicate detection precision and recall on a constructed set.
//!
//! Takes the `.txt` files of a directory (sorted), uses the first `--n` as originals and the rest
//! as distinct articles, and makes one edited copy of each original with a seeded generator:
//! 1–3 of {drop a sentence, swap two sentences, substitute 5% of the words, new headline}, plus
//! optionally a heavy copy (`--heavy`: all four edits, 10% words). Every pair of texts the
//! detector groups is a predicted pair; the gold pairs are (original, its copy).
//!
//! ```sh
//! cargo run --release -p presslens-corpus --example dupes -- ../shared/data/polnear/data/train/text --n 300
//! ```

use presslens_corpus::dedup;
use std::collections::HashSet;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn sentences(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for w in body.split_inclusive(' ') {
        cur.push_str(w);
        let t = w.trim_end();
        if t.ends_with('.') || t.ends_with('?') || t.ends_with('!') || w.ends_with('\n') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn edit(text: &str, rng: &mut Rng, heavy: bool) -> String {
    let (head, body) = text.split_once('\n').unwrap_or(("", text));
    let mut sents = sentences(body);
    let ops: Vec<usize> = if heavy {
        vec![0, 1, 2, 3]
    } else {
        let k = 1 + rng.below(3);
        let mut v: Vec<usize> = (0..4).collect();
        for i in 0..4 {
            let j = i + rng.below(4 - i);
            v.swap(i, j);
        }
        v.truncate(k);
        v
    };
    let mut head = head.to_string();
    for op in ops {
        match op {
            0 if sents.len() > 3 => {
                let i = rng.below(sents.len());
                sents.remove(i);
            }
            1 if sents.len() > 3 => {
                let i = rng.below(sents.len());
                let j = rng.below(sents.len());
                sents.swap(i, j);
            }
            2 => {
                let rate = if heavy { 10 } else { 20 };
                let vocab = [
                    "however",
                    "reportedly",
                    "officials",
                    "Monday",
                    "major",
                    "new",
                ];
                for s in &mut sents {
                    let ws: Vec<String> = s
                        .split(' ')
                        .map(|w| {
                            if rng.below(rate) == 0 {
                                vocab[rng.below(vocab.len())].to_string()
                            } else {
                                w.to_string()
                            }
                        })
                        .collect();
                    *s = ws.join(" ");
                }
            }
            3 => head = format!("UPDATED: {} ({})", head, rng.below(1000)),
            _ => {}
        }
    }
    format!("{head}\n{}", sents.concat())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: dupes DIR [--n N] [--threshold T] [--heavy]");
        std::process::exit(2);
    };
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let n: usize = get("--n").and_then(|v| v.parse().ok()).unwrap_or(300);
    let threshold: f64 = get("--threshold")
        .and_then(|v| v.parse().ok())
        .unwrap_or(dedup::DUPLICATE_THRESHOLD);
    let heavy = args.iter().any(|a| a == "--heavy");
    let mut names: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(2);
        }
    };
    names.sort();
    let texts: Vec<String> = names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let n = n.min(texts.len());
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut all: Vec<String> = texts.clone();
    let mut gold: HashSet<(usize, usize)> = HashSet::new();
    for (i, t) in texts.iter().enumerate().take(n) {
        all.push(edit(t, &mut rng, false));
        gold.insert((i, all.len() - 1));
        if heavy {
            all.push(edit(t, &mut rng, true));
            gold.insert((i, all.len() - 1));
            gold.insert((all.len() - 2, all.len() - 1));
        }
    }
    let t0 = std::time::Instant::now();
    let sigs: Vec<dedup::Signature> = all.iter().map(|t| dedup::shingle_signature(t)).collect();
    let mut predicted: HashSet<(usize, usize)> = HashSet::new();
    for g in dedup::duplicate_groups(&sigs, threshold) {
        for (x, &i) in g.iter().enumerate() {
            for &j in &g[x + 1..] {
                predicted.insert((i, j));
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let tp = predicted.intersection(&gold).count();
    let p = if predicted.is_empty() {
        1.0
    } else {
        tp as f64 / predicted.len() as f64
    };
    let r = tp as f64 / gold.len().max(1) as f64;
    println!(
        "texts {} (originals {n}, distinct {}, copies {}), threshold {threshold}",
        all.len(),
        texts.len() - n,
        all.len() - texts.len()
    );
    println!(
        "gold pairs {}, predicted pairs {}, true positives {tp}: precision {p:.3}, recall {r:.3} ({secs:.2} s)",
        gold.len(),
        predicted.len()
    );
    let mut fps: Vec<_> = predicted.difference(&gold).collect();
    fps.sort();
    for (i, j) in fps.iter().take(5) {
        println!(
            "  false positive: {} ~ {} (est. Jaccard {:.2})",
            names
                .get(*i)
                .map_or("copy".into(), |p| p.display().to_string()),
            names
                .get(*j)
                .map_or("copy".into(), |p| p.display().to_string()),
            dedup::similarity(&sigs[*i], &sigs[*j])
        );
    }
}

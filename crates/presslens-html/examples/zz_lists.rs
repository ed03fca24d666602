fn main() {
    let body = "The harbour authority approved the new ferry terminal on Tuesday after a public consultation.";
    for n in [10_000usize, 30_000, 100_000] {
        for (name, item) in [("li-empty", "<li>"), ("li-x", "<li>x</li>"), ("p-x", "<p>x</p>"), ("div-empty", "<div></div>"), ("span-x", "<span>x</span>")] {
            let html = format!("<html><body><ul>{}</ul><p>{body}</p></body></html>", item.repeat(n));
            let t = std::time::Instant::now();
            let opts = trafilatura::Options::default().with_fallback(true).with_exclude_comments(true);
            let r = trafilatura::extract(&html, &opts).map(|r| r.content_text.len());
            println!("n={n} {name:<10} {:>9.2?} {:?}", t.elapsed(), r.map_err(|e| e.to_string()));
        }
    }
}

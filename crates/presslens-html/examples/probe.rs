use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() > 1 {
        let bytes = std::fs::read(&args[1]).unwrap();
        let s = String::from_utf8_lossy(&bytes);
        let opts = trafilatura::Options::default().with_fallback(true).with_exclude_comments(true);
        let r = trafilatura::extract(&s, &opts);
        match r { Ok(r) => { println!("HTML:\n{}\n\nTEXT:\n{}\nMETA: {:?}", r.content_html, r.content_text, r.metadata); } Err(e) => println!("ERR {e}") }
        return;
    }
    for n in [1000usize, 10000, 30000, 100000] {
        let html = format!("<html><body>{}<p>deep text</p>{}</body></html>", "<div>".repeat(n), "</div>".repeat(n));
        let t = Instant::now();
        let d = scraper::Html::parse_document(&html);
        println!("parse n={n} {:?}", t.elapsed());
        drop(d);
        let t = Instant::now();
        let h = std::thread::Builder::new().stack_size(256<<20).spawn(move || {
            let r = trafilatura::extract(&html, &trafilatura::Options::default().with_fallback(true));
            r.map(|r| r.content_text.len())
        }).unwrap().join();
        println!("extract n={n} {:?} {:?}", t.elapsed(), h.map(|r| r.map_err(|e| e.to_string())));
    }
}

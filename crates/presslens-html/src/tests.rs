//! Unit tests for [`crate::extract`] on small hand-written pages.

use super::*;

const BODY: &str = "The harbour authority approved the new ferry terminal on Tuesday after \
    a public consultation that lasted nearly two years and drew thousands of responses.";

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>")
}

fn article_body() -> String {
    format!(
        "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>Ferry terminal approved</h1>\
         <p>{BODY}</p>\
         <h2>What happens next</h2>\
         <p>Construction is expected to start in the spring and to take about eighteen \
         months, according to the port's chief engineer, who spoke to reporters.</p>\
         <ul><li>Phase one: dredging the channel.</li><li>Phase two: the passenger building.</li></ul>\
         <blockquote>We listened to every objection, the chair of the authority said.</blockquote>\
         <p>Opponents said they would keep campaigning against the project in the courts \
         and at the next municipal election later this year.</p></article>\
         <footer>Copyright Example Gazette</footer>"
    )
}

#[test]
fn metadata_from_meta_tags() {
    let head = r#"<title>Ferry terminal approved | Example Gazette</title>
        <meta property="og:title" content="Ferry terminal approved">
        <meta property="og:site_name" content="Example Gazette">
        <meta name="author" content="Jane Roe">
        <meta property="article:published_time" content="2024-03-05T14:30:00+01:00">
        <link rel="canonical" href="https://gazette.example/2024/03/ferry">"#;
    let a = extract(&page(head, &article_body())).expect("article extracts");
    assert_eq!(a.title.as_deref(), Some("Ferry terminal approved"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05T14:30+01:00"));
    assert_eq!(a.authors, vec!["Jane Roe".to_string()]);
    assert_eq!(a.site.as_deref(), Some("Example Gazette"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://gazette.example/2024/03/ferry")
    );
}

#[test]
fn metadata_from_json_ld_and_time_element() {
    let head = r#"<title>Ferry terminal approved</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"NewsArticle","headline":"Ferry terminal approved",
           "datePublished":"2024-03-05",
           "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}]}]}
        </script>"#;
    let a = extract(&page(head, &article_body())).expect("article extracts");
    assert_eq!(a.title.as_deref(), Some("Ferry terminal approved"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));
    assert!(a.authors.iter().any(|x| x == "Jane Roe"), "{:?}", a.authors);
    assert!(a.authors.iter().any(|x| x == "John Doe"), "{:?}", a.authors);

    let body = format!(
        "<p>Published <time datetime=\"2023-11-20T08:15\">20 November</time></p>{}",
        article_body()
    );
    let a = extract(&page("<title>T</title>", &body)).expect("article extracts");
    assert_eq!(a.published.as_deref(), Some("2023-11-20T08:15"));
}

#[test]
fn paragraphs_in_order_and_by_block() {
    let a = extract(&page("<title>Ferry</title>", &article_body())).expect("article extracts");
    let p = &a.paragraphs;
    let pos = |needle: &str| {
        p.iter()
            .position(|x| x.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} missing from {p:#?}"))
    };
    let order = [
        pos("harbour authority approved"),
        pos("What happens next"),
        pos("Construction is expected"),
        pos("Phase one"),
        pos("Phase two"),
        pos("We listened"),
        pos("Opponents said"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?} in {p:#?}");
    assert_eq!(p[pos("Phase one")], "Phase one: dredging the channel.");
    assert_eq!(p[pos("harbour")], BODY);
    for para in p {
        assert!(!para.is_empty());
        assert!(!para.contains('\n'));
        assert_eq!(para.trim(), para);
        assert!(!para.contains("  "));
    }
    assert!(!p.iter().any(|x| x.contains("Copyright")), "{p:#?}");
}

#[test]
fn whitespace_inside_blocks_is_collapsed() {
    let body = format!(
        "<article><p>  First   line\n   continues\there.  {BODY}</p><p>Second {BODY}</p></article>"
    );
    let a = extract(&page("<title>W</title>", &body)).expect("article extracts");
    assert!(a.paragraphs[0].starts_with("First line continues here. The harbour"));
    assert!(a.paragraphs[1].starts_with("Second The harbour"));
}

#[test]
fn script_and_style_never_in_output() {
    let body = format!(
        "<article><script>var tracker = 'SCRIPTLEAK'; document.write('<p>SCRIPTLEAK2</p>');</script>\
         <style>.x{{color:red}} STYLELEAK</style>\
         <p>{BODY}<script>alert('SCRIPTLEAK3')</script></p>\
         <noscript>NOSCRIPTLEAK</noscript><p>{BODY}</p></article>"
    );
    let head = "<title>S</title><script>window.HEADLEAK = 1;</script>";
    let a = extract(&page(head, &body)).expect("article extracts");
    let all = a.paragraphs.join("\n");
    assert!(all.contains("harbour authority"));
    for leak in [
        "SCRIPTLEAK",
        "STYLELEAK",
        "NOSCRIPTLEAK",
        "HEADLEAK",
        "<script",
        "alert(",
        "color:red",
    ] {
        assert!(!all.contains(leak), "{leak} leaked into {all:?}");
    }
}

#[test]
fn falls_back_to_title_tag() {
    let a = extract(&page("<title>Only a title</title>", "")).expect("title only is ok");
    assert_eq!(a.title.as_deref(), Some("Only a title"));
    assert!(a.paragraphs.is_empty());
}

#[test]
fn deep_nesting_bomb_does_not_crash() {
    let n = 100_000;
    let html = format!(
        "<html><head><title>Deep</title></head><body>{}<p>{BODY}</p>{}<p>Shallow {BODY}</p></body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let start = std::time::Instant::now();
    let result = extract(&html);
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    let a = result.expect("deep page still extracts");
    assert!(a.paragraphs.iter().any(|p| p.contains("Shallow")), "{a:?}");
}

#[test]
fn other_deep_shapes_do_not_crash() {
    let n = 50_000;
    let shapes = [
        "<span></div>".repeat(n),
        "<b><i>".repeat(n),
        "<table><tr><td>".repeat(n / 10),
        "<ul><li>".repeat(n),
        "<svg><g>".repeat(n),
        format!("{}x", "<div/>".repeat(n)),
        "<dl><dt><dd>".repeat(n),
        // Misnested formatting with distinct attributes: without the guard html5ever
        // re-creates every earlier <b> at each step (quadratic memory).
        (0..n).map(|i| format!("<div><b id={i}></div>")).collect(),
    ];
    for body in shapes {
        let html = format!("<html><body>{body}<p>{BODY}</p></body></html>");
        let start = std::time::Instant::now();
        let _ = extract(&html);
        assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    }
}

#[test]
fn empty_and_whitespace_input_are_errors() {
    assert!(extract("").is_err());
    assert!(extract(" \n\t ").is_err());
    let e = extract("").expect_err("empty is an error");
    assert!(!e.to_string().is_empty());
}

#[test]
fn binary_junk_does_not_panic() {
    // Deterministic pseudo-random bytes (xorshift), decoded lossily as a caller would.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    assert!(extract(&text).is_err());
    let decoded = decode_html(&bytes);
    assert!(extract(&decoded).is_err());
    // Junk that looks more like text must not panic either.
    let _ = extract("<<<>>></p></div><!-- <![CDATA[ &#0; &#xFFFFFF; <a href='");
    let _ = extract("\u{0}\u{0}<p>\u{0}</p>");
    let _ = extract("<");
}

#[test]
fn plain_text_input_does_not_panic() {
    let _ = extract(BODY);
}

#[test]
fn error_type_is_std_error() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
    let e = HtmlError::new("x");
    assert_error(&e);
    assert_eq!(e.to_string(), "x");
}

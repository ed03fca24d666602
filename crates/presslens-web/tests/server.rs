//! The server's routes, driven in-process (no sockets).

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use presslens_web::{router, Analyzer, JsonlLibrary, Library, ServeConfig};
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;

fn fake_result(text: &str) -> Value {
    let n = text.chars().count();
    let end = n.min(5);
    json!({
        "schema": "presslens/1", "id": null, "text": text,
        "document": {"title": {"start": 0, "end": end, "text": text.chars().take(end).collect::<String>()}},
        "sentences": [], "entities": [], "distancing": [], "timexes": [], "quantities": [],
        "framing": [], "sources": [],
        "attributions": [{"id": "a1", "kind": "direct", "content": {"start": 0, "end": end, "text": ""},
                          "cue": null, "source": null, "via": null}]
    })
}

fn config() -> ServeConfig {
    let analyzer: Analyzer = Arc::new(|text: &str, _published: Option<&str>| fake_result(text));
    let lib = JsonlLibrary::from_values(vec![
        json!({"schema": "presslens/1", "id": "rt 1/x", "text": "Assad thanks Putin",
               "document": {"title": {"start": 0, "end": 5, "text": "Assad"}}}),
        json!({"schema": "presslens/1", "id": "bad", "error": {"input": "x", "line": 2, "message": "<oops>"}}),
    ]);
    let library: Arc<dyn Library> = Arc::new(lib);
    ServeConfig {
        analyzer: Some(analyzer),
        library: Some(library),
        body_limit: 64 * 1024,
        ..ServeConfig::default()
    }
}

async fn send(req: Request<Body>) -> (StatusCode, String) {
    let app = router(&config());
    let resp = match app.oneshot(req).await {
        Ok(r) => r,
        Err(e) => match e {},
    };
    let status = resp.status();
    let bytes = to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

fn post_form(body: String) -> Request<Body> {
    Request::post("/analyze")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test]
async fn home_has_paste_box_and_articles() {
    let (status, body) = send(get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("id=\"paste-text\""));
    assert!(body.contains("href=\"/article/rt%201%2Fx\""));
}

#[tokio::test]
async fn paste_is_analysed_and_escaped() {
    let (status, body) = send(post_form(
        "text=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%3Cimg+src%3Dx+onerror%3Dalert(1)%3E".into(),
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!body.contains("<img"));
    assert_eq!(body.matches("<script").count(), 2);
}

#[tokio::test]
async fn empty_paste_is_a_bad_request() {
    let (status, _) = send(post_form("text=+++".into())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn oversized_body_is_413() {
    let big = format!("text={}", "a".repeat(100 * 1024));
    let (status, _) = send(post_form(big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn article_search_and_missing_pages() {
    let (status, body) = send(get("/article/rt%201%2Fx")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Assad thanks Putin"));
    let (status, body) = send(get("/article/bad")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("&lt;oops&gt;"));
    let (status, _) = send(get("/article/nope")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = send(get("/search?q=putin")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("1 articles"));
    let (status, body) = send(get("/search?q=%3Cscript%3E")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("&lt;script&gt;"));
    let (status, _) = send(get("/story/1")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = send(get("/no/such/page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

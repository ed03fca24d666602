//! `presslens serve`: a small local web server around the article view.
//!
//! Routes: `GET /` (paste box, article list, stories), `POST /analyze` (form field `text`, and
//! optionally `published`), `GET /article/{id}` (optionally `?hl=START-END`: that span, in code
//! points, is highlighted and scrolled to), `GET /search` (`q` and the field filters of
//! `presslens search`: `outlet`, `from`, `to`, `source`, `source_type`, `entity`, `count_type`,
//! `kind`, `framing`), `GET /story/{id}`, `GET /healthz`. Request bodies over the configured limit get 413.

use crate::escape::{html, push_html};
use crate::library::{Hit, Library};
use crate::render::{article_section, message_html, page, page_title};
use anyhow::{Context, Result};
use axum::extract::{DefaultBodyLimit, Form, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use presslens_corpus::store::Filters;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// Default request body limit: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Most hits on a search page or the home page.
const LIST_LIMIT: usize = 100;

/// Analyses a pasted text: `(text, published)` to a presslens/1 result (or error record).
///
/// Called on a blocking worker thread.
pub type Analyzer = Arc<dyn Fn(&str, Option<&str>) -> Value + Send + Sync>;

/// How to run the server.
#[derive(Clone)]
pub struct ServeConfig {
    /// Address to listen on; loopback by default.
    pub bind: IpAddr,
    /// Port; 0 picks a free one (the address is printed on standard output).
    pub port: u16,
    /// Largest accepted request body in bytes; larger requests get 413.
    pub body_limit: usize,
    /// Analyses pasted texts; without it the paste box is not offered.
    pub analyzer: Option<Analyzer>,
    /// Analysed articles to show and search; without it only the paste box is offered.
    pub library: Option<Arc<dyn Library>>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            body_limit: DEFAULT_BODY_LIMIT,
            analyzer: None,
            library: None,
        }
    }
}

#[derive(Clone)]
struct AppState {
    analyzer: Option<Analyzer>,
    library: Option<Arc<dyn Library>>,
}

/// The application's routes, for [`serve`] and for tests.
pub fn router(config: &ServeConfig) -> Router {
    let state = AppState {
        analyzer: config.analyzer.clone(),
        library: config.library.clone(),
    };
    Router::new()
        .route("/", get(home))
        .route("/analyze", post(analyze))
        .route("/article/{id}", get(article))
        .route("/search", get(search))
        .route("/story/{id}", get(story))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(|| async {
            html_page(
                StatusCode::NOT_FOUND,
                "presslens: not found",
                &message_html("Not found", "There is no such page."),
                true,
            )
        })
        .layer(DefaultBodyLimit::max(config.body_limit))
        .with_state(state)
}

/// Runs the server until Ctrl-C or SIGTERM.
///
/// Prints `presslens serve: listening on http://ADDR/` on standard output once it accepts
/// connections (with the real port when `port` is 0).
pub async fn serve(config: ServeConfig) -> Result<()> {
    let addr = SocketAddr::new(config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr().context("listening address")?;
    if !local.ip().is_loopback() {
        eprintln!("presslens serve: warning: listening on {local}, which is not a loopback address; anyone who can reach it can use this server");
    }
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "presslens serve: listening on http://{local}/")?;
        out.flush()?;
    }
    axum::serve(listener, router(&config))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server")?;
    Ok(())
}

/// Runs [`serve`] on a new multi-threaded runtime, blocking until the server stops.
pub fn serve_blocking(config: ServeConfig) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    rt.block_on(serve(config))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, wait for SIGTERM alone.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

// ---------------------------------------------------------------------------------------------

/// Percent-encodes `s` for use as one path segment or query value.
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn nav(state_has_library: bool, q: &str) -> String {
    let mut n = String::from("<nav class=\"top\"><a href=\"/\">presslens</a>");
    if state_has_library {
        n.push_str("<form method=\"get\" action=\"/search\" role=\"search\"><input type=\"search\" name=\"q\" placeholder=\"search articles\" aria-label=\"search\" value=\"");
        push_html(&mut n, q);
        n.push_str("\"><button type=\"submit\">Search</button></form><a href=\"/search\" class=\"more\">filters</a>");
    }
    n.push_str("</nav>\n");
    n
}

fn html_page(status: StatusCode, title: &str, body: &str, library: bool) -> Response {
    html_response(
        status,
        page(title, &nav(library, ""), body, &Value::Object(Map::new())),
    )
}

fn html_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

fn internal_error(e: &anyhow::Error, library: bool) -> Response {
    eprintln!("presslens serve: {e:#}");
    html_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "presslens: error",
        &message_html("Something went wrong", &format!("{e:#}")),
        library,
    )
}

/// An article page: the article section with the site navigation, and `hit` highlighted.
fn article_page(v: &Value, library: bool, hit: Option<(usize, usize)>) -> Response {
    let mut data = Map::new();
    let body = article_section(v, 0, &mut data, hit);
    html_response(
        StatusCode::OK,
        page(
            &page_title(v),
            &nav(library, ""),
            &body,
            &Value::Object(data),
        ),
    )
}

/// The address of article `id`, with span `(start, end)` highlighted if given.
fn article_href(id: &str, span: Option<(usize, usize)>) -> String {
    let mut href = format!("/article/{}", url_encode(id));
    if let Some((s, e)) = span {
        let _ = write!(href, "?hl={s}-{e}");
    }
    href
}

/// `text` cut to at most `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max).collect();
    s.push('…');
    s
}

fn hits_html(out: &mut String, hits: &[Hit]) {
    out.push_str("<ol class=\"results\">");
    for h in hits {
        out.push_str("<li><a class=\"hit\" href=\"");
        push_html(out, &article_href(&h.id, None));
        out.push_str("\">");
        push_html(out, h.title.as_deref().unwrap_or(&h.id));
        out.push_str("</a>");
        if let Some(p) = &h.published {
            out.push_str(" <span class=\"kind\">");
            push_html(out, p);
            out.push_str("</span>");
        }
        if !h.snippet.is_empty() {
            out.push_str("<div class=\"snippet\">");
            push_html(out, &h.snippet);
            out.push_str("</div>");
        }
        for e in &h.evidence {
            out.push_str("<div class=\"ev\"><a class=\"ev-link\" href=\"");
            push_html(out, &article_href(&h.id, Some((e.start, e.end))));
            out.push_str("\">");
            push_html(out, &clip(&e.text, 300));
            out.push_str("</a>");
            if let Some(l) = &e.label {
                out.push_str(" <span class=\"kind\">");
                push_html(out, l);
                out.push_str("</span>");
            }
            out.push_str("</div>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

/// Runs a library call on a blocking thread.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .context("worker thread failed")?
}

// ---------------------------------------------------------------------------------------------
// Handlers.

async fn home(State(st): State<AppState>) -> Response {
    let has_lib = st.library.is_some();
    let mut body = String::from("<section class=\"article\">");
    if st.analyzer.is_some() {
        body.push_str(
            "<h1>Analyse an article</h1>\
             <form class=\"paste\" method=\"post\" action=\"/analyze\">\
             <textarea name=\"text\" id=\"paste-text\" required placeholder=\"Paste the article text here: headline first, then a blank line and the body.\"></textarea>\
             <div class=\"row\"><label>published <input type=\"text\" name=\"published\" id=\"paste-published\" placeholder=\"2016-12-24\" size=\"18\"></label>\
             <button type=\"submit\" id=\"paste-submit\">Analyse</button></div></form>",
        );
    }
    if let Some(lib) = st.library.clone() {
        let lists = blocking(move || Ok((lib.list(LIST_LIMIT)?, lib.stories(LIST_LIMIT)?))).await;
        match lists {
            Ok((hits, stories)) => {
                if !stories.is_empty() {
                    body.push_str("<h2>Stories</h2><ol class=\"results stories\">");
                    for s in &stories {
                        body.push_str("<li><a href=\"/story/");
                        body.push_str(&url_encode(&s.id));
                        body.push_str("\">");
                        push_html(&mut body, &s.title);
                        let _ = write!(
                            body,
                            "</a> <span class=\"kind\">{} articles</span></li>",
                            s.size
                        );
                    }
                    body.push_str("</ol>");
                }
                body.push_str("<h2>Articles</h2>");
                if hits.is_empty() {
                    body.push_str("<p class=\"none\">No articles.</p>");
                } else {
                    hits_html(&mut body, &hits);
                }
            }
            Err(e) => return internal_error(&e, has_lib),
        }
    }
    if st.analyzer.is_none() && st.library.is_none() {
        body.push_str("<p>Nothing to show: start the server with articles or an analyser.</p>");
    }
    body.push_str("</section>");
    html_page(StatusCode::OK, "presslens", &body, has_lib)
}

#[derive(Deserialize)]
struct PasteForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    published: Option<String>,
}

async fn analyze(State(st): State<AppState>, Form(form): Form<PasteForm>) -> Response {
    let has_lib = st.library.is_some();
    let Some(analyzer) = st.analyzer.clone() else {
        return html_page(
            StatusCode::NOT_FOUND,
            "presslens: not found",
            &message_html("Not available", "This server does not analyse texts."),
            has_lib,
        );
    };
    if form.text.trim().is_empty() {
        return html_page(
            StatusCode::BAD_REQUEST,
            "presslens: empty text",
            &message_html("Nothing to analyse", "The text was empty."),
            has_lib,
        );
    }
    let published = form
        .published
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty());
    let result = blocking(move || Ok(analyzer(&form.text, published.as_deref()))).await;
    match result {
        Ok(v) => article_page(&v, has_lib, None),
        Err(e) => internal_error(&e, has_lib),
    }
}

#[derive(Deserialize)]
struct ArticleQuery {
    /// A span to highlight, `START-END` in code points.
    #[serde(default)]
    hl: Option<String>,
}

/// Parses `START-END` (start before end); anything else is no span.
fn parse_span(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.split_once('-')?;
    let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a < b).then_some((a, b))
}

async fn article(
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<ArticleQuery>,
) -> Response {
    let hit = query.hl.as_deref().and_then(parse_span);
    let Some(lib) = st.library.clone() else {
        return html_page(
            StatusCode::NOT_FOUND,
            "presslens: not found",
            &message_html("Not found", "This server has no articles."),
            false,
        );
    };
    let wanted = id.clone();
    match blocking(move || lib.get(&wanted)).await {
        Ok(Some(v)) => article_page(&v, true, hit),
        Ok(None) => html_page(
            StatusCode::NOT_FOUND,
            "presslens: not found",
            &message_html("Not found", &format!("There is no article {id}.")),
            true,
        ),
        Err(e) => internal_error(&e, true),
    }
}

/// The search form's fields: the query and the field filters of `presslens search`.
#[derive(Deserialize, Default)]
struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    outlet: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    source_type: String,
    #[serde(default)]
    entity: String,
    #[serde(default)]
    count_type: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    framing: String,
}

/// Source types (`resources/actors.tsv` and the typing rules), for the form's menu.
const SOURCE_TYPES: &[&str] = &[
    "head_of_state",
    "government",
    "military",
    "state_media",
    "public_media",
    "wire_agency",
    "media",
    "international_org",
    "ngo",
    "armed_group",
    "opposition",
    "party",
    "company",
    "expert",
    "citizen",
    "anonymous",
];

/// Statement kinds, for the form's menu.
const KINDS: &[&str] = &["direct", "partial", "indirect", "according_to", "colon"];

/// Framing categories, for the form's menu.
const FRAMING: &[&str] = &[
    "labeling",
    "loaded",
    "evaluative",
    "booster",
    "hedge",
    "distancing",
];

impl SearchQuery {
    fn filters(&self) -> Filters {
        let f = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Filters {
            query: f(&self.q),
            outlet: f(&self.outlet),
            from: f(&self.from),
            to: f(&self.to),
            source: f(&self.source),
            source_type: f(&self.source_type),
            entity: f(&self.entity),
            count_type: f(&self.count_type),
            kind: f(&self.kind),
            framing: f(&self.framing),
            ..Filters::default()
        }
    }

    /// The filled-in fields as `name: value` pairs, for the heading.
    fn describe(&self) -> String {
        let fields = [
            ("outlet", &self.outlet),
            ("from", &self.from),
            ("to", &self.to),
            ("source", &self.source),
            ("source type", &self.source_type),
            ("entity", &self.entity),
            ("count type", &self.count_type),
            ("kind", &self.kind),
            ("framing", &self.framing),
        ];
        let mut parts: Vec<String> = Vec::new();
        if !self.q.trim().is_empty() {
            parts.push(self.q.trim().to_string());
        }
        for (name, v) in fields {
            if !v.trim().is_empty() {
                parts.push(format!("{name}: {}", v.trim()));
            }
        }
        parts.join(" · ")
    }
}

fn text_field(out: &mut String, label: &str, name: &str, value: &str, placeholder: &str) {
    let _ = write!(
        out,
        "<label>{label} <input type=\"text\" name=\"{name}\" id=\"f-{name}\" placeholder=\""
    );
    push_html(out, placeholder);
    out.push_str("\" value=\"");
    push_html(out, value);
    out.push_str("\"></label>");
}

fn select_field(out: &mut String, label: &str, name: &str, value: &str, options: &[&str]) {
    let _ = write!(
        out,
        "<label>{label} <select name=\"{name}\" id=\"f-{name}\"><option value=\"\">any</option>"
    );
    let value = value.trim();
    let mut known = false;
    for o in options {
        let sel = if *o == value {
            known = true;
            " selected"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<option value=\"{o}\"{sel}>{}</option>",
            o.replace('_', " ")
        );
    }
    if !known && !value.is_empty() {
        // A value from the address that is not in the menu stays selected, escaped.
        out.push_str("<option selected value=\"");
        push_html(out, value);
        out.push_str("\">");
        push_html(out, value);
        out.push_str("</option>");
    }
    out.push_str("</select></label>");
}

/// The search form, filled in with `q`.
fn search_form(q: &SearchQuery) -> String {
    let mut out = String::from(
        "<form class=\"filters\" id=\"search-form\" method=\"get\" action=\"/search\" role=\"search\">",
    );
    text_field(&mut out, "words", "q", &q.q, "Aleppo evacuation");
    text_field(&mut out, "outlet", "outlet", &q.outlet, "RT");
    text_field(&mut out, "from", "from", &q.from, "2016-12");
    text_field(&mut out, "to", "to", &q.to, "2016-12-31");
    text_field(&mut out, "source", "source", &q.source, "Shoigu");
    select_field(
        &mut out,
        "source type",
        "source_type",
        &q.source_type,
        SOURCE_TYPES,
    );
    text_field(&mut out, "entity", "entity", &q.entity, "Aleppo");
    text_field(
        &mut out,
        "count type",
        "count_type",
        &q.count_type,
        "displaced",
    );
    select_field(&mut out, "statement kind", "kind", &q.kind, KINDS);
    select_field(&mut out, "framing", "framing", &q.framing, FRAMING);
    out.push_str("<button type=\"submit\" id=\"f-submit\">Search</button>");
    out.push_str(
        "<p class=\"hint\">Every filled-in field must hold. Names match as parts, in any case; dates \
         as prefixes (2016-12 is all of December). A source, source type or statement kind lists \
         statements; a count type lists figures; words alone list sentences; framing keeps articles with a framing \
         word of that category.</p></form>",
    );
    out
}

async fn search(State(st): State<AppState>, Query(query): Query<SearchQuery>) -> Response {
    let Some(lib) = st.library.clone() else {
        return html_page(
            StatusCode::NOT_FOUND,
            "presslens: not found",
            &message_html("Not found", "This server has no articles to search."),
            false,
        );
    };
    let q = query.q.trim().to_string();
    let described = query.describe();
    let form = search_form(&query);
    let mut body = String::from("<section class=\"article\"><h1>Search");
    if !described.is_empty() {
        body.push_str(": ");
        push_html(&mut body, &described);
    }
    body.push_str("</h1>");
    body.push_str(&form);
    if !described.is_empty() {
        let filters = query.filters();
        let hits = match blocking(move || lib.search(&filters, LIST_LIMIT)).await {
            Ok(h) => h,
            Err(e) => {
                // Most often a query the full-text engine cannot parse: say so, do not fail.
                let mut page_body = form;
                page_body.push_str(&message_html("Search failed", &format!("{e:#}")));
                return html_response(
                    StatusCode::BAD_REQUEST,
                    page(
                        "presslens: search failed",
                        &nav(true, &q),
                        &page_body,
                        &Value::Object(Map::new()),
                    ),
                );
            }
        };
        let _ = write!(
            body,
            "<p class=\"kind\" id=\"hit-count\">{} articles</p>",
            hits.len()
        );
        hits_html(&mut body, &hits);
    }
    body.push_str("</section>");
    html_response(
        StatusCode::OK,
        page(
            &format!("presslens: search {described}"),
            &nav(true, &q),
            &body,
            &Value::Object(Map::new()),
        ),
    )
}

async fn story(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(lib) = st.library.clone() else {
        return html_page(
            StatusCode::NOT_FOUND,
            "presslens: not found",
            &message_html("Not found", "This server has no stories."),
            false,
        );
    };
    let wanted = id.clone();
    match blocking(move || lib.story(&wanted)).await {
        Ok(Some(s)) => {
            let mut body = String::from("<section class=\"article\"><h1>");
            push_html(&mut body, &s.title);
            let _ = write!(
                body,
                "</h1><p class=\"kind\">story {} · {} articles</p>",
                html(&s.id),
                s.articles.len()
            );
            hits_html(&mut body, &s.articles);
            if !s.outlets.is_empty() {
                body.push_str("<h2>Side by side</h2><div class=\"outlets\">");
                for o in &s.outlets {
                    body.push_str("<section class=\"panel outlet\"><h3>");
                    push_html(&mut body, &o.outlet);
                    body.push_str("</h3><h4>quotes</h4><ul>");
                    for (name, n) in &o.sources {
                        body.push_str("<li>");
                        push_html(&mut body, name);
                        let _ = write!(body, " <span class=\"kind\">{n}</span></li>");
                    }
                    if o.sources.is_empty() {
                        body.push_str("<li class=\"none\">nobody</li>");
                    }
                    body.push_str("</ul><h4>figures</h4><ul>");
                    for (text, ct) in &o.figures {
                        body.push_str("<li>");
                        push_html(&mut body, text);
                        if let Some(ct) = ct {
                            body.push_str(" <span class=\"kind\">");
                            push_html(&mut body, ct);
                            body.push_str("</span>");
                        }
                        body.push_str("</li>");
                    }
                    if o.figures.is_empty() {
                        body.push_str("<li class=\"none\">none</li>");
                    }
                    body.push_str("</ul></section>");
                }
                body.push_str("</div>");
            }
            body.push_str("</section>");
            html_page(
                StatusCode::OK,
                &format!("presslens: {}", s.title),
                &body,
                true,
            )
        }
        Ok(None) => html_page(
            StatusCode::NOT_FOUND,
            "presslens: not found",
            &message_html("Not found", &format!("There is no story {id}.")),
            true,
        ),
        Err(e) => internal_error(&e, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoding_is_one_safe_segment() {
        assert_eq!(url_encode("a b/\"<x>#?"), "a%20b%2F%22%3Cx%3E%23%3F");
        assert_eq!(url_encode("rt-2016.txt"), "rt-2016.txt");
    }

    #[test]
    fn spans_and_form_values() {
        assert_eq!(parse_span("12-27"), Some((12, 27)));
        assert_eq!(parse_span("27-12"), None);
        assert_eq!(parse_span("x-1"), None);
        assert_eq!(parse_span("5"), None);
        assert_eq!(article_href("a b", Some((1, 4))), "/article/a%20b?hl=1-4");
        let q = SearchQuery {
            source: "\"><script>".into(),
            kind: "direct".into(),
            source_type: "<b>".into(),
            ..SearchQuery::default()
        };
        let form = search_form(&q);
        assert!(
            form.contains("value=\"&quot;&gt;&lt;script&gt;\""),
            "{form}"
        );
        assert!(form.contains("<option value=\"direct\" selected>"));
        assert!(form.contains("<option selected value=\"&lt;b&gt;\">&lt;b&gt;</option>"));
        assert!(!form.contains("<script>") && !form.contains("<b>"));
        let f = q.filters();
        assert_eq!(f.kind.as_deref(), Some("direct"));
        assert_eq!(f.query, None);
        assert_eq!(clip("abcdef", 3), "abc…");
    }
}

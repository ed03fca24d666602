//! `presslens analyze`: one result per input (file, standard input, or JSON Lines record).

use anyhow::Result;
use clap::{Args, ValueEnum};
use presslens::intake::{self, jsonl, InputKind, RawArticle};
use presslens::output::json::{error_record, to_value, JsonOptions};
use presslens::output::report;
use presslens::{Options, Pipeline};
use std::io::{BufRead, Read, Write};
use std::path::Path;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable report.
    Text,
    /// One pretty-printed presslens/1 object per input.
    Json,
    /// One compact presslens/1 object per line (per input, or per JSON Lines record).
    Jsonl,
    /// One self-contained HTML page with a section per input (crate presslens-web).
    Html,
    /// GDELT GKG 2.1: one tab-separated row of 27 columns per article, no header (errors go to
    /// standard error only). See docs/gkg.md.
    Gkg,
}

/// How to read the inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// By file name and content: .jsonl/.ndjson are JSON Lines, .html/.htm or an HTML start is HTML.
    Auto,
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines: one {"id","text",…} article per line.
    Jsonl,
}

/// Arguments of `presslens analyze`.
#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Input files; `-` (or nothing) reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// How to read the inputs.
    #[arg(long = "input-format", value_enum, default_value = "auto")]
    pub input_format: InputFormat,
    /// Reference date for the articles (e.g. 2016-12-24 or 2016-12-24T00:10); overrides datelines.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Include the token layer in JSON output.
    #[arg(long)]
    pub tokens: bool,
}

struct Run<'a> {
    pipeline: Pipeline,
    opts: Options,
    args: &'a AnalyzeArgs,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    failures: usize,
    results: usize,
    /// Results kept for `--format html`, rendered as one page at the end.
    html: Vec<serde_json::Value>,
}

impl Run<'_> {
    fn emit(&mut self, raw: RawArticle, name: &str) -> Result<()> {
        let doc = self.pipeline.run(raw, &self.opts);
        self.results += 1;
        match self.args.format {
            Format::Text => {
                if self.results > 1 {
                    writeln!(self.out)?;
                }
                write!(self.out, "{}", report::render(&doc, name))?;
            }
            Format::Json => {
                let v = to_value(
                    &doc,
                    JsonOptions {
                        tokens: self.args.tokens,
                    },
                );
                serde_json::to_writer_pretty(&mut self.out, &v)?;
                writeln!(self.out)?;
            }
            Format::Jsonl => {
                let v = to_value(
                    &doc,
                    JsonOptions {
                        tokens: self.args.tokens,
                    },
                );
                serde_json::to_writer(&mut self.out, &v)?;
                writeln!(self.out)?;
            }
            Format::Html => self
                .html
                .push(to_value(&doc, JsonOptions { tokens: false })),
            Format::Gkg => {
                let v = to_value(&doc, JsonOptions { tokens: false });
                if let Some(row) = presslens::output::gkg::row(&v, self.results) {
                    writeln!(self.out, "{row}")?;
                }
            }
        }
        Ok(())
    }

    fn fail(
        &mut self,
        id: Option<&str>,
        input: &str,
        line: Option<usize>,
        msg: &str,
    ) -> Result<()> {
        self.failures += 1;
        eprintln!("presslens: {msg}");
        if self.args.format == Format::Html {
            self.html.push(error_record(id, input, line, msg));
        } else if !matches!(self.args.format, Format::Text | Format::Gkg) {
            let v = error_record(id, input, line, msg);
            serde_json::to_writer(&mut self.out, &v)?;
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn run_jsonl(&mut self, reader: impl BufRead, name: &str) -> Result<()> {
        for (i, line) in reader.split(b'\n').enumerate() {
            let line_no = i + 1;
            let bytes = match line {
                Ok(b) => b,
                Err(e) => {
                    self.fail(
                        None,
                        name,
                        Some(line_no),
                        &format!("{name}:{line_no}: cannot read: {e}"),
                    )?;
                    break;
                }
            };
            let text = String::from_utf8_lossy(&bytes);
            let text = text.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            match jsonl::parse_record(text, name, line_no) {
                Ok(raw) => {
                    let label = raw
                        .id
                        .clone()
                        .unwrap_or_else(|| format!("{name}:{line_no}"));
                    self.emit(raw, &label)?;
                }
                Err(e) => {
                    let id = jsonl::salvage_id(text);
                    self.fail(id.as_deref(), name, Some(line_no), &e.to_string())?;
                }
            }
        }
        Ok(())
    }

    fn run_one(&mut self, name: &str) -> Result<()> {
        let is_stdin = name == "-";
        let jsonl_input = match self.args.input_format {
            InputFormat::Jsonl => true,
            InputFormat::Auto => {
                let l = name.to_ascii_lowercase();
                l.ends_with(".jsonl") || l.ends_with(".ndjson")
            }
            _ => false,
        };
        if jsonl_input {
            if is_stdin {
                let stdin = std::io::stdin();
                return self.run_jsonl(stdin.lock(), "-");
            }
            return match std::fs::File::open(name) {
                Ok(f) => self.run_jsonl(std::io::BufReader::new(f), name),
                Err(e) => self.fail(None, name, None, &format!("{name}: cannot read: {e}")),
            };
        }
        let bytes = if is_stdin {
            let mut b = Vec::new();
            match std::io::stdin().read_to_end(&mut b) {
                Ok(_) => b,
                Err(e) => return self.fail(None, name, None, &format!("-: cannot read: {e}")),
            }
        } else {
            if Path::new(name).is_dir() {
                return self.fail(None, name, None, &format!("{name}: is a directory"));
            }
            match std::fs::read(name) {
                Ok(b) => b,
                Err(e) => return self.fail(None, name, None, &format!("{name}: cannot read: {e}")),
            }
        };
        let kind = match self.args.input_format {
            InputFormat::Html => InputKind::Html,
            InputFormat::Text => InputKind::Text,
            _ => InputKind::Auto,
        };
        match intake::read_bytes(&bytes, name, kind) {
            Ok(mut raw) => {
                if !is_stdin {
                    raw.id = Path::new(name)
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned());
                }
                self.emit(raw, name)
            }
            Err(e) => self.fail(None, name, None, &e.to_string()),
        }
    }
}

/// Runs `presslens analyze`; returns the exit code.
pub fn run(args: AnalyzeArgs) -> Result<u8> {
    let published = match &args.published {
        Some(p) => match intake::parse_published(p) {
            Ok(v) => Some(v),
            Err(e) => {
                eprintln!("presslens: --published: {e}");
                return Ok(crate::EXIT_USAGE);
            }
        },
        None => None,
    };
    let files = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files.clone()
    };
    let mut run = Run {
        pipeline: Pipeline::standard(),
        opts: Options { published },
        args: &args,
        out: std::io::BufWriter::new(std::io::stdout().lock()),
        failures: 0,
        results: 0,
        html: Vec::new(),
    };
    for f in &files {
        if let Err(e) = run.run_one(f) {
            // Writing failed (e.g. a closed pipe): stop quietly with an error code.
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(crate::EXIT_INPUT);
                }
            }
            return Err(e);
        }
    }
    if args.format == Format::Html {
        write!(run.out, "{}", presslens_web::render_articles(&run.html))?;
    }
    run.out.flush()?;
    if run.failures > 0 {
        eprintln!(
            "presslens: {} of {} inputs failed",
            run.failures,
            run.failures + run.results
        );
        return Ok(crate::EXIT_INPUT);
    }
    Ok(0)
}

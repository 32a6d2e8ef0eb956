//! Training: the same pipeline as scoring, then token weights, a block regression and a
//! page regression, all deterministic for the same data and seed.
//!
//! To keep the regressions honest, the token weights used to build their training rows
//! come from the other half of the pages (two-fold cross-fitting); the shipped weights are
//! then counted on all training pages.

pub mod background;
mod fit;
mod labels;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::classifier::Classifier;
use crate::dataset::Example;
/// The training-data loader, at its old path.
pub use crate::dataset::load_training_data;
use crate::decide::score_blocks;
use crate::error::ModelError;
use crate::eval::evaluate;
use crate::features::{BLOCK_FEATURES, BlockText, FEATURE_SET_VERSION, PAGE_FEATURES, block_rows, block_text};
use crate::metrics::Metrics;
use crate::model::{Model, ModelParts, Regression, Thresholds};
use crate::pipeline::{Analyzed, analyze};
use crate::report::{Category, ModelInfo};
use crate::tokenize::TokenConfig;
use crate::weights::{TextCounts, TextWeights};
use background::Background;
use labels::{BlockLabel, PageLabels, label_blocks};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Seed for the held-out split and folds.
    pub seed: u64,
    /// Share of pages held out for the reported metrics (0 to 0.5).
    pub holdout: f64,
    /// L2 penalty of the regressions.
    pub l2: f64,
    /// Laplace smoothing of the token weights.
    pub nb_alpha: f64,
    /// Tokens seen in fewer training blocks get no weight.
    pub nb_min_blocks: u32,
    /// How many times a block of a `hard_negative` page counts in the token weights: such
    /// pages (crackdown news, lottery results, sex education) are rare but teach the clean
    /// sense of words that spam also uses.
    pub nb_hard_negative_weight: u32,
    /// How strongly the background of real language holds token weights back: a token's clean
    /// rate is never taken below this times its background rate (0 turns the background off).
    pub background_strength: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 20261126,
            holdout: 0.1,
            l2: 100.0,
            nb_alpha: 3.0,
            nb_min_blocks: 5,
            nb_hard_negative_weight: 3,
            background_strength: 8.0,
        }
    }
}

/// A trained model and how it did on held-out pages.
pub struct Trained {
    /// The model.
    pub model: Model,
    /// Metrics on the held-out pages.
    pub holdout: Metrics,
    /// Pages trained on / held out.
    pub counts: (usize, usize),
    /// Spam pages whose injected snippets were not found in any block.
    pub unplaced_spam: usize,
}

/// One training page after analysis.
struct PageData {
    page: Analyzed,
    labels: Vec<BlockLabel>,
    spam_ranges: Vec<Vec<(usize, usize)>>,
    spam: bool,
    hard_negative: bool,
    fold: usize,
}

fn stable_hash(seed: u64, id: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(id.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_le_bytes(b)
}

/// SHA-256 over the examples in order (id, label, category, page bytes).
pub fn fingerprint(examples: &[Example]) -> String {
    let mut h = Sha256::new();
    for e in examples {
        for part in [
            e.id.as_bytes(),
            if e.spam { b"spam" } else { b"clean" },
            e.category.as_bytes(),
            &e.bytes,
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of everything a model is trained from: the examples, and the background (its
/// files' fingerprint, see [`Background::fingerprint_of`]) with its strength. Without a
/// background it is [`fingerprint`] of the examples.
pub fn training_fingerprint(examples: &[Example], background_fingerprint: &str, strength: f64) -> String {
    if background_fingerprint.is_empty() {
        return fingerprint(examples);
    }
    let mut h = Sha256::new();
    h.update(fingerprint(examples).as_bytes());
    h.update(background_fingerprint.as_bytes());
    h.update(strength.to_le_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Trains a model. `progress` is called with the number of pages analysed so far.
pub fn train(
    examples: &[Example],
    background: &Background,
    options: &TrainOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Trained, ModelError> {
    let config = TokenConfig::default();
    let (held, training) = split_holdout(examples, options);
    check_both_classes(&training)?;
    let pages = analyse_pages(&training, &config, options, progress);
    let unplaced_spam = count_unplaced_spam(&pages);
    tracing::info!(pages = pages.len(), unplaced_spam, "pages analysed");

    // Token weights per fold (for cross-fitted rows) and on everything (shipped).
    let fold_weights = [
        count_tokens(&pages, Some(0), background, options),
        count_tokens(&pages, Some(1), background, options),
    ];
    let texts = cross_fitted_texts(&pages, &fold_weights);

    // Block regression on cross-fitted rows.
    let block_lr = fit_block_regression(&pages, &texts, &fold_weights, options)?;

    // Page regression on cross-fitted block probabilities.
    let page_lr = fit_page_regression(&pages, &fold_weights, &block_lr, options)?;

    let fingerprint = training_fingerprint(examples, &background.fingerprint, options.background_strength);
    let weights = count_tokens(&pages, None, background, options);
    let parts = model_parts(config, &weights, block_lr, page_lr, fingerprint, pages.len());
    let mut model = Model::new(parts)?;
    let holdout = evaluate(&Classifier::from_model(model.clone()), &held).overall;
    model.parts.info.training_metrics = training_metrics(&holdout, held.len(), background, options);
    Ok(Trained {
        model,
        holdout,
        counts: (pages.len(), held.len()),
        unplaced_spam,
    })
}

/// Splits the examples into held-out and training pages by a stable hash of their ids.
fn split_holdout<'a>(examples: &'a [Example], options: &TrainOptions) -> (Vec<&'a Example>, Vec<&'a Example>) {
    let holdout_cut = (options.holdout.clamp(0.0, 0.5) * 1000.0) as u64;
    let is_holdout = |e: &Example| stable_hash(options.seed, &e.id) % 1000 < holdout_cut;
    examples.iter().partition(|e| is_holdout(e))
}

/// Refuses training sets without at least two spam and two clean pages.
fn check_both_classes(training: &[&Example]) -> Result<(), ModelError> {
    if training.iter().filter(|e| e.spam).count() < 2 || training.iter().filter(|e| !e.spam).count() < 2 {
        return Err(ModelError::Training(
            "need at least two spam and two clean training pages".into(),
        ));
    }
    Ok(())
}

/// Analyses and labels the training pages in parallel, assigning each to a fold; pages that
/// fail analysis are skipped.
fn analyse_pages(
    training: &[&Example],
    config: &TokenConfig,
    options: &TrainOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<PageData> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    training
        .par_iter()
        .filter_map(|e| {
            let input = e.page_input();
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            progress(n + 1);
            let page = analyze(&input, config).ok()?;
            let PageLabels {
                blocks: labels,
                spam_ranges,
            } = label_blocks(e, &page);
            let fold = (stable_hash(options.seed ^ 0x5eed, &e.id) % 2) as usize;
            Some(PageData {
                page,
                labels,
                spam_ranges,
                spam: e.spam,
                hard_negative: e.kind.as_deref() == Some("hard_negative"),
                fold,
            })
        })
        .collect()
}

/// Counts spam pages none of whose blocks could be labelled.
fn count_unplaced_spam(pages: &[PageData]) -> usize {
    pages
        .iter()
        .filter(|p| p.spam && p.labels.iter().all(|l| *l == BlockLabel::Unknown))
        .count()
}

/// Counts token weights on the pages of one fold, or on all pages when `fold` is `None`.
fn count_tokens(
    pages: &[PageData],
    fold: Option<usize>,
    background: &Background,
    options: &TrainOptions,
) -> TextWeights {
    let mut counts = TextCounts::new();
    for p in pages.iter().filter(|p| fold.is_none_or(|f| p.fold == f)) {
        add_page_counts(&mut counts, p, options);
    }
    let strength = options.background_strength;
    counts.weights(options.nb_alpha, options.nb_min_blocks, &|key| {
        strength * background.rate(key)
    })
}

/// Adds the tokens of one page's labelled blocks to the counts.
fn add_page_counts(counts: &mut TextCounts, p: &PageData, options: &TrainOptions) {
    let clean_weight = if p.hard_negative {
        options.nb_hard_negative_weight.max(1)
    } else {
        1
    };
    for ((block, label), ranges) in p.page.blocks.iter().zip(&p.labels).zip(&p.spam_ranges) {
        match label {
            BlockLabel::Spam(cat) => {
                // Tokens of the injected text count as spam; the rest of the block
                // (a "friend links:" header, the article the spam was pasted into) as clean.
                let inside = |t: &&crate::tokenize::Token| {
                    ranges
                        .iter()
                        .any(|&(a, b)| t.start as usize >= a && t.end as usize <= b)
                };
                counts.add(block.tokens.iter().filter(inside).map(|t| t.key), true, *cat, 1);
                counts.add(
                    block.tokens.iter().filter(|t| !inside(t)).map(|t| t.key),
                    false,
                    None,
                    1,
                );
            }
            BlockLabel::Clean => counts.add(block.tokens.iter().map(|t| t.key), false, None, clean_weight),
            BlockLabel::Unknown => {}
        }
    }
}

/// Builds each page's block texts with the token weights of the other fold.
fn cross_fitted_texts(pages: &[PageData], fold_weights: &[TextWeights; 2]) -> Vec<Vec<BlockText>> {
    pages
        .par_iter()
        .map(|p| {
            p.page
                .blocks
                .iter()
                .map(|b| block_text(b, &fold_weights[1 - p.fold]))
                .collect()
        })
        .collect()
}

/// Fits the block regression on the cross-fitted rows of all labelled blocks.
fn fit_block_regression(
    pages: &[PageData],
    texts: &[Vec<BlockText>],
    fold_weights: &[TextWeights; 2],
    options: &TrainOptions,
) -> Result<Regression, ModelError> {
    let mut rows = Vec::new();
    let mut ys = Vec::new();
    for ((p, t), w) in pages
        .iter()
        .zip(texts)
        .zip(pages.iter().map(|p| &fold_weights[1 - p.fold]))
    {
        for (row, label) in block_rows(&p.page, t, w).0.into_iter().zip(&p.labels) {
            if *label != BlockLabel::Unknown {
                rows.push(row);
                ys.push(matches!(label, BlockLabel::Spam(_)));
            }
        }
    }
    fit::logistic(&rows, &ys, options.l2, "block")
}

/// Fits the page regression on page rows built from cross-fitted block probabilities.
fn fit_page_regression(
    pages: &[PageData],
    fold_weights: &[TextWeights; 2],
    block_lr: &Regression,
    options: &TrainOptions,
) -> Result<Regression, ModelError> {
    let page_rows: Vec<Vec<f64>> = pages
        .par_iter()
        .map(|p| score_blocks(&fold_weights[1 - p.fold], block_lr, &p.page).page_row(&p.page))
        .collect();
    let page_ys: Vec<bool> = pages.iter().map(|p| p.spam).collect();
    fit::logistic(&page_rows, &page_ys, options.l2, "page")
}

/// Assembles the model parts from the shipped weights and the two regressions.
fn model_parts(
    config: TokenConfig,
    weights: &TextWeights,
    block_lr: Regression,
    page_lr: Regression,
    fingerprint: String,
    training_pages: usize,
) -> ModelParts {
    ModelParts {
        tokens: config,
        block_features: BLOCK_FEATURES.iter().map(|s| s.to_string()).collect(),
        page_features: PAGE_FEATURES.iter().map(|s| s.to_string()).collect(),
        feature_set_version: FEATURE_SET_VERSION,
        text: weights.to_sparse(),
        block_lr,
        page_lr,
        thresholds: Thresholds::default(),
        info: ModelInfo {
            // File format, feature set and training data: two models differ in one of them.
            version: format!(
                "{}-f{}-{}",
                crate::model::FORMAT_VERSION,
                FEATURE_SET_VERSION,
                &fingerprint[..12]
            ),
            labels: vec!["clean".into(), "spam".into()],
            categories: Category::ALL.iter().map(|c| c.name().to_owned()).collect(),
            spam_threshold: Thresholds::default().spam,
            review_threshold: Thresholds::default().review,
            training_fingerprint: fingerprint,
            training_metrics: Vec::new(),
            training_pages,
        },
    }
}

/// The metrics stored in the model: held-out results and the options used.
fn training_metrics(
    holdout: &Metrics,
    held_pages: usize,
    background: &Background,
    options: &TrainOptions,
) -> Vec<(String, f64)> {
    vec![
        ("holdout_pages".into(), held_pages as f64),
        ("holdout_precision".into(), holdout.precision),
        ("holdout_recall".into(), holdout.recall),
        ("holdout_f1".into(), holdout.f1),
        ("holdout_fpr".into(), holdout.fpr),
        ("holdout_roc_auc".into(), holdout.roc_auc),
        ("holdout_pr_auc".into(), holdout.pr_auc),
        // The options, so that `spamsift train` can reproduce the file.
        ("option_seed".into(), options.seed as f64),
        ("option_holdout".into(), options.holdout),
        ("option_l2".into(), options.l2),
        ("option_nb_alpha".into(), options.nb_alpha),
        ("option_nb_min_blocks".into(), f64::from(options.nb_min_blocks)),
        (
            "option_nb_hard_negative_weight".into(),
            f64::from(options.nb_hard_negative_weight),
        ),
        ("option_background_strength".into(), options.background_strength),
        ("background_tokens".into(), background.len() as f64),
    ]
}

//! The serving model and operator policy: loaded off the request path, swapped together
//! atomically on reload.
//!
//! Requests take a snapshot ([`Serving`]: one model and one policy) at the start and keep it
//! to the end, so in-flight requests finish on what they started with while new ones see the
//! new pair. A model or policy file that fails to load leaves the old one serving.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use arc_swap::ArcSwapOption;
use tokio::sync::Mutex;

use super::config::ModelSource;
use super::metrics::Metrics;
use super::policy::{ReloadError, load_policy_off_thread};
use crate::{Classifier, ModelError, ModelInfo, PageInput, Policy, Report, ScoreError};

/// A small harmless page scored once after every load, so that lazily built tables (e.g. the
/// tokenizer dictionary) are ready before the model serves its first real request.
const WARM_UP_PAGE: &[u8] =
    "<html><head><title>天气预报</title></head><body><p>今天天气晴朗，适合去公园散步。</p></body></html>".as_bytes();

/// An error with its causes, `outer: inner: ...`, for logs.
pub(super) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// What identifies one version of the model file on disk, for `--watch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl FileStamp {
    /// Reads the stamp of `path`; `None` when the file cannot be inspected.
    pub fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// What scores requests: a model and the operator policy on top of it.
pub struct Serving {
    /// The model.
    pub classifier: Arc<Classifier>,
    /// The operator policy (empty without `--policy`).
    pub policy: Arc<Policy>,
}

impl Serving {
    /// Metadata of the model.
    pub fn info(&self) -> &ModelInfo {
        self.classifier.info()
    }

    /// Scores one page fetched from `url` with the model under the policy.
    pub fn score(&self, page: &PageInput<'_>, url: Option<&str>) -> Result<Report, ScoreError> {
        self.classifier.score_with_policy(page, &self.policy, url)
    }
}

/// Stamps of the file versions last tried, for `--watch`.
#[derive(Debug, Default)]
struct Stamps {
    model: Option<FileStamp>,
    policy: Option<FileStamp>,
}

/// The model and policy currently serving, and how to load new ones.
pub struct ModelStore {
    current: ArcSwapOption<Serving>,
    /// The policy to pair with the model; replaced only by a policy file that loads.
    policy: arc_swap::ArcSwap<Policy>,
    source: ModelSource,
    policy_path: Option<PathBuf>,
    max_page_bytes: usize,
    metrics: Arc<Metrics>,
    /// Serialises loads; holds the stamps of the file versions last tried.
    last_tried: Mutex<Stamps>,
}

impl ModelStore {
    /// An empty store; nothing serves until [`ModelStore::load_initial`] succeeds. `policy`
    /// (already loaded from `policy_path`, or empty) is paired with every model.
    pub fn new(
        source: ModelSource,
        policy: (Option<PathBuf>, Policy),
        max_page_bytes: usize,
        metrics: Arc<Metrics>,
    ) -> Self {
        let (policy_path, policy) = policy;
        metrics.set_policy(policy.info());
        let stamps = Stamps {
            model: None,
            policy: policy_path.as_deref().and_then(FileStamp::of),
        };
        ModelStore {
            current: ArcSwapOption::empty(),
            policy: arc_swap::ArcSwap::from_pointee(policy),
            source,
            policy_path,
            max_page_bytes,
            metrics,
            last_tried: Mutex::new(stamps),
        }
    }

    /// Where the model comes from.
    pub fn source(&self) -> &ModelSource {
        &self.source
    }

    /// The serving model and policy, or `None` while the first load is still running.
    pub fn current(&self) -> Option<Arc<Serving>> {
        self.current.load_full()
    }

    /// The serving policy (also before the model has loaded).
    pub fn policy(&self) -> Arc<Policy> {
        self.policy.load_full()
    }

    /// Loads the model for the first time.
    pub async fn load_initial(&self) -> Result<Arc<Serving>, ModelError> {
        let mut last = self.last_tried.lock().await;
        let (stamp, loaded) = self.load_off_thread().await;
        last.model = stamp;
        let serving = self.install(Arc::new(loaded?));
        tracing::info!(version = %serving.info().version, source = %self.source.describe(), "model loaded");
        Ok(serving)
    }

    /// Loads the model file and the policy file again and swaps them in together. A file that
    /// fails to load leaves its predecessor serving; the failure is logged (a policy error
    /// with its line and column) and counted, and the first error is returned.
    pub async fn reload(&self) -> Result<Arc<Serving>, ReloadError> {
        let mut last = self.last_tried.lock().await;
        self.reload_locked(&mut last, true, true).await
    }

    /// Reloads whichever of the model file and the policy file changed (mtime or size) since
    /// the last attempt. Returns `None` when nothing changed.
    pub async fn reload_if_changed(&self) -> Option<Result<Arc<Serving>, ReloadError>> {
        let mut last = self.last_tried.lock().await;
        let changed = |path: Option<&Path>, seen: Option<FileStamp>| {
            path.and_then(FileStamp::of).is_some_and(|now| Some(now) != seen)
        };
        let model_path = match &self.source {
            ModelSource::File(path) => Some(path.as_path()),
            ModelSource::Shipped => None,
        };
        let model = changed(model_path, last.model);
        let policy = changed(self.policy_path.as_deref(), last.policy);
        if !model && !policy {
            return None;
        }
        Some(self.reload_locked(&mut last, model, policy).await)
    }

    async fn reload_locked(&self, last: &mut Stamps, model: bool, policy: bool) -> Result<Arc<Serving>, ReloadError> {
        let policy = policy && self.policy_path.is_some();
        let model = model && self.source != ModelSource::Shipped;
        if !model && !policy {
            tracing::warn!("reload requested, but the shipped model cannot be reloaded; start with --model FILE");
            return Err(ReloadError::Model(ModelError::Incompatible(
                "the shipped model cannot be reloaded; start with --model FILE".into(),
            )));
        }
        let mut first_error = None;
        let new_model = if model {
            let (stamp, loaded) = self.load_off_thread().await;
            last.model = stamp;
            match loaded {
                Ok(classifier) => Some(Arc::new(classifier)),
                Err(err) => {
                    self.metrics.reload_failed();
                    tracing::error!(
                        error = %error_chain(&err),
                        source = %self.source.describe(),
                        "model reload rejected; the previous model keeps serving"
                    );
                    first_error = Some(ReloadError::Model(err));
                    None
                }
            }
        } else {
            None
        };
        let new_policy = match (policy, &self.policy_path) {
            (true, Some(path)) => {
                let (stamp, loaded) = load_policy_off_thread(path.clone()).await;
                last.policy = stamp;
                match loaded {
                    Ok(p) => Some(Arc::new(p)),
                    Err(err) => {
                        self.metrics.policy_reload_failed();
                        tracing::error!(
                            error = %err,
                            "policy reload rejected; the previous policy keeps serving"
                        );
                        first_error.get_or_insert(ReloadError::Policy(err));
                        None
                    }
                }
            }
            _ => None,
        };
        let old = self.current();
        if let Some(p) = &new_policy {
            self.set_policy(Arc::clone(p));
        }
        // Without a new model the serving one is paired with the (new) policy; before the first
        // model has loaded there is none, and the policy waits for it.
        let Some(classifier) = new_model
            .clone()
            .or_else(|| old.as_ref().map(|s| Arc::clone(&s.classifier)))
        else {
            return Err(first_error.unwrap_or(ReloadError::NotReady));
        };
        let serving = self.install(classifier);
        if new_model.is_some() {
            self.metrics.reload_succeeded();
            tracing::info!(
                old_version = old.as_ref().map_or("none", |s| s.info().version.as_str()),
                new_version = %serving.info().version,
                "model reloaded"
            );
        }
        if let Some(p) = &new_policy {
            self.metrics.policy_reload_succeeded();
            tracing::info!(
                version = p.info().version,
                hash = %p.info().hash,
                rules = p.info().rules,
                "policy reloaded"
            );
        }
        match first_error {
            Some(err) => Err(err),
            None => Ok(serving),
        }
    }

    /// Makes `policy` the one to pair with models (the next [`ModelStore::install`] serves it).
    fn set_policy(&self, policy: Arc<Policy>) {
        self.metrics.set_policy(policy.info());
        self.policy.store(policy);
    }

    /// Swaps in `classifier` together with the current policy.
    fn install(&self, classifier: Arc<Classifier>) -> Arc<Serving> {
        self.metrics.set_model(&classifier.info().version);
        let serving = Arc::new(Serving {
            classifier,
            policy: self.policy(),
        });
        self.current.store(Some(Arc::clone(&serving)));
        serving
    }

    /// Loads the model on a blocking thread (file I/O and deserialisation are slow).
    async fn load_off_thread(&self) -> (Option<FileStamp>, Result<Classifier, ModelError>) {
        let source = self.source.clone();
        let limit = self.max_page_bytes;
        let joined = tokio::task::spawn_blocking(move || {
            let (stamp, loaded) = match &source {
                ModelSource::Shipped => (None, Classifier::shipped()),
                ModelSource::File(path) => (FileStamp::of(path), Classifier::load(path)),
            };
            let loaded = loaded.map(|model| {
                if let Err(err) = model.score(&PageInput::new(WARM_UP_PAGE)) {
                    tracing::warn!(error = %err, "warm-up scoring failed");
                }
                model.with_max_page_bytes(limit)
            });
            (stamp, loaded)
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(err) => (
                None,
                Err(ModelError::Corrupt(format!("model loading task failed: {err}"))),
            ),
        }
    }
}

//! The serving model: loaded off the request path, swapped atomically on reload.
//!
//! Requests take a snapshot (`Arc<Classifier>`) at the start and keep it to the end, so
//! in-flight requests finish on the model they started with while new ones see the new model.
//! A reload that fails leaves the old model serving.

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use arc_swap::ArcSwapOption;
use tokio::sync::Mutex;

use super::config::ModelSource;
use super::metrics::Metrics;
use crate::{Classifier, ModelError, PageInput};

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

/// The model currently serving, and how to load a new one.
pub struct ModelStore {
    current: ArcSwapOption<Classifier>,
    source: ModelSource,
    max_page_bytes: usize,
    metrics: Arc<Metrics>,
    /// Serialises loads; holds the stamp of the file version last tried.
    last_tried: Mutex<Option<FileStamp>>,
}

impl ModelStore {
    /// An empty store; nothing serves until [`ModelStore::load_initial`] succeeds.
    pub fn new(source: ModelSource, max_page_bytes: usize, metrics: Arc<Metrics>) -> Self {
        ModelStore {
            current: ArcSwapOption::empty(),
            source,
            max_page_bytes,
            metrics,
            last_tried: Mutex::new(None),
        }
    }

    /// Where the model comes from.
    pub fn source(&self) -> &ModelSource {
        &self.source
    }

    /// The serving model, or `None` while the first load is still running.
    pub fn current(&self) -> Option<Arc<Classifier>> {
        self.current.load_full()
    }

    /// Loads the model for the first time.
    pub async fn load_initial(&self) -> Result<Arc<Classifier>, ModelError> {
        let mut last = self.last_tried.lock().await;
        let (stamp, loaded) = self.load_off_thread().await;
        *last = stamp;
        let model = Arc::new(loaded?);
        self.install(&model);
        tracing::info!(version = %model.info().version, source = %self.source.describe(), "model loaded");
        Ok(model)
    }

    /// Loads the model file again and swaps it in. On failure the old model keeps serving,
    /// the failure is logged and counted, and the error is returned.
    pub async fn reload(&self) -> Result<Arc<Classifier>, ModelError> {
        let mut last = self.last_tried.lock().await;
        self.reload_locked(&mut last).await
    }

    /// Reloads only if the model file's mtime or size changed since the last attempt.
    /// Returns `None` when nothing changed.
    pub async fn reload_if_changed(&self) -> Option<Result<Arc<Classifier>, ModelError>> {
        let ModelSource::File(path) = &self.source else {
            return None;
        };
        let mut last = self.last_tried.lock().await;
        let now = FileStamp::of(path);
        if now.is_none() || now == *last {
            return None;
        }
        Some(self.reload_locked(&mut last).await)
    }

    async fn reload_locked(&self, last: &mut Option<FileStamp>) -> Result<Arc<Classifier>, ModelError> {
        if self.source == ModelSource::Shipped {
            tracing::warn!("reload requested, but the shipped model cannot be reloaded; start with --model FILE");
            return Err(ModelError::Incompatible(
                "the shipped model cannot be reloaded; start with --model FILE".into(),
            ));
        }
        let (stamp, loaded) = self.load_off_thread().await;
        *last = stamp;
        match loaded {
            Ok(model) => {
                let model = Arc::new(model);
                let old = self.current().map(|m| m.info().version.clone());
                self.install(&model);
                self.metrics.reload_succeeded();
                tracing::info!(
                    old_version = old.as_deref().unwrap_or("none"),
                    new_version = %model.info().version,
                    "model reloaded"
                );
                Ok(model)
            }
            Err(err) => {
                self.metrics.reload_failed();
                tracing::error!(
                    error = %error_chain(&err),
                    source = %self.source.describe(),
                    "model reload rejected; the previous model keeps serving"
                );
                Err(err)
            }
        }
    }

    fn install(&self, model: &Arc<Classifier>) {
        self.metrics.set_model(&model.info().version);
        self.current.store(Some(Arc::clone(model)));
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

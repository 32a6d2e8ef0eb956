//! Bearer-token authentication of gRPC calls (`spamsift serve --auth-token-file FILE`).
//!
//! The token file holds one token a line; `#` starts a comment, blank lines are skipped.
//! Every guarded call must carry `authorization: Bearer <token>`. Tokens are kept only as
//! SHA-256 digests and compared in constant time (every known token is compared, whatever
//! matches), so neither the timing nor the length of a guess tells anything. Tokens are never
//! logged. The file can be reloaded (SIGHUP); a bad file keeps the old tokens.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arc_swap::ArcSwap;
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};
use thiserror::Error;
use tonic::metadata::MetadataMap;
use tonic::{Request, Status};

use super::metrics::Metrics;

/// Shortest token accepted in a token file (guessable tokens are refused at load).
pub const MIN_TOKEN_CHARS: usize = 16;
/// Largest token file read, in bytes.
const MAX_TOKEN_FILE_BYTES: u64 = 1 << 20;
/// The request header that carries the token.
const AUTHORIZATION: &str = "authorization";

/// Why a token file was refused.
#[derive(Debug, Error)]
pub enum TokenFileError {
    /// The file could not be read.
    #[error("cannot read the token file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is larger than anyone needs for tokens.
    #[error("the token file {path} is larger than {MAX_TOKEN_FILE_BYTES} bytes")]
    TooLarge {
        /// The file.
        path: String,
    },
    /// A line holds something that cannot be a token (the token itself is not repeated here).
    #[error(
        "line {line} of the token file is not a valid token: it must be at least {MIN_TOKEN_CHARS} \
         visible ASCII characters without spaces"
    )]
    InvalidToken {
        /// 1-based line number.
        line: usize,
    },
    /// No line holds a token.
    #[error("the token file holds no token")]
    Empty,
}

/// Why a call was refused; the label of the rejection metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// No `authorization` header.
    Missing,
    /// The header is not `Bearer <token>`.
    Malformed,
    /// The token is not in the token file.
    Invalid,
}

impl Rejection {
    /// The metric label: `missing`, `malformed` or `invalid`.
    pub fn label(self) -> &'static str {
        match self {
            Rejection::Missing => "missing",
            Rejection::Malformed => "malformed",
            Rejection::Invalid => "invalid",
        }
    }

    /// The `UNAUTHENTICATED` status a refused caller gets.
    fn status(self) -> Status {
        Status::unauthenticated(match self {
            Rejection::Missing => "missing authorization header (expected `authorization: Bearer <token>`)",
            Rejection::Malformed => "malformed authorization header (expected `Bearer <token>`)",
            Rejection::Invalid => "invalid bearer token",
        })
    }
}

/// The accepted tokens, as SHA-256 digests.
#[derive(Debug)]
pub struct TokenSet {
    digests: Vec<[u8; 32]>,
}

impl TokenSet {
    /// Parses the text of a token file.
    pub fn parse(text: &str) -> Result<TokenSet, TokenFileError> {
        let mut digests = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let token = line.split('#').next().unwrap_or_default().trim();
            if token.is_empty() {
                continue;
            }
            if token.len() < MIN_TOKEN_CHARS || !token.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(TokenFileError::InvalidToken { line: index + 1 });
            }
            digests.push(digest(token.as_bytes()));
        }
        if digests.is_empty() {
            return Err(TokenFileError::Empty);
        }
        Ok(TokenSet { digests })
    }

    /// Reads and parses a token file.
    pub fn load(path: &Path) -> Result<TokenSet, TokenFileError> {
        let shown = path.display().to_string();
        let read_error = |source| TokenFileError::Read {
            path: shown.clone(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(read_error)?;
        if meta.len() > MAX_TOKEN_FILE_BYTES {
            return Err(TokenFileError::TooLarge { path: shown });
        }
        warn_if_world_readable(path, &meta);
        let bytes = std::fs::read(path).map_err(read_error)?;
        let text = String::from_utf8(bytes).map_err(|_| TokenFileError::InvalidToken { line: 1 })?;
        TokenSet::parse(&text)
    }

    /// How many tokens the set holds.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// Whether `presented` is one of the tokens, in time independent of which one (if any)
    /// matches and of the presented token's content.
    pub fn accepts(&self, presented: &[u8]) -> bool {
        let presented = digest(presented);
        let mut found = Choice::from(0);
        for known in &self.digests {
            found |= known.ct_eq(&presented);
        }
        found.into()
    }
}

fn digest(token: &[u8]) -> [u8; 32] {
    Sha256::digest(token).into()
}

#[cfg(unix)]
fn warn_if_world_readable(path: &Path, meta: &std::fs::Metadata) {
    use std::os::unix::fs::PermissionsExt;
    if meta.permissions().mode() & 0o004 != 0 {
        tracing::warn!(file = %path.display(), "the token file is readable by every user; chmod 600 it");
    }
}

#[cfg(not(unix))]
fn warn_if_world_readable(_path: &Path, _meta: &std::fs::Metadata) {}

/// The token `authorization: Bearer <token>` carries, or why there is none.
fn bearer_token(metadata: &MetadataMap) -> Result<&[u8], Rejection> {
    let value = metadata.get(AUTHORIZATION).ok_or(Rejection::Missing)?;
    let value = value.to_str().map_err(|_| Rejection::Malformed)?;
    let (scheme, token) = value.trim().split_once(' ').ok_or(Rejection::Malformed)?;
    let token = token.trim_start();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(Rejection::Malformed);
    }
    Ok(token.as_bytes())
}

/// The token file in force, reloadable, with the metrics that count refused calls.
pub struct Authenticator {
    path: PathBuf,
    tokens: ArcSwap<TokenSet>,
    metrics: Arc<Metrics>,
}

impl Authenticator {
    /// Loads the token file at `path`.
    pub fn load(path: PathBuf, metrics: Arc<Metrics>) -> Result<Authenticator, TokenFileError> {
        let tokens = TokenSet::load(&path)?;
        tracing::info!(file = %path.display(), tokens = tokens.len(), "bearer-token authentication on");
        Ok(Authenticator {
            path,
            tokens: ArcSwap::from_pointee(tokens),
            metrics,
        })
    }

    /// Reads the token file again and swaps the new tokens in; on failure the old tokens stay
    /// in force, and the failure is logged, counted and returned.
    pub fn reload(&self) -> Result<usize, TokenFileError> {
        match TokenSet::load(&self.path) {
            Ok(tokens) => {
                let count = tokens.len();
                self.tokens.store(Arc::new(tokens));
                self.metrics.token_reload(true);
                tracing::info!(file = %self.path.display(), tokens = count, "token file reloaded");
                Ok(count)
            }
            Err(err) => {
                self.metrics.token_reload(false);
                tracing::error!(error = %err, "token file reload rejected; the previous tokens stay in force");
                Err(err)
            }
        }
    }

    /// Checks a call's `authorization` header; counts and returns the rejection if any.
    pub fn check(&self, metadata: &MetadataMap) -> Result<(), Rejection> {
        let verdict = bearer_token(metadata).and_then(|token| {
            if self.tokens.load().accepts(token) {
                Ok(())
            } else {
                Err(Rejection::Invalid)
            }
        });
        if let Err(rejection) = verdict {
            self.metrics.auth_rejected(rejection.label());
            tracing::debug!(reason = rejection.label(), "call refused: UNAUTHENTICATED");
        }
        verdict
    }
}

/// A tonic interceptor that lets a call through only with a valid token, when authentication
/// is on (`None`: every call passes).
#[derive(Clone)]
pub struct RequireToken(pub Option<Arc<Authenticator>>);

impl tonic::service::Interceptor for RequireToken {
    fn call(&mut self, request: Request<()>) -> Result<Request<()>, Status> {
        match &self.0 {
            Some(auth) => auth
                .check(request.metadata())
                .map(|()| request)
                .map_err(Rejection::status),
            None => Ok(request),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "0123456789abcdef-good";
    const OTHER: &str = "fedcba9876543210-other";

    fn metadata(value: Option<&str>) -> MetadataMap {
        let mut map = MetadataMap::new();
        if let Some(value) = value {
            map.insert(AUTHORIZATION, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn parses_tokens_comments_and_blank_lines() {
        let text = format!("# rotated 2026-12\n\n{GOOD}\n   {OTHER}   # the crawler\n#{GOOD}x\n");
        let set = TokenSet::parse(&text).unwrap();
        assert_eq!(set.len(), 2);
        assert!(set.accepts(GOOD.as_bytes()));
        assert!(set.accepts(OTHER.as_bytes()));
        assert!(!set.accepts(format!("{GOOD}x").as_bytes()));
        assert!(!set.accepts(b""));
    }

    #[test]
    fn refuses_empty_short_and_spaced_tokens() {
        assert!(matches!(
            TokenSet::parse("# only a comment\n\n"),
            Err(TokenFileError::Empty)
        ));
        assert!(matches!(
            TokenSet::parse(&format!("{GOOD}\nshort\n")),
            Err(TokenFileError::InvalidToken { line: 2 })
        ));
        assert!(matches!(
            TokenSet::parse("0123456789 abcdef0123\n"),
            Err(TokenFileError::InvalidToken { line: 1 })
        ));
        let err = TokenSet::parse("short-secret\n").unwrap_err().to_string();
        assert!(
            !err.contains("short-secret"),
            "the error must not repeat the token: {err}"
        );
    }

    #[test]
    fn reads_the_bearer_header() {
        assert_eq!(bearer_token(&metadata(None)), Err(Rejection::Missing));
        assert_eq!(bearer_token(&metadata(Some(GOOD))), Err(Rejection::Malformed));
        assert_eq!(bearer_token(&metadata(Some("Basic abc"))), Err(Rejection::Malformed));
        assert_eq!(bearer_token(&metadata(Some("Bearer "))), Err(Rejection::Malformed));
        let header = format!("bearer  {GOOD}");
        assert_eq!(bearer_token(&metadata(Some(&header))), Ok(GOOD.as_bytes()));
    }

    #[test]
    fn checks_and_counts_rejections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens");
        std::fs::write(&path, format!("{GOOD}\n")).unwrap();
        let metrics = Arc::new(Metrics::new());
        let auth = Authenticator::load(path.clone(), Arc::clone(&metrics)).unwrap();
        assert_eq!(auth.check(&metadata(Some(&format!("Bearer {GOOD}")))), Ok(()));
        assert_eq!(
            auth.check(&metadata(Some(&format!("Bearer {OTHER}")))),
            Err(Rejection::Invalid)
        );
        assert_eq!(auth.check(&metadata(None)), Err(Rejection::Missing));

        // Rotation: the new file replaces the old tokens; a bad file keeps them.
        std::fs::write(&path, format!("{OTHER}\n")).unwrap();
        assert_eq!(auth.reload().unwrap(), 1);
        assert_eq!(auth.check(&metadata(Some(&format!("Bearer {OTHER}")))), Ok(()));
        assert!(auth.check(&metadata(Some(&format!("Bearer {GOOD}")))).is_err());
        std::fs::write(&path, "# nothing\n").unwrap();
        assert!(auth.reload().is_err());
        assert_eq!(auth.check(&metadata(Some(&format!("Bearer {OTHER}")))), Ok(()));

        let text = metrics.encode();
        assert!(
            text.contains(r#"spamsift_grpc_auth_rejected_total{reason="invalid"} 2"#),
            "{text}"
        );
        assert!(
            text.contains(r#"spamsift_grpc_auth_rejected_total{reason="missing"} 1"#),
            "{text}"
        );
        assert!(text.contains("spamsift_auth_token_reload_failures_total 1"), "{text}");
        assert!(
            !text.contains(GOOD) && !text.contains(OTHER),
            "tokens leaked into metrics"
        );
    }
}

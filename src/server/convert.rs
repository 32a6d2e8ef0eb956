//! Conversions between the protobuf messages and the library types.

use tonic::Status;

use super::pb;
use crate::{Category, InputKind, ModelInfo, PageInput, Report, ScoreError, Verdict};

/// A validated page taken out of a [`pb::ScoreRequest`], ready to send to a scoring thread.
#[derive(Debug)]
pub struct OwnedPage {
    /// The caller's id.
    pub id: String,
    /// The page bytes (`raw`, or the UTF-8 bytes of `text`).
    pub bytes: Vec<u8>,
    /// The `content_type` / charset hint.
    pub charset_hint: Option<String>,
    /// How to read the bytes.
    pub kind: InputKind,
}

impl OwnedPage {
    /// Borrows the page as library input.
    pub fn input(&self) -> PageInput<'_> {
        PageInput {
            bytes: &self.bytes,
            charset_hint: self.charset_hint.as_deref(),
            kind: self.kind,
        }
    }
}

/// Takes the page out of `req`, rejecting empty and oversized pages with `INVALID_ARGUMENT`.
pub fn take_page(req: pb::ScoreRequest, max_page_bytes: usize) -> Result<OwnedPage, (String, Status)> {
    let kind = match req.input_kind() {
        pb::InputKind::Unspecified => InputKind::Auto,
        pb::InputKind::Html => InputKind::Html,
        pb::InputKind::Text => InputKind::Text,
    };
    let bytes = match req.page {
        Some(pb::score_request::Page::Raw(bytes)) => bytes,
        Some(pb::score_request::Page::Text(text)) => text.into_bytes(),
        None => Vec::new(),
    };
    if bytes.is_empty() {
        return Err((
            req.id,
            Status::invalid_argument("empty page: set `raw` (preferred) or `text` to the page content"),
        ));
    }
    if bytes.len() > max_page_bytes {
        let size = bytes.len();
        return Err((
            req.id,
            Status::invalid_argument(format!(
                "page too large: {size} bytes, the limit is {max_page_bytes} bytes (--max-page-bytes)"
            )),
        ));
    }
    Ok(OwnedPage {
        id: req.id,
        bytes,
        charset_hint: req.content_type.filter(|c| !c.is_empty()),
        kind,
    })
}

/// The gRPC status for a page the library refused to score.
pub fn score_error_status(err: &ScoreError) -> Status {
    Status::invalid_argument(err.to_string())
}

/// Builds the response for a scored page.
pub fn response(id: String, report: Report, model_version: &str, processing_micros: u64) -> pb::ScoreResponse {
    pb::ScoreResponse {
        id,
        score: report.score,
        verdict: verdict(report.verdict) as i32,
        categories: Some(pb::CategoryScores {
            adult: report.categories.adult,
            gambling: report.categories.gambling,
            other: report.categories.other,
        }),
        spans: report
            .spans
            .into_iter()
            .map(|s| pb::Span {
                start: s.start as u64,
                end: s.end as u64,
                category: category(s.category) as i32,
                score: s.score,
                region: s.region,
            })
            .collect(),
        evidence: report
            .evidence
            .into_iter()
            .map(|e| pb::Evidence {
                feature: e.feature,
                weight: e.weight,
            })
            .collect(),
        model_version: model_version.to_string(),
        processing_micros,
        encoding: report.encoding,
        input_kind: report.input_kind,
    }
}

/// A per-item error of a batch or stream.
pub fn item_error(id: String, status: &Status) -> pb::ScoreResult {
    pb::ScoreResult {
        id,
        outcome: Some(pb::score_result::Outcome::Error(pb::ItemError {
            code: status.code() as i32,
            message: status.message().to_string(),
        })),
    }
}

/// A per-item success of a batch or stream.
pub fn item_ok(response: pb::ScoreResponse) -> pb::ScoreResult {
    pb::ScoreResult {
        id: response.id.clone(),
        outcome: Some(pb::score_result::Outcome::Response(response)),
    }
}

/// The protobuf verdict.
pub fn verdict(v: Verdict) -> pb::Verdict {
    match v {
        Verdict::Clean => pb::Verdict::Clean,
        Verdict::Review => pb::Verdict::Review,
        Verdict::Spam => pb::Verdict::Spam,
    }
}

/// The protobuf category.
pub fn category(c: Category) -> pb::Category {
    match c {
        Category::Adult => pb::Category::Adult,
        Category::Gambling => pb::Category::Gambling,
        Category::Other => pb::Category::Other,
    }
}

/// The `GetModelInfo` response.
pub fn model_info(info: &ModelInfo, source: String) -> pb::GetModelInfoResponse {
    pb::GetModelInfoResponse {
        version: info.version.clone(),
        labels: info.labels.clone(),
        categories: info.categories.clone(),
        spam_threshold: info.spam_threshold,
        review_threshold: info.review_threshold,
        training_fingerprint: info.training_fingerprint.clone(),
        training_metrics: info
            .training_metrics
            .iter()
            .map(|(name, value)| pb::Metric {
                name: name.clone(),
                value: *value,
            })
            .collect(),
        training_pages: info.training_pages as u64,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(page: Option<pb::score_request::Page>) -> pb::ScoreRequest {
        pb::ScoreRequest {
            id: "p1".into(),
            page,
            content_type: Some("text/html; charset=gbk".into()),
            ..Default::default()
        }
    }

    #[test]
    fn takes_raw_and_text_pages() {
        let raw = take_page(request(Some(pb::score_request::Page::Raw(b"<p>x</p>".to_vec()))), 100).unwrap();
        assert_eq!(raw.bytes, b"<p>x</p>");
        assert_eq!(raw.charset_hint.as_deref(), Some("text/html; charset=gbk"));
        let text = take_page(request(Some(pb::score_request::Page::Text("你好".into()))), 100).unwrap();
        assert_eq!(text.bytes, "你好".as_bytes());
    }

    #[test]
    fn rejects_empty_and_oversized_pages() {
        let (id, status) = take_page(request(None), 100).unwrap_err();
        assert_eq!((id.as_str(), status.code()), ("p1", tonic::Code::InvalidArgument));
        let big = Some(pb::score_request::Page::Raw(vec![b'a'; 101]));
        let (_, status) = take_page(request(big), 100).unwrap_err();
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert!(status.message().contains("101 bytes"), "{}", status.message());
    }
}

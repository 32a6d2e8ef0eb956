//! Prometheus metrics of the server (request counts, latency, verdicts, volume, model, reloads).

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use tonic::Code;

use crate::{PolicyInfo, Report, Verdict};

/// Labels of a finished RPC.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    rpc: &'static str,
    code: &'static str,
}

/// Labels naming an RPC.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RpcLabels {
    rpc: &'static str,
}

/// Labels naming a verdict.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VerdictLabels {
    verdict: &'static str,
}

/// Labels naming why a call was refused by authentication.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RejectionLabels {
    reason: &'static str,
}

/// Labels naming the serving model.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ModelLabels {
    version: String,
}

/// Labels naming the serving operator policy.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PolicyLabels {
    version: String,
    hash: String,
}

/// Labels naming a policy rule.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RuleLabels {
    rule: String,
}

/// Latency buckets: 100 µs doubling up to about 6.5 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0001, 2.0, 17))
}

/// All metrics of one server instance, with the registry that encodes them.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RpcLabels, Histogram, fn() -> Histogram>,
    verdicts: Family<VerdictLabels, Counter>,
    pages: Counter,
    bytes: Counter,
    model_info: Family<ModelLabels, Gauge>,
    reloads: Counter,
    reload_failures: Counter,
    in_flight: Gauge,
    policy_info: Family<PolicyLabels, Gauge>,
    policy_reloads: Counter,
    policy_reload_failures: Counter,
    rule_hits: Family<RuleLabels, Counter>,
    overridden: Counter,
    auth_rejected: Family<RejectionLabels, Counter>,
    token_reloads: Counter,
    token_reload_failures: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Creates and registers every metric under the `spamsift_` prefix.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("spamsift");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "grpc_requests",
            "Finished gRPC calls by RPC and status code",
            requests.clone(),
        );
        let latency = Family::<RpcLabels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        registry.register(
            "grpc_request_duration_seconds",
            "Latency of gRPC calls (ScoreStream: of each page) in seconds",
            latency.clone(),
        );
        let verdicts = Family::<VerdictLabels, Counter>::default();
        registry.register("verdicts", "Pages scored, by verdict", verdicts.clone());
        let pages = Counter::default();
        registry.register("pages_scored", "Pages scored successfully", pages.clone());
        let bytes = Counter::default();
        registry.register("bytes_scored", "Bytes of pages scored successfully", bytes.clone());
        let model_info = Family::<ModelLabels, Gauge>::default();
        registry.register(
            "model_info",
            "The serving model's version (value is always 1)",
            model_info.clone(),
        );
        let reloads = Counter::default();
        registry.register("model_reloads", "Successful model reloads", reloads.clone());
        let reload_failures = Counter::default();
        registry.register(
            "model_reload_failures",
            "Model reloads rejected (unreadable, corrupt or incompatible file)",
            reload_failures.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "scoring_in_flight",
            "Scoring jobs admitted and not finished (running or queued)",
            in_flight.clone(),
        );
        let policy_info = Family::<PolicyLabels, Gauge>::default();
        registry.register(
            "policy_info",
            "The serving operator policy's version and hash (value is always 1)",
            policy_info.clone(),
        );
        let policy_reloads = Counter::default();
        registry.register("policy_reloads", "Successful policy reloads", policy_reloads.clone());
        let policy_reload_failures = Counter::default();
        registry.register(
            "policy_reload_failures",
            "Policy reloads rejected (unreadable or invalid file; the previous policy keeps serving)",
            policy_reload_failures.clone(),
        );
        let rule_hits = Family::<RuleLabels, Counter>::default();
        registry.register(
            "policy_rule_hits",
            "Pages on which each policy rule fired, by rule id",
            rule_hits.clone(),
        );
        let overridden = Counter::default();
        registry.register(
            "policy_overridden",
            "Pages whose verdict the operator policy changed",
            overridden.clone(),
        );
        let auth_rejected = Family::<RejectionLabels, Counter>::default();
        registry.register(
            "grpc_auth_rejected",
            "Calls refused UNAUTHENTICATED, by reason (missing, malformed, invalid)",
            auth_rejected.clone(),
        );
        let token_reloads = Counter::default();
        registry.register(
            "auth_token_reloads",
            "Successful token file reloads",
            token_reloads.clone(),
        );
        let token_reload_failures = Counter::default();
        registry.register(
            "auth_token_reload_failures",
            "Token file reloads rejected (the previous tokens stay in force)",
            token_reload_failures.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            verdicts,
            pages,
            bytes,
            model_info,
            reloads,
            reload_failures,
            in_flight,
            policy_info,
            policy_reloads,
            policy_reload_failures,
            rule_hits,
            overridden,
            auth_rejected,
            token_reloads,
            token_reload_failures,
        }
    }

    /// Records one finished RPC call.
    pub fn observe_call(&self, rpc: &'static str, code: Code, elapsed: Duration) {
        self.requests
            .get_or_create(&RequestLabels {
                rpc,
                code: code_name(code),
            })
            .inc();
        self.observe_latency(rpc, elapsed);
    }

    /// Records a latency sample without counting a call (used per page of a stream).
    pub fn observe_latency(&self, rpc: &'static str, elapsed: Duration) {
        self.latency
            .get_or_create(&RpcLabels { rpc })
            .observe(elapsed.as_secs_f64());
    }

    /// Records one scored page.
    pub fn observe_report(&self, report: &Report, page_bytes: usize) {
        let verdict = match report.verdict {
            Verdict::Clean => "clean",
            Verdict::Review => "review",
            Verdict::Spam => "spam",
        };
        self.verdicts.get_or_create(&VerdictLabels { verdict }).inc();
        self.pages.inc();
        self.bytes.inc_by(u64::try_from(page_bytes).unwrap_or(u64::MAX));
        for rule in &report.rules {
            self.rule_hits.get_or_create(&RuleLabels { rule: rule.clone() }).inc();
        }
        if report.overridden {
            self.overridden.inc();
        }
    }

    /// Records that `policy` is now the serving operator policy.
    pub fn set_policy(&self, policy: &PolicyInfo) {
        self.policy_info.clear();
        self.policy_info
            .get_or_create(&PolicyLabels {
                version: policy.version.to_string(),
                hash: policy.hash.clone(),
            })
            .set(1);
    }

    /// Counts a successful policy reload.
    pub fn policy_reload_succeeded(&self) {
        self.policy_reloads.inc();
    }

    /// Counts a rejected policy reload.
    pub fn policy_reload_failed(&self) {
        self.policy_reload_failures.inc();
    }

    /// Records that `version` is now the serving model.
    pub fn set_model(&self, version: &str) {
        self.model_info.clear();
        self.model_info
            .get_or_create(&ModelLabels {
                version: version.to_string(),
            })
            .set(1);
    }

    /// Counts a successful reload.
    pub fn reload_succeeded(&self) {
        self.reloads.inc();
    }

    /// Counts a rejected reload.
    pub fn reload_failed(&self) {
        self.reload_failures.inc();
    }

    /// Counts a call refused by authentication, labelled with the reason.
    pub fn auth_rejected(&self, reason: &'static str) {
        self.auth_rejected.get_or_create(&RejectionLabels { reason }).inc();
    }

    /// Counts a token file reload that succeeded (`true`) or was rejected.
    pub fn token_reload(&self, succeeded: bool) {
        if succeeded {
            self.token_reloads.inc();
        } else {
            self.token_reload_failures.inc();
        }
    }

    /// Adjusts the in-flight gauge by `delta`.
    pub fn add_in_flight(&self, delta: i64) {
        self.in_flight.inc_by(delta);
    }

    /// The metrics in the Prometheus/OpenMetrics text format.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        if let Err(err) = prometheus_client::encoding::text::encode(&mut out, &self.registry) {
            tracing::warn!(error = %err, "cannot encode metrics");
        }
        out
    }
}

/// The canonical upper-case name of a gRPC status code, e.g. `RESOURCE_EXHAUSTED`.
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_counts_and_model_version() {
        let m = Metrics::new();
        m.observe_call("Score", Code::Ok, Duration::from_millis(3));
        m.observe_call("Score", Code::Ok, Duration::from_millis(3));
        m.observe_call("Score", Code::InvalidArgument, Duration::from_millis(1));
        m.set_model("v-old");
        m.set_model("v-new");
        m.reload_failed();
        let text = m.encode();
        assert!(
            text.contains(r#"spamsift_grpc_requests_total{rpc="Score",code="OK"} 2"#),
            "{text}"
        );
        assert!(text.contains(r#"code="INVALID_ARGUMENT"} 1"#), "{text}");
        assert!(text.contains(r#"spamsift_model_info{version="v-new"} 1"#), "{text}");
        assert!(!text.contains("v-old"), "{text}");
        assert!(text.contains("spamsift_model_reload_failures_total 1"), "{text}");
        assert!(text.contains("spamsift_grpc_request_duration_seconds_bucket"), "{text}");
    }
}

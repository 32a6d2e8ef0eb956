//! Client deadlines (`grpc-timeout`) and cancellation of scoring work that nobody waits for.

use std::time::{Duration, Instant};

use tokio_util::sync::{CancellationToken, DropGuard};
use tonic::metadata::MetadataMap;

/// At most how much earlier than the client's deadline the service gives up (a tenth of the
/// timeout for short ones), so that its `DEADLINE_EXCEEDED` reaches the client before the
/// client's own timer fires, and before tonic's transport timer answers `CANCELLED`.
const MAX_DEADLINE_MARGIN: Duration = Duration::from_millis(10);

/// When the request's headers arrived (set by [`stamp_arrival`], before the body is decoded).
#[derive(Debug, Clone, Copy)]
pub struct ArrivedAt(pub Instant);

/// Interceptor that records when a call's headers arrived, so deadlines count from there.
pub fn stamp_arrival(mut request: tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> {
    request.extensions_mut().insert(ArrivedAt(Instant::now()));
    Ok(request)
}

/// When the call arrived: the interceptor's stamp, or now.
pub fn arrival(extensions: &tonic::Extensions) -> Instant {
    extensions.get::<ArrivedAt>().map_or_else(Instant::now, |a| a.0)
}

/// Parses a `grpc-timeout` value: 1 to 8 digits followed by a unit `H M S m u n`.
pub fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    let unit_at = value.len().checked_sub(1)?;
    let (digits, unit) = value.split_at_checked(unit_at)?;
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    match unit {
        "H" => Some(Duration::from_secs(n * 3600)),
        "M" => Some(Duration::from_secs(n * 60)),
        "S" => Some(Duration::from_secs(n)),
        "m" => Some(Duration::from_millis(n)),
        "u" => Some(Duration::from_micros(n)),
        "n" => Some(Duration::from_nanos(n)),
        _ => None,
    }
}

/// The instant by which the service must answer: the earlier of the client's deadline
/// (`grpc-timeout`, less a small margin) and the server's own time limit, if any.
pub fn deadline_from(metadata: &MetadataMap, arrived: Instant, server_limit: Option<Duration>) -> Option<Instant> {
    let client = metadata
        .get("grpc-timeout")
        .and_then(|v| v.to_str().ok())
        .and_then(parse_grpc_timeout)
        .map(|timeout| timeout.saturating_sub(MAX_DEADLINE_MARGIN.min(timeout / 10)));
    let limit = match (client, server_limit) {
        (Some(c), Some(s)) => c.min(s),
        (c, s) => c.or(s)?,
    };
    arrived.checked_add(limit)
}

/// Tells scoring work on the thread pool whether anyone still wants its result.
#[derive(Clone, Debug, Default)]
pub struct StopToken {
    deadline: Option<Instant>,
    cancelled: CancellationToken,
}

impl StopToken {
    /// A token that stops at `deadline` (if any) or when the returned guard is dropped, e.g.
    /// when tonic drops an abandoned call.
    pub fn new(deadline: Option<Instant>) -> (Self, DropGuard) {
        let cancelled = CancellationToken::new();
        let token = StopToken {
            deadline,
            cancelled: cancelled.clone(),
        };
        (token, cancelled.drop_guard())
    }

    /// Why work should stop now, if it should.
    pub fn should_stop(&self) -> Option<StopReason> {
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            Some(StopReason::DeadlineExceeded)
        } else if self.cancelled.is_cancelled() {
            Some(StopReason::Cancelled)
        } else {
            None
        }
    }
}

/// Why scoring work was abandoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The client's deadline passed.
    DeadlineExceeded,
    /// The client went away (the call's future was dropped).
    Cancelled,
}

impl StopReason {
    /// The matching gRPC status.
    pub fn status(self) -> tonic::Status {
        match self {
            StopReason::DeadlineExceeded => {
                tonic::Status::deadline_exceeded("the client deadline passed before scoring finished")
            }
            StopReason::Cancelled => tonic::Status::cancelled("the call was cancelled"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_grpc_timeout_units() {
        assert_eq!(parse_grpc_timeout("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse_grpc_timeout("150m"), Some(Duration::from_millis(150)));
        assert_eq!(parse_grpc_timeout("99999999u"), Some(Duration::from_micros(99_999_999)));
        assert_eq!(parse_grpc_timeout("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_grpc_timeout("5n"), Some(Duration::from_nanos(5)));
        assert_eq!(parse_grpc_timeout("123456789S"), None);
        assert_eq!(parse_grpc_timeout("S"), None);
        assert_eq!(parse_grpc_timeout(""), None);
        assert_eq!(parse_grpc_timeout("1x"), None);
        assert_eq!(parse_grpc_timeout("-1S"), None);
        assert_eq!(parse_grpc_timeout("1é"), None);
    }

    #[test]
    fn deadline_is_the_earlier_of_client_and_server_limits() {
        let now = Instant::now();
        let mut md = MetadataMap::new();
        assert_eq!(deadline_from(&md, now, None), None);
        let server = Duration::from_secs(1);
        assert_eq!(deadline_from(&md, now, Some(server)), Some(now + server));
        md.insert("grpc-timeout", "100m".parse().unwrap());
        assert_eq!(deadline_from(&md, now, None), Some(now + Duration::from_millis(90)));
        assert_eq!(
            deadline_from(&md, now, Some(Duration::from_millis(50))),
            Some(now + Duration::from_millis(50))
        );
        md.insert("grpc-timeout", "10S".parse().unwrap());
        assert_eq!(deadline_from(&md, now, None), Some(now + Duration::from_millis(9990)));
    }

    #[test]
    fn token_stops_on_deadline_and_on_drop() {
        let (token, guard) = StopToken::new(None);
        assert_eq!(token.should_stop(), None);
        drop(guard);
        assert_eq!(token.should_stop(), Some(StopReason::Cancelled));

        let past = Instant::now().checked_sub(Duration::from_millis(1));
        let (token, _guard) = StopToken::new(past);
        assert_eq!(token.should_stop(), Some(StopReason::DeadlineExceeded));
    }
}

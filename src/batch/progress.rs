//! Progress reporting hook (the CLI draws an indicatif bar on a TTY).

/// Where a run stands, reported after every committed chunk.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProgressSnapshot {
    /// Documents handled so far (this invocation and earlier ones when resumed).
    pub documents: u64,
    /// Page bytes scored so far.
    pub page_bytes: u64,
    /// Raw input bytes read so far by this invocation.
    pub input_bytes: u64,
    /// Raw input bytes in total, when known (not for stdin).
    pub total_input_bytes: Option<u64>,
}

/// Receives progress updates from the writer thread.
pub trait Progress: Send {
    /// Called after each chunk is committed.
    fn update(&mut self, snapshot: &ProgressSnapshot);
    /// Called once at the end of the run.
    fn finish(&mut self) {}
}

/// Reports nothing.
#[derive(Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _snapshot: &ProgressSnapshot) {}
}

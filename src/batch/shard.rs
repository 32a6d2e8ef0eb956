//! `--shard K/N`: a stable split of ids across machines.

use std::fmt;
use std::str::FromStr;

/// Shard `index` of `count` (0-based index, `index < count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, `0..count`.
    pub index: u64,
    /// Number of shards, at least 1.
    pub count: u64,
}

impl Shard {
    /// Whether `id` belongs to this shard. Stable across runs, machines and versions.
    pub fn contains(&self, id: &str) -> bool {
        stable_hash(id.as_bytes()) % self.count == self.index
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N` with `0 <= K < N`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s.split_once('/').ok_or_else(|| format!("expected K/N, got {s:?}"))?;
        let index: u64 = k.trim().parse().map_err(|_| format!("bad shard index {k:?}"))?;
        let count: u64 = n.trim().parse().map_err(|_| format!("bad shard count {n:?}"))?;
        if count == 0 || index >= count {
            return Err(format!("shard must satisfy 0 <= K < N, got {index}/{count}"));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The shard hash of an id (FNV-1a 64 + splitmix64). Fixed forever: changing it would move
/// ids between shards.
pub use crate::hash::stable_hash;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("1/4".parse::<Shard>(), Ok(Shard { index: 1, count: 4 }));
        assert!("4/4".parse::<Shard>().is_err());
        assert!("0/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn hash_is_pinned() {
        // Pinned so that a change of the function (which would reshuffle shards) fails here.
        // Values computed independently (FNV-1a 64 + splitmix64 finaliser, in Python).
        assert_eq!(stable_hash(b""), 0xf52a_15e9_a9b5_e89b);
        assert_eq!(stable_hash(b"dev-00001"), 0x35e9_62b2_45db_835f);
    }

    #[test]
    fn every_id_in_exactly_one_shard() {
        let shards: Vec<Shard> = (0..3).map(|index| Shard { index, count: 3 }).collect();
        let mut sizes = [0usize; 3];
        for i in 0..3000 {
            let id = format!("doc-{i}");
            let owners: Vec<usize> = (0..3).filter(|&s| shards[s].contains(&id)).collect();
            assert_eq!(owners.len(), 1);
            sizes[owners[0]] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 800), "unbalanced: {sizes:?}");
    }
}

//! The model file: integrity checks, compatibility errors, reproducible training.

use std::path::PathBuf;

use spamsift::internals::Model;
use spamsift::train::{TrainOptions, fingerprint, load_training_data, train};
use spamsift::{Classifier, ModelError};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_bytes() -> Vec<u8> {
    std::fs::read(root().join("models/default.ssm")).unwrap_or_else(|e| panic!("models/default.ssm: {e}"))
}

#[test]
fn shipped_model_was_trained_on_the_committed_training_data() {
    let examples =
        load_training_data(&[root().join("training-data")]).unwrap_or_else(|e| panic!("training-data must load: {e}"));
    let classifier = Classifier::shipped().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(classifier.info().training_fingerprint, fingerprint(&examples));
    let file = Classifier::from_bytes(&shipped_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(file.info(), classifier.info(), "the binary embeds models/default.ssm");
}

#[test]
fn truncated_file_is_corrupt() {
    let bytes = shipped_bytes();
    let err = Model::from_bytes(&bytes[..bytes.len() / 2]).err();
    assert!(
        matches!(err, Some(ModelError::Corrupt(ref m)) if m.contains("checksum")),
        "{err:?}"
    );
}

#[test]
fn flipped_byte_is_corrupt() {
    let mut bytes = shipped_bytes();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    assert!(matches!(Model::from_bytes(&bytes), Err(ModelError::Corrupt(_))));
}

#[test]
fn not_a_model_file() {
    let err = Model::from_bytes(b"<html>not a model</html> with some more bytes to pass the header").err();
    assert!(
        matches!(err, Some(ModelError::Corrupt(ref m)) if m.contains("header")),
        "{err:?}"
    );
}

#[test]
fn other_format_version_is_incompatible() {
    let mut bytes = shipped_bytes();
    bytes[8] = bytes[8].wrapping_add(1);
    let err = Model::from_bytes(&bytes).err();
    assert!(
        matches!(err, Some(ModelError::Incompatible(ref m)) if m.contains("format version")),
        "{err:?}"
    );
}

#[test]
fn other_feature_configuration_is_incompatible() {
    let mut model = Model::from_bytes(&shipped_bytes()).unwrap_or_else(|e| panic!("{e}"));
    model.parts.tokens.max_ngram = 2;
    let bytes = model.to_bytes().unwrap_or_else(|e| panic!("{e}"));
    let err = Model::from_bytes(&bytes).err();
    assert!(
        matches!(err, Some(ModelError::Incompatible(ref m)) if m.contains("token settings")),
        "{err:?}"
    );

    let mut model = Model::from_bytes(&shipped_bytes()).unwrap_or_else(|e| panic!("{e}"));
    model.parts.block_features.pop();
    let bytes = model.to_bytes().unwrap_or_else(|e| panic!("{e}"));
    let err = Model::from_bytes(&bytes).err();
    assert!(
        matches!(err, Some(ModelError::Incompatible(ref m)) if m.contains("block features")),
        "{err:?}"
    );
}

#[test]
fn other_feature_set_version_is_incompatible() {
    let mut model = Model::from_bytes(&shipped_bytes()).unwrap_or_else(|e| panic!("{e}"));
    model.parts.feature_set_version += 1;
    let bytes = model.to_bytes().unwrap_or_else(|e| panic!("{e}"));
    let err = Model::from_bytes(&bytes).err();
    assert!(
        matches!(err, Some(ModelError::Incompatible(ref m)) if m.contains("feature set version")),
        "{err:?}"
    );
}

#[test]
fn only_format_2_files_are_upgraded() {
    let err = spamsift::internals::upgrade_v2(&shipped_bytes()).err();
    assert!(
        matches!(err, Some(ModelError::Incompatible(ref m)) if m.contains("format version 3")),
        "{err:?}"
    );
}

#[test]
fn training_is_deterministic_and_learns() {
    let all = load_training_data(&[root().join("training-data")]).unwrap_or_else(|e| panic!("{e}"));
    // A small, fixed slice of the corpus: every 40th page.
    let examples: Vec<_> = all.into_iter().step_by(40).collect();
    let options = TrainOptions {
        holdout: 0.2,
        ..TrainOptions::default()
    };
    let a = train(&examples, &options, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let b = train(&examples, &options, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    let (a_bytes, b_bytes) = (a.model.to_bytes(), b.model.to_bytes());
    assert!(
        matches!((&a_bytes, &b_bytes), (Ok(x), Ok(y)) if x == y),
        "same data and seed give the same file"
    );
    assert!(a.holdout.f1 > 0.8, "held-out F1 {}", a.holdout.f1);
    let other = TrainOptions { seed: 7, ..options };
    let c = train(&examples, &other, &|_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        c.model.to_bytes().ok() != a_bytes.ok(),
        "another seed gives another split"
    );
}

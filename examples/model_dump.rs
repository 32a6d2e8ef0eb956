//! Prints a model's regression coefficients by feature name (for reviewing what a model learned).
//!
//! `cargo run --release --example model_dump -- models/default.ssm`

use spamsift::internals::Model;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: model_dump MODEL")?;
    let model = Model::from_bytes(&std::fs::read(path)?)?;
    for (what, lr, names) in [
        ("block", &model.parts.block_lr, &model.parts.block_features),
        ("page", &model.parts.page_lr, &model.parts.page_features),
    ] {
        println!("## {what} (intercept {:.3})", lr.intercept());
        for (name, w) in names.iter().zip(lr.params().iter()) {
            println!("{name:>24} {w:>8.3}");
        }
    }
    println!("tokens with weights: {}", model.weights.len());
    for (k, v) in &model.parts.info.training_metrics {
        println!("{k} = {v}");
    }
    Ok(())
}

//! Fitting the logistic regressions with linfa.

use linfa::prelude::*;
use linfa_logistic::{FittedLogisticRegression, LogisticRegression};
use ndarray::{Array1, Array2};

use crate::error::ModelError;

/// Fits an L2-regularised logistic regression on rows (all of equal width).
pub fn logistic(
    rows: &[Vec<f64>],
    ys: &[bool],
    l2: f64,
    what: &str,
) -> Result<FittedLogisticRegression<f64, bool>, ModelError> {
    let width = rows.first().map_or(0, Vec::len);
    if rows.is_empty() || !ys.contains(&true) || !ys.contains(&false) {
        return Err(ModelError::Training(format!(
            "{what} regression needs examples of both classes"
        )));
    }
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    let x = Array2::from_shape_vec((rows.len(), width), flat).map_err(|e| ModelError::Training(e.to_string()))?;
    let y = Array1::from_vec(ys.to_vec());
    let dataset = Dataset::new(x, y);
    // linfa's L2 term is not divided by the number of rows; scale it so the penalty means
    // the same for a thousand rows as for a million.
    let alpha = l2 * (rows.len() as f64 / 1000.0).max(1e-3) * 1e-3;
    LogisticRegression::default()
        .alpha(alpha)
        .max_iterations(200)
        .gradient_tolerance(1e-6)
        .fit(&dataset)
        .map_err(|e| ModelError::Training(format!("{what} regression: {e}")))
}

//! Shifting a trained model towards or away from the outside label.
//!
//! The perceptron learns few spans on sparse data (high precision, low recall). Lowering the
//! score of `O` at every position trades precision for recall; the model does it itself
//! ([`presslens_tagging::Model::penalize_label`]), and the result is an ordinary model file.

use presslens_tagging::Model;

/// The model bytes with a per-token penalty on `O` (in weight units), or `None` when the bytes
/// are not a model or it has no `O` label.
pub fn with_o_penalty(model: &[u8], penalty: f32) -> Option<Vec<u8>> {
    let mut m = Model::from_bytes(model).ok()?;
    m.penalize_label("O", penalty).then(|| m.to_bytes())
}

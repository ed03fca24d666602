//! Shifting a trained model towards or away from the outside label.
//!
//! The perceptron learns few spans on sparse data (high precision, low recall). Lowering the
//! score of `O` at every position trades precision for recall: each token has exactly one
//! incoming transition (from the start or from the previous label), so subtracting a constant
//! from the start weight of `O` and from every transition into `O` is the same as a per-token
//! penalty on `O`. This edits the model bytes (format 2 of `presslens-tagging`, see its crate
//! docs) and recomputes the checksum; the result is an ordinary model file.

const K: u64 = 0x517c_c1b7_2722_0a95;

fn add(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The format-2 checksum of `presslens-tagging` (FxHash over 8-byte words in four lanes).
fn checksum(b: &[u8]) -> u64 {
    let mut lanes = [0x4d4f_4445_4c21u64, 1, 2, 3];
    let mut it32 = b.chunks_exact(32);
    for c in &mut it32 {
        for (k, lane) in lanes.iter_mut().enumerate() {
            let mut a = [0u8; 8];
            a.copy_from_slice(&c[k * 8..k * 8 + 8]);
            *lane = add(*lane, u64::from_le_bytes(a));
        }
    }
    let mut h = add(add(add(lanes[0], lanes[1]), lanes[2]), lanes[3]);
    let mut it = it32.remainder().chunks_exact(8);
    for c in &mut it {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = add(h, u64::from_le_bytes(a));
    }
    for &x in it.remainder() {
        h = add(h, u64::from(x));
    }
    finish(add(h, b.len() as u64))
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn skip(&mut self, n: usize) -> Option<()> {
        self.pos = self.pos.checked_add(n)?;
        (self.pos <= self.b.len()).then_some(())
    }

    fn u32(&mut self) -> Option<u32> {
        let s = self.b.get(self.pos..self.pos + 4)?;
        self.pos += 4;
        Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

/// Returns the model with `penalty` (in perceptron update units) taken off the score of the
/// label `O` at every token, or `None` if the bytes are not a format-2 model with an `O` label.
pub fn with_o_penalty(model: &[u8], penalty: f32) -> Option<Vec<u8>> {
    let mut c = Cursor { b: model, pos: 0 };
    if model.get(..8)? != b"PLTAGGER" {
        return None;
    }
    c.skip(8)?;
    if c.u32()? != 2 {
        return None;
    }
    c.skip(4 + 8)?;
    let scale = f32::from_le_bytes(model.get(c.pos..c.pos + 4)?.try_into().ok()?);
    c.skip(4)?;
    let l = c.u32()? as usize;
    let mut o = None;
    for i in 0..l {
        let n = c.u32()? as usize;
        if model.get(c.pos..c.pos + n)? == b"O" {
            o = Some(i);
        }
        c.skip(n)?;
    }
    let o = o?;
    c.skip(4)?;
    let n_slots = c.u32()? as usize;
    c.skip(n_slots.checked_mul(8)?)?;
    let n_entries = c.u32()? as usize;
    c.skip(n_entries.checked_mul(4)?)?;
    let n_dense = c.u32()? as usize;
    c.skip(n_dense.checked_mul(2)?)?;
    let start = c.pos;
    let end_arr = start + 4 * l;
    let trans = end_arr + 4 * l;
    if trans + 4 * l * l + 8 > model.len() {
        return None;
    }
    let delta = (penalty * scale).round() as i32;
    let mut out = model[..model.len() - 8].to_vec();
    let mut bump = |at: usize| {
        let v = i32::from_le_bytes([out[at], out[at + 1], out[at + 2], out[at + 3]]);
        // Keep "forbidden" transitions (very negative) forbidden.
        let nv = if v <= i32::MIN / 4 {
            v
        } else {
            v.saturating_sub(delta)
        };
        out[at..at + 4].copy_from_slice(&nv.to_le_bytes());
    };
    bump(start + 4 * o);
    for p in 0..l {
        bump(trans + 4 * (p * l + o));
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    Some(out)
}

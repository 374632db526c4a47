//! What the benchmarks (`examples/bench_*.rs`) share: the page's own Performance measures,
//! keystrokes typed one at a time after each one's measure is in, and percentiles.

use anyhow::{bail, Context, Result};

use crate::{wait_until, Browser, DEFAULT_TIMEOUT};

/// Backspace, as WebDriver sends it.
const BACKSPACE: &str = "\u{E003}";

/// A digit, then Backspace, again and again: the field keeps a valid value.
pub fn digit_and_back(n: usize) -> Vec<&'static str> {
    (0..n)
        .map(|i| if i % 2 == 0 { "5" } else { BACKSPACE })
        .collect()
}

/// The value below which a share `p` of `xs` lies (nearest rank); NaN for none.
pub fn percentile(mut xs: Vec<f64>, p: f64) -> f64 {
    xs.sort_by(f64::total_cmp);
    if xs.is_empty() {
        return f64::NAN;
    }
    let i = ((xs.len() as f64 - 1.0) * p).round() as usize;
    xs[i]
}

/// The durations (ms) of the page's Performance measures of this name.
pub async fn measures(b: &Browser, name: &str) -> Result<Vec<f64>> {
    let durations = b
        .eval(&format!(
            "return performance.getEntriesByName('{name}').map((m) => m.duration);"
        ))
        .await?;
    Ok(durations
        .as_array()
        .context("measures")?
        .iter()
        .filter_map(|v| v.as_f64())
        .collect())
}

/// Types `keys` one at a time at the end of the input `testid`, each once the measure
/// `counted` of the key before is in, and fails unless there is one such measure a key.
pub async fn type_each(b: &Browser, testid: &str, keys: &[&str], counted: &str) -> Result<()> {
    let input = b.by_testid(testid).await?;
    input.click().await?;
    // the caret at the end
    input
        .send_keys(&char::from(fantoccini::key::Key::End).to_string())
        .await?;
    let count = format!("return performance.getEntriesByName('{counted}').length;");
    for (i, key) in keys.iter().enumerate() {
        input.send_keys(key).await?;
        wait_until(
            DEFAULT_TIMEOUT,
            &format!("the measure {counted}"),
            || async {
                let n = b.eval(&count).await?;
                Ok((n.as_u64() == Some(i as u64 + 1)).then_some(()))
            },
        )
        .await?;
    }
    let n = measures(b, counted).await?.len();
    if n != keys.len() {
        bail!("{n} measures {counted} for {} keystrokes", keys.len());
    }
    Ok(())
}

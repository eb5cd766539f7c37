//! Replaying a recorded feed history: `timestamp,price[,updated_at]` lines
//! (CSV; `#` comments and a non-numeric header line are skipped), one
//! evaluation per line.

use serde_json::json;

use super::{
    detector::{BandMode, Detector, MarketParams},
    generator::Published,
};

/// A line that is not `timestamp,price[,updated_at]`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {reason}")]
pub struct ReplayFileError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// One evaluation tick: the evaluation time and the round the feed showed.
pub type Tick = (u64, Published);

/// Parses the file's text.
pub fn parse(text: &str) -> Result<Vec<Tick>, ReplayFileError> {
    let mut ticks = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let error = |reason: &str| ReplayFileError {
            line: i + 1,
            reason: reason.to_owned(),
        };
        let Ok(now) = fields[0].parse::<u64>() else {
            if ticks.is_empty() && i == 0 {
                continue; // a header
            }
            return Err(error("the timestamp is not an integer"));
        };
        let price: f64 = fields
            .get(1)
            .ok_or_else(|| error("missing the price"))?
            .parse()
            .map_err(|_| error("the price is not a number"))?;
        if !price.is_finite() {
            return Err(error("the price is not finite"));
        }
        let updated_at = match fields.get(2) {
            Some(field) => field
                .parse()
                .map_err(|_| error("updated_at is not an integer"))?,
            None => now,
        };
        if fields.len() > 3 {
            return Err(error("expected timestamp,price[,updated_at]"));
        }
        ticks.push((now, Published { price, updated_at }));
    }
    Ok(ticks)
}

/// Runs the detector over `ticks` and returns one JSON line per tick and a summary line.
pub fn replay(ticks: &[Tick], params: MarketParams, mode: BandMode) -> Vec<String> {
    let mut detector = Detector::new(params, mode);
    let mut lines = Vec::with_capacity(ticks.len() + 1);
    let (mut trips, mut stale) = (0u64, 0u64);
    for (now, published) in ticks {
        let outcome = detector.tick(published, *now);
        trips += u64::from(outcome.tripped);
        stale += u64::from(outcome.stale);
        lines.push(
            json!({
                "now": now,
                "price": published.price,
                "updated_at": published.updated_at,
                "band_bps": outcome.band,
                "trip": outcome.tripped,
                "stale": outcome.stale,
            })
            .to_string(),
        );
    }
    lines.push(
        json!({ "summary": { "ticks": ticks.len(), "trips": trips, "stale_ticks": stale, "band": mode.to_string() } })
            .to_string(),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: MarketParams = MarketParams {
        heartbeat: 3_600,
        stale_trip_after: 3_600,
        base_band: 200,
        band_cap: 1_000,
        volatility_multiplier: 300,
        half_life: 10,
    };

    #[test]
    fn a_history_with_a_jump_trips_once() {
        let text =
            "timestamp,price\n# comment\n1000,2000\n1600,2001\n2200,2002\n2800,2600\n3400,2003\n";
        let ticks = parse(text).unwrap();
        assert_eq!(ticks.len(), 5);
        let lines = replay(&ticks, PARAMS, BandMode::Scaled);
        assert!(lines[3].contains("\"trip\":true"), "{}", lines[3]);
        assert!(lines[5].contains("\"trips\":1"), "{}", lines[5]);
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(parse("1000,2000\nx,1").unwrap_err().line, 2);
        assert_eq!(parse("1000").unwrap_err().reason, "missing the price");
        assert_eq!(parse("1000,2000,5,6").unwrap_err().line, 1);
    }
}

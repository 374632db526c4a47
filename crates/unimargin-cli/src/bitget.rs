//! `unimargin market from-bitget`: a market document from saved answers of Bitget's public v3
//! endpoints. Pure: the answers come in as text, each with the name of its file, and every
//! error is at `FILE:path` (`btcusdt.json:data[2].mmr`).
//!
//! How each answer is read (Bitget's API documentation, UTA section, and the README):
//! - every answer is `{"code", "msg", "requestTime", "data"}`; a `code` other than "00000"
//!   is refused with its `msg`; fields beyond those read are ignored (Bitget adds fields);
//! - numbers are decimal strings (JSON numbers are accepted too), read exactly;
//! - discount-rate: per coin, bands `[tierStartValue, next start)` in USDT value → discount
//!   tiers `up_to_usd` = the next band's start, the last unbounded;
//! - position-tier (USDT-FUTURES): tiers `minTierValue..maxTierValue` of notional in USDT
//!   (in the quote coin since 2025-07-24, Bitget's change log) → `mm_tiers` `up_to_usd` =
//!   `maxTierValue`, the last tier unbounded (its cap on the position dropped);
//!   `max_leverage` = the largest tier leverage;
//! - position-tier (MARGIN): the same rows as loan tiers, bounded by debt in coin units;
//! - margin-loans: `hourly_interest` = `dailyInterest` ÷ 24, rounded up;
//! - instruments (USDT-FUTURES): `baseCoin`, `quoteCoin` (the settle coin), `takerFeeRate`,
//!   `maxLeverage`.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use unimargin::error::ErrorKind;
use unimargin::market::{is_date, MarketCoin, MarketContract, MarketDocument, MARKET_FORMAT};
use unimargin::read::{read_json, Section};
use unimargin::scenario::{DiscountTier, LoanTier, MaintenanceTier, Settings};
use unimargin::{Error, Market};

/// Bitget's code of a successful answer.
const SUCCESS: &str = "00000";

/// From this day (2025-07-24, UTC) Bitget gives position tiers in the quote coin (USDT).
const POSITION_TIERS_IN_USDT_SINCE: &str = "2025-07-24";
const POSITION_TIERS_IN_USDT_SINCE_MS: i64 = 1_753_315_200_000;

/// Places kept of the hourly interest, rounded up.
const INTEREST_PLACES: u32 = 12;

/// A saved answer: its file's name (as given on the command line) and its text.
#[derive(Debug, Clone)]
pub struct Answer {
    pub file: String,
    pub text: String,
}

/// Every answer given, each named by what it answers.
#[derive(Debug, Default)]
pub struct Answers {
    pub discount_rate: Option<Answer>,
    /// The coins of `discount_rate` to keep (empty: all).
    pub coins: Vec<String>,
    pub position_tiers: Vec<(String, Answer)>,
    pub loan_tiers: Vec<(String, Answer)>,
    pub margin_loans: Vec<(String, Answer)>,
    pub instruments: Option<Answer>,
}

/// The market's own fields.
#[derive(Debug, Default)]
pub struct Naming {
    pub name: String,
    pub as_of: Option<String>,
    pub source: Option<String>,
}

/// The envelope's head, read before `data` (which a refusal may lack).
#[derive(Deserialize)]
#[serde(remote = "Self")]
struct Head {
    code: String,
    #[serde(default)]
    msg: Option<String>,
    #[serde(rename = "requestTime", default)]
    request_time: Option<RequestTime>,
}

/// The answer with its data.
#[derive(Deserialize)]
struct Envelope<T> {
    data: T,
}

/// `requestTime`: Unix milliseconds, a JSON integer (or its digits as a string).
#[derive(Deserialize)]
#[serde(untagged)]
enum RequestTime {
    Number(i64),
    Text(String),
}

/// One coin of the discount-rate answer.
#[derive(Deserialize)]
#[serde(remote = "Self")]
struct DiscountCoin {
    coin: String,
    list: Vec<DiscountBand>,
}

#[derive(Deserialize)]
#[serde(remote = "Self")]
struct DiscountBand {
    #[serde(rename = "tierStartValue", with = "unimargin::num")]
    start: Decimal,
    #[serde(rename = "discountRate", with = "unimargin::num")]
    rate: Decimal,
}

/// A row of a position-tier answer (futures or margin).
#[derive(Deserialize)]
#[serde(remote = "Self")]
struct TierRow {
    tier: TierNumber,
    #[serde(rename = "minTierValue", default, with = "unimargin::num::option")]
    min: Option<Decimal>,
    #[serde(rename = "maxTierValue", default, with = "unimargin::num::option")]
    max: Option<Decimal>,
    #[serde(with = "unimargin::num")]
    leverage: Decimal,
    #[serde(with = "unimargin::num")]
    mmr: Decimal,
}

/// A tier's number, `"1"` (or `1`).
#[derive(Deserialize)]
#[serde(untagged)]
enum TierNumber {
    Number(u64),
    Text(String),
}

impl TierNumber {
    fn text(&self) -> String {
        match self {
            TierNumber::Number(n) => n.to_string(),
            TierNumber::Text(t) => t.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(remote = "Self")]
struct Loan {
    #[serde(rename = "dailyInterest", with = "unimargin::num")]
    daily: Decimal,
}

#[derive(Deserialize)]
#[serde(remote = "Self")]
struct Instrument {
    symbol: String,
    #[serde(rename = "baseCoin")]
    base: String,
    #[serde(rename = "quoteCoin")]
    quote: String,
    #[serde(rename = "takerFeeRate", default, with = "unimargin::num::option")]
    taker_fee: Option<Decimal>,
    #[serde(rename = "maxLeverage", default, with = "unimargin::num::option")]
    max_leverage: Option<Decimal>,
}

// serde's derive would read these from lists of their fields too: objects only
unimargin::objects_only! { read:
    Head: Section::Answer,
    DiscountCoin: Section::AnswerEntry,
    DiscountBand: Section::AnswerEntry,
    TierRow: Section::AnswerEntry,
    Loan: Section::AnswerEntry,
    Instrument: Section::AnswerEntry,
}

/// An answer's data and its date (`YYYY-MM-DD`, when it says its `requestTime`).
struct Read<T> {
    data: T,
    date: Option<String>,
    time: Option<i64>,
}

/// Reads an answer: its head, refusing a failure, then its data. Errors at `FILE:path`.
fn read_answer<T: DeserializeOwned>(answer: &Answer) -> Result<Read<T>, Error> {
    let at = |e: Error| e.in_document(&answer.file);
    let head: Head = read_json(&answer.text).map_err(at)?;
    if head.code != SUCCESS {
        return Err(Error::new(
            "code",
            ErrorKind::ExchangeRefused {
                code: head.code,
                message: head.msg.unwrap_or_default(),
            },
        )
        .in_document(&answer.file));
    }
    let time = match head.request_time {
        None => None,
        Some(RequestTime::Number(ms)) => Some(ms),
        Some(RequestTime::Text(text)) => Some(text.parse::<i64>().map_err(|_| {
            Error::new(
                "requestTime",
                ErrorKind::Other {
                    detail: format!("requestTime must be Unix milliseconds, got \"{text}\""),
                },
            )
            .in_document(&answer.file)
        })?),
    };
    let envelope: Envelope<T> = read_json(&answer.text).map_err(at)?;
    Ok(Read {
        data: envelope.data,
        date: time.and_then(utc_date),
        time,
    })
}

/// The UTC date of Unix milliseconds, `YYYY-MM-DD` (none before 1970 or past year 9999).
pub fn utc_date(ms: i64) -> Option<String> {
    let days = ms.checked_div_euclid(86_400_000)?;
    // Howard Hinnant's civil_from_days
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    // (doe is below 146,097 and era below 10⁶: nothing below can overflow; checked all the same)
    let yoe = doe
        .checked_sub(doe / 1460)?
        .checked_add(doe / 36_524)?
        .checked_sub(doe / 146_096)?
        / 365;
    let doy = doe.checked_sub(
        yoe.checked_mul(365)?
            .checked_add(yoe / 4)?
            .checked_sub(yoe / 100)?,
    )?;
    let mp = doy.checked_mul(5)?.checked_add(2)? / 153;
    let day = doy
        .checked_sub(mp.checked_mul(153)?.checked_add(2)? / 5)?
        .checked_add(1)?;
    let month = if mp < 10 {
        mp.checked_add(3)?
    } else {
        mp.checked_sub(9)?
    };
    let year = yoe
        .checked_add(era.checked_mul(400)?)?
        .checked_add(i64::from(month <= 2))?;
    (1970..=9999)
        .contains(&year)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn error(file: &str, path: String, kind: ErrorKind) -> Error {
    Error::new(path, kind).in_document(file)
}

fn fraction(file: &str, path: String, field: &'static str, got: Decimal) -> Result<(), Error> {
    if (Decimal::ZERO..=Decimal::ONE).contains(&got) {
        Ok(())
    } else {
        Err(error(file, path, ErrorKind::NotAFraction { field, got }))
    }
}

fn positive(file: &str, path: String, field: &'static str, got: Decimal) -> Result<(), Error> {
    if got > Decimal::ZERO {
        Ok(())
    } else {
        Err(error(file, path, ErrorKind::NotPositive { field, got }))
    }
}

/// Discount bands from each start → tiers "up to" the next start (RULES §3 slices the value
/// like tax brackets, so a value on a boundary counts the same in either band: the reading
/// changes no figure).
fn discount_tiers(
    file: &str,
    k: usize,
    bands: &[DiscountBand],
) -> Result<Vec<DiscountTier>, Error> {
    let path = |j: usize, field: &str| format!("data[{k}].list[{j}].{field}");
    let Some(first) = bands.first() else {
        return Err(error(file, format!("data[{k}].list"), ErrorKind::NoTiers));
    };
    if !first.start.is_zero() {
        let kind = ErrorKind::FirstTierNotAtZero {
            field: "tierStartValue",
            got: first.start,
        };
        return Err(error(file, path(0, "tierStartValue"), kind));
    }
    let mut tiers = Vec::with_capacity(bands.len());
    for (j, band) in bands.iter().enumerate() {
        fraction(file, path(j, "discountRate"), "discountRate", band.rate)?;
        let next = bands.get(j.saturating_add(1)).map(|b| b.start);
        if let Some(next) = next.filter(|next| *next <= band.start) {
            let kind = ErrorKind::TiersNotAscending {
                field: "tierStartValue",
                bound: next,
                previous: band.start,
            };
            return Err(error(
                file,
                path(j.saturating_add(1), "tierStartValue"),
                kind,
            ));
        }
        tiers.push(DiscountTier {
            up_to_usd: next,
            up_to: None,
            rate: band.rate,
        });
    }
    Ok(tiers)
}

/// Checks position-tier rows: numbered 1, 2, 3… in order, contiguous from 0 where they
/// give their bounds, each bound above its start; leverage above 0, mmr a fraction. The
/// upper bound of each tier but the last (required for those).
fn tier_bounds(file: &str, rows: &[TierRow], futures: bool) -> Result<Vec<Option<Decimal>>, Error> {
    if rows.is_empty() {
        return Err(error(file, "data".into(), ErrorKind::NoTiers));
    }
    let missing = |i: usize, field: &str| {
        let kind = ErrorKind::MissingField {
            field: field.to_string(),
        };
        error(file, format!("data[{i}].{field}"), kind)
    };
    let mut bounds = Vec::with_capacity(rows.len());
    let mut previous_max: Option<Decimal> = None;
    for (i, row) in rows.iter().enumerate() {
        let path = |field: &str| format!("data[{i}].{field}");
        let number = row.tier.text();
        // tiers count from 1 (an index is below usize::MAX: the sum cannot saturate)
        let expected = i.saturating_add(1);
        if number.parse::<usize>().ok() != Some(expected) {
            let kind = ErrorKind::TierOutOfOrder {
                got: number,
                number: expected,
            };
            return Err(error(file, path("tier"), kind));
        }
        positive(file, path("leverage"), "leverage", row.leverage)?;
        fraction(file, path("mmr"), "mmr", row.mmr)?;
        let last = rows.len().checked_sub(1) == Some(i);
        let (min, max) = match (row.min, row.max) {
            (Some(min), Some(max)) => (Some(min), Some(max)),
            (None, _) if futures => return Err(missing(i, "minTierValue")),
            (_, None) if futures || !last => return Err(missing(i, "maxTierValue")),
            (min, max) => (min, max),
        };
        if let Some(min) = min {
            match previous_max {
                None if !min.is_zero() => {
                    let kind = ErrorKind::FirstTierNotAtZero {
                        field: "minTierValue",
                        got: min,
                    };
                    return Err(error(file, path("minTierValue"), kind));
                }
                Some(previous) if previous != min => {
                    let kind = ErrorKind::TiersNotContiguous {
                        field: "minTierValue",
                        got: min,
                        previous,
                    };
                    return Err(error(file, path("minTierValue"), kind));
                }
                _ => {}
            }
            if let Some(max) = max.filter(|max| *max <= min) {
                let kind = ErrorKind::TiersNotAscending {
                    field: "maxTierValue",
                    bound: max,
                    previous: min,
                };
                return Err(error(file, path("maxTierValue"), kind));
            }
        }
        if let (Some(max), Some(previous)) = (max, previous_max) {
            if max <= previous {
                let kind = ErrorKind::TiersNotAscending {
                    field: "maxTierValue",
                    bound: max,
                    previous,
                };
                return Err(error(file, path("maxTierValue"), kind));
            }
        }
        previous_max = max;
        // the last tier is unbounded: its maxTierValue is a cap on the position, not a tier
        bounds.push(if last { None } else { max });
    }
    Ok(bounds)
}

/// `daily ÷ 24`, rounded up at [`INTEREST_PLACES`] places: interest is never understated.
pub fn hourly_from_daily(daily: Decimal) -> Option<Decimal> {
    let hours = Decimal::from(24);
    let hourly = daily
        .checked_div(hours)?
        .round_dp_with_strategy(INTEREST_PLACES, RoundingStrategy::AwayFromZero);
    // the quotient itself may have been rounded down at its 28th digit
    if hourly.checked_mul(hours)? < daily {
        hourly.checked_add(Decimal::new(1, INTEREST_PLACES))
    } else {
        Some(hourly)
    }
}

/// A coin or contract being built, with the dates of its answers.
struct Entry<T> {
    value: T,
    sources: Vec<String>,
    dates: Vec<String>,
}

impl<T> Entry<T> {
    fn new(value: T) -> Entry<T> {
        Entry {
            value,
            sources: Vec::new(),
            dates: Vec::new(),
        }
    }

    fn record_answer(&mut self, what: &str, date: &Option<String>) {
        match date {
            Some(date) => {
                self.sources.push(format!("{what} ({date})"));
                self.dates.push(date.clone());
            }
            None => self.sources.push(what.to_string()),
        }
    }

    /// The source text and the oldest date of its answers.
    fn provenance(&self, note: Option<&str>) -> (String, Option<String>) {
        let mut text = format!("Bitget public API v3: {}", self.sources.join("; "));
        if let Some(note) = note {
            text.push_str(". ");
            text.push_str(note);
        }
        (text, self.dates.iter().min().cloned())
    }
}

/// Finds the entry named `name` in `list`, adding it (made by `make`) if new.
fn entry<'a, T>(
    list: &'a mut Vec<(String, Entry<T>)>,
    name: &str,
    make: impl FnOnce() -> T,
) -> &'a mut Entry<T> {
    let i = match list.iter().position(|(n, _)| n == name) {
        Some(i) => i,
        None => {
            list.push((name.to_string(), Entry::new(make())));
            list.len().saturating_sub(1)
        }
    };
    &mut list[i].1
}

/// The market document the answers make (validated as any market).
pub fn market_from_bitget(answers: &Answers, naming: &Naming) -> Result<MarketDocument, Error> {
    let mut coins: Vec<(String, Entry<MarketCoin>)> = Vec::new();
    let mut contracts: Vec<(String, Entry<MarketContract>)> = Vec::new();
    let mut dates: Vec<String> = Vec::new();
    let mut note_date = |date: &Option<String>| dates.extend(date.iter().cloned());
    let new_coin = |name: &str| MarketCoin {
        coin: name.to_string(),
        ..MarketCoin::default()
    };

    if let Some(answer) = &answers.discount_rate {
        let read: Read<Vec<DiscountCoin>> = read_answer(answer)?;
        note_date(&read.date);
        for name in &answers.coins {
            if !read.data.iter().any(|c| &c.coin == name) {
                let kind = ErrorKind::NotInAnswer { name: name.clone() };
                return Err(error(&answer.file, "data".into(), kind));
            }
        }
        for (k, coin) in read.data.iter().enumerate() {
            if let Some(first) = read.data[..k].iter().position(|c| c.coin == coin.coin) {
                let kind = ErrorKind::Duplicate {
                    name: coin.coin.clone(),
                    first_path: format!("data[{first}]"),
                };
                return Err(error(&answer.file, format!("data[{k}].coin"), kind));
            }
            if !answers.coins.is_empty() && !answers.coins.contains(&coin.coin) {
                continue;
            }
            let tiers = discount_tiers(&answer.file, k, &coin.list)?;
            let e = entry(&mut coins, &coin.coin, || new_coin(&coin.coin));
            e.value.discount_tiers = Some(tiers);
            e.record_answer("discount-rate", &read.date);
        }
    }

    for (name, answer) in &answers.loan_tiers {
        let read: Read<Vec<TierRow>> = read_answer(answer)?;
        note_date(&read.date);
        let bounds = tier_bounds(&answer.file, &read.data, false)?;
        let tiers = read
            .data
            .iter()
            .zip(bounds)
            .map(|(row, up_to)| LoanTier {
                up_to,
                leverage: row.leverage,
                mmr: row.mmr,
            })
            .collect();
        let e = entry(&mut coins, name, || new_coin(name));
        e.value.loan_tiers = Some(tiers);
        e.record_answer("position-tier (MARGIN)", &read.date);
    }

    for (name, answer) in &answers.margin_loans {
        let read: Read<Loan> = read_answer(answer)?;
        note_date(&read.date);
        fraction(
            &answer.file,
            "data.dailyInterest".into(),
            "dailyInterest",
            read.data.daily,
        )?;
        let hourly = hourly_from_daily(read.data.daily).ok_or_else(|| {
            let what = unimargin::error::Figure::Interest;
            error(
                &answer.file,
                "data.dailyInterest".into(),
                ErrorKind::TooLarge { what },
            )
        })?;
        let e = entry(&mut coins, name, || new_coin(name));
        e.value.hourly_interest = Some(hourly);
        e.record_answer("margin-loans", &read.date);
    }

    let instruments = match &answers.instruments {
        Some(answer) => {
            let read: Read<Vec<Instrument>> = read_answer(answer)?;
            note_date(&read.date);
            Some((answer, read))
        }
        None => None,
    };

    for (symbol, answer) in &answers.position_tiers {
        let read: Read<Vec<TierRow>> = read_answer(answer)?;
        note_date(&read.date);
        if let Some(time) = read.time.filter(|t| *t < POSITION_TIERS_IN_USDT_SINCE_MS) {
            let kind = ErrorKind::AnswerTooOld {
                saved: utc_date(time).unwrap_or_else(|| time.to_string()),
                since: POSITION_TIERS_IN_USDT_SINCE,
            };
            return Err(error(&answer.file, "requestTime".into(), kind));
        }
        let bounds = tier_bounds(&answer.file, &read.data, true)?;
        let mm_tiers: Vec<MaintenanceTier> = read
            .data
            .iter()
            .zip(bounds)
            .map(|(row, up_to_usd)| MaintenanceTier {
                up_to_usd,
                mmr: row.mmr,
            })
            .collect();
        let tier_leverage = read.data.iter().map(|r| r.leverage).max();
        let (base, settle, taker_fee, max_leverage, from_instruments) = match &instruments {
            Some((file, list)) => {
                let Some((i, found)) = list
                    .data
                    .iter()
                    .enumerate()
                    .find(|(_, x)| &x.symbol == symbol)
                else {
                    let kind = ErrorKind::NotInAnswer {
                        name: symbol.clone(),
                    };
                    return Err(error(&file.file, "data".into(), kind));
                };
                if let Some(fee) = found.taker_fee {
                    fraction(
                        &file.file,
                        format!("data[{i}].takerFeeRate"),
                        "takerFeeRate",
                        fee,
                    )?;
                }
                if let Some(leverage) = found.max_leverage {
                    positive(
                        &file.file,
                        format!("data[{i}].maxLeverage"),
                        "maxLeverage",
                        leverage,
                    )?;
                }
                // never more leverage than either answer allows
                let max = match (found.max_leverage, tier_leverage) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                (
                    found.base.clone(),
                    found.quote.clone(),
                    found.taker_fee,
                    max,
                    Some(&list.date),
                )
            }
            None => {
                let Some(base) = symbol.strip_suffix("USDT").filter(|b| !b.is_empty()) else {
                    let kind = ErrorKind::NotInAnswer {
                        name: format!("base coin of {symbol} (give --instruments)"),
                    };
                    return Err(error(&answer.file, "data".into(), kind));
                };
                (
                    base.to_string(),
                    "USDT".to_string(),
                    None,
                    tier_leverage,
                    None,
                )
            }
        };
        let e = entry(&mut contracts, symbol, || MarketContract {
            symbol: symbol.clone(),
            ..MarketContract::default()
        });
        e.value.base = base;
        e.value.settle = settle;
        e.value.taker_fee = taker_fee;
        e.value.max_leverage = max_leverage;
        e.value.mm_tiers = Some(mm_tiers);
        e.record_answer("position-tier (USDT-FUTURES)", &read.date);
        match from_instruments {
            Some(date) => e.record_answer("instruments (USDT-FUTURES)", date),
            None => e
                .sources
                .push("base and settle coin read from the symbol; no taker fee".into()),
        }
    }

    let as_of = match &naming.as_of {
        Some(date) if is_date(date) => date.clone(),
        Some(date) => {
            let kind = ErrorKind::NotADate {
                field: "as_of",
                got: date.clone(),
            };
            return Err(Error::new("--as-of", kind));
        }
        None => dates.iter().max().cloned().ok_or_else(|| {
            let kind = ErrorKind::Usage {
                problem: unimargin::error::UsageProblem::MissingOption(
                    "--as-of (no answer says its date)".into(),
                ),
            };
            Error::new("--as-of", kind)
        })?,
    };
    let loan_note =
        "Loan tier bounds read as debt in coin units (Bitget does not document the unit).";
    let document = MarketDocument {
        format: MARKET_FORMAT.to_string(),
        name: naming.name.clone(),
        as_of,
        source: Some(naming.source.clone().unwrap_or_else(|| {
            "Bitget public API v3 (UTA), answers saved by the operator and read by unimargin \
             market from-bitget; each entry names its answers and their dates."
                .to_string()
        })),
        settings: Settings::default(),
        coins: coins
            .into_iter()
            .map(|(_, e)| {
                let note = e.value.loan_tiers.is_some().then_some(loan_note);
                let (source, as_of) = e.provenance(note);
                MarketCoin {
                    source: Some(source),
                    as_of,
                    ..e.value
                }
            })
            .collect(),
        contracts: contracts
            .into_iter()
            .map(|(_, e)| {
                let (source, as_of) = e.provenance(Some(
                    "Notional in USDT taken as USD; the last tier's cap on the position dropped.",
                ));
                MarketContract {
                    source: Some(source),
                    as_of,
                    ..e.value
                }
            })
            .collect(),
    };
    // what was read is checked above at its path in the answers; this is the market's own
    // validation of the result (names, dates)
    Market::new(document.clone())?;
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_times_are_utc_dates() {
        // the documented examples' requestTime
        assert_eq!(utc_date(1_730_911_874_605).as_deref(), Some("2024-11-06"));
        assert_eq!(utc_date(1_731_146_663_643).as_deref(), Some("2024-11-09"));
        assert_eq!(utc_date(1_770_531_054_230).as_deref(), Some("2026-02-08"));
        // the first millisecond of the unit change, and the last one before it
        assert_eq!(
            utc_date(POSITION_TIERS_IN_USDT_SINCE_MS).as_deref(),
            Some(POSITION_TIERS_IN_USDT_SINCE)
        );
        assert_eq!(
            utc_date(POSITION_TIERS_IN_USDT_SINCE_MS - 1).as_deref(),
            Some("2025-07-23")
        );
        assert_eq!(utc_date(0).as_deref(), Some("1970-01-01"));
        // 2000-02-29 12:00 UTC: 11,016 days and a half
        assert_eq!(utc_date(951_825_600_000).as_deref(), Some("2000-02-29"));
        assert_eq!(utc_date(-1), None);
    }

    #[test]
    fn bands_from_each_start_give_the_same_discount_as_tiers_up_to_the_next_start() {
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        // the documented ETH answer: [0, 40,000) at 0.99, [40,000, ∞) at 0.98
        let bands = [
            DiscountBand {
                start: d("0"),
                rate: d("0.99"),
            },
            DiscountBand {
                start: d("40000"),
                rate: d("0.98"),
            },
        ];
        let tiers = discount_tiers("eth.json", 0, &bands).unwrap();
        assert_eq!(tiers[0].up_to_usd, Some(d("40000")));
        assert_eq!(tiers[1].up_to_usd, None);
        // Read half-open, the value V of [0, V) has min(V, 40,000) in the first band and the
        // rest in the second, whether 40,000 itself belongs to one or the other (a point has
        // no width): the discount is the same on, just below and just above the boundary.
        let discount =
            |v: &str| unimargin::rules::discount::discounted_value(&tiers, d(v), Decimal::ONE);
        // 39,999.99 × 0.99 = 39,599.9901
        assert_eq!(discount("39999.99"), Ok(d("39599.9901")));
        // 40,000 × 0.99 = 39,600
        assert_eq!(discount("40000"), Ok(d("39600")));
        // 39,600 + 0.01 × 0.98 = 39,600.0098
        assert_eq!(discount("40000.01"), Ok(d("39600.0098")));
    }

    #[test]
    fn hourly_interest_is_the_daily_rate_over_24_rounded_up() {
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        // 0.1 ÷ 24 = 0.00416666…: up at 12 places
        assert_eq!(hourly_from_daily(d("0.1")), Some(d("0.004166666667")));
        // 0.00003 ÷ 24 = 0.00000125 exactly
        assert_eq!(hourly_from_daily(d("0.00003")), Some(d("0.00000125")));
        // 1 ÷ 24 = 0.041666…: up
        assert_eq!(hourly_from_daily(d("1")), Some(d("0.041666666667")));
        assert_eq!(hourly_from_daily(Decimal::ZERO), Some(Decimal::ZERO));
        // never below the daily rate over 24, for any daily rate tried
        for n in 1..2000 {
            let daily = Decimal::new(n * 7919, 9);
            let hourly = hourly_from_daily(daily).unwrap();
            assert!(hourly * Decimal::from(24) >= daily, "{daily}");
            assert!(
                hourly - daily / Decimal::from(24) < Decimal::new(1, 12),
                "{daily}"
            );
        }
    }
}

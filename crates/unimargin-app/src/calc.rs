//! The one computation behind the page: draft → scenario → validated account → (what-if
//! shock) → report. When the draft does not compute, the last figures that did are kept,
//! marked stale. A shock is an overlay: it changes the figures, never the scenario.

use crate::checked::Checked;
use crate::draft::{Draft, FieldError, FieldProblem};
use std::sync::Arc;
use unimargin::evaluate::evaluate;
use unimargin::explain::{explain, Explanations};
use unimargin::scenario::DiscountTier;
use unimargin::{Account, Decimal, ErrorKind, Market, Report, Scenario};

/// A what-if price: one coin's USD price set to `price` (RULES §11), as the person chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shock {
    pub coin: String,
    pub price: Decimal,
}

/// A shock as applied: the coin, its price before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub coin: String,
    pub index: usize,
    pub from: Decimal,
    pub to: Decimal,
}

impl Applied {
    /// The change in percent of the price before (`-35.9` for a fall of 35.9 %).
    pub fn change_percent(&self) -> Option<Decimal> {
        change_percent(self.from, self.to)
    }
}

/// `(to − from) ÷ from × 100`.
pub fn change_percent(from: Decimal, to: Decimal) -> Option<Decimal> {
    to.minus(from)?.over(from)?.times(Decimal::ONE_HUNDRED)
}

/// Everything the engine says about a valid draft.
#[derive(Debug, Clone)]
pub struct Computed {
    /// The scenario as typed (never shocked).
    pub scenario: Scenario,
    /// The complete scenario the figures are of (the market's tables written out): what
    /// the engine's worker is sent ([`crate::wire::Request`]).
    pub complete: Scenario,
    /// The account the figures are of: shocked when a shock is applied.
    pub account: Account,
    pub report: Report,
    /// The shock applied, with the account before it.
    pub shock: Option<(Applied, Account)>,
    /// The tables the draft and the market both lack, each at its path: the figures count
    /// those coins for nothing.
    pub gaps: Vec<FieldError>,
}

impl Computed {
    /// "How is this computed?" for these figures: the engine's typed explanations (serde
    /// data), worded in the reader's language on the page (`explain_words`).
    pub fn explain(&self) -> Explanations {
        explain(&self.account, &self.report)
    }

    /// The account as typed, before any shock.
    pub fn unshocked(&self) -> &Account {
        self.shock.as_ref().map_or(&self.account, |(_, a)| a)
    }
}

/// The complete scenario a draft's stands for with the market (MARKET.md), and the tables
/// it still asks for: a coin whose discount tiers neither the draft nor the market gives is
/// counted for nothing (a rate of 0, never more than it may be worth) so the rest of the
/// account computes, and the engine's error at `coins[i].discount_tiers` says what to give.
pub fn resolve_with_gaps(
    scenario: &Scenario,
    market: Option<&Market>,
) -> Result<(Scenario, Vec<FieldError>), Vec<FieldError>> {
    let mut scenario = scenario.clone();
    let mut gaps = Vec::new();
    // each pass fills one coin's gap: at most one pass per coin, and one more
    for _ in 0..=scenario.coins.len() {
        match unimargin::market::resolve(&scenario, market) {
            Ok(complete) => return Ok((complete.into_owned(), gaps)),
            Err(error) => {
                let index = match error.kind() {
                    ErrorKind::NotInMarket { .. } => coin_of_discount_tiers(error.path()),
                    _ => None,
                };
                let Some(coin) = index.and_then(|i| scenario.coins.get_mut(i)) else {
                    return Err(vec![error.into()]);
                };
                coin.discount_tiers = Some(vec![DiscountTier {
                    up_to_usd: None,
                    up_to: None,
                    rate: Decimal::ZERO,
                }]);
                gaps.push(error.into());
            }
        }
    }
    Err(gaps)
}

/// `coins[3].discount_tiers` → 3.
fn coin_of_discount_tiers(path: &str) -> Option<usize> {
    path.strip_prefix("coins[")?
        .strip_suffix("].discount_tiers")?
        .parse()
        .ok()
}

/// Computes a draft with the market (with the what-if shock, when its coin is in the
/// account), or gives the problems with it, each at its path; a table the draft and the
/// market both lack is among the problems, and the figures are still given
/// ([`resolve_with_gaps`]).
pub fn compute(
    draft: &Draft,
    market: Option<&Market>,
    shock: Option<&Shock>,
) -> Result<Computed, Vec<FieldError>> {
    let scenario = draft.to_scenario()?;
    let (complete, gaps) = resolve_with_gaps(&scenario, market)?;
    let account = Account::from_scenario(&complete).map_err(|e| vec![e.into()])?;
    let (account, shock) = match shock.and_then(|s| {
        let index = account.coins.iter().position(|c| c.name == s.coin)?;
        Some((s, index))
    }) {
        Some((s, index)) if s.price > Decimal::ZERO => {
            let shocked = unimargin::whatif::shock(&account, index, s.price).map_err(|error| {
                vec![FieldError {
                    path: String::new(),
                    kind: FieldProblem::WhatIf {
                        coin: s.coin.clone(),
                        error,
                    },
                }]
            })?;
            let from = unimargin::rules::prices::usd_price(
                &account.coins[index],
                &account.coins,
                &account.settings,
            )
            .map_err(|_| {
                vec![FieldError {
                    path: String::new(),
                    kind: FieldProblem::PriceTooLarge {
                        coin: s.coin.clone(),
                    },
                }]
            })?;
            let applied = Applied {
                coin: s.coin.clone(),
                index,
                from,
                to: s.price,
            };
            (shocked, Some((applied, account)))
        }
        _ => (account, None),
    };
    let report = evaluate(&account).map_err(|e| vec![e.into()])?;
    Ok(Computed {
        scenario,
        complete,
        account,
        report,
        shock,
        gaps,
    })
}

/// Shared figures, equal only to themselves: a new computation is new figures. (Comparing
/// two reports field by field would cost more than it saves, in time and in code size.)
#[derive(Debug, Clone)]
pub struct Shared<T>(pub Arc<T>);

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// What the page shows: the figures (fresh, or the last good ones) and the problems.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub figures: Option<Shared<Computed>>,
    pub errors: Arc<Vec<FieldError>>,
    /// The figures are the draft's, but count coins whose tables are asked for (the
    /// `errors`) for nothing.
    pub partial: bool,
}

impl Outcome {
    /// The outcome of a draft with the market (and the what-if shock), given the one before
    /// it.
    pub fn next(
        previous: Option<&Outcome>,
        draft: &Draft,
        market: Option<&Market>,
        shock: Option<&Shock>,
    ) -> Outcome {
        match compute(draft, market, shock) {
            Ok(computed) => {
                let gaps = computed.gaps.clone();
                Outcome {
                    partial: !gaps.is_empty(),
                    figures: Some(Shared(Arc::new(computed))),
                    errors: Arc::new(gaps),
                }
            }
            Err(errors) => Outcome {
                figures: previous.and_then(|p| p.figures.clone()),
                errors: Arc::new(errors),
                partial: false,
            },
        }
    }

    /// The figures do not match the draft (they are the last good ones).
    pub fn is_stale(&self) -> bool {
        self.figures.is_some() && !self.errors.is_empty() && !self.partial
    }

    /// The figures are those of the draft (perhaps [`partial`](Outcome::partial)).
    pub fn is_fresh(&self) -> bool {
        self.figures.is_some() && (self.errors.is_empty() || self.partial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{CoinField, Field};

    fn seed1() -> Draft {
        let scenario = unimargin::parse_scenario(include_str!(
            "../../../tests/fixtures/seeds/seed-1-btc-dot-collateral.json"
        ))
        .unwrap();
        Draft::from_scenario(&scenario)
    }

    #[test]
    fn a_broken_field_keeps_the_last_figures_marked_stale_until_fixed() {
        let mut draft = seed1();
        let btc = draft.coins[0].id;
        let first = Outcome::next(None, &draft, None, None);
        assert!(first.is_fresh());
        let ae = |o: &Outcome| o.figures.as_ref().unwrap().report.account.adjusted_equity;
        assert_eq!(ae(&first), Decimal::from(49000));

        draft.set(Field::Coin(btc, CoinField::Balance), "2".into());
        let second = Outcome::next(Some(&first), &draft, None, None);
        assert_eq!(ae(&second), Decimal::from(98000));

        draft.set(Field::Coin(btc, CoinField::Balance), "2x".into());
        let broken = Outcome::next(Some(&second), &draft, None, None);
        assert!(broken.is_stale());
        assert_eq!(ae(&broken), Decimal::from(98000));
        assert_eq!(broken.errors[0].path, "coins[0].balance");

        // The same figures are kept, not computed again.
        assert!(broken.figures == second.figures);

        // An engine rule broken (not a parse error) is reported at its path too.
        draft.set(Field::Coin(btc, CoinField::Balance), "2".into());
        let tier = draft.coins[0].discount_tiers[0].id;
        // 150 %, typed as a percentage: the engine sees the fraction 1.5
        draft.set(
            Field::Discount(btc, tier, crate::draft::DiscountField::Rate),
            "150".into(),
        );
        let rule = Outcome::next(Some(&broken), &draft, None, None);
        assert!(rule.is_stale());
        assert_eq!(
            *rule.errors,
            vec![FieldError {
                path: "coins[0].discount_tiers[0].rate".into(),
                kind: FieldProblem::Engine(unimargin::ErrorKind::NotAFraction {
                    field: "rate",
                    got: "1.5".parse().unwrap()
                })
            }]
        );
        assert_eq!(
            rule.errors[0].message(),
            "rate must be between 0 and 1, got 1.5"
        );

        draft.set(
            Field::Discount(btc, tier, crate::draft::DiscountField::Rate),
            "98".into(),
        );
        let fixed = Outcome::next(Some(&rule), &draft, None, None);
        assert!(fixed.is_fresh());
        assert_eq!(ae(&fixed), Decimal::from(98000));
    }

    #[test]
    fn without_earlier_figures_a_broken_draft_shows_none() {
        let mut draft = seed1();
        let btc = draft.coins[0].id;
        draft.set(Field::Coin(btc, CoinField::Balance), "".into());
        let outcome = Outcome::next(None, &draft, None, None);
        assert!(outcome.figures.is_none());
        assert!(!outcome.is_stale() && !outcome.is_fresh());
        assert_eq!(outcome.errors[0].message(), "enter a number");
    }

    #[test]
    fn a_shock_changes_the_figures_not_the_scenario() {
        let draft = seed1();
        let plain = compute(&draft, None, None).unwrap();
        let shock = Shock {
            coin: "BTC".into(),
            price: Decimal::from(40000),
        };
        let shocked = compute(&draft, None, Some(&shock)).unwrap();
        // 1 BTC at 40,000 × 0.98 (DOT's rate is 0)
        assert_eq!(shocked.report.account.adjusted_equity, Decimal::from(39200));
        assert_eq!(shocked.scenario, plain.scenario);
        let (applied, before) = shocked.shock.as_ref().unwrap();
        assert_eq!(
            (applied.from, applied.to),
            (Decimal::from(50000), Decimal::from(40000))
        );
        assert_eq!(applied.change_percent(), Some(Decimal::from(-20)));
        assert_eq!(before.coins[0].price, Decimal::from(50000));
        assert_eq!(shocked.unshocked().coins[0].price, Decimal::from(50000));
        // A coin not in the account: no shock.
        let elsewhere = Shock {
            coin: "ETH".into(),
            price: Decimal::from(1),
        };
        assert!(compute(&draft, None, Some(&elsewhere))
            .unwrap()
            .shock
            .is_none());
    }

    /// 0.5 BTC at 64,000 and 2,000 USDT (issue 12's task 1), naming the shipped market and
    /// giving no table.
    fn task_1_with_the_market() -> (Draft, Market) {
        let market = unimargin::parse_market(include_str!("../../../web/market.json")).unwrap();
        let scenario = unimargin::parse_scenario(&format!(
            r#"{{"format": "unimargin/scenario@1",
                "market": {{"name": "{}", "as_of": "{}"}},
                "coins": [{{"coin": "BTC", "balance": "0.5", "price": "64000"}},
                          {{"coin": "USDT", "balance": "2000"}}]}}"#,
            market.reference().name,
            market.reference().as_of
        ))
        .unwrap();
        (Draft::from_scenario(&scenario), market)
    }

    #[test]
    fn a_draft_naming_the_market_takes_its_tables_and_another_market_is_said() {
        let (draft, market) = task_1_with_the_market();
        // 0.5 × 64,000 × 0.98 (the market's BTC up to 1,000,000 USD) + 2,000 × 1 = 33,360
        let computed = compute(&draft, Some(&market), None).unwrap();
        assert_eq!(
            computed.report.account.adjusted_equity,
            Decimal::from(33360)
        );
        assert!(computed.gaps.is_empty());
        // the scenario as typed still names the market (what a link or an export carries)
        assert_eq!(computed.scenario.market, Some(market.reference()));

        // a market of another date: the figures are refused at `market`, saying which
        let mut other = market.document().clone();
        other.as_of = "2030-01-01".into();
        let other = Market::new(other).unwrap();
        let errors = compute(&draft, Some(&other), None).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "market");
        assert!(matches!(
            errors[0].kind,
            FieldProblem::Engine(ErrorKind::WrongMarket { .. })
        ));
        // and none loaded yet: the same, until it is
        assert_eq!(compute(&draft, None, None).unwrap_err()[0].path, "market");
    }

    #[test]
    fn a_coin_the_market_has_no_table_for_is_asked_for_while_the_rest_computes() {
        let (mut draft, market) = task_1_with_the_market();
        // ETH is listed without discount tiers, DOGE not at all
        for name in ["ETH", "DOGE"] {
            let id = draft.add(crate::draft::List::Coins).unwrap();
            draft.set(Field::Coin(id, CoinField::Coin), name.into());
            draft.set(Field::Coin(id, CoinField::Balance), "10".into());
            draft.set(Field::Coin(id, CoinField::Price), "1000".into());
        }
        let outcome = Outcome::next(None, &draft, Some(&market), None);
        // both coins are asked for at their discount tiers, and the rest computes: they
        // count for nothing (equity 34,000 + 2 × 10,000 = 54,000; adjusted 33,360)
        let paths: Vec<&str> = outcome.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            ["coins[2].discount_tiers", "coins[3].discount_tiers"]
        );
        assert!(outcome.partial && outcome.is_fresh() && !outcome.is_stale());
        let account = &outcome.figures.as_ref().unwrap().report.account;
        assert_eq!(account.account_equity, Decimal::from(54000));
        assert_eq!(account.adjusted_equity, Decimal::from(33360));
        assert!(matches!(
            &outcome.errors[0].kind,
            FieldProblem::Engine(ErrorKind::NotInMarket { listed: true, .. })
        ));
        assert!(matches!(
            &outcome.errors[1].kind,
            FieldProblem::Engine(ErrorKind::NotInMarket { listed: false, .. })
        ));
    }
}

//! The one computation behind the page: draft → scenario → validated account → (what-if
//! shock) → report. When the draft does not compute, the last figures that did are kept,
//! marked stale. A shock is an overlay: it changes the figures, never the scenario.

use crate::checked::Checked;
use crate::draft::{Draft, FieldError, FieldProblem};
use std::sync::Arc;
use unimargin::evaluate::evaluate;
use unimargin::explain::english::{render_all, EnglishExplanations};
use unimargin::explain::explain;
use unimargin::{Account, Decimal, Report, Scenario};

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
    /// The account the figures are of: shocked when a shock is applied.
    pub account: Account,
    pub report: Report,
    /// The shock applied, with the account before it.
    pub shock: Option<(Applied, Account)>,
}

impl Computed {
    /// "How is this computed?" for these figures, in English.
    pub fn explain(&self) -> EnglishExplanations {
        render_all(&explain(&self.account, &self.report))
    }

    /// The account as typed, before any shock.
    pub fn unshocked(&self) -> &Account {
        self.shock.as_ref().map_or(&self.account, |(_, a)| a)
    }
}

/// Computes a draft (with the what-if shock, when its coin is in the account), or gives the
/// problems with it, each at its path.
pub fn compute(draft: &Draft, shock: Option<&Shock>) -> Result<Computed, Vec<FieldError>> {
    let scenario = draft.to_scenario()?;
    let account = Account::from_scenario(&scenario).map_err(|e| vec![e.into()])?;
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
        account,
        report,
        shock,
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
}

impl Outcome {
    /// The outcome of a draft (and the what-if shock), given the one before it.
    pub fn next(previous: Option<&Outcome>, draft: &Draft, shock: Option<&Shock>) -> Outcome {
        match compute(draft, shock) {
            Ok(computed) => Outcome {
                figures: Some(Shared(Arc::new(computed))),
                errors: Arc::default(),
            },
            Err(errors) => Outcome {
                figures: previous.and_then(|p| p.figures.clone()),
                errors: Arc::new(errors),
            },
        }
    }

    /// The figures do not match the draft (they are the last good ones).
    pub fn is_stale(&self) -> bool {
        self.figures.is_some() && !self.errors.is_empty()
    }

    /// The figures are those of the draft.
    pub fn is_fresh(&self) -> bool {
        self.figures.is_some() && self.errors.is_empty()
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
        let first = Outcome::next(None, &draft, None);
        assert!(first.is_fresh());
        let ae = |o: &Outcome| o.figures.as_ref().unwrap().report.account.adjusted_equity;
        assert_eq!(ae(&first), Decimal::from(49000));

        draft.set(Field::Coin(btc, CoinField::Balance), "2".into());
        let second = Outcome::next(Some(&first), &draft, None);
        assert_eq!(ae(&second), Decimal::from(98000));

        draft.set(Field::Coin(btc, CoinField::Balance), "2x".into());
        let broken = Outcome::next(Some(&second), &draft, None);
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
        let rule = Outcome::next(Some(&broken), &draft, None);
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
        let fixed = Outcome::next(Some(&rule), &draft, None);
        assert!(fixed.is_fresh());
        assert_eq!(ae(&fixed), Decimal::from(98000));
    }

    #[test]
    fn without_earlier_figures_a_broken_draft_shows_none() {
        let mut draft = seed1();
        let btc = draft.coins[0].id;
        draft.set(Field::Coin(btc, CoinField::Balance), "".into());
        let outcome = Outcome::next(None, &draft, None);
        assert!(outcome.figures.is_none());
        assert!(!outcome.is_stale() && !outcome.is_fresh());
        assert_eq!(outcome.errors[0].message(), "enter a number");
    }

    #[test]
    fn a_shock_changes_the_figures_not_the_scenario() {
        let draft = seed1();
        let plain = compute(&draft, None).unwrap();
        let shock = Shock {
            coin: "BTC".into(),
            price: Decimal::from(40000),
        };
        let shocked = compute(&draft, Some(&shock)).unwrap();
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
        assert!(compute(&draft, Some(&elsewhere)).unwrap().shock.is_none());
    }
}

//! The one computation behind the page: draft → scenario → validated account → report.
//! When the draft does not compute, the last figures that did are kept, marked stale.

use crate::draft::{Draft, FieldError};
use std::sync::Arc;
use unimargin::evaluate::evaluate;
use unimargin::explain::{explain, Explanations};
use unimargin::{Account, Report, Scenario};

/// Everything the engine says about a valid draft.
#[derive(Debug, Clone)]
pub struct Computed {
    pub scenario: Scenario,
    pub account: Account,
    pub report: Report,
}

impl Computed {
    /// "How is this computed?" for these figures.
    pub fn explain(&self) -> Explanations {
        explain(&self.account, &self.report)
    }
}

/// Computes a draft, or gives the problems with it, each at its path.
pub fn compute(draft: &Draft) -> Result<Computed, Vec<FieldError>> {
    let scenario = draft.to_scenario()?;
    let account = Account::from_scenario(&scenario).map_err(|e| vec![e.into()])?;
    let report = evaluate(&account).map_err(|e| vec![e.into()])?;
    Ok(Computed {
        scenario,
        account,
        report,
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
    /// The outcome of a draft, given the one before it.
    pub fn next(previous: Option<&Outcome>, draft: &Draft) -> Outcome {
        match compute(draft) {
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
    use unimargin::Decimal;

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
        let first = Outcome::next(None, &draft);
        assert!(first.is_fresh());
        let ae = |o: &Outcome| o.figures.as_ref().unwrap().report.account.adjusted_equity;
        assert_eq!(ae(&first), Decimal::from(49000));

        draft.set(Field::Coin(btc, CoinField::Balance), "2".into());
        let second = Outcome::next(Some(&first), &draft);
        assert_eq!(ae(&second), Decimal::from(98000));

        draft.set(Field::Coin(btc, CoinField::Balance), "2x".into());
        let broken = Outcome::next(Some(&second), &draft);
        assert!(broken.is_stale());
        assert_eq!(ae(&broken), Decimal::from(98000));
        assert_eq!(broken.errors[0].path, "coins[0].balance");

        // The same figures are kept, not computed again.
        assert!(broken.figures == second.figures);

        // An engine rule broken (not a parse error) is reported at its path too.
        draft.set(Field::Coin(btc, CoinField::Balance), "2".into());
        let tier = draft.coins[0].discount_tiers[0].id;
        draft.set(
            Field::Discount(btc, tier, crate::draft::DiscountField::Rate),
            "1.5".into(),
        );
        let rule = Outcome::next(Some(&broken), &draft);
        assert!(rule.is_stale());
        assert_eq!(
            *rule.errors,
            vec![FieldError {
                path: "coins[0].discount_tiers[0].rate".into(),
                message: "rate must be between 0 and 1, got 1.5".into()
            }]
        );

        draft.set(
            Field::Discount(btc, tier, crate::draft::DiscountField::Rate),
            "0.98".into(),
        );
        let fixed = Outcome::next(Some(&rule), &draft);
        assert!(fixed.is_fresh());
        assert_eq!(ae(&fixed), Decimal::from(98000));
    }

    #[test]
    fn without_earlier_figures_a_broken_draft_shows_none() {
        let mut draft = seed1();
        let btc = draft.coins[0].id;
        draft.set(Field::Coin(btc, CoinField::Balance), "".into());
        let outcome = Outcome::next(None, &draft);
        assert!(outcome.figures.is_none());
        assert!(!outcome.is_stale() && !outcome.is_fresh());
        assert_eq!(outcome.errors[0].message, "enter a number");
    }
}

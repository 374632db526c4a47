//! The liquidation play-out (RULES §9) in words: each step's action and the readings of the
//! article it follows, from the engine's typed [`LiquidationAction`] and [`Reading`].

use super::say::{fill, grouped, singular, usd};
use crate::i18n::{td_string, Locale};
use unimargin::liquidation::{LiquidationAction, Reading};
use unimargin::scenario::PositionSide;

/// What a step does, as a sentence (the engine's `description` in English).
pub fn action(action: &LiquidationAction, locale: Locale) -> String {
    match action {
        LiquidationAction::CancelOrders { count } => fill(
            if singular(*count) {
                td_string!(locale, messages.stage.cancel_orders_singular)
            } else {
                td_string!(locale, messages.stage.cancel_orders_plural)
            },
            &[("count", &count.to_string())],
        ),
        LiquidationAction::CloseHedge {
            symbol,
            size,
            notional_usd,
        } => fill(
            td_string!(locale, messages.stage.close_hedge),
            &[
                ("size", &grouped(*size, locale)),
                ("symbol", symbol),
                ("notional", &usd(*notional_usd, locale)),
            ],
        ),
        // the engine's description rounds the amounts to 12 places
        LiquidationAction::Convert {
            from_coin,
            amount,
            to_coin,
            repaid,
        } => fill(
            td_string!(locale, messages.stage.convert),
            &[
                ("amount", &grouped(amount.round_dp(12), locale)),
                ("from", from_coin),
                ("repaid", &grouped(repaid.round_dp(12), locale)),
                ("to", to_coin),
            ],
        ),
        LiquidationAction::ReducePosition {
            symbol,
            side,
            size,
            tier_after,
        } => fill(
            match side {
                PositionSide::Long => td_string!(locale, messages.stage.reduce_long),
                PositionSide::Short => td_string!(locale, messages.stage.reduce_short),
            },
            &[
                ("symbol", symbol),
                ("size", &grouped(size.round_dp(12), locale)),
                ("tier", &tier_after.to_string()),
            ],
        ),
    }
}

/// A reading of what the article leaves open.
pub fn reading(reading: Reading, locale: Locale) -> &'static str {
    match reading {
        Reading::OrdersCancelledFirst => {
            td_string!(locale, messages.stage.reading.orders_cancelled_first)
        }
        Reading::NoFeeOrSlippage => td_string!(locale, messages.stage.reading.no_fee_or_slippage),
        Reading::StopsBelowTheRate => {
            td_string!(locale, messages.stage.reading.stops_below_the_rate)
        }
        Reading::HedgesFirst => td_string!(locale, messages.stage.reading.hedges_first),
        Reading::LargestDebtFirst => td_string!(locale, messages.stage.reading.largest_debt_first),
        Reading::OneTierAtATime => td_string!(locale, messages.stage.reading.one_tier_at_a_time),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unimargin::liquidation::READINGS;
    use unimargin::Decimal;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn every_action_and_reading_in_every_language_the_english_the_engines() {
        let actions = [
            LiquidationAction::CancelOrders { count: 1 },
            LiquidationAction::CancelOrders { count: 3 },
            LiquidationAction::CloseHedge {
                symbol: "BTCUSDT".into(),
                size: d("1.5"),
                notional_usd: d("93000"),
            },
            LiquidationAction::Convert {
                from_coin: "BTC".into(),
                amount: d("0.1234567890123456"),
                to_coin: "USDT".into(),
                repaid: d("7654.321"),
            },
            LiquidationAction::ReducePosition {
                symbol: "ETHUSDT".into(),
                side: PositionSide::Long,
                size: d("12.5"),
                tier_after: 2,
            },
            LiquidationAction::ReducePosition {
                symbol: "ETHUSDT".into(),
                side: PositionSide::Short,
                size: d("12.5"),
                tier_after: 1,
            },
        ];
        for a in &actions {
            let english = action(a, Locale::en);
            assert_eq!(english, a.to_string());
            for locale in [Locale::zh, Locale::es, Locale::fr] {
                let got = action(a, locale);
                assert_ne!(got, english, "{locale:?}");
                assert!(!got.contains('{'), "{got}");
            }
        }
        // the amount converted is rounded to 12 places, as the engine's sentence has it;
        // 7,654.321 USDT repaid (Spanish leaves four integer digits ungrouped)
        assert_eq!(
            action(&actions[3], Locale::es),
            "Convertir 0,123456789012 BTC en 7654,321 USDT para pagar la deuda en USDT."
        );
        assert_eq!(action(&actions[0], Locale::fr), "Annuler l'ordre ouvert.");
        assert_eq!(
            action(&actions[1], Locale::fr),
            "Annuler les 3 ordres ouverts."
        );
        for r in READINGS {
            let english = reading(r, Locale::en);
            assert_eq!(english, r.to_string());
            for locale in [Locale::zh, Locale::es, Locale::fr] {
                assert_ne!(reading(r, locale), english);
            }
        }
    }
}

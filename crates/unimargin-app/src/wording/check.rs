//! The order check's reasons (RULES §7), worded from the engine's typed [`Reason`]s: the
//! verdict with its binding figures, what the order costs, the largest size that passes.

use super::say::{fill, grouped, percent, usd};
use crate::i18n::{td_string, Locale};
use unimargin::scenario::PositionSide;
use unimargin::text::Reason;

/// One reason of an order check, as a sentence.
pub fn reason(reason: &Reason, locale: Locale) -> String {
    match reason {
        Reason::NotBorrowable { coin } => fill(
            td_string!(locale, messages.check.not_borrowable),
            &[("coin", coin)],
        ),
        Reason::Accepted {
            adjusted_equity_after,
            margin_reserved_after,
            headroom,
        } => fill(
            td_string!(locale, messages.check.accepted),
            &[
                ("adjusted", &usd(*adjusted_equity_after, locale)),
                ("reserved", &usd(*margin_reserved_after, locale)),
                ("headroom", &usd(*headroom, locale)),
            ],
        ),
        Reason::Rejected {
            adjusted_equity_after,
            margin_reserved_after,
            shortfall,
        } => fill(
            td_string!(locale, messages.check.rejected),
            &[
                ("adjusted", &usd(*adjusted_equity_after, locale)),
                ("reserved", &usd(*margin_reserved_after, locale)),
                ("shortfall", &usd(*shortfall, locale)),
            ],
        ),
        Reason::SpotLoss { loss, bought, paid } => fill(
            td_string!(locale, messages.check.spot_loss),
            &[
                ("loss", &usd(*loss, locale)),
                ("bought", bought),
                ("paid", paid),
            ],
        ),
        Reason::NoSpotLoss { bought, paid } => fill(
            td_string!(locale, messages.check.no_spot_loss),
            &[("bought", bought), ("paid", paid)],
        ),
        Reason::Fee { fee, rate } => fill(
            td_string!(locale, messages.check.fee),
            &[
                ("fee", &usd(*fee, locale)),
                ("rate", &percent(*rate, locale)),
            ],
        ),
        Reason::Borrows {
            amount,
            coin,
            initial_margin,
        } => fill(
            td_string!(locale, messages.check.borrows),
            &[
                ("amount", &grouped(*amount, locale)),
                ("coin", coin),
                ("margin", &usd(*initial_margin, locale)),
            ],
        ),
        Reason::FuturesMargin {
            margin,
            symbol,
            side,
        } => fill(
            match side {
                PositionSide::Long => td_string!(locale, messages.check.futures_margin_long),
                PositionSide::Short => td_string!(locale, messages.check.futures_margin_short),
            },
            &[("margin", &usd(*margin, locale)), ("symbol", symbol)],
        ),
        Reason::NoFuturesMargin { symbol, side } => fill(
            match side {
                PositionSide::Long => td_string!(locale, messages.check.no_futures_margin_long),
                PositionSide::Short => td_string!(locale, messages.check.no_futures_margin_short),
            },
            &[("symbol", symbol)],
        ),
        Reason::LargestSize { size } => fill(
            td_string!(locale, messages.check.largest_size),
            &[("size", &grouped(*size, locale))],
        ),
        Reason::NoSizePasses => td_string!(locale, messages.check.no_size_passes).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unimargin::Decimal;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn every_reason() -> Vec<Reason> {
        vec![
            Reason::NotBorrowable { coin: "DOT".into() },
            Reason::Accepted {
                adjusted_equity_after: d("74720"),
                margin_reserved_after: d("1619.2"),
                headroom: d("73100.8"),
            },
            Reason::Rejected {
                adjusted_equity_after: d("1000"),
                margin_reserved_after: d("1500.5"),
                shortfall: d("500.5"),
            },
            Reason::SpotLoss {
                loss: d("12.5"),
                bought: "DOT".into(),
                paid: "USDT".into(),
            },
            Reason::NoSpotLoss {
                bought: "USDT".into(),
                paid: "BTC".into(),
            },
            Reason::Fee {
                fee: d("1.2"),
                rate: d("0.001"),
            },
            Reason::Borrows {
                amount: d("1500.25"),
                coin: "USDT".into(),
                initial_margin: d("150.025"),
            },
            Reason::FuturesMargin {
                margin: d("1619.2"),
                symbol: "BTCUSDT".into(),
                side: PositionSide::Long,
            },
            Reason::FuturesMargin {
                margin: d("1619.2"),
                symbol: "BTCUSDT".into(),
                side: PositionSide::Short,
            },
            Reason::NoFuturesMargin {
                symbol: "BTCUSDT".into(),
                side: PositionSide::Long,
            },
            Reason::NoFuturesMargin {
                symbol: "BTCUSDT".into(),
                side: PositionSide::Short,
            },
            Reason::LargestSize { size: d("1234.5") },
            Reason::NoSizePasses,
        ]
    }

    #[test]
    fn every_reason_in_every_language_the_english_the_engines() {
        for r in every_reason() {
            let english = reason(&r, Locale::en);
            assert_eq!(english, r.to_string());
            for locale in [Locale::zh, Locale::es, Locale::fr] {
                let got = reason(&r, locale);
                assert_ne!(got, english, "{locale:?}");
                assert!(!got.contains('{'), "{got}");
            }
        }
    }

    #[test]
    fn the_verdicts_figures_in_the_language() {
        // 74,720 USD of adjusted equity after, 1,619.20 USD reserved: 73,100.80 USD to spare
        // (Spanish leaves a four-digit integer part ungrouped: 1619,20)
        let accepted = &every_reason()[1];
        assert_eq!(
            reason(accepted, Locale::es),
            "Aceptada: la equity ajustada tras la orden, 74.720,00 USD, cubre el margen reservado con ella, 1619,20 USD, con una holgura de 73.100,80 USD."
        );
        assert_eq!(
            reason(accepted, Locale::zh),
            "可以下单：下单后的调整后权益74,720.00 USD足以覆盖含该订单的占用保证金1,619.20 USD，保证金余量为73,100.80 USD。"
        );
        assert!(reason(accepted, Locale::fr).contains("74\u{202f}720,00 USD"));
        // a fee of 0.1 %: the fraction 0.001
        assert!(reason(&every_reason()[5], Locale::fr).contains("0,1\u{202f}%"));
    }
}

//! RULES §1: prices in USD.

use crate::model::{CoinModel, Quote, ResolvedSettings};
use crate::num::{mul, Overflow};
use rust_decimal::Decimal;

/// The USD price of a quote: `p(USD) = 1`, `p(USDT)` and `p(USDC)` the settings' index
/// prices, `p(BTC)` the BTC coin's own USD price (never itself BTC-quoted: validated).
pub fn quote_usd_price(
    quote: Quote,
    coins: &[CoinModel],
    settings: &ResolvedSettings,
) -> Result<Decimal, Overflow> {
    match quote {
        Quote::Usd => Ok(Decimal::ONE),
        Quote::Usdt => Ok(settings.usdt_usd),
        Quote::Usdc => Ok(settings.usdc_usd),
        Quote::Btc(btc) => {
            let btc = &coins[btc];
            let btc_quote = match btc.quote {
                Quote::Btc(_) => Quote::Usd, // unreachable after validation; never recurse
                other => other,
            };
            mul(btc.price, quote_usd_price(btc_quote, coins, settings)?)
        }
    }
}

/// `p(c) = price × p(quote)`.
pub fn usd_price(
    coin: &CoinModel,
    coins: &[CoinModel],
    settings: &ResolvedSettings,
) -> Result<Decimal, Overflow> {
    mul(coin.price, quote_usd_price(coin.quote, coins, settings)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{coin, settings};
    use rust_decimal_macros::dec;

    #[test]
    fn prices_follow_their_quote() {
        let mut s = settings();
        s.usdt_usd = dec!(0.999);
        s.usdc_usd = dec!(1.001);
        let coins = vec![
            coin("BTC", dec!(1), dec!(50000), Quote::Usd),
            coin("DOT", dec!(1), dec!(5), Quote::Usdt),
            coin("SOL", dec!(1), dec!(100), Quote::Usdc),
            coin("ETH", dec!(1), dec!(0.05), Quote::Btc(0)),
        ];
        let table = [
            // 50,000 × p(USD) = 50,000 × 1
            (0, dec!(50000)),
            // 5 × p(USDT) = 5 × 0.999
            (1, dec!(4.995)),
            // 100 × p(USDC) = 100 × 1.001
            (2, dec!(100.1)),
            // 0.05 × p(BTC) = 0.05 × 50,000
            (3, dec!(2500)),
        ];
        for (i, want) in table {
            assert_eq!(
                usd_price(&coins[i], &coins, &s),
                Ok(want),
                "{}",
                coins[i].name
            );
        }
    }
}

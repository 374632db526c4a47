//! What every worded message is made of: a template of the current language with its
//! `{name}` slots filled, and figures written the language's way.
//!
//! The templates are the `messages` namespace's (`locales/<lang>/messages.json`), looked up
//! with leptos_i18n's `td_string!`; their slots are `{name}`, not leptos_i18n's `{{ name }}`,
//! because the generated module builds interpolated strings outside a view only with
//! `interpolate_display` on (it is off). A test checks that every template of every
//! language uses only slots its English one has, and that every English slot is filled.

use crate::i18n::{localize_number, td_string, Locale};
use unimargin::text::group_thousands;
use unimargin::Decimal;

/// `template` with each `{name}` of `args` replaced by its value, in one pass (a value is
/// never read again as a template). A slot without a value is left as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len().saturating_add(48));
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let value = after.split_once('}').and_then(|(name, tail)| {
            args.iter()
                .find(|(slot, _)| *slot == name)
                .map(|(_, value)| (*value, tail))
        });
        match value {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A number written the engine's way (`-1,000.5`, `7.9e28`) written the language's way.
pub fn number(english: &str, locale: Locale) -> String {
    localize_number(english, locale)
}

/// A decimal, its thousands grouped, in the language's way: `1,500` / `1.500` / `1 500`.
pub fn grouped(value: Decimal, locale: Locale) -> String {
    number(&group_thousands(value), locale)
}

/// A percentage (the number already multiplied by 100) with the language's sign: `150 %`
/// in English, Spanish and French (a narrow no-break space in French), `150%` in Chinese.
pub fn with_percent_sign(number: &str, locale: Locale) -> String {
    match locale {
        Locale::zh => format!("{number}%"),
        Locale::fr => format!("{number}\u{202f}%"),
        _ => format!("{number} %"),
    }
}

/// A fraction as the percentage typed for it, exactly: `1.5` → `150 %`. A fraction too large
/// to multiply by 100 is written as it is, said to be a fraction (never a wrong percentage).
pub fn percent(fraction: Decimal, locale: Locale) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => with_percent_sign(&grouped(p.normalize(), locale), locale),
        None => fill(
            td_string!(locale, messages.problem.as_fraction),
            &[("number", &grouped(fraction, locale))],
        ),
    }
}

/// A USD figure to the cent, as the engine writes it (`50,100.00 USD`), in the language's
/// way (`50.100,00 USD`).
pub fn usd(value: Decimal, locale: Locale) -> String {
    let english = unimargin::text::usd(value);
    let figure = english.strip_suffix(" USD").unwrap_or(&english);
    format!("{} USD", number(figure, locale))
}

/// Whether a count takes the singular form (`1 order`); the languages here agree on it for
/// the counts these messages meet (1 and more).
pub fn singular(count: usize) -> bool {
    count == 1
}

/// A field of a FORMAT.md name as a sentence names it, in the page's words ("up to (USD)",
/// "borrowing tiers"; in English [`crate::labels::field_words`]'s); a name the page has no
/// words for is left as it is.
pub fn field(name: &str, locale: Locale) -> String {
    let words = match name {
        "coin" => td_string!(locale, messages.field.coin),
        "balance" => td_string!(locale, messages.field.balance),
        "price" => td_string!(locale, messages.field.price),
        "quote" => td_string!(locale, messages.field.quote),
        "hourly_interest" => td_string!(locale, messages.field.hourly_interest),
        "interest_free" => td_string!(locale, messages.field.interest_free),
        "up_to_usd" => td_string!(locale, messages.field.up_to_usd),
        "up_to" => td_string!(locale, messages.field.up_to),
        "rate" => td_string!(locale, messages.field.rate),
        "leverage" => td_string!(locale, messages.field.leverage),
        "mmr" => td_string!(locale, messages.field.mmr),
        "symbol" => td_string!(locale, messages.field.symbol),
        "base" => td_string!(locale, messages.field.base),
        "settle" => td_string!(locale, messages.field.settle),
        "mark_price" => td_string!(locale, messages.field.mark_price),
        "taker_fee" => td_string!(locale, messages.field.taker_fee),
        "liquidation_fee" => td_string!(locale, messages.field.liquidation_fee),
        "side" => td_string!(locale, messages.field.side),
        "size" => td_string!(locale, messages.field.size),
        "entry_price" => td_string!(locale, messages.field.entry_price),
        "market" => td_string!(locale, messages.field.market),
        "size_step" => td_string!(locale, messages.field.size_step),
        "usdt_usd" => td_string!(locale, messages.field.usdt_usd),
        "usdc_usd" => td_string!(locale, messages.field.usdc_usd),
        "spot_taker_fee" => td_string!(locale, messages.field.spot_taker_fee),
        "warning_rate" => td_string!(locale, messages.field.warning_rate),
        "liquidation_rate" => td_string!(locale, messages.field.liquidation_rate),
        "discount_tiers" => td_string!(locale, messages.field.discount_tiers),
        "loan_tiers" => td_string!(locale, messages.field.loan_tiers),
        "mm_tiers" => td_string!(locale, messages.field.mm_tiers),
        other => other,
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_in_english_as_the_labels_name_them() {
        for name in [
            "coin",
            "balance",
            "price",
            "quote",
            "hourly_interest",
            "interest_free",
            "up_to_usd",
            "up_to",
            "rate",
            "leverage",
            "mmr",
            "symbol",
            "base",
            "settle",
            "mark_price",
            "taker_fee",
            "liquidation_fee",
            "side",
            "size",
            "entry_price",
            "market",
            "size_step",
            "usdt_usd",
            "usdc_usd",
            "spot_taker_fee",
            "warning_rate",
            "liquidation_rate",
            "discount_tiers",
            "loan_tiers",
            "mm_tiers",
            "other_name",
        ] {
            assert_eq!(
                field(name, Locale::en),
                crate::labels::field_words(name),
                "{name}"
            );
            if name != "mmr" && name != "other_name" {
                assert_ne!(field(name, Locale::fr), field(name, Locale::en), "{name}");
            }
        }
    }

    #[test]
    fn slots_are_filled_once_and_unknown_ones_kept() {
        assert_eq!(
            fill("{a} and {b}", &[("a", "{b}"), ("b", "2")]),
            "{b} and 2"
        );
        assert_eq!(fill("{missing} {", &[]), "{missing} {");
        assert_eq!(fill("no slots", &[("a", "1")]), "no slots");
        assert_eq!(fill("{a}{a}", &[("a", "x")]), "xx");
    }
}

//! A scenario into the form (every value written as its field shows it, rates as
//! percentages), and the form read back as a scenario, each field that does not parse named
//! by the engine's path.

use super::*;
use crate::number::{for_field, parse_percent, parse_typed, percent_for_field};
use unimargin::scenario::{
    Coin, Contract, DiscountTier, LoanTier, MaintenanceTier, Order, Position, Scenario, Settings,
    SCENARIO_FORMAT,
};
use unimargin::Decimal;

impl Draft {
    /// The draft of a scenario: every value written as a field shows it.
    ///
    /// (A coin's quote that is none of FORMAT.md's four names, which the engine refuses, is
    /// taken as left out: such a scenario is only read for the names of its fields.)
    pub fn from_scenario(scenario: &Scenario) -> Draft {
        let opt = |v: Option<Decimal>| v.map(for_field).unwrap_or_default();
        let opt_rate = |v: Option<Decimal>| v.map(percent_for_field).unwrap_or_default();
        let s = &scenario.settings;
        let order = |o: &Order| OrderDraft {
            id: 0,
            market: o.market,
            symbol: o.symbol.clone().unwrap_or_default(),
            side: o.side,
            base: o.base.clone().unwrap_or_default(),
            quote: o.quote.clone().unwrap_or_default(),
            size: for_field(o.size),
            price: for_field(o.price),
            size_step: opt(o.size_step),
        };
        let mut draft = Draft {
            settings: SettingsDraft {
                usdt_usd: opt(s.usdt_usd),
                usdc_usd: opt(s.usdc_usd),
                spot_taker_fee: opt_rate(s.spot_taker_fee),
                warning_rate: opt_rate(s.warning_rate),
                liquidation_rate: opt_rate(s.liquidation_rate),
                position_mode: s.position_mode,
            },
            coins: scenario
                .coins
                .iter()
                .map(|c| CoinDraft {
                    id: 0,
                    coin: c.coin.clone(),
                    balance: for_field(c.balance),
                    price: opt(c.price),
                    quote: c
                        .quote
                        .as_deref()
                        .and_then(<Option<CoinQuote>>::named)
                        .flatten(),
                    discount_tiers: c
                        .discount_tiers
                        .iter()
                        .flatten()
                        .map(|t| DiscountTierDraft {
                            id: 0,
                            up_to_usd: opt(t.up_to_usd),
                            up_to: opt(t.up_to),
                            rate: percent_for_field(t.rate),
                        })
                        .collect(),
                    loan_tiers: c
                        .loan_tiers
                        .iter()
                        .flatten()
                        .map(|t| LoanTierDraft {
                            id: 0,
                            up_to: opt(t.up_to),
                            leverage: for_field(t.leverage),
                            mmr: percent_for_field(t.mmr),
                        })
                        .collect(),
                    hourly_interest: opt_rate(c.hourly_interest),
                    interest_free: opt(c.interest_free),
                })
                .collect(),
            contracts: scenario
                .contracts
                .iter()
                .map(|c| ContractDraft {
                    id: 0,
                    symbol: c.symbol.clone(),
                    base: c.base.clone().unwrap_or_default(),
                    settle: c.settle.clone().unwrap_or_default(),
                    mark_price: for_field(c.mark_price),
                    leverage: for_field(c.leverage),
                    taker_fee: opt_rate(c.taker_fee),
                    liquidation_fee: opt_rate(c.liquidation_fee),
                    mm_tiers: c
                        .mm_tiers
                        .iter()
                        .flatten()
                        .map(|t| MmTierDraft {
                            id: 0,
                            up_to_usd: opt(t.up_to_usd),
                            mmr: percent_for_field(t.mmr),
                        })
                        .collect(),
                })
                .collect(),
            positions: scenario
                .positions
                .iter()
                .map(|p| PositionDraft {
                    id: 0,
                    symbol: p.symbol.clone(),
                    side: p.side,
                    size: for_field(p.size),
                    entry_price: for_field(p.entry_price),
                })
                .collect(),
            orders: scenario.orders.iter().map(order).collect(),
            check: scenario.check.as_ref().map(order),
            market: scenario.market.clone(),
            next_id: 0,
        };
        draft.renumber();
        draft
    }

    /// The text of every rate field (typed as a percentage), for turning the fractions of
    /// work saved by the app's first version into percentages.
    pub fn rate_texts_mut(&mut self) -> Vec<&mut String> {
        let s = &mut self.settings;
        let mut texts = vec![
            &mut s.spot_taker_fee,
            &mut s.warning_rate,
            &mut s.liquidation_rate,
        ];
        for c in &mut self.coins {
            texts.extend(c.discount_tiers.iter_mut().map(|t| &mut t.rate));
            texts.extend(c.loan_tiers.iter_mut().map(|t| &mut t.mmr));
            texts.push(&mut c.hourly_interest);
        }
        for c in &mut self.contracts {
            texts.push(&mut c.taker_fee);
            texts.push(&mut c.liquidation_fee);
            texts.extend(c.mm_tiers.iter_mut().map(|t| &mut t.mmr));
        }
        texts
    }

    /// Reads the draft as a scenario, or names every field that does not parse.
    /// (The engine checks the rest: ranges, tiers, references.)
    pub fn to_scenario(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut r = Reader::default();
        let s = &self.settings;
        let settings = Settings {
            usdt_usd: r.optional(|| "settings.usdt_usd".into(), &s.usdt_usd),
            usdc_usd: r.optional(|| "settings.usdc_usd".into(), &s.usdc_usd),
            spot_taker_fee: r.optional_rate(|| "settings.spot_taker_fee".into(), &s.spot_taker_fee),
            warning_rate: r.optional_rate(|| "settings.warning_rate".into(), &s.warning_rate),
            liquidation_rate: r
                .optional_rate(|| "settings.liquidation_rate".into(), &s.liquidation_rate),
            position_mode: s.position_mode,
        };
        let coins = self
            .coins
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let at = |field: &'static str| move || format!("coins[{i}].{field}");
                let stable = c.is_stablecoin();
                Coin {
                    coin: c.coin.clone(),
                    balance: r.required(at("balance"), &c.balance),
                    // USDT and USDC: priced by the settings, whatever the fields hold.
                    price: if stable {
                        None
                    } else {
                        r.optional(at("price"), &c.price)
                    },
                    quote: c.quote.filter(|_| !stable).map(|q| q.name().to_string()),
                    // no tiers in the form: none in the scenario (the coin counts for 0)
                    discount_tiers: non_empty(
                        c.discount_tiers
                            .iter()
                            .enumerate()
                            .map(|(t, tier)| {
                                let at = |field: &'static str| {
                                    move || format!("coins[{i}].discount_tiers[{t}].{field}")
                                };
                                DiscountTier {
                                    up_to_usd: r.optional(at("up_to_usd"), &tier.up_to_usd),
                                    up_to: r.optional(at("up_to"), &tier.up_to),
                                    rate: r.required_rate(at("rate"), &tier.rate),
                                }
                            })
                            .collect(),
                    ),
                    loan_tiers: non_empty(
                        c.loan_tiers
                            .iter()
                            .enumerate()
                            .map(|(t, tier)| {
                                let at = |field: &'static str| {
                                    move || format!("coins[{i}].loan_tiers[{t}].{field}")
                                };
                                LoanTier {
                                    up_to: r.optional(at("up_to"), &tier.up_to),
                                    leverage: r.required(at("leverage"), &tier.leverage),
                                    mmr: r.required_rate(at("mmr"), &tier.mmr),
                                }
                            })
                            .collect(),
                    ),
                    hourly_interest: r.optional_rate(at("hourly_interest"), &c.hourly_interest),
                    interest_free: r.optional(at("interest_free"), &c.interest_free),
                }
            })
            .collect();
        let contracts = self
            .contracts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let at = |field: &'static str| move || format!("contracts[{i}].{field}");
                Contract {
                    symbol: c.symbol.clone(),
                    // left empty: the market's (without one, the engine asks for it)
                    base: (!c.base.is_empty()).then(|| c.base.clone()),
                    settle: (!c.settle.is_empty()).then(|| c.settle.clone()),
                    mark_price: r.required(at("mark_price"), &c.mark_price),
                    leverage: r.required(at("leverage"), &c.leverage),
                    taker_fee: r.optional_rate(at("taker_fee"), &c.taker_fee),
                    liquidation_fee: r.optional_rate(at("liquidation_fee"), &c.liquidation_fee),
                    // no tiers in the form: the market's, when the draft uses one
                    mm_tiers: (self.market.is_none() || !c.mm_tiers.is_empty()).then(|| {
                        c.mm_tiers
                            .iter()
                            .enumerate()
                            .map(|(t, tier)| {
                                let at = |field: &'static str| {
                                    move || format!("contracts[{i}].mm_tiers[{t}].{field}")
                                };
                                MaintenanceTier {
                                    up_to_usd: r.optional(at("up_to_usd"), &tier.up_to_usd),
                                    mmr: r.required_rate(at("mmr"), &tier.mmr),
                                }
                            })
                            .collect()
                    }),
                }
            })
            .collect();
        let positions = self
            .positions
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let at = |field: &'static str| move || format!("positions[{i}].{field}");
                Position {
                    symbol: p.symbol.clone(),
                    side: p.side,
                    size: r.required(at("size"), &p.size),
                    entry_price: r.required(at("entry_price"), &p.entry_price),
                }
            })
            .collect();
        let orders = self
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| r.order(&|| format!("orders[{i}]"), o, false))
            .collect();
        let check = self
            .check
            .as_ref()
            .map(|o| r.order(&|| "check".into(), o, true));
        if r.errors.is_empty() {
            Ok(Scenario {
                format: SCENARIO_FORMAT.to_string(),
                settings,
                coins,
                contracts,
                positions,
                orders,
                check,
                market: self.market.clone(),
            })
        } else {
            Err(r.errors)
        }
    }
}

/// A list of tiers, or none when it is empty (FORMAT.md: no tiers is a field left out).
fn non_empty<T>(tiers: Vec<T>) -> Option<Vec<T>> {
    (!tiers.is_empty()).then_some(tiers)
}

/// Reads fields, keeping every error. A field's path is given as what writes it out, called
/// only for a field with a problem: every field is read again at each key (at 200
/// positions, hundreds of paths a key that nobody reads; issue 14).
#[derive(Default)]
struct Reader {
    errors: Vec<FieldError>,
}

impl Reader {
    fn fail(&mut self, path: impl FnOnce() -> String, kind: FieldProblem) {
        self.errors.push(FieldError { path: path(), kind });
    }

    fn required(&mut self, path: impl FnOnce() -> String, text: &str) -> Decimal {
        parse_typed(text).unwrap_or_else(|error| {
            self.fail(path, FieldProblem::Entry(error));
            Decimal::ZERO
        })
    }

    fn optional(&mut self, path: impl FnOnce() -> String, text: &str) -> Option<Decimal> {
        if text.trim().is_empty() {
            None
        } else {
            Some(self.required(path, text))
        }
    }

    /// A rate typed as a percentage, as its fraction.
    fn required_rate(&mut self, path: impl FnOnce() -> String, text: &str) -> Decimal {
        parse_percent(text).unwrap_or_else(|error| {
            self.fail(path, FieldProblem::Entry(error));
            Decimal::ZERO
        })
    }

    fn optional_rate(&mut self, path: impl FnOnce() -> String, text: &str) -> Option<Decimal> {
        if text.trim().is_empty() {
            None
        } else {
            Some(self.required_rate(path, text))
        }
    }

    fn order(&mut self, path: &dyn Fn() -> String, o: &OrderDraft, is_check: bool) -> Order {
        let at = |field: &'static str| move || format!("{}.{field}", path());
        let named = |text: &str| (!text.is_empty()).then(|| text.to_string());
        let futures = o.is_futures();
        Order {
            market: o.market,
            symbol: if futures { named(&o.symbol) } else { None },
            side: o.side,
            base: if futures { None } else { named(&o.base) },
            quote: if futures { None } else { named(&o.quote) },
            size: self.required(at("size"), &o.size),
            price: self.required(at("price"), &o.price),
            size_step: if is_check {
                self.optional(at("size_step"), &o.size_step)
            } else {
                None
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::seed;

    #[test]
    fn a_scenario_round_trips_through_the_draft() {
        for name in ["1", "3"] {
            let scenario = seed(name);
            let draft = Draft::from_scenario(&scenario);
            let mut back = draft.to_scenario().unwrap();
            // USDT's own price and quote are left out: the settings price it.
            for coin in &mut back.coins {
                if coin.coin == "USDT" {
                    coin.price = Some(Decimal::ONE);
                    coin.quote = Some("USDT".into());
                }
            }
            assert_eq!(back, scenario, "seed {name}");
        }
        let draft = Draft::from_scenario(&seed("1"));
        assert_eq!(draft.coins[0].discount_tiers[0].up_to_usd, "1,000,000");
        assert_eq!(draft.coins[0].price, "50,000");
    }

    #[test]
    fn rates_are_typed_as_percentages_and_read_as_fractions() {
        let futures = unimargin::parse_scenario(include_str!(
            "../../../../tests/fixtures/presets/futures-account.json"
        ))
        .unwrap();
        let mut draft = Draft::from_scenario(&futures);
        // the file's fractions, shown as percentages: 0.98, 0.05, 0.000002, 0.0006, 0.004
        let btc = &draft.coins[0];
        assert_eq!(btc.discount_tiers[0].rate, "98");
        assert_eq!(btc.loan_tiers[0].mmr, "5");
        assert_eq!(btc.hourly_interest, "0.0002");
        assert_eq!(draft.contracts[0].taker_fee, "0.06");
        assert_eq!(draft.contracts[0].mm_tiers[0].mmr, "0.4");
        assert_eq!(draft.settings.warning_rate, "80");
        assert_eq!(draft.settings.spot_taker_fee, "0.1");
        assert_eq!(draft.to_scenario().unwrap(), futures);
        // 97.5 typed is 0.975 in the scenario; a leverage is not a rate
        let (id, tier) = (draft.coins[0].id, draft.coins[0].discount_tiers[0].id);
        draft.set(
            Field::Discount(id, tier, DiscountField::Rate),
            "97.5 %".into(),
        );
        let scenario = draft.to_scenario().unwrap();
        assert_eq!(
            scenario.coins[0].discount_tiers.as_deref().unwrap()[0]
                .rate
                .to_string(),
            "0.975"
        );
        assert_eq!(scenario.contracts[0].leverage, Decimal::from(20));
        // every rate field is one of the texts a saved fraction is turned from
        assert_eq!(
            draft.rate_texts_mut().len(),
            3 + (2 + 2 + 1) + (3 + 2 + 1) + (1 + 2 + 1) + (2 + 6)
        );
    }

    /// Every number field of every kind of row, broken alone, is named by the path the
    /// layout gives it (worked out apart from the reading, in layout.rs): the last row of
    /// each list and its last tier, so that both indices count.
    #[test]
    fn each_number_field_broken_alone_is_named_by_its_layout_path() {
        let futures = unimargin::parse_scenario(include_str!(
            "../../../../tests/fixtures/presets/futures-account.json"
        ))
        .unwrap();
        let draft = Draft::from_scenario(&futures);
        let coin = draft.coins.last().unwrap();
        let contract = draft.contracts.last().unwrap();
        let (c, k) = (coin.id, contract.id);
        let discount = coin.discount_tiers.last().unwrap().id;
        let loan = coin.loan_tiers.last().unwrap().id;
        let mm = contract.mm_tiers.last().unwrap().id;
        let position = draft.positions.last().unwrap().id;
        let order = draft.orders.last().unwrap().id;
        let mut fields = vec![
            Field::Coin(c, CoinField::Balance),
            Field::Coin(c, CoinField::HourlyInterest),
            Field::Coin(c, CoinField::InterestFree),
            Field::Discount(c, discount, DiscountField::UpToUsd),
            Field::Discount(c, discount, DiscountField::Rate),
            Field::Loan(c, loan, LoanField::UpTo),
            Field::Loan(c, loan, LoanField::Leverage),
            Field::Loan(c, loan, LoanField::Mmr),
            Field::Contract(k, ContractField::MarkPrice),
            Field::Contract(k, ContractField::Leverage),
            Field::Contract(k, ContractField::TakerFee),
            Field::Contract(k, ContractField::LiquidationFee),
            Field::Mm(k, mm, MmField::UpToUsd),
            Field::Mm(k, mm, MmField::Mmr),
            Field::Position(position, PositionField::Size),
            Field::Position(position, PositionField::EntryPrice),
            Field::Order(order, OrderField::Size),
            Field::Order(order, OrderField::Price),
            Field::Check(OrderField::Size),
            Field::Check(OrderField::Price),
            Field::Check(OrderField::SizeStep),
        ];
        fields.extend(
            [
                SettingField::UsdtUsd,
                SettingField::UsdcUsd,
                SettingField::SpotTakerFee,
                SettingField::WarningRate,
                SettingField::LiquidationRate,
            ]
            .map(Field::Setting),
        );
        // a coin's own price is read unless it is a stablecoin's
        let btc = draft.coins[0].id;
        fields.push(Field::Coin(btc, CoinField::Price));
        let layout = draft.layout();
        for field in fields {
            let mut broken = draft.clone();
            assert!(broken.set(field, "1x".into()), "{field:?}");
            let errors = broken.to_scenario().expect_err("1x is no number");
            let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
            assert_eq!(paths, [layout.path_of(field).unwrap()], "{field:?}");
        }
    }

    #[test]
    fn every_field_that_does_not_parse_is_named_by_its_path() {
        let mut draft = Draft::from_scenario(&seed("3"));
        let (btc, dot) = (draft.coins[0].id, draft.coins[2].id);
        let dot_tier = draft.coins[2].discount_tiers[0].id;
        assert!(draft.set(Field::Coin(btc, CoinField::Balance), "1,5".into()));
        assert!(draft.set(
            Field::Discount(dot, dot_tier, DiscountField::Rate),
            "half".into()
        ));
        assert!(draft.set(Field::Check(OrderField::Size), "".into()));
        let errors = draft.to_scenario().unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "coins[0].balance",
                "coins[2].discount_tiers[0].rate",
                "check.size"
            ]
        );
        assert!(matches!(
            errors[0].kind,
            FieldProblem::Entry(EntryError::BadGrouping { .. })
        ));
        assert!(errors[0].message().contains("every three digits"));
        assert_eq!(errors[2].kind, FieldProblem::Entry(EntryError::Empty));
        assert_eq!(errors[2].message(), "enter a number");
    }

    #[test]
    fn typed_forms_of_one_number_give_the_same_scenario() {
        let mut draft = Draft::from_scenario(&seed("1"));
        let btc = draft.coins[0].id;
        let mut seen = Vec::new();
        for typed in ["50000", "50,000", "50 000"] {
            draft.set(Field::Coin(btc, CoinField::Price), typed.into());
            seen.push(draft.to_scenario().unwrap().coins[0].price);
        }
        assert_eq!(seen, vec![Some(Decimal::from(50000)); 3]);
    }
}

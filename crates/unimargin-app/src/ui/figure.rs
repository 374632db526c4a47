//! Figures on the page: rounded for people, the engine's exact decimal in `data-value` (for
//! tests) and in "exact values" mode (one tap away, for everyone, on touch screens too).
//! Each figure has its own signal, set only when its value changed ([`Board`]).

use super::Ctx;
use crate::calc::Computed;
use crate::i18n::Locale;
use crate::show::{self, Shown};
use crate::threshold::{margin_rate, Thresholds};
use leptos::prelude::*;
use unimargin::Decimal;

/// A figure as the engine computed it, and how it is shown. Small and `Copy`: comparing
/// two is cheap, so a figure's text is written only when its value changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fig {
    /// `50,100.00 USD`
    Usd(Decimal),
    /// `50,100.00` (in a table whose heading says USD)
    Cell(Decimal),
    /// A price: to the cent from 1 up, else up to 8 decimals.
    Price(Decimal),
    /// A coin amount, exact and grouped.
    Amount(Decimal),
    /// A rate as a percentage.
    Rate(Decimal),
    /// A cross margin rate (`None`: unbounded), rounded never across its thresholds.
    MarginRate(Option<Decimal>, Thresholds),
    /// Account leverage (`None`: unbounded).
    Leverage(Option<Decimal>),
}

impl Fig {
    /// The engine's exact decimal (empty: unbounded).
    pub fn exact(self) -> String {
        match self {
            Fig::Usd(d) | Fig::Cell(d) | Fig::Price(d) | Fig::Amount(d) | Fig::Rate(d) => {
                show::exact(d)
            }
            Fig::MarginRate(d, _) | Fig::Leverage(d) => show::exact_or_empty(d),
        }
    }

    /// The text for people, in `locale`'s number format.
    pub fn text(self, locale: Locale) -> String {
        let shown = match self {
            Fig::Usd(d) => Shown::Text(show::usd_text(d)),
            Fig::Cell(d) => Shown::Text(show::usd_cell(d)),
            Fig::Price(d) => Shown::Text(show::price(d)),
            Fig::Amount(d) => Shown::Text(show::amount(d)),
            Fig::Rate(d) => show::rate(d),
            Fig::MarginRate(d, thresholds) => margin_rate(d, thresholds),
            Fig::Leverage(d) => show::leverage(d),
        };
        show::shown_in(&shown, locale)
    }

    fn is_negative(self) -> bool {
        match self {
            Fig::Usd(d) | Fig::Cell(d) | Fig::Price(d) | Fig::Amount(d) | Fig::Rate(d) => {
                d.is_sign_negative() && !d.is_zero()
            }
            Fig::MarginRate(..) | Fig::Leverage(_) => false,
        }
    }
}

/// How a figure is read from the computed figures.
pub type Getter = Box<dyn Fn(&Computed) -> Option<Fig> + Send + Sync>;

struct Slot {
    get: Getter,
    value: RwSignal<Option<Fig>>,
}

/// Every figure on the page, each with its own signal: [`Ctx`]'s publishing effect reads
/// each from new figures and sets only those that changed.
#[derive(Default)]
pub struct Board {
    slots: Vec<Option<Slot>>,
    free: Vec<usize>,
}

impl Board {
    fn insert(&mut self, slot: Slot) -> usize {
        match self.free.pop() {
            Some(i) => {
                self.slots[i] = Some(slot);
                i
            }
            None => {
                let key = self.slots.len();
                self.slots.push(Some(slot));
                key
            }
        }
    }

    fn remove(&mut self, key: usize) {
        if let Some(slot) = self.slots.get_mut(key) {
            if slot.take().is_some() {
                self.free.push(key);
            }
        }
    }

    /// Sets every figure whose value changed.
    pub fn publish(&self, computed: Option<&Computed>) {
        for slot in self.slots.iter().flatten() {
            let value = computed.and_then(|c| (slot.get)(c));
            if slot.value.try_get_untracked().is_some_and(|v| v != value) {
                slot.value.try_set(value);
            }
        }
    }
}

/// A figure from the computed figures: rounded text, the exact value in `data-value`, and
/// shown exactly in "exact values" mode (one tap away).
/// The getter runs against each new report; the element is touched only on a change.
pub fn figure(
    ctx: Ctx,
    testid: Option<String>,
    get: impl Fn(&Computed) -> Option<Fig> + Send + Sync + 'static,
) -> impl IntoView {
    // One instance of the view for every figure of the page (small code).
    figure_of(ctx, testid, Box::new(get))
}

fn figure_of(ctx: Ctx, testid: Option<String>, get: Getter) -> impl IntoView {
    let first = ctx.figures.with_untracked(|f| f.as_deref().and_then(&get));
    let value = RwSignal::new(first);
    let key = ctx
        .board
        .try_update_value(|b| b.insert(Slot { get, value }));
    on_cleanup(move || {
        if let Some(key) = key {
            ctx.board.try_update_value(|b| b.remove(key));
        }
    });
    let exact = move || value.with(|v| v.map(Fig::exact).unwrap_or_default());
    let i18n = ctx.i18n;
    // the exact value for people: the locale's marks (`data-value` keeps the engine's)
    let title = move || {
        let e = exact();
        if e.is_empty() && value.with(Option::is_some) {
            show::shown_in(&Shown::Unbounded, i18n.get_locale())
        } else {
            show::number_in(&e, i18n.get_locale())
        }
    };
    // the exact value also in `title`, for a mouse; "Exact values" shows it to everyone
    view! {
        <span class="fig" data-testid=testid data-value=exact title=title
            class:neg=move || value.with(|v| v.is_some_and(Fig::is_negative))>
            {move || {
                if ctx.exact.get() {
                    title()
                } else {
                    let locale = i18n.get_locale();
                    value.with(|v| v.map(|f| f.text(locale)).unwrap_or_default())
                }
            }}
        </span>
    }
}

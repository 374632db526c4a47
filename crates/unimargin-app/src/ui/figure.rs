//! Figures on the page: rounded for people, the engine's exact decimal in `data-value` (for
//! tests) and in "exact values" mode (one tap away, for everyone, on touch screens too).
//! Each figure has its own signal, set only when its value changed ([`Board`]).
//!
//! The parts of the page far from the screen (more than half a screen's height away: on a
//! phone, all but the bar while a person types in the form) are not written at each key:
//! their figures, and what they work out from them ([`figures_near`]), are brought up to
//! date as the part comes near the screen, or when typing stops ([`Nearness`],
//! [`catch_up_when_typing_stops`]). A key then lays out and paints only what a person can
//! see. Figures that follow anything but a key (an example opened, an import, an undo) are
//! written at once, wherever they are.

use super::Ctx;
use crate::calc::{Computed, Shared};
use crate::i18n::Locale;
use crate::show::{self, Shown};
use crate::threshold::{margin_rate, Thresholds};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
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

/// What a slot of the board writes.
enum Target {
    /// A figure, read by its getter from the figures.
    Figure {
        get: Getter,
        value: RwSignal<Option<Fig>>,
    },
    /// The figures whole, for what a part of the page works out from them (the summary's
    /// sentence and gauge, the order check's verdict): [`figures_near`].
    Figures(RwSignal<Option<Shared<Computed>>>),
}

struct Slot {
    target: Target,
    /// Whether the part of the page holding the figure is near the screen (`None`: always
    /// written, as the bar's figures are).
    near: Option<RwSignal<bool>>,
    /// Not written with the last figures, its part of the page being away from the screen.
    behind: AtomicBool,
}

impl Slot {
    fn is_near(&self) -> bool {
        self.near
            .is_none_or(|near| near.try_get_untracked().unwrap_or(true))
    }

    fn write(&self, figures: Option<&Shared<Computed>>) {
        self.behind.store(false, Ordering::Relaxed);
        match &self.target {
            Target::Figure { get, value } => {
                let new = figures.and_then(|c| get(c));
                if value.try_get_untracked().is_some_and(|v| v != new) {
                    value.try_set(new);
                }
            }
            Target::Figures(shown) => {
                if shown.try_with_untracked(|f| f.as_ref() != figures) == Some(true) {
                    shown.try_set(figures.cloned());
                }
            }
        }
    }
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

    /// Sets every figure whose value changed; after a key (`typed`), only those of the
    /// parts of the page near the screen, the others left behind until [`Board::catch_up`].
    pub fn publish(&self, figures: Option<&Shared<Computed>>, typed: bool) {
        for slot in self.slots.iter().flatten() {
            if !typed || slot.is_near() {
                slot.write(figures);
            } else {
                slot.behind.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Writes the figures left behind: all of them, or those of parts now near the screen.
    pub fn catch_up(&self, figures: Option<&Shared<Computed>>, all: bool) {
        for slot in self.slots.iter().flatten() {
            if slot.behind.load(Ordering::Relaxed) && (all || slot.is_near()) {
                slot.write(figures);
            }
        }
    }
}

/// Whether a part of the page is on the screen or within half a screen's height of it, for the
/// figures in it: given to them as context, by a `<Provider>` around the part (its own
/// owner: two tables rendered side by side must not share one).
#[derive(Clone, Copy)]
pub struct Nearness(RwSignal<bool>);

/// Follows whether `section` is near the screen, for the figures rendered under the
/// returned context ([`Nearness`]); those left behind while it was away are written as it
/// comes near. Near until the browser says otherwise.
pub fn follow_nearness(ctx: Ctx, section: NodeRef<leptos::html::Section>) -> Nearness {
    let near = RwSignal::new(true);
    super::follow_screen_nearness(section, move |is_near| {
        if near.try_get_untracked() == Some(is_near) {
            return;
        }
        near.try_set(is_near);
        if is_near {
            ctx.figures.with_untracked(|f| {
                ctx.board.with_value(|b| b.catch_up(f.as_ref(), false));
            });
        }
    });
    Nearness(near)
}

/// Writes every figure left behind once typing stops (the figures unchanged for
/// [`super::engine::CATCH_UP`], as for the panels worked out by the engine's worker), so
/// that nothing on the page, read by a screen reader or found in it, stays out of date.
pub fn catch_up_when_typing_stops(ctx: Ctx) {
    let timer: super::Timer = StoredValue::new(None);
    Effect::new(move |_| {
        ctx.figures.track();
        super::restart(timer, super::engine::CATCH_UP, move || {
            ctx.figures.with_untracked(|f| {
                ctx.board.with_value(|b| b.catch_up(f.as_ref(), true));
            });
        });
    });
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

/// Puts `target` on the board, near the screen as the [`Nearness`] given (or provided
/// around the caller) says, until the caller's owner goes.
fn enter(ctx: Ctx, target: Target, near: Option<Nearness>) {
    let near = near.or_else(use_context::<Nearness>).map(|n| n.0);
    let key = ctx.board.try_update_value(|b| {
        b.insert(Slot {
            target,
            near,
            behind: AtomicBool::new(false),
        })
    });
    on_cleanup(move || {
        if let Some(key) = key {
            ctx.board.try_update_value(|b| b.remove(key));
        }
    });
}

/// The figures as the part of the page that `near` follows shows them: while it is away
/// from the screen, those of before the keys typed since, as for its figures (see
/// [`figure`]). What the part works out from the figures (a sentence, the gauge, a
/// verdict) reads these, so a key does not work it out, lay it out and paint it there.
pub fn figures_near(ctx: Ctx, near: Nearness) -> ReadSignal<Option<Shared<Computed>>> {
    let shown = RwSignal::new(ctx.figures.get_untracked());
    enter(ctx, Target::Figures(shown), Some(near));
    shown.read_only()
}

fn figure_of(ctx: Ctx, testid: Option<String>, get: Getter) -> impl IntoView {
    let first = ctx.figures.with_untracked(|f| f.as_deref().and_then(&get));
    let value = RwSignal::new(first);
    enter(ctx, Target::Figure { get, value }, None);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::Outcome;
    use crate::draft::{CoinField, Draft, Field};

    /// Seed 1's figures with BTC's balance `btc`: 1 BTC at 50,000 counts at 98 %, so adjusted
    /// equity is 49,000 USD a BTC (the DOT counts at 0).
    fn seed1_with(btc: &str) -> Option<Shared<Computed>> {
        let scenario = unimargin::parse_scenario(include_str!(
            "../../../../tests/fixtures/seeds/seed-1-btc-dot-collateral.json"
        ))
        .unwrap();
        let mut draft = Draft::from_scenario(&scenario);
        let id = draft.coins[0].id;
        draft.set(Field::Coin(id, CoinField::Balance), btc.into());
        Outcome::next(None, &draft, None, None).figures
    }

    fn adjusted_equity(c: &Computed) -> Option<Fig> {
        Some(Fig::Usd(c.report.account.adjusted_equity))
    }

    fn slot(target: Target, near: Option<RwSignal<bool>>) -> Slot {
        Slot {
            target,
            near,
            behind: AtomicBool::new(false),
        }
    }

    #[test]
    fn a_part_away_from_the_screen_waits_after_a_key_and_follows_as_it_comes_near() {
        let one = seed1_with("1");
        let two = seed1_with("2");
        let usd = |n: i64| Some(Fig::Usd(Decimal::from(n)));
        let near = RwSignal::new(false);
        let bar = RwSignal::new(usd(49_000));
        let figure = RwSignal::new(usd(49_000));
        let whole = RwSignal::new(one.clone());
        let mut board = Board::default();
        let get = || -> Getter { Box::new(adjusted_equity) };
        board.insert(slot(
            Target::Figure {
                get: get(),
                value: bar,
            },
            None,
        ));
        board.insert(slot(
            Target::Figure {
                get: get(),
                value: figure,
            },
            Some(near),
        ));
        board.insert(slot(Target::Figures(whole), Some(near)));
        let figures_are = |f: &Option<Shared<Computed>>| whole.get_untracked() == *f;

        // a key: the bar follows it; the part away from the screen waits
        board.publish(two.as_ref(), true);
        assert_eq!(bar.get_untracked(), usd(98_000));
        assert_eq!(figure.get_untracked(), usd(49_000));
        assert!(figures_are(&one));
        // still away: catching up what is near leaves it
        board.catch_up(two.as_ref(), false);
        assert_eq!(figure.get_untracked(), usd(49_000));
        assert!(figures_are(&one));
        // come near: brought up to date
        near.set(true);
        board.catch_up(two.as_ref(), false);
        assert_eq!(figure.get_untracked(), usd(98_000));
        assert!(figures_are(&two));

        // anything but a key (an example opened): written at once, away or not
        near.set(false);
        board.publish(one.as_ref(), false);
        assert_eq!(figure.get_untracked(), usd(49_000));
        assert!(figures_are(&one));

        // typing stops: everything left behind is written, near or not
        board.publish(two.as_ref(), true);
        assert!(figures_are(&one));
        board.catch_up(two.as_ref(), true);
        assert_eq!(figure.get_untracked(), usd(98_000));
        assert!(figures_are(&two));
    }
}

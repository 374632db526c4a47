//! The what-if chart: the cross margin rate against a coin's price, drawn at the size it is
//! shown (so its labels are 12 px on a phone as on a desktop), with round ticks on both
//! axes, titled axes, threshold lines whose labels never overlap, the curve coloured by
//! zone, and a readout of the point under the pointer (or finger).

use super::whatif::price_and_change;
use super::Ctx;
use crate::analysis::Analysis;
use crate::chart_scale::{axis_labels, nice_ticks, spread_labels, zone_runs, Zone};
use crate::checked::Checked;
use crate::i18n::td_string;
use crate::show;
use crate::threshold::{margin_rate, Thresholds};
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use std::sync::Arc;
use unimargin::whatif::PriceFigures;
use unimargin::Decimal;

// Margins around the plot, in CSS pixels.
const LEFT: f64 = 64.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 42.0;
/// Two threshold labels are at least this far apart (their text is 12 px high).
const LABEL_GAP: f64 = 14.0;

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// Where prices and rates go on a chart `width` × `height` pixels.
#[derive(Clone, Copy)]
struct Scale {
    width: f64,
    height: f64,
    bottom_price: f64,
    top_price: f64,
    top_rate: f64,
}

impl Scale {
    fn x(&self, price: f64) -> f64 {
        let share = (price - self.bottom_price) / (self.top_price - self.bottom_price);
        LEFT + share.clamp(0.0, 1.0) * (self.width - LEFT - RIGHT)
    }

    fn y(&self, rate: Option<Decimal>) -> f64 {
        let share = rate.map_or(1.0, |r| (f(r) / self.top_rate).clamp(0.0, 1.0));
        TOP + (1.0 - share) * (self.height - TOP - BOTTOM)
    }

    fn plot_bottom(&self) -> f64 {
        self.height - BOTTOM
    }
}

/// The chart of an analysis (a task after the page's figures, like the rest of the panel).
pub fn chart(ctx: Ctx, analysis: Memo<Option<Arc<Analysis>>>) -> impl IntoView {
    let hover = RwSignal::new(None::<usize>);
    // drawn at the width it is shown at: measured once on the page, and again on resize
    let width = RwSignal::new(640.0_f64);
    let measure = move || {
        let w = crate::web::width_of_testid("chart");
        if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
            width.set(w.clamp(260.0, 960.0));
        }
    };
    // when the chart appears (not at each new analysis: measuring forces a layout)
    Effect::new(move |shown: Option<bool>| {
        let shows = analysis.with(Option::is_some);
        if shows && shown != Some(true) {
            request_animation_frame(measure);
        }
        shows
    });
    // in the browser only (the first view is also rendered on the host, where no window is)
    if cfg!(target_arch = "wasm32") {
        let _ = window_event_listener(leptos::ev::resize, move |_| measure());
    }
    let shocked = Memo::new(move |_| {
        ctx.figures.with(|f| {
            f.as_ref()
                .and_then(|c| c.shock.as_ref().map(|(applied, _)| applied.to))
        })
    });
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return;
        }
        let w = width.get_untracked();
        let fx = (f64::from(ev.client_x()) - rect.left()) / rect.width() * w;
        let share = ((fx - LEFT) / (w - LEFT - RIGHT)).clamp(0.0, 1.0);
        // The point of the curve nearest the pointer's price.
        let nearest = analysis.with_untracked(|a| {
            let a = a.as_ref()?;
            let price = f(a.bottom) + share * (f(a.top) - f(a.bottom));
            let off = |p: &PriceFigures| (f(p.usd_price) - price).abs();
            (0..a.curve.len()).min_by(|&i, &j| off(&a.curve[i]).total_cmp(&off(&a.curve[j])))
        });
        if nearest.is_some() {
            hover.set(nearest);
        }
    };
    let i18n = ctx.i18n;
    move || {
        let locale = i18n.get_locale();
        analysis.get().map(|a| {
            let w = width.get();
            let h = (w * 0.55).clamp(230.0, 300.0);
            // up to 125 % of the liquidation rate (a rate too large for that: up to it)
            let top_rate = a
                .liquidation_rate
                .times(Decimal::new(125, 2))
                .unwrap_or(a.liquidation_rate);
            let thresholds = Thresholds {
                warning: a.warning_rate,
                liquidation: a.liquidation_rate,
            };
            let scale = Scale {
                width: w,
                height: h,
                bottom_price: f(a.bottom),
                top_price: f(a.top),
                top_rate: f(top_rate),
            };
            let plot_w = w - LEFT - RIGHT;
            // the curve, cut where its zone changes
            let points: Vec<((f64, f64), Zone)> = a
                .curve
                .iter()
                .map(|p| {
                    (
                        (scale.x(f(p.usd_price)), scale.y(p.cross_margin_rate)),
                        Zone::of(p.cross_margin_rate, a.warning_rate, a.liquidation_rate),
                    )
                })
                .collect();
            let runs = zone_runs(&points);
            let segments = runs
                .iter()
                .map(|(zone, run)| {
                    let pts = run
                        .iter()
                        .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
                        .collect::<Vec<_>>()
                        .join(" ");
                    view! { <polyline class=format!("curve {}", zone.name()) points=pts></polyline> }
                })
                .collect_view();
            // y axis: round rates
            let y_ticks = nice_ticks(Decimal::ZERO, top_rate, 6)
                .into_iter()
                .map(|r| {
                    let y = num(scale.y(Some(r)));
                    view! {
                        <line class="grid" x1=num(LEFT) x2=num(w - RIGHT) y1=y.clone() y2=y.clone()></line>
                        <text class="label end" x=num(LEFT - 5.0) y=y>{show::shown_in(&show::rate(r), locale)}</text>
                    }
                })
                .collect_view();
            // x axis: round prices
            // a label every 55 px or more ("55,000" is about 42 px wide at 12 px)
            let max_ticks = ((plot_w / 55.0) as usize).clamp(4, 8);
            let prices = nice_ticks(a.bottom, a.top, max_ticks);
            let x_ticks = prices
                .iter()
                .zip(axis_labels(&prices))
                .map(|(p, label)| {
                    let x = num(scale.x(f(*p)));
                    view! {
                        <line class="tick" x1=x.clone() x2=x.clone() y1=num(scale.plot_bottom()) y2=num(scale.plot_bottom() + 4.0)></line>
                        <text class="label mid" x=x y=num(scale.plot_bottom() + 14.0)>{show::number_in(&label, locale)}</text>
                    }
                })
                .collect_view();
            // the threshold lines, labelled at the right end, the labels kept apart
            let wanted = [
                scale.y(Some(a.warning_rate)) - 6.0,
                scale.y(Some(a.liquidation_rate)) - 6.0,
            ];
            let placed = spread_labels(&wanted, LABEL_GAP, TOP + 6.0, scale.plot_bottom() - 4.0);
            let (warning_y, liquidation_y) = match placed[..] {
                [w, l] => (w, l),
                _ => (wanted[0], wanted[1]),
            };
            let level = |rate: Decimal, class: &'static str, testid: &'static str, label: String, label_y: f64| {
                let y = num(scale.y(Some(rate)));
                view! {
                    <g class=class data-testid=testid data-value=show::exact(rate)>
                        <line x1=num(LEFT) x2=num(w - RIGHT) y1=y.clone() y2=y></line>
                        <text x=num(w - RIGHT - 4.0) y=num(label_y) class="label end level-label">{label}</text>
                    </g>
                }
            };
            let mark = move |price: Option<Decimal>, class: &'static str, testid: &'static str, label: &'static str| {
                price.map(|p| {
                    let x = num(scale.x(f(p)));
                    view! {
                        <g class=format!("mark {class}") data-testid=testid data-value=show::exact(p)>
                            <line x1=x.clone() x2=x.clone() y1=num(TOP) y2=num(scale.plot_bottom())></line>
                            <title>{format!("{label}: {} USD", show::number_in(&show::price(p), locale))}</title>
                        </g>
                    }
                })
            };
            let lp = &a.prices;
            let curve = a.curve.clone();
            let current = lp.current_price;
            let coin = a.coin.clone();
            let readout = move || {
                let i = hover.get().or_else(|| {
                    let at = shocked.get().unwrap_or(current);
                    curve.iter().position(|p| p.usd_price >= at).or(Some(curve.len().saturating_sub(1)))
                })?;
                let p = curve.get(i)?;
                Some(view! {
                    <p class="chart-readout" data-testid="chart-readout"
                        data-price=show::exact(p.usd_price)
                        data-rate=show::exact_or_empty(p.cross_margin_rate)
                        data-value=show::exact(p.adjusted_equity)>
                        <span>{td_string!(locale, ui.chart.at, coin = coin.as_str(), price = price_and_change(p.usd_price, current, locale))}</span>
                        <span>{td_string!(locale, ui.chart.rate_at, rate = show::shown_in(&margin_rate(p.cross_margin_rate, thresholds), locale))}</span>
                        <span>{td_string!(locale, ui.chart.equity_at, equity = show::number_in(&show::usd_text(p.adjusted_equity), locale))}</span>
                    </p>
                })
            };
            let shown = a.clone();
            let cursor = move || {
                hover.get().and_then(|i| {
                    let p = shown.curve.get(i)?;
                    let x = num(scale.x(f(p.usd_price)));
                    Some(view! { <line class="cursor" x1=x.clone() x2=x y1=num(TOP) y2=num(scale.plot_bottom())></line> })
                })
            };
            let middle_x = num(LEFT + plot_w / 2.0);
            view! {
                <figure class="chart" data-testid="chart" data-points=a.curve.len().to_string()>
                    <svg node_ref=svg_ref viewBox=format!("0 0 {} {}", num(w), num(h)) width=num(w) height=num(h)
                        role="img"
                        aria-label=td_string!(locale, ui.chart.label, coin = a.coin.as_str())
                        on:pointermove=on_move on:pointerdown=on_move on:pointerleave=move |_| hover.set(None)>
                        <rect class="plot" x=num(LEFT) y=num(TOP) width=num(plot_w) height=num(scale.plot_bottom() - TOP)></rect>
                        {y_ticks}
                        {x_ticks}
                        <text class="label mid axis-title" x=middle_x y=num(h - 6.0)>{td_string!(locale, ui.chart.x_title, coin = a.coin.as_str())}</text>
                        <text class="label mid axis-title" transform=format!("rotate(-90) translate({} {})", num(-(TOP + (scale.plot_bottom() - TOP) / 2.0)), num(11.0))>{td_string!(locale, ui.chart.y_title)}</text>
                        {level(a.warning_rate, "level warning", "chart-warning-rate", td_string!(locale, ui.chart.warning_level, rate = show::shown_in(&show::percent(a.warning_rate), locale)), warning_y)}
                        {level(a.liquidation_rate, "level liquidation", "chart-liquidation-rate", td_string!(locale, ui.chart.liquidation_level, rate = show::shown_in(&show::percent(a.liquidation_rate), locale)), liquidation_y)}
                        {mark(lp.warning.below, "warning", "chart-warning-below", td_string!(locale, ui.whatif.warning))}
                        {mark(lp.warning.above, "warning", "chart-warning-above", td_string!(locale, ui.whatif.warning))}
                        {mark(lp.liquidation.below, "liquidation", "chart-liquidation-below", td_string!(locale, ui.whatif.liquidation))}
                        {mark(lp.liquidation.above, "liquidation", "chart-liquidation-above", td_string!(locale, ui.whatif.liquidation))}
                        {mark(Some(lp.current_price), "current", "chart-current", td_string!(locale, ui.chart.price_now_mark))}
                        {move || mark(shocked.get(), "shocked", "chart-shock", td_string!(locale, ui.chart.whatif_mark))}
                        <g class="curves" data-testid="chart-curve" data-value=runs.len().to_string()>{segments}</g>
                        {cursor}
                    </svg>
                    <figcaption>
                        {td_string!(
                            locale,
                            ui.chart.caption,
                            top = show::shown_in(&show::rate(top_rate), locale),
                            coin = a.coin.as_str(),
                            from = show::number_in(&show::price(a.bottom), locale),
                            to = show::number_in(&show::price(a.top), locale),
                            count = a.curve.len()
                        )}
                        <span class="key current">{td_string!(locale, ui.chart.key_now)}</span>
                        <span class="key shocked">{td_string!(locale, ui.chart.key_whatif)}</span>
                        <span class="key safe">{td_string!(locale, ui.show.safe)}</span>
                        <span class="key warning">{td_string!(locale, ui.show.warning)}</span>
                        <span class="key liquidation">{td_string!(locale, ui.show.liquidation)}</span>
                    </figcaption>
                    {readout}
                </figure>
            }
        })
    }
}

//! The upgrade checker (issue 5, RULES §10): the seven reasons an upgrade to the unified
//! trading account is refused, each with the engine's prompt and remedy, and the mode rules
//! read from the scenario.

use super::Ctx;
use leptos::prelude::*;
use unimargin::evaluate::evaluate;
use unimargin::upgrade::{mode_check, upgrade_check, ModeCheck, UpgradeBlocker};

fn key(b: UpgradeBlocker) -> &'static str {
    match b {
        UpgradeBlocker::EliteTraderOrSignalProvider => "elite-trader-or-signal-provider",
        UpgradeBlocker::ActiveCopyTrading => "active-copy-trading",
        UpgradeBlocker::ActiveTradingBots => "active-trading-bots",
        UpgradeBlocker::InstitutionalLoanSubAccount => "institutional-loan-sub-account",
        UpgradeBlocker::ThirdPartyLogin => "third-party-login",
        UpgradeBlocker::AbnormalAccount => "abnormal-account",
        UpgradeBlocker::UnsupportedRegion => "unsupported-region",
    }
}

/// The upgrade checker and the mode check.
#[component]
pub fn UpgradePanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ticked = RwSignal::new(Vec::<UpgradeBlocker>::new());
    let verdict = Memo::new(move |_| ticked.with(|t| upgrade_check(t)));
    let boxes = UpgradeBlocker::ALL
        .iter()
        .map(|&b| {
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                ticked.update(|t| {
                    t.retain(|x| *x != b);
                    if on {
                        t.push(b);
                    }
                });
            };
            view! {
                <li>
                    <label>
                        <input type="checkbox" data-testid=format!("upgrade-q-{}", key(b))
                            prop:checked=move || ticked.with(|t| t.contains(&b)) on:change=toggle />
                        " "{b.question()}
                    </label>
                </li>
            }
        })
        .collect_view();
    let answer = move || {
        let v = verdict.get();
        let head = if v.can_upgrade {
            "The upgrade can go ahead: none of the seven reasons for refusal applies."
        } else {
            "The upgrade is refused until each of these is dealt with:"
        };
        let blockers = v
            .blockers
            .iter()
            .map(|bv| {
                view! {
                    <li class="blocker" data-testid="upgrade-blocker" data-value=key(bv.blocker)>
                        <p class="prompt" data-testid="upgrade-prompt">"“"{bv.blocker.prompt()}"”"</p>
                        <ul class="remedy">
                            {bv.blocker.remedy().iter().map(|line| view! { <li data-testid="upgrade-remedy">{*line}</li> }).collect_view()}
                        </ul>
                        {(!bv.can_be_fixed).then(|| view! {
                            <p class="help" data-testid="upgrade-unfixable">"This one is not something you can change yourself."</p>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class=if v.can_upgrade { "verdict ok" } else { "verdict bad" }
                data-testid="upgrade-verdict" data-value=if v.can_upgrade { "can" } else { "cannot" }>
                <strong>{head}</strong>
            </p>
            <ul class="blockers">{blockers}</ul>
        }
    };
    let figures = super::whatif::deferred(ctx);
    let modes = Memo::new(move |_| {
        figures.with(|f| {
            let c = f.as_ref()?;
            // From the scenario as typed (a what-if shock does not count).
            let report = if c.shock.is_some() {
                evaluate(c.unshocked()).ok()?
            } else {
                c.report.clone()
            };
            let positions = c.scenario.positions.len();
            Some(mode_check(&report, c.scenario.orders.len(), positions))
        })
    });
    let mode_view = move || {
        modes.get().map(|m: ModeCheck| {
            view! {
                <div class="mode-check" data-testid="mode-check"
                    data-value=format!("switch:{} advanced:{}", m.can_switch_modes, m.advanced_mode_eligible)>
                    <p>
                        <span data-testid="mode-switch" data-value=m.can_switch_modes.to_string()>
                            {if m.can_switch_modes { "You can switch account modes now. " } else { "You cannot switch account modes yet. " }}
                        </span>
                        <span data-testid="mode-advanced" data-value=m.advanced_mode_eligible.to_string()>
                            {if m.advanced_mode_eligible { "Advanced mode: equity requirement met." } else { "Advanced mode: not enough equity." }}
                        </span>
                    </p>
                    <ul>{m.reasons.iter().map(|r| view! { <li data-testid="mode-reason">{r.to_string()}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    view! {
        <section class="card upgrade" aria-labelledby="upgrade-h" data-testid="upgrade">
            <div class="card-head">
                <h2 id="upgrade-h">"Can I upgrade to the unified account?"</h2>
            </div>
            <p class="help">"Tick what applies to you:"</p>
            <ul class="questions">{boxes}</ul>
            {answer}
            <h3>"Account modes (from your scenario)"</h3>
            {mode_view}
        </section>
    }
}

//! The upgrade checker (issue 5, RULES §10): it starts from the message the platform showed
//! (picked from the seven refusal prompts, or pasted and matched), and gives that message's
//! remedy; then the mode rules, read from the account on the page (and said to be so).

use super::Ctx;
use crate::refusal::{match_message, who_sees_it, Match};
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
    let matched = RwSignal::new(None::<Match>);
    let on_paste = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if text.trim().is_empty() {
            matched.set(None);
            return;
        }
        let found = match_message(&text);
        if let Match::One(b) = found {
            ticked.set(vec![b]);
        }
        matched.set(Some(found));
    };
    let match_note = move || {
        matched.get().map(|m| {
            let (key, text) = match m {
                Match::One(_) => (
                    "one",
                    "Found: it is one of the seven messages. What to do:".to_string(),
                ),
                Match::Several(list) => (
                    "several",
                    format!(
                        "It could be any of {} messages; pick yours in the list.",
                        list.len()
                    ),
                ),
                Match::None => (
                    "none",
                    "No refusal message has those words; pick yours in the list.".to_string(),
                ),
            };
            view! { <p class="help match" data-testid="upgrade-match" data-value=key>{text}</p> }
        })
    };
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
                    <label class="message">
                        <input type="checkbox" data-testid=format!("upgrade-q-{}", key(b))
                            prop:checked=move || ticked.with(|t| t.contains(&b)) on:change=toggle />
                        <span>
                            <span class="prompt" data-testid="upgrade-option">"“"{b.prompt()}"”"</span>
                            <span class="who">{who_sees_it(b)}</span>
                        </span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let answer = move || {
        let v = verdict.get();
        if v.blockers.is_empty() {
            return view! {
                <p class="verdict" data-testid="upgrade-verdict" data-value="none">
                    "Pick the message you saw below, or paste it, to see what to do. Without one of these messages, none of the seven reasons stands in the way."
                </p>
            }
            .into_any();
        }
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
            <p class="verdict bad" data-testid="upgrade-verdict" data-value="cannot">
                <strong>"The upgrade is refused until each of these is dealt with:"</strong>
            </p>
            <ul class="blockers">{blockers}</ul>
        }
        .into_any()
    };
    let figures = super::whatif::deferred(ctx);
    let blank = ctx.is_blank();
    let modes = Memo::new(move |_| {
        if blank.get() {
            return None;
        }
        figures.with(|f| {
            let c = f.as_ref()?;
            // From the scenario as typed (a what-if shock does not count); the report is
            // read in place, not copied (200 positions' worth, each keystroke).
            let typed;
            let report = if c.shock.is_some() {
                typed = evaluate(c.unshocked()).ok()?;
                &typed
            } else {
                &c.report
            };
            let positions = c.scenario.positions.len();
            Some(mode_check(report, c.scenario.orders.len(), positions))
        })
    });
    let mode_view = move || {
        modes.get().map(|m: ModeCheck| {
            view! {
                <div class="mode-check" data-testid="mode-check"
                    data-value=format!("switch:{} advanced:{}", m.can_switch_modes, m.advanced_mode_eligible)>
                    <p>
                        <span data-testid="mode-switch" data-value=m.can_switch_modes.to_string()>
                            {if m.can_switch_modes { "This account could switch modes now. " } else { "This account could not switch modes yet. " }}
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
        <section class="card upgrade" id="upgrade" aria-labelledby="upgrade-h" data-testid="upgrade">
            <div class="card-head">
                <h2 id="upgrade-h">"Upgrade to the unified account refused?"</h2>
            </div>
            <p class="help">"Start from the message the platform showed you: paste it, or pick it in the list."</p>
            <label class="field">
                <span class="field-label">"Paste the message"</span>
                <input type="text" class="input" data-testid="upgrade-paste" autocomplete="off"
                    placeholder="Upgrade to a unified trading account is not supported…" on:input=on_paste />
            </label>
            {match_note}
            <div class="answer" aria-live="polite">{answer}</div>
            <fieldset class="messages">
                <legend>"The seven refusal messages"</legend>
                <ul class="questions">{boxes}</ul>
            </fieldset>
            <h3 class="gap">"Account modes: the account on this page"</h3>
            <p class="help">"This part is about the account entered on this page, not your exchange account: switching between spot, basic and advanced modes needs no open orders, no positions and no debts."</p>
            <p class="empty" class:hidden=move || !blank.get()>"Enter an account above to check it."</p>
            {mode_view}
        </section>
    }
}

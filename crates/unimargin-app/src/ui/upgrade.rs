//! The upgrade checker (issue 5, RULES §10): it starts from the message the platform showed
//! (picked from the seven refusal prompts, or pasted and matched), and gives that message's
//! remedy; then the mode rules, read from the account on the page (and said to be so).

use super::figure::{figures_near, follow_nearness};
use super::Ctx;
use crate::calc::Computed;
use crate::i18n::{t, t_string, td_string};
use crate::refusal::{match_message, Match};
use crate::wording::upgrade::{match_note, mode_reason, quoted_prompt, remedy, who_sees_it};
use leptos::prelude::*;
use unimargin::evaluate::evaluate;
use unimargin::report::Report;
use unimargin::upgrade::{mode_check, upgrade_check, UpgradeBlocker};

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
    let i18n = ctx.i18n;
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
            let key = match m {
                Match::One(_) => "one",
                Match::Several(_) => "several",
                Match::None => "none",
            };
            let text = match_note(&m, i18n.get_locale());
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
                            <span class="prompt" data-testid="upgrade-option">{move || quoted_prompt(b, i18n.get_locale())}</span>
                            <span class="who">{move || who_sees_it(b, i18n.get_locale())}</span>
                        </span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let answer = move || {
        let v = verdict.get();
        let locale = i18n.get_locale();
        if v.blockers.is_empty() {
            return view! {
                <p class="verdict" data-testid="upgrade-verdict" data-value="none">
                    {t!(i18n, ui.upgrade.pick)}
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
                        <p class="prompt" data-testid="upgrade-prompt">{quoted_prompt(bv.blocker, locale)}</p>
                        <ul class="remedy">
                            {remedy(bv.blocker, locale).into_iter().map(|line| view! { <li data-testid="upgrade-remedy">{line}</li> }).collect_view()}
                        </ul>
                        {(!bv.can_be_fixed).then(|| view! {
                            <p class="help" data-testid="upgrade-unfixable">{t!(i18n, ui.upgrade.unfixable)}</p>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="verdict bad" data-testid="upgrade-verdict" data-value="cannot">
                <strong>{t!(i18n, ui.upgrade.refused)}</strong>
            </p>
            <ul class="blockers">{blockers}</ul>
        }
        .into_any()
    };
    let blank = ctx.is_blank();
    // far from the screen (on a phone, as a person types in the form above), it waits
    let section = NodeRef::new();
    let figures = figures_near(ctx, follow_nearness(ctx, section));
    // With a what-if shock on, the figures are the shocked account's: the mode rules read
    // the account as typed, evaluated again a task after the figures are on screen.
    let check = |report: &Report, c: &Computed| {
        mode_check(report, c.scenario.orders.len(), c.scenario.positions.len())
    };
    let shocked = super::whatif::deferred(figures, |c| c.shock.is_some());
    let as_typed = Memo::new(move |_| {
        shocked.with(|f| {
            let c = f.as_ref()?;
            Some(check(&evaluate(c.unshocked()).ok()?, c))
        })
    });
    // Without a shock, read in place (not copied: 200 positions' worth at each key) in the
    // frame that shows the figures; a frame of its own, later, cost more than the check.
    let modes = Memo::new(move |_| {
        if blank.get() {
            return None;
        }
        figures.with(|f| {
            let c = f.as_ref()?;
            if c.shock.is_some() {
                return as_typed.get();
            }
            Some(check(&c.report, c))
        })
    });
    // The check's verdicts seldom change; its reasons (the equity among them) at most keys:
    // a key rewrites a reason's text, not the check.
    let verdicts = Memo::new(move |_| {
        modes.with(|m| {
            m.as_ref()
                .map(|m| (m.can_switch_modes, m.advanced_mode_eligible))
        })
    });
    let reasons = Memo::new(move |_| {
        let locale = i18n.get_locale();
        modes.with(|m| {
            m.as_ref().map_or_else(Vec::new, |m| {
                m.reasons
                    .iter()
                    .map(|r| mode_reason(r, locale))
                    .collect::<Vec<_>>()
            })
        })
    });
    let mode_view = move || {
        verdicts.get().map(|(can_switch, advanced)| {
            view! {
                <div class="mode-check" data-testid="mode-check"
                    data-value=format!("switch:{can_switch} advanced:{advanced}")>
                    <p>
                        <span data-testid="mode-switch" data-value=can_switch.to_string()>
                            {move || if can_switch { td_string!(i18n.get_locale(), ui.upgrade.can_switch) } else { td_string!(i18n.get_locale(), ui.upgrade.cannot_switch) }}
                        </span>
                        <span data-testid="mode-advanced" data-value=advanced.to_string()>
                            {move || if advanced { td_string!(i18n.get_locale(), ui.upgrade.advanced_ok) } else { td_string!(i18n.get_locale(), ui.upgrade.advanced_not) }}
                        </span>
                    </p>
                    <ul>
                        <For each=move || 0..reasons.with(Vec::len) key=|i| *i let:i>
                            <li data-testid="mode-reason">{move || reasons.with(|r| r.get(i).cloned().unwrap_or_default())}</li>
                        </For>
                    </ul>
                </div>
            }
        })
    };
    view! {
        <section node_ref=section class="card upgrade" id="upgrade" aria-labelledby="upgrade-h" data-testid="upgrade">
            <div class="card-head">
                <h2 id="upgrade-h">{t!(i18n, ui.upgrade.title)}</h2>
            </div>
            <p class="help">{t!(i18n, ui.upgrade.start)}</p>
            <label class="field">
                <span class="field-label">{t!(i18n, ui.upgrade.paste)}</span>
                <input type="text" class="input" data-testid="upgrade-paste" autocomplete="off"
                    placeholder=move || t_string!(i18n, ui.upgrade.paste_placeholder) on:input=on_paste />
            </label>
            {match_note}
            <div class="answer" aria-live="polite">{answer}</div>
            <fieldset class="messages">
                <legend>{t!(i18n, ui.upgrade.seven)}</legend>
                <ul class="questions">{boxes}</ul>
            </fieldset>
            <h3 class="gap">{t!(i18n, ui.upgrade.modes)}</h3>
            <p class="help">{t!(i18n, ui.upgrade.modes_help)}</p>
            <p class="empty" class:hidden=move || !blank.get()>{t!(i18n, ui.upgrade.enter_account)}</p>
            {mode_view}
        </section>
    }
}

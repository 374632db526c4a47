//! "What if liquidation starts?" (issue 5, RULES §9): partial liquidation of the account
//! the page shows (with the what-if shock, when there is one) played out step by step by
//! the engine, with the readings it follows.

use super::Ctx;
use crate::labels::ordinal;
use crate::show;
use crate::threshold::{margin_rate, Thresholds};
use leptos::prelude::*;
use unimargin::liquidation::{LiquidationOutcome, LiquidationPlan};

fn outcome_key(outcome: LiquidationOutcome) -> &'static str {
    match outcome {
        LiquidationOutcome::NotNeeded => "not_needed",
        LiquidationOutcome::Safe => "safe",
        LiquidationOutcome::TakenOver => "taken_over",
    }
}

fn outcome_text(plan: &LiquidationPlan, thresholds: Thresholds) -> String {
    let liquidation = show::percent(plan.liquidation_rate);
    let steps = plan.steps.len();
    match plan.outcome {
        LiquidationOutcome::NotNeeded => format!(
            "Nothing happens: the cross margin rate ({}) is below the liquidation rate ({liquidation}). Set a what-if price past the liquidation price (above) to see it play out.",
            margin_rate(plan.starting_rate, thresholds)
        ),
        LiquidationOutcome::Safe => format!(
            "Safe again after {steps} step(s): the cross margin rate is back below {liquidation}."
        ),
        LiquidationOutcome::TakenOver => format!(
            "Taken over: after {steps} step(s) every position is at its first tier and the rate is still at or above {liquidation}, so the platform takes over the account's assets and positions."
        ),
    }
}

fn stage_name(stage: u8) -> &'static str {
    match stage {
        0 => "Orders",
        1 => "Stage 1: hedged positions",
        2 => "Stage 2: convert to repay debts",
        _ => "Stage 3: reduce positions",
    }
}

/// The stages panel.
#[component]
pub fn StagesPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // played out by the engine's worker; the thresholds are the figures' own
    let plan = Memo::new(move |_| {
        let plan = ctx.answers.plan.get()?;
        let thresholds = ctx
            .figures
            .with(|f| f.as_ref().map(|c| Thresholds::of(&c.report.account)))?;
        Some((plan, thresholds))
    });
    let i18n = crate::i18n::use_i18n();
    let body = move || {
        let locale = i18n.get_locale();
        plan.get().map(|(plan, thresholds)| {
            let steps = plan
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    view! {
                        <li class="stage-step" data-testid="stage-step" data-stage=s.stage.to_string()
                            data-value=show::exact_or_empty(s.cross_margin_rate)>
                            <span class="stage-name">{format!("{}. {}", ordinal(i), stage_name(s.stage))}</span>
                            <span class="stage-what">{crate::wording::stages::action(&s.action, locale)}</span>
                            <span class="stage-after">
                                {format!(
                                    "After: cross margin rate {}, adjusted equity {}, maintenance margin {}",
                                    margin_rate(s.cross_margin_rate, thresholds),
                                    show::usd_text(s.adjusted_equity),
                                    show::usd_text(s.maintenance_margin)
                                )}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            let key = outcome_key(plan.outcome);
            view! {
                <p class="help" data-testid="stages-start" data-value=show::exact_or_empty(plan.starting_rate)>
                    {format!(
                        "Partial liquidation starts at a cross margin rate of {}; {}.",
                        show::percent(plan.liquidation_rate),
                        match plan.starting_rate {
                            Some(rate) => format!("this account is at {}", margin_rate(Some(rate), thresholds)),
                            None => "this account's rate is unbounded (adjusted equity at or below 0)".into(),
                        }
                    )}
                </p>
                <ol class="stages" data-testid="stages" data-value=plan.steps.len().to_string()>{steps}</ol>
                <p class=format!("stages-outcome outcome-{key}") data-testid="stages-outcome" data-value=key>
                    <strong>{outcome_text(&plan, thresholds)}</strong>
                </p>
                <details class="readings" data-testid="stages-readings">
                    <summary>"How this play-out reads the rules"</summary>
                    <ul>{plan.readings.iter().map(|r| view! { <li>{crate::wording::stages::reading(*r, locale)}</li> }).collect_view()}</ul>
                </details>
            }
        })
    };
    let blank = ctx.is_blank();
    view! {
        <section class="card stages-card" id="stages" aria-labelledby="stages-h" class:hidden=move || blank.get()
            aria-busy=move || ctx.answers.updating(super::engine::Kind::Stages).to_string()>
            <div class="card-head">
                <h2 id="stages-h">{crate::i18n::t!(ctx.i18n, ui.stages.title)}</h2>
            </div>
            {body}
            <p class="terms">{crate::i18n::t!(ctx.i18n, ui.stages.taken_over)}<super::tip::Tip term=crate::glossary::Term::TakenOver/></p>
        </section>
    }
}

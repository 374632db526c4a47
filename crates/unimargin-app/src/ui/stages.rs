//! "What if liquidation starts?" (issue 5, RULES §9): partial liquidation of the account
//! the page shows (with the what-if shock, when there is one) played out step by step by
//! the engine, with the readings it follows.

use super::Ctx;
use crate::calc::Shared;
use crate::show;
use leptos::prelude::*;
use std::sync::Arc;
use unimargin::liquidation::{liquidate, LiquidationOutcome, LiquidationPlan};

fn outcome_key(outcome: LiquidationOutcome) -> &'static str {
    match outcome {
        LiquidationOutcome::NotNeeded => "not_needed",
        LiquidationOutcome::Safe => "safe",
        LiquidationOutcome::TakenOver => "taken_over",
    }
}

fn outcome_text(plan: &LiquidationPlan) -> String {
    match plan.outcome {
        LiquidationOutcome::NotNeeded => format!(
            "Nothing happens: the cross margin rate ({}) is below the liquidation rate ({}). Set a what-if price past the liquidation price (above) to see it play out.",
            show::rate_or_unbounded(plan.starting_rate),
            show::rate(plan.liquidation_rate)
        ),
        LiquidationOutcome::Safe => format!(
            "Safe again after {} step(s): the cross margin rate is back below {}.",
            plan.steps.len(),
            show::rate(plan.liquidation_rate)
        ),
        LiquidationOutcome::TakenOver => format!(
            "Taken over: after {} step(s) every position is at its first tier and the rate is still at or above {}, so the platform takes over the account's assets and positions.",
            plan.steps.len(),
            show::rate(plan.liquidation_rate)
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
    let figures = super::whatif::deferred(ctx);
    let plan = Memo::new(move |_| {
        figures.with(|f| {
            f.as_ref()
                .and_then(|c| liquidate(&c.account).ok())
                .map(|p| Shared(Arc::new(p)))
        })
    });
    let body = move || {
        plan.get().map(|plan| {
            let steps = plan
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    view! {
                        <li class="stage-step" data-testid="stage-step" data-stage=s.stage.to_string()
                            data-value=show::exact_or_empty(s.cross_margin_rate)>
                            <span class="stage-name">{format!("{}. {}", i + 1, stage_name(s.stage))}</span>
                            <span class="stage-what">{s.description()}</span>
                            <span class="stage-after">
                                {format!(
                                    "After: cross margin rate {}, adjusted equity {}, maintenance margin {}",
                                    show::rate_or_unbounded(s.cross_margin_rate),
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
                        show::rate(plan.liquidation_rate),
                        match plan.starting_rate {
                            Some(rate) => format!("this account is at {}", show::rate(rate)),
                            None => "this account's rate is unbounded (adjusted equity at or below 0)".into(),
                        }
                    )}
                </p>
                <ol class="stages" data-testid="stages" data-value=plan.steps.len().to_string()>{steps}</ol>
                <p class=format!("stages-outcome outcome-{key}") data-testid="stages-outcome" data-value=key>
                    <strong>{outcome_text(&plan)}</strong>
                </p>
                <details class="readings" data-testid="stages-readings">
                    <summary>"How this play-out reads the rules"</summary>
                    <ul>{plan.readings.iter().map(|r| view! { <li>{r.to_string()}</li> }).collect_view()}</ul>
                </details>
            }
        })
    };
    let blank = ctx.is_blank();
    view! {
        <section class="card stages-card" id="stages" aria-labelledby="stages-h" class:hidden=move || blank.get()>
            <div class="card-head">
                <h2 id="stages-h">"What if liquidation starts?"</h2>
            </div>
            {body}
            <p class="terms">"“Taken over” "<super::tip::Tip term=crate::glossary::Term::TakenOver/></p>
        </section>
    }
}

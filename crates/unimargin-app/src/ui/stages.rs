//! "What if liquidation starts?" (issue 5, RULES §9): partial liquidation of the account
//! the page shows (with the what-if shock, when there is one) played out step by step by
//! the engine, with the readings it follows.

use super::Ctx;
use crate::i18n::{td_string, Locale};
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

fn outcome_text(plan: &LiquidationPlan, thresholds: Thresholds, locale: Locale) -> String {
    let liquidation = show::shown_in(&show::percent(plan.liquidation_rate), locale);
    let steps = plan.steps.len();
    match plan.outcome {
        LiquidationOutcome::NotNeeded => td_string!(
            locale,
            ui.stages.not_needed,
            rate = show::shown_in(&margin_rate(plan.starting_rate, thresholds), locale),
            liquidation
        ),
        LiquidationOutcome::Safe => td_string!(locale, ui.stages.safe_again, steps, liquidation),
        LiquidationOutcome::TakenOver => {
            td_string!(locale, ui.stages.taken_over_after, steps, liquidation)
        }
    }
}

fn stage_name(stage: u8, locale: Locale) -> &'static str {
    match stage {
        0 => td_string!(locale, ui.stages.stage_orders),
        1 => td_string!(locale, ui.stages.stage_1),
        2 => td_string!(locale, ui.stages.stage_2),
        _ => td_string!(locale, ui.stages.stage_3),
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
                            <span class="stage-name">{format!("{}. {}", ordinal(i), stage_name(s.stage, locale))}</span>
                            <span class="stage-what">{crate::wording::stages::action(&s.action, locale)}</span>
                            <span class="stage-after">
                                {td_string!(
                                    locale,
                                    ui.stages.step_after,
                                    rate = show::shown_in(&margin_rate(s.cross_margin_rate, thresholds), locale),
                                    equity = show::number_in(&show::usd_text(s.adjusted_equity), locale),
                                    margin = show::number_in(&show::usd_text(s.maintenance_margin), locale)
                                )}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            let key = outcome_key(plan.outcome);
            view! {
                <p class="help" data-testid="stages-start" data-value=show::exact_or_empty(plan.starting_rate)>
                    {td_string!(
                        locale,
                        ui.stages.starts,
                        liquidation = show::shown_in(&show::percent(plan.liquidation_rate), locale),
                        state = match plan.starting_rate {
                            Some(rate) => td_string!(
                                locale,
                                ui.stages.at_rate,
                                rate = show::shown_in(&margin_rate(Some(rate), thresholds), locale)
                            ),
                            None => td_string!(locale, ui.stages.unbounded).to_string(),
                        }
                    )}
                </p>
                <ol class="stages" data-testid="stages" data-value=plan.steps.len().to_string()>{steps}</ol>
                <p class=format!("stages-outcome outcome-{key}") data-testid="stages-outcome" data-value=key>
                    <strong>{outcome_text(&plan, thresholds, locale)}</strong>
                </p>
                <details class="readings" data-testid="stages-readings">
                    <summary>{td_string!(locale, ui.stages.readings_title)}</summary>
                    <ul>{plan.readings.iter().map(|r| view! { <li>{crate::wording::stages::reading(*r, locale)}</li> }).collect_view()}</ul>
                </details>
            }
        })
    };
    let blank = ctx.is_blank();
    let section = NodeRef::new();
    super::engine::follow_panel(ctx, section, super::engine::Kind::Stages);
    view! {
        <section node_ref=section class="card stages-card" id="stages" aria-labelledby="stages-h" class:hidden=move || blank.get()
            aria-busy=move || ctx.answers.updating(super::engine::Kind::Stages).to_string()>
            <div class="card-head">
                <h2 id="stages-h">{crate::i18n::t!(ctx.i18n, ui.stages.title)}</h2>
            </div>
            {body}
            <p class="terms">{crate::i18n::t!(ctx.i18n, ui.stages.taken_over)}<super::tip::Tip term=crate::glossary::Term::TakenOver/></p>
        </section>
    }
}

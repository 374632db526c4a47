//! A position's own figures (RULES §12).

use super::*;

impl Ctx<'_> {
    pub(super) fn position(&self, k: usize) -> Explanation {
        let p = &self.account.positions[k];
        let f = &self.report.positions[k];
        let c = &self.account.contracts[p.contract];
        let r = &self.report.contracts[p.contract];
        let settle_usd = r.settle_usd_price;
        let held = SideReport {
            held_size: p.size,
            open_size: Decimal::ZERO,
            ..side_of(r, p.side).clone()
        };
        let side_margin = self.side_maintenance_margin(p.contract, p.side);
        let lines = vec![
            Line::PositionPnl {
                side: p.side,
                mark_price: c.mark_price,
                entry_price: p.entry_price,
                size: p.size,
                pnl: f.unrealized_pnl,
                settle: self.coin_name(c.settle),
                settle_usd,
                pnl_usd: f.unrealized_pnl_usd,
            },
            Line::PositionInitialMargin(self.side_initial_margin(
                p.contract,
                p.side,
                &held,
                None,
                f.initial_margin,
            )),
            Line::PositionMaintenanceMargin {
                margin: SideMaintenanceMargin {
                    held: p.size,
                    open: Decimal::ZERO,
                    margin: f.maintenance_margin,
                    ..side_margin
                },
                side: p.side,
            },
            Line::PositionRoi {
                pnl_usd: f.unrealized_pnl_usd,
                initial_margin: f.initial_margin,
                roi: f.roi,
            },
            Line::PositionAvailable { size: f.available },
        ];
        let mut readings = vec![
            Reading::PositionTakesItsSideTier,
            Reading::RoiOnItsInitialMargin,
            Reading::AvailableIsTheWholePosition,
        ];
        if self.account.settings.position_mode == PositionMode::OneWay {
            readings.push(Reading::OneWayNetPosition);
        }
        explanation(
            Subject::Position {
                number: k.saturating_add(1),
                symbol: c.symbol.clone(),
                side: p.side,
            },
            Formula::Position,
            lines,
            &readings,
        )
    }
}

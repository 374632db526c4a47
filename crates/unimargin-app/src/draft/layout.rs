//! The draft's shape: its rows' ids in order, and the engine's path each row and field has
//! now (`coins[2].loan_tiers[0].mmr`), following rows as they come and go.

use super::*;

impl Draft {
    /// The shape of the draft: its rows' ids, in order.
    pub fn layout(&self) -> Layout {
        Layout {
            coins: self
                .coins
                .iter()
                .map(|c| CoinLayout {
                    id: c.id,
                    discount: c.discount_tiers.iter().map(|t| t.id).collect(),
                    loan: c.loan_tiers.iter().map(|t| t.id).collect(),
                })
                .collect(),
            contracts: self
                .contracts
                .iter()
                .map(|c| ContractLayout {
                    id: c.id,
                    mm: c.mm_tiers.iter().map(|t| t.id).collect(),
                })
                .collect(),
            positions: self.positions.iter().map(|p| p.id).collect(),
            orders: self.orders.iter().map(|o| o.id).collect(),
            check: self.check.is_some(),
        }
    }
}

/// A coin's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CoinLayout {
    pub id: Id,
    pub discount: Vec<Id>,
    pub loan: Vec<Id>,
}

/// A contract's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContractLayout {
    pub id: Id,
    pub mm: Vec<Id>,
}

/// The ids of a draft's rows, in order: what the page's lists are keyed by, and how a
/// field's id becomes the engine's path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub coins: Vec<CoinLayout>,
    pub contracts: Vec<ContractLayout>,
    pub positions: Vec<Id>,
    pub orders: Vec<Id>,
    pub check: bool,
}

fn index(ids: &[Id], id: Id) -> Option<usize> {
    ids.iter().position(|x| *x == id)
}

impl Layout {
    fn coin(&self, id: Id) -> Option<(usize, &CoinLayout)> {
        self.coins.iter().enumerate().find(|(_, c)| c.id == id)
    }

    fn contract(&self, id: Id) -> Option<(usize, &ContractLayout)> {
        self.contracts.iter().enumerate().find(|(_, c)| c.id == id)
    }

    /// The ids of a list's rows.
    pub fn ids(&self, list: List) -> Vec<Id> {
        match list {
            List::Coins => self.coins.iter().map(|c| c.id).collect(),
            List::Discount(c) => self
                .coin(c)
                .map(|(_, c)| c.discount.clone())
                .unwrap_or_default(),
            List::Loan(c) => self
                .coin(c)
                .map(|(_, c)| c.loan.clone())
                .unwrap_or_default(),
            List::Contracts => self.contracts.iter().map(|c| c.id).collect(),
            List::Mm(c) => self
                .contract(c)
                .map(|(_, c)| c.mm.clone())
                .unwrap_or_default(),
            List::Positions => self.positions.clone(),
            List::Orders => self.orders.clone(),
        }
    }

    /// The path of a list (`coins[0].discount_tiers`).
    pub fn list_path(&self, list: List) -> Option<String> {
        Some(match list {
            List::Coins => "coins".into(),
            List::Discount(c) => format!("coins[{}].discount_tiers", self.coin(c)?.0),
            List::Loan(c) => format!("coins[{}].loan_tiers", self.coin(c)?.0),
            List::Contracts => "contracts".into(),
            List::Mm(c) => format!("contracts[{}].mm_tiers", self.contract(c)?.0),
            List::Positions => "positions".into(),
            List::Orders => "orders".into(),
        })
    }

    /// The path of a row (`coins[0].discount_tiers[1]`).
    pub fn row_path(&self, row: Row) -> Option<String> {
        Some(match row {
            Row::Coin(c) => format!("coins[{}]", self.coin(c)?.0),
            Row::Discount(c, t) => {
                let (i, coin) = self.coin(c)?;
                format!("coins[{i}].discount_tiers[{}]", index(&coin.discount, t)?)
            }
            Row::Loan(c, t) => {
                let (i, coin) = self.coin(c)?;
                format!("coins[{i}].loan_tiers[{}]", index(&coin.loan, t)?)
            }
            Row::Contract(c) => format!("contracts[{}]", self.contract(c)?.0),
            Row::Mm(c, t) => {
                let (i, contract) = self.contract(c)?;
                format!("contracts[{i}].mm_tiers[{}]", index(&contract.mm, t)?)
            }
            Row::Position(p) => format!("positions[{}]", index(&self.positions, p)?),
            Row::Order(o) => format!("orders[{}]", index(&self.orders, o)?),
            Row::Check => self.check.then(|| "check".to_string())?,
        })
    }

    /// The index of a row in its list.
    pub fn row_index(&self, row: Row) -> Option<usize> {
        match row {
            Row::Coin(c) => Some(self.coin(c)?.0),
            Row::Discount(c, t) => index(&self.coin(c)?.1.discount, t),
            Row::Loan(c, t) => index(&self.coin(c)?.1.loan, t),
            Row::Contract(c) => Some(self.contract(c)?.0),
            Row::Mm(c, t) => index(&self.contract(c)?.1.mm, t),
            Row::Position(p) => index(&self.positions, p),
            Row::Order(o) => index(&self.orders, o),
            Row::Check => self.check.then_some(0),
        }
    }

    /// The engine's path of a field (`coins[2].discount_tiers[1].rate`).
    pub fn path_of(&self, field: Field) -> Option<String> {
        let (row, name) = match field {
            Field::Setting(f) => return Some(format!("settings.{}", f.name())),
            Field::Coin(c, f) => (Row::Coin(c), f.name()),
            Field::Discount(c, t, f) => (Row::Discount(c, t), f.name()),
            Field::Loan(c, t, f) => (Row::Loan(c, t), f.name()),
            Field::Contract(c, f) => (Row::Contract(c), f.name()),
            Field::Mm(c, t, f) => (Row::Mm(c, t), f.name()),
            Field::Position(p, f) => (Row::Position(p), f.name()),
            Field::Order(o, f) => (Row::Order(o), f.name()),
            Field::Check(f) => (Row::Check, f.name()),
        };
        Some(format!("{}.{name}", self.row_path(row)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::seed;

    #[test]
    fn paths_follow_rows_as_they_move() {
        let mut draft = Draft::from_scenario(&seed("3"));
        let dot = draft.coins[2].id;
        let tier = draft.coins[2].loan_tiers[0].id;
        let field = Field::Loan(dot, tier, LoanField::Mmr);
        assert_eq!(
            draft.layout().path_of(field).as_deref(),
            Some("coins[2].loan_tiers[0].mmr")
        );
        draft.remove(Row::Coin(draft.coins[0].id));
        assert_eq!(
            draft.layout().path_of(field).as_deref(),
            Some("coins[1].loan_tiers[0].mmr")
        );
        assert_eq!(draft.get(field), Some("10"));
        assert_eq!(
            draft
                .layout()
                .path_of(Field::Check(OrderField::Size))
                .as_deref(),
            Some("check.size")
        );
        draft.remove(Row::Check);
        assert_eq!(draft.layout().path_of(Field::Check(OrderField::Size)), None);
        assert!(!draft.set(Field::Check(OrderField::Size), "1".into()));
    }
}

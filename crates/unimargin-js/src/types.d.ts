
// ---- docs/format.md, version 1: the documents (kept in sync with the Rust types by
// ---- crates/unimargin-js/tests/typescript.rs) ----

/** A decimal number written as a string: "50000", "0.98", "-1.5", "5e-4". On input a JS
 * number is accepted too (read as its shortest text: 0.1 is "0.1"); reports always give
 * strings, normalized ("49000", never "49000.00"). */
export type Decimal = string;
/** A decimal on input: a string, or a JS number. */
export type DecimalInput = Decimal | number;

/** An account to evaluate (docs/format.md, "Scenario"). Leave optional fields out rather than
 * setting them to `undefined`. Unknown fields are an error. */
export interface Scenario {
  format: "unimargin/scenario@1";
  settings?: Settings;
  coins?: Coin[];
  contracts?: Contract[];
  positions?: Position[];
  orders?: Order[];
  /** The order to verify (RULES §7). */
  check?: Order | null;
  /** The market document whose tables fill what this scenario leaves out (docs/format.md, "Market document"): the
   * scenario is then evaluated with that market only. */
  market?: MarketReference | null;
}

/** A market document named by its name and date: what a scenario names, and what a report
 * says it used. */
export interface MarketReference {
  name: string;
  /** A date, "YYYY-MM-DD". */
  as_of: string;
}

/** Account-wide settings; each left out takes its default. */
export interface Settings {
  /** USDT/USD index price (default "1"). */
  usdt_usd?: DecimalInput;
  /** USDC/USD index price (default "1"). */
  usdc_usd?: DecimalInput;
  /** Spot taker fee rate on pending spot orders (default "0"). */
  spot_taker_fee?: DecimalInput;
  /** Cross margin rate from which the account is at warning (default "0.8"). */
  warning_rate?: DecimalInput;
  /** Cross margin rate from which partial liquidation starts (default "1"). */
  liquidation_rate?: DecimalInput;
  /** How positions are held (RULES §12): "hedge" (default; a long and a short of a contract may
   * both be held) or "one_way" (one net position per contract). */
  position_mode?: PositionMode | null;
}

export type QuoteName = "USD" | "USDT" | "USDC" | "BTC";

/** A coin held (or owed) in the account. */
export interface Coin {
  coin: string;
  /** In coin units; negative is a loan. */
  balance: DecimalInput;
  /** Price in `quote`; may be left out for USDT and USDC. */
  price?: DecimalInput;
  /** Default "USD" (USDT, USDC: themselves). */
  quote?: QuoteName | null;
  /** Ascending `up_to_usd`, or ascending `up_to` in coin units; the last has neither. Left
   * out: the market's, else the coin counts for 0 (with a market in use, an error). */
  discount_tiers?: DiscountTier[] | null;
  /** Ascending `up_to` (debt in coin units); the last has none. Left out: the market's, else
   * the coin cannot be borrowed. */
  loan_tiers?: LoanTier[] | null;
  hourly_interest?: DecimalInput;
  /** Debt from unrealized losses free of interest, in coin units. */
  interest_free?: DecimalInput;
}

/** One tier: `rate` on the USD value up to `up_to_usd`, or on the quantity up to `up_to`
 * coins; one coin's tiers are all of one kind. */
export interface DiscountTier {
  up_to_usd?: DecimalInput;
  /** The bound in coin units (RULES §3). */
  up_to?: DecimalInput;
  /** A fraction in [0, 1]. */
  rate: DecimalInput;
}

export interface LoanTier {
  up_to?: DecimalInput;
  leverage: DecimalInput;
  mmr: DecimalInput;
}

/** A perpetual futures contract. `base`, `settle` and `mm_tiers` are required without a
 * market; with one, left out, they are the market's. */
export interface Contract {
  symbol: string;
  base?: string | null;
  settle?: string | null;
  mark_price: DecimalInput;
  leverage: DecimalInput;
  taker_fee?: DecimalInput;
  liquidation_fee?: DecimalInput;
  mm_tiers?: MaintenanceTier[] | null;
}

export interface MaintenanceTier {
  up_to_usd?: DecimalInput;
  mmr: DecimalInput;
}

export type PositionSide = "long" | "short";
export type PositionMode = "hedge" | "one_way";
export type Market = "spot" | "futures";
export type OrderSide = "buy" | "sell";
export type Risk = "safe" | "warning" | "liquidation";

/** A held futures position. */
export interface Position {
  symbol: string;
  side: PositionSide;
  size: DecimalInput;
  entry_price: DecimalInput;
}

/** A pending order, or the order to check. Spot: `base` and `quote`; futures: `symbol`. */
export interface Order {
  market: Market;
  symbol?: string | null;
  side: OrderSide;
  base?: string | null;
  quote?: string | null;
  size: DecimalInput;
  /** Limit price, in `quote` (spot) or the contract's settle coin (futures). */
  price: DecimalInput;
  /** Only for the order to check: the grid of its largest passing size (default "0.00000001"). */
  size_step?: DecimalInput;
}

/** A market document (docs/format.md, "Market document"): an exchange's tables, which a scenario takes where it
 * leaves them out. Unknown fields are an error. */
export interface MarketDocument {
  format: "unimargin/market@1";
  name: string;
  /** A date, "YYYY-MM-DD". */
  as_of: string;
  /** Where the tables come from (text or URL). */
  source?: string | null;
  /** Settings a scenario takes field by field. */
  settings?: Settings;
  coins?: MarketCoin[];
  contracts?: MarketContract[];
}

/** A coin's tables in a market. A table left out is not known: a scenario holding the coin
 * must give its own discount tiers. */
export interface MarketCoin {
  coin: string;
  quote?: QuoteName | null;
  discount_tiers?: DiscountTier[] | null;
  loan_tiers?: LoanTier[] | null;
  hourly_interest?: DecimalInput;
  interest_free?: DecimalInput;
  source?: string | null;
  /** A date, "YYYY-MM-DD". */
  as_of?: string | null;
}

/** A contract's tables in a market. */
export interface MarketContract {
  symbol: string;
  base: string;
  settle: string;
  /** The largest leverage a scenario may set on the contract. */
  max_leverage?: DecimalInput;
  taker_fee?: DecimalInput;
  liquidation_fee?: DecimalInput;
  mm_tiers?: MaintenanceTier[] | null;
  source?: string | null;
  /** A date, "YYYY-MM-DD". */
  as_of?: string | null;
}

/** Everything the engine computes for a scenario (docs/format.md, "Report"). */
export interface Report {
  format: "unimargin/report@1";
  /** The market used; absent when none. */
  market?: MarketReference;
  coins: CoinReport[];
  account: AccountReport;
  contracts: ContractReport[];
  positions: PositionReport[];
  orders: PendingOrderReport[];
  /** Present when the scenario has a `check`. */
  check?: Check;
}

export interface CoinReport {
  coin: string;
  usd_price: Decimal;
  unrealized_pnl: Decimal;
  equity: Decimal;
  debt: Decimal;
  usd_equity: Decimal;
  /** f(c): what the coin adds to adjusted equity. */
  contribution: Decimal;
  hourly_interest_usd: Decimal;
  haircut: Decimal;
  discount_slices: DiscountSlice[];
  loan_initial_margin: Decimal;
  loan_maintenance_margin: Decimal;
  loan_leverage: Decimal | null;
  loan_mmr: Decimal | null;
  interest_bearing_debt: Decimal;
}

export interface DiscountSlice {
  from_usd: Decimal;
  /** null for the unbounded last tier. */
  to_usd: Decimal | null;
  rate: Decimal;
  value_usd: Decimal;
  discounted_usd: Decimal;
  /** For tiers bounded in coin units: the slice in coin units (`from_usd`, `to_usd` are its
   * bounds at the coin's price). */
  coin_units?: CoinSlice;
}

export interface CoinSlice {
  from: Decimal;
  /** null for the unbounded last tier. */
  to: Decimal | null;
  quantity: Decimal;
}

export interface AccountReport {
  account_equity: Decimal;
  adjusted_equity: Decimal;
  spot_trading_losses: Decimal;
  pending_fees: Decimal;
  position_value: Decimal;
  initial_margin_loans: Decimal;
  initial_margin_derivatives: Decimal;
  margin_reserved: Decimal;
  available_margin: Decimal;
  maintenance_margin_loans: Decimal;
  maintenance_margin_derivatives: Decimal;
  maintenance_margin: Decimal;
  partial_liquidation_fees: Decimal;
  /** null when unbounded (position value with adjusted equity ≤ 0). */
  account_leverage: Decimal | null;
  /** null when unbounded. */
  cross_margin_rate: Decimal | null;
  risk: Risk;
  futures_orders_cancelled: boolean;
  discounted_equity: Decimal;
  futures_notional_usd: Decimal;
  loans_usd: Decimal;
  hourly_interest_usd: Decimal;
  daily_interest_usd: Decimal;
  warning_rate: Decimal;
  liquidation_rate: Decimal;
}

export interface SideReport {
  held_size: Decimal;
  open_size: Decimal;
  open_value: Decimal;
  notional_usd: Decimal;
  mmr: Decimal;
  initial_margin: Decimal;
  maintenance_margin: Decimal;
}

export interface ContractReport {
  symbol: string;
  mark_price: Decimal;
  settle_usd_price: Decimal;
  long: SideReport;
  short: SideReport;
  initial_margin: Decimal;
  maintenance_margin: Decimal;
  maintenance_side: PositionSide;
  partial_liquidation_fee: Decimal;
}

export interface PositionReport {
  side: PositionSide;
  /** In the settle coin. */
  unrealized_pnl: Decimal;
  unrealized_pnl_usd: Decimal;
  /** size × mark × (1 ÷ leverage + taker fee) × the settle coin's USD price (RULES §12). */
  initial_margin: Decimal;
  /** size × (mmr + taker fee) × mark × the settle coin's USD price, the mmr of its side's tier. */
  maintenance_margin: Decimal;
  /** Unrealized PnL in USD ÷ initial margin, a fraction; null when the initial margin is 0. */
  roi: Decimal | null;
  /** The size that can be closed. */
  available: Decimal;
}

export interface PendingOrderReport {
  market: Market;
  side: OrderSide;
  spot_loss: Decimal;
  fee: Decimal;
  initial_margin_added: Decimal;
  maintenance_margin_added: Decimal;
}

/** The verdict on an order (RULES §7). */
export interface Check {
  accepted: boolean;
  spot_loss: Decimal;
  fee: Decimal;
  initial_margin_added: Decimal;
  adjusted_equity_after: Decimal;
  margin_reserved_after: Decimal;
  /** adjusted_equity_after − margin_reserved_after; may be negative. */
  headroom: Decimal;
  /** The largest multiple of size_step accepted ("0" when none is). */
  max_size: Decimal;
  size_step: Decimal;
  /** Sentences a person can act on, naming the binding figures. */
  reasons: string[];
  /** The coin the order would have to borrow but cannot. */
  not_borrowable?: string;
}

/** New prices for `Account.update`: a contract's `mark_price` by its symbol, a coin's `price`
 * (in its `quote`) by its name. Each map may be left out. */
export interface AccountUpdate {
  mark_prices?: { [symbol: string]: DecimalInput };
  prices?: { [coin: string]: DecimalInput };
}

/** What every function throws on bad input: a JS Error naming where the problem is and
 * what it is (`error instanceof UnimarginError`). */
export class UnimarginError extends Error {
  constructor(message: string, path?: string, kind?: UnimarginErrorKind);
  name: "UnimarginError";
  /** A path into the scenario, such as "coins[2].discount_tiers[1].rate"; "" for the
   * whole document. An order given on its own is read as the scenario's `check`; a path in
   * the market document starts with "market:" ("market:coins[0].discount_tiers"). */
  path: string;
  /** What is wrong, as a stable code to branch on (the README lists them). */
  kind: UnimarginErrorKind;
  /** What is wrong, in an English sentence that does not repeat the path. */
  message: string;
}

/** The kinds of `UnimarginError`, as the engine's `ErrorKind::code` names them. */
export type UnimarginErrorKind =
  | "invalid_json"
  | "missing_field"
  | "unknown_field"
  | "duplicate_field"
  | "unknown_variant"
  | "wrong_type"
  | "not_a_decimal"
  | "number_too_large"
  | "too_many_decimal_places"
  | "too_many_digits"
  | "not_finite"
  | "wrong_format"
  | "not_positive"
  | "negative"
  | "not_a_fraction"
  | "warning_above_liquidation"
  | "too_many_tiers"
  | "above_maximum"
  | "not_a_name"
  | "no_base"
  | "duplicate"
  | "unknown_coin"
  | "unknown_contract"
  | "missing_price"
  | "stablecoin_price"
  | "stablecoin_quote"
  | "unknown_quote"
  | "no_btc_to_quote_in"
  | "btc_quoted_in_btc"
  | "tiers_not_ascending"
  | "last_tier_bounded"
  | "unbounded_tier_not_last"
  | "no_position_tiers"
  | "not_for_market"
  | "missing_for_market"
  | "same_coin_twice"
  | "size_step_outside_check"
  | "hedge_in_one_way_mode"
  | "no_such_entry"
  | "mixed_tier_units"
  | "not_a_date"
  | "wrong_market"
  | "not_in_market"
  | "leverage_above_max"
  | "not_borrowable"
  | "too_large"
  | "usage"
  | "cannot_read"
  | "no_coin_named"
  | "not_in_account"
  | "point_count"
  | "cannot_write"
  | "exchange_refused"
  | "no_tiers"
  | "first_tier_not_at_zero"
  | "tiers_not_contiguous"
  | "tier_out_of_order"
  | "not_in_answer"
  | "answer_too_old"
  | "missing_argument"
  | "not_serializable"
  | "not_json_text"
  | "no_order_to_check"
  | "account_freed"
  | "other";

// `Account` has a `[Symbol.dispose]()` (for `using`, where the JS engine has it), which
// TypeScript's libraries before esnext do not declare: declared here as @types/node does, so
// that these definitions compile with any target's default libraries.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

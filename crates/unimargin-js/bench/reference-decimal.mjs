// The margin rules of RULES.md (§1–§7, §12), written again in JavaScript over decimal.js: variant (b)
// of the package's benchmark, and an independent reference that the engine must agree with on
// every figure (test/agreement.test.mjs).
//
// It follows the engine's rule functions (crates/unimargin/src/rules/*.rs) one for one, from the
// formulas in their doc comments, on a scenario assumed valid (the engine validates; this does
// not) with FORMAT.md's defaults. It answers the FORMAT.md figures of `coins`, `account` and
// `check`, and the per-contract, per-position and per-order figures the engine reports, as
// decimal strings (`null` where the engine says unbounded).
//
// Arithmetic: decimal.js at 50 significant digits, so every sum and product of these scenarios
// is exact. The one place the engine cannot be exact is a quotient (`debt × p ÷ leverage`,
// `N ÷ leverage`, the two ratios to adjusted equity): rust_decimal keeps a quotient to as many
// decimal places as fit (at most 28, the digits within its 96-bit mantissa: 28 or 29
// significant digits) and rounds half to even. `engine()` rounds each result the same way, and
// is applied to every result, so that a sum or product too long for the engine would be rounded
// as the engine rounds it too; in the benchmark scenarios only quotients are ever changed by it
// (the agreement test counts them) and the secant points of the largest-size search.

import Decimal from "decimal.js";

const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });

export { D as Decimal };

const ZERO = new D(0);
const ONE = new D(1);
const TWO = new D(2);
const MANTISSA_LIMIT = new D(2).pow(96); // rust_decimal's mantissa is below 2^96
const SIZE_CAP = new D("1e18");
const STEPS_CAP = new D("1e27");
const DEFAULT_SIZE_STEP = new D("0.00000001");

/** How many results had to be rounded to the engine's format: quotients; the points of the
 * largest-size search's secant lines (which choose the sizes tried, not the answer); and any
 * other figure (the agreement test reads these and expects `other` to stay 0). */
export const rounded = { quotients: 0, search: 0, other: 0 };
let inSearch = false;

/** `x` as rust_decimal would hold it: unchanged when it fits (≤ 28 decimal places, mantissa
 * below 2^96), else rounded half to even to the most decimal places that fit; `null` when
 * it does not fit at all (the engine's overflow). */
function fit(x) {
  if (x.sd() <= 28 && x.dp() <= 28 && x.e < 28) return x;
  let scale = Math.min(28, 28 - x.e); // 29 significant digits, at most 28 places
  for (;;) {
    if (scale < 0) throw new Error(`${x} is beyond the engine's range`);
    const r = x.toDecimalPlaces(scale, D.ROUND_HALF_EVEN);
    if (r.abs().times(new D(10).pow(scale)).lt(MANTISSA_LIMIT)) return r;
    scale--;
  }
}

function engine(x) {
  const r = fit(x);
  if (r !== x && !r.eq(x)) {
    if (inSearch) rounded.search++;
    else rounded.other++;
  }
  return r;
}

const add = (a, b) => engine(a.plus(b));
const sub = (a, b) => engine(a.minus(b));
const mul = (a, b) => engine(a.times(b));
function div(a, b) {
  const q = a.div(b);
  const r = fit(q);
  if (r !== q && !r.eq(q)) {
    if (inSearch) rounded.search++;
    else rounded.quotients++;
  }
  return r;
}
const max = (a, b) => (a.gte(b) ? a : b);
const min = (a, b) => (a.lte(b) ? a : b);
const positivePart = (x) => (x.isNeg() && !x.isZero() ? ZERO : x);

const dec = (v, fallback) => (v === undefined || v === null ? fallback : new D(v));
const text = (x) => (x === null ? null : x.isZero() ? "0" : x.toString());

// ---- the scenario, read once ----

function read(s) {
  const st = s.settings ?? {};
  const settings = {
    usdtUsd: dec(st.usdt_usd, ONE),
    usdcUsd: dec(st.usdc_usd, ONE),
    spotTakerFee: dec(st.spot_taker_fee, ZERO),
    warningRate: dec(st.warning_rate, new D("0.8")),
    liquidationRate: dec(st.liquidation_rate, ONE),
  };
  const coinIndex = new Map();
  const coins = (s.coins ?? []).map((c, i) => {
    coinIndex.set(c.coin, i);
    const stable = c.coin === "USDT" || c.coin === "USDC";
    return {
      name: c.coin,
      balance: new D(c.balance),
      price: stable ? ONE : new D(c.price),
      quote: stable ? c.coin : c.quote ?? "USD",
      // bounded in USD (`up_to_usd`) or in coin units (`up_to`): one kind per coin
      discountTiers: (c.discount_tiers ?? []).map((t) => ({ upTo: dec(t.up_to_usd ?? t.up_to, null), inCoins: t.up_to != null, rate: new D(t.rate) })),
      loanTiers: (c.loan_tiers ?? []).map((t) => ({
        upTo: dec(t.up_to, null),
        leverage: new D(t.leverage),
        mmr: new D(t.mmr),
      })),
      hourlyInterest: dec(c.hourly_interest, ZERO),
      interestFree: dec(c.interest_free, ZERO),
    };
  });
  const contractIndex = new Map();
  const contracts = (s.contracts ?? []).map((c, i) => {
    contractIndex.set(c.symbol, i);
    return {
      symbol: c.symbol,
      settle: coinIndex.get(c.settle),
      mark: new D(c.mark_price),
      leverage: new D(c.leverage),
      taker: dec(c.taker_fee, ZERO),
      liquidationFee: dec(c.liquidation_fee, ZERO),
      mmTiers: c.mm_tiers.map((t) => ({ upTo: dec(t.up_to_usd, null), mmr: new D(t.mmr) })),
    };
  });
  const order = (o) =>
    o.market === "spot"
      ? { spot: true, side: o.side, base: coinIndex.get(o.base), quote: coinIndex.get(o.quote), size: new D(o.size), price: new D(o.price) }
      : { spot: false, side: o.side, contract: contractIndex.get(o.symbol), size: new D(o.size), price: new D(o.price) };
  return {
    settings,
    coins,
    contracts,
    positions: (s.positions ?? []).map((p) => ({
      contract: contractIndex.get(p.symbol),
      side: p.side,
      size: new D(p.size),
      entry: new D(p.entry_price),
    })),
    orders: (s.orders ?? []).map(order),
    check: s.check ? { order: order(s.check), step: dec(s.check.size_step, DEFAULT_SIZE_STEP) } : null,
  };
}

// ---- the rules (RULES §1–§7), as crates/unimargin/src/rules/*.rs ----

/** §1 `p(c) = price × p(quote)`. */
function usdPrice(coin, a) {
  const quotePrice = (quote) => {
    switch (quote) {
      case "USD":
        return ONE;
      case "USDT":
        return a.settings.usdtUsd;
      case "USDC":
        return a.settings.usdcUsd;
      default: {
        const btc = a.coins[a.coinIndexBtc];
        return mul(btc.price, quotePrice(btc.quote));
      }
    }
  };
  return mul(coin.price, quotePrice(coin.quote));
}

/** §2 `dir × (mark − entry) × size`. */
function unrealizedPnl(side, mark, entry, size) {
  const pnl = mul(sub(mark, entry), size);
  return side === "long" ? pnl : pnl.neg();
}

/** §2 `debt(c) = abs(min(equity(c), 0))`. */
const debt = (equity) => (equity.isNeg() && !equity.isZero() ? equity.neg() : ZERO);

/** §3 the discounted value of a positive equity `q` at USD price `p`: tiers in USD slice the
 * value `V = q × p`, `D(V) = Σ_tiers rate × (min(V, upper) − lower)⁺`; tiers in coin units
 * slice the quantity, `Σ_tiers rate × (min(q, upper) − lower)⁺ × p`. */
function discountedValue(tiers, equity, price) {
  const inCoins = tiers.length > 0 && tiers[0].inCoins;
  const amount = inCoins ? equity : mul(equity, price);
  let total = ZERO;
  let lower = ZERO;
  for (const t of tiers) {
    if (amount.lte(lower)) break;
    const top = t.upTo === null ? amount : min(amount, t.upTo);
    const slice = positivePart(sub(top, lower));
    total = add(total, mul(t.rate, inCoins ? mul(slice, price) : slice));
    if (t.upTo === null) break;
    lower = t.upTo;
  }
  return total;
}

/** §3 `f(c)`: the discounted USD equity when positive, the USD equity when not. */
function contribution(tiers, equity, price) {
  const value = mul(equity, price);
  return value.isPos() && !value.isZero() ? discountedValue(tiers, equity, price) : value;
}

/** §5 the borrowing tier holding a debt: the first whose `up_to` is at or above it. */
const loanTier = (tiers, owed) => tiers.find((t) => t.upTo === null || owed.lte(t.upTo)) ?? null;

/** §5 `debt × p ÷ leverage` (`null`: the coin cannot be borrowed). */
function loanInitialMargin(tiers, owed, price) {
  if (owed.isZero()) return ZERO;
  const t = loanTier(tiers, owed);
  return t === null ? null : div(mul(owed, price), t.leverage);
}

/** §6 `debt × p × mmr`. */
function loanMaintenanceMargin(tiers, owed, price) {
  if (owed.isZero()) return ZERO;
  const t = loanTier(tiers, owed);
  return t === null ? null : mul(mul(owed, price), t.mmr);
}

/** §4 a spot fill: the change of the base and the quote coin. */
function spotFill(side, size, price) {
  const cost = mul(size, price);
  return side === "buy" ? [size, cost.neg()] : [size.neg(), cost];
}

/** §4 `cost_usd × spot taker fee`. */
const pendingFee = (size, price, quoteUsd, fee) => mul(mul(mul(size, price), quoteUsd), fee);

/** §4, §5 `max(0, after − before)`. */
const marginAdded = (before, after) => positivePart(sub(after, before));

const emptySide = () => ({ held: ZERO, openSize: ZERO, openValue: ZERO });
const withOrder = (side, size, price) => ({
  held: side.held,
  openSize: add(side.openSize, size),
  openValue: add(side.openValue, mul(size, price)),
});

/** §5 one side: `N ÷ leverage + N × taker`, `N = (held × mark + open value) × p(settle)`. */
function sideInitialMargin(side, c, settleUsd) {
  const notional = mul(add(mul(side.held, c.mark), side.openValue), settleUsd);
  return add(div(notional, c.leverage), mul(notional, c.taker));
}

/** §5 `max(IM long, IM short)`. */
const derivativesInitialMargin = (book, c, settleUsd) =>
  max(sideInitialMargin(book.long, c, settleUsd), sideInitialMargin(book.short, c, settleUsd));

/** §6 one side: `(held + open) × mark × p(settle) × (mmr + taker)`, mmr of the side's tier. */
function sideMaintenance(side, c, settleUsd) {
  const notional = mul(mul(add(side.held, side.openSize), c.mark), settleUsd);
  const tier = c.mmTiers.find((t) => t.upTo === null || notional.lte(t.upTo)) ?? c.mmTiers[c.mmTiers.length - 1];
  return { notional, mmr: tier.mmr, mm: mul(notional, add(tier.mmr, c.taker)) };
}

/** §12 a position's own figures: PnL in USD, `size × mark × (1/leverage + taker) × p(settle)`,
 * `size × (mmr + taker) × mark × p(settle)` at its side's mmr, ROI = PnL in USD ÷ IM (none at
 * IM 0), and the size available to close (all of it). */
function positionFigures(p, pnl, c, settleUsd, sideMmr) {
  const pnlUsd = mul(pnl, settleUsd);
  const im = sideInitialMargin({ held: p.size, openSize: ZERO, openValue: ZERO }, c, settleUsd);
  const mm = mul(mul(mul(p.size, c.mark), settleUsd), add(sideMmr, c.taker));
  return {
    unrealized_pnl: text(pnl),
    unrealized_pnl_usd: text(pnlUsd),
    initial_margin: text(im),
    maintenance_margin: text(mm),
    roi: im.isZero() ? null : text(div(pnlUsd, im)),
    available: text(p.size),
  };
}

/** §6 the larger side's MM (long on a tie) and its partial liquidation fee. */
function derivativesMaintenance(book, c, settleUsd) {
  const long = sideMaintenance(book.long, c, settleUsd);
  const short = sideMaintenance(book.short, c, settleUsd);
  const binding = long.mm.gte(short.mm) ? long : short;
  return { mm: binding.mm, fee: mul(binding.notional, c.liquidationFee) };
}

/** §6 `n ÷ AE`: 0 when n is 0, unbounded (`null`) when AE ≤ 0. */
function ratio(n, ae) {
  if (n.isZero()) return ZERO;
  if (ae.lte(ZERO)) return null;
  return div(n, ae);
}

function riskLevel(rate, warning, liquidation) {
  if (rate === null || rate.gte(liquidation)) return "liquidation";
  return rate.gte(warning) ? "warning" : "safe";
}

// ---- §7 the order check ----

function probe(state, order) {
  const a = state.account;
  if (order.spot) {
    const side = (i) => {
      const c = a.coins[i];
      const equity = state.equities[i];
      return {
        coin: c,
        price: state.prices[i],
        equity,
        contribution: contribution(c.discountTiers, equity, state.prices[i]),
        loanIm: loanInitialMargin(c.loanTiers, debt(equity), state.prices[i]) ?? ZERO,
      };
    };
    const base = side(order.base);
    const quote = side(order.quote);
    return (size) => {
      const [dBase, dQuote] = spotFill(order.side, size, order.price);
      const baseAfter = add(base.equity, dBase);
      const quoteAfter = add(quote.equity, dQuote);
      const before = add(base.contribution, quote.contribution);
      const after = add(
        contribution(base.coin.discountTiers, baseAfter, base.price),
        contribution(quote.coin.discountTiers, quoteAfter, quote.price),
      );
      const baseIm = loanInitialMargin(base.coin.loanTiers, debt(baseAfter), base.price);
      const quoteIm = loanInitialMargin(quote.coin.loanTiers, debt(quoteAfter), quote.price);
      return {
        spotLoss: positivePart(sub(before, after)),
        fee: pendingFee(size, order.price, quote.price, a.settings.spotTakerFee),
        imAdded: marginAdded(add(base.loanIm, quote.loanIm), add(baseIm ?? ZERO, quoteIm ?? ZERO)),
        notBorrowable: baseIm === null ? base.coin.name : quoteIm === null ? quote.coin.name : null,
      };
    };
  }
  const c = a.contracts[order.contract];
  const settleUsd = state.prices[c.settle];
  const book = state.books[order.contract];
  const im = derivativesInitialMargin(book, c, settleUsd);
  return (size) => {
    const withIt =
      order.side === "buy"
        ? { long: withOrder(book.long, size, order.price), short: book.short }
        : { long: book.long, short: withOrder(book.short, size, order.price) };
    return {
      spotLoss: ZERO,
      fee: ZERO,
      imAdded: marginAdded(im, derivativesInitialMargin(withIt, c, settleUsd)),
      notBorrowable: null,
    };
  };
}

function acceptance(ae, reserved, effect) {
  const aeAfter = sub(sub(ae, effect.spotLoss), effect.fee);
  const reservedAfter = add(reserved, effect.imAdded);
  const headroom = sub(aeAfter, reservedAfter);
  return { aeAfter, reservedAfter, headroom, accepted: headroom.gte(ZERO) && effect.notBorrowable === null };
}

/** Where the line through (k0, h0) and (k1, h1) reaches 0, if it falls. */
function zeroOfLine(k0, h0, k1, h1) {
  if (h0.lte(h1)) return null;
  inSearch = true;
  const root = add(k1, div(mul(h1, sub(k1, k0)), sub(h0, h1)));
  inSearch = false;
  return root;
}

/** The largest multiple of `step` accepted: the engine's search (rules/check.rs), step by step. */
function maxOrderSize(effectAt, ae, reserved, step) {
  const headroom = (k) => {
    const e = effectAt(mul(k, step));
    return e.notBorrowable === null ? acceptance(ae, reserved, e).headroom : null;
  };
  const ok = (h) => h !== null && h.gte(ZERO);
  let cap = SIZE_CAP.div(step);
  cap = cap.gt(STEPS_CAP) ? STEPS_CAP : fit(cap);
  cap = max(cap.floor(), ONE);
  const hOne = headroom(ONE);
  if (!ok(hOne)) return ZERO;
  let [prevK, prevH] = [ZERO, sub(ae, reserved)];
  let [lo, hLo] = [ONE, hOne];
  let hi;
  let hHi;
  for (;;) {
    if (lo.gte(cap)) return mul(cap, step);
    const stride = sub(lo, prevK);
    const outrun = add(lo, mul(stride, TWO));
    const root = zeroOfLine(prevK, prevH, lo, hLo);
    let next = root === null ? outrun : add(min(root, cap).floor(), ONE);
    next = min(max(next, outrun), cap);
    const h = headroom(next);
    if (ok(h)) {
      [prevK, prevH] = [lo, hLo];
      [lo, hLo] = [next, h];
    } else {
      [hi, hHi] = [next, h];
      break;
    }
  }
  let bisectNext = false;
  while (sub(hi, lo).gt(ONE)) {
    const width = sub(hi, lo);
    const midpoint = add(lo, div(width, TWO)).floor();
    let k = midpoint;
    if (hHi !== null && !bisectNext) {
      const root = zeroOfLine(lo, hLo, hi, hHi);
      k = root === null ? midpoint : root.floor();
    }
    k = min(max(k, add(lo, ONE)), sub(hi, ONE));
    const h = headroom(k);
    if (ok(h)) {
      [lo, hLo] = [k, h];
      if (sub(hi, lo).gt(ONE)) {
        const hNext = headroom(add(lo, ONE));
        if (!ok(hNext)) [hi, hHi] = [add(lo, ONE), hNext];
      }
    } else {
      [hi, hHi] = [k, h];
    }
    bisectNext = !bisectNext && mul(sub(hi, lo), TWO).gt(width);
  }
  return mul(lo, step);
}

// ---- the whole account ----

/** The figures of a (valid) scenario: FORMAT.md's `coins`, `account` and `check`, and the
 * contracts', positions' and pending orders' figures, as decimal strings. */
export function evaluate(scenario) {
  const a = read(scenario);
  a.coinIndexBtc = a.coins.findIndex((c) => c.name === "BTC");
  const { coins, contracts, settings } = a;

  const prices = coins.map((c) => usdPrice(c, a));

  // §2 positions
  const pnl = coins.map(() => ZERO);
  const books = contracts.map(() => ({ long: emptySide(), short: emptySide() }));
  const profits = a.positions.map((p) => {
    const c = contracts[p.contract];
    const profit = unrealizedPnl(p.side, c.mark, p.entry, p.size);
    pnl[c.settle] = add(pnl[c.settle], profit);
    const side = p.side === "long" ? books[p.contract].long : books[p.contract].short;
    side.held = add(side.held, p.size);
    return profit;
  });

  // §2, §3, §5, §6, §8 per coin
  const equities = [];
  const terms = [];
  let discounted = ZERO;
  let accountEquity = ZERO;
  let loansIm = ZERO;
  let loansMm = ZERO;
  let loansUsd = ZERO;
  let interestUsd = ZERO;
  const coinReports = coins.map((coin, i) => {
    const equity = add(coin.balance, pnl[i]);
    const owed = debt(equity);
    const value = mul(equity, prices[i]);
    const contributes = contribution(coin.discountTiers, equity, prices[i]);
    const im = loanInitialMargin(coin.loanTiers, owed, prices[i]);
    const mm = loanMaintenanceMargin(coin.loanTiers, owed, prices[i]);
    if (im === null) throw new Error(`coins[${i}].loan_tiers: ${coin.name} cannot be borrowed`);
    const fromLosses = min(owed, positivePart(pnl[i].neg()));
    const bearing = sub(owed, min(fromLosses, coin.interestFree));
    const interest = mul(mul(bearing, coin.hourlyInterest), prices[i]);
    discounted = add(discounted, contributes);
    accountEquity = add(accountEquity, value);
    loansIm = add(loansIm, im);
    loansMm = add(loansMm, mm);
    loansUsd = add(loansUsd, mul(owed, prices[i]));
    interestUsd = add(interestUsd, interest);
    equities.push(equity);
    terms.push({ contribution: contributes, im, mm });
    return {
      coin: coin.name,
      usd_price: text(prices[i]),
      unrealized_pnl: text(pnl[i]),
      equity: text(equity),
      debt: text(owed),
      usd_equity: text(value),
      contribution: text(contributes),
      hourly_interest_usd: text(interest),
    };
  });

  // §4 pending orders, in list order
  let losses = ZERO;
  let fees = ZERO;
  let ordersIm = ZERO;
  let ordersMm = ZERO;
  const marginsNow = contracts.map(() => null);
  const coinTerms = (i) => {
    const c = coins[i];
    const owed = debt(equities[i]);
    return {
      contribution: contribution(c.discountTiers, equities[i], prices[i]),
      im: loanInitialMargin(c.loanTiers, owed, prices[i]),
      mm: loanMaintenanceMargin(c.loanTiers, owed, prices[i]),
    };
  };
  const orders = a.orders.map((o, k) => {
    if (o.spot) {
      const before = [terms[o.base], terms[o.quote]];
      const [dBase, dQuote] = spotFill(o.side, o.size, o.price);
      equities[o.base] = add(equities[o.base], dBase);
      equities[o.quote] = add(equities[o.quote], dQuote);
      const after = [coinTerms(o.base), coinTerms(o.quote)];
      if (after[0].im === null || after[1].im === null) throw new Error(`orders[${k}]: a coin cannot be borrowed`);
      [terms[o.base], terms[o.quote]] = after;
      const sum = (t, f) => add(f(t[0]), f(t[1]));
      const loss = positivePart(sub(sum(before, (t) => t.contribution), sum(after, (t) => t.contribution)));
      const fee = pendingFee(o.size, o.price, prices[o.quote], settings.spotTakerFee);
      const im = marginAdded(sum(before, (t) => t.im), sum(after, (t) => t.im));
      const mm = marginAdded(sum(before, (t) => t.mm), sum(after, (t) => t.mm));
      losses = add(losses, loss);
      fees = add(fees, fee);
      ordersIm = add(ordersIm, im);
      ordersMm = add(ordersMm, mm);
      return { spot_loss: text(loss), fee: text(fee), initial_margin_added: text(im), maintenance_margin_added: text(mm) };
    }
    const c = contracts[o.contract];
    const settleUsd = prices[c.settle];
    const book = books[o.contract];
    const margins = (b) => [derivativesInitialMargin(b, c, settleUsd), derivativesMaintenance(b, c, settleUsd).mm];
    const before = marginsNow[o.contract] ?? margins(book);
    if (o.side === "buy") book.long = withOrder(book.long, o.size, o.price);
    else book.short = withOrder(book.short, o.size, o.price);
    const after = margins(book);
    marginsNow[o.contract] = after;
    return {
      spot_loss: "0",
      fee: "0",
      initial_margin_added: text(marginAdded(before[0], after[0])),
      maintenance_margin_added: text(marginAdded(before[1], after[1])),
    };
  });

  // §5, §6 derivatives, per contract, pending futures orders included
  let derivativesIm = ZERO;
  let derivativesMm = ZERO;
  let liquidationFees = ZERO;
  let futuresNotional = ZERO;
  const sideMmr = [];
  const contractReports = contracts.map((c, j) => {
    const book = books[j];
    const settleUsd = prices[c.settle];
    sideMmr.push({ long: sideMaintenance(book.long, c, settleUsd).mmr, short: sideMaintenance(book.short, c, settleUsd).mmr });
    const im = derivativesInitialMargin(book, c, settleUsd);
    futuresNotional = add(futuresNotional, mul(mul(add(book.long.held, book.short.held), c.mark), settleUsd));
    const m = derivativesMaintenance(book, c, settleUsd);
    derivativesIm = add(derivativesIm, im);
    derivativesMm = add(derivativesMm, m.mm);
    liquidationFees = add(liquidationFees, m.fee);
    return { symbol: c.symbol, initial_margin: text(im), maintenance_margin: text(m.mm), partial_liquidation_fee: text(m.fee) };
  });

  // §12 each position's own figures, its side's mmr with the pending orders
  const positions = a.positions.map((p, k) => {
    const c = contracts[p.contract];
    return positionFigures(p, profits[k], c, prices[c.settle], sideMmr[p.contract][p.side]);
  });

  // totals
  const ae = sub(sub(discounted, losses), fees);
  const imLoans = add(loansIm, ordersIm);
  const reserved = add(imLoans, derivativesIm);
  const mmLoans = add(loansMm, ordersMm);
  const maintenance = add(mmLoans, derivativesMm);
  const positionValue = add(futuresNotional, loansUsd);
  const rate = ratio(add(maintenance, liquidationFees), ae);
  const account = {
    account_equity: text(accountEquity),
    adjusted_equity: text(ae),
    spot_trading_losses: text(losses),
    pending_fees: text(fees),
    position_value: text(positionValue),
    initial_margin_loans: text(imLoans),
    initial_margin_derivatives: text(derivativesIm),
    margin_reserved: text(reserved),
    available_margin: text(sub(ae, reserved)),
    maintenance_margin_loans: text(mmLoans),
    maintenance_margin_derivatives: text(derivativesMm),
    maintenance_margin: text(maintenance),
    partial_liquidation_fees: text(liquidationFees),
    account_leverage: text(ratio(positionValue, ae)),
    cross_margin_rate: text(rate),
    risk: riskLevel(rate, settings.warningRate, settings.liquidationRate),
    futures_orders_cancelled: ae.lt(reserved),
    hourly_interest_usd: text(interestUsd),
    daily_interest_usd: text(mul(interestUsd, new D(24))),
  };

  const report = { coins: coinReports, account, contracts: contractReports, positions, orders };
  if (a.check) {
    const effectAt = probe({ account: a, prices, equities, books }, a.check.order);
    const effect = effectAt(a.check.order.size);
    const acc = acceptance(ae, reserved, effect);
    report.check = {
      accepted: acc.accepted,
      spot_loss: text(effect.spotLoss),
      fee: text(effect.fee),
      initial_margin_added: text(effect.imAdded),
      adjusted_equity_after: text(acc.aeAfter),
      margin_reserved_after: text(acc.reservedAfter),
      headroom: text(acc.headroom),
      max_size: text(maxOrderSize(effectAt, ae, reserved, a.check.step)),
      size_step: text(a.check.step),
    };
  }
  return report;
}

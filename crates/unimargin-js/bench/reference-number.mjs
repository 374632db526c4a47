// The margin rules of RULES.md (§1–§7) in plain JavaScript numbers (binary floats): variant (c)
// of the package's benchmark, the speed limit of a calculator in JavaScript. Inexact (0.1 + 0.2
// is not 0.3), so it is not compared figure for figure; it is reference-decimal.mjs line for
// line with `Number` for `Decimal`, on a scenario assumed valid, and answers the same figures
// as numbers (`null` where unbounded), with no strings made.

const DEFAULT_SIZE_STEP = 1e-8;
const SIZE_CAP = 1e18;
const STEPS_CAP = 1e27;

const num = (v, fallback) => (v === undefined || v === null ? fallback : Number(v));
const positivePart = (x) => (x > 0 ? x : 0);

function read(s) {
  const st = s.settings ?? {};
  const settings = {
    usdtUsd: num(st.usdt_usd, 1),
    usdcUsd: num(st.usdc_usd, 1),
    spotTakerFee: num(st.spot_taker_fee, 0),
    warningRate: num(st.warning_rate, 0.8),
    liquidationRate: num(st.liquidation_rate, 1),
  };
  const coinIndex = new Map();
  const coins = (s.coins ?? []).map((c, i) => {
    coinIndex.set(c.coin, i);
    const stable = c.coin === "USDT" || c.coin === "USDC";
    return {
      name: c.coin,
      balance: Number(c.balance),
      price: stable ? 1 : Number(c.price),
      quote: stable ? c.coin : c.quote ?? "USD",
      discountTiers: (c.discount_tiers ?? []).map((t) => ({ upTo: num(t.up_to_usd ?? t.up_to, null), inCoins: t.up_to != null, rate: Number(t.rate) })),
      loanTiers: (c.loan_tiers ?? []).map((t) => ({ upTo: num(t.up_to, null), leverage: Number(t.leverage), mmr: Number(t.mmr) })),
      hourlyInterest: num(c.hourly_interest, 0),
      interestFree: num(c.interest_free, 0),
    };
  });
  const contractIndex = new Map();
  const contracts = (s.contracts ?? []).map((c, i) => {
    contractIndex.set(c.symbol, i);
    return {
      symbol: c.symbol,
      settle: coinIndex.get(c.settle),
      mark: Number(c.mark_price),
      leverage: Number(c.leverage),
      taker: num(c.taker_fee, 0),
      liquidationFee: num(c.liquidation_fee, 0),
      mmTiers: c.mm_tiers.map((t) => ({ upTo: num(t.up_to_usd, null), mmr: Number(t.mmr) })),
    };
  });
  const order = (o) =>
    o.market === "spot"
      ? { spot: true, side: o.side, base: coinIndex.get(o.base), quote: coinIndex.get(o.quote), size: Number(o.size), price: Number(o.price) }
      : { spot: false, side: o.side, contract: contractIndex.get(o.symbol), size: Number(o.size), price: Number(o.price) };
  return {
    settings,
    coins,
    contracts,
    positions: (s.positions ?? []).map((p) => ({
      contract: contractIndex.get(p.symbol),
      side: p.side,
      size: Number(p.size),
      entry: Number(p.entry_price),
    })),
    orders: (s.orders ?? []).map(order),
    check: s.check ? { order: order(s.check), step: num(s.check.size_step, DEFAULT_SIZE_STEP) } : null,
  };
}

function usdPrice(coin, a) {
  const quotePrice = (quote) => {
    switch (quote) {
      case "USD":
        return 1;
      case "USDT":
        return a.settings.usdtUsd;
      case "USDC":
        return a.settings.usdcUsd;
      default: {
        const btc = a.coins[a.coinIndexBtc];
        return btc.price * quotePrice(btc.quote);
      }
    }
  };
  return coin.price * quotePrice(coin.quote);
}

const unrealizedPnl = (side, mark, entry, size) => (side === "long" ? (mark - entry) * size : -((mark - entry) * size));
const debt = (equity) => (equity < 0 ? -equity : 0);

function discountedValue(tiers, equity, price) {
  const inCoins = tiers.length > 0 && tiers[0].inCoins;
  const amount = inCoins ? equity : equity * price;
  let total = 0;
  let lower = 0;
  for (const t of tiers) {
    if (amount <= lower) break;
    const top = t.upTo === null ? amount : Math.min(amount, t.upTo);
    const slice = positivePart(top - lower);
    total += t.rate * (inCoins ? slice * price : slice);
    if (t.upTo === null) break;
    lower = t.upTo;
  }
  return total;
}

function contribution(tiers, equity, price) {
  const value = equity * price;
  return value > 0 ? discountedValue(tiers, equity, price) : value;
}

const loanTier = (tiers, owed) => tiers.find((t) => t.upTo === null || owed <= t.upTo) ?? null;

function loanInitialMargin(tiers, owed, price) {
  if (owed === 0) return 0;
  const t = loanTier(tiers, owed);
  return t === null ? null : (owed * price) / t.leverage;
}

function loanMaintenanceMargin(tiers, owed, price) {
  if (owed === 0) return 0;
  const t = loanTier(tiers, owed);
  return t === null ? null : owed * price * t.mmr;
}

const spotFill = (side, size, price) => (side === "buy" ? [size, -(size * price)] : [-size, size * price]);
const pendingFee = (size, price, quoteUsd, fee) => size * price * quoteUsd * fee;
const marginAdded = (before, after) => positivePart(after - before);

const emptySide = () => ({ held: 0, openSize: 0, openValue: 0 });
const withOrder = (side, size, price) => ({ held: side.held, openSize: side.openSize + size, openValue: side.openValue + size * price });

function sideInitialMargin(side, c, settleUsd) {
  const notional = (side.held * c.mark + side.openValue) * settleUsd;
  return notional / c.leverage + notional * c.taker;
}

const derivativesInitialMargin = (book, c, settleUsd) =>
  Math.max(sideInitialMargin(book.long, c, settleUsd), sideInitialMargin(book.short, c, settleUsd));

function sideMaintenance(side, c, settleUsd) {
  const notional = (side.held + side.openSize) * c.mark * settleUsd;
  const tier = c.mmTiers.find((t) => t.upTo === null || notional <= t.upTo) ?? c.mmTiers[c.mmTiers.length - 1];
  return { notional, mmr: tier.mmr, mm: notional * (tier.mmr + c.taker) };
}

function derivativesMaintenance(book, c, settleUsd) {
  const long = sideMaintenance(book.long, c, settleUsd);
  const short = sideMaintenance(book.short, c, settleUsd);
  const binding = long.mm >= short.mm ? long : short;
  return { mm: binding.mm, fee: binding.notional * c.liquidationFee };
}

function ratio(n, ae) {
  if (n === 0) return 0;
  if (ae <= 0) return null;
  return n / ae;
}

function riskLevel(rate, warning, liquidation) {
  if (rate === null || rate >= liquidation) return "liquidation";
  return rate >= warning ? "warning" : "safe";
}

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
        loanIm: loanInitialMargin(c.loanTiers, debt(equity), state.prices[i]) ?? 0,
      };
    };
    const base = side(order.base);
    const quote = side(order.quote);
    return (size) => {
      const [dBase, dQuote] = spotFill(order.side, size, order.price);
      const baseAfter = base.equity + dBase;
      const quoteAfter = quote.equity + dQuote;
      const before = base.contribution + quote.contribution;
      const after =
        contribution(base.coin.discountTiers, baseAfter, base.price) + contribution(quote.coin.discountTiers, quoteAfter, quote.price);
      const baseIm = loanInitialMargin(base.coin.loanTiers, debt(baseAfter), base.price);
      const quoteIm = loanInitialMargin(quote.coin.loanTiers, debt(quoteAfter), quote.price);
      return {
        spotLoss: positivePart(before - after),
        fee: pendingFee(size, order.price, quote.price, a.settings.spotTakerFee),
        imAdded: marginAdded(base.loanIm + quote.loanIm, (baseIm ?? 0) + (quoteIm ?? 0)),
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
    return { spotLoss: 0, fee: 0, imAdded: marginAdded(im, derivativesInitialMargin(withIt, c, settleUsd)), notBorrowable: null };
  };
}

function acceptance(ae, reserved, effect) {
  const aeAfter = ae - effect.spotLoss - effect.fee;
  const reservedAfter = reserved + effect.imAdded;
  const headroom = aeAfter - reservedAfter;
  return { aeAfter, reservedAfter, headroom, accepted: headroom >= 0 && effect.notBorrowable === null };
}

function zeroOfLine(k0, h0, k1, h1) {
  if (h0 <= h1) return null;
  return k1 + (h1 * (k1 - k0)) / (h0 - h1);
}

function maxOrderSize(effectAt, ae, reserved, step) {
  const headroom = (k) => {
    const e = effectAt(k * step);
    return e.notBorrowable === null ? acceptance(ae, reserved, e).headroom : null;
  };
  const ok = (h) => h !== null && h >= 0;
  const cap = Math.max(Math.floor(Math.min(SIZE_CAP / step, STEPS_CAP)), 1);
  const hOne = headroom(1);
  if (!ok(hOne)) return 0;
  let [prevK, prevH] = [0, ae - reserved];
  let [lo, hLo] = [1, hOne];
  let hi;
  let hHi;
  for (;;) {
    if (lo >= cap) return cap * step;
    const outrun = lo + (lo - prevK) * 2;
    const root = zeroOfLine(prevK, prevH, lo, hLo);
    let next = root === null ? outrun : Math.floor(Math.min(root, cap)) + 1;
    next = Math.min(Math.max(next, outrun), cap);
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
  while (hi - lo > 1) {
    const width = hi - lo;
    const midpoint = Math.floor(lo + width / 2);
    let k = midpoint;
    if (hHi !== null && !bisectNext) {
      const root = zeroOfLine(lo, hLo, hi, hHi);
      k = root === null ? midpoint : Math.floor(root);
    }
    k = Math.min(Math.max(k, lo + 1), hi - 1);
    const h = headroom(k);
    if (ok(h)) {
      [lo, hLo] = [k, h];
      if (hi - lo > 1) {
        const hNext = headroom(lo + 1);
        if (!ok(hNext)) [hi, hHi] = [lo + 1, hNext];
      }
    } else {
      [hi, hHi] = [k, h];
    }
    bisectNext = !bisectNext && (hi - lo) * 2 > width;
  }
  return lo * step;
}

/** The same figures as reference-decimal.mjs's `evaluate`, as numbers. */
export function evaluate(scenario) {
  const a = read(scenario);
  a.coinIndexBtc = a.coins.findIndex((c) => c.name === "BTC");
  const { coins, contracts, settings } = a;
  const prices = coins.map((c) => usdPrice(c, a));

  const pnl = coins.map(() => 0);
  const books = contracts.map(() => ({ long: emptySide(), short: emptySide() }));
  const profits = a.positions.map((p) => {
    const c = contracts[p.contract];
    const profit = unrealizedPnl(p.side, c.mark, p.entry, p.size);
    pnl[c.settle] += profit;
    const side = p.side === "long" ? books[p.contract].long : books[p.contract].short;
    side.held += p.size;
    return profit;
  });

  const equities = [];
  const terms = [];
  let discounted = 0;
  let accountEquity = 0;
  let loansIm = 0;
  let loansMm = 0;
  let loansUsd = 0;
  let interestUsd = 0;
  const coinReports = coins.map((coin, i) => {
    const equity = coin.balance + pnl[i];
    const owed = debt(equity);
    const value = equity * prices[i];
    const contributes = contribution(coin.discountTiers, equity, prices[i]);
    const im = loanInitialMargin(coin.loanTiers, owed, prices[i]);
    const mm = loanMaintenanceMargin(coin.loanTiers, owed, prices[i]);
    if (im === null) throw new Error(`coins[${i}].loan_tiers: ${coin.name} cannot be borrowed`);
    const fromLosses = Math.min(owed, positivePart(-pnl[i]));
    const bearing = owed - Math.min(fromLosses, coin.interestFree);
    const interest = bearing * coin.hourlyInterest * prices[i];
    discounted += contributes;
    accountEquity += value;
    loansIm += im;
    loansMm += mm;
    loansUsd += owed * prices[i];
    interestUsd += interest;
    equities.push(equity);
    terms.push({ contribution: contributes, im, mm });
    return {
      coin: coin.name,
      usd_price: prices[i],
      unrealized_pnl: pnl[i],
      equity,
      debt: owed,
      usd_equity: value,
      contribution: contributes,
      hourly_interest_usd: interest,
    };
  });

  let losses = 0;
  let fees = 0;
  let ordersIm = 0;
  let ordersMm = 0;
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
      equities[o.base] += dBase;
      equities[o.quote] += dQuote;
      const after = [coinTerms(o.base), coinTerms(o.quote)];
      if (after[0].im === null || after[1].im === null) throw new Error(`orders[${k}]: a coin cannot be borrowed`);
      [terms[o.base], terms[o.quote]] = after;
      const loss = positivePart(before[0].contribution + before[1].contribution - (after[0].contribution + after[1].contribution));
      const fee = pendingFee(o.size, o.price, prices[o.quote], settings.spotTakerFee);
      const im = marginAdded(before[0].im + before[1].im, after[0].im + after[1].im);
      const mm = marginAdded(before[0].mm + before[1].mm, after[0].mm + after[1].mm);
      losses += loss;
      fees += fee;
      ordersIm += im;
      ordersMm += mm;
      return { spot_loss: loss, fee, initial_margin_added: im, maintenance_margin_added: mm };
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
      spot_loss: 0,
      fee: 0,
      initial_margin_added: marginAdded(before[0], after[0]),
      maintenance_margin_added: marginAdded(before[1], after[1]),
    };
  });

  let derivativesIm = 0;
  let derivativesMm = 0;
  let liquidationFees = 0;
  let futuresNotional = 0;
  const sideMmr = [];
  const contractReports = contracts.map((c, j) => {
    const book = books[j];
    const settleUsd = prices[c.settle];
    sideMmr.push({ long: sideMaintenance(book.long, c, settleUsd).mmr, short: sideMaintenance(book.short, c, settleUsd).mmr });
    const im = derivativesInitialMargin(book, c, settleUsd);
    futuresNotional += (book.long.held + book.short.held) * c.mark * settleUsd;
    const m = derivativesMaintenance(book, c, settleUsd);
    derivativesIm += im;
    derivativesMm += m.mm;
    liquidationFees += m.fee;
    return { symbol: c.symbol, initial_margin: im, maintenance_margin: m.mm, partial_liquidation_fee: m.fee };
  });

  const ae = discounted - losses - fees;
  const imLoans = loansIm + ordersIm;
  const reserved = imLoans + derivativesIm;
  const mmLoans = loansMm + ordersMm;
  const maintenance = mmLoans + derivativesMm;
  const positionValue = futuresNotional + loansUsd;
  const rate = ratio(maintenance + liquidationFees, ae);
  const account = {
    account_equity: accountEquity,
    adjusted_equity: ae,
    spot_trading_losses: losses,
    pending_fees: fees,
    position_value: positionValue,
    initial_margin_loans: imLoans,
    initial_margin_derivatives: derivativesIm,
    margin_reserved: reserved,
    available_margin: ae - reserved,
    maintenance_margin_loans: mmLoans,
    maintenance_margin_derivatives: derivativesMm,
    maintenance_margin: maintenance,
    partial_liquidation_fees: liquidationFees,
    account_leverage: ratio(positionValue, ae),
    cross_margin_rate: rate,
    risk: riskLevel(rate, settings.warningRate, settings.liquidationRate),
    futures_orders_cancelled: ae < reserved,
    hourly_interest_usd: interestUsd,
    daily_interest_usd: interestUsd * 24,
  };

  // §12 each position's own figures
  const positions = a.positions.map((p, k) => {
    const c = contracts[p.contract];
    const settleUsd = prices[c.settle];
    const pnlUsd = profits[k] * settleUsd;
    const im = sideInitialMargin({ held: p.size, openSize: 0, openValue: 0 }, c, settleUsd);
    return {
      unrealized_pnl: profits[k],
      unrealized_pnl_usd: pnlUsd,
      initial_margin: im,
      maintenance_margin: p.size * c.mark * settleUsd * (sideMmr[p.contract][p.side] + c.taker),
      roi: im === 0 ? null : pnlUsd / im,
      available: p.size,
    };
  });
  const report = { coins: coinReports, account, contracts: contractReports, positions, orders };
  if (a.check) {
    const effectAt = probe({ account: a, prices, equities, books }, a.check.order);
    const effect = effectAt(a.check.order.size);
    const acc = acceptance(ae, reserved, effect);
    report.check = {
      accepted: acc.accepted,
      spot_loss: effect.spotLoss,
      fee: effect.fee,
      initial_margin_added: effect.imAdded,
      adjusted_equity_after: acc.aeAfter,
      margin_reserved_after: acc.reservedAfter,
      headroom: acc.headroom,
      max_size: maxOrderSize(effectAt, ae, reserved, a.check.step),
      size_step: a.check.step,
    };
  }
  return report;
}

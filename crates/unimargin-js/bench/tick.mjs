// The price tick both benchmarks measure: the scenario without its check, its last contract's
// mark price as given and 1 % up (the benchmarks alternate between the two), as updates for
// `Account.update` and as whole scenarios for the stateless references.

/** `{ bare, ticks, ticked }`: the scenario without `check`; the two updates; the two scenarios. */
export function priceTick(scenario) {
  const { check: _check, ...bare } = scenario;
  const last = bare.contracts[bare.contracts.length - 1];
  const marks = [last.mark_price, (Number(last.mark_price) * 1.01).toFixed(2)];
  const ticks = marks.map((mark) => ({ mark_prices: { [last.symbol]: mark } }));
  const ticked = marks.map((mark) => {
    const moved = structuredClone(bare);
    moved.contracts[moved.contracts.length - 1].mark_price = mark;
    return moved;
  });
  return { bare, ticks, ticked };
}

#!/usr/bin/env python3
"""Writes the benchmark accounts to tests/fixtures/bench/, deterministically.

typical.json        10 coins, 5 contracts with hedge positions, 10 pending orders, a check
positions-200.json  10 coins, 20 contracts, 200 positions, 20 pending orders, a check
large.json          50 coins, 1,000 contracts, 20,000 positions, 2,000 pending orders, a check

The same files feed the engine's criterion benchmarks, the CLI comparison, the app's
keystroke benchmark and the JavaScript package's benchmarks.
"""
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "bench"

BITGET_BTCUSDT_TIERS = [
    {"up_to_usd": "200000", "mmr": "0.004"},
    {"up_to_usd": "1000000", "mmr": "0.005"},
    {"up_to_usd": "5000000", "mmr": "0.007"},
    {"up_to_usd": "15000000", "mmr": "0.01"},
    {"up_to_usd": "50000000", "mmr": "0.02"},
    {"mmr": "0.03"},
]


def dec(x, places):
    text = f"{x:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def coins(rng, count, usdt):
    out = [
        {"coin": "USDT", "balance": str(usdt), "discount_tiers": [{"rate": "1"}],
         "loan_tiers": [{"up_to": "1000000", "leverage": "10", "mmr": "0.02"},
                        {"leverage": "5", "mmr": "0.05"}],
         "hourly_interest": "0.0000035", "interest_free": "20000"},
        {"coin": "BTC", "balance": "3.5", "price": "64000",
         "discount_tiers": [{"up_to_usd": "1000000", "rate": "0.98"}, {"rate": "0.97"}],
         "loan_tiers": [{"up_to": "50", "leverage": "10", "mmr": "0.05"},
                        {"leverage": "5", "mmr": "0.1"}],
         "hourly_interest": "0.000002"},
        {"coin": "USDC", "balance": "15000", "discount_tiers": [{"rate": "1"}],
         "loan_tiers": [{"leverage": "10", "mmr": "0.02"}]},
    ]
    for i in range(count - len(out)):
        quote = rng.choice(["USD", "USDT", "USDC", "BTC"])
        usd = rng.uniform(0.5, 4000)
        price = usd / 64000 if quote == "BTC" else usd
        out.append({
            "coin": f"C{i:03d}", "balance": dec(rng.uniform(-2, 40), 4),
            "price": dec(price, 10 if quote == "BTC" else 4), "quote": quote,
            "discount_tiers": [
                {"up_to_usd": "100000", "rate": dec(rng.uniform(0.7, 0.95), 2)},
                {"up_to_usd": "1000000", "rate": dec(rng.uniform(0.4, 0.7), 2)},
                {"rate": "0"}],
            "loan_tiers": [{"up_to": "100000", "leverage": "5", "mmr": "0.1"},
                           {"leverage": "3", "mmr": "0.2"}],
            "hourly_interest": "0.00001",
        })
    return out


def contracts(rng, count):
    out = []
    for i in range(count):
        mark = 64000 if i == 0 else rng.uniform(0.05, 3000)
        out.append({
            "symbol": "BTCUSDT" if i == 0 else f"K{i:04d}USDT",
            "base": "BTC" if i == 0 else f"K{i:04d}",
            "settle": "USDT" if i % 7 else "USDC" if i else "USDT",
            "mark_price": dec(mark, 4), "leverage": str(rng.choice([5, 10, 20, 25, 50])),
            "taker_fee": "0.0006", "liquidation_fee": "0.0002",
            "mm_tiers": BITGET_BTCUSDT_TIERS,
        })
    return out


def positions(rng, contract_list, per_contract):
    out = []
    for c in contract_list:
        mark = float(c["mark_price"])
        for j in range(per_contract):
            size = rng.uniform(0.01, 2) * 40000 / mark
            out.append({"symbol": c["symbol"], "side": "long" if j % 2 == 0 else "short",
                        "size": dec(size, 6), "entry_price": dec(mark * rng.uniform(0.9, 1.1), 4)})
    return out


def orders(rng, coin_list, contract_list, count):
    out = []
    for k in range(count):
        if k % 2:
            c = rng.choice(contract_list)
            mark = float(c["mark_price"])
            out.append({"market": "futures", "symbol": c["symbol"], "side": rng.choice(["buy", "sell"]),
                        "size": dec(rng.uniform(0.01, 1) * 2000 / mark, 6),
                        "price": dec(mark * rng.uniform(0.95, 1.05), 4)})
        else:
            coin = rng.choice([c for c in coin_list[3:]] or coin_list[1:2])
            usd = float(coin["price"]) * (64000 if coin.get("quote") == "BTC" else 1)
            out.append({"market": "spot", "base": coin["coin"], "quote": "USDT",
                        "side": rng.choice(["buy", "sell"]),
                        "size": dec(rng.uniform(0.01, 2) * 200 / usd, 6),
                        "price": dec(usd * rng.uniform(0.95, 1.05), 6)})
    return out


def scenario(seed, n_coins, n_contracts, per_contract, n_orders, usdt):
    rng = random.Random(seed)
    coin_list = coins(rng, n_coins, usdt)
    contract_list = contracts(rng, n_contracts)
    return {
        "format": "unimargin/scenario@1",
        "settings": {"usdt_usd": "0.9998", "usdc_usd": "1.0001", "spot_taker_fee": "0.001"},
        "coins": coin_list,
        "contracts": contract_list,
        "positions": positions(rng, contract_list, per_contract),
        "orders": orders(rng, coin_list, contract_list, n_orders),
        "check": {"market": "futures", "symbol": "BTCUSDT", "side": "buy", "size": "0.5",
                  "price": "64000", "size_step": "0.001"},
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, args, indent in [("typical", (1, 10, 5, 2, 10, 60000), 2),
                               ("positions-200", (2, 10, 20, 10, 20, 60000), 2),
                               ("large", (3, 50, 1000, 20, 2000, 60000000), None)]:
        text = json.dumps(scenario(*args), indent=indent, separators=None if indent else (",", ":"))
        (OUT / f"{name}.json").write_text(text + "\n")
        print(f"{name}.json: {len(text):,} bytes")


if __name__ == "__main__":
    main()

"""Where durable_rules' registration stops finishing: python -m benchmarks.durable_limits (from the repository root).

Registers, each in a fresh process with a time limit, the default pack plus one rule whose list
holds N descriptions (``list``) or N rules of one description each (``rules``), and prints the
seconds ``register_rulesets`` took. Up to 512 tests after one test it takes a tenth of a second
or less, growing about linearly; at 513 it never returns (shown as ``gave up``). The adapter
refuses above ``durable.MAX_WIDTH``.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time

SIZES = (100, 200, 400, 500, 508, 509, 600, 1000)
"""508 values plus the 4 other first tests of the default pack's off-target rules make 512."""
GIVE_UP = 20.0


def _register(mode: str, size: int) -> float:
    """Register the pack in this process, bypassing the adapter's refusal; seconds taken."""
    import copy

    from interview_recovery import default_rules
    from interview_recovery._engines import durable
    from interview_recovery._rules.ruleset import Condition

    base = default_rules()
    rule = base.rules[0]
    if mode == "list":
        values = tuple(f"value {i}" for i in range(size))
        changed = dataclasses.replace(rule, conditions=(Condition("description", "in", values),))
        rules = (changed, *base.rules[1:])
    else:
        extra = tuple(
            dataclasses.replace(rule, id=f"r{i}", conditions=(Condition("description", "eq", f"value {i}"),))
            for i in range(size)
        )
        rules = (*extra, *base.rules)
    compiled = copy.deepcopy(durable.compile_ruleset(dataclasses.replace(base, rules=rules)))
    for definition in compiled.values():
        definition["run"] = lambda c: None
    host = durable._quiet_host()
    start = time.perf_counter()
    host.register_rulesets({"measured": compiled})
    return time.perf_counter() - start


def main() -> None:
    from interview_recovery._engines import durable

    for mode in ("list", "rules"):
        for size in SIZES:
            try:
                done = subprocess.run(
                    [sys.executable, "-m", "benchmarks.durable_limits", mode, str(size)],
                    capture_output=True,
                    text=True,
                    timeout=GIVE_UP,
                    check=True,
                )
                took = f"{float(done.stdout):8.3f} s"
            except subprocess.TimeoutExpired:
                took = f"gave up after {GIVE_UP:.0f} s"
            print(f"{mode:5} {size:5}: {took}", flush=True)
    print(f"the adapter refuses more than {durable.MAX_WIDTH} tests after one test")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(_register(sys.argv[1], int(sys.argv[2])))
    else:
        main()

"""Time the rule tools on the shipped packs: python benchmarks/bench_rule_tools.py (from the repository root)."""

from __future__ import annotations

import timeit

from interview_recovery import check_rules, diff_rules, load_rules, rule_coverage
from interview_recovery._authoring.domain import build_domain, evaluate_domain

RULES = load_rules("rules/no-mistakes")
CASES = {
    "load_rules(no-mistakes, with its base)": lambda: load_rules("rules/no-mistakes"),
    "check_rules(no-mistakes folder)": lambda: check_rules("rules/no-mistakes"),
    "check_rules(rule set already loaded)": lambda: check_rules(RULES),
    "build_domain + evaluate_domain (33 classes, one session)": lambda: evaluate_domain(RULES, build_domain(RULES)),
    "diff_rules(default, no-mistakes)": lambda: diff_rules("rules/default", "rules/no-mistakes"),
    "rule_coverage(default pack's 47 cases)": lambda: rule_coverage(rules="rules/default"),
}

if __name__ == "__main__":
    for name, call in CASES.items():
        call()  # registers the rule set with the engine once, as a long-running process would
        runs = 20
        best = min(timeit.repeat(call, number=runs, repeat=3)) / runs
        print(f"{best * 1000:8.1f} ms  {name}")

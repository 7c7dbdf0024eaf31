"""The advice as data: operators, rule files, rule sets, packs, the advice statements and schemas."""

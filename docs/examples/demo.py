"""Print the plan for the example interview beside this file."""

import json
from pathlib import Path

from interview_recovery import recommend

incidents = json.loads((Path(__file__).parent / "bad-interview.json").read_text(encoding="utf-8"))
print(recommend(incidents), end="")

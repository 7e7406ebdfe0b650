"""The chat UI over `qa`: cited answers, a sources panel, the article viewer and a documents tab."""

import os

# Gradio reads these when it is imported and whenever a Blocks is built: no telemetry, no update check.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

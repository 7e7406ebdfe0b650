"""The app's look: a Gradio theme with bundled fonts (nothing fetched from the web) and its CSS."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

CSS_PATH = Path(__file__).parent / "assets" / "style.css"


def app_theme() -> gr.themes.Base:
    # Gradio's bundled Source Sans Pro SemiBold is a tiny subset, so only 400 and 700 are loaded.
    font = [gr.themes.LocalFont("Source Sans Pro", weights=(400, 700)), "system-ui", "sans-serif"]
    return gr.themes.Soft(primary_hue="indigo", font=font).set(
        body_background_fill="*neutral_50",
        block_border_width="1px",
        block_border_color="*neutral_200",
        block_title_background_fill="none",
        block_title_padding="0",
        block_title_text_color="*neutral_700",
        block_title_text_color_dark="*neutral_200",
        block_label_background_fill="none",
        block_label_text_color="*neutral_700",
        block_label_text_color_dark="*neutral_200",
        # Hints, meta lines and placeholders at 4.5:1 or more against their background (WCAG AA); the
        # theme's own grey is 2.4:1 on white.
        body_text_color_subdued="*neutral_600",
        body_text_color_subdued_dark="*neutral_400",
        input_placeholder_color="*neutral_500",
        input_placeholder_color_dark="*neutral_400",
    )

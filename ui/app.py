"""The Gradio app: the Ask tab (chat, sources, article) and the Documents tab, plus the /ask API, and beside them the
OpenAI-compatible API and the MCP server (ui.endpoints)."""

from __future__ import annotations

import sys
from pathlib import Path

import gradio as gr  # ui/__init__.py has already turned Gradio's telemetry off
from starlette.middleware import Middleware

import qa
from ui import chat, documents
from ui.api import ask
from ui.article_view import EMPTY_VIEW
from ui.collection import collection_html
from ui.endpoints import app_kwargs, describe
from ui.languages import ANY_LANGUAGE, language_filter
from ui.serving import RefuseUrlFetches, check_bind, check_port, page_addresses
from ui.source_cards import EMPTY_PANEL
from ui.theme import CSS_PATH, app_theme

ASSETS = Path(__file__).parent / "assets"
TITLE = "News Q&A with citations"
DESCRIPTION = "Ask about the articles, in their languages or in English; every answer cites the passages it quotes."
SIGN_IN_MESSAGE = f"{TITLE}: sign in with the user name and password this server was started with."
EXAMPLE_QUESTIONS = [
    "Who is the governor of the Primorye region?",
    "Kur u largua Kim Jong Un nga Rusia?",
    "Ano ang tinanggap ni Putin mula kay Kim?",
]
CONCURRENT_ANSWERS = 4
MAX_UPLOAD_SIZE = "25mb"


def build_app() -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        header = gr.HTML(header_html(), elem_id="header", js_on_load=None)
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                language = _ask_tab()
            with gr.Tab("Documents", id="documents") as documents_tab:
                listing, picker = _documents_tab(header, language)
        documents_tab.select(documents.refresh_documents, outputs=[listing, picker], api_visibility="private")
        app.load(documents.refresh_documents, outputs=[listing, picker], api_visibility="private")
        app.load(header_html, outputs=header, api_visibility="private")  # the collection as it is at each visit
        app.load(language_filter, language, language, api_visibility="private")  # and the languages it is in
        gr.api(ask, api_name="ask")
    return app


def _ask_tab() -> gr.Dropdown:
    turns = gr.State([])
    with gr.Row(equal_height=False, elem_id="ask-layout"):
        with gr.Column(scale=3, min_width=340, elem_id="chat-column"):
            chatbot = gr.Chatbot(
                elem_id="chat",
                show_label=False,
                height="calc(100vh - 430px)",  # the header above takes two lines
                min_height=320,
                latex_delimiters=[],
                feedback_options=None,
                buttons=[],
                placeholder="**Ask a question** — or try one of these:",
                examples=[{"text": question} for question in EXAMPLE_QUESTIONS],
            )
            question = gr.Textbox(
                elem_id="question",
                show_label=False,
                placeholder="Ask about the news… (Enter to send)",
                submit_btn="Ask",
                lines=1,
                max_lines=6,
                autofocus=True,
            )
            with gr.Row(elem_id="controls"):
                language = gr.Dropdown(
                    [ANY_LANGUAGE], value="any", label="Language", scale=2, min_width=180, elem_id="language"
                )
                top_k = gr.Slider(
                    1, 20, value=5, step=1, label="Sources", info="How many passages to retrieve for each question",
                    scale=3, min_width=200, elem_id="top-k",
                )
                answerer = gr.Dropdown(
                    chat.answerer_choices(), value=chat.answerer_choices()[0], label="Answers by",
                    scale=2, min_width=180, elem_id="answerer", visible=len(chat.answerer_choices()) > 1,
                )
                new_chat = gr.Button("New chat", size="md", scale=0, min_width=100, elem_id="new-chat")
        with gr.Column(scale=2, min_width=320, elem_id="evidence-column"):
            sources = gr.HTML(
                EMPTY_PANEL, elem_id="sources", js_on_load=(ASSETS / "sources_panel.js").read_text()
            )
            article = gr.HTML(
                EMPTY_VIEW, elem_id="article", js_on_load=(ASSETS / "article_view.js").read_text()
            )

    private = {"api_visibility": "private"}
    ask_outputs = [chatbot, turns, question, sources, article]
    ask_inputs = [question, turns, top_k, language, answerer]
    # "always_last": a question sent while the previous answer is finishing waits its turn; Gradio's
    # default ("once") drops it, and the page then never answers it.
    question.submit(chat.respond, ask_inputs, ask_outputs, trigger_mode="always_last", **private)
    chatbot.example_select(chat.example_question, None, question, **private).then(
        chat.respond, ask_inputs, ask_outputs, **private
    )
    chatbot.select(chat.select_answer, turns, sources, **private)
    sources.click(chat.open_citation, turns, [sources, article], **private)
    new_chat.click(chat.new_chat, None, ask_outputs, **private)
    return language


def header_html() -> str:
    """The page's name, what it does, and the collection it answers from, as the index holds it now."""
    return f'<header class="app-header"><h1>{TITLE}</h1><p>{DESCRIPTION}</p>{collection_html()}</header>'


def _documents_tab(header: gr.HTML, language: gr.Dropdown):
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320, elem_id="documents-column"):
            listing = gr.HTML(
                elem_id="documents-list", js_on_load=(ASSETS / "article_list.js").read_text()
            )
            with gr.Row(elem_id="document-actions"):
                picker = gr.Dropdown(
                    label="Article to read or remove", choices=[], elem_id="document-picker", scale=4
                )
                remove = gr.Button(documents.REMOVE_LABEL, variant="stop", scale=1, min_width=90,
                                   elem_id="remove-article")
            status = gr.HTML(elem_id="documents-status", js_on_load=None)
            reader = gr.HTML(
                elem_id="document-reader", js_on_load=(ASSETS / "document_reader.js").read_text()
            )
        with gr.Column(scale=2, min_width=300):
            uploads = documents.UploadBox(
                label="Add articles (.txt, .md, .html)",
                file_count="multiple",
                type="filepath",
                elem_id="uploads",
            )
            ingest = gr.Button("Add to index", variant="primary", elem_id="ingest")
            summary = gr.Textbox(label="Ingest report", lines=4, interactive=False, elem_id="ingest-report")

    pending_removal = gr.State(None)  # the article a first click on Remove asked to confirm
    private = {"api_visibility": "private"}
    # Progress shows on the report alone, not over every component the upload refreshes.
    # The picker is reset by an upload, and the reader with it; the header counts the articles again.
    ingest.click(documents.ingest_uploads, uploads, [summary, listing, picker, uploads, reader],
                 show_progress_on=[summary], **private).then(header_html, None, header, **private
                                                             ).then(language_filter, language, language, **private)
    remove.click(documents.remove_article, [picker, pending_removal],
                 [status, listing, picker, reader, pending_removal, remove], **private
                 ).then(header_html, None, header, **private).then(language_filter, language, language, **private)
    # Picking another article, from the menu or the list, also withdraws a removal waiting for confirmation.
    withdrawal = [pending_removal, remove, status]
    picker.input(documents.read_article, picker, [reader, *withdrawal], **private)
    listing.click(documents.read_clicked_article, None, [picker, reader, *withdrawal], **private)
    return listing, picker


def open_index_early() -> None:
    """Load the model and open the index before serving: on first use the bundled articles are indexed here,
    with progress in this terminal, instead of during the first question, which would wait on "Searching the
    articles…" for the whole build. An index that cannot be opened is reported, and the page says so when asked."""
    try:
        qa.open_index()
    except qa.IndexUnusable as error:
        print(f"The index cannot be used yet: {error}", file=sys.stderr, flush=True)


def launch(host: str = "127.0.0.1", port: int = 7860, auth: str | None = None, api_key: str | None = None) -> None:
    """Serve the app; a non-loopback `host` needs `auth` ("user:pass", or $QA_AUTH) for the page and `api_key` for
    the API and MCP."""
    credentials = check_bind(host, auth)
    check_port(host, port)  # a port in use is a one-line message, not Gradio's traceback
    open_index_early()
    app = build_app()
    app.queue(default_concurrency_limit=CONCURRENT_ANSWERS)
    interfaces = app_kwargs(host, api_key)
    print(f"The chat page is at {' and '.join(page_addresses(host, port))} (Ctrl+C stops it)\n"
          f"{describe(host, port, api_key)}", flush=True)
    app.launch(
        quiet=True,  # Gradio's own lines suggest share=True, which this app never uses
        server_name=host,
        server_port=port,
        auth=credentials,
        auth_message=SIGN_IN_MESSAGE,
        share=False,
        ssr_mode=False,
        pwa=False,
        mcp_server=False,
        enable_monitoring=False,
        show_error=True,
        max_file_size=MAX_UPLOAD_SIZE,
        footer_links=["api"],
        theme=app_theme(),
        css_paths=[CSS_PATH],
        app_kwargs={**interfaces, "middleware": [Middleware(RefuseUrlFetches), *interfaces["middleware"]]},
    )

// Runs once when the sources panel loads. `element` is the panel, `trigger` sends an event to Python.
// Source cards here and [n] links in the chat both send {turn, source}; Python opens that article.
const openSource = (turn, source) => trigger("click", { turn: Number(turn), source: Number(source) });
const openCard = (card) => {
  window.qaOpenedCitation = null; // opened from its card: "Back to the answer" returns to where the page was
  openSource(card.dataset.turn, card.dataset.source);
};

element.addEventListener("click", (event) => {
  const card = event.target.closest(".source-card");
  if (card) openCard(card);
});
element.addEventListener("keydown", (event) => {
  const card = event.target.closest(".source-card");
  if (card && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    openCard(card);
  }
});

if (!window.qaCitationLinks) {
  window.qaCitationLinks = true;
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest('a[href^="#source-"]');
      const match = link && /^#source-(\d+)-(\d+)$/.exec(link.getAttribute("href"));
      if (!match) return;
      event.preventDefault();
      event.stopPropagation();
      window.qaOpenedCitation = link; // "Back to the answer" returns to it (article_view.js)
      openSource(match[1], match[2]);
    },
    true,
  );
}

// Keep the open card (a citation was clicked) in the panel's visible part: when the panel is redrawn with it,
// and when the panel shrinks because the article view below it opened.
const panel = element.closest("#sources") || element;
const keepActiveCardInView = () => {
  const card = element.querySelector(".source-card.active");
  if (!card) return;
  const top = card.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  if (top < 0 || top + card.offsetHeight > panel.clientHeight) panel.scrollTop += top - 8;
};
watch("value", keepActiveCardInView);
new ResizeObserver(keepActiveCardInView).observe(panel);

// Runs once when the article view loads: each time it shows an article, bring the highlight into view.
const panel = element.closest("#article") || element;
let returnTo = null; // where the page was before it scrolled down to the highlight (phone width)
element.addEventListener("click", (event) => {
  if (!event.target.closest(".back-to-answer")) return;
  // The citation that opened the article may sit above the chat's own scrolled part: bring it into view.
  const citation = window.qaOpenedCitation;
  if (citation && citation.isConnected) citation.scrollIntoView({ block: "center" });
  else if (returnTo === null) document.querySelector("#chat").scrollIntoView({ block: "start" });
  else window.scrollTo({ top: returnTo });
});
watch("value", () => {
  const mark = element.querySelector("mark.cited-span");
  returnTo = null;
  if (!mark) {
    panel.scrollTop = 0;
    return;
  }
  // Centre the highlight inside this scrolling panel, then scroll the page only if the panel is off screen.
  const offset = mark.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  panel.scrollTop += offset - panel.clientHeight / 3;
  const box = mark.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) {
    returnTo = window.scrollY;
    mark.scrollIntoView({ block: "center" });
  }
});

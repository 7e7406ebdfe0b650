// Runs once when the article view loads: each time it shows an article, bring the highlight into view.
const panel = element.closest("#article") || element;
watch("value", () => {
  const mark = element.querySelector("mark.cited-span");
  if (!mark) {
    panel.scrollTop = 0;
    return;
  }
  // Centre the highlight inside this scrolling panel, then scroll the page only if the panel is off screen.
  const offset = mark.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  panel.scrollTop += offset - panel.clientHeight / 3;
  const box = mark.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) mark.scrollIntoView({ block: "center" });
});

// Runs once when the reader loads: each time it shows an article, scroll the page to it if most of it is
// below the fold (the list of articles above it can be long).
watch("value", () => {
  const view = element.querySelector(".article-view");
  if (!view) return;
  const box = view.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight / 2) view.scrollIntoView({ block: "start" });
});

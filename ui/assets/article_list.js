// Runs once when the documents list loads: clicking (or Enter on) a row asks Python to open that article.
const openRow = (event) => {
  const row = event.target.closest(".doc-row");
  if (row) trigger("click", { document: row.dataset.document });
};
element.addEventListener("click", openRow);
element.addEventListener("keydown", (event) => {
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    openRow(event);
  }
});

// Search page: reads the form (and the address, /search/?q=…), hands the search to a worker
// (search-worker.js, which asks the site's Pagefind index) and shows what it sends.
//
// A plain script placed after the form, not a module: it runs while the page is still
// being read, before the theme's script, so the worker starts loading the index at once.
(() => {
  const form = document.getElementById("bl-search");
  const statusLine = document.getElementById("bl-search-status");
  const list = document.getElementById("bl-search-results");
  const moreButton = document.getElementById("bl-search-more");
  const options = JSON.parse(document.getElementById("bl-search-options").textContent);
  const FILTERS = ["series", "year", "unit", "category"];
  // Opened as a file (file:///…), the browser starts no worker and loads no index: say so
  // on the page (its notice above says how to open the site) instead of staying blank.
  let worker;
  try {
    if (location.protocol === "file:") throw new Error("opened as a file");
    worker = new Worker(new URL(options.worker, document.baseURI), { type: "module" });
  } catch (error) {
    console.error("search:", error);
    statusLine.textContent =
      "搜索不能使用：本网站是作为本地文件打开的，浏览器在这种方式下不能搜索。请经网页服务器打开本网站（见页面上方的说明）后再搜索。";
    return;
  }
  const workerOptions = { ...options, bundle: new URL(options.bundle, document.baseURI).href };

  let current = null; // the latest search: its run, query, filters; what has been shown
  let runs = 0;

  function readForm() {
    const data = new FormData(form);
    const query = (data.get("q") || "").trim();
    const filters = {};
    for (const name of FILTERS) {
      const value = data.get(name);
      if (value) filters[name] = value;
    }
    return { query, filters, sort: data.get("sort") || "" };
  }

  function writeForm(params) {
    form.elements.q.value = params.get("q") || "";
    for (const name of [...FILTERS, "sort"]) {
      const value = params.get(name) || "";
      const select = form.elements[name];
      if ([...select.options].some((o) => o.value === value)) select.value = value;
    }
  }

  // A result as the worker sends it, all plain text: the excerpt's pieces at odd places are
  // the words asked for, marked.
  function renderResult(result) {
    const make = (tag, className, text) => Object.assign(document.createElement(tag), { className, textContent: text });
    const item = make("li", "bl-search-result", "");
    const title = make("a", "bl-search-title", result.title);
    title.href = result.url;
    const excerpt = make("p", "bl-search-excerpt", "");
    excerpt.append(...result.excerpt.map((text, i) => (i % 2 ? make("mark", "", text) : text)));
    item.append(title, make("p", "bl-search-meta", `${result.unit} · ${result.issue} · ${result.date}`), excerpt);
    return item;
  }

  function describe(search) {
    const { query, filters } = search;
    const parts = Object.values(filters);
    const asked = query ? `“${query}”` : "所选条件";
    return parts.length && query ? `${asked}（${parts.join("、")}）` : asked;
  }

  // The first answer a reader sees after opening the page (a result, or that there is none),
  // as a User Timing mark for measurements (scripts/benchmark.py).
  function answered() {
    if (!performance.getEntriesByName("bl-search-answer").length) performance.mark("bl-search-answer");
  }

  worker.addEventListener("message", ({ data }) => {
    const search = current;
    if (!search || data.run !== search.run) return; // an older search's
    if (data.type === "result") {
      list.append(renderResult(data.result));
      answered();
    } else if (data.type === "end") {
      if (data.shown === 0) {
        statusLine.textContent = `没有找到包含${describe(search)}的信息。请换一个词，或用空格分开几个词再试。`;
        answered();
      } else {
        statusLine.textContent = `${describe(search)}：已显示 ${data.shown} 条${data.done ? "，全部结果" : ""}。`;
      }
      moreButton.hidden = data.done;
    } else if (data.type === "error") {
      fail(data.message);
    }
  });
  worker.addEventListener("error", (event) => fail(event.message || "the search worker did not start"));

  // The index could not be loaded or read (a file missing on the server, say): the reader is
  // told, and the cause goes to the console for whoever maintains the site.
  function fail(cause) {
    console.error("search:", cause);
    moreButton.hidden = true;
    statusLine.textContent = "搜索暂时无法使用：检索索引未能载入。请刷新页面再试；如仍不行，请联系信息科。";
  }

  function runSearch() {
    const { query, filters, sort } = readForm();
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [k, v] of Object.entries(filters)) params.set(k, v);
    if (sort) params.set("sort", sort);
    history.replaceState(null, "", `${location.pathname}${params.toString() ? "?" + params : ""}`);
    list.replaceChildren();
    moreButton.hidden = true;
    if (!query && !Object.keys(filters).length) {
      current = null;
      statusLine.textContent = "";
      return;
    }
    current = { run: ++runs, query, filters };
    statusLine.textContent = "正在搜索…";
    worker.postMessage({ type: "search", run: current.run, query, filters, sort, options: workerOptions });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch();
  });
  for (const name of [...FILTERS, "sort"]) {
    form.elements[name].addEventListener("change", () => runSearch());
  }
  moreButton.addEventListener("click", () => {
    moreButton.hidden = true;
    worker.postMessage({ type: "more", run: current.run });
  });

  writeForm(new URLSearchParams(location.search));
  if (form.elements.q.value || FILTERS.some((n) => form.elements[n].value)) runSearch();
  else form.elements.q.focus();
})();

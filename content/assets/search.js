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

  // Each filter's choices as [key, name]: the form and the address hold the key, the index's
  // filters the name.
  const nameOf = (field, key) => (options.filters[field].choices.find((c) => c[0] === key) || [key, key])[1];

  // A filter's value as the address gives it: its key (?unit=yunling) or its name
  // (?unit=云岭县委办公室; a year as 2026 or 2026年); null when the archive has no such choice.
  function findKey(field, value) {
    const wanted = field === "year" ? value.trim().replace(/年$/, "") : value.trim();
    const choices = options.filters[field].choices;
    const found =
      choices.find((c) => c[0] === wanted) ||
      choices.find((c) => c[1] === wanted) ||
      choices.find((c) => c[0].toLowerCase() === wanted.toLowerCase());
    return found ? found[0] : null;
  }

  // The query and the filters the form holds; the filters by key (the address's) and by name
  // (the index's).
  function readForm() {
    const data = new FormData(form);
    const query = (data.get("q") || "").trim();
    const keys = {};
    const filters = {};
    for (const name of FILTERS) {
      const value = data.get(name);
      if (value) {
        keys[name] = value;
        filters[name] = nameOf(name, value);
      }
    }
    return { query, keys, filters, sort: data.get("sort") || "" };
  }

  // The address's query and filters into the form; the filters it names that the archive does
  // not have, as [label, value].
  function writeForm(params) {
    form.elements.q.value = params.get("q") || "";
    const unknown = [];
    for (const name of FILTERS) {
      const value = (params.get(name) || "").trim();
      const key = value ? findKey(name, value) : "";
      if (key === null) unknown.push([options.filters[name].label, value]);
      form.elements[name].value = key || "";
    }
    const sort = params.get("sort") || "";
    if ([...form.elements.sort.options].some((o) => o.value === sort)) form.elements.sort.value = sort;
    return unknown;
  }

  // Whether a query holds anything to find: a letter or a digit (punctuation, symbols and emoji
  // are not in the index).
  const hasWord = (query) => /[\p{L}\p{N}]/u.test(query);

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
    return parts.length ? `${asked}（${parts.join("、")}）` : asked;
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
    // The preview (make serve) builds no index: its page says why, and what to do (options.failure).
    statusLine.textContent =
      options.failure || "搜索暂时无法使用：检索索引未能载入。请刷新页面再试；如仍不行，请联系信息科。";
  }

  function runSearch() {
    const { query, keys, filters, sort } = readForm();
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [k, v] of Object.entries(keys)) params.set(k, v);
    if (sort) params.set("sort", sort);
    history.replaceState(null, "", `${location.pathname}${params.toString() ? "?" + params : ""}`);
    list.replaceChildren();
    moreButton.hidden = true;
    if (!query && !Object.keys(filters).length) {
      current = null;
      statusLine.textContent = "";
      return;
    }
    if (query && !hasWord(query)) {
      // Punctuation or symbols only: the same answer for any of them, without asking the index.
      current = null;
      statusLine.textContent = `没有找到包含“${query}”的信息：搜索词里只有标点或符号。请输入要查找的词语。`;
      answered();
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

  // An address whose filter names nothing the archive has (a unit since renamed, a typing slip)
  // is not searched: the page says which, and the form shows 全部 for it, ready to search again.
  const unknown = writeForm(new URLSearchParams(location.search));
  if (unknown.length) {
    const clip = (value) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);
    const named = unknown.map(([label, value]) => `${label}“${clip(value)}”`).join("、");
    statusLine.textContent = `本站没有${named}，没有进行搜索。请在上面重新选择，或选“全部”后再搜索。`;
    answered();
  } else if (form.elements.q.value || FILTERS.some((n) => form.elements[n].value)) runSearch();
  else form.elements.q.focus();
})();

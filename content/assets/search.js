// Search page: asks the site's own Pagefind index (one per year, merged), checks each
// result really holds the words asked for, and shows one entry per report.
// Nothing is fetched from outside the site.

const form = document.getElementById("bl-search");
const statusLine = document.getElementById("bl-search-status");
const list = document.getElementById("bl-search-results");
const moreButton = document.getElementById("bl-search-more");
const options = JSON.parse(document.getElementById("bl-search-options").textContent);
const bundle = new URL(options.bundle, document.baseURI);
const FILTERS = ["series", "year", "unit", "category"];
const BATCH = 20;
// Single characters that carry no meaning of their own in a query.
const STOP = new Set("的了和与及在是对把等之或也为以于其".split(""));

let pagefind = null; // all years merged: for relevance
const yearIndexes = new Map(); // one year each: for date order, year after year
let state = null; // the current search: candidates, position, shown count, terms

const baseUrl = () => new URL("../", bundle).pathname;

async function loadIndex() {
  if (pagefind) return pagefind;
  const [first, ...rest] = options.indexes;
  pagefind = await import(new URL(`${first}/pagefind.js?merged`, bundle).href);
  await pagefind.options({ baseUrl: baseUrl(), excerptLength: 40 });
  for (const year of rest) {
    await pagefind.mergeIndex(new URL(`${year}/`, bundle).href, { baseUrl: baseUrl() });
  }
  return pagefind;
}

async function loadYear(year) {
  if (!yearIndexes.has(year)) {
    const index = await import(new URL(`${year}/pagefind.js`, bundle).href);
    await index.options({ baseUrl: baseUrl() });
    yearIndexes.set(year, index);
  }
  return yearIndexes.get(year);
}

// Candidates in order: by relevance from the merged index, or by date one year at a time
// (the indexes are per year), so that a date-ordered list never loads more years than shown.
async function* candidates(query, filters, sort) {
  if (!sort && query) {
    yield* (await (await loadIndex()).search(query, { filters })).results;
    return;
  }
  const years = [...options.indexes].sort();
  if (sort !== "asc") years.reverse();
  for (const year of years) {
    // The indexes are by folder year, the year filter is the year: a report filed
    // in one year is published in that year or the next, so only those indexes are asked.
    const wanted = Number(filters.year);
    if (wanted && Number(year) !== wanted && Number(year) + 1 !== wanted) continue;
    const index = await loadYear(year);
    yield* (await index.search(query || null, { filters, sort: { date: sort || "desc" } })).results;
  }
}

async function take(source, count) {
  const out = [];
  while (out.length < count) {
    const next = await source.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// The words a result must hold: each space-separated part of the query, whole. A part
// that no result holds whole falls back to its words (dictionary words kept whole).
function splitWords(part) {
  const words = [];
  let rest = part;
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  while (rest) {
    const known = options.dictionary.find((w) => rest.startsWith(w));
    if (known) {
      words.push(known);
      rest = rest.slice(known.length);
      continue;
    }
    const first = segmenter.segment(rest)[Symbol.iterator]().next().value;
    const word = first ? first.segment : rest[0];
    if (word.trim() && !(word.length === 1 && STOP.has(word))) words.push(word);
    rest = rest.slice(word.length);
  }
  return words;
}

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

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const BIGRAM_MARK = "⁂";

// The query as the index was written: each run of Chinese characters as its pairs of
// neighbouring characters (the pages index the same pairs beside their text).
function toIndexQuery(parts) {
  return parts
    .map((part) => {
      const grams = [];
      for (const run of part.match(HAN_RUN) || []) {
        if (run.length === 1) grams.push(run);
        for (let i = 0; i + 1 < run.length; i += 1) grams.push(run.slice(i, i + 2));
      }
      const rest = part.replace(HAN_RUN, " ").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      return [...grams, ...rest].join(" ");
    })
    .join(" ");
}

// The report's text put back together from its indexed pairs (电动 动自 自行 行车 -> 电动自行车).
function rebuildText(indexed) {
  let text = "";
  let previous = "";
  for (const token of indexed.split(/\s+/)) {
    if (!token) continue;
    // A pair, possibly with punctuation Pagefind added after it ("完成.").
    const pair = /^[\u3400-\u9fff\uf900-\ufaff]{2}/.test(token) ? token.slice(0, 2) : "";
    if (pair && previous && previous[1] === pair[0]) text += token.slice(1);
    else if (!pair && /^[\p{L}\p{N}]/u.test(token) && /[\p{L}\p{N}]$/u.test(text) && !/[\u3400-\u9fff]$/.test(text)) {
      text += ` ${token}`; // words of Latin letters or digits keep their space
    } else text += token;
    previous = pair && token.length === 2 ? pair : "";
  }
  return text;
}

// The readable text of a result: its words and, rebuilt, its indexed text.
function readable(data) {
  const content = data.content || "";
  const cut = content.indexOf(BIGRAM_MARK);
  if (cut < 0) return `${data.meta?.title || ""} ${content}`;
  return `${data.meta?.title || ""} ${content.slice(0, cut)} ${rebuildText(content.slice(cut + 1))}`;
}

// The report's own text, for the excerpt.
function bodyText(data) {
  const content = data.content || "";
  const cut = content.indexOf(BIGRAM_MARK);
  return cut < 0 ? content : rebuildText(content.slice(cut + 1));
}

function holdsAll(text, terms) {
  const lower = text.toLowerCase();
  return terms.every((t) => lower.includes(t.toLowerCase()));
}

function makeExcerpt(content, terms) {
  const lower = content.toLowerCase();
  let at = terms.length ? lower.indexOf(terms[0].toLowerCase()) : 0;
  if (at < 0) at = 0;
  const start = Math.max(0, at - 40);
  let piece = content.slice(start, start + 120);
  const pattern = [...terms]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|");
  // Mark the terms in the plain text, then escape each piece: one pass, no nested marks.
  const html = pattern
    ? piece.split(new RegExp(`(${pattern})`, "gi")).map((part, i) => (i % 2 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part))).join("")
    : escapeHtml(piece);
  return (start > 0 ? "…" : "") + html + (start + 120 < content.length ? "…" : "");
}

function renderResult(data, terms) {
  const item = document.createElement("li");
  item.className = "bl-search-result";
  const meta = data.meta || {};
  const title = (meta.title || data.url).replace(/^\s+|\s+$/g, "");
  item.innerHTML =
    `<a class="bl-search-title" href="${escapeHtml(data.url)}">${escapeHtml(title)}</a>` +
    `<p class="bl-search-meta">${escapeHtml(meta.unit || "")} · ${escapeHtml(meta.issue || "")} · ` +
    `${escapeHtml(meta.date || "")}</p>` +
    `<p class="bl-search-excerpt">${makeExcerpt(bodyText(data), terms)}</p>`;
  return item;
}

function describe() {
  const { query, filters } = state;
  const parts = Object.values(filters);
  const asked = query ? `“${query}”` : "所选条件";
  return parts.length && query ? `${asked}（${parts.join("、")}）` : asked;
}

async function showMore() {
  moreButton.hidden = true;
  const { terms } = state;
  let added = 0;
  let read = 0;
  // Read candidates until a page of real matches is shown or the candidates run out.
  while (!state.done && added < BATCH) {
    const batch = state.pending.length ? state.pending.splice(0) : await take(state.source, BATCH);
    if (batch.length < BATCH) state.done = true;
    read += batch.length;
    const pages = await Promise.all(batch.map((r) => r.data()));
    if (state.run !== generation) return; // a newer search has started
    // Within a batch, reports whose title holds the words come first.
    const inTitle = (d) => (terms.length && holdsAll(d.meta?.title || "", terms) ? 0 : 1);
    if (!state.sorted) pages.sort((a, b) => inTitle(a) - inTitle(b));
    for (const data of pages) {
      if (terms.length && !holdsAll(readable(data), terms)) continue;
      list.append(renderResult(data, terms));
      added += 1;
    }
    // Pagefind ranks pages holding more of the words first: two batches without any real
    // match mean the rest holds none either.
    if (!state.sorted && terms.length && added === 0 && read >= BATCH * 2) state.done = true;
  }
  state.shown += added;
  if (state.shown === 0) {
    statusLine.textContent = `没有找到包含${describe()}的信息。请换一个词，或用空格分开几个词再试。`;
  } else {
    statusLine.textContent = `${describe()}：已显示 ${state.shown} 条${state.done ? "，全部结果" : ""}。`;
  }
  moreButton.hidden = state.done;
}

let generation = 0; // the latest search; an older one still running stops showing anything

async function runSearch() {
  const run = ++generation;
  const { query, filters, sort } = readForm();
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [k, v] of Object.entries(filters)) params.set(k, v);
  if (sort) params.set("sort", sort);
  history.replaceState(null, "", `${location.pathname}${params.toString() ? "?" + params : ""}`);
  list.replaceChildren();
  moreButton.hidden = true;
  if (!query && !Object.keys(filters).length) {
    statusLine.textContent = "";
    return;
  }
  statusLine.textContent = "正在搜索…";
  const index = await loadIndex();
  const parts = query.split(/\s+/).filter(Boolean);
  // Whole parts first; if no candidate holds a part whole, ask for its words instead.
  let terms = parts;
  let source = candidates(query ? toIndexQuery(parts) : null, filters, sort);
  let first = await take(source, BATCH);
  const firstPages = await Promise.all(first.map((r) => r.data()));
  if (parts.length && !firstPages.some((d) => holdsAll(readable(d), parts))) {
    const words = parts.flatMap(splitWords);
    if (words.length > parts.length) {
      terms = words;
      source = candidates(toIndexQuery(words), filters, sort);
      first = await take(source, BATCH);
    }
  }
  if (run !== generation) return;
  state = { query, filters, source, pending: first, done: false, shown: 0, terms, sorted: !!sort, run };
  window.blSearchState = state; // for the browser tests
  await showMore();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  runSearch();
});
for (const name of [...FILTERS, "sort"]) {
  form.elements[name].addEventListener("change", () => runSearch());
}
moreButton.addEventListener("click", () => showMore());

writeForm(new URLSearchParams(location.search));
if (form.elements.q.value || FILTERS.some((n) => form.elements[n].value)) runSearch();
else form.elements.q.focus();

// Search page: asks the site's own Pagefind index (in parts of consecutive years, newest
// first), keeps the results that hold the words asked for, and shows one entry per report.
// Nothing is fetched from outside the site.
//
// The index holds each Chinese character as a word naming it and the next one (see
// hooks/bulletin/indextext.py): a phrase is asked for as its first and last pairs, and a
// result holds the phrase where they stand at the phrase's distance. Pagefind gives each
// result's matching positions before its text is loaded, so only real matches are loaded
// (and their text checked once more when shown).

const form = document.getElementById("bl-search");
const statusLine = document.getElementById("bl-search-status");
const list = document.getElementById("bl-search-results");
const moreButton = document.getElementById("bl-search-more");
const options = JSON.parse(document.getElementById("bl-search-options").textContent);
const bundle = new URL(options.bundle, document.baseURI);
const FILTERS = ["series", "year", "unit", "category"];
const BATCH = 10;
// Single characters that carry no meaning of their own in a query.
const STOP = new Set("的了和与及在是对把等之或也为以于其".split(""));

const partIndexes = new Map(); // one part each, asked part after part
let state = null; // the current search: candidates, position, shown count, terms

// Results link to the site's pages; the search runs in the page itself (a worker would cost
// the first query another script and its start, for no gain at this size).
const indexOptions = () => ({ baseUrl: new URL("../", bundle).pathname, noWorker: true });

let merged = null;

// Every part merged into one index: relevance across all years ("sort=all").
function loadAllParts() {
  merged ??= (async () => {
    const [first, ...rest] = options.indexes;
    const index = await import(new URL(`${first.name}/pagefind.js?merged`, bundle).href);
    await index.options(indexOptions());
    await Promise.all(rest.map((part) => index.mergeIndex(new URL(`${part.name}/`, bundle).href, indexOptions())));
    return index;
  })();
  return merged;
}

async function loadPart(part) {
  if (!partIndexes.has(part.name)) {
    const index = await import(new URL(`${part.name}/pagefind.js`, bundle).href);
    await index.options(indexOptions());
    partIndexes.set(part.name, index);
  }
  return partIndexes.get(part.name);
}

// Results in order, one part of the index (consecutive years) at a time, newest first
// (oldest first for "asc"): by relevance within each part, or by date. A query asks the
// older parts only when the reader wants more than the newer ones hold, so what it fetches
// does not grow with the archive. "all" asks every part at once, by relevance across all.
// Only results whose matching positions hold each phrase are given.
async function* candidates(asked, filters, sort) {
  const keep = (results) => (asked ? results.filter((r) => holdsPhrases(r.words, asked.phrases)) : results);
  if (sort === "all" && asked) {
    yield* keep((await (await loadAllParts()).search(asked.query, { filters })).results);
    return;
  }
  const parts = [...options.indexes].sort((a, b) => a.years[0] - b.years[0]);
  if (sort !== "asc") parts.reverse();
  const byDate = !asked || sort === "asc" || sort === "desc";
  for (const part of parts) {
    // The parts are by folder year, the year filter is the year: a report filed
    // in one year is published in that year or the next, so only those parts are asked.
    const wanted = Number(filters.year);
    if (wanted && !part.years.includes(wanted) && !part.years.includes(wanted - 1)) continue;
    const index = await loadPart(part);
    const order = byDate ? { sort: { date: sort === "asc" ? "asc" : "desc" } } : {};
    yield* keep((await index.search(asked ? asked.query : null, { filters, ...order })).results);
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

const HAN = "\u3400-\u9fff\uf900-\ufaff";
const PIECE = new RegExp(`[${HAN}]+|(?:(?![${HAN}])[\\p{L}\\p{N}])+`, "gu");
const IS_HAN = new RegExp(`^[${HAN}]`, "u");
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const CODED = /^q[0-9a-y][0-9a-z]{5}$/;
const TEXT_MARK = "⁂";

function encodeChar(char) {
  const point = char.codePointAt(0);
  const n = point <= 0x9fff ? point - 0x3400 : 0x6c00 + point - 0xf900;
  return DIGITS[Math.floor(n / 1296)] + DIGITS[Math.floor(n / 36) % 36] + DIGITS[n % 36];
}

function decodeChar(word) {
  const n = parseInt(word.slice(1, 4), 36);
  return String.fromCodePoint(n < 0x6c00 ? n + 0x3400 : n - 0x6c00 + 0xf900);
}

// The query as the index was written: a run of Chinese characters as its first and last
// pairs (each costs a query one index chunk per part of the index), a single character as
// the prefix of its words, other words as they are. A run of three or more characters is a
// phrase: the offsets at which its two pairs must stand (the text is checked when shown).
function encodeQuery(parts) {
  const words = [];
  const phrases = [];
  for (const part of parts) {
    for (const piece of part.match(PIECE) || []) {
      if (!IS_HAN.test(piece)) {
        words.push(piece.toLowerCase());
        continue;
      }
      const chars = [...piece];
      if (chars.length === 1) {
        words.push(`q${encodeChar(chars[0])}`);
        continue;
      }
      const offsets = chars.length === 2 ? [0] : [0, chars.length - 2];
      for (const i of offsets) words.push(`q${encodeChar(chars[i])}${encodeChar(chars[i + 1])}`);
      if (offsets.length > 1) phrases.push(offsets);
    }
  }
  return words.length ? { query: words.join(" "), phrases } : null;
}

// Whether the matching positions of a result hold every phrase: a position where the first
// pair stands and the others at their offsets. (Checked again on the text when it is shown.)
function holdsPhrases(positions, phrases) {
  if (!phrases.length) return true;
  const at = new Set(positions);
  return phrases.every((offsets) => positions.some((p) => offsets.every((o) => at.has(p + o))));
}

// The readable text put back together from the indexed words.
function decodeText(indexed) {
  let text = "";
  for (const word of indexed.split(/[\s\u200b]+/)) {
    if (!word) continue;
    if (CODED.test(word)) text += decodeChar(word);
    else if (/[\p{L}\p{N}]$/u.test(text) && !IS_HAN.test(text.slice(-1)) && /^[\p{L}\p{N}]/u.test(word)) text += ` ${word}`;
    else text += word;
  }
  return text;
}

// All the indexed text of a result (title, units' names, keywords, text), readable.
function readable(data) {
  return decodeText(data.content || "");
}

// The report's own text (after TEXT_MARK) of a result's readable text, for the excerpt.
function bodyText(text) {
  return text.slice(text.indexOf(TEXT_MARK) + 1);
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

function renderResult(data, text, terms) {
  const item = document.createElement("li");
  item.className = "bl-search-result";
  const meta = data.meta || {};
  const url = data.url.replace(/\.html$/, "/"); // a record is its page's path as a file
  const title = (meta.title || url).replace(/^\s+|\s+$/g, "");
  item.innerHTML =
    `<a class="bl-search-title" href="${escapeHtml(url)}">${escapeHtml(title)}</a>` +
    `<p class="bl-search-meta">${escapeHtml(meta.unit || "")} · ${escapeHtml(meta.issue || "")} · ` +
    `${escapeHtml(meta.date || "")}</p>` +
    `<p class="bl-search-excerpt">${makeExcerpt(bodyText(text), terms)}</p>`;
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

// Shows the next results of the current search. A newer search replaces `state`; this one
// keeps its own and stops as soon as it is no longer the latest.
async function showMore() {
  const search = state;
  const stale = () => search.run !== generation;
  moreButton.hidden = true;
  let added = 0;
  // Read candidates until a page of real matches is shown or the candidates run out.
  while (!search.done && added < BATCH) {
    const batch = search.pending.length ? search.pending.splice(0) : await take(search.source, BATCH);
    if (stale()) return;
    if (batch.length < BATCH) search.done = true;
    // Loaded together, shown in order as they arrive (a title holding the words ranks first:
    // the index weighs the title's words).
    for (const loading of batch.map((r) => r.data())) {
      const data = await loading;
      if (stale()) return;
      const text = readable(data); // decoded once, for the check and the excerpt
      if (search.terms.length && !holdsAll(text, search.terms)) continue;
      list.append(renderResult(data, text, search.terms));
      added += 1;
      answered();
    }
  }
  search.shown += added;
  if (search.shown === 0) {
    statusLine.textContent = `没有找到包含${describe(search)}的信息。请换一个词，或用空格分开几个词再试。`;
    answered();
  } else {
    statusLine.textContent = `${describe(search)}：已显示 ${search.shown} 条${search.done ? "，全部结果" : ""}。`;
  }
  moreButton.hidden = search.done;
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
  const parts = query.split(/\s+/).filter(Boolean);
  // Whole parts first; if no result holds them whole, ask for their words instead.
  let terms = parts;
  const asked = encodeQuery(parts);
  const nothing = (async function* () {})(); // a query of punctuation only holds no word to find
  let source = parts.length && !asked ? nothing : candidates(asked, filters, sort);
  let first = await take(source, BATCH);
  if (parts.length && !first.length) {
    const words = parts.flatMap(splitWords);
    if (words.length > parts.length) {
      terms = words;
      source = candidates(encodeQuery(words), filters, sort);
      first = await take(source, BATCH);
    }
  }
  if (run !== generation) return;
  state = { query, filters, source, pending: first, done: false, shown: 0, terms, run };
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
